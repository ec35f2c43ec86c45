#include "cli/ops.hpp"

#include <spawn.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstddef>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/app.hpp"
#include "cli/config.hpp"
#include "common/log.hpp"
#include "common/progress.hpp"
#include "feeds/feeds.hpp"
#include "http/server/server.hpp"
#include "http/service.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/store.hpp"

#ifndef ORIENTIR_VERSION
#define ORIENTIR_VERSION "0.0.0"
#endif

namespace orientir::cli {

namespace fs = std::filesystem;

namespace {

int Fail(const std::string& msg, int code = 1) {
    std::cerr << "orientir: " << msg << "\n";
    return code;
}

std::string StoreUrl(const StoreOptions& o) {
    return o.db.empty() ? (fs::path(o.data_dir) / "orientir.db").string() : o.db;
}

bool IsPostgres(const std::string& url) {
    return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

std::int64_t DirBytes(const fs::path& dir) {
    std::int64_t total = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        std::error_code ec2;
        if (it->is_regular_file(ec2)) total += static_cast<std::int64_t>(it->file_size(ec2));
    }
    return total;
}

std::string Timestamp() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
    return buf;
}

int RunTool(std::vector<std::string> args) {
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return 127;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

}  // namespace

void SdNotify(const std::string& state) {
    const char* env = std::getenv("NOTIFY_SOCKET");
    if (env == nullptr || (env[0] != '/' && env[0] != '@')) return;
    std::string path = env;
    sockaddr_un addr{};
    if (path.size() >= sizeof addr.sun_path) return;
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path.data(), path.size());
    if (path[0] == '@') addr.sun_path[0] = '\0';  // abstract namespace
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size());
    if (sendto(fd, state.data(), state.size(), MSG_NOSIGNAL, reinterpret_cast<sockaddr*>(&addr), len) < 0)
        log::Warn("sd_notify failed", {{"error", std::strerror(errno)}});
    close(fd);
}

void RegisterOpsMetrics(http::Service& service, app::App& app, const std::string& data_dir) {
    auto& m = service.metrics();
    m.AddGauge("orientir_build_info{version=\"" ORIENTIR_VERSION "\"}", "The running build (value 1).",
               [] { return 1.0; });
    static const auto kStart = std::chrono::system_clock::now();
    m.AddGauge("orientir_start_time_seconds", "Start time of the process (Unix seconds).",
               [] { return std::chrono::duration<double>(kStart.time_since_epoch()).count(); });
    m.AddGauge("orientir_store_bytes", "Size of the store (SQLite file and WAL, or the PostgreSQL database).",
               [&app] { return static_cast<double>(app.StoreSizeBytes()); });
    m.AddGauge("orientir_change_log_seq", "Last position of the store's change log.",
               [&app] { return static_cast<double>(app.LastChangeSeq()); });
    if (app.search()) {
        std::string dir = data_dir + "/search";
        m.AddGauge("orientir_search_index_bytes", "Size of the search index directory.",
                   [dir] { return static_cast<double>(DirBytes(dir)); });
        m.AddGauge("orientir_search_documents", "Documents in the search index.",
                   [&app] { return static_cast<double>(app.search()->Stats().documents); });
        m.AddGauge("orientir_search_lag_changes", "Changes of the log not yet applied to the search index.", [&app] {
            return static_cast<double>(
                std::max<std::int64_t>(0, app.LastChangeSeq() - app.search()->Stats().applied_seq));
        });
    }
    if (app.analytics_started()) {
        m.AddGauge("orientir_analytics_lag_changes", "Changes of the log not yet in the analytics snapshot.", [&app] {
            auto snap = app.analytics().Get();
            if (!snap) return -1.0;
            return static_cast<double>(std::max<std::int64_t>(0, app.LastChangeSeq() - snap->change_seq));
        });
    }
}

// Feed polling since the process started (the poller runs in the server process).
void RegisterFeedMetrics(http::Metrics& m, app::App& app) {
    feeds::FeedService* fs = &feeds::ServiceFor(app);
    auto add = [&](const char* name, const char* help, std::uint64_t feeds::FeedTotals::*field) {
        m.AddCounter(name, help, [fs, field] { return static_cast<double>(fs->Totals().*field); });
    };
    add("orientir_feed_polls_total", "Feed polls done by this process.", &feeds::FeedTotals::polls);
    add("orientir_feed_poll_errors_total", "Feed polls that failed (HTTP error, not a feed, timeout).",
        &feeds::FeedTotals::poll_errors);
    add("orientir_feed_items_total", "New feed items seen.", &feeds::FeedTotals::new_items);
    add("orientir_feed_articles_added_total", "Articles taken from feeds into the review queue.",
        &feeds::FeedTotals::articles_added);
    add("orientir_feed_duplicates_total", "Feed items recognised as an article already taken (URL or SimHash).",
        &feeds::FeedTotals::duplicates);
    add("orientir_feed_facts_proposed_total", "Facts proposed from feed articles.", &feeds::FeedTotals::facts_proposed);
    add("orientir_feed_item_errors_total", "Feed items that could not be taken (page missing, no text, encoding).",
        &feeds::FeedTotals::item_errors);
}

void AttachOps(http::Service& service, app::App& app, const ServeOptions& o, http::ServerOptions& so) {
    RegisterOpsMetrics(service, app, o.store.data_dir);
    RegisterFeedMetrics(service.metrics(), app);
    so.on_signal = [path = o.config_path](int sig) {
        if (sig == SIGHUP) {
            ReloadServeConfig(path);
        } else {
            SdNotify("STOPPING=1");
        }
    };
}

void ReloadServeConfig(const std::string& config_path) {
    SdNotify("RELOADING=1");
    if (config_path.empty()) {
        log::Info("SIGHUP: no configuration file in use; nothing to reload");
    } else {
        bool quiet = ConfigValue(config_path, "serve", "quiet") == "true";
        log::SetLevel(quiet ? log::Level::kWarn : log::Level::kInfo);
        log::Warn("configuration reloaded", {{"file", config_path},
                                             {"quiet", quiet ? "true" : "false"},
                                             {"note", "listen, threads, data and db take effect at the next restart"}});
    }
    SdNotify("READY=1");
}

int Backup(const BackupOptions& o) {
    if (o.dest.empty())
        return Fail("backup: give DEST (a file or directory), or set [backup] dest in the configuration", 2);
    std::string url = StoreUrl(o.store);
    const bool pg = IsPostgres(url);
    if (url.rfind("sqlite:", 0) == 0) url = url.substr(7);
    if (!pg && !fs::exists(url)) return Fail("backup: no store at " + url, 2);
    std::unique_ptr<storage::Store> store;  // PostgreSQL only; a SQLite file is copied without opening the store
    if (pg) {
        storage::RegisterPostgresBackend();
        auto opened = storage::OpenStore(url);
        if (!opened.ok()) return Fail(opened.error().message);
        store = std::move(opened).value();
    }
    std::error_code ec;
    const bool to_dir = fs::is_directory(o.dest, ec);
    fs::path dest = to_dir ? fs::path(o.dest) / ("orientir-" + Timestamp() + (pg ? ".dump" : ".db")) : fs::path(o.dest);
    if (fs::exists(dest, ec)) return Fail("backup: " + dest.string() + " already exists", 2);
    auto t0 = std::chrono::steady_clock::now();
    Status st;
    {
        Progress p("backup", 0, pg ? "B" : "pages");
        auto report = [&](std::uint64_t done, std::uint64_t total) {
            if (total) p.SetTotal(total);
            p.Set(done);
        };
        st = pg ? store->Backup(dest.string(), report) : storage::BackupSqliteFile(url, dest.string(), report);
        p.Finish();
    }
    if (!st.ok()) return Fail(st.error().message);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "backup written: " << dest.string() << " (" << fs::file_size(dest, ec) << " bytes, " << secs
              << " s)\n";
    if (to_dir && o.keep > 0) {
        std::vector<fs::path> old;
        for (const auto& e : fs::directory_iterator(o.dest, ec)) {
            auto name = e.path().filename().string();
            if (name.rfind("orientir-", 0) == 0 && (e.path().extension() == ".db" || e.path().extension() == ".dump"))
                old.push_back(e.path());
        }
        std::sort(old.begin(), old.end());  // names sort by time
        for (std::size_t i = 0; i + static_cast<std::size_t>(o.keep) < old.size(); ++i) {
            fs::remove(old[i], ec);
            std::cout << "removed old backup " << old[i].string() << "\n";
        }
    }
    return 0;
}

int RestoreBackupFile(const StoreOptions& o, const std::string& file) {
    char magic[16] = {};
    {
        std::ifstream in(file, std::ios::binary);
        if (!in) return -1;
        in.read(magic, sizeof magic);
    }
    const bool sqlite = std::memcmp(magic, "SQLite format 3", 16) == 0;
    const bool pgdump = std::memcmp(magic, "PGDMP", 5) == 0;
    if (!sqlite && !pgdump) return -1;
    const std::string url = StoreUrl(o);
    std::error_code ec;
    fs::create_directories(o.data_dir, ec);
    if (sqlite) {
        if (IsPostgres(url))
            return Fail(
                "restore: a SQLite backup goes into a SQLite store; to move to PostgreSQL restore it to "
                "SQLite, then `orientir export` and `orientir restore --db postgresql://…`",
                2);
        if (fs::exists(url, ec) && fs::file_size(url, ec) > 0) {
            auto existing = storage::OpenStore(url);
            if (existing.ok() && !(*existing)->Kinds().empty()) return Fail("the target store is not empty", 1);
        }
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(url + suffix, ec);
        const std::string tmp = url + ".restoring";
        {
            std::ifstream in(file, std::ios::binary);
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            Progress p("restore", fs::file_size(file, ec), "B");
            std::vector<char> buf(1 << 20);
            while (in) {
                in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
                out.write(buf.data(), in.gcount());
                p.Add(static_cast<std::uint64_t>(in.gcount()));
            }
            out.flush();
            if (!out) return Fail("restore: cannot write " + tmp);
        }
        fs::rename(tmp, url, ec);
        if (ec) return Fail("restore: " + ec.message());
    } else {
        if (!IsPostgres(url)) return Fail("restore: a pg_dump archive needs --db postgresql://…", 2);
        storage::RegisterPostgresBackend();
        {
            auto target = storage::OpenStore(url);  // creates the schema if needed
            if (!target.ok()) return Fail(target.error().message);
            if (!(*target)->Kinds().empty()) return Fail("the target store is not empty", 1);
        }
        int rc = RunTool({"pg_restore", "--no-owner", "--clean", "--if-exists", "--dbname=" + url, file});
        if (rc != 0) return Fail("pg_restore failed (exit status " + std::to_string(rc) + ")");
    }
    // The derived data: the search index is rebuilt from the restored store.
    storage::RegisterPostgresBackend();
    auto store = storage::OpenStore(url);  // migrates a backup of an older version
    if (!store.ok()) return Fail(store.error().message);
    app::App a(std::move(store).value(), app::AppOptions{o.data_dir, FindAssetsDir(o.assets_dir)});
    fs::remove_all(fs::path(o.data_dir) / "search", ec);
    auto st = a.StartSearch(false);
    if (!st.ok()) return Fail(st.error().message);
    std::cout << "restored " << file << " into " << (IsPostgres(url) ? "PostgreSQL" : url) << "; search index rebuilt ("
              << a.search()->Stats().documents << " documents)\n";
    return 0;
}

int ConfigCheck(CLI::App& root, const std::string& path) {
    if (path.empty()) return Fail("config check: no file given and none in use (--config, $ORIENTIR_CONFIG)", 2);
    auto r = CheckConfig(root, path);
    for (const auto& e : r.errors) std::cerr << path << ": error: " << e << "\n";
    for (const auto& w : r.warnings) std::cerr << path << ": warning: " << w << "\n";
    if (!r.errors.empty()) return 1;
    std::cout << path << ": ok\n";
    return 0;
}

namespace {

class ProgressTx final : public storage::WriteTx {
public:
    ProgressTx(storage::WriteTx& tx, Progress& p) : tx_(tx), p_(p) {}
    Result<storage::Doc> Get(const std::string& kind, std::int64_t id) override { return tx_.Get(kind, id); }
    Result<storage::Page> List(const storage::ListQuery& q) override { return tx_.List(q); }
    std::optional<storage::Doc> FindOne(const std::string& kind, const std::string& field,
                                        const std::string& value) override {
        return tx_.FindOne(kind, field, value);
    }
    Result<storage::Doc> Insert(const std::string& kind, const std::string& body, const storage::IndexEntries& index,
                                std::int64_t id) override {
        p_.Add();
        return tx_.Insert(kind, body, index, id);
    }
    Result<storage::Doc> Update(const std::string& kind, std::int64_t id, std::optional<std::int64_t> expected_version,
                                const std::string& body, const storage::IndexEntries& index) override {
        p_.Add();
        return tx_.Update(kind, id, expected_version, body, index);
    }
    Status Delete(const std::string& kind, std::int64_t id, std::optional<std::int64_t> expected_version) override {
        return tx_.Delete(kind, id, expected_version);
    }

private:
    storage::WriteTx& tx_;
    Progress& p_;
};

class ProgressStore final : public storage::Store {
public:
    ProgressStore(std::unique_ptr<storage::Store> inner, Progress& p) : s_(std::move(inner)), p_(p) {}
    Result<storage::Doc> Get(const std::string& kind, std::int64_t id) override { return s_->Get(kind, id); }
    Result<storage::Page> List(const storage::ListQuery& q) override { return s_->List(q); }
    Result<std::int64_t> Count(const std::string& kind, const std::vector<storage::Filter>& filters) override {
        return s_->Count(kind, filters);
    }
    std::optional<storage::Doc> FindOne(const std::string& kind, const std::string& field,
                                        const std::string& value) override {
        return s_->FindOne(kind, field, value);
    }
    Status Scan(const std::string& kind, const std::function<bool(const storage::Doc&)>& fn) override {
        return s_->Scan(kind, [&](const storage::Doc& d) {
            p_.Add();
            return fn(d);
        });
    }
    std::vector<std::string> Kinds() override { return s_->Kinds(); }
    storage::IndexEntries IndexOf(const std::string& kind, std::int64_t id) override { return s_->IndexOf(kind, id); }
    Status Write(const std::function<Status(storage::WriteTx&)>& fn) override {
        return s_->Write([&](storage::WriteTx& tx) {
            ProgressTx ptx(tx, p_);
            return fn(ptx);
        });
    }
    std::vector<storage::Change> ChangesSince(std::int64_t seq, int limit) override {
        return s_->ChangesSince(seq, limit);
    }
    std::int64_t LastChangeSeq() override { return s_->LastChangeSeq(); }
    int SchemaVersion() override { return s_->SchemaVersion(); }
    std::string BackendName() const override { return s_->BackendName(); }
    Status Ping() override { return s_->Ping(); }
    Status Backup(const std::string& dest, const BackupProgress& progress) override {
        return s_->Backup(dest, progress);
    }
    std::int64_t SizeBytes() override { return s_->SizeBytes(); }
    void SetItemProjector(storage::ItemProjector projector) override { s_->SetItemProjector(std::move(projector)); }
    Result<storage::ItemPage> ListItems(const storage::ListQuery& q) override { return s_->ListItems(q); }
    Result<int> ProjectStale(const std::string& kind, int limit) override { return s_->ProjectStale(kind, limit); }

private:
    std::unique_ptr<storage::Store> s_;
    Progress& p_;
};

}  // namespace

std::unique_ptr<storage::Store> WithProgress(std::unique_ptr<storage::Store> inner, Progress& progress) {
    return std::make_unique<ProgressStore>(std::move(inner), progress);
}

}  // namespace orientir::cli
