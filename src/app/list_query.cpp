#include "app/list_query.hpp"

#include <map>

#include "app/entities.hpp"
#include "app/visibility.hpp"
#include "common/strings.hpp"
#include "text/normalize.hpp"

namespace orientir::app {

namespace {

// A federal district: the regions in it.
Result<storage::Filter> DistrictFilter(App& app, const std::string& value) {
    auto dir = app.directory().Get();
    if (!dir->District(value))
        return Error::Invalid("district", "unknown_district", "unknown federal district \"" + value + "\"");
    std::vector<std::string> codes;
    for (const auto& r : dir->regions)
        if (r.district == value) codes.push_back(r.code);
    return storage::Filter::In("region", codes);
}

// One filter of a list by its declared spec; region and record keys resolve like the routes' keys.
Result<storage::Filter> SpecFilter(App& app, const ListFilter& spec, const std::string& name,
                                   const std::string& value) {
    if (spec.field == "region" && !app.directory().Get()->Region(value)) {
        auto r = app.FindRegion(value);
        if (!r.ok()) return Error::Invalid(name, "unknown_region", r.error().message);
        return storage::Filter::Eq("region", r->code);
    }
    // Records named by their stable key resolve like ids (the same resolver as the routes).
    static const std::map<std::string, std::string> kRefKinds = {
        {"practice", "practice"}, {"organisation", "organisation"}, {"person", "person"}, {"source", "adoption"}};
    if (auto ref = kRefKinds.find(spec.field); ref != kRefKinds.end()) {
        auto id = app.ResolveId(ref->second, value);
        if (!id.ok()) return Error::Invalid(name, "unknown_" + ref->second, id.error().message);
        return storage::Filter::Eq(spec.field, std::to_string(*id));
    }
    if (spec.prefix) return storage::Filter::Prefix(spec.field, text::Fold(value));
    return storage::Filter::Eq(spec.field, value);
}

Error UnknownFilter(const std::string& kind, const std::string& name) {
    std::string message = "unknown filter \"";
    message += name;
    message += "\" for ";
    message += kind;
    message += " lists; allowed: ";
    message += Join(ListFilterNames(kind), ", ");
    return Error::Invalid(name, "unknown_filter", std::move(message));
}

}  // namespace

Result<storage::ListQuery> ListQueryFor(App& app, const std::string& kind, const ListParams& params) {
    storage::ListQuery q;
    q.kind = kind;
    q.after_id = params.after_id;
    q.limit = params.limit;
    q.descending = params.newest_first;
    const KindRules& rules = RulesOf(kind);
    for (const auto& [name, value] : params.filters) {
        if (name == "district" && rules.district) {
            ORIENTIR_ASSIGN(auto f, DistrictFilter(app, value));
            q.filters.push_back(std::move(f));
            continue;
        }
        const ListFilter* spec = nullptr;
        for (const auto& f : rules.filters)
            if (f.param == name) spec = &f;
        if (!spec) return UnknownFilter(kind, name);
        ORIENTIR_ASSIGN(auto f, SpecFilter(app, *spec, name, value));
        q.filters.push_back(std::move(f));
    }
    if (params.from || params.to) {
        if (!rules.date_range) return Error::Invalid("from", "unknown_filter", kind + " lists have no date range");
        if (params.from) q.filters.push_back(storage::Filter::Ge("date", *params.from));
        if (params.to) q.filters.push_back(storage::Filter::Le("date", *params.to));
    }
    return q;
}

void LimitPracticeStates(const Actor& actor, const ListParams& params, std::vector<storage::Filter>& filters) {
    if (actor.IsStaff()) return;
    bool has_state_filter = false, public_state = false;
    for (const auto& [name, value] : params.filters)
        if (name == "state") {
            has_state_filter = true;
            public_state = value == "published" || value == "archived";
        }
    if (!has_state_filter) {
        filters.push_back(storage::Filter::In("state", {"published", "archived"}));
        return;
    }
    // Asking for another state: only the practices the actor may edit (app/visibility.hpp), so that
    // the total does not count hidden ones either.
    if (public_state) return;
    if (actor.role == Role::kRegionalEditor) {
        auto regions = actor.regions;
        if (regions.empty()) regions.emplace_back("-");  // matches nothing
        filters.push_back(storage::Filter::In("region", regions));
    } else if (actor.role == Role::kOrganisationEditor) {
        std::vector<std::string> orgs{"-"};
        for (auto o : actor.organisations) orgs.push_back(std::to_string(o));
        filters.push_back(storage::Filter::In("organisation", orgs));
    } else {
        filters.push_back(storage::Filter::In("state", {"published", "archived"}));
    }
}

Result<std::int64_t> HiddenAdoptionCount(storage::Store& store, const Actor& actor,
                                         const std::vector<storage::Filter>& filters) {
    std::vector<std::string> hidden;
    storage::ListQuery hq{"practice", {storage::Filter::In("state", {"draft", "on_review"})}, 0, 1000, false};
    for (;;) {
        ORIENTIR_ASSIGN(auto hp, store.List(hq));
        for (const auto& d : hp.docs)
            if (!MaySeePractice(actor, FromDoc<domain::Practice>(d))) hidden.push_back(std::to_string(d.id));
        if (!hp.next_after) break;
        hq.after_id = *hp.next_after;
    }
    if (hidden.empty()) return std::int64_t{0};
    auto hf = filters;
    hf.push_back(storage::Filter::In("practice", hidden));
    return store.Count("adoption", hf);
}

}  // namespace orientir::app
