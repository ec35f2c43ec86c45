#pragma once
// `orientir bench diffusion`: the measurements of issue 17.
//
//   --spid DIR          NetInf on the SPID adoptions (DIR/adoptions.csv) with the settings of the
//                       NetworkInference tutorial: exponential, λ = 0.5; 100 edges; and p < 0.1. Prints
//                       the edges and the time (median of --repeat runs).
//   --planted           source attribution on a generator with planted ground truth: top-1 / top-3
//                       accuracy and calibration, timing only vs timing + network vs all signals.
//   --national          national scale (bench/analytics generator, 10^5 practices, 10^6 adoptions):
//                       inference time and memory, likely sources p95.
// Common flags: --regions PATH, --seed N, --practices N, --adoptions N, --repeat N, --print N, --edges N,
// --lambda X, --p X, --model NAME.

#include <iosfwd>
#include <string>
#include <vector>

namespace orientir::analytics {
struct Snapshot;
}

namespace orientir::analytics::bench {

// Returns 0 on success, 2 on bad arguments or unreadable data.
int RunDiffusionBench(const std::vector<std::string>& args, std::ostream& out);

// Accuracy against recorded sources (`orientir bench diffusion --demo` loads the demo data into a
// throw-away store and calls this): every adoption whose source region is recorded (a source adoption
// in another region, or the origin when the channel is not «другое») is ranked as if the source were
// hidden — NetInf never reads sources, so hiding changes nothing else (leave-one-out for free).
int RunRecordedSourcesEvaluation(const Snapshot& s, std::ostream& out);

}  // namespace orientir::analytics::bench
