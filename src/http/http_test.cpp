// The Beast server over real sockets on loopback: limits, errors, graceful shutdown.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <regex>
#include <thread>

#include "http/router.hpp"
#include "http/server/server.hpp"
#include "http/test_env.hpp"

namespace orientir::http {
namespace {

// Sends raw bytes and reads the whole answer (the server closes or answers Connection: close).
std::string RawExchange(std::uint16_t port, const std::string& data, int timeout_ms = 5000) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return "";
    }
    timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::size_t sent = 0;
    while (sent < data.size()) {
        auto n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;  // the server may stop reading after answering 413
        sent += static_cast<std::size_t>(n);
    }
    std::string out;
    char buf[4096];
    for (;;) {
        auto n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

struct RunningServer {
    explicit RunningServer(HttpServer::HandlerFn fn, ServerOptions o = {}) {
        o.port = 0;
        o.handle_signals = false;
        server = std::make_unique<HttpServer>(o, std::move(fn));
        auto st = server->Start();
        EXPECT_TRUE(st.ok());
        thread = std::thread([this] { server->Run(); });
    }
    ~RunningServer() {
        server->Stop();
        if (thread.joinable()) thread.join();
    }
    std::unique_ptr<HttpServer> server;
    std::thread thread;
};

TEST(HttpServer, ServesAndKeepsServingAfterOversizedBody) {
    ServerOptions o;
    o.max_body_bytes = 1 << 20;
    RunningServer s([](Request& r) { return Response::Text(200, "ok " + r.method + " " + r.path); }, o);
    std::uint16_t port = s.server->port();
    std::string ok = RawExchange(port, "GET /x%20y?a=1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    EXPECT_NE(ok.find("200 OK"), std::string::npos);
    EXPECT_NE(ok.find("ok GET /x y"), std::string::npos);
    // A 50 MB body is refused by its Content-Length before it is read.
    std::string big =
        "POST /api/v1/practices HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: "
        "52428800\r\n\r\n" +
        std::string(1 << 16, 'x');
    std::string r413 = RawExchange(port, big);
    EXPECT_NE(r413.find("413"), std::string::npos) << r413.substr(0, 200);
    EXPECT_NE(r413.find("payload_too_large"), std::string::npos);
    EXPECT_NE(r413.find("\"status\":413"), std::string::npos) << r413;  // the body agrees with the status line
    EXPECT_NE(r413.find("Payload too large"), std::string::npos) << r413;
    std::string again = RawExchange(port, "GET /after HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    EXPECT_NE(again.find("200 OK"), std::string::npos);
}

TEST(HttpServer, RejectsGarbageAndHugeHeaders) {
    RunningServer s([](Request&) { return Response::Text(200, "ok"); });
    std::string bad = RawExchange(s.server->port(), "NOT HTTP AT ALL\r\n\r\n");
    EXPECT_NE(bad.find("400"), std::string::npos);
    std::string huge = "GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(64 << 10, 'a') + "\r\n\r\n";
    std::string r431 = RawExchange(s.server->port(), huge);
    EXPECT_NE(r431.find("431"), std::string::npos);
    EXPECT_NE(r431.find("\"status\":431"), std::string::npos) << r431.substr(0, 400);
    EXPECT_NE(bad.find("\"status\":400"), std::string::npos) << bad;
}

// The server's own refusals go through on_refused with what was read of the request (its head for a 413;
// nothing for a 431), and the answer written is the one the hook leaves (the Service numbers it and gives a
// browser its page).
TEST(HttpServer, RefusalsPassThroughTheHookWithTheRequestHead) {
    ServerOptions o;
    o.max_body_bytes = 1 << 10;
    std::vector<std::string> seen;
    std::mutex mu;
    o.on_refused = [&](Request& req, Response& resp) {
        std::lock_guard lock(mu);
        seen.push_back(std::to_string(resp.status) + " " + req.method + " " + req.path + " " + req.Header("accept"));
        resp.Header("X-Request-Id", "hooked-" + std::to_string(seen.size()));
    };
    RunningServer s([](Request&) { return Response::Text(200, "ok"); }, o);
    std::string r413 = RawExchange(s.server->port(),
                                   "POST /practices/new HTTP/1.1\r\nHost: t\r\nAccept: text/html\r\n"
                                   "Content-Length: 5000\r\n\r\n" +
                                       std::string(5000, 'x'));
    EXPECT_NE(r413.find("413"), std::string::npos);
    EXPECT_NE(r413.find("X-Request-Id: hooked-1"), std::string::npos) << r413.substr(0, 300);
    std::string r431 =
        RawExchange(s.server->port(), "GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(64 << 10, 'a') + "\r\n\r\n");
    EXPECT_NE(r431.find("X-Request-Id: hooked-2"), std::string::npos) << r431.substr(0, 300);
    std::lock_guard lock(mu);
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0], "413 POST /practices/new text/html");
    EXPECT_EQ(seen[1], "431   ");
}

TEST(HttpServer, GracefulStopFinishesRequestsInFlight) {
    std::atomic<bool> entered{false};
    auto srv = std::make_unique<RunningServer>([&](Request&) {
        entered = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        return Response::Text(200, "finished");
    });
    std::uint16_t port = srv->server->port();
    std::string answer;
    std::thread client([&] { answer = RawExchange(port, "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"); });
    while (!entered) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    srv->server->Stop();
    client.join();
    EXPECT_NE(answer.find("200 OK"), std::string::npos);
    EXPECT_NE(answer.find("finished"), std::string::npos);
    EXPECT_NE(answer.find("Connection: close"), std::string::npos);
    srv.reset();  // Run() returned: the thread joins
    EXPECT_EQ(RawExchange(port, "GET / HTTP/1.1\r\nHost: t\r\n\r\n", 500), "");
}

// A request the blocking predicate picks runs on a worker: while it waits, a quick request on another
// connection of the same (single) event loop is answered; the slow one is answered after, on its own
// connection. Were it run on the loop, the quick request would wait behind it and the client time out.
TEST(HttpServer, ABlockingRequestRunsOnAWorkerAndLeavesTheLoopFree) {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> entered{false};
    ServerOptions o;
    o.threads = 1;
    o.workers = 1;
    o.blocking = [](const Request& r) { return r.path == "/slow"; };
    std::thread::id loop_thread, slow_thread;
    std::mutex mu;
    RunningServer s(
        [&](Request& r) {
            if (r.path == "/slow") {
                {
                    std::lock_guard lock(mu);
                    slow_thread = std::this_thread::get_id();
                }
                entered = true;
                released.wait();
                return Response::Text(200, "slow done");
            }
            std::lock_guard lock(mu);
            loop_thread = std::this_thread::get_id();
            return Response::Text(200, "quick");
        },
        o);
    std::uint16_t port = s.server->port();
    std::string slow;
    std::thread client([&] { slow = RawExchange(port, "GET /slow HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"); });
    while (!entered) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::string quick = RawExchange(port, "GET /quick HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", 3000);
    release.set_value();
    client.join();
    EXPECT_NE(quick.find("quick"), std::string::npos) << "the quick request waited behind the slow one";
    EXPECT_NE(slow.find("200 OK"), std::string::npos);
    EXPECT_NE(slow.find("slow done"), std::string::npos);
    std::lock_guard lock(mu);
    EXPECT_NE(loop_thread, slow_thread);
}

// Stop() while a worker holds a request: the request finishes, its answer is written (Connection: close),
// then Run() returns.
TEST(HttpServer, GracefulStopWaitsForTheWorkers) {
    std::atomic<bool> entered{false};
    ServerOptions o;
    o.blocking = [](const Request&) { return true; };
    auto srv = std::make_unique<RunningServer>(
        [&](Request&) {
            entered = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            return Response::Text(200, "finished on a worker");
        },
        o);
    std::uint16_t port = srv->server->port();
    std::string answer;
    std::thread client([&] { answer = RawExchange(port, "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"); });
    while (!entered) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    srv->server->Stop();
    client.join();
    EXPECT_NE(answer.find("finished on a worker"), std::string::npos);
    EXPECT_NE(answer.find("Connection: close"), std::string::npos);
    srv.reset();
}

// Router::Blocking: the GET paths of routes marked blocking, whatever their parameters; nothing else.
TEST(Router, BlockingNamesTheMarkedGetRoutesOnly) {
    Router r;
    auto ok = [](Request&) { return Response::Text(200, "x"); };
    RouteDoc slow;
    slow.blocking = true;
    r.Add("GET", "/api/v1/export/{kind}", ok, slow);
    r.Add("GET", "/api/v1/practices/{id}", ok);
    r.Add("POST", "/api/v1/import", ok, slow);
    auto blocking = [&](const std::string& method, const std::string& path) {
        Request q;
        q.method = method;
        q.path = path;
        return r.Blocking(q);
    };
    EXPECT_TRUE(blocking("GET", "/api/v1/export/practices"));
    EXPECT_TRUE(blocking("HEAD", "/api/v1/export/practices/"));
    EXPECT_FALSE(blocking("GET", "/api/v1/export"));
    EXPECT_FALSE(blocking("GET", "/api/v1/export/practices/more"));
    EXPECT_FALSE(blocking("GET", "/api/v1/practices/1"));
    EXPECT_FALSE(blocking("GET", "/api/v1/import"));  // marked on POST, which the Service sends to a worker anyway
}

// One keep-alive connection: each Exchange sends a request and reads one whole answer (its head and
// Content-Length bytes of body; none for a 304 or an answer to HEAD).
class KeepAliveClient {
public:
    explicit KeepAliveClient(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        timeval tv{5, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    }
    ~KeepAliveClient() { ::close(fd_); }
    std::string Exchange(const std::string& request, bool head = false) {
        if (!connected_ || ::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) != ssize_t(request.size()))
            return "";
        std::string out;
        char buf[8192];
        std::size_t want = std::string::npos;
        while (want == std::string::npos || out.size() < want) {
            auto n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) break;
            out.append(buf, static_cast<std::size_t>(n));
            auto end = out.find("\r\n\r\n");
            if (want == std::string::npos && end != std::string::npos) {
                std::smatch m;
                std::string head_part = out.substr(0, end);
                bool has_body = !head && head_part.find(" 304 ") == std::string::npos;
                want = end + 4;
                if (has_body && std::regex_search(head_part, m, std::regex("Content-Length: (\\d+)")))
                    want += std::stoul(m[1]);
            }
        }
        return out;
    }

private:
    int fd_;
    bool connected_ = false;
};

std::string WithoutRequestId(const std::string& answer) {
    return std::regex_replace(answer, std::regex("X-Request-Id: [^\r]*\r\n"), "X-Request-Id: *\r\n");
}

// A cached anonymous API answer goes out as bytes serialised once (Service cache → CachedAnswer → the server's
// WireForm): byte for byte what the ordinary path sends, apart from the request id, which is each request's
// own; HEAD, a conditional request and a connection that closes take the ordinary path.
TEST(HttpServer, CachedAnswerIsSentAsTheOrdinaryPathSendsIt) {
    testing::TestEnv env("cached-wire", testing::TestEnvOptions{.demo = true});
    RunningServer s([&env](Request& r) { return env.service->Handle(r); });
    KeepAliveClient client(s.server->port());
    for (const std::string target : {"/api/v1/practices/1", "/api/v1/practices?domain=volunteering&limit=20"}) {
        const std::string get = "GET " + target + " HTTP/1.1\r\nHost: t\r\n\r\n";
        std::string first = client.Exchange(get);   // a miss: the ordinary path, and now cached
        std::string second = client.Exchange(get);  // a hit: the pre-serialised bytes
        std::string third = client.Exchange(get);
        ASSERT_NE(first.find("HTTP/1.1 200 OK\r\n"), std::string::npos) << first.substr(0, 300);
        EXPECT_GT(first.size(), 1000u);
        EXPECT_EQ(WithoutRequestId(second), WithoutRequestId(first)) << target;
        EXPECT_EQ(WithoutRequestId(third), WithoutRequestId(first)) << target;
        std::smatch a, b;
        ASSERT_TRUE(std::regex_search(second, a, std::regex("X-Request-Id: ([^\r]+)\r\n")));
        ASSERT_TRUE(std::regex_search(third, b, std::regex("X-Request-Id: ([^\r]+)\r\n")));
        EXPECT_NE(a[1].str(), b[1].str());
        // A conditional request for a record is answered 304 with the same ETag (lists have none).
        std::smatch etag;
        if (target == "/api/v1/practices/1") {
            ASSERT_TRUE(std::regex_search(first, etag, std::regex("ETag: ([^\r]+)\r\n"))) << first.substr(0, 400);
            std::string not_modified = client.Exchange(
                "GET " + target + " HTTP/1.1\r\nHost: t\r\nIf-None-Match: " + etag[1].str() + "\r\n\r\n");
            EXPECT_NE(not_modified.find("HTTP/1.1 304 Not Modified\r\n"), std::string::npos) << not_modified;
            EXPECT_NE(not_modified.find("ETag: " + etag[1].str()), std::string::npos);
        }
        // HEAD: the same head, no body.
        std::string head = client.Exchange("HEAD " + target + " HTTP/1.1\r\nHost: t\r\n\r\n", true);
        EXPECT_EQ(WithoutRequestId(head), WithoutRequestId(first.substr(0, first.find("\r\n\r\n") + 4)));
        // The connection is still usable after all of them, and a cached answer still arrives whole.
        EXPECT_EQ(WithoutRequestId(client.Exchange(get)), WithoutRequestId(first));
    }
    // HTTP/1.0 and Connection: close take the ordinary path from the cache: the same body, the connection closed.
    std::string first =
        KeepAliveClient(s.server->port()).Exchange("GET /api/v1/practices/1 HTTP/1.1\r\nHost: t\r\n\r\n");
    std::string closing =
        RawExchange(s.server->port(), "GET /api/v1/practices/1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    EXPECT_NE(closing.find("Connection: close\r\n"), std::string::npos);
    EXPECT_EQ(closing.substr(closing.find("\r\n\r\n")), first.substr(first.find("\r\n\r\n")));
    EXPECT_NE(closing.find("X-Request-Id: "), std::string::npos);
    std::string old = RawExchange(s.server->port(), "GET /api/v1/practices/1 HTTP/1.0\r\n\r\n");
    EXPECT_NE(old.find("HTTP/1.0 200 OK\r\n"), std::string::npos) << old.substr(0, 200);
    EXPECT_EQ(old.substr(old.find("\r\n\r\n")), first.substr(first.find("\r\n\r\n")));
}

TEST(Router, MatchesParamsPrefersLiteralsAndAnswers405) {
    Router r;
    r.Add("GET", "/a/{id}", [](Request& q) { return Response::Text(200, "id=" + q.Param("id")); });
    r.Add("GET", "/a/new", [](Request&) { return Response::Text(200, "new"); });
    Request q;
    q.method = "GET";
    q.path = "/a/42";
    EXPECT_EQ(r.Dispatch(q).body, "id=42");
    q.path = "/a/new";
    EXPECT_EQ(r.Dispatch(q).body, "new");
    q.method = "DELETE";
    EXPECT_EQ(r.Dispatch(q).status, 405);
    q.path = "/b";
    EXPECT_EQ(r.Dispatch(q).status, 404);
}

}  // namespace
}  // namespace orientir::http
