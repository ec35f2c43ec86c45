// The news review's facts: how the page names a fact's sides, why it was proposed, the evidence in the
// article, the outcome of a decision, and the accept forms of adoption and position facts
// (pages_review.cpp renders the page and takes the decisions).

#include <algorithm>

#include "app/articles.hpp"
#include "common/json.hpp"
#include "common/strings.hpp"
#include "text/normalize.hpp"
#include "web/review_facts.hpp"

namespace orientir::web::detail {

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
static std::string RegionOf(const OrderedJson& fact, const char* key) {
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
static std::string NormalOf(const OrderedJson& fact, const char* key) {
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

// The post with its body as the article gives it («первый заместитель губернатора Тюменской
// области»), else the position mention's normal form.
std::string PostOf(const OrderedJson& fact) {
    if (fact.contains("post") && fact["post"].is_string() && !fact["post"].get<std::string>().empty())
        return fact["post"].get<std::string>();
    return NormalOf(fact, "position");
}

// A side of a fact as the page names it: the normal form (directory name), else the text as written.
std::string Named(const OrderedJson& fact, const char* key) { return E(NormalOf(fact, key)); }

static std::string ChannelLabel(const Ctx& ctx, const std::string& code) {
    auto c = domain::ParseChannel(code);
    if (!c) return E(code);
    return E(ctx.en() ? domain::LabelOf(*c).en : domain::LabelOf(*c).ru);
}
static std::string StageLabel(const Ctx& ctx, const std::string& code) {
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
static std::string FieldLabel(Ctx& ctx, const std::string& field) {
    static const std::map<std::string, std::string> kKeys = {
        {"practice_choice", "review.practice"},
        {"practice_query", "review.practice_query"},
        {"new_practice_title", "review.new_practice_title"},
        {"new_practice_domain", "review.new_practice_domain"},
        {"adopter_region", "review.adopter_region"},
        {"adopter_municipality_id", "review.adopter_municipality"},
        {"source_region", "review.from"},
        {"source_municipality_id", "review.source_municipality"},
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

static std::string OutcomeLink(Ctx& ctx, const OrderedJson& o) {
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

static std::string Radio(const std::string& name, const std::string& value, const std::string& current,
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
        // The best candidate is chosen in advance only when its passport holds at least half the words of
        // the practice the article names (kPreselectShare); one shared word of four is listed, not chosen for
        // the curator, who then picks a candidate, another practice or a new one.
        constexpr double kPreselectShare = 0.5;
        std::string choice = item.suggestions.empty() ? "new" : "";
        if (!item.suggestions.empty() && item.suggestions.front().score >= kPreselectShare)
            choice = std::to_string(item.suggestions.front().practice_id);
        fv.emplace("practice_choice", choice);
        // a catalogue title starts with a capital letter («Сетка для пластика»)
        fv.emplace("new_practice_title", text::UpperFirst(PracticePhrase(pf.fact)));
        // each side as accepting would take it unchanged: region, and the town the mention links to
        for (const char* side : {"adopter", "source"}) {
            const domain::Place place = app::FactSide(pf.fact, side);
            fv.emplace(std::string(side) + "_region", place.region);
            fv.emplace(std::string(side) + "_municipality_id",
                       place.municipality_id ? std::to_string(*place.municipality_id) : "");
        }
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
    bool listed = false;
    for (const auto& s : item.suggestions) {
        std::string label = E(s.title) + " <span class=\"muted\">№ " + std::to_string(s.practice_id) + " · " +
                            ctx.T("review.overlap") + " " + std::to_string(static_cast<int>(s.score * 100)) +
                            "%</span>";
        b += Radio("practice_choice", std::to_string(s.practice_id), choice, label,
                   "pc-" + id + "-" + std::to_string(k++));
        listed = listed || std::to_string(s.practice_id) == choice;
    }
    // a practice the curator chose that is none of the candidates (a refused form shown again) stays chosen
    if (!listed && !choice.empty() && choice.size() <= 18 &&
        choice.find_first_not_of("0123456789") == std::string::npos)
        if (auto chosen = ctx.app.Get<domain::Practice>(ctx.actor, std::stoll(choice)); chosen.ok())
            b += Radio("practice_choice", choice, choice,
                       E(chosen->title) + " <span class=\"muted\">№ " + choice + "</span>", "pc-" + id + "-chosen");
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
         d.Select("source_municipality_id", "review.source_municipality",
                  MunicipalityOptions(ctx, d.Get("source_region")), {}, ctx.T("form.region_level")) +
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

}  // namespace orientir::web::detail
