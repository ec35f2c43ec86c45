// orientir: parses the command line and calls the command. No logic lives here.

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "cli/exchange_cmd.hpp"

int main(int argc, char** argv) {
    using namespace orientir::cli;
    CLI::App cli{"Orientir — practices of Russia's regions: who adopted what from whom"};
    cli.require_subcommand(1);
    std::string config_flag;
    cli.add_option("--config", config_flag,
                   "configuration file (TOML; default $ORIENTIR_CONFIG or /etc/orientir/orientir.toml if present)");
    cli.fallthrough();

    auto add_store = [](CLI::App* c, StoreOptions& s) {
        c->add_option("--data", s.data_dir, "data directory (SQLite store, indexes)")->capture_default_str();
        c->add_option("--db", s.db, "store URL: postgresql://… or a SQLite file path");
        c->add_option("--assets", s.assets_dir, "directory of shipped data (reference, demo)");
    };

    ServeOptions serve;
    auto* c_serve = cli.add_subcommand("serve", "run the web server");
    add_store(c_serve, serve.store);
    c_serve->add_option("--listen", serve.listen, "HOST:PORT")->capture_default_str();
    c_serve->add_flag("--demo", serve.demo, "load the demo data when the store has no practices");
    c_serve->add_option("--threads", serve.threads, "server threads")->capture_default_str();
    c_serve->add_flag("--quiet", serve.quiet, "no access log");
    c_serve
        ->add_option("--trusted-proxy", serve.trusted_proxies,
                     "reverse proxy address or network (CIDR) whose X-Forwarded-For/-Proto are believed; repeatable")
        ->delimiter(',');
    c_serve
        ->add_option("--anonymous-write-burst", serve.anonymous_write_burst,
                     "writes without signing in («хочу внедрить») per client address at once, then one a minute; 0: "
                     "no limit")
        ->capture_default_str();

    RegisterExchangeOptions(cli);

    StoreOptions mig;
    auto* c_migrate = cli.add_subcommand("migrate", "create or upgrade the store schema and load reference data");
    add_store(c_migrate, mig);

    StoreOptions chk;
    bool chk_fix = false;
    auto* c_check = cli.add_subcommand("check", "list stored records that break today's rules (exit 1 if any)");
    add_store(c_check, chk);
    c_check->add_flag("--fix", chk_fix, "repair what needs no judgement (trim over-long text, drop surplus items)");

    StoreOptions imp;
    std::string kind, file;
    auto* c_import =
        cli.add_subcommand("import", "import records: KIND FILE (.json or .csv); KIND demo loads the demo data");
    add_store(c_import, imp);
    c_import
        ->add_option("kind", kind,
                     "regions, municipalities, organisations, persons, practices, adoptions, "
                     "indicators, indicator_values, adoption_requests, demo")
        ->required();
    c_import->add_option("file", file, "file to import");

    StoreOptions exp;
    std::string out;
    auto* c_export = cli.add_subcommand("export", "write every record as JSON lines (to FILE or stdout)");
    add_store(c_export, exp);
    c_export->add_option("file", out, "output file, - for stdout");

    StoreOptions res;
    std::string in;
    auto* c_restore = cli.add_subcommand("restore", "load an export into an empty store (ids kept)");
    add_store(c_restore, res);
    c_restore->add_option("file", in, "export file")->required();

    auto* c_version = cli.add_subcommand("version", "print the version");

    UserAddOptions ua;
    auto* c_user = cli.add_subcommand("user", "manage users");
    c_user->require_subcommand(1);
    auto* c_user_add =
        c_user->add_subcommand("add", "create a user (the password is generated and shown once, or read from stdin)");
    add_store(c_user_add, ua.store);
    c_user_add->add_option("--login", ua.login, "login")->required();
    c_user_add->add_option("--role", ua.role, "admin, curator, regional_editor, organisation_editor")->required();
    c_user_add->add_option("--name", ua.name, "display name");
    c_user_add->add_option("--email", ua.email, "e-mail");
    c_user_add->add_option("--region", ua.regions, "region code a regional editor edits (repeatable)");
    c_user_add->add_option("--organisation", ua.organisations,
                           "organisation id an organisation editor edits (repeatable)");
    c_user_add->add_flag("--password-stdin", ua.password_stdin, "read the password from standard input");

    SearchOptions so;
    auto* c_search = cli.add_subcommand("search", "full-text search from the command line");
    add_store(c_search, so.store);
    c_search->add_option("query", so.query, "query: words, \"phrases\", -exclusions")->required();
    c_search->add_option("--kind", so.kinds, "practice, organisation, person, region, municipality (repeatable)");
    c_search->add_option("--limit", so.limit, "hits to show")->capture_default_str();
    c_search->add_flag("--json", so.json, "print the API's JSON");

    StoreOptions ri;
    auto* c_reindex = cli.add_subcommand("reindex", "rebuild the search index into a new directory and swap it in");
    add_store(c_reindex, ri);

    std::vector<std::string> bench_args;
    auto* c_bench = cli.add_subcommand("bench",
                                       "benchmarks: `bench analytics [--practices N --adoptions N …]`; "
                                       "API and search: bench/api.sh, bench/search/run.sh");
    auto* c_bench_analytics = c_bench->add_subcommand("analytics", "national-scale analytics benchmark");
    c_bench_analytics->allow_extras();
    auto* c_bench_diffusion = c_bench->add_subcommand(
        "diffusion",
        "diffusion inference: `--spid DIR` (NetInf on SPID), `--planted` (attribution accuracy), `--national`");
    c_bench_diffusion->allow_extras();
    c_bench->require_subcommand(1);

    ExtractOptions xo;
    auto* c_extract = cli.add_subcommand("extract",
                                         "print the mentions and facts of news texts as JSON: FILE, - (stdin) "
                                         "or a directory of *.txt");
    add_store(c_extract, xo.store);
    c_extract->add_option("input", xo.input, "file, - for stdin, or a directory")->capture_default_str();
    c_extract->add_flag("--html", xo.html, "the input is HTML");

    BackupOptions bo;
    auto* c_backup = cli.add_subcommand("backup",
                                        "consistent copy of the running store: DEST file or directory "
                                        "(SQLite online backup, or pg_dump for PostgreSQL)");
    add_store(c_backup, bo.store);
    c_backup->add_option("dest", bo.dest, "backup file, or a directory for orientir-DATE-TIME.db|.dump");
    c_backup->add_option("--keep", bo.keep, "with a directory: keep only the newest N backups (0: all)")
        ->capture_default_str();

    std::string config_file;
    auto* c_config = cli.add_subcommand("config", "configuration file tools");
    c_config->require_subcommand(1);
    auto* c_config_check = c_config->add_subcommand("check", "validate a configuration file; errors name the key");
    c_config_check->add_option("file", config_file, "the TOML file (default: the one in use)");

    // --config may follow the command (fallthrough to the root), except where a command keeps the
    // options it does not know for itself.
    c_bench_analytics->fallthrough(false);
    c_bench_diffusion->fallthrough(false);
    CLI11_PARSE(cli, argc, argv);
    ApplySecretEnvironment();
    if (c_config_check->parsed()) return ConfigCheck(cli, config_file.empty() ? ConfigPath(config_flag) : config_file);
    const std::string config_path = ConfigPath(config_flag);
    if (auto errors = ApplyConfig(cli, config_path); !errors.empty()) {
        for (const auto& e : errors) std::cerr << "orientir: " << config_path << ": " << e << "\n";
        return 2;
    }
    serve.config_path = config_path;
    if (c_backup->parsed()) return Backup(bo);
    if (c_serve->parsed()) return Serve(serve);
    if (c_migrate->parsed()) return Migrate(mig);
    if (c_check->parsed()) return Check(chk, chk_fix);
    if (c_import->parsed()) return Import(imp, kind, file);
    if (c_export->parsed()) return Export(exp, out);
    if (c_restore->parsed()) return ImportAll(res, in);
    if (c_version->parsed()) return Version();
    if (c_user_add->parsed()) return UserAdd(ua);
    if (c_search->parsed()) return Search(so);
    if (c_reindex->parsed()) return Reindex(ri);
    if (c_extract->parsed()) return Extract(xo);
    if (c_bench_analytics->parsed()) return BenchAnalytics(c_bench_analytics->remaining());
    if (c_bench_diffusion->parsed()) return BenchDiffusion(c_bench_diffusion->remaining());
    return 2;
}
