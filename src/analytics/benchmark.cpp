#include "analytics/benchmark.hpp"

#include <algorithm>
#include <cmath>

namespace orientir::analytics {

namespace {

std::vector<YearValue> Series(const Snapshot& s, int i, int r) {
    std::vector<YearValue> out;
    if (r < 0) return out;
    for (int y = s.first_year; y < s.first_year + s.year_count; ++y) {
        double v = s.Value(i, r, y);
        if (!IsMissing(v)) out.push_back({y, v});
    }
    return out;
}

std::optional<double> Slope(const std::vector<YearValue>& xs) {
    if (xs.size() < 2) return std::nullopt;
    double n = static_cast<double>(xs.size()), mx = 0, my = 0;
    for (auto& p : xs) {
        mx += p.year;
        my += p.value;
    }
    mx /= n;
    my /= n;
    double num = 0, den = 0;
    for (auto& p : xs) {
        num += (p.year - mx) * (p.value - my);
        den += (p.year - mx) * (p.year - mx);
    }
    return den > 0 ? std::optional<double>(num / den) : std::nullopt;
}

std::optional<double> Opt(double v) { return IsMissing(v) ? std::nullopt : std::optional<double>(v); }

}  // namespace

Result<BenchmarkResult> Benchmark(const Snapshot& s, std::string_view region, std::string_view domain,
                                  const BenchmarkOptions& options) {
    BenchmarkResult out;
    out.region = s.RegionIndex(region);
    if (out.region < 0) return Error::NotFound("Регион с кодом «" + std::string(region) + "» не найден");
    out.domain = s.DomainIndex(domain);
    if (out.domain < 0) return Error::NotFound("Направление «" + std::string(domain) + "» не найдено");
    const std::size_t R = s.R();
    const auto d = static_cast<std::size_t>(out.domain);
    const auto r = static_cast<std::size_t>(out.region);

    const auto& order = s.composite_order[d];
    out.composite_ranked = static_cast<int>(order.size());
    out.composite = Opt(s.composite[d * R + r]);
    if (out.composite) {
        // Ties share the best rank.
        int k = 0;
        while (s.composite[d * R + static_cast<std::size_t>(order[static_cast<std::size_t>(k)])] > *out.composite) ++k;
        out.composite_rank = k + 1;
    }
    for (int l : s.Leaders(out.domain, options.leaders))
        out.leaders.push_back({l, s.composite[d * R + static_cast<std::size_t>(l)]});
    for (int p : s.Peers(out.region, options.peers))
        out.peers.push_back({p, s.distance[r * R + static_cast<std::size_t>(p)]});

    if (!options.target.empty()) {
        out.target = s.RegionIndex(options.target);
        if (out.target < 0)
            return Error::Invalid("leader", "unknown_region",
                                  "Регион для сравнения «" + options.target + "» не найден");
        out.target_kind = "chosen";
    } else {
        for (int l : order)
            if (l != out.region) {
                out.target = l;
                out.target_kind = "leader";
                break;
            }
    }
    if (out.target >= 0) out.target_composite = Opt(s.composite[d * R + static_cast<std::size_t>(out.target)]);

    for (int i : s.domain_indicators[d]) {
        const auto& ind = s.indicators[static_cast<std::size_t>(i)];
        const auto ii = static_cast<std::size_t>(i);
        IndicatorBenchmark b;
        b.indicator = i;
        b.ref_year = ind.ref_year;
        b.ranked = ind.ranked;
        if (ind.ref_year) {
            b.value = Opt(s.Value(i, out.region, ind.ref_year));
            b.rank = s.rank[ii * R + r];
            b.percentile = Opt(s.percentile[ii * R + r]);
            for (std::size_t x = 0; x < R; ++x)
                if (s.rank[ii * R + x] == 1) {
                    b.best_region = static_cast<int>(x);
                    b.best_value = s.Value(i, static_cast<int>(x), ind.ref_year);
                    break;
                }
            if (out.target >= 0) b.target_value = Opt(s.Value(i, out.target, ind.ref_year));
            if (b.value && b.target_value) {
                b.gap = *b.target_value - *b.value;
                b.shortfall = ind.direction == domain::IndicatorDirection::kLowerBetter ? -*b.gap : *b.gap;
                if (*b.value != 0) b.shortfall_pct = 100.0 * *b.shortfall / std::fabs(*b.value);
            }
        }
        b.trend = Series(s, i, out.region);
        b.target_trend = Series(s, i, out.target);
        b.slope = Slope(b.trend);
        out.indicators.push_back(std::move(b));
    }
    return out;
}

bool RegionHasPractice(const Snapshot& s, int region, int practice) {
    const auto& p = s.practices[static_cast<std::size_t>(practice)];
    if (p.origin_region == region) return true;
    for (auto k = s.by_practice_offsets[static_cast<std::size_t>(practice)];
         k < s.by_practice_offsets[static_cast<std::size_t>(practice) + 1]; ++k) {
        const auto& a = s.adoptions[s.by_practice[k]];
        if (a.adopter_region == region && IsActive(a.stage)) return true;
    }
    return false;
}

Result<std::vector<LackingPractice>> WhatTheyHave(const Snapshot& s, std::string_view region,
                                                  const std::vector<std::string>& others, std::string_view domain,
                                                  std::size_t limit) {
    int r = s.RegionIndex(region);
    if (r < 0) return Error::NotFound("Регион с кодом «" + std::string(region) + "» не найден");
    int d = -1;
    if (!domain.empty()) {
        d = s.DomainIndex(domain);
        if (d < 0) return Error::NotFound("Направление «" + std::string(domain) + "» не найдено");
    }
    std::vector<int> other_idx;
    for (auto& code : others) {
        int o = s.RegionIndex(code);
        if (o < 0) return Error::Invalid("leader", "unknown_region", "Регион для сравнения «" + code + "» не найден");
        if (o != r && std::find(other_idx.begin(), other_idx.end(), o) == other_idx.end()) other_idx.push_back(o);
    }
    std::sort(other_idx.begin(), other_idx.end());
    // practice → holders, collected from the others' origins and adoptions.
    std::unordered_map<int, std::vector<Holder>> held;
    auto eligible = [&](int p) {
        return s.practices[static_cast<std::size_t>(p)].state == domain::ModerationState::kPublished &&
               s.InDomain(p, d);
    };
    for (int o : other_idx) {
        const auto oo = static_cast<std::size_t>(o);
        for (auto k = s.origin_offsets[oo]; k < s.origin_offsets[oo + 1]; ++k) {
            int p = static_cast<int>(s.by_origin[k]);
            if (eligible(p)) held[p].push_back(Holder{o, true, domain::AdoptionStage::kScaled, 0});
        }
        for (auto k = s.by_region_offsets[oo]; k < s.by_region_offsets[oo + 1]; ++k) {
            const auto& a = s.adoptions[s.by_region[k]];
            if (!IsActive(a.stage) || !eligible(a.practice)) continue;
            auto& hs = held[a.practice];
            auto it = std::find_if(hs.begin(), hs.end(), [&](const Holder& h) { return h.region == o; });
            if (it == hs.end()) {
                hs.push_back(Holder{o, false, a.stage, a.id});
            } else if (!it->origin && domain::StageRank(a.stage) > domain::StageRank(it->stage)) {
                it->stage = a.stage;
                it->adoption_id = a.id;
            }
        }
    }
    // What the region has: its origins and active adoptions (one pass over its own rows).
    std::vector<char> own(s.practices.size(), 0);
    const auto rr = static_cast<std::size_t>(r);
    for (auto k = s.origin_offsets[rr]; k < s.origin_offsets[rr + 1]; ++k) own[s.by_origin[k]] = 1;
    for (auto k = s.by_region_offsets[rr]; k < s.by_region_offsets[rr + 1]; ++k) {
        const auto& a = s.adoptions[s.by_region[k]];
        if (IsActive(a.stage)) own[static_cast<std::size_t>(a.practice)] = 1;
    }
    std::vector<LackingPractice> out;
    for (auto& [p, hs] : held) {
        if (own[static_cast<std::size_t>(p)]) continue;
        std::sort(hs.begin(), hs.end(), [](const Holder& a, const Holder& b) { return a.region < b.region; });
        out.push_back({p, std::move(hs)});
    }
    auto depth = [](const LackingPractice& lp) {
        double sum = 0;
        for (auto& h : lp.holders) sum += h.origin ? 1.0 : StageDepth(h.stage);
        return sum;
    };
    std::sort(out.begin(), out.end(), [&](const LackingPractice& a, const LackingPractice& b) {
        if (a.holders.size() != b.holders.size()) return a.holders.size() > b.holders.size();
        double da = depth(a), db = depth(b);
        if (da != db) return da > db;
        return s.practices[static_cast<std::size_t>(a.practice)].id <
               s.practices[static_cast<std::size_t>(b.practice)].id;
    });
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace orientir::analytics
