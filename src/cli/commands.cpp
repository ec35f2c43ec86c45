#include "cli/commands.hpp"
#include "cli/exchange_cmd.hpp"
#include "cli/ops.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "analytics/analytics_bench.hpp"
#include "analytics/store_loader.hpp"
#include "app/app.hpp"
#include "app/articles.hpp"
#include "app/check.hpp"
#include "app/importer.hpp"
#include "common/log.hpp"
#include "diffusion/diffusion_bench.hpp"
#include "feeds/feeds.hpp"
#include "http/api/search_api.hpp"
#include "http/csrf.hpp"
#include "http/server/server.hpp"
#include "http/service.hpp"
#include "io/xlsx_import.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/store.hpp"
#include "web/pages.hpp"

#ifndef ORIENTIR_VERSION
#define ORIENTIR_VERSION "0.0.0"
#endif

namespace orientir::cli {

namespace fs = std::filesystem;

std::string FindAssetsDir(const std::string& configured) {
    if (!configured.empty()) return configured;
    if (const char* env = std::getenv("ORIENTIR_ASSETS")) return env;
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (const auto& p : {exe.parent_path() / "../data", exe.parent_path() / "../../data",
                              exe.parent_path() / "../share/orientir"}) {
            if (fs::exists(p / "reference/regions.json")) return fs::weakly_canonical(p).string();
        }
    }
#ifdef ORIENTIR_SOURCE_DATA_DIR
    if (fs::exists(std::string(ORIENTIR_SOURCE_DATA_DIR) + "/reference/regions.json")) return ORIENTIR_SOURCE_DATA_DIR;
#endif
    return "data";
}

Result<std::unique_ptr<app::App>> OpenApp(const StoreOptions& o, Progress* progress) {
    storage::RegisterPostgresBackend();
    std::string assets = FindAssetsDir(o.assets_dir);
    std::string url = o.db;
    if (url.empty()) {
        std::error_code ec;
        fs::create_directories(o.data_dir, ec);
        if (ec)
            return Error::Invalid("data", "data_dir",
                                  "cannot create data directory " + o.data_dir + ": " + ec.message());
        url = (fs::path(o.data_dir) / "orientir.db").string();
    }
    ORIENTIR_ASSIGN(auto store, storage::OpenStore(url));
    if (progress) store = WithProgress(std::move(store), *progress);  // counts scanned and written records
    auto a = std::make_unique<app::App>(std::move(store), app::AppOptions{o.data_dir, assets});
    auto ref = app::EnsureReferenceData(*a, assets);
    if (!ref.ok()) return ref.error();
    return a;
}

namespace {

void EnsureDemoUsers(app::App& app);
void EnsureFirstAdmin(app::App& app);

int Fail(const Error& e) {
    std::cerr << "orientir: " << e.message << "\n";
    for (std::size_t i = 1; i < e.issues.size() && i < 20; ++i) std::cerr << "  - " << e.issues[i].message << "\n";
    return e.code == ErrorCode::kInvalidArgument ? 2 : 1;
}

}  // namespace

int Serve(const ServeOptions& o) {
    if (o.quiet) log::SetLevel(log::Level::kWarn);
    auto colon = o.listen.rfind(':');
    if (colon == std::string::npos) return Fail(Error::Invalid("listen", "format", "--listen must be HOST:PORT"));
    http::ServerOptions so;
    so.host = o.listen.substr(0, colon);
    try {
        int port = std::stoi(o.listen.substr(colon + 1));
        if (port < 0 || port > 65535) throw std::out_of_range("port");
        so.port = static_cast<std::uint16_t>(port);
    } catch (const std::exception&) {
        return Fail(Error::Invalid("listen", "format", "--listen port must be a number from 0 to 65535"));
    }
    so.threads = std::max(1, o.threads);
    so.workers = std::max(1, o.workers);
    auto a = OpenApp(o.store);
    if (!a.ok()) return Fail(a.error());
    app::App& app = *a.value();
    if (o.demo) {
        auto d = app::EnsureDemoData(app, app.options().assets_dir);
        if (!d.ok()) return Fail(d.error());
        EnsureDemoUsers(app);
    } else {
        EnsureFirstAdmin(app);
    }
    auto ss = app.StartSearch();
    if (!ss.ok()) return Fail(ss.error());
    auto sa = app.StartAnalytics();
    if (!sa.ok()) return Fail(sa.error());
    http::ServiceOptions service_options{app.options().assets_dir, !o.quiet};
    for (const auto& p : o.trusted_proxies) {
        auto st = service_options.trusted_proxies.Add(p);
        if (!st.ok()) return Fail(st.error());
    }
    service_options.anonymous_write_burst = o.anonymous_write_burst;
    http::Service service(app, std::move(service_options));
    service.RegisterCoreRoutes();
    web::RegisterPages(service);
    AttachOps(service, app, o, so);  // /metrics gauges, SIGHUP reload, sd_notify STOPPING
    StartExchange(app, o.listen);    // the exchange's installation id and URL; federation polling
    so.on_refused = [&service](http::Request& r, http::Response& resp) { service.Refused(r, resp); };
    so.blocking = [&service](const http::Request& r) { return service.Blocking(r); };
    http::HttpServer server(so, [&service](http::Request& r) { return service.Handle(r); });
    auto st = server.Start();
    if (!st.ok()) {
        StopExchange(app);
        return Fail(st.error());
    }
    service.SetReady(true);
    SdNotify("READY=1\nSTATUS=serving on " + o.listen);  // systemd Type=notify: /readyz answers 200 now
    std::string host = so.host == "0.0.0.0" ? "127.0.0.1" : so.host;
    std::cout << "Orientir is serving on http://" << host << ":" << server.port() << "/  (store: " << app.StoreBackend()
              << (o.demo ? ", demo data" : "") << ")" << std::endl;
    // The news feed poller runs in the server process (docs/feeds.md); ORIENTIR_FEEDS=off turns it off
    // on nodes that should not poll.
    const char* feeds_env = std::getenv("ORIENTIR_FEEDS");
    if (!feeds_env || std::string(feeds_env) != "off") feeds::ServiceFor(app).Start();
    server.Run();
    feeds::ReleaseService(app);
    StopExchange(app);
    log::Info("server stopped");
    return 0;
}

namespace {
// Prints a check report: one line per record that breaks a rule, then the totals.
void PrintCheck(const app::CheckReport& r, bool fix) {
    for (const auto& p : r.problems) {
        std::cout << p.kind << " " << p.id << (p.repaired ? " repaired:" : ":");
        for (const auto& i : p.issues) std::cout << " [" << i.field << " " << i.rule << "] " << i.message << ";";
        std::cout << "\n";
    }
    std::size_t left = r.problems.size() - static_cast<std::size_t>(r.repaired);
    std::cout << r.records << " records checked, " << r.problems.size() << " break a rule"
              << (fix ? ", " + std::to_string(r.repaired) + " repaired, " + std::to_string(left) + " left for a person"
                      : std::string())
              << "\n";
}
}  // namespace

int Migrate(const StoreOptions& o) {
    auto a = OpenApp(o);
    if (!a.ok()) return Fail(a.error());
    std::cout << "schema version " << (*a)->StoreSchemaVersion() << " (" << (*a)->StoreBackend() << ")\n";
    // Records written under older rules are repaired where that needs no judgement; the rest are listed.
    auto r = app::CheckRecords(**a, true);
    if (!r.ok()) return Fail(r.error());
    PrintCheck(*r, true);
    return 0;
}

int Check(const StoreOptions& o, bool fix) {
    Progress p("check", 0, "records");  // records scanned (and repaired ones written)
    p.Pause(true);
    auto a = OpenApp(o, &p);
    if (!a.ok()) return Fail(a.error());
    p.Set(0);
    p.Pause(false);
    auto r = app::CheckRecords(**a, fix);
    if (!r.ok()) {
        p.Pause(true);
        return Fail(r.error());
    }
    p.Finish();
    PrintCheck(*r, fix);
    // Exit status 1 when records still break a rule, so scripts can act on it.
    return r->problems.size() == static_cast<std::size_t>(r->repaired) ? 0 : 1;
}

int Import(const StoreOptions& o, const std::string& kind, const std::string& file) {
    Progress p("import", 0, "records");  // records written; the file is validated first
    p.Pause(true);
    auto a = OpenApp(o, &p);
    if (!a.ok()) return Fail(a.error());
    p.Set(0);
    p.Pause(false);
    if (kind == "demo") {
        auto r = app::EnsureDemoData(**a, file.empty() ? (*a)->options().assets_dir : file);
        if (!r.ok()) return Fail(r.error());
        std::cout << (r.value() ? "demo data imported\n" : "the store already has practices; demo data not imported\n");
        return 0;
    }
    auto r = io::IsXlsxPath(file) ? io::ImportXlsxFile(**a, app::Actor::System(), kind, file)
                                  : app::ImportFile(**a, app::Actor::System(), kind, file);
    if (!r.ok()) {
        p.Pause(true);
        return Fail(r.error());
    }
    p.Finish();
    std::cout << "imported " << r->records << " " << r->kind << " record(s) from " << file << "\n";
    return 0;
}

int Export(const StoreOptions& o, const std::string& out_file) {
    auto a = OpenApp(o);
    if (!a.ok()) return Fail(a.error());
    if (out_file.empty() || out_file == "-") {
        auto st = app::ExportAll(**a, std::cout);
        return st.ok() ? 0 : Fail(st.error());
    }
    std::ofstream out(out_file);
    auto st = app::ExportAll(**a, out);
    if (!st.ok()) return Fail(st.error());
    std::cerr << "exported to " << out_file << "\n";
    return 0;
}

int ImportAll(const StoreOptions& o, const std::string& in_file) {
    if (int rc = RestoreBackupFile(o, in_file); rc >= 0) return rc;  // a file of `orientir backup`
    std::string url = o.db.empty() ? (fs::path(o.data_dir) / "orientir.db").string() : o.db;
    std::error_code ec;
    fs::create_directories(o.data_dir, ec);
    storage::RegisterPostgresBackend();
    auto store = storage::OpenStore(url);
    if (!store.ok()) return Fail(store.error());
    std::uint64_t lines = 0;  // one record a line
    {
        std::ifstream count(in_file, std::ios::binary);
        lines = static_cast<std::uint64_t>(
            std::count(std::istreambuf_iterator<char>(count), std::istreambuf_iterator<char>(), '\n'));
    }
    Progress progress("restore", lines, "records");
    app::App a(WithProgress(std::move(store).value(), progress),
               app::AppOptions{o.data_dir, FindAssetsDir(o.assets_dir)});
    if (!a.StoreIsEmpty()) {
        progress.Pause(true);
        return Fail(Error::Conflict("the target store is not empty"));
    }
    std::ifstream in(in_file);
    if (!in) return Fail(Error::Invalid("file", "unreadable", "cannot read " + in_file));
    auto n = app::ImportExport(a, in);
    progress.Finish();
    if (!n.ok()) return Fail(n.error());
    std::cout << "restored " << n.value() << " records\n";
    return 0;
}

namespace {

std::string GeneratePassword() {
    // 16 characters from an unambiguous alphabet, from libsodium's CSPRNG via the token generator.
    return http::RandomToken(12);
}

// Demo accounts (demo mode only; their passwords are published in the README).
struct DemoUser {
    const char* login;
    const char* password;
    const char* role;
    const char* name;
    std::vector<std::string> regions;
};

void EnsureDemoUsers(app::App& app) {
    static const std::vector<DemoUser> kUsers = {
        {"admin", "demo-admin-2026", "admin", "Администратор (демо)", {}},
        {"curator", "demo-curator-2026", "curator", "Куратор центра компетенций (демо)", {}},
        {"tyumen", "demo-tyumen-2026", "regional_editor", "Координатор, Тюменская область (демо)", {"72"}},
        {"yugra", "demo-yugra-2026", "regional_editor", "Координатор, Югра (демо)", {"86"}},
    };
    std::cout << "Demo accounts (demo data only):\n";
    for (const auto& d : kUsers) {
        if (!app.auth().FindByLogin(d.login).ok()) {
            auth::User u;
            u.login = d.login;
            u.role = d.role;
            u.name = d.name;
            u.regions = d.regions;
            auto r = app.auth().CreateUser(u, d.password);
            if (!r.ok()) log::Warn("demo user not created", {{"login", d.login}, {"error", r.error().message}});
        }
        std::cout << "  " << d.login << " / " << d.password << "  (" << d.role
                  << (d.regions.empty() ? "" : ", region " + d.regions[0]) << ")\n";
    }
    // The organisation editor of the first demo organisation of Yugra.
    auto orgs = app.List<domain::Organisation>(app::Actor::System(), {{{"region", "86"}}, {}, {}, 0, 1, false});
    if (orgs.ok() && !orgs->items.empty()) {
        if (!app.auth().FindByLogin("org").ok()) {
            auth::User u;
            u.login = "org";
            u.role = "organisation_editor";
            u.name = "Редактор организации (демо)";
            u.organisations = {orgs->items[0].meta.id};
            (void)app.auth().CreateUser(u, "demo-org-2026");
        }
        std::cout << "  org / demo-org-2026  (organisation_editor, «" << orgs->items[0].name << "»)\n";
    }
}

// Outside demo mode no default password exists: the first start creates an administrator with a
// one-time password printed once.
void EnsureFirstAdmin(app::App& app) {
    if (app.auth().AnyUser()) return;
    auth::User u;
    u.login = "admin";
    u.role = "admin";
    u.name = "Administrator";
    std::string pw = GeneratePassword();
    auto r = app.auth().CreateUser(u, pw);
    if (!r.ok()) {
        log::Error("could not create the first administrator", {{"error", r.error().message}});
        return;
    }
    std::cout << "First start: administrator \"admin\" created with the one-time password " << pw
              << "\nIt is shown only now; change it after signing in." << std::endl;
}

}  // namespace

int UserAdd(const UserAddOptions& o) {
    auto a = OpenApp(o.store);
    if (!a.ok()) return Fail(a.error());
    std::string password;
    if (o.password_stdin) {
        std::getline(std::cin, password);
    } else {
        password = GeneratePassword();
    }
    auth::User u;
    u.login = o.login;
    u.role = o.role;
    u.name = o.name;
    u.email = o.email;
    // Regions by any key the app resolves (86, RU-KHM, Югра), organisations by id or key.
    for (const auto& key : o.regions) {
        auto region = (*a)->FindRegion(key);
        if (!region.ok()) return Fail(Error::Invalid("region", "unknown_region", region.error().message));
        u.regions.push_back(region->code);
    }
    for (const auto& key : o.organisations) {
        auto id = (*a)->ResolveId("organisation", key);
        if (!id.ok()) return Fail(Error::Invalid("organisation", "unknown_organisation", id.error().message));
        u.organisations.push_back(*id);
    }
    auto r = (*a)->auth().CreateUser(u, password);
    if (!r.ok()) return Fail(r.error());
    std::cout << "user " << r->login << " (" << r->role << ") created";
    if (!o.password_stdin) std::cout << " with password " << password << " (shown once)";
    std::cout << "\n";
    return 0;
}

int Search(const SearchOptions& o) {
    auto a = OpenApp(o.store);
    if (!a.ok()) return Fail(a.error());
    auto st = (*a)->StartSearch(false);
    if (!st.ok()) return Fail(st.error());
    auto c = (*a)->search()->CatchUp();
    if (!c.ok()) return Fail(c.error());
    search::SearchQuery q;
    q.q = o.query;
    q.kinds = o.kinds;
    q.limit = o.limit;
    auto r = (*a)->search()->Search(q);
    if (!r.ok()) return Fail(r.error());
    if (o.json) {
        std::cout << http::SearchResultJson(r.value()).dump(2) << "\n";
        return 0;
    }
    if (r->suggestion) std::cout << "возможно, вы имели в виду: " << r->suggestion->text << "\n";
    std::cout << r->total.value << (r->total.exact ? "" : "+") << " found\n";
    for (const auto& h : r->hits) std::cout << h.kind << "\t" << h.id << "\t" << h.title << "\n";
    return 0;
}

int Reindex(const StoreOptions& o) {
    // Progress counts the records the rebuild scans (the hidden helper kinds, then the searchable ones).
    Progress p("reindex", 0, "records");
    p.Pause(true);  // opening the store may build a missing index: not this command's progress yet
    auto a = OpenApp(o, &p);
    if (!a.ok()) return Fail(a.error());
    auto st = (*a)->StartSearch(false);
    if (!st.ok()) return Fail(st.error());
    std::uint64_t total = 0;
    std::vector<std::string> kinds = search::SearchableKinds();
    kinds.insert(kinds.end(), {"adoption", "position"});
    for (const auto& k : kinds) {
        auto n = (*a)->CountRecords(k);
        if (n.ok()) total += static_cast<std::uint64_t>(n.value());
    }
    p.SetTotal(total);
    p.Set(0);
    p.Pause(false);
    auto r = (*a)->search()->Rebuild();
    p.Finish();
    if (!r.ok()) return Fail(r.error());
    auto stats = (*a)->search()->Stats();
    std::cout << "search index rebuilt: " << stats.documents << " documents, generation " << stats.generation << "\n";
    return 0;
}

int BenchAnalytics(const std::vector<std::string>& args) {
    analytics::bench::BenchOptions o;
    o.data.regions_json = FindAssetsDir("") + "/reference/regions.json";
    // ParseBenchArgs takes the flags only (no program name first).
    std::vector<const char*> argv;
    argv.reserve(args.size());
    for (const auto& a : args) argv.push_back(a.c_str());
    std::string err;
    if (!analytics::bench::ParseBenchArgs(static_cast<int>(argv.size()), argv.data(), o, err)) {
        std::cerr << "orientir bench analytics: " << err << "\n";
        return 2;
    }
    return analytics::bench::RunAnalyticsBench(o, std::cout);
}

int Extract(const ExtractOptions& o) {
    // The store's gazetteer when there is a store, else the shipped reference data.
    std::shared_ptr<const extract::Extractor> extractor;
    std::unique_ptr<app::App> app;
    if (!o.store.db.empty() || fs::exists(fs::path(o.store.data_dir) / "orientir.db")) {
        auto a = OpenApp(o.store);
        if (!a.ok()) return Fail(a.error());
        app = std::move(a).value();
        extractor = app->articles().GetExtractor();
    } else {
        auto g = extract::LoadReferenceGazetteer(FindAssetsDir(o.store.assets_dir));
        if (!g.ok()) return Fail(g.error());
        extractor = std::make_shared<const extract::Extractor>(g.value());
    }
    auto format = o.html ? extract::InputFormat::kHtml : extract::InputFormat::kAuto;
    auto run = [&](const std::string& raw, const std::string& file) -> int {
        auto text = extract::PrepareText(raw, format);
        if (!text.ok()) {
            std::cerr << "orientir: " << (file.empty() ? "stdin" : file) << ": " << text.error().message << "\n";
            return 2;
        }
        OrderedJson doc = extract::ToJson(extractor->Extract(text.value()));
        if (file.empty()) {
            std::cout << doc.dump(2) << "\n";
        } else {
            OrderedJson line{{"file", file}};
            line.update(doc);
            std::cout << line.dump() << "\n";
        }
        return 0;
    };
    auto read = [](std::istream& in) { return std::string(std::istreambuf_iterator<char>(in), {}); };
    if (o.input == "-") return run(read(std::cin), "");
    std::error_code ec;
    if (fs::is_directory(o.input, ec)) {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(o.input, ec))
            if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        int rc = 0;
        for (const auto& f : files) {
            std::ifstream in(f, std::ios::binary);
            rc = std::max(rc, run(read(in), f.string()));
        }
        return rc;
    }
    std::ifstream in(o.input, std::ios::binary);
    if (!in) return Fail(Error::Invalid("input", "not_found", "cannot read " + o.input));
    return run(read(in), "");
}

int Version() {
    std::cout << "orientir " << ORIENTIR_VERSION << "\n";
    return 0;
}

int BenchDiffusion(const std::vector<std::string>& args) {
    std::vector<std::string> a = args;
    if (auto it = std::find(a.begin(), a.end(), "--demo"); it != a.end()) {
        // The demo data in a throw-away SQLite store, then accuracy against its recorded sources.
        a.erase(it);
        char dir[] = "/tmp/orientir-demo-XXXXXX";
        if (!mkdtemp(dir)) return Fail(Error::Invalid("demo", "tmp", "cannot create a temporary directory"));
        StoreOptions so;
        so.data_dir = dir;
        int rc = 0;
        {
            auto app = OpenApp(so);
            if (!app.ok()) return Fail(app.error());
            auto d = app::EnsureDemoData(*app.value(), app.value()->options().assets_dir);
            if (!d.ok()) return Fail(d.error());
            auto snap = app.value()->BuildAnalyticsSnapshot();
            if (!snap.ok()) return Fail(snap.error());
            rc = analytics::bench::RunRecordedSourcesEvaluation(**snap, std::cout);
        }
        std::error_code ec;
        fs::remove_all(dir, ec);
        if (rc != 0 || a.empty()) return rc;
    }
    if (std::find(a.begin(), a.end(), "--regions") == a.end()) {
        a.emplace_back("--regions");
        a.push_back(FindAssetsDir("") + "/reference/regions.json");
    }
    return analytics::bench::RunDiffusionBench(a, std::cout);
}

}  // namespace orientir::cli
