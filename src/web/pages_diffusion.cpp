// Likely sources of an adoption without a recorded source (issue 17): the ranked candidates with their
// Russian reasons, always labelled as inferred, and — for those who may edit the adoption — a form per
// candidate to confirm it (with the channel) and one to reject them all (app/source_labels.hpp). A
// refused decision comes back on the adoption page with the form as typed and the field named.
#include <algorithm>

#include "analytics/attribution.hpp"
#include "app/source_labels.hpp"
#include "app/visibility.hpp"
#include "web/forms_util.hpp"
#include "web/html.hpp"

namespace orientir::web::detail {

namespace {

Options SourceChannelOptions(const Ctx& ctx) {
    Options o;
    for (auto& c : ChannelOptions(ctx))
        if (c.first != domain::Code(domain::Channel::kOther)) o.push_back(c);
    return o;
}

// A candidate as shown: the region's link, or «организация: <name> (<region link>)».
Html CandidateName(const Ctx& ctx, const analytics::Snapshot& s, const analytics::SourceCandidate& c) {
    Html h;
    if (!c.organisation) return h << RegionLinkH(ctx, s, c.region);
    const auto* o = s.Organisation(c.organisation);
    h << Tr(ctx, "likely.organisation") << ": " << (o ? o->short_name : "№ " + std::to_string(c.organisation)) << " ("
      << RegionLinkH(ctx, s, c.region) << ")";
    return h;
}

std::string OrganisationField(const analytics::SourceCandidate& c) {
    return c.organisation ? std::to_string(c.organisation) : std::string();
}

// Confirm form of one candidate; the refused submission's values and errors when it was this candidate.
Html ConfirmForm(Ctx& ctx, const std::string& aid, const std::string& region, const std::string& org, std::size_t rank,
                 const Errors& errors, const Values& values) {
    const bool mine = Field(values, "candidate") == region && Field(values, "organisation") == org &&
                      Field(values, "decision") == "confirm";
    Values v = mine ? values : Values{};
    if (!mine) v.emplace("candidate", region), v.emplace("organisation", org);
    Form f(ctx, v, mine ? errors : Errors{});
    f.Scope("src" + std::to_string(rank));
    return Html::Trusted(f.Open("/adoptions/" + aid + "/likely-sources/confirm", "form row-form") + f.ErrorSummary() +
                             f.Hidden("candidate") + f.Hidden("organisation") +
                             "<input type=\"hidden\" name=\"decision\" value=\"confirm\">" +
                             f.Select("channel", "likely.channel", SourceChannelOptions(ctx), {.required = true}, "—") +
                             "<div class=\"actions\">" + f.Submit("likely.confirm", "", "button secondary") + "</div>" +
                             f.Close(),
                         "Form escapes values and labels");
}

Html RejectForm(Ctx& ctx, const std::string& aid, const Errors& errors, const Values& values) {
    const bool mine = Field(values, "decision") == "reject";
    Form f(ctx, mine ? values : Values{}, mine ? errors : Errors{});
    f.Scope("srcrej");
    return Html::Trusted(f.Open("/adoptions/" + aid + "/likely-sources/reject", "form row-form") + f.ErrorSummary() +
                             "<input type=\"hidden\" name=\"decision\" value=\"reject\">" +
                             f.Input("note", "likely.reject_note") + "<div class=\"actions\">" +
                             f.Submit("likely.reject", "", "button secondary") + "</div>" + f.Close(),
                         "Form escapes values and labels");
}

// Earlier rejections of this adoption's candidates (who, when, note), for those who may decide.
Html EarlierDecisions(Ctx& ctx, domain::Id adoption) {
    auto labels = app::SourceLabelsOf(ctx.app, ctx.actor, adoption);
    Html h;
    if (!labels.ok() || labels->empty()) return h;
    h << "<ul class=\"plain decisions\">";
    for (const auto& l : *labels) {
        h << "<li>" << Tr(ctx, l.decision == "rejected" ? "likely.rejected_by" : "likely.confirmed_by") << " "
          << Text(l.by_login) << ", " << Text(ctx.Date(l.at.substr(0, 10)));
        if (!l.note.empty()) h << ": «" << Text(l.note) << "»";
        h << "</li>";
    }
    h << "</ul>";
    return h;
}

// Unexplained adoptions the actor may see, newest start first, at most `limit` (all regions when region < 0).
std::vector<int> UnexplainedOf(const Ctx& ctx, const analytics::Snapshot& s, int region, std::size_t limit) {
    std::vector<int> rows;
    auto consider = [&](std::size_t i) {
        const auto& a = s.adoptions[i];
        if (!a.draft_practice && analytics::IsUnexplained(a) && a.start_day != analytics::kNoDay &&
            app::MaySeePractice(ctx.actor, s, a.practice))
            rows.push_back(static_cast<int>(i));
    };
    if (region >= 0) {
        const auto r = static_cast<std::size_t>(region);
        for (auto k = s.by_region_offsets[r]; k < s.by_region_offsets[r + 1]; ++k) consider(s.by_region[k]);
    } else {
        for (std::size_t i = 0; i < s.adoptions.size(); ++i) consider(i);
    }
    auto newer = [&](int x, int y) {
        const auto &ax = s.adoptions[static_cast<std::size_t>(x)], &ay = s.adoptions[static_cast<std::size_t>(y)];
        return ax.start_day != ay.start_day ? ax.start_day > ay.start_day : ax.id > ay.id;
    };
    if (rows.size() > limit) {
        std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(limit), rows.end(), newer);
        rows.resize(limit);
    } else {
        std::sort(rows.begin(), rows.end(), newer);
    }
    return rows;
}

// A table of unexplained adoptions with their top likely source, labelled as inferred; `id` is the
// section's id, `with_adopter` adds the adopter region column (the review queue spans all regions).
std::string UnexplainedSection(Ctx& ctx, int region, const char* id, bool with_adopter, std::size_t limit) {
    auto snap = ctx.app.analytics().Get();
    if (!snap) return "";
    const auto& s = *snap;
    auto rows = UnexplainedOf(ctx, s, region, limit);
    if (rows.empty() && region >= 0) return "";
    auto net = Inferred(ctx, snap);
    const auto weights = app::SignalWeights(ctx.app, snap)->weights;
    const std::string h_id = std::string("h-") + id;
    Html h;
    h << Html::Trusted("<section id=\"" + std::string(id) + "\" class=\"inferred\" aria-labelledby=\"" + h_id +
                           "\"><h2 id=\"" + h_id + "\">",
                       "fixed ids")
      << Tr(ctx, "unexplained.title") << " " << InferredBadge(ctx) << "</h2><p class=\"muted\">"
      << Tr(ctx, "unexplained.lead") << "</p>";
    if (rows.empty()) {
        h << "<p class=\"empty\">" << Tr(ctx, "unexplained.none") << "</p></section>";
        return std::move(h).str();
    }
    h << "<div class=\"scroll\"><table class=\"data\"><thead><tr><th scope=\"col\">" << Tr(ctx, "unexplained.adoption")
      << "</th>";
    if (with_adopter) h << "<th scope=\"col\">" << Tr(ctx, "net.adopter") << "</th>";
    h << "<th scope=\"col\">" << Tr(ctx, "unexplained.started") << "</th><th scope=\"col\">"
      << Tr(ctx, "unexplained.top") << "</th><th scope=\"col\">" << Tr(ctx, "unexplained.why")
      << "</th></tr></thead><tbody>";
    for (int i : rows) {
        const auto& a = s.adoptions[static_cast<std::size_t>(i)];
        auto l = analytics::LikelySourcesAt(s, net.get(), i, 1, weights);
        const std::string aid = std::to_string(a.id);
        h << "<tr class=\"inferred\"><th scope=\"row\">"
          << Html::Trusted("<a href=\"/adoptions/" + aid + "#likely-sources\">", "a numeric id")
          << s.titles[static_cast<std::size_t>(a.practice)] << "</a></th>";
        if (with_adopter) h << "<td>" << RegionLinkH(ctx, s, a.adopter_region) << "</td>";
        h << "<td>" << ctx.Date(analytics::DateOf(a.start_day)) << "</td><td>";
        if (l.candidates.empty()) {
            h << Tr(ctx, "likely.none") << "</td><td></td></tr>";
            continue;
        }
        const auto& c = l.candidates.front();
        h << CandidateName(ctx, s, c) << " <span class=\"muted\">" << ctx.Number(c.probability * 100.0, 0)
          << "%</span> " << InferredBadge(ctx) << "</td><td>" << (c.reasons.empty() ? std::string() : c.reasons.front())
          << "</td></tr>";
    }
    h << "</tbody></table></div></section>";
    return std::move(h).str();
}

}  // namespace

std::string RegionUnexplainedSection(Ctx& ctx, const std::string& code) {
    auto snap = ctx.app.analytics().Get();
    int region = snap ? snap->RegionIndex(code) : -1;
    return region < 0 ? "" : UnexplainedSection(ctx, region, "unexplained", false, 10);
}

std::string ReviewUnexplainedSection(Ctx& ctx) { return UnexplainedSection(ctx, -1, "unexplained", true, 20); }

std::string LikelySourcesSection(Ctx& ctx, domain::Id adoption, const Errors& errors, const Values& values) {
    auto snap = ctx.app.analytics().Get();
    if (!snap) return "";
    const auto& s = *snap;
    auto net = Inferred(ctx, snap);
    const auto learned = app::SignalWeights(ctx.app, snap);
    auto l = analytics::LikelySourcesFor(s, net.get(), adoption, app::kShownCandidates, learned->weights);
    // Only adoptions without a recorded source (no source adoption and channel «другое»).
    if (!l.ok() || !l->unexplained) return "";
    auto a = ctx.app.Get<domain::Adoption>(ctx.actor, adoption);
    const bool decide = ctx.signed_in() && a.ok() && ctx.app.CanWrite(ctx.actor, *a);
    const std::string aid = std::to_string(adoption);
    Html h;
    h << "<section id=\"likely-sources\" class=\"inferred\" aria-labelledby=\"h-likely\"><h2 id=\"h-likely\">"
      << Tr(ctx, "likely.title") << " " << InferredBadge(ctx) << "</h2><p class=\"muted\">" << Tr(ctx, "likely.lead")
      << "</p>";
    // A refused confirmation of a region not listed here (forged, or no longer a candidate) has no form of its
    // own: its messages head the section.
    bool listed = Field(values, "decision") != "confirm";
    for (const auto& c : l->candidates)
        listed = listed || (s.regions[static_cast<std::size_t>(c.region)].code == Field(values, "candidate") &&
                            OrganisationField(c) == Field(values, "organisation"));
    if (!errors.empty() && !listed) {
        Form f(ctx, values, errors);
        f.Scope("src");
        h << Html::Trusted(f.ErrorSummary(), "Form escapes messages");
    }
    if (l->candidates.empty()) {
        h << "<p class=\"empty\">" << Tr(ctx, "likely.none") << "</p>";
    } else {
        h << "<ol class=\"likely\">";
        std::size_t rank = 0;
        for (const auto& c : l->candidates) {
            ++rank;
            h << "<li><p class=\"title\">" << CandidateName(ctx, s, c) << " <span class=\"muted\">"
              << Tr(ctx, "likely.probability") << " " << ctx.Number(c.probability * 100.0, 0) << "%</span> "
              << InferredBadge(ctx) << "</p>";
            if (!c.reasons.empty()) {
                h << "<ul class=\"reasons\">";
                for (const auto& r : c.reasons) h << "<li>" << r << "</li>";
                h << "</ul>";
            }
            if (decide)
                h << ConfirmForm(ctx, aid, s.regions[static_cast<std::size_t>(c.region)].code, OrganisationField(c),
                                 rank, errors, values);
            h << "</li>";
        }
        h << "</ol>";
        if (ctx.en()) h << "<p class=\"muted\">" << Tr(ctx, "likely.reasons_ru") << "</p>";
        // How the candidates were weighed: «веса сигналов: …», learned from curators' labels or the defaults.
        const auto wj = analytics::LearnedWeightsJson(*learned);
        h << "<p class=\"muted signal-weights\" id=\"signal-weights\">"
          << wj.value(ctx.en() ? "summary_en" : "summary", std::string()) << "</p>";
        if (decide)
            h << "<p class=\"muted\">" << Tr(ctx, "likely.decide_lead") << "</p>"
              << RejectForm(ctx, aid, errors, values);
    }
    if (decide) h << EarlierDecisions(ctx, adoption);
    h << "</section>";
    return std::move(h).str();
}

http::Response DecideLikelySources(Ctx& ctx, bool confirm) {
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    if (!ctx.signed_in()) return NeedSignIn(ctx);
    Values values = ctx.req.FormFields();
    values.erase("decision");
    values.emplace("decision", confirm ? "confirm" : "reject");
    Errors errors;
    if (confirm) Require(ctx, values, "channel", errors);
    if (errors.empty()) {
        auto r =
            confirm ? app::ConfirmLikelySource(
                          ctx.app, ctx.actor, *id,
                          {Field(values, "candidate"), Field(values, "channel"), "", {}, Field(values, "organisation")})
                    : app::RejectLikelySources(ctx.app, ctx.actor, *id, Field(values, "note"));
        if (r.ok()) return RedirectTo("/adoptions/" + std::to_string(*id) + (confirm ? "" : "#likely-sources"));
        if (r.error().code == ErrorCode::kNotFound) return ErrorPage(ctx, r.error());
        errors = AppErrors(ctx, r.error());
        for (const char* k : {"candidate", "organisation"})
            if (errors.count(k)) errors["_form"] = errors[k], errors.erase(k);
    }
    return AdoptionPage(ctx, {}, {}, errors, values);
}

}  // namespace orientir::web::detail
