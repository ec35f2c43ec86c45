#pragma once
// `orientir bench opendata --data DIR [--practices N --adoptions N …]` (docs/performance.md, «Open-data
// export»): fills an empty store at DIR with the national-scale generator's data (bench/analytics:
// practices, adoptions, indicators with values, persons with positions; loaded straight into the store,
// no validation or audit) and measures the open-data export — WriteOpenData, the files /opendata/
// serves: wall time, rows, bytes, peak RSS. On a store that already holds data it only exports, so a
// second run gives the export's own peak memory.

#include <iosfwd>
#include <string>

#include "analytics/generator.hpp"
#include "app/app.hpp"

namespace orientir::io::bench {

struct OpenDataBenchOptions {
    analytics::bench::GeneratorOptions data;
    std::string out;  // where the sets are written; empty: <data_dir>/opendata-bench
};

// Returns 0 on success.
int RunOpenDataBench(app::App& app, const OpenDataBenchOptions& options, std::ostream& out);

}  // namespace orientir::io::bench
