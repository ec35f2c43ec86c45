#pragma once
// The domain model of Orientir: plain value types, no I/O. Every entity stored in the Store has an
// `id` (assigned by the store, 0 before insert) and a `version` (incremented on every update; the
// HTTP layer exposes it as the ETag). Dates are "YYYY-MM-DD", timestamps RFC 3339 UTC strings.
// Regions are referred to by their two-digit subject code (`Region::code`, e.g. "86" for Yugra).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/enums.hpp"

namespace orientir::domain {

using Id = std::int64_t;

struct Meta {
    Id id = 0;
    std::int64_t version = 0;
    std::string created_at;
    std::string updated_at;
};

struct FederalDistrict {
    Meta meta;
    std::string code;        // "ural"
    std::string name;        // "Уральский федеральный округ"
    std::string short_name;  // "УФО"
    std::string name_en;
};

struct Tile {
    int row = 0;
    int col = 0;
};

struct Region {
    Meta meta;
    std::string code;                // two-digit subject code: "86"
    std::optional<std::string> iso;  // "RU-KHM"
    std::optional<std::string> okato, oktmo, kladr, fias;
    std::string name;  // "Ханты-Мансийский автономный округ — Югра"
    std::string full_name;
    std::string short_name;  // "Югра"
    std::string name_en;
    RegionType type = RegionType::kOblast;
    std::string district;  // FederalDistrict::code
    std::string capital;
    std::optional<std::int64_t> population;
    std::optional<double> area_km2;
    std::optional<double> urban_share;
    bool north = false;
    std::vector<std::string> aliases;
    std::vector<std::string> adjectives;
    std::optional<Tile> tile;
    std::string timezone;
};

struct Municipality {
    Meta meta;
    std::string region;  // Region::code
    std::string name;
    std::string kind;  // "город", "городской округ", "муниципальный район", ...
    std::optional<std::string> okato, oktmo;
    std::optional<std::int64_t> population;
    std::optional<double> lat, lon;
    bool is_capital = false;
};

// An effect template: a figure every adopter of the domain's practices reports before and after, so
// results are comparable across regions (volunteers per 1,000 residents, m² resettled, …). A KPI
// follows a template by naming its code in Kpi::indicator.
struct EffectTemplate {
    std::string code;
    std::string name, name_en, unit, unit_en;
    IndicatorDirection direction = IndicatorDirection::kHigherBetter;
};

struct Domain {
    Meta meta;
    std::string code;
    std::string name;
    std::string name_en;
    std::vector<std::string> synonyms;
    std::vector<EffectTemplate> effect_templates;
};

struct Organisation {
    Meta meta;
    std::optional<std::string> key;  // stable external key (imports, demo data)
    std::string name;
    std::string short_name;
    OrganisationKind kind = OrganisationKind::kOther;
    std::string region;                 // Region::code
    std::optional<Id> municipality_id;  // must lie in `region`
    std::string website, email, phone, address, description;
    std::vector<std::string> aliases;
    bool demo = false;
};

struct Position {
    Meta meta;
    Id person_id = 0;
    std::string title;  // "губернатор", "директор департамента молодёжной политики"
    std::optional<Id> organisation_id;
    std::optional<std::string> region;  // Region::code
    std::optional<Id> municipality_id;
    std::optional<std::string> from;  // date
    std::optional<std::string> to;    // date; absent = current
    std::vector<std::string> evidence_urls;
};

struct Person {
    Meta meta;
    std::optional<std::string> key;
    std::string last_name, first_name, patronymic;
    std::string bio;
    bool demo = false;
    std::string FullName() const;
};

struct Kpi {
    std::string name;
    std::string unit;
    std::optional<double> before, after;
    std::optional<std::string> before_date, after_date;
    std::optional<std::string> indicator;  // an EffectTemplate or Indicator code: the comparable figure it reports
};

struct Contact {
    std::string name, role, email, phone;
};

struct Place {  // an origin or adopter: region, optionally a municipality in it and an organisation
    std::string region;
    std::optional<Id> municipality_id;
    std::optional<Id> organisation_id;
};

struct Resources {
    std::optional<double> budget_rub;
    std::optional<std::int64_t> staff;
    std::vector<std::string> partners;
};

struct Period {
    std::optional<std::string> from, to;
};

// Where a record imported from another installation came from (docs/exchange.md). External records
// are read-only here: they change only when their origin does.
struct External {
    std::string installation;  // the origin installation's id
    std::string uri;           // the record at its origin (its JSON-LD @id), linked from its page
    Id id = 0;                 // its id at the origin
    std::int64_t version = 0;  // the origin's version last imported
    std::string peer;          // the exchange URL it was read from
    bool withdrawn = false;    // deleted or no longer published at the origin: kept here, shown
};

struct Practice {
    Meta meta;
    std::optional<std::string> key;
    std::string title;
    std::string summary;
    std::string problem;
    std::string solution;
    std::vector<Kpi> results;
    Resources resources;
    std::string legal_basis;
    std::vector<std::string> domains;  // Domain::code, at least one
    std::vector<std::string> tags;
    Place origin;
    std::vector<Contact> contacts;
    Period period;
    ModerationState state = ModerationState::kDraft;
    std::string moderation_comment;
    std::optional<std::string> last_confirmed_at;  // date someone confirmed the passport is current
    bool demo = false;
    std::optional<External> external;  // imported from another installation (read-only here)
};

struct StageEvent {
    AdoptionStage stage = AdoptionStage::kInterest;
    std::string at;  // date
    std::string note;
};

struct Evidence {
    std::string url;
    std::string title;
    std::string quote;
    std::optional<Id> article_id;
};

struct Adoption {
    Meta meta;
    std::optional<std::string> key;
    Id practice_id = 0;
    Place adopter;
    std::optional<Id> source_adoption_id;  // absent: borrowed from the practice's origin
    Channel channel = Channel::kOther;
    std::vector<StageEvent> stage_history;  // non-empty; the last is the current stage
    std::string adaptation_notes;
    std::vector<Kpi> results;
    std::vector<Evidence> evidence;
    std::optional<std::string> last_confirmed_at;
    bool demo = false;
    std::optional<External> external;  // imported from another installation (read-only here)

    AdoptionStage stage() const {
        return stage_history.empty() ? AdoptionStage::kInterest : stage_history.back().stage;
    }
    std::string started_at() const { return stage_history.empty() ? std::string() : stage_history.front().at; }
};

struct Indicator {
    Meta meta;
    std::string code;
    std::string name, name_en, unit, unit_en;
    std::string domain;  // Domain::code
    IndicatorDirection direction = IndicatorDirection::kHigherBetter;
    std::string source;
    std::string description;
    bool demo = false;
};

struct IndicatorValue {
    Meta meta;
    std::string indicator;  // Indicator::code
    std::string region;     // Region::code
    int year = 0;
    double value = 0;
    std::string source;
};

struct AdoptionRequest {
    Meta meta;
    Id practice_id = 0;
    Place from;  // the requesting region / municipality / organisation
    std::string contact_name, contact_email, contact_phone;
    std::optional<Id> to_organisation_id;  // routed to; defaults to the practice's origin organisation
    std::string message;
    RequestStatus status = RequestStatus::kNew;
    std::string response;
    std::optional<std::string> answered_at;  // timestamp of the first answer
    std::optional<Id> adoption_id;           // the adoption started from this request, if any
    std::string route_note;                  // the note of the last routing (to another owner or a centre)
    std::optional<Id> requested_by;          // the signed-in user who sent it (set by the app, never read)
};

struct Article {
    Meta meta;
    std::string title;
    std::string text;
    std::string source;
    std::string url;
    std::optional<std::string> published_at;  // date
    std::string extraction_json;              // filled by the extraction module
};

}  // namespace orientir::domain
