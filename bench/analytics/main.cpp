// Standalone analytics benchmark: the same as `orientir bench analytics`.
#include <iostream>

#include "analytics/analytics_bench.hpp"

int main(int argc, char** argv) {
    orientir::analytics::bench::BenchOptions options;
    options.data.regions_json = ORIENTIR_SOURCE_DATA_DIR "/reference/regions.json";
    std::string error;
    if (!orientir::analytics::bench::ParseBenchArgs(argc - 1, argv + 1, options, error)) {
        std::cerr << error << "\n";
        return 2;
    }
    return orientir::analytics::bench::RunAnalyticsBench(options, std::cout);
}
