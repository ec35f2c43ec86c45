// The requests inbox API (inbox, answer, route, close) and the passport history API through
// Service::Handle (no sockets), on a store with the reference and demo data.
#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>

#include "app/importer.hpp"
#include "feeds/feeds.hpp"
#include "http/service.hpp"
#include "http/test_env.hpp"
#include "http/test_util.hpp"

namespace orientir::http {
namespace {

namespace fs = std::filesystem;

class RequestsApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        env_ = std::make_unique<testing::TestEnv>("requests-api-test",
                                                  testing::TestEnvOptions{.demo = true, .api_cache = false});
        app_ = env_->app.get();
        service_ = env_->service.get();
        service_->SetActorResolver([](const Request&) { return actor_; });
        practice_ = app_->ResolveId("practice", "yugra-volunteer-hours-registry").value();
        owner_org_ = app_->ResolveId("organisation", "yugra-youth-dept").value();
        centre_ = app_->ResolveId("organisation", "federal-civil-centre").value();
    }
    static void TearDownTestSuite() { env_.reset(); }
    static app::Actor Owner() { return app::Actor{app::Role::kOrganisationEditor, 2, "org", {}, {owner_org_}}; }
    static app::Actor Tyumen() { return app::Actor{app::Role::kRegionalEditor, 3, "tyumen", {"72"}, {}}; }

    Response Call(const std::string& method, const std::string& target, const std::string& body = "") {
        Request r = testing::MakeRequest(method, target, body);
        return service_->Handle(r);
    }
    static Json J(const Response& r) { return Json::parse(r.body); }
    std::int64_t NewRequest() {
        actor_ = Tyumen();
        OrderedJson body{{"practice_id", practice_},
                         {"from", {{"region", "72"}}},
                         {"contact_name", "Иванова Анна"},
                         {"contact_email", "ivanova@example.org"},
                         {"message", "Просим материалы"}};
        auto r = Call("POST", "/api/v1/adoption-requests", body.dump());
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? J(r)["id"].get<std::int64_t>() : 0;
    }
    static std::string Path(std::int64_t id, const std::string& verb) {
        return "/api/v1/adoption-requests/" + std::to_string(id) + "/" + verb;
    }

    static inline std::unique_ptr<testing::TestEnv> env_;
    static inline app::App* app_ = nullptr;
    static inline Service* service_ = nullptr;
    static inline app::Actor actor_;
    static inline std::int64_t practice_ = 0, owner_org_ = 0, centre_ = 0;
};

TEST_F(RequestsApiTest, OwnerAnswersFromTheInbox) {
    auto id = NewRequest();
    actor_ = Owner();
    auto inbox = Call("GET", "/api/v1/adoption-requests/inbox?status=new&handled=1");
    ASSERT_EQ(inbox.status, 200) << inbox.body;
    bool listed = false;
    const Json inbox_json = J(inbox);
    for (const auto& it : inbox_json["items"])
        if (it["id"] == id) listed = it["can_handle"].get<bool>() && it["response_hours"].is_null();
    EXPECT_TRUE(listed) << inbox.body;
    // The owner reads the whole request by the generic route too.
    EXPECT_EQ(Call("GET", "/api/v1/adoption-requests/" + std::to_string(id)).status, 200);
    auto answered = Call("POST", Path(id, "answer"), R"({"response":"Вышлем материалы"})");
    ASSERT_EQ(answered.status, 200) << answered.body;
    EXPECT_EQ(J(answered)["status"], "answered");
    EXPECT_EQ(J(answered)["response"], "Вышлем материалы");
    EXPECT_FALSE(answered.HeaderValue("ETag").empty());
    auto after = Call("GET", "/api/v1/adoption-requests/inbox?status=answered");
    bool timed = false;
    const Json after_json = J(after);
    for (const auto& it : after_json["items"])
        if (it["id"] == id) timed = it["response_hours"].is_number();
    EXPECT_TRUE(timed) << after.body;
}

TEST_F(RequestsApiTest, RoutesToTheCompetenceCentreAndRefusesAnUnknownOrganisation) {
    auto id = NewRequest();
    actor_ = Owner();
    auto unknown = Call("POST", Path(id, "route"), R"({"to_organisation_id":987654,"note":"?"})");
    EXPECT_EQ(unknown.status, 400) << unknown.body;
    EXPECT_EQ(J(unknown)["field"], "to_organisation_id");
    auto missing = Call("POST", Path(id, "route"), R"({"note":"кому?"})");
    EXPECT_EQ(missing.status, 400);
    EXPECT_NE(missing.body.find("to_organisation_id"), std::string::npos) << missing.body;
    auto routed = Call("POST", Path(id, "route"),
                       OrderedJson{{"to_organisation_id", centre_}, {"note", "У центра есть методичка"}}.dump());
    ASSERT_EQ(routed.status, 200) << routed.body;
    EXPECT_EQ(J(routed)["status"], "routed");
    EXPECT_EQ(J(routed)["to_organisation_id"], centre_);
    EXPECT_EQ(J(routed)["route_note"], "У центра есть методичка");
    // Now the centre's to handle: the owner may no longer close it.
    auto close = Call("POST", Path(id, "close"), "{}");
    EXPECT_EQ(close.status, 403) << close.body;
}

TEST_F(RequestsApiTest, NotTheOwnerIsRefusedAndAClosedRequestTakesNoAnswer) {
    auto id = NewRequest();
    actor_ = Tyumen();
    auto forbidden = Call("POST", Path(id, "answer"), R"({"response":"Ответ"})");
    EXPECT_EQ(forbidden.status, 403) << forbidden.body;
    EXPECT_NE(J(forbidden)["detail"].get<std::string>().find("organisation " + std::to_string(owner_org_)),
              std::string::npos)
        << forbidden.body;
    actor_ = app::Actor::Anonymous();
    EXPECT_EQ(Call("POST", Path(id, "answer"), R"({"response":"Ответ"})").status, 401);
    EXPECT_EQ(Call("GET", "/api/v1/adoption-requests/inbox").status, 401);
    actor_ = Owner();
    EXPECT_EQ(Call("POST", Path(id, "answer"), R"({"response":"Ответ","extra":1})").status, 400)
        << "unknown members are refused";
    EXPECT_EQ(Call("GET", "/api/v1/adoption-requests/inbox?status=lost").status, 400);
    ASSERT_EQ(Call("POST", Path(id, "close"), "{}").status, 200);
    auto late = Call("POST", Path(id, "answer"), R"({"response":"Поздно"})");
    EXPECT_EQ(late.status, 409) << late.body;
    EXPECT_EQ(J(late)["rule"], "request_closed");
    EXPECT_EQ(Call("POST", Path(987654, "answer"), R"({"response":"?"})").status, 404);
}

TEST_F(RequestsApiTest, PracticeVersions) {
    actor_ = app::Actor{app::Role::kCurator, 1, "curator", {}, {}};
    const std::string base = "/api/v1/practices/" + std::to_string(practice_);
    auto got = Call("GET", base);
    auto p = J(got);
    p.erase("id");
    p.erase("version");
    p.erase("created_at");
    p.erase("updated_at");
    p["title"] = "Электронная книжка волонтёра (новая редакция)";
    Request edit = testing::MakeRequest("PUT", base, p.dump(), {{"if-match", got.HeaderValue("ETag")}});
    auto put = service_->Handle(edit);
    ASSERT_EQ(put.status, 200) << put.body;
    auto list = Call("GET", base + "/versions");
    ASSERT_EQ(list.status, 200) << list.body;
    auto items = J(list)["items"];
    ASSERT_GE(items.size(), 2u);
    const auto& last = items.back();
    EXPECT_EQ(last["action"], "update");
    EXPECT_EQ(last["actor"], "curator");
    EXPECT_NE(last["changed"].dump().find("\"title\""), std::string::npos) << last.dump();
    auto one = Call("GET", base + "/versions/" + std::to_string(last["number"].get<int>()));
    ASSERT_EQ(one.status, 200);
    EXPECT_EQ(J(one)["record"]["title"], "Электронная книжка волонтёра (новая редакция)");
    auto first = Call("GET", base + "/versions/1");
    ASSERT_EQ(first.status, 200);
    EXPECT_NE(J(first)["record"]["title"], "Электронная книжка волонтёра (новая редакция)");
    EXPECT_EQ(Call("GET", base + "/versions/999").status, 404);
    EXPECT_EQ(Call("GET", base + "/versions/x").status, 400);
}

}  // namespace
}  // namespace orientir::http
