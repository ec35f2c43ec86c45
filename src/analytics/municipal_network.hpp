#pragma once
// The municipal view of the inferred network (issue 17: «municipalities roll up to their region, with a
// municipal view where data allows»). The same NetInf as the regional network, with municipalities as
// nodes: each non-draft practice is a cascade of its origin municipality at the origin date (when the
// passport names one) and each adopting municipality at its first adoption's start. Adoptions and origins
// without a municipality are left out and counted (`unplaced_events`), so the answer says how much of the
// data the view stands on.
//
// Too little data: with fewer than kMinMunicipalCascades cascades that hold two municipalities at
// different times there is nothing to learn from, NetInf is not run and `enough_data` is false; the JSON
// view then says why in Russian and English (`reason`, `reason_en`) instead of serving an empty graph.

#include <cstddef>
#include <memory>
#include <vector>

#include "analytics/inferred_network.hpp"
#include "analytics/snapshot.hpp"
#include "common/json.hpp"

namespace orientir::analytics {

inline constexpr std::size_t kMinMunicipalCascades = 10;
// A practice adopted in very many municipalities adds quadratic work (every earlier municipality is a possible
// parent) and little timing information: only its first kMaxMunicipalCascade municipalities (earliest first,
// then by id) are used; the rest are counted in `capped`. And the greedy stops after kMaxMunicipalEdges links
// unless the options name another limit (at national scale over 10^5 links pass p < 0.1; a view shows the
// strongest). Both keep the municipal view within the analytics budget (docs/performance.md).
inline constexpr std::size_t kMaxMunicipalCascade = 20;
inline constexpr int kMaxMunicipalEdges = 2000;

// The municipal cascades and, per node, its municipality id and region index (nodes ordered by id).
struct MunicipalCascades {
    std::vector<Cascade> cascades;
    std::vector<Id> municipalities;
    std::vector<int> node_region;
    std::size_t placed = 0, unplaced = 0;  // events (origins and adoptions) with and without a municipality
    std::size_t capped = 0;                // first events beyond kMaxMunicipalCascade, left out
};
MunicipalCascades BuildMunicipalCascades(const Snapshot& s, int domain = -1);

std::shared_ptr<const RegionalInference> InferMunicipal(const Snapshot& s, const RegionalInferenceOptions& options);

// {"id", "name", "region"}; the name is «муниципалитет № id» when the municipality is not loaded.
OrderedJson MunicipalityJson(const Snapshot& s, Id id, int region);
// The wire format of /api/v1/network/inferred?level=municipality (every edge kind=inferred), with the recorded
// links between municipalities to draw beside them (`recorded_edges`, kind=recorded, the `limit` with the most
// adoptions; `recorded_edges_total`).
OrderedJson MunicipalNetworkJson(const Snapshot& s, const RegionalInference& n, std::size_t limit);

}  // namespace orientir::analytics
