// Confirm / reject likely sources through the JSON API (Service::Handle, no sockets) on the demo data:
// a confirmation records the source (GET shows it) and is kept as a label; a forged candidate is a 400
// naming "candidate"; an adoption with a source is a 409; anonymous callers get 401; the accuracy report
// counts the decisions and is for curators only.
#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>

#include "app/importer.hpp"
#include "feeds/feeds.hpp"
#include "http/service.hpp"
#include "http/test_util.hpp"

namespace orientir::http {
namespace {

namespace fs = std::filesystem;

class SourceLabelsApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("orientir-source-labels-api-test-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        storage::SqliteOptions o;
        o.path = (dir_ / "store.db").string();
        app_ = new app::App(std::move(storage::OpenSqliteStore(o)).value(),
                            app::AppOptions{dir_.string(), ORIENTIR_SOURCE_DATA_DIR});
        ASSERT_TRUE(app::EnsureReferenceData(*app_, ORIENTIR_SOURCE_DATA_DIR).ok());
        ASSERT_TRUE(app::EnsureDemoData(*app_, ORIENTIR_SOURCE_DATA_DIR).ok());
        ASSERT_TRUE(app_->StartAnalytics(false).ok());
        service_ = new Service(*app_, ServiceOptions{ORIENTIR_SOURCE_DATA_DIR, false, false});
        service_->SetActorResolver([](const Request&) { return actor_; });
        service_->RegisterCoreRoutes();
    }
    static void TearDownTestSuite() {
        delete service_;
        feeds::ReleaseService(*app_);
        delete app_;
        fs::remove_all(dir_);
    }
    static app::Actor Curator() { return app::Actor{app::Role::kCurator, 5, "curator", {}, {}}; }
    Response Call(const std::string& method, const std::string& target, const std::string& body = "") {
        Request r = testing::MakeRequest(method, target, body);
        return service_->Handle(r);
    }
    static Json J(const Response& r) { return Json::parse(r.body); }
    // Two new adoptions of a demo practice with no source recorded (the demo data records every source), in
    // regions that do not have it; the snapshot is rebuilt so they are ranked.
    static std::vector<std::int64_t> Unexplained() {
        const auto sys = app::Actor::System();
        auto pid = app_->ResolveId("practice", "yugra-municipal-volunteer-hubs").value();
        std::vector<std::int64_t> out;
        for (const char* region : {"03", "04"}) {
            domain::Adoption a;
            a.practice_id = pid;
            a.adopter.region = region;
            a.channel = domain::Channel::kOther;
            a.stage_history = {{domain::AdoptionStage::kStudy, "2026-06-01", ""}};
            auto r = app_->Create(sys, a);
            EXPECT_TRUE(r.ok()) << r.error().message;
            if (r.ok()) out.push_back(r->meta.id);
        }
        app_->analytics().Set(app_->BuildAnalyticsSnapshot().value());
        return out;
    }
    static std::string Path(std::int64_t id, const std::string& verb) {
        return "/api/v1/adoptions/" + std::to_string(id) + "/likely-sources/" + verb;
    }

    static inline fs::path dir_;
    static inline app::App* app_ = nullptr;
    static inline Service* service_ = nullptr;
    static inline app::Actor actor_;
};

TEST_F(SourceLabelsApiTest, ConfirmRejectAndTheReport) {
    auto ids = Unexplained();
    ASSERT_EQ(ids.size(), 2u);
    const auto id = ids[0];
    actor_ = Curator();
    auto ls = Call("GET", "/api/v1/adoptions/" + std::to_string(id) + "/likely-sources");
    ASSERT_EQ(ls.status, 200) << ls.body;
    const std::string top = J(ls)["candidates"][0]["region"]["code"];
    const std::string adopter = J(Call("GET", "/api/v1/adoptions/" + std::to_string(id)))["adopter"]["region"];

    // Anonymous: 401, nothing kept.
    actor_ = app::Actor::Anonymous();
    EXPECT_EQ(Call("POST", Path(id, "confirm"), R"({"candidate":")" + top + R"(","channel":"press"})").status, 401);
    EXPECT_EQ(Call("POST", Path(id, "reject"), "{}").status, 401);
    EXPECT_EQ(Call("GET", "/api/v1/analytics/source-labels").status, 401);

    actor_ = Curator();
    // Forged: the adopter's own region is never a candidate; unknown fields are refused by the strict reader.
    auto forged = Call("POST", Path(id, "confirm"), R"({"candidate":")" + adopter + R"(","channel":"press"})");
    EXPECT_EQ(forged.status, 400) << forged.body;
    EXPECT_EQ(J(forged)["field"], "candidate");
    EXPECT_EQ(Call("POST", Path(id, "confirm"), R"({"candidate":")" + top + R"(","channel":"press","x":1})").status,
              400);
    auto missing = Call("POST", Path(id, "confirm"), R"({"candidate":")" + top + R"("})");
    EXPECT_EQ(missing.status, 400) << missing.body;
    EXPECT_EQ(J(missing)["field"], "channel");

    auto ok = Call("POST", Path(id, "confirm"), R"({"candidate":")" + top + R"(","channel":"conference"})");
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(J(ok)["decision"], "confirmed");
    EXPECT_EQ(J(ok)["candidates"][0]["rank"], 1);
    EXPECT_EQ(J(Call("GET", "/api/v1/adoptions/" + std::to_string(id)))["channel"], "conference");
    // It has a source now.
    auto again = Call("POST", Path(id, "confirm"), R"({"candidate":")" + top + R"(","channel":"press"})");
    EXPECT_EQ(again.status, 409) << again.body;
    auto decisions = Call("GET", "/api/v1/adoptions/" + std::to_string(id) + "/likely-sources/decisions");
    ASSERT_EQ(decisions.status, 200);
    EXPECT_EQ(J(decisions)["items"].size(), 1u);

    ASSERT_EQ(Call("POST", Path(ids[1], "reject"), R"({"note":"из федеральной программы"})").status, 200);
    auto rep = Call("GET", "/api/v1/analytics/source-labels");
    ASSERT_EQ(rep.status, 200) << rep.body;
    EXPECT_EQ(J(rep)["confirmed"], 1);
    EXPECT_EQ(J(rep)["rejected"], 1);
    EXPECT_DOUBLE_EQ(J(rep)["top1_rate"].get<double>(), 0.5);
    EXPECT_EQ(J(rep)["labels"].size(), 2u);
}

}  // namespace
}  // namespace orientir::http
