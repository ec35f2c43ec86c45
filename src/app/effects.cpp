#include "app/effects.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "domain/enums.hpp"

namespace orientir::app {

namespace {

double Median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

std::vector<EffectSummary> SummariseEffects(const std::vector<domain::Adoption>& adoptions,
                                            const std::map<std::string, FigureInfo>& figures) {
    struct Acc {
        EffectSummary s;
        std::vector<double> before, after, change;
    };
    std::map<std::string, Acc> by_key;
    for (const auto& a : adoptions) {
        // One value per adoption and figure: a KPI repeated in one adoption counts once (the first).
        std::vector<std::string> seen;
        for (const auto& k : a.results) {
            if (!k.before || !k.after) continue;
            std::string code = k.indicator.value_or("");
            std::string key = code.empty() ? k.name + "|" + k.unit : code;
            if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
            seen.push_back(key);
            auto& acc = by_key[key];
            if (acc.s.key.empty()) {
                acc.s.key = key;
                acc.s.indicator = code;
                acc.s.name = k.name;
                acc.s.unit = k.unit;
                if (auto it = figures.find(code); !code.empty() && it != figures.end()) {
                    acc.s.name = it->second.name;
                    if (!it->second.unit.empty()) acc.s.unit = it->second.unit;
                    acc.s.name_en = it->second.name_en;
                    acc.s.unit_en = it->second.unit_en;
                    acc.s.direction = it->second.direction;
                }
            }
            acc.before.push_back(*k.before);
            acc.after.push_back(*k.after);
            if (*k.before != 0) acc.change.push_back((*k.after - *k.before) / std::fabs(*k.before) * 100);
            bool up = acc.s.direction == domain::IndicatorDirection::kHigherBetter;
            if (up ? *k.after > *k.before : *k.after < *k.before) ++acc.s.improved;
        }
    }
    std::vector<EffectSummary> out;
    for (auto& [key, acc] : by_key) {
        acc.s.adopters = static_cast<int>(acc.before.size());
        acc.s.median_before = Median(acc.before);
        acc.s.median_after = Median(acc.after);
        if (!acc.change.empty()) acc.s.median_change_pct = Median(acc.change);
        out.push_back(std::move(acc.s));
    }
    std::stable_sort(out.begin(), out.end(), [](const EffectSummary& a, const EffectSummary& b) {
        return a.adopters != b.adopters ? a.adopters > b.adopters : a.name < b.name;
    });
    return out;
}

OrderedJson ToJson(const EffectSummary& e) {
    return OrderedJson{{"key", e.key},
                       {"indicator", e.indicator.empty() ? OrderedJson() : OrderedJson(e.indicator)},
                       {"name", e.name},
                       {"unit", e.unit},
                       {"name_en", e.name_en},
                       {"unit_en", e.unit_en},
                       {"direction", std::string(domain::Code(e.direction))},
                       {"adopters", e.adopters},
                       {"median_before", e.median_before},
                       {"median_after", e.median_after},
                       {"median_change_pct", e.median_change_pct ? OrderedJson(*e.median_change_pct) : OrderedJson()},
                       {"improved", e.improved}};
}

}  // namespace orientir::app
