#pragma once
// CSRF protection for HTML forms: a signed double-submit token bound to the session.
// - Every response to a browser carries a random nonce in the cookie `orientir_csrf` (SameSite=Strict,
//   HttpOnly; `__Host-orientir_csrf` with Secure when the client's end is https, http/client.hpp).
// - Forms carry `_csrf` = nonce "." HMAC-SHA256(key = the session token, nonce): a token is good only
//   with the session it was made for, so a planted cookie with a matching field does not pass, and
//   a token from one session does not work in another.
// - A form post with an Origin of another site, or Sec-Fetch-Site: cross-site, is refused as well
//   (this covers the sign-in form, where there is no session yet).
// Service refuses a form POST that fails any of these (403). JSON API calls are not forms: they need
// Content-Type application/json, which a cross-site form cannot send, and authenticate with a session
// or token.

#include <string>

#include "http/message.hpp"

namespace orientir::http {

inline constexpr const char* kCsrfCookie = "orientir_csrf";
inline constexpr const char* kCsrfHostCookie = "__Host-orientir_csrf";
inline constexpr const char* kCsrfField = "_csrf";

// The form token for this request: made from the cookie's nonce (or a fresh one, remembered on the
// request so the page and the Set-Cookie agree) and the request's session. Pages put it in
// <input type="hidden" name="_csrf" value="…">.
std::string CsrfToken(Request& req);
// The token for a nonce and a session token ("" when signed out).
std::string CsrfTokenFor(const std::string& nonce, const std::string& session);
// The hidden input element, ready to insert into a form.
std::string CsrfField(Request& req);
// Sets the cookie on the response when the request had none.
void ApplyCsrfCookie(const Request& req, Response& resp);
// True when the request is a form POST whose token matches its nonce cookie and session, from this site.
bool CsrfValid(const Request& req);
bool IsFormPost(const Request& req);
// A random URL-safe token of `bytes` random bytes (from /dev/urandom).
std::string RandomToken(std::size_t bytes = 24);

}  // namespace orientir::http
