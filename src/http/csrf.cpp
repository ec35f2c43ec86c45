#include "http/csrf.hpp"

#include <sodium.h>

#include <fstream>
#include <stdexcept>

#include "common/strings.hpp"
#include "http/api/auth_api.hpp"

namespace orientir::http {

std::string RandomToken(std::size_t bytes) {
    static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string raw(bytes, '\0');
    std::ifstream in("/dev/urandom", std::ios::binary);
    in.read(raw.data(), static_cast<std::streamsize>(bytes));
    if (!in) throw std::runtime_error("cannot read /dev/urandom");
    std::string out;
    for (unsigned char c : raw) out += kAlphabet[c & 63];
    return out;
}

namespace {
bool PlausibleToken(const std::string& t) {
    if (t.size() < 16 || t.size() > 64) return false;
    for (char c : t)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
    return true;
}

// The nonce cookie: the __Host- one when the client's end is https, the plain one otherwise.
std::optional<std::string> NonceCookie(const Request& req) {
    auto c = req.Cookie(req.secure ? kCsrfHostCookie : kCsrfCookie);
    if (c && PlausibleToken(*c)) return c;
    return std::nullopt;
}

std::string SessionOf(const Request& req) { return req.Cookie(kSessionCookie).value_or(""); }

bool ConstantTimeEqual(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

// The host part of an origin or Host value, lower-cased ("https://a.example:8080" → "a.example:8080").
std::string HostOf(std::string v) {
    auto scheme = v.find("://");
    if (scheme != std::string::npos) v = v.substr(scheme + 3);
    v = v.substr(0, v.find('/'));
    for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return v;
}

// A browser says where a form came from; refuse what it says is another site.
bool FromThisSite(const Request& req) {
    std::string site = req.Header("sec-fetch-site");
    if (site == "cross-site") return false;
    std::string origin = req.Header("origin");
    if (origin.empty()) return true;  // older browsers, scripts: the token decides
    if (origin == "null") return false;
    std::string host = req.Header("x-forwarded-host");
    if (host.empty() || req.peer_addr == req.remote_addr) host = req.Header("host");
    return !host.empty() && HostOf(origin) == HostOf(host);
}
}  // namespace

std::string CsrfTokenFor(const std::string& nonce, const std::string& session) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    // The session token is the key: only its holder (the browser, HttpOnly) and this server know it.
    const std::string key = "orientir-csrf-v1:" + session;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(nonce.data()), nonce.size());
    crypto_auth_hmacsha256_final(&st, mac);
    char b64[sodium_base64_ENCODED_LEN(sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(b64, sizeof b64, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return nonce + "." + b64;
}

std::string CsrfToken(Request& req) {
    std::string nonce;
    auto it = req.headers.find("x-orientir-csrf-new");
    if (it != req.headers.end()) {
        nonce = it->second;
    } else if (auto c = NonceCookie(req)) {
        nonce = *c;
    } else {
        nonce = RandomToken();
        req.headers["x-orientir-csrf-new"] = nonce;  // internal: remembered for ApplyCsrfCookie
    }
    return CsrfTokenFor(nonce, SessionOf(req));
}

std::string CsrfField(Request& req) {
    return R"(<input type="hidden" name=")" + std::string(kCsrfField) + R"(" value=")" + EscapeHtml(CsrfToken(req)) +
           R"(">)";
}

void ApplyCsrfCookie(const Request& req, Response& resp) {
    auto it = req.headers.find("x-orientir-csrf-new");
    if (it == req.headers.end()) return;
    if (req.secure)
        resp.Header("Set-Cookie",
                    std::string(kCsrfHostCookie) + "=" + it->second + "; Path=/; Secure; HttpOnly; SameSite=Strict");
    else
        resp.Header("Set-Cookie", std::string(kCsrfCookie) + "=" + it->second + "; Path=/; HttpOnly; SameSite=Strict");
}

bool IsFormPost(const Request& req) {
    if (req.method != "POST") return false;
    std::string ct = req.Header("content-type");
    return ct.find("application/x-www-form-urlencoded") != std::string::npos ||
           ct.find("multipart/form-data") != std::string::npos || ct.find("text/plain") != std::string::npos;
}

bool CsrfValid(const Request& req) {
    if (!FromThisSite(req)) return false;
    auto nonce = NonceCookie(req);
    if (!nonce) return false;
    auto fields = req.FormFields();
    auto it = fields.find(kCsrfField);
    if (it == fields.end()) return false;
    return ConstantTimeEqual(CsrfTokenFor(*nonce, SessionOf(req)), it->second);
}

}  // namespace orientir::http
