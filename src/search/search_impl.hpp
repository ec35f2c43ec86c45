#pragma once
// SearchIndex::Impl, shared by search_index.cpp (lifecycle, writer) and search_query.cpp (reading).

#include <xapian.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "search/analysis.hpp"
#include "search/indexer.hpp"
#include "search/search.hpp"
#include "storage/change_follower.hpp"

namespace orientir::search {

struct SearchIndex::Impl {
    Impl(const Options& o, storage::Store& s, detail::Thesaurus t);

    // Xapian::Database objects are not thread-safe: each search borrows one from a pool and reopens
    // it when the writer has committed since (or opens the new generation after a swap).
    struct Reader {
        Xapian::Database db;
        std::string gen;
        std::uint64_t version = 0;
    };
    std::unique_ptr<Reader> Acquire() const;
    void Release(std::unique_ptr<Reader> r) const;

    int WriterFlags() const;
    static std::int64_t ReadSeq(Xapian::Database& db);
    std::pair<std::string, std::int64_t> BuildGeneration();
    void StartFollower(std::int64_t seq);
    void ApplyBatch(const std::vector<storage::Change>& changes);
    void Swap(const std::string& gen);
    void RemoveStaleGenerations();

    Result<SearchResult> Search(const SearchQuery& q) const;
    Result<std::vector<Completion>> Suggest(const std::string& prefix, int limit,
                                            const std::vector<std::string>& kinds) const;

    Options opt;
    storage::Store& store;
    detail::Thesaurus thesaurus;
    detail::Indexer indexer;

    std::mutex follower_mu;  // Start/Stop/Rebuild
    std::unique_ptr<storage::ChangeFollower> follower;
    bool running = false;

    std::mutex write_mu;  // the writer and generation switches
    std::unique_ptr<Xapian::WritableDatabase> writer;
    std::atomic<std::int64_t> applied_seq{0};

    mutable std::mutex pool_mu;
    std::string current_gen;  // guarded by pool_mu
    mutable std::vector<std::unique_ptr<Reader>> pool;
    std::atomic<std::uint64_t> version{0};  // bumped after every commit
};

}  // namespace orientir::search
