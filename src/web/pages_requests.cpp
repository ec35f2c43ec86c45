// «Хочу внедрить» requests for those who handle them (owners, competence centres, curators) and those who
// sent them: the inbox /requests (status, response time, filters by status, practice and region) and a
// request's page /requests/{id} with its contact, message, answer, routing and history, and the actions
// answer, route (to another owner or a competence centre, with a note) and close. Permissions are the
// App's (app/requests.hpp); the page only hides the forms the actor cannot use.

#include <set>

#include "common/strings.hpp"
#include "web/handlers.hpp"

namespace orientir::web::detail {

namespace {

Html StatusBadge(const Ctx& ctx, domain::RequestStatus s) {
    return Html() << "<span class=\"badge rq-" << std::string(domain::Code(s)) << "\">" << ctx.Label(domain::LabelOf(s))
                  << "</span>";
}

// "5,5 ч" under two days, "3,2 дн." above; "—" while unanswered.
std::string ResponseTime(const Ctx& ctx, const domain::AdoptionRequest& r) {
    if (!r.answered_at) return "—";
    auto h = app::HoursBetween(r.meta.created_at, *r.answered_at);
    if (!h) return "—";
    if (*h < 48) return ctx.Number(*h, 1) + " " + ctx.T("requests.hours");
    return ctx.Number(*h / 24, 1) + " " + ctx.T("requests.days");
}

Options StatusOptions(const Ctx& ctx) {
    Options o;
    for (auto s : domain::AllRequestStatus())
        o.emplace_back(std::string(domain::Code(s)), E(ctx.Label(domain::LabelOf(s))));
    return o;
}

// Every organisation, competence centres first: where a request can be routed.
Options RouteOptions(Ctx& ctx) {
    Options centres, others;
    auto l = ctx.app.List<domain::Organisation>(app::Actor::System(), {{}, {}, {}, 0, 200, false});
    if (!l.ok()) return centres;
    for (const auto& o : l->items) {
        std::string label = o.name + " (" + ctx.Label(domain::LabelOf(o.kind)) + ", " +
                            (ctx.dir->Region(o.region) ? ctx.dir->Region(o.region)->short_name : o.region) + ")";
        (o.kind == domain::OrganisationKind::kCompetenceCentre ? centres : others)
            .emplace_back(std::to_string(o.meta.id), E(label));
    }
    centres.insert(centres.end(), others.begin(), others.end());
    return centres;
}

Html InboxFilters(Ctx& ctx, const std::vector<app::InboxItem>& items) {
    Values v;
    for (const char* k : {"status", "practice"})
        if (auto q = ctx.req.Query(k)) v.emplace(k, *q);
    if (ctx.req.Query("region")) v.emplace("region", FilterRegion(ctx));  // any key of the region
    Options practices;
    std::set<domain::Id> seen;
    for (const auto& it : items)
        if (seen.insert(it.request.practice_id).second)
            practices.emplace_back(std::to_string(it.request.practice_id), E(it.practice_title));
    Form f(ctx, v, {});
    std::string all = ctx.T("requests.all");
    return Cat("<form class=\"filters\" method=\"get\" action=\"/requests\"><div class=\"grid\">" +
                   f.Select("status", "requests.status", StatusOptions(ctx), {}, all) +
                   f.Select("practice", "form.practice", practices, {}, all) +
                   f.Select("region", "requests.from_region", RegionOptions(ctx), {}, all) +
                   "</div><button type=\"submit\" class=\"button secondary\">" + ctx.T("requests.filter") +
                   "</button></form>",
               "Form output escapes values and labels");
}

}  // namespace

http::Response InboxPage(Ctx& ctx) {
    if (!ctx.signed_in())
        return ErrorPage(ctx, Error{ErrorCode::kUnauthenticated, "sign in", {}, "unauthenticated", {}});
    app::InboxQuery q;
    if (auto s = ctx.req.Query("status"); s && !s->empty()) q.status = domain::ParseRequestStatus(*s);
    if (auto p = ctx.req.Query("practice"); p && !p->empty()) q.practice = ParseInt(*p);
    if (auto r = ctx.req.Query("region"); r && !r->empty()) q.region = ctx.RegionCode(*r);
    auto all = ctx.app.Inbox(ctx.actor, app::InboxQuery{});
    auto list = ctx.app.Inbox(ctx.actor, q);
    if (!list.ok()) return ErrorPage(ctx, list.error());
    Html b = Cat(Breadcrumbs(ctx, {{"", ctx.T("requests.title")}}), "Breadcrumbs escapes its labels");
    b << "<h1>" << Tr(ctx, "requests.title") << "</h1><p class=\"lead\">" << Tr(ctx, "requests.lead") << "</p>";
    b << InboxFilters(ctx, all.ok() ? all->items : list->items);
    b << "<p class=\"meta\" id=\"inbox-count\">" << Cat(ctx.Count(list->total, "requests.count"), "catalogue plural")
      << "</p>";
    if (list->items.empty()) {
        b << "<p class=\"empty\">" << Tr(ctx, "requests.none") << "</p>";
        return Page(ctx, 200, ctx.T("requests.title"), std::move(b).str());
    }
    Names names(ctx);
    b << "<div class=\"table-wrap\"><table class=\"data\" id=\"inbox\"><thead><tr>";
    for (const char* k : {"requests.number", "form.practice", "requests.from", "requests.contact", "requests.status",
                          "requests.received", "requests.response_time", "requests.to"})
        b << "<th scope=\"col\">" << Tr(ctx, k) << "</th>";
    b << "</tr></thead><tbody>";
    for (const auto& it : list->items) {
        const auto& r = it.request;
        std::string id = std::to_string(r.meta.id);
        b << "<tr data-status=\"" << std::string(domain::Code(r.status)) << "\"><td>"
          << Link("/requests/" + id, "№ " + id) << "</td><td>" << Link("/requests/" + id, it.practice_title)
          << "</td><td>" << Cat(names.Place(r.from, false), "Names escapes") << "</td><td>" << r.contact_name
          << "</td><td>" << StatusBadge(ctx, r.status) << "</td><td>"
          << Cat(ctx.Date(r.meta.created_at), "a formatted date") << "</td><td class=\"num\">"
          << Cat(ResponseTime(ctx, r), "formatted number") << "</td><td>"
          << Cat(r.to_organisation_id ? names.OrganisationLink(*r.to_organisation_id) : "—", "Names escapes")
          << "</td></tr>";
    }
    b << "</tbody></table></div>";
    return Page(ctx, 200, ctx.T("requests.title"), std::move(b).str());
}

namespace {

Html RequestFacts(Ctx& ctx, const app::RequestView& v) {
    const auto& r = v.request;
    Names names(ctx);
    Html h;
    h << "<dl class=\"facts-list\" id=\"request-facts\"><dt>" << Tr(ctx, "form.practice") << "</dt><dd>"
      << Link("/practices/" + std::to_string(v.practice.meta.id), v.practice.title) << "</dd><dt>"
      << Tr(ctx, "requests.from") << "</dt><dd>" << Cat(names.Place(r.from, true), "Names escapes") << "</dd><dt>"
      << Tr(ctx, "requests.status") << "</dt><dd>" << StatusBadge(ctx, r.status) << "</dd><dt>"
      << Tr(ctx, "requests.received") << "</dt><dd>" << Cat(ctx.Date(r.meta.created_at), "a formatted date")
      << "</dd><dt>" << Tr(ctx, "requests.response_time") << "</dt><dd>"
      << Cat(ResponseTime(ctx, r), "formatted number") << "</dd><dt>" << Tr(ctx, "requests.to") << "</dt><dd>"
      << Cat(r.to_organisation_id ? names.OrganisationLink(*r.to_organisation_id) : ctx.T("requests.to_region"),
             "Names escapes; catalogue")
      << "</dd>";
    if (!r.route_note.empty()) h << "<dt>" << Tr(ctx, "requests.route_note") << "</dt><dd>" << r.route_note << "</dd>";
    h << "</dl><section aria-labelledby=\"h-contact\"><h2 id=\"h-contact\">" << Tr(ctx, "requests.contact")
      << "</h2><p id=\"request-contact\">" << r.contact_name;
    if (!r.contact_email.empty()) h << " · " << Link("mailto:" + r.contact_email, r.contact_email);
    if (!r.contact_phone.empty()) h << " · " << r.contact_phone;
    h << "</p><blockquote class=\"message\">" << r.message << "</blockquote></section>";
    if (!r.response.empty()) {
        h << "<section aria-labelledby=\"h-answer\"><h2 id=\"h-answer\">" << Tr(ctx, "requests.answer") << "</h2>"
          << "<blockquote class=\"message\" id=\"request-answer\">" << r.response << "</blockquote>";
        if (!r.contact_email.empty())
            h << "<p class=\"hint\">" << Tr(ctx, "requests.answer_by_contact") << " "
              << Link("mailto:" + r.contact_email + "?subject=" + UrlEncode(v.practice.title) +
                          "&body=" + UrlEncode(r.response),
                      r.contact_email)
              << "</p>";
        h << "</section>";
    }
    return h;
}

Html RequestHistory(Ctx& ctx, const app::RequestView& v) {
    Html h;
    h << "<section aria-labelledby=\"h-history\"><h2 id=\"h-history\">" << Tr(ctx, "requests.history")
      << "</h2><ol class=\"history\">";
    for (const auto& e : v.history)
        h << "<li>" << Cat(ctx.Date(e.at), "a formatted date") << " · " << e.actor_login << " · "
          << Tr(ctx, "requests.action_" + e.action) << "</li>";
    return h << "</ol></section>";
}

Html RequestForms(Ctx& ctx, const app::RequestView& v, const Values& values, const Errors& errors) {
    Html h;
    if (!v.can_handle || v.request.status == domain::RequestStatus::kClosed) return h;
    std::string base = "/requests/" + std::to_string(v.request.meta.id);
    Values vals = values;
    if (!vals.count("version")) vals.emplace("version", std::to_string(v.request.meta.version));
    Form f(ctx, vals, errors);
    h << "<section aria-labelledby=\"h-handle\"><h2 id=\"h-handle\">" << Tr(ctx, "requests.handle") << "</h2>"
      << Cat(f.ErrorSummary(), "Form output escapes");
    h << Cat(f.Open(base + "/answer") + f.Hidden("version") +
                 f.Input("response", "requests.answer_text", {.required = true, .type = "textarea", .rows = 5}) +
                 f.Submit("requests.do_answer", "", "button primary") + f.Close(),
             "Form output escapes");
    h << Cat(f.Open(base + "/route") + f.Hidden("version") + "<div class=\"grid\">" +
                 f.Select("to_organisation_id", "requests.route_to", RouteOptions(ctx), {.required = true},
                          ctx.T("form.choose")) +
                 f.Input("note", "requests.route_note") + "</div>" + f.Submit("requests.do_route") + f.Close(),
             "Form output escapes");
    h << Cat(f.Open(base + "/close", "form inline") + f.Hidden("version") + f.Submit("requests.do_close") + f.Close(),
             "Form output escapes");
    return h << "</section>";
}

}  // namespace

http::Response RequestPage(Ctx& ctx, const Values& values, const Errors& errors) {
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    auto v = ctx.app.GetRequest(ctx.actor, *id);
    if (!v.ok()) return ErrorPage(ctx, v.error());
    std::string title = ctx.T("requests.one") + " № " + std::to_string(*id);
    Html b = Cat(Breadcrumbs(ctx, {{"/requests", ctx.T("requests.title")}, {"", title}}), "Breadcrumbs escapes");
    b << "<h1>" << title << "</h1>";
    if (auto s = ctx.req.Query("saved"))
        b << "<p class=\"flash\" role=\"status\">"
          << Tr(ctx, "requests.saved_" + (*s == "route" || *s == "close" ? *s : std::string("answer"))) << "</p>";
    b << RequestFacts(ctx, *v) << RequestForms(ctx, *v, values, errors) << RequestHistory(ctx, *v);
    return Page(ctx, errors.empty() ? 200 : 422, title, std::move(b).str());
}

http::Response RequestAction(Ctx& ctx, const std::string& verb) {
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    if (!ctx.signed_in())
        return ErrorPage(ctx, Error{ErrorCode::kUnauthenticated, "sign in", {}, "unauthenticated", {}});
    Values values = ctx.req.FormFields();
    Errors errors;
    auto version = ParseInt(Field(values, "version"));
    Result<domain::AdoptionRequest> done = Error::Invalid("", "", "");
    if (verb == "answer") {
        Require(ctx, values, "response", errors);
        if (errors.empty()) done = ctx.app.AnswerRequest(ctx.actor, *id, Field(values, "response"), version);
    } else if (verb == "route") {
        Require(ctx, values, "to_organisation_id", errors);
        auto org = IdField(ctx, values, "to_organisation_id", errors);
        if (errors.empty()) done = ctx.app.RouteRequest(ctx.actor, *id, *org, Field(values, "note"), version);
    } else {
        done = ctx.app.CloseRequest(ctx.actor, *id, "", version);
    }
    if (errors.empty() && done.ok()) return RedirectTo("/requests/" + std::to_string(*id) + "?saved=" + verb);
    if (errors.empty()) {
        const Error& e = done.error();
        if (e.code == ErrorCode::kNotFound || e.code == ErrorCode::kUnauthenticated) return ErrorPage(ctx, e);
        if (e.code == ErrorCode::kForbidden)
            errors["_form"] = ErrorText(ctx, e.rule, e.message);
        else if (e.code == ErrorCode::kPreconditionFailed)
            errors["_form"] = ctx.T("err.stale_version");
        else
            AddAppErrors(ctx, e, errors, [](const std::string& f) {
                return f == "response" || f == "to_organisation_id" ? f : std::string();
            });
        if (e.code == ErrorCode::kForbidden)
            return MessagePage(ctx, 403, ctx.T("err.forbidden_title"), "<p>" + errors["_form"] + "</p>");
    }
    return RequestPage(ctx, values, errors);
}

}  // namespace orientir::web::detail
