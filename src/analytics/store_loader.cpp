#include "analytics/store_loader.hpp"

#include <algorithm>

#include "common/json.hpp"
#include "domain/codec.hpp"

namespace orientir::analytics {

namespace {

template <class T>
bool Decode(const storage::Doc& doc, T& out) {
    auto j = ParseJson(doc.body);
    if (!j.ok()) return false;
    if (!domain::FromJson(*j, out).ok()) return false;
    out.meta.id = doc.id;
    out.meta.version = doc.version;
    out.meta.created_at = doc.created_at;
    out.meta.updated_at = doc.updated_at;
    return true;
}

template <class T>
bool UpsertDoc(SnapshotBuilder& b, const storage::Doc& doc) {
    T v;
    if (!Decode(doc, v)) return false;
    b.Upsert(v);
    return true;
}

bool UpsertKind(SnapshotBuilder& b, const std::string& kind, const storage::Doc& doc) {
    if (kind == "region") return UpsertDoc<domain::Region>(b, doc);
    if (kind == "domain") return UpsertDoc<domain::Domain>(b, doc);
    if (kind == "practice") return UpsertDoc<domain::Practice>(b, doc);
    if (kind == "adoption") return UpsertDoc<domain::Adoption>(b, doc);
    if (kind == "indicator") return UpsertDoc<domain::Indicator>(b, doc);
    if (kind == "indicator_value") return UpsertDoc<domain::IndicatorValue>(b, doc);
    if (kind == "person") return UpsertDoc<domain::Person>(b, doc);
    if (kind == "position") return UpsertDoc<domain::Position>(b, doc);
    if (kind == "municipality") return UpsertDoc<domain::Municipality>(b, doc);
    if (kind == "organisation") return UpsertDoc<domain::Organisation>(b, doc);
    return true;
}

}  // namespace

const std::vector<std::string>& SnapshotKinds() {
    static const std::vector<std::string> kKinds = {"region",       "domain",      "indicator", "indicator_value",
                                                    "person",       "position",    "practice",  "adoption",
                                                    "municipality", "organisation"};
    return kKinds;
}

Status LoadFromStore(storage::Store& store, SnapshotBuilder& builder, std::size_t* skipped) {
    std::size_t bad = 0;
    for (const auto& kind : SnapshotKinds()) {
        ORIENTIR_TRY(store.Scan(kind, [&](const storage::Doc& doc) {
            if (!UpsertKind(builder, kind, doc)) ++bad;
            return true;
        }));
    }
    if (skipped) *skipped = bad;
    return Status::Ok();
}

Result<std::shared_ptr<const Snapshot>> BuildFromStore(storage::Store& store) {
    SnapshotBuilder b;
    b.SetChangeSeq(store.LastChangeSeq());
    ORIENTIR_TRY(LoadFromStore(store, b));
    return b.Build();
}

SnapshotRefresher::SnapshotRefresher(storage::Store& store, SnapshotHolder& holder) : store_(store), holder_(holder) {}

SnapshotRefresher::~SnapshotRefresher() { Stop(); }

Status SnapshotRefresher::Start(bool follow) {
    const std::int64_t seq = store_.LastChangeSeq();
    builder_.SetChangeSeq(seq);
    std::size_t skipped = 0;
    ORIENTIR_TRY(LoadFromStore(store_, builder_, &skipped));
    holder_.Set(builder_.Build());
    ++rebuilds_;
    follower_ = std::make_unique<storage::ChangeFollower>(
        store_, seq, [this](const std::vector<storage::Change>& changes) { Apply(changes); },
        std::chrono::milliseconds(500), 5000);
    if (follow) follower_->Start();
    return Status::Ok();
}

void SnapshotRefresher::Stop() {
    if (follower_) follower_->Stop();
}

void SnapshotRefresher::Notify() {
    if (follower_) follower_->Notify();
}

void SnapshotRefresher::CatchUp() {
    if (follower_) follower_->CatchUp();
}

void SnapshotRefresher::Apply(const std::vector<storage::Change>& changes) {
    const auto& kinds = SnapshotKinds();
    bool touched = false;
    for (const auto& c : changes) {
        if (std::find(kinds.begin(), kinds.end(), c.kind) == kinds.end()) continue;
        touched = true;
        if (c.op == "delete") {
            builder_.Remove(c.kind, c.id);
            continue;
        }
        auto doc = store_.Get(c.kind, c.id);
        if (!doc.ok()) {
            builder_.Remove(c.kind, c.id);  // deleted since: a later change in the log says so too
            continue;
        }
        if (!UpsertKind(builder_, c.kind, *doc)) builder_.Remove(c.kind, c.id);
    }
    if (!changes.empty()) builder_.SetChangeSeq(changes.back().seq);
    if (touched) {
        holder_.Set(builder_.Build());
        ++rebuilds_;
    }
}

}  // namespace orientir::analytics
