#include "domain/codec.hpp"

#include <limits>

namespace orientir::domain {

namespace {

// Lengths, list sizes and blank text of editable entities are domain rules (domain/fields.hpp), checked
// by Validate on every write path; the codec accepts any size so a stored record always decodes.
constexpr std::size_t kAnyLength = std::numeric_limits<std::size_t>::max();

void PutMeta(OrderedJson& j, const Meta& m) {
    j["id"] = m.id;
    j["version"] = m.version;
}
void PutTimes(OrderedJson& j, const Meta& m) {
    if (!m.created_at.empty()) j["created_at"] = m.created_at;
    if (!m.updated_at.empty()) j["updated_at"] = m.updated_at;
}
void IgnoreMeta(JsonReader& r) {
    for (const char* k : {"id", "version", "created_at", "updated_at"}) r.Ignore(k);
}
template <class T>
void PutOpt(OrderedJson& j, const char* k, const std::optional<T>& v) {
    if (v)
        j[k] = *v;
    else
        j[k] = nullptr;
}

template <class Enum, class ParseFn>
void ReadEnum(JsonReader& r, const char* key, Enum& out, ParseFn parse, const std::string& allowed, bool required) {
    std::string code;
    r.Str(key, code, required, 64);
    if (code.empty()) return;
    if (auto v = ParseEnumCode(r, key, code, parse, allowed)) out = *v;
}

void ReadOptId(JsonReader& r, const char* key, std::optional<Id>& out) {
    std::optional<std::int64_t> v;
    r.OptInt(key, v);
    if (v && *v <= 0) {
        r.AddIssue(key, "positive", r.PathOf(key) + " must be a positive id");
        return;
    }
    out = v;
}

}  // namespace

// --- FederalDistrict ---
OrderedJson ToJson(const FederalDistrict& v) {
    OrderedJson j;
    j["code"] = v.code;
    j["name"] = v.name;
    j["short_name"] = v.short_name;
    j["name_en"] = v.name_en;
    return j;
}
Status FromJson(const Json& json, FederalDistrict& v) {
    return ReadJsonObject(json, [&](JsonReader& r) {
        IgnoreMeta(r);
        r.Str("code", v.code, true, 64);
        r.Str("name", v.name, true, 200);
        r.Str("short_name", v.short_name, false, 50);
        r.Str("name_en", v.name_en, false, 200);
    });
}

// --- Region ---
OrderedJson ToJson(const Region& v) {
    OrderedJson j;
    j["code"] = v.code;
    PutOpt(j, "iso", v.iso);
    PutOpt(j, "okato", v.okato);
    PutOpt(j, "oktmo", v.oktmo);
    PutOpt(j, "kladr", v.kladr);
    PutOpt(j, "fias", v.fias);
    j["name"] = v.name;
    j["full_name"] = v.full_name;
    j["short_name"] = v.short_name;
    j["name_en"] = v.name_en;
    j["type"] = Code(v.type);
    j["district"] = v.district;
    j["capital"] = v.capital;
    PutOpt(j, "population", v.population);
    PutOpt(j, "area_km2", v.area_km2);
    PutOpt(j, "urban_share", v.urban_share);
    j["north"] = v.north;
    j["aliases"] = v.aliases;
    j["adjectives"] = v.adjectives;
    if (v.tile)
        j["tile"] = {{"row", v.tile->row}, {"col", v.tile->col}};
    else
        j["tile"] = nullptr;
    j["timezone"] = v.timezone;
    return j;
}
Status FromJson(const Json& json, Region& v) {
    return ReadJsonObject(json, [&](JsonReader& r) {
        IgnoreMeta(r);
        r.Str("code", v.code, true, 8);
        r.OptStr("iso", v.iso, 16);
        std::optional<std::string> iso_alt;  // non-RU code kept in reference files; not stored
        r.OptStr("iso_alt", iso_alt, 16);
        r.OptStr("okato", v.okato, 16);
        r.OptStr("oktmo", v.oktmo, 16);
        r.OptStr("kladr", v.kladr, 20);
        r.OptStr("fias", v.fias, 40);
        r.Str("name", v.name, true, 300);
        r.Str("full_name", v.full_name, false, 300);
        r.Str("short_name", v.short_name, false, 200);
        r.Str("name_en", v.name_en, false, 300);
        ReadEnum(r, "type", v.type, ParseRegionType, AllowedCodesRegionType(), true);
        r.Str("district", v.district, true, 64);
        r.Str("capital", v.capital, false, 200);
        r.OptInt("population", v.population);
        r.OptDouble("area_km2", v.area_km2);
        r.OptDouble("urban_share", v.urban_share);
        r.Bool("north", v.north);
        r.StrList("aliases", v.aliases);
        r.StrList("adjectives", v.adjectives);
        if (r.Has("tile")) {
            Tile t;
            r.Object("tile", [&](JsonReader& o) {
                std::int64_t row = 0, col = 0;
                o.Int("row", row, true);
                o.Int("col", col, true);
                t.row = static_cast<int>(row);
                t.col = static_cast<int>(col);
            });
            v.tile = t;
        } else {
            r.Ignore("tile");
        }
        r.Str("timezone", v.timezone, false, 20);
        if (v.full_name.empty()) v.full_name = v.name;
    });
}

// --- Municipality ---
OrderedJson ToJson(const Municipality& v) {
    OrderedJson j;
    PutMeta(j, v.meta);
    j["region"] = v.region;
    j["name"] = v.name;
    j["kind"] = v.kind;
    PutOpt(j, "okato", v.okato);
    PutOpt(j, "oktmo", v.oktmo);
    PutOpt(j, "population", v.population);
    PutOpt(j, "lat", v.lat);
    PutOpt(j, "lon", v.lon);
    j["is_capital"] = v.is_capital;
    return j;
}
Status FromJson(const Json& json, Municipality& v) {
    return ReadJsonObject(json, [&](JsonReader& r) {
        IgnoreMeta(r);
        r.Str("region", v.region, false, kAnyLength);
        r.Str("name", v.name, false, kAnyLength);
        r.Str("kind", v.kind, false, kAnyLength);
        r.OptStr("okato", v.okato, kAnyLength);
        r.OptStr("oktmo", v.oktmo, kAnyLength);
        r.OptInt("population", v.population);
        r.OptDouble("lat", v.lat);
        r.OptDouble("lon", v.lon);
        r.Bool("is_capital", v.is_capital);
    });
}

// --- Domain ---
OrderedJson ToJson(const Domain& v) {
    OrderedJson j;
    j["code"] = v.code;
    j["name"] = v.name;
    j["name_en"] = v.name_en;
    j["synonyms"] = v.synonyms;
    j["effect_templates"] = OrderedJson::array();
    for (const auto& t : v.effect_templates) {
        j["effect_templates"].push_back({{"code", t.code},
                                         {"name", t.name},
                                         {"name_en", t.name_en},
                                         {"unit", t.unit},
                                         {"unit_en", t.unit_en},
                                         {"direction", std::string(Code(t.direction))}});
    }
    return j;
}
Status FromJson(const Json& json, Domain& v) {
    return ReadJsonObject(json, [&](JsonReader& r) {
        IgnoreMeta(r);
        r.Str("code", v.code, true, 64);
        r.Str("name", v.name, true, 200);
        r.Str("name_en", v.name_en, false, 200);
        r.StrList("synonyms", v.synonyms);
        r.Array(
            "effect_templates",
            [&](JsonReader& a) {
                EffectTemplate t;
                a.Str("code", t.code, true, 64);
                a.Str("name", t.name, true, 300);
                a.Str("name_en", t.name_en, false, 300);
                a.Str("unit", t.unit, false, 100);
                a.Str("unit_en", t.unit_en, false, 100);
                ReadEnum(a, "direction", t.direction, ParseIndicatorDirection, AllowedCodesIndicatorDirection(), false);
                v.effect_templates.push_back(std::move(t));
            },
            50);
    });
}

// --- Organisation ---
OrderedJson ToJson(const Organisation& v) {
    OrderedJson j;
    PutMeta(j, v.meta);
    PutOpt(j, "key", v.key);
    j["name"] = v.name;
    j["short_name"] = v.short_name;
    j["kind"] = Code(v.kind);
    j["region"] = v.region;
    PutOpt(j, "municipality_id", v.municipality_id);
    j["website"] = v.website;
    j["email"] = v.email;
    j["phone"] = v.phone;
    j["address"] = v.address;
    j["description"] = v.description;
    j["aliases"] = v.aliases;
    j["demo"] = v.demo;
    PutTimes(j, v.meta);
    return j;
}
Status FromJson(const Json& json, Organisation& v) {
    return ReadJsonObject(json, [&](JsonReader& r) {
        IgnoreMeta(r);
        r.OptStr("key", v.key, kAnyLength);
        r.Str("name", v.name, false, kAnyLength);
        r.Str("short_name", v.short_name, false, kAnyLength);
        ReadEnum(r, "kind", v.kind, ParseOrganisationKind, AllowedCodesOrganisationKind(), true);
        r.Str("region", v.region, false, kAnyLength);
        ReadOptId(r, "municipality_id", v.municipality_id);
        r.Str("website", v.website, false, kAnyLength);
        r.Str("email", v.email, false, kAnyLength);
        r.Str("phone", v.phone, false, kAnyLength);
        r.Str("address", v.address, false, kAnyLength);
        r.Str("description", v.description, false, kAnyLength);
        r.StrList("aliases", v.aliases, kAnyLength, kAnyLength);
        r.Bool("demo", v.demo);
    });
}

// --- Person ---
std::string Person::FullName() const {
    std::string s = last_name;
    if (!first_name.empty()) s += " " + first_name;
    if (!patronymic.empty()) s += " " + patronymic;
    return s;
}
OrderedJson ToJson(const Person& v) {
    OrderedJson j;
    PutMeta(j, v.meta);
    PutOpt(j, "key", v.key);
    j["last_name"] = v.last_name;
    j["first_name"] = v.first_name;
    j["patronymic"] = v.patronymic;
    j["full_name"] = v.FullName();
    j["bio"] = v.bio;
    j["demo"] = v.demo;
    PutTimes(j, v.meta);
    return j;
}
Status FromJson(const Json& json, Person& v) {
    return ReadJsonObject(json, [&](JsonReader& r) {
        IgnoreMeta(r);
        r.Ignore("full_name");
        r.Ignore("positions");  // served alongside, edited through /positions
        r.OptStr("key", v.key, kAnyLength);
        r.Str("last_name", v.last_name, false, kAnyLength);
        r.Str("first_name", v.first_name, false, kAnyLength);
        r.Str("patronymic", v.patronymic, false, kAnyLength);
        r.Str("bio", v.bio, false, kAnyLength);
        r.Bool("demo", v.demo);
    });
}

// --- Position ---
OrderedJson ToJson(const Position& v) {
    OrderedJson j;
    PutMeta(j, v.meta);
    j["person_id"] = v.person_id;
    j["title"] = v.title;
    PutOpt(j, "organisation_id", v.organisation_id);
    PutOpt(j, "region", v.region);
    PutOpt(j, "municipality_id", v.municipality_id);
    PutOpt(j, "from", v.from);
    PutOpt(j, "to", v.to);
    j["current"] = !v.to.has_value();
    j["evidence_urls"] = v.evidence_urls;
    return j;
}
Status FromJson(const Json& json, Position& v) {
    return ReadJsonObject(json, [&](JsonReader& r) {
        IgnoreMeta(r);
        r.Ignore("current");
        r.Int("person_id", v.person_id, true);
        r.Str("title", v.title, false, kAnyLength);
        ReadOptId(r, "organisation_id", v.organisation_id);
        r.OptStr("region", v.region, kAnyLength);
        ReadOptId(r, "municipality_id", v.municipality_id);
        r.OptDate("from", v.from);
        r.OptDate("to", v.to);
        r.StrList("evidence_urls", v.evidence_urls, kAnyLength, kAnyLength);
    });
}

// --- shared parts ---
OrderedJson ToJson(const Kpi& k) {
    OrderedJson j;
    j["name"] = k.name;
    j["unit"] = k.unit;
    PutOpt(j, "before", k.before);
    PutOpt(j, "after", k.after);
    PutOpt(j, "before_date", k.before_date);
    PutOpt(j, "after_date", k.after_date);
    PutOpt(j, "indicator", k.indicator);
    return j;
}
void ReadKpi(JsonReader& r, Kpi& k) {
    r.Str("name", k.name, false, kAnyLength);
    r.Str("unit", k.unit, false, kAnyLength);
    r.OptDouble("before", k.before);
    r.OptDouble("after", k.after);
    r.OptDate("before_date", k.before_date);
    r.OptDate("after_date", k.after_date);
    r.OptStr("indicator", k.indicator, kAnyLength);
}
OrderedJson ToJson(const Place& p) {
    OrderedJson j;
    j["region"] = p.region;
    PutOpt(j, "municipality_id", p.municipality_id);
    PutOpt(j, "organisation_id", p.organisation_id);
    return j;
}
void ReadPlace(JsonReader& r, Place& p) {
    r.Str("region", p.region, false, kAnyLength);
    ReadOptId(r, "municipality_id", p.municipality_id);
    ReadOptId(r, "organisation_id", p.organisation_id);
}
OrderedJson ToJson(const StageEvent& e) {
    OrderedJson j;
    j["stage"] = Code(e.stage);
    j["at"] = e.at;
    j["note"] = e.note;
    return j;
}
void ReadStageEvent(JsonReader& r, StageEvent& e) {
    ReadEnum(r, "stage", e.stage, ParseAdoptionStage, AllowedCodesAdoptionStage(), true);
    r.Date("at", e.at, true);
    r.Str("note", e.note, false, kAnyLength);
}

// --- External (a record imported from another installation) ---
namespace {
void PutExternal(OrderedJson& j, const std::optional<External>& e) {
    if (!e) return;
    j["external"] = {{"installation", e->installation}, {"uri", e->uri},   {"id", e->id},
                     {"version", e->version},           {"peer", e->peer}, {"withdrawn", e->withdrawn}};
}
void ReadExternal(JsonReader& r, std::optional<External>& out) {
    if (!r.Has("external")) return;
    External e;
    r.Object("external", [&](JsonReader& o) {
        o.Str("installation", e.installation, true, kAnyLength);
        o.Str("uri", e.uri, true, kAnyLength);
        o.Int("id", e.id, true);
        o.Int("version", e.version);
        o.Str("peer", e.peer, false, kAnyLength);
        o.Bool("withdrawn", e.withdrawn);
    });
    out = std::move(e);
}
}  // namespace

// --- Practice ---
OrderedJson ToJson(const Practice& v) {
    OrderedJson j;
    PutMeta(j, v.meta);
    PutOpt(j, "key", v.key);
    j["title"] = v.title;
    j["summary"] = v.summary;
    j["problem"] = v.problem;
    j["solution"] = v.solution;
    j["results"] = OrderedJson::array();
    for (const auto& k : v.results) j["results"].push_back(ToJson(k));
    OrderedJson res;
    PutOpt(res, "budget_rub", v.resources.budget_rub);
    PutOpt(res, "staff", v.resources.staff);
    res["partners"] = v.resources.partners;
    j["resources"] = res;
    j["legal_basis"] = v.legal_basis;
    j["domains"] = v.domains;
    j["tags"] = v.tags;
    j["origin"] = ToJson(v.origin);
    j["contacts"] = OrderedJson::array();
    for (const auto& c : v.contacts)
        j["contacts"].push_back({{"name", c.name}, {"role", c.role}, {"email", c.email}, {"phone", c.phone}});
    OrderedJson per;
    PutOpt(per, "from", v.period.from);
    PutOpt(per, "to", v.period.to);
    j["period"] = per;
    j["state"] = Code(v.state);
    j["moderation_comment"] = v.moderation_comment;
    PutOpt(j, "last_confirmed_at", v.last_confirmed_at);
    j["demo"] = v.demo;
    PutExternal(j, v.external);
    PutTimes(j, v.meta);
    return j;
}
Status FromJson(const Json& json, Practice& v) {
    return ReadJsonObject(json, [&](JsonReader& r) {
        IgnoreMeta(r);
        r.Ignore("freshness");  // served alongside by the API (app/freshness.hpp); set by confirming
        r.OptStr("key", v.key, kAnyLength);
        r.Str("title", v.title, false, kAnyLength);
        r.Str("summary", v.summary, false, kAnyLength);
        r.Str("problem", v.problem, false, kAnyLength);
        r.Str("solution", v.solution, false, kAnyLength);
        r.Array(
            "results",
            [&](JsonReader& a) {
                Kpi k;
                ReadKpi(a, k);
                v.results.push_back(std::move(k));
            },
            kAnyLength);
        r.Object("resources", [&](JsonReader& o) {
            o.OptDouble("budget_rub", v.resources.budget_rub);
            o.OptInt("staff", v.resources.staff);
            o.StrList("partners", v.resources.partners, kAnyLength, kAnyLength);
        });
        r.Str("legal_basis", v.legal_basis, false, kAnyLength);
        r.StrList("domains", v.domains, kAnyLength, kAnyLength);
        r.StrList("tags", v.tags, kAnyLength, kAnyLength);
        r.Object(
            "origin", [&](JsonReader& o) { ReadPlace(o, v.origin); }, true);
        r.Array(
            "contacts",
            [&](JsonReader& a) {
                Contact c;
                a.Str("name", c.name, false, kAnyLength);
                a.Str("role", c.role, false, kAnyLength);
                a.Str("email", c.email, false, kAnyLength);
                a.Str("phone", c.phone, false, kAnyLength);
                v.contacts.push_back(std::move(c));
            },
            kAnyLength);
        r.Object("period", [&](JsonReader& o) {
            o.OptDate("from", v.period.from);
            o.OptDate("to", v.period.to);
        });
        ReadEnum(r, "state", v.state, ParseModerationState, AllowedCodesModerationState(), false);
        r.Str("moderation_comment", v.moderation_comment, false, kAnyLength);
        r.OptDate("last_confirmed_at", v.last_confirmed_at);
        r.Bool("demo", v.demo);
        ReadExternal(r, v.external);
    });
}

// --- Adoption ---
OrderedJson ToJson(const Adoption& v) {
    OrderedJson j;
    PutMeta(j, v.meta);
    PutOpt(j, "key", v.key);
    j["practice_id"] = v.practice_id;
    j["adopter"] = ToJson(v.adopter);
    PutOpt(j, "source_adoption_id", v.source_adoption_id);
    j["channel"] = Code(v.channel);
    j["stage"] = Code(v.stage());
    j["started_at"] = v.started_at();
    j["stage_history"] = OrderedJson::array();
    for (const auto& e : v.stage_history) j["stage_history"].push_back(ToJson(e));
    j["adaptation_notes"] = v.adaptation_notes;
    j["results"] = OrderedJson::array();
    for (const auto& k : v.results) j["results"].push_back(ToJson(k));
    j["evidence"] = OrderedJson::array();
    for (const auto& e : v.evidence) {
        OrderedJson ej{{"url", e.url}, {"title", e.title}, {"quote", e.quote}};
        PutOpt(ej, "article_id", e.article_id);
        j["evidence"].push_back(ej);
    }
    PutOpt(j, "last_confirmed_at", v.last_confirmed_at);
    j["demo"] = v.demo;
    PutExternal(j, v.external);
    PutTimes(j, v.meta);
    return j;
}
Status FromJson(const Json& json, Adoption& v) {
    return ReadJsonObject(json, [&](JsonReader& r) {
        IgnoreMeta(r);
        r.Ignore("stage");  // derived from stage_history; moved through /adoptions/{id}/stage
        r.Ignore("started_at");
        r.Ignore("freshness");  // served alongside by the API (app/freshness.hpp); set by confirming
        r.OptStr("key", v.key, kAnyLength);
        r.Int("practice_id", v.practice_id, true);
        r.Object(
            "adopter", [&](JsonReader& o) { ReadPlace(o, v.adopter); }, true);
        ReadOptId(r, "source_adoption_id", v.source_adoption_id);
        ReadEnum(r, "channel", v.channel, ParseChannel, AllowedCodesChannel(), true);
        r.Array(
            "stage_history",
            [&](JsonReader& a) {
                StageEvent e;
                ReadStageEvent(a, e);
                v.stage_history.push_back(std::move(e));
            },
            kAnyLength);
        r.Str("adaptation_notes", v.adaptation_notes, false, kAnyLength);
        r.Array(
            "results",
            [&](JsonReader& a) {
                Kpi k;
                ReadKpi(a, k);
                v.results.push_back(std::move(k));
            },
            kAnyLength);
        r.Array(
            "evidence",
            [&](JsonReader& a) {
                Evidence e;
                a.Str("url", e.url, false, kAnyLength);
                a.Str("title", e.title, false, kAnyLength);
                a.Str("quote", e.quote, false, kAnyLength);
                ReadOptId(a, "article_id", e.article_id);
                v.evidence.push_back(std::move(e));
            },
            kAnyLength);
        r.OptDate("last_confirmed_at", v.last_confirmed_at);
        r.Bool("demo", v.demo);
        ReadExternal(r, v.external);
    });
}

// --- Indicator ---
OrderedJson ToJson(const Indicator& v) {
    OrderedJson j;
    PutMeta(j, v.meta);
    j["code"] = v.code;
    j["name"] = v.name;
    j["name_en"] = v.name_en;
    j["unit"] = v.unit;
    j["unit_en"] = v.unit_en;
    j["domain"] = v.domain;
    j["direction"] = Code(v.direction);
    j["source"] = v.source;
    j["description"] = v.description;
    j["demo"] = v.demo;
    return j;
}
Status FromJson(const Json& json, Indicator& v) {
    return ReadJsonObject(json, [&](JsonReader& r) {
        IgnoreMeta(r);
        r.Str("code", v.code, false, kAnyLength);
        r.Str("name", v.name, false, kAnyLength);
        r.Str("name_en", v.name_en, false, kAnyLength);
        r.Str("unit", v.unit, false, kAnyLength);
        r.Str("unit_en", v.unit_en, false, kAnyLength);
        r.Str("domain", v.domain, false, kAnyLength);
        ReadEnum(r, "direction", v.direction, ParseIndicatorDirection, AllowedCodesIndicatorDirection(), true);
        r.Str("source", v.source, false, kAnyLength);
        r.Str("description", v.description, false, kAnyLength);
        r.Bool("demo", v.demo);
    });
}

// --- IndicatorValue ---
OrderedJson ToJson(const IndicatorValue& v) {
    OrderedJson j;
    PutMeta(j, v.meta);
    j["indicator"] = v.indicator;
    j["region"] = v.region;
    j["year"] = v.year;
    j["value"] = v.value;
    j["source"] = v.source;
    return j;
}
Status FromJson(const Json& json, IndicatorValue& v) {
    return ReadJsonObject(json, [&](JsonReader& r) {
        IgnoreMeta(r);
        r.Str("indicator", v.indicator, false, kAnyLength);
        r.Str("region", v.region, false, kAnyLength);
        std::int64_t year = 0;
        r.Int("year", year, true);
        v.year = static_cast<int>(year);
        r.Double("value", v.value, true);
        r.Str("source", v.source, false, kAnyLength);
    });
}

// --- AdoptionRequest ---
OrderedJson ToJson(const AdoptionRequest& v) {
    OrderedJson j;
    PutMeta(j, v.meta);
    j["practice_id"] = v.practice_id;
    j["from"] = ToJson(v.from);
    j["contact_name"] = v.contact_name;
    j["contact_email"] = v.contact_email;
    j["contact_phone"] = v.contact_phone;
    PutOpt(j, "to_organisation_id", v.to_organisation_id);
    j["message"] = v.message;
    j["status"] = Code(v.status);
    j["response"] = v.response;
    PutOpt(j, "answered_at", v.answered_at);
    PutOpt(j, "adoption_id", v.adoption_id);
    j["route_note"] = v.route_note;
    PutOpt(j, "requested_by", v.requested_by);
    PutTimes(j, v.meta);
    return j;
}
Status FromJson(const Json& json, AdoptionRequest& v) {
    return ReadJsonObject(json, [&](JsonReader& r) {
        IgnoreMeta(r);
        r.Ignore("answered_at");
        r.Int("practice_id", v.practice_id, true);
        r.Object(
            "from", [&](JsonReader& o) { ReadPlace(o, v.from); }, true);
        r.Str("contact_name", v.contact_name, false, kAnyLength);
        r.Str("contact_email", v.contact_email, false, kAnyLength);
        r.Str("contact_phone", v.contact_phone, false, kAnyLength);
        ReadOptId(r, "to_organisation_id", v.to_organisation_id);
        r.Str("message", v.message, false, kAnyLength);
        ReadEnum(r, "status", v.status, ParseRequestStatus, AllowedCodesRequestStatus(), false);
        r.Str("response", v.response, false, kAnyLength);
        ReadOptId(r, "adoption_id", v.adoption_id);
        r.Str("route_note", v.route_note, false, kAnyLength);
        ReadOptId(r, "requested_by", v.requested_by);
    });
}

// --- Article ---
OrderedJson ToJson(const Article& v) {
    OrderedJson j;
    PutMeta(j, v.meta);
    j["title"] = v.title;
    j["text"] = v.text;
    j["source"] = v.source;
    j["url"] = v.url;
    PutOpt(j, "published_at", v.published_at);
    if (!v.extraction_json.empty()) {
        auto parsed = ParseJson(v.extraction_json);
        j["extraction"] = parsed.ok() ? OrderedJson(parsed.value()) : OrderedJson(nullptr);
    } else {
        j["extraction"] = nullptr;
    }
    PutTimes(j, v.meta);
    return j;
}
Status FromJson(const Json& json, Article& v) {
    return ReadJsonObject(json, [&](JsonReader& r) {
        IgnoreMeta(r);
        r.Str("title", v.title, false, kAnyLength);
        r.Str("text", v.text, false, kAnyLength);
        r.Str("source", v.source, false, kAnyLength);
        r.Str("url", v.url, false, kAnyLength);
        r.OptDate("published_at", v.published_at);
        r.Ignore("extraction");  // produced by the server, never taken from input
    });
}

}  // namespace orientir::domain
