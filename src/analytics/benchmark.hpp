#pragma once
// Benchmarking a region in a domain against the leaders and its peers, and "what they have that you
// lack". The method (reference year, ranks, percentiles, composite index, peer profile) is described
// in docs/analytics.md. All functions are pure reads of a Snapshot: thread-safe, deterministic
// (ties are broken by region code, practice id).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/snapshot.hpp"
#include "common/result.hpp"

namespace orientir::analytics {

struct YearValue {
    int year = 0;
    double value = 0;
};

struct IndicatorBenchmark {
    int indicator = -1;
    int ref_year = 0;
    std::optional<double> value;       // the region's value in ref_year
    int rank = 0;                      // 1 = best; 0 = no value
    int ranked = 0;                    // regions with a value
    std::optional<double> percentile;  // 0..100, higher is better whatever the direction
    int best_region = -1;              // the region ranked first (lowest code among equals)
    std::optional<double> best_value;
    std::optional<double> target_value;   // the compared leader's / peer's value in ref_year
    std::optional<double> gap;            // target_value - value
    std::optional<double> shortfall;      // how much the region must improve to match the target, in the
                                          // indicator's direction (negative: the region is ahead)
    std::optional<double> shortfall_pct;  // shortfall relative to |value|, percent
    std::vector<YearValue> trend;         // the region's series, by year
    std::vector<YearValue> target_trend;
    std::optional<double> slope;  // least-squares change per year of the region's series
};

struct RankedRegion {
    int region = -1;
    double score = 0;  // composite index for leaders, profile distance for peers
};

struct BenchmarkResult {
    int region = -1;
    int domain = -1;
    int target = -1;          // the compared region (-1: none)
    std::string target_kind;  // "chosen", "leader" (default: best region but this one) or ""
    std::optional<double> composite;
    int composite_rank = 0;  // 1 = best; 0 = no composite
    int composite_ranked = 0;
    std::optional<double> target_composite;
    std::vector<IndicatorBenchmark> indicators;  // by indicator code
    std::vector<RankedRegion> leaders;           // best composite first
    std::vector<RankedRegion> peers;             // nearest profile first
};

struct BenchmarkOptions {
    std::string target;  // region code of the chosen leader or peer; empty: the best other region
    std::size_t leaders = 5;
    std::size_t peers = 5;
};

// Errors: unknown region or domain (kNotFound), unknown target (kInvalidArgument, field "leader").
Result<BenchmarkResult> Benchmark(const Snapshot& s, std::string_view region, std::string_view domain,
                                  const BenchmarkOptions& options = {});

// Who holds a practice among the compared regions.
struct Holder {
    int region = -1;
    bool origin = false;                                             // the practice originated there
    domain::AdoptionStage stage = domain::AdoptionStage::kInterest;  // furthest active adoption (if not origin)
    Id adoption_id = 0;
};

struct LackingPractice {
    int practice = -1;
    std::vector<Holder> holders;  // by region code
};

// Published practices that `others` originated or adopted (any stage but «прекращено») and that
// `region` neither originated nor adopted; optionally within a domain. Ordered by number of
// holders, then depth of adoption, then practice id. At most `limit`.
Result<std::vector<LackingPractice>> WhatTheyHave(const Snapshot& s, std::string_view region,
                                                  const std::vector<std::string>& others, std::string_view domain,
                                                  std::size_t limit = 50);

// True when the region has the practice: it originated there or has an active adoption.
bool RegionHasPractice(const Snapshot& s, int region, int practice);

}  // namespace orientir::analytics
