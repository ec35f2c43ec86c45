#include "storage/store.hpp"

#include <map>
#include <mutex>

namespace orientir::storage {

namespace {
std::mutex& RegistryMutex() {
    static std::mutex mu;
    return mu;
}
std::map<std::string, StoreOpener>& Registry() {
    static std::map<std::string, StoreOpener> r;
    return r;
}
}  // namespace

void RegisterStoreBackend(const std::string& scheme, StoreOpener opener) {
    std::lock_guard lock(RegistryMutex());
    Registry()[scheme] = std::move(opener);
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& url) {
    auto colon = url.find("://");
    if (colon != std::string::npos) {
        std::string scheme = url.substr(0, colon);
        if (scheme == "postgres") scheme = "postgresql";
        StoreOpener opener;
        {
            std::lock_guard lock(RegistryMutex());
            auto it = Registry().find(scheme);
            if (it != Registry().end()) opener = it->second;
        }
        if (!opener) {
            return Error::Invalid("db", "unsupported_backend",
                                  "no store backend for \"" + scheme + "://\" in this build");
        }
        return opener(url);
    }
    std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
    SqliteOptions o;
    o.path = path;
    return OpenSqliteStore(o);
}

}  // namespace orientir::storage
