#include "analytics/network.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "common/strings.hpp"

namespace orientir::analytics {

const char* RoleCode(Role r) {
    switch (r) {
        case Role::kSource:
            return "source";
        case Role::kHub:
            return "hub";
        case Role::kAdopter:
            return "adopter";
        case Role::kIsolated:
            return "isolated";
    }
    return "isolated";
}

namespace {

// "YYYY" → its first (or last) day; "YYYY-MM-DD" → that day.
Result<std::int32_t> ParseBound(const std::string& v, bool upper, const char* field) {
    if (v.empty())
        return upper ? std::numeric_limits<std::int32_t>::max() : std::numeric_limits<std::int32_t>::min() + 1;
    if (v.size() == 4) {
        auto y = ParseInt(v);
        if (y && *y >= 1900 && *y <= 2200) return DayOf(v + (upper ? "-12-31" : "-01-01"));
    } else if (auto d = DayOf(v); d != kNoDay && v.size() == 10) {
        return d;
    }
    return Error::Invalid(field, "date",
                          std::string("Параметр ") + field + " должен быть годом (2024) или датой (2024-05-01)");
}

}  // namespace

Result<AdoptionSelector> AdoptionSelector::Make(const Snapshot& s, const NetworkFilter& f) {
    AdoptionSelector sel;
    sel.s_ = &s;
    if (!f.domain.empty()) {
        sel.domain_ = s.DomainIndex(f.domain);
        if (sel.domain_ < 0) return Error::NotFound("Направление «" + f.domain + "» не найдено");
    }
    ORIENTIR_ASSIGN(sel.from_, ParseBound(f.from, false, "from"));
    ORIENTIR_ASSIGN(sel.to_, ParseBound(f.to, true, "to"));
    if (sel.from_ > sel.to_) return Error::Invalid("to", "range", "Конец периода раньше начала");
    sel.bounded_ = !f.from.empty() || !f.to.empty();
    sel.single_mask_ = sel.domain_ >= 0 && sel.domain_ < 64;
    sel.bit_ = sel.single_mask_ ? std::uint64_t{1} << sel.domain_ : 0;
    return sel;
}

bool AdoptionSelector::operator()(const AdoptionRow& a) const {
    if (domain_ >= 0) {
        if (single_mask_ ? !(s_->domain_mask[static_cast<std::size_t>(a.practice)] & bit_)
                         : !s_->InDomain(a.practice, domain_))
            return false;
    }
    if (bounded_ && (a.start_day == kNoDay || a.start_day < from_ || a.start_day > to_)) return false;
    return !a.draft_practice;
}

namespace {

// The median of the delays (reordered), the mean of the two middle ones for an even count.
double Median(std::vector<std::int32_t>& delays) {
    auto mid = delays.begin() + static_cast<std::ptrdiff_t>(delays.size() / 2);
    std::nth_element(delays.begin(), mid, delays.end());
    double m = *mid;
    if (delays.size() % 2 == 0) m = (m + *std::max_element(delays.begin(), mid)) / 2.0;
    return m;
}

// Influence: PageRank where each adopter passes its score to the regions it borrowed from, in proportion to
// the adoptions; regions that borrowed nothing spread theirs evenly. `weight` is the dense R×R edge matrix.
std::vector<double> Influence(const std::vector<int>& weight, const std::vector<NetworkNode>& nodes, std::size_t R) {
    std::vector<double> pr(R, R ? 1.0 / static_cast<double>(R) : 0.0), next(R);
    const double damping = 0.85;
    for (int it = 0; it < 50 && R; ++it) {
        double dangling = 0;
        for (std::size_t b = 0; b < R; ++b)
            if (nodes[b].in_weight == 0) dangling += pr[b];
        std::fill(next.begin(), next.end(),
                  (1.0 - damping) / static_cast<double>(R) + damping * dangling / static_cast<double>(R));
        for (std::size_t a = 0; a < R; ++a)
            for (std::size_t b = 0; b < R; ++b) {
                int w = weight[a * R + b];
                if (w) next[a] += damping * pr[b] * w / nodes[b].in_weight;
            }
        pr.swap(next);
    }
    return pr;
}

Role RoleOf(const NetworkNode& n) {
    if (n.out_weight == 0 && n.in_weight == 0) return Role::kIsolated;
    if (n.in_weight == 0 || n.out_weight >= 2 * n.in_weight) return n.out_weight > 0 ? Role::kSource : Role::kAdopter;
    if (n.out_weight == 0 || n.in_weight >= 2 * n.out_weight) return Role::kAdopter;
    return Role::kHub;
}

// Edges (heaviest first, at most `max_edges` kept) and every region's degrees from the dense matrices.
std::vector<NetworkNode> AddEdges(const std::vector<int>& weight,
                                  const std::vector<std::array<int, kChannelCount>>& chan, std::size_t R,
                                  std::size_t max_edges, NetworkResult& out) {
    std::vector<NetworkNode> nodes(R);
    for (std::size_t a = 0; a < R; ++a) nodes[a].region = static_cast<int>(a);
    for (std::size_t a = 0; a < R; ++a)
        for (std::size_t b = 0; b < R; ++b) {
            int w = weight[a * R + b];
            if (!w) continue;
            out.edges.push_back({static_cast<int>(a), static_cast<int>(b), w, chan[a * R + b]});
            nodes[a].out_weight += w;
            nodes[a].out_degree += 1;
            nodes[b].in_weight += w;
            nodes[b].in_degree += 1;
        }
    std::stable_sort(out.edges.begin(), out.edges.end(),
                     [](const NetworkEdge& x, const NetworkEdge& y) { return x.weight > y.weight; });
    out.total_edges = static_cast<int>(out.edges.size());
    if (max_edges && out.edges.size() > max_edges) out.edges.resize(max_edges);
    return nodes;
}

}  // namespace

Result<NetworkResult> Network(const Snapshot& s, const NetworkFilter& f) {
    ORIENTIR_ASSIGN(AdoptionSelector selected, AdoptionSelector::Make(s, f));
    const std::size_t R = s.R();
    NetworkResult out;
    // Dense R×R edge accumulation: cheap for ~90 regions and keeps the order deterministic.
    std::vector<int> weight(R * R, 0);
    std::vector<std::array<int, kChannelCount>> chan(R * R);
    std::vector<std::int32_t> delays;
    delays.reserve(s.adoptions.size() / 4);
    for (const auto& a : s.adoptions) {
        if (!selected(a)) continue;
        if (a.source_region < 0) {
            ++out.unknown_source;
            continue;
        }
        if (a.source_region == a.adopter_region) {
            ++out.intra_regional;
            continue;
        }
        auto e = static_cast<std::size_t>(a.source_region) * R + static_cast<std::size_t>(a.adopter_region);
        ++weight[e];
        ++chan[e][static_cast<std::size_t>(a.channel)];
        ++out.channels[static_cast<std::size_t>(a.channel)];
        ++out.adoptions;
        if (a.delay_days >= 0) delays.push_back(a.delay_days);
    }
    if (!delays.empty()) {
        out.median_days = Median(delays);
        out.timed = static_cast<int>(delays.size());
    }
    auto nodes = AddEdges(weight, chan, R, f.max_edges, out);
    const auto pr = Influence(weight, nodes, R);
    for (std::size_t a = 0; a < R; ++a) {
        auto& n = nodes[a];
        n.influence = std::round(pr[a] * 1e6) / 1e6;
        n.role = RoleOf(n);
        if (n.role != Role::kIsolated) out.nodes.push_back(n);
    }
    std::stable_sort(out.nodes.begin(), out.nodes.end(), [](const NetworkNode& x, const NetworkNode& y) {
        if (x.influence != y.influence) return x.influence > y.influence;
        return x.out_weight > y.out_weight;
    });
    return out;
}

Result<SpreadResult> Spread(const Snapshot& s, Id practice) {
    int p = s.PracticeIndex(practice);
    if (p < 0) return Error::NotFound("Практика " + std::to_string(practice) + " не найдена");
    SpreadResult out;
    out.practice = p;
    const auto& row = s.practices[static_cast<std::size_t>(p)];
    for (auto k = s.by_practice_offsets[static_cast<std::size_t>(p)];
         k < s.by_practice_offsets[static_cast<std::size_t>(p) + 1]; ++k)
        out.adoptions.push_back(static_cast<int>(s.by_practice[k]));
    // Generations along the lineage: a source adoption normally has a lower id, so one pass in id
    // order with a memo suffices; anything else (or a cycle in bad data) walks up to a bounded depth.
    {
        std::vector<int> by_id(out.adoptions);
        std::sort(by_id.begin(), by_id.end());
        std::unordered_map<Id, int> memo;
        memo.reserve(by_id.size());
        for (int a : by_id) {
            const auto& ad = s.adoptions[static_cast<std::size_t>(a)];
            int g = 1;
            Id src = ad.source_adoption;
            while (src && g <= static_cast<int>(by_id.size())) {
                if (auto m = memo.find(src); m != memo.end()) {
                    g += m->second;
                    break;
                }
                auto it = s.adoption_by_id.find(src);
                if (it == s.adoption_by_id.end()) break;
                ++g;
                src = s.adoptions[static_cast<std::size_t>(it->second)].source_adoption;
            }
            memo.emplace(ad.id, g);
        }
        for (int a : out.adoptions) out.generation.push_back(memo[s.adoptions[static_cast<std::size_t>(a)].id]);
    }
    int first = 0, last = -1;
    auto year_of = [](std::int32_t day) { return std::stoi(DateOf(day).substr(0, 4)); };
    if (row.origin_day != kNoDay) first = last = year_of(row.origin_day);
    for (int a : out.adoptions) {
        auto day = s.adoptions[static_cast<std::size_t>(a)].start_day;
        if (day == kNoDay) continue;
        int y = year_of(day);
        if (first > last) first = last = y;
        first = std::min(first, y);
        last = std::max(last, y);
    }
    std::set<int> regions;
    std::set<Id> munis;
    std::size_t k = 0;
    for (int y = first; y <= last; ++y) {
        SpreadYear sy;
        sy.year = y;
        for (; k < out.adoptions.size(); ++k) {
            const auto& a = s.adoptions[static_cast<std::size_t>(out.adoptions[k])];
            if (a.start_day == kNoDay) continue;
            if (year_of(a.start_day) > y) break;
            ++sy.adoptions;
            if (!IsActive(a.stage)) continue;
            if (a.adopter_region != row.origin_region && regions.insert(a.adopter_region).second) ++sy.new_regions;
            if (a.municipality && munis.insert(a.municipality).second) ++sy.new_municipalities;
        }
        sy.regions = static_cast<int>(regions.size());
        sy.municipalities = static_cast<int>(munis.size());
        out.years.push_back(sy);
    }
    return out;
}

CareerOverlayResult CareerOverlay(const Snapshot& s, int years, std::string_view domain, bool all_moves) {
    CareerOverlayResult out;
    int d = domain.empty() ? -1 : s.DomainIndex(domain);
    if (!domain.empty() && d < 0) return out;
    const std::int32_t window = static_cast<std::int32_t>(std::max(0, years)) * 365 + years / 4;
    for (std::size_t m = 0; m < s.moves.size(); ++m) {
        const auto& mv = s.moves[m];
        ++out.moves;
        CareerLink link;
        link.move = static_cast<int>(m);
        const auto to = static_cast<std::size_t>(mv.to_region);
        for (auto k = s.by_region_offsets[to]; k < s.by_region_offsets[to + 1]; ++k) {
            const auto& a = s.adoptions[s.by_region[k]];
            if (a.source_region != mv.from_region || a.start_day == kNoDay) continue;
            if (a.start_day < mv.day || a.start_day > mv.day + window) continue;
            if (!s.InDomain(a.practice, d)) continue;
            link.adoptions.push_back(static_cast<int>(s.by_region[k]));
        }
        // The other way: the region the person left borrows from the region they lead now, and the
        // adoption names the personnel channel (the curator said so) — shown whenever it started after
        // the move, not only within the window.
        const auto from = static_cast<std::size_t>(mv.from_region);
        for (auto k = s.by_region_offsets[from]; k < s.by_region_offsets[from + 1]; ++k) {
            const auto& a = s.adoptions[s.by_region[k]];
            if (a.source_region != mv.to_region || a.channel != domain::Channel::kPersonnel) continue;
            if (a.start_day == kNoDay || a.start_day < mv.day || !s.InDomain(a.practice, d)) continue;
            link.adoptions.push_back(static_cast<int>(s.by_region[k]));
        }
        if (all_moves || !link.adoptions.empty()) out.links.push_back(std::move(link));
    }
    return out;
}

}  // namespace orientir::analytics
