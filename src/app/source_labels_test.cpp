// Curators' decisions on likely sources: a confirmed candidate becomes the adoption's recorded source
// through the normal update (audit entry, nothing else lost) and a label is kept; a forged or unknown
// candidate, «другое» as the channel, an adoption that already has a source, an anonymous user and an
// editor of another region are refused and change nothing; rejections are labels too; the accuracy
// report counts both.
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "analytics/attribution.hpp"
#include "analytics/weight_fit.hpp"
#include "app/importer.hpp"
#include "app/source_labels.hpp"

namespace orientir::app {
namespace {

namespace fs = std::filesystem;
using namespace domain;

class SourceLabelsTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("orientir-source-labels-test-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        storage::SqliteOptions o;
        o.path = (dir_ / "store.db").string();
        app_ = std::make_unique<App>(std::move(storage::OpenSqliteStore(o)).value(),
                                     AppOptions{dir_.string(), ORIENTIR_SOURCE_DATA_DIR}, clock_);
        ASSERT_TRUE(EnsureReferenceData(*app_, ORIENTIR_SOURCE_DATA_DIR).ok());
        Practice p;
        p.title = "Практика с невыясненным источником";
        p.summary = "Кратко";
        p.domains = {"volunteering"};
        p.origin.region = "86";
        p.period.from = "2023-03-01";
        p.state = ModerationState::kPublished;
        auto cp = app_->Create(Actor::System(), p);
        ASSERT_TRUE(cp.ok()) << cp.error().message;
        practice_ = cp->meta.id;
        recorded_ = AddAdoption("72", Channel::kDirectContact, "2024-05-10", "");
        unexplained_ = AddAdoption("89", Channel::kOther, "2025-09-01", "адаптировали под тундру");
        ASSERT_TRUE(app_->StartAnalytics(false).ok());
    }
    void TearDown() override {
        app_.reset();
        fs::remove_all(dir_);
    }
    Id AddAdoption(const std::string& region, Channel ch, const std::string& at, const std::string& notes) {
        Adoption a;
        a.practice_id = practice_;
        a.adopter.region = region;
        a.channel = ch;
        a.adaptation_notes = notes;
        a.stage_history = {{AdoptionStage::kPilot, at, "пилот"}};
        auto r = app_->Create(Actor::System(), a);
        EXPECT_TRUE(r.ok()) << r.error().message;
        return r.ok() ? r->meta.id : 0;
    }
    Adoption Get(Id id) { return app_->Get<Adoption>(Actor::System(), id).value(); }
    std::size_t Labels() { return SourceLabelsOf(*app_, Curator(), 0).value().size(); }
    static Actor Curator() { return Actor{Role::kCurator, 3, "cur", {}, {}}; }
    static Actor Editor(const std::string& region) { return Actor{Role::kRegionalEditor, 7, "ed", {region}, {}}; }

    FakeClock clock_{1769904000000};  // 2026-02-01
    fs::path dir_;
    std::unique_ptr<App> app_;
    Id practice_ = 0, recorded_ = 0, unexplained_ = 0;
};

TEST_F(SourceLabelsTest, ConfirmedCandidateBecomesTheRecordedSource) {
    const Adoption before = Get(unexplained_);
    auto r = ConfirmLikelySource(*app_, Curator(), unexplained_, {"72", "direct_contact", "звонили коллегам", {}});
    ASSERT_TRUE(r.ok()) << r.error().message;
    const Adoption after = Get(unexplained_);
    ASSERT_TRUE(after.source_adoption_id.has_value());
    EXPECT_EQ(*after.source_adoption_id, recorded_);
    EXPECT_EQ(after.channel, Channel::kDirectContact);
    // Nothing else in the adoption is lost; the edit went through the normal update (new version, audit).
    EXPECT_EQ(after.adaptation_notes, before.adaptation_notes);
    ASSERT_EQ(after.stage_history.size(), 1u);
    EXPECT_EQ(after.stage_history[0].note, "пилот");
    EXPECT_EQ(after.meta.version, before.meta.version + 1);
    AuditQuery aq;
    aq.record = "adoption:" + std::to_string(unexplained_);
    aq.action = "update";
    EXPECT_EQ(app_->ListAudit(Actor::System(), aq)->items.size(), 1u);
    // The label: who, which candidate, its rank among the two regions that had the practice earlier.
    auto labels = SourceLabelsOf(*app_, Curator(), unexplained_);
    ASSERT_TRUE(labels.ok());
    ASSERT_EQ(labels->size(), 1u);
    const auto& l = labels->front();
    EXPECT_EQ(l.decision, "confirmed");
    EXPECT_EQ(l.channel, "direct_contact");
    EXPECT_EQ(l.by_login, "cur");
    EXPECT_EQ(l.candidates_total, 2);
    ASSERT_EQ(l.candidates.size(), 1u);
    EXPECT_EQ(l.candidates[0].region, "72");
    EXPECT_EQ(l.candidates[0].adoption, recorded_);
    EXPECT_GE(l.candidates[0].rank, 1);
    EXPECT_LE(l.candidates[0].rank, 2);
    EXPECT_GT(l.candidates[0].probability, 0.0);
    // The adoption now has a source: a second decision is refused.
    auto again = ConfirmLikelySource(*app_, Curator(), unexplained_, {"86", "conference", "", {}});
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
    EXPECT_EQ(Get(unexplained_).source_adoption_id, recorded_);
}

TEST_F(SourceLabelsTest, OriginCandidateLeavesNoSourceAdoption) {
    // The adopter's own editor may decide too; the origin is recorded as «borrowed from the origin».
    auto r = ConfirmLikelySource(*app_, Editor("89"), unexplained_, {"Югра", "conference", "", {}});
    ASSERT_TRUE(r.ok()) << r.error().message;
    const Adoption after = Get(unexplained_);
    EXPECT_FALSE(after.source_adoption_id.has_value());
    EXPECT_EQ(after.channel, Channel::kConference);
    EXPECT_TRUE(r->candidates[0].origin);
    EXPECT_EQ(r->candidates[0].region, "86");
}

TEST_F(SourceLabelsTest, ForgedUnknownOrOtherChannelIsRefusedAndChangesNothing) {
    const auto version = Get(unexplained_).meta.version;
    // Moscow never had the practice: not a candidate.
    auto forged = ConfirmLikelySource(*app_, Curator(), unexplained_, {"77", "direct_contact", "", {}});
    ASSERT_FALSE(forged.ok());
    EXPECT_EQ(forged.error().field, "candidate");
    EXPECT_EQ(forged.error().rule, "not_a_candidate");
    auto unknown = ConfirmLikelySource(*app_, Curator(), unexplained_, {"Атлантида", "direct_contact", "", {}});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().field, "candidate");
    // The adopter itself is never its own source.
    auto self = ConfirmLikelySource(*app_, Curator(), unexplained_, {"89", "direct_contact", "", {}});
    ASSERT_FALSE(self.ok());
    EXPECT_EQ(self.error().field, "candidate");
    auto other = ConfirmLikelySource(*app_, Curator(), unexplained_, {"72", "other", "", {}});
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().field, "channel");
    auto bad = ConfirmLikelySource(*app_, Curator(), unexplained_, {"72", "telepathy", "", {}});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "channel");
    EXPECT_EQ(Get(unexplained_).meta.version, version);
    EXPECT_FALSE(Get(unexplained_).source_adoption_id.has_value());
    EXPECT_EQ(Labels(), 0u);
}

TEST_F(SourceLabelsTest, RecordedSourceAnonymousAndOtherRegionAreRefused) {
    auto recorded = ConfirmLikelySource(*app_, Curator(), recorded_, {"86", "conference", "", {}});
    ASSERT_FALSE(recorded.ok());
    EXPECT_EQ(recorded.error().code, ErrorCode::kConflict);
    auto rejected = RejectLikelySources(*app_, Curator(), recorded_, "");
    ASSERT_FALSE(rejected.ok());
    EXPECT_EQ(rejected.error().code, ErrorCode::kConflict);
    auto anon = ConfirmLikelySource(*app_, Actor::Anonymous(), unexplained_, {"72", "direct_contact", "", {}});
    ASSERT_FALSE(anon.ok());
    EXPECT_EQ(anon.error().code, ErrorCode::kUnauthenticated);
    auto anon_reject = RejectLikelySources(*app_, Actor::Anonymous(), unexplained_, "");
    ASSERT_FALSE(anon_reject.ok());
    EXPECT_EQ(anon_reject.error().code, ErrorCode::kUnauthenticated);
    auto stranger = ConfirmLikelySource(*app_, Editor("72"), unexplained_, {"72", "direct_contact", "", {}});
    ASSERT_FALSE(stranger.ok());
    EXPECT_EQ(stranger.error().code, ErrorCode::kForbidden);
    EXPECT_FALSE(SourceLabelsOf(*app_, Editor("72"), 0).ok());
    EXPECT_EQ(Get(unexplained_).channel, Channel::kOther);
    EXPECT_EQ(Labels(), 0u);
}

TEST_F(SourceLabelsTest, RejectionsAreLabelsAndCountInTheReport) {
    const auto version = Get(unexplained_).meta.version;
    auto r = RejectLikelySources(*app_, Curator(), unexplained_, "узнали от федерального министерства");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->decision, "rejected");
    ASSERT_EQ(r->candidates.size(), 2u);  // both regions that had the practice earlier, best first
    EXPECT_EQ(r->candidates[0].rank, 1);
    EXPECT_EQ(r->candidates[1].rank, 2);
    EXPECT_GE(r->candidates[0].score, r->candidates[1].score);
    EXPECT_EQ(Get(unexplained_).meta.version, version);  // the adoption is untouched
    auto rep = SourceLabelAccuracy(*app_, Curator());
    ASSERT_TRUE(rep.ok());
    EXPECT_EQ(rep->rejected, 1);
    EXPECT_EQ(rep->confirmed, 0);
    EXPECT_EQ(rep->top3_rate, 0.0);
    // Then the curator confirms the candidate ranked first: one hit of two decisions.
    auto first = r->candidates[0].region;
    ASSERT_TRUE(ConfirmLikelySource(*app_, Curator(), unexplained_, {first, "press", "", {}}).ok());
    rep = SourceLabelAccuracy(*app_, Curator());
    EXPECT_EQ(rep->confirmed, 1);
    EXPECT_EQ(rep->top1, 1);
    EXPECT_DOUBLE_EQ(rep->top1_rate, 0.5);
    EXPECT_DOUBLE_EQ(rep->top3_rate, 0.5);
    EXPECT_FALSE(SourceLabelAccuracy(*app_, Editor("89")).ok());
}

// An organisation that had the practice earlier is a candidate of its own; confirming it makes its adoption the
// recorded source (the adoption has no source-organisation field: the source adoption's organisation is it).
TEST_F(SourceLabelsTest, ConfirmingAnOrganisationMakesItsAdoptionTheSource) {
    Organisation o;
    o.name = "Добровольческий корпус «Опора»";
    o.short_name = "Корпус «Опора»";
    o.kind = OrganisationKind::kVolunteerCorps;
    o.region = "66";
    auto org = app_->Create(Actor::System(), o);
    ASSERT_TRUE(org.ok()) << org.error().message;
    Adoption a;
    a.practice_id = practice_;
    a.adopter.region = "66";
    a.adopter.organisation_id = org->meta.id;
    a.channel = Channel::kConference;
    a.stage_history = {{AdoptionStage::kPilot, "2024-11-01", "пилот"}};
    auto by_org = app_->Create(Actor::System(), a);
    ASSERT_TRUE(by_org.ok()) << by_org.error().message;
    app_->analytics().Set(app_->BuildAnalyticsSnapshot().value());
    const std::string org_id = std::to_string(org->meta.id);
    // An organisation that is not a candidate (no adoption of the practice) is refused, naming the field.
    auto stranger = ConfirmLikelySource(*app_, Curator(), unexplained_, {"66", "conference", "", {}, "999999"});
    ASSERT_FALSE(stranger.ok());
    EXPECT_EQ(stranger.error().field, "organisation");
    auto garbage = ConfirmLikelySource(*app_, Curator(), unexplained_, {"66", "conference", "", {}, "опора"});
    ASSERT_FALSE(garbage.ok());
    EXPECT_EQ(garbage.error().field, "organisation");
    EXPECT_EQ(Get(unexplained_).channel, Channel::kOther);
    auto r = ConfirmLikelySource(*app_, Curator(), unexplained_, {"66", "conference", "", {}, org_id});
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->candidates.size(), 1u);
    EXPECT_EQ(r->candidates[0].organisation, org->meta.id);
    EXPECT_EQ(r->candidates[0].adoption, by_org->meta.id);
    const Adoption after = Get(unexplained_);
    EXPECT_EQ(after.source_adoption_id, std::optional<Id>(by_org->meta.id));
    EXPECT_EQ(after.channel, Channel::kConference);
    auto labels = SourceLabelsOf(*app_, Curator(), unexplained_).value();
    ASSERT_EQ(labels.size(), 1u);
    EXPECT_EQ(labels[0].candidates.at(0).organisation, org->meta.id);  // kept in the stored label
    EXPECT_EQ(ToJson(labels[0])["candidates"][0]["organisation"], org->meta.id);
}

// With fewer than 30 scored confirmations the defaults rank the candidates; from 30 on, the weights are fitted
// on the confirmations. Curators here always confirm the origin 86, never the later adopter 72 that the
// defaults rank first (nearer in time), so the learned origin weight rises above the default and the adoption
// left undecided (89, whose candidates are the same two) ranks 86 first.
TEST_F(SourceLabelsTest, ThirtyConfirmationsSwitchToLearnedWeights) {
    auto snap0 = app_->analytics().Get();
    std::vector<Id> adoptions;
    for (const auto& r : snap0->regions)
        if (r.code != "86" && r.code != "72" && r.code != "89" && adoptions.size() < 31)
            adoptions.push_back(AddAdoption(r.code, Channel::kOther, "2025-09-01", ""));
    app_->analytics().Set(app_->BuildAnalyticsSnapshot().value());
    auto snap = app_->analytics().Get();
    auto top = [&](Id id, const analytics::AttributionWeights& w) {
        auto l = analytics::LikelySourcesFor(*snap, app_->inference().Get(snap).get(), id, 3, w);
        return l.ok() && !l->candidates.empty() ? snap->regions[static_cast<std::size_t>(l->candidates[0].region)].code
                                                : std::string();
    };
    ASSERT_EQ(top(unexplained_, SignalWeights(*app_, snap)->weights), "72");  // the defaults: the nearer in time
    for (std::size_t i = 0; i < adoptions.size(); ++i) {
        auto r = ConfirmLikelySource(*app_, Curator(), adoptions[i], {"86", "conference", "", {}});
        ASSERT_TRUE(r.ok()) << r.error().message;
        auto w = SignalWeights(*app_, snap);
        EXPECT_EQ(w->confirmations, i + 1);
        EXPECT_EQ(w->learned, i + 1 >= analytics::kMinLabelsForLearnedWeights) << i;
    }
    auto learned = SignalWeights(*app_, snap);
    ASSERT_TRUE(learned->learned);
    EXPECT_EQ(learned->usable, adoptions.size());
    EXPECT_GT(learned->weights.origin, analytics::AttributionWeights{}.origin);
    EXPECT_EQ(top(unexplained_, learned->weights), "86");
    EXPECT_EQ(analytics::LearnedWeightsJson(*learned)["source"], "learned");
}

}  // namespace
}  // namespace orientir::app
