#pragma once
// Who is on the other end of a request (docs/security.md, «Behind a proxy»). The socket's peer is the
// client unless it is one of the trusted proxies given with `--trusted-proxy`; only then are
// X-Forwarded-For / Forwarded (the client address) and X-Forwarded-Proto / Forwarded proto (https)
// believed. Forwarded headers from anyone else are ignored, so a client cannot choose its address.

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/result.hpp"
#include "http/message.hpp"

namespace orientir::http {

// A set of addresses and networks: "10.0.0.1", "10.0.0.0/8", "::1", "fd00::/8".
class AddressSet {
public:
    // Refuses what is neither an IPv4/IPv6 address nor such an address with a prefix length.
    Status Add(const std::string& spec);
    bool Contains(const std::string& address) const;
    bool empty() const { return nets_.empty(); }

private:
    struct Net {
        unsigned char bytes[16];
        int bits;
        bool v6;
    };
    std::vector<Net> nets_;
};

// Sets req.peer_addr (the socket's peer), req.remote_addr (the client) and req.secure (https at the
// client's end) from the peer and, when the peer is trusted, the forwarded headers: the client is the
// right-most X-Forwarded-For (or Forwarded "for=") address that is not itself a trusted proxy.
void ResolveClient(Request& req, const AddressSet& trusted_proxies);

// A token bucket per client address: `burst` at once, then one every `refill_ms`. Thread-safe.
class RateLimiter {
public:
    RateLimiter(int burst, std::int64_t refill_ms) : burst_(burst), refill_ms_(refill_ms) {}
    // True and one token taken when allowed; false with the seconds to wait otherwise.
    bool Take(const std::string& key, std::int64_t now_ms, std::int64_t* retry_after_s);
    // Gives a token back (the write it was taken for was refused, so it did nothing).
    void Refund(const std::string& key);

private:
    struct Bucket {
        double tokens;
        std::int64_t at_ms;
    };
    int burst_;
    std::int64_t refill_ms_;
    std::mutex mu_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace orientir::http
