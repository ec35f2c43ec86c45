#pragma once
// `orientir bench analytics`: generates a national-scale data set, builds the snapshot and measures
// the analytics queries against the targets of issue 6. Prints a report (text or JSON).

#include <iosfwd>

#include "analytics/generator.hpp"

namespace orientir::analytics::bench {

struct BenchOptions {
    GeneratorOptions data;
    int queries = 300;  // per measured operation
    bool json = false;
};

// Returns 0 when every target is met, 1 otherwise.
int RunAnalyticsBench(const BenchOptions& options, std::ostream& out);

// Parses the command-line flags shared by the CLI and the standalone program:
// --regions PATH --municipalities N --practices N --adoptions N --indicators N --years N --persons N
// --seed N --queries N --json. Returns false (with a message in `error`) on a bad flag.
bool ParseBenchArgs(int argc, const char* const* argv, BenchOptions& options, std::string& error);

}  // namespace orientir::analytics::bench
