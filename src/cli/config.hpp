#pragma once
// The configuration file (TOML, docs/adr/0052-toml-configuration.md). Generic: every option of every
// command is a key, without any list to maintain — a new command-line option is settable in the file
// the moment it exists. Keys at the top apply to every command that has such an option; keys in a
// [command] table (or [user.add]) only to that command; the command line wins over the file.
//
//   data = "/var/lib/orientir"        # --data of every command
//   [serve]
//   listen = "127.0.0.1:8080"         # orientir serve --listen
//   threads = 4
//   [backup]
//   keep = 14
//
// Key spelling: the long option name, `-` or `_` alike (trusted-proxy = trusted_proxy); arrays for
// repeatable options. Secrets stay out of the file: ORIENTIR_DB_PASSWORD (or libpq's PGPASSWORD,
// ~/.pgpass) for the PostgreSQL password.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace orientir::cli {

// The file to read: `flag` (--config) if given, else $ORIENTIR_CONFIG (set and empty: none), else
// /etc/orientir/orientir.toml when it exists; "" when there is none.
std::string ConfigPath(const std::string& flag);

// Applies the file's values to the options of the parsed command that the command line left unset.
// Returns the problems (each naming the key): a syntax error, a value that does not convert; the
// caller refuses to run when there are any. Unknown keys and tables are warned about on stderr.
std::vector<std::string> ApplyConfig(CLI::App& root, const std::string& path);

// Validates the file against every command: syntax (with line and column), unknown keys and tables,
// values that do not convert; plus warnings (e.g. a password in the `db` URL). Errors come first.
struct ConfigReport {
    std::vector<std::string> errors, warnings;
};
ConfigReport CheckConfig(CLI::App& root, const std::string& path);

// Maps ORIENTIR_DB_PASSWORD to PGPASSWORD (what libpq and pg_dump read) unless PGPASSWORD is set.
void ApplySecretEnvironment();

// One value from the file for a command (for reloads): the deepest of `command.key`, `key`; "" when absent.
std::string ConfigValue(const std::string& path, const std::string& command, const std::string& key);

}  // namespace orientir::cli
