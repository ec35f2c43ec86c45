#pragma once
// The diffusion network of practices between regions: edges source → adopter, roles, influence,
// channel shares, time to adoption; the spread of one practice; the career overlay. Pure reads of a
// Snapshot: thread-safe and deterministic. Method in docs/analytics.md.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/snapshot.hpp"
#include "common/result.hpp"

namespace orientir::analytics {

inline constexpr std::size_t kChannelCount = 8;

struct NetworkFilter {
    std::string domain;  // empty: all domains
    std::string from;    // "YYYY" or "YYYY-MM-DD", inclusive, on the adoption's start date; empty: open
    std::string to;
    std::size_t max_edges = 0;  // keep only the heaviest edges (0: all); nodes and totals use all
};

struct NetworkEdge {
    int source = -1;
    int target = -1;
    int weight = 0;  // adoptions
    std::array<int, kChannelCount> channels{};
};

// The adoptions a filter selects: in the domain, started within the period, of a non-draft practice.
class AdoptionSelector {
public:
    // Errors: unknown domain (kNotFound), bad period (kInvalidArgument, field "from"/"to").
    static Result<AdoptionSelector> Make(const Snapshot& s, const NetworkFilter& filter);
    bool operator()(const AdoptionRow& a) const;

private:
    const Snapshot* s_ = nullptr;
    int domain_ = -1;
    std::int32_t from_ = 0, to_ = 0;
    bool bounded_ = false, single_mask_ = false;
    std::uint64_t bit_ = 0;
};

enum class Role { kSource, kHub, kAdopter, kIsolated };
const char* RoleCode(Role r);

struct NetworkNode {
    int region = -1;
    int out_weight = 0, in_weight = 0;  // adoptions borrowed from / by the region (other regions only)
    int out_degree = 0, in_degree = 0;  // distinct partner regions
    Role role = Role::kIsolated;
    double influence = 0;  // PageRank on the "borrowed from" graph, sums to 1 over all regions
};

struct NetworkResult {
    std::vector<NetworkEdge> edges;             // heaviest first, then by source and target code
    int total_edges = 0;                        // before max_edges
    std::vector<NetworkNode> nodes;             // regions with any edge, most influential first
    std::array<int, kChannelCount> channels{};  // over inter-regional adoptions
    int adoptions = 0;                          // inter-regional adoptions matched
    int intra_regional = 0;                     // adoptions within the source's own region (not edges)
    int unknown_source = 0;
    std::optional<double> median_days;  // from the practice's origin date to the adoption's start
    int timed = 0;                      // adoptions the median is over
};

// Errors: unknown domain (kNotFound), bad period (kInvalidArgument, field "from"/"to").
Result<NetworkResult> Network(const Snapshot& s, const NetworkFilter& filter);

struct SpreadYear {
    int year = 0;
    int adoptions = 0;                               // adoptions started that year
    int new_regions = 0, regions = 0;                // cumulative distinct adopter regions (origin excluded)
    int new_municipalities = 0, municipalities = 0;  // cumulative distinct municipalities
};

struct SpreadResult {
    int practice = -1;
    std::vector<int> adoptions;     // by start date, then id
    std::vector<int> generation;    // parallel: 1 = borrowed from the origin, 2 = from a first adopter, ...
    std::vector<SpreadYear> years;  // consecutive years from the first to the last event
};

Result<SpreadResult> Spread(const Snapshot& s, Id practice);

struct CareerLink {
    int move = -1;               // index into Snapshot::moves
    std::vector<int> adoptions;  // adoptions from_region → to_region started within the window
};

struct CareerOverlayResult {
    std::vector<CareerLink> links;  // by move date; only moves followed by adoptions unless all_moves
    int moves = 0;                  // moves considered
};

// Persons who moved between regions and the adoptions between those regions (source = the region
// left, adopter = the region joined) that started within `years` after the move; also adoptions the
// other way (the region left borrows from the region joined) with the personnel channel, started any
// time after the move.
CareerOverlayResult CareerOverlay(const Snapshot& s, int years, std::string_view domain = {}, bool all_moves = false);

}  // namespace orientir::analytics
