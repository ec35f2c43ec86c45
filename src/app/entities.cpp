#include "app/entities.hpp"

#include "text/normalize.hpp"

namespace orientir::app {

namespace {
std::string IdStr(std::int64_t id) { return std::to_string(id); }
void AddOpt(storage::IndexEntries& idx, const char* field, const std::optional<std::int64_t>& v) {
    if (v) idx.push_back({field, IdStr(*v), false});
}
// The confirmation date a single-record read splices its freshness from (App::GetRendered), "" when
// never confirmed (the date of the last update counts then). Always present, so a record without the
// entry is known to be written before it existed.
storage::IndexEntry ConfirmedEntry(const std::optional<std::string>& last_confirmed_at) {
    return {std::string(kConfirmedField), last_confirmed_at.value_or(""), false};
}
}  // namespace

storage::IndexEntries Entity<domain::FederalDistrict>::Index(const domain::FederalDistrict& v) {
    return {{"code", v.code, true}};
}

storage::IndexEntries Entity<domain::Region>::Index(const domain::Region& v) {
    storage::IndexEntries idx{{"code", v.code, true}, {"district", v.district, false}};
    if (v.iso) idx.push_back({"iso", *v.iso, true});
    if (v.okato) idx.push_back({"okato", *v.okato, true});
    return idx;
}

storage::IndexEntries Entity<domain::Municipality>::Index(const domain::Municipality& v) {
    storage::IndexEntries idx{{"region", v.region, false},
                              {"name", text::Fold(v.name), false},
                              {"region_name", v.region + "|" + text::Fold(v.name) + "|" + v.kind, true}};
    if (v.oktmo) idx.push_back({"oktmo", *v.oktmo, false});
    return idx;
}

storage::IndexEntries Entity<domain::Domain>::Index(const domain::Domain& v) { return {{"code", v.code, true}}; }

storage::IndexEntries Entity<domain::Organisation>::Index(const domain::Organisation& v) {
    storage::IndexEntries idx{{"region", v.region, false},
                              {"kind", std::string(domain::Code(v.kind)), false},
                              {"name", text::Fold(v.name), false}};
    if (v.key) idx.push_back({"key", *v.key, true});
    AddOpt(idx, "municipality", v.municipality_id);
    return idx;
}

storage::IndexEntries Entity<domain::Person>::Index(const domain::Person& v) {
    storage::IndexEntries idx{{"name", text::Fold(v.FullName()), false}};
    if (v.key) idx.push_back({"key", *v.key, true});
    return idx;
}

storage::IndexEntries Entity<domain::Position>::Index(const domain::Position& v) {
    storage::IndexEntries idx{{"person", IdStr(v.person_id), false}};
    AddOpt(idx, "organisation", v.organisation_id);
    if (v.region) idx.push_back({"region", *v.region, false});
    AddOpt(idx, "municipality", v.municipality_id);
    return idx;
}

storage::IndexEntries Entity<domain::Practice>::Index(const domain::Practice& v) {
    storage::IndexEntries idx{{"region", v.origin.region, false}, {"state", std::string(domain::Code(v.state)), false}};
    if (v.key) idx.push_back({"key", *v.key, true});
    AddOpt(idx, "municipality", v.origin.municipality_id);
    AddOpt(idx, "organisation", v.origin.organisation_id);
    for (const auto& d : v.domains) idx.push_back({"domain", d, false});
    for (const auto& t : v.tags) idx.push_back({"tag", text::Fold(t), false});
    if (v.period.from) idx.push_back({"date", *v.period.from, false});
    if (v.external) idx.push_back({"origin", v.external->installation + "|" + IdStr(v.external->id), true});
    idx.push_back(ConfirmedEntry(v.last_confirmed_at));
    return idx;
}

storage::IndexEntries Entity<domain::Adoption>::Index(const domain::Adoption& v) {
    storage::IndexEntries idx{{"practice", IdStr(v.practice_id), false},
                              {"region", v.adopter.region, false},
                              {"stage", std::string(domain::Code(v.stage())), false},
                              {"channel", std::string(domain::Code(v.channel)), false}};
    if (v.key) idx.push_back({"key", *v.key, true});
    AddOpt(idx, "municipality", v.adopter.municipality_id);
    AddOpt(idx, "organisation", v.adopter.organisation_id);
    AddOpt(idx, "source", v.source_adoption_id);
    if (!v.stage_history.empty()) idx.push_back({"date", v.started_at(), false});
    if (v.external) idx.push_back({"origin", v.external->installation + "|" + IdStr(v.external->id), true});
    idx.push_back(ConfirmedEntry(v.last_confirmed_at));
    return idx;
}

storage::IndexEntries Entity<domain::Indicator>::Index(const domain::Indicator& v) {
    return {{"code", v.code, true}, {"domain", v.domain, false}};
}

storage::IndexEntries Entity<domain::IndicatorValue>::Index(const domain::IndicatorValue& v) {
    return {{"indicator", v.indicator, false},
            {"region", v.region, false},
            {"year", std::to_string(v.year), false},
            {"key", v.indicator + "|" + v.region + "|" + std::to_string(v.year), true}};
}

storage::IndexEntries Entity<domain::AdoptionRequest>::Index(const domain::AdoptionRequest& v) {
    storage::IndexEntries idx{{"practice", IdStr(v.practice_id), false},
                              {"region", v.from.region, false},
                              {"status", std::string(domain::Code(v.status)), false}};
    AddOpt(idx, "organisation", v.to_organisation_id);
    AddOpt(idx, "municipality", v.from.municipality_id);
    return idx;
}

storage::IndexEntries Entity<domain::Article>::Index(const domain::Article& v) {
    storage::IndexEntries idx;
    if (!v.url.empty()) idx.push_back({"url", v.url, false});
    if (v.published_at) idx.push_back({"date", *v.published_at, false});
    return idx;
}

const std::map<std::string, KindRules>& AllKindRules() {
    static const std::map<std::string, KindRules> kRules = {
        {"practice",
         {{{"region", "region"},
           {"municipality", "municipality"},
           {"organisation", "organisation"},
           {"domain", "domain"},
           {"state", "state"},
           {"tag", "tag"}},
          true,
          true,
          {{"adoption", "practice"}, {"adoption_request", "practice"}}}},
        {"adoption",
         {{{"practice", "practice"},
           {"region", "region"},
           {"municipality", "municipality"},
           {"organisation", "organisation"},
           {"stage", "stage"},
           {"channel", "channel"},
           {"source", "source"}},
          true,
          true,
          {{"adoption", "source"}}}},
        {"organisation",
         {{{"region", "region"}, {"kind", "kind"}, {"municipality", "municipality"}, {"name", "name", true}},
          false,
          true,
          {{"practice", "organisation"}, {"adoption", "organisation"}, {"position", "organisation"}}}},
        {"person", {{{"name", "name", true}}, false, false, {{"position", "person"}}}},
        {"position",
         {{{"person", "person"}, {"organisation", "organisation"}, {"region", "region"}}, false, false, {}}},
        {"municipality",
         {{{"region", "region"}, {"name", "name", true}},
          false,
          true,
          {{"practice", "municipality"}, {"adoption", "municipality"}, {"organisation", "municipality"}}}},
        {"indicator", {{{"domain", "domain"}}, false, false, {}}},
        {"indicator_value", {{{"indicator", "indicator"}, {"region", "region"}, {"year", "year"}}, false, false, {}}},
        {"adoption_request",
         {{{"practice", "practice"}, {"region", "region"}, {"organisation", "organisation"}, {"status", "status"}},
          false,
          true,
          {}}},
        {"article", {{{"url", "url"}}, true, false, {}}},
    };
    return kRules;
}

const KindRules& RulesOf(const std::string& kind) {
    static const KindRules kNone;
    const auto& all = AllKindRules();
    auto it = all.find(kind);
    return it == all.end() ? kNone : it->second;
}

}  // namespace orientir::app
