// `orientir opendata DIR`: writes the open-data sets (docs/xlsx-opendata.md) with versioned file names;
// earlier snapshots in DIR are kept. (`orientir import KIND FILE.xlsx` is the import command's.)

#include "cli/io_commands.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>

#include "app/app.hpp"
#include "io/opendata.hpp"

namespace orientir::cli {

namespace {

struct OpenDataCommand {
    StoreOptions store;
    std::string dir = "opendata";
    std::string base_url = "/opendata";
    CLI::App* sub = nullptr;
};

int RunOpenData(const OpenDataCommand& c) {
    auto a = OpenApp(c.store);
    if (!a.ok()) {
        std::cerr << "orientir: " << a.error().message << "\n";
        return 1;
    }
    io::OpenDataOptions o;
    o.base_url = c.base_url;
    auto t0 = std::chrono::steady_clock::now();
    auto rows = io::WriteOpenData(**a, c.dir, o);
    if (!rows.ok()) {
        std::cerr << "orientir: " << rows.error().message << "\n";
        return 1;
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "open data: " << rows.value() << " rows in " << io::OpenDataSets().size() << " sets written to "
              << c.dir << " in " << s << " s\n";
    return 0;
}

}  // namespace

std::function<std::optional<int>()> RegisterIoCommands(CLI::App& cli) {
    auto c = std::make_shared<OpenDataCommand>();
    c->sub =
        cli.add_subcommand("opendata", "write the open-data sets (CSV, structure, passport, JSON; versioned) to DIR");
    c->sub->add_option("--data", c->store.data_dir, "data directory (SQLite store, indexes)")->capture_default_str();
    c->sub->add_option("--db", c->store.db, "store URL: postgresql://… or a SQLite file path");
    c->sub->add_option("--assets", c->store.assets_dir, "directory of shipped data (reference, demo)");
    c->sub->add_option("dir", c->dir, "output directory")->capture_default_str();
    c->sub->add_option("--base-url", c->base_url, "URL the files are published under (for meta.csv)")
        ->capture_default_str();
    return [c]() -> std::optional<int> {
        if (!c->sub->parsed()) return std::nullopt;
        return RunOpenData(*c);
    };
}

}  // namespace orientir::cli
