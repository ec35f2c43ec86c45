// Practice exchange and federation pages (issue 16; docs/exchange.md): the «Источник» line of external
// records and /federation for curators (installations followed, their poll state, the issues list).
// New page code: markup built with Html (every text escaped).

#include "exchange/federation.hpp"
#include "web/handlers.hpp"
#include "web/pages.hpp"

namespace orientir::web::detail {

namespace {

// A peer's URI as a link only when it is http(s): a peer chooses these strings (no javascript: links).
Html OriginLink(const std::string& uri, const std::string& text) {
    if (uri.rfind("http://", 0) == 0 || uri.rfind("https://", 0) == 0) return Link(uri, text);
    return Text(text);
}

}  // namespace

Error SignInRequired() { return Error{ErrorCode::kUnauthenticated, "sign in", {}, "unauthenticated", {}}; }

std::string ExternalSource(Ctx& ctx, const std::optional<domain::External>& ext) {
    if (!ext) return "";
    Html h;
    h << "<p class=\"notice external-source\">" << Tr(ctx, "exchange.source") << " "
      << Element("strong", "", Text(ext->installation)) << ", " << Tr(ctx, "exchange.record") << " "
      << OriginLink(ext->uri, "№ " + std::to_string(ext->id));
    if (ext->withdrawn) h << " <span class=\"badge stale\">" << Tr(ctx, "exchange.withdrawn") << "</span>";
    h << " <span class=\"muted\">" << Tr(ctx, "exchange.read_only") << "</span></p>";
    return std::move(h).str();
}

namespace {

Html PeerRows(Ctx& ctx, const std::vector<exchange::Peer>& peers) {
    Html h;
    for (const auto& p : peers) {
        const auto& s = p.state;
        Form pf(ctx, {}, {});
        h << "<tr><td>" << p.url << "</td><td>" << (p.installation.empty() ? "—" : p.installation) << "</td><td>"
          << (s.last_poll_at.empty() ? "—" : s.last_poll_at) << "</td><td>" << s.since << "</td><td>" << s.created
          << " / " << s.updated << " / " << s.withdrawn << " / " << s.issues << "</td><td>"
          << (s.last_error.empty() ? Text("—") : Element("span", "error", Text(s.last_error))) << "</td><td>"
          << Html::Trusted(pf.Open("/federation/peers/" + std::to_string(p.id) + "/poll", "form inline") +
                               pf.Submit("feeds.poll_now") + pf.Close(),
                           "Form escapes its fields")
          << "</td></tr>";
    }
    return h;
}

Html IssueRows(const std::vector<exchange::Issue>& issues) {
    Html h;
    for (const auto& i : issues) {
        h << "<tr><td>" << i.at << "</td><td>" << i.kind << "</td><td>" << OriginLink(i.uri, i.uri) << "</td><td>";
        if (i.local_id > 0)
            h << Link("/" + i.local_kind + "s/" + std::to_string(i.local_id), "№ " + std::to_string(i.local_id));
        else
            h << "—";
        h << "</td><td>" << i.message << "</td></tr>";
    }
    return h;
}

Html PeersSection(Ctx& ctx, exchange::FederationService& svc) {
    Html h;
    h << "<section aria-labelledby=\"h-peers\"><h2 id=\"h-peers\">" << Tr(ctx, "federation.peers") << "</h2>";
    auto peers = svc.Peers(ctx.actor);
    if (!peers.ok() || peers->empty())
        return h << "<p class=\"empty\">" << Tr(ctx, "federation.no_peers") << "</p></section>";
    h << "<div class=\"table-wrap\"><table class=\"data\" id=\"peers\"><thead><tr>";
    for (const char* k : {"federation.url", "federation.installation", "federation.last_poll", "federation.cursor",
                          "federation.counts", "feeds.last_error", "federation.poll"})
        h << "<th scope=\"col\">" << Tr(ctx, k) << "</th>";
    return h << "</tr></thead><tbody>" << PeerRows(ctx, *peers) << "</tbody></table></div></section>";
}

}  // namespace

http::Response FederationPage(Ctx& ctx) {
    if (auto allowed = ctx.app.Allows(ctx.actor, app::Duty::kFollowInstallations); !allowed.ok())
        return ErrorPage(ctx, allowed.error());
    auto& svc = exchange::ServiceFor(ctx.app);
    Values v{{"interval_minutes", "15"}};
    Errors errors;
    if (ctx.req.method == "POST") {
        v = ctx.req.FormFields();
        auto n = NumberField(ctx, v, "interval_minutes", errors);
        if (errors.empty()) {
            auto r = svc.AddPeer(ctx.actor, Field(v, "url"), n ? static_cast<int>(*n) : 0);
            if (r.ok()) return RedirectTo("/federation?saved=1");
            AddAppErrors(ctx, r.error(), errors, [](const std::string& f) {
                return f == "url" || f == "interval_minutes" ? f : std::string();
            });
        }
    }
    Html b;
    b << Html::Trusted(Breadcrumbs(ctx, {{"", ctx.T("federation.title")}}), "Breadcrumbs escapes") << "<h1>"
      << Tr(ctx, "federation.title") << "</h1><p class=\"hint\">" << Tr(ctx, "federation.intro") << " "
      << Element("code", "", Text(svc.self().id)) << "</p>";
    if (ctx.req.Query("saved")) b << "<p class=\"flash\" role=\"status\">" << Tr(ctx, "form.saved") << "</p>";
    b << PeersSection(ctx, svc);
    Form f(ctx, v, errors);
    b << "<section aria-labelledby=\"h-follow\"><h2 id=\"h-follow\">" << Tr(ctx, "federation.follow") << "</h2>"
      << Html::Trusted(f.Open("/federation") + f.ErrorSummary() +
                           f.Input("url", "federation.url", {.required = true, .type = "url"}) +
                           f.Input("interval_minutes", "feeds.interval", {.required = true, .type = "number"}) +
                           f.Submit("federation.submit") + f.Close(),
                       "Form escapes its fields")
      << "</section>";
    auto issues = svc.Issues(ctx.actor);
    b << "<section aria-labelledby=\"h-issues\"><h2 id=\"h-issues\">" << Tr(ctx, "federation.issues") << "</h2>";
    if (!issues.ok() || issues->empty()) {
        b << "<p class=\"empty\">" << Tr(ctx, "federation.no_issues") << "</p>";
    } else {
        b << "<div class=\"table-wrap\"><table class=\"data\" id=\"issues\"><thead><tr>";
        for (const char* k :
             {"federation.at", "federation.kind", "federation.record", "federation.local", "federation.message"})
            b << "<th scope=\"col\">" << Tr(ctx, k) << "</th>";
        b << "</tr></thead><tbody>" << IssueRows(*issues) << "</tbody></table></div>";
    }
    b << "</section>";
    return Page(ctx, errors.empty() ? 200 : 422, ctx.T("federation.title"), std::move(b).str());
}

http::Response FederationPollNow(Ctx& ctx) {
    if (!ctx.signed_in()) return ErrorPage(ctx, SignInRequired());
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    auto st = exchange::ServiceFor(ctx.app).RequestPoll(ctx.actor, *id);
    if (!st.ok()) return ErrorPage(ctx, st.error());
    return RedirectTo("/federation?saved=1");
}

}  // namespace orientir::web::detail
