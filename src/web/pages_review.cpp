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

// The id of a mention's directory record of `kind` ("municipality", "organisation"), "" when none.
std::string RefIdOf(const OrderedJson& fact, const char* key, const char* kind) {
    if (!fact.contains(key) || !fact[key].is_object()) return "";
    const auto& m = fact[key];
    if (!m.contains("ref") || !m["ref"].is_object() || m["ref"].value("kind", "") != kind) return "";
    const auto& id = m["ref"]["id"];
    return id.is_number_integer() ? std::to_string(id.get<std::int64_t>()) : "";
}

// A mention's normal form when the extractor gave one, else its text as written.
std::string NormalOf(const OrderedJson& fact, const char* key) {
    if (!fact.contains(key) || !fact[key].is_object()) return "";
    const auto& m = fact[key];
    if (m.contains("normal") && m["normal"].is_string()) return m["normal"].get<std::string>();
    return m.value("text", "");
}

// The practice as the article names it: the extractor's title-like phrase (issue 12).
std::string PracticePhrase(const OrderedJson& fact) {
    if (!fact.contains("practice") || !fact["practice"].is_object()) return "";
    const auto& p = fact["practice"];
    std::string text = p.value("text", "");
    if (text.empty() && p.contains("normal") && p["normal"].is_string()) return p["normal"].get<std::string>();
    return text;
}

// The region code of one side of an adoption fact: the extractor's adopter_region / source_region,
// else the region of the side's directory link.
std::string SideRegion(const OrderedJson& fact, const char* side) {
    std::string key = std::string(side) + "_region";
    if (fact.contains(key) && fact[key].is_string() && !fact[key].get<std::string>().empty())
        return fact[key].get<std::string>();
    return RegionOf(fact, side);
}

// The post with its body as the article gives it («первый заместитель губернатора Тюменской
// области»), else the position mention's normal form.
std::string PostOf(const OrderedJson& fact) {
    if (fact.contains("post") && fact["post"].is_string() && !fact["post"].get<std::string>().empty())
        return fact["post"].get<std::string>();
    return NormalOf(fact, "position");
}

// A side of a fact as the page names it: the normal form (directory name), else the text as written.
std::string Named(const OrderedJson& fact, const char* key) { return E(NormalOf(fact, key)); }

std::string ChannelLabel(const Ctx& ctx, const std::string& code) {
    auto c = domain::ParseChannel(code);
    if (!c) return E(code);
    return E(ctx.en() ? domain::LabelOf(*c).en : domain::LabelOf(*c).ru);
}
std::string StageLabel(const Ctx& ctx, const std::string& code) {
    auto s = domain::ParseAdoptionStage(code);
    if (!s) return E(code);
    return E(ctx.en() ? domain::LabelOf(*s).en : domain::LabelOf(*s).ru);
}

// Why the extractor proposed the fact: its own words when it gives them, else what it found.
std::string WhyHtml(Ctx& ctx, const app::ProposedFact& pf) {
    const auto& f = pf.fact;
    if (f.contains("why") && f["why"].is_string()) return E(f["why"].get<std::string>());
    std::vector<std::string> parts;
    if (pf.kind == "adoption") {
        if (!Who(f, "source").empty()) parts.push_back(ctx.T("review.why_source") + " «" + Who(f, "source") + "»");
        if (!Who(f, "adopter").empty()) parts.push_back(ctx.T("review.why_adopter") + " «" + Who(f, "adopter") + "»");
        if (!PracticePhrase(f).empty())
            parts.push_back(ctx.T("review.why_practice") + " «" + E(PracticePhrase(f)) + "»");
        if (f.contains("stage")) parts.push_back(ctx.T("col.stage") + ": " + StageLabel(ctx, f.value("stage", "")));
    } else if (pf.kind == "position") {
        if (!Who(f, "person").empty()) parts.push_back(ctx.T("review.why_person") + " «" + Who(f, "person") + "»");
        parts.push_back(Who(f, "position").empty() ? ctx.T("review.why_career")
                                                   : ctx.T("review.why_post") + " «" + Who(f, "position") + "»");
        if (f.value("period", "") == "past") parts.push_back(ctx.T("review.why_past"));
    } else {
        parts.push_back(ctx.T("review.why_located"));
    }
    return Join(parts, "; ");
}

// Russian (or English) names of the form fields, to name each problem.
std::string FieldLabel(Ctx& ctx, const std::string& field) {
    static const std::map<std::string, std::string> kKeys = {
        {"practice_choice", "review.practice"},
        {"practice_query", "review.practice_query"},
        {"new_practice_title", "review.new_practice_title"},
        {"new_practice_domain", "review.new_practice_domain"},
        {"adopter_region", "review.adopter_region"},
        {"adopter_municipality_id", "review.adopter_municipality"},
        {"source_region", "review.from"},
        {"channel", "col.channel"},
        {"stage", "col.stage"},
        {"stage_at", "review.stage_at"},
        {"on_match", "review.existing_choice"},
        {"last_name", "review.last_name"},
        {"first_name", "review.first_name"},
        {"patronymic", "review.patronymic"},
        {"title", "review.position_title"},
        {"region", "review.region"},
        {"period", "review.period"},
        {"from", "review.from_date"},
        {"to", "review.to_date"},
        {"target_id", "review.merge_adoption"},
        {"reason", "review.reason"},
    };
    auto it = kKeys.find(field);
    return it == kKeys.end() ? std::string() : ctx.T(it->second);
}

// App field → form field of the decision forms.
std::string FormFieldOf(const std::string& f) {
    if (f == "practice_id") return "practice_choice";
    if (f == "match_id") return "on_match";
    if (f == "person_id") return "last_name";
    if (f == "adopter_organisation_id") return "adopter_municipality_id";
    for (const char* known : {"new_practice_title", "new_practice_domain", "adopter_region", "adopter_municipality_id",
                              "source_region", "channel", "stage", "stage_at", "on_match", "last_name", "first_name",
                              "patronymic", "title", "region", "period", "from", "to", "target_id", "reason"})
        if (f == known) return f;
    return "";
}

// Every message names its field: «Канал распространения: Заполните это поле».
Errors NamedErrors(Ctx& ctx, Errors errors) {
    for (auto& [field, msg] : errors) {
        if (field == "_form") continue;
        std::string label = FieldLabel(ctx, field);
        if (!label.empty()) msg = "<strong>" + label + "</strong>: " + msg;
    }
    return errors;
}

// One decision that was refused: the fact, the form as typed, the problems.
struct Refused {
    int status = 422;
    domain::Id fact_id = 0;
    std::string form;  // accept | merge | reject
    Values values;
    Errors errors;
};

std::string OutcomeLink(Ctx& ctx, const OrderedJson& o) {
    std::string kind = o.value("kind", "");
    auto id = o.value("id", static_cast<std::int64_t>(0));
    std::string label = E(o.value("label", ""));
    std::string href;
    if (kind == "adoption") href = "/adoptions/" + std::to_string(id);
    if (kind == "practice") href = "/practices/" + std::to_string(id);
    if (kind == "person") href = "/persons/" + std::to_string(id);
    if (kind == "organisation") href = "/organisations/" + std::to_string(id);
    if (kind == "position") {
        auto pos = ctx.app.Get<domain::Position>(ctx.actor, id);
        if (pos.ok()) href = "/persons/" + std::to_string(pos->person_id);
    }
    return href.empty() ? label : "<a href=\"" + href + "\">" + label + "</a>";
}

// What the decision changed, with links (the flash after a decision).
std::string OutcomeHtml(Ctx& ctx, const app::ProposedFact& f) {
    std::string b =
        "<div class=\"flash\" role=\"status\" id=\"outcome\"><p>" + ctx.T("review.decided_" + f.status) + "</p><ul>";
    std::set<std::string> regions;
    for (const auto& o : f.outcome) {
        std::string action = o.value("action", "");
        std::string line = ctx.T("review.outcome_" + action) + " " + OutcomeLink(ctx, o);
        if (o.contains("from") || o.contains("to"))
            line += ": " + E(o.value("from", "")) + (o.contains("from") ? " → " : "") + E(o.value("to", ""));
        b += "<li>" + line + "</li>";
        if (o.value("kind", "") == "adoption" && f.resolved_id) {
            auto a = ctx.app.Get<domain::Adoption>(ctx.actor, *f.resolved_id);
            if (a.ok()) regions.insert(a->adopter.region);
        }
    }
    if (f.status == "rejected" && !f.reason.empty())
        b += "<li>" + ctx.T("review.reason") + ": " + E(f.reason) + "</li>";
    b += "</ul>";
    if (!regions.empty()) {
        b += "<p>";
        for (const auto& r : regions) b += ctx.RegionLink(r) + " · ";
        b += "<a href=\"/network\">" + ctx.T("net.title") + "</a></p>";
    }
    return b + "</div>";
}

std::string Radio(const std::string& name, const std::string& value, const std::string& current,
                  const std::string& label_html, const std::string& id) {
    return "<label class=\"check\" for=\"" + id + "\"><input type=\"radio\" id=\"" + id + "\" name=\"" + E(name) +
           "\" value=\"" + E(value) + "\"" + (value == current ? " checked" : "") + "> " + label_html + "</label>";
}

// The accept form of an adoption fact.
std::string AdoptionForm(Ctx& ctx, const app::ReviewItem& item, const domain::Article* art, const Values& typed,
                         const Errors& errors) {
    const auto& pf = item.fact;
    const std::string id = std::to_string(pf.id);
    Values fv = typed;
    if (typed.empty()) {
        fv = {{"version", std::to_string(pf.version)}, {"stage", pf.fact.value("stage", "")}};
        fv.emplace("practice_choice",
                   item.suggestions.empty() ? "new" : std::to_string(item.suggestions.front().practice_id));
        fv.emplace("new_practice_title", PracticePhrase(pf.fact));
        fv.emplace("adopter_region", SideRegion(pf.fact, "adopter"));
        fv.emplace("source_region", SideRegion(pf.fact, "source"));
        fv.emplace("adopter_municipality_id", RefIdOf(pf.fact, "adopter", "municipality"));
        fv.emplace("stage_at", art && art->published_at ? *art->published_at : "");
        fv.emplace("on_match", "");
    }
    Form d(ctx, fv, errors);
    d.Scope("fact" + id + "-accept");
    std::string b = d.Open("/review/" + id + "/accept", "form review-accept") + d.ErrorSummary() + d.Hidden("version");
    // Practice: a ranked candidate, another found by number or words of its title, or a new draft.
    std::string choice = d.Get("practice_choice");
    std::string perr = errors.count("practice_choice") ? errors.at("practice_choice") : "";
    b += "<fieldset class=\"field" + std::string(perr.empty() ? "" : " has-error") + "\" id=\"" +
         d.FieldId("practice_choice") + "\"><legend>" + ctx.T("review.practice") + "</legend>";
    if (!PracticePhrase(pf.fact).empty())
        b += "<p class=\"hint\">" + ctx.T("review.practice_phrase") + ": «" + E(PracticePhrase(pf.fact)) + "»</p>";
    if (!perr.empty()) b += "<p class=\"error\">" + perr + "</p>";
    int k = 0;
    for (const auto& s : item.suggestions) {
        std::string label = E(s.title) + " <span class=\"muted\">№ " + std::to_string(s.practice_id) + " · " +
                            ctx.T("review.overlap") + " " + std::to_string(static_cast<int>(s.score * 100)) +
                            "%</span>";
        b += Radio("practice_choice", std::to_string(s.practice_id), choice, label,
                   "pc-" + id + "-" + std::to_string(k++));
    }
    b += Radio("practice_choice", "other", choice, ctx.T("review.practice_other"), "pc-" + id + "-other") +
         d.Input("practice_query", "review.practice_query", {.hint = ctx.T("review.practice_query_hint")}) +
         Radio("practice_choice", "new", choice, ctx.T("review.practice_new"), "pc-" + id + "-new") +
         d.Input("new_practice_title", "review.new_practice_title") +
         d.Select("new_practice_domain", "review.new_practice_domain", DomainOptions(ctx), {}, ctx.T("form.choose")) +
         "</fieldset>";
    // Existing adoptions of a candidate in the adopter region: new record or evidence, the curator says.
    std::string existing;
    std::string on_match = d.Get("on_match");
    for (const auto& s : item.suggestions)
        for (const auto& e : s.existing)
            existing += Radio("on_match", "evidence:" + std::to_string(e.id), on_match,
                              ctx.T("review.on_match_evidence") + " <a href=\"/adoptions/" + std::to_string(e.id) +
                                  "\">" + E(e.label) + "</a> <span class=\"muted\">(" + E(s.title) + ")</span>",
                              "om-" + id + "-" + std::to_string(e.id));
    std::string merr = errors.count("on_match") ? errors.at("on_match") : "";
    if (!existing.empty() || !merr.empty()) {
        b += "<fieldset class=\"field" + std::string(merr.empty() ? "" : " has-error") + "\" id=\"" +
             d.FieldId("on_match") + "\"><legend>" + ctx.T("review.existing_choice") + "</legend><p class=\"hint\">" +
             ctx.T("review.existing_hint") + "</p>";
        if (!merr.empty()) b += "<p class=\"error\">" + merr + "</p>";
        b += Radio("on_match", "new", on_match, ctx.T("review.on_match_new"), "om-" + id + "-new") + existing +
             "</fieldset>";
    }
    std::string region = d.Get("adopter_region");
    std::string hint = pf.fact.value("channel", "");
    b += "<div class=\"grid\">" +
         d.Select("adopter_region", "review.adopter_region", RegionOptions(ctx), {}, ctx.T("form.choose")) +
         d.Select("adopter_municipality_id", "review.adopter_municipality", MunicipalityOptions(ctx, region), {},
                  ctx.T("form.region_level")) +
         d.Select("source_region", "review.from", RegionOptions(ctx), {}, ctx.T("form.choose")) +
         d.Select("channel", "col.channel", ChannelOptions(ctx),
                  {.hint = hint.empty() ? "" : ctx.T("review.channel_hint") + ": " + ChannelLabel(ctx, hint)},
                  ctx.T("review.channel_choose")) +
         d.Select("stage", "col.stage", StageOptions(ctx)) +
         d.Input("stage_at", "review.stage_at", {.type = "date", .hint = ctx.T("review.stage_at_hint")}) + "</div>";
    return b + d.Submit("review.accept") + d.Close();
}

std::string PositionForm(Ctx& ctx, const app::ReviewItem& item, const Values& typed, const Errors& errors) {
    const auto& pf = item.fact;
    Values fv = typed;
    if (typed.empty()) {
        fv = {{"version", std::to_string(pf.version)}};
        std::vector<std::string> words;
        for (auto& w : Split(NormalOf(pf.fact, "person"), ' '))
            if (!w.empty()) words.push_back(std::move(w));
        // The normal form is «Имя Отчество Фамилия»; a directory name may be «Фамилия Имя Отчество».
        auto patronymic = [](const std::string& w) {
            std::string f = text::Fold(w);
            for (std::string suf : {"вич", "вна", "ична", "ич"})
                if (f.size() > suf.size() + 2 && f.compare(f.size() - suf.size(), suf.size(), suf) == 0) return true;
            return false;
        };
        if (words.size() == 3 && patronymic(words[2]) && !patronymic(words[1]))
            std::rotate(words.begin(), words.begin() + 1, words.end());  // → Имя Отчество Фамилия
        if (!words.empty()) fv.emplace("last_name", words.back());
        if (words.size() >= 2) fv.emplace("first_name", words.front());
        if (words.size() == 3) fv.emplace("patronymic", words[1]);
        fv.emplace("title", PostOf(pf.fact));
        std::string region = RegionOf(pf.fact, "region");
        if (region.empty()) region = RegionOf(pf.fact, "organisation");
        fv.emplace("region", region);
        std::string period = pf.fact.value("period", "current");
        fv.emplace("period", period);
        // The date the article gives: when a current post was taken, when a past one was left (a whole
        // date only; "2024-03" is shown in the hint, never stretched into a day).
        if (pf.fact.contains("date") && pf.fact["date"].is_string() && IsValidDate(pf.fact["date"].get<std::string>()))
            fv.emplace(period == "past" ? "to" : "from", pf.fact["date"].get<std::string>());
    }
    Form d(ctx, fv, errors);
    d.Scope("fact" + std::to_string(pf.id) + "-accept");
    Options periods{{"current", ctx.T("review.period_current")}, {"past", ctx.T("review.period_past")}};
    return d.Open("/review/" + std::to_string(pf.id) + "/accept", "form review-accept") + d.ErrorSummary() +
           d.Hidden("version") + "<div class=\"grid\">" + d.Input("last_name", "review.last_name") +
           d.Input("first_name", "review.first_name") + d.Input("patronymic", "review.patronymic") +
           d.Input("title", "review.position_title", {.hint = ctx.T("review.title_hint")}) +
           d.Select("region", "review.region", RegionOptions(ctx), {}, "—") +
           d.Select("period", "review.period", periods) + d.Input("from", "review.from_date", {.type = "date"}) +
           d.Input("to", "review.to_date", {.type = "date", .hint = ctx.T("review.to_hint")}) + "</div>" +
           d.Submit("review.accept") + d.Close();
}

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
        f.values.emplace("region", *v);
        f.q.region = *v;
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
    if (v.count("adopter_municipality_id")) {
        std::string m = Field(v, "adopter_municipality_id");
        e.adopter_municipality_id = m.empty() ? 0 : ParseInt(m).value_or(0);
    }
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
    if (!ctx.signed_in()) return ErrorPage(ctx, SignInFirst());
    if (!ctx.actor.IsStaff()) return ErrorPage(ctx, Error::Forbidden("review"));
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
    if (!ctx.signed_in()) return ErrorPage(ctx, SignInFirst());
    if (!ctx.actor.IsStaff()) return ErrorPage(ctx, Error::Forbidden("review"));
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
