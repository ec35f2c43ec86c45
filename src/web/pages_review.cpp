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

// The region code a mention refers to (a region, or a municipality's region), "" when unknown.
std::string RegionOf(const OrderedJson& fact, const char* key) {
    if (!fact.contains(key) || !fact[key].is_object()) return "";
    const auto& m = fact[key];
    if (!m.contains("ref") || !m["ref"].is_object()) return "";
    const auto& ref = m["ref"];
    std::string kind = ref.value("kind", "");
    if (kind == "region") return ref.value("code", "");
    if (ref.contains("region") && ref["region"].is_string()) return ref["region"].get<std::string>();
    return "";
}

// A mention's normal form when the extractor gave one, else its text as written.
std::string NormalOf(const OrderedJson& fact, const char* key) {
    if (!fact.contains(key) || !fact[key].is_object()) return "";
    const auto& m = fact[key];
    if (m.contains("normal") && m["normal"].is_string()) return m["normal"].get<std::string>();
    return m.value("text", "");
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
    const Options channels = ChannelOptions(ctx);
    const Options regions = RegionOptions(ctx);
    const Options stages = StageOptions(ctx);
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
        // Accept, correcting what the extractor read: every field starts from the fact.
        Values fv{{"channel", pf.fact.value("channel", "")},
                  {"version", std::to_string(pf.version)},
                  {"stage", pf.fact.value("stage", "")}};
        if (!item.suggestions.empty()) fv.emplace("practice_id", std::to_string(item.suggestions.front().practice_id));
        if (pf.kind == "adoption") fv.emplace("adopter_region", RegionOf(pf.fact, "adopter"));
        if (pf.kind == "position") {
            std::vector<std::string> words;
            for (auto& w : Split(NormalOf(pf.fact, "person"), ' '))
                if (!w.empty()) words.push_back(std::move(w));
            if (!words.empty()) fv.emplace("last_name", words.back());
            if (words.size() >= 2) fv.emplace("first_name", words.front());
            if (words.size() == 3) fv.emplace("patronymic", words[1]);
            fv.emplace("title", NormalOf(pf.fact, "position"));
            fv.emplace("region", RegionOf(pf.fact, "region"));
        }
        Form d(ctx, fv, {});
        b += d.Open("/review/" + id + "/accept", "form inline") + d.Hidden("version");
        if (pf.kind == "adoption") {
            Options practices;
            for (const auto& s : item.suggestions) practices.emplace_back(std::to_string(s.practice_id), E(s.title));
            b += practices.empty() ? d.Input("practice_id", "review.practice_id", {.type = "number"})
                                   : d.Select("practice_id", "review.practice", practices);
            b += d.Select("adopter_region", "review.adopter_region", regions, {}, "—");
            b += d.Select("channel", "col.channel", channels);
            b += d.Select("stage", "col.stage", stages);
            b += d.Input("stage_at", "review.stage_at", {.type = "date"});
        } else if (pf.kind == "position") {
            b += d.Input("last_name", "review.last_name") + d.Input("first_name", "review.first_name") +
                 d.Input("patronymic", "review.patronymic") + d.Input("title", "review.position_title") +
                 d.Select("region", "review.region", regions, {}, "—");
        }
        b += d.Submit("review.accept") + d.Close();
        // Merge: the fact is evidence for a record that already exists (an adoption or a position).
        if (pf.kind == "adoption" || pf.kind == "position") {
            b += d.Open("/review/" + id + "/merge", "form inline") + d.Hidden("version") +
                 "<input type=\"hidden\" name=\"target_kind\" value=\"" + E(pf.kind) + "\">" +
                 d.Input("target_id", pf.kind == "adoption" ? "review.merge_adoption" : "review.merge_position",
                         {.type = "number"}) +
                 d.Submit("review.merge", "", "button secondary") + d.Close();
        }
        b += d.Open("/review/" + id + "/reject", "form inline") + d.Hidden("version") +
             d.Input("reason", "review.reason") + d.Submit("review.reject", "", "button secondary") + d.Close();
        b += "</li>";
    }
    b += "</ol></section>";
    return Page(ctx, status, ctx.T("review.title"), b);
}

http::Response ReviewDecision(Ctx& ctx, ReviewAction action) {
    if (!ctx.signed_in()) return ErrorPage(ctx, SignInFirst());
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    auto v = ctx.req.FormFields();
    std::optional<std::int64_t> version;
    if (auto n = ParseInt(Field(v, "version"))) version = *n;
    auto& svc = ctx.app.articles();
    Result<app::ProposedFact> r = Error::NotFound("fact");
    auto text = [&](const char* name) -> std::optional<std::string> {
        std::string f = Field(v, name);
        return f.empty() ? std::nullopt : std::optional<std::string>(f);
    };
    switch (action) {
        case ReviewAction::kAccept: {
            app::FactEdits e;
            if (auto p = ParseInt(Field(v, "practice_id"))) e.practice_id = *p;
            if (auto c = domain::ParseChannel(Field(v, "channel"))) e.channel = *c;
            if (auto st = domain::ParseAdoptionStage(Field(v, "stage"))) e.stage = *st;
            e.adopter_region = text("adopter_region");
            e.stage_at = text("stage_at");
            e.last_name = text("last_name");
            e.first_name = text("first_name");
            e.patronymic = text("patronymic");
            e.title = text("title");
            e.region = text("region");
            r = svc.Accept(ctx.actor, *id, e, version);
            break;
        }
        case ReviewAction::kMerge: {
            auto target = ParseInt(Field(v, "target_id"));
            if (!target) return ErrorPage(ctx, Error::Invalid("target_id", "required", ctx.T("review.merge_needs_id")));
            r = svc.Merge(ctx.actor, *id, Field(v, "target_kind"), *target, version);
            break;
        }
        case ReviewAction::kReject:
            r = svc.Reject(ctx.actor, *id, Field(v, "reason"), version);
            break;
    }
    if (!r.ok()) return ErrorPage(ctx, r.error());
    return RedirectTo("/review?saved=1");
}

}  // namespace orientir::web::detail
