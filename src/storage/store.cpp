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

std::optional<std::string> RenderItem(const ItemProjector* projector, const std::string& kind, const Doc& doc) {
    if (!projector || !projector->render) return std::nullopt;
    return projector->render(kind, doc);
}

std::vector<std::optional<std::string>> IndexValues(const IndexEntries& entries,
                                                    const std::vector<std::string>& fields) {
    std::vector<std::optional<std::string>> out;
    for (const auto& field : fields) {
        std::optional<std::string> value;
        for (const auto& e : entries)
            if (e.field == field && (!value || e.value < *value)) value = e.value;
        out.push_back(std::move(value));
    }
    return out;
}

std::string EncodeItemFields(const std::vector<std::optional<std::string>>& values) {
    std::string out;
    for (const auto& v : values) {
        if (!v) {
            out += '-';
            continue;
        }
        out += std::to_string(v->size());
        out += ':';
        out += *v;
    }
    return out;
}

std::vector<std::optional<std::string>> DecodeItemFields(std::string_view text) {
    std::vector<std::optional<std::string>> out;
    std::size_t at = 0;
    while (at < text.size()) {
        if (text[at] == '-') {
            out.emplace_back();
            ++at;
            continue;
        }
        std::size_t n = 0, digits = 0;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9' && digits < 9) {
            n = n * 10 + static_cast<std::size_t>(text[at++] - '0');
            ++digits;
        }
        if (digits == 0 || at >= text.size() || text[at] != ':' || text.size() - at - 1 < n) return {};
        out.emplace_back(std::string(text.substr(at + 1, n)));
        at += 1 + n;
    }
    return out;
}

ItemRow ItemRowOf(Doc doc, std::optional<std::string> item, const std::optional<std::string>& kept,
                  std::vector<std::optional<std::string>> looked_up, const std::vector<int>& stored) {
    ItemRow row{std::move(doc), std::move(item), std::move(looked_up)};
    if (!kept) return row;
    auto values = DecodeItemFields(*kept);
    for (std::size_t f = 0; f < stored.size() && f < row.index.size(); ++f)
        if (stored[f] >= 0) {
            const auto at = static_cast<std::size_t>(stored[f]);
            row.index[f] = at < values.size() ? std::move(values[at]) : std::nullopt;
        }
    return row;
}

Result<std::int64_t> Store::CountUpTo(const std::string& kind, const std::vector<Filter>& filters, std::int64_t cap) {
    ORIENTIR_ASSIGN(auto n, Count(kind, filters));
    return std::min(n, cap);
}

Result<ItemPage> Store::ListItems(const ListQuery& q) {
    ORIENTIR_ASSIGN(auto page, List(q));
    ItemPage out;
    for (auto& d : page.docs) {
        auto index =
            q.fields.empty() ? std::vector<std::optional<std::string>>{} : IndexValues(IndexOf(q.kind, d.id), q.fields);
        out.rows.push_back({std::move(d), std::nullopt, std::move(index)});
    }
    out.next_after = page.next_after;
    ORIENTIR_ASSIGN(out.total, Count(q.kind, q.filters));
    return out;
}

Result<ItemRow> Store::GetItem(const std::string& kind, std::int64_t id, const std::vector<std::string>& fields) {
    ORIENTIR_ASSIGN(auto doc, Get(kind, id));
    ItemRow out;
    out.item = RenderItem(projector(), kind, doc);
    out.doc = std::move(doc);
    out.index = IndexValues(IndexOf(kind, id), fields);
    return out;
}

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
