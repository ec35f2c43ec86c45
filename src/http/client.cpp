#include "http/client.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "common/strings.hpp"

namespace orientir::http {

namespace {

// "1.2.3.4", "[::1]", "::1", "1.2.3.4:5678", "[::1]:80" → 16 bytes (IPv4 as such, flagged).
bool ParseAddress(std::string a, unsigned char out[16], bool* v6) {
    a = std::string(Trim(a));
    if (!a.empty() && a.front() == '"' && a.back() == '"' && a.size() >= 2) a = a.substr(1, a.size() - 2);
    if (!a.empty() && a.front() == '[') {
        auto close = a.find(']');
        if (close == std::string::npos) return false;
        a = a.substr(1, close - 1);
    } else if (std::count(a.begin(), a.end(), ':') == 1) {
        a = a.substr(0, a.find(':'));  // IPv4 with a port
    }
    std::memset(out, 0, 16);
    if (inet_pton(AF_INET, a.c_str(), out) == 1) {
        *v6 = false;
        return true;
    }
    if (inet_pton(AF_INET6, a.c_str(), out) == 1) {
        *v6 = true;
        // An IPv4-mapped IPv6 address (::ffff:1.2.3.4) is the IPv4 address.
        static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (std::memcmp(out, kMapped, 12) == 0) {
            std::memmove(out, out + 12, 4);
            std::memset(out + 4, 0, 12);
            *v6 = false;
        }
        return true;
    }
    return false;
}

std::string Canonical(const std::string& a) {
    unsigned char b[16];
    bool v6 = false;
    if (!ParseAddress(a, b, &v6)) return {};
    char buf[INET6_ADDRSTRLEN] = {};
    inet_ntop(v6 ? AF_INET6 : AF_INET, b, buf, sizeof buf);
    return buf;
}

// Client addresses a proxy chain reports, left (original client) to right (the proxy nearest us).
std::vector<std::string> ForwardedChain(const Request& req) {
    std::vector<std::string> out;
    std::string xff = req.Header("x-forwarded-for");
    if (!xff.empty()) {
        for (auto& part : Split(xff, ',')) out.emplace_back(Trim(part));
        return out;
    }
    // RFC 7239: Forwarded: for=192.0.2.60;proto=https, for="[2001:db8::1]"
    std::string fwd = req.Header("forwarded");
    for (auto& element : Split(fwd, ',')) {
        for (auto& pair : Split(element, ';')) {
            std::string p(Trim(pair));
            if (p.size() > 4 &&
                (p.compare(0, 4, "for=") == 0 || p.compare(0, 4, "For=") == 0 || p.compare(0, 4, "FOR=") == 0))
                out.push_back(p.substr(4));
        }
    }
    return out;
}

bool ForwardedHttps(const Request& req) {
    std::string proto = req.Header("x-forwarded-proto");
    if (!proto.empty()) return std::string(Trim(Split(proto, ',').front())) == "https";
    std::string fwd = req.Header("forwarded");
    for (auto& element : Split(fwd, ',')) {
        for (auto& pair : Split(element, ';')) {
            std::string p(Trim(pair));
            std::transform(p.begin(), p.end(), p.begin(), [](unsigned char c) { return std::tolower(c); });
            if (p == "proto=https" || p == "proto=\"https\"") return true;
        }
        break;  // the first element is the one the client's proxy wrote
    }
    return false;
}

}  // namespace

Status AddressSet::Add(const std::string& spec) {
    std::string s(Trim(spec));
    int bits = -1;
    auto slash = s.find('/');
    std::string addr = s.substr(0, slash);
    Net n{};
    if (!ParseAddress(addr, n.bytes, &n.v6))
        return Error::Invalid("trusted-proxy", "address", "\"" + spec + "\" is not an IP address or network (CIDR)");
    int max = n.v6 ? 128 : 32;
    if (slash != std::string::npos) {
        auto b = ParseInt(s.substr(slash + 1));
        if (!b || *b < 0 || *b > max)
            return Error::Invalid("trusted-proxy", "prefix",
                                  "\"" + spec + "\": the prefix length must be 0 to " + std::to_string(max));
        bits = static_cast<int>(*b);
    }
    n.bits = bits < 0 ? max : bits;
    nets_.push_back(n);
    return Status::Ok();
}

bool AddressSet::Contains(const std::string& address) const {
    unsigned char b[16];
    bool v6 = false;
    if (nets_.empty() || !ParseAddress(address, b, &v6)) return false;
    for (const auto& n : nets_) {
        if (n.v6 != v6) continue;
        int full = n.bits / 8, rest = n.bits % 8;
        if (std::memcmp(n.bytes, b, static_cast<std::size_t>(full)) != 0) continue;
        if (rest) {
            auto mask = static_cast<unsigned char>(0xff << (8 - rest));
            if ((n.bytes[full] & mask) != (b[full] & mask)) continue;
        }
        return true;
    }
    return false;
}

void ResolveClient(Request& req, const AddressSet& trusted) {
    if (req.peer_addr.empty()) req.peer_addr = req.remote_addr;
    req.remote_addr = req.peer_addr;
    req.secure = false;
    if (!trusted.Contains(req.peer_addr)) return;
    req.secure = ForwardedHttps(req);
    auto chain = ForwardedChain(req);
    std::reverse(chain.begin(), chain.end());  // nearest hop first
    for (const auto& hop : chain) {
        std::string a = Canonical(hop);
        if (a.empty()) return;  // garbage from the client side: keep the proxy as the client
        req.remote_addr = a;
        if (!trusted.Contains(a)) return;
    }
}

bool RateLimiter::Take(const std::string& key, std::int64_t now_ms, std::int64_t* retry_after_s) {
    std::lock_guard lock(mu_);
    if (buckets_.size() > 100000) buckets_.clear();  // bound memory under a flood of addresses
    auto [it, fresh] = buckets_.try_emplace(key, Bucket{static_cast<double>(burst_), now_ms});
    Bucket& b = it->second;
    if (!fresh) {
        b.tokens = std::min<double>(burst_,
                                    b.tokens + static_cast<double>(now_ms - b.at_ms) / static_cast<double>(refill_ms_));
        b.at_ms = now_ms;
    }
    if (b.tokens >= 1) {
        b.tokens -= 1;
        return true;
    }
    if (retry_after_s)
        *retry_after_s = std::max<std::int64_t>(
            1, static_cast<std::int64_t>((1 - b.tokens) * static_cast<double>(refill_ms_) / 1000 + 0.999));
    return false;
}

void RateLimiter::Refund(const std::string& key) {
    std::lock_guard lock(mu_);
    auto it = buckets_.find(key);
    if (it != buckets_.end()) it->second.tokens = std::min<double>(burst_, it->second.tokens + 1);
}

}  // namespace orientir::http
