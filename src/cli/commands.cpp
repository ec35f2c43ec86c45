#include "cli/commands.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "analytics/analytics_bench.hpp"
#include "app/app.hpp"
#include "app/articles.hpp"
#include "app/importer.hpp"
#include "common/log.hpp"
#include "http/api/search_api.hpp"
#include "http/csrf.hpp"
#include "http/server/server.hpp"
#include "http/service.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/store.hpp"
#ifdef ORIENTIR_HAVE_WEB
#include "web/pages.hpp"
#endif

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
        for (auto p : {exe.parent_path() / "../data", exe.parent_path() / "../../data",
                       exe.parent_path() / "../share/orientir"}) {
            if (fs::exists(p / "reference/regions.json")) return fs::weakly_canonical(p).string();
        }
    }
#ifdef ORIENTIR_SOURCE_DATA_DIR
    if (fs::exists(std::string(ORIENTIR_SOURCE_DATA_DIR) + "/reference/regions.json")) return ORIENTIR_SOURCE_DATA_DIR;
#endif
    return "data";
}

namespace {

Result<std::unique_ptr<app::App>> OpenApp(const StoreOptions& o) {
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
    auto a = std::make_unique<app::App>(std::move(store), app::AppOptions{o.data_dir, assets});
    auto ref = app::EnsureReferenceData(*a, assets);
    if (!ref.ok()) return ref.error();
    return a;
}

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
#ifdef ORIENTIR_HAVE_WEB
    web::RegisterPages(service);
#endif
    http::HttpServer server(so, [&service](http::Request& r) { return service.Handle(r); });
    auto st = server.Start();
    if (!st.ok()) return Fail(st.error());
    service.SetReady(true);
    std::string host = so.host == "0.0.0.0" ? "127.0.0.1" : so.host;
    std::cout << "Orientir is serving on http://" << host << ":" << server.port()
              << "/  (store: " << app.store().BackendName() << (o.demo ? ", demo data" : "") << ")" << std::endl;
    server.Run();
    log::Info("server stopped");
    return 0;
}

int Migrate(const StoreOptions& o) {
    auto a = OpenApp(o);
    if (!a.ok()) return Fail(a.error());
    std::cout << "schema version " << (*a)->store().SchemaVersion() << " (" << (*a)->store().BackendName() << ")\n";
    return 0;
}

int Import(const StoreOptions& o, const std::string& kind, const std::string& file) {
    auto a = OpenApp(o);
    if (!a.ok()) return Fail(a.error());
    if (kind == "demo") {
        auto r = app::EnsureDemoData(**a, file.empty() ? (*a)->options().assets_dir : file);
        if (!r.ok()) return Fail(r.error());
        std::cout << (r.value() ? "demo data imported\n" : "the store already has practices; demo data not imported\n");
        return 0;
    }
    auto r = app::ImportFile(**a, app::Actor::System(), kind, file);
    if (!r.ok()) return Fail(r.error());
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
    std::string url = o.db.empty() ? (fs::path(o.data_dir) / "orientir.db").string() : o.db;
    std::error_code ec;
    fs::create_directories(o.data_dir, ec);
    storage::RegisterPostgresBackend();
    auto store = storage::OpenStore(url);
    if (!store.ok()) return Fail(store.error());
    app::App a(std::move(store).value(), app::AppOptions{o.data_dir, FindAssetsDir(o.assets_dir)});
    if (!a.store().Kinds().empty()) return Fail(Error::Conflict("the target store is not empty"));
    std::ifstream in(in_file);
    if (!in) return Fail(Error::Invalid("file", "unreadable", "cannot read " + in_file));
    auto n = app::ImportExport(a, in);
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
    u.regions = o.regions;
    u.organisations = o.organisations;
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
    auto a = OpenApp(o);
    if (!a.ok()) return Fail(a.error());
    auto st = (*a)->StartSearch(false);
    if (!st.ok()) return Fail(st.error());
    auto r = (*a)->search()->Rebuild();
    if (!r.ok()) return Fail(r.error());
    auto stats = (*a)->search()->Stats();
    std::cout << "search index rebuilt: " << stats.documents << " documents, generation " << stats.generation << "\n";
    return 0;
}

int BenchAnalytics(const std::vector<std::string>& args) {
    analytics::bench::BenchOptions o;
    o.data.regions_json = FindAssetsDir("") + "/reference/regions.json";
    std::vector<const char*> argv{"orientir-bench-analytics"};
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

}  // namespace orientir::cli
