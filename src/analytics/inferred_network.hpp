#pragma once
// The latent region-to-region diffusion network of Orientir's adoptions, inferred with NetInf
// (netinf.hpp): every practice is a cascade of (region, time) — its origin region at the origin date and
// each adopter region at its first adoption's start (municipalities roll up to their region; any stage,
// «прекращено» included, since the region did adopt). Times are in years. Recorded sources are not used:
// the network explains timing alone, so it can be compared with what was recorded.
//
// The municipal view (options.level = kMunicipality, municipal_network.hpp) runs the same inference with
// municipalities as nodes where adoptions name one; adoptions without a municipality are left out of it.
//
// InferenceCache keeps the result for the snapshot it was computed on and recomputes when a new
// snapshot (a new change-log position) is asked for, so the network follows the adoptions.

#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "analytics/netinf.hpp"
#include "analytics/snapshot.hpp"

namespace orientir::analytics {

enum class NetworkLevel { kRegion, kMunicipality };

struct RegionalInferenceOptions {
    NetworkLevel level = NetworkLevel::kRegion;
    TransmissionModel model = TransmissionModel::kExponential;
    std::vector<double> params;   // empty: initialised from the data
    double p_value_cutoff = 0.1;  // 0: off
    int max_edges = 0;            // 0: no limit (all possible edges when no cut-off)
    int domain = -1;              // only practices of this domain (index into Snapshot::domains)
};

struct RegionalInference {
    RegionalInferenceOptions options;
    std::int64_t change_seq = 0;
    std::size_t cascades = 0;        // practices with at least one region
    std::size_t events = 0;          // (practice, region) first events
    NetInfResult net;                // nodes are region indexes; edges exclude the last one when it failed the cut-off
    std::size_t reported_edges = 0;  // edges kept (p < cut-off when a cut-off is set)
    // [from * R + to]: index into net.edges of a kept edge, -1 when none.
    std::vector<std::int32_t> edge_at;
    std::size_t R = 0;
    double ms = 0;
    // Municipal level only (municipal_network.hpp): node → municipality id and its region index, how many
    // events named a municipality and how many did not, and whether there was enough data to infer.
    std::vector<Id> municipalities;
    std::vector<int> node_region;
    std::size_t placed_events = 0, unplaced_events = 0, capped_events = 0;
    std::size_t usable_cascades = 0;  // cascades with two nodes at different times (something to learn from)
    bool enough_data = true;

    const InferredEdge* Edge(int from, int to) const {
        if (edge_at.empty() || from < 0 || to < 0 || static_cast<std::size_t>(from) >= R ||
            static_cast<std::size_t>(to) >= R)
            return nullptr;
        auto i = edge_at[static_cast<std::size_t>(from) * R + static_cast<std::size_t>(to)];
        return i < 0 ? nullptr : &net.edges[static_cast<std::size_t>(i)];
    }
};

// The cascades of the snapshot (one per non-draft practice, optionally of one domain), times in years
// since 1970.
std::vector<Cascade> RegionalCascades(const Snapshot& s, int domain = -1);

// NetInf over `cascades` with `options` into `out` (options, counts, edges, reported_edges).
void RunNetInf(RegionalInference& out, int nodes, const std::vector<Cascade>& cascades,
               const RegionalInferenceOptions& options);

// The network at options.level (the municipal level is InferMunicipal's).
std::shared_ptr<const RegionalInference> InferRegional(const Snapshot& s, const RegionalInferenceOptions& options = {});

// Thread-safe. The first call computes synchronously. Later, when a newer snapshot (same regions) is asked
// for, the result for the older one is returned at once (its `change_seq` tells how old) while one
// background thread recomputes — inference takes seconds at national scale and must not block requests
// after every adoption change. With `background = false` every new snapshot is computed synchronously.
class InferenceCache {
public:
    explicit InferenceCache(RegionalInferenceOptions options = {}, bool background = true)
        : options_(std::move(options)), background_(background) {}
    ~InferenceCache();
    InferenceCache(const InferenceCache&) = delete;
    InferenceCache& operator=(const InferenceCache&) = delete;

    std::shared_ptr<const RegionalInference> Get(const std::shared_ptr<const Snapshot>& s);
    // Waits for a background recomputation, if one is running.
    void Wait();

private:
    RegionalInferenceOptions options_;
    bool background_;
    std::mutex mu_;
    const Snapshot* for_ = nullptr;
    std::weak_ptr<const Snapshot> alive_;
    std::shared_ptr<const RegionalInference> result_;
    bool pending_ = false;
    std::thread worker_;
};

}  // namespace orientir::analytics
