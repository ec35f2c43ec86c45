// The organisation and person forms (see forms.cpp for how the create and edit forms behave).
#include "common/strings.hpp"
#include "web/forms_util.hpp"
#include "web/handlers.hpp"

namespace orientir::web::detail {

namespace {

// The organisation form's values for a stored organisation.
Values OrganisationValues(const domain::Organisation& o, bool edit) {
    Values values;
    for (const auto& [k, v] : {std::pair<std::string, std::string>{"name", o.name},
                               {"short_name", o.short_name},
                               {"region", o.region},
                               {"website", o.website},
                               {"email", o.email},
                               {"phone", o.phone},
                               {"address", o.address},
                               {"description", o.description}})
        Put(values, k, v);
    values.emplace("kind", std::string(domain::Code(o.kind)));
    Put(values, "municipality_id", o.municipality_id);
    if (edit) values.emplace("version", std::to_string(o.meta.version));
    return values;
}

// The organisation the form describes (over the stored one); field problems go to `errors`.
domain::Organisation ParseOrganisation(Ctx& ctx, const Values& values, const domain::Organisation& o, Errors& errors) {
    Require(ctx, values, "name", errors);
    Require(ctx, values, "region", errors);
    domain::Organisation n = o;
    n.name = Field(values, "name");
    n.short_name = Field(values, "short_name");
    if (auto k = domain::ParseOrganisationKind(Field(values, "kind"))) n.kind = *k;
    n.region = Field(values, "region");
    n.municipality_id = IdField(ctx, values, "municipality_id", errors);
    n.website = Field(values, "website");
    n.email = Field(values, "email");
    if (!n.email.empty() && n.email.find('@') == std::string::npos) errors["email"] = ctx.T("err.email");
    n.phone = Field(values, "phone");
    n.address = Field(values, "address");
    n.description = Field(values, "description");
    return n;
}

}  // namespace

// ---- Organisation --------------------------------------------------------------------------------

http::Response OrganisationForm(Ctx& ctx, bool post) {
    if (!ctx.signed_in()) return NeedSignIn(ctx);
    std::string id_s = ctx.req.Param("id");
    bool edit = !id_s.empty();
    domain::Organisation o;
    if (edit) {
        auto id = ParseInt(id_s);
        if (!id) return NotFoundPage(ctx);
        auto r = ctx.app.Get<domain::Organisation>(ctx.actor, *id);
        if (!r.ok()) return ErrorPage(ctx, r.error());
        if (!ctx.app.CanWrite(ctx.actor, *r)) return ErrorPage(ctx, Error::Forbidden("edit"));
        o = *r;
    } else {
        o.region = DefaultWriteRegion(ctx);
    }
    Values values = post ? ctx.req.FormFields() : OrganisationValues(o, edit);
    Errors errors;
    if (post && !IsRefresh(values)) {
        domain::Organisation n = ParseOrganisation(ctx, values, o, errors);
        if (errors.empty()) {
            auto saved = edit ? ctx.app.Update(ctx.actor, o.meta.id, n, Version(values)) : ctx.app.Create(ctx.actor, n);
            if (saved.ok()) return RedirectTo("/organisations/" + std::to_string(saved->meta.id));
            errors = AppErrors(ctx, saved.error());
        }
    }
    Form f(ctx, values, errors);
    Options kinds;
    for (auto k : domain::AllOrganisationKind())
        kinds.emplace_back(std::string(domain::Code(k)), ctx.Label(domain::LabelOf(k)));
    std::string title = edit ? ctx.T("org.edit") : ctx.T("org.new");
    std::string b = Breadcrumbs(ctx, {{"/organisations", ctx.T("nav.organisations")}, {"", title}});
    b += "<h1>" + title + "</h1>" +
         f.Open(edit ? "/organisations/" + std::to_string(o.meta.id) + "/edit" : "/organisations/new") +
         f.ErrorSummary();
    if (edit) b += f.Hidden("version");
    b += "<fieldset class=\"group\"><legend>" + ctx.T("form.main") + "</legend>" +
         f.Input("name", "form.org_name", {.required = true}) + "<div class=\"grid\">" +
         f.Input("short_name", "form.short_name") + f.Select("kind", "form.kind", kinds) +
         "</div><div class=\"grid\">" +
         f.Select("region", "form.region", WritableRegionOptions(ctx), {.required = true, .extra = "data-refresh"},
                  ctx.T("form.choose")) +
         f.Select("municipality_id", "form.municipality", MunicipalityOptions(ctx, f.Get("region")), {},
                  ctx.T("form.region_level")) +
         "</div>" + RefreshButton(ctx) + f.Input("description", "form.description", {.type = "textarea", .rows = 4}) +
         "</fieldset>";
    b += "<fieldset class=\"group\"><legend>" + ctx.T("form.contacts") + "</legend><div class=\"grid\">" +
         f.Input("website", "org.website", {.type = "url"}) + f.Input("email", "form.email", {.type = "email"}) +
         f.Input("phone", "form.phone", {.type = "tel"}) + "</div>" + f.Input("address", "org.address") +
         "</fieldset><div class=\"form-actions\">" + f.Submit("form.save", "", "button primary") +
         "<a href=\"/organisations\">" + ctx.T("form.cancel") + "</a></div>" + f.Close();
    return Page(ctx, errors.empty() ? 200 : 422, title, b);
}

// ---- Person --------------------------------------------------------------------------------------

http::Response PersonForm(Ctx& ctx, bool post) {
    if (!ctx.signed_in()) return NeedSignIn(ctx);
    std::string id_s = ctx.req.Param("id");
    bool edit = !id_s.empty();
    domain::Person p;
    if (edit) {
        auto id = ParseInt(id_s);
        if (!id) return NotFoundPage(ctx);
        auto r = ctx.app.Get<domain::Person>(ctx.actor, *id);
        if (!r.ok()) return ErrorPage(ctx, r.error());
        if (!ctx.app.CanWrite(ctx.actor, *r)) return ErrorPage(ctx, Error::Forbidden("edit"));
        p = *r;
    }
    Values values;
    if (post) {
        values = ctx.req.FormFields();
    } else {
        Put(values, "last_name", p.last_name);
        Put(values, "first_name", p.first_name);
        Put(values, "patronymic", p.patronymic);
        Put(values, "bio", p.bio);
        if (edit) values.emplace("version", std::to_string(p.meta.version));
    }
    Errors errors;
    if (post) {
        Require(ctx, values, "last_name", errors);
        Require(ctx, values, "first_name", errors);
        domain::Person n = p;
        n.last_name = Field(values, "last_name");
        n.first_name = Field(values, "first_name");
        n.patronymic = Field(values, "patronymic");
        n.bio = Field(values, "bio");
        if (errors.empty()) {
            auto saved = edit ? ctx.app.Update(ctx.actor, p.meta.id, n, Version(values)) : ctx.app.Create(ctx.actor, n);
            if (saved.ok()) return RedirectTo("/persons/" + std::to_string(saved->meta.id));
            errors = AppErrors(ctx, saved.error());
        }
    }
    Form f(ctx, values, errors);
    std::string title = edit ? ctx.T("person.edit") : ctx.T("person.new");
    std::string b = Breadcrumbs(ctx, {{"/persons", ctx.T("nav.persons")}, {"", title}});
    b += "<h1>" + title + "</h1>" + f.Open(edit ? "/persons/" + std::to_string(p.meta.id) + "/edit" : "/persons/new") +
         f.ErrorSummary();
    if (edit) b += f.Hidden("version");
    b += "<div class=\"grid\">" + f.Input("last_name", "form.last_name", {.required = true, .autocomplete = "off"}) +
         f.Input("first_name", "form.first_name", {.required = true, .autocomplete = "off"}) +
         f.Input("patronymic", "form.patronymic", {.autocomplete = "off"}) + "</div>" +
         f.Input("bio", "form.bio", {.type = "textarea", .hint = ctx.T("form.bio_hint"), .rows = 5}) +
         "<div class=\"form-actions\">" + f.Submit("form.save", "", "button primary") + "<a href=\"/persons\">" +
         ctx.T("form.cancel") + "</a></div>" + f.Close();
    return Page(ctx, errors.empty() ? 200 : 422, title, b);
}

}  // namespace orientir::web::detail
