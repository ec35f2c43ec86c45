// `orientir check` and `check --fix` on index entries (issue 14): a record whose stored index entries
// differ from what today's Entity<T>::Index derives — a practice or an adoption written before the
// `confirmed` entry existed — is listed by check, re-indexed by --fix (the stored body kept byte for byte),
// and check is clean afterwards. On a SQLite store; the entries are taken away through the store's own
// write transaction, as an older version wrote them.
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "app/check.hpp"
#include "app/entities.hpp"
#include "app/importer.hpp"
#include "app/store_access.hpp"
#include "common/log.hpp"

namespace orientir::app {
namespace {

namespace fs = std::filesystem;
using domain::Id;
using domain::Practice;

class CheckIndexTest : public ::testing::Test {
protected:
    void SetUp() override {
        log::SetLevel(log::Level::kError);
        dir_ = fs::temp_directory_path() / ("orientir-check-index-test-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        storage::SqliteOptions o;
        o.path = (dir_ / "store.db").string();
        app_ = std::make_unique<App>(std::move(storage::OpenSqliteStore(o)).value(),
                                     AppOptions{dir_.string(), ORIENTIR_SOURCE_DATA_DIR});
        ASSERT_TRUE(EnsureReferenceData(*app_, ORIENTIR_SOURCE_DATA_DIR).ok());
        ASSERT_TRUE(EnsureDemoData(*app_, ORIENTIR_SOURCE_DATA_DIR).ok());  // imported, as a new installation's
        practice_ = FirstId("practice");
        adoption_ = FirstId("adoption");
        ASSERT_NE(practice_, 0);
        ASSERT_NE(adoption_, 0);
    }
    void TearDown() override {
        app_.reset();
        fs::remove_all(dir_);
    }
    storage::Store& Store() { return StoreAccess::Of(*app_); }
    Id FirstId(const std::string& kind) {
        auto page = Store().List({kind, {}, 0, 1, false});
        return page.ok() && !page->docs.empty() ? page->docs.front().id : 0;
    }
    bool HasConfirmed(const std::string& kind, Id id) {
        auto idx = Store().IndexOf(kind, id);
        return std::any_of(idx.begin(), idx.end(), [](const auto& e) { return e.field == kConfirmedField; });
    }
    // Writes the record again as a version before the `confirmed` entry would have: same body, its index
    // entries without that one.
    void DropConfirmed(const std::string& kind, Id id) {
        auto st = Store().Write([&](storage::WriteTx& tx) -> Status {
            ORIENTIR_ASSIGN(auto doc, tx.Get(kind, id));
            storage::IndexEntries idx;
            for (auto& e : Store().IndexOf(kind, id))
                if (e.field != kConfirmedField) idx.push_back(e);
            ORIENTIR_TRY(tx.Update(kind, id, doc.version, doc.body, idx));
            return Status::Ok();
        });
        ASSERT_TRUE(st.ok()) << st.error().message;
        ASSERT_FALSE(HasConfirmed(kind, id));
    }
    static const RecordProblem* Find(const CheckReport& r, const std::string& kind, Id id) {
        for (const auto& p : r.problems)
            if (p.kind == kind && p.id == id) return &p;
        return nullptr;
    }

    fs::path dir_;
    std::unique_ptr<App> app_;
    Id practice_ = 0, adoption_ = 0;
};

TEST_F(CheckIndexTest, AStoreWrittenByThisVersionHasNoStaleIndexEntries) {
    auto r = CheckRecords(*app_, false);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_GT(r->records, 1100) << "the reference municipalities, the demo records";
    for (const auto& p : r->problems)
        for (const auto& i : p.issues) EXPECT_NE(i.rule, "index_stale") << p.kind << " " << p.id << ": " << i.message;
}

TEST_F(CheckIndexTest, CheckListsARecordWithoutTheConfirmedEntryAndFixReindexesIt) {
    DropConfirmed("practice", practice_);
    DropConfirmed("adoption", adoption_);
    auto before = Store().Get("practice", practice_);
    ASSERT_TRUE(before.ok());

    auto check = CheckRecords(*app_, false);
    ASSERT_TRUE(check.ok()) << check.error().message;
    for (auto [kind, id] : {std::pair<std::string, Id>{"practice", practice_}, {"adoption", adoption_}}) {
        const auto* p = Find(*check, kind, id);
        ASSERT_NE(p, nullptr) << kind << " is listed";
        ASSERT_EQ(p->issues.size(), 1u);
        EXPECT_EQ(p->issues[0].rule, "index_stale");
        EXPECT_NE(p->issues[0].message.find("missing: confirmed="), std::string::npos) << p->issues[0].message;
        EXPECT_FALSE(p->repaired);
    }
    EXPECT_FALSE(HasConfirmed("practice", practice_)) << "check alone writes nothing";

    auto fixed = CheckRecords(*app_, true);
    ASSERT_TRUE(fixed.ok()) << fixed.error().message;
    EXPECT_EQ(fixed->repaired, 2);
    ASSERT_NE(Find(*fixed, "practice", practice_), nullptr);
    EXPECT_TRUE(Find(*fixed, "practice", practice_)->repaired);
    EXPECT_TRUE(HasConfirmed("practice", practice_));
    EXPECT_TRUE(HasConfirmed("adoption", adoption_));
    auto after = Store().Get("practice", practice_);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->body, before->body) << "the record itself is kept as stored";
    auto derived = Entity<Practice>::Index(app_->Get<Practice>(Actor::System(), practice_).value());
    EXPECT_EQ(Store().IndexOf("practice", practice_).size(), derived.size());

    auto again = CheckRecords(*app_, false);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(Find(*again, "practice", practice_), nullptr);
    EXPECT_EQ(Find(*again, "adoption", adoption_), nullptr);
}

TEST_F(CheckIndexTest, AnEntryTodaysCodeDoesNotDeriveIsReportedAndDropped) {
    auto st = Store().Write([&](storage::WriteTx& tx) -> Status {
        ORIENTIR_ASSIGN(auto doc, tx.Get("practice", practice_));
        auto idx = Store().IndexOf("practice", practice_);
        idx.push_back({"retired_field", "x", false});
        ORIENTIR_TRY(tx.Update("practice", practice_, doc.version, doc.body, idx));
        return Status::Ok();
    });
    ASSERT_TRUE(st.ok());
    auto check = CheckRecords(*app_, false);
    ASSERT_TRUE(check.ok());
    const auto* p = Find(*check, "practice", practice_);
    ASSERT_NE(p, nullptr);
    EXPECT_NE(p->issues.front().message.find("not derived: retired_field=\"x\""), std::string::npos);
    ASSERT_TRUE(CheckRecords(*app_, true).ok());
    for (const auto& e : Store().IndexOf("practice", practice_)) EXPECT_NE(e.field, "retired_field");
}

}  // namespace
}  // namespace orientir::app
