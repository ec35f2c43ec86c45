#pragma once
// Tests only: a tiny HTTP/1.1 server on loopback (path → handler) that records every request's headers.
// Used by the news-feed tests and the federation tests (nothing leaves 127.0.0.1).

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace orientir::feeds::test_support {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// A tiny HTTP/1.1 server on loopback: path → handler. Records every request's headers.
class NewsSite {
public:
    struct Reply {
        int status = 200;
        std::string content_type = "text/html; charset=utf-8";
        std::string body;
        std::map<std::string, std::string> headers;
        std::chrono::milliseconds delay{0};
    };
    using Handler = std::function<Reply(const http::request<http::string_body>&)>;

    NewsSite() : acceptor_(ioc_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
        thread_ = std::thread([this] { Serve(); });
    }
    ~NewsSite() {
        stop_ = true;
        beast::error_code ec;
        tcp::socket s(ioc_);
        s.connect(acceptor_.local_endpoint(), ec);  // unblock accept
        thread_.join();
    }
    std::string Url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + path;
    }
    void On(const std::string& path, Handler h) {
        std::lock_guard<std::mutex> l(mu_);
        routes_[path] = std::move(h);
    }
    void Page(const std::string& path, Reply r) {
        On(path, [r](const auto&) { return r; });
    }
    std::vector<std::map<std::string, std::string>> Requests(const std::string& path) {
        std::lock_guard<std::mutex> l(mu_);
        return seen_[path];
    }

private:
    void Serve() {
        while (!stop_) {
            tcp::socket sock(ioc_);
            beast::error_code ec;
            acceptor_.accept(sock, ec);
            if (ec || stop_) continue;
            std::thread([this, s = std::move(sock)]() mutable { Handle(std::move(s)); }).detach();
        }
    }
    void Handle(tcp::socket sock) {
        beast::flat_buffer buf;
        http::request<http::string_body> req;
        beast::error_code ec;
        http::read(sock, buf, req, ec);
        if (ec) return;
        std::string path(req.target());
        Handler h;
        {
            std::lock_guard<std::mutex> l(mu_);
            std::map<std::string, std::string> hs;
            for (const auto& f : req) hs[std::string(f.name_string())] = std::string(f.value());
            seen_[path].push_back(hs);
            auto it = routes_.find(path);
            if (it == routes_.end()) it = routes_.find(path.substr(0, path.find('?')));  // any query
            if (it != routes_.end()) h = it->second;
        }
        Reply r = h ? h(req) : Reply{404, "text/plain", "not found", {}, {}};
        if (r.delay.count()) std::this_thread::sleep_for(r.delay);
        http::response<http::string_body> res{static_cast<http::status>(r.status), 11};
        res.set(http::field::content_type, r.content_type);
        for (const auto& [k, v] : r.headers) res.set(k, v);
        res.body() = r.body;
        res.prepare_payload();
        http::write(sock, res, ec);
        sock.shutdown(tcp::socket::shutdown_both, ec);
    }

    asio::io_context ioc_;
    tcp::acceptor acceptor_;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::mutex mu_;
    std::map<std::string, Handler> routes_;
    std::map<std::string, std::vector<std::map<std::string, std::string>>> seen_;
};

}  // namespace orientir::feeds::test_support
