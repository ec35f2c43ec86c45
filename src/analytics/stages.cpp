#include "analytics/stages.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "analytics/russian.hpp"
#include "analytics/views.hpp"

namespace orientir::analytics {

namespace {

using domain::AdoptionStage;

constexpr AdoptionStage kOrder[] = {AdoptionStage::kInterest, AdoptionStage::kStudy, AdoptionStage::kPilot,
                                    AdoptionStage::kImplemented, AdoptionStage::kScaled};

std::size_t Ix(AdoptionStage st) { return static_cast<std::size_t>(st); }

struct Acc {
    StageGroup g;
    std::vector<std::vector<std::int32_t>> days = std::vector<std::vector<std::int32_t>>(4);
};

void Add(Acc& acc, const AdoptionRow& a, const std::array<std::int32_t, 6>& f) {
    auto& g = acc.g;
    ++g.adoptions;
    for (std::size_t k = 0; k + 1 < 5; ++k) {
        auto d0 = f[Ix(kOrder[k])], d1 = f[Ix(kOrder[k + 1])];
        if (d0 != kNoDay && d1 != kNoDay && d1 >= d0) acc.days[k].push_back(d1 - d0);
    }
    bool pilot = f[Ix(AdoptionStage::kPilot)] != kNoDay;
    bool impl = f[Ix(AdoptionStage::kImplemented)] != kNoDay;
    bool scaled = f[Ix(AdoptionStage::kScaled)] != kNoDay;
    if (pilot) {
        ++g.reached_pilot;
        if (impl || scaled) ++g.pilot_to_implemented;
    }
    if (impl || scaled) {
        ++g.reached_implemented;
        if (scaled) ++g.implemented_to_scaled;
    }
    if (a.stage == AdoptionStage::kDiscontinued) ++g.discontinued;
}

StageGroup Finish(Acc& acc) {
    for (std::size_t k = 0; k + 1 < 5; ++k) {
        StageStep st{kOrder[k], kOrder[k + 1], acc.days[k].size(), -1};
        if (!acc.days[k].empty()) {
            auto& v = acc.days[k];
            auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
            std::nth_element(v.begin(), mid, v.end());
            double m = *mid;
            if (v.size() % 2 == 0) m = (m + *std::max_element(v.begin(), mid)) / 2;
            st.median_days = m;
        }
        acc.g.steps.push_back(st);
    }
    return std::move(acc.g);
}

PersonnelEffect Personnel(const Snapshot& s, std::size_t max_moves) {
    PersonnelEffect pe;
    const std::size_t R = s.R();
    pe.moves_total = s.moves.size();
    if (s.moves.empty() || R < 3) return pe;
    // Regions that some official moved from to B, per B.
    std::vector<std::unordered_set<int>> moved_from(R);
    for (const auto& m : s.moves)
        if (m.from_region >= 0 && m.to_region >= 0)
            moved_from[static_cast<std::size_t>(m.to_region)].insert(m.from_region);
    // Each region's practices with the day it had them (origin day or first adoption start), sorted by
    // practice, computed once.
    using Held = std::pair<int, std::int32_t>;
    std::vector<std::vector<Held>> held(R);
    for (std::size_t r = 0; r < R; ++r) {
        std::unordered_map<int, std::int32_t> m;
        for (auto k = s.origin_offsets[r]; k < s.origin_offsets[r + 1]; ++k) {
            auto p = static_cast<int>(s.by_origin[k]);
            const auto& pr = s.practices[static_cast<std::size_t>(p)];
            if (pr.state != domain::ModerationState::kDraft) m[p] = pr.origin_day;
        }
        for (auto k = s.by_region_offsets[r]; k < s.by_region_offsets[r + 1]; ++k) {
            const auto& a = s.adoptions[s.by_region[k]];
            if (a.start_day == kNoDay || a.draft_practice) continue;
            auto it = m.find(a.practice);
            if (it == m.end() || it->second == kNoDay || a.start_day < it->second) m[a.practice] = a.start_day;
        }
        held[r].assign(m.begin(), m.end());
        std::sort(held[r].begin(), held[r].end());
    }
    // Practices the source region had before m that B lacked before m, and how many B started within 730 days.
    auto count = [&](const std::vector<Held>& src, const std::vector<Held>& b, std::int32_t m, std::size_t& available,
                     std::size_t& adopted) {
        std::size_t j = 0;
        for (const auto& [p, day] : src) {
            if (day == kNoDay || day >= m) continue;
            while (j < b.size() && b[j].first < p) ++j;
            bool b_has = j < b.size() && b[j].first == p && b[j].second != kNoDay;
            if (b_has && b[j].second < m) continue;
            ++available;
            if (b_has && b[j].second <= m + 730) ++adopted;
        }
    };
    std::size_t stride = std::max<std::size_t>(1, (s.moves.size() + max_moves - 1) / max_moves);
    for (std::size_t i = 0; i < s.moves.size(); i += stride) {
        const auto& m = s.moves[i];
        if (m.from_region < 0 || m.to_region < 0 || m.day == kNoDay) continue;
        ++pe.moves_used;
        const auto& b = held[static_cast<std::size_t>(m.to_region)];
        count(held[static_cast<std::size_t>(m.from_region)], b, m.day, pe.after_available, pe.after_adopted);
        const auto& excluded = moved_from[static_cast<std::size_t>(m.to_region)];
        int picked = 0;
        for (std::size_t k = 1; k < R && picked < 5; ++k) {
            int c = static_cast<int>((static_cast<std::size_t>(m.to_region) + k * 7 + i) % R);
            if (c == m.to_region || excluded.count(c)) continue;
            count(held[static_cast<std::size_t>(c)], b, m.day, pe.baseline_available, pe.baseline_adopted);
            ++picked;
        }
    }
    return pe;
}

}  // namespace

Result<StagesResult> Stages(const Snapshot& s, const std::string& by, std::size_t max_moves) {
    if (!by.empty() && by != "channel" && by != "domain" && by != "region")
        return Error::Invalid("by", "enum", "by must be channel, domain or region");
    StagesResult out;
    Acc all;
    std::map<std::string, Acc> groups;
    for (std::size_t i = 0; i < s.adoptions.size(); ++i) {
        const auto& a = s.adoptions[i];
        if (a.draft_practice) continue;
        const auto& f = s.stage_first[i];
        Add(all, a, f);
        if (by == "channel") {
            auto& g = groups[std::string(domain::Code(a.channel))];
            if (g.g.key.empty()) {
                g.g.key = std::string(domain::Code(a.channel));
                g.g.label = std::string(domain::LabelOf(a.channel).ru);
            }
            Add(g, a, f);
        } else if (by == "region") {
            const auto& r = s.regions[static_cast<std::size_t>(a.adopter_region)];
            auto& g = groups[r.code];
            if (g.g.key.empty()) {
                g.g.key = r.code;
                g.g.label = ru::DisplayName(r);
            }
            Add(g, a, f);
        } else if (by == "domain") {
            const auto& pr = s.practices[static_cast<std::size_t>(a.practice)];
            for (auto k = pr.domains_begin; k < pr.domains_end; ++k) {
                const auto& code = s.domains[static_cast<std::size_t>(s.practice_domains[k])];
                auto& g = groups[code];
                if (g.g.key.empty()) g.g.key = g.g.label = code;
                Add(g, a, f);
            }
        }
    }
    out.all = Finish(all);
    for (auto& [k, g] : groups) out.groups.push_back(Finish(g));
    std::stable_sort(out.groups.begin(), out.groups.end(),
                     [](const StageGroup& x, const StageGroup& y) { return x.adoptions > y.adoptions; });
    out.personnel = Personnel(s, max_moves);
    return out;
}

namespace {

OrderedJson GroupJson(const StageGroup& g) {
    OrderedJson steps = OrderedJson::array();
    for (const auto& st : g.steps)
        steps.push_back({{"from", std::string(domain::Code(st.from))},
                         {"to", std::string(domain::Code(st.to))},
                         {"adoptions", st.n},
                         {"median_days", st.median_days < 0 ? OrderedJson(nullptr) : OrderedJson(st.median_days)}});
    auto share = [](std::size_t k, std::size_t n) {
        return n ? OrderedJson(std::round(1000.0 * static_cast<double>(k) / static_cast<double>(n)) / 1000)
                 : OrderedJson(nullptr);
    };
    OrderedJson j = {{"adoptions", g.adoptions},
                     {"steps", steps},
                     {"pilot_to_implemented", share(g.pilot_to_implemented, g.reached_pilot)},
                     {"reached_pilot", g.reached_pilot},
                     {"implemented_to_scaled", share(g.implemented_to_scaled, g.reached_implemented)},
                     {"reached_implemented", g.reached_implemented},
                     {"discontinued_share", share(g.discontinued, g.adoptions)}};
    if (!g.key.empty()) {
        j["key"] = g.key;
        j["label"] = g.label;
    }
    return j;
}

}  // namespace

OrderedJson ToJson(const Snapshot&, const StagesResult& r) {
    OrderedJson groups = OrderedJson::array();
    for (const auto& g : r.groups) groups.push_back(GroupJson(g));
    const auto& p = r.personnel;
    auto rate = [](double v) { return std::round(v * 10000) / 10000; };
    return {{"all", GroupJson(r.all)},
            {"groups", groups},
            {"personnel_effect",
             {{"moves_used", p.moves_used},
              {"moves_total", p.moves_total},
              {"window_days", 730},
              {"rate_from_official_origin", rate(p.Rate())},
              {"practices_available", p.after_available},
              {"practices_adopted", p.after_adopted},
              {"rate_baseline", rate(p.BaselineRate())},
              {"baseline_available", p.baseline_available},
              {"baseline_adopted", p.baseline_adopted},
              {"note",
               "Доля практик региона, откуда пришёл чиновник, внедрённых в течение двух лет после перехода, "
               "против той же доли для регионов без такого перехода"}}}};
}

}  // namespace orientir::analytics
