// orientir: parses the command line and calls the command. No logic lives here; each command is
// registered by one function of cli/registry.hpp.

#include <CLI/CLI.hpp>

#include "cli/exchange_cmd.hpp"
#include "cli/io_commands.hpp"
#include "cli/registry.hpp"

int main(int argc, char** argv) {
    using namespace orientir::cli;
    CLI::App cli{"Orientir — practices of Russia's regions: who adopted what from whom"};
    cli.require_subcommand(1);
    std::string config_flag;
    cli.add_option("--config", config_flag,
                   "configuration file (TOML; default $ORIENTIR_CONFIG or /etc/orientir/orientir.toml if present)");
    // --config may follow the command (fallthrough to the root), except where a command keeps the
    // options it does not know for itself (bench).
    cli.fallthrough();

    Commands commands;
    AddServe(cli, commands);
    AddMigrate(cli, commands);
    AddCheck(cli, commands);
    AddImport(cli, commands);
    AddExport(cli, commands);
    AddRestore(cli, commands);
    AddVersion(cli, commands);
    AddUser(cli, commands);
    AddSearch(cli, commands);
    AddReindex(cli, commands);
    AddBench(cli, commands);
    AddExtract(cli, commands);
    AddBackup(cli, commands);
    AddConfig(cli, commands);
    auto run_io = RegisterIoCommands(cli);  // opendata (docs/xlsx-opendata.md)
    RegisterExchangeOptions(cli);           // serve's installation id and peers (docs/exchange.md)

    CLI11_PARSE(cli, argc, argv);
    if (auto rc = run_io()) return *rc;
    return RunParsed(cli, commands, config_flag);
}
