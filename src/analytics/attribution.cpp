#include "analytics/attribution.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

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

int FindCandidate(const std::vector<SourceCandidate>& cands, int region, Id organisation) {
    int first_in_region = -1;
    for (std::size_t i = 0; i < cands.size(); ++i) {
        if (cands[i].region != region) continue;
        if (cands[i].organisation == organisation) return static_cast<int>(i);
        if (first_in_region < 0) first_in_region = static_cast<int>(i);
    }
    return organisation == 0 ? first_in_region : -1;
}

namespace {

// Candidates: who first had the practice, strictly before adoption `a` started — the origin and earlier
// adopters in other regions, as an organisation when the record names one (and `organisations` is on), else
// as the region. `slot[region]` is the region-level candidate's index or -1.
struct Collected {
    std::vector<SourceCandidate> cands;
    std::vector<int> slot;
    std::unordered_map<Id, int> org_slot;
};

Collected CollectCandidates(const Snapshot& s, const AdoptionRow& a, bool organisations) {
    Collected out;
    auto& cands = out.cands;
    out.slot.assign(s.R(), -1);
    auto add = [&](int region, Id org, std::int32_t day, Id adoption, bool origin) {
        if (region < 0 || region == a.adopter_region || day == kNoDay || day >= a.start_day) return;
        if (!organisations) org = 0;
        int& k = org ? out.org_slot.try_emplace(org, -1).first->second : out.slot[static_cast<std::size_t>(region)];
        if (k < 0) {
            k = static_cast<int>(cands.size());
            SourceCandidate c;
            c.region = region;
            c.organisation = org;
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
    add(pr.origin_region, pr.origin_organisation, pr.origin_day, 0, true);
    for (auto k = s.by_practice_offsets[p]; k < s.by_practice_offsets[p + 1]; ++k) {
        const auto& b = s.adoptions[s.by_practice[k]];
        if (b.start_day >= a.start_day) break;  // the index is ordered by start day
        add(b.adopter_region, b.organisation, b.start_day, b.id, false);
    }
    return out;
}

// Calls visit(move) for each move into the adopter's region before the adoption started, oldest first.
template <class Visit>
void ForMovesInto(const std::vector<CareerMove>& moves, const AdoptionRow& a, Visit&& visit) {
    for (const auto& m : moves) {
        if (m.day > a.start_day) break;  // sorted by day
        if (m.to_region == a.adopter_region && m.from_region >= 0) visit(m);
    }
}

// Career overlay: the latest move from each candidate's region to the adopter before the adoption started,
// and for an organisation the latest by someone who had worked in it.
void MarkCareerMoves(const Snapshot& s, const AdoptionRow& a, Collected& c, bool organisations) {
    std::vector<const CareerMove*> latest(s.R(), nullptr);
    ForMovesInto(s.moves, a, [&](const CareerMove& m) { latest[static_cast<std::size_t>(m.from_region)] = &m; });
    for (auto& cand : c.cands) cand.move = latest[static_cast<std::size_t>(cand.region)];
    if (!organisations || c.org_slot.empty()) return;
    ForMovesInto(s.organisation_moves, a, [&](const CareerMove& m) {
        auto it = c.org_slot.find(m.from_organisation);
        if (it != c.org_slot.end()) c.cands[static_cast<std::size_t>(it->second)].org_move = &m;
    });
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
        if (w.career == 0) c.move = nullptr;  // evidence not weighed is not named either
        if (w.org_career == 0) c.org_move = nullptr;
        if (c.move) c.score += w.career;
        if (c.org_move) c.score += w.org_career;
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
        const auto &cx = s.regions[static_cast<std::size_t>(x.region)].code,
                   &cy = s.regions[static_cast<std::size_t>(y.region)].code;
        return cx != cy ? cx < cy : x.organisation < y.organisation;
    };
    if (cands.size() > limit) {
        std::partial_sort(cands.begin(), cands.begin() + static_cast<std::ptrdiff_t>(limit), cands.end(), by_score);
        cands.resize(limit);
    } else {
        std::sort(cands.begin(), cands.end(), by_score);
    }
}

std::string MoveReason(const CareerMove& m, const std::string& where, const RegionRow& dst) {
    std::string who = m.person_name.empty() ? "сотрудник" : m.person_name;
    std::string r =
        "кадровая связь: " + who + " работал(а) в " + where + " и перешёл(шла) в регион «" + ru::DisplayName(dst) + "»";
    if (int y = YearOf(m.day)) r += " в " + std::to_string(y) + " г.";
    if (!m.title.empty()) r += " (" + m.title + ")";
    return r;
}

// Reasons, strongest evidence first; an organisation is named first («организация: …»).
void AddReasons(const Snapshot& s, const RegionRow& dst, std::vector<SourceCandidate>& cands) {
    for (auto& c : cands) {
        const auto& src = s.regions[static_cast<std::size_t>(c.region)];
        std::string name = ru::DisplayName(src), holder = "«" + name + "»";
        if (c.organisation) {
            const OrganisationRow* o = s.Organisation(c.organisation);
            holder = o ? "«" + o->short_name + "»" : "организация № " + std::to_string(c.organisation);
            c.reasons.push_back("организация: " + (o ? o->name : holder) + " (регион «" + name + "»)");
        }
        if (c.org_move) c.reasons.push_back(MoveReason(*c.org_move, "организации " + holder, dst));
        if (c.move && (!c.org_move || c.move->person_id != c.org_move->person_id))
            c.reasons.push_back(MoveReason(*c.move, "регионе «" + name + "»", dst));
        if (c.inferred_edge)
            c.reasons.push_back("выявленная по времени внедрений связь «" + name + "» → «" + ru::DisplayName(dst) +
                                "» (NetInf, p = " + Fixed(c.edge_p_value, 3) + ")");
        if (c.text_similarity >= kShownSimilarity)
            c.reasons.push_back("сходство описания " + Fixed(c.text_similarity, 2));
        const char* author = c.organisation ? "организация-автор практики; " : "регион-автор практики; ";
        c.reasons.push_back(std::string(c.origin ? author : "") + holder + " внедрил(а) на " + Lead(c.lead_days) +
                            " раньше");
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
    auto collected = CollectCandidates(s, a, w.organisations);
    auto& cands = collected.cands;
    out.candidates_total = cands.size();
    if (cands.empty()) return out;
    if (w.career != 0 || w.org_career != 0) MarkCareerMoves(s, a, collected, w.organisations);
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
                                {"organisation_career_move", c.org_move != nullptr},
                                {"peer", c.peer},
                                {"same_district", c.same_district},
                                {"origin", c.origin},
                                {"text_similarity", c.text_similarity}};
        if (c.inferred_edge) {
            evidence["edge_improvement"] = Round(c.edge_improvement, 0.001);
            evidence["edge_p_value"] = c.edge_p_value;
        }
        if (const CareerMove* m = c.org_move ? c.org_move : c.move) {
            evidence["person_id"] = m->person_id;
            evidence["person"] = m->person_name;
            evidence["moved_on"] = DateOf(m->day);
        }
        OrderedJson org = nullptr;
        if (c.organisation) {
            const OrganisationRow* o = s.Organisation(c.organisation);
            org = {{"id", c.organisation},
                   {"name", o ? o->name : std::string()},
                   {"short_name", o ? o->short_name : std::string()}};
        }
        OrderedJson item = {{"kind", c.organisation ? "organisation" : "region"},
                            {"region", RegionJson(s, c.region)},
                            {"organisation", org},
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
