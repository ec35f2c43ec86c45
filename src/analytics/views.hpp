#pragma once
// JSON views of analytics results: the wire format of /api/v1 and what web pages read. Regions
// appear as {"code","name","short_name"}, practices as a brief card; numbers are rounded for
// display (values to 4 significant decimals, percentiles and scores to 0.1 / 0.001).

#include <vector>

#include "analytics/benchmark.hpp"
#include "analytics/network.hpp"
#include "analytics/recommend.hpp"
#include "common/json.hpp"

namespace orientir::analytics {

OrderedJson RegionJson(const Snapshot& s, int region);
OrderedJson PracticeBriefJson(const Snapshot& s, int practice);
// Channel counts as {"code": {"count", "share"}} (share of the total, to 0.001), channels with none left out.
OrderedJson ChannelsJson(const std::array<int, kChannelCount>& counts);

OrderedJson ToJson(const Snapshot& s, const BenchmarkResult& b);
OrderedJson ToJson(const Snapshot& s, const std::vector<LackingPractice>& lacking);
OrderedJson ToJson(const Snapshot& s, const std::vector<Recommendation>& recs);
OrderedJson ToJson(const Snapshot& s, const std::vector<SimilarPractice>& similar);
OrderedJson ToJson(const Snapshot& s, const NetworkResult& n);
OrderedJson ToJson(const Snapshot& s, const SpreadResult& sp);
OrderedJson ToJson(const Snapshot& s, const CareerOverlayResult& c);

}  // namespace orientir::analytics
