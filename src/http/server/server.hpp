#pragma once
// HttpServer: the only place that knows Boost.Beast/Asio. Accepts HTTP/1.1 connections, reads a
// request within limits (header and body size, read and idle timeouts), hands it to a plain
// Request → Response function, and writes the answer. Stop() is graceful: the listener closes,
// requests in flight finish and are answered with "Connection: close", idle connections close,
// then Run() returns.
//
// Threads: `threads` event loops, each its own io_context run by one thread; a new connection goes to
// the next loop in turn and stays there, so a connection's reads, handler and writes never change
// thread and the loops share nothing but the listener. A request the `blocking` predicate picks (one
// that waits on the disk or computes for long) runs on a pool of `workers` threads instead, and its
// answer is written back from the connection's loop: a slow export never holds up the quick requests
// of the other connections on its loop.
//
// Thread safety: Start, Run and Stop may be called from different threads; Stop is also safe from
// a signal-watching thread.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "http/message.hpp"

namespace orientir::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;  // 0: any free port (see HttpServer::port())
    int threads = 2;            // event loops
    int workers = 2;            // threads for the requests `blocking` picks
    // Requests to run on the worker pool rather than on their connection's loop; unset: none.
    std::function<bool(const Request&)> blocking;
    std::size_t max_body_bytes = 10u << 20;
    std::size_t max_header_bytes = 16u << 10;
    std::chrono::seconds read_timeout{30};
    std::chrono::seconds idle_timeout{60};
    bool handle_signals = true;  // SIGTERM/SIGINT trigger a graceful Stop()
    // Called on the signal (io) thread with SIGTERM/SIGINT before stopping, and with SIGHUP, which is
    // watched only when this is set and does nothing else (the caller reloads what it can).
    std::function<void(int)> on_signal;
    // Called with the server's own refusals (413 body too large, 431 headers too large, 400 malformed) before
    // they are written: the request as far as it was read (method, path and headers when the head was read
    // whole; empty otherwise) and the problem+json answer, which it may change (the Service numbers it and
    // gives a browser its HTML page: Service::Refused).
    std::function<void(Request&, Response&)> on_refused;
};

// Parses one raw HTTP/1.1 request the way a connection does (the same parser, limits and conversion
// to Request); false when the bytes are not one complete request within the limits. For the fuzzer.
bool ParseRawRequest(std::string_view bytes, Request& out, const ServerOptions& limits = {});

class HttpServer {
public:
    using HandlerFn = std::function<Response(Request&)>;
    HttpServer(ServerOptions options, HandlerFn handler);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and listens; an error names the address (e.g. the port is taken).
    Status Start();
    std::uint16_t port() const;
    // Serves on `threads` threads until Stop(); returns when every connection has finished.
    void Run();
    void Stop();

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace orientir::http
