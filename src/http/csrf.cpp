#include "http/csrf.hpp"

#include <fstream>
#include <stdexcept>

#include "common/strings.hpp"

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
}  // namespace

std::string CsrfToken(Request& req) {
    auto it = req.headers.find("x-orientir-csrf-new");
    if (it != req.headers.end()) return it->second;
    auto c = req.Cookie(kCsrfCookie);
    if (c && PlausibleToken(*c)) return *c;
    std::string t = RandomToken();
    req.headers["x-orientir-csrf-new"] = t;  // internal: remembered for ApplyCsrfCookie
    return t;
}

std::string CsrfField(Request& req) {
    return "<input type=\"hidden\" name=\"" + std::string(kCsrfField) + "\" value=\"" + EscapeHtml(CsrfToken(req)) +
           "\">";
}

void ApplyCsrfCookie(const Request& req, Response& resp) {
    auto it = req.headers.find("x-orientir-csrf-new");
    if (it == req.headers.end()) return;
    resp.Header("Set-Cookie", std::string(kCsrfCookie) + "=" + it->second + "; Path=/; HttpOnly; SameSite=Strict");
}

bool IsFormPost(const Request& req) {
    if (req.method != "POST") return false;
    std::string ct = req.Header("content-type");
    return ct.find("application/x-www-form-urlencoded") != std::string::npos ||
           ct.find("multipart/form-data") != std::string::npos || ct.find("text/plain") != std::string::npos;
}

bool CsrfValid(const Request& req) {
    auto cookie = req.Cookie(kCsrfCookie);
    if (!cookie || !PlausibleToken(*cookie)) return false;
    auto fields = req.FormFields();
    auto it = fields.find(kCsrfField);
    if (it == fields.end()) return false;
    const std::string& a = *cookie;
    const std::string& b = it->second;
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;  // constant-time compare
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

}  // namespace orientir::http
