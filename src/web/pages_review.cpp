// The news review queue for curators: paste an article, see the facts Orientir proposes with the
// evidence sentence highlighted in the text, and accept (choosing the practice for an adoption),
// or reject each. Decisions go through app::ArticleService, so permissions, validation and audit apply.

#include "app/articles.hpp"
#include "common/strings.hpp"
#include "text/normalize.hpp"
#include "web/handlers.hpp"

namespace orientir::web::detail {

namespace {

Error SignInFirst() { return Error{ErrorCode::kUnauthenticated, "sign in", {}, "unauthenticated", {}}; }

// The article text around the evidence span, with the span marked.
std::string EvidenceHtml(const domain::Article& a, const OrderedJson& fact) {
    if (!fact.contains("evidence") || !fact["evidence"].is_object()) return "";
    const auto& ev = fact["evidence"];
    auto start = ev.value("start", 0);
    auto end = ev.value("end", 0);
    std::int32_t len = text::CodePointLength(a.text);
    if (start < 0 || end > len || start >= end) return "<q>" + E(ev.value("text", "")) + "</q>";
    std::int32_t from = std::max<std::int32_t>(0, start - 160), to = std::min<std::int32_t>(len, end + 160);
    return std::string(from > 0 ? "… " : "") + E(text::SubstrCodePoints(a.text, from, start)) + "<mark>" +
           E(text::SubstrCodePoints(a.text, start, end)) + "</mark>" + E(text::SubstrCodePoints(a.text, end, to)) +
           (to < len ? " …" : "");
}

std::string Who(const OrderedJson& fact, const char* key) {
    if (!fact.contains(key) || !fact[key].is_object()) return "";
    return E(fact[key].value("text", ""));
}

std::string ChannelLabel(const Ctx& ctx, const std::string& code) {
    auto c = domain::ParseChannel(code);
    if (!c) return E(code);
    return E(ctx.en() ? domain::LabelOf(*c).en : domain::LabelOf(*c).ru);
}

}  // namespace

http::Response ReviewPage(Ctx& ctx) {
    if (!ctx.signed_in()) return ErrorPage(ctx, SignInFirst());
    if (!ctx.actor.IsStaff()) return ErrorPage(ctx, Error::Forbidden("review"));
    auto& svc = ctx.app.articles();
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
            auto r = svc.Submit(ctx.actor, in);
            if (r.ok()) return RedirectTo("/review?saved=1");
            AddAppErrors(ctx, r.error(), errors, [](const std::string& f) {
                return f == "text" || f == "url" || f == "title" || f == "published_at" ? f : std::string();
            });
        }
    }
    const int status = errors.empty() ? 200 : 422;  // the form comes back filled in, with the messages
    std::string b = Breadcrumbs(ctx, {{"", ctx.T("review.title")}}) + "<h1>" + ctx.T("review.title") + "</h1>";
    if (ctx.req.Query("saved")) b += "<p class=\"flash\" role=\"status\">" + ctx.T("form.saved") + "</p>";
    b += "<p class=\"hint\">" + ctx.T("review.intro") + "</p>";

    Form f(ctx, v, errors);
    b += "<section aria-labelledby=\"h-paste\"><h2 id=\"h-paste\">" + ctx.T("review.paste") + "</h2>" +
         f.Open("/review") + f.ErrorSummary();
    b += f.Input("title", "review.article_title");
    b += f.Input("url", "review.url", {.type = "url"});
    b += f.Input("source", "review.source");
    b += f.Input("published_at", "review.published_at", {.type = "date"});
    b += f.Input("text", "review.text", {.required = true, .type = "textarea", .rows = 10});
    b += f.Submit("review.submit") + f.Close() + "</section>";

    app::FactQuery q;
    q.status = "proposed";
    q.limit = 50;
    auto page = svc.ListFacts(ctx.actor, q);
    b += "<section aria-labelledby=\"h-facts\"><h2 id=\"h-facts\">" + ctx.T("review.proposed") +
         " <span class=\"count\">" + ctx.Integer(page.ok() ? page->total : 0) + "</span></h2>";
    if (!page.ok() || page->items.empty())
        return Page(ctx, status, ctx.T("review.title"),
                    b + "<p class=\"empty\">" + ctx.T("mod.empty") + "</p></section>");
    b += "<ol class=\"facts\">";
    Options channels = ChannelOptions(ctx);
    for (const auto& item : page->items) {
        const auto& pf = item.fact;
        const std::string id = std::to_string(pf.id);
        auto art = page->articles.find(pf.article_id);
        b += "<li class=\"fact\" id=\"fact-" + id + "\"><h3>" + ctx.T("review.kind_" + pf.kind) +
             " <span class=\"muted\">" + ctx.T("review.confidence") + " " +
             E(std::to_string(static_cast<int>(pf.confidence * 100))) + "%</span></h3>";
        if (pf.kind == "adoption") {
            b += "<p>" + ctx.T("review.adopter") + ": <strong>" + Who(pf.fact, "adopter") + "</strong>; " +
                 ctx.T("review.from") + ": <strong>" + Who(pf.fact, "source") + "</strong>; " + ctx.T("col.channel") +
                 ": " + ChannelLabel(ctx, pf.fact.value("channel", "")) + "</p>";
        } else if (pf.kind == "position") {
            b += "<p>" + Who(pf.fact, "person") + " — " + Who(pf.fact, "position") + " " + Who(pf.fact, "region") +
                 "</p>";
        }
        if (art != page->articles.end()) {
            b += "<blockquote class=\"evidence\">" + EvidenceHtml(art->second, pf.fact) +
                 "</blockquote><p class=\"muted\">" + E(art->second.title) +
                 (art->second.url.empty() ? "" : " · " + E(art->second.url)) + "</p>";
        }
        Values fv{{"channel", pf.fact.value("channel", "")}, {"version", std::to_string(pf.version)}};
        if (!item.suggestions.empty()) fv.emplace("practice_id", std::to_string(item.suggestions.front().practice_id));
        Form d(ctx, fv, {});
        b += d.Open("/review/" + id + "/accept", "form inline") + d.Hidden("version");
        if (pf.kind == "adoption") {
            Options practices;
            for (const auto& s : item.suggestions) practices.emplace_back(std::to_string(s.practice_id), E(s.title));
            b += practices.empty() ? d.Input("practice_id", "review.practice_id", {.type = "number"})
                                   : d.Select("practice_id", "review.practice", practices);
            b += d.Select("channel", "col.channel", channels);
        }
        b += d.Submit("review.accept") + d.Close();
        b += d.Open("/review/" + id + "/reject", "form inline") + d.Hidden("version") +
             d.Input("reason", "review.reason") + d.Submit("review.reject", "", "button secondary") + d.Close();
        b += "</li>";
    }
    b += "</ol></section>";
    return Page(ctx, status, ctx.T("review.title"), b);
}

http::Response ReviewDecision(Ctx& ctx, bool accept) {
    if (!ctx.signed_in()) return ErrorPage(ctx, SignInFirst());
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    auto v = ctx.req.FormFields();
    std::optional<std::int64_t> version;
    if (auto n = ParseInt(Field(v, "version"))) version = *n;
    auto& svc = ctx.app.articles();
    Result<app::ProposedFact> r = Error::NotFound("fact");
    if (accept) {
        app::FactEdits e;
        if (auto p = ParseInt(Field(v, "practice_id"))) e.practice_id = *p;
        if (auto c = domain::ParseChannel(Field(v, "channel"))) e.channel = *c;
        r = svc.Accept(ctx.actor, *id, e, version);
    } else {
        r = svc.Reject(ctx.actor, *id, Field(v, "reason"), version);
    }
    if (!r.ok()) return ErrorPage(ctx, r.error());
    return RedirectTo("/review?saved=1");
}

}  // namespace orientir::web::detail
