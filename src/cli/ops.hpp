#pragma once
// Operations support for the commands: systemd readiness (sd_notify), the configuration reload on
// SIGHUP, the operational /metrics gauges, and restores of `orientir backup` files.

#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "common/progress.hpp"
#include "storage/store.hpp"

namespace orientir::app {
class App;
}
namespace orientir::http {
class Service;
struct ServerOptions;
}  // namespace orientir::http

namespace orientir::cli {

// Sends a state ("READY=1", "STOPPING=1", …) to systemd when started with Type=notify
// (NOTIFY_SOCKET set); does nothing otherwise. A datagram on a Unix socket, no libsystemd.
void SdNotify(const std::string& state);

// Gauges for /metrics: build version, store and search index sizes, change-log position and the lag
// of the search index and of the analytics snapshot behind it.
void RegisterOpsMetrics(http::Service& service, app::App& app, const std::string& data_dir);

// Everything `serve` needs for operations, in one call before the server is built: the /metrics
// gauges, and the signal hook (SIGHUP: ReloadServeConfig; SIGTERM/SIGINT: STOPPING=1 to systemd).
void AttachOps(http::Service& service, app::App& app, const ServeOptions& o, http::ServerOptions& so);

// SIGHUP: re-reads what is safe to change while serving (today `quiet`, the access log) and logs
// which settings need a restart.
void ReloadServeConfig(const std::string& config_path);

// Restores a file written by `orientir backup` (a SQLite file or a pg_dump archive) into the store
// of `o`, which must be empty; rebuilds the search index. Returns -1 when `file` is neither (then
// it is an export of JSON lines).
int RestoreBackupFile(const StoreOptions& o, const std::string& file);

// A store that reports to `progress` every record a scan visits and every record a write inserts
// or updates, and forwards everything else: progress for code that knows nothing about it (the
// search index rebuild scans the store; import and restore insert in one transaction).
std::unique_ptr<storage::Store> WithProgress(std::unique_ptr<storage::Store> inner, Progress& progress);

}  // namespace orientir::cli
