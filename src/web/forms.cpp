// Create and edit forms: practices and «хочу внедрить» requests (adoptions and stage moves:
// forms_adoption.cpp; organisations and persons: forms_records.cpp). GET shows the form; POST validates
// on the server and either saves and redirects (303) or shows the form again (422) with each message
// next to its field and every value kept. A "_refresh" submit (region changed) re-renders the dependent lists without
// saving.
#include <cstdio>
#include <set>

#include "common/strings.hpp"
#include "web/forms_util.hpp"
#include "web/handlers.hpp"

namespace orientir::web::detail {

// Helpers shared with forms_adoption.cpp (declared in web/forms_util.hpp).

std::string NumStr(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

void Put(Values& v, const std::string& k, const std::string& val) {
    if (!val.empty()) v.emplace(k, val);
}
void Put(Values& v, const std::string& k, const std::optional<std::string>& val) {
    if (val) Put(v, k, *val);
}
void Put(Values& v, const std::string& k, const std::optional<double>& val) {
    if (val) v.emplace(k, NumStr(*val));
}
void Put(Values& v, const std::string& k, const std::optional<std::int64_t>& val) {
    if (val) v.emplace(k, std::to_string(*val));
}

std::optional<std::int64_t> Version(const Values& v) { return ParseInt(Field(v, "version")); }

std::string Lines(const Values& v, const std::string& name, std::vector<std::string>& out) {
    out.clear();
    for (const auto& l : Split(Field(v, name), '\n')) {
        auto t = Trim(l);
        if (!t.empty()) out.emplace_back(t);
    }
    return "";
}

// Field paths of the App ("domains[1]") onto form field names ("domains").
std::string MapField(const std::string& f) {
    if (f.rfind("domains[", 0) == 0) return "domains";
    if (f == "period") return "period.to";
    return f;
}

bool IsRefresh(const Values& v) { return v.find("_refresh") != v.end(); }

void KpiValues(Values& v, const std::string& prefix, const std::vector<domain::Kpi>& ks) {
    for (std::size_t i = 0; i < ks.size(); ++i) {
        std::string p = prefix + "[" + std::to_string(i) + "].";
        Put(v, p + "name", ks[i].name);
        Put(v, p + "unit", ks[i].unit);
        Put(v, p + "before", ks[i].before);
        Put(v, p + "after", ks[i].after);
        Put(v, p + "before_date", ks[i].before_date);
        Put(v, p + "after_date", ks[i].after_date);
        Put(v, p + "indicator", ks[i].indicator);
    }
}

// Effect templates of every domain, for the «comparable figure» choice of a KPI row.
const domain::EffectTemplate* FindTemplate(const Ctx& ctx, const std::string& code) {
    for (const auto& d : ctx.dir->domains)
        for (const auto& t : d.effect_templates)
            if (t.code == code) return &t;
    return nullptr;
}

Options TemplateOptions(const Ctx& ctx) {
    Options o;
    for (const auto& d : ctx.dir->domains) {
        for (const auto& t : d.effect_templates) {
            std::string name = ctx.en() && !t.name_en.empty() ? t.name_en : t.name;
            std::string unit = ctx.en() && !t.unit_en.empty() ? t.unit_en : t.unit;
            o.emplace_back(t.code,
                           E((ctx.en() ? d.name_en : d.name) + ": " + name + (unit.empty() ? "" : ", " + unit)));
        }
    }
    return o;
}

std::vector<domain::Kpi> ParseKpis(const Ctx& ctx, const Values& v, const std::string& prefix, std::size_t rows,
                                   const std::vector<domain::Kpi>& old, Errors& errors) {
    std::vector<domain::Kpi> out;
    for (std::size_t i = 0; i < rows; ++i) {
        std::string p = prefix + "[" + std::to_string(i) + "].";
        domain::Kpi k = i < old.size() ? old[i] : domain::Kpi{};
        k.name = Field(v, p + "name");
        k.unit = Field(v, p + "unit");
        k.before = NumberField(ctx, v, p + "before", errors);
        k.after = NumberField(ctx, v, p + "after", errors);
        k.before_date = DateField(ctx, v, p + "before_date", errors);
        k.after_date = DateField(ctx, v, p + "after_date", errors);
        std::string tpl = Field(v, p + "indicator");
        k.indicator = tpl.empty() ? std::nullopt : std::optional<std::string>(tpl);
        if (const auto* t = tpl.empty() ? nullptr : FindTemplate(ctx, tpl)) {
            // Choosing a template is enough: its name and unit fill what was left empty.
            if (k.name.empty()) k.name = ctx.en() && !t->name_en.empty() ? t->name_en : t->name;
            if (k.unit.empty()) k.unit = t->unit;
        }
        bool any =
            !k.name.empty() || !k.unit.empty() || k.before || k.after || k.before_date || k.after_date || k.indicator;
        if (!any) continue;
        if (k.name.empty()) errors[p + "name"] = ctx.T("err.kpi_name");
        out.push_back(std::move(k));
    }
    return out;
}

std::string KpiFieldset(const Ctx& ctx, const Form& f, const std::string& prefix, std::size_t rows) {
    std::string out = "<fieldset class=\"group\"><legend>" + ctx.T("form.results") + "</legend><p class=\"hint\">" +
                      ctx.T("form.results_hint") + " " + ctx.T("form.kpi_template_hint") + ".</p>";
    const Options templates = TemplateOptions(ctx);
    for (std::size_t i = 0; i < rows; ++i) {
        std::string p = prefix + "[" + std::to_string(i) + "].";
        std::string n = std::to_string(i + 1);
        out += "<div class=\"grid kpi-row\">" + f.Input(p + "name", "", {.label = ctx.T("form.kpi_name") + " " + n}) +
               f.Input(p + "unit", "form.kpi_unit") + f.Input(p + "before", "form.kpi_before", {.type = "number"}) +
               f.Input(p + "before_date", "form.kpi_before_date", {.type = "date"}) +
               f.Input(p + "after", "form.kpi_after", {.type = "number"}) +
               f.Input(p + "after_date", "form.kpi_after_date", {.type = "date"}) +
               f.Select(p + "indicator", "form.kpi_template", templates, {}, ctx.T("form.kpi_template_none")) +
               "</div>";
    }
    return out + "</fieldset>";
}

std::string RefreshButton(const Ctx& ctx) {
    return "<p class=\"refresh\"><button type=\"submit\" class=\"button secondary small\" name=\"_refresh\" "
           "value=\"1\" formnovalidate>" +
           ctx.T("form.refresh_lists") + "</button></p>";
}

http::Response NeedSignIn(Ctx& ctx) {
    return ErrorPage(ctx, Error{ErrorCode::kUnauthenticated, "sign in", {}, "unauthenticated", {}});
}

Errors AppErrors(const Ctx& ctx, const Error& e) {
    Errors errors;
    if (e.code == ErrorCode::kPreconditionFailed) {
        errors["_form"] = ctx.T("err.stale_version");
    } else if (e.code == ErrorCode::kUnauthenticated || e.code == ErrorCode::kForbidden) {
        errors["_form"] = e.code == ErrorCode::kForbidden ? ForbiddenText(ctx) : ctx.T("err.signin");
    } else {
        AddAppErrors(ctx, e, errors, MapField);
    }
    return errors;
}

// ---- Practice -------------------------------------------------------------------------------------

namespace {

Values PracticeValues(const domain::Practice& p) {
    Values v;
    Put(v, "title", p.title);
    Put(v, "summary", p.summary);
    Put(v, "problem", p.problem);
    Put(v, "solution", p.solution);
    for (const auto& d : p.domains) v.emplace("domains", d);
    Put(v, "tags", Join(p.tags, ", "));
    Put(v, "origin.region", p.origin.region);
    Put(v, "origin.municipality_id", p.origin.municipality_id);
    Put(v, "origin.organisation_id", p.origin.organisation_id);
    Put(v, "period.from", p.period.from);
    Put(v, "period.to", p.period.to);
    Put(v, "legal_basis", p.legal_basis);
    Put(v, "resources.budget_rub", p.resources.budget_rub);
    Put(v, "resources.staff", p.resources.staff);
    Put(v, "resources.partners", Join(p.resources.partners, "\n"));
    KpiValues(v, "results", p.results);
    for (std::size_t i = 0; i < p.contacts.size(); ++i) {
        std::string k = "contacts[" + std::to_string(i) + "].";
        Put(v, k + "name", p.contacts[i].name);
        Put(v, k + "role", p.contacts[i].role);
        Put(v, k + "email", p.contacts[i].email);
        Put(v, k + "phone", p.contacts[i].phone);
    }
    v.emplace("state", std::string(domain::Code(p.state)));
    if (p.meta.id) v.emplace("version", std::to_string(p.meta.version));
    return v;
}

domain::Practice ParsePractice(const Ctx& ctx, const Values& v, domain::Practice p, std::size_t kpi_rows,
                               std::size_t contact_rows, Errors& errors) {
    for (const char* f : {"title", "summary", "origin.region"}) Require(ctx, v, f, errors);
    p.title = Field(v, "title");
    p.summary = Field(v, "summary");
    p.problem = Field(v, "problem");
    p.solution = Field(v, "solution");
    p.domains.clear();
    auto [a, b] = v.equal_range("domains");
    for (auto it = a; it != b; ++it) p.domains.push_back(it->second);
    if (p.domains.empty()) errors["domains"] = ctx.T("err.domains_required");
    p.tags.clear();
    for (const auto& t : Split(Field(v, "tags"), ','))
        if (!Trim(t).empty()) p.tags.emplace_back(Trim(t));
    p.origin.region = Field(v, "origin.region");
    p.origin.municipality_id = IdField(ctx, v, "origin.municipality_id", errors);
    p.origin.organisation_id = IdField(ctx, v, "origin.organisation_id", errors);
    p.period.from = DateField(ctx, v, "period.from", errors);
    p.period.to = DateField(ctx, v, "period.to", errors);
    p.legal_basis = Field(v, "legal_basis");
    p.resources.budget_rub = NumberField(ctx, v, "resources.budget_rub", errors);
    if (auto s = Field(v, "resources.staff"); !s.empty()) {
        auto n = ParseInt(s);
        if (!n || *n < 0)
            errors["resources.staff"] = ctx.T("err.whole_number");
        else
            p.resources.staff = *n;
    } else {
        p.resources.staff.reset();
    }
    Lines(v, "resources.partners", p.resources.partners);
    p.results = ParseKpis(ctx, v, "results", kpi_rows, p.results, errors);
    p.contacts.clear();
    for (std::size_t i = 0; i < contact_rows; ++i) {
        std::string k = "contacts[" + std::to_string(i) + "].";
        domain::Contact c{Field(v, k + "name"), Field(v, k + "role"), Field(v, k + "email"), Field(v, k + "phone")};
        if (c.name.empty() && c.role.empty() && c.email.empty() && c.phone.empty()) continue;
        if (c.name.empty()) errors[k + "name"] = ctx.T("err.required");
        if (!c.email.empty() && c.email.find('@') == std::string::npos) errors[k + "email"] = ctx.T("err.email");
        p.contacts.push_back(std::move(c));
    }
    if (auto s = domain::ParseModerationState(Field(v, "state"))) p.state = *s;
    return p;
}

// Where the practice comes from: region, municipality, organisation (the lists follow the region).
std::string OriginFieldset(Ctx& ctx, Form& f, const std::string& region) {
    return "<fieldset class=\"group\"><legend>" + ctx.T("form.origin") + "</legend><div class=\"grid\">" +
           f.Select("origin.region", "form.region", WritableRegionOptions(ctx),
                    {.required = true, .extra = "data-refresh"}, ctx.T("form.choose")) +
           f.Select("origin.municipality_id", "form.municipality", MunicipalityOptions(ctx, region), {},
                    ctx.T("form.region_level")) +
           f.Select("origin.organisation_id", "form.organisation", OrganisationOptions(ctx, region), {},
                    ctx.T("form.none")) +
           "</div>" + RefreshButton(ctx) + "</fieldset>";
}

// `rows` rows of contact fields: name, role, e-mail, phone.
std::string ContactsFieldset(Ctx& ctx, Form& f, std::size_t rows) {
    std::string b = "<fieldset class=\"group\"><legend>" + ctx.T("form.contacts") + "</legend>";
    for (std::size_t i = 0; i < rows; ++i) {
        std::string k = "contacts[" + std::to_string(i) + "].";
        b += "<div class=\"grid\">" +
             f.Input(k + "name", "",
                     {.autocomplete = "off", .label = ctx.T("form.contact_name") + " " + std::to_string(i + 1)}) +
             f.Input(k + "role", "form.contact_role") + f.Input(k + "email", "form.email", {.type = "email"}) +
             f.Input(k + "phone", "form.phone", {.type = "tel"}) + "</div>";
    }
    return b + "</fieldset>";
}

// The requests of a «хочу внедрить» form, one per municipality (each is answered and tracked on its
// own); refusals go to `errors`. How many were sent.
int SendRequests(Ctx& ctx, domain::Id practice, const Values& values, Errors& errors) {
    for (const char* f : {"from.region", "contact_name", "contact_email", "message"}) Require(ctx, values, f, errors);
    std::string email = Field(values, "contact_email");
    if (!email.empty() && email.find('@') == std::string::npos) errors["contact_email"] = ctx.T("err.email");
    std::string region = Field(values, "from.region");
    if (!region.empty() && !ctx.dir->Region(region)) errors["from.region"] = ctx.T("err.unknown_region");
    std::vector<std::optional<domain::Id>> places;
    auto [a, b] = values.equal_range("from.municipality_id");
    for (auto it = a; it != b; ++it) {
        auto m = ParseInt(it->second);
        if (!m)
            errors["from.municipality_id"] = ctx.T("err.choose");
        else
            places.emplace_back(*m);
    }
    if (places.empty()) places.emplace_back(std::nullopt);
    if (!errors.empty()) return 0;
    int sent = 0;
    for (const auto& m : places) {
        domain::AdoptionRequest r;
        r.practice_id = practice;
        r.from.region = region;
        r.from.municipality_id = m;
        r.contact_name = Field(values, "contact_name");
        r.contact_email = email;
        r.contact_phone = Field(values, "contact_phone");
        r.message = Field(values, "message");
        auto c = ctx.app.Create(ctx.actor, r);
        if (!c.ok()) {
            errors = AppErrors(ctx, c.error());
            if (errors.count("from.municipality_id") == 0 && sent > 0) errors["_form"] = ctx.T("request.partial");
            break;
        }
        ++sent;
    }
    return sent;
}

}  // namespace

http::Response PracticeForm(Ctx& ctx, bool post) {
    if (!ctx.signed_in()) return NeedSignIn(ctx);
    std::string id_s = ctx.req.Param("id");
    bool edit = !id_s.empty();
    domain::Practice p;
    if (edit) {
        auto id = ParseInt(id_s);
        if (!id) return NotFoundPage(ctx);
        auto r = ctx.app.Get<domain::Practice>(ctx.actor, *id);
        if (!r.ok()) return ErrorPage(ctx, r.error());
        if (!ctx.app.CanWrite(ctx.actor, *r)) return ErrorPage(ctx, Error::Forbidden("edit"));
        p = *r;
    } else {
        p.origin.region = DefaultWriteRegion(ctx);
    }
    Values values = post ? ctx.req.FormFields() : PracticeValues(p);
    Errors errors;
    std::size_t kpi_rows = std::max<std::size_t>(3, p.results.size() + 1),
                contact_rows = std::max<std::size_t>(2, p.contacts.size() + 1);
    if (post && !IsRefresh(values)) {
        auto parsed = ParsePractice(ctx, values, p, kpi_rows, contact_rows, errors);
        if (errors.empty()) {
            auto saved = edit ? ctx.app.Update(ctx.actor, p.meta.id, parsed, Version(values))
                              : ctx.app.Create(ctx.actor, parsed);
            if (saved.ok()) return RedirectTo("/practices/" + std::to_string(saved->meta.id) + "?saved=1");
            errors = AppErrors(ctx, saved.error());
        }
    }
    Form f(ctx, values, errors);
    std::string region = f.Get("origin.region");
    std::string title = edit ? ctx.T("practice.edit") : ctx.T("practice.new");
    std::string action = edit ? "/practices/" + std::to_string(p.meta.id) + "/edit" : "/practices/new";
    std::string b = Breadcrumbs(ctx, {{"/practices", ctx.T("nav.practices")}, {"", title}});
    b += "<h1>" + title + "</h1>" + f.Open(action) + f.ErrorSummary();
    if (edit) b += f.Hidden("version");
    b += "<fieldset class=\"group\"><legend>" + ctx.T("form.main") + "</legend>" +
         f.Input("title", "form.title", {.required = true}) +
         f.Input("summary", "form.summary",
                 {.required = true, .type = "textarea", .hint = ctx.T("form.summary_hint"), .rows = 4}) +
         f.Checkboxes("domains", "form.domains", DomainOptions(ctx), {.required = true}) +
         f.Input("tags", "form.tags", {.hint = ctx.T("form.tags_hint")}) + "</fieldset>";
    b += OriginFieldset(ctx, f, region);
    b += "<fieldset class=\"group\"><legend>" + ctx.T("form.content") + "</legend>" +
         f.Input("problem", "form.problem", {.type = "textarea", .rows = 4}) +
         f.Input("solution", "form.solution", {.type = "textarea", .rows = 5}) +
         f.Input("legal_basis", "form.legal_basis") + "</fieldset>";
    b += "<fieldset class=\"group\"><legend>" + ctx.T("form.resources") + "</legend><div class=\"grid\">" +
         f.Input("period.from", "form.period_from", {.type = "date"}) +
         f.Input("period.to", "form.period_to", {.type = "date"}) +
         f.Input("resources.budget_rub", "form.budget", {.type = "number"}) +
         f.Input("resources.staff", "form.staff", {.type = "number"}) + "</div>" +
         f.Input("resources.partners", "form.partners",
                 {.type = "textarea", .hint = ctx.T("form.one_per_line"), .rows = 3}) +
         "</fieldset>";
    b += KpiFieldset(ctx, f, "results", kpi_rows);
    b += ContactsFieldset(ctx, f, contact_rows);
    Options states;
    for (auto s : domain::AllModerationState())
        states.emplace_back(std::string(domain::Code(s)), ctx.Label(domain::LabelOf(s)));
    b += "<fieldset class=\"group\"><legend>" + ctx.T("form.publication") + "</legend>" +
         f.Select("state", "form.state", states, {.hint = ctx.T("form.state_hint")}) + "</fieldset>";
    b += "<div class=\"form-actions\">" + f.Submit("form.save", "", "button primary") + "<a href=\"" +
         (edit ? "/practices/" + std::to_string(p.meta.id) : std::string("/practices")) + "\">" + ctx.T("form.cancel") +
         "</a></div>" + f.Close();
    return Page(ctx, errors.empty() ? 200 : 422, title, b);
}

// ---- «Хочу внедрить» ----------------------------------------------------------------------------

http::Response RequestForm(Ctx& ctx, bool post) {
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    auto pr = ctx.app.Get<domain::Practice>(ctx.actor, *id);
    if (!pr.ok()) return ErrorPage(ctx, pr.error());
    Values values;
    if (post)
        values = ctx.req.FormFields();
    else
        Put(values, "from.region", ctx.req.Query("region") ? FilterRegion(ctx) : ctx.my_region);
    Errors errors;
    if (post && !IsRefresh(values)) {
        int sent = SendRequests(ctx, *id, values, errors);
        if (errors.empty())
            return RedirectTo("/regions/" + Field(values, "from.region") + "?sent=" + std::to_string(sent) +
                              "#requests");
    }
    Form f(ctx, values, errors);
    std::string region = f.Get("from.region");
    std::string pid = std::to_string(*id);
    std::string b = Breadcrumbs(
        ctx,
        {{"/practices", ctx.T("nav.practices")}, {"/practices/" + pid, E(pr->title)}, {"", ctx.T("request.title")}});
    b += "<h1>" + ctx.T("request.title") + "</h1><p class=\"lead\">" + ctx.T("request.lead") +
         " <a href=\"/practices/" + pid + "\">" + E(pr->title) + "</a></p>";
    b += f.Open("/practices/" + pid + "/request") + f.ErrorSummary();
    b += "<fieldset class=\"group\"><legend>" + ctx.T("request.where") + "</legend>" +
         f.Select("from.region", "form.region", RegionOptions(ctx), {.required = true, .extra = "data-refresh"},
                  ctx.T("form.choose"));
    auto muns = MunicipalityOptions(ctx, region);
    if (!muns.empty())
        b += f.Checkboxes("from.municipality_id", "request.municipalities", muns,
                          {.hint = ctx.T("request.municipalities_hint")});
    b += RefreshButton(ctx) + "</fieldset>";
    b += "<fieldset class=\"group\"><legend>" + ctx.T("request.contact") + "</legend><div class=\"grid\">" +
         f.Input("contact_name", "request.contact_name", {.required = true, .autocomplete = "name"}) +
         f.Input("contact_email", "form.email", {.required = true, .type = "email", .autocomplete = "email"}) +
         f.Input("contact_phone", "form.phone", {.type = "tel", .autocomplete = "tel"}) + "</div>" +
         f.Input("message", "request.message",
                 {.required = true, .type = "textarea", .hint = ctx.T("request.message_hint"), .rows = 5}) +
         "</fieldset>";
    b += "<p class=\"hint\">" + ctx.T("request.privacy") + "</p><div class=\"form-actions\">" +
         f.Submit("request.submit", "", "button primary") + "<a href=\"/practices/" + pid + "\">" +
         ctx.T("form.cancel") + "</a></div>" + f.Close();
    return Page(ctx, errors.empty() ? 200 : 422, ctx.T("request.title"), b);
}

}  // namespace orientir::web::detail
