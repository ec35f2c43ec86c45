#include "analytics/attribution.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analytics/russian.hpp"
#include "analytics/views.hpp"

namespace orientir::analytics {

namespace {

std::string Fixed(double v, int digits) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    std::string s(buf);
    for (auto& c : s)
        if (c == '.') c = ',';
    return s;
}

std::string Lead(std::int32_t days) {
    if (days < 61) return std::to_string(days) + " " + std::string(ru::Plural(days, "день", "дня", "дней"));
    long months = std::lround(days / 30.4375);
    if (months < 24)
        return std::to_string(months) + " " + std::string(ru::Plural(months, "месяц", "месяца", "месяцев"));
    long years = std::lround(days / 365.25);
    return std::to_string(years) + " " + std::string(ru::Plural(years, "год", "года", "лет"));
}

int YearOf(std::int32_t day) {
    auto d = DateOf(day);
    return d.size() >= 4 ? std::atoi(d.substr(0, 4).c_str()) : 0;
}

}  // namespace

namespace {
// Text similarities below this are noise and not named in the reasons (they still count in the score).
constexpr double kShownSimilarity = 0.05;

// What a candidate wrote: the practice's passport for its origin, else the candidate adoption's notes.
std::string CandidateText(const Snapshot& s, int practice, const SourceCandidate& c) {
    const auto p = static_cast<std::size_t>(practice);
    if (c.origin || c.adoption == 0) return s.titles[p] + "\n" + s.summaries[p];
    auto it = s.adoption_by_id.find(c.adoption);
    return it == s.adoption_by_id.end() ? std::string() : std::string(s.AdoptionText(it->second));
}
}  // namespace

bool IsUnexplained(const AdoptionRow& a) { return a.source_adoption == 0 && a.channel == domain::Channel::kOther; }

namespace {

// Candidate regions: when each first had the practice, strictly before adoption `a` started (the origin and
// earlier adopters; never the adopter's own region). `slot[region]` is the candidate's index or -1.
std::vector<SourceCandidate> CollectCandidates(const Snapshot& s, const AdoptionRow& a, std::vector<int>& slot) {
    std::vector<SourceCandidate> cands;
    slot.assign(s.R(), -1);
    auto add = [&](int region, std::int32_t day, Id adoption, bool origin) {
        if (region < 0 || region == a.adopter_region || day == kNoDay || day >= a.start_day) return;
        auto& k = slot[static_cast<std::size_t>(region)];
        if (k < 0) {
            k = static_cast<int>(cands.size());
            SourceCandidate c;
            c.region = region;
            c.day = day;
            c.adoption = adoption;
            c.origin = origin;
            cands.push_back(std::move(c));
            return;
        }
        auto& c = cands[static_cast<std::size_t>(k)];
        if (origin) c.origin = true;
        if (day < c.day) {
            c.day = day;
            c.adoption = adoption;
        }
    };
    const auto p = static_cast<std::size_t>(a.practice);
    const auto& pr = s.practices[p];
    add(pr.origin_region, pr.origin_day, 0, true);
    for (auto k = s.by_practice_offsets[p]; k < s.by_practice_offsets[p + 1]; ++k) {
        const auto& b = s.adoptions[s.by_practice[k]];
        if (b.start_day >= a.start_day) break;  // the index is ordered by start day
        add(b.adopter_region, b.start_day, b.id, false);
    }
    return cands;
}

// Career overlay: the latest move candidate → adopter before the adoption started.
void MarkCareerMoves(const Snapshot& s, const AdoptionRow& a, const std::vector<int>& slot,
                     std::vector<SourceCandidate>& cands) {
    for (const auto& m : s.moves) {
        if (m.day > a.start_day) break;  // sorted by day
        if (m.to_region != a.adopter_region || m.from_region < 0) continue;
        auto k = slot[static_cast<std::size_t>(m.from_region)];
        if (k >= 0) cands[static_cast<std::size_t>(k)].move = &m;
    }
}

// The evidence of each candidate and its log-linear score.
void ScoreCandidates(const Snapshot& s, const RegionalInference* net, int index, const AttributionWeights& w,
                     std::vector<SourceCandidate>& cands) {
    const auto& a = s.adoptions[static_cast<std::size_t>(index)];
    const int to = a.adopter_region;
    std::vector<bool> peer(s.R(), false);
    if (w.peers != 0)
        for (int r : s.Peers(to, 10)) peer[static_cast<std::size_t>(r)] = true;
    TransmissionModel model = net ? net->options.model : TransmissionModel::kExponential;
    std::vector<double> params = net && !net->net.params.empty() ? net->net.params : std::vector<double>{1.0};
    const auto& dst = s.regions[static_cast<std::size_t>(to)];
    const std::string_view own_text = w.text != 0 ? s.AdoptionText(index) : std::string_view();
    for (auto& c : cands) {
        c.lead_days = a.start_day - c.day;
        double timing = LogDensity(model, params, c.lead_days / 365.25);
        c.timing_term = std::isfinite(timing) ? timing : -50;
        c.score = w.timing * c.timing_term;
        if (const InferredEdge* e = net && w.network != 0 ? net->Edge(c.region, to) : nullptr) {
            c.inferred_edge = true;
            c.edge_improvement = e->improvement;
            c.edge_p_value = e->p_value;
            c.score += w.network;
        }
        if (c.move && w.career != 0) c.score += w.career;
        c.peer = peer[static_cast<std::size_t>(c.region)];
        if (c.peer) c.score += w.peers;
        const auto& src = s.regions[static_cast<std::size_t>(c.region)];
        c.same_district = w.district != 0 && !src.district.empty() && src.district == dst.district;
        if (c.same_district) c.score += w.district;
        if (c.origin) c.score += w.origin;
        if (w.text != 0 && !own_text.empty()) {
            c.text_similarity = s.text.Similarity(own_text, CandidateText(s, a.practice, c));
            c.score += w.text * c.text_similarity;
        }
    }
}

// Softmax probabilities, then the best `limit` by score (ties by region code).
void RankCandidates(const Snapshot& s, std::size_t limit, std::vector<SourceCandidate>& cands) {
    double mx = -1e300;
    for (auto& c : cands) mx = std::max(mx, c.score);
    double z = 0;
    for (auto& c : cands) z += std::exp(c.score - mx);
    for (auto& c : cands) c.probability = std::exp(c.score - mx) / z;
    auto by_score = [&](const SourceCandidate& x, const SourceCandidate& y) {
        if (x.score != y.score) return x.score > y.score;
        return s.regions[static_cast<std::size_t>(x.region)].code < s.regions[static_cast<std::size_t>(y.region)].code;
    };
    if (cands.size() > limit) {
        std::partial_sort(cands.begin(), cands.begin() + static_cast<std::ptrdiff_t>(limit), cands.end(), by_score);
        cands.resize(limit);
    } else {
        std::sort(cands.begin(), cands.end(), by_score);
    }
}

// Reasons, strongest evidence first.
void AddReasons(const Snapshot& s, const RegionRow& dst, std::vector<SourceCandidate>& cands) {
    for (auto& c : cands) {
        const auto& src = s.regions[static_cast<std::size_t>(c.region)];
        std::string name = ru::DisplayName(src);
        if (c.move) {
            std::string who = c.move->person_name.empty() ? "сотрудник" : c.move->person_name;
            std::string r = "кадровая связь: " + who + " работал(а) в регионе «" + name +
                            "» и перешёл(шла) в регион «" + ru::DisplayName(dst) + "»";
            if (int y = YearOf(c.move->day)) r += " в " + std::to_string(y) + " г.";
            if (!c.move->title.empty()) r += " (" + c.move->title + ")";
            c.reasons.push_back(std::move(r));
        }
        if (c.inferred_edge)
            c.reasons.push_back("выявленная по времени внедрений связь «" + name + "» → «" + ru::DisplayName(dst) +
                                "» (NetInf, p = " + Fixed(c.edge_p_value, 3) + ")");
        if (c.text_similarity >= kShownSimilarity)
            c.reasons.push_back("сходство описания " + Fixed(c.text_similarity, 2));
        c.reasons.push_back(std::string(c.origin ? "регион-автор практики; " : "") + "«" + name + "» внедрил(а) на " +
                            Lead(c.lead_days) + " раньше");
        if (c.peer) c.reasons.push_back("похожий регион по социально-экономическому профилю");
        if (c.same_district) c.reasons.push_back("тот же федеральный округ");
    }
}

}  // namespace

LikelySources LikelySourcesAt(const Snapshot& s, const RegionalInference* net, int index, std::size_t limit,
                              const AttributionWeights& w) {
    LikelySources out;
    const auto& a = s.adoptions[static_cast<std::size_t>(index)];
    out.adoption = a.id;
    out.adopter_region = a.adopter_region;
    out.unexplained = IsUnexplained(a);
    if (!out.unexplained) out.recorded_source = a.source_region;
    if (a.practice < 0 || a.start_day == kNoDay || a.adopter_region < 0) return out;
    std::vector<int> slot;
    auto cands = CollectCandidates(s, a, slot);
    out.candidates_total = cands.size();
    if (cands.empty()) return out;
    if (w.career != 0) MarkCareerMoves(s, a, slot, cands);
    ScoreCandidates(s, net, index, w, cands);
    RankCandidates(s, limit, cands);
    AddReasons(s, s.regions[static_cast<std::size_t>(a.adopter_region)], cands);
    out.candidates = std::move(cands);
    return out;
}

Result<LikelySources> LikelySourcesFor(const Snapshot& s, const RegionalInference* net, Id adoption, std::size_t limit,
                                       const AttributionWeights& w) {
    auto it = s.adoption_by_id.find(adoption);
    if (it == s.adoption_by_id.end()) return Error::NotFound("adoption " + std::to_string(adoption) + " not found");
    return LikelySourcesAt(s, net, it->second, limit, w);
}

namespace {
double Round(double v, double unit) { return std::round(v / unit) * unit; }
}  // namespace

OrderedJson InferredNetworkJson(const Snapshot& s, const RegionalInference& n, std::size_t limit) {
    const std::size_t R = s.R();
    std::vector<std::uint32_t> recorded(R * R, 0);
    for (const auto& a : s.adoptions)
        if (!a.draft_practice && !IsUnexplained(a) && a.source_region >= 0 && a.adopter_region >= 0 &&
            a.source_region != a.adopter_region)
            ++recorded[static_cast<std::size_t>(a.source_region) * R + static_cast<std::size_t>(a.adopter_region)];
    OrderedJson edges = OrderedJson::array();
    std::size_t along_recorded = 0;
    for (std::size_t i = 0; i < n.reported_edges; ++i) {
        const auto& e = n.net.edges[i];
        auto rec = recorded[static_cast<std::size_t>(e.from) * R + static_cast<std::size_t>(e.to)];
        along_recorded += rec > 0;
        if (edges.size() >= limit) continue;
        edges.push_back({{"kind", "inferred"},
                         {"rank", i + 1},
                         {"from", RegionJson(s, e.from)},
                         {"to", RegionJson(s, e.to)},
                         {"improvement", Round(e.improvement, 0.001)},
                         {"p_value", e.p_value},
                         {"cascades", e.cascades},
                         {"recorded_adoptions", rec}});
    }
    OrderedJson j = InferredNetworkHeader(s, n);
    j.update(OrderedJson{{"cascades", n.cascades},
                         {"events", n.events},
                         {"possible_edges", n.net.possible_edges},
                         {"edges_total", n.reported_edges},
                         {"edges_with_recorded_adoptions", along_recorded},
                         {"computed_ms", Round(n.ms, 0.1)},
                         {"edges", edges}});
    return j;
}

OrderedJson InferredNetworkHeader(const Snapshot& s, const RegionalInference& n) {
    OrderedJson params = OrderedJson::array();
    for (double v : n.net.params) params.push_back(Round(v, 1e-6));
    return {{"kind", "inferred"},
            {"level", n.options.level == NetworkLevel::kMunicipality ? "municipality" : "region"},
            {"method", "NetInf (Gomez-Rodriguez, Leskovec, Krause 2010), lazy greedy, Vuong test"},
            {"note", "Связи выведены по времени внедрений, а не записаны: это гипотезы, а не факты"},
            {"model", std::string(ModelName(n.options.model))},
            {"params", params},
            {"time_unit", "year"},
            {"p_value_cutoff", n.options.p_value_cutoff},
            {"change_seq", n.change_seq},
            {"snapshot_change_seq", s.change_seq}};
}

OrderedJson LikelySourcesJson(const Snapshot& s, const LikelySources& l) {
    OrderedJson cands = OrderedJson::array();
    for (const auto& c : l.candidates) {
        OrderedJson reasons = OrderedJson::array();
        std::string joined;
        for (const auto& r : c.reasons) {
            reasons.push_back(r);
            joined += (joined.empty() ? "" : "; ") + r;
        }
        OrderedJson evidence = {{"lead_days", c.lead_days},
                                {"inferred_edge", c.inferred_edge},
                                {"career_move", c.move != nullptr},
                                {"peer", c.peer},
                                {"same_district", c.same_district},
                                {"origin", c.origin},
                                {"text_similarity", c.text_similarity}};
        if (c.inferred_edge) {
            evidence["edge_improvement"] = Round(c.edge_improvement, 0.001);
            evidence["edge_p_value"] = c.edge_p_value;
        }
        if (c.move) {
            evidence["person_id"] = c.move->person_id;
            evidence["person"] = c.move->person_name;
            evidence["moved_on"] = DateOf(c.move->day);
        }
        OrderedJson item = {{"region", RegionJson(s, c.region)},
                            {"adoption_id", c.adoption ? OrderedJson(c.adoption) : OrderedJson(nullptr)},
                            {"since", DateOf(c.day)},
                            {"probability", Round(c.probability, 0.001)},
                            {"score", Round(c.score, 0.001)},
                            {"evidence", evidence},
                            {"reasons", reasons},
                            {"reason", joined}};
        cands.push_back(std::move(item));
    }
    return {{"adoption_id", l.adoption},
            {"kind", "inferred"},
            {"adopter", RegionJson(s, l.adopter_region)},
            {"unexplained", l.unexplained},
            {"recorded_source", RegionJson(s, l.recorded_source)},
            {"candidates_total", l.candidates_total},
            {"candidates", cands}};
}

}  // namespace orientir::analytics
