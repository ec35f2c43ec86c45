// The news review queue for curators: paste an article (or let a feed bring it), see the facts
// Orientir proposes with the evidence sentence highlighted in the text and why they were proposed,
// and decide each: accept exactly what the form says, merge into a record by number, or reject.
// Decisions go through app::ArticleService, so permissions, validation and audit apply. A refused
// decision comes back as the same page with the form as typed and each problem named by its field.

#include <algorithm>

#include "app/articles.hpp"
#include "common/json.hpp"
#include "common/strings.hpp"
#include "text/normalize.hpp"
#include "web/handlers.hpp"
#include "web/review_facts.hpp"

namespace orientir::web::detail {

namespace {
// The notices above the page: saved, the outcome of the decision just made, a refused decision.
Html ReviewNotices(Ctx& ctx, const Refused* refused) {
    Html h;
    if (ctx.req.Query("saved")) h << "<p class=\"flash\" role=\"status\">" << Tr(ctx, "form.saved") << "</p>";
    if (auto done = ctx.req.Query("done")) {
        if (auto n = ParseInt(*done)) {
            auto f = ctx.app.articles().GetFact(ctx.actor, *n);
            if (f.ok() && f->fact.status != "proposed") h << Cat(OutcomeHtml(ctx, f->fact), "escapes its values");
        }
    }
    if (refused) {
        h << "<div class=\"error-summary\" role=\"alert\" id=\"refused\"><p>" << Tr(ctx, "review.refused")
          << " <a href=\"#fact-" << refused->fact_id << "\">" << Tr(ctx, "review.to_fact") << "</a></p>";
        // A problem of the whole decision (the fact was decided meanwhile) is said here too.
        if (auto it = refused->errors.find("_form"); it != refused->errors.end())
            h << "<p>" << Cat(it->second, "error messages are escaped") << "</p>";
        h << "</div>";
    }
    return h << "<p class=\"hint\">" << Tr(ctx, "review.intro") << " <a href=\"/feeds\">" << Tr(ctx, "feeds.title")
             << "</a></p>";
}

// The form to paste an article.
Html PasteSection(Ctx& ctx, const Values& values, const Errors& errors) {
    Form f(ctx, values, errors);
    return Html() << "<section aria-labelledby=\"h-paste\"><h2 id=\"h-paste\">" << Tr(ctx, "review.paste") << "</h2>"
                  << Cat(f.Open("/review") + f.ErrorSummary() + f.Input("title", "review.article_title") +
                             f.Input("url", "review.url", {.type = "url"}) + f.Input("source", "review.source") +
                             f.Input("published_at", "review.published_at", {.type = "date"}) +
                             f.Input("text", "review.text", {.required = true, .type = "textarea", .rows = 10}) +
                             f.Submit("review.submit") + f.Close(),
                         "Form escapes its values")
                  << "</section>";
}

// Queue filters: feed, region, confidence; sorted by confidence on request. The query and the values
// the filter form shows.
struct QueueFilter {
    app::FactQuery q;
    Values values;
};

QueueFilter QueueFilterFrom(const Ctx& ctx) {
    QueueFilter f;
    f.q.status = "proposed";
    f.q.limit = 50;
    if (auto v = ctx.req.Query("feed"); v && !v->empty()) {
        f.values.emplace("feed", *v);
        if (auto n = ParseInt(*v)) f.q.feed_id = *n;
    }
    if (auto v = ctx.req.Query("region"); v && !v->empty()) {
        f.values.emplace("region", FilterRegion(ctx));  // any key of the region
        f.q.region = FilterRegion(ctx);
    }
    if (auto v = ctx.req.Query("min_confidence"); v && !v->empty()) {
        f.values.emplace("min_confidence", *v);
        if (auto n = ParseInt(*v); n && *n >= 0 && *n <= 100) f.q.min_confidence = static_cast<double>(*n) / 100.0;
    }
    if (auto v = ctx.req.Query("article"); v && !v->empty()) {
        if (auto n = ParseInt(*v)) f.q.article_id = *n;
    }
    if (auto v = ctx.req.Query("sort"); v && *v == "confidence") {
        f.values.emplace("sort", *v);
        f.q.by_confidence = true;
    }
    return f;
}

Html QueueFilterForm(Ctx& ctx, const Values& filters) {
    Form ff(ctx, filters, {});
    Options sorts{{"", ctx.T("review.sort_oldest")}, {"confidence", ctx.T("review.sort_confidence")}};
    return Html() << "<form class=\"form inline filters\" method=\"get\" action=\"/review\" aria-label=\""
                  << Tr(ctx, "review.filters") << "\">"
                  << Cat(ff.Input("feed", "review.feed", {.type = "number"}) +
                             ff.Select("region", "review.region", RegionOptions(ctx), {}, ctx.T("review.any")) +
                             ff.Input("min_confidence", "review.min_confidence",
                                      {.type = "number", .extra = "min=\"0\" max=\"100\""}) +
                             ff.Select("sort", "review.sort", sorts),
                         "Form escapes its values")
                  << "<button class=\"button secondary\" type=\"submit\">" << Tr(ctx, "review.apply")
                  << "</button></form>";
}

// What the fact says, why it was proposed and the article's words that show it.
Html FactSummary(Ctx& ctx, const app::ProposedFact& pf, const domain::Article* article) {
    Html h;
    h << "<h3>" << Cat(ctx.T("review.kind_" + pf.kind), "the message catalogue") << " <span class=\"muted\">"
      << Tr(ctx, "review.confidence") << " " << static_cast<int>(pf.confidence * 100) << "%</span></h3>";
    if (pf.kind == "adoption") {
        std::string adopter = Named(pf.fact, "adopter");
        h << "<p>" << Tr(ctx, "review.adopter") << ": <strong>" << Cat(adopter.empty() ? "—" : adopter, "Named escapes")
          << "</strong>; " << Tr(ctx, "review.from") << ": <strong>" << Cat(Named(pf.fact, "source"), "Named escapes")
          << "</strong>";
        if (!PracticePhrase(pf.fact).empty())
            h << "; " << Tr(ctx, "review.practice_phrase") << ": «" << PracticePhrase(pf.fact) << "»";
        h << "</p>";
    } else if (pf.kind == "position") {
        std::string post = PostOf(pf.fact);
        h << "<p>" << Cat(Named(pf.fact, "person"), "Named escapes") << " — ";
        if (post.empty())
            h << Cat(Who(pf.fact, "position") + " " + Who(pf.fact, "region"), "Who escapes");
        else
            h << post;
        if (pf.fact.contains("date") && pf.fact["date"].is_string())
            h << " (" << pf.fact["date"].get<std::string>() << ")";
        h << "</p>";
    }
    h << "<p class=\"muted why\">" << Tr(ctx, "review.why") << ": " << Cat(WhyHtml(ctx, pf), "escapes its values")
      << "</p>";
    if (article) {
        h << "<blockquote class=\"evidence\">" << Cat(EvidenceHtml(*article, pf.fact), "escapes the article")
          << "</blockquote><p class=\"muted\">" << article->title;
        if (!article->url.empty()) h << " · " << article->url;
        h << "</p>";
    }
    return h;
}

// The accept, merge and reject forms of a fact; a refused one comes back as typed, with its messages.
Html FactForms(Ctx& ctx, const app::ReviewItem& item, const domain::Article* article, const Refused* refused) {
    const auto& pf = item.fact;
    const std::string id = std::to_string(pf.id);
    const bool is_refused = refused && refused->fact_id == pf.id;
    static const Values kNone;
    static const Errors kNoErrors;
    const Values& typed = is_refused ? refused->values : kNone;
    const Errors& errs = is_refused ? refused->errors : kNoErrors;
    const bool accept_refused = is_refused && refused->form == "accept";
    std::string b;
    if (pf.kind == "adoption") {
        b += AdoptionForm(ctx, item, article, accept_refused ? typed : kNone, accept_refused ? errs : kNoErrors);
    } else if (pf.kind == "position") {
        b += PositionForm(ctx, item, accept_refused ? typed : kNone, accept_refused ? errs : kNoErrors);
    } else {
        Form d(ctx, {{"version", std::to_string(pf.version)}}, accept_refused ? errs : kNoErrors);
        d.Scope("fact" + id + "-accept");
        b += d.Open("/review/" + id + "/accept", "form inline") + d.ErrorSummary() + d.Hidden("version") +
             d.Submit("review.accept") + d.Close();
    }
    // Merge: the fact is evidence for a record that already exists (an adoption or a position).
    Values base{{"version", std::to_string(pf.version)}};
    if (pf.kind == "adoption" || pf.kind == "position") {
        bool mr = is_refused && refused->form == "merge";
        Form d(ctx, mr ? typed : base, mr ? errs : kNoErrors);
        d.Scope("fact" + id + "-merge");
        b += d.Open("/review/" + id + "/merge", "form inline") + d.ErrorSummary() + d.Hidden("version") +
             "<input type=\"hidden\" name=\"target_kind\" value=\"" + E(pf.kind) + "\">" +
             d.Input("target_id", pf.kind == "adoption" ? "review.merge_adoption" : "review.merge_position",
                     {.type = "number"}) +
             d.Submit("review.merge", "", "button secondary") + d.Close();
    }
    bool rr = is_refused && refused->form == "reject";
    Form d(ctx, rr ? typed : base, rr ? errs : kNoErrors);
    d.Scope("fact" + id + "-reject");
    b += d.Open("/review/" + id + "/reject", "form inline") + d.ErrorSummary() + d.Hidden("version") +
         d.Input("reason", "review.reason") + d.Submit("review.reject", "", "button secondary") + d.Close();
    return Cat(std::move(b), "Form and the review forms escape their values");
}

// The review page: the paste form, the queue filters and the proposed facts with their forms.
http::Response RenderReview(Ctx& ctx, int status, const Values& paste_values, const Errors& paste_errors,
                            const Refused* refused) {
    auto& svc = ctx.app.articles();
    Html b = Cat(Breadcrumbs(ctx, {{"", ctx.T("review.title")}}), "escapes its labels");
    b << "<h1>" << Tr(ctx, "review.title") << "</h1>" << ReviewNotices(ctx, refused)
      << Cat(ReviewUnexplainedSection(ctx), "escapes its values") << PasteSection(ctx, paste_values, paste_errors);
    QueueFilter filter = QueueFilterFrom(ctx);
    b << QueueFilterForm(ctx, filter.values);
    auto page = svc.ListFacts(ctx.actor, filter.q);
    b << "<section aria-labelledby=\"h-facts\"><h2 id=\"h-facts\">" << Tr(ctx, "review.proposed")
      << " <span class=\"count\">" << Cat(ctx.Integer(page.ok() ? page->total : 0), "a formatted number")
      << "</span></h2>";
    if (!page.ok()) {
        b << "<p class=\"error\">" << Cat(ErrorText(ctx, page.error().rule, page.error().message), "escaped")
          << "</p></section>";
        return Page(ctx, status, ctx.T("review.title"), std::move(b).str());
    }
    // A refused fact stays on the page even when it fell out of the filtered list.
    auto items = page->items;
    auto articles = page->articles;
    if (refused && std::none_of(items.begin(), items.end(),
                                [&](const app::ReviewItem& i) { return i.fact.id == refused->fact_id; })) {
        auto item = svc.GetFact(ctx.actor, refused->fact_id);
        if (item.ok() && item->fact.status == "proposed") {
            auto a = svc.GetArticle(ctx.actor, item->fact.article_id);
            if (a.ok()) articles.emplace(a->article.meta.id, a->article);
            items.insert(items.begin(), item.value());
        }
    }
    if (items.empty()) {
        b << "<p class=\"empty\">" << Tr(ctx, "mod.empty") << "</p></section>";
        return Page(ctx, status, ctx.T("review.title"), std::move(b).str());
    }
    b << "<ol class=\"facts\">";
    for (const auto& item : items) {
        auto art = articles.find(item.fact.article_id);
        const domain::Article* article = art == articles.end() ? nullptr : &art->second;
        b << "<li class=\"fact\" id=\"fact-" << item.fact.id << "\">" << FactSummary(ctx, item.fact, article)
          << FactForms(ctx, item, article, refused) << "</li>";
    }
    b << "</ol></section>";
    return Page(ctx, status, ctx.T("review.title"), std::move(b).str());
}

// The practice of an accepted adoption fact: a candidate's number, another found by number or title
// words, or a new draft. A query that finds none or several is refused on its field.
void ChoosePractice(Ctx& ctx, const Values& v, app::FactEdits& e, Errors& errors) {
    std::string choice = Field(v, "practice_choice");
    if (choice == "new") {
        e.new_practice_title = Field(v, "new_practice_title");
        e.new_practice_domain = Field(v, "new_practice_domain");
        return;
    }
    if (choice != "other") {
        if (auto p = ParseInt(choice)) e.practice_id = *p;
        return;
    }
    std::string query = Field(v, "practice_query");
    if (query.empty()) {
        errors["practice_query"] = E(ctx.T("review.practice_query_empty"));
        return;
    }
    auto found = ctx.app.articles().FindPractices(ctx.actor, query, 6);
    if (!found.ok() || found->empty()) {
        errors["practice_query"] = E(ctx.T("review.practice_not_found"));
    } else if (found->size() > 1) {
        std::string names;
        for (const auto& p : *found)
            names += (names.empty() ? "" : "; ") + ("№ " + std::to_string(p.practice_id) + " «" + p.title + "»");
        errors["practice_query"] = E(ctx.T("review.practice_many") + " " + names);
    } else {
        e.practice_id = found->front().practice_id;
    }
}

// The curator's corrections of an accepted fact, as the accept form sends them.
app::FactEdits AcceptEdits(Ctx& ctx, const Values& v, Errors& errors) {
    app::FactEdits e;
    auto text = [&](const char* name) -> std::optional<std::string> {
        std::string f = Field(v, name);
        return f.empty() ? std::nullopt : std::optional<std::string>(f);
    };
    ChoosePractice(ctx, v, e, errors);
    // Channel: no default — what the form says, and the form starts empty.
    if (auto c = domain::ParseChannel(Field(v, "channel"))) e.channel = *c;
    if (auto st = domain::ParseAdoptionStage(Field(v, "stage"))) e.stage = *st;
    e.adopter_region = text("adopter_region");
    e.source_region = text("source_region");
    // The municipalities the form shows (empty = the region itself); absent when the form has no such field.
    auto municipality = [&](const char* name) -> std::optional<domain::Id> {
        if (!v.count(name)) return std::nullopt;
        std::string m = Field(v, name);
        return m.empty() ? 0 : ParseInt(m).value_or(0);
    };
    e.adopter_municipality_id = municipality("adopter_municipality_id");
    e.source_municipality_id = municipality("source_municipality_id");
    std::string om = Field(v, "on_match");
    if (om == "new") {
        e.on_match = "new";
    } else if (om.rfind("evidence:", 0) == 0) {
        e.on_match = "evidence";
        if (auto n = ParseInt(om.substr(9))) e.match_id = *n;
    }
    if (v.count("stage_at")) {
        if (auto d = DateField(ctx, v, "stage_at", errors)) e.stage_at = *d;
    }
    e.last_name = text("last_name");
    e.first_name = text("first_name");
    e.patronymic = text("patronymic");
    e.title = text("title");
    e.region = text("region");
    e.period = text("period");
    if (auto d = DateField(ctx, v, "from", errors)) e.from = *d;
    if (auto d = DateField(ctx, v, "to", errors)) e.to = *d;
    return e;
}

// The page after a refused decision: gone (404), decided meanwhile (409), or the form with its fields named.
http::Response RefusedDecision(Ctx& ctx, domain::Id id, const char* form, const Values& v, Errors errors,
                               const Error* err) {
    if (err) {
        // Not a problem of a field: the fact is gone, or someone decided it meanwhile.
        if (err->code == ErrorCode::kNotFound && err->field.empty()) return NotFoundPage(ctx);
        if (err->code == ErrorCode::kConflict && err->rule == "fact_decided") {
            Refused decided{409, id, form, v, {{"_form", E(err->message)}}};
            return RenderReview(ctx, 409, {}, {}, &decided);
        }
        AddAppErrors(ctx, *err, errors, FormFieldOf);
        // A conflict with an existing record carries the records in its message.
        if (err->rule == "existing_record") errors["on_match"] = E(err->message);
    }
    Refused refused{422, id, form, v, NamedErrors(ctx, errors)};
    return RenderReview(ctx, refused.status, {}, {}, &refused);
}

}  // namespace

http::Response ReviewPage(Ctx& ctx) {
    if (auto allowed = ctx.app.Allows(ctx.actor, app::Duty::kReviewNews); !allowed.ok())
        return ErrorPage(ctx, allowed.error());
    Values v;
    Errors errors;
    if (ctx.req.method == "POST") {
        v = ctx.req.FormFields();
        app::ArticleInput in;
        in.body = Field(v, "text");
        in.title = Field(v, "title");
        in.url = Field(v, "url");
        in.source = Field(v, "source");
        if (auto d = DateField(ctx, v, "published_at", errors)) in.published_at = *d;
        Require(ctx, v, "text", errors);
        if (errors.empty()) {
            auto r = ctx.app.articles().Submit(ctx.actor, in);
            if (r.ok()) return RedirectTo("/review?saved=1");
            AddAppErrors(ctx, r.error(), errors, [](const std::string& f) {
                return f == "text" || f == "url" || f == "title" || f == "published_at" ? f : std::string();
            });
        }
    }
    const int status = errors.empty() ? 200 : 422;  // the form comes back filled in, with the messages
    return RenderReview(ctx, status, v, errors, nullptr);
}

http::Response ReviewDecision(Ctx& ctx, ReviewAction action) {
    if (auto allowed = ctx.app.Allows(ctx.actor, app::Duty::kReviewNews); !allowed.ok())
        return ErrorPage(ctx, allowed.error());
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    auto v = ctx.req.FormFields();
    std::optional<std::int64_t> version;
    if (auto n = ParseInt(Field(v, "version"))) version = *n;
    auto& svc = ctx.app.articles();
    Result<app::ProposedFact> r = Error::NotFound("fact");
    Errors errors;
    const char* form = "accept";
    switch (action) {
        case ReviewAction::kAccept: {
            app::FactEdits e = AcceptEdits(ctx, v, errors);
            if (errors.empty()) r = svc.Accept(ctx.actor, *id, e, version);
            break;
        }
        case ReviewAction::kMerge: {
            form = "merge";
            auto target = ParseInt(Field(v, "target_id"));
            if (!target)
                errors["target_id"] = E(ctx.T("review.merge_needs_id"));
            else
                r = svc.Merge(ctx.actor, *id, Field(v, "target_kind"), *target, version);
            break;
        }
        case ReviewAction::kReject:
            form = "reject";
            r = svc.Reject(ctx.actor, *id, Field(v, "reason"), version);
            break;
    }
    if (errors.empty() && r.ok()) return RedirectTo("/review?done=" + std::to_string(*id) + "#outcome");
    const Error* err = errors.empty() ? &r.error() : nullptr;
    return RefusedDecision(ctx, *id, form, v, std::move(errors), err);
}

}  // namespace orientir::web::detail
