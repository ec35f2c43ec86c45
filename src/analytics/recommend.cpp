#include "analytics/recommend.hpp"

#include <algorithm>
#include <cmath>

#include "analytics/benchmark.hpp"
#include "analytics/russian.hpp"

namespace orientir::analytics {

namespace {

constexpr std::size_t kLeadersPerDomain = 5;

double Round4(double v) { return std::round(v * 1e4) / 1e4; }

std::string JoinReasons(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += "; ";
        out += p;
    }
    return out;
}

std::string EnglishName(const RegionRow& r) { return r.name_en.empty() ? ru::DisplayName(r) : r.name_en; }
std::string EnPlural(long n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// What a recommendation's reasons need besides the practice: the number of peers compared, cases
// already in the region (municipality mode), persons who worked in both this and the origin region.
struct ReasonFacts {
    std::size_t peers = 0;
    int in_region = 0;
    int person_links = 0;
};

// The reasons of one recommendation: the same facts as short Russian and English phrases, in the same
// order, joined into one sentence each.
void Explain(const Snapshot& s, const ReasonFacts& f, Recommendation& rec) {
    const auto& row = s.practices[static_cast<std::size_t>(rec.practice)];
    auto& ru_why = rec.reasons;
    auto& en_why = rec.reasons_en;
    const long cnt = static_cast<long>(rec.peer_adopters.size());
    if (cnt > 0) {
        const auto& first = s.regions[static_cast<std::size_t>(rec.peer_adopters.front())];
        std::string phrase = std::string(ru::Plural(cnt, "внедрил ", "внедрили ", "внедрили ")) + std::to_string(cnt) +
                             " из " + std::to_string(f.peers) + " похожих регионов";
        phrase += cnt == 1 ? " — " + ru::DisplayName(first) : ", включая " + ru::Accusative(ru::DisplayName(first));
        ru_why.push_back(std::move(phrase));
        en_why.push_back("adopted by " + std::to_string(cnt) + " of " + std::to_string(f.peers) + " similar regions" +
                         (cnt == 1 ? " — " : ", including ") + EnglishName(first));
    }
    if (f.in_region > 0) {
        ru_why.push_back("уже внедрена в регионе (" + std::to_string(f.in_region) + " " +
                         std::string(ru::Plural(f.in_region, "случай", "случая", "случаев")) + ")");
        en_why.push_back("already adopted in the region (" + EnPlural(f.in_region, "case", "cases") + ")");
    }
    if (row.has_results) {
        ru_why.emplace_back("результаты подтверждены");
        en_why.emplace_back("results confirmed");
    } else if (row.adoptions_with_results) {
        ru_why.emplace_back("есть результаты у внедривших");
        en_why.emplace_back("adopters report results");
    }
    if (rec.parts.leader > 0) {
        const auto& origin = s.regions[static_cast<std::size_t>(row.origin_region)];
        ru_why.push_back("из региона-лидера направления: " + ru::DisplayName(origin));
        en_why.push_back("from a leading region of the domain: " + EnglishName(origin));
    }
    if (f.person_links > 0) {
        ru_why.push_back(
            "кадровая связь с регионом-источником: " + std::to_string(f.person_links) + " " +
            std::string(ru::Plural(f.person_links, "человек работал", "человека работали", "человек работали")) +
            " в обоих регионах");
        en_why.push_back("personnel link with the source region: " +
                         EnPlural(f.person_links, "person has", "persons have") + " worked in both regions");
    }
    if (row.adopter_regions > 0) {
        ru_why.push_back("уже распространилась в " + std::to_string(row.adopter_regions) + " " +
                         std::string(ru::Plural(row.adopter_regions, "регион", "региона", "регионов")));
        en_why.push_back("already spread to " + EnPlural(row.adopter_regions, "region", "regions"));
    }
    if (rec.parts.freshness >= 1.0) {
        ru_why.emplace_back("сведения актуальны (обновлялись за последний год)");
        en_why.emplace_back("information is current (updated within the last year)");
    }
    rec.reason = JoinReasons(ru_why);
    rec.reason_en = JoinReasons(en_why);
}

}  // namespace

namespace {

// Which peers have each practice, and how far: the sum of the best stage per peer, and one bit per peer.
struct PeerHoldings {
    std::vector<float> depth;
    std::vector<std::uint32_t> bits;
};
PeerHoldings HoldingsOfPeers(const Snapshot& s, const std::vector<int>& peers) {
    const std::size_t P = s.practices.size();
    PeerHoldings h{std::vector<float>(P, 0.0F), std::vector<std::uint32_t>(P, 0)};
    std::vector<float> cur(P, 0.0F);
    std::vector<std::uint32_t> touched;
    for (std::size_t j = 0; j < peers.size(); ++j) {
        const auto pr = static_cast<std::size_t>(peers[j]);
        touched.clear();
        auto mark = [&](std::uint32_t p, float depth) {
            if (cur[p] == 0.0F) touched.push_back(p);
            cur[p] = std::max(cur[p], depth);
        };
        for (auto k = s.origin_offsets[pr]; k < s.origin_offsets[pr + 1]; ++k) mark(s.by_origin[k], 1.0F);
        for (auto k = s.held_offsets[pr]; k < s.held_offsets[pr + 1]; ++k) mark(s.held[k].practice, s.held[k].depth);
        for (auto p : touched) {
            h.depth[p] += cur[p];
            h.bits[p] |= 1U << j;
            cur[p] = 0.0F;
        }
    }
    return h;
}

// What the region (or municipality) already has; in municipality mode, spread within the region.
struct OwnHoldings {
    std::vector<char> has;
    std::vector<std::int32_t> in_region;
};
OwnHoldings HoldingsOfRegion(const Snapshot& s, std::size_t rr, bool muni_mode, Id muni) {
    const std::size_t P = s.practices.size();
    OwnHoldings h{std::vector<char>(P, 0), std::vector<std::int32_t>(P, 0)};
    for (auto k = s.origin_offsets[rr]; k < s.origin_offsets[rr + 1]; ++k) {
        auto p = s.by_origin[k];
        if (!muni_mode || s.practices[p].origin_municipality == muni)
            h.has[p] = 1;
        else
            ++h.in_region[p];
    }
    for (auto k = s.by_region_offsets[rr]; k < s.by_region_offsets[rr + 1]; ++k) {
        const auto& a = s.adoptions[s.by_region[k]];
        if (!IsActive(a.stage)) continue;
        auto p = static_cast<std::size_t>(a.practice);
        if (!muni_mode || a.municipality == muni)
            h.has[p] = 1;
        else
            ++h.in_region[p];
    }
    return h;
}

// Everything a candidate's score depends on besides the practice itself.
struct ScoringInputs {
    int region = -1;
    std::int32_t today = kNoDay;
    std::size_t peer_count = 0;
    double log_all = 1.0;
    std::vector<std::vector<char>> leader;  // [domain][region]: a leader of the domain
    const PeerHoldings* peers = nullptr;
    const OwnHoldings* own = nullptr;
};

ScoreParts PartsOf(const Snapshot& s, const ScoringInputs& in, std::size_t p) {
    const auto& row = s.practices[p];
    const std::size_t R = s.R();
    ScoreParts parts;
    parts.peers = in.peer_count == 0 ? 0.0 : in.peers->depth[p] / static_cast<double>(in.peer_count);
    parts.reach = row.adopter_regions ? std::min(1.0, std::log1p(row.adopter_regions) / in.log_all) : 0.0;
    parts.evidence = row.has_results ? 1.0 : row.adoptions_with_results ? 0.6 : 0.0;
    if (row.origin_region >= 0)
        for (auto k = row.domains_begin; k < row.domains_end; ++k) {
            int dd = s.practice_domains[k];
            if (dd >= 0 && in.leader[static_cast<std::size_t>(dd)][static_cast<std::size_t>(row.origin_region)])
                parts.leader = 1.0;
        }
    const auto rr = static_cast<std::size_t>(in.region);
    if (row.origin_region >= 0 && row.origin_region != in.region &&
        s.person_links[rr * R + static_cast<std::size_t>(row.origin_region)] > 0)
        parts.proximity = 1.0;
    if (in.own->in_region[p] > 0) parts.proximity = 1.0;
    if (in.today != kNoDay && row.last_activity_day != kNoDay) {
        auto age = in.today - row.last_activity_day;
        parts.freshness = age <= 365 ? 1.0 : age <= 730 ? 0.5 : 0.0;
    }
    return parts;
}

double ScoreOf(const ScoreParts& parts) {
    using W = ScoreWeights;
    return Round4(W::kPeers * parts.peers + W::kReach * parts.reach + W::kEvidence * parts.evidence +
                  W::kLeader * parts.leader + W::kProximity * parts.proximity + W::kFreshness * parts.freshness);
}

// The best `limit` published practices of the domain the region does not have, best first (score,
// then id); scored into light records, full Recommendations only for the chosen few.
std::vector<Recommendation> BestCandidates(const Snapshot& s, const ScoringInputs& in, int domain_index,
                                           std::size_t limit) {
    struct Cand {
        double score;
        Id id;
        int practice;
        ScoreParts parts;
    };
    auto better = [](const Cand& a, const Cand& b) { return a.score != b.score ? a.score > b.score : a.id < b.id; };
    std::vector<Cand> all;
    all.reserve(limit + 1);
    const auto published = domain::ModerationState::kPublished;
    for (std::size_t p = 0; p < s.practices.size(); ++p) {
        const auto& row = s.practices[p];
        if (in.own->has[p] || row.state != published || !s.InDomain(static_cast<int>(p), domain_index)) continue;
        ScoreParts parts = PartsOf(s, in, p);
        double score = ScoreOf(parts);
        if (score <= 0) continue;
        // Keep the best `limit` in a heap whose top is the worst kept.
        Cand c{score, row.id, static_cast<int>(p), parts};
        if (all.size() < limit) {
            all.push_back(c);
            std::push_heap(all.begin(), all.end(), better);
        } else if (!all.empty() && better(c, all.front())) {
            std::pop_heap(all.begin(), all.end(), better);
            all.back() = c;
            std::push_heap(all.begin(), all.end(), better);
        }
    }
    std::sort(all.begin(), all.end(), better);
    std::vector<Recommendation> chosen(all.size());
    for (std::size_t k = 0; k < all.size(); ++k) {
        chosen[k].practice = all[k].practice;
        chosen[k].score = all[k].score;
        chosen[k].parts = all[k].parts;
    }
    return chosen;
}

}  // namespace

Result<std::vector<Recommendation>> Recommend(const Snapshot& s, std::string_view region, const RecommendOptions& o) {
    const int r = s.RegionIndex(region);
    if (r < 0) return Error::NotFound("Регион с кодом «" + std::string(region) + "» не найден");
    int d = -1;
    if (!o.domain.empty()) {
        d = s.DomainIndex(o.domain);
        if (d < 0) return Error::NotFound("Направление «" + o.domain + "» не найдено");
    }
    const std::size_t R = s.R();
    const auto rr = static_cast<std::size_t>(r);
    const std::vector<int> peers = s.Peers(r, std::min<std::size_t>(o.peers, 32));
    const bool muni_mode = o.municipality.has_value();
    const PeerHoldings peer_holdings = HoldingsOfPeers(s, peers);
    const OwnHoldings own = HoldingsOfRegion(s, rr, muni_mode, o.municipality.value_or(0));

    ScoringInputs in;
    in.region = r;
    in.today = o.today != kNoDay ? o.today : s.latest_activity_day;
    in.peer_count = peers.size();
    in.log_all = std::log1p(static_cast<double>(std::max<std::size_t>(R, 2) - 1));
    in.leader.assign(s.domains.size(), std::vector<char>(R, 0));
    for (std::size_t dd = 0; dd < s.domains.size(); ++dd)
        for (int l : s.Leaders(static_cast<int>(dd), kLeadersPerDomain)) in.leader[dd][static_cast<std::size_t>(l)] = 1;
    in.peers = &peer_holdings;
    in.own = &own;
    std::vector<Recommendation> chosen = BestCandidates(s, in, d, o.limit);

    // Reasons for the chosen few, in Russian and English.
    for (auto& rec : chosen) {
        const auto p = static_cast<std::size_t>(rec.practice);
        for (std::size_t j = 0; j < peers.size(); ++j)
            if (peer_holdings.bits[p] & (1U << j)) rec.peer_adopters.push_back(peers[j]);
        int links = 0;
        const auto& row = s.practices[p];
        if (row.origin_region >= 0 && row.origin_region != r)
            links = s.person_links[rr * R + static_cast<std::size_t>(row.origin_region)];
        Explain(s, {peers.size(), muni_mode && rec.parts.proximity > 0 ? own.in_region[p] : 0, links}, rec);
    }
    return chosen;
}

Result<std::vector<SimilarPractice>> SimilarPractices(const Snapshot& s, Id practice, std::size_t limit) {
    int p = s.PracticeIndex(practice);
    if (p < 0) return Error::NotFound("Практика " + std::to_string(practice) + " не найдена");
    std::vector<SimilarPractice> out;
    // Ask for more than needed: unpublished hits are dropped afterwards.
    for (const auto& h : s.text.SimilarTo(p, limit * 4 + 16, 0.05)) {
        if (s.practices[static_cast<std::size_t>(h.doc)].state != domain::ModerationState::kPublished) continue;
        out.push_back({h.doc, h.score, h.score >= kDuplicateThreshold});
        if (out.size() == limit) break;
    }
    return out;
}

std::vector<SimilarPractice> ProbableDuplicates(const Snapshot& s, std::string_view title, std::string_view summary,
                                                double threshold, std::size_t limit) {
    std::vector<SimilarPractice> out;
    for (const auto& h : s.text.Query(title, summary, limit * 4 + 16, threshold)) {
        if (s.practices[static_cast<std::size_t>(h.doc)].state == domain::ModerationState::kDraft) continue;
        out.push_back({h.doc, h.score, true});
        if (out.size() == limit) break;
    }
    return out;
}

}  // namespace orientir::analytics
