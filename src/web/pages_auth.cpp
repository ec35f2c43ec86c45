// Sign-in and sign-out, notifications, the curator's moderation queue and the audit log.
#include <set>

#include "common/json.hpp"
#include "common/strings.hpp"
#include "http/api/auth_api.hpp"
#include "http/csrf.hpp"
#include "web/handlers.hpp"
#include "web/html.hpp"

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

// A record of the audit log as a link to its page ("practice № 5").
Html RecordLink(const std::string& kind, std::int64_t id) {
    static const std::map<std::string, std::string> paths = {{"practice", "/practices/"},
                                                             {"adoption", "/adoptions/"},
                                                             {"organisation", "/organisations/"},
                                                             {"person", "/persons/"}};
    Html text = Html() << kind << "\u00a0№\u00a0" << id;
    auto it = paths.find(kind);
    if (it == paths.end()) return text;
    return Link(it->second + std::to_string(id), text);
}

// What an audit entry changed: the first 12 fields, with old → new values where they are text.
Html ChangedFields(const app::AuditEntry& e) {
    Html out;
    int n = 0;
    for (const auto& c : e.changes) {
        if (n++ == 12) {
            out << " …";
            break;
        }
        if (n > 1) out << ", ";
        out << "<code>" << c.field << "</code>";
        if (!c.to.empty() && !c.from.empty())
            out << ": " << ShortenUtf8(c.from, 60) << " → " << ShortenUtf8(c.to, 60);
        else if (!c.to.empty())
            out << ": " << ShortenUtf8(c.to, 60);
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

namespace {
Html NotificationItem(Ctx& ctx, const app::Notification& n) {
    Html li;
    std::string link = SafeBack(n.link, "");
    li << "<li class=\"" << (n.read ? "read" : "unread") << "\"><p>";
    if (!n.read) li << "<span class=\"badge st-pilot\">" << Tr(ctx, "notif.new") << "</span> ";
    if (link.empty())
        li << n.text;
    else
        li << Link(link, n.text);
    li << "</p><p class=\"meta\">" << ctx.Date(n.at) << " · "
       << Html::Trusted(ctx.TOr("notif.type." + n.type, n.type), "catalogue or escaped code") << "</p>";
    if (!n.read) {
        li << "<form method=\"post\" action=\"/notifications/" << n.id << "/read\">" << Csrf(ctx)
           << "<button type=\"submit\" class=\"button secondary small\">" << Tr(ctx, "notif.mark_read")
           << "</button></form>";
    }
    li << "</li>";
    return li;
}
}  // namespace

http::Response NotificationsPage(Ctx& ctx) {
    if (!ctx.actor.user_id)
        return ErrorPage(ctx, Error{ErrorCode::kUnauthenticated, "sign in", {}, "unauthenticated", {}});
    auto page = ctx.app.ListNotifications(ctx.actor, false, 0, 100);
    if (!page.ok()) return ErrorPage(ctx, page.error());
    Html b = Html::Trusted(Breadcrumbs(ctx, {{"", ctx.T("notif.title")}}), "Breadcrumbs escapes its labels");
    b << "<h1>" << Tr(ctx, "notif.title") << "</h1>";
    if (ctx.req.Query("saved")) b << "<p class=\"flash\" role=\"status\">" << Tr(ctx, "notif.marked") << "</p>";
    if (page->items.empty()) {
        b << "<p class=\"empty\">" << Tr(ctx, "notif.none") << "</p>";
    } else {
        b << "<ul class=\"notifications\">";
        for (const auto& n : page->items) b << NotificationItem(ctx, n);
        b << "</ul>";
    }
    b << "<p><a href=\"/api/v1/notifications/feed.atom\">" << Tr(ctx, "notif.feed") << "</a></p>";
    b << "<section aria-labelledby=\"h-sessions\"><h2 id=\"h-sessions\">" << Tr(ctx, "notif.sessions")
      << "</h2><p class=\"hint\">" << Tr(ctx, "notif.logout_everywhere_hint")
      << "</p><form method=\"post\" action=\"/logout-everywhere\">" << Csrf(ctx)
      << "<button type=\"submit\" class=\"button secondary\" id=\"logout-everywhere\">"
      << Tr(ctx, "notif.logout_everywhere") << "</button></form></section>";
    return Page(ctx, 200, ctx.T("notif.title"), std::move(b).str());
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
    bool staff = ctx.app.Allows(ctx.actor, app::Duty::kModerate).ok();
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
    if (auto allowed = ctx.app.Allows(ctx.actor, app::Duty::kModerate); !allowed.ok())
        return ErrorPage(ctx, allowed.error());
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

namespace {
Html AuditRow(Ctx& ctx, const app::AuditEntry& e) {
    std::string role = e.actor_role.empty() ? std::string("anonymous") : e.actor_role;
    Html r;
    r << "<tr><td>" << ctx.Date(e.at) << " " << (e.at.size() >= 16 ? e.at.substr(11, 5) : std::string()) << "</td><td>"
      << e.actor_login << " <span class=\"muted\">" << Tr(ctx, "role." + role) << "</span></td><td>" << e.action
      << "</td><td>" << RecordLink(e.kind, e.record_id)
      << " <a class=\"muted\" href=\"/audit?record=" << UrlEncode(e.kind + ":" + std::to_string(e.record_id)) << "\">"
      << Tr(ctx, "audit.history") << "</a></td><td>" << ChangedFields(e) << "</td></tr>";
    return r;
}
}  // namespace

http::Response AuditPage(Ctx& ctx) {
    if (auto allowed = ctx.app.Allows(ctx.actor, app::Duty::kReadAudit); !allowed.ok())
        return ErrorPage(ctx, allowed.error());
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
    Html t;
    if (page->items.empty()) {
        t << "<p class=\"empty\">" << Tr(ctx, "list.nothing") << "</p>";
    } else {
        t << "<table class=\"data audit\"><thead><tr><th scope=\"col\">" << Tr(ctx, "col.date")
          << "</th><th scope=\"col\">" << Tr(ctx, "audit.actor") << "</th><th scope=\"col\">" << Tr(ctx, "audit.action")
          << "</th><th scope=\"col\">" << Tr(ctx, "audit.record") << "</th><th scope=\"col\">"
          << Tr(ctx, "audit.changes") << "</th></tr></thead><tbody>";
        for (const auto& e : page->items) t << AuditRow(ctx, e);
        t << "</tbody></table>";
        if (page->next_after) {
            std::string qs;
            for (const auto& [k, val] : v)
                if (!val.empty()) qs += k + "=" + UrlEncode(val) + "&";
            t << "<nav class=\"pager\" aria-label=\"" << Tr(ctx, "list.pages") << "\"><a rel=\"next\" href=\"/audit?"
              << qs << "after=" << *page->next_after << "\">" << Tr(ctx, "list.next") << "</a></nav>";
        }
    }
    b += t.str();
    std::string export_q = "/api/v1/audit/export";
    if (q.record) export_q += "?record=" + UrlEncode(*q.record);
    b += "<p><a href=\"" + E(export_q) + "\">" + ctx.T("audit.export") + "</a></p>";
    return Page(ctx, 200, ctx.T("audit.title"), b);
}

}  // namespace orientir::web::detail
