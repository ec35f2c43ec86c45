// Passport history of a practice (/practices/{id}/history): every version the visitor may see (from the
// audit log, app/versions.hpp) with who stored it, when and which fields changed, and two chosen versions
// side by side, changed fields marked.

#include "common/strings.hpp"
#include "web/handlers.hpp"

namespace orientir::web::detail {

namespace {

// «Название» for the field `title`, or the field's code when the catalogue has no name for it.
std::string FieldName(const Ctx& ctx, const std::string& field) { return ctx.TOr("history.field." + field, field); }

Html VersionList(Ctx& ctx, const std::vector<app::PracticeVersion>& versions, int a, int b, const std::string& id) {
    Html h;
    h << "<form method=\"get\" action=\"/practices/" << id << "/history\" class=\"form\">"
      << "<div class=\"table-wrap\"><table class=\"data\" id=\"versions\"><thead><tr>";
    for (const char* k : {"history.version", "history.compare_a", "history.compare_b", "history.when", "history.who",
                          "history.action", "history.state", "history.changed"})
        h << "<th scope=\"col\">" << Tr(ctx, k) << "</th>";
    h << "</tr></thead><tbody>";
    for (const auto& v : versions) {
        std::string n = std::to_string(v.number);
        std::vector<std::string> changed;
        for (const auto& f : v.changed) changed.push_back(FieldName(ctx, f));
        h << "<tr><td>" << n << "</td><td><input type=\"radio\" name=\"a\" value=\"" << n << "\" id=\"va-" << n
          << "\" aria-label=\"" << Tr(ctx, "history.compare_a") << " " << n << "\"" << (v.number == a ? " checked" : "")
          << "></td><td><input type=\"radio\" name=\"b\" value=\"" << n << "\" id=\"vb-" << n << "\" aria-label=\""
          << Tr(ctx, "history.compare_b") << " " << n << "\"" << (v.number == b ? " checked" : "") << "></td><td>"
          << Cat(ctx.Date(v.at), "a formatted date") << "</td><td>" << v.actor_login << "</td><td>"
          << Cat(ctx.TOr("history.action_" + v.action, v.action), "catalogue or escaped code") << "</td><td>"
          << ctx.Label(domain::LabelOf(v.record.state)) << "</td><td>"
          << Cat(Join(changed, ", "), "escaped field names") << "</td></tr>";
    }
    return h << "</tbody></table></div><button type=\"submit\" class=\"button secondary\">"
             << Tr(ctx, "history.compare") << "</button></form>";
}

Html SideBySide(Ctx& ctx, const app::PracticeVersion& a, const app::PracticeVersion& b) {
    Html h;
    h << "<section aria-labelledby=\"h-diff\"><h2 id=\"h-diff\">" << Tr(ctx, "history.diff") << " "
      << std::to_string(a.number) << " → " << std::to_string(b.number)
      << "</h2><div class=\"table-wrap\"><table class=\"data diff\" id=\"diff\"><thead><tr><th scope=\"col\">"
      << Tr(ctx, "history.field") << "</th><th scope=\"col\">" << Tr(ctx, "history.version") << " "
      << std::to_string(a.number) << "</th><th scope=\"col\">" << Tr(ctx, "history.version") << " "
      << std::to_string(b.number) << "</th></tr></thead><tbody>";
    for (const auto& f : app::DiffPractices(a.record, b.record)) {
        h << "<tr" << (f.differs ? Html() << " class=\"changed\"" : Html()) << "><th scope=\"row\">"
          << Cat(FieldName(ctx, f.field), "escaped field name");
        if (f.differs) h << " <span class=\"badge\">" << Tr(ctx, "history.changed_mark") << "</span>";
        h << "</th><td class=\"pre\">" << f.a << "</td><td class=\"pre\">" << f.b << "</td></tr>";
    }
    return h << "</tbody></table></div></section>";
}

}  // namespace

http::Response PracticeHistoryPage(Ctx& ctx) {
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    auto versions = ctx.app.PracticeVersions(ctx.actor, *id);
    if (!versions.ok()) return ErrorPage(ctx, versions.error());
    auto practice = ctx.app.Get<domain::Practice>(ctx.actor, *id);
    if (!practice.ok()) return ErrorPage(ctx, practice.error());
    const auto& vs = versions.value();
    std::string sid = std::to_string(*id);
    std::string title = ctx.T("history.title");
    Html b =
        Cat(Breadcrumbs(
                ctx, {{"/practices", ctx.T("nav.practices")}, {"/practices/" + sid, E(practice->title)}, {"", title}}),
            "Breadcrumbs escapes");
    b << "<h1>" << Cat(title, "catalogue") << "</h1><p class=\"lead\">" << Link("/practices/" + sid, practice->title)
      << "</p>";
    if (vs.empty()) {
        b << "<p class=\"empty\">" << Tr(ctx, "history.none") << "</p>";
        return Page(ctx, 200, title, std::move(b).str());
    }
    auto find = [&](std::optional<std::int64_t> n) -> const app::PracticeVersion* {
        for (const auto& v : vs)
            if (n && v.number == *n) return &v;
        return nullptr;
    };
    const app::PracticeVersion* vb = find(ParseInt(ctx.req.Query("b").value_or("")));
    if (!vb) vb = &vs.back();
    const app::PracticeVersion* va = find(ParseInt(ctx.req.Query("a").value_or("")));
    if (!va) va = vs.size() > 1 && vb == &vs.back() ? &vs[vs.size() - 2] : &vs.front();
    b << VersionList(ctx, vs, va->number, vb->number, sid) << SideBySide(ctx, *va, *vb);
    return Page(ctx, 200, title, std::move(b).str());
}

}  // namespace orientir::web::detail
