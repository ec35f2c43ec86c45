#pragma once
// The analytics snapshot: an immutable, compact, in-memory image of everything benchmarking,
// recommendations and the diffusion network read — regions, indicator matrix, peer distances,
// practices, the adoption graph (flat arrays with CSR indexes) and a text index of practices.
//
// A Snapshot is built once by SnapshotBuilder and never changed afterwards, so any number of threads
// may read one without locks. SnapshotHolder publishes the current snapshot; a refresher (see
// store_loader.hpp) builds a new one when the store changes and swaps it in.
//
// Indexes are positions in the arrays below (`int`); entity ids appear only in the rows. Every array
// is sorted by a stable key (region code, indicator code, domain code, entity id), so the same data
// always gives the same snapshot and the same answers.

#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analytics/text_index.hpp"
#include "domain/types.hpp"

namespace orientir::analytics {

using domain::Id;

// Dates are kept as days since 1970-01-01; kNoDay means "unknown".
inline constexpr std::int32_t kNoDay = std::numeric_limits<std::int32_t>::min();
std::int32_t DayOf(const std::optional<std::string>& date);
std::int32_t DayOf(const std::string& date);  // "YYYY-MM-DD" or an RFC 3339 timestamp; kNoDay if invalid
std::string DateOf(std::int32_t day);         // "" for kNoDay
inline bool IsMissing(double v) { return std::isnan(v); }
inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

struct RegionRow {
    std::string code;  // "86"
    std::string name;
    std::string short_name;
    std::string name_en;
    std::string district;
    std::optional<double> population, area_km2, urban_share;
    bool north = false;
    int tile_row = -1, tile_col = -1;  // place on the tile map (-1: none)
};

struct IndicatorRow {
    std::string code;
    std::string name, name_en;
    std::string unit, unit_en;
    std::string source;
    int domain = -1;  // index into Snapshot::domains
    domain::IndicatorDirection direction = domain::IndicatorDirection::kHigherBetter;
    int ref_year = 0;  // the year ranks are computed for (see docs/analytics.md); 0 when no values
    int ranked = 0;    // regions with a value in ref_year
};

struct PracticeRow {
    Id id = 0;
    int origin_region = -1;  // -1: unknown region code
    Id origin_municipality = 0;
    Id origin_organisation = 0;
    std::uint32_t domains_begin = 0, domains_end = 0;  // range in Snapshot::practice_domains
    std::int32_t origin_day = kNoDay;                  // period.from, else the creation date
    std::int32_t confirmed_day = kNoDay;               // last_confirmed_at, else last update
    domain::ModerationState state = domain::ModerationState::kDraft;
    bool has_results = false;  // a KPI with both before and after
    // Derived from the adoptions:
    std::int32_t adopter_regions = 0;  // distinct other regions with an active adoption
    std::int32_t adopter_municipalities = 0;
    bool adoptions_with_results = false;
    std::int32_t last_activity_day = kNoDay;  // latest stage event of any adoption, or confirmed_day
};

struct AdoptionRow {
    Id id = 0;
    std::int32_t practice = -1;        // index into Snapshot::practices
    std::int16_t adopter_region = -1;  // index into Snapshot::regions
    std::int16_t source_region = -1;   // region it was borrowed from (lineage resolved), -1 unknown
    Id municipality = 0;
    Id organisation = 0;  // the adopting organisation, 0 when the adoption names none
    Id source_adoption = 0;
    domain::Channel channel = domain::Channel::kOther;
    domain::AdoptionStage stage = domain::AdoptionStage::kInterest;
    std::int32_t start_day = kNoDay;      // first stage event
    std::int32_t stage_day = kNoDay;      // last stage event
    std::int32_t confirmed_day = kNoDay;  // last_confirmed_at, else last update (freshness)
    bool has_results = false;
    bool draft_practice = false;   // the practice is a draft (kept out of the network)
    std::int32_t delay_days = -1;  // start_day - the practice's origin day, -1 when unknown or negative
};

// A municipality (reference data): names the nodes of the municipal inferred network.
struct MunicipalityRow {
    Id id = 0;
    int region = -1;  // index into Snapshot::regions, -1 when the code is unknown
    std::string name;
};

// An organisation (reference data): names organisations as candidate sources of an adoption.
struct OrganisationRow {
    Id id = 0;
    int region = -1;  // index into Snapshot::regions, -1 when the code is unknown
    std::string name, short_name;
};

// A move of a person from one region to another: a position in `to_region` starting at `day`
// after a position in `from_region` that started earlier. In Snapshot::organisation_moves the same move
// is listed once per organisation the person worked in (outside `to_region`) before it: `from_organisation`
// and its position's region as `from_region`.
struct CareerMove {
    Id person_id = 0;
    std::string person_name;
    std::string title;  // the position taken in the new region
    int from_region = -1;
    int to_region = -1;
    std::int32_t day = kNoDay;
    Id from_organisation = 0;  // organisation_moves only
};

// How far an adoption went, 0..1, used to weigh "how far did they get".
double StageDepth(domain::AdoptionStage stage);
// An adoption that counts as "the region has this practice": any stage but «прекращено».
inline bool IsActive(domain::AdoptionStage s) { return s != domain::AdoptionStage::kDiscontinued; }

struct Snapshot {
    // Regions, sorted by code.
    std::vector<RegionRow> regions;
    // Domain codes, sorted; practices and indicators refer to them by index.
    std::vector<std::string> domains;
    // Indicators, sorted by code.
    std::vector<IndicatorRow> indicators;
    // Indicator values: values[(i * regions.size() + r) * year_count + (year - first_year)], NaN = missing.
    int first_year = 0;
    int year_count = 0;
    std::vector<double> values;
    // At each indicator's ref_year: rank (1 = best, ties share the best rank; 0 = no value) and
    // percentile (share of the other ranked regions this one is strictly better than, 0..100).
    std::vector<std::int32_t> rank;  // [i * R + r]
    std::vector<double> percentile;  // [i * R + r], NaN when unranked
    // Composite domain index (mean percentile over the domain's indicators), [d * R + r], NaN when the
    // region has values for fewer than half of them; composite_order[d] lists regions by index, best first.
    std::vector<double> composite;
    std::vector<std::vector<int>> composite_order;
    std::vector<std::vector<int>> domain_indicators;  // [d] → indicator indexes
    // Peer distances between standardised profiles, [a * R + b]; peer_order[r] = other regions, nearest first.
    std::vector<float> distance;
    std::vector<std::vector<int>> peer_order;
    std::vector<std::string> profile_features;  // names of the features used
    // Number of persons who held positions in both regions, [a * R + b].
    std::vector<std::uint16_t> person_links;
    std::vector<CareerMove> moves;  // sorted by day, person id
    // The same moves per organisation held before them (see CareerMove), sorted by day, person, organisation.
    std::vector<CareerMove> organisation_moves;

    std::vector<OrganisationRow> organisations;  // sorted by id

    std::vector<MunicipalityRow> municipalities;  // sorted by id

    // Practices, sorted by id; titles and summaries parallel to them.
    std::vector<PracticeRow> practices;
    std::vector<std::string> titles;
    std::vector<std::string> summaries;
    std::vector<std::int32_t> practice_domains;  // CSR payload of PracticeRow::domains_*
    std::vector<std::uint64_t> domain_mask;      // [p] bit d set when practice p is in domain d (< 64)
    std::unordered_map<Id, int> practice_by_id;

    // Adoptions, sorted by id; CSR indexes by practice (ordered by start day, id) and by adopter region.
    std::vector<AdoptionRow> adoptions;
    // Parallel to adoptions: the first day each stage (by AdoptionStage value) was reached, kNoDay if never.
    std::vector<std::array<std::int32_t, 6>> stage_first;
    // Parallel to adoptions: the adopter's own text (adaptation notes, at most 1,000 bytes) in one buffer;
    // adoption i's is [adoption_text_offsets[i], adoption_text_offsets[i + 1]). Read by AdoptionText.
    std::string adoption_text;
    std::vector<std::uint32_t> adoption_text_offsets;
    std::unordered_map<Id, int> adoption_by_id;
    std::vector<std::uint32_t> by_practice_offsets, by_practice;
    std::vector<std::uint32_t> by_region_offsets, by_region;
    // Practices originated in each region: CSR.
    std::vector<std::uint32_t> origin_offsets, by_origin;
    // Per adopter region, each practice it has an active adoption of, once, with the deepest stage
    // (StageDepth): CSR sorted by practice. Recommendations read these short sequential lists for
    // every peer instead of all of the peers' adoption rows.
    struct Held {
        std::uint32_t practice;
        float depth;
    };
    std::vector<std::uint32_t> held_offsets;
    std::vector<Held> held;
    std::int32_t latest_activity_day = std::numeric_limits<std::int32_t>::min();  // max over practices

    TextIndex text;

    std::int64_t change_seq = 0;  // the change-log position the snapshot reflects
    double build_ms = 0;

    // Lookups; -1 when absent.
    int RegionIndex(std::string_view code) const;
    int DomainIndex(std::string_view code) const;
    int IndicatorIndex(std::string_view code) const;
    int PracticeIndex(Id id) const;
    const MunicipalityRow* Municipality(Id id) const;  // nullptr when not loaded
    const OrganisationRow* Organisation(Id id) const;  // nullptr when not loaded
    std::string_view AdoptionText(int adoption) const;
    bool InDomain(int practice, int domain) const;
    std::size_t R() const { return regions.size(); }
    double Value(int indicator, int region, int year) const;
    // Leaders of a domain (best composite first), at most n.
    std::vector<int> Leaders(int domain, std::size_t n) const;
    // The nearest k peers of a region.
    std::vector<int> Peers(int region, std::size_t k) const;
    // Approximate heap memory held, bytes.
    std::size_t MemoryBytes() const;
};

// Collects entities (as plain domain structs) and builds snapshots from them. Keeps only the compact
// fields analytics needs, so it can stay alive between rebuilds and be patched record by record from
// the change log. Not thread-safe: one owner (the refresher thread, a test, the benchmark).
class SnapshotBuilder {
public:
    SnapshotBuilder();
    ~SnapshotBuilder();
    SnapshotBuilder(SnapshotBuilder&&) noexcept;
    SnapshotBuilder& operator=(SnapshotBuilder&&) noexcept;

    void Upsert(const domain::Region& v);
    void Upsert(const domain::Domain& v);
    void Upsert(const domain::Practice& v);
    void Upsert(const domain::Adoption& v);
    void Upsert(const domain::Indicator& v);
    void Upsert(const domain::IndicatorValue& v);
    void Upsert(const domain::Person& v);
    void Upsert(const domain::Position& v);
    void Upsert(const domain::Municipality& v);
    void Upsert(const domain::Organisation& v);
    // Removes a record by store kind ("practice", "adoption", ...) and id. Unknown kinds are ignored.
    void Remove(std::string_view kind, Id id);
    void SetChangeSeq(std::int64_t seq);
    // The number of records held, by kind (for logs and tests).
    std::size_t Count(std::string_view kind) const;

    // Builds an immutable snapshot of the current records. `peer_features` may restrict the profile.
    std::shared_ptr<const Snapshot> Build() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Holds the current snapshot. Readers call Get() and keep the shared_ptr for the duration of a
// request; they never block writers nor each other. Thread-safe.
class SnapshotHolder {
public:
    SnapshotHolder();
    std::shared_ptr<const Snapshot> Get() const { return current_.load(std::memory_order_acquire); }
    void Set(std::shared_ptr<const Snapshot> s) { current_.store(std::move(s), std::memory_order_release); }

private:
    std::atomic<std::shared_ptr<const Snapshot>> current_;
};

}  // namespace orientir::analytics
