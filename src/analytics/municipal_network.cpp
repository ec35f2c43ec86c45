#include "analytics/municipal_network.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

#include "analytics/attribution.hpp"
#include "analytics/views.hpp"

namespace orientir::analytics {

namespace {

struct Event {
    Id municipality;
    std::int32_t day;
    int region;
};

// The dated events of one practice: its origin and each adoption; those without a municipality are counted.
void PracticeEvents(const Snapshot& s, std::size_t p, std::vector<Event>& out, MunicipalCascades& mc) {
    out.clear();
    const auto& pr = s.practices[p];
    if (pr.origin_day != kNoDay) {
        if (pr.origin_municipality) {
            out.push_back({pr.origin_municipality, pr.origin_day, pr.origin_region});
            ++mc.placed;
        } else {
            ++mc.unplaced;
        }
    }
    for (auto k = s.by_practice_offsets[p]; k < s.by_practice_offsets[p + 1]; ++k) {
        const auto& a = s.adoptions[s.by_practice[k]];
        if (a.start_day == kNoDay) continue;
        if (!a.municipality) {
            ++mc.unplaced;
            continue;
        }
        out.push_back({a.municipality, a.start_day, a.adopter_region});
        ++mc.placed;
    }
    // The first event of each municipality.
    std::sort(out.begin(), out.end(), [](const Event& x, const Event& y) {
        return x.municipality != y.municipality ? x.municipality < y.municipality : x.day < y.day;
    });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const Event& x, const Event& y) { return x.municipality == y.municipality; }),
              out.end());
    if (out.size() > kMaxMunicipalCascade) {
        std::stable_sort(out.begin(), out.end(), [](const Event& x, const Event& y) { return x.day < y.day; });
        mc.capped += out.size() - kMaxMunicipalCascade;
        out.resize(kMaxMunicipalCascade);
    }
}

bool Selected(const Snapshot& s, std::size_t p, int domain) {
    if (s.practices[p].state == domain::ModerationState::kDraft) return false;
    return domain < 0 || s.InDomain(static_cast<int>(p), domain);
}

bool Usable(const Cascade& c) {
    return std::any_of(c.times.begin(), c.times.end(), [&](double t) { return t != c.times.front(); });
}

}  // namespace

MunicipalCascades BuildMunicipalCascades(const Snapshot& s, int domain) {
    MunicipalCascades mc;
    std::vector<std::vector<Event>> per_practice;
    std::vector<Event> events;
    std::map<Id, int> region_of;  // every municipality met, with the region of its first event
    for (std::size_t p = 0; p < s.practices.size(); ++p) {
        if (!Selected(s, p, domain)) continue;
        PracticeEvents(s, p, events, mc);
        if (events.empty()) continue;
        for (const auto& e : events) region_of.emplace(e.municipality, e.region);
        per_practice.push_back(events);
    }
    std::map<Id, int> node;
    for (const auto& [id, region] : region_of) {
        node[id] = static_cast<int>(mc.municipalities.size());
        mc.municipalities.push_back(id);
        const auto* m = s.Municipality(id);
        mc.node_region.push_back(m && m->region >= 0 ? m->region : region);
    }
    mc.cascades.reserve(per_practice.size());
    for (const auto& evs : per_practice) {
        Cascade c;
        for (const auto& e : evs) {
            c.nodes.push_back(node[e.municipality]);
            c.times.push_back(static_cast<double>(e.day) / 365.25);
        }
        mc.cascades.push_back(std::move(c));
    }
    return mc;
}

std::shared_ptr<const RegionalInference> InferMunicipal(const Snapshot& s, const RegionalInferenceOptions& options) {
    auto started = std::chrono::steady_clock::now();
    auto out = std::make_shared<RegionalInference>();
    out->change_seq = s.change_seq;
    out->R = s.R();
    auto mc = BuildMunicipalCascades(s, options.domain);
    out->placed_events = mc.placed;
    out->unplaced_events = mc.unplaced;
    out->capped_events = mc.capped;
    out->usable_cascades = static_cast<std::size_t>(std::count_if(mc.cascades.begin(), mc.cascades.end(), Usable));
    out->enough_data = out->usable_cascades >= kMinMunicipalCascades;
    out->municipalities = std::move(mc.municipalities);
    out->node_region = std::move(mc.node_region);
    if (out->enough_data) {
        RegionalInferenceOptions o = options;
        if (o.max_edges <= 0) o.max_edges = kMaxMunicipalEdges;
        RunNetInf(*out, static_cast<int>(out->municipalities.size()), mc.cascades, o);
    } else {
        out->options = options;
        out->cascades = mc.cascades.size();
        for (const auto& c : mc.cascades) out->events += c.nodes.size();
    }
    out->ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return out;
}

OrderedJson MunicipalityJson(const Snapshot& s, Id id, int region) {
    const auto* m = s.Municipality(id);
    return {{"id", id},
            {"name", m ? m->name : "муниципалитет № " + std::to_string(id)},
            {"region", RegionJson(s, m && m->region >= 0 ? m->region : region)}};
}

namespace {

// Recorded adoptions from one municipality to another: the source adoption's municipality, or the
// practice's origin municipality when the adoption names no source adoption but a real channel.
std::map<std::pair<Id, Id>, int> RecordedMunicipalEdges(const Snapshot& s) {
    std::map<std::pair<Id, Id>, int> out;
    for (const auto& a : s.adoptions) {
        if (a.draft_practice || !a.municipality || IsUnexplained(a) || a.practice < 0) continue;
        Id from = 0;
        if (a.source_adoption) {
            auto it = s.adoption_by_id.find(a.source_adoption);
            if (it != s.adoption_by_id.end()) from = s.adoptions[static_cast<std::size_t>(it->second)].municipality;
        } else {
            from = s.practices[static_cast<std::size_t>(a.practice)].origin_municipality;
        }
        if (from && from != a.municipality) ++out[{from, a.municipality}];
    }
    return out;
}

// The recorded links to draw beside the inferred ones: the `limit` pairs with the most adoptions (then by ids).
OrderedJson RecordedEdgesJson(const Snapshot& s, const std::map<std::pair<Id, Id>, int>& recorded, std::size_t limit) {
    std::vector<std::pair<std::pair<Id, Id>, int>> order(recorded.begin(), recorded.end());
    std::stable_sort(order.begin(), order.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    if (order.size() > limit) order.resize(limit);
    auto region_of = [&](Id m) {
        const MunicipalityRow* row = s.Municipality(m);
        return row ? row->region : -1;
    };
    OrderedJson out = OrderedJson::array();
    for (const auto& [pair, n] : order)
        out.push_back({{"kind", "recorded"},
                       {"from", MunicipalityJson(s, pair.first, region_of(pair.first))},
                       {"to", MunicipalityJson(s, pair.second, region_of(pair.second))},
                       {"adoptions", n}});
    return out;
}

std::string Count(std::size_t v) { return std::to_string(v); }

// The p-value cut-off as people write it: «0,1» (Russian) or "0.1".
std::string Cutoff(double p, bool comma) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", p);
    std::string s(buf);
    if (comma) std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

// Why there is no municipal network: `reason` (Russian) and `reason_en`.
void AddTooLittle(OrderedJson& j, const RegionalInference& n) {
    const std::size_t all = n.placed_events + n.unplaced_events;
    j["reason"] = "Мало данных для муниципальной сети: муниципалитет указан в " + Count(n.placed_events) + " из " +
                  Count(all) +
                  " внедрений и мест происхождения практик; практик, где указаны хотя бы два "
                  "муниципалитета с разными датами, " +
                  Count(n.usable_cascades) + ", а нужно не меньше " + Count(kMinMunicipalCascades) +
                  ". Связи между регионами показаны на уровне регионов.";
    j["reason_en"] = "Too little data for a municipal network: " + Count(n.placed_events) + " of " + Count(all) +
                     " adoptions and practice origins name a municipality; " + Count(n.usable_cascades) +
                     " practices have two municipalities with different dates, at least " +
                     Count(kMinMunicipalCascades) +
                     " are needed. See the regional level for links between "
                     "regions.";
}

}  // namespace

OrderedJson MunicipalNetworkJson(const Snapshot& s, const RegionalInference& n, std::size_t limit) {
    OrderedJson edges = OrderedJson::array();
    auto recorded = RecordedMunicipalEdges(s);
    std::size_t along_recorded = 0, within_region = 0;
    for (std::size_t i = 0; i < n.reported_edges; ++i) {
        const auto& e = n.net.edges[i];
        const auto from = static_cast<std::size_t>(e.from), to = static_cast<std::size_t>(e.to);
        auto it = recorded.find({n.municipalities[from], n.municipalities[to]});
        const int rec = it == recorded.end() ? 0 : it->second;
        const bool same = n.node_region[from] == n.node_region[to];
        along_recorded += rec > 0;
        within_region += same;
        if (edges.size() >= limit) continue;
        edges.push_back({{"kind", "inferred"},
                         {"rank", i + 1},
                         {"from", MunicipalityJson(s, n.municipalities[from], n.node_region[from])},
                         {"to", MunicipalityJson(s, n.municipalities[to], n.node_region[to])},
                         {"same_region", same},
                         {"improvement", std::round(e.improvement * 1000) / 1000},
                         {"p_value", e.p_value},
                         {"cascades", e.cascades},
                         {"recorded_adoptions", rec}});
    }
    OrderedJson j = InferredNetworkHeader(s, n);
    j.update(OrderedJson{{"enough_data", n.enough_data},
                         {"min_cascades", kMinMunicipalCascades},
                         {"events_with_municipality", n.placed_events},
                         {"events_without_municipality", n.unplaced_events},
                         {"events_beyond_cap", n.capped_events},
                         {"max_municipalities_per_practice", kMaxMunicipalCascade},
                         {"max_edges", n.options.max_edges},
                         {"nodes", n.municipalities.size()},
                         {"cascades", n.cascades},
                         {"usable_cascades", n.usable_cascades},
                         {"events", n.events},
                         {"possible_edges", n.net.possible_edges},
                         {"edges_total", n.reported_edges},
                         {"edges_within_region", within_region},
                         {"edges_with_recorded_adoptions", along_recorded},
                         {"computed_ms", std::round(n.ms * 10) / 10}});
    if (!n.enough_data) {
        AddTooLittle(j, n);
    } else if (n.reported_edges == 0) {
        j["reason"] = "Ни одна связь между муниципалитетами не прошла проверку (p < " +
                      Cutoff(n.options.p_value_cutoff, true) +
                      "): связь выделяется, когда одни и те же два муниципалитета внедряют одно за другим несколько "
                      "практик, а в этих данных такие пары почти не повторяются.";
        j["reason_en"] = "No link between municipalities passed the test (p < " +
                         Cutoff(n.options.p_value_cutoff, false) +
                         "): a link stands out when the same two municipalities adopt several practices one after the "
                         "other, and in these data such pairs hardly repeat.";
    }
    j["edges"] = std::move(edges);
    j["recorded_edges_total"] = recorded.size();
    j["recorded_edges"] = RecordedEdgesJson(s, recorded, limit);
    return j;
}

}  // namespace orientir::analytics
