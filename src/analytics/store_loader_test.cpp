#include "analytics/store_loader.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "analytics/test_fixture.hpp"
#include "domain/codec.hpp"

namespace orientir::analytics {
namespace {

class StoreLoaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("orientir-analytics-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        auto st = storage::OpenSqliteStore({(dir_ / "store.db").string()});
        ASSERT_TRUE(st.ok()) << st.error().message;
        store_ = std::move(st).value();
    }
    void TearDown() override {
        store_.reset();
        std::filesystem::remove_all(dir_);
    }
    template <class T>
    void Put(const std::string& kind, const T& v) {
        auto st = store_->Write([&](storage::WriteTx& tx) -> Status {
            auto r = tx.Insert(kind, domain::ToJson(v).dump(), {}, v.meta.id);
            if (!r.ok()) return r.error();
            return Status::Ok();
        });
        ASSERT_TRUE(st.ok()) << st.error().message;
    }
    void Seed() {
        Put("region", testing::MakeRegion(1, "72", "Тюменская область", "Тюменская", 1600000, 160100, 0.68, false));
        Put("region", testing::MakeRegion(2, "86", "Ханты-Мансийский автономный округ — Югра", "Югра", 1700000, 534800,
                                          0.93, true));
        auto p =
            testing::MakePractice(1, "Организация добровольческой деятельности", "volunteering", "86", "2019-01-01");
        p.summary = "Ресурсный центр";
        Put("practice", p);
    }

    std::filesystem::path dir_;
    std::unique_ptr<storage::Store> store_;
};

TEST_F(StoreLoaderTest, BuildsFromTheStore) {
    Seed();
    auto s = BuildFromStore(*store_);
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ((*s)->regions.size(), 2u);
    ASSERT_EQ((*s)->practices.size(), 1u);
    EXPECT_EQ((*s)->practices[0].id, 1);
    EXPECT_EQ((*s)->change_seq, store_->LastChangeSeq());
}

TEST_F(StoreLoaderTest, RefresherFollowsTheChangeLog) {
    Seed();
    SnapshotHolder holder;
    SnapshotRefresher refresher(*store_, holder);
    ASSERT_TRUE(refresher.Start(false).ok());
    auto first = holder.Get();
    EXPECT_EQ(first->adoptions.size(), 0u);
    Put("adoption",
        testing::MakeAdoption(5, 1, "72", 0, domain::Channel::kPersonnel, domain::AdoptionStage::kPilot, "2020-01-01"));
    refresher.CatchUp();
    auto second = holder.Get();
    ASSERT_NE(second.get(), first.get());
    ASSERT_EQ(second->adoptions.size(), 1u);
    EXPECT_EQ(second->practices[0].adopter_regions, 1);
    EXPECT_EQ(first->adoptions.size(), 0u);  // the old snapshot is untouched
    auto st = store_->Write([&](storage::WriteTx& tx) { return tx.Delete("adoption", 5, std::nullopt); });
    ASSERT_TRUE(st.ok());
    refresher.CatchUp();
    EXPECT_EQ(holder.Get()->adoptions.size(), 0u);
    EXPECT_EQ(holder.Get()->change_seq, store_->LastChangeSeq());
    EXPECT_EQ(refresher.rebuilds(), 3u);
}

}  // namespace
}  // namespace orientir::analytics
