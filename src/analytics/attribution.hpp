#pragma once
// Source attribution: for an adoption whose source was not recorded, who did it most likely learn from?
// Candidates are the holders of the practice in other regions before the adoption started (the origin and
// earlier adopters), each named as specifically as the data allow: an organisation when the passport's
// origin or the earlier adoption names one (e.g. the practice's owner organisation, a centre that adopted
// it), else the region. A region whose holders include both organisations and records without one gives a
// candidate of each kind. Each candidate gets a log-linear score from evidence, turned into probabilities
// over the candidates (softmax):
//
//   timing     log f(Δt) under the inferred network's transmission model (Δt in years)
//   network    + w when NetInf inferred the edge candidate → adopter (p below the cut-off)
//   career     + w when an official moved from the candidate region to the adopter region before the
//              adoption started (career overlay), the latest such move named in the reasons
//   org_career + w (organisations only) when the official who moved had worked in that very organisation
//   peers      + w when the candidate is among the adopter's 10 nearest peers (socio-economic profile)
//   district   + w when both are in the same federal district (neighbourhood)
//   origin     + w when the candidate is the practice's origin region
//   text       + w × cosine similarity (TF-IDF, 0..1) of the adopter's notes to the candidate's text: the
//              practice's passport (title, summary) for the origin, the candidate adoption's notes otherwise
//
// Weights are in AttributionWeights (defaults fitted on the planted-ground-truth generator of
// bench/diffusion, see docs/analytics.md). Reasons are Russian sentences naming the evidence that was
// weighed (a zero weight leaves its evidence out).

#include <string>
#include <vector>

#include "analytics/inferred_network.hpp"
#include "analytics/snapshot.hpp"
#include "common/json.hpp"
#include "common/result.hpp"

namespace orientir::analytics {

struct AttributionWeights {
    // Fitted on planted ground truth (bench/diffusion --planted, seed 43; evaluated on seed 42), text included
    // (session 5: career 2.5 → 3, origin 2.5 → 1.5 once the text carries part of the evidence).
    double timing = 0.25;
    double network = 4;
    double career = 3;
    double peers = 0;
    double district = 2;
    double origin = 1.5;
    double text = 5;
    double org_career = 1.5;
    // Name organisations as candidates (false: regions only, as before session 7).
    bool organisations = true;
    // Timing only: every other weight zero.
    static AttributionWeights TimingOnly() { return {1.0, 0, 0, 0, 0, 0, 0, 0}; }
};

struct SourceCandidate {
    int region = -1;
    Id organisation = 0;  // 0: the region itself (holders that name no organisation)
    Id adoption = 0;      // the candidate's earliest adoption of the practice; 0 when it is the origin
    bool origin = false;
    std::int32_t day = kNoDay;  // when the candidate had the practice
    std::int32_t lead_days = 0;
    double timing_term = 0;  // log f(Δt) under the network's transmission model (floored at −50)
    double score = 0;        // log-linear score
    double probability = 0;  // softmax over all candidates
    bool inferred_edge = false;
    double edge_improvement = 0;
    double edge_p_value = 1;
    const CareerMove* move = nullptr;      // latest move candidate's region → adopter before the adoption
    const CareerMove* org_move = nullptr;  // the same from someone who worked in the candidate organisation
    bool peer = false;
    bool same_district = false;
    double text_similarity = 0;  // 0 when either text is empty or the weight is zero
    std::vector<std::string> reasons;
};

struct LikelySources {
    Id adoption = 0;
    int adopter_region = -1;
    bool unexplained = false;  // no source recorded: no source adoption and channel «другое»
    int recorded_source = -1;  // the recorded source region (lineage resolved), -1 when none
    std::size_t candidates_total = 0;
    std::vector<SourceCandidate> candidates;  // best first, at most `limit`
};

// No source recorded: no source adoption and the channel is «другое».
bool IsUnexplained(const AdoptionRow& a);

// The index of candidate (region, organisation) in `cands`, -1 when absent. Organisation 0 names the region:
// its region-level candidate, else (all its holders are organisations) its best-ranked candidate.
int FindCandidate(const std::vector<SourceCandidate>& cands, int region, Id organisation);

// `net` may be null: no network evidence, and the timing model is exponential with λ = 1 per year.
Result<LikelySources> LikelySourcesFor(const Snapshot& s, const RegionalInference* net, Id adoption,
                                       std::size_t limit = 3, const AttributionWeights& w = {});
// The same by row index (for benchmarks and evaluation).
LikelySources LikelySourcesAt(const Snapshot& s, const RegionalInference* net, int adoption_index, std::size_t limit,
                              const AttributionWeights& w);

// JSON views (wire format of /api/v1/network/inferred and /api/v1/adoptions/{id}/likely-sources).
// Every inferred edge carries "kind": "inferred" and the number of recorded adoptions along it, so pages
// can draw inferred edges apart from recorded ones.
// The fields every inferred-network answer opens with (kind, level, method, the note that these are
// hypotheses, model and parameters, cut-off, change-log positions), the same at both levels.
OrderedJson InferredNetworkHeader(const Snapshot& s, const RegionalInference& n);
OrderedJson InferredNetworkJson(const Snapshot& s, const RegionalInference& n, std::size_t limit);
OrderedJson LikelySourcesJson(const Snapshot& s, const LikelySources& l);

}  // namespace orientir::analytics
