#include "http/server/server.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>

#include <array>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "common/log.hpp"
#include "common/strings.hpp"

namespace orientir::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

Request ToRequest(const bhttp::request<bhttp::string_body>& in, const std::string& remote) {
    Request r;
    r.method = std::string(in.method_string());
    r.target = std::string(in.target());
    auto q = r.target.find('?');
    r.path = UrlDecode(r.target.substr(0, q), false);
    if (q != std::string::npos) r.query = ParseQueryString(r.target.substr(q + 1));
    for (const auto& f : in) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto& slot = r.headers[name];
        if (!slot.empty()) slot += ", ";
        slot.append(f.value().data(), f.value().size());
    }
    r.body = in.body();
    r.remote_addr = remote;
    return r;
}

}  // namespace

bool ParseRawRequest(std::string_view bytes, Request& out, const ServerOptions& limits) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.eager(true);
    parser.body_limit(limits.max_body_bytes);
    parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
    beast::error_code ec;
    std::size_t at = 0;
    while (!parser.is_done() && at < bytes.size()) {
        std::size_t used = parser.put(net::buffer(bytes.data() + at, bytes.size() - at), ec);
        if (ec == bhttp::error::need_more) ec = {};
        if (ec || used == 0) break;
        at += used;
    }
    if (!ec && !parser.is_done()) parser.put_eof(ec);
    if (ec || !parser.is_done()) return false;
    out = ToRequest(parser.get(), "192.0.2.1");
    return true;
}

namespace {

template <class Body>
void SetHead(bhttp::response<Body>& out, Response& r, bool keep_alive) {
    out.set(bhttp::field::server, "Orientir");
    if (!r.content_type.empty() && r.status != 204 && r.status != 304)
        out.set(bhttp::field::content_type, r.content_type);
    for (auto& [k, v] : r.headers) out.insert(k, v);
    out.keep_alive(keep_alive);
}

bhttp::response<bhttp::string_body> ToBeast(Response&& r, unsigned version, bool keep_alive, bool head) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(r.status), version};
    SetHead(out, r, keep_alive);
    if (head) {
        std::error_code ec;
        out.content_length(r.file.empty() ? r.body.size() : std::filesystem::file_size(r.file, ec));
    } else {
        out.body() = std::move(r.body);
        if (r.status != 204 && r.status != 304) out.prepare_payload();
    }
    return out;
}

// The bytes of a cached answer as ToBeast writes them for an HTTP/1.1 keep-alive GET, with an X-Request-Id
// added last, split around that header's value (a mark put there and cut out).
CachedAnswer::Wire SerialiseCached(const Response& cached) {
    static constexpr std::string_view kMark = "{orientir-request-id}";
    Response r = cached;
    r.Header("X-Request-Id", std::string(kMark));
    std::ostringstream os;
    os << ToBeast(std::move(r), 11, true, false);
    std::string bytes = std::move(os).str();
    auto at = bytes.rfind(std::string("X-Request-Id: ").append(kMark));
    if (at == std::string::npos) throw std::logic_error("the request id mark is missing from a serialised answer");
    at += std::string_view("X-Request-Id: ").size();
    return {bytes.substr(0, at), bytes.substr(at + kMark.size())};
}

// A cache hit (Response::cached) made whole for the ordinary path: the cached answer with the hit's headers.
Response Unshare(Response&& hit) {
    Response r = hit.cached->response;
    for (auto& h : hit.headers) r.headers.push_back(std::move(h));
    return r;
}

}  // namespace

class HttpServer::Impl {
public:
    Impl(ServerOptions o, HandlerFn h)
        : opts_(std::move(o)),
          handler_(std::move(h)),
          loops_(MakeLoops(opts_.threads)),
          acceptor_(*loops_[0]),
          signals_(*loops_[0]) {
        for (auto& loop : loops_) guards_.emplace_back(loop->get_executor());
        if (opts_.blocking) pool_.emplace(static_cast<std::size_t>(std::max(1, opts_.workers)));
    }

    static std::vector<std::unique_ptr<net::io_context>> MakeLoops(int n) {
        std::vector<std::unique_ptr<net::io_context>> loops;
        for (int i = 0; i < std::max(1, n); ++i) loops.push_back(std::make_unique<net::io_context>(1));
        return loops;
    }

    // The handler's answer; an exception becomes a 500 problem.
    Response Call(Request& req) {
        try {
            return handler_(req);
        } catch (const std::exception& e) {
            log::Error("handler threw", {{"error", e.what()}});
            return Problem(Error{ErrorCode::kInternal, "internal error", {}, "internal", {}});
        }
    }

    class Session : public std::enable_shared_from_this<Session> {
    public:
        Session(tcp::socket&& s, Impl& server) : stream_(std::move(s)), server_(server) {
            beast::error_code ec;
            auto ep = stream_.socket().remote_endpoint(ec);
            if (!ec) remote_ = ep.address().to_string();
        }
        void Start() {
            net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::Read, shared_from_this()));
        }
        // Called on shutdown: closes the connection if it is waiting for a request.
        void CloseIfIdle() {
            net::post(stream_.get_executor(), [self = shared_from_this()] {
                if (!self->busy_) {
                    beast::error_code ec;
                    self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
                    self->stream_.close();
                }
            });
        }

    private:
        void Read() {
            busy_ = false;
            if (server_.stopping_) return Close();
            parser_.emplace();
            parser_->body_limit(server_.opts_.max_body_bytes);
            parser_->header_limit(static_cast<std::uint32_t>(server_.opts_.max_header_bytes));
            stream_.expires_after(first_ ? server_.opts_.read_timeout : server_.opts_.idle_timeout);
            first_ = false;
            bhttp::async_read(stream_, buffer_, *parser_,
                              beast::bind_front_handler(&Session::OnRead, shared_from_this()));
        }

        void OnRead(beast::error_code ec, std::size_t) {
            if (ec == bhttp::error::end_of_stream || ec == net::error::operation_aborted ||
                ec == beast::error::timeout || ec == net::error::connection_reset || ec == net::error::bad_descriptor) {
                return Close();
            }
            busy_ = true;
            if (ec == bhttp::error::body_limit) {
                // Refused on its Content-Length as the head ends (before the parser calls the head done): the
                // method, target and fields are read.
                return SendError(413, "payload_too_large",
                                 "the request body is larger than the limit of " +
                                     std::to_string(server_.opts_.max_body_bytes) + " bytes",
                                 true);
            }
            if (ec == bhttp::error::header_limit) {
                return SendError(431, "headers_too_large",
                                 "the request headers are larger than the limit of " +
                                     std::to_string(server_.opts_.max_header_bytes) + " bytes");
            }
            if (ec) return SendError(400, "bad_request", "malformed HTTP request: " + ec.message());
            auto msg = parser_->release();
            Request req = ToRequest(msg, remote_);
            req.wire_ok = msg.method() == bhttp::verb::get && msg.version() == 11 && msg.keep_alive();
            version_ = msg.version();
            keep_alive_ = msg.keep_alive();
            head_ = msg.method() == bhttp::verb::head;
            if (server_.pool_ && server_.opts_.blocking(req)) {
                // The connection waits (it reads nothing more) while a worker handles the request; the answer
                // comes back to this connection's loop, which the work guard keeps running meanwhile.
                auto loop = stream_.get_executor();
                net::post(*server_.pool_, [self = shared_from_this(), loop, req = std::move(req),
                                           guard = net::make_work_guard(loop)]() mutable {
                    Response resp = self->server_.Call(req);
                    net::post(loop, [self, req = std::move(req), resp = std::move(resp)]() mutable {
                        self->Answer(req, std::move(resp));
                    });
                });
                return;
            }
            Response resp = server_.Call(req);
            Answer(req, std::move(resp));
        }

        // Writes the handler's answer to the request just read (on the connection's loop).
        void Answer(const Request& req, Response&& resp) {
            bool keep = keep_alive_ && !server_.stopping_;
            if (resp.cached) {
                if (req.wire_ok && keep) return WriteCached(std::move(resp));
                resp = Unshare(std::move(resp));
            }
            if (!resp.file.empty() && !head_ && resp.status == 200) return WriteFile(std::move(resp), version_, keep);
            Write(ToBeast(std::move(resp), version_, keep, head_));
        }

        // A Response::File: the file streamed by Beast in chunks.
        void WriteFile(Response&& resp, unsigned version, bool keep) {
            bhttp::file_body::value_type body;
            beast::error_code ec;
            body.open(resp.file.c_str(), beast::file_mode::scan, ec);
            if (ec) {
                log::Error("cannot open a response file", {{"file", resp.file}, {"error", ec.message()}});
                return Write(ToBeast(Problem(Error{ErrorCode::kInternal, "internal error", {}, "internal", {}}),
                                     version, keep, false));
            }
            bhttp::response<bhttp::file_body> out{bhttp::status::ok, version};
            SetHead(out, resp, keep);
            out.body() = std::move(body);
            out.prepare_payload();
            Write(std::move(out));
        }

        // A cached answer: its bytes, made once per cached answer, with this request's id spliced in; one write
        // of three buffers, no serializer.
        void WriteCached(Response&& hit) {
            const auto& wire = hit.cached->WireForm(&SerialiseCached);
            wire_id_ = hit.HeaderValue("X-Request-Id");
            std::array<net::const_buffer, 3> buffers{net::buffer(wire.before_id), net::buffer(wire_id_),
                                                     net::buffer(wire.after_id)};
            stream_.expires_after(server_.opts_.read_timeout);
            net::async_write(
                stream_, buffers,
                [self = shared_from_this(), answer = std::move(hit.cached)](beast::error_code ec, std::size_t) {
                    if (ec) return self->Close();
                    self->Read();
                });
        }

        void SendError(int status, const std::string& rule, const std::string& message, bool head_read = false) {
            // the status in the problem's body is the one on the status line
            Request req;
            if (parser_ && (head_read || parser_->is_header_done())) req = ToRequest(parser_->get(), remote_);
            req.body.clear();
            Response r = Problem(Error{ErrorCode::kInvalidArgument, message, {}, rule, {}}, req.path, status);
            if (server_.opts_.on_refused) {
                try {
                    server_.opts_.on_refused(req, r);
                } catch (const std::exception& e) {
                    log::Error("refusal hook threw", {{"error", e.what()}});
                }
            }
            Write(ToBeast(std::move(r), 11, false, false));
        }

        template <class Body>
        void Write(bhttp::response<Body>&& res) {
            auto sp = std::make_shared<bhttp::response<Body>>(std::move(res));
            stream_.expires_after(server_.opts_.read_timeout);
            bhttp::async_write(stream_, *sp, [self = shared_from_this(), sp](beast::error_code ec, std::size_t) {
                if (ec || !sp->keep_alive()) return self->Close();
                self->Read();
            });
        }

        void Close() {
            busy_ = false;
            beast::error_code ec;
            stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
            stream_.close();
        }

        beast::tcp_stream stream_;
        Impl& server_;
        beast::flat_buffer buffer_;
        std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
        std::string remote_;
        std::string wire_id_;    // the request id of the cached answer being written
        unsigned version_ = 11;  // of the request being answered
        bool keep_alive_ = false;
        bool head_ = false;
        bool first_ = true;
        bool busy_ = false;
    };

    Status Start() {
        beast::error_code ec;
        auto addr = net::ip::make_address(opts_.host, ec);
        if (ec) return Error::Invalid("listen", "address", "cannot parse listen address \"" + opts_.host + "\"");
        tcp::endpoint ep{addr, opts_.port};
        acceptor_.open(ep.protocol(), ec);
        if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
        if (!ec) acceptor_.bind(ep, ec);
        if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
        if (ec) {
            return Error{ErrorCode::kUnavailable,
                         "cannot listen on " + opts_.host + ":" + std::to_string(opts_.port) + ": " + ec.message(),
                         "listen",
                         "listen",
                         {}};
        }
        port_ = acceptor_.local_endpoint().port();
        if (opts_.handle_signals) {
            signals_.add(SIGTERM);
            signals_.add(SIGINT);
            if (opts_.on_signal) signals_.add(SIGHUP);
            WaitSignal();
        }
        Accept();
        return Status::Ok();
    }

    void WaitSignal() {
        signals_.async_wait([this](beast::error_code e, int sig) {
            if (e) return;
            if (opts_.on_signal) opts_.on_signal(sig);
            if (sig == SIGHUP) {
                WaitSignal();
                return;
            }
            log::Info("signal received; shutting down gracefully", {{"signal", std::to_string(sig)}});
            Stop();
        });
    }

    // Each new connection goes to the next loop in turn.
    void Accept() {
        auto& loop = *loops_[next_loop_++ % loops_.size()];
        acceptor_.async_accept(loop.get_executor(), [this](beast::error_code ec, tcp::socket socket) {
            if (ec) {
                if (stopping_) return;
                if (ec != net::error::operation_aborted) Accept();
                return;
            }
            auto s = std::make_shared<Session>(std::move(socket), *this);
            {
                std::lock_guard lock(mu_);
                // Drop expired entries as we go, so the set stays small.
                for (auto it = sessions_.begin(); it != sessions_.end();)
                    it = it->expired() ? sessions_.erase(it) : std::next(it);
                sessions_.insert(s);
            }
            s->Start();
            if (!stopping_) Accept();
        });
    }

    void Run() {
        std::vector<std::thread> threads;
        for (std::size_t i = 1; i < loops_.size(); ++i) threads.emplace_back([this, i] { loops_[i]->run(); });
        loops_[0]->run();
        for (auto& t : threads) t.join();
        if (pool_) pool_->join();
    }

    // The listener closes, idle connections close, and each loop returns from run() once its connections
    // (and their requests on the workers) have finished.
    void Stop() {
        if (stopping_.exchange(true)) return;
        net::post(*loops_[0], [this] {
            beast::error_code ec;
            acceptor_.close(ec);
            signals_.cancel(ec);
            {
                std::lock_guard lock(mu_);
                for (auto& w : sessions_)
                    if (auto s = w.lock()) s->CloseIfIdle();
            }
            for (auto& g : guards_) g.reset();
        });
    }

    ServerOptions opts_;
    HandlerFn handler_;
    std::vector<std::unique_ptr<net::io_context>> loops_;  // one per thread; loops_[0] also listens
    std::vector<net::executor_work_guard<net::io_context::executor_type>> guards_;  // until Stop()
    tcp::acceptor acceptor_;
    net::signal_set signals_;
    std::optional<net::thread_pool> pool_;  // for the requests opts_.blocking picks
    std::size_t next_loop_ = 0;             // touched by the accept handler only (loops_[0])
    std::atomic<bool> stopping_{false};
    std::uint16_t port_ = 0;
    std::mutex mu_;
    std::set<std::weak_ptr<Session>, std::owner_less<std::weak_ptr<Session>>> sessions_;
};

HttpServer::HttpServer(ServerOptions options, HandlerFn handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}
HttpServer::~HttpServer() = default;
Status HttpServer::Start() { return impl_->Start(); }
std::uint16_t HttpServer::port() const { return impl_->port_; }
void HttpServer::Run() { impl_->Run(); }
void HttpServer::Stop() { impl_->Stop(); }

}  // namespace orientir::http
