#include <unistd.h>

#include <gtest/gtest.h>
#include <chrono>
#include <filesystem>
#include <optional>
#include <regex>

#include "analytics/store_loader.hpp"
#include "app/articles.hpp"
#include "app/importer.hpp"
#include "app/store_access.hpp"
#include "common/log.hpp"
#include "common/strings.hpp"
#include "feeds/feeds.hpp"
#include "http/api/auth_api.hpp"
#include "http/csrf.hpp"
#include "http/service.hpp"
#include "http/test_env.hpp"
#include "text/normalize.hpp"
#include "web/i18n.hpp"
#include "web/pages.hpp"
#include "web/svg.hpp"

namespace orientir::web {
namespace {

namespace fs = std::filesystem;

// One demo store for the whole suite (importing the demo data takes a moment).
class WebTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        log::SetLevel(log::Level::kWarn);
        env_ = std::make_unique<http::testing::TestEnv>("web-test",
                                                        http::testing::TestEnvOptions{.demo = true, .analytics = true});
        app_ = env_->app.get();
        service_ = env_->service.get();
        RegisterPages(*service_);
        service_->SetActorResolver([](const http::Request& r) {
            return r.Header("x-test-actor") == "system" ? app::Actor::System() : app::Actor::Anonymous();
        });
    }
    static void TearDownTestSuite() { env_.reset(); }

    // The first adoption the system proposes from an article (none: nullopt).
    static std::optional<app::ProposedFact> ProposedAdoption(app::ArticleInput in) {
        auto v = app_->articles().Submit(app::Actor::System(), in);
        if (!v.ok()) return std::nullopt;
        for (const auto& f : v->facts)
            if (f.kind == "adoption") return f;
        return std::nullopt;
    }
    // The accept form of proposed fact `id` on the curator's review page ("" when it is not there).
    static std::string AcceptFormOnReviewPage(app::Id id) {
        auto page = Get("/review", "", true);
        auto at = page.body.find("action=\"/review/" + std::to_string(id) + "/accept\"");
        return at == std::string::npos ? std::string() : page.body.substr(at, page.body.find("</form>", at) - at);
    }

    static http::Response Get(const std::string& target, const std::string& cookie = "", bool staff = false) {
        http::Request r;
        r.method = "GET";
        r.target = target;
        auto q = target.find('?');
        r.path = q == std::string::npos ? target : target.substr(0, q);
        if (q != std::string::npos) r.query = http::ParseQueryString(target.substr(q + 1));
        if (!cookie.empty()) r.headers["cookie"] = cookie;
        if (staff) r.headers["x-test-actor"] = "system";
        return service_->Handle(r);
    }
    static http::Response Post(const std::string& path, const std::string& body, bool staff = false,
                               const std::string& cookie = "") {
        http::Request r;
        r.method = "POST";
        r.target = r.path = path;
        r.headers["content-type"] = "application/x-www-form-urlencoded";
        r.headers["cookie"] = std::string("orientir_csrf=") + kToken + (cookie.empty() ? "" : "; " + cookie);
        r.body = body + "&_csrf=" + http::CsrfTokenFor(kToken, r.Cookie(http::kSessionCookie).value_or(""));
        if (staff) r.headers["x-test-actor"] = "system";
        return service_->Handle(r);
    }
    static domain::Id PracticeId(const std::string& key) {
        auto l = app_->List<domain::Practice>(app::Actor::System(), {{}, {}, {}, 0, 200, false});
        for (const auto& p : l->items)
            if (p.key && *p.key == key) return p.meta.id;
        return 0;
    }
    static domain::Id AnyAdoptionOf(domain::Id practice) {
        auto l = app_->AdoptionsOf(app::Actor::System(), practice);
        return l.ok() && !l->empty() ? l->front().meta.id : 0;
    }
    static constexpr const char* kToken = "testtokentesttokentest";
    static inline std::unique_ptr<http::testing::TestEnv> env_;
    static inline app::App* app_ = nullptr;
    static inline http::Service* service_ = nullptr;
};

bool Has(const http::Response& r, const std::string& s) { return r.body.find(s) != std::string::npos; }

TEST_F(WebTest, CatalogueIsCompleteInBothLanguages) {
    auto m = Messages::Load(std::string(ORIENTIR_SOURCE_DATA_DIR) + "/web/messages.json");
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_TRUE(m->Mismatches().empty()) << Join(m->Mismatches(), "\n");
}

TEST_F(WebTest, MainPagesRenderWithoutMissingMessages) {
    domain::Id pid = PracticeId("yugra-municipal-volunteer-hubs");
    ASSERT_NE(pid, 0);
    domain::Id aid = AnyAdoptionOf(pid);
    auto org = app_->List<domain::Organisation>(app::Actor::System(), {{}, {}, {}, 0, 1, false});
    auto person = app_->List<domain::Person>(app::Actor::System(), {{}, {}, {}, 0, 1, false});
    std::vector<std::string> pages = {"/",
                                      "/regions",
                                      "/regions/72",
                                      "/practices",
                                      "/practices?domain=volunteering",
                                      "/practices/" + std::to_string(pid),
                                      "/practices/" + std::to_string(pid) + "/request",
                                      "/adoptions",
                                      "/adoptions/" + std::to_string(aid),
                                      "/organisations",
                                      "/organisations/" + std::to_string(org->items[0].meta.id),
                                      "/persons",
                                      "/persons/" + std::to_string(person->items[0].meta.id),
                                      "/practices?q=штаб",
                                      "/practices?stage=scaled",
                                      "/login",
                                      "/network",
                                      "/network?domain=volunteering&from=2015&to=2026",
                                      "/regions/72?domain=volunteering&leader=86"};
    for (const auto& lang : {"ru", "en"}) {
        for (const auto& p : pages) {
            auto r = Get(p + (p.find('?') == std::string::npos ? "?" : "&") + "lang=" + lang, "orientir_region=72");
            EXPECT_EQ(r.status, 200) << p;
            EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
            EXPECT_FALSE(Has(r, "\u27e6"))
                << p << " " << lang << ": a message key is missing: " << r.body.substr(r.body.find("\u27e6"), 60);
            EXPECT_TRUE(Has(r, std::string("<html lang=\"") + lang + "\">")) << p;
        }
    }
    for (const std::string& p : std::vector<std::string>{"/practices/new", "/adoptions/new", "/organisations/new",
                                                         "/persons/new", "/practices/" + std::to_string(pid) + "/edit",
                                                         "/adoptions/" + std::to_string(aid) + "/edit", "/moderation",
                                                         "/audit", "/audit?record=practice%3A" + std::to_string(pid)}) {
        auto r = Get(p, "", true);
        EXPECT_EQ(r.status, 200) << p;
        EXPECT_FALSE(Has(r, "\u27e6")) << p << ": "
                                       << r.body.substr(
                                              r.body.find("\u27e6") == std::string::npos ? 0 : r.body.find("\u27e6"),
                                              60);
    }
}

TEST_F(WebTest, PagesCarryNoInlineScriptsOrStyles) {
    domain::Id pid = PracticeId("yugra-municipal-volunteer-hubs");
    for (const std::string& p :
         std::vector<std::string>{"/", "/regions/86", "/practices/" + std::to_string(pid), "/network", "/login",
                                  "/regions/72?domain=volunteering&leader=86"}) {
        auto r = Get(p);
        EXPECT_FALSE(std::regex_search(r.body, std::regex("<script(?![^>]*\\bsrc=)"))) << p;
        EXPECT_FALSE(Has(r, " style=\"")) << p;
        EXPECT_FALSE(Has(r, "<style")) << p;
        EXPECT_FALSE(Has(r, " onclick=")) << p;
    }
}

TEST_F(WebTest, PracticeTitleWithMarkupIsShownAsText) {
    domain::Practice p;
    p.title = "<script>alert(1)</script>";
    p.summary = "<img src=x onerror=alert(2)>";
    p.domains = {"volunteering"};
    p.origin.region = "86";
    p.state = domain::ModerationState::kPublished;
    p.contacts = {{"\"><b>x</b>", "", "a@b.c\"onmouseover=\"x", ""}};
    auto c = app_->Create(app::Actor::System(), p);
    ASSERT_TRUE(c.ok());
    for (const auto& page :
         {"/practices/" + std::to_string(c->meta.id), std::string("/practices"), std::string("/regions/86")}) {
        auto r = Get(page);
        EXPECT_FALSE(Has(r, "<script>alert(1)")) << page;
        EXPECT_FALSE(Has(r, "<img src=x")) << page;
        EXPECT_FALSE(Has(r, "<b>x</b>")) << page;
    }
    auto r = Get("/practices/" + std::to_string(c->meta.id));
    EXPECT_TRUE(Has(r, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    ASSERT_TRUE(app_->Delete<domain::Practice>(app::Actor::System(), c->meta.id, std::nullopt).ok());
}

TEST_F(WebTest, PracticePageShowsSpreadTimelineLineageAndIsSmall) {
    domain::Id pid = PracticeId("yugra-municipal-volunteer-hubs");
    auto r = Get("/practices/" + std::to_string(pid));
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(Has(r, "id=\"map-spread-t\""));
    EXPECT_TRUE(Has(r, "class=\"tile c-origin"));  // Yugra, the origin
    EXPECT_TRUE(Has(r, "class=\"tile c-scaled"));  // Yamal scaled it
    EXPECT_TRUE(Has(r, "class=\"timeline\""));
    EXPECT_TRUE(Has(r, "class=\"tree\""));
    EXPECT_TRUE(Has(r, "class=\"kpi\""));
    EXPECT_TRUE(Has(r, "lapteva.yugra@example.org"));
    EXPECT_TRUE(Has(r, "/practices/" + std::to_string(pid) + "/request"));
    EXPECT_LE(r.body.size(), 150u * 1024u);
    // Repeated renders give the same page (server time is measured through /metrics of a running
    // server, docs/performance.md — a timed assertion here failed whenever the machine was busy).
    for (int i = 0; i < 5; ++i) {
        auto x = Get("/practices/" + std::to_string(pid));
        ASSERT_EQ(x.status, 200);
        EXPECT_EQ(x.body.size(), r.body.size());
    }
}

TEST_F(WebTest, ChoosingARegionSetsACookieAndPersonalisesTheHomePage) {
    auto r = Post("/region", "region=72&back=%2F");
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.HeaderValue("Location"), "/");
    EXPECT_NE(r.HeaderValue("Set-Cookie").find("orientir_region=72"), std::string::npos);
    auto home = Get("/", "orientir_region=72");
    EXPECT_TRUE(Has(home, "<option value=\"72\" selected>"));
    EXPECT_TRUE(Has(home, "/practices?region=72"));
    // An off-site "back" is ignored.
    auto evil = Post("/region", "region=72&back=%2F%2Fevil.example");
    EXPECT_EQ(evil.HeaderValue("Location"), "/");
}

TEST_F(WebTest, LanguageSwitchRemembersEnglish) {
    auto r = Get("/regions/86?lang=en");
    EXPECT_TRUE(Has(r, "<html lang=\"en\">"));
    EXPECT_TRUE(Has(r, "Khanty-Mansi"));
    EXPECT_NE(r.HeaderValue("Set-Cookie").find("orientir_lang=en"), std::string::npos);
    auto again = Get("/regions/86", "orientir_lang=en");
    EXPECT_TRUE(Has(again, "<html lang=\"en\">"));
    EXPECT_TRUE(Has(Get("/regions/86"), "<html lang=\"ru\">"));
}

TEST_F(WebTest, AdoptionRequestFromTwoMunicipalitiesAppearsOnTheRegionPage) {
    domain::Id pid = PracticeId("yugra-municipal-volunteer-hubs");
    auto muns = app_->List<domain::Municipality>(app::Actor::System(), {{{"region", "72"}}, {}, {}, 0, 2, false});
    ASSERT_EQ(muns->items.size(), 2u);
    std::string body = "from.region=72&from.municipality_id=" + std::to_string(muns->items[0].meta.id) +
                       "&from.municipality_id=" + std::to_string(muns->items[1].meta.id) +
                       "&contact_name=" + UrlEncode("Иванова Анна") +
                       "&contact_email=anna%40example.org&message=" + UrlEncode("Хотим внедрить");
    auto r = Post("/practices/" + std::to_string(pid) + "/request", body);
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.HeaderValue("Location"), "/regions/72?sent=2#requests");
    auto region = Get("/regions/72?sent=2");
    EXPECT_TRUE(Has(region, "id=\"requests\""));
    EXPECT_TRUE(Has(region, EscapeHtml(muns->items[0].name)));
    EXPECT_FALSE(Has(region, "anna@example.org"));  // contact data is not public
}

TEST_F(WebTest, RequestWithErrorsKeepsTheInputAndNamesTheFields) {
    domain::Id pid = PracticeId("yugra-municipal-volunteer-hubs");
    auto r = Post("/practices/" + std::to_string(pid) + "/request",
                  "from.region=72&contact_name=" + UrlEncode("Пётр <Петров>") + "&contact_email=not-an-email&message=");
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(Has(r, "value=\"Пётр &lt;Петров&gt;\""));
    EXPECT_TRUE(Has(r, "value=\"not-an-email\""));
    EXPECT_TRUE(Has(r, "id=\"f-contact-email-err\""));
    EXPECT_TRUE(Has(r, "id=\"f-message-err\""));
    EXPECT_TRUE(Has(r, "aria-invalid=\"true\""));
}

TEST_F(WebTest, StaffCreatesAndEditsAPracticeThroughTheForm) {
    auto bad =
        Post("/practices/new",
             "title=" + UrlEncode("Школа координаторов") + "&summary=&origin.region=72&resources.budget_rub=abc", true);
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(Has(bad, "value=\"Школа координаторов\""));
    EXPECT_TRUE(Has(bad, "id=\"f-summary-err\""));
    EXPECT_TRUE(Has(bad, "id=\"f-domains-err\""));
    EXPECT_TRUE(Has(bad, "id=\"f-resources-budget-rub-err\""));
    auto ok = Post("/practices/new",
                   "title=" + UrlEncode("Школа координаторов") + "&summary=" + UrlEncode("Обучение") +
                       "&domains=volunteering&origin.region=72&results%5B0%5D.name=" + UrlEncode("Координаторы") +
                       "&results%5B0%5D.before=1&results%5B0%5D.after=5&state=published",
                   true);
    ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 2000);
    std::string loc = ok.HeaderValue("Location");
    auto id = ParseInt(loc.substr(11, loc.find('?') - 11));
    ASSERT_TRUE(id);
    auto saved = app_->Get<domain::Practice>(app::Actor::System(), *id);
    ASSERT_TRUE(saved.ok());
    EXPECT_EQ(saved->results.size(), 1u);
    // Edit with a stale version: refused with a message, input kept.
    auto stale =
        Post("/practices/" + std::to_string(*id) + "/edit",
             "version=99&title=" + UrlEncode("Новое") + "&summary=x&domains=volunteering&origin.region=72", true);
    EXPECT_EQ(stale.status, 422);
    EXPECT_TRUE(Has(stale, "value=\"Новое\""));
    // Anonymous visitors are asked to sign in.
    EXPECT_EQ(Get("/practices/new").status, 401);
}

TEST_F(WebTest, StageMovesForwardAndRefusesGoingBack) {
    domain::Id pid = PracticeId("yugra-municipal-volunteer-hubs");
    domain::Adoption a;
    a.practice_id = pid;
    a.adopter.region = "72";
    a.stage_history = {{domain::AdoptionStage::kInterest, "2024-01-10", ""}};
    auto c = app_->Create(app::Actor::System(), a);
    ASSERT_TRUE(c.ok());
    std::string path = "/adoptions/" + std::to_string(c->meta.id);
    auto page = Get(path, "", true);
    EXPECT_TRUE(Has(page, "action=\"" + path + "/stage\""));
    auto moved = Post(path + "/stage", "stage=pilot&at=2024-03-01&note=" + UrlEncode("Пилот в Тобольске"), true);
    EXPECT_EQ(moved.status, 303);
    auto back = Post(path + "/stage", "stage=study&at=2024-04-01", true);
    EXPECT_EQ(back.status, 422);
    EXPECT_TRUE(Has(back, "id=\"f-stage-err\""));
    EXPECT_TRUE(Has(back, "value=\"2024-04-01\""));
}

TEST_F(WebTest, StaticFilesAreServedAndTraversalIsRefused) {
    auto css = Get("/static/orientir.css");
    EXPECT_EQ(css.status, 200);
    EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
    EXPECT_FALSE(css.HeaderValue("ETag").empty());
    EXPECT_EQ(Get("/static/..%2F..%2Freference%2Fregions.json").status, 404);
    EXPECT_EQ(Get("/static/messages.json").status, 404);
}

TEST_F(WebTest, SignInKeepsOnlyLocalNextAndAnswersWrongPasswordWithTheForm) {
    auto g = Get("/login?next=%2Fregions%2F72");
    EXPECT_EQ(g.status, 200);
    EXPECT_TRUE(Has(g, "name=\"next\" value=\"/regions/72\""));
    EXPECT_TRUE(Has(g, "name=\"_csrf\""));
    EXPECT_TRUE(Has(Get("/login?next=%2F%2Fevil.example%2F"), "name=\"next\" value=\"/\""));
    EXPECT_TRUE(Has(Get("/login?next=https%3A%2F%2Fevil.example%2F"), "name=\"next\" value=\"/\""));
    auto bad = Post("/login", "login=tyumen&password=nope&next=%2Fregions%2F72");
    EXPECT_EQ(bad.status, 401);
    EXPECT_TRUE(Has(bad, "id=\"login-error\""));
    EXPECT_TRUE(Has(bad, "value=\"tyumen\""));
    EXPECT_TRUE(bad.HeaderValue("Set-Cookie").find("orientir_session=") == std::string::npos);
}

TEST_F(WebTest, CuratorPagesNeedSignInAndStaff) {
    EXPECT_EQ(Post("/logout-everywhere", "").status, 401);  // nobody to sign out
    EXPECT_EQ(Get("/moderation").status, 401);
    EXPECT_EQ(Get("/audit").status, 401);
    EXPECT_EQ(Get("/notifications").status, 401);
    EXPECT_EQ(Get("/moderation", "", true).status, 200);
    auto a = Get("/audit?record=practice%3A1", "", true);
    EXPECT_EQ(a.status, 200);
}

TEST_F(WebTest, RegionBenchmarkShowsGapLackingPracticesAndReasons) {
    auto r = Get("/regions/72?domain=volunteering&leader=86");
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(Has(r, "id=\"bench-table\""));
    EXPECT_TRUE(Has(r, "class=\"b-own\""));
    auto lack = r.body.substr(r.body.find("id=\"lacking\""));
    lack = lack.substr(0, lack.find("</section>"));
    EXPECT_TRUE(lack.find("class=\"card\"") != std::string::npos) << lack.substr(0, 400);
    EXPECT_TRUE(Has(r, "class=\"reason\""));
}

TEST_F(WebTest, NetworkPageShowsYugraAsASourceWithThePersonnelChannel) {
    auto r = Get("/network");
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(Has(r, "data-src=\"/api/v1/network?edges=200\""));
    EXPECT_TRUE(Has(r, "/static/cytoscape.min.js"));
    auto roles = r.body.substr(r.body.find("id=\"roles\""));
    auto row = roles.substr(roles.find("/regions/86\""));
    row = row.substr(0, row.find("</tr>"));
    EXPECT_TRUE(row.find("r-source") != std::string::npos) << row;
    auto edges = r.body.substr(r.body.find("id=\"edges\""));
    edges = edges.substr(0, edges.find("</table>"));
    bool personnel_from_yugra = false;
    for (std::size_t at = edges.find("<tr><td><a href=\"/regions/86\">"); at != std::string::npos;
         at = edges.find("<tr><td><a href=\"/regions/86\">", at + 1)) {
        auto tr = edges.substr(at, edges.find("</tr>", at) - at);
        if (tr.find(domain::LabelOf(domain::Channel::kPersonnel).ru) != std::string::npos) personnel_from_yugra = true;
    }
    EXPECT_TRUE(personnel_from_yugra);
    EXPECT_EQ(Get("/network?from=abc").status, 200);
}

TEST(SvgLabels, SplitsLongNamesIntoTwoReadableLines) {
    EXPECT_EQ(detail::SplitLabel("Тюменская", 10), std::vector<std::string>{"Тюменская"});
    EXPECT_EQ(detail::SplitLabel("Кабардино-Балкария", 10), (std::vector<std::string>{"Кабардино-", "Балкария"}));
    EXPECT_EQ(detail::SplitLabel("Горный Алтай", 10), (std::vector<std::string>{"Горный", "Алтай"}));
    EXPECT_EQ(detail::SplitLabel("Калининградская", 10), std::vector<std::string>{"Калининградская"});
}

}  // namespace
}  // namespace orientir::web

namespace orientir::web {
namespace {

TEST_F(WebTest, PracticeFormOffersEffectTemplatesForComparableResults) {
    auto form = Get("/practices/new", "", true);
    EXPECT_TRUE(Has(form, "value=\"vol_per_1000\""));
    auto ok =
        Post("/practices/new",
             "title=" + UrlEncode("Добровольцы в каждом дворе") + "&summary=" + UrlEncode("Кратко") +
                 "&domains=volunteering&origin.region=72&results%5B0%5D.indicator=vol_per_1000&results%5B0%5D.before=3"
                 "&results%5B0%5D.after=9&state=published",
             true);
    ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 1500);
    std::string loc = ok.HeaderValue("Location");
    auto id = ParseInt(loc.substr(11, loc.find('?') - 11));
    ASSERT_TRUE(id);
    auto saved = app_->Get<domain::Practice>(app::Actor::System(), *id);
    ASSERT_TRUE(saved.ok());
    ASSERT_EQ(saved->results.size(), 1u);
    EXPECT_EQ(saved->results[0].indicator.value_or(""), "vol_per_1000");
    EXPECT_EQ(saved->results[0].name, "Число добровольцев на 1000 жителей");
    EXPECT_EQ(saved->results[0].unit, "чел. на 1000 жителей");
}

// «How far did the others get?» as figures: the adopters' own before/after per comparable indicator, on
// the practice page and in the API.
TEST_F(WebTest, PracticePageSummarisesWhatAdoptersReport) {
    auto pid = std::to_string(PracticeId("yugra-municipal-volunteer-hubs"));
    auto api = Get("/api/v1/practices/" + pid + "/effects");
    ASSERT_EQ(api.status, 200) << api.body;
    auto items = Json::parse(api.body)["items"];
    const Json* vol = nullptr;
    for (const auto& e : items)
        if (e["indicator"] == "vol_per_1000") vol = &e;
    ASSERT_NE(vol, nullptr) << api.body;
    // Demo adopters: ЯНАО 10.2 → 24.8, Омская 8.1 → 17.4, a third 14.0 → 26.5.
    EXPECT_EQ((*vol)["adopters"], 3);
    EXPECT_DOUBLE_EQ((*vol)["median_before"].get<double>(), 10.2);
    EXPECT_DOUBLE_EQ((*vol)["median_after"].get<double>(), 24.8);
    EXPECT_EQ((*vol)["improved"], 3);
    auto page = Get("/practices/" + pid);
    ASSERT_EQ(page.status, 200);
    auto at = page.body.find("id=\"effects\"");
    ASSERT_NE(at, std::string::npos);
    EXPECT_NE(page.body.find("3 / 3", at), std::string::npos);
    EXPECT_EQ(Get("/api/v1/practices/999999/effects").status, 404);
    EXPECT_EQ(Get("/api/v1/practices/abc/effects").status, 404);  // neither an id nor a key
}

TEST_F(WebTest, CuratorReviewsANewsArticleThroughThePage) {
    EXPECT_EQ(Get("/review").status, 401);
    std::string text =
        "Тюменская область перенимает опыт Ханты-Мансийского автономного округа — Югры в организации "
        "добровольческой деятельности. Губернатор Югры много лет работал в Тюменской области.";
    auto posted =
        Post("/review",
             "title=%D0%9D%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D1%8C&url=https%3A%2F%2Fexample.org%2Freview-page&text=" +
                 UrlEncode(text),
             true);
    ASSERT_EQ(posted.status, 303) << posted.body.substr(0, 400);
    auto page = Get("/review", "", true);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<mark>"), std::string::npos) << "the evidence is highlighted";
    EXPECT_NE(page.body.find("/accept"), std::string::npos);
    // An empty text comes back with the message next to the field.
    auto empty = Post("/review", "title=x&text=", true);
    EXPECT_EQ(empty.status, 422);
}

// The curator corrects what the extractor read before accepting, or merges a fact into a record that
// exists already; both from the page, through the App (the fact records the outcome).
TEST_F(WebTest, CuratorEditsOrMergesProposedFactsFromThePage) {
    std::string text =
        "Тюменская область перенимает опыт Ханты-Мансийского автономного округа — Югры в организации "
        "добровольческой деятельности. Губернатор Югры много лет работал в Тюменской области.";
    app::ArticleInput in;
    in.body = text;
    in.url = "https://example.org/review-edits";
    auto v = app_->articles().Submit(app::Actor::System(), in);
    ASSERT_TRUE(v.ok()) << v.error().message;
    const app::ProposedFact* adoption = nullptr;
    for (const auto& f : v->facts)
        if (f.kind == "adoption") adoption = &f;
    ASSERT_NE(adoption, nullptr);
    auto page = Get("/review", "", true);
    std::string fid = std::to_string(adoption->id);
    EXPECT_NE(page.body.find("/review/" + fid + "/merge"), std::string::npos);
    EXPECT_NE(page.body.find("name=\"adopter_region\""), std::string::npos);
    EXPECT_NE(page.body.find("name=\"stage_at\""), std::string::npos);

    // Merge without a number: the review page again, the message naming the field, nothing decided.
    auto no_target = Post("/review/" + fid + "/merge", "target_kind=adoption&target_id=", true);
    EXPECT_EQ(no_target.status, 422);
    EXPECT_NE(no_target.body.find("id=\"fact-" + fid + "\""), std::string::npos);
    EXPECT_NE(no_target.body.find("Укажите номер записи"), std::string::npos);
    // Merge into an existing adoption of the same practice: the fact becomes its evidence.
    auto existing = app::StoreAccess::Of(*app_).List({"adoption", {}, 0, 1, false});
    ASSERT_TRUE(existing.ok() && !existing->docs.empty());
    std::string target = std::to_string(existing->docs.front().id);
    auto merged = Post("/review/" + fid + "/merge", "target_kind=adoption&target_id=" + target, true);
    ASSERT_EQ(merged.status, 303) << merged.body.substr(0, 600);
    app::FactQuery q;
    q.article_id = v->article.meta.id;
    auto facts = app_->articles().ListFacts(app::Actor::System(), q);
    ASSERT_TRUE(facts.ok());
    bool done = false;
    for (const auto& item : facts->items)
        if (item.fact.id == adoption->id)
            done = item.fact.status == "merged" && item.fact.resolved_id == existing->docs.front().id;
    EXPECT_TRUE(done);
    // A decided fact cannot be decided again.
    EXPECT_EQ(Post("/review/" + fid + "/reject", "reason=x", true).status, 409);

    // Accept a career fact with the names corrected on the form: the person is created as corrected.
    app::ArticleInput career;
    career.body = "Игоря Коваленко назначили заместителем губернатора Тюменской области.";
    career.url = "https://example.org/review-career";
    auto c = app_->articles().Submit(app::Actor::System(), career);
    ASSERT_TRUE(c.ok()) << c.error().message;
    const app::ProposedFact* position = nullptr;
    for (const auto& f : c->facts)
        if (f.kind == "position") position = &f;
    ASSERT_NE(position, nullptr) << "no career fact proposed";
    std::string pid = std::to_string(position->id);
    EXPECT_NE(Get("/review", "", true).body.find("name=\"last_name\""), std::string::npos);
    auto accepted = Post("/review/" + pid + "/accept",
                         "last_name=" + UrlEncode("Коваленко") + "&first_name=" + UrlEncode("Игорь") +
                             "&title=" + UrlEncode("заместитель губернатора") + "&region=72",
                         true);
    ASSERT_EQ(accepted.status, 303) << accepted.body.substr(0, 600);
    EXPECT_NE(accepted.HeaderValue("location").find("done=" + pid), std::string::npos);
    auto persons = app::StoreAccess::Of(*app_).List({"person", {}, 0, 1000, false});
    ASSERT_TRUE(persons.ok());
    bool created = false;
    for (const auto& d : persons->docs) {
        auto j = Json::parse(d.body);
        created |= j.value("last_name", "") == "Коваленко" && j.value("first_name", "") == "Игорь";
    }
    EXPECT_TRUE(created) << "the corrected person was not created";
}

// Issue 13: curators register news feeds on /feeds; each feed's state is on its page.
TEST_F(WebTest, CuratorsRegisterFeedsAndSeeTheirState) {
    EXPECT_EQ(Get("/feeds").status, 401);
    auto bad = Post("/feeds", "url=ftp%3A%2F%2Fx&title=&region=&interval_minutes=60", true);
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("value=\"ftp://x\""), std::string::npos) << "typed input kept";
    auto ok = Post("/feeds",
                   "url=" + UrlEncode("http://127.0.0.1:9/feed.xml") + "&title=" + UrlEncode("Тюменская линия") +
                       "&region=72&interval_minutes=30",
                   true);
    ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 400);
    auto location = ok.HeaderValue("Location");
    ASSERT_EQ(location.rfind("/feeds/", 0), 0u) << location;
    auto page = Get(location.substr(0, location.find('?')), "", true);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Тюменская линия"), std::string::npos);
    EXPECT_NE(page.body.find("id=\"feed-state\""), std::string::npos);
    auto list = Get("/feeds", "", true);
    EXPECT_NE(list.body.find("Фактов предложено"), std::string::npos);
}

// A candidate that shares one word of the practice the article names is listed, not chosen: the curator picks it,
// another practice or a new one, and nothing is linked to the wrong passport by a click on «Принять».
TEST_F(WebTest, AWeakCandidateIsListedNotChosenForTheCurator) {
    app::ArticleInput in;
    in.body = "Тюменская область перенимает у Югры систему видеонаблюдения за школьными автобусами.";
    in.url = "https://example.org/review-weak-candidate";
    auto adoption = ProposedAdoption(in);
    ASSERT_TRUE(adoption.has_value());
    std::string form = AcceptFormOnReviewPage(adoption->id);
    ASSERT_FALSE(form.empty());
    auto fieldset = form.substr(0, form.find("</fieldset>"));
    EXPECT_NE(fieldset.find("name=\"practice_choice\""), std::string::npos) << "candidates are listed";
    EXPECT_EQ(fieldset.find(" checked"), std::string::npos) << "none is chosen for the curator";
}

// Issue 13: a refused decision keeps the form as typed, names each field in Russian and stays on the
// review page; the channel has no default; after the decision the page says what changed, with links.
TEST_F(WebTest, RefusedDecisionsKeepTheFormAndDecisionsSayWhatChanged) {
    app::ArticleInput in;
    in.body =
        "Тюменская область перенимает опыт Югры в организации добровольческой деятельности. Губернатор Югры "
        "много лет работал в Тюменской области.";
    in.url = "https://example.org/review-refused";
    in.published_at = "2024-03-15";
    auto adoption = ProposedAdoption(in);
    ASSERT_TRUE(adoption.has_value());
    std::string fid = std::to_string(adoption->id);
    // The channel select starts empty, the article's guess is a hint; the stage date is the article's.
    std::string form = AcceptFormOnReviewPage(adoption->id);
    ASSERT_FALSE(form.empty());
    EXPECT_NE(form.find("<option value=\"\">— выберите канал —</option>"), std::string::npos);
    EXPECT_EQ(form.find("value=\"personnel\" selected"), std::string::npos);
    EXPECT_NE(form.find("Статья подсказывает: Кадровый переход"), std::string::npos);
    EXPECT_NE(form.find("value=\"2024-03-15\""), std::string::npos);

    // Accept without a channel: 422, the review page, the field named, what was typed kept.
    auto practice = app::StoreAccess::Of(*app_).FindOne("practice", "key", "yugra-silver-volunteers");
    ASSERT_TRUE(practice.has_value());
    std::string body = "version=" + std::to_string(adoption->version) +
                       "&practice_choice=" + std::to_string(practice->id) + "&adopter_region=72&channel=&stage=pilot" +
                       "&stage_at=2024-03-14";
    auto refused = Post("/review/" + fid + "/accept", body, true);
    ASSERT_EQ(refused.status, 422) << refused.body.substr(0, 400);
    EXPECT_NE(refused.body.find("<h1>"), std::string::npos);
    EXPECT_NE(refused.body.find("<strong>Канал"), std::string::npos) << "the field is named";
    EXPECT_EQ(refused.body.find("Канал распространения:</span> <strong>"), std::string::npos) << "…once, not twice";
    EXPECT_EQ(refused.body.find(":</span> <strong>"), std::string::npos) << "no message is labelled twice";
    EXPECT_NE(refused.body.find("value=\"2024-03-14\""), std::string::npos) << "the typed date is kept";
    EXPECT_NE(refused.body.find("value=\"pilot\" selected"), std::string::npos) << "the typed stage is kept";
    EXPECT_NE(refused.body.find("value=\"" + std::to_string(practice->id) + "\" checked"), std::string::npos);
    EXPECT_EQ(app_->articles().GetFact(app::Actor::System(), adoption->id)->fact.status, "proposed");

    // With the channel: accepted; the page after the redirect says what was created, with a link.
    auto ok = Post("/review/" + fid + "/accept", body.replace(body.find("channel="), 8, "channel=personnel"), true);
    ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 400);
    auto after = Get("/review?done=" + fid, "", true);
    auto decided = app_->articles().GetFact(app::Actor::System(), adoption->id).value();
    ASSERT_EQ(decided.fact.status, "accepted");
    std::string link = "/adoptions/" + std::to_string(*decided.fact.resolved_id);
    EXPECT_NE(after.body.find("href=\"" + link + "\""), std::string::npos);
    EXPECT_NE(after.body.find("Тюменская область, Кадровый переход, Пилот"), std::string::npos);
    auto a = app_->Get<domain::Adoption>(app::Actor::System(), *decided.fact.resolved_id).value();
    EXPECT_EQ(a.stage_history.back().at, "2024-03-14");
    EXPECT_EQ(a.channel, domain::Channel::kPersonnel);
    // Deciding it again: said on the review page (409), not a bare error page.
    auto again = Post("/review/" + fid + "/reject", "reason=x", true);
    EXPECT_EQ(again.status, 409);
    EXPECT_NE(again.body.find("id=\"refused\""), std::string::npos);
}

// The review form keeps the source's town: «у кого» shows Чебоксары beside Чувашия, and a new draft practice
// accepted from the page has its origin there, not only in the region.
TEST_F(WebTest, TheAcceptFormKeepsTheSourceTownOnTheNewPractice) {
    app::ArticleInput in;
    in.body = "Власти Цивильска переняли у Чебоксар сетчатые контейнеры для сбора пластиковых бутылок.";
    in.url = "https://example.org/review-source-town";
    in.published_at = "2024-05-20";
    auto adoption = ProposedAdoption(in);
    ASSERT_TRUE(adoption.has_value());
    ASSERT_TRUE(adoption->fact["source"]["ref"].is_object());
    const auto town = adoption->fact["source"]["ref"]["id"].get<domain::Id>();
    std::string form = AcceptFormOnReviewPage(adoption->id);
    ASSERT_FALSE(form.empty());
    auto select = form.find("name=\"source_municipality_id\"");
    ASSERT_NE(select, std::string::npos) << "the source town has a field";
    auto chosen = form.find("value=\"" + std::to_string(town) + "\" selected", select);
    ASSERT_NE(chosen, std::string::npos) << "Чебоксары is chosen in advance";
    EXPECT_NE(form.find("Чебоксары", chosen), std::string::npos);
    // the new practice's title is offered as a catalogue title, with a capital letter
    auto title_at = form.find("name=\"new_practice_title\"");
    ASSERT_NE(title_at, std::string::npos);
    auto value_at = form.find("value=\"", title_at);
    ASSERT_NE(value_at, std::string::npos);
    const std::string offered = form.substr(value_at + 7, form.find('"', value_at + 7) - value_at - 7);
    ASSERT_FALSE(offered.empty());
    EXPECT_EQ(offered, text::UpperFirst(offered));
    EXPECT_NE(offered, text::Fold(offered)) << offered;

    std::string fid = std::to_string(adoption->id);
    std::string body = "version=" + std::to_string(adoption->version) +
                       "&practice_choice=new&new_practice_title=" + UrlEncode("Сетки для бутылок") +
                       "&new_practice_domain=ecology&adopter_region=21&source_region=21&source_municipality_id=" +
                       std::to_string(town) + "&channel=direct_contact&stage=implemented";
    auto ok = Post("/review/" + fid + "/accept", body, true);
    ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 600);
    auto decided = app_->articles().GetFact(app::Actor::System(), adoption->id).value();
    ASSERT_EQ(decided.fact.status, "accepted");
    auto a = app_->Get<domain::Adoption>(app::Actor::System(), *decided.fact.resolved_id).value();
    auto p = app_->Get<domain::Practice>(app::Actor::System(), a.practice_id).value();
    EXPECT_EQ(p.origin.region, "21");
    EXPECT_EQ(p.origin.municipality_id.value_or(0), town);
    EXPECT_TRUE(a.adopter.municipality_id.has_value()) << "Цивильск stays the adopter";
}

// Issue 17, pages: inferred facts are drawn apart from recorded ones and always labelled as inferred.
TEST_F(WebTest, NetworkPageShowsInferredEdgesApartAndLabelled) {
    auto r = Get("/network");
    ASSERT_EQ(r.status, 200);
    // Recorded edges keep their own table and legend.
    EXPECT_TRUE(Has(r, "id=\"edges\""));
    EXPECT_TRUE(Has(r, "sw e-personnel"));
    // The graph also reads the inferred edges (drawn dashed), with their own legend entry.
    EXPECT_TRUE(Has(r, "data-inferred=\"/api/v1/network/inferred?edges=200\""));
    EXPECT_TRUE(Has(r, "<span class=\"sw e-inferred\"></span>выведенная связь (пунктир)"));
    // A separate table «Выведенные связи», labelled.
    auto at = r.body.find("id=\"inferred-edges\"");
    ASSERT_NE(at, std::string::npos);
    std::string section = r.body.substr(at, r.body.find("</section>", at) - at);
    EXPECT_NE(section.find("Выведенные связи"), std::string::npos);
    EXPECT_NE(section.find("<span class=\"badge inferred\">выведено по данным, не подтверждено</span>"),
              std::string::npos);
    if (section.find("id=\"inferred\"") != std::string::npos) {
        EXPECT_NE(section.find("Прирост правдоподобия"), std::string::npos);
        EXPECT_NE(section.find("p-значение"), std::string::npos);
        // Every row carries the label.
        std::size_t rows = 0, labelled = 0;
        for (auto p = section.find("<tr class=\"inferred\">"); p != std::string::npos;
             p = section.find("<tr class=\"inferred\">", p + 1)) {
            ++rows;
            auto end = section.find("</tr>", p);
            labelled += section.substr(p, end - p).find("badge inferred") != std::string::npos;
        }
        EXPECT_GT(rows, 0u);
        EXPECT_EQ(rows, labelled);
    } else {
        EXPECT_NE(section.find("Выведенных связей пока нет."), std::string::npos);
    }
    auto en = Get("/network?lang=en");
    EXPECT_TRUE(Has(en, "Inferred links"));
    EXPECT_TRUE(Has(en, "inferred from the data, not confirmed"));
    EXPECT_FALSE(Has(en, "⟦"));
}

TEST_F(WebTest, PracticePageShowsSeedingToCuratorsOnly) {
    domain::Id pid = PracticeId("yugra-municipal-volunteer-hubs");
    ASSERT_NE(pid, 0);
    auto staff = Get("/practices/" + std::to_string(pid), "", true);
    ASSERT_EQ(staff.status, 200);
    EXPECT_TRUE(Has(staff, "id=\"seeding\""));
    EXPECT_TRUE(Has(staff, "С кем начать"));
    EXPECT_TRUE(Has(staff, "<span class=\"badge inferred\">выведено по данным, не подтверждено</span>"));
    EXPECT_FALSE(Has(staff, "⟦"));
    auto anon = Get("/practices/" + std::to_string(pid));
    ASSERT_EQ(anon.status, 200);
    EXPECT_FALSE(Has(anon, "id=\"seeding\""));
}

// Adds records to the shared store: keep it last in the file.
TEST_F(WebTest, AdoptionWithoutSourceShowsLikelySourcesLabelledAndEscaped) {
    const auto sys = app::Actor::System();
    domain::Id pid = PracticeId("yugra-municipal-volunteer-hubs");
    ASSERT_NE(pid, 0);
    auto practice = app_->Get<domain::Practice>(sys, pid);
    ASSERT_TRUE(practice.ok());
    const std::string origin = practice->origin.region;
    const std::string adopter = origin == "03" ? "04" : "03";
    // An official moved from the origin region to the adopter region before the adoption; the name and
    // title carry markup, which must come out escaped in the reasons.
    domain::Person person;
    person.last_name = "Соколов<b>";
    person.first_name = "Андрей";
    auto pr = app_->Create(sys, person);
    ASSERT_TRUE(pr.ok()) << pr.error().message;
    domain::Position before;
    before.person_id = pr->meta.id;
    before.title = "советник";
    before.region = origin;
    before.from = "2015-01-01";
    before.to = "2020-05-31";
    ASSERT_TRUE(app_->Create(sys, before).ok());
    domain::Position after;
    after.person_id = pr->meta.id;
    after.title = "директор <i>департамента</i>";
    after.region = adopter;
    after.from = "2020-06-01";
    ASSERT_TRUE(app_->Create(sys, after).ok());
    domain::Adoption a;
    a.practice_id = pid;
    a.adopter.region = adopter;
    a.channel = domain::Channel::kOther;  // «другое», no source adoption: unexplained
    a.stage_history = {{domain::AdoptionStage::kInterest, "2024-02-01", ""}};
    auto ar = app_->Create(sys, a);
    ASSERT_TRUE(ar.ok()) << ar.error().message;
    auto snap = app_->BuildAnalyticsSnapshot();
    ASSERT_TRUE(snap.ok());
    app_->analytics().Set(*snap);

    auto r = Get("/adoptions/" + std::to_string(ar->meta.id));
    ASSERT_EQ(r.status, 200);
    auto at = r.body.find("id=\"likely-sources\"");
    ASSERT_NE(at, std::string::npos);
    std::string section = r.body.substr(at, r.body.find("</section>", at) - at);
    EXPECT_NE(section.find("Вероятные источники"), std::string::npos);
    EXPECT_NE(section.find("<ol class=\"likely\">"), std::string::npos);
    // Each candidate is labelled as inferred (plus the heading).
    std::size_t items = 0, badges = 0;
    for (auto p = section.find("<p class=\"title\">"); p != std::string::npos;
         p = section.find("<p class=\"title\">", p + 1))
        ++items;
    for (auto p = section.find("выведено по данным, не подтверждено"); p != std::string::npos;
         p = section.find("выведено по данным, не подтверждено", p + 1))
        ++badges;
    EXPECT_GE(items, 1u);
    EXPECT_LE(items, 3u);
    EXPECT_EQ(badges, items + 1);
    // Russian reasons, stored text escaped.
    EXPECT_NE(section.find("кадровая связь: "), std::string::npos) << section;
    EXPECT_NE(section.find("Соколов&lt;b&gt;"), std::string::npos) << section;
    EXPECT_NE(section.find("директор &lt;i&gt;департамента&lt;/i&gt;"), std::string::npos) << section;
    EXPECT_EQ(section.find("<b>"), std::string::npos);
    EXPECT_EQ(section.find("<i>"), std::string::npos);
    EXPECT_FALSE(Has(r, "⟦"));

    // An adoption with a recorded source has no such section.
    auto recorded = Get("/adoptions/" + std::to_string(AnyAdoptionOf(pid)));
    ASSERT_EQ(recorded.status, 200);
    EXPECT_FALSE(Has(recorded, "id=\"likely-sources\""));
    // English: labels translated, reasons noted as Russian only.
    auto en = Get("/adoptions/" + std::to_string(ar->meta.id) + "?lang=en");
    EXPECT_TRUE(Has(en, "Likely sources"));
    EXPECT_TRUE(Has(en, "inferred from the data, not confirmed"));
}

}  // namespace
}  // namespace orientir::web
