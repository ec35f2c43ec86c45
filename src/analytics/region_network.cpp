#include "analytics/region_network.hpp"

#include <algorithm>
#include <map>

#include "analytics/views.hpp"

namespace orientir::analytics {

namespace {

int YearOf(std::int32_t day) {
    auto d = DateOf(day);
    return d.size() >= 4 ? std::stoi(d.substr(0, 4)) : 0;
}

int Total(const PartnerFlow& p) { return p.borrowed_from + p.borrowed_by; }

void AddYears(const std::map<int, RegionNetworkYear>& by_year, RegionNetworkResult& out) {
    if (by_year.empty()) return;
    for (int y = by_year.begin()->first; y <= by_year.rbegin()->first; ++y) {
        auto it = by_year.find(y);
        out.years.push_back(it == by_year.end() ? RegionNetworkYear{y, 0, 0} : it->second);
    }
}

}  // namespace

Result<RegionNetworkResult> RegionNetwork(const Snapshot& s, int region, const NetworkFilter& filter) {
    if (region < 0 || static_cast<std::size_t>(region) >= s.R()) return Error::NotFound("Регион не найден");
    ORIENTIR_ASSIGN(AdoptionSelector selected, AdoptionSelector::Make(s, filter));
    RegionNetworkResult out;
    out.region = region;
    std::vector<PartnerFlow> flows(s.R());
    std::map<int, RegionNetworkYear> by_year;
    for (const auto& a : s.adoptions) {
        if (a.source_region < 0 || (a.adopter_region != region && a.source_region != region) || !selected(a)) continue;
        if (a.source_region == a.adopter_region) {
            ++out.intra_regional;
            continue;
        }
        const auto ch = static_cast<std::size_t>(a.channel);
        const bool in = a.adopter_region == region;  // the region borrowed it
        auto& f = flows[static_cast<std::size_t>(in ? a.source_region : a.adopter_region)];
        ++(in ? f.borrowed_from : f.borrowed_by);
        ++(in ? f.from_channels : f.by_channels)[ch];
        ++(in ? out.from_channels : out.by_channels)[ch];
        ++(in ? out.borrowed_from : out.borrowed_by);
        if (a.start_day != kNoDay) {
            int y = YearOf(a.start_day);
            auto& row = by_year[y];
            row.year = y;
            ++(in ? row.borrowed_from : row.borrowed_by);
        }
    }
    for (std::size_t r = 0; r < flows.size(); ++r) {
        if (Total(flows[r]) == 0) continue;
        flows[r].region = static_cast<int>(r);
        out.partners.push_back(flows[r]);
    }
    std::stable_sort(out.partners.begin(), out.partners.end(), [&](const PartnerFlow& x, const PartnerFlow& y) {
        if (Total(x) != Total(y)) return Total(x) > Total(y);
        return s.regions[static_cast<std::size_t>(x.region)].code < s.regions[static_cast<std::size_t>(y.region)].code;
    });
    AddYears(by_year, out);
    return out;
}

std::vector<NodePosition> EgoLayout(const RegionNetworkResult& n) {
    std::vector<NodePosition> out{{n.region, 0, 0, 0}};
    std::vector<int> left, right;
    for (const auto& p : n.partners) {
        if (p.borrowed_from) left.push_back(p.region);
        if (p.borrowed_by) right.push_back(p.region);
    }
    // Each column is centred on the region's row, kLabelHeight between rows.
    auto column = [&](const std::vector<int>& regions, int side) {
        const double top = -kLabelHeight * static_cast<double>(regions.size() - 1) / 2;
        for (std::size_t k = 0; k < regions.size(); ++k)
            out.push_back({regions[k], side * 2 * kLabelWidth, top + kLabelHeight * static_cast<double>(k), side});
    };
    column(left, -1);
    column(right, 1);
    return out;
}

std::vector<NodePosition> TileLayout(const Snapshot& s, const std::vector<int>& regions) {
    std::vector<NodePosition> out;
    int max_row = 0, spare = 0;
    for (const auto& r : s.regions) max_row = std::max(max_row, r.tile_row);
    std::vector<int> sorted(regions);
    std::sort(sorted.begin(), sorted.end(), [&](int a, int b) {
        return s.regions[static_cast<std::size_t>(a)].code < s.regions[static_cast<std::size_t>(b)].code;
    });
    for (int r : sorted) {
        const auto& row = s.regions[static_cast<std::size_t>(r)];
        if (row.tile_row >= 0 && row.tile_col >= 0)
            out.push_back({r, row.tile_col * kLabelWidth, row.tile_row * kLabelHeight});
        else
            out.push_back({r, spare++ * kLabelWidth, (max_row + 2) * kLabelHeight});
    }
    return out;
}

OrderedJson RegionNetworkJson(const Snapshot& s, const RegionNetworkResult& n) {
    const std::string& own = s.regions[static_cast<std::size_t>(n.region)].code;
    OrderedJson nodes = OrderedJson::array(), edges = OrderedJson::array(), partners = OrderedJson::array(),
                years = OrderedJson::array();
    for (const auto& pos : EgoLayout(n)) {
        const char* role = pos.side < 0 ? "source" : pos.side > 0 ? "adopter" : "focus";
        nodes.push_back({{"region", RegionJson(s, pos.region)}, {"role", role}, {"x", pos.x}, {"y", pos.y}});
    }
    for (const auto& p : n.partners) {
        const std::string& code = s.regions[static_cast<std::size_t>(p.region)].code;
        if (p.borrowed_from)
            edges.push_back({{"source", code},
                             {"target", own},
                             {"weight", p.borrowed_from},
                             {"channels", ChannelsJson(p.from_channels)}});
        if (p.borrowed_by)
            edges.push_back({{"source", own},
                             {"target", code},
                             {"weight", p.borrowed_by},
                             {"channels", ChannelsJson(p.by_channels)}});
        partners.push_back({{"region", RegionJson(s, p.region)},
                            {"borrowed_from", p.borrowed_from},
                            {"borrowed_by", p.borrowed_by},
                            {"channels_from", ChannelsJson(p.from_channels)},
                            {"channels_by", ChannelsJson(p.by_channels)}});
    }
    for (const auto& y : n.years)
        years.push_back({{"year", y.year}, {"borrowed_from", y.borrowed_from}, {"borrowed_by", y.borrowed_by}});
    return {{"region", RegionJson(s, n.region)},
            {"borrowed_from", n.borrowed_from},
            {"borrowed_by", n.borrowed_by},
            {"intra_regional", n.intra_regional},
            {"channels_from", ChannelsJson(n.from_channels)},
            {"channels_by", ChannelsJson(n.by_channels)},
            {"partners", partners},
            {"years", years},
            {"nodes", nodes},
            {"edges", edges}};
}

void AddTilePositions(const Snapshot& s, OrderedJson& network) {
    std::vector<int> regions;
    for (const auto& node : network["nodes"])
        regions.push_back(s.RegionIndex(node["region"]["code"].get<std::string>()));
    std::map<int, NodePosition> at;
    for (const auto& p : TileLayout(s, regions)) at[p.region] = p;
    for (auto& node : network["nodes"]) {
        const auto& p = at[s.RegionIndex(node["region"]["code"].get<std::string>())];
        node["x"] = p.x;
        node["y"] = p.y;
    }
}

}  // namespace orientir::analytics
