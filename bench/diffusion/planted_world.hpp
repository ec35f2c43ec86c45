#pragma once
// The planted-ground-truth world of `orientir bench diffusion --planted`: a hidden network between regions,
// officials' moves that open channels, texts that echo their source and, optionally, organisations holding
// the practices; 60 % of the adoptions lose their recorded source, and the truth is kept aside.

#include <cstdint>
#include <memory>
#include <unordered_map>

#include "analytics/snapshot.hpp"
#include "diffusion/planted.hpp"  // bench/diffusion/planted.hpp

namespace orientir::analytics::bench {

struct PlantedData {
    std::shared_ptr<const Snapshot> snapshot;
    std::unordered_map<Id, int> truth;              // hidden adoption id → true source region (snapshot index)
    std::unordered_map<Id, Id> truth_organisation;  // hidden adoption id → the source's organisation, 0: none
    std::size_t adoptions = 0, hidden = 0, via_career = 0, via_network = 0, via_background = 0;
    std::size_t via_organisation_career = 0;  // of via_career: through an official of the source organisation
    std::size_t true_edges = 0;
};

PlantedData Plant(const PlantedOptions& a, std::uint64_t seed);

}  // namespace orientir::analytics::bench
