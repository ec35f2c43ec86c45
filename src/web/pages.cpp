#include "web/pages.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/log.hpp"
#include "common/strings.hpp"
#include "http/api/language.hpp"
#include "web/handlers.hpp"
#include "web/html.hpp"

namespace orientir::web {

namespace fs = std::filesystem;

namespace detail {

std::string Names::Practice(domain::Id id) {
    auto it = practices_.find(id);
    if (it != practices_.end()) return it->second;
    auto p = ctx_.app.Get<domain::Practice>(ctx_.actor, id);
    std::string s = p.ok() ? E(p->title) : "№\u00a0" + std::to_string(id);
    practices_[id] = s;
    return s;
}

bool Names::PracticeReadable(domain::Id id) { return Practice(id).rfind("№\u00a0", 0) != 0; }

std::string Names::PracticeLink(domain::Id id) {
    return "<a href=\"/practices/" + std::to_string(id) + "\">" + Practice(id) + "</a>";
}

std::string Names::Municipality(domain::Id id) {
    auto it = municipalities_.find(id);
    if (it != municipalities_.end()) return it->second;
    auto m = ctx_.app.Get<domain::Municipality>(ctx_.actor, id);
    std::string s = m.ok() ? E(m->name) : "№\u00a0" + std::to_string(id);
    municipalities_[id] = s;
    return s;
}

std::string Names::Organisation(domain::Id id) {
    auto it = organisations_.find(id);
    if (it != organisations_.end()) return it->second;
    auto o = ctx_.app.Get<domain::Organisation>(ctx_.actor, id);
    std::string s = o.ok() ? E(o->short_name.empty() ? o->name : o->short_name) : "№\u00a0" + std::to_string(id);
    organisations_[id] = s;
    return s;
}

std::string Names::OrganisationLink(domain::Id id) {
    return "<a href=\"/organisations/" + std::to_string(id) + "\">" + Organisation(id) + "</a>";
}

std::string Names::Place(const domain::Place& p, bool with_org) {
    std::string s = ctx_.RegionLink(p.region);
    if (p.municipality_id) s += ", " + Municipality(*p.municipality_id);
    if (with_org && p.organisation_id) s += ", " + OrganisationLink(*p.organisation_id);
    return s;
}

std::string Names::PlaceText(const domain::Place& p) {
    std::string s = ctx_.RegionShort(p.region);
    if (p.municipality_id) s += ", " + Municipality(*p.municipality_id);
    return s;
}

Options RegionOptions(const Ctx& ctx) {
    Options o;
    std::vector<const domain::Region*> rs;
    for (const auto& r : ctx.dir->regions) rs.push_back(&r);
    if (ctx.en()) std::sort(rs.begin(), rs.end(), [](auto* a, auto* b) { return a->name_en < b->name_en; });
    for (const auto* r : rs) o.emplace_back(r->code, ctx.RegionName(r->code));
    return o;
}

Options WritableRegionOptions(Ctx& ctx) {
    auto codes = WritableRegions(ctx);
    if (codes.empty()) return RegionOptions(ctx);
    Options o;
    for (const auto& [code, label] : RegionOptions(ctx))
        if (std::find(codes.begin(), codes.end(), code) != codes.end()) o.emplace_back(code, label);
    return o;
}

std::vector<std::string> WritableRegions(Ctx& ctx) {
    const auto& a = ctx.actor;
    if (a.role == app::Role::kRegionalEditor) return a.regions;
    std::vector<std::string> out;
    if (a.role == app::Role::kOrganisationEditor)
        for (auto id : a.organisations)
            if (auto o = ctx.app.Get<domain::Organisation>(app::Actor::System(), id); o.ok()) out.push_back(o->region);
    return out;
}

std::string FilterRegion(const Ctx& ctx) {
    if (auto q = ctx.req.Query("region")) {
        std::string code = ctx.RegionCode(*q);
        return code.empty() ? *q : code;
    }
    return ctx.actor.role == app::Role::kRegionalEditor ? ctx.my_region : std::string();
}

std::string DefaultWriteRegion(Ctx& ctx) {
    auto codes = WritableRegions(ctx);
    if (codes.empty() || std::find(codes.begin(), codes.end(), ctx.my_region) != codes.end()) return ctx.my_region;
    return codes.front();
}

Options DistrictOptions(const Ctx& ctx) {
    Options o;
    for (const auto& d : ctx.dir->districts) o.emplace_back(d.code, ctx.DistrictName(d.code));
    return o;
}

Options DomainOptions(const Ctx& ctx) {
    Options o;
    for (const auto& d : ctx.dir->domains) o.emplace_back(d.code, ctx.DomainName(d.code));
    return o;
}

Options StageOptions(const Ctx& ctx, bool with_discontinued) {
    Options o;
    for (auto s : domain::AllAdoptionStage()) {
        if (!with_discontinued && s == domain::AdoptionStage::kDiscontinued) continue;
        o.emplace_back(std::string(domain::Code(s)), ctx.Label(domain::LabelOf(s)));
    }
    return o;
}

Options ChannelOptions(const Ctx& ctx) {
    Options o;
    for (auto c : domain::AllChannel()) o.emplace_back(std::string(domain::Code(c)), ctx.Label(domain::LabelOf(c)));
    return o;
}

Options MunicipalityOptions(Ctx& ctx, const std::string& region) {
    Options o;
    if (region.empty() || !ctx.dir->Region(region)) return o;
    auto l = ctx.app.List<domain::Municipality>(ctx.actor, {{{"region", region}}, {}, {}, 0, 500, false});
    if (!l.ok()) return o;
    auto items = l->items;
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
        return a.is_capital != b.is_capital ? a.is_capital : a.name < b.name;
    });
    for (const auto& m : items) o.emplace_back(std::to_string(m.meta.id), E(m.name));
    return o;
}

Options OrganisationOptions(Ctx& ctx, const std::string& region) {
    Options o;
    if (region.empty() || !ctx.dir->Region(region)) return o;
    auto l = ctx.app.List<domain::Organisation>(ctx.actor, {{{"region", region}}, {}, {}, 0, 200, false});
    if (!l.ok()) return o;
    for (const auto& v : l->items)
        o.emplace_back(std::to_string(v.meta.id), E(v.short_name.empty() ? v.name : v.short_name));
    return o;
}

std::string PracticeCard(Ctx& ctx, const domain::Practice& p) {
    std::string out =
        "<li class=\"card\"><h3><a href=\"/practices/" + std::to_string(p.meta.id) + "\">" + E(p.title) + "</a></h3>";
    out += "<p class=\"meta\">" + ctx.RegionLink(p.origin.region);
    for (const auto& d : p.domains) out += " · <span class=\"tag\">" + ctx.DomainName(d) + "</span>";
    if (p.state != domain::ModerationState::kPublished)
        out += " · <span class=\"badge state\">" + ctx.Label(domain::LabelOf(p.state)) + "</span>";
    out += FreshnessBadge(ctx, app::FreshnessOf(ctx.app, p)) + "</p>";
    if (!p.summary.empty()) {
        std::string s = p.summary;
        if (s.size() > 260) {
            std::size_t cut = s.rfind(' ', 250);
            s = s.substr(0, cut == std::string::npos ? 250 : cut) + "…";
        }
        out += "<p>" + E(s) + "</p>";
    }
    return out + "</li>";
}

std::string Breadcrumbs(Ctx& ctx, const std::vector<std::pair<std::string, std::string>>& trail) {
    std::string out = "<nav class=\"crumbs\" aria-label=\"" + ctx.T("nav.breadcrumbs") + "\"><ol><li><a href=\"/\">" +
                      ctx.T("nav.home") + "</a></li>";
    for (std::size_t i = 0; i < trail.size(); ++i) {
        const auto& [href, text] = trail[i];
        if (i + 1 == trail.size() || href.empty())
            out += "<li><span aria-current=\"page\">" + text + "</span></li>";
        else
            out += "<li><a href=\"" + E(href) + "\">" + text + "</a></li>";
    }
    return out + "</ol></nav>";
}

Paging PagingFrom(const http::Request& req) {
    Paging p;
    if (auto a = req.Query("after")) p.after = std::max<std::int64_t>(0, ParseInt(*a).value_or(0));
    if (auto n = req.Query("n")) p.offset = std::max<std::int64_t>(0, ParseInt(*n).value_or(0));
    return p;
}

std::string Pager(Ctx& ctx, std::int64_t from, std::size_t shown, std::int64_t total,
                  std::optional<std::int64_t> next_after) {
    std::string out = "<nav class=\"pager\" aria-label=\"" + ctx.T("list.pages") + "\"><p>";
    if (shown == 0)
        out += ctx.T("list.nothing");
    else
        out += ctx.T("list.shown") + " " + ctx.Integer(from + 1) + "–" +
               ctx.Integer(from + static_cast<std::int64_t>(shown)) + " " + ctx.T("list.of") + " " + ctx.Integer(total);
    out += "</p>";
    auto link = [&](const std::string& after, const std::string& n) {
        std::string q;
        for (const auto& [k, v] : ctx.req.query) {
            if (k == "after" || k == "n" || k == "lang" || v.empty()) continue;
            q += (q.empty() ? "?" : "&") + UrlEncode(k) + "=" + UrlEncode(v);
        }
        if (!after.empty()) q += (q.empty() ? "?" : "&") + std::string("after=") + after + "&n=" + n;
        return E(ctx.req.path + q);
    };
    if (from > 0) out += "<a href=\"" + link("", "") + "\">" + ctx.T("list.first") + "</a>";
    if (next_after)
        out += "<a rel=\"next\" href=\"" +
               link(std::to_string(*next_after), std::to_string(from + static_cast<std::int64_t>(shown))) + "\">" +
               ctx.T("list.next") + "</a>";
    return out + "</nav>";
}

http::Response RedirectTo(const std::string& location) { return http::Response::Redirect(location, 303); }

std::optional<domain::AdoptionStage> FurthestStage(const std::vector<const domain::Adoption*>& adoptions) {
    std::optional<domain::AdoptionStage> best;
    for (const auto* a : adoptions) {
        auto s = a->stage();
        if (!best)
            best = s;
        else if (*best == domain::AdoptionStage::kDiscontinued)
            best = s;
        else if (s != domain::AdoptionStage::kDiscontinued && domain::StageRank(s) > domain::StageRank(*best))
            best = s;
    }
    return best;
}

// POST /region: remembers the visitor's region in a cookie (a year) and goes back.
http::Response ChooseRegion(Ctx& ctx) {
    auto f = ctx.req.FormFields();
    std::string code = Field(f, "region");
    std::string back = SafeBack(Field(f, "back"), "/");
    if (code.empty()) {
        auto r = RedirectTo(back);
        r.Header("Set-Cookie", std::string(kRegionCookie) + "=; Path=/; Max-Age=0; SameSite=Lax");
        return r;
    }
    code = ctx.RegionCode(code);
    if (code.empty())
        return MessagePage(ctx, 400, ctx.T("err.generic_title"), "<p>" + ctx.T("err.unknown_region") + "</p>");
    auto r = RedirectTo(back);
    r.Header("Set-Cookie", std::string(kRegionCookie) + "=" + code + "; Path=/; Max-Age=31536000; SameSite=Lax");
    return r;
}

}  // namespace detail

namespace {

std::string ContentType(const std::string& name) {
    auto ext = fs::path(name).extension().string();
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".js") return "text/javascript; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

std::string Fnv(const std::string& s) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    char buf[20];
    std::snprintf(buf, sizeof buf, "%012llx", static_cast<unsigned long long>(h & 0xffffffffffffull));
    return buf;
}

// Static files are read once at start-up into memory; only the names found then are served, so
// no request path ever reaches the file system (no traversal possible).
void LoadStatics(Site& site, const std::string& dir) {
    std::error_code ec;
    std::string all;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        StaticFile f{ContentType(e.path().filename().string()), ss.str(), ""};
        f.etag = "\"" + Fnv(f.body) + "\"";
        all += f.etag;
        site.statics[e.path().filename().string()] = std::move(f);
    }
    if (ec) log::Warn("web: cannot read static files", {{"dir", dir}, {"error", ec.message()}});
    site.asset_version = Fnv(all).substr(0, 8);
}

http::Response ServeStatic(const Site& site, http::Request& req) {
    auto it = site.statics.find(req.Param("file"));
    if (it == site.statics.end())
        return http::Problem(Error::NotFound("no static file " + req.Param("file")), req.path);
    if (req.Header("if-none-match") == it->second.etag) {
        http::Response r = http::Response::Text(304, "");
        r.Header("ETag", it->second.etag);
        return r;
    }
    http::Response r = http::Response::Text(200, it->second.body, it->second.content_type);
    r.Header("ETag", it->second.etag);
    // URLs carry ?v=<content hash>, so a long cache is safe.
    r.Header("Cache-Control", "public, max-age=86400");
    return r;
}

// The HTML page for an error answered as problem+json (or another non-HTML body) to a request that wants
// an HTML error (http::WantsHtmlError: page paths, and API paths a browser opens): the router's 404/405,
// the key resolver, an unhandled exception, the CSRF check, the anonymous write limit, the server's own
// refusals (413, 431, 400), API handlers. In the page language (Accept-Language counts for error pages),
// with the request id (Page adds it to every error), the same status and the problem's headers (Allow,
// Retry-After, …).
http::Response BrowserErrorPage(const Site& site, const http::Request& original, const http::Response& problem) {
    http::Request req = original;
    std::string detail, rule, field;
    if (auto j = ParseJson(problem.body); j.ok() && j->is_object()) {
        auto text = [&](const char* key) {
            return j->contains(key) && (*j)[key].is_string() ? (*j)[key].get<std::string>() : std::string();
        };
        detail = text("detail");
        rule = text("rule");
        field = text("field");
    }
    http::Response page;
    try {
        Ctx ctx(req, site);
        UseErrorLanguage(ctx);
        auto tr = [&](std::string_view key) { return Html::Trusted(ctx.T(key), "the message catalogue"); };
        if (problem.status >= 500) {
            Html message = Html() << "<p>" << tr("err.internal") << "</p>";  // the exception's words stay in the log
            page = MessagePage(ctx, problem.status, ctx.T("err.internal_title"), message.str());
        } else if (problem.status == 404) {
            page = NotFoundPage(ctx);
        } else if (problem.status == 401) {
            page = ErrorPage(ctx, Error{ErrorCode::kUnauthenticated, detail, {}, rule, {}});
        } else {
            std::string title = problem.status == 403 ? ctx.T("err.forbidden_title") : ctx.T("err.generic_title");
            Html message = Html() << "<p>";
            if (!field.empty()) message << "<code>" << field << "</code>: ";
            message << Html::Trusted(ErrorText(ctx, rule, detail), "ErrorText escapes the App's words") << "</p>";
            page = MessagePage(ctx, problem.status, title, message.str());
        }
    } catch (const std::exception&) {
        // The layout itself needs the store (the actor, the directory); when that fails, a plain page.
        Html plain = Html() << "<!doctype html><html lang=\"ru\"><meta charset=\"utf-8\"><title>Ошибка</title>"
                               "<h1>Ошибка на сервере</h1><p>Номер запроса: "
                            << req.request_id << "</p><p><a href=\"/\">На главную</a></p></html>";
        page = http::Response::Html(problem.status, plain.str());
    }
    for (const auto& [name, value] : problem.headers)
        if (name != "Content-Language") page.Header(name, value);
    return page;
}

// Adds a page route: the handler gets a Ctx for the request.
using AddPage = std::function<void(const char* method, const char* pattern, std::function<http::Response(Ctx&)>)>;
using Fn = http::Response (*)(Ctx&);

// Regions, practices, adoptions, organisations, persons: pages and forms.
void AddRecordPages(const AddPage& page) {
    using namespace detail;
    page("GET", "/", static_cast<Fn>(Home));
    page("POST", "/region", static_cast<Fn>(ChooseRegion));
    page("GET", "/regions", static_cast<Fn>(Regions));
    page("GET", "/regions/{code}", static_cast<Fn>(RegionPage));
    page("GET", "/practices", static_cast<Fn>(PracticeList));
    page("GET", "/practices/new", [](Ctx& c) { return PracticeForm(c, false); });
    page("POST", "/practices/new", [](Ctx& c) { return PracticeForm(c, true); });
    page("GET", "/practices/{id}", static_cast<Fn>(PracticePage));
    page("GET", "/practices/{id}/edit", [](Ctx& c) { return PracticeForm(c, false); });
    page("POST", "/practices/{id}/edit", [](Ctx& c) { return PracticeForm(c, true); });
    page("GET", "/practices/{id}/request", [](Ctx& c) { return RequestForm(c, false); });
    page("POST", "/practices/{id}/request", [](Ctx& c) { return RequestForm(c, true); });
    page("GET", "/adoptions", static_cast<Fn>(AdoptionList));
    page("GET", "/adoptions/new", [](Ctx& c) { return AdoptionForm(c, false); });
    page("POST", "/adoptions/new", [](Ctx& c) { return AdoptionForm(c, true); });
    page("GET", "/adoptions/{id}", [](Ctx& c) { return AdoptionPage(c); });
    page("GET", "/adoptions/{id}/edit", [](Ctx& c) { return AdoptionForm(c, false); });
    page("POST", "/adoptions/{id}/edit", [](Ctx& c) { return AdoptionForm(c, true); });
    page("POST", "/adoptions/{id}/stage", static_cast<Fn>(MoveStage));
    page("POST", "/adoptions/{id}/likely-sources/confirm", [](Ctx& c) { return DecideLikelySources(c, true); });
    page("POST", "/adoptions/{id}/likely-sources/reject", [](Ctx& c) { return DecideLikelySources(c, false); });
    page("GET", "/organisations", static_cast<Fn>(OrganisationList));
    page("GET", "/organisations/new", [](Ctx& c) { return OrganisationForm(c, false); });
    page("POST", "/organisations/new", [](Ctx& c) { return OrganisationForm(c, true); });
    page("GET", "/organisations/{id}", static_cast<Fn>(OrganisationPage));
    page("GET", "/organisations/{id}/edit", [](Ctx& c) { return OrganisationForm(c, false); });
    page("POST", "/organisations/{id}/edit", [](Ctx& c) { return OrganisationForm(c, true); });
    page("GET", "/persons", static_cast<Fn>(PersonList));
    page("GET", "/persons/new", [](Ctx& c) { return PersonForm(c, false); });
    page("POST", "/persons/new", [](Ctx& c) { return PersonForm(c, true); });
    page("GET", "/persons/{id}", static_cast<Fn>(PersonPage));
    page("GET", "/persons/{id}/edit", [](Ctx& c) { return PersonForm(c, false); });
    page("POST", "/persons/{id}/edit", [](Ctx& c) { return PersonForm(c, true); });
}

// Accounts, notifications, moderation, audit, the network, the review queue, feeds, federation,
// freshness, search, requests, history, import and open data.
void AddWorkPages(const AddPage& page) {
    using namespace detail;
    page("GET", "/login", [](Ctx& c) { return LoginPage(c, false); });
    page("POST", "/login", [](Ctx& c) { return LoginPage(c, true); });
    page("POST", "/logout", static_cast<Fn>(Logout));
    page("POST", "/logout-everywhere", static_cast<Fn>(LogoutEverywhere));
    page("GET", "/notifications", static_cast<Fn>(NotificationsPage));
    page("POST", "/notifications/{id}/read", static_cast<Fn>(MarkRead));
    page("GET", "/moderation", static_cast<Fn>(ModerationPage));
    page("POST", "/practices/{id}/moderate", static_cast<Fn>(ModeratePractice));
    page("GET", "/audit", static_cast<Fn>(AuditPage));
    page("GET", "/network", static_cast<Fn>(NetworkPage));
    page("GET", "/review", static_cast<Fn>(ReviewPage));
    page("POST", "/review", static_cast<Fn>(ReviewPage));
    page("POST", "/review/{id}/accept", [](Ctx& c) { return ReviewDecision(c, ReviewAction::kAccept); });
    page("POST", "/review/{id}/merge", [](Ctx& c) { return ReviewDecision(c, ReviewAction::kMerge); });
    page("POST", "/review/{id}/reject", [](Ctx& c) { return ReviewDecision(c, ReviewAction::kReject); });
    page("GET", "/feeds", static_cast<Fn>(FeedsPage));
    page("POST", "/feeds", static_cast<Fn>(FeedsPage));
    page("GET", "/feeds/{id}", static_cast<Fn>(FeedPage));
    page("POST", "/feeds/{id}/poll", static_cast<Fn>(FeedPollNow));
    page("GET", "/federation", static_cast<Fn>(FederationPage));
    page("POST", "/federation", static_cast<Fn>(FederationPage));
    page("POST", "/federation/peers/{id}/poll", static_cast<Fn>(FederationPollNow));
    page("POST", "/practices/{id}/confirm", [](Ctx& c) { return ConfirmRecord(c, "practice"); });
    page("POST", "/adoptions/{id}/confirm", [](Ctx& c) { return ConfirmRecord(c, "adoption"); });
    page("GET", "/freshness", static_cast<Fn>(FreshnessPage));
    page("GET", "/search", static_cast<Fn>(SearchPage));
    page("GET", "/requests", static_cast<Fn>(InboxPage));
    page("GET", "/requests/{id}", [](Ctx& c) { return RequestPage(c); });
    for (const char* verb : {"answer", "route", "close"})
        page("POST", (std::string("/requests/{id}/") + verb).c_str(),
             [verb](Ctx& c) { return RequestAction(c, verb); });
    page("GET", "/practices/{id}/history", static_cast<Fn>(PracticeHistoryPage));
    page("GET", "/import", static_cast<Fn>(ImportPage));
    page("POST", "/import", static_cast<Fn>(ImportPage));
    page("GET", "/opendata/", static_cast<Fn>(OpenDataPage));
    page("GET", "/opendata", static_cast<Fn>(OpenDataPage));
}

}  // namespace

void RegisterPages(http::Service& service) {
    auto site = std::make_shared<Site>();
    site->service = &service;
    std::string assets = service.app().options().assets_dir;
    auto msgs = Messages::Load((fs::path(assets) / "web" / "messages.json").string());
    if (!msgs.ok()) throw std::runtime_error("web: " + msgs.error().message);
    site->messages = std::move(msgs).value();
    LoadStatics(*site, (fs::path(assets) / "web" / "static").string());

    // A browser never gets raw JSON for an error (docs/api.md, «Errors»): whatever answered with a problem
    // (or another non-HTML error body), a request that wants an HTML error gets the page. The one place.
    service.AddResponseFilter([site](const http::Request& req, http::Response& resp) {
        if (resp.status < 400) return;
        if (!http::IsPagePath(req.path)) resp.Header("Vary", "Accept");  // its form follows Accept
        if (!http::WantsHtmlError(req)) return;
        if (resp.content_type.rfind("text/html", 0) == 0) return;
        resp = BrowserErrorPage(*site, req, resp);
    });

    auto& router = service.router();
    AddPage page = [&router, site](const char* method, const char* pattern, std::function<http::Response(Ctx&)> fn) {
        // Pages render whole views (a practice with its spread, the home page's figures): on the worker pool.
        http::RouteDoc doc;
        doc.blocking = true;
        router.Add(
            method, pattern,
            [site, fn](http::Request& r) {
                Ctx ctx(r, *site);
                return fn(ctx);
            },
            doc);
    };
    AddRecordPages(page);
    AddWorkPages(page);
    router.Add("GET", "/static/{file}", [site](http::Request& r) { return ServeStatic(*site, r); });
    router.Add("GET", "/favicon.ico",
               [](http::Request&) { return http::Response::Redirect("/static/favicon.svg", 301); });
}

}  // namespace orientir::web
