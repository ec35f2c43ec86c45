#include "app/effects.hpp"

#include <gtest/gtest.h>

namespace orientir::app {
namespace {

domain::Adoption WithResult(std::string name, std::optional<std::string> indicator, std::optional<double> before,
                            std::optional<double> after) {
    domain::Adoption a;
    domain::Kpi k;
    k.name = std::move(name);
    k.unit = "%";
    k.indicator = std::move(indicator);
    k.before = before;
    k.after = after;
    a.results.push_back(k);
    return a;
}

TEST(SummariseEffects, GroupsByComparableFigureWithMediansAndImprovedCount) {
    std::map<std::string, FigureInfo> figures{
        {"vol_per_1000",
         {"Число добровольцев на 1000 жителей", "чел. на 1000 жителей", domain::IndicatorDirection::kHigherBetter}},
        {"emergency_housing_share", {"Доля аварийного жилья", "%", domain::IndicatorDirection::kLowerBetter}}};
    std::vector<domain::Adoption> adoptions{
        // Different KPI names, one figure: grouped by the code and named by it.
        WithResult("Добровольцы на 1000", "vol_per_1000", 10, 20),
        WithResult("Волонтёры, чел. на 1000", "vol_per_1000", 8, 12),
        WithResult("Добровольцы", "vol_per_1000", 14, 12),
        // Lower is better: falling counts as improved.
        WithResult("Аварийный фонд", "emergency_housing_share", 5, 3),
        // No code: grouped by name and unit; a missing after value is not a result.
        WithResult("Охват", std::nullopt, 0, 7),
        WithResult("Охват", std::nullopt, 40, std::nullopt),
    };
    auto s = SummariseEffects(adoptions, figures);
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[0].indicator, "vol_per_1000");
    EXPECT_EQ(s[0].name, "Число добровольцев на 1000 жителей");
    EXPECT_EQ(s[0].unit, "чел. на 1000 жителей");
    EXPECT_EQ(s[0].adopters, 3);
    EXPECT_DOUBLE_EQ(s[0].median_before, 10);
    EXPECT_DOUBLE_EQ(s[0].median_after, 12);
    ASSERT_TRUE(s[0].median_change_pct);
    EXPECT_DOUBLE_EQ(*s[0].median_change_pct, 50);  // changes +100 %, +50 %, −14.3 %
    EXPECT_EQ(s[0].improved, 2);
    const EffectSummary* housing = nullptr;
    const EffectSummary* reach = nullptr;
    for (const auto& e : s) {
        if (e.indicator == "emergency_housing_share") housing = &e;
        if (e.key == "Охват|%") reach = &e;
    }
    ASSERT_NE(housing, nullptr);
    EXPECT_EQ(housing->improved, 1);
    ASSERT_NE(reach, nullptr);
    EXPECT_EQ(reach->adopters, 1);
    EXPECT_FALSE(reach->median_change_pct) << "no percentage change from zero";
}

TEST(SummariseEffects, NothingReportedGivesNothing) { EXPECT_TRUE(SummariseEffects({domain::Adoption{}}, {}).empty()); }

}  // namespace
}  // namespace orientir::app
