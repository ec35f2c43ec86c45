// Adoption, organisation and person pages, and their lists.
#include <algorithm>
#include <map>
#include <set>

#include "common/strings.hpp"
#include "web/handlers.hpp"
#include "web/svg.hpp"

namespace orientir::web::detail {

namespace {

std::string Sel(Ctx& ctx, const char* name, const char* key, const Options& opts, const std::string& cur,
                const char* all_key) {
    std::string id = std::string("f-") + name;
    std::string s = "<div class=\"field\"><label for=\"" + id + "\">" + ctx.T(key) + "</label><select id=\"" + id +
                    "\" name=\"" + name + "\"><option value=\"\">" + ctx.T(all_key) + "</option>";
    for (const auto& [v, l] : opts)
        s += "<option value=\"" + E(v) + "\"" + (v == cur ? " selected" : "") + ">" + l + "</option>";
    return s + "</select></div>";
}

std::string Valid(Ctx& ctx, const char* name, const std::function<bool(const std::string&)>& ok) {
    std::string v = ctx.req.Query(name).value_or("");
    return ok(v) ? v : "";
}

std::string KpiTable(Ctx& ctx, const std::vector<domain::Kpi>& results, const std::string& id_prefix) {
    std::string b = "<div class=\"kpis\">";
    int i = 0;
    for (const auto& k : results)
        b += "<figure class=\"kpi-fig\"><figcaption><span class=\"name\">" + E(k.name) + "</span></figcaption>" +
             KpiChart(ctx, k, id_prefix + std::to_string(i++)) + "</figure>";
    return b + "</div>";
}

// The adoption's header: practice, adopter, stage, channel, freshness, source, actions.
Html AdoptionHeader(Ctx& ctx, Names& names, const domain::Adoption& a) {
    std::string aid = std::to_string(a.meta.id);
    Html h;
    h << "<header class=\"page-head\"><p class=\"kicker\">" << Tr(ctx, "adoption.kicker") << "</p><h1>"
      << Cat(names.PracticeLink(a.practice_id), "Names escapes") << "</h1>";
    h << "<p class=\"meta\">" << Tr(ctx, "adoption.adopter") << ": " << Cat(names.Place(a.adopter), "Names escapes")
      << "</p><p class=\"meta\">" << Tr(ctx, "adoption.stage") << ": "
      << Cat(ctx.StageBadge(a.stage()), "a badge from a code") << " · " << Tr(ctx, "adoption.channel") << ": "
      << Cat(ctx.Label(domain::LabelOf(a.channel)), "a label of a code");
    if (a.last_confirmed_at)
        h << " · " << Tr(ctx, "practice.confirmed") << " " << Cat(ctx.Date(*a.last_confirmed_at), "a formatted date");
    h << Cat(FreshnessBadge(ctx, app::FreshnessOf(ctx.app, a)) + ConfirmControl(ctx, a, "/adoptions/" + aid),
             "freshness helpers escape")
      << "</p>" << Cat(ExternalSource(ctx, a.external), "escapes the source");
    h << "<p class=\"meta\">" << Tr(ctx, "adoption.source") << ": ";
    if (a.source_adoption_id) {
        auto src = ctx.app.Get<domain::Adoption>(ctx.actor, *a.source_adoption_id);
        h << "<a href=\"/adoptions/" << *a.source_adoption_id << "\">";
        if (src.ok())
            h << Cat(names.PlaceText(src->adopter), "Names escapes");
        else
            h << "№" << *a.source_adoption_id;
        h << "</a>";
    } else {
        h << Tr(ctx, "adoption.from_origin");
    }
    h << "</p>";
    bool can_write = ctx.app.CanWrite(ctx.actor, a);
    bool audit = ctx.app.Allows(ctx.actor, app::Duty::kReadAudit).ok();
    if (can_write || audit) {
        h << "<div class=\"actions\">";
        if (can_write)
            h << "<a class=\"button secondary\" href=\"/adoptions/" << aid << "/edit\">" << Tr(ctx, "action.edit")
              << "</a>";
        if (audit)
            h << "<a class=\"button secondary\" href=\"/audit?record=adoption%3A" << aid << "\">"
              << Tr(ctx, "audit.history_link") << "</a>";
        h << "</div>";
    }
    return h << "</header>";
}

// Stage history as an ordered list (the steps) with dates and notes, and the adaptation notes.
Html StageHistory(Ctx& ctx, const domain::Adoption& a) {
    Html h;
    h << "<section aria-labelledby=\"h-stages\"><h2 id=\"h-stages\">" << Tr(ctx, "adoption.history")
      << "</h2><ol class=\"stages\">";
    for (const auto& e : a.stage_history) {
        h << "<li class=\"ev-" << domain::Code(e.stage) << "\"><span class=\"when\">"
          << Cat(ctx.Date(e.at), "a formatted date") << "</span> "
          << Cat(ctx.StageBadge(e.stage), "a badge from a code");
        if (!e.note.empty()) h << "<p>" << e.note << "</p>";
        h << "</li>";
    }
    h << "</ol>";
    if (!a.adaptation_notes.empty())
        h << "<h2>" << Tr(ctx, "adoption.adaptation") << "</h2><p>" << a.adaptation_notes << "</p>";
    return h << "</section>";
}

// Move the stage (for those who may edit the adoption); nothing when no move is allowed.
Html MoveStagePanel(Ctx& ctx, const domain::Adoption& a, const Errors& stage_errors, const Values& stage_values) {
    std::vector<std::pair<std::string, std::string>> next;
    for (auto s : domain::AllAdoptionStage())
        if (domain::IsAllowedStageMove(a.stage(), s))
            next.emplace_back(std::string(domain::Code(s)), ctx.Label(domain::LabelOf(s)));
    if (next.empty()) return {};
    Values v = stage_values;
    if (v.find("at") == v.end()) v.emplace("at", ctx.Today());
    if (v.find("version") == v.end()) v.emplace("version", std::to_string(a.meta.version));
    Form f(ctx, v, stage_errors);
    return Html() << "<section class=\"panel\" aria-labelledby=\"h-move\"><h2 id=\"h-move\">"
                  << Tr(ctx, "adoption.move") << "</h2>"
                  << Cat(f.Open("/adoptions/" + std::to_string(a.meta.id) + "/stage") + f.ErrorSummary() +
                             f.Hidden("version") + f.Select("stage", "adoption.next_stage", next, {.required = true}) +
                             f.Input("at", "adoption.stage_date", {.required = true, .type = "date"}) +
                             f.Input("note", "adoption.stage_note", {.type = "textarea", .rows = 3}) +
                             f.Submit("adoption.move_button") + f.Close(),
                         "Form escapes its values")
                  << "</section>";
}

// Evidence: sources (linked when they are web addresses) and quotes.
Html EvidenceSection(Ctx& ctx, const domain::Adoption& a) {
    Html h;
    h << "<section aria-labelledby=\"h-evidence\"><h2 id=\"h-evidence\">" << Tr(ctx, "adoption.evidence") << "</h2>";
    if (a.evidence.empty()) h << "<p class=\"empty\">" << Tr(ctx, "adoption.no_evidence") << "</p>";
    for (const auto& e : a.evidence) {
        bool http = e.url.rfind("http://", 0) == 0 || e.url.rfind("https://", 0) == 0;
        const std::string& t = e.title.empty() ? e.url : e.title;
        h << "<div class=\"evidence\"><p class=\"name\">";
        if (http)
            h << "<a href=\"" << e.url << "\" rel=\"noopener noreferrer nofollow\">" << t << "</a>";
        else
            h << t;
        h << "</p>";
        if (!e.quote.empty()) h << "<blockquote>" << e.quote << "</blockquote>";
        h << "</div>";
    }
    return h << "</section>";
}

// Who borrowed from this adoption; nothing when nobody did.
Html BorrowedFromHere(Ctx& ctx, Names& names, const domain::Adoption& a) {
    auto all = ctx.app.AdoptionsOf(ctx.actor, a.practice_id);
    if (!all.ok()) return {};
    Html kids;
    for (const auto& x : *all)
        if (x.source_adoption_id && *x.source_adoption_id == a.meta.id)
            kids << "<li><a href=\"/adoptions/" << x.meta.id << "\">"
                 << Cat(names.PlaceText(x.adopter), "Names escapes") << "</a> "
                 << Cat(ctx.StageBadge(x.stage()), "a badge from a code") << "</li>";
    if (kids.empty()) return {};
    return Html() << "<section><h2>" << Tr(ctx, "adoption.borrowed_from_here") << "</h2><ul class=\"plain\">" << kids
                  << "</ul></section>";
}

}  // namespace

http::Response AdoptionPage(Ctx& ctx, const Errors& stage_errors, const Values& stage_values,
                            const Errors& source_errors, const Values& source_values) {
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    auto ar = ctx.app.Get<domain::Adoption>(ctx.actor, *id);
    if (!ar.ok()) return ErrorPage(ctx, ar.error());
    const auto& a = *ar;
    Names names(ctx);
    std::string head = names.Practice(a.practice_id) + " — " + ctx.RegionShort(a.adopter.region);
    Html b = Cat(Breadcrumbs(ctx, {{"/adoptions", ctx.T("nav.adoptions")}, {"", head}}), "escapes its labels");
    b << Cat(RecordNotice(ctx, domain::CheckFields(a)), "escapes the issues")
      << AdoptionHeader(ctx, names, a)
      // No recorded source: the likely ones, labelled as inferred.
      << Cat(LikelySourcesSection(ctx, a.meta.id, source_errors, source_values), "escapes its values")
      << "<div class=\"layout\">" << StageHistory(ctx, a) << "<aside>";
    if (ctx.app.CanWrite(ctx.actor, a)) b << MoveStagePanel(ctx, a, stage_errors, stage_values);
    b << "</aside></div>";
    if (!a.results.empty())
        b << "<section aria-labelledby=\"h-ares\"><h2 id=\"h-ares\">" << Tr(ctx, "practice.results") << "</h2>"
          << Cat(KpiTable(ctx, a.results, "akpi-"), "escapes its values") << "</section>";
    b << EvidenceSection(ctx, a) << BorrowedFromHere(ctx, names, a);
    return Page(ctx, stage_errors.empty() && source_errors.empty() ? 200 : 422, head, std::move(b).str());
}

http::Response AdoptionList(Ctx& ctx) {
    auto& d = *ctx.dir;
    std::string reg = ctx.RegionCode(FilterRegion(ctx));
    std::string dis = Valid(ctx, "district", [&](const std::string& v) { return d.District(v) != nullptr; });
    std::string stage =
        Valid(ctx, "stage", [](const std::string& v) { return domain::ParseAdoptionStage(v).has_value(); });
    std::string channel =
        Valid(ctx, "channel", [](const std::string& v) { return domain::ParseChannel(v).has_value(); });
    std::string practice = Valid(ctx, "practice", [](const std::string& v) { return ParseInt(v).has_value(); });
    app::ListParams lp;
    for (const auto& [k, v] :
         {std::pair{"region", reg}, {"district", dis}, {"stage", stage}, {"channel", channel}, {"practice", practice}})
        if (!v.empty()) lp.filters.emplace_back(k, v);
    auto paging = PagingFrom(ctx.req);
    lp.after_id = paging.after;
    lp.limit = 25;
    auto l = ctx.app.List<domain::Adoption>(ctx.actor, lp);
    if (!l.ok()) return ErrorPage(ctx, l.error());
    Names names(ctx);
    std::string b = Breadcrumbs(ctx, {{"", ctx.T("nav.adoptions")}});
    b += "<div class=\"title-row\"><h1>" + ctx.T("adoptions.title") + "</h1>";
    if (ctx.signed_in()) b += "<a class=\"button secondary\" href=\"/adoptions/new\">" + ctx.T("adoption.new") + "</a>";
    b += "</div>";
    if (auto n = ParseInt(ctx.req.Query("created").value_or("")))
        b += "<p class=\"flash\" role=\"status\" id=\"created\">" + ctx.T("adoptions.created") + " " + ctx.Integer(*n) +
             "</p>";
    b += "<form class=\"filters\" method=\"get\" action=\"/adoptions\" aria-label=\"" + ctx.T("catalogue.filters") +
         "\">";
    if (!practice.empty()) b += "<input type=\"hidden\" name=\"practice\" value=\"" + E(practice) + "\">";
    b += Sel(ctx, "district", "filter.district", DistrictOptions(ctx), dis, "filter.all_districts") +
         Sel(ctx, "region", "filter.region", RegionOptions(ctx), reg, "filter.all_regions") +
         Sel(ctx, "stage", "filter.stage", StageOptions(ctx), stage, "filter.any_stage") +
         Sel(ctx, "channel", "filter.channel", ChannelOptions(ctx), channel, "filter.any_channel");
    b += "<div class=\"field buttons\"><button type=\"submit\" class=\"button\">" + ctx.T("filter.apply") +
         "</button><a href=\"/adoptions\">" + ctx.T("filter.reset") + "</a></div></form>";
    if (!practice.empty())
        b += "<p>" + ctx.T("adoptions.of_practice") + " " + names.PracticeLink(*ParseInt(practice)) + "</p>";
    if (l->items.empty())
        b += "<p class=\"empty\">" + ctx.T("catalogue.nothing") + "</p>";
    else {
        b += "<table class=\"data\"><caption class=\"sr\">" + ctx.T("adoptions.title") +
             "</caption><thead><tr><th scope=\"col\">" + ctx.T("col.practice") + "</th><th scope=\"col\">" +
             ctx.T("col.adopter") + "</th><th scope=\"col\">" + ctx.T("col.channel") + "</th><th scope=\"col\">" +
             ctx.T("col.stage") + "</th><th scope=\"col\">" + ctx.T("col.since") + "</th></tr></thead><tbody>";
        for (const auto& a : l->items)
            b += "<tr><td><a href=\"/adoptions/" + std::to_string(a.meta.id) + "\">" + names.Practice(a.practice_id) +
                 "</a></td><td>" + names.Place(a.adopter, false) + "</td><td>" + ctx.Label(domain::LabelOf(a.channel)) +
                 "</td><td>" + ctx.StageBadge(a.stage()) + FreshnessBadge(ctx, app::FreshnessOf(ctx.app, a)) +
                 "</td><td>" + ctx.Date(a.started_at()) + "</td></tr>";
        b += "</tbody></table>";
    }
    b += Pager(ctx, paging.after > 0 ? paging.offset : 0, l->items.size(), l->total, l->next_after);
    b += XlsxLink(ctx, "adoptions", "adoption");
    return Page(ctx, 200, ctx.T("adoptions.title"), b);
}

http::Response OrganisationPage(Ctx& ctx) {
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    auto o = ctx.app.Get<domain::Organisation>(ctx.actor, *id);
    if (!o.ok()) return ErrorPage(ctx, o.error());
    Names names(ctx);
    std::string oid = std::to_string(*id);
    std::string b = Breadcrumbs(ctx, {{"/organisations", ctx.T("nav.organisations")},
                                      {"", E(o->short_name.empty() ? o->name : o->short_name)}});
    b += RecordNotice(ctx, domain::CheckFields(*o));
    b += "<header class=\"page-head\"><p class=\"kicker\">" + ctx.Label(domain::LabelOf(o->kind)) + "</p><h1>" +
         E(o->name) + "</h1><p class=\"meta\">" + ctx.RegionLink(o->region) +
         (o->municipality_id ? ", " + names.Municipality(*o->municipality_id) : "") + "</p>";
    if (ctx.app.CanWrite(ctx.actor, *o))
        b += "<div class=\"actions\"><a class=\"button secondary\" href=\"/organisations/" + oid + "/edit\">" +
             ctx.T("action.edit") + "</a></div>";
    b += "</header><div class=\"layout\"><section>";
    if (!o->description.empty()) b += "<p class=\"lead\">" + E(o->description) + "</p>";
    b += "</section><aside class=\"contacts\"><h2>" + ctx.T("practice.contacts") + "</h2><dl class=\"facts\">";
    if (!o->website.empty()) {
        bool http = o->website.rfind("http://", 0) == 0 || o->website.rfind("https://", 0) == 0;
        b += "<dt>" + ctx.T("org.website") + "</dt><dd>" +
             (http ? "<a href=\"" + E(o->website) + "\" rel=\"noopener noreferrer\">" + E(o->website) + "</a>"
                   : E(o->website)) +
             "</dd>";
    }
    if (!o->email.empty())
        b += "<dt>" + ctx.T("org.email") + "</dt><dd><a href=\"mailto:" + E(o->email) + "\">" + E(o->email) +
             "</a></dd>";
    if (!o->phone.empty()) b += "<dt>" + ctx.T("org.phone") + "</dt><dd>" + E(o->phone) + "</dd>";
    if (!o->address.empty()) b += "<dt>" + ctx.T("org.address") + "</dt><dd>" + E(o->address) + "</dd>";
    b += "</dl></aside></div>";
    auto pr = ctx.app.List<domain::Practice>(ctx.actor, {{{"organisation", oid}}, {}, {}, 0, 50, false});
    b += "<section><h2>" + ctx.T("org.practices") + "</h2>";
    if (pr.ok() && !pr->items.empty()) {
        b += "<ul class=\"cards\">";
        for (const auto& p : pr->items) b += PracticeCard(ctx, p);
        b += "</ul>";
    } else {
        b += "<p class=\"empty\">" + ctx.T("org.no_practices") + "</p>";
    }
    b += "</section>";
    auto ad = ctx.app.List<domain::Adoption>(ctx.actor, {{{"organisation", oid}}, {}, {}, 0, 50, false});
    if (ad.ok() && !ad->items.empty()) {
        b += "<section><h2>" + ctx.T("org.adoptions") + "</h2><ul class=\"plain\">";
        for (const auto& a : ad->items)
            b += "<li><a href=\"/adoptions/" + std::to_string(a.meta.id) + "\">" + names.Practice(a.practice_id) +
                 "</a> " + ctx.StageBadge(a.stage()) + "</li>";
        b += "</ul></section>";
    }
    auto pos = ctx.app.List<domain::Position>(ctx.actor, {{{"organisation", oid}}, {}, {}, 0, 100, false});
    if (pos.ok() && !pos->items.empty()) {
        b += "<section><h2>" + ctx.T("org.people") + "</h2><ul class=\"plain\">";
        for (const auto& p : pos->items) {
            auto person = ctx.app.Get<domain::Person>(ctx.actor, p.person_id);
            if (!person.ok()) continue;
            b += "<li><a href=\"/persons/" + std::to_string(p.person_id) + "\">" + E(person->FullName()) + "</a> — " +
                 E(p.title) + " <span class=\"muted\">" + (p.from ? ctx.Date(*p.from) : "") + " — " +
                 (p.to ? ctx.Date(*p.to) : ctx.T("person.now")) + "</span></li>";
        }
        b += "</ul></section>";
    }
    return Page(ctx, 200, E(o->name), b);
}

http::Response OrganisationList(Ctx& ctx) {
    std::string reg = ctx.RegionCode(FilterRegion(ctx));
    std::string kind =
        Valid(ctx, "kind", [](const std::string& v) { return domain::ParseOrganisationKind(v).has_value(); });
    app::ListParams lp;
    if (!reg.empty()) lp.filters.emplace_back("region", reg);
    if (!kind.empty()) lp.filters.emplace_back("kind", kind);
    auto paging = PagingFrom(ctx.req);
    lp.after_id = paging.after;
    lp.limit = 25;
    auto l = ctx.app.List<domain::Organisation>(ctx.actor, lp);
    if (!l.ok()) return ErrorPage(ctx, l.error());
    std::string b = Breadcrumbs(ctx, {{"", ctx.T("nav.organisations")}});
    b += "<div class=\"title-row\"><h1>" + ctx.T("orgs.title") + "</h1>";
    if (ctx.signed_in()) b += "<a class=\"button secondary\" href=\"/organisations/new\">" + ctx.T("org.new") + "</a>";
    Options kinds;
    for (auto k : domain::AllOrganisationKind())
        kinds.emplace_back(std::string(domain::Code(k)), ctx.Label(domain::LabelOf(k)));
    b += "</div><form class=\"filters\" method=\"get\" action=\"/organisations\" aria-label=\"" +
         ctx.T("catalogue.filters") + "\">" +
         Sel(ctx, "region", "filter.region", RegionOptions(ctx), reg, "filter.all_regions") +
         Sel(ctx, "kind", "filter.kind", kinds, kind, "filter.any_kind") +
         "<div class=\"field buttons\"><button type=\"submit\" class=\"button\">" + ctx.T("filter.apply") +
         "</button><a href=\"/organisations\">" + ctx.T("filter.reset") + "</a></div></form><ul class=\"cards\">";
    for (const auto& o : l->items)
        b += "<li class=\"card\"><h3><a href=\"/organisations/" + std::to_string(o.meta.id) + "\">" + E(o.name) +
             "</a></h3><p class=\"meta\">" + ctx.Label(domain::LabelOf(o.kind)) + " · " + ctx.RegionLink(o.region) +
             "</p></li>";
    b += "</ul>" + Pager(ctx, paging.after > 0 ? paging.offset : 0, l->items.size(), l->total, l->next_after);
    b += XlsxLink(ctx, "organisations", "organisation");
    return Page(ctx, 200, ctx.T("orgs.title"), b);
}

http::Response PersonPage(Ctx& ctx) {
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    auto p = ctx.app.Get<domain::Person>(ctx.actor, *id);
    if (!p.ok()) return ErrorPage(ctx, p.error());
    auto positions = ctx.app.PositionsOf(ctx.actor, *id);
    Names names(ctx);
    std::string b = Breadcrumbs(ctx, {{"/persons", ctx.T("nav.persons")}, {"", E(p->FullName())}});
    b += RecordNotice(ctx, domain::CheckFields(*p));
    b += "<header class=\"page-head\"><p class=\"kicker\">" + ctx.T("person.kicker") + "</p><h1>" + E(p->FullName()) +
         "</h1>";
    if (ctx.app.CanWrite(ctx.actor, *p))
        b += "<div class=\"actions\"><a class=\"button secondary\" href=\"/persons/" + std::to_string(*id) +
             "/edit\">" + ctx.T("action.edit") + "</a></div>";
    b += "</header>";
    if (!p->bio.empty()) b += "<p class=\"lead\">" + E(p->bio) + "</p>";
    b += "<section aria-labelledby=\"h-career\"><h2 id=\"h-career\">" + ctx.T("person.career") + "</h2>";
    if (!positions.ok() || positions->empty()) {
        b += "<p class=\"empty\">" + ctx.T("person.no_positions") + "</p>";
    } else {
        // Region changes get alternating colours so moves between regions stand out.
        std::vector<TimelineRow> rows;
        std::map<std::string, int> region_colour;
        for (const auto& x : *positions) {
            std::string reg = x.region.value_or("");
            if (!region_colour.count(reg)) region_colour[reg] = static_cast<int>(region_colour.size()) % 4;
            std::string label = E(x.title);
            rows.push_back({label,
                            "",
                            {{x.from.value_or(""), x.to.value_or(""), "pos" + std::to_string(region_colour[reg]),
                              E(x.title) + (x.region ? ", " + ctx.RegionShort(*x.region) : "")}}});
        }
        b += "<figure class=\"chart\">" + Timeline(ctx, ctx.T("person.timeline_alt") + " " + E(p->FullName()), rows);
        std::vector<LegendItem> legend;
        for (const auto& [reg, c] : region_colour)
            legend.push_back(
                {"pos" + std::to_string(c), reg.empty() ? ctx.T("person.no_region") : ctx.RegionName(reg)});
        b += "<figcaption>" + Legend(ctx, legend) + "</figcaption></figure><ol class=\"positions\">";
        for (const auto& x : *positions) {
            b += "<li><span class=\"when\">" + (x.from ? ctx.Date(*x.from) : "…") + " — " +
                 (x.to ? ctx.Date(*x.to) : ctx.T("person.now")) + "</span> <strong>" + E(x.title) + "</strong>";
            if (x.organisation_id) b += ", " + names.OrganisationLink(*x.organisation_id);
            if (x.region) b += ", " + ctx.RegionLink(*x.region);
            b += "</li>";
        }
        b += "</ol>";
    }
    b += "</section>";
    return Page(ctx, 200, E(p->FullName()), b);
}

http::Response PersonList(Ctx& ctx) {
    std::string name = std::string(Trim(ctx.req.Query("name").value_or("")));
    app::ListParams lp;
    if (!name.empty()) lp.filters.emplace_back("name", name);
    auto paging = PagingFrom(ctx.req);
    lp.after_id = paging.after;
    lp.limit = 25;
    auto l = ctx.app.List<domain::Person>(ctx.actor, lp);
    if (!l.ok()) return ErrorPage(ctx, l.error());
    std::string b = Breadcrumbs(ctx, {{"", ctx.T("nav.persons")}});
    b += "<div class=\"title-row\"><h1>" + ctx.T("persons.title") + "</h1>";
    if (ctx.signed_in()) b += "<a class=\"button secondary\" href=\"/persons/new\">" + ctx.T("person.new") + "</a>";
    b += "</div><form class=\"filters\" method=\"get\" action=\"/persons\" role=\"search\" aria-label=\"" +
         ctx.T("catalogue.filters") + "\"><div class=\"field\"><label for=\"f-name\">" + ctx.T("persons.name") +
         "</label><input type=\"search\" id=\"f-name\" name=\"name\" value=\"" + E(name) +
         "\"></div><div class=\"field buttons\"><button type=\"submit\" class=\"button\">" + ctx.T("filter.apply") +
         "</button></div></form><ul class=\"cards\">";
    for (const auto& p : l->items) {
        b += "<li class=\"card\"><h3><a href=\"/persons/" + std::to_string(p.meta.id) + "\">" + E(p.FullName()) +
             "</a></h3>";
        if (!p.bio.empty())
            b += "<p>" + E(p.bio.size() > 220 ? p.bio.substr(0, p.bio.rfind(' ', 210)) + "…" : p.bio) + "</p>";
        b += "</li>";
    }
    b += "</ul>" + Pager(ctx, paging.after > 0 ? paging.offset : 0, l->items.size(), l->total, l->next_after);
    b += XlsxLink(ctx, "persons", "person");
    return Page(ctx, 200, ctx.T("persons.title"), b);
}

}  // namespace orientir::web::detail
