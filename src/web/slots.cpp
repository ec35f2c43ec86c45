#include "web/slots.hpp"

#include <map>
#include <mutex>
#include <shared_mutex>

namespace orientir::web {

namespace {
struct Registry {
    std::shared_mutex mu;
    std::map<std::string, std::vector<SlotRenderer>> slots;
    std::optional<PracticeSearch> search;
};
Registry& Reg() {
    static Registry r;
    return r;
}
}  // namespace

void RegisterSlot(const std::string& name, SlotRenderer renderer) {
    std::unique_lock lock(Reg().mu);
    Reg().slots[name].push_back(std::move(renderer));
}

std::string RenderSlot(const std::string& name, const SlotContext& ctx) {
    std::vector<SlotRenderer> renderers;
    {
        std::shared_lock lock(Reg().mu);
        auto it = Reg().slots.find(name);
        if (it != Reg().slots.end()) renderers = it->second;
    }
    std::string out;
    for (const auto& r : renderers) out += r(ctx);
    // The marker lets a reader of the page source find the extension point.
    return "<!-- slot:" + name + " -->" + out;
}

void SetPracticeSearch(PracticeSearch search) {
    std::unique_lock lock(Reg().mu);
    Reg().search = std::move(search);
}

const PracticeSearch* GetPracticeSearch() {
    std::shared_lock lock(Reg().mu);
    return Reg().search ? &*Reg().search : nullptr;
}

}  // namespace orientir::web
