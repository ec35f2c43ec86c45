#pragma once
// Sign-in, sessions, API tokens, users, moderation, audit log and notifications over HTTP.

#include "http/service.hpp"

namespace orientir::http {

inline constexpr const char* kSessionCookie = "orientir_session";

// The actor of a request: a Bearer API token, else the session cookie, else anonymous.
app::Actor ResolveActor(app::App& app, const Request& req);
// Set-Cookie value for a session (Secure behind TLS, as told by X-Forwarded-Proto).
std::string SessionCookie(const Request& req, const std::string& token, bool clear = false);

void RegisterAuthRoutes(Service& service);

}  // namespace orientir::http
