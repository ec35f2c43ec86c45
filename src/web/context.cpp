#include "web/context.hpp"

#include <cmath>
#include <cstdio>

#include "common/strings.hpp"
#include "http/api/language.hpp"
#include "http/csrf.hpp"
#include "web/html.hpp"

namespace orientir::web {

std::string E(std::string_view s) { return EscapeHtml(s); }

Ctx::Ctx(http::Request& r, const Site& s)
    : req(r), site(s), app(s.service->app()), actor(s.service->actor_resolver()(r)), dir(app.directory().Get()) {
    if (auto q = req.Query("lang"); q && (*q == "en" || *q == "ru")) {
        lang = *q == "en" ? Lang::kEn : Lang::kRu;
        lang_from_query = true;
    } else if (auto c = req.Cookie(kLangCookie)) {
        lang = *c == "en" ? Lang::kEn : Lang::kRu;
    }
    if (auto c = req.Cookie(kRegionCookie); c && dir->Region(*c)) my_region = *c;
    // A signed-in regional editor starts with their own region (until they choose another).
    if (my_region.empty() && actor.role == app::Role::kRegionalEditor && !actor.regions.empty() &&
        dir->Region(actor.regions.front()))
        my_region = actor.regions.front();
}

std::string Ctx::RegionCode(const std::string& key) const {
    if (key.empty()) return {};
    if (dir->Region(key)) return key;
    auto r = app.FindRegion(key);
    return r.ok() ? r->code : std::string();
}

std::string Ctx::RegionName(const std::string& code) const {
    const auto* r = dir->Region(code);
    if (!r) return E(code);
    return E(en() && !r->name_en.empty() ? r->name_en : r->name);
}

std::string Ctx::RegionShort(const std::string& code) const {
    const auto* r = dir->Region(code);
    if (!r) return E(code);
    if (en() && !r->name_en.empty()) return E(r->name_en);
    return E(r->short_name.empty() ? r->name : r->short_name);
}

std::string Ctx::RegionLink(const std::string& code) const {
    return "<a href=\"/regions/" + E(code) + "\">" + RegionName(code) + "</a>";
}

std::string Ctx::DistrictName(const std::string& code) const {
    const auto* d = dir->District(code);
    if (!d) return E(code);
    return E(en() && !d->name_en.empty() ? d->name_en : d->name);
}

std::string Ctx::DomainName(const std::string& code) const {
    const auto* d = dir->DomainByCode(code);
    if (!d) return E(code);
    return E(en() && !d->name_en.empty() ? d->name_en : d->name);
}

std::string Ctx::StageBadge(domain::AdoptionStage s) const {
    return "<span class=\"badge st-" + std::string(domain::Code(s)) + "\">" + Label(domain::LabelOf(s)) + "</span>";
}

namespace {
std::string GroupThousands(std::string digits, const char* sep) {
    std::string out;
    int n = static_cast<int>(digits.size());
    for (int i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += sep;
        out += digits[static_cast<std::size_t>(i)];
    }
    return out;
}
}  // namespace

std::string Ctx::Integer(std::int64_t v) const {
    std::string sign = v < 0 ? "−" : "";
    std::string digits = std::to_string(v < 0 ? -v : v);
    // Russian groups thousands with a (narrow no-break) space, English with a comma.
    return sign + GroupThousands(digits, en() ? "," : "\u202f");
}

std::string Ctx::Number(double v, int max_decimals) const {
    if (!std::isfinite(v)) return "—";
    double scale = std::pow(10.0, max_decimals);
    double r = std::round(v * scale) / scale;
    if (std::fabs(r - std::round(r)) < 1e-9) return Integer(static_cast<std::int64_t>(std::llround(r)));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", max_decimals, std::fabs(r));
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    auto dot = s.find('.');
    std::string int_part = GroupThousands(s.substr(0, dot), en() ? "," : "\u202f");
    std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
    return std::string(r < 0 ? "−" : "") + int_part + (frac.empty() ? "" : (en() ? "." : ",") + frac);
}

std::string Ctx::Date(const std::string& iso) const {
    if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return E(iso);
    if (en()) return E(iso.substr(0, 10));
    return E(iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4));
}

std::string Ctx::Count(std::int64_t n, std::string_view key) const {
    auto forms = Split(T(key), '|');
    std::size_t idx = 0;
    std::int64_t a = n < 0 ? -n : n;
    if (en()) {
        idx = a == 1 ? 0 : 1;
    } else if (a % 10 == 1 && a % 100 != 11) {
        idx = 0;
    } else if (a % 10 >= 2 && a % 10 <= 4 && (a % 100 < 12 || a % 100 > 14)) {
        idx = 1;
    } else {
        idx = 2;
    }
    if (idx >= forms.size()) idx = forms.size() - 1;
    return Integer(n) + "\u00a0" + forms[idx];
}

std::string Ctx::UrlWithLang(const char* l) const {
    std::string out = req.path + "?";
    bool first = true;
    for (const auto& [k, v] : req.query) {
        if (k == "lang") continue;
        if (!first) out += "&";
        out += UrlEncode(k) + "=" + UrlEncode(v);
        first = false;
    }
    return out + (first ? "" : "&") + "lang=" + l;
}

std::string SafeBack(const std::string& back, const std::string& fallback) {
    // Only a path on this site: "/" then anything but a second "/" or "\\". Browsers drop tabs and
    // line breaks inside URLs and read "\\" as "/", so "/\t/evil.example" or "/\\evil.example" would
    // be another origin: no control characters and no backslashes anywhere.
    if (back.empty() || back.size() > 2000 || back[0] != '/') return fallback;
    if (back.size() > 1 && (back[1] == '/' || back[1] == '\\')) return fallback;
    for (char c : back) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f || c == '\\') return fallback;
    }
    return back;
}

namespace {

std::string NavLink(const Ctx& ctx, const char* href, const char* key) {
    std::string h = href;
    bool current = ctx.req.path == h || (h != "/" && ctx.req.path.rfind(h + "/", 0) == 0);
    return "<li><a href=\"" + h + "\"" + (current ? " aria-current=\"page\"" : "") + ">" + ctx.T(key) + "</a></li>";
}

}  // namespace

namespace {
// The error summary's label marks → «Label: » (the form's fields are rendered by now).
std::string WithFieldLabels(const Ctx& ctx, const std::string& body) {
    const std::string mark = kLabelMark;
    if (body.find(mark) == std::string::npos) return body;
    std::string out;
    std::size_t pos = 0;
    for (std::size_t at; (at = body.find(mark, pos)) != std::string::npos;) {
        std::size_t end = body.find("-->", at);
        if (end == std::string::npos) break;
        out.append(body, pos, at - pos);
        auto it = ctx.field_labels.find(body.substr(at + mark.size(), end - at - mark.size()));
        if (it != ctx.field_labels.end()) out += "<span class=\"field-name\">" + it->second + ":</span> ";
        pos = end + 3;
    }
    return out + body.substr(pos);
}
// The header's user part: login, role and the pages the App allows the user (the pages refuse the
// others anyway), or the sign-in link.
std::string UserTools(Ctx& ctx) {
    if (!ctx.signed_in()) {
        std::string next = ctx.req.path == "/login" ? std::string("/") : ctx.req.target;
        return "<a class=\"signin\" href=\"/login?next=" + E(UrlEncode(next)) + "\">" + ctx.T("nav.sign_in") + "</a>";
    }
    std::string h = "<span class=\"user\"><span class=\"login\">" + E(ctx.actor.login) +
                    "</span> <span class=\"role\">" + ctx.T(std::string("role.") + app::RoleCode(ctx.actor.role)) +
                    "</span></span>";
    if (ctx.actor.user_id) h += "<a href=\"/notifications\">" + ctx.T("nav.notifications") + "</a>";
    if (ctx.actor.user_id) h += "<a href=\"/requests\">" + ctx.T("nav.requests") + "</a>";
    if (ctx.app.Allows(ctx.actor, app::Duty::kModerate).ok())
        h += "<a href=\"/moderation\">" + ctx.T("nav.moderation") + "</a>";
    if (ctx.app.Allows(ctx.actor, app::Duty::kReviewNews).ok())
        h += "<a href=\"/review\">" + ctx.T("nav.review") + "</a>";
    if (ctx.app.Allows(ctx.actor, app::Duty::kReadAudit).ok()) h += "<a href=\"/audit\">" + ctx.T("nav.audit") + "</a>";
    return h + "<form class=\"logout\" method=\"post\" action=\"/logout\">" + http::CsrfField(ctx.req) +
           "<button type=\"submit\" class=\"linklike\">" + ctx.T("nav.sign_out") + "</button></form>";
}
}  // namespace

http::Response Page(Ctx& ctx, int status, const std::string& title, const std::string& raw_body) {
    const std::string body = WithFieldLabels(ctx, raw_body);
    std::string h;
    h.reserve(body.size() + 4096);
    const std::string v = "?v=" + ctx.site.asset_version;
    h += "<!DOCTYPE html>\n<html lang=\"";
    h += ctx.en() ? "en" : "ru";
    h += "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, "
         "initial-scale=1\">\n";
    h += "<title>" + title + " — " + ctx.T("site.name") + "</title>\n";
    h += "<link rel=\"stylesheet\" href=\"/static/orientir.css" + v + "\">\n";
    h += "<link rel=\"icon\" href=\"/static/favicon.svg" + v + "\" type=\"image/svg+xml\">\n";
    h += "<script src=\"/static/orientir.js" + v + "\" defer></script>\n";
    h += "<script src=\"/static/search.js" + v + "\" defer></script>\n";
    for (const auto& s : ctx.scripts) h += "<script src=\"/static/" + E(s) + v + "\" defer></script>\n";
    h += "</head>\n<body>\n";
    h += "<a class=\"skip\" href=\"#main\">" + ctx.T("nav.skip") + "</a>\n";
    h += "<header class=\"site\"><div class=\"wrap bar\">";
    h += "<a class=\"logo\" href=\"/\"><img src=\"/static/favicon.svg" + v +
         "\" alt=\"\" width=\"28\" height=\"28\"><span>" + ctx.T("site.name") + "</span></a>";
    h += "<nav aria-label=\"" + ctx.T("nav.label") + "\"><ul>";
    h += NavLink(ctx, "/regions", "nav.regions");
    h += NavLink(ctx, "/practices", "nav.practices");
    h += NavLink(ctx, "/adoptions", "nav.adoptions");
    h += NavLink(ctx, "/organisations", "nav.organisations");
    h += NavLink(ctx, "/persons", "nav.persons");
    h += NavLink(ctx, "/network", "nav.network");
    h += "</ul></nav><div class=\"tools\">";
    if (!ctx.my_region.empty()) {
        h += "<a class=\"myregion\" href=\"/regions/" + E(ctx.my_region) + "\"><span class=\"muted\">" +
             ctx.T("nav.my_region") + "</span> " + ctx.RegionShort(ctx.my_region) + "</a>";
    } else {
        h += "<a class=\"myregion\" href=\"/#choose\">" + ctx.T("nav.choose_region") + "</a>";
    }
    h += "<form class=\"hsearch\" method=\"get\" action=\"/search\" role=\"search\"><label class=\"sr-only\" "
         "for=\"hq\">" +
         ctx.T("nav.search") +
         "</label><input type=\"search\" id=\"hq\" name=\"q\" autocomplete=\"off\" data-suggest=\"/api/v1/suggest\" "
         "placeholder=\"" +
         ctx.T("nav.search_placeholder") + "\" value=\"" +
         (ctx.req.path == "/search" ? E(ctx.req.Query("q").value_or("")) : std::string()) +
         "\"><button type=\"submit\" class=\"button small\">" + ctx.T("nav.search_button") + "</button></form>";
    h += "<span class=\"lang\" role=\"group\" aria-label=\"" + ctx.T("nav.language") + "\">";
    h += ctx.en() ? "<a href=\"" + E(ctx.UrlWithLang("ru")) +
                        "\" lang=\"ru\" hreflang=\"ru\">RU</a><span aria-current=\"true\">EN</span>"
                  : "<span aria-current=\"true\">RU</span><a href=\"" + E(ctx.UrlWithLang("en")) +
                        "\" lang=\"en\" hreflang=\"en\">EN</a>";
    h += "</span>";
    h += UserTools(ctx);
    h += "</div></div></header>\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n";
    // Shown only on paper (print stylesheet): what was printed, when, and where to find it again.
    h += "<div class=\"print-head\" aria-hidden=\"true\"><span class=\"title\">" + title + " — " + ctx.T("site.name") +
         "</span><span class=\"date\">" + ctx.Date(ctx.Today()) + "</span><span class=\"url\">" +
         E(ctx.req.Header("host") + ctx.req.target) + "</span></div>\n";
    h += body;
    // An error names its request: the number is the X-Request-Id header and the log line's id.
    if (status >= 400 && !ctx.req.request_id.empty())
        h += "\n<p class=\"request-id\">" + ctx.T("err.request_id") + " <code>" + E(ctx.req.request_id) + "</code></p>";
    h += "\n</main>\n<footer class=\"site\"><div class=\"wrap\"><p>" + ctx.T("footer.about") +
         "</p><p><a href=\"/api/v1/openapi.json\">" + ctx.T("footer.api") +
         "</a></p></div></footer>\n</body>\n</html>\n";
    auto resp = http::Response::Html(status, std::move(h));
    resp.Header("Cache-Control", "no-cache");
    resp.Header("Vary", "Cookie");
    if (ctx.lang_from_query) {
        resp.Header("Set-Cookie", std::string(kLangCookie) + "=" + (ctx.en() ? "en" : "ru") +
                                      "; Path=/; Max-Age=31536000; SameSite=Lax");
    }
    return resp;
}

http::Response MessagePage(Ctx& ctx, int status, const std::string& title, const std::string& message_html) {
    return Page(ctx, status, title,
                "<h1>" + title + "</h1><div class=\"notice\">" + message_html + "</div><p><a href=\"/\">" +
                    ctx.T("nav.home") + "</a></p>");
}

void UseErrorLanguage(Ctx& ctx) {
    if (!ctx.lang_from_query && !ctx.req.Cookie(kLangCookie) && http::PrefersEnglish(ctx.req.Header("accept-language")))
        ctx.lang = Lang::kEn;
}

http::Response NotFoundPage(Ctx& ctx) {
    UseErrorLanguage(ctx);
    return MessagePage(ctx, 404, ctx.T("err.not_found_title"), "<p>" + ctx.T("err.not_found") + "</p>");
}

std::string Ctx::TOr(std::string_view key, const std::string& fallback) const {
    const std::string& t = T(key);
    return t.rfind("\u27e6", 0) == 0 ? E(fallback) : t;  // ⟦key⟧: the catalogue has no such entry
}

std::string ErrorText(const Ctx& ctx, const std::string& rule, const std::string& fallback) {
    return ctx.TOr("err." + rule, fallback);  // no translation for this rule: the App's own words
}

std::string ForbiddenText(const Ctx& ctx) {
    const auto& a = ctx.actor;
    std::vector<std::string> scope;
    if (a.role == app::Role::kRegionalEditor) {
        for (const auto& r : a.regions) scope.push_back(ctx.RegionName(r));
        if (!scope.empty()) return ctx.T("err.role_allows_regions") + " " + Join(scope, ", ") + ".";
    }
    if (a.role == app::Role::kOrganisationEditor) {
        for (auto id : a.organisations)
            if (auto o = ctx.app.Get<domain::Organisation>(app::Actor::System(), id); o.ok())
                scope.push_back(E(o->name));
        if (!scope.empty()) return ctx.T("err.role_allows_organisations") + " " + Join(scope, ", ") + ".";
    }
    return ctx.T("err.forbidden");
}

http::Response ErrorPage(Ctx& ctx, const Error& e) {
    UseErrorLanguage(ctx);
    switch (e.code) {
        case ErrorCode::kNotFound:
            return NotFoundPage(ctx);
        case ErrorCode::kUnauthenticated:
            return MessagePage(ctx, 401, ctx.T("err.signin_title"),
                               "<p>" + ctx.T("err.signin") + "</p><p><a class=\"button\" href=\"/login?next=" +
                                   E(UrlEncode(ctx.req.target)) + "\">" + ctx.T("nav.sign_in") + "</a></p>");
        case ErrorCode::kForbidden:
            return MessagePage(ctx, 403, ctx.T("err.forbidden_title"), "<p>" + ForbiddenText(ctx) + "</p>");
        default:
            return MessagePage(ctx, http::StatusFor(e.code), ctx.T("err.generic_title"),
                               "<p>" + ErrorText(ctx, e.rule, e.message) + "</p>");
    }
}

std::string RecordNotice(const Ctx& ctx, const std::vector<FieldIssue>& issues) {
    if (issues.empty()) return {};
    auto tr = [&](std::string_view key) { return Html::Trusted(ctx.T(key), "the message catalogue"); };
    Html h;
    h << "<div class=\"notice warn\" role=\"status\"><p><strong>" << tr("record.invalid_title") << "</strong></p><p>"
      << tr("record.invalid") << "</p><ul>";
    for (const auto& i : issues)
        h << "<li><code>" << i.field
          << "</code>: " << Html::Trusted(ErrorText(ctx, i.rule, i.message), "ErrorText escapes the App's words")
          << "</li>";
    h << "</ul></div>";
    return std::move(h).str();
}

}  // namespace orientir::web
