// The adoption form and stage moves. A new adoption can be started for several municipalities at once
// (one adoption record each, one form, one transaction); the form starts in the user's own region and
// offers only the regions they may write; no channel is preselected (the user must choose one).
#include "common/strings.hpp"
#include "web/forms_util.hpp"

namespace orientir::web::detail {

namespace {

constexpr const char* kMunicipality = "adopter.municipality_id";

Values AdoptionValues(Ctx& ctx, const domain::Adoption& a, bool edit) {
    Values values;
    if (!edit) {
        Put(values, "practice_id", ctx.req.Query("practice").value_or(""));
        Put(values, "adopter.region", ctx.req.Query("region") ? FilterRegion(ctx) : DefaultWriteRegion(ctx));
        values.emplace("stage", "interest");
        values.emplace("stage_at", ctx.Today());
        return values;
    }
    Put(values, "practice_id", std::to_string(a.practice_id));
    Put(values, "adopter.region", a.adopter.region);
    Put(values, kMunicipality, a.adopter.municipality_id);
    Put(values, "adopter.organisation_id", a.adopter.organisation_id);
    Put(values, "source_adoption_id", a.source_adoption_id);
    Put(values, "channel", std::string(domain::Code(a.channel)));
    Put(values, "adaptation_notes", a.adaptation_notes);
    KpiValues(values, "results", a.results);
    for (std::size_t i = 0; i < a.evidence.size(); ++i) {
        std::string k = "evidence[" + std::to_string(i) + "].";
        Put(values, k + "url", a.evidence[i].url);
        Put(values, k + "title", a.evidence[i].title);
        Put(values, k + "quote", a.evidence[i].quote);
    }
    values.emplace("version", std::to_string(a.meta.version));
    return values;
}

domain::Adoption ParseAdoption(const Ctx& ctx, const Values& values, const domain::Adoption& a, bool edit,
                               std::size_t kpi_rows, std::size_t ev_rows, Errors& errors) {
    Require(ctx, values, "practice_id", errors);
    Require(ctx, values, "adopter.region", errors);
    domain::Adoption n = a;
    if (auto pid = IdField(ctx, values, "practice_id", errors)) n.practice_id = *pid;
    n.adopter.region = Field(values, "adopter.region");
    if (edit) n.adopter.municipality_id = IdField(ctx, values, kMunicipality, errors);
    n.adopter.organisation_id = IdField(ctx, values, "adopter.organisation_id", errors);
    n.source_adoption_id = IdField(ctx, values, "source_adoption_id", errors);
    // No default channel: a guessed one would skew the network's channel shares.
    if (auto c = domain::ParseChannel(Field(values, "channel")))
        n.channel = *c;
    else
        errors["channel"] = ctx.T("err.channel_required");
    n.adaptation_notes = Field(values, "adaptation_notes");
    n.results = ParseKpis(ctx, values, "results", kpi_rows, a.results, errors);
    n.evidence.clear();
    for (std::size_t i = 0; i < ev_rows; ++i) {
        std::string k = "evidence[" + std::to_string(i) + "].";
        domain::Evidence e{Field(values, k + "url"), Field(values, k + "title"), Field(values, k + "quote"),
                           std::nullopt};
        if (i < a.evidence.size()) e.article_id = a.evidence[i].article_id;
        if (e.url.empty() && e.title.empty() && e.quote.empty()) continue;
        n.evidence.push_back(std::move(e));
    }
    if (!edit) {
        auto st = domain::ParseAdoptionStage(Field(values, "stage"));
        auto at = DateField(ctx, values, "stage_at", errors);
        if (at && *at > ctx.Today()) errors["stage_at"] = ctx.T("err.future_date");
        n.stage_history = {{st.value_or(domain::AdoptionStage::kInterest), at.value_or(ctx.Today()), ""}};
    }
    return n;
}

// The municipalities ticked on a new adoption (none = the region itself).
std::vector<std::optional<domain::Id>> TickedMunicipalities(const Ctx& ctx, const Values& values, Errors& errors) {
    std::vector<std::optional<domain::Id>> out;
    auto [from, to] = values.equal_range(kMunicipality);
    for (auto it = from; it != to; ++it) {
        if (auto m = ParseInt(it->second))
            out.emplace_back(*m);
        else
            errors[kMunicipality] = ctx.T("err.choose");
    }
    if (out.empty()) out.emplace_back(std::nullopt);
    return out;
}

// One adoption per municipality, all in one transaction (all saved or none). The ids created.
Result<std::vector<domain::Id>> CreateAdoptions(Ctx& ctx, const domain::Adoption& n,
                                                const std::vector<std::optional<domain::Id>>& places) {
    std::vector<domain::Adoption> all;
    for (const auto& m : places) {
        domain::Adoption one = n;
        one.adopter.municipality_id = m;
        all.push_back(std::move(one));
    }
    ORIENTIR_ASSIGN(auto created, ctx.app.CreateAll(ctx.actor, std::move(all)));
    std::vector<domain::Id> ids;
    for (const auto& c : created) ids.push_back(c.meta.id);
    return ids;
}

std::string AdoptionFormBody(Ctx& ctx, const Form& f, const domain::Adoption& a, bool edit, std::size_t kpi_rows,
                             std::size_t ev_rows) {
    std::string region = f.Get("adopter.region");
    Options practices;
    if (auto l = ctx.app.List<domain::Practice>(ctx.actor, {{}, {}, {}, 0, 200, false}); l.ok())
        for (const auto& p : l->items) practices.emplace_back(std::to_string(p.meta.id), E(p.title));
    Options sources;
    if (auto pid = ParseInt(f.Get("practice_id"))) {
        Names names(ctx);
        if (auto l = ctx.app.AdoptionsOf(ctx.actor, *pid); l.ok())
            for (const auto& x : *l)
                if (x.meta.id != a.meta.id) sources.emplace_back(std::to_string(x.meta.id), names.PlaceText(x.adopter));
    }
    auto muns = MunicipalityOptions(ctx, region);
    std::string where = edit ? f.Select(kMunicipality, "form.municipality", muns, {}, ctx.T("form.region_level"))
                             : (muns.empty() ? std::string()
                                             : f.Checkboxes(kMunicipality, "adoption.municipalities", muns,
                                                            {.hint = ctx.T("adoption.municipalities_hint")}));
    std::string b = "<fieldset class=\"group\"><legend>" + ctx.T("form.main") + "</legend>" +
                    f.Select("practice_id", "form.practice", practices, {.required = true, .extra = "data-refresh"},
                             ctx.T("form.choose")) +
                    "<div class=\"grid\">" +
                    f.Select("adopter.region", "form.adopter_region", WritableRegionOptions(ctx),
                             {.required = true, .extra = "data-refresh"}, ctx.T("form.choose")) +
                    f.Select("adopter.organisation_id", "form.organisation", OrganisationOptions(ctx, region), {},
                             ctx.T("form.none")) +
                    "</div>" + where + RefreshButton(ctx) + "<div class=\"grid\">" +
                    f.Select("source_adoption_id", "form.source", sources, {.hint = ctx.T("form.source_hint")},
                             ctx.T("form.from_origin")) +
                    f.Select("channel", "form.channel", ChannelOptions(ctx),
                             {.required = true, .hint = ctx.T("adoption.channel_hint")}, ctx.T("form.choose")) +
                    "</div>";
    if (!edit)
        b += "<div class=\"grid\">" + f.Select("stage", "form.first_stage", StageOptions(ctx, false)) +
             f.Input("stage_at", "form.stage_date", {.required = true, .type = "date"}) + "</div>";
    b += f.Input("adaptation_notes", "form.adaptation",
                 {.type = "textarea", .hint = ctx.T("form.adaptation_hint"), .rows = 4}) +
         "</fieldset>";
    b += KpiFieldset(ctx, f, "results", kpi_rows);
    b += "<fieldset class=\"group\"><legend>" + ctx.T("form.evidence") + "</legend>";
    for (std::size_t i = 0; i < ev_rows; ++i) {
        std::string k = "evidence[" + std::to_string(i) + "].";
        b +=
            "<div class=\"grid\">" +
            f.Input(k + "url", "", {.type = "url", .label = ctx.T("form.evidence_url") + " " + std::to_string(i + 1)}) +
            f.Input(k + "title", "form.evidence_title") + "</div>" +
            f.Input(k + "quote", "form.evidence_quote", {.type = "textarea", .rows = 2});
    }
    return b + "</fieldset>";
}

}  // namespace

http::Response AdoptionForm(Ctx& ctx, bool post) {
    if (!ctx.signed_in()) return NeedSignIn(ctx);
    std::string id_s = ctx.req.Param("id");
    bool edit = !id_s.empty();
    domain::Adoption a;
    if (edit) {
        auto id = ParseInt(id_s);
        if (!id) return NotFoundPage(ctx);
        auto r = ctx.app.Get<domain::Adoption>(ctx.actor, *id);
        if (!r.ok()) return ErrorPage(ctx, r.error());
        if (!ctx.app.CanWrite(ctx.actor, *r)) return ErrorPage(ctx, Error::Forbidden("edit"));
        a = *r;
    }
    Values values = post ? ctx.req.FormFields() : AdoptionValues(ctx, a, edit);
    Errors errors;
    std::size_t kpi_rows = std::max<std::size_t>(2, a.results.size() + 1),
                ev_rows = std::max<std::size_t>(2, a.evidence.size() + 1);
    if (post && !IsRefresh(values)) {
        domain::Adoption n = ParseAdoption(ctx, values, a, edit, kpi_rows, ev_rows, errors);
        auto places = edit ? std::vector<std::optional<domain::Id>>{} : TickedMunicipalities(ctx, values, errors);
        if (errors.empty() && edit) {
            auto saved = ctx.app.Update(ctx.actor, a.meta.id, n, Version(values));
            if (saved.ok()) return RedirectTo("/adoptions/" + std::to_string(saved->meta.id));
            errors = AppErrors(ctx, saved.error());
        } else if (errors.empty()) {
            auto ids = CreateAdoptions(ctx, n, places);
            if (ids.ok() && ids->size() == 1) return RedirectTo("/adoptions/" + std::to_string(ids->front()));
            if (ids.ok())
                return RedirectTo("/adoptions?region=" + n.adopter.region + "&practice=" +
                                  std::to_string(n.practice_id) + "&created=" + std::to_string(ids->size()));
            errors = AppErrors(ctx, ids.error());
        }
        if (errors.count("stage_history")) errors["stage_at"] = errors["stage_history"], errors.erase("stage_history");
    }
    Form f(ctx, values, errors);
    std::string title = edit ? ctx.T("adoption.edit") : ctx.T("adoption.new");
    std::string action = edit ? "/adoptions/" + std::to_string(a.meta.id) + "/edit" : "/adoptions/new";
    std::string b = Breadcrumbs(ctx, {{"/adoptions", ctx.T("nav.adoptions")}, {"", title}});
    b += "<h1>" + title + "</h1>" + f.Open(action) + f.ErrorSummary();
    if (edit) b += f.Hidden("version");
    b += AdoptionFormBody(ctx, f, a, edit, kpi_rows, ev_rows);
    b += "<div class=\"form-actions\">" + f.Submit("form.save", "", "button primary") + "<a href=\"" +
         (edit ? "/adoptions/" + std::to_string(a.meta.id) : std::string("/adoptions")) + "\">" + ctx.T("form.cancel") +
         "</a></div>" + f.Close();
    return Page(ctx, errors.empty() ? 200 : 422, title, b);
}

http::Response MoveStage(Ctx& ctx) {
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    if (!ctx.signed_in()) return NeedSignIn(ctx);
    Values values = ctx.req.FormFields();
    Errors errors;
    Require(ctx, values, "stage", errors);
    auto stage = domain::ParseAdoptionStage(Field(values, "stage"));
    if (!stage && !errors.count("stage")) errors["stage"] = ctx.T("err.choose");
    auto at = DateField(ctx, values, "at", errors);
    if (errors.empty()) {
        auto r = ctx.app.MoveStage(ctx.actor, *id, domain::StageEvent{*stage, at.value_or(""), Field(values, "note")},
                                   Version(values));
        if (r.ok()) return RedirectTo("/adoptions/" + std::to_string(*id));
        errors = AppErrors(ctx, r.error());
        for (const char* k : {"stage_history", "event"})
            if (errors.count(k)) errors["stage"] = errors[k], errors.erase(k);
        if (r.error().code == ErrorCode::kNotFound) return ErrorPage(ctx, r.error());
    }
    return AdoptionPage(ctx, errors, values);
}
}  // namespace orientir::web::detail
