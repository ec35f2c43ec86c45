#pragma once
// How far adopters got, as figures: a practice's adopters report KPIs before and after; those that
// report the same comparable figure (an effect template or indicator code, `Kpi::indicator`; else the
// same name and unit) are summarised together — medians before and after, the median change, and how
// many improved in the figure's good direction. The answer to «what did it give the others?».

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "domain/types.hpp"

namespace orientir::app {

struct EffectSummary {
    std::string key;        // the indicator/template code, or "name|unit" for a KPI without one
    std::string indicator;  // the code, empty when the KPI named none
    std::string name, unit;
    std::string name_en, unit_en;  // from the reference data when the code is known, else empty
    domain::IndicatorDirection direction = domain::IndicatorDirection::kHigherBetter;
    int adopters = 0;  // adoptions reporting both a before and an after value
    double median_before = 0, median_after = 0;
    std::optional<double> median_change_pct;  // median of (after − before) / |before|, where before ≠ 0
    int improved = 0;                         // adopters whose figure moved in the good direction
};

// Names and directions of comparable figures (effect templates of domains, indicators) by code.
struct FigureInfo {
    std::string name, unit;
    domain::IndicatorDirection direction = domain::IndicatorDirection::kHigherBetter;
    std::string name_en, unit_en;
};

// Pure: summarises the adopters' results; `figures` names the codes it knows. Most reported first.
std::vector<EffectSummary> SummariseEffects(const std::vector<domain::Adoption>& adoptions,
                                            const std::map<std::string, FigureInfo>& figures);

// {key, indicator, name, unit, direction, adopters, median_before, median_after, median_change_pct, improved}
OrderedJson ToJson(const EffectSummary& e);

}  // namespace orientir::app
