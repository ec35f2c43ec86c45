// Issue 14: every write path holds a record to the same domain rules, and a stored record that breaks
// today's rules never takes a page or an API call down. The paths: App use cases, the JSON API, the web
// forms, JSON and CSV import, restore from an export, and the review decisions on extracted facts.
#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>
#include <map>
#include <sstream>

#include "app/articles.hpp"
#include "app/check.hpp"
#include "app/entities.hpp"
#include "app/importer.hpp"
#include "app/store_access.hpp"
#include "common/log.hpp"
#include "common/strings.hpp"
#include "domain/fields.hpp"
#include "http/api/auth_api.hpp"
#include "http/csrf.hpp"
#include "http/service.hpp"
#include "http/test_env.hpp"
#include "web/html.hpp"
#include "web/pages.hpp"

namespace orientir::web {
namespace {

namespace fs = std::filesystem;

std::string Repeat(const std::string& s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

class WritePathsTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        log::SetLevel(log::Level::kError);
        env_ = std::make_unique<http::testing::TestEnv>(
            "write-paths-test", http::testing::TestEnvOptions{.demo = true, .analytics = true, .defer_service = true});
        app_ = env_->app.get();
        ASSERT_TRUE(app_->StartSearch(false).ok());
        ASSERT_TRUE(app_->search()->CatchUp().ok());
        env_->StartService();
        service_ = env_->service.get();
        RegisterPages(*service_);
        service_->SetActorResolver([](const http::Request& r) {
            return r.Header("x-test-actor") == "system" ? app::Actor::System() : app::Actor::Anonymous();
        });
    }
    static void TearDownTestSuite() { env_.reset(); }

    static http::Response Send(const std::string& method, const std::string& target, const std::string& body = "",
                               const std::string& content_type = "application/json", bool staff = true,
                               const std::string& if_match = "") {
        http::Request r;
        r.method = method;
        r.target = target;
        auto q = target.find('?');
        r.path = UrlDecode(q == std::string::npos ? target : target.substr(0, q));  // as the server does
        if (!if_match.empty()) r.headers["if-match"] = if_match;
        if (q != std::string::npos) r.query = http::ParseQueryString(target.substr(q + 1));
        r.body = body;
        if (!body.empty()) r.headers["content-type"] = content_type;
        if (staff) r.headers["x-test-actor"] = "system";
        return service_->Handle(r);
    }
    static http::Response PostForm(const std::string& path, const std::string& body) {
        http::Request r;
        r.method = "POST";
        r.target = r.path = path;
        r.headers["cookie"] = std::string("orientir_csrf=") + kToken;
        // The form token is bound to the session (none here: the test actor is a header).
        r.body = body + "&_csrf=" + http::CsrfTokenFor(kToken, r.Cookie(http::kSessionCookie).value_or(""));
        r.headers["content-type"] = "application/x-www-form-urlencoded";
        r.headers["x-test-actor"] = "system";
        return service_->Handle(r);
    }
    static std::int64_t Count(const std::string& kind) { return app_->CountRecords(kind).value(); }
    static domain::Id IdOfKey(const std::string& kind, const std::string& key) {
        auto d = app::StoreAccess::Of(*app_).FindOne(kind, "key", key);
        return d ? d->id : 0;
    }
    static domain::Id AnyId(const std::string& kind) {
        auto p = app::StoreAccess::Of(*app_).List({kind, {}, 0, 1, false});
        return p.ok() && !p->docs.empty() ? p->docs.front().id : 0;
    }

    static constexpr const char* kToken = "testtokentesttokentest";
    static inline std::unique_ptr<http::testing::TestEnv> env_;
    static inline app::App* app_ = nullptr;
    static inline http::Service* service_ = nullptr;
};

// One entity's over-long field, as a JSON record in the API (and import) format; "@" stands for the value.
struct Case {
    std::string kind;    // store kind
    std::string plural;  // API collection
    std::string import_kind;
    std::string json;
    std::string field;
    std::size_t limit;
};

std::vector<Case> Cases(domain::Id practice, domain::Id person) {
    std::string p = std::to_string(practice), pe = std::to_string(person);
    return {
        {"organisation", "organisations", "organisations", R"({"name":"@","kind":"ngo","region":"72"})", "name", 500},
        {"person", "persons", "persons", R"({"last_name":"@"})", "last_name", 200},
        {"position", "positions", "positions", R"({"person_id":)" + pe + R"(,"title":"@"})", "title", 500},
        {"practice", "practices", "practices",
         R"({"title":"@","summary":"s","domains":["volunteering"],"origin":{"region":"72"}})", "title", 500},
        {"practice", "practices", "practices",
         R"({"title":"t","summary":"@","domains":["volunteering"],"origin":{"region":"72"}})", "summary", 5000},
        {"adoption", "adoptions", "adoptions",
         R"({"practice_id":)" + p + R"(,"adopter":{"region":"45"},"channel":"other","adaptation_notes":"@"})",
         "adaptation_notes", 20000},
        {"indicator", "indicators", "indicators",
         R"({"code":"x_test","name":"@","domain":"volunteering","direction":"higher_better"})", "name", 500},
        {"indicator_value", "indicator-values", "indicator_values",
         R"({"indicator":"x_missing","region":"72","year":2020,"value":1,"source":"@"})", "source", 1000},
        {"adoption_request", "adoption-requests", "adoption_requests",
         R"({"practice_id":)" + p + R"(,"from":{"region":"45"},"contact_name":"К","message":"@"})", "message", 10000},
        {"municipality", "municipalities", "municipalities", R"({"region":"72","name":"@"})", "name", 300},
    };
}

// The value just over the limit, in two-byte Cyrillic letters (a limit is in bytes, not letters).
std::string OverLimit(std::size_t limit) { return Repeat("Я", limit / 2 + 1); }

std::string Fill(const std::string& json, const std::string& value) {
    std::string out = json;
    out.replace(out.find('@'), 1, value);
    return out;
}

void ExpectRefusal(const Error& e, const std::string& field, const std::string& where) {
    EXPECT_EQ(e.code, ErrorCode::kInvalidArgument) << where << ": " << e.message;
    EXPECT_EQ(e.field, field) << where << ": " << e.message;
    EXPECT_EQ(e.rule, "too_long") << where << ": " << e.message;
}

TEST_F(WritePathsTest, EveryEntityLimitIsRefusedAlikeByTheDomainTheApiImportAndRestore) {
    domain::Id practice = IdOfKey("practice", "yugra-municipal-volunteer-hubs");
    domain::Id person = AnyId("person");
    ASSERT_NE(practice, 0);
    ASSERT_NE(person, 0);
    for (const auto& c : Cases(practice, person)) {
        SCOPED_TRACE(c.kind + "." + c.field);
        std::int64_t before = Count(c.kind);
        // At the limit the field rule holds (other rules, e.g. an unknown indicator, may still refuse).
        std::string at_limit = Repeat("я", c.limit / 2) + (c.limit % 2 ? "a" : "");
        ASSERT_EQ(at_limit.size(), c.limit);
        std::string over = OverLimit(c.limit);
        ASSERT_GT(over.size(), c.limit);
        ASSERT_LT(over.size() / 2, c.limit);  // fewer letters than the limit: only bytes break it
        std::string body = Fill(c.json, over);

        // API
        auto api = Send("POST", "/api/v1/" + c.plural, body);
        EXPECT_EQ(api.status, 400) << api.body;
        auto problem = ParseJson(api.body);
        ASSERT_TRUE(problem.ok());
        EXPECT_EQ((*problem).value("field", ""), c.field);
        EXPECT_EQ((*problem).value("rule", ""), "too_long");

        // JSON import (one record in a file)
        auto imp = app::ImportText(*app_, app::Actor::System(), c.import_kind, "[" + body + "]", false);
        ASSERT_FALSE(imp.ok());
        ExpectRefusal(imp.error(), c.field, "import");

        // Restore of an export line
        std::istringstream line(R"({"kind":")" + c.kind + R"(","id":999999,"version":1,"body":)" + body + "}");
        auto restored = app::ImportExport(*app_, line);
        ASSERT_FALSE(restored.ok());
        ExpectRefusal(restored.error(), c.field, "restore");

        // The field rule itself, where the record is built without JSON
        std::vector<FieldIssue> issues = app::FieldIssuesOfBody(c.kind, ParseJson(body)->dump());
        ASSERT_FALSE(issues.empty());
        EXPECT_EQ(issues.front().field, c.field);
        EXPECT_EQ(issues.front().rule, "too_long");
        auto at = app::FieldIssuesOfBody(c.kind, ParseJson(Fill(c.json, at_limit))->dump());
        EXPECT_TRUE(at.empty()) << (at.empty() ? "" : at.front().message);

        EXPECT_EQ(Count(c.kind), before) << "nothing is half-written";
    }
}

TEST_F(WritePathsTest, WebFormsRefuseWhatTheApiRefuses) {
    // The reported bug: ~250 Cyrillic letters (> 500 bytes) and a 20 KB+ description were accepted by the form.
    std::int64_t practices = Count("practice");
    std::string title = Repeat("Ж", 251);
    auto r = PostForm("/practices/new", "title=" + UrlEncode(title) + "&summary=" + UrlEncode(Repeat("б", 11000)) +
                                            "&domains=volunteering&origin.region=72&state=draft");
    EXPECT_EQ(r.status, 422) << r.body.substr(0, 400);
    EXPECT_NE(r.body.find("Слишком длинный текст"), std::string::npos);
    EXPECT_EQ(Count("practice"), practices);

    std::int64_t orgs = Count("organisation");
    auto o = PostForm("/organisations/new", "name=" + UrlEncode(Repeat("Ж", 251)) + "&kind=ngo&region=72");
    EXPECT_EQ(o.status, 422) << o.body.substr(0, 400);
    EXPECT_NE(o.body.find("Слишком длинный текст"), std::string::npos);
    EXPECT_EQ(Count("organisation"), orgs);

    std::int64_t persons = Count("person");
    auto pe = PostForm("/persons/new", "last_name=" + UrlEncode(Repeat("Ж", 101)));
    EXPECT_EQ(pe.status, 422) << pe.body.substr(0, 400);
    EXPECT_EQ(Count("person"), persons);
}

TEST_F(WritePathsTest, CsvImportRefusesAnOverlongMunicipalityNameWithTheSameFieldAndRule) {
    auto r = app::ImportText(*app_, app::Actor::System(), "municipalities",
                             "region;name;kind\n72;" + Repeat("Ж", 151) + ";город\n", true);
    ASSERT_FALSE(r.ok());
    ExpectRefusal(r.error(), "name", "csv");
}

TEST_F(WritePathsTest, ReviewDecisionRefusesAnOverlongPositionTitle) {
    app::ArticleInput in;
    in.body = "Об этом рассказала директор департамента молодёжной политики Тюменской области Ольга Сергеева.\n";
    in.url = "https://example.ru/news/limits";
    in.published_at = "2024-03-15";
    auto v = app_->articles().Submit(app::Actor::System(), in);
    ASSERT_TRUE(v.ok()) << v.error().message;
    const app::ProposedFact* fact = nullptr;
    for (const auto& f : v->facts)
        if (f.kind == "position") fact = &f;
    ASSERT_NE(fact, nullptr);
    std::int64_t positions = Count("position");
    app::FactEdits e;
    e.title = Repeat("Ж", 251);
    auto r = app_->articles().Accept(app::Actor::System(), fact->id, e);
    ASSERT_FALSE(r.ok());
    ExpectRefusal(r.error(), "title", "review");
    EXPECT_EQ(Count("position"), positions);
}

// A practice stored by an older version with a title and summary over today's limits (the reported case).
domain::Id StoreLegacyPractice(app::App& app) {
    domain::Practice p;
    p.title = Repeat("Ц", 260);
    p.summary = Repeat("ы", 10500);
    p.domains = {"volunteering"};
    p.origin.region = "72";
    p.state = domain::ModerationState::kOnReview;
    domain::Id id = 0;
    auto st = app::StoreAccess::Of(app).Write([&](storage::WriteTx& tx) -> Status {
        ORIENTIR_ASSIGN(auto doc, tx.Insert("practice", app::ToBody(p), app::Entity<domain::Practice>::Index(p)));
        id = doc.id;
        return Status::Ok();
    });
    EXPECT_TRUE(st.ok());
    return id;
}

TEST_F(WritePathsTest, AStoredRecordBreakingTodaysRulesIsListedShownWithANoticeAndRepairable) {
    domain::Id id = StoreLegacyPractice(*app_);
    ASSERT_NE(id, 0);
    std::string sid = std::to_string(id);
    for (const std::string& target :
         {std::string("/"), std::string("/regions/72"), std::string("/moderation"), std::string("/practices?region=72"),
          std::string("/api/v1/practices"), std::string("/api/v1/practices?region=72&limit=200"), "/practices/" + sid,
          "/api/v1/practices/" + sid, "/practices/" + sid + "/edit"}) {
        auto r = Send("GET", target);
        EXPECT_EQ(r.status, 200) << target << ": " << r.body.substr(0, 300);
    }
    auto list = Send("GET", "/api/v1/practices?region=72&limit=200");
    EXPECT_NE(list.body.find(Repeat("Ц", 260)), std::string::npos) << "the record is listed";
    auto page = Send("GET", "/practices/" + sid);
    EXPECT_NE(page.body.find("Запись не соответствует текущим правилам"), std::string::npos);
    EXPECT_NE(page.body.find("<code>title</code>"), std::string::npos);

    // `orientir check` lists it; --fix trims what is over the limit at a character boundary.
    auto check = app::CheckRecords(*app_, false);
    ASSERT_TRUE(check.ok());
    bool listed = false;
    for (const auto& p : check->problems)
        if (p.kind == "practice" && p.id == id) listed = true;
    EXPECT_TRUE(listed);
    auto fixed = app::CheckRecords(*app_, true);
    ASSERT_TRUE(fixed.ok());
    EXPECT_GE(fixed->repaired, 1);
    auto after = app_->Get<domain::Practice>(app::Actor::System(), id);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->title, Repeat("Ц", 250));
    EXPECT_TRUE(domain::CheckFields(*after).empty());
    auto again = app::CheckRecords(*app_, false);
    ASSERT_TRUE(again.ok());
    for (const auto& p : again->problems) EXPECT_FALSE(p.kind == "practice" && p.id == id);
}

TEST_F(WritePathsTest, AStoredRecordBreakingTodaysRulesCanBeArchivedAndDeleted) {
    domain::Id id = StoreLegacyPractice(*app_);
    std::string sid = std::to_string(id);
    auto back = app_->Moderate(app::Actor::System(), id, domain::ModerationState::kPublished, "", std::nullopt);
    ASSERT_TRUE(back.ok()) << back.error().message;
    auto archived = app_->Moderate(app::Actor::System(), id, domain::ModerationState::kArchived, "", std::nullopt);
    ASSERT_TRUE(archived.ok()) << archived.error().message;
    std::string etag = Send("GET", "/api/v1/practices/" + sid).HeaderValue("ETag");
    auto del = Send("DELETE", "/api/v1/practices/" + sid, "", "application/json", true, etag);
    EXPECT_EQ(del.status, 204) << del.body;
    EXPECT_EQ(Send("GET", "/api/v1/practices/" + sid).status, 404);
}

TEST_F(WritePathsTest, AStoredDocumentThatDoesNotDecodeIsStillReadAndListedByCheck) {
    domain::Id id = 0;
    auto st = app::StoreAccess::Of(*app_).Write([&](storage::WriteTx& tx) -> Status {
        ORIENTIR_ASSIGN(
            auto doc,
            tx.Insert("organisation", R"({"name":"Старая запись","kind":"ngo","region":"72","aliases":"не список"})",
                      {{"region", "72", false}}));
        id = doc.id;
        return Status::Ok();
    });
    ASSERT_TRUE(st.ok());
    auto r = Send("GET", "/organisations/" + std::to_string(id));
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("Старая запись"), std::string::npos);
    EXPECT_EQ(Send("GET", "/api/v1/organisations?region=72&limit=200").status, 200);
    auto check = app::CheckRecords(*app_, false);
    ASSERT_TRUE(check.ok());
    bool listed = false;
    for (const auto& p : check->problems)
        if (p.kind == "organisation" && p.id == id && p.issues.front().field == "aliases") listed = true;
    EXPECT_TRUE(listed);
}

TEST_F(WritePathsTest, ABrowserGetsAnHtmlErrorPageWithTheRequestIdNeverRawJson) {
    // A form post without the CSRF token is refused; a page request gets HTML, an API request problem+json.
    http::Request r;
    r.method = "POST";
    r.target = r.path = "/practices/new";
    r.body = "title=x";
    r.headers["content-type"] = "application/x-www-form-urlencoded";
    r.headers["x-request-id"] = "req-42";
    auto resp = service_->Handle(r);
    EXPECT_EQ(resp.status, 403);
    EXPECT_NE(resp.content_type.find("text/html"), std::string::npos);
    EXPECT_NE(resp.body.find("req-42"), std::string::npos);
    auto api = Send("GET", "/api/v1/practices/abc");
    EXPECT_NE(api.content_type.find("problem+json"), std::string::npos);
}

// Issue 14: /api/v1/regions/RU-TYU answered, /api/v1/regions/RU-TYU/benchmark did not. Every route
// with a region in its path takes every key of the region and answers as it does for the number.
TEST_F(WritePathsTest, EveryRegionRouteAcceptsEveryKeyOfTheRegion) {
    auto tyumen = app_->FindRegion("72");
    ASSERT_TRUE(tyumen.ok());
    ASSERT_TRUE(tyumen->iso && tyumen->okato && tyumen->oktmo);
    std::vector<std::string> keys = {*tyumen->iso,   "ru-tyu",     *tyumen->okato,
                                     *tyumen->oktmo, tyumen->name, "тюменская область"};
    int routes = 0;
    for (const auto& route : service_->router().routes()) {
        if (route.method != "GET" || route.pattern.find("/regions/{code}") == std::string::npos) continue;
        std::string rest = route.pattern.substr(route.pattern.find("{code}") + 6);
        if (rest.find('{') != std::string::npos) continue;
        ++routes;
        std::string prefix = route.pattern.substr(0, route.pattern.find("{code}"));
        auto by_number = Send("GET", prefix + "72" + rest);
        EXPECT_NE(by_number.status, 404) << route.pattern;  // (a benchmark without ?domain= answers 400)
        for (const auto& key : keys) {
            auto r = Send("GET", prefix + UrlEncode(key) + rest);
            EXPECT_EQ(r.status, by_number.status) << route.pattern << " with " << key << ": " << r.body.substr(0, 200);
        }
        EXPECT_EQ(Send("GET", prefix + "RU-ZZZ" + rest).status, 404) << route.pattern;
    }
    EXPECT_GE(routes, 5) << "regions/{code}, its benchmark, lacking, recommendations and the region page";
    // Filters take the same keys.
    auto by_iso = Send("GET", "/api/v1/practices?region=RU-TYU&limit=200");
    auto by_number = Send("GET", "/api/v1/practices?region=72&limit=200");
    EXPECT_EQ(by_iso.status, 200);
    EXPECT_EQ(by_iso.body, by_number.body);
}

TEST_F(WritePathsTest, EveryRecordRouteAcceptsTheIdOrTheKey) {
    std::map<std::string, std::pair<std::string, std::string>> keys;  // collection → (id, key)
    for (const auto& [collection, kind] : std::vector<std::pair<std::string, std::string>>{
             {"practices", "practice"}, {"organisations", "organisation"}, {"persons", "person"}}) {
        auto page = app::StoreAccess::Of(*app_).List({kind, {}, 0, 200, false});
        ASSERT_TRUE(page.ok());
        for (const auto& d : page->docs) {
            auto j = ParseJson(d.body);
            if (j.ok() && j->contains("key") && (*j)["key"].is_string()) {
                keys[collection] = {std::to_string(d.id), (*j)["key"].get<std::string>()};
                break;
            }
        }
        ASSERT_TRUE(keys.count(collection)) << kind;
    }
    int routes = 0;
    for (const auto& route : service_->router().routes()) {
        if (route.method != "GET") continue;
        for (const auto& [collection, id_key] : keys) {
            std::string param = "/" + collection + "/{id}";
            auto at = route.pattern.find(param);
            if (at == std::string::npos) continue;
            std::string prefix = route.pattern.substr(0, at + param.size() - 4);
            std::string rest = route.pattern.substr(at + param.size());
            if (rest.find('{') != std::string::npos) continue;
            ++routes;
            auto by_id = Send("GET", prefix + id_key.first + rest);
            auto by_key = Send("GET", prefix + id_key.second + rest);
            EXPECT_EQ(by_key.status, by_id.status) << route.pattern << " with " << id_key.second;
            EXPECT_EQ(Send("GET", prefix + "no-such-key" + rest).status, 404) << route.pattern;
        }
    }
    EXPECT_GE(routes, 8);
    auto org = keys["organisations"];
    auto by_key = Send("GET", "/api/v1/practices?organisation=" + org.second + "&limit=200");
    auto by_id = Send("GET", "/api/v1/practices?organisation=" + org.first + "&limit=200");
    EXPECT_EQ(by_key.status, 200);
    EXPECT_EQ(by_key.body, by_id.body);
}

// The search page is built with Html: the query, notices and titles are escaped, the snippet keeps the
// search module's <mark> (its text escaped there).
TEST_F(WritePathsTest, SearchPageEscapesTheQueryAndKeepsTheMarksOfSnippets) {
    auto bad = Send("GET", "/search?q=" + UrlEncode("<script>x</script> волонтёры"));
    EXPECT_EQ(bad.status, 200);
    EXPECT_EQ(bad.body.find("<script>x"), std::string::npos);
    EXPECT_NE(bad.body.find("&lt;script&gt;x&lt;/script&gt;"), std::string::npos);
    auto hits = Send("GET", "/search?q=" + UrlEncode("добровольческой деятельности"));
    EXPECT_EQ(hits.status, 200);
    EXPECT_NE(hits.body.find("<mark>"), std::string::npos);
    EXPECT_NE(hits.body.find("<ol class=\"hits\"><li>"), std::string::npos);
    EXPECT_NE(hits.body.find("<fieldset><legend>"), std::string::npos);
}

// The kind rules beside the index (app/entities.cpp): records that point here block a delete; district
// and date filters exist where the rules say.
TEST_F(WritePathsTest, KindRulesBlockDeletesOfReferencedRecordsAndDeclareTheFilters) {
    domain::Id practice = IdOfKey("practice", "yugra-municipal-volunteer-hubs");
    auto del = app_->Delete<domain::Practice>(app::Actor::System(), practice, std::nullopt);
    ASSERT_FALSE(del.ok());
    EXPECT_EQ(del.error().rule, "referenced");
    domain::Id org = IdOfKey("organisation", "yugra-youth-dept");
    auto del_org = app_->Delete<domain::Organisation>(app::Actor::System(), org, std::nullopt);
    ASSERT_FALSE(del_org.ok());
    EXPECT_EQ(del_org.error().rule, "referenced");
    auto ural = Send("GET", "/api/v1/practices?district=ural&from=2000-01-01&limit=200");
    EXPECT_EQ(ural.status, 200) << ural.body.substr(0, 200);
    EXPECT_GT(ParseJson(ural.body)->value("total", 0), 0);
    EXPECT_EQ(Send("GET", "/api/v1/persons?district=ural").status, 400);
    EXPECT_EQ(Send("GET", "/api/v1/organisations?from=2000-01-01").status, 400);
}

TEST(Html, EscapesEveryStringAndTrustsOnlyLiteralsAndHelpers) {
    std::string title = "<script>alert(1)</script> & «Ёлка»";
    std::string_view view = title;
    const char* pointer = "<b>";
    Html h;
    h << "<h1>" << title << "</h1>" << view << pointer << 42;
    EXPECT_EQ(h.str(),
              "<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; «Ёлка»</h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; "
              "«Ёлка»&lt;b&gt;42");
    Html link = Link("/practices?q=\"x\"", title);
    EXPECT_EQ(link.str(),
              "<a href=\"/practices?q=&quot;x&quot;\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; «Ёлка»</a>");
    EXPECT_EQ(Element("p", "lead", Text("a<b")).str(), "<p class=\"lead\">a&lt;b</p>");
    EXPECT_EQ((Html() << Html::Trusted("<svg/>", "test")).str(), "<svg/>");
}

}  // namespace
}  // namespace orientir::web
