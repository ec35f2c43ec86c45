#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>
#include <sstream>

#include "app/app.hpp"
#include "app/articles.hpp"
#include "app/importer.hpp"
#include "app/list_items.hpp"
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
    // A «хочу внедрить» request for practice `id` from region 72.
    static AdoptionRequest MakeRequest(Id id) {
        AdoptionRequest req;
        req.practice_id = id;
        req.from.region = "72";
        req.contact_name = "Иванова";
        req.message = "Хотим внедрить";
        return req;
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
    auto created = app_->Create(Actor::Anonymous(), MakeRequest(p->meta.id));
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

TEST_F(AppTest, ListTotalsAreExactOrCappedWhenAsked) {
    auto p = app_->Create(Actor::System(), MakePractice());
    ASSERT_TRUE(p.ok()) << p.error().message;
    for (int i = 0; i < 5; ++i) {
        auto created = app_->Create(Actor::System(), MakeRequest(p->meta.id));
        ASSERT_TRUE(created.ok()) << created.error().message;
    }
    auto exact = app_->List<AdoptionRequest>(Actor::System(), {{{"region", "72"}}, {}, {}, 0, 2, true});
    EXPECT_EQ(exact->total, 5);
    EXPECT_FALSE(exact->total_at_least);
    auto capped = app_->List<AdoptionRequest>(Actor::System(), {{{"region", "72"}}, {}, {}, 0, 2, true, 3});
    EXPECT_EQ(capped->items.size(), 2u);
    EXPECT_EQ(capped->total, 3);
    EXPECT_TRUE(capped->total_at_least);
    auto roomy = app_->List<AdoptionRequest>(Actor::System(), {{{"region", "72"}}, {}, {}, 0, 2, true, 5});
    EXPECT_EQ(roomy->total, 5);
    EXPECT_FALSE(roomy->total_at_least);
    auto one_page = app_->List<AdoptionRequest>(Actor::System(), {{{"region", "72"}}, {}, {}, 0, 10, true, 3});
    EXPECT_EQ(one_page->total, 5);  // the whole list was read: its count is exact whatever the cap
    EXPECT_FALSE(one_page->total_at_least);
    auto other = app_->List<AdoptionRequest>(Actor::System(), {{{"region", "86"}}, {}, {}, 0, 2, true, 3});
    EXPECT_EQ(other->total, 0);
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

// Staff and administrator checks live in app (they moved out of the http handlers): each use case
// refuses anonymous actors as unauthenticated and signed-in actors without the role as forbidden.
Actor RoleActor(Role role, std::int64_t id) {
    return Actor{role,
                 id,
                 RoleCode(role),
                 role == Role::kRegionalEditor ? std::vector<std::string>{"72"} : std::vector<std::string>{},
                 {}};
}

TEST_F(AppTest, OnlyAdministratorsManageUsers) {
    auth::User u;
    u.login = "new_curator";
    u.role = "curator";
    EXPECT_EQ(app_->ListUsers(Actor::Anonymous()).error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(app_->CreateUser(Actor::Anonymous(), u, "long password 123").error().code, ErrorCode::kUnauthenticated);
    for (Role r : {Role::kRegionalEditor, Role::kOrganisationEditor, Role::kCurator}) {
        EXPECT_EQ(app_->ListUsers(RoleActor(r, 5)).error().code, ErrorCode::kForbidden) << RoleCode(r);
        EXPECT_EQ(app_->CreateUser(RoleActor(r, 5), u, "long password 123").error().code, ErrorCode::kForbidden);
    }
    ASSERT_TRUE(app_->ListUsers(RoleActor(Role::kAdmin, 1))->empty());
    auto created = app_->CreateUser(RoleActor(Role::kAdmin, 1), u, "long password 123");
    ASSERT_TRUE(created.ok()) << created.error().message;
    auto listed = app_->ListUsers(RoleActor(Role::kAdmin, 1));
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ((*listed)[0].login, "new_curator");
}

TEST_F(AppTest, OwnAccountNeedsASignedInUser) {
    EXPECT_EQ(app_->Me(Actor::Anonymous()).error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(app_->Me(Actor::System()).error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(app_->CreateApiToken(Actor::Anonymous(), "script").error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(app_->LogoutEverywhere(Actor::Anonymous()).error().code, ErrorCode::kUnauthenticated);
    auth::User u;
    u.login = "ed72";
    u.role = "regional_editor";
    u.regions = {"72"};
    auto created = app_->CreateUser(Actor::System(), u, "long password 123");
    ASSERT_TRUE(created.ok()) << created.error().message;
    Actor me = App::ActorFor(*created);
    EXPECT_EQ(app_->Me(me)->login, "ed72");
    auto token = app_->CreateApiToken(me, "script");
    ASSERT_TRUE(token.ok()) << token.error().message;
    EXPECT_EQ(app_->auth().ResolveApiToken(*token)->login, "ed72");
    EXPECT_TRUE(app_->LogoutEverywhere(me).ok());
}

TEST_F(AppTest, OnlyCuratorsAndAdministratorsWorkWithArticles) {
    EXPECT_EQ(ArticleService::CheckCurator(Actor::Anonymous()).error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(app_->List<Article>(Actor::Anonymous(), {}).error().code, ErrorCode::kUnauthenticated);
    for (Role r : {Role::kRegionalEditor, Role::kOrganisationEditor}) {
        EXPECT_EQ(ArticleService::CheckCurator(RoleActor(r, 5)).error().code, ErrorCode::kForbidden);
        EXPECT_EQ(app_->List<Article>(RoleActor(r, 5), {}).error().code, ErrorCode::kForbidden) << RoleCode(r);
    }
    for (Role r : {Role::kCurator, Role::kAdmin}) {
        EXPECT_TRUE(ArticleService::CheckCurator(RoleActor(r, 2)).ok()) << RoleCode(r);
        EXPECT_TRUE(app_->List<Article>(RoleActor(r, 2), {}).ok()) << RoleCode(r);
    }
}

TEST_F(AppTest, ImportNeedsASignedInUser) {
    const std::string json = R"([{"last_name":"Тестов","first_name":"Иван"}])";
    auto anon = ImportText(*app_, Actor::Anonymous(), "persons", json, false);
    ASSERT_FALSE(anon.ok());
    EXPECT_EQ(anon.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(CheckMayImport(Actor::Anonymous()).error().code, ErrorCode::kUnauthenticated);
    auto none = ImportRecords(*app_, Actor::Anonymous(), "practices", [](const RecordPut&) { return Status::Ok(); });
    EXPECT_EQ(none.error().code, ErrorCode::kUnauthenticated);
    for (Role r : {Role::kRegionalEditor, Role::kCurator, Role::kAdmin})
        EXPECT_TRUE(CheckMayImport(RoleActor(r, 3)).ok()) << RoleCode(r);
    auto editor = ImportText(*app_, RoleActor(Role::kRegionalEditor, 3), "persons", json, false);
    ASSERT_TRUE(editor.ok()) << editor.error().message;
    EXPECT_EQ(editor->records, 1u);
}

// Issue 14: lists read from the list projection give what the typed list gives, rendered as the API
// renders it — for every actor's visibility, filters, paging and order — and follow every write.
template <class T>
void ExpectSameList(App& app, const Actor& actor, ListParams params) {
    for (int page = 0; page < 50; ++page) {
        auto typed = app.List<T>(actor, params);
        auto rendered = app.ListRendered<T>(actor, params);
        ASSERT_EQ(typed.ok(), rendered.ok());
        if (!typed.ok()) {
            EXPECT_EQ(typed.error().code, rendered.error().code);
            return;
        }
        EXPECT_EQ(typed->total, rendered->total) << Entity<T>::kKind;
        EXPECT_EQ(typed->next_after, rendered->next_after);
        ASSERT_EQ(typed->items.size(), rendered->items.size()) << Entity<T>::kKind << " " << RoleCode(actor.role);
        for (std::size_t i = 0; i < typed->items.size(); ++i) {
            EXPECT_EQ(rendered->items[i].id, typed->items[i].meta.id);
            EXPECT_EQ(rendered->items[i].json, RenderItemJson(typed->items[i]));
        }
        if (!typed->next_after) return;
        params.after_id = *typed->next_after;
    }
}

TEST_F(AppTest, ProjectedListsAreTheTypedListsRendered) {
    auto demo = EnsureDemoData(*app_, ORIENTIR_SOURCE_DATA_DIR);
    ASSERT_TRUE(demo.ok()) << demo.error().message;
    Practice draft = MakePractice();
    draft.origin.region = "72";
    draft.state = ModerationState::kDraft;
    ASSERT_TRUE(app_->Create(Actor::System(), draft).ok());
    const std::vector<Actor> actors = {Actor::Anonymous(), RoleActor(Role::kRegionalEditor, 3),
                                       Actor{Role::kOrganisationEditor, 4, "org", {}, {1}},
                                       RoleActor(Role::kCurator, 2)};
    const std::vector<ListParams> lists = {{{}, {}, {}, 0, 7, false},
                                           {{{"domain", "volunteering"}}, {}, {}, 0, 3, false},
                                           {{{"state", "draft"}}, {}, {}, 0, 5, false},
                                           {{{"region", "RU-KHM"}}, {}, {}, 0, 4, true}};
    for (const auto& actor : actors) {
        for (const auto& params : lists) ExpectSameList<Practice>(*app_, actor, params);
        ExpectSameList<Adoption>(*app_, actor, {{}, {}, {}, 0, 30, false});
        ExpectSameList<Adoption>(*app_, actor, {{{"region", "72"}}, {}, {}, 0, 5, true});
        ExpectSameList<Organisation>(*app_, actor, {{}, {}, {}, 0, 6, false});
        ExpectSameList<IndicatorValue>(*app_, actor, {{{"region", "86"}}, {}, {}, 0, 20, false});
        ExpectSameList<AdoptionRequest>(*app_, actor, {{}, {}, {}, 0, 10, false});
    }
}

TEST_F(AppTest, ProjectedListItemsFollowUpdatesAndDeletes) {
    auto p = app_->Create(Actor::System(), MakePractice());
    ASSERT_TRUE(p.ok());
    const ListParams all{{{"region", "86"}}, {}, {}, 0, 10, false};
    auto before = app_->ListRendered<Practice>(Actor::Anonymous(), all);
    ASSERT_EQ(before->items.size(), 1u);
    EXPECT_NE(before->items[0].json.find("Организация добровольческой"), std::string::npos);
    Practice changed = *p;
    changed.title = "Новое название";
    auto updated = app_->Update(Actor::System(), p->meta.id, changed, p->meta.version);
    ASSERT_TRUE(updated.ok()) << updated.error().message;
    auto after = app_->ListRendered<Practice>(Actor::Anonymous(), all);
    ASSERT_EQ(after->items.size(), 1u);
    EXPECT_EQ(after->items[0].json, RenderItemJson(*updated));
    EXPECT_EQ(after->items[0].version, 2);
    ASSERT_TRUE(app_->Delete<Practice>(Actor::System(), p->meta.id, std::nullopt).ok());
    auto gone = app_->ListRendered<Practice>(Actor::Anonymous(), all);
    EXPECT_TRUE(gone->items.empty());
    EXPECT_EQ(gone->total, 0);
}

}  // namespace
}  // namespace orientir::app
