#pragma once
// Full-text search over the public catalogue: practices (published only), organisations, persons,
// regions and municipalities. Russian analysis (case and ё folding, Snowball stems, synonyms and
// region aliases kept as data in data/search and data/reference), phrases, exclusion, facets with
// honest counts, snippets with <mark> highlights, spelling suggestions and type-ahead completion.
//
// The index is derived data: it follows the Store's change log (storage::ChangeFollower) on one
// background thread, persists the change-log position atomically with each commit so it resumes
// after a crash, and can be rebuilt from scratch into a new directory that is then swapped in.
// The search engine (Xapian) is an implementation detail and never appears in this header.
//
// Thread safety: a SearchIndex is safe for concurrent use from many threads without external
// locking. Search/Suggest run concurrently with each other, with the indexer and with Rebuild.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "storage/store.hpp"

namespace orientir::search {

// Kinds a query may ask for (others are rejected as invalid input).
const std::vector<std::string>& SearchableKinds();

enum class SortOrder { kRelevance, kDate, kAdoptions };

struct SearchQuery {
    std::string q;                       // user text: words, "phrases", -exclusions; may be empty (browse)
    std::vector<std::string> kinds;      // empty: all searchable kinds
    std::vector<std::string> domains;    // Domain::code, OR within the facet
    std::vector<std::string> regions;    // Region::code
    std::vector<std::string> districts;  // FederalDistrict::code
    std::vector<std::string> stages;     // AdoptionStage code: practices with an adoption currently at it
    std::vector<std::string> org_kinds;  // OrganisationKind code
    std::vector<std::string> years;      // "2023"
    std::optional<SortOrder> sort;       // default: relevance with q, date without
    std::string cursor;                  // opaque, from SearchResult::next_cursor
    int limit = 20;                      // 1..100
    std::string lang = "ru";             // facet labels: "ru" or "en"
    bool facets = true;                  // compute facet counts
};

struct Hit {
    std::string kind;
    std::int64_t id = 0;
    std::string title;           // plain text (escape it when rendering)
    std::string snippet;         // HTML: text escaped, matched words wrapped in <mark>…</mark>
    double score = 0;            // relevance weight (0 when sorted by something else)
    std::string region;          // Region::code, when the hit has one
    std::string date;            // "YYYY-MM-DD" used for sorting by date, may be empty
    std::int64_t adoptions = 0;  // practices: number of adoptions
};

struct FacetValue {
    std::string value;  // code to pass back as a filter
    std::string label;  // human label in the requested language
    std::int64_t count = 0;
};

struct Facet {
    std::string name;                // "kind", "domain", "region", "district", "stage", "org_kind", "year"
    std::vector<FacetValue> values;  // most frequent first
};

// A count that is exact up to Options::exact_count_bound matching documents and an estimate beyond.
struct Count {
    std::int64_t value = 0;
    bool exact = true;
};

struct Suggestion {
    std::string text;  // corrected query, plain text
    std::string html;  // «возможно, вы имели в виду <a>…</a>» body: corrected words in <mark>
    bool applied = false;  // the hits are for the corrected query (the original one found nothing)
};

struct SearchResult {
    Count total;
    std::vector<Hit> hits;
    std::vector<Facet> facets;  // counts over the whole result set; exact iff facets_exact
    bool facets_exact = true;
    std::optional<Suggestion> suggestion;
    std::string next_cursor;           // empty at the end
    bool relaxed = false;              // no document held every word; hits hold some of them
    std::vector<std::string> notices;  // e.g. "the query holds only stop words"
};

// Type-ahead entry: a title starting with (or holding a word starting with) the typed prefix.
struct Completion {
    std::string kind;
    std::int64_t id = 0;
    std::string title;
    std::string html;  // title escaped with the completed words in <mark>
};

struct Options {
    std::string dir;                        // index directory (created); holds generations and a CURRENT pointer
    std::string data_dir;                   // shipped data: reads reference/*.json and search/*
    std::chrono::milliseconds poll{200};    // change-log poll interval (Notify() wakes it earlier)
    int batch = 1000;                       // changes applied per commit
    std::int64_t exact_count_bound = 5000;  // totals and facets are exact up to this many matches
    bool durable = true;                    // fsync each commit (tests may turn it off)
    std::size_t max_query_chars = 1000;     // longer queries are rejected (400)
};

struct IndexStats {
    std::int64_t documents = 0;
    std::int64_t applied_seq = 0;
    std::string generation;  // directory name of the live index
};

class SearchIndex {
public:
    // Opens (creating if needed) the index in options.dir. Does not start following the log.
    static Result<std::unique_ptr<SearchIndex>> Open(const Options& options, storage::Store& store);
    ~SearchIndex();
    SearchIndex(const SearchIndex&) = delete;
    SearchIndex& operator=(const SearchIndex&) = delete;

    // Starts/stops the background indexer that applies the store's change log. Idempotent.
    void Start();
    void Stop();
    // Wakes the indexer now (call after a local write): the change is searchable within one commit.
    void Notify();
    // Applies everything in the change log on the calling thread (start-up catch-up, tests).
    Status CatchUp();

    // Validates the query (bad input → kInvalidArgument naming the field) and runs it.
    Result<SearchResult> Search(const SearchQuery& query) const;
    // Up to `limit` (1..20) completions for a prefix, across `kinds` (empty: all searchable kinds).
    Result<std::vector<Completion>> Suggest(const std::string& prefix, int limit = 10,
                                            const std::vector<std::string>& kinds = {}) const;

    // Builds a fresh index from the whole store in a new directory, then swaps it in. Searches keep
    // being served from the old index meanwhile; changes written during the rebuild are applied after.
    Status Rebuild();

    IndexStats Stats() const;

    struct Impl;

private:
    explicit SearchIndex(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace orientir::search
