#include "opendata/opendata_bench.hpp"

#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <ostream>

#include "app/entities.hpp"
#include "app/store_access.hpp"
#include "io/opendata.hpp"

namespace orientir::io::bench {

namespace {

namespace fs = std::filesystem;

// Generated records straight into the store, 5,000 per transaction, under the generator's ids (so the
// references between them hold). Regions and domains come from the store's reference data.
class StoreSink final : public analytics::bench::EntitySink {
public:
    explicit StoreSink(app::App& app) : store_(app::StoreAccess::Of(app)) {}
    ~StoreSink() override { (void)Flush(); }
    using analytics::bench::EntitySink::Upsert;  // regions and domains: the reference data's
    void Upsert(const domain::Practice& v) override { Add(v); }
    void Upsert(const domain::Adoption& v) override { Add(v); }
    void Upsert(const domain::Indicator& v) override { Add(v); }
    void Upsert(const domain::IndicatorValue& v) override { Add(v); }
    void Upsert(const domain::Person& v) override { Add(v); }
    void Upsert(const domain::Position& v) override { Add(v); }
    Status Flush() {
        if (pending_.empty() || !status_.ok()) return status_;
        status_ = store_.Write([&](storage::WriteTx& tx) -> Status {
            for (const auto& r : pending_) ORIENTIR_TRY(tx.Insert(r.kind, r.body, r.index, r.id));
            return Status::Ok();
        });
        pending_.clear();
        return status_;
    }

private:
    struct Row {
        std::string kind, body;
        storage::IndexEntries index;
        std::int64_t id;
    };
    template <class T>
    void Add(const T& v) {
        pending_.push_back({app::Entity<T>::kKind, app::ToBody(v), app::Entity<T>::Index(v), v.meta.id});
        if (pending_.size() >= 5000) (void)Flush();
    }
    storage::Store& store_;
    std::vector<Row> pending_;
    Status status_ = Status::Ok();
};

double PeakRssMb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

std::uintmax_t BytesUnder(const fs::path& dir) {
    std::uintmax_t n = 0;
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(dir, ec))
        if (e.is_regular_file(ec)) n += e.file_size(ec);
    return n;
}

}  // namespace

int RunOpenDataBench(app::App& app, const OpenDataBenchOptions& o, std::ostream& out) {
    using Clock = std::chrono::steady_clock;
    auto& store = app::StoreAccess::Of(app);
    auto existing = store.Count("practice", {});
    if (!existing.ok()) {
        out << "error: " << existing.error().message << "\n";
        return 1;
    }
    if (*existing == 0) {
        auto t0 = Clock::now();
        StoreSink sink(app);
        auto counts = analytics::bench::Generate(o.data, sink);
        if (Status st = sink.Flush(); !st.ok()) {
            out << "error: loading the generated data: " << st.error().message << "\n";
            return 1;
        }
        out << "loaded " << counts.practices << " practices, " << counts.adoptions << " adoptions, "
            << counts.indicators << " indicators, " << counts.values << " values, " << counts.persons << " persons, "
            << counts.positions << " positions in " << std::chrono::duration<double>(Clock::now() - t0).count()
            << " s (peak RSS " << PeakRssMb() << " MB so far)\n";
    } else {
        out << "store already holds " << *existing << " practices: export only\n";
    }
    const fs::path dir = o.out.empty() ? fs::path(app.options().data_dir) / "opendata-bench" : fs::path(o.out);
    std::error_code ec;
    fs::remove_all(dir, ec);
    auto t0 = Clock::now();
    auto index = WriteOpenData(app, dir.string(), {});
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    if (!index.ok()) {
        out << "error: " << index.error().message << "\n";
        return 1;
    }
    out << "open-data export: " << index->rows << " rows in " << secs << " s ("
        << static_cast<long>(static_cast<double>(index->rows) / std::max(secs, 1e-9)) << " rows/s)\n";
    for (const auto& s : index->sets) {
        std::error_code e1, e2;
        out << "  " << s.id << ": " << s.rows << " rows, data.csv " << fs::file_size(dir / s.id / "data.csv", e1)
            << " B, data.json " << fs::file_size(dir / s.id / "data.json", e2) << " B\n";
    }
    out << "all files (with the versioned copies): " << BytesUnder(dir) << " B; peak RSS of the process " << PeakRssMb()
        << " MB\n";
    return 0;
}

}  // namespace orientir::io::bench
