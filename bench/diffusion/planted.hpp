#pragma once
// `orientir bench diffusion --planted`: source attribution on a generator with planted ground truth — a
// hidden network, officials' moves that open channels and texts echoing their source — top-1 / top-3
// accuracy and calibration for each set of signals, weights fitted on a second data set, and weights
// learned from simulated curators' confirmations (held-out split).

#include <cstdint>
#include <iosfwd>
#include <string>

#include "analytics/netinf.hpp"

namespace orientir::analytics::bench {

struct PlantedOptions {
    std::string regions;  // regions.json (else 89 synthetic regions)
    int practices = 4000;
    TransmissionModel model = TransmissionModel::kExponential;
    std::uint64_t seed = 42;
    bool organisations = false;  // plant organisations and measure them as candidates (--organisations)
};

int RunPlanted(const PlantedOptions& a, std::ostream& out);

// «12.3 %»: k of n as a percentage.
std::string Pct(double k, std::size_t n);

}  // namespace orientir::analytics::bench
