// Freshness on the pages (issue 16; docs/web.md, «Freshness»): the «требует подтверждения» and
// «прекращено?» badges, the one-click Confirm button of owners and curators, and /freshness for
// curators (the share of stale records per region and domain). New page code: markup built with Html.

#include "analytics/snapshot.hpp"
#include "app/freshness.hpp"
#include "web/handlers.hpp"
#include "web/pages.hpp"

namespace orientir::web::detail {

std::string FreshnessBadge(Ctx& ctx, app::Freshness f) {
    if (f == app::Freshness::kFresh) return "";
    Html h;
    h << " <span class=\"badge stale\" data-freshness=\"" << app::Code(f) << "\">"
      << Tr(ctx,
            f == app::Freshness::kMaybeDiscontinued ? "freshness.maybe_discontinued" : "freshness.needs_confirmation")
      << "</span>";
    return std::move(h).str();
}

std::string SnapshotFreshnessBadge(Ctx& ctx, const analytics::Snapshot& s, bool adoption, domain::Id id) {
    std::int32_t day = analytics::kNoDay;
    if (adoption) {
        auto it = s.adoption_by_id.find(id);
        if (it == s.adoption_by_id.end()) return "";
        const auto& a = s.adoptions[static_cast<std::size_t>(it->second)];
        if (!analytics::IsActive(a.stage)) return "";  // a discontinued adoption has nothing to confirm
        day = a.confirmed_day;
    } else {
        int i = s.PracticeIndex(id);
        if (i < 0) return "";
        day = s.practices[static_cast<std::size_t>(i)].confirmed_day;
    }
    if (day == analytics::kNoDay) return "";
    return FreshnessBadge(ctx, app::FreshnessInfoOn(ctx.app, analytics::DateOf(day), adoption).state);
}

template <class T>
std::string ConfirmControl(Ctx& ctx, const T& v, const std::string& path) {
    if (v.external || !ctx.signed_in() || !ctx.app.CanWrite(ctx.actor, v)) return "";
    Form f(ctx, {}, {});
    return f.Open(path + "/confirm", "form inline") + f.Submit("freshness.confirm") + f.Close();
}
template std::string ConfirmControl(Ctx&, const domain::Practice&, const std::string&);
template std::string ConfirmControl(Ctx&, const domain::Adoption&, const std::string&);

http::Response ConfirmRecord(Ctx& ctx, const std::string& kind) {
    if (!ctx.signed_in()) return ErrorPage(ctx, SignInRequired());
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    if (kind == "practice") {
        auto p = app::ConfirmPractice(ctx.app, ctx.actor, *id);
        if (!p.ok()) return ErrorPage(ctx, p.error());
    } else {
        auto a = app::ConfirmAdoption(ctx.app, ctx.actor, *id);
        if (!a.ok()) return ErrorPage(ctx, a.error());
    }
    return RedirectTo("/" + kind + "s/" + std::to_string(*id) + "?saved=1");
}

namespace {

Html SharesTable(Ctx& ctx, const std::vector<app::StaleShare>& rows, bool regions, const char* id) {
    Html h;
    h << "<div class=\"table-wrap\"><table class=\"data\" id=\"" << id << "\"><thead><tr><th scope=\"col\">"
      << Tr(ctx, regions ? "review.region" : "freshness.domain") << "</th><th scope=\"col\">"
      << Tr(ctx, "freshness.total") << "</th><th scope=\"col\">" << Tr(ctx, "freshness.needs_confirmation")
      << "</th><th scope=\"col\">" << Tr(ctx, "freshness.maybe_discontinued") << "</th><th scope=\"col\">"
      << Tr(ctx, "freshness.share") << "</th></tr></thead><tbody>";
    for (const auto& s : rows) {
        int percent = s.total ? (s.stale * 100 + s.total / 2) / s.total : 0;
        h << "<tr><td>" << Html::Trusted(regions ? ctx.RegionLink(s.key) : ctx.DomainName(s.key), "Ctx escapes names")
          << "</td><td>" << s.total << "</td><td>" << s.stale << "</td><td>" << s.maybe_discontinued << "</td><td>"
          << percent << " %</td></tr>";
    }
    return h << "</tbody></table></div>";
}

}  // namespace

http::Response FreshnessPage(Ctx& ctx) {
    if (!ctx.signed_in()) return ErrorPage(ctx, SignInRequired());
    auto r = app::StaleShares(ctx.app, ctx.actor);
    if (!r.ok()) return ErrorPage(ctx, r.error());
    auto policy = app::FreshnessPolicyOf(ctx.app);
    Html b;
    b << Html::Trusted(Breadcrumbs(ctx, {{"", ctx.T("freshness.title")}}), "Breadcrumbs escapes") << "<h1>"
      << Tr(ctx, "freshness.title") << "</h1><p class=\"hint\">" << Tr(ctx, "freshness.intro") << " "
      << policy.stale_after_months << " / " << policy.discontinue_after_months << ".</p><p id=\"stale-total\">"
      << Tr(ctx, "freshness.needs_confirmation") << ": " << r->stale << " / " << r->total << "</p>";
    b << "<section aria-labelledby=\"h-by-region\"><h2 id=\"h-by-region\">" << Tr(ctx, "freshness.by_region") << "</h2>"
      << SharesTable(ctx, r->by_region, true, "stale-by-region") << "</section>";
    b << "<section aria-labelledby=\"h-by-domain\"><h2 id=\"h-by-domain\">" << Tr(ctx, "freshness.by_domain") << "</h2>"
      << SharesTable(ctx, r->by_domain, false, "stale-by-domain") << "</section>";
    return Page(ctx, 200, ctx.T("freshness.title"), std::move(b).str());
}

}  // namespace orientir::web::detail
