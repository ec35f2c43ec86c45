#pragma once
// Feeding snapshots from the Store: a full load (BuildFromStore) and a refresher that follows the
// change log, patches its SnapshotBuilder record by record and publishes a new snapshot into a
// SnapshotHolder after each batch (see docs/adr/0030-analytics-snapshot.md).

#include <memory>
#include <string>
#include <vector>

#include "analytics/snapshot.hpp"
#include "common/result.hpp"
#include "storage/change_follower.hpp"
#include "storage/store.hpp"

namespace orientir::analytics {

// The store kinds a snapshot reads.
const std::vector<std::string>& SnapshotKinds();

// Reads every record of SnapshotKinds() into `builder`. Records that fail to decode are skipped and
// counted in `skipped` (they were validated on write, so this means a newer or corrupt document).
Status LoadFromStore(storage::Store& store, SnapshotBuilder& builder, std::size_t* skipped = nullptr);

// One-shot: load and build. The snapshot's change_seq is the log position read before loading, so a
// follower started from it misses nothing (replayed upserts are idempotent).
Result<std::shared_ptr<const Snapshot>> BuildFromStore(storage::Store& store);

// Keeps a SnapshotHolder current. Start() loads the store, publishes the first snapshot, then
// follows the change log on a background thread; every batch that touches an analytics kind leads
// to one rebuild and swap. Readers are never blocked. Thread safety: Start/Stop/Refresh from one
// owner thread; holder readers from any thread.
class SnapshotRefresher {
public:
    SnapshotRefresher(storage::Store& store, SnapshotHolder& holder);
    ~SnapshotRefresher();
    SnapshotRefresher(const SnapshotRefresher&) = delete;
    SnapshotRefresher& operator=(const SnapshotRefresher&) = delete;

    // Loads the store and publishes; `follow` starts the background follower as well.
    Status Start(bool follow = true);
    void Stop();
    // Wakes the follower after a local write.
    void Notify();
    // Applies everything in the log now, on the calling thread (tests, CLI).
    void CatchUp();
    std::size_t rebuilds() const { return rebuilds_.load(); }

private:
    void Apply(const std::vector<storage::Change>& changes);

    storage::Store& store_;
    SnapshotHolder& holder_;
    SnapshotBuilder builder_;
    std::unique_ptr<storage::ChangeFollower> follower_;
    std::atomic<std::size_t> rebuilds_{0};
};

}  // namespace orientir::analytics
