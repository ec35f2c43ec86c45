#pragma once
// A deterministic generator of a national-scale data set for the analytics benchmark: all regions
// (from data/reference/regions.json when given, else 89 synthetic ones), municipalities, practices
// with Russian-like titles, adoptions with lineage, channels and stages, indicators with values per
// region and year, and officials who moved between regions. The same seed gives the same data.

#include <cstdint>
#include <string>
#include <vector>

#include "analytics/snapshot.hpp"

namespace orientir::analytics::bench {

struct GeneratorOptions {
    std::string regions_json;  // path to regions.json; empty or unreadable: synthetic regions
    int regions = 89;          // used when synthetic
    int municipalities = 17500;
    int practices = 100000;
    int adoptions = 1000000;
    int indicators = 50;
    int years = 10;
    int first_year = 2015;
    int persons = 5000;
    std::uint64_t seed = 42;
};

struct GeneratedCounts {
    std::size_t regions = 0, municipalities = 0, practices = 0, adoptions = 0, indicators = 0, values = 0, persons = 0,
                positions = 0;
};

// The regions of a regions.json file (ids 1…n in file order); empty when the path is empty or unreadable.
std::vector<domain::Region> ReadRegionsJson(const std::string& path);

// Feeds the generated entities into `builder`.
GeneratedCounts Generate(const GeneratorOptions& options, SnapshotBuilder& builder);

// Receives the same entities one by one (e.g. to load them into a store: bench/opendata). Kinds a sink
// does not want are left with the empty default.
class EntitySink {
public:
    virtual ~EntitySink() = default;
    virtual void Upsert(const domain::Region&) {}
    virtual void Upsert(const domain::Domain&) {}
    virtual void Upsert(const domain::Practice&) {}
    virtual void Upsert(const domain::Adoption&) {}
    virtual void Upsert(const domain::Indicator&) {}
    virtual void Upsert(const domain::IndicatorValue&) {}
    virtual void Upsert(const domain::Person&) {}
    virtual void Upsert(const domain::Position&) {}
};
GeneratedCounts Generate(const GeneratorOptions& options, EntitySink& sink);

}  // namespace orientir::analytics::bench
