// Regional news feeds for curators (issue 13; docs/feeds.md): register a feed (title, region, poll
// interval), see every feed's state — last poll, HTTP status, items seen, articles added, facts
// proposed, last error — and one feed's items; ask for a poll now. The queue filtered by feed is
// /review?feed=ID.

#include "common/strings.hpp"
#include "feeds/feeds.hpp"
#include "web/handlers.hpp"

namespace orientir::web::detail {

namespace {

std::string StateCells(Ctx& ctx, const feeds::Feed& f) {
    const auto& s = f.state;
    return "<td>" + (s.last_poll_at.empty() ? ctx.T("feeds.never") : E(s.last_poll_at)) + "</td><td class=\"num\">" +
           (s.http_status ? std::to_string(s.http_status) : "—") + "</td><td class=\"num\">" +
           ctx.Integer(s.items_seen) + "</td><td class=\"num\">" + ctx.Integer(s.articles_added) +
           "</td><td class=\"num\">" + ctx.Integer(s.duplicates) +
           "</td><td class=\"num\"><a href=\"/review?feed=" + std::to_string(f.id) + "\">" +
           ctx.Integer(s.facts_proposed) + "</a></td><td>" +
           (s.last_error.empty() ? "—" : "<span class=\"error\">" + E(s.last_error) + "</span>") + "</td>";
}

std::string StateHead(Ctx& ctx) {
    std::string h;
    for (const char* k : {"feeds.last_poll", "feeds.http_status", "feeds.items_seen", "feeds.articles_added",
                          "feeds.duplicates", "feeds.facts_proposed", "feeds.last_error"})
        h += "<th scope=\"col\">" + ctx.T(k) + "</th>";
    return h;
}

}  // namespace

http::Response FeedsPage(Ctx& ctx) {
    if (auto allowed = ctx.app.Allows(ctx.actor, app::Duty::kManageFeeds); !allowed.ok())
        return ErrorPage(ctx, allowed.error());
    auto& svc = feeds::ServiceFor(ctx.app);
    Values v{{"interval_minutes", "60"}};
    Errors errors;
    if (ctx.req.method == "POST") {
        v = ctx.req.FormFields();
        feeds::FeedInput in;
        in.url = Field(v, "url");
        in.title = Field(v, "title");
        in.region = Field(v, "region");
        auto n = NumberField(ctx, v, "interval_minutes", errors);
        in.interval_minutes = n ? static_cast<int>(*n) : 0;
        if (errors.empty()) {
            auto r = svc.Register(ctx.actor, in);
            if (r.ok()) return RedirectTo("/feeds/" + std::to_string(r->id) + "?saved=1");
            AddAppErrors(ctx, r.error(), errors, [](const std::string& f) {
                return f == "url" || f == "title" || f == "region" || f == "interval_minutes" ? f : std::string();
            });
        }
    }
    std::string b = Breadcrumbs(ctx, {{"/review", ctx.T("review.title")}, {"", ctx.T("feeds.title")}}) + "<h1>" +
                    ctx.T("feeds.title") + "</h1><p class=\"hint\">" + ctx.T("feeds.intro") + "</p>";
    auto list = svc.List(ctx.actor);
    b += "<section aria-labelledby=\"h-feeds\"><h2 id=\"h-feeds\">" + ctx.T("feeds.list") + "</h2>";
    if (!list.ok() || list->empty()) {
        b += "<p class=\"empty\">" + ctx.T("feeds.none") + "</p>";
    } else {
        b += "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th scope=\"col\">" + ctx.T("feeds.feed") +
             "</th><th scope=\"col\">" + ctx.T("review.region") + "</th>" + StateHead(ctx) + "</tr></thead><tbody>";
        for (const auto& f : *list)
            b += "<tr><td><a href=\"/feeds/" + std::to_string(f.id) + "\">" + E(f.title) + "</a></td><td>" +
                 ctx.RegionShort(f.region) + "</td>" + StateCells(ctx, f) + "</tr>";
        b += "</tbody></table></div>";
    }
    b += "</section>";
    Form f(ctx, v, errors);
    b += "<section aria-labelledby=\"h-add\"><h2 id=\"h-add\">" + ctx.T("feeds.add") + "</h2>" + f.Open("/feeds") +
         f.ErrorSummary() +
         f.Input("url", "feeds.url", {.required = true, .type = "url", .hint = ctx.T("feeds.url_hint")}) +
         f.Input("title", "feeds.feed_title", {.required = true}) +
         f.Select("region", "review.region", RegionOptions(ctx), {.required = true}, ctx.T("form.choose")) +
         f.Input("interval_minutes", "feeds.interval", {.required = true, .type = "number"}) +
         f.Submit("feeds.submit") + f.Close() + "</section>";
    return Page(ctx, errors.empty() ? 200 : 422, ctx.T("feeds.title"), b);
}

http::Response FeedPage(Ctx& ctx) {
    if (!ctx.signed_in()) return ErrorPage(ctx, SignInRequired());
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    auto& svc = feeds::ServiceFor(ctx.app);
    auto feed = svc.Get(ctx.actor, *id);
    if (!feed.ok()) return ErrorPage(ctx, feed.error());
    const auto& f = feed.value();
    std::vector<std::pair<std::string, std::string>> trail{
        {"/review", ctx.T("review.title")}, {"/feeds", ctx.T("feeds.title")}, {"", E(f.title)}};
    std::string b = Breadcrumbs(ctx, trail) + "<h1>" + E(f.title) + "</h1>";
    if (ctx.req.Query("saved")) b += "<p class=\"flash\" role=\"status\">" + ctx.T("form.saved") + "</p>";
    if (ctx.req.Query("polled")) b += "<p class=\"flash\" role=\"status\">" + ctx.T("feeds.poll_scheduled") + "</p>";
    b += "<dl class=\"facts-list\"><dt>" + ctx.T("feeds.url") + "</dt><dd>" + E(f.url) + "</dd>";
    if (!f.feed_url.empty() && f.feed_url != f.url)
        b += "<dt>" + ctx.T("feeds.found_feed") + "</dt><dd>" + E(f.feed_url) + "</dd>";
    b += "<dt>" + ctx.T("review.region") + "</dt><dd>" + ctx.RegionLink(f.region) + "</dd><dt>" +
         ctx.T("feeds.interval") + "</dt><dd>" + ctx.Integer(f.interval_minutes) + "</dd></dl>";
    b += "<div class=\"table-wrap\"><table class=\"data\" id=\"feed-state\"><thead><tr>" + StateHead(ctx) +
         "</tr></thead><tbody><tr>" + StateCells(ctx, f) + "</tr></tbody></table></div>";
    Form pf(ctx, {}, {});
    b += pf.Open("/feeds/" + std::to_string(f.id) + "/poll", "form inline") + pf.Submit("feeds.poll_now") + pf.Close();
    b += "<p><a href=\"/review?feed=" + std::to_string(f.id) + "\">" + ctx.T("feeds.to_queue") + "</a></p>";
    auto items = svc.Items(ctx.actor, f.id, 50);
    b += "<section aria-labelledby=\"h-items\"><h2 id=\"h-items\">" + ctx.T("feeds.items") + "</h2>";
    if (!items.ok() || items->empty()) {
        b += "<p class=\"empty\">" + ctx.T("feeds.no_items") + "</p>";
    } else {
        b += "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th scope=\"col\">" + ctx.T("feeds.item") +
             "</th><th scope=\"col\">" + ctx.T("feeds.item_status") + "</th><th scope=\"col\">" +
             ctx.T("feeds.article") + "</th></tr></thead><tbody>";
        for (const auto& it : *items)
            b += "<tr><td>" + E(it.title.empty() ? it.link : it.title) + "<br><span class=\"muted\">" + E(it.link) +
                 "</span></td><td>" + ctx.T("feeds.status_" + it.status) +
                 (it.error.empty() ? "" : ": <span class=\"error\">" + E(it.error) + "</span>") + "</td><td>" +
                 (it.article_id ? "<a href=\"/review?article=" + std::to_string(*it.article_id) + "\">№ " +
                                      std::to_string(*it.article_id) + "</a>"
                                : "—") +
                 "</td></tr>";
        b += "</tbody></table></div>";
    }
    b += "</section>";
    return Page(ctx, 200, E(f.title), b);
}

http::Response FeedPollNow(Ctx& ctx) {
    if (!ctx.signed_in()) return ErrorPage(ctx, SignInRequired());
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    auto st = feeds::ServiceFor(ctx.app).RequestPoll(ctx.actor, *id);
    if (!st.ok()) return ErrorPage(ctx, st.error());
    return RedirectTo("/feeds/" + std::to_string(*id) + "?polled=1");
}

}  // namespace orientir::web::detail
