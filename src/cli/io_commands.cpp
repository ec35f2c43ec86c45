// `orientir opendata DIR`: writes the open-data sets (docs/xlsx-opendata.md) with versioned file names;
// earlier snapshots in DIR are kept. (`orientir import KIND FILE.xlsx` is the import command's.)

#include "cli/io_commands.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>

#include "analytics/analytics_bench.hpp"
#include "app/app.hpp"
#include "cli/commands.hpp"
#include "io/opendata.hpp"
#include "opendata/opendata_bench.hpp"

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
    std::cout << "open data: " << rows->rows << " rows in " << io::OpenDataSets().size() << " sets written to " << c.dir
              << " in " << s << " s\n";
    return 0;
}

}  // namespace

int BenchOpenData(const std::vector<std::string>& args) {
    io::bench::OpenDataBenchOptions o;
    StoreOptions store;
    std::vector<const char*> rest;  // the generator's flags (bench/analytics ParseBenchArgs)
    for (std::size_t k = 0; k < args.size(); ++k) {
        if (args[k] == "--data" && k + 1 < args.size())
            store.data_dir = args[++k];
        else if (args[k] == "--out" && k + 1 < args.size())
            o.out = args[++k];
        else
            rest.push_back(args[k].c_str());
    }
    analytics::bench::BenchOptions b;
    b.data.regions_json = FindAssetsDir("") + "/reference/regions.json";
    std::string err;
    if (!analytics::bench::ParseBenchArgs(static_cast<int>(rest.size()), rest.data(), b, err)) {
        std::cerr << "orientir bench opendata: " << err << "\n";
        return 2;
    }
    o.data = b.data;
    auto a = OpenApp(store);
    if (!a.ok()) {
        std::cerr << "orientir: " << a.error().message << "\n";
        return 1;
    }
    return io::bench::RunOpenDataBench(**a, o, std::cout);
}

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
