// The command line of `orientir`: each Add… function declares one command's options and how to run
// it. The options live in a shared_ptr held by the command's run function, so they outlive parsing.

#include "cli/registry.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/config.hpp"

namespace orientir::cli {

void AddStoreOptions(CLI::App* command, StoreOptions& store) {
    command->add_option("--data", store.data_dir, "data directory (SQLite store, indexes)")->capture_default_str();
    command->add_option("--db", store.db, "store URL: postgresql://… or a SQLite file path");
    command->add_option("--assets", store.assets_dir, "directory of shipped data (reference, demo)");
}

namespace {

// The options of a command that reads or writes one file of a store (export, restore).
struct StoreFileOptions {
    StoreOptions store;
    std::string file;
};

// A command whose options are only the store's.
void AddStoreCommand(CLI::App& root, Commands& out, const char* name, const char* help,
                     int (*run)(const StoreOptions&)) {
    auto o = std::make_shared<StoreOptions>();
    auto* c = root.add_subcommand(name, help);
    AddStoreOptions(c, *o);
    out.push_back({c, [o, run](const RunContext&) { return run(*o); }});
}

}  // namespace

void AddServe(CLI::App& root, Commands& out) {
    auto o = std::make_shared<ServeOptions>();
    auto* c = root.add_subcommand("serve", "run the web server");
    AddStoreOptions(c, o->store);
    c->add_option("--listen", o->listen, "HOST:PORT")->capture_default_str();
    c->add_flag("--demo", o->demo, "load the demo data when the store has no practices");
    c->add_option("--threads", o->threads, "event loops (threads) serving connections")->capture_default_str();
    c->add_option("--workers", o->workers, "threads for writes and slow reads (exports, inference)")
        ->capture_default_str();
    c->add_flag("--quiet", o->quiet, "no access log");
    c->add_option("--trusted-proxy", o->trusted_proxies,
                  "reverse proxy address or network (CIDR) whose X-Forwarded-For/-Proto are believed; repeatable")
        ->delimiter(',');
    c->add_option("--anonymous-write-burst", o->anonymous_write_burst,
                  "writes without signing in («хочу внедрить») per client address at once, then one a minute; 0: "
                  "no limit")
        ->capture_default_str();
    out.push_back({c, [o](const RunContext& ctx) {
                       o->config_path = ctx.config_path;
                       return Serve(*o);
                   }});
}

void AddMigrate(CLI::App& root, Commands& out) {
    AddStoreCommand(root, out, "migrate", "create or upgrade the store schema and load reference data", Migrate);
}

void AddCheck(CLI::App& root, Commands& out) {
    auto o = std::make_shared<StoreOptions>();
    auto fix = std::make_shared<bool>(false);
    auto* c = root.add_subcommand("check", "list stored records that break today's rules (exit 1 if any)");
    AddStoreOptions(c, *o);
    c->add_flag("--fix", *fix, "repair what needs no judgement (trim over-long text, drop surplus items)");
    out.push_back({c, [o, fix](const RunContext&) { return Check(*o, *fix); }});
}

void AddImport(CLI::App& root, Commands& out) {
    struct Options {
        StoreOptions store;
        std::string kind, file;
    };
    auto o = std::make_shared<Options>();
    auto* c = root.add_subcommand("import",
                                  "import records: KIND FILE (.json, .csv or .xlsx); KIND demo loads the demo data");
    AddStoreOptions(c, o->store);
    c->add_option("kind", o->kind,
                  "regions, municipalities, organisations, persons, practices, adoptions, "
                  "indicators, indicator_values, adoption_requests, demo")
        ->required();
    c->add_option("file", o->file, "file to import");
    out.push_back({c, [o](const RunContext&) { return Import(o->store, o->kind, o->file); }});
}

void AddExport(CLI::App& root, Commands& out) {
    auto o = std::make_shared<StoreFileOptions>();
    auto* c = root.add_subcommand("export", "write every record as JSON lines (to FILE or stdout)");
    AddStoreOptions(c, o->store);
    c->add_option("file", o->file, "output file, - for stdout");
    out.push_back({c, [o](const RunContext&) { return Export(o->store, o->file); }});
}

void AddRestore(CLI::App& root, Commands& out) {
    auto o = std::make_shared<StoreFileOptions>();
    auto* c = root.add_subcommand("restore", "load an export into an empty store (ids kept)");
    AddStoreOptions(c, o->store);
    c->add_option("file", o->file, "export file")->required();
    out.push_back({c, [o](const RunContext&) { return ImportAll(o->store, o->file); }});
}

void AddVersion(CLI::App& root, Commands& out) {
    out.push_back({root.add_subcommand("version", "print the version"), [](const RunContext&) { return Version(); }});
}

void AddUser(CLI::App& root, Commands& out) {
    auto o = std::make_shared<UserAddOptions>();
    auto* user = root.add_subcommand("user", "manage users");
    user->require_subcommand(1);
    auto* c =
        user->add_subcommand("add", "create a user (the password is generated and shown once, or read from stdin)");
    AddStoreOptions(c, o->store);
    c->add_option("--login", o->login, "login")->required();
    c->add_option("--role", o->role, "admin, curator, regional_editor, organisation_editor")->required();
    c->add_option("--name", o->name, "display name");
    c->add_option("--email", o->email, "e-mail");
    c->add_option("--region", o->regions, "region code a regional editor edits (repeatable)");
    c->add_option("--organisation", o->organisations, "organisation id an organisation editor edits (repeatable)");
    c->add_flag("--password-stdin", o->password_stdin, "read the password from standard input");
    out.push_back({c, [o](const RunContext&) { return UserAdd(*o); }});
}

void AddSearch(CLI::App& root, Commands& out) {
    auto o = std::make_shared<SearchOptions>();
    auto* c = root.add_subcommand("search", "full-text search from the command line");
    AddStoreOptions(c, o->store);
    c->add_option("query", o->query, "query: words, \"phrases\", -exclusions")->required();
    c->add_option("--kind", o->kinds, "practice, organisation, person, region, municipality (repeatable)");
    c->add_option("--limit", o->limit, "hits to show")->capture_default_str();
    c->add_flag("--json", o->json, "print the API's JSON");
    out.push_back({c, [o](const RunContext&) { return Search(*o); }});
}

void AddReindex(CLI::App& root, Commands& out) {
    AddStoreCommand(root, out, "reindex", "rebuild the search index into a new directory and swap it in", Reindex);
}

void AddBench(CLI::App& root, Commands& out) {
    auto* bench = root.add_subcommand("bench",
                                      "benchmarks: `bench analytics [--practices N --adoptions N …]`; "
                                      "API and search: bench/api.sh, bench/search/run.sh");
    bench->require_subcommand(1);
    // These keep the options they do not know for themselves (no fallthrough of --config to the root).
    auto* analytics = bench->add_subcommand("analytics", "national-scale analytics benchmark");
    analytics->allow_extras();
    analytics->fallthrough(false);
    out.push_back({analytics, [analytics](const RunContext&) { return BenchAnalytics(analytics->remaining()); }});
    auto* diffusion = bench->add_subcommand(
        "diffusion",
        "diffusion inference: `--spid DIR` (NetInf on SPID), `--planted` (attribution accuracy), `--national`");
    diffusion->allow_extras();
    diffusion->fallthrough(false);
    out.push_back({diffusion, [diffusion](const RunContext&) { return BenchDiffusion(diffusion->remaining()); }});
    auto* opendata = bench->add_subcommand(
        "opendata", "open-data export of the generator's data: `--data DIR [--out DIR] [--practices N …]`");
    opendata->allow_extras();
    opendata->fallthrough(false);
    out.push_back({opendata, [opendata](const RunContext&) { return BenchOpenData(opendata->remaining()); }});
}

void AddExtract(CLI::App& root, Commands& out) {
    auto o = std::make_shared<ExtractOptions>();
    auto* c = root.add_subcommand("extract",
                                  "print the mentions and facts of news texts as JSON: FILE, - (stdin) "
                                  "or a directory of *.txt");
    AddStoreOptions(c, o->store);
    c->add_option("input", o->input, "file, - for stdin, or a directory")->capture_default_str();
    c->add_flag("--html", o->html, "the input is HTML");
    out.push_back({c, [o](const RunContext&) { return Extract(*o); }});
}

void AddBackup(CLI::App& root, Commands& out) {
    auto o = std::make_shared<BackupOptions>();
    auto* c = root.add_subcommand("backup",
                                  "consistent copy of the running store: DEST file or directory "
                                  "(SQLite online backup, or pg_dump for PostgreSQL)");
    AddStoreOptions(c, o->store);
    c->add_option("dest", o->dest, "backup file, or a directory for orientir-DATE-TIME.db|.dump");
    c->add_option("--keep", o->keep, "with a directory: keep only the newest N backups (0: all)")
        ->capture_default_str();
    out.push_back({c, [o](const RunContext&) { return Backup(*o); }});
}

void AddConfig(CLI::App& root, Commands& out) {
    auto file = std::make_shared<std::string>();
    auto* config = root.add_subcommand("config", "configuration file tools");
    config->require_subcommand(1);
    auto* c = config->add_subcommand("check", "validate a configuration file; errors name the key");
    c->add_option("file", *file, "the TOML file (default: the one in use)");
    Command check{
        c, [file](const RunContext& ctx) { return ConfigCheck(ctx.root, file->empty() ? ctx.config_path : *file); }};
    check.reads_config = false;
    out.push_back(std::move(check));
}

int RunParsed(CLI::App& root, const Commands& commands, const std::string& config_flag) {
    ApplySecretEnvironment();
    const RunContext ctx{root, ConfigPath(config_flag)};
    for (const auto& c : commands)
        if (!c.reads_config && c.app->parsed()) return c.run(ctx);
    if (auto errors = ApplyConfig(root, ctx.config_path); !errors.empty()) {
        for (const auto& e : errors) std::cerr << "orientir: " << ctx.config_path << ": " << e << "\n";
        return 2;
    }
    for (const auto& c : commands)
        if (c.app->parsed()) return c.run(ctx);
    return 2;
}

}  // namespace orientir::cli
