#pragma once
// Recommendations of practices for a region (optionally a municipality) with reasons in Russian and
// English, and similar practices / probable duplicates. Scoring is documented in docs/analytics.md.
// Pure reads of a Snapshot: thread-safe and deterministic.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/snapshot.hpp"
#include "common/result.hpp"

namespace orientir::analytics {

struct ScoreParts {
    double peers = 0;      // how many of the similar regions adopted it and how far, 0..1
    double reach = 0;      // how widely it spread nationally, 0..1
    double evidence = 0;   // results with before/after figures, 0..1
    double leader = 0;     // originated in a leader region of one of its domains, 0 or 1
    double proximity = 0;  // channel proximity: persons who worked in both regions, intra-region spread, 0..1
    double freshness = 0;  // confirmed or active recently, 0..1
};

struct Recommendation {
    int practice = -1;
    double score = 0;  // weighted sum of parts, 0..1, rounded to 4 decimals
    ScoreParts parts;
    std::vector<int> peer_adopters;       // similar regions that have it, nearest first
    std::vector<std::string> reasons;     // short Russian phrases
    std::string reason;                   // the phrases joined into one sentence
    std::vector<std::string> reasons_en;  // the same facts in English, same order
    std::string reason_en;
};

struct RecommendOptions {
    std::optional<Id> municipality;  // recommend for a municipality of the region
    std::string domain;              // restrict to a domain; empty: all
    std::size_t limit = 20;
    std::size_t peers = 10;       // how many similar regions count
    std::int32_t today = kNoDay;  // for freshness; kNoDay: the latest date seen in the snapshot
};

// Weights of the score parts (sum to 1).
struct ScoreWeights {
    static constexpr double kPeers = 0.40, kReach = 0.10, kEvidence = 0.15, kLeader = 0.10, kProximity = 0.15,
                            kFreshness = 0.10;
};

Result<std::vector<Recommendation>> Recommend(const Snapshot& s, std::string_view region,
                                              const RecommendOptions& options = {});

struct SimilarPractice {
    int practice = -1;
    double score = 0;  // cosine similarity of titles and summaries, 0..1
    bool probable_duplicate = false;
};

inline constexpr double kDuplicateThreshold = 0.6;

// Published practices similar to a practice (itself excluded). kNotFound for an unknown id.
Result<std::vector<SimilarPractice>> SimilarPractices(const Snapshot& s, Id practice, std::size_t limit = 10);
// Practices (any state but draft) a new submission probably duplicates: similarity >= threshold.
std::vector<SimilarPractice> ProbableDuplicates(const Snapshot& s, std::string_view title, std::string_view summary,
                                                double threshold = kDuplicateThreshold, std::size_t limit = 5);

}  // namespace orientir::analytics
