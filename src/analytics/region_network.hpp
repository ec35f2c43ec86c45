#pragma once
// One region's own network: whom it borrowed practices from and who borrowed from it, by channel and
// by year, and deterministic positions for drawing it (and the whole network) so that the same data
// always gives the same picture. Pure reads of a Snapshot. Method in docs/analytics.md.

#include <array>
#include <vector>

#include "analytics/network.hpp"
#include "common/json.hpp"

namespace orientir::analytics {

using ChannelCounts = std::array<int, kChannelCount>;

struct PartnerFlow {
    int region = -1;
    int borrowed_from = 0;  // adoptions in the region whose source is this partner (partner → region)
    int borrowed_by = 0;    // adoptions in this partner whose source is the region (region → partner)
    ChannelCounts from_channels{}, by_channels{};
};

struct RegionNetworkYear {
    int year = 0;
    int borrowed_from = 0, borrowed_by = 0;  // adoptions started that year
};

struct RegionNetworkResult {
    int region = -1;
    std::vector<PartnerFlow> partners;  // most adoptions both ways first, then by region code
    int borrowed_from = 0, borrowed_by = 0;
    int intra_regional = 0;  // borrowed inside the region itself (not edges)
    ChannelCounts from_channels{}, by_channels{};
    std::vector<RegionNetworkYear> years;  // consecutive years from the first to the last adoption; undated left out
};

// Errors as Network(); kNotFound for a region index out of range.
Result<RegionNetworkResult> RegionNetwork(const Snapshot& s, int region, const NetworkFilter& filter);

struct NodePosition {
    int region = -1;
    double x = 0, y = 0;  // graph units (pixels at zoom 1); the label keeps to its kLabelWidth × kLabelHeight box
    int side = 0;         // EgoLayout: -1 a source column, 1 an adopter column, 0 the region itself
};

// Label box every layout leaves for a node and its label (two wrapped lines of 11 px text).
inline constexpr double kLabelWidth = 120, kLabelHeight = 64;

// Positions for a region's network as a flow: the regions it borrowed from in the left column, the region
// in the middle, those that borrowed from it in the right column (a partner both ways stands in both);
// columns ordered as RegionNetworkResult::partners, rows kLabelHeight apart, columns 2 × kLabelWidth
// apart, so every arrow fans out from the middle and no two labels meet.
std::vector<NodePosition> EgoLayout(const RegionNetworkResult& n);
// Positions for the whole network: each region on its tile of the tile map (row, column), one label box
// per tile; regions without a tile go on a row below the map, by code.
std::vector<NodePosition> TileLayout(const Snapshot& s, const std::vector<int>& regions);

// The wire format of /api/v1/network?region=: the Network() shape (nodes with role and x/y, edges with
// channels) for the graph script, plus the region, totals, partners and years for the tables.
OrderedJson RegionNetworkJson(const Snapshot& s, const RegionNetworkResult& n);
// Adds x/y from TileLayout to the nodes of a ToJson(NetworkResult) object.
void AddTilePositions(const Snapshot& s, OrderedJson& network);

}  // namespace orientir::analytics
