#include "http/api/auth_api.hpp"

#include "app/entities.hpp"
#include "common/strings.hpp"
#include "domain/codec.hpp"
#include "http/api/routes.hpp"

namespace orientir::http {

namespace {

using app::Actor;

std::string XmlEscape(const std::string& s) { return EscapeHtml(s); }

// The wire form of an audit entry: {at, actor:{user_id, login, role}, action, kind, record_id, before, after, id}.
OrderedJson AuditJson(const app::AuditEntry& e) {
    OrderedJson j;
    j["at"] = e.at;
    j["actor"] = {{"user_id", e.actor_user_id ? OrderedJson(*e.actor_user_id) : OrderedJson(nullptr)},
                  {"login", e.actor_login},
                  {"role", e.actor_role}};
    j["action"] = e.action;
    j["kind"] = e.kind;
    j["record_id"] = e.record_id;
    auto doc = [](const std::string& body) {
        auto parsed = OrderedJson::parse(body, nullptr, false);
        return body.empty() || parsed.is_discarded() ? OrderedJson(nullptr) : parsed;
    };
    j["before"] = doc(e.before);
    j["after"] = doc(e.after);
    j["id"] = e.id;
    return j;
}

OrderedJson NotificationJson(const app::Notification& n) {
    return OrderedJson{{"user_id", n.user_id}, {"type", n.type}, {"text", n.text}, {"link", n.link},
                       {"at", n.at},           {"read", n.read}, {"id", n.id}};
}

// 204 with the session cookie cleared.
Response SignedOut(const Request& req) {
    Response resp = Response::Text(204, "");
    resp.Header("Set-Cookie", SessionCookie(req, "", true));
    return resp;
}

}  // namespace

app::Actor ResolveActor(app::App& app, const Request& req) {
    std::string authz = req.Header("authorization");
    if (authz.rfind("Bearer ", 0) == 0) {
        auto u = app.auth().ResolveApiToken(std::string(Trim(authz.substr(7))));
        return u ? app::App::ActorFor(*u) : Actor::Anonymous();
    }
    if (auto c = req.Cookie(kSessionCookie)) {
        auto u = app.auth().ResolveSession(*c);
        if (u) return app::App::ActorFor(*u);
    }
    return Actor::Anonymous();
}

std::string SessionCookie(const Request& req, const std::string& token, bool clear) {
    bool tls = req.secure;  // https at the client's end, as a trusted proxy reports (http/client.hpp)
    std::string c = std::string(kSessionCookie) + "=" + (clear ? "" : token) + "; Path=/; HttpOnly; SameSite=Lax";
    if (tls) c += "; Secure";
    if (clear) c += "; Max-Age=0";
    return c;
}

namespace {

Status ReadAuditQuery(const Request& req, app::AuditQuery& q) {
    for (const auto& [k, v] : req.query) {
        if (k == "record")
            q.record = v;
        else if (k == "actor")
            q.actor = v;
        else if (k == "kind")
            q.kind = v;
        else if (k == "action")
            q.action = v;
        else if (k == "from" || k == "to") {
            if (!IsValidDate(v)) return Error::Invalid(k, "date", k + " must be a date YYYY-MM-DD");
            (k == "from" ? q.from : q.to) = v;
        } else if (k == "limit") {
            auto n = ParseInt(v);
            if (!n || *n < 1 || *n > 500) return Error::Invalid("limit", "range", "limit must be 1..500");
            q.limit = static_cast<int>(*n);
        } else if (k == "cursor") {
            auto n = v.size() > 1 ? ParseInt(v.substr(1)) : std::nullopt;
            if (!n) return Error::Invalid("cursor", "cursor", "cursor must come from next_cursor");
            q.after_id = *n;
        } else if (k != "format") {
            return Error::Invalid(k, "unknown_filter",
                                  "unknown audit filter \"" + k + "\"; allowed: record, actor, kind, action, from, to");
        }
    }
    return Status::Ok();
}

// The Atom feed of a user's notifications.
std::string AtomFeed(const Actor& a, const std::vector<app::Notification>& items, const std::string& updated) {
    std::string x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
    x += "<title>Orientir — уведомления для " + XmlEscape(a.login) + "</title>\n";
    x += "<id>urn:orientir:notifications:" + std::to_string(*a.user_id) + "</id>\n<updated>" + XmlEscape(updated) +
         "</updated>\n";
    for (const auto& n : items) {
        x += "<entry><id>urn:orientir:notification:" + std::to_string(n.id) + "</id><title>" + XmlEscape(n.text) +
             "</title><updated>" + XmlEscape(n.at) + "</updated><link href=\"" + XmlEscape(n.link) +
             "\"/><category term=\"" + XmlEscape(n.type) + "\"/></entry>\n";
    }
    x += "</feed>\n";
    return x;
}

// Sign in and out, the current user, API tokens.
void RegisterSessionRoutes(Service& service) {
    app::App& app = service.app();
    Router& r = service.router();
    auto actor_of = [&service](const Request& q) { return service.actor_resolver()(q); };

    r.Add("POST", "/api/v1/session",
          [&app](Request& req) -> Reply {
              ORIENTIR_ASSIGN(auto body, JsonBody(req));
              std::string login, password;
              ORIENTIR_TRY(ReadJsonObject(body, [&](JsonReader& j) {
                  j.Str("login", login, true, 100);
                  j.Str("password", password, true, 1000);
              }));
              auto s = app.auth().Login(login, password, req.remote_addr);
              if (!s.ok()) {
                  // The one problem that carries a header of its own.
                  Response p = Problem(s.error(), req.path);
                  if (s.error().code == ErrorCode::kTooManyRequests)
                      p.Header("Retry-After", std::to_string(app.auth().RetryAfterSeconds(login, req.remote_addr)));
                  return p;
              }
              Response resp = Response::Json(200, auth::PublicJson(s->user));
              resp.Header("Set-Cookie", SessionCookie(req, s->session_token));
              resp.Header("Cache-Control", "no-store");
              return resp;
          },
          {"Sign in: {login, password} → session cookie (HttpOnly, SameSite=Lax)", "auth", "", "", {}});

    r.Add("DELETE", "/api/v1/session",
          [&app](Request& req) {
              if (auto c = req.Cookie(kSessionCookie)) app.auth().Logout(*c);
              return SignedOut(req);
          },
          {"Sign out of this session", "auth", "", "", {}});

    r.Add("POST", "/api/v1/session/logout-everywhere",
          [&app, actor_of](Request& req) -> Reply {
              ORIENTIR_TRY(app.LogoutEverywhere(actor_of(req)));
              return SignedOut(req);
          },
          {"Sign out of every session of the current user", "auth", "", "", {}});

    r.Add("GET", "/api/v1/me",
          [&app, actor_of](Request& req) -> JsonReply {
              ORIENTIR_ASSIGN(auto u, app.Me(actor_of(req)));
              return auth::PublicJson(u);
          },
          {"The signed-in user", "auth", "", "", {}});

    r.Add("POST", "/api/v1/tokens",
          [&app, actor_of](Request& req) -> Reply {
              ORIENTIR_ASSIGN(auto body, JsonBody(req));
              std::string name;
              ORIENTIR_TRY(ReadJsonObject(body, [&](JsonReader& j) { j.Str("name", name, true, 100); }));
              ORIENTIR_ASSIGN(auto token, app.CreateApiToken(actor_of(req), name));
              Response resp =
                  Response::Json(201, OrderedJson{{"name", name},
                                                  {"token", token},
                                                  {"note", "shown once; send as Authorization: Bearer <token>"}});
              resp.Header("Cache-Control", "no-store");
              return resp;
          },
          {"Create an API token for scripts (shown once)", "auth", "", "", {}});
}

// Users (administrators) and the moderation of practices.
void RegisterUserRoutes(Service& service) {
    app::App& app = service.app();
    Router& r = service.router();
    auto actor_of = [&service](const Request& q) { return service.actor_resolver()(q); };

    r.Add("GET", "/api/v1/users",
          [&app, actor_of](Request& req) -> JsonReply {
              ORIENTIR_ASSIGN(auto users, app.ListUsers(actor_of(req)));
              OrderedJson items = OrderedJson::array();
              for (const auto& u : users) items.push_back(auth::PublicJson(u));
              auto n = static_cast<std::int64_t>(items.size());
              return ListEnvelope(std::move(items), n, std::nullopt);
          },
          {"Users (administrators)", "auth", "", "", {}});

    r.Add("POST", "/api/v1/users",
          [&app, actor_of](Request& req) -> Reply {
              ORIENTIR_ASSIGN(auto body, JsonBody(req));
              auth::User u;
              std::string password;
              ORIENTIR_TRY(ReadJsonObject(body, [&](JsonReader& j) {
                  j.Str("login", u.login, true, 64);
                  j.Str("name", u.name, false, 200);
                  j.Str("email", u.email, false, 200);
                  j.Str("role", u.role, true, 40);
                  j.StrList("regions", u.regions, 100);
                  j.Str("password", password, true, 1000);
                  if (j.Has("organisations")) {
                      j.Ignore("organisations");
                      for (const auto& o : body["organisations"])
                          if (o.is_number_integer()) u.organisations.push_back(o.get<std::int64_t>());
                  }
              }));
              ORIENTIR_ASSIGN(auto created, app.CreateUser(actor_of(req), u, password));
              return Response::Json(201, auth::PublicJson(created));
          },
          {"Create a user (administrators)", "auth", "", "", {}});

    r.Add("POST", "/api/v1/practices/{id}/moderation",
          [&app, actor_of](Request& req) -> Reply {
              ORIENTIR_ASSIGN(auto action, ReadRecordAction(req));
              std::string state, comment;
              ORIENTIR_TRY(ReadJsonObject(action.body, [&](JsonReader& j) {
                  j.Str("state", state, true, 40);
                  j.Str("comment", comment, false, 5000);
              }));
              auto to = domain::ParseModerationState(state);
              if (!to)
                  return Error::Invalid("state", "enum",
                                        "state must be one of: " + domain::AllowedCodesModerationState());
              ORIENTIR_ASSIGN(auto p, app.Moderate(actor_of(req), action.id, *to, comment, action.version));
              Response resp = Response::Json(200, domain::ToJson(p));
              resp.Header("ETag", ETagFor(p.meta.version));
              return resp;
          },
          {"Moderate a practice: {state, comment}; editors submit/withdraw, curators publish/return/archive",
           "practices",
           "",
           "Practice",
           {}});
}

// The audit log and its export.
void RegisterAuditRoutes(Service& service) {
    app::App& app = service.app();
    Router& r = service.router();
    auto actor_of = [&service](const Request& q) { return service.actor_resolver()(q); };

    r.Add("GET", "/api/v1/audit",
          [&app, actor_of](Request& req) -> JsonReply {
              app::AuditQuery q;
              ORIENTIR_TRY(ReadAuditQuery(req, q));
              ORIENTIR_ASSIGN(auto page, app.ListAudit(actor_of(req), q));
              OrderedJson items = OrderedJson::array();
              for (const auto& e : page.items) items.push_back(AuditJson(e));
              auto n = static_cast<std::int64_t>(items.size());
              return ListEnvelope(std::move(items), n, page.next_after);
          },
          {"Audit log: who changed what, when, before and after (curators)",
           "audit",
           "",
           "",
           {"record", "actor", "kind", "action", "from", "to", "limit", "cursor"}});

    r.Add("GET", "/api/v1/audit/export",
          [&app, actor_of](Request& req) -> Reply {
              app::AuditQuery q;
              ORIENTIR_TRY(ReadAuditQuery(req, q));
              q.limit = 500;
              Actor a = actor_of(req);
              std::string out;
              for (int pages = 0; pages < 2000; ++pages) {
                  ORIENTIR_ASSIGN(auto page, app.ListAudit(a, q));
                  for (const auto& e : page.items) out += AuditJson(e).dump() + "\n";
                  if (!page.next_after) break;
                  q.after_id = *page.next_after;
              }
              Response resp = Response::Text(200, std::move(out), "application/x-ndjson; charset=utf-8");
              resp.Header("Content-Disposition", "attachment; filename=\"orientir-audit.jsonl\"");
              return resp;
          },
          {"Export the (filtered) audit log as JSON lines",
           "audit",
           "",
           "",
           {"record", "actor", "kind", "action", "from", "to"},
           true});
}

// The current user's notifications and their Atom feed.
void RegisterNotificationRoutes(Service& service) {
    app::App& app = service.app();
    Router& r = service.router();
    auto actor_of = [&service](const Request& q) { return service.actor_resolver()(q); };

    r.Add("GET", "/api/v1/notifications",
          [&app, actor_of](Request& req) -> JsonReply {
              ORIENTIR_ASSIGN(auto page,
                              app.ListNotifications(actor_of(req), req.Query("unread").value_or("") == "1", 0, 100));
              OrderedJson items = OrderedJson::array();
              for (const auto& n : page.items) items.push_back(NotificationJson(n));
              auto n = static_cast<std::int64_t>(items.size());
              return ListEnvelope(std::move(items), n, std::nullopt);
          },
          {"The current user's notifications (unread=1 for unread only)", "notifications", "", "", {"unread"}});

    r.Add("POST", "/api/v1/notifications/{id}/read",
          [&app, actor_of](Request& req) -> Reply {
              ORIENTIR_ASSIGN(auto id, ParseId(req.Param("id")));
              ORIENTIR_TRY(app.MarkNotificationRead(actor_of(req), id));
              return Response::Text(204, "");
          },
          {"Mark a notification read", "notifications", "", "", {}});

    r.Add("GET", "/api/v1/notifications/feed.atom",
          [&app, actor_of](Request& req) -> Reply {
              Actor a = actor_of(req);
              ORIENTIR_ASSIGN(auto page, app.ListNotifications(a, false, 0, 50));
              std::string updated = page.items.empty() ? app.clock().NowTimestamp() : page.items[0].at;
              return Response::Text(200, AtomFeed(a, page.items, updated), "application/atom+xml; charset=utf-8");
          },
          {"Atom feed of the current user's notifications (use an API token)", "notifications", "", "", {}});
}

}  // namespace

void RegisterAuthRoutes(Service& service) {
    RegisterSessionRoutes(service);
    RegisterUserRoutes(service);
    RegisterAuditRoutes(service);
    RegisterNotificationRoutes(service);
}

}  // namespace orientir::http
