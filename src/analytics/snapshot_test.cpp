#include "analytics/snapshot.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "analytics/test_fixture.hpp"

namespace orientir::analytics {
namespace {

using testing::Fixture;

TEST(Snapshot, SortsRegionsIndicatorsAndDomainsByCode) {
    auto s = Fixture();
    ASSERT_EQ(s->regions.size(), 5u);
    EXPECT_EQ(s->regions[0].code, "45");
    EXPECT_EQ(s->regions[4].code, "89");
    EXPECT_EQ(s->RegionIndex("72"), 2);
    EXPECT_EQ(s->RegionIndex("99"), -1);
    EXPECT_EQ(s->domains, (std::vector<std::string>{"culture", "volunteering"}));
    EXPECT_EQ(s->IndicatorIndex("art_share"), 0);
    EXPECT_EQ(s->IndicatorIndex("wait_days"), 2);
    EXPECT_EQ(s->first_year, 2022);
    EXPECT_EQ(s->year_count, 2);
}

TEST(Snapshot, RanksAndPercentilesRespectDirection) {
    auto s = Fixture();
    const auto R = s->R();
    auto at = [&](const char* ind, const char* region) {
        return static_cast<std::size_t>(s->IndicatorIndex(ind)) * R + static_cast<std::size_t>(s->RegionIndex(region));
    };
    // vol_share 2023: 86=20, 89=15, 66=12, 72=10, 45=8 (higher is better).
    EXPECT_EQ(s->indicators[static_cast<std::size_t>(s->IndicatorIndex("vol_share"))].ref_year, 2023);
    EXPECT_EQ(s->rank[at("vol_share", "86")], 1);
    EXPECT_EQ(s->rank[at("vol_share", "72")], 4);
    EXPECT_DOUBLE_EQ(s->percentile[at("vol_share", "86")], 100.0);
    EXPECT_DOUBLE_EQ(s->percentile[at("vol_share", "72")], 25.0);
    EXPECT_DOUBLE_EQ(s->percentile[at("vol_share", "45")], 0.0);
    // wait_days 2023: 86=10, 89=20, 72=30, 66=40 (lower is better); 45 has no value.
    EXPECT_EQ(s->rank[at("wait_days", "86")], 1);
    EXPECT_EQ(s->rank[at("wait_days", "66")], 4);
    EXPECT_EQ(s->rank[at("wait_days", "45")], 0);
    EXPECT_NEAR(s->percentile[at("wait_days", "72")], 100.0 / 3, 1e-9);
    EXPECT_TRUE(IsMissing(s->percentile[at("wait_days", "45")]));
}

TEST(Snapshot, TiesShareTheBestRank) {
    auto s = Fixture();
    const auto R = s->R();
    auto i = static_cast<std::size_t>(s->IndicatorIndex("art_share")) * R;
    // art_share: 72=5, 86=5, 89=3 → ranks 1, 1, 3; percentiles 50, 50, 0.
    EXPECT_EQ(s->rank[i + static_cast<std::size_t>(s->RegionIndex("72"))], 1);
    EXPECT_EQ(s->rank[i + static_cast<std::size_t>(s->RegionIndex("86"))], 1);
    EXPECT_EQ(s->rank[i + static_cast<std::size_t>(s->RegionIndex("89"))], 3);
    EXPECT_DOUBLE_EQ(s->percentile[i + static_cast<std::size_t>(s->RegionIndex("72"))], 50.0);
    // Leaders in culture: equal composites are ordered by code.
    auto leaders = s->Leaders(s->DomainIndex("culture"), 5);
    ASSERT_EQ(leaders.size(), 3u);
    EXPECT_EQ(s->regions[static_cast<std::size_t>(leaders[0])].code, "72");
    EXPECT_EQ(s->regions[static_cast<std::size_t>(leaders[1])].code, "86");
}

TEST(Snapshot, CompositeIsTheMeanPercentile) {
    auto s = Fixture();
    const auto R = s->R();
    const auto d = static_cast<std::size_t>(s->DomainIndex("volunteering"));
    auto comp = [&](const char* r) { return s->composite[d * R + static_cast<std::size_t>(s->RegionIndex(r))]; };
    EXPECT_DOUBLE_EQ(comp("86"), 100.0);
    EXPECT_NEAR(comp("89"), (75.0 + 200.0 / 3) / 2, 1e-9);
    EXPECT_NEAR(comp("72"), (25.0 + 100.0 / 3) / 2, 1e-9);
    EXPECT_DOUBLE_EQ(comp("66"), 25.0);
    EXPECT_DOUBLE_EQ(comp("45"), 0.0);  // one of two indicators is enough (half)
    std::vector<std::string> order;
    for (int r : s->Leaders(static_cast<int>(d), 10)) order.push_back(s->regions[static_cast<std::size_t>(r)].code);
    EXPECT_EQ(order, (std::vector<std::string>{"86", "89", "72", "66", "45"}));
}

TEST(Snapshot, PeersByStandardisedProfile) {
    // Only urban share varies: 0.5, 0.6, 0.9 → mean 2/3, sd 0.16997; |A-B| = 0.1/sd = 0.5883.
    SnapshotBuilder b;
    domain::Region a = testing::MakeRegion(1, "01", "A", "A", 0, 0, 0.5, false);
    a.population.reset();
    a.area_km2.reset();
    domain::Region bb = a, c = a;
    bb.meta.id = 2;
    bb.code = "02";
    bb.urban_share = 0.6;
    c.meta.id = 3;
    c.code = "03";
    c.urban_share = 0.9;
    b.Upsert(c);
    b.Upsert(a);
    b.Upsert(bb);
    auto s = b.Build();
    EXPECT_EQ(s->profile_features, (std::vector<std::string>{"urban_share", "north"}));
    EXPECT_NEAR(s->distance[0 * 3 + 1], 0.1 / std::sqrt((0.0277778 + 0.0044444 + 0.0544444) / 3), 1e-4);
    EXPECT_FLOAT_EQ(s->distance[0 * 3 + 0], 0.0F);
    EXPECT_FLOAT_EQ(s->distance[1 * 3 + 2], s->distance[2 * 3 + 1]);
    EXPECT_EQ(s->Peers(0, 5), (std::vector<int>{1, 2}));
    EXPECT_EQ(s->Peers(2, 1), (std::vector<int>{1}));
}

TEST(Snapshot, ResolvesLineageAndDerivedCounts) {
    auto s = Fixture();
    auto& a11 = s->adoptions[static_cast<std::size_t>(s->adoption_by_id.at(11))];
    EXPECT_EQ(s->regions[static_cast<std::size_t>(a11.source_region)].code, "89");  // borrowed from A10 in 89
    auto& a10 = s->adoptions[static_cast<std::size_t>(s->adoption_by_id.at(10))];
    EXPECT_EQ(s->regions[static_cast<std::size_t>(a10.source_region)].code, "86");  // from the origin
    auto& p1 = s->practices[static_cast<std::size_t>(s->PracticeIndex(1))];
    EXPECT_EQ(p1.adopter_regions, 3);  // 89, 66, 45
    EXPECT_EQ(p1.adopter_municipalities, 1);
    EXPECT_TRUE(p1.has_results);
    EXPECT_EQ(DateOf(p1.last_activity_day), "2024-03-01");
    auto& p2 = s->practices[static_cast<std::size_t>(s->PracticeIndex(2))];
    EXPECT_EQ(p2.adopter_regions, 1);  // 72 discontinued
    EXPECT_TRUE(s->InDomain(s->PracticeIndex(2), s->DomainIndex("culture")));
    EXPECT_FALSE(s->InDomain(s->PracticeIndex(2), s->DomainIndex("volunteering")));
}

TEST(Snapshot, CareerMovesAndPersonLinks) {
    auto s = Fixture();
    ASSERT_EQ(s->moves.size(), 1u);
    EXPECT_EQ(s->regions[static_cast<std::size_t>(s->moves[0].from_region)].code, "72");
    EXPECT_EQ(s->regions[static_cast<std::size_t>(s->moves[0].to_region)].code, "86");
    EXPECT_EQ(DateOf(s->moves[0].day), "2019-06-01");
    EXPECT_EQ(s->moves[0].person_name.find("Иванов"), 0u);
    const auto R = s->R();
    EXPECT_EQ(s->person_links[static_cast<std::size_t>(s->RegionIndex("72")) * R +
                              static_cast<std::size_t>(s->RegionIndex("86"))],
              1);
    EXPECT_EQ(s->person_links[static_cast<std::size_t>(s->RegionIndex("72")) * R +
                              static_cast<std::size_t>(s->RegionIndex("89"))],
              0);
}

TEST(SnapshotBuilder, RemoveAndUpsertPatchTheNextBuild) {
    auto b = testing::FixtureBuilder();
    b.Remove("adoption", 15);
    auto p1 = testing::MakePractice(1, "Новое название", "volunteering", "86", "2019-01-01");
    b.Upsert(p1);
    auto s = b.Build();
    EXPECT_EQ(s->adoption_by_id.count(15), 0u);
    auto& row = s->practices[static_cast<std::size_t>(s->PracticeIndex(1))];
    EXPECT_EQ(row.adopter_regions, 2);
    EXPECT_FALSE(row.has_results);
    EXPECT_EQ(s->titles[static_cast<std::size_t>(s->PracticeIndex(1))], "Новое название");
}

TEST(SnapshotHolder, ReadersKeepTheirSnapshotWhileANewOneIsSwappedIn) {
    SnapshotHolder h;
    ASSERT_NE(h.Get(), nullptr);
    EXPECT_TRUE(h.Get()->regions.empty());
    auto first = Fixture();
    h.Set(first);
    auto reader = h.Get();
    std::thread writer([&] { h.Set(testing::FixtureBuilder().Build()); });
    writer.join();
    EXPECT_EQ(reader.get(), first.get());
    EXPECT_NE(h.Get().get(), first.get());
    EXPECT_EQ(h.Get()->regions.size(), 5u);
}

TEST(Snapshot, DatesRoundTrip) {
    EXPECT_EQ(DateOf(DayOf(std::string("2024-02-29"))), "2024-02-29");
    EXPECT_EQ(DayOf(std::string("2024-02-30")), kNoDay);
    EXPECT_EQ(DateOf(DayOf(std::string("2024-05-01T10:00:00Z"))), "2024-05-01");
}

}  // namespace
}  // namespace orientir::analytics
