#pragma once
// The commands of the `orientir` program. main.cpp parses the command line into these options and
// calls one function; each returns the process exit code.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace CLI {
class App;
}
namespace orientir {
class Progress;
}
namespace orientir::app {
class App;
}

namespace orientir::cli {

struct StoreOptions {
    std::string data_dir = "var";  // SQLite file lives here (orientir.db); derived indexes too
    std::string db;                // "postgresql://…" or a SQLite path; empty: <data_dir>/orientir.db
    std::string assets_dir;        // shipped data (reference, demo); empty: auto-detected
};

struct ServeOptions {
    StoreOptions store;
    std::string config_path;  // re-read on SIGHUP (settings that are safe to change while serving)
    std::string listen = "127.0.0.1:8080";
    bool demo = false;
    int threads = 2;     // event loops
    int workers = 2;     // threads for writes and slow reads
    bool quiet = false;  // no per-request access log
    // Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For / Forwarded / X-Forwarded-Proto
    // are believed; nobody else's are (docs/security.md).
    std::vector<std::string> trusted_proxies;
    // Writes without signing in per client address: this many at once, then one a minute (0: no limit).
    int anonymous_write_burst = 10;
};

// Opens the store (creating the data directory) with the reference data loaded; counts records on PROGRESS.
Result<std::unique_ptr<app::App>> OpenApp(const StoreOptions& o, Progress* progress = nullptr);

int Serve(const ServeOptions& o);
int Migrate(const StoreOptions& o);
// Lists stored records that break today's rules; with fix, repairs what needs no judgement.
int Check(const StoreOptions& o, bool fix);
int Import(const StoreOptions& o, const std::string& kind, const std::string& file);
int Export(const StoreOptions& o, const std::string& out_file);
int ImportAll(const StoreOptions& o, const std::string& in_file);
int Version();

struct UserAddOptions {
    StoreOptions store;
    std::string login, role, name, email;
    std::vector<std::string> regions;
    std::vector<std::string> organisations;  // ids or keys
    bool password_stdin = false;  // read the password from stdin; otherwise one is generated and printed once
};
int UserAdd(const UserAddOptions& o);

struct SearchOptions {
    StoreOptions store;
    std::string query;
    std::vector<std::string> kinds;
    int limit = 10;
    bool json = false;
};
int Search(const SearchOptions& o);
int Reindex(const StoreOptions& o);
// `orientir bench analytics [flags]`: the national-scale analytics benchmark (bench/analytics).
int BenchAnalytics(const std::vector<std::string>& args);
// `orientir bench diffusion [--spid DIR] [--planted] [--national] [flags]` (bench/diffusion).
int BenchDiffusion(const std::vector<std::string>& args);
// `bench opendata --data DIR [--out DIR]` plus the generator's flags (bench/opendata/opendata_bench.hpp).
int BenchOpenData(const std::vector<std::string>& args);

// `orientir extract FILE|-|DIR`: one JSON document ({mentions, facts}) per input text; a directory
// means every *.txt in it (JSON lines with "file"). Uses the store's gazetteer when the data directory
// (or --db) has a store, else the reference data.
struct ExtractOptions {
    StoreOptions store;
    std::string input = "-";
    bool html = false;  // the input is HTML (else detected)
};
int Extract(const ExtractOptions& o);

// `orientir backup DEST`: a consistent copy of the running store (Store::Backup); DEST may be a
// directory, then the copy is named orientir-YYYYMMDD-HHMMSS.db (.dump for PostgreSQL) and `keep`
// limits how many stay there.
struct BackupOptions {
    StoreOptions store;
    std::string dest;
    int keep = 0;
};
int Backup(const BackupOptions& o);

// `orientir config check [FILE]`: prints the problems of the file (naming the key); 0 when valid.
int ConfigCheck(CLI::App& root, const std::string& path);

// Locates the shipped data directory (reference and demo data, web assets).
std::string FindAssetsDir(const std::string& configured);

}  // namespace orientir::cli
