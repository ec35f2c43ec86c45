// News feeds end to end against a local news site served by the test itself on 127.0.0.1 (nothing
// leaves loopback): RSS and Atom feeds, article pages in UTF-8, Windows-1251 and KOI8-R, the same
// press release on two sites, a page whose canonical URL is another's, broken items and broken feeds
// (not XML, 404, a redirect loop, a 50 MB page, an unknown encoding, a slow server).
#include <unicode/ucnv.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "app/articles.hpp"
#include "app/importer.hpp"
#include "app/store_access.hpp"
#include "feeds/feeds.hpp"
#include "feeds/parse.hpp"
#include "feeds/test_site.hpp"

namespace orientir::feeds {
namespace {

namespace fs = std::filesystem;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string Encode(const std::string& utf8, const char* to) {
    UErrorCode err = U_ZERO_ERROR;
    std::string out(utf8.size() * 2 + 16, '\0');
    int32_t n = ucnv_convert(to, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                             static_cast<int32_t>(utf8.size()), &err);
    EXPECT_FALSE(U_FAILURE(err));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

using test_support::NewsSite;

const char* kStory =
    "Тюменская область перенимает опыт Югры в организации добровольческой деятельности на муниципальном "
    "уровне. Об этом на пресс-конференции рассказала директор департамента молодёжной политики Тюменской "
    "области Ольга Сергеева. Губернатор Югры Игорь Коваленко много лет работал в Тюменской области.";

const char* kArt =
    "В Курганской области открылась новая школа искусств для детей. В ней будут заниматься более трёхсот "
    "учеников из районов области, сообщили в департаменте культуры.";

std::string ArticleHtml(const std::string& title, const std::string& body, const std::string& charset = "utf-8",
                        const std::string& extra_head = "") {
    return "<!DOCTYPE html><html><head><meta charset=\"" + charset + "\"><title>" + title + " — Новости</title>" +
           extra_head + "<meta property=\"article:published_time\" content=\"2024-03-15T10:00:00+05:00\"></head>" +
           "<body><nav class=\"menu\"><a href=\"/\">Главная</a> <a href=\"/politics\">Политика меню</a></nav>" +
           "<header><div class=\"logo\">Тюменская линия</div></header>" + "<article><h1>" + title + "</h1><p>" + body +
           "</p><p>Подробности — на сайте правительства.</p></article>" +
           "<aside class=\"related\">Читайте также: погода на выходные</aside>" +
           "<div class=\"comments\"><p>Комментарий читателя: отличная новость для всех!</p></div>" +
           "<footer>© 2024 Редакция</footer></body></html>";
}

std::string Rss(const std::vector<std::tuple<std::string, std::string, std::string>>& items) {
    std::string s =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Тюменская "
        "линия</title><link>http://example/</link>";
    for (const auto& [guid, link, title] : items)
        s += "<item><title>" + title + "</title><link>" + link + "</link><guid>" + guid +
             "</guid><pubDate>Fri, 15 Mar 2024 10:00:00 +0500</pubDate><description><![CDATA[<p>" + title +
             "</p>]]></description></item>";
    return s + "</channel></rss>";
}

std::string Atom(const std::vector<std::tuple<std::string, std::string, std::string>>& entries) {
    std::string s =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
        "<title>Вести Югры</title><id>urn:ugra</id>";
    for (const auto& [id, link, title] : entries)
        s += "<entry><title>" + title + "</title><id>" + id + "</id><link rel=\"alternate\" href=\"" + link +
             "\"/><updated>2024-03-16T09:00:00+05:00</updated></entry>";
    return s + "</feed>";
}

class FeedsTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("orientir-feeds-test-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        storage::SqliteOptions o;
        o.path = (dir_ / "store.db").string();
        app_ = new app::App(std::move(storage::OpenSqliteStore(o)).value(),
                            app::AppOptions{dir_.string(), ORIENTIR_SOURCE_DATA_DIR});
        ASSERT_TRUE(app::EnsureReferenceData(*app_, ORIENTIR_SOURCE_DATA_DIR).ok());
    }
    static void TearDownTestSuite() {
        delete app_;
        fs::remove_all(dir_);
    }
    static app::Actor Curator() { return app::Actor{app::Role::kCurator, 1, "curator1", {}, {}}; }
    static FeedOptions Fast() {
        FeedOptions o;
        o.host_delay = std::chrono::milliseconds(0);
        o.fetch.timeout = std::chrono::milliseconds(1500);
        o.fetch.max_bytes = std::size_t(4) << 20;
        return o;
    }
    std::int64_t Count(const std::string& kind) { return app_->CountRecords(kind).value(); }
    Feed Register(FeedService& svc, const std::string& url, const std::string& title,
                  const std::string& region = "72") {
        auto f = svc.Register(Curator(), {url, title, region, 60});
        EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().message);
        return f.ok() ? f.value() : Feed{};
    }

    static inline fs::path dir_;
    static inline app::App* app_ = nullptr;
};

TEST(FeedParse, RssAtomDatesAndBrokenXml) {
    auto rss = ParseFeed(Rss({{"g1", "/news/1", "Первая"}, {"g2", "http://other/2", "Вторая"}}), "http://site/feed");
    ASSERT_TRUE(rss.ok()) << rss.error().message;
    EXPECT_EQ(rss->format, "rss");
    ASSERT_EQ(rss->items.size(), 2u);
    EXPECT_EQ(rss->items[0].link, "http://site/news/1");
    EXPECT_EQ(rss->items[0].published, "2024-03-15");
    EXPECT_EQ(rss->items[0].summary, "Первая");
    auto atom = ParseFeed(Atom({{"urn:1", "http://site/a", "А"}}), "http://site/atom");
    ASSERT_TRUE(atom.ok());
    EXPECT_EQ(atom->format, "atom");
    EXPECT_EQ(atom->items[0].guid, "urn:1");
    EXPECT_EQ(atom->items[0].published, "2024-03-16");
    EXPECT_EQ(ParseFeed("<html><body>нет</body></html>", "http://x/").error().rule, "not_feed");
    EXPECT_EQ(ParseFeed("просто текст", "http://x/").error().rule, "not_xml");
    // An external entity is not loaded (no XXE).
    auto xxe = ParseFeed(
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        "<rss><channel><item><title>&x;</title><link>http://a/</link></item></channel></rss>",
        "http://x/");
    ASSERT_TRUE(xxe.ok());
    EXPECT_EQ(xxe->items[0].title.find("root:"), std::string::npos);
    EXPECT_EQ(NormaliseDate("Tue, 05 Mar 2024 10:00:00 +0300"), "2024-03-05");
    EXPECT_EQ(NormaliseDate("05.03.2024"), "2024-03-05");
    EXPECT_EQ(NormaliseDate("5 марта 2024 года"), "2024-03-05");
    EXPECT_EQ(NormaliseDate("вчера"), "");
    EXPECT_EQ(ResolveUrl("http://a.ru/news/x.html?y=1", "z.html"), "http://a.ru/news/z.html");
    EXPECT_EQ(ResolveUrl("https://a.ru/news/x", "//b.ru/q"), "https://b.ru/q");
}

TEST(FeedParse, MainTextEncodingsAndNearDuplicates) {
    std::string html = ArticleHtml("Тюмень перенимает опыт Югры", kStory);
    auto a = ExtractArticle(html, "text/html; charset=utf-8", "http://site/news/1");
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a->title, "Тюмень перенимает опыт Югры");
    EXPECT_EQ(a->published, "2024-03-15");
    EXPECT_NE(a->text.find("перенимает опыт Югры в организации"), std::string::npos);
    for (const char* junk : {"Политика меню", "Комментарий читателя", "погода на выходные", "Редакция"})
        EXPECT_EQ(a->text.find(junk), std::string::npos) << junk;
    // Windows-1251 and KOI8-R, declared or not.
    for (const char* cs : {"windows-1251", "koi8-r"}) {
        std::string page = Encode(ArticleHtml("Тюмень перенимает опыт Югры", kStory, cs), cs);
        auto declared = ExtractArticle(page, std::string("text/html; charset=") + cs, "http://site/n");
        ASSERT_TRUE(declared.ok()) << cs;
        EXPECT_NE(declared->text.find("добровольческой деятельности"), std::string::npos) << cs;
        std::string undeclared_page =
            Encode("<html><body><article><p>" + std::string(kStory) + "</p></article></body></html>", cs);
        std::string enc;
        auto guessed = DecodePage(undeclared_page, "text/html", &enc);
        ASSERT_TRUE(guessed.ok()) << cs;
        EXPECT_EQ(enc, std::string(cs) == "koi8-r" ? "KOI8-R" : "windows-1251");
        EXPECT_NE(guessed->find("Тюменская область"), std::string::npos) << cs;
    }
    EXPECT_EQ(DecodePage("abc", "text/html; charset=shift_jis", nullptr).error().rule, "unknown_encoding");
    // The same press release with another heading and a line more: near; another text: far.
    auto h1 = SimHash(kStory);
    auto h2 = SimHash(std::string("Пресс-релиз. ") + kStory + " Фото: пресс-служба.");
    auto h3 = SimHash(kArt);
    EXPECT_LE(HammingDistance(h1, h2), 8) << HammingDistance(h1, h2);
    EXPECT_GT(HammingDistance(h1, h3), 16) << HammingDistance(h1, h3);
}

TEST_F(FeedsTest, FeedsBringArticlesOnceWithAllSourcesAndFactsReachTheQueue) {
    NewsSite site;
    FeedService svc(*app_, Fast());
    // Site 1 (RSS): the story in UTF-8, another article in Windows-1251, an item whose page is gone.
    site.Page("/news/story.html",
              {200, "text/html; charset=utf-8", ArticleHtml("Тюмень перенимает опыт Югры", kStory)});
    site.Page("/news/art.html",
              {200, "text/html; charset=windows-1251",
               Encode(ArticleHtml("Школа искусств в Кургане", kArt, "windows-1251"), "windows-1251")});
    std::string rss = Rss({{"s1", site.Url("/news/story.html"), "Тюмень перенимает опыт Югры"},
                           {"s2", site.Url("/news/art.html"), "Школа искусств"},
                           {"s3", site.Url("/news/gone.html"), "Удалённая новость"}});
    site.On("/rss.xml", [rss](const http::request<http::string_body>& req) {
        if (req[http::field::if_none_match] == "\"v1\"") return NewsSite::Reply{304, "application/rss+xml", "", {}, {}};
        return NewsSite::Reply{200, "application/rss+xml; charset=utf-8", rss, {{"ETag", "\"v1\""}}, {}};
    });
    // Site 2 (Atom, found through the page's feed link): the same press release, and a page whose
    // canonical URL is the story's.
    site.Page("/ugra/", {200, "text/html",
                         "<html><head><link rel=\"alternate\" type=\"application/atom+xml\" "
                         "href=\"/ugra/atom.xml\"></head><body>Вести Югры</body></html>"});
    site.Page(
        "/ugra/press.html",
        {200, "text/html", ArticleHtml("Пресс-релиз", std::string("Пресс-релиз. ") + kStory + " Фото: пресс-служба.")});
    site.Page("/ugra/copy.html",
              {200, "text/html",
               ArticleHtml("Копия", "Совсем другой текст страницы о чём-то своём, длиннее сорока знаков для проверки.",
                           "utf-8", "<link rel=\"canonical\" href=\"" + site.Url("/news/story.html") + "\">")});
    site.Page("/ugra/atom.xml", {200,
                                 "application/atom+xml",
                                 Atom({{"urn:p", site.Url("/ugra/press.html"), "Пресс-релиз"},
                                       {"urn:c", site.Url("/ugra/copy.html"), "Копия"}}),
                                 {},
                                 {}});

    Feed f1 = Register(svc, site.Url("/rss.xml"), "Тюменская линия");
    auto r1 = svc.Poll(f1.id);
    ASSERT_TRUE(r1.ok()) << r1.error().message;
    EXPECT_EQ(r1->error, "");
    EXPECT_EQ(r1->http_status, 200);
    EXPECT_EQ(r1->items, 3);
    EXPECT_EQ(r1->articles_added, 2);
    EXPECT_EQ(r1->item_errors, 1);
    EXPECT_GT(r1->facts_proposed, 0);
    auto s1 = svc.Get(Curator(), f1.id).value().state;
    EXPECT_EQ(s1.items_seen, 3);
    EXPECT_EQ(s1.articles_added, 2);
    EXPECT_EQ(s1.facts_proposed, r1->facts_proposed);
    EXPECT_NE(s1.last_error.find("404"), std::string::npos) << s1.last_error;
    EXPECT_NE(s1.last_poll_at, "");
    // Polite: User-Agent naming Orientir; the next poll is conditional and answered 304.
    EXPECT_NE(site.Requests("/rss.xml").at(0).at("User-Agent").find("Orientir"), std::string::npos);
    auto r1b = svc.Poll(f1.id);
    ASSERT_TRUE(r1b.ok());
    EXPECT_EQ(r1b->http_status, 304);
    EXPECT_EQ(site.Requests("/rss.xml").at(1).at("If-None-Match"), "\"v1\"");
    EXPECT_EQ(svc.Get(Curator(), f1.id)->state.items_seen, 3);

    // The stored articles: main text only, decoded, dated, with the feed's facts in the queue.
    auto story = app::StoreAccess::Of(*app_).FindOne("article", "url", site.Url("/news/story.html"));
    ASSERT_TRUE(story.has_value());
    auto view = app_->articles().GetArticle(Curator(), story->id).value();
    EXPECT_EQ(view.article.published_at.value_or(""), "2024-03-15");
    EXPECT_EQ(view.article.source, "Тюменская линия");
    EXPECT_EQ(view.article.text.find("Комментарий читателя"), std::string::npos);
    auto art = app::StoreAccess::Of(*app_).FindOne("article", "url", site.Url("/news/art.html"));
    ASSERT_TRUE(art.has_value());
    EXPECT_NE(app_->articles().GetArticle(Curator(), art->id)->article.text.find("школа искусств"), std::string::npos);
    app::FactQuery q;
    q.feed_id = f1.id;
    auto queue = app_->articles().ListFacts(Curator(), q).value();
    EXPECT_EQ(queue.total, r1->facts_proposed);
    q.by_confidence = true;
    auto sorted = app_->articles().ListFacts(Curator(), q).value();
    for (std::size_t i = 1; i < sorted.items.size(); ++i)
        EXPECT_GE(sorted.items[i - 1].fact.confidence, sorted.items[i].fact.confidence);
    app::FactQuery other;
    other.feed_id = f1.id + 1000;
    EXPECT_EQ(app_->articles().ListFacts(Curator(), other)->total, 0);
    app::FactQuery by_region;
    by_region.feed_id = f1.id;
    by_region.region = "86";
    auto yugra = app_->articles().ListFacts(Curator(), by_region).value();
    EXPECT_GT(yugra.total, 0);
    for (const auto& it : yugra.items)
        EXPECT_NE(std::find(it.fact.regions.begin(), it.fact.regions.end(), "86"), it.fact.regions.end());

    // The Atom site: both items are the story again — one article, three sources.
    auto articles = Count("article");
    Feed f2 = Register(svc, site.Url("/ugra/"), "Вести Югры", "86");
    auto r2 = svc.Poll(f2.id);
    ASSERT_TRUE(r2.ok());
    EXPECT_EQ(r2->error, "");
    EXPECT_EQ(r2->duplicates, 2);
    EXPECT_EQ(r2->articles_added, 0);
    EXPECT_EQ(Count("article"), articles);
    EXPECT_EQ(svc.Get(Curator(), f2.id)->feed_url, site.Url("/ugra/atom.xml"));
    EXPECT_EQ(svc.SourcesOf(Curator(), story->id)->size(), 3u);

    // The process totals behind /metrics add up every poll above (three polls, none failed).
    FeedTotals t = svc.Totals();
    EXPECT_EQ(t.polls, 3u);
    EXPECT_EQ(t.poll_errors, 0u);
    EXPECT_EQ(t.new_items, 5u);
    EXPECT_EQ(t.articles_added, 2u);
    EXPECT_EQ(t.duplicates, 2u);
    EXPECT_EQ(t.item_errors, 1u);
    EXPECT_EQ(t.facts_proposed, static_cast<std::uint64_t>(r1->facts_proposed));
}

TEST_F(FeedsTest, BadFeedsAreThatFeedsErrorAndStoreNothing) {
    NewsSite site;
    FeedOptions o = Fast();
    o.fetch.timeout = std::chrono::milliseconds(2500);  // the 50 MB answer takes a while to start on a busy machine
    FeedService svc(*app_, o);
    site.Page("/text", {200, "text/plain", "это не лента", {}, {}});
    site.Page("/loop1", {302, "text/plain", "", {{"Location", "/loop2"}}, {}});
    site.Page("/loop2", {302, "text/plain", "", {{"Location", "/loop1"}}, {}});
    site.Page("/huge", {200, "application/rss+xml", std::string(50u << 20, 'x'), {}, {}});
    site.Page("/slow", {200, "application/rss+xml", Rss({}), {}, std::chrono::milliseconds(4000)});
    site.Page("/jp.html", {200, "text/html; charset=shift_jis", "<html><body><p>x</p></body></html>", {}, {}});
    site.Page("/jp.xml", {200, "application/rss+xml", Rss({{"j", site.Url("/jp.html"), "J"}}), {}, {}});
    auto articles = Count("article");
    auto items = Count("feed_item");
    struct Case {
        std::string path, expect;
    };
    for (const Case& c : {Case{"/text", "not well-formed XML"}, Case{"/missing.xml", "HTTP 404"},
                          Case{"/loop1", "redirect loop"}, Case{"/huge", "larger than"}, Case{"/slow", "ms"}}) {
        Feed f = Register(svc, site.Url(c.path), "Плохая лента " + c.path);
        auto r = svc.Poll(f.id);
        ASSERT_TRUE(r.ok()) << c.path;
        EXPECT_NE(r->error.find(c.expect), std::string::npos) << c.path << ": " << r->error;
        auto state = svc.Get(Curator(), f.id)->state;
        EXPECT_EQ(state.last_error, r->error) << c.path;
        EXPECT_EQ(state.failures, 1);
        // Back-off: the next poll comes later than the interval would say.
        EXPECT_GT(state.next_poll_ms - app_->clock().NowMillis(), 60LL * 60 * 1000) << c.path;
        EXPECT_EQ(state.lease_until_ms, 0);
    }
    EXPECT_EQ(Count("article"), articles);
    EXPECT_EQ(Count("feed_item"), items);
    EXPECT_EQ(svc.Totals().polls, 5u);
    EXPECT_EQ(svc.Totals().poll_errors, 5u);
    // An item page in an encoding we do not read: the item's error, recorded once, nothing else stored.
    Feed jp = Register(svc, site.Url("/jp.xml"), "Японская страница");
    auto r = svc.Poll(jp.id);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->item_errors, 1);
    EXPECT_NE(svc.Get(Curator(), jp.id)->state.last_error.find("shift_jis"), std::string::npos);
    EXPECT_EQ(Count("article"), articles);
    // Registration is validated.
    auto bad = svc.Register(Curator(), {"ftp://x", "", "99999", 1});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().issues.size(), 4u);
    EXPECT_EQ(svc.Register(app::Actor::Anonymous(), {site.Url("/x"), "x", "72", 60}).error().code,
              ErrorCode::kUnauthenticated);
}

TEST_F(FeedsTest, ThePollerPollsDueFeedsByItself) {
    NewsSite site;
    FeedService svc(*app_, Fast());
    site.Page("/auto/story.html",
              {200, "text/html", ArticleHtml("Опыт Югры в Тюмени", std::string(kStory) + " Автоматически."), {}, {}});
    site.Page("/auto/rss.xml",
              {200, "application/rss+xml", Rss({{"a1", site.Url("/auto/story.html"), "Опыт"}}), {}, {}});
    Feed f = Register(svc, site.Url("/auto/rss.xml"), "Авто");
    svc.Start(std::chrono::milliseconds(50));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline && svc.Get(Curator(), f.id)->state.last_poll_at.empty())
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    svc.Stop();
    auto state = svc.Get(Curator(), f.id)->state;
    EXPECT_NE(state.last_poll_at, "");
    EXPECT_EQ(state.items_seen, 1);
}

// The size limit holds whatever the server announces (Beast 1.74 alone does not enforce it against a
// Content-Length).
TEST(FeedFetch, AnswersLargerThanTheLimitAreRefused) {
    NewsSite site;
    site.Page("/huge", {200, "application/rss+xml", std::string(50u << 20, 'x'), {}, {}});
    site.Page("/small", {200, "text/plain", std::string(1000, 'y'), {}, {}});
    FetchOptions o;
    o.max_bytes = 4u << 20;
    o.timeout = std::chrono::milliseconds(10000);
    auto huge = Fetch({site.Url("/huge"), "", "", "*/*"}, o);
    ASSERT_FALSE(huge.ok());
    EXPECT_EQ(huge.error().rule, "too_large");
    auto small = Fetch({site.Url("/small"), "", "", "*/*"}, o);
    ASSERT_TRUE(small.ok()) << small.error().message;
    EXPECT_EQ(small->body.size(), 1000u);
    EXPECT_EQ(Fetch({"ftp://x/", "", "", "*/*"}, o).error().rule, "url");
}

}  // namespace
}  // namespace orientir::feeds
