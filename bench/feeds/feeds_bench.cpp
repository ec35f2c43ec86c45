// Feed intake benchmark (issue 13): a local news site on 127.0.0.1 publishes generated regional news
// (an RSS feed of the latest items and one HTML page per article); a FeedService polls it into a fresh
// SQLite store with the reference data. Reports articles per second from fetch to proposed facts, and
// the process's resident memory over a long run of a site that keeps publishing.
//
//   feeds_bench --articles 10000 --data data --work /tmp/fb                 # intake rate
//   feeds_bench --articles 1000 --minutes 30 --publish-per-minute 200 ...   # memory over time
//
// Output: one JSON object per line ({"phase":"intake",...}, {"phase":"steady","minute":N,"rss_mb":...}).
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "app/articles.hpp"
#include "app/importer.hpp"
#include "feeds/feeds.hpp"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace orientir;

namespace {

const char* kRegions[] = {"Тюменская область",     "Югры",
                          "Пермского края",        "Курганской области",
                          "Омской области",        "Томской области",
                          "Новосибирской области", "Свердловской области"};
const char* kTopics[] = {"организации добровольческой деятельности",
                         "поддержки НКО",
                         "художественного образования детей",
                         "расселения аварийного жилья",
                         "цифровых сервисов",
                         "молодёжной политики"};

const char* kWords[] = {"школа",      "центр",      "фестиваль", "конкурс", "грант",     "волонтёры",
                        "музей",      "библиотека", "парк",      "стадион", "лагерь",    "форум",
                        "выставка",   "мастерская", "клуб",      "сервис",  "портал",    "маршрут",
                        "экспедиция", "акция",      "субботник", "премия",  "олимпиада", "хор"};

// A sentence of its own for every article (news differ beyond their boilerplate).
std::string OwnSentence(int i) {
    std::uint32_t x = static_cast<std::uint32_t>(i) * 2654435761u + 12345u;
    std::string s = "Также";
    for (int k = 0; k < 14; ++k) {
        x = x * 1664525u + 1013904223u;
        s += std::string(" ") + kWords[(x >> 16) % 24];
    }
    return s + ".";
}

std::string ArticleText(int i) {
    std::string a = kRegions[i % 8], b = kRegions[(i / 8 + 1 + i) % 8], t = kTopics[i % 6];
    return "<p>Новость № " + std::to_string(i) + ". " + a + " перенимает опыт " + b + " в сфере " + t +
           ". Проект обсудили на форуме в городе.</p><p>Директор департамента рассказал, что в " +
           std::to_string(2 + i % 17) + " муниципалитетах уже работают " + std::to_string(10 + i % 90) +
           " добровольческих штабов, а к концу года их станет " + std::to_string(20 + i % 130) + ".</p><p>" +
           OwnSentence(i) + "</p>";
}

class Site {
public:
    explicit Site(std::atomic<int>& published)
        : published_(published), acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
        for (int k = 0; k < 4; ++k) threads_.emplace_back([this] { Serve(); });
    }
    ~Site() {
        stop_ = true;
        for (std::size_t k = 0; k < threads_.size(); ++k) {
            beast::error_code ec;
            tcp::socket s(ioc_);
            s.connect(acceptor_.local_endpoint(), ec);
        }
        for (auto& t : threads_) t.join();
    }
    std::string Url(const std::string& p) const {
        return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + p;
    }

private:
    void Serve() {
        while (!stop_) {
            tcp::socket sock(ioc_);
            beast::error_code ec;
            {
                std::lock_guard<std::mutex> l(accept_mu_);
                acceptor_.accept(sock, ec);
            }
            if (ec || stop_) continue;
            beast::flat_buffer buf;
            http::request<http::string_body> req;
            http::read(sock, buf, req, ec);
            if (ec) continue;
            std::string path(req.target());
            http::response<http::string_body> res{http::status::ok, 11};
            if (path == "/rss.xml") {
                int n = published_.load();
                std::string s =
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Лента</title>";
                for (int i = n - 1; i >= std::max(0, n - 1000); --i)
                    s += "<item><title>Новость " + std::to_string(i) + "</title><link>/a/" + std::to_string(i) +
                         ".html</link><guid>n" + std::to_string(i) + "</guid></item>";
                res.set(http::field::content_type, "application/rss+xml");
                res.body() = s + "</channel></rss>";
            } else if (path.rfind("/a/", 0) == 0) {
                int i = std::atoi(path.c_str() + 3);
                res.set(http::field::content_type, "text/html; charset=utf-8");
                res.body() =
                    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Новость</title></head><body>"
                    "<nav class=\"menu\">Главная Политика</nav><article><h1>Новость " +
                    std::to_string(i) + "</h1>" + ArticleText(i) +
                    "</article><div class=\"comments\">Комментарии</div></body></html>";
            } else {
                res.result(http::status::not_found);
            }
            res.prepare_payload();
            http::write(sock, res, ec);
            sock.shutdown(tcp::socket::shutdown_both, ec);
        }
    }
    std::atomic<int>& published_;
    asio::io_context ioc_;
    tcp::acceptor acceptor_;
    std::mutex accept_mu_;
    std::vector<std::thread> threads_;
    std::atomic<bool> stop_{false};
};

double RssMb() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int articles = 1000, minutes = 0, per_minute = 100;
    std::string data = "data", work = "/tmp/orientir-feeds-bench";
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i], v = argv[i + 1];
        if (k == "--articles") articles = std::atoi(v.c_str());
        if (k == "--minutes") minutes = std::atoi(v.c_str());
        if (k == "--publish-per-minute") per_minute = std::atoi(v.c_str());
        if (k == "--data") data = v;
        if (k == "--work") work = v;
    }
    std::filesystem::remove_all(work);
    std::filesystem::create_directories(work);
    storage::SqliteOptions so;
    so.path = work + "/store.db";
    app::App app(std::move(storage::OpenSqliteStore(so)).value(), app::AppOptions{work, data});
    if (auto st = app::EnsureReferenceData(app, data); !st.ok()) {
        std::cerr << st.error().message << "\n";
        return 1;
    }
    std::atomic<int> published{0};
    Site site(published);
    feeds::FeedOptions fo;
    fo.host_delay = std::chrono::milliseconds(0);
    fo.max_new_items_per_poll = 1000;
    feeds::FeedService svc(app, fo);
    auto feed = svc.Register(app::Actor::System(), {site.Url("/rss.xml"), "Лента", "72", 5});
    if (!feed.ok()) {
        std::cerr << feed.error().message << "\n";
        return 1;
    }
    // Intake: the site publishes in bursts of 1,000 (its feed lists the latest 1,000); each burst is
    // polled until it is in.
    auto t0 = std::chrono::steady_clock::now();
    std::int64_t added = 0, facts = 0, seen = 0;
    double rss0 = RssMb();
    while (seen < articles) {
        int before = static_cast<int>(seen);
        if (seen >= published.load()) published = std::min(articles, published.load() + 1000);
        auto r = svc.Poll(feed->id);
        if (!r.ok() || !r->error.empty()) {
            std::cerr << (r.ok() ? r->error : r.error().message) << "\n";
            return 1;
        }
        added += r->articles_added;
        facts += r->facts_proposed;
        seen += r->new_items;
        if (static_cast<int>(seen) == before && published.load() >= articles) break;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "{\"phase\":\"intake\",\"articles\":" << added << ",\"items\":" << seen << ",\"facts\":" << facts
              << ",\"seconds\":" << secs << ",\"articles_per_second\":" << added / secs << ",\"rss_mb_before\":" << rss0
              << ",\"rss_mb_after\":" << RssMb() << "}" << std::endl;
    // Steady state: the site keeps publishing; the feed is polled every few seconds.
    for (int m = 0; m < minutes; ++m) {
        auto end = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        int added_minute = 0;
        while (std::chrono::steady_clock::now() < end) {
            published += std::max(1, per_minute / 12);
            auto r = svc.Poll(feed->id);
            if (r.ok()) added_minute += r->articles_added;
            std::this_thread::sleep_until(std::min(end, std::chrono::steady_clock::now() + std::chrono::seconds(5)));
        }
        std::cout << "{\"phase\":\"steady\",\"minute\":" << m + 1 << ",\"articles_added\":" << added_minute
                  << ",\"rss_mb\":" << RssMb() << "}" << std::endl;
    }
    return 0;
}
