// Issue 14: a browser never gets raw JSON for an error. Every route of the router table is called with bad
// path parameters (an unknown id, a malformed one, a negative one, Cyrillic, an unknown region key), as a
// browser (Accept: text/html…) and as API clients (Accept: application/json, */*), anonymous and signed in
// as an administrator: never a 5xx; a browser gets an HTML page with the request id of the X-Request-Id
// header, a link home and the same status; an API client on an API route gets problem+json. One place does
// it (the response filter of RegisterPages over http::WantsHtmlError), so the walk covers every route.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <set>
#include <stdexcept>

#include "common/log.hpp"
#include "common/strings.hpp"
#include "http/api/language.hpp"
#include "http/csrf.hpp"
#include "http/test_env.hpp"
#include "web/pages.hpp"

namespace orientir::web {
namespace {

constexpr const char* kBrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
constexpr const char* kToken = "errorpagestokenerrorpages";

class ErrorPagesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        log::SetLevel(log::Level::kError);
        env_ = std::make_unique<http::testing::TestEnv>(
            "error-pages-test",
            http::testing::TestEnvOptions{.demo = true, .analytics = true, .search = true, .defer_service = true});
        env_->StartService();
        RegisterPages(*env_->service);
        // A page and an API route whose handlers throw, for the answer to an exception.
        auto boom = [](http::Request&) -> http::Response { throw std::runtime_error("test: the handler failed"); };
        env_->service->router().Add("GET", "/test-throws", boom);
        env_->service->router().Add("GET", "/api/v1/test-throws", boom);
        env_->SignIn("admin", "admin");
    }
    static void TearDownTestSuite() { env_.reset(); }

    // A request as `who` ("anonymous" or "admin"); a browser's form posts carry the CSRF token.
    static http::Response Send(const std::string& who, const std::string& method, const std::string& path,
                               const std::string& accept, const std::string& id,
                               std::map<std::string, std::string> headers = {}) {
        headers["accept"] = accept;
        headers["x-request-id"] = id;
        std::string body;
        std::string session = who == "anonymous" ? "" : env_->cookies.at(who);
        if (method != "GET" && accept == kBrowserAccept) {
            headers["content-type"] = "application/x-www-form-urlencoded";
            headers["cookie"] = std::string(http::kCsrfCookie) + "=" + kToken;
            body = "_csrf=" + http::CsrfTokenFor(kToken, session);
        } else if (method != "GET") {
            body = "{}";
        }
        if (who == "anonymous") return env_->Call("anonymous", method, path, body, headers);
        // Call adds the session cookie; keep the CSRF cookie beside it.
        auto r = http::testing::MakeRequest(method, path, body, headers);
        r.remote_addr = "127.0.0.1";
        r.headers["cookie"] =
            (headers.count("cookie") ? headers["cookie"] + "; " : std::string()) + http::kSessionCookie + "=" + session;
        return env_->service->Handle(r);
    }

    static inline std::unique_ptr<http::testing::TestEnv> env_;
};

// The path of a route with every parameter set to `value` ({code} of regions gets `region_value`).
std::string Fill(const http::Route& route, const std::string& value, const std::string& region_value) {
    std::string path;
    for (const auto& seg : route.segments) {
        path += "/";
        if (seg.empty() || seg.front() != '{')
            path += seg;
        else
            path += path.ends_with("/regions/") ? region_value : value;
    }
    return path.empty() ? "/" : path;
}

bool HasParam(const http::Route& route) {
    for (const auto& seg : route.segments)
        if (!seg.empty() && seg.front() == '{') return true;
    return false;
}

// What a browser must get for an error: HTML, the request id (header and page), a link home.
void ExpectHtmlError(const http::Response& r, const std::string& id, const std::string& what) {
    EXPECT_EQ(r.content_type.rfind("text/html", 0), 0u) << what << " " << r.status << ": " << r.body.substr(0, 200);
    EXPECT_EQ(r.HeaderValue("X-Request-Id"), id) << what;
    EXPECT_NE(r.body.find("<code>" + id + "</code>"), std::string::npos) << what << ": no request id in the page";
    EXPECT_NE(r.body.find("href=\"/\""), std::string::npos) << what << ": no link home";
}

void ExpectProblem(const http::Response& r, const std::string& id, const std::string& what) {
    EXPECT_EQ(r.content_type, "application/problem+json") << what << " " << r.status << ": " << r.body.substr(0, 200);
    EXPECT_EQ(r.HeaderValue("X-Request-Id"), id) << what;
    auto j = ParseJson(r.body);
    ASSERT_TRUE(j.ok() && j->is_object()) << what;
    EXPECT_EQ((*j)["status"], r.status) << what;
}

TEST_F(ErrorPagesTest, EveryRouteWithBadPathParametersAnswersABrowserInHtmlAndAnApiClientWithAProblem) {
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"987654321", "RU-ZZZ"}, {"abc", "нет-такого"}, {"-1", "0"}, {"Я", "999"}};
    int routes = 0, requests = 0, errors = 0, n = 0;
    std::set<std::string> statuses;
    for (const auto& route : env_->service->router().routes()) {
        if (!HasParam(route) || route.pattern.find("test-throws") != std::string::npos) continue;
        ++routes;
        for (const auto& [value, region] : bad) {
            std::string path = Fill(route, value, region);
            for (const std::string who : {"anonymous", "admin"}) {
                for (const char* accept : {kBrowserAccept, "application/json", "*/*"}) {
                    std::string id = "walk-" + std::to_string(++n);
                    std::string what = who + " " + std::string(accept).substr(0, 9) + " " + route.method + " " + path;
                    auto r = Send(who, route.method, path, accept, id);
                    ++requests;
                    EXPECT_LT(r.status, 500) << what << ": " << r.body.substr(0, 300);
                    if (r.status < 400) continue;
                    ++errors;
                    statuses.insert(std::to_string(r.status));
                    if (accept == std::string(kBrowserAccept) || http::IsPagePath(path))
                        ExpectHtmlError(r, id, what);
                    else
                        ExpectProblem(r, id, what);
                }
            }
        }
    }
    std::cout << "[ walked ] " << routes << " routes with path parameters (of "
              << env_->service->router().routes().size() << "), " << requests << " requests, " << errors
              << " errors; statuses: " << Join(std::vector<std::string>(statuses.begin(), statuses.end()), " ") << "\n";
    EXPECT_GT(routes, 60);
    EXPECT_GT(errors, requests / 2) << "bad parameters are refused";
}

TEST_F(ErrorPagesTest, UnknownPathsWrongMethodsAndRefusalsAreHtmlForABrowser) {
    struct Case {
        std::string who, method, path;
        int status;
    };
    for (const auto& c : std::vector<Case>{{"anonymous", "GET", "/no/such/page", 404},
                                           {"anonymous", "GET", "/api/v1/no-such-thing", 404},
                                           {"anonymous", "DELETE", "/regions", 405},
                                           {"anonymous", "PUT", "/api/v1/regions", 405},
                                           {"anonymous", "GET", "/moderation", 401},
                                           {"anonymous", "GET", "/api/v1/audit", 401},
                                           {"admin", "GET", "/test-throws", 500},
                                           {"admin", "GET", "/api/v1/test-throws", 500},
                                           {"anonymous", "GET", "/static/no-such-file.css", 404}}) {
        std::string what = c.who + " " + c.method + " " + c.path;
        auto page = Send(c.who, c.method, c.path, kBrowserAccept, "case-html");
        EXPECT_EQ(page.status, c.status) << what;
        ExpectHtmlError(page, "case-html", what);
        auto api = Send(c.who, c.method, c.path, "application/json", "case-api");
        EXPECT_EQ(api.status, c.status) << what;
        if (http::IsPagePath(c.path))
            ExpectHtmlError(api, "case-api", what);
        else
            ExpectProblem(api, "case-api", what);
        if (c.status == 405) {
            EXPECT_FALSE(page.HeaderValue("Allow").empty()) << what << ": Allow kept";
        }
        if (c.status == 500) {
            EXPECT_EQ(page.body.find("test: the handler failed"), std::string::npos) << what;
        }
    }
}

TEST_F(ErrorPagesTest, ErrorPagesAreRussianAndEnglishByLangOrAcceptLanguage) {
    auto ru = Send("anonymous", "GET", "/api/v1/regions/RU-ZZZ", kBrowserAccept, "lang-ru");
    EXPECT_EQ(ru.status, 404);
    EXPECT_NE(ru.body.find("<html lang=\"ru\""), std::string::npos);
    EXPECT_NE(ru.body.find("Номер запроса:"), std::string::npos);
    auto en = Send("anonymous", "GET", "/api/v1/regions/RU-ZZZ", kBrowserAccept, "lang-en",
                   {{"accept-language", "en-GB,en;q=0.9"}});
    EXPECT_NE(en.body.find("<html lang=\"en\""), std::string::npos);
    EXPECT_NE(en.body.find("Request number:"), std::string::npos);
    auto query = Send("anonymous", "GET", "/practices/987654321?lang=en", kBrowserAccept, "lang-q");
    EXPECT_EQ(query.status, 404);
    EXPECT_NE(query.body.find("<html lang=\"en\""), std::string::npos);
    // The page's own language choice (?lang=ru) wins over Accept-Language.
    auto chosen =
        Send("anonymous", "GET", "/regions/RU-ZZZ?lang=ru", kBrowserAccept, "lang-c", {{"accept-language", "en"}});
    EXPECT_NE(chosen.body.find("<html lang=\"ru\""), std::string::npos);
}

// The server's own refusals (413, 431, 400) pass through Service::Refused: numbered, and a page for a browser.
TEST_F(ErrorPagesTest, RefusalsOfTheServerGetTheRequestIdAndABrowserPage) {
    http::Request browser = http::testing::MakeRequest("POST", "/practices/new", "", {{"accept", kBrowserAccept}});
    http::Response too_large =
        http::Problem(Error{ErrorCode::kInvalidArgument, "too large", {}, "payload_too_large", {}}, browser.path, 413);
    env_->service->Refused(browser, too_large);
    EXPECT_EQ(too_large.status, 413);
    ExpectHtmlError(too_large, too_large.HeaderValue("X-Request-Id"), "413 page");
    EXPECT_NE(too_large.body.find("Отправленные данные больше"), std::string::npos);
    http::Request api = http::testing::MakeRequest("POST", "/api/v1/practices", "", {{"accept", "*/*"}});
    http::Response api_413 =
        http::Problem(Error{ErrorCode::kInvalidArgument, "too large", {}, "payload_too_large", {}}, api.path, 413);
    env_->service->Refused(api, api_413);
    ExpectProblem(api_413, api_413.HeaderValue("X-Request-Id"), "413 API");
    EXPECT_FALSE(api_413.HeaderValue("X-Request-Id").empty());
    http::Request unread;  // headers too large: nothing of the request is known
    http::Response r431 =
        http::Problem(Error{ErrorCode::kInvalidArgument, "big", {}, "headers_too_large", {}}, "", 431);
    env_->service->Refused(unread, r431);
    EXPECT_EQ(r431.content_type, "application/problem+json");
    EXPECT_FALSE(r431.HeaderValue("X-Request-Id").empty());
}

TEST(ContentNegotiation, BrowsersPreferHtmlScriptsDoNot) {
    EXPECT_TRUE(http::PrefersHtml(kBrowserAccept));
    EXPECT_TRUE(http::PrefersHtml("text/html"));
    EXPECT_FALSE(http::PrefersHtml("*/*"));
    EXPECT_FALSE(http::PrefersHtml(""));
    EXPECT_FALSE(http::PrefersHtml("application/json"));
    EXPECT_FALSE(http::PrefersHtml("text/html, application/json"));
    EXPECT_FALSE(http::PrefersHtml("application/problem+json, text/html;q=0.5"));
    EXPECT_TRUE(http::PrefersHtml("application/json;q=0.2, text/html"));
    EXPECT_FALSE(http::PrefersHtml("text/html;q=0"));
}

// Which requests the server runs on its worker pool (Service::Blocking): every write, every page, the GET
// routes that compute for long (an export, an inference); the JSON API's record reads and the static files stay
// on the event loop.
TEST_F(ErrorPagesTest, WritesPagesAndLongReadsRunOnTheWorkers) {
    auto blocking = [](const std::string& method, const std::string& path) {
        http::Request r;
        r.method = method;
        r.path = path;
        return env_->service->Blocking(r);
    };
    EXPECT_TRUE(blocking("POST", "/api/v1/adoption-requests"));
    EXPECT_TRUE(blocking("PUT", "/api/v1/practices/1"));
    EXPECT_TRUE(blocking("POST", "/practices/new"));
    EXPECT_TRUE(blocking("GET", "/"));
    EXPECT_TRUE(blocking("GET", "/practices/1"));
    EXPECT_TRUE(blocking("GET", "/regions/RU-TA"));
    EXPECT_TRUE(blocking("GET", "/api/v1/audit/export"));
    EXPECT_TRUE(blocking("GET", "/api/v1/network/inferred"));
    EXPECT_TRUE(blocking("GET", "/api/v1/practices/7/seeding"));
    EXPECT_TRUE(blocking("GET", "/opendata/practices/data.csv"));
    EXPECT_FALSE(blocking("GET", "/api/v1/practices/1"));
    EXPECT_FALSE(blocking("GET", "/api/v1/practices"));
    EXPECT_FALSE(blocking("GET", "/api/v1/regions/RU-TA"));
    EXPECT_FALSE(blocking("GET", "/static/site.css"));
    EXPECT_FALSE(blocking("GET", "/healthz"));
}

}  // namespace
}  // namespace orientir::web
