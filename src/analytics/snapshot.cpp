#include "analytics/snapshot.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <numeric>
#include <set>

#include "common/clock.hpp"
#include "common/json.hpp"
#include "common/strings.hpp"

namespace orientir::analytics {

std::int32_t DayOf(const std::string& date) {
    if (date.size() < 10) return kNoDay;
    std::string d = date.substr(0, 10);
    if (!IsValidDate(d)) return kNoDay;
    return static_cast<std::int32_t>(DaysFromDate(d));
}

std::int32_t DayOf(const std::optional<std::string>& date) { return date ? DayOf(*date) : kNoDay; }

std::string DateOf(std::int32_t day) {
    if (day == kNoDay) return {};
    return FormatDate(static_cast<std::int64_t>(day) * 86400000LL);
}

double StageDepth(domain::AdoptionStage stage) {
    using S = domain::AdoptionStage;
    switch (stage) {
        case S::kInterest:
            return 0.1;
        case S::kStudy:
            return 0.25;
        case S::kPilot:
            return 0.5;
        case S::kImplemented:
            return 0.9;
        case S::kScaled:
            return 1.0;
        case S::kDiscontinued:
            return 0.0;
    }
    return 0.0;
}

// ---- Snapshot lookups ----------------------------------------------------------------------------

int Snapshot::RegionIndex(std::string_view code) const {
    auto it = std::lower_bound(regions.begin(), regions.end(), code,
                               [](const RegionRow& r, std::string_view c) { return r.code < c; });
    return it != regions.end() && it->code == code ? static_cast<int>(it - regions.begin()) : -1;
}

int Snapshot::DomainIndex(std::string_view code) const {
    auto it = std::lower_bound(domains.begin(), domains.end(), code);
    return it != domains.end() && *it == code ? static_cast<int>(it - domains.begin()) : -1;
}

int Snapshot::IndicatorIndex(std::string_view code) const {
    auto it = std::lower_bound(indicators.begin(), indicators.end(), code,
                               [](const IndicatorRow& r, std::string_view c) { return r.code < c; });
    return it != indicators.end() && it->code == code ? static_cast<int>(it - indicators.begin()) : -1;
}

std::string_view Snapshot::AdoptionText(int adoption) const {
    const auto i = static_cast<std::size_t>(adoption);
    if (adoption < 0 || i + 1 >= adoption_text_offsets.size()) return {};
    return std::string_view(adoption_text)
        .substr(adoption_text_offsets[i], adoption_text_offsets[i + 1] - adoption_text_offsets[i]);
}

int Snapshot::PracticeIndex(Id id) const {
    auto it = practice_by_id.find(id);
    return it == practice_by_id.end() ? -1 : it->second;
}

const MunicipalityRow* Snapshot::Municipality(Id id) const {
    auto it = std::lower_bound(municipalities.begin(), municipalities.end(), id,
                               [](const MunicipalityRow& m, Id v) { return m.id < v; });
    return it != municipalities.end() && it->id == id ? &*it : nullptr;
}

const OrganisationRow* Snapshot::Organisation(Id id) const {
    auto it = std::lower_bound(organisations.begin(), organisations.end(), id,
                               [](const OrganisationRow& o, Id v) { return o.id < v; });
    return it != organisations.end() && it->id == id ? &*it : nullptr;
}

bool Snapshot::InDomain(int practice, int domain) const {
    if (domain < 0) return true;
    if (domain < 64) return (domain_mask[static_cast<std::size_t>(practice)] >> domain) & 1U;
    const auto& p = practices[static_cast<std::size_t>(practice)];
    for (auto k = p.domains_begin; k < p.domains_end; ++k)
        if (practice_domains[k] == domain) return true;
    return false;
}

double Snapshot::Value(int indicator, int region, int year) const {
    if (year < first_year || year >= first_year + year_count || indicator < 0 || region < 0) return kMissing;
    return values[(static_cast<std::size_t>(indicator) * R() + static_cast<std::size_t>(region)) *
                      static_cast<std::size_t>(year_count) +
                  static_cast<std::size_t>(year - first_year)];
}

std::vector<int> Snapshot::Leaders(int domain, std::size_t n) const {
    if (domain < 0 || static_cast<std::size_t>(domain) >= composite_order.size()) return {};
    const auto& o = composite_order[static_cast<std::size_t>(domain)];
    return {o.begin(), o.begin() + static_cast<std::ptrdiff_t>(std::min(n, o.size()))};
}

std::vector<int> Snapshot::Peers(int region, std::size_t k) const {
    if (region < 0 || static_cast<std::size_t>(region) >= peer_order.size()) return {};
    const auto& o = peer_order[static_cast<std::size_t>(region)];
    return {o.begin(), o.begin() + static_cast<std::ptrdiff_t>(std::min(k, o.size()))};
}

std::size_t Snapshot::MemoryBytes() const {
    std::size_t b = sizeof(Snapshot);
    b += regions.capacity() * sizeof(RegionRow) + indicators.capacity() * sizeof(IndicatorRow);
    b += values.capacity() * 8 + rank.capacity() * 4 + percentile.capacity() * 8 + composite.capacity() * 8;
    b += distance.capacity() * 4 + peer_order.size() * R() * 4 + person_links.capacity() * 2;
    b += (moves.capacity() + organisation_moves.capacity()) * sizeof(CareerMove);
    b += organisations.capacity() * (sizeof(OrganisationRow) + 32) +
         municipalities.capacity() * (sizeof(MunicipalityRow) + 16);
    b += practices.capacity() * sizeof(PracticeRow);
    for (auto& s : titles) b += sizeof(std::string) + (s.capacity() > 15 ? s.capacity() : 0);
    for (auto& s : summaries) b += sizeof(std::string) + (s.capacity() > 15 ? s.capacity() : 0);
    b += practice_domains.capacity() * 4 + domain_mask.capacity() * 8;
    b += practice_by_id.size() * 32 + adoption_by_id.size() * 32;
    b += adoptions.capacity() * sizeof(AdoptionRow) + stage_first.capacity() * sizeof(stage_first[0]);
    b += (by_practice_offsets.capacity() + by_practice.capacity() + by_region_offsets.capacity() +
          by_region.capacity() + origin_offsets.capacity() + by_origin.capacity()) *
         4;
    b += text.MemoryBytes();
    b += adoption_text.capacity() + adoption_text_offsets.capacity() * 4;
    return b;
}

SnapshotHolder::SnapshotHolder() : current_(std::make_shared<const Snapshot>()) {}

// ---- Builder ---------------------------------------------------------------------------------------

namespace {

struct IndicatorRec {
    IndicatorRow row;
    std::string domain;
};
struct ValueRec {
    std::string indicator, region;
    int year = 0;
    double value = 0;
};
struct PositionRec {
    Id person = 0;
    Id organisation = 0;
    std::string region;
    std::int32_t from = kNoDay;
    std::string title;
};
struct PracticeRec {
    std::string title, summary, origin_region;
    Id municipality = 0, organisation = 0;
    std::vector<std::string> domains;
    std::int32_t origin_day = kNoDay, confirmed_day = kNoDay;
    domain::ModerationState state = domain::ModerationState::kDraft;
    bool has_results = false;
};
struct AdoptionRec {
    Id practice = 0;
    std::string region;
    Id municipality = 0, organisation = 0;
    Id source = 0;
    domain::Channel channel = domain::Channel::kOther;
    domain::AdoptionStage stage = domain::AdoptionStage::kInterest;
    std::int32_t start_day = kNoDay, stage_day = kNoDay, confirmed_day = kNoDay;
    bool has_results = false;
    std::array<std::int32_t, 6> stage_first{kNoDay, kNoDay, kNoDay, kNoDay, kNoDay, kNoDay};
    std::string text;  // adaptation notes, shortened
};

bool HasResults(const std::vector<domain::Kpi>& kpis) {
    return std::any_of(kpis.begin(), kpis.end(), [](const domain::Kpi& k) { return k.before && k.after; });
}

// The keys of a map in ascending order (rows are built in id order).
template <class Map>
std::vector<Id> SortedIds(const Map& m) {
    std::vector<Id> ids;
    ids.reserve(m.size());
    for (const auto& kv : m) ids.push_back(kv.first);
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace

struct SnapshotBuilder::Impl {
    std::map<Id, RegionRow> regions;
    std::map<Id, std::string> domains;
    std::map<Id, IndicatorRec> indicators;
    std::unordered_map<Id, ValueRec> values;
    std::unordered_map<Id, std::string> persons;
    std::unordered_map<Id, PositionRec> positions;
    std::unordered_map<Id, PracticeRec> practices;
    std::unordered_map<Id, AdoptionRec> adoptions;
    std::map<Id, std::pair<std::string, std::string>> municipalities;  // id → (region code, name)
    std::map<Id, OrganisationRow> organisations;                       // region left -1; its code in `org_regions`
    std::map<Id, std::string> org_regions;
    std::int64_t change_seq = 0;

    void BuildIndicators(Snapshot& s) const;
    void BuildProfiles(Snapshot& s) const;
    void BuildCareers(Snapshot& s) const;
    void BuildPractices(Snapshot& s) const;

private:
    void AddIndicatorValues(Snapshot& s) const;
    void AddPracticeRows(Snapshot& s) const;
    void AddAdoptionRows(Snapshot& s) const;
};

SnapshotBuilder::SnapshotBuilder() : impl_(std::make_unique<Impl>()) {}
SnapshotBuilder::~SnapshotBuilder() = default;
SnapshotBuilder::SnapshotBuilder(SnapshotBuilder&&) noexcept = default;
SnapshotBuilder& SnapshotBuilder::operator=(SnapshotBuilder&&) noexcept = default;

void SnapshotBuilder::Upsert(const domain::Region& v) {
    RegionRow r;
    r.code = v.code;
    r.name = v.name;
    r.short_name = v.short_name.empty() ? v.name : v.short_name;
    r.name_en = v.name_en;
    if (v.tile) {
        r.tile_row = v.tile->row;
        r.tile_col = v.tile->col;
    }
    r.district = v.district;
    if (v.population) r.population = static_cast<double>(*v.population);
    r.area_km2 = v.area_km2;
    r.urban_share = v.urban_share;
    r.north = v.north;
    impl_->regions[v.meta.id] = std::move(r);
}

void SnapshotBuilder::Upsert(const domain::Domain& v) { impl_->domains[v.meta.id] = v.code; }

void SnapshotBuilder::Upsert(const domain::Indicator& v) {
    IndicatorRec rec;
    rec.row.code = v.code;
    rec.row.name = v.name;
    rec.row.name_en = v.name_en;
    rec.row.unit = v.unit;
    rec.row.unit_en = v.unit_en;
    rec.row.source = v.source;
    rec.row.direction = v.direction;
    rec.domain = v.domain;
    impl_->indicators[v.meta.id] = std::move(rec);
}

void SnapshotBuilder::Upsert(const domain::IndicatorValue& v) {
    impl_->values[v.meta.id] = ValueRec{v.indicator, v.region, v.year, v.value};
}

void SnapshotBuilder::Upsert(const domain::Person& v) { impl_->persons[v.meta.id] = v.FullName(); }

void SnapshotBuilder::Upsert(const domain::Position& v) {
    if (!v.region) {
        impl_->positions.erase(v.meta.id);
        return;
    }
    impl_->positions[v.meta.id] =
        PositionRec{v.person_id, v.organisation_id.value_or(0), *v.region, DayOf(v.from), v.title};
}

void SnapshotBuilder::Upsert(const domain::Municipality& v) { impl_->municipalities[v.meta.id] = {v.region, v.name}; }

void SnapshotBuilder::Upsert(const domain::Organisation& v) {
    impl_->organisations[v.meta.id] =
        OrganisationRow{v.meta.id, -1, v.name, v.short_name.empty() ? v.name : v.short_name};
    impl_->org_regions[v.meta.id] = v.region;
}

void SnapshotBuilder::Upsert(const domain::Practice& v) {
    PracticeRec p;
    p.title = v.title;
    p.summary = v.summary;
    p.origin_region = v.origin.region;
    p.municipality = v.origin.municipality_id.value_or(0);
    p.organisation = v.origin.organisation_id.value_or(0);
    p.domains = v.domains;
    p.origin_day = DayOf(v.period.from);
    if (p.origin_day == kNoDay) p.origin_day = DayOf(v.meta.created_at);
    p.confirmed_day = DayOf(v.last_confirmed_at);
    if (p.confirmed_day == kNoDay) p.confirmed_day = DayOf(v.meta.updated_at);
    p.state = v.state;
    p.has_results = HasResults(v.results);
    impl_->practices[v.meta.id] = std::move(p);
}

void SnapshotBuilder::Upsert(const domain::Adoption& v) {
    AdoptionRec a;
    a.practice = v.practice_id;
    a.region = v.adopter.region;
    a.municipality = v.adopter.municipality_id.value_or(0);
    a.organisation = v.adopter.organisation_id.value_or(0);
    a.source = v.source_adoption_id.value_or(0);
    a.channel = v.channel;
    a.stage = v.stage();
    a.start_day = v.stage_history.empty() ? kNoDay : DayOf(v.stage_history.front().at);
    a.stage_day = v.stage_history.empty() ? kNoDay : DayOf(v.stage_history.back().at);
    a.has_results = HasResults(v.results);
    a.confirmed_day = DayOf(v.last_confirmed_at);
    if (a.confirmed_day == kNoDay) a.confirmed_day = DayOf(v.meta.updated_at);
    a.text = ShortenUtf8(v.adaptation_notes, 1000);
    for (const auto& ev : v.stage_history) {
        auto& d = a.stage_first[static_cast<std::size_t>(ev.stage)];
        std::int32_t day = DayOf(ev.at);
        if (day != kNoDay && (d == kNoDay || day < d)) d = day;
    }
    impl_->adoptions[v.meta.id] = std::move(a);
}

void SnapshotBuilder::Remove(std::string_view kind, Id id) {
    if (kind == "region")
        impl_->regions.erase(id);
    else if (kind == "domain")
        impl_->domains.erase(id);
    else if (kind == "indicator")
        impl_->indicators.erase(id);
    else if (kind == "indicator_value")
        impl_->values.erase(id);
    else if (kind == "person")
        impl_->persons.erase(id);
    else if (kind == "position")
        impl_->positions.erase(id);
    else if (kind == "practice")
        impl_->practices.erase(id);
    else if (kind == "adoption")
        impl_->adoptions.erase(id);
    else if (kind == "municipality")
        impl_->municipalities.erase(id);
    else if (kind == "organisation")
        impl_->organisations.erase(id), impl_->org_regions.erase(id);
}

void SnapshotBuilder::SetChangeSeq(std::int64_t seq) { impl_->change_seq = seq; }

std::size_t SnapshotBuilder::Count(std::string_view kind) const {
    if (kind == "region") return impl_->regions.size();
    if (kind == "domain") return impl_->domains.size();
    if (kind == "indicator") return impl_->indicators.size();
    if (kind == "indicator_value") return impl_->values.size();
    if (kind == "person") return impl_->persons.size();
    if (kind == "position") return impl_->positions.size();
    if (kind == "practice") return impl_->practices.size();
    if (kind == "adoption") return impl_->adoptions.size();
    if (kind == "municipality") return impl_->municipalities.size();
    if (kind == "organisation") return impl_->organisations.size();
    return 0;
}

std::shared_ptr<const Snapshot> SnapshotBuilder::Build() const {
    auto t0 = std::chrono::steady_clock::now();
    auto s = std::make_shared<Snapshot>();
    s->change_seq = impl_->change_seq;
    // Regions by code (a duplicated code keeps the lowest id).
    for (auto& [id, r] : impl_->regions)
        if (s->RegionIndex(r.code) < 0) {
            s->regions.push_back(r);
            std::sort(s->regions.begin(), s->regions.end(),
                      [](const RegionRow& a, const RegionRow& b) { return a.code < b.code; });
        }
    // Domains: the table plus any code used by practices or indicators.
    std::set<std::string> domains;
    for (auto& [id, d] : impl_->domains) domains.insert(d);
    for (auto& [id, i] : impl_->indicators) domains.insert(i.domain);
    for (auto& [id, p] : impl_->practices) domains.insert(p.domains.begin(), p.domains.end());
    s->domains.assign(domains.begin(), domains.end());

    for (const auto& [id, m] : impl_->municipalities)
        s->municipalities.push_back(MunicipalityRow{id, s->RegionIndex(m.first), m.second});
    for (const auto& [id, o] : impl_->organisations) {
        s->organisations.push_back(o);
        s->organisations.back().region = s->RegionIndex(impl_->org_regions.at(id));
    }
    impl_->BuildIndicators(*s);
    impl_->BuildProfiles(*s);
    impl_->BuildCareers(*s);
    impl_->BuildPractices(*s);
    s->build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return s;
}

namespace {

// Each indicator's reference year (the latest with values for at least half the regions that have any)
// and the regions' ranks and percentiles in it (ties share a rank).
void RankIndicators(Snapshot& s) {
    const std::size_t R = s.R(), I = s.indicators.size();
    const auto Y = static_cast<std::size_t>(s.year_count);
    s.rank.assign(I * R, 0);
    s.percentile.assign(I * R, kMissing);
    for (std::size_t i = 0; i < I; ++i) {
        auto& ind = s.indicators[i];
        std::size_t any = 0;
        std::vector<std::size_t> per_year(Y, 0);
        for (std::size_t r = 0; r < R; ++r) {
            bool has = false;
            for (std::size_t y = 0; y < Y; ++y)
                if (!IsMissing(s.values[(i * R + r) * Y + y])) {
                    ++per_year[y];
                    has = true;
                }
            any += has ? 1 : 0;
        }
        ind.ref_year = 0;
        for (std::size_t y = Y; y-- > 0;)
            if (per_year[y] > 0 && per_year[y] * 2 >= any) {
                ind.ref_year = s.first_year + static_cast<int>(y);
                break;
            }
        if (ind.ref_year == 0) continue;
        const auto y = static_cast<std::size_t>(ind.ref_year - s.first_year);
        std::vector<std::pair<double, std::size_t>> ranked;
        for (std::size_t r = 0; r < R; ++r) {
            double v = s.values[(i * R + r) * Y + y];
            if (!IsMissing(v))
                ranked.emplace_back(ind.direction == domain::IndicatorDirection::kLowerBetter ? -v : v, r);
        }
        ind.ranked = static_cast<int>(ranked.size());
        std::sort(ranked.begin(), ranked.end(), [](auto& a, auto& b) { return a.first > b.first; });
        const std::size_t n = ranked.size();
        for (std::size_t k = 0; k < n;) {
            std::size_t e = k;
            while (e < n && ranked[e].first == ranked[k].first) ++e;
            for (std::size_t m = k; m < e; ++m) {
                s.rank[i * R + ranked[m].second] = static_cast<std::int32_t>(k + 1);
                s.percentile[i * R + ranked[m].second] =
                    n == 1 ? 100.0 : 100.0 * static_cast<double>(n - e) / static_cast<double>(n - 1);
            }
            k = e;
        }
    }
}

// Composite per domain: mean percentile; needs values for at least half of the ranked indicators.
void BuildComposites(Snapshot& s) {
    const std::size_t R = s.R(), I = s.indicators.size();
    const std::size_t D = s.domains.size();
    s.domain_indicators.assign(D, {});
    for (std::size_t i = 0; i < I; ++i)
        if (s.indicators[i].domain >= 0)
            s.domain_indicators[static_cast<std::size_t>(s.indicators[i].domain)].push_back(static_cast<int>(i));
    s.composite.assign(D * R, kMissing);
    s.composite_order.assign(D, {});
    for (std::size_t d = 0; d < D; ++d) {
        std::size_t usable = 0;
        for (int i : s.domain_indicators[d]) usable += s.indicators[static_cast<std::size_t>(i)].ref_year ? 1 : 0;
        if (usable == 0) continue;
        for (std::size_t r = 0; r < R; ++r) {
            double sum = 0;
            std::size_t cnt = 0;
            for (int i : s.domain_indicators[d]) {
                double p = s.percentile[static_cast<std::size_t>(i) * R + r];
                if (!IsMissing(p)) {
                    sum += p;
                    ++cnt;
                }
            }
            if (cnt > 0 && cnt * 2 >= usable) {
                s.composite[d * R + r] = sum / static_cast<double>(cnt);
                s.composite_order[d].push_back(static_cast<int>(r));
            }
        }
        std::stable_sort(s.composite_order[d].begin(), s.composite_order[d].end(), [&](int a, int b) {
            return s.composite[d * R + static_cast<std::size_t>(a)] > s.composite[d * R + static_cast<std::size_t>(b)];
        });
    }
}

}  // namespace

void SnapshotBuilder::Impl::BuildIndicators(Snapshot& s) const {
    AddIndicatorValues(s);
    RankIndicators(s);
    BuildComposites(s);
}

// The indicator rows (by code) and the value cube indicator × region × year.
void SnapshotBuilder::Impl::AddIndicatorValues(Snapshot& s) const {
    const std::size_t R = s.R();
    for (auto& [id, i] : indicators)
        if (s.IndicatorIndex(i.row.code) < 0) {
            IndicatorRow row = i.row;
            row.domain = s.DomainIndex(i.domain);
            s.indicators.push_back(row);
            std::sort(s.indicators.begin(), s.indicators.end(),
                      [](const IndicatorRow& a, const IndicatorRow& b) { return a.code < b.code; });
        }
    const std::size_t I = s.indicators.size();
    int lo = 0, hi = -1;
    for (auto& [id, v] : values) {
        if (lo > hi) lo = hi = v.year;
        lo = std::min(lo, v.year);
        hi = std::max(hi, v.year);
    }
    s.first_year = lo;
    s.year_count = hi >= lo ? hi - lo + 1 : 0;
    const auto Y = static_cast<std::size_t>(s.year_count);
    s.values.assign(I * R * Y, kMissing);
    // Values in id order, so a duplicate (indicator, region, year) resolves to the latest record.
    const std::vector<Id> ids = SortedIds(values);
    for (Id id : ids) {
        const auto& v = values.at(id);
        int i = s.IndicatorIndex(v.indicator), r = s.RegionIndex(v.region);
        if (i < 0 || r < 0 || !std::isfinite(v.value)) continue;
        s.values[(static_cast<std::size_t>(i) * R + static_cast<std::size_t>(r)) * Y +
                 static_cast<std::size_t>(v.year - s.first_year)] = v.value;
    }
}

void SnapshotBuilder::Impl::BuildProfiles(Snapshot& s) const {
    const std::size_t R = s.R();
    struct Feature {
        const char* name;
        std::optional<double> (*get)(const RegionRow&);
    };
    static const Feature kFeatures[] = {
        {"log10_population",
         [](const RegionRow& r) -> std::optional<double> {
             return r.population && *r.population > 0 ? std::optional<double>(std::log10(*r.population)) : std::nullopt;
         }},
        {"urban_share", [](const RegionRow& r) { return r.urban_share; }},
        {"log10_area_km2",
         [](const RegionRow& r) -> std::optional<double> {
             return r.area_km2 && *r.area_km2 > 0 ? std::optional<double>(std::log10(*r.area_km2)) : std::nullopt;
         }},
        {"north", [](const RegionRow& r) -> std::optional<double> { return r.north ? 1.0 : 0.0; }},
    };
    std::vector<std::vector<double>> z;  // [feature][region]
    for (const auto& f : kFeatures) {
        std::vector<std::optional<double>> raw(R);
        double sum = 0;
        std::size_t n = 0;
        for (std::size_t r = 0; r < R; ++r) {
            raw[r] = f.get(s.regions[r]);
            if (raw[r]) {
                sum += *raw[r];
                ++n;
            }
        }
        if (n == 0) continue;
        double mean = sum / static_cast<double>(n), var = 0;
        for (auto& v : raw)
            if (v) var += (*v - mean) * (*v - mean);
        double sd = std::sqrt(var / static_cast<double>(n));
        std::vector<double> col(R, 0.0);
        for (std::size_t r = 0; r < R; ++r) col[r] = raw[r] && sd > 0 ? (*raw[r] - mean) / sd : 0.0;
        z.push_back(std::move(col));
        s.profile_features.emplace_back(f.name);
    }
    s.distance.assign(R * R, 0.0F);
    for (std::size_t a = 0; a < R; ++a)
        for (std::size_t b = 0; b < R; ++b) {
            double d2 = 0;
            for (auto& col : z) d2 += (col[a] - col[b]) * (col[a] - col[b]);
            // Rounded so that peer order does not hinge on the last float bit.
            s.distance[a * R + b] = static_cast<float>(std::round(std::sqrt(d2) * 1e5) / 1e5);
        }
    s.peer_order.assign(R, {});
    for (std::size_t a = 0; a < R; ++a) {
        auto& o = s.peer_order[a];
        for (std::size_t b = 0; b < R; ++b)
            if (b != a) o.push_back(static_cast<int>(b));
        std::stable_sort(o.begin(), o.end(), [&](int x, int y) {
            return s.distance[a * R + static_cast<std::size_t>(x)] < s.distance[a * R + static_cast<std::size_t>(y)];
        });
    }
}

void SnapshotBuilder::Impl::BuildCareers(Snapshot& s) const {
    const std::size_t R = s.R();
    s.person_links.assign(R * R, 0);
    struct P {
        std::int32_t from;
        Id id;
        int region;
        const PositionRec* rec;
    };
    std::map<Id, std::vector<P>> by_person;
    for (auto& [id, p] : positions) {
        int r = s.RegionIndex(p.region);
        if (r >= 0) by_person[p.person].push_back({p.from, id, r, &p});
    }
    for (auto& [person, list] : by_person) {
        std::sort(list.begin(), list.end(),
                  [](const P& a, const P& b) { return a.from != b.from ? a.from < b.from : a.id < b.id; });
        std::set<int> person_regions;
        for (auto& p : list) person_regions.insert(p.region);
        for (int a : person_regions)
            for (int b : person_regions)
                if (a != b) {
                    auto& c = s.person_links[static_cast<std::size_t>(a) * R + static_cast<std::size_t>(b)];
                    if (c < 65535) ++c;
                }
        auto name = persons.find(person);
        for (std::size_t k = 1; k < list.size(); ++k) {
            if (list[k].region == list[k - 1].region || list[k].from == kNoDay) continue;
            CareerMove m{person,
                         name == persons.end() ? std::string() : name->second,
                         list[k].rec->title,
                         list[k - 1].region,
                         list[k].region,
                         list[k].from};
            s.moves.push_back(m);
            // The same move once per organisation held before it outside the region moved to.
            std::set<Id> orgs;
            for (std::size_t j = 0; j < k; ++j)
                if (list[j].rec->organisation && list[j].region != list[k].region &&
                    orgs.insert(list[j].rec->organisation).second) {
                    m.from_organisation = list[j].rec->organisation;
                    m.from_region = list[j].region;
                    s.organisation_moves.push_back(m);
                }
        }
    }
    auto by_day = [](const CareerMove& a, const CareerMove& b) {
        if (a.day != b.day) return a.day < b.day;
        return a.person_id != b.person_id ? a.person_id < b.person_id : a.from_organisation < b.from_organisation;
    };
    std::sort(s.moves.begin(), s.moves.end(), by_day);
    std::sort(s.organisation_moves.begin(), s.organisation_moves.end(), by_day);
}

namespace {

// Lineage: the source region is the region of the source adoption, else the practice's origin.
void LinkLineage(Snapshot& s) {
    for (auto& a : s.adoptions) {
        int src = s.practices[static_cast<std::size_t>(a.practice)].origin_region;
        if (a.source_adoption) {
            auto it = s.adoption_by_id.find(a.source_adoption);
            if (it != s.adoption_by_id.end()) src = s.adoptions[static_cast<std::size_t>(it->second)].adopter_region;
        }
        a.source_region = static_cast<std::int16_t>(src);
        const auto& pr = s.practices[static_cast<std::size_t>(a.practice)];
        // Only public practices (published or archived, app/visibility.hpp) count in the network.
        a.draft_practice =
            pr.state == domain::ModerationState::kDraft || pr.state == domain::ModerationState::kOnReview;
        if (a.start_day != kNoDay && pr.origin_day != kNoDay && a.start_day >= pr.origin_day)
            a.delay_days = a.start_day - pr.origin_day;
    }
}

// CSR indexes of the adoptions by practice (by start day, then id) and by adopter region (id order).
void IndexAdoptions(Snapshot& s) {
    const std::size_t R = s.R(), P = s.practices.size(), A = s.adoptions.size();
    s.by_practice_offsets.assign(P + 1, 0);
    for (auto& a : s.adoptions) ++s.by_practice_offsets[static_cast<std::size_t>(a.practice) + 1];
    for (std::size_t k = 1; k <= P; ++k) s.by_practice_offsets[k] += s.by_practice_offsets[k - 1];
    s.by_practice.resize(A);
    {
        std::vector<std::uint32_t> fill(s.by_practice_offsets.begin(), s.by_practice_offsets.end() - 1);
        for (std::size_t k = 0; k < A; ++k)
            s.by_practice[fill[static_cast<std::size_t>(s.adoptions[k].practice)]++] = static_cast<std::uint32_t>(k);
        for (std::size_t p = 0; p < P; ++p)
            std::stable_sort(
                s.by_practice.begin() + s.by_practice_offsets[p], s.by_practice.begin() + s.by_practice_offsets[p + 1],
                [&](std::uint32_t x, std::uint32_t y) { return s.adoptions[x].start_day < s.adoptions[y].start_day; });
    }
    // CSR by adopter region (id order).
    s.by_region_offsets.assign(R + 1, 0);
    for (auto& a : s.adoptions) ++s.by_region_offsets[static_cast<std::size_t>(a.adopter_region) + 1];
    for (std::size_t k = 1; k <= R; ++k) s.by_region_offsets[k] += s.by_region_offsets[k - 1];
    s.by_region.resize(A);
    {
        std::vector<std::uint32_t> fill(s.by_region_offsets.begin(), s.by_region_offsets.end() - 1);
        for (std::size_t k = 0; k < A; ++k)
            s.by_region[fill[static_cast<std::size_t>(s.adoptions[k].adopter_region)]++] =
                static_cast<std::uint32_t>(k);
    }
}

// Per region: practices held through active adoptions, deepest stage, sorted by practice.
void BuildHeld(Snapshot& s) {
    const std::size_t R = s.R();
    s.held_offsets.assign(R + 1, 0);
    s.held.clear();
    {
        std::vector<std::pair<std::uint32_t, float>> tmp;
        for (std::size_t r = 0; r < R; ++r) {
            tmp.clear();
            for (auto k = s.by_region_offsets[r]; k < s.by_region_offsets[r + 1]; ++k) {
                const auto& a = s.adoptions[s.by_region[k]];
                if (IsActive(a.stage))
                    tmp.emplace_back(static_cast<std::uint32_t>(a.practice), static_cast<float>(StageDepth(a.stage)));
            }
            std::sort(tmp.begin(), tmp.end());
            for (std::size_t i = 0; i < tmp.size(); ++i) {
                if (i + 1 < tmp.size() && tmp[i + 1].first == tmp[i].first) continue;  // keep the deepest (sorted last)
                s.held.push_back({tmp[i].first, tmp[i].second});
            }
            s.held_offsets[r + 1] = static_cast<std::uint32_t>(s.held.size());
        }
    }
}

// CSR of practices by origin region.
void IndexOrigins(Snapshot& s) {
    const std::size_t R = s.R(), P = s.practices.size();
    s.origin_offsets.assign(R + 1, 0);
    for (auto& p : s.practices)
        if (p.origin_region >= 0) ++s.origin_offsets[static_cast<std::size_t>(p.origin_region) + 1];
    for (std::size_t k = 1; k <= R; ++k) s.origin_offsets[k] += s.origin_offsets[k - 1];
    s.by_origin.resize(s.origin_offsets[R]);
    {
        std::vector<std::uint32_t> fill(s.origin_offsets.begin(), s.origin_offsets.end() - 1);
        for (std::size_t k = 0; k < P; ++k)
            if (s.practices[k].origin_region >= 0)
                s.by_origin[fill[static_cast<std::size_t>(s.practices[k].origin_region)]++] =
                    static_cast<std::uint32_t>(k);
    }
}

// Per-practice derived figures: last activity, adopter regions and municipalities, results.
void DerivePracticeFigures(Snapshot& s) {
    const std::size_t R = s.R(), P = s.practices.size();
    std::vector<int> seen_region(R, -1);
    std::vector<Id> munis;
    for (std::size_t p = 0; p < P; ++p) {
        auto& row = s.practices[p];
        munis.clear();
        for (auto k = s.by_practice_offsets[p]; k < s.by_practice_offsets[p + 1]; ++k) {
            const auto& a = s.adoptions[s.by_practice[k]];
            if (a.stage_day != kNoDay && (row.last_activity_day == kNoDay || a.stage_day > row.last_activity_day))
                row.last_activity_day = a.stage_day;
            if (!IsActive(a.stage)) continue;
            row.adoptions_with_results = row.adoptions_with_results || a.has_results;
            if (a.adopter_region != row.origin_region &&
                seen_region[static_cast<std::size_t>(a.adopter_region)] != static_cast<int>(p)) {
                seen_region[static_cast<std::size_t>(a.adopter_region)] = static_cast<int>(p);
                ++row.adopter_regions;
            }
            if (a.municipality) munis.push_back(a.municipality);
        }
        std::sort(munis.begin(), munis.end());
        row.adopter_municipalities = static_cast<std::int32_t>(std::unique(munis.begin(), munis.end()) - munis.begin());
        if (row.last_activity_day != kNoDay &&
            (s.latest_activity_day == kNoDay || row.last_activity_day > s.latest_activity_day))
            s.latest_activity_day = row.last_activity_day;
    }
}

}  // namespace

void SnapshotBuilder::Impl::BuildPractices(Snapshot& s) const {
    AddPracticeRows(s);
    AddAdoptionRows(s);
    LinkLineage(s);
    IndexAdoptions(s);
    BuildHeld(s);
    IndexOrigins(s);
    DerivePracticeFigures(s);
    s.text = TextIndex::Build(s.titles, s.summaries);
}

// The practices in id order, with their domains (list and bit mask), titles and summaries.
void SnapshotBuilder::Impl::AddPracticeRows(Snapshot& s) const {
    const std::vector<Id> ids = SortedIds(practices);
    s.practices.reserve(ids.size());
    s.titles.reserve(ids.size());
    s.summaries.reserve(ids.size());
    s.domain_mask.reserve(ids.size());
    s.practice_by_id.reserve(ids.size());
    for (Id id : ids) {
        const auto& p = practices.at(id);
        PracticeRow row;
        row.id = id;
        row.origin_region = s.RegionIndex(p.origin_region);
        row.origin_municipality = p.municipality;
        row.origin_organisation = p.organisation;
        row.origin_day = p.origin_day;
        row.confirmed_day = p.confirmed_day;
        row.last_activity_day = p.confirmed_day;
        row.state = p.state;
        row.has_results = p.has_results;
        row.domains_begin = static_cast<std::uint32_t>(s.practice_domains.size());
        std::uint64_t mask = 0;
        for (auto& d : p.domains) {
            int di = s.DomainIndex(d);
            s.practice_domains.push_back(di);
            if (di >= 0 && di < 64) mask |= std::uint64_t{1} << di;
        }
        row.domains_end = static_cast<std::uint32_t>(s.practice_domains.size());
        s.practice_by_id.emplace(id, static_cast<int>(s.practices.size()));
        s.practices.push_back(row);
        s.titles.push_back(p.title);
        s.summaries.push_back(p.summary);
        s.domain_mask.push_back(mask);
    }
}

// The adoptions in id order whose practice and region are known.
void SnapshotBuilder::Impl::AddAdoptionRows(Snapshot& s) const {
    const std::vector<Id> ids = SortedIds(adoptions);
    s.adoptions.reserve(ids.size());
    s.stage_first.reserve(ids.size());
    s.adoption_by_id.reserve(ids.size());
    s.adoption_text_offsets.assign(1, 0);
    for (Id id : ids) {
        const auto& a = adoptions.at(id);
        int p = s.PracticeIndex(a.practice), r = s.RegionIndex(a.region);
        if (p < 0 || r < 0) continue;
        AdoptionRow row;
        row.id = id;
        row.practice = p;
        row.adopter_region = static_cast<std::int16_t>(r);
        row.municipality = a.municipality;
        row.organisation = a.organisation;
        row.source_adoption = a.source;
        row.channel = a.channel;
        row.stage = a.stage;
        row.start_day = a.start_day;
        row.stage_day = a.stage_day;
        row.confirmed_day = a.confirmed_day;
        row.has_results = a.has_results;
        s.adoption_by_id.emplace(id, static_cast<int>(s.adoptions.size()));
        s.adoptions.push_back(row);
        s.stage_first.push_back(a.stage_first);
        s.adoption_text += a.text;
        s.adoption_text_offsets.push_back(static_cast<std::uint32_t>(s.adoption_text.size()));
    }
}

}  // namespace orientir::analytics
