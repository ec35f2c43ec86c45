// The permission matrix: every mutating API endpoint × every role and scope, through real sign-ins.
// A refused call answers 401/403 (or 404 for records the actor may not even see) and changes nothing.

#include <gtest/gtest.h>
#include <set>

#include "http/test_env.hpp"

namespace orientir::http {
namespace {

struct Env {
    std::unique_ptr<testing::TestEnv> env;  // the shared fixture (http/test_env.hpp)
    app::App* app = nullptr;
    std::int64_t yugra_practice = 0, tyumen_adoption = 0, yugra_adoption = 0, yugra_org = 0;
};

Env* g = nullptr;

Response Call(const std::string& who, const std::string& method, const std::string& target,
              const std::string& body = "", const std::string& if_match = "") {
    std::map<std::string, std::string> headers;
    if (!if_match.empty()) headers["if-match"] = if_match;
    return g->env->Call(who, method, target, body, std::move(headers));
}

// An adoption of `region` still moving (neither scaled nor discontinued).
std::int64_t MovingAdoptionOf(const std::string& region) {
    auto list = g->app->List<domain::Adoption>(app::Actor::System(), {{{"region", region}}, {}, {}, 0, 50, false});
    for (const auto& a : list->items)
        if (a.stage() != domain::AdoptionStage::kScaled && a.stage() != domain::AdoptionStage::kDiscontinued)
            return a.meta.id;
    return 0;
}

class PermissionMatrix : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        g = new Env;
        g->env = std::make_unique<testing::TestEnv>("perm", testing::TestEnvOptions{.demo = true});
        g->app = g->env->app.get();
        auto org86 =
            g->app->List<domain::Organisation>(app::Actor::System(), {{{"region", "86"}}, {}, {}, 0, 1, false});
        g->yugra_org = org86->items.at(0).meta.id;
        g->env->SignIn("admin", "admin");
        g->env->SignIn("curator", "curator");
        g->env->SignIn("editor72", "regional_editor", {"72"});
        g->env->SignIn("editor86", "regional_editor", {"86"});
        g->env->SignIn("orgeditor", "organisation_editor", {}, {g->yugra_org});
        auto yp = g->app->List<domain::Practice>(app::Actor::System(),
                                                 {{{"region", "86"}, {"state", "published"}}, {}, {}, 0, 1, false});
        g->yugra_practice = yp->items.at(0).meta.id;
        g->tyumen_adoption = MovingAdoptionOf("72");
        g->yugra_adoption = MovingAdoptionOf("86");
        ASSERT_GT(g->tyumen_adoption, 0);
        ASSERT_GT(g->yugra_adoption, 0);
    }
    static void TearDownTestSuite() {
        g->env.reset();
        delete g;
    }
};

struct Case {
    std::string name;
    std::function<Response(const std::string& who, const std::string& target)> call;
    std::set<std::string> allowed;                 // roles that may do it
    std::function<std::string()> setup = nullptr;  // makes a fresh target (run before the change counter is read)
};

// A fresh published Yugra practice of the organisation the organisation editor edits.
std::string FreshYugraPractice() {
    domain::Practice p;
    p.title = "Свежая практика Югры";
    p.summary = "Кратко";
    p.domains = {"volunteering"};
    p.origin.region = "86";
    p.origin.organisation_id = g->yugra_org;
    p.state = domain::ModerationState::kPublished;
    auto r = g->app->Create(app::Actor::System(), p);
    return "/api/v1/practices/" + std::to_string(r->meta.id);
}
std::string FreshYugraAdoption() {
    domain::Adoption a;
    a.practice_id = g->yugra_practice;
    a.adopter.region = "86";
    a.channel = domain::Channel::kOther;
    auto r = g->app->Create(app::Actor::System(), a);
    return "/api/v1/adoptions/" + std::to_string(r->meta.id);
}

std::string Practice(const std::string& region) {
    return R"({"title":"Практика","summary":"Кратко","domains":["volunteering"],"origin":{"region":")" + region +
           R"("}})";
}

std::string Body(const std::string& path) {
    auto r = Call("admin", "GET", path);
    return r.body;
}
std::string ETag(const std::string& path) { return Call("admin", "GET", path).HeaderValue("ETag"); }

const std::set<std::string> kAll = {"anonymous", "editor72", "editor86", "orgeditor", "curator", "admin"};

// Practices, adoptions and the Yugra organisation: who may create, edit, moderate and move them.
std::vector<Case> RecordCases() {
    const std::string ta = "/api/v1/adoptions/" + std::to_string(g->tyumen_adoption);
    const std::string yo = "/api/v1/organisations/" + std::to_string(g->yugra_org);
    return {
        {"create Tyumen practice",
         [=](auto w, auto) { return Call(w, "POST", "/api/v1/practices", Practice("72")); },
         {"editor72", "curator", "admin"}},
        {"create Yugra practice",
         [=](auto w, auto) { return Call(w, "POST", "/api/v1/practices", Practice("86")); },
         {"editor86", "curator", "admin"}},
        {"edit Yugra practice",
         [=](auto w, auto t) { return Call(w, "PUT", t, Body(t), ETag(t)); },
         {"editor86", "curator", "admin", "orgeditor"},
         FreshYugraPractice},
        {"archive Yugra practice",
         [=](auto w, auto t) { return Call(w, "POST", t + "/moderation", R"({"state":"archived"})"); },
         {"curator", "admin"},
         FreshYugraPractice},
        {"create Tyumen adoption",
         [=](auto w, auto) {
             return Call(w, "POST", "/api/v1/adoptions",
                         R"({"practice_id":)" + std::to_string(g->yugra_practice) +
                             R"(,"adopter":{"region":"72"},"channel":"press"})");
         },
         {"editor72", "curator", "admin"}},
        {"edit Tyumen adoption",
         [=](auto w, auto) { return Call(w, "PUT", ta, Body(ta), ETag(ta)); },
         {"editor72", "curator", "admin"}},
        {"move Yugra adoption stage",
         [=](auto w, auto t) { return Call(w, "POST", t + "/stage", R"({"stage":"study","note":"test"})"); },
         {"editor86", "curator", "admin"},
         FreshYugraAdoption},
        {"edit Yugra organisation",
         [=](auto w, auto) { return Call(w, "PUT", yo, Body(yo), ETag(yo)); },
         {"editor86", "orgeditor", "curator", "admin"}},
    };
}

// Indicators, accounts, people, municipalities, requests, news and a blocked delete.
std::vector<Case> DirectoryCases() {
    const std::string yp = "/api/v1/practices/" + std::to_string(g->yugra_practice);
    return {
        {"create indicator",
         [=](auto w, auto) {
             return Call(w, "POST", "/api/v1/indicators",
                         R"({"code":"x_)" + std::string(w) +
                             R"(","name":"X","domain":"volunteering","direction":"higher_better"})");
         },
         {"curator", "admin"}},
        {"set Yugra indicator value",
         [=](auto w, auto) {
             static int year = 2040;
             return Call(
                 w, "POST", "/api/v1/indicator-values",
                 R"({"indicator":"vol_per_1000","region":"86","year":)" + std::to_string(year++) + R"(,"value":1})");
         },
         {"editor86", "curator", "admin"}},
        {"create user",
         [=](auto w, auto) {
             return Call(
                 w, "POST", "/api/v1/users",
                 R"({"login":"new_)" + std::string(w) + R"(","role":"curator","password":"long password 123"})");
         },
         {"admin"}},
        {"create person",
         [=](auto w, auto) { return Call(w, "POST", "/api/v1/persons", R"({"last_name":"Тестов"})"); },
         {"editor72", "editor86", "curator", "admin"}},
        {"create Yugra position",
         [=](auto w, auto) {
             return Call(w, "POST", "/api/v1/positions", R"({"person_id":1,"title":"советник","region":"86"})");
         },
         {"editor86", "curator", "admin"}},
        {"create Yugra municipality",
         [=](auto w, auto) {
             return Call(w, "POST", "/api/v1/municipalities",
                         R"({"region":"86","name":"Посёлок )" + std::string(w) + R"(","kind":"сельское поселение"})");
         },
         {"editor86", "curator", "admin"}},
        {"answer a Tyumen request",
         [=](auto w, auto t) {
             auto body = Json::parse(Body(t));
             body["status"] = "answered";
             body["response"] = "Ответ";
             return Call(w, "PUT", t, body.dump(), ETag(t));
         },
         {"editor72", "curator", "admin", "orgeditor"},
         [] {
             domain::AdoptionRequest rq;
             rq.practice_id = g->yugra_practice;
             rq.from.region = "72";
             rq.contact_name = "Заявитель";
             rq.message = "Хотим внедрить";
             rq.to_organisation_id = g->yugra_org;
             auto r = g->app->Create(app::Actor::System(), rq);
             return "/api/v1/adoption-requests/" + std::to_string(r->meta.id);
         }},
        {"submit a news article",
         [=](auto w, auto) {
             static int n = 0;
             return Call(
                 w, "POST", "/api/v1/articles",
                 R"({"title":"Новость","text":"Тюменская область перенимает опыт Югры в добровольчестве.","url":"https://example.org/n)" +
                     std::to_string(++n) + R"("})");
         },
         {"curator", "admin"}},
        {"delete Yugra practice with adoptions", [=](auto w, auto) { return Call(w, "DELETE", yp, "", ETag(yp)); }, {}},
    };
}

// Each role either may do the case, or is refused and the store does not change.
void CheckEveryRole(const Case& c) {
    for (const auto& who : kAll) {
        std::string target = c.setup ? c.setup() : "";
        auto before = g->app->LastChangeSeq();
        Response r = c.call(who, target);
        bool ok = r.status >= 200 && r.status < 300;
        if (c.allowed.count(who)) {
            EXPECT_TRUE(ok) << c.name << " as " << who << ": " << r.status << " " << r.body;
        } else {
            EXPECT_FALSE(ok) << c.name << " as " << who << " was allowed";
            EXPECT_TRUE(r.status == 401 || r.status == 403 || r.status == 404 || r.status == 409)
                << c.name << " as " << who << ": " << r.status;
            EXPECT_EQ(g->app->LastChangeSeq(), before) << c.name << " as " << who << " changed the store";
        }
    }
}

TEST_F(PermissionMatrix, EveryRefusedCombinationChangesNothing) {
    for (const auto& c : RecordCases()) CheckEveryRole(c);
    for (const auto& c : DirectoryCases()) CheckEveryRole(c);
}

TEST_F(PermissionMatrix, ForgedSessionsAndTokensAreAnonymous) {
    Request r;
    r.method = "POST";
    r.path = r.target = "/api/v1/practices";
    r.body = Practice("72");
    r.headers["content-type"] = "application/json";
    r.headers["cookie"] = std::string(kSessionCookie) + "=forgedforgedforgedforgedforged";
    EXPECT_EQ(g->env->service->Handle(r).status, 401);
    r.headers.erase("cookie");
    r.headers["authorization"] = "Bearer ot_notarealtokennotarealtoken";
    EXPECT_EQ(g->env->service->Handle(r).status, 401);
}

TEST_F(PermissionMatrix, AuditRecordsWhoChangedWhatAndIsForCuratorsOnly) {
    const std::string ta = "/api/v1/adoptions/" + std::to_string(g->tyumen_adoption);
    auto body = Json::parse(Body(ta));
    body["adaptation_notes"] = "Аудит: изменено редактором";
    auto r = Call("editor72", "PUT", ta, body.dump(), ETag(ta));
    ASSERT_EQ(r.status, 200) << r.body;
    auto log = Call("curator", "GET", "/api/v1/audit?record=adoption:" + std::to_string(g->tyumen_adoption));
    ASSERT_EQ(log.status, 200);
    auto j = Json::parse(log.body);
    ASSERT_FALSE(j["items"].empty());
    auto last = j["items"][0];
    EXPECT_EQ(last["actor"]["login"], "editor72");
    EXPECT_EQ(last["action"], "update");
    EXPECT_EQ(last["after"]["adaptation_notes"], "Аудит: изменено редактором");
    EXPECT_NE(last["before"]["adaptation_notes"], "Аудит: изменено редактором");
    EXPECT_EQ(Call("editor72", "GET", "/api/v1/audit").status, 403);
    EXPECT_EQ(Call("anonymous", "GET", "/api/v1/audit").status, 401);
    auto exported = Call("admin", "GET", "/api/v1/audit/export?actor=editor72");
    EXPECT_EQ(exported.status, 200);
    EXPECT_NE(exported.body.find("editor72"), std::string::npos);
}

TEST_F(PermissionMatrix, CuratorPublishesDraftAndReadersSeeIt) {
    auto created = Call("editor72", "POST", "/api/v1/practices", Practice("72"));
    ASSERT_EQ(created.status, 201);
    auto id = std::to_string(Json::parse(created.body)["id"].get<int>());
    EXPECT_EQ(Json::parse(created.body)["state"], "draft");
    EXPECT_EQ(Call("anonymous", "GET", "/api/v1/practices/" + id).status, 404);
    EXPECT_EQ(Call("editor72", "POST", "/api/v1/practices/" + id + "/moderation", R"({"state":"published"})").status,
              403);
    EXPECT_EQ(Call("editor72", "POST", "/api/v1/practices/" + id + "/moderation", R"({"state":"on_review"})").status,
              200);
    auto notes = Json::parse(Call("curator", "GET", "/api/v1/notifications").body);
    bool told = false;
    for (const auto& n : notes["items"]) told |= n["type"] == "moderation";
    EXPECT_TRUE(told) << "the curator was not told about a practice on review";
    EXPECT_EQ(
        Call("curator", "POST", "/api/v1/practices/" + id + "/moderation", R"({"state":"published","comment":"ok"})")
            .status,
        200);
    EXPECT_EQ(Call("anonymous", "GET", "/api/v1/practices/" + id).status, 200);
    auto editor_notes = Json::parse(Call("editor72", "GET", "/api/v1/notifications").body);
    EXPECT_FALSE(editor_notes["items"].empty());
    EXPECT_EQ(Call("editor72", "GET", "/api/v1/notifications/feed.atom").status, 200);
}

TEST_F(PermissionMatrix, CuratorsAreToldWhenAnArticleProposesFacts) {
    auto submitted =
        Call("admin", "POST", "/api/v1/articles",
             R"({"title":"Новость для уведомления","text":"Тюменская область перенимает опыт Югры в организации )"
             R"(добровольческой деятельности.","url":"https://example.org/notify-1"})");
    ASSERT_EQ(submitted.status, 201) << submitted.body;
    ASSERT_FALSE(Json::parse(submitted.body)["facts"].empty()) << submitted.body;
    auto told = [&](const std::string& who) {
        auto notes = Json::parse(Call(who, "GET", "/api/v1/notifications").body);
        for (const auto& n : notes["items"])
            if (n["type"] == "facts_proposed" && n["link"] == "/review" &&
                n["text"].get<std::string>().find("Новость для уведомления") != std::string::npos)
                return true;
        return false;
    };
    EXPECT_TRUE(told("curator"));
    EXPECT_FALSE(told("admin")) << "the submitter is not told about their own article";
    EXPECT_FALSE(told("editor72")) << "regional editors do not review news";
}

TEST_F(PermissionMatrix, SignInIsThrottledAndSetsSafeCookie) {
    Request r;
    r.method = "POST";
    r.path = r.target = "/api/v1/session";
    r.headers["content-type"] = "application/json";
    r.remote_addr = "10.1.1.1";
    r.body = R"({"login":"curator","password":"password-curator"})";
    auto ok = g->env->service->Handle(r);
    ASSERT_EQ(ok.status, 200);
    auto cookie = ok.HeaderValue("Set-Cookie");
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
    EXPECT_EQ(Json::parse(ok.body).count("password_hash"), 0u);
    r.body = R"({"login":"admin","password":"wrong"})";
    int last = 0;
    for (int i = 0; i < 6; ++i) last = g->env->service->Handle(r).status;
    EXPECT_EQ(last, 429);
    r.body = R"({"login":"curator","password":"password-curator"})";
    EXPECT_EQ(g->env->service->Handle(r).status, 200);  // other users are not blocked
}

}  // namespace
}  // namespace orientir::http
