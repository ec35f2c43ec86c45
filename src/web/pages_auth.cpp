// Sign-in and sign-out, notifications, the curator's moderation queue and the audit log.
#include <set>

#include "common/json.hpp"
#include "common/strings.hpp"
#include "http/api/auth_api.hpp"
#include "http/csrf.hpp"
#include "web/handlers.hpp"

namespace orientir::web::detail {

namespace {

std::string LoginForm(Ctx& ctx, const std::string& login, const std::string& next, const std::string& message) {
    std::string b = "<div class=\"narrow\"><h1>" + ctx.T("login.title") + "</h1>";
    if (!message.empty())
        b += "<div class=\"notice error\" role=\"alert\" id=\"login-error\"><p>" + message + "</p></div>";
    b += "<form class=\"form\" method=\"post\" action=\"/login\" novalidate>" + http::CsrfField(ctx.req);
    b += "<input type=\"hidden\" name=\"next\" value=\"" + E(next) + "\">";
    b += "<div class=\"field\"><label for=\"f-login\">" + ctx.T("login.login") +
         "</label><input id=\"f-login\" name=\"login\" type=\"text\" "
         "autocomplete=\"username\" value=\"" +
         E(login) + "\" required></div>";
    b += "<div class=\"field\"><label for=\"f-password\">" + ctx.T("login.password") +
         "</label><input id=\"f-password\" name=\"password\" "
         "type=\"password\" autocomplete=\"current-password\" required></div>";
    b += "<div class=\"actions\"><button type=\"submit\" class=\"button primary\">" + ctx.T("login.submit") +
         "</button></div></form>";
    b += "<p class=\"muted\">" + ctx.T("login.hint") + "</p></div>";
    return b;
}

// A record reference of the audit log ("practice:5") as a link to its page.
std::string RecordLink(const std::string& kind, std::int64_t id) {
    static const std::map<std::string, std::string> paths = {{"practice", "/practices/"},
                                                             {"adoption", "/adoptions/"},
                                                             {"organisation", "/organisations/"},
                                                             {"person", "/persons/"}};
    std::string text = E(kind) + "\u00a0№\u00a0" + std::to_string(id);
    auto it = paths.find(kind);
    if (it == paths.end()) return text;
    return "<a href=\"" + it->second + std::to_string(id) + "\">" + text + "</a>";
}

// Top-level fields that differ between two JSON objects (what an audit entry changed).
std::string ChangedFields(const Json& before, const Json& after) {
    std::set<std::string> keys;
    if (before.is_object())
        for (auto it = before.begin(); it != before.end(); ++it) keys.insert(it.key());
    if (after.is_object())
        for (auto it = after.begin(); it != after.end(); ++it) keys.insert(it.key());
    std::string out;
    int n = 0;
    for (const auto& k : keys) {
        if (k == "version" || k == "updated_at" || k == "created_at") continue;
        Json a = before.is_object() && before.contains(k) ? before[k] : Json();
        Json b = after.is_object() && after.contains(k) ? after[k] : Json();
        if (a == b) continue;
        if (n++ == 12) {
            out += " …";
            break;
        }
        out += (out.empty() ? "" : ", ") + std::string("<code>") + E(k) + "</code>";
        if (b.is_string() || b.is_number()) {
            std::string v = b.is_string() ? b.get<std::string>() : b.dump();
            if (v.size() > 60) v = v.substr(0, 57) + "…";
            if (a.is_string() || a.is_number()) {
                std::string w = a.is_string() ? a.get<std::string>() : a.dump();
                if (w.size() > 60) w = w.substr(0, 57) + "…";
                out += ": " + E(w) + " → " + E(v);
            } else {
                out += ": " + E(v);
            }
        }
    }
    return out;
}

}  // namespace

http::Response LoginPage(Ctx& ctx, bool post) {
    if (!post) {
        std::string next = SafeBack(ctx.req.Query("next").value_or(""), "/");
        auto r = Page(ctx, 200, ctx.T("login.title"), LoginForm(ctx, "", next, ""));
        r.Header("Cache-Control", "no-store");
        return r;
    }
    auto f = ctx.req.FormFields();
    std::string login = Field(f, "login");
    std::string next = SafeBack(Field(f, "next"), "/");
    auto password_it = f.find("password");
    std::string password = password_it == f.end() ? "" : password_it->second;
    auto s = ctx.app.auth().Login(login, password, ctx.req.remote_addr);
    if (!s.ok()) {
        bool throttled = s.error().code == ErrorCode::kTooManyRequests;
        auto r = Page(ctx, throttled ? 429 : 401, ctx.T("login.title"),
                      LoginForm(ctx, login, next, ctx.T(throttled ? "login.throttled" : "login.wrong")));
        if (throttled)
            r.Header("Retry-After", std::to_string(ctx.app.auth().RetryAfterSeconds(login, ctx.req.remote_addr)));
        r.Header("Cache-Control", "no-store");
        return r;
    }
    auto r = RedirectTo(next);
    r.Header("Set-Cookie", http::SessionCookie(ctx.req, s->session_token));
    r.Header("Cache-Control", "no-store");
    return r;
}

// Home, with the session cookie cleared.
http::Response SignedOutRedirect(const Ctx& ctx) {
    auto r = RedirectTo("/");
    r.Header("Set-Cookie", http::SessionCookie(ctx.req, "", true));
    return r;
}

http::Response Logout(Ctx& ctx) {
    if (auto c = ctx.req.Cookie(http::kSessionCookie)) ctx.app.auth().Logout(*c);
    return SignedOutRedirect(ctx);
}

// Ends every session of the signed-in user (a lost phone, a shared computer), this one included.
http::Response LogoutEverywhere(Ctx& ctx) {
    if (!ctx.actor.user_id)
        return ErrorPage(ctx, Error{ErrorCode::kUnauthenticated, "sign in", {}, "unauthenticated", {}});
    auto st = ctx.app.auth().LogoutEverywhere(*ctx.actor.user_id);
    if (!st.ok()) return ErrorPage(ctx, st.error());
    return SignedOutRedirect(ctx);
}

http::Response NotificationsPage(Ctx& ctx) {
    if (!ctx.actor.user_id)
        return ErrorPage(ctx, Error{ErrorCode::kUnauthenticated, "sign in", {}, "unauthenticated", {}});
    auto page = ctx.app.ListNotifications(ctx.actor, false, 0, 100);
    if (!page.ok()) return ErrorPage(ctx, page.error());
    std::string b = Breadcrumbs(ctx, {{"", ctx.T("notif.title")}}) + "<h1>" + ctx.T("notif.title") + "</h1>";
    if (ctx.req.Query("saved")) b += "<p class=\"flash\" role=\"status\">" + ctx.T("notif.marked") + "</p>";
    if (page->docs.empty()) {
        b += "<p class=\"empty\">" + ctx.T("notif.none") + "</p>";
    } else {
        b += "<ul class=\"notifications\">";
        for (const auto& d : page->docs) {
            auto j = Json::parse(d.body, nullptr, false);
            if (j.is_discarded()) continue;
            bool read = j.value("read", false);
            std::string link = SafeBack(j.value("link", ""), "");
            std::string text = E(j.value("text", ""));
            b += std::string("<li class=\"") + (read ? "read" : "unread") + "\"><p>";
            if (!read) b += "<span class=\"badge st-pilot\">" + ctx.T("notif.new") + "</span> ";
            b += link.empty() ? text : "<a href=\"" + E(link) + "\">" + text + "</a>";
            b += "</p><p class=\"meta\">" + ctx.Date(j.value("at", "")) + " · " + E(j.value("type", "")) + "</p>";
            if (!read) {
                b += "<form method=\"post\" action=\"/notifications/" + std::to_string(d.id) + "/read\">" +
                     http::CsrfField(ctx.req) + "<button type=\"submit\" class=\"button secondary small\">" +
                     ctx.T("notif.mark_read") + "</button></form>";
            }
            b += "</li>";
        }
        b += "</ul>";
    }
    b += "<p><a href=\"/api/v1/notifications/feed.atom\">" + ctx.T("notif.feed") + "</a></p>";
    b += "<section aria-labelledby=\"h-sessions\"><h2 id=\"h-sessions\">" + ctx.T("notif.sessions") +
         "</h2><p class=\"hint\">" + ctx.T("notif.logout_everywhere_hint") +
         "</p><form method=\"post\" action=\"/logout-everywhere\">" + http::CsrfField(ctx.req) +
         "<button type=\"submit\" class=\"button secondary\" id=\"logout-everywhere\">" +
         ctx.T("notif.logout_everywhere") + "</button></form></section>";
    return Page(ctx, 200, ctx.T("notif.title"), b);
}

http::Response MarkRead(Ctx& ctx) {
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    auto st = ctx.app.MarkNotificationRead(ctx.actor, *id);
    if (!st.ok()) return ErrorPage(ctx, st.error());
    return RedirectTo("/notifications?saved=1");
}

// The moderation buttons of a practice for the actor: submit a draft for review (editors), publish or
// return with a comment (curators). "" when the actor can do nothing.
std::string ModerationControls(Ctx& ctx, const domain::Practice& p, const std::string& back) {
    using S = domain::ModerationState;
    if (!ctx.app.CanWrite(ctx.actor, p)) return "";
    bool staff = ctx.actor.IsStaff();
    std::string id = std::to_string(p.meta.id);
    auto open = [&](const std::string& cls) {
        return "<form class=\"" + cls + "\" method=\"post\" action=\"/practices/" + id + "/moderate\">" +
               http::CsrfField(ctx.req) + "<input type=\"hidden\" name=\"version\" value=\"" +
               std::to_string(p.meta.version) + "\"><input type=\"hidden\" name=\"back\" value=\"" + E(back) + "\">";
    };
    std::string b;
    if (p.state == S::kDraft) {
        b += open("inline") +
             "<input type=\"hidden\" name=\"to\" value=\"on_review\"><button type=\"submit\" class=\"button "
             "secondary\">" +
             ctx.T("mod.submit") + "</button></form>";
    } else if (p.state == S::kOnReview && staff) {
        b +=
            open("inline") +
            "<input type=\"hidden\" name=\"to\" value=\"published\"><button type=\"submit\" class=\"button primary\">" +
            ctx.T("mod.publish") + "</button></form>";
        std::string cid = "mod-comment-" + id;
        b += open("return") + "<input type=\"hidden\" name=\"to\" value=\"draft\"><label for=\"" + cid + "\">" +
             ctx.T("mod.comment") + "</label><input type=\"text\" id=\"" + cid +
             "\" name=\"comment\"><button type=\"submit\" class=\"button secondary\">" + ctx.T("mod.return") +
             "</button></form>";
    } else if (p.state == S::kPublished && staff) {
        b += open("inline") +
             "<input type=\"hidden\" name=\"to\" value=\"archived\"><button type=\"submit\" class=\"button "
             "secondary\">" +
             ctx.T("mod.archive") + "</button></form>";
    }
    return b.empty() ? "" : "<div class=\"moderation\">" + b + "</div>";
}

http::Response ModeratePractice(Ctx& ctx) {
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    if (!ctx.signed_in())
        return ErrorPage(ctx, Error{ErrorCode::kUnauthenticated, "sign in", {}, "unauthenticated", {}});
    auto f = ctx.req.FormFields();
    auto to = domain::ParseModerationState(Field(f, "to"));
    if (!to) return MessagePage(ctx, 400, ctx.T("err.generic_title"), "<p>" + ctx.T("mod.bad_state") + "</p>");
    std::optional<std::int64_t> version;
    if (auto v = ParseInt(Field(f, "version"))) version = *v;
    std::string back = SafeBack(Field(f, "back"), "/practices/" + std::to_string(*id));
    auto r = ctx.app.Moderate(ctx.actor, *id, *to, Field(f, "comment"), version);
    if (!r.ok()) {
        if (r.error().rule == "required")
            return MessagePage(ctx, 422, ctx.T("err.generic_title"),
                               "<p>" + ctx.T("mod.comment_required") + "</p><p><a href=\"" + E(back) + "\">" +
                                   ctx.T("mod.back") + "</a></p>");
        return ErrorPage(ctx, r.error());
    }
    return RedirectTo(back + (back.find('?') == std::string::npos ? "?" : "&") + "saved=1");
}

http::Response ModerationPage(Ctx& ctx) {
    if (!ctx.signed_in())
        return ErrorPage(ctx, Error{ErrorCode::kUnauthenticated, "sign in", {}, "unauthenticated", {}});
    if (!ctx.actor.IsStaff()) return ErrorPage(ctx, Error::Forbidden("moderation"));
    std::string b = Breadcrumbs(ctx, {{"", ctx.T("mod.title")}}) + "<h1>" + ctx.T("mod.title") + "</h1>";
    if (ctx.req.Query("saved")) b += "<p class=\"flash\" role=\"status\">" + ctx.T("form.saved") + "</p>";
    auto section = [&](const char* state, const char* title_key, const char* id) {
        auto l = ctx.app.List<domain::Practice>(ctx.actor, {{{"state", state}}, {}, {}, 0, 100, true});
        std::string s = "<section aria-labelledby=\"h-" + std::string(id) + "\"><h2 id=\"h-" + id + "\">" +
                        ctx.T(title_key) + " <span class=\"count\">" + ctx.Integer(l.ok() ? l->total : 0) +
                        "</span></h2>";
        if (!l.ok() || l->items.empty()) return s + "<p class=\"empty\">" + ctx.T("mod.empty") + "</p></section>";
        s += "<table class=\"data\" id=\"queue-" + std::string(id) + "\"><thead><tr><th scope=\"col\">" +
             ctx.T("col.practice") + "</th><th scope=\"col\">" + ctx.T("col.region") + "</th><th scope=\"col\">" +
             ctx.T("col.updated_at") + "</th><th scope=\"col\">" + ctx.T("mod.actions") + "</th></tr></thead><tbody>";
        for (const auto& p : l->items) {
            s += "<tr><td><a href=\"/practices/" + std::to_string(p.meta.id) + "\">" + E(p.title) + "</a>";
            if (!p.moderation_comment.empty())
                s += "<br><span class=\"muted\">" + ctx.T("mod.last_comment") + " " + E(p.moderation_comment) +
                     "</span>";
            s += "</td><td>" + ctx.RegionName(p.origin.region) + "</td><td>" + ctx.Date(p.meta.updated_at) +
                 "</td><td>" + ModerationControls(ctx, p, "/moderation") + "</td></tr>";
        }
        return s + "</tbody></table></section>";
    };
    b += section("on_review", "mod.on_review", "review");
    b += section("draft", "mod.drafts", "drafts");
    return Page(ctx, 200, ctx.T("mod.title"), b);
}

http::Response AuditPage(Ctx& ctx) {
    if (!ctx.signed_in())
        return ErrorPage(ctx, Error{ErrorCode::kUnauthenticated, "sign in", {}, "unauthenticated", {}});
    if (!ctx.actor.IsStaff()) return ErrorPage(ctx, Error::Forbidden("audit"));
    app::AuditQuery q;
    Values v;
    for (const char* k : {"record", "actor", "from", "to"}) {
        std::string val = std::string(Trim(ctx.req.Query(k).value_or("")));
        v.emplace(k, val);
        if (val.empty()) continue;
        if (std::string(k) == "record") q.record = val;
        if (std::string(k) == "actor") q.actor = val;
        if (std::string(k) == "from") q.from = val;
        if (std::string(k) == "to") q.to = val;
    }
    q.after_id = PagingFrom(ctx.req).after;
    q.limit = 50;
    std::string b = Breadcrumbs(ctx, {{"", ctx.T("audit.title")}}) + "<h1>" + ctx.T("audit.title") + "</h1>";
    Form f(ctx, v, {});
    b += "<form class=\"filters row-form\" method=\"get\" action=\"/audit\">";
    b += f.Input("record", "audit.record", {.hint = ctx.T("audit.record_hint")});
    b += f.Input("actor", "audit.actor");
    b += f.Input("from", "audit.from", {.type = "date"});
    b += f.Input("to", "audit.to", {.type = "date"});
    b += "<div class=\"actions\"><button type=\"submit\" class=\"button\">" + ctx.T("audit.apply") +
         "</button></div></form>";
    auto page = ctx.app.ListAudit(ctx.actor, q);
    if (!page.ok()) return ErrorPage(ctx, page.error());
    if (page->docs.empty()) {
        b += "<p class=\"empty\">" + ctx.T("list.nothing") + "</p>";
    } else {
        b += "<table class=\"data audit\"><thead><tr><th scope=\"col\">" + ctx.T("col.date") +
             "</th><th scope=\"col\">" + ctx.T("audit.actor") + "</th><th scope=\"col\">" + ctx.T("audit.action") +
             "</th><th scope=\"col\">" + ctx.T("audit.record") + "</th><th scope=\"col\">" + ctx.T("audit.changes") +
             "</th></tr></thead><tbody>";
        for (const auto& d : page->docs) {
            auto j = Json::parse(d.body, nullptr, false);
            if (j.is_discarded()) continue;
            std::string at = j.value("at", "");
            std::string who = j.contains("actor") && j["actor"].is_object() ? j["actor"].value("login", "") : "";
            std::string role = j.contains("actor") && j["actor"].is_object() ? j["actor"].value("role", "") : "";
            std::string kind = j.value("kind", "");
            std::int64_t rid = j.value("record_id", static_cast<std::int64_t>(0));
            b += "<tr><td>" + ctx.Date(at) + " " + E(at.size() >= 16 ? at.substr(11, 5) : "") + "</td><td>" + E(who) +
                 " <span class=\"muted\">" + ctx.T("role." + (role.empty() ? std::string("anonymous") : role)) +
                 "</span></td><td>" + E(j.value("action", "")) + "</td><td>" + RecordLink(kind, rid) +
                 " <a class=\"muted\" href=\"/audit?record=" + E(UrlEncode(kind + ":" + std::to_string(rid))) + "\">" +
                 ctx.T("audit.history") + "</a></td><td>" +
                 ChangedFields(j.value("before", Json()), j.value("after", Json())) + "</td></tr>";
        }
        b += "</tbody></table>";
        if (page->next_after) {
            std::string qs;
            for (const auto& [k, val] : v)
                if (!val.empty()) qs += k + "=" + UrlEncode(val) + "&";
            b += "<nav class=\"pager\" aria-label=\"" + ctx.T("list.pages") + "\"><a rel=\"next\" href=\"/audit?" +
                 E(qs) + "after=" + std::to_string(*page->next_after) + "\">" + ctx.T("list.next") + "</a></nav>";
        }
    }
    std::string export_q = "/api/v1/audit/export";
    if (q.record) export_q += "?record=" + UrlEncode(*q.record);
    b += "<p><a href=\"" + E(export_q) + "\">" + ctx.T("audit.export") + "</a></p>";
    return Page(ctx, 200, ctx.T("audit.title"), b);
}

}  // namespace orientir::web::detail
