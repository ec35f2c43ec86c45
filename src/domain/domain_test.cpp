#include <gtest/gtest.h>

#include "domain/codec.hpp"
#include "domain/validation.hpp"

namespace orientir::domain {
namespace {

class FakeRefs : public References {
public:
    bool RegionExists(const std::string& c) const override { return c == "72" || c == "86"; }
    bool DomainExists(const std::string& c) const override { return c == "volunteering"; }
    bool IndicatorExists(const std::string& c) const override { return c == "vol_per_1000"; }
    bool EffectTemplateExists(const std::string& c) const override { return c == "vol_hours_per_capita"; }
    std::optional<std::string> MunicipalityRegion(Id id) const override {
        if (id == 1) return "72";
        if (id == 2) return "86";
        return std::nullopt;
    }
    bool OrganisationExists(Id id) const override { return id == 10; }
    bool PersonExists(Id id) const override { return id == 20; }
    bool PracticeExists(Id id) const override { return id == 30 || id == 31; }
    std::optional<std::string> PracticeOriginRegion(Id) const override { return "86"; }
    std::optional<Id> AdoptionPractice(Id id) const override {
        if (id == 40) return 30;
        if (id == 41) return 31;
        return std::nullopt;
    }
};

Adoption MakeAdoption() {
    Adoption a;
    a.practice_id = 30;
    a.adopter.region = "72";
    a.adopter.municipality_id = 1;
    a.channel = Channel::kPersonnel;
    a.stage_history = {{AdoptionStage::kInterest, "2021-01-10", ""}, {AdoptionStage::kPilot, "2021-06-01", ""}};
    return a;
}

bool HasRule(const Issues& issues, const std::string& rule) {
    for (const auto& i : issues)
        if (i.rule == rule) return true;
    return false;
}

TEST(Stages, MoveOnlyForwardOrToDiscontinued) {
    EXPECT_TRUE(IsAllowedStageMove(AdoptionStage::kInterest, AdoptionStage::kPilot));
    EXPECT_FALSE(IsAllowedStageMove(AdoptionStage::kPilot, AdoptionStage::kStudy));
    EXPECT_FALSE(IsAllowedStageMove(AdoptionStage::kPilot, AdoptionStage::kPilot));
    EXPECT_TRUE(IsAllowedStageMove(AdoptionStage::kScaled, AdoptionStage::kDiscontinued));
    EXPECT_FALSE(IsAllowedStageMove(AdoptionStage::kDiscontinued, AdoptionStage::kScaled));
}

TEST(AdoptionValidation, AcceptsConsistentAdoption) {
    FakeRefs refs;
    EXPECT_TRUE(Validate(MakeAdoption(), refs).empty());
}

TEST(AdoptionValidation, RejectsMunicipalityOfAnotherRegion) {
    FakeRefs refs;
    auto a = MakeAdoption();
    a.adopter.municipality_id = 2;
    auto issues = Validate(a, refs);
    ASSERT_TRUE(HasRule(issues, "municipality_in_other_region"));
    EXPECT_EQ(issues[0].field, "adopter.municipality_id");
}

TEST(AdoptionValidation, RejectsStageGoingBackwards) {
    FakeRefs refs;
    auto a = MakeAdoption();
    a.stage_history.push_back({AdoptionStage::kStudy, "2021-07-01", ""});
    EXPECT_TRUE(HasRule(Validate(a, refs), "stage_backwards"));
    auto st = CheckStageMove(MakeAdoption(), {AdoptionStage::kStudy, "2022-01-01", ""});
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().rule, "stage_backwards");
    EXPECT_TRUE(CheckStageMove(MakeAdoption(), {AdoptionStage::kDiscontinued, "2022-01-01", ""}).ok());
}

TEST(AdoptionValidation, RejectsDatesOutOfOrderAndUnknownRefs) {
    FakeRefs refs;
    auto a = MakeAdoption();
    a.stage_history[1].at = "2020-01-01";
    a.practice_id = 99;
    a.source_adoption_id = 41;  // adoption of another practice
    auto issues = Validate(a, refs);
    EXPECT_TRUE(HasRule(issues, "dates_order"));
    EXPECT_TRUE(HasRule(issues, "unknown_practice"));
    EXPECT_TRUE(HasRule(issues, "source_other_practice"));
}

TEST(PracticeCodec, RoundTripsThroughJson) {
    Practice p;
    p.title = "Организация добровольческой деятельности";
    p.summary = "Кратко";
    p.domains = {"volunteering"};
    p.origin.region = "86";
    p.results.push_back({"Волонтёры на 1000 жителей", "чел.", 10.0, 25.5, "2019-01-01", "2023-01-01", std::nullopt});
    p.state = ModerationState::kPublished;
    Practice q;
    ASSERT_TRUE(FromJson(Json(ToJson(p)), q).ok());
    EXPECT_EQ(q.title, p.title);
    EXPECT_EQ(q.results.size(), 1u);
    EXPECT_DOUBLE_EQ(*q.results[0].after, 25.5);
    EXPECT_EQ(q.state, ModerationState::kPublished);
    FakeRefs refs;
    EXPECT_TRUE(Validate(q, refs).empty());
}

TEST(PracticeValidation, KpisFollowEffectTemplatesOrIndicators) {
    FakeRefs refs;
    Practice p;
    p.title = "x";
    p.summary = "y";
    p.domains = {"volunteering"};
    p.origin.region = "86";
    p.results.push_back({"Часы", "ч", 1.0, 2.0, std::nullopt, std::nullopt, "vol_hours_per_capita"});
    p.results.push_back({"Добровольцы", "чел.", 1.0, 2.0, std::nullopt, std::nullopt, "vol_per_1000"});
    EXPECT_TRUE(Validate(p, refs).empty());
    p.results.push_back({"?", "", 1.0, 2.0, std::nullopt, std::nullopt, "no_such_figure"});
    auto issues = Validate(p, refs);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].field, "results[2].indicator");
}

TEST(DomainCodec, ReadsEffectTemplates) {
    Domain d;
    auto st = FromJson(Json::parse(R"({"code":"volunteering","name":"В","effect_templates":[
        {"code":"vol_per_1000","name":"Добровольцы","unit":"чел.","direction":"higher_better"}]})"),
                       d);
    ASSERT_TRUE(st.ok()) << st.error().message;
    ASSERT_EQ(d.effect_templates.size(), 1u);
    EXPECT_EQ(ToJson(d)["effect_templates"][0]["code"], "vol_per_1000");
    Domain bad;
    EXPECT_FALSE(
        FromJson(
            Json::parse(R"({"code":"x","name":"X","effect_templates":[{"code":"a","name":"A","direction":"up"}]})"),
            bad)
            .ok());
}

TEST(PracticeCodec, NamesUnknownEnumValues) {
    Practice p;
    auto st = FromJson(Json::parse(R"({"title":"x","summary":"y","origin":{"region":"86"},"state":"done"})"), p);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().field, "state");
    EXPECT_NE(st.error().message.find("published"), std::string::npos);
}

}  // namespace
}  // namespace orientir::domain
