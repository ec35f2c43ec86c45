// List projections (issue 14, ADR 0073): the API list item of each record, rendered by the store's
// write path in the record's own transaction (storage::ItemProjector), read back as text by lists, so
// a signed-in list of 20 is one query and no document decoding.

#include "app/list_items.hpp"

#include <type_traits>

#include "app/entities.hpp"
#include "app/freshness.hpp"
#include "app/list_query.hpp"
#include "app/visibility.hpp"
#include "common/log.hpp"

namespace orientir::app {

namespace {

// Bump when an item's rendering changes in a way the fingerprint below cannot see (values only).
constexpr int kItemRevision = 1;

// Kinds whose list items are projected. Adoption requests (private contacts) and articles (staff
// only, large) are rendered from their documents.
template <class T>
constexpr bool kProjected = !std::is_same_v<T, domain::AdoptionRequest> && !std::is_same_v<T, domain::Article>;

template <class Fn>
void ForEachProjected(Fn&& fn) {
    ForEachEditableEntity([&]<class T>() {
        if constexpr (kProjected<T>) fn.template operator()<T>();
    });
}

std::optional<std::string> RenderStored(const std::string& kind, const storage::Doc& doc) {
    std::optional<std::string> out;
    ForEachProjected([&]<class T>() {
        if (!out && kind == Entity<T>::kKind) out = RenderItemJson(FromDoc<T>(doc));
    });
    return out;
}

// The format of today's items: the revision and the members every projected kind renders (a
// default record shows each member the codec writes), so a codec change retires the old items.
int ItemFormat() {
    std::uint32_t h = 2166136261u;
    auto mix = [&](const std::string& s) {
        for (unsigned char c : s) h = (h ^ c) * 16777619u;
    };
    mix(std::to_string(kItemRevision));
    ForEachProjected([&]<class T>() { mix(RenderItemJson(T{})); });
    return static_cast<int>(h & 0x7fffffffu);
}

// Non-staff practice lists asking for a state other than published/archived take the typed path:
// its per-record permission check is the rule there, not only the filters.
bool NeedsRecordChecks(const Actor& actor, const ListParams& params) {
    if (actor.IsStaff()) return false;
    for (const auto& [name, value] : params.filters)
        if (name == "state" && value != "published" && value != "archived") return true;
    return false;
}

// The index fields a read needs to decide visibility and freshness without the document (the
// confirmation date last, as SetFreshnessBasis expects).
template <class T>
std::vector<std::string> ReadFields() {
    if constexpr (std::is_same_v<T, domain::Practice>) return {"state", kConfirmedField};
    if constexpr (std::is_same_v<T, domain::Adoption>) return {"practice", "stage", kConfirmedField};
    return {};
}

// The index fields a list row needs: a practice list is already limited to what the reader sees (only its
// freshness needs the index); an adoption's rows are read as single records are.
template <class T>
std::vector<std::string> ListFields() {
    if constexpr (std::is_same_v<T, domain::Practice>) return {kConfirmedField};
    return ReadFields<T>();
}

bool IsPublicStateCode(const std::optional<std::string>& code) {
    auto state = code ? domain::ParseModerationState(*code) : std::nullopt;
    return state && IsPublicState(*state);
}

// The published or archived practice `id` (a public one: nobody needs a per-actor rule to see it).
bool IsPublicPractice(storage::Store& store, const std::optional<std::string>& id) {
    if (!id || id->empty() || id->size() > 18 || id->find_first_not_of("0123456789") != std::string::npos) return false;
    for (const auto& e : store.IndexOf(Entity<domain::Practice>::kKind, std::stoll(*id)))
        if (e.field == "state") return IsPublicStateCode(e.value);
    return false;
}

// What a practice's or an adoption's freshness is computed from, as a typed record gives it.
template <class T>
void SetFreshnessBasis(const T& v, RenderedItem& out) {
    if constexpr (std::is_same_v<T, domain::Practice> || std::is_same_v<T, domain::Adoption>)
        out.confirmed_on = ConfirmedOn(v.last_confirmed_at, v.meta);
    if constexpr (std::is_same_v<T, domain::Adoption>)
        out.discontinued = v.stage() == domain::AdoptionStage::kDiscontinued;
}

// The same from the index values of ReadFields (nothing when the record predates the entry).
template <class T>
void SetFreshnessBasis(const storage::ItemRow& rec, RenderedItem& out) {
    if constexpr (std::is_same_v<T, domain::Practice> || std::is_same_v<T, domain::Adoption>) {
        if (const auto& confirmed = rec.index.back())
            out.confirmed_on = confirmed->empty() ? rec.doc.updated_at.substr(0, 10) : *confirmed;
    }
    if constexpr (std::is_same_v<T, domain::Adoption>)
        out.discontinued =
            rec.index[1] && domain::ParseAdoptionStage(*rec.index[1]) == domain::AdoptionStage::kDiscontinued;
}

// A projected row as the API renders it, with what its freshness is computed from.
template <class T>
RenderedItem Rendered(storage::ItemRow& row) {
    RenderedItem out{row.doc.id, row.doc.version,
                     row.item ? std::move(*row.item) : RenderItemJson(FromDoc<T>(row.doc))};
    SetFreshnessBasis<T>(row, out);
    return out;
}

}  // namespace

// The index values lists and single-record reads ask for (ReadFields of every projected kind) are kept
// beside each item, so a row costs no index lookup.
storage::ItemProjector ListItemProjector() {
    return {ItemFormat(), RenderStored, {"state", "practice", "stage", kConfirmedField}};
}

Status ProjectStaleItems(storage::Store& store) {
    constexpr int kBatch = 500;
    Status st = Status::Ok();
    ForEachProjected([&]<class T>() {
        if (!st.ok()) return;
        int total = 0;
        for (;;) {
            auto n = store.ProjectStale(Entity<T>::kKind, kBatch);
            if (!n.ok()) {
                st = n.error();
                return;
            }
            total += *n;
            if (*n < kBatch) break;
        }
        if (total > 0)
            log::Info("list items rendered", {{"kind", Entity<T>::kKind}, {"records", std::to_string(total)}});
    });
    return st;
}

template <class T>
Result<ListResult<RenderedItem>> App::ListRendered(const Actor& actor, const ListParams& params) {
    ListResult<RenderedItem> out;
    bool projected = kProjected<T>;
    if constexpr (std::is_same_v<T, domain::Adoption>) projected = actor.IsStaff();  // practice visibility
    if constexpr (std::is_same_v<T, domain::Practice>) projected = !NeedsRecordChecks(actor, params);
    if (!projected) {
        ORIENTIR_ASSIGN(auto list, List<T>(actor, params));
        for (const auto& v : list.items) out.items.push_back({v.meta.id, v.meta.version, RenderItemJson(v)});
        out.total = list.total;
        out.next_after = list.next_after;
        return out;
    }
    ORIENTIR_ASSIGN(storage::ListQuery q, ListQueryFor(*this, Entity<T>::kKind, params));
    if constexpr (std::is_same_v<T, domain::Practice>) LimitPracticeStates(actor, params, q.filters);
    q.fields = ListFields<T>();
    ORIENTIR_ASSIGN(auto page, store_->ListItems(q));
    for (auto& row : page.rows) out.items.push_back(Rendered<T>(row));
    out.total = page.total;
    out.next_after = page.next_after;
    return out;
}

template <class T>
Result<RenderedItem> App::GetRendered(const Actor& actor, Id id) {
    auto typed = [&]() -> Result<RenderedItem> {  // Get's path: the document decoded, the per-actor rule
        ORIENTIR_ASSIGN(T v, Get<T>(actor, id));
        RenderedItem out{v.meta.id, v.meta.version, RenderItemJson(v)};
        SetFreshnessBasis(v, out);
        return out;
    };
    if constexpr (!kProjected<T>) {
        return typed();
    } else {
        ORIENTIR_ASSIGN(auto rec, store_->GetItem(Entity<T>::kKind, id, ReadFields<T>()));
        // Public without a per-actor rule (the rest is Get's, unchanged: visibility.hpp). The other
        // projected kinds are read by anyone (permissions.hpp: MayRead has no overload for them).
        if constexpr (std::is_same_v<T, domain::Practice>)
            if (!IsPublicStateCode(rec.index[0])) return typed();
        if constexpr (std::is_same_v<T, domain::Adoption>)
            if (!actor.IsStaff() && !IsPublicPractice(*store_, rec.index[0])) return typed();
        return Rendered<T>(rec);
    }
}

#define ORIENTIR_INSTANTIATE(T)                                                                      \
    template Result<ListResult<RenderedItem>> App::ListRendered<T>(const Actor&, const ListParams&); \
    template Result<RenderedItem> App::GetRendered<T>(const Actor&, Id);
ORIENTIR_APP_ENTITIES(ORIENTIR_INSTANTIATE)
#undef ORIENTIR_INSTANTIATE

}  // namespace orientir::app
