// The articles API and the review queue through Service::Handle (no sockets), on a store with the
// reference and demo data.
#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>

#include "app/importer.hpp"
#include "common/strings.hpp"
#include "feeds/feeds.hpp"
#include "http/service.hpp"
#include "http/test_env.hpp"
#include "http/test_util.hpp"

namespace orientir::http {
namespace {

namespace fs = std::filesystem;

const char* kStory =
    "Тюменская область перенимает опыт Югры в организации добровольческой деятельности на муниципальном уровне.\n"
    "Губернатор Югры Игорь Коваленко много лет работал в Тюменской области.\n";

class ArticlesApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        env_ = std::make_unique<testing::TestEnv>("articles-api-test",
                                                  testing::TestEnvOptions{.demo = true, .api_cache = false});
        app_ = env_->app.get();
        service_ = env_->service.get();
        service_->SetActorResolver([](const Request&) { return actor_; });
    }
    static void TearDownTestSuite() { env_.reset(); }
    void SetUp() override { actor_ = app::Actor{app::Role::kCurator, 1, "curator1", {}, {}}; }

    Response Call(const std::string& method, const std::string& target, const std::string& body = "",
                  const std::string& content_type = "application/json") {
        Request r =
            testing::MakeRequest(method, target, body,
                                 body.empty() ? std::map<std::string, std::string>{}
                                              : std::map<std::string, std::string>{{"content-type", content_type}});
        return service_->Handle(r);
    }
    static Json J(const Response& r) { return Json::parse(r.body); }
    std::int64_t Count(const std::string& kind) { return app_->CountRecords(kind).value(); }
    static std::string ArticleJson(const std::string& url) {
        return OrderedJson{{"text", kStory},
                           {"title", "Тюмень перенимает опыт Югры"},
                           {"source", "Тюменская линия"},
                           {"url", url},
                           {"published_at", "2024-03-15"}}
            .dump();
    }

    static inline std::unique_ptr<testing::TestEnv> env_;
    static inline app::App* app_ = nullptr;
    static inline Service* service_ = nullptr;
    static inline app::Actor actor_;
};

TEST_F(ArticlesApiTest, SubmitReviewAcceptGivesTheStoryEdge) {
    auto r = Call("POST", "/api/v1/articles", ArticleJson("https://example.ru/a/1"));
    ASSERT_EQ(r.status, 201) << r.body;
    auto j = J(r);
    std::int64_t article = j["id"];
    EXPECT_EQ(r.HeaderValue("Location"), "/api/v1/articles/" + std::to_string(article));
    ASSERT_TRUE(j["extraction"]["mentions"].is_array());
    ASSERT_FALSE(j["facts"].empty());

    auto one = Call("GET", "/api/v1/articles/" + std::to_string(article));
    ASSERT_EQ(one.status, 200);
    EXPECT_EQ(J(one)["facts"].size(), j["facts"].size());
    auto list = Call("GET", "/api/v1/articles?url=" + UrlEncode("https://example.ru/a/1"));
    ASSERT_EQ(list.status, 200);
    ASSERT_EQ(J(list)["items"].size(), 1u);
    EXPECT_FALSE(J(list)["items"][0].contains("text"));

    auto queue = Call("GET", "/api/v1/review?status=proposed&kind=adoption&article=" + std::to_string(article));
    ASSERT_EQ(queue.status, 200) << queue.body;
    auto q = J(queue);
    ASSERT_EQ(q["items"].size(), 1u);
    auto item = q["items"][0];
    ASSERT_TRUE(q["articles"].contains(std::to_string(article)));
    EXPECT_FALSE(q["articles"][std::to_string(article)]["text"].get<std::string>().empty());
    ASSERT_FALSE(item["suggestions"].empty());
    std::int64_t practice = item["suggestions"][0]["practice_id"];
    std::string fact = std::to_string(item["id"].get<std::int64_t>());

    auto missing = Call("POST", "/api/v1/review/" + fact + "/accept");
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(J(missing)["field"], "practice_id");
    // No default channel: the fact's guess is a hint; without a channel the answer names the field.
    EXPECT_EQ(item["fact"]["channel"], "personnel");
    auto no_channel = Call("POST", "/api/v1/review/" + fact + "/accept", OrderedJson{{"practice_id", practice}}.dump());
    EXPECT_EQ(no_channel.status, 400);
    EXPECT_EQ(J(no_channel)["field"], "channel");
    auto ok = Call("POST", "/api/v1/review/" + fact + "/accept",
                   OrderedJson{{"practice_id", practice}, {"channel", "personnel"}}.dump());
    ASSERT_EQ(ok.status, 200) << ok.body;
    auto decided = J(ok);
    EXPECT_EQ(decided["status"], "accepted");
    EXPECT_EQ(decided["resolved"]["kind"], "adoption");
    auto adoption = Call("GET", "/api/v1/adoptions/" + std::to_string(decided["resolved"]["id"].get<std::int64_t>()));
    ASSERT_EQ(adoption.status, 200);
    auto a = J(adoption);
    EXPECT_EQ(a["adopter"]["region"], "72");
    EXPECT_EQ(a["channel"], "personnel");
    EXPECT_EQ(a["evidence"][0]["url"], "https://example.ru/a/1");
    EXPECT_EQ(decided["outcome"][0]["action"], "created");
    EXPECT_EQ(Call("POST", "/api/v1/review/" + fact + "/reject", R"({"reason":"x"})").status, 409);
}

TEST_F(ArticlesApiTest, PlainTextAndHtmlBodiesWithQueryParameters) {
    auto r = Call("POST",
                  "/api/v1/articles?title=" + UrlEncode("Новость") + "&url=" + UrlEncode("https://example.ru/a/plain") +
                      "&published_at=2024-03-01",
                  kStory, "application/octet-stream");
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(J(r)["title"], "Новость");
    EXPECT_EQ(J(r)["published_at"], "2024-03-01");
    auto h = Call("POST", "/api/v1/articles", "<p>Тюменская область перенимает опыт Югры.</p>", "text/html");
    ASSERT_EQ(h.status, 201) << h.body;
    EXPECT_EQ(J(h)["text"].get<std::string>().find('<'), std::string::npos);
    EXPECT_EQ(Call("POST", "/api/v1/articles", kStory, "application/pdf").status, 415);
    // A cross-site form can send text/plain with the session cookie: Service's CSRF rule refuses it.
    EXPECT_EQ(Call("POST", "/api/v1/articles", kStory, "text/plain").status, 403);
}

TEST_F(ArticlesApiTest, ErrorsAreProblemsAndNothingIsStored) {
    auto articles = Count("article"), facts = Count("fact");
    auto empty = Call("POST", "/api/v1/articles", R"({"text":"   "})");
    EXPECT_EQ(empty.status, 400);
    EXPECT_EQ(empty.content_type.rfind("application/problem+json", 0), 0u) << empty.content_type;
    EXPECT_EQ(J(empty)["field"], "text");
    EXPECT_EQ(Call("POST", "/api/v1/articles", R"({"title":"нет текста"})").status, 400);
    EXPECT_EQ(Call("POST", "/api/v1/articles", R"({"text":"а","html":"<p>б</p>"})").status, 400);
    EXPECT_EQ(Call("POST", "/api/v1/articles", OrderedJson{{"text", std::string((1 << 20) + 1, 'a')}}.dump()).status,
              413);
    EXPECT_EQ(
        Call("POST", "/api/v1/articles", std::string("\x00\x01\x02\x03junk", 8), "application/octet-stream").status,
        400);
    EXPECT_EQ(Call("POST", "/api/v1/articles", R"({"text":"Текст","published_at":"2024-13-01"})").status, 400);
    EXPECT_EQ(Count("article"), articles);
    EXPECT_EQ(Count("fact"), facts);
    ASSERT_EQ(Call("POST", "/api/v1/articles", ArticleJson("https://example.ru/a/dup")).status, 201);
    EXPECT_EQ(Call("POST", "/api/v1/articles", ArticleJson("https://example.ru/a/dup")).status, 409);
    EXPECT_EQ(Call("GET", "/api/v1/articles/999999").status, 404);
    EXPECT_EQ(Call("GET", "/api/v1/review/999999").status, 404);
    EXPECT_EQ(Call("GET", "/api/v1/review?status=maybe").status, 400);
    EXPECT_EQ(Call("POST", "/api/v1/review/999999/reject", "").status, 404);
    EXPECT_EQ(Call("POST", "/api/v1/review/1/merge", R"({"target_kind":"adoption"})").status, 400);
}

// Issue 13: the queue filtered by region and confidence and sorted by confidence; feeds are
// registered through the API (polling is tested in feeds_tests).
TEST_F(ArticlesApiTest, QueueFiltersAndSortsAndFeedsAreRegistered) {
    ASSERT_EQ(Call("POST", "/api/v1/articles", ArticleJson("https://example.ru/a/filters")).status, 201);
    auto by_conf = Call("GET", "/api/v1/review?status=proposed&order=confidence&limit=200");
    ASSERT_EQ(by_conf.status, 200) << by_conf.body;
    auto items = J(by_conf)["items"];
    ASSERT_GT(items.size(), 1u);
    for (std::size_t i = 1; i < items.size(); ++i)
        EXPECT_GE(items[i - 1]["confidence"].get<double>(), items[i]["confidence"].get<double>());
    auto yugra = Call("GET", "/api/v1/review?status=proposed&region=86&min_confidence=0.5");
    ASSERT_EQ(yugra.status, 200) << yugra.body;
    for (const auto& it : J(yugra)["items"]) {
        EXPECT_GE(it["confidence"].get<double>(), 0.5);
        auto regions = it["regions"].get<std::vector<std::string>>();
        EXPECT_NE(std::find(regions.begin(), regions.end(), "86"), regions.end());
    }
    EXPECT_EQ(Call("GET", "/api/v1/review?min_confidence=2").status, 400);
    EXPECT_EQ(Call("GET", "/api/v1/review?region=nowhere").status, 400);
    EXPECT_EQ(J(Call("GET", "/api/v1/review?feed=999999"))["total"], 0);

    auto feed = Call("POST", "/api/v1/feeds",
                     R"({"url":"http://127.0.0.1:9/rss.xml","title":"Лента","region":"72","interval_minutes":30})");
    ASSERT_EQ(feed.status, 201) << feed.body;
    EXPECT_EQ(J(feed)["region"], "72");
    EXPECT_EQ(Call("POST", "/api/v1/feeds", R"({"url":"http://127.0.0.1:9/rss.xml","title":"x","region":"72"})").status,
              409);
    auto bad = Call("POST", "/api/v1/feeds", R"({"url":"nope","title":"","region":"xx","interval_minutes":1})");
    EXPECT_EQ(bad.status, 400);
    auto list = Call("GET", "/api/v1/feeds");
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(J(list)["items"].size(), 1u);
    std::string id = std::to_string(J(feed)["id"].get<std::int64_t>());
    EXPECT_EQ(Call("GET", "/api/v1/feeds/" + id).status, 200);
    EXPECT_EQ(Call("POST", "/api/v1/feeds/" + id + "/poll", "").status, 202);
    actor_ = app::Actor::Anonymous();
    EXPECT_EQ(Call("GET", "/api/v1/feeds").status, 401);
}

TEST_F(ArticlesApiTest, AnonymousIs401EditorIs403) {
    actor_ = app::Actor::Anonymous();
    EXPECT_EQ(Call("POST", "/api/v1/articles", ArticleJson("https://example.ru/a/anon")).status, 401);
    EXPECT_EQ(Call("GET", "/api/v1/articles").status, 401);
    EXPECT_EQ(Call("GET", "/api/v1/review").status, 401);
    EXPECT_EQ(Call("POST", "/api/v1/review/1/accept").status, 401);
    actor_ = app::Actor{app::Role::kRegionalEditor, 2, "editor72", {"72"}, {}};
    EXPECT_EQ(Call("POST", "/api/v1/articles", ArticleJson("https://example.ru/a/editor")).status, 403);
    EXPECT_EQ(Call("GET", "/api/v1/articles").status, 403);
    EXPECT_EQ(Call("GET", "/api/v1/review").status, 403);
    EXPECT_EQ(Call("POST", "/api/v1/review/1/reject", "").status, 403);
}

}  // namespace
}  // namespace orientir::http
