#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>
#include <sstream>

#include "app/app.hpp"
#include "app/importer.hpp"
#include "app/store_access.hpp"
#include "common/strings.hpp"

namespace orientir::app {
namespace {

namespace fs = std::filesystem;
using namespace domain;

class AppTest : public ::testing::Test {
protected:
    void SetUp() override {
        static int n = 0;
        dir_ =
            fs::temp_directory_path() / ("orientir-app-test-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
        fs::create_directories(dir_);
        storage::SqliteOptions o;
        o.path = (dir_ / "store.db").string();
        auto s = storage::OpenSqliteStore(o);
        ASSERT_TRUE(s.ok());
        app_ = std::make_unique<App>(std::move(s).value(), AppOptions{dir_.string(), ORIENTIR_SOURCE_DATA_DIR});
        auto r = EnsureReferenceData(*app_, ORIENTIR_SOURCE_DATA_DIR);
        ASSERT_TRUE(r.ok()) << r.error().message;
    }
    void TearDown() override {
        app_.reset();
        fs::remove_all(dir_);
    }
    Id MunicipalityId(const std::string& region, const std::string& name) {
        auto l = app_->List<Municipality>(Actor::System(), {{{"region", region}, {"name", name}}, {}, {}, 0, 5, false});
        EXPECT_TRUE(l.ok());
        EXPECT_FALSE(l->items.empty()) << name;
        return l->items.empty() ? 0 : l->items[0].meta.id;
    }
    Practice MakePractice() {
        Practice p;
        p.title = "Организация добровольческой деятельности";
        p.summary = "Ресурсный центр";
        p.domains = {"volunteering"};
        p.origin.region = "86";
        p.state = ModerationState::kPublished;
        return p;
    }
    fs::path dir_;
    std::unique_ptr<App> app_;
};

TEST_F(AppTest, FindsRegionsByCodeIsoAndOkato) {
    auto r = app_->FindRegion("RU-KHM");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->code, "86");
    EXPECT_NE(std::find(r->aliases.begin(), r->aliases.end(), "Югра"), r->aliases.end());
    EXPECT_EQ(app_->FindRegion("ru-tyu")->code, "72");
    EXPECT_EQ(app_->FindRegion("71100000000")->code, "86");
    EXPECT_FALSE(app_->FindRegion("RU-ZZZ").ok());
}

TEST_F(AppTest, AnonymousCannotCreatePracticesButMayRequest) {
    auto r = app_->Create(Actor::Anonymous(), MakePractice());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
    auto p = app_->Create(Actor::System(), MakePractice());
    ASSERT_TRUE(p.ok()) << p.error().message;
    AdoptionRequest req;
    req.practice_id = p->meta.id;
    req.from.region = "72";
    req.contact_name = "Иванова";
    req.message = "Хотим внедрить";
    auto created = app_->Create(Actor::Anonymous(), req);
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(created->status, RequestStatus::kNew);
}

TEST_F(AppTest, RegionalEditorIsScopedToOwnRegion) {
    Actor tyumen{Role::kRegionalEditor, 5, "editor", {"72"}, {}};
    auto yugra = app_->Create(Actor::System(), MakePractice());
    ASSERT_TRUE(yugra.ok());
    auto edit = app_->Update(tyumen, yugra->meta.id, *yugra, yugra->meta.version);
    ASSERT_FALSE(edit.ok());
    EXPECT_EQ(edit.error().code, ErrorCode::kForbidden);
    Practice own = MakePractice();
    own.origin.region = "72";
    own.state = ModerationState::kDraft;
    EXPECT_TRUE(app_->Create(tyumen, own).ok());
    own.state = ModerationState::kPublished;
    EXPECT_EQ(app_->Create(tyumen, own).error().code, ErrorCode::kForbidden);
}

TEST_F(AppTest, AdoptionRulesAreEnforced) {
    auto p = app_->Create(Actor::System(), MakePractice());
    ASSERT_TRUE(p.ok());
    Adoption a;
    a.practice_id = p->meta.id;
    a.adopter.region = "72";
    a.adopter.municipality_id = MunicipalityId("86", "Сургут");  // municipality of another region
    a.channel = Channel::kPersonnel;
    auto bad = app_->Create(Actor::System(), a);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().rule, "municipality_in_other_region");
    a.adopter.municipality_id = MunicipalityId("72", "Тобольск");
    a.stage_history = {{AdoptionStage::kInterest, "2020-01-01", ""}, {AdoptionStage::kPilot, "2020-05-01", ""}};
    auto ok = app_->Create(Actor::System(), a);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    auto back = app_->MoveStage(Actor::System(), ok->meta.id, {AdoptionStage::kStudy, "2021-01-01", ""}, std::nullopt);
    ASSERT_FALSE(back.ok());
    EXPECT_EQ(back.error().rule, "stage_backwards");
    auto fwd = app_->MoveStage(Actor::System(), ok->meta.id, {AdoptionStage::kImplemented, "2021-01-01", ""},
                               ok->meta.version);
    ASSERT_TRUE(fwd.ok()) << fwd.error().message;
    EXPECT_EQ(fwd->stage(), AdoptionStage::kImplemented);
    auto stale =
        app_->MoveStage(Actor::System(), ok->meta.id, {AdoptionStage::kScaled, "2021-02-01", ""}, ok->meta.version);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
}

TEST_F(AppTest, ListsFilterByDistrictAndRejectUnknownFilters) {
    ASSERT_TRUE(app_->Create(Actor::System(), MakePractice()).ok());
    auto ural = app_->List<Practice>(Actor::Anonymous(), {{{"district", "ural"}}, {}, {}, 0, 10, false});
    ASSERT_TRUE(ural.ok());
    EXPECT_EQ(ural->total, 1);
    auto volga = app_->List<Practice>(Actor::Anonymous(), {{{"district", "volga"}}, {}, {}, 0, 10, false});
    EXPECT_EQ(volga->total, 0);
    auto bad = app_->List<Practice>(Actor::Anonymous(), {{{"colour", "red"}}, {}, {}, 0, 10, false});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "colour");
}

TEST_F(AppTest, CsvImportInWindows1251ReportsBadLineAndKeepsNothing) {
    Indicator ind;
    ind.code = "vol_per_1000";
    ind.name = "Добровольцы на 1000 жителей";
    ind.domain = "volunteering";
    ASSERT_TRUE(app_->Create(Actor::System(), ind).ok());
    std::string good = "indicator;region;year;value;source\nvol_per_1000;86;2023;31,5;Росстат\n";
    auto r = ImportText(*app_, Actor::System(), "indicator_values", good, true);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->records, 1u);
    // Windows-1251 file with a bad value on line 3.
    std::string bad =
        "indicator;region;year;value;source\nvol_per_1000;72;2023;20;x\nvol_per_1000;72;2024;\xEC\xED\xEE\xE3\xEE;x\n";
    auto b = ImportText(*app_, Actor::System(), "indicator_values", bad, true);
    ASSERT_FALSE(b.ok());
    EXPECT_NE(b.error().message.find("line 3"), std::string::npos) << b.error().message;
    EXPECT_NE(b.error().message.find("много"), std::string::npos) << b.error().message;
    EXPECT_EQ(app_->CountRecords("indicator_value").value(), 1);
}

TEST_F(AppTest, DemoDataLoadsAndExportRoundTrips) {
    if (!fs::exists(std::string(ORIENTIR_SOURCE_DATA_DIR) + "/demo/practices.json")) {
        GTEST_FAIL() << "demo data missing";
    }
    auto r = EnsureDemoData(*app_, ORIENTIR_SOURCE_DATA_DIR);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_GE(app_->CountRecords("practice").value(), 30);
    EXPECT_GE(app_->CountRecords("adoption").value(), 60);
    std::stringstream out;
    ASSERT_TRUE(ExportAll(*app_, out).ok());
    std::string exported = out.str();

    storage::SqliteOptions o;
    o.path = (dir_ / "copy.db").string();
    App copy(std::move(storage::OpenSqliteStore(o)).value(), AppOptions{});
    std::stringstream in(exported);
    auto n = ImportExport(copy, in);
    ASSERT_TRUE(n.ok()) << n.error().message;
    for (const auto& kind : StoreAccess::Of(*app_).Kinds()) {
        EXPECT_EQ(copy.CountRecords(kind).value(), app_->CountRecords(kind).value()) << kind;
    }
    auto p1 = StoreAccess::Of(*app_).Get("practice", 1);
    auto p2 = StoreAccess::Of(copy).Get("practice", 1);
    ASSERT_TRUE(p1.ok() && p2.ok());
    EXPECT_EQ(p1->body, p2->body);
    EXPECT_EQ(copy.FindRegion("RU-KHM")->code, "86");
    // Index entries travel with the records: lists and unique keys work on the copy, whatever the kind.
    for (const auto& kind : StoreAccess::Of(*app_).Kinds()) {
        (void)StoreAccess::Of(*app_).Scan(kind, [&](const storage::Doc& d) {
            auto a = StoreAccess::Of(*app_).IndexOf(kind, d.id);
            auto b = StoreAccess::Of(copy).IndexOf(kind, d.id);
            EXPECT_EQ(a.size(), b.size()) << kind << " " << d.id;
            for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
                EXPECT_EQ(a[i].field, b[i].field);
                EXPECT_EQ(a[i].value, b[i].value);
            }
            return true;
        });
    }
}

}  // namespace
}  // namespace orientir::app

namespace orientir::app {
namespace {

// A store that runs every write callback twice — first in a transaction it rolls back, as
// PostgreSQL does after a serialization failure — so callbacks with effects outside the
// transaction (moved-from inputs, consumed streams, counters) show up as wrong results.
class RetryingStore final : public storage::Store {
public:
    explicit RetryingStore(std::unique_ptr<storage::Store> inner) : inner_(std::move(inner)) {}
    Result<storage::Doc> Get(const std::string& k, std::int64_t id) override { return inner_->Get(k, id); }
    Result<storage::Page> List(const storage::ListQuery& q) override { return inner_->List(q); }
    Result<std::int64_t> Count(const std::string& k, const std::vector<storage::Filter>& f) override {
        return inner_->Count(k, f);
    }
    std::optional<storage::Doc> FindOne(const std::string& k, const std::string& f, const std::string& v) override {
        return inner_->FindOne(k, f, v);
    }
    Status Scan(const std::string& k, const std::function<bool(const storage::Doc&)>& fn) override {
        return inner_->Scan(k, fn);
    }
    std::vector<std::string> Kinds() override { return inner_->Kinds(); }
    storage::IndexEntries IndexOf(const std::string& k, std::int64_t id) override { return inner_->IndexOf(k, id); }
    Status Write(const std::function<Status(storage::WriteTx&)>& fn) override {
        (void)inner_->Write([&](storage::WriteTx& tx) -> Status {
            (void)fn(tx);
            return Error::Conflict("simulated serialization failure");
        });
        return inner_->Write(fn);
    }
    std::vector<storage::Change> ChangesSince(std::int64_t s, int l) override { return inner_->ChangesSince(s, l); }
    std::int64_t LastChangeSeq() override { return inner_->LastChangeSeq(); }
    int SchemaVersion() override { return inner_->SchemaVersion(); }
    std::string BackendName() const override { return "retrying"; }
    Status Ping() override { return inner_->Ping(); }

private:
    std::unique_ptr<storage::Store> inner_;
};

TEST(AppOnRetryingStore, WritesGiveTheSameResultWhenTheStoreRetriesTheCallback) {
    auto dir = fs::temp_directory_path() / ("orientir-retry-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    storage::SqliteOptions o;
    o.path = (dir / "s.db").string();
    App app(std::make_unique<RetryingStore>(std::move(storage::OpenSqliteStore(o)).value()),
            AppOptions{dir.string(), ORIENTIR_SOURCE_DATA_DIR});
    ASSERT_TRUE(EnsureReferenceData(app, ORIENTIR_SOURCE_DATA_DIR).ok());
    EXPECT_GT(app.CountRecords("region").value(), 80);
    Practice p;
    p.title = "Практика";
    p.summary = "Кратко";
    p.domains = {"volunteering"};
    p.origin.region = "86";
    auto created = app.Create(Actor::System(), p);
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(created->title, "Практика");
    created->summary = "Изменено";
    auto updated = app.Update(Actor::System(), created->meta.id, *created, created->meta.version);
    ASSERT_TRUE(updated.ok()) << updated.error().message;
    EXPECT_EQ(app.Get<Practice>(Actor::System(), created->meta.id)->summary, "Изменено");
    auto rep = ImportText(app, Actor::System(), "indicators",
                          R"([{"code":"x1","name":"X","domain":"volunteering","direction":"higher_better"}])", false);
    ASSERT_TRUE(rep.ok());
    EXPECT_EQ(rep->records, 1u);
    std::stringstream out;
    ASSERT_TRUE(ExportAll(app, out).ok());
    storage::SqliteOptions o2;
    o2.path = (dir / "copy.db").string();
    App copy(std::make_unique<RetryingStore>(std::move(storage::OpenSqliteStore(o2)).value()), AppOptions{});
    std::stringstream in(out.str());
    auto n = ImportExport(copy, in);
    ASSERT_TRUE(n.ok());
    EXPECT_GT(n.value(), 1000u);
    EXPECT_EQ(copy.CountRecords("practice").value(), 1);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace orientir::app
