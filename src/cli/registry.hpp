#pragma once
// The command line of `orientir`: one registration function per command. Each adds its subcommand
// and options to the root and appends a Command that runs it; main.cpp calls them in order and then
// RunParsed. A new command is one Add… function here and one line in main.

#include <functional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace orientir::cli {

// What a command sees when it runs: the root (for `config check`) and the configuration file in use.
struct RunContext {
    CLI::App& root;
    std::string config_path;
};

struct Command {
    CLI::App* app = nullptr;  // the (sub)command whose `parsed()` selects it
    std::function<int(const RunContext&)> run;
    bool reads_config = true;  // false: runs before the configuration file is applied (config check)
};
using Commands = std::vector<Command>;

// Adds --data, --db and --assets (StoreOptions) to a command.
struct StoreOptions;
void AddStoreOptions(CLI::App* command, StoreOptions& store);

void AddServe(CLI::App& root, Commands& out);
void AddMigrate(CLI::App& root, Commands& out);
void AddCheck(CLI::App& root, Commands& out);
void AddImport(CLI::App& root, Commands& out);
void AddExport(CLI::App& root, Commands& out);
void AddRestore(CLI::App& root, Commands& out);
void AddVersion(CLI::App& root, Commands& out);
void AddUser(CLI::App& root, Commands& out);
void AddSearch(CLI::App& root, Commands& out);
void AddReindex(CLI::App& root, Commands& out);
void AddBench(CLI::App& root, Commands& out);
void AddExtract(CLI::App& root, Commands& out);
void AddBackup(CLI::App& root, Commands& out);
void AddConfig(CLI::App& root, Commands& out);

// After parsing: applies the configuration file (`config_flag`: --config) and runs the parsed
// command; returns the exit code (2 when the file has errors or no command was parsed).
int RunParsed(CLI::App& root, const Commands& commands, const std::string& config_flag);

}  // namespace orientir::cli
