#pragma once
// CSRF protection for HTML forms (double-submit cookie): every response to a browser carries a
// random token in the cookie `orientir_csrf` (SameSite=Strict, HttpOnly); every form includes the
// same token as the hidden field `_csrf`; Service refuses a form POST whose field does not match
// the cookie (403). JSON API calls are not forms: they need Content-Type application/json, which a
// cross-site form cannot send, and they authenticate with a session or token.

#include <string>

#include "http/message.hpp"

namespace orientir::http {

inline constexpr const char* kCsrfCookie = "orientir_csrf";
inline constexpr const char* kCsrfField = "_csrf";

// The token for this request: the cookie's value, or a fresh one (remembered on the request so the
// page and the Set-Cookie agree). Pages put it in <input type="hidden" name="_csrf" value="…">.
std::string CsrfToken(Request& req);
// The hidden input element, ready to insert into a form.
std::string CsrfField(Request& req);
// Sets the cookie on the response when the request had none.
void ApplyCsrfCookie(const Request& req, Response& resp);
// True when the request is a form POST (urlencoded or multipart) with a matching token.
bool CsrfValid(const Request& req);
bool IsFormPost(const Request& req);
// A random URL-safe token of `bytes` random bytes (from /dev/urandom).
std::string RandomToken(std::size_t bytes = 24);

}  // namespace orientir::http
