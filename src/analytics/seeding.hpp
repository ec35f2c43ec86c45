#pragma once
// Where to seed a practice: which regions a curator should work with first so that the practice reaches
// the most regions within a horizon, on the inferred network (inferred_network.hpp).
//
// Propagation model: independent cascades with delays. An inferred edge u → v transmits with probability
// p = (cascades in which u is v's parent at the end of NetInf) / (cascades u appears in), after a delay
// drawn from the inferred transmission model. The regions that already have the practice (origin and
// active adoptions) start at time 0. `samples` live-edge graphs are drawn once (common random numbers);
// reach(S) = mean over them of the regions reached within the horizon from the current holders ∪ S.
// For a fixed set of samples reach is monotone and submodular (a coverage function), so the greedy choice,
// evaluated lazily (CELF), is within (1 − 1/e) ≈ 63 % of the best set of the same size for that objective;
// the Monte-Carlo estimate itself has a standard error reported with each figure.

#include <cstdint>
#include <vector>

#include "analytics/inferred_network.hpp"
#include "analytics/snapshot.hpp"
#include "common/json.hpp"
#include "common/result.hpp"

namespace orientir::analytics {

struct SeedingOptions {
    int seeds = 3;
    double horizon_years = 3;
    int samples = 200;
    std::uint64_t random_seed = 17;
};

struct SeedChoice {
    int region = -1;
    double gain = 0;      // expected additional regions reached
    double reach = 0;     // expected regions reached with the seeds so far
    double reach_se = 0;  // standard error of `reach` over the samples
};

struct SeedingResult {
    int practice = -1;
    std::vector<int> holders;  // regions that already have it
    double baseline = 0;       // expected regions reached without new seeds (holders included)
    double baseline_se = 0;
    std::vector<SeedChoice> seeds;
    std::size_t evaluations = 0;  // reach evaluations (each over all samples)
    double ms = 0;
};

Result<SeedingResult> Seeding(const Snapshot& s, const RegionalInference& net, Id practice,
                              const SeedingOptions& options = {});
OrderedJson SeedingJson(const Snapshot& s, const SeedingResult& r, const SeedingOptions& options);

}  // namespace orientir::analytics
