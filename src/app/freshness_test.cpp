// Freshness with a fake clock: a practice and an active adoption become «требует подтверждения» after
// the first period and the adoption «прекращено?» after the second (a flag, the stage unchanged); one
// confirmation makes them fresh; owners are notified once per confirmation date; curators see shares.
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "app/freshness.hpp"
#include "app/importer.hpp"

namespace orientir::app {
namespace {

namespace fs = std::filesystem;
using namespace domain;

constexpr std::int64_t kDay = 24LL * 3600 * 1000;

class FreshnessTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("orientir-freshness-test-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        storage::SqliteOptions o;
        o.path = (dir_ / "store.db").string();
        app_ = std::make_unique<App>(std::move(storage::OpenSqliteStore(o)).value(),
                                     AppOptions{dir_.string(), ORIENTIR_SOURCE_DATA_DIR}, clock_);
        ASSERT_TRUE(EnsureReferenceData(*app_, ORIENTIR_SOURCE_DATA_DIR).ok());
        Practice p;
        p.title = "Практика для проверки свежести";
        p.summary = "Кратко";
        p.domains = {"volunteering"};
        p.origin.region = "86";
        p.state = ModerationState::kPublished;
        auto cp = app_->Create(Actor::System(), p);
        ASSERT_TRUE(cp.ok()) << cp.error().message;
        practice_ = cp->meta.id;
        Adoption a;
        a.practice_id = practice_;
        a.adopter.region = "72";
        a.channel = Channel::kDirectContact;
        a.stage_history = {{AdoptionStage::kPilot, "2026-01-10", ""}};
        auto ca = app_->Create(Actor::System(), a);
        ASSERT_TRUE(ca.ok()) << ca.error().message;
        adoption_ = ca->meta.id;
    }
    void TearDown() override {
        app_.reset();
        fs::remove_all(dir_);
    }
    Practice GetPractice() { return app_->Get<Practice>(Actor::System(), practice_).value(); }
    Adoption GetAdoption() { return app_->Get<Adoption>(Actor::System(), adoption_).value(); }
    static Actor Editor(const std::string& region) { return Actor{Role::kRegionalEditor, 7, "ed", {region}, {}}; }

    FakeClock clock_{1769904000000};  // 2026-02-01
    fs::path dir_;
    std::unique_ptr<App> app_;
    Id practice_ = 0, adoption_ = 0;
};

TEST_F(FreshnessTest, MonthsFromTheConfirmationDate) {
    FreshnessPolicy p;
    EXPECT_EQ(FreshnessAt("2025-02-01", "2026-01-31", p, true), Freshness::kFresh);
    EXPECT_EQ(FreshnessAt("2025-02-01", "2026-02-01", p, true), Freshness::kNeedsConfirmation);
    EXPECT_EQ(FreshnessAt("2024-02-29", "2026-02-28", p, true), Freshness::kMaybeDiscontinued);
    EXPECT_EQ(FreshnessAt("2024-02-29", "2026-02-28", p, false), Freshness::kNeedsConfirmation);
    p.stale_after_months = 3;
    EXPECT_EQ(FreshnessAt("2025-11-30", "2026-02-28", p, false), Freshness::kNeedsConfirmation);
}

TEST_F(FreshnessTest, StaleThenMaybeDiscontinuedThenConfirmed) {
    EXPECT_EQ(FreshnessOf(*app_, GetPractice()), Freshness::kFresh);
    clock_.Advance(366 * kDay);
    EXPECT_EQ(FreshnessOf(*app_, GetPractice()), Freshness::kNeedsConfirmation);
    EXPECT_EQ(FreshnessOf(*app_, GetAdoption()), Freshness::kNeedsConfirmation);
    clock_.Advance(366 * kDay);
    EXPECT_EQ(FreshnessOf(*app_, GetAdoption()), Freshness::kMaybeDiscontinued);
    EXPECT_EQ(GetAdoption().stage(), AdoptionStage::kPilot) << "a flag, not the terminal stage";
    EXPECT_EQ(FreshnessOf(*app_, GetPractice()), Freshness::kNeedsConfirmation) << "practices are only stale";

    // One click by the owner; others may not; nothing else changes (no moderation round).
    EXPECT_FALSE(ConfirmAdoption(*app_, Actor::Anonymous(), adoption_).ok());
    auto refused = ConfirmAdoption(*app_, Editor("45"), adoption_);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
    ASSERT_TRUE(ConfirmAdoption(*app_, Editor("72"), adoption_).ok());
    EXPECT_EQ(FreshnessOf(*app_, GetAdoption()), Freshness::kFresh);
    EXPECT_EQ(GetAdoption().last_confirmed_at, clock_.Today());
    ASSERT_TRUE(ConfirmPractice(*app_, Editor("86"), practice_).ok());
    EXPECT_EQ(GetPractice().state, ModerationState::kPublished) << "a confirmation is not an edit";
    EXPECT_EQ(FreshnessOf(*app_, GetPractice()), Freshness::kFresh);
}

TEST_F(FreshnessTest, PolicyIsConfigurable) {
    SetFreshnessPolicy(*app_, {1, 2});
    clock_.Advance(32 * kDay);
    EXPECT_EQ(FreshnessOf(*app_, GetPractice()), Freshness::kNeedsConfirmation);
    clock_.Advance(31 * kDay);
    EXPECT_EQ(FreshnessOf(*app_, GetAdoption()), Freshness::kMaybeDiscontinued);
    SetFreshnessPolicy(*app_, {});
}

// The memoised list text (FreshnessJsonOn) is the freshly built one for every rule, on the last fresh day and the
// first stale day (the memo must not outlive midnight), after a new confirmation and under a changed policy.
TEST_F(FreshnessTest, MemoisedTextFollowsTheDayTheConfirmationAndThePolicy) {
    auto expect_same = [&](const std::string& confirmed, const std::string& note) {
        for (const char* stage : {"", "pilot", "discontinued"}) {
            const bool adoption = *stage != '\0';
            const bool discontinued = std::string(stage) == "discontinued";
            Json item{{"last_confirmed_at", confirmed}, {"stage", stage}};
            const std::string want = ToJson(FreshnessInfoOfItem(*app_, item, adoption)).dump();
            EXPECT_EQ(FreshnessJsonOn(*app_, confirmed, adoption, discontinued), want) << note << ", " << stage;
            EXPECT_EQ(FreshnessJsonOn(*app_, confirmed, adoption, discontinued), want) << note << " (memo), " << stage;
        }
    };
    const std::string first = ConfirmedOn(GetPractice().last_confirmed_at, GetPractice().meta);
    clock_.Advance(364 * kDay);  // 2027-01-31: still fresh
    expect_same(first, "last fresh day");
    EXPECT_NE(FreshnessJsonOn(*app_, first, false, false).find("\"fresh\""), std::string::npos);
    clock_.Advance(kDay);  // 2027-02-01: due
    expect_same(first, "first stale day");
    EXPECT_NE(FreshnessJsonOn(*app_, first, false, false).find("needs_confirmation"), std::string::npos);
    ASSERT_TRUE(ConfirmPractice(*app_, Actor::System(), practice_).ok());
    const std::string again = ConfirmedOn(GetPractice().last_confirmed_at, GetPractice().meta);
    ASSERT_NE(again, first);
    expect_same(again, "confirmed again");
    EXPECT_NE(FreshnessJsonOn(*app_, again, false, false).find("\"fresh\""), std::string::npos);
    SetFreshnessPolicy(*app_, {1, 2});
    clock_.Advance(32 * kDay);
    expect_same(again, "one-month policy");
    EXPECT_NE(FreshnessJsonOn(*app_, again, false, false).find("needs_confirmation"), std::string::npos);
    SetFreshnessPolicy(*app_, {});
    expect_same(again, "default policy again, same day");
}

TEST_F(FreshnessTest, OwnersAreNotifiedOncePerConfirmation) {
    EXPECT_EQ(NotifyStale(*app_).value(), 0);
    clock_.Advance(400 * kDay);
    EXPECT_EQ(NotifyStale(*app_).value(), 2);
    EXPECT_EQ(NotifyStale(*app_).value(), 0) << "once";
    ASSERT_TRUE(ConfirmPractice(*app_, Actor::System(), practice_).ok());
    clock_.Advance(400 * kDay);
    EXPECT_EQ(NotifyStale(*app_).value(), 1) << "the practice again after its new confirmation; the adoption "
                                                "was told about its unchanged date already";
}

TEST_F(FreshnessTest, CuratorsSeeSharesPerRegionAndDomain) {
    clock_.Advance(400 * kDay);
    ASSERT_TRUE(ConfirmAdoption(*app_, Actor::System(), adoption_).ok());
    EXPECT_FALSE(StaleShares(*app_, Editor("86")).ok());
    auto r = StaleShares(*app_, Actor{Role::kCurator, 1, "cur", {}, {}});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->total, 2);
    EXPECT_EQ(r->stale, 1);
    std::map<std::string, StaleShare> regions;
    for (const auto& s : r->by_region) regions[s.key] = s;
    EXPECT_EQ(regions["86"].stale, 1);
    EXPECT_EQ(regions["72"].stale, 0);
    ASSERT_EQ(r->by_domain.size(), 1u);
    EXPECT_EQ(r->by_domain[0].total, 2);
    EXPECT_EQ(ToJson(*r)["share"], 0.5);
}

}  // namespace
}  // namespace orientir::app
