// The requests inbox use cases (answer, route, close; who may), notifications about requests, and the
// passport history derived from the audit log.
#include "app/requests.hpp"

#include <sodium.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>

#include "app/app.hpp"
#include "app/importer.hpp"

namespace orientir::app {
namespace {

namespace fs = std::filesystem;
using namespace domain;

class RequestsTest : public ::testing::Test {
protected:
    void SetUp() override {
        static int n = 0;
        dir_ = fs::temp_directory_path() /
               ("orientir-requests-test-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
        fs::create_directories(dir_);
        storage::SqliteOptions o;
        o.path = (dir_ / "store.db").string();
        AppOptions ao{dir_.string(), ORIENTIR_SOURCE_DATA_DIR, {}};
        ao.auth.ops_limit = crypto_pwhash_OPSLIMIT_MIN;
        ao.auth.mem_limit = crypto_pwhash_MEMLIMIT_MIN;
        app_ = std::make_unique<App>(std::move(storage::OpenSqliteStore(o)).value(), ao);
        ASSERT_TRUE(EnsureReferenceData(*app_, ORIENTIR_SOURCE_DATA_DIR).ok());
        const Actor sys = Actor::System();
        owner_org_ = Org("Департамент молодёжной политики Югры", OrganisationKind::kGovernmentBody, "86");
        centre_ = Org("Федеральный центр компетенций", OrganisationKind::kCompetenceCentre, "77");
        Practice p;
        p.title = "Электронная книжка волонтёра";
        p.summary = "Учёт добровольческих часов";
        p.domains = {"volunteering"};
        p.origin.region = "86";
        p.origin.organisation_id = owner_org_;
        p.state = ModerationState::kPublished;
        auto c = app_->Create(sys, p);
        ASSERT_TRUE(c.ok()) << c.error().message;
        practice_ = c->meta.id;
        owner_ = User("owner", "organisation_editor", {}, {owner_org_});
        centre_editor_ = User("centre", "organisation_editor", {}, {centre_});
        requester_ = User("tyumen", "regional_editor", {"72"}, {});
    }
    void TearDown() override {
        app_.reset();
        fs::remove_all(dir_);
    }
    Id Org(const std::string& name, OrganisationKind kind, const std::string& region) {
        Organisation o;
        o.name = name;
        o.kind = kind;
        o.region = region;
        auto c = app_->Create(Actor::System(), o);
        EXPECT_TRUE(c.ok()) << c.error().message;
        return c.ok() ? c->meta.id : 0;
    }
    Actor User(const std::string& login, const std::string& role, std::vector<std::string> regions,
               std::vector<std::int64_t> orgs) {
        auth::User u;
        u.login = login;
        u.role = role;
        u.regions = std::move(regions);
        u.organisations = std::move(orgs);
        auto c = app_->auth().CreateUser(u, "password-" + login);
        EXPECT_TRUE(c.ok()) << c.error().message;
        return App::ActorFor(c.value());
    }
    Id Municipality(const std::string& region, const std::string& name) {
        auto l = app_->List<domain::Municipality>(Actor::System(),
                                                  {{{"region", region}, {"name", name}}, {}, {}, 0, 5, false});
        EXPECT_TRUE(l.ok() && !l->items.empty()) << name;
        return l.ok() && !l->items.empty() ? l->items[0].meta.id : 0;
    }
    Id Request(std::optional<Id> municipality) {
        AdoptionRequest r;
        r.practice_id = practice_;
        r.from.region = "72";
        r.from.municipality_id = municipality;
        r.contact_name = "Иванова Анна";
        r.contact_email = "ivanova@example.org";
        r.message = "Просим методические материалы";
        auto c = app_->Create(requester_, r);
        EXPECT_TRUE(c.ok()) << c.error().message;
        return c.ok() ? c->meta.id : 0;
    }
    std::vector<Notification> NotificationsOf(const Actor& a) {
        auto l = app_->ListNotifications(a, false, 0, 100);
        EXPECT_TRUE(l.ok());
        return l.ok() ? l->items : std::vector<Notification>{};
    }

    fs::path dir_;
    std::unique_ptr<App> app_;
    Id owner_org_ = 0, centre_ = 0, practice_ = 0;
    Actor owner_, centre_editor_, requester_;
};

TEST_F(RequestsTest, NotificationsNameThePracticeAndEachMunicipality) {
    Id ishim = Request(Municipality("72", "Ишим"));
    Id tobolsk = Request(Municipality("72", "Тобольск"));
    auto notes = NotificationsOf(owner_);
    ASSERT_EQ(notes.size(), 2u);
    for (const auto& n : notes) {
        EXPECT_EQ(n.type, "adoption_request");
        EXPECT_NE(n.text.find("«Электронная книжка волонтёра»"), std::string::npos) << n.text;
        EXPECT_NE(n.text.find("Тюменская область"), std::string::npos) << n.text;
    }
    // Newest first: Tobolsk's, then Ishim's; each link opens its own request.
    EXPECT_NE(notes[0].text.find("Тобольск"), std::string::npos) << notes[0].text;
    EXPECT_NE(notes[1].text.find("Ишим"), std::string::npos) << notes[1].text;
    EXPECT_EQ(notes[0].link, "/requests/" + std::to_string(tobolsk));
    EXPECT_EQ(notes[1].link, "/requests/" + std::to_string(ishim));
}

TEST_F(RequestsTest, OwnerAnswersTheRequesterIsNotifiedAndSeesTheAnswer) {
    Id id = Request(std::nullopt);
    auto inbox = app_->Inbox(owner_, {});
    ASSERT_TRUE(inbox.ok());
    ASSERT_EQ(inbox->total, 1);
    EXPECT_TRUE(inbox->items[0].can_handle);
    EXPECT_EQ(inbox->items[0].practice_title, "Электронная книжка волонтёра");
    auto answered = app_->AnswerRequest(owner_, id, "  Пришлём материалы до пятницы.  ", std::nullopt);
    ASSERT_TRUE(answered.ok()) << answered.error().message;
    EXPECT_EQ(answered->status, RequestStatus::kAnswered);
    EXPECT_EQ(answered->response, "Пришлём материалы до пятницы.");
    EXPECT_TRUE(answered->answered_at.has_value());
    auto notes = NotificationsOf(requester_);
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0].type, "request_answered");
    EXPECT_EQ(notes[0].link, "/requests/" + std::to_string(id));
    auto view = app_->GetRequest(requester_, id);
    ASSERT_TRUE(view.ok()) << view.error().message;
    EXPECT_FALSE(view->can_handle);
    EXPECT_EQ(view->request.response, "Пришлём материалы до пятницы.");
    EXPECT_EQ(view->request.contact_email, "ivanova@example.org");
    ASSERT_TRUE(view->request.answered_at.has_value()) << "the stored answer time is read back";
    EXPECT_TRUE(HoursBetween(view->request.meta.created_at, *view->request.answered_at).has_value());
    // A later change keeps the time of the first answer.
    auto first = *view->request.answered_at;
    ASSERT_TRUE(app_->AnswerRequest(owner_, id, "Дополнение к ответу", std::nullopt).ok());
    EXPECT_EQ(app_->GetRequest(owner_, id)->request.answered_at, first);
    ASSERT_EQ(view->history.size(), 2u);
    EXPECT_EQ(view->history[1].action, "answer");
    EXPECT_EQ(view->history[1].actor_login, "owner");
    // Filters: by status.
    auto answered_only = app_->Inbox(owner_, {RequestStatus::kAnswered, {}, {}, false, 50});
    auto new_only = app_->Inbox(owner_, {RequestStatus::kNew, {}, {}, false, 50});
    EXPECT_EQ(answered_only->total, 1);
    EXPECT_EQ(new_only->total, 0);
}

TEST_F(RequestsTest, RoutingToACompetenceCentreHandsTheRequestOver) {
    Id id = Request(std::nullopt);
    auto routed = app_->RouteRequest(owner_, id, centre_, "У центра есть методичка", std::nullopt);
    ASSERT_TRUE(routed.ok()) << routed.error().message;
    EXPECT_EQ(routed->status, RequestStatus::kRouted);
    EXPECT_EQ(routed->to_organisation_id, centre_);
    EXPECT_EQ(routed->route_note, "У центра есть методичка");
    auto centre_inbox = app_->Inbox(centre_editor_, {std::nullopt, std::nullopt, std::nullopt, true, 50});
    ASSERT_TRUE(centre_inbox.ok());
    ASSERT_EQ(centre_inbox->total, 1);
    EXPECT_TRUE(centre_inbox->items[0].can_handle);
    auto centre_notes = NotificationsOf(centre_editor_);
    ASSERT_EQ(centre_notes.size(), 1u);
    EXPECT_EQ(centre_notes[0].type, "request_routed");
    // The owner still sees it, but it is the centre's to handle now.
    auto owner_view = app_->GetRequest(owner_, id);
    ASSERT_TRUE(owner_view.ok());
    EXPECT_FALSE(owner_view->can_handle);
    EXPECT_TRUE(app_->AnswerRequest(centre_editor_, id, "Высылаем методичку", std::nullopt).ok());
    auto closed = app_->CloseRequest(centre_editor_, id, "", std::nullopt);
    ASSERT_TRUE(closed.ok()) << closed.error().message;
    EXPECT_EQ(closed->status, RequestStatus::kClosed);
}

TEST_F(RequestsTest, BadInputIsRefusedWithTheReasonAndNothingChanges) {
    Id id = Request(std::nullopt);
    auto unknown = app_->RouteRequest(owner_, id, 987654, "", std::nullopt);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(unknown.error().field, "to_organisation_id");
    EXPECT_EQ(unknown.error().rule, "unknown_organisation");
    auto empty = app_->AnswerRequest(owner_, id, "   ", std::nullopt);
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().field, "response");
    // The requesting region's editor reads it but does not handle it: 403 naming who does.
    auto not_owner = app_->AnswerRequest(requester_, id, "Сами себе ответим", std::nullopt);
    ASSERT_FALSE(not_owner.ok());
    EXPECT_EQ(not_owner.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(not_owner.error().rule, "not_request_handler");
    EXPECT_NE(not_owner.error().message.find("organisation " + std::to_string(owner_org_)), std::string::npos)
        << not_owner.error().message;
    auto stale = app_->AnswerRequest(owner_, id, "Ответ", 99);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
    auto view = app_->GetRequest(owner_, id);
    ASSERT_TRUE(view.ok());
    EXPECT_EQ(view->request.status, RequestStatus::kNew) << "nothing changed by the refused actions";
    ASSERT_TRUE(app_->CloseRequest(owner_, id, "", std::nullopt).ok());
    auto after_close = app_->AnswerRequest(owner_, id, "Поздно", std::nullopt);
    ASSERT_FALSE(after_close.ok());
    EXPECT_EQ(after_close.error().code, ErrorCode::kConflict);
    EXPECT_EQ(after_close.error().rule, "request_closed");
    EXPECT_EQ(app_->CloseRequest(owner_, id, "", std::nullopt).error().rule, "request_closed");
    // Someone unrelated neither reads nor handles it.
    Actor other = User("perm", "regional_editor", {"59"}, {});
    EXPECT_EQ(app_->GetRequest(other, id).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(app_->Inbox(other, {})->total, 0);
    EXPECT_EQ(app_->Inbox(Actor::Anonymous(), {}).error().code, ErrorCode::kUnauthenticated);
}

TEST_F(RequestsTest, PassportHistoryKeepsEveryVersionAndHidesDraftsFromThePublic) {
    const Actor sys = Actor::System();
    auto p = app_->Get<Practice>(sys, practice_);
    ASSERT_TRUE(p.ok());
    Practice changed = p.value();
    changed.title = "Электронная книжка волонтёра 2.0";
    changed.tags = {"учёт"};
    ASSERT_TRUE(app_->Update(sys, practice_, changed, std::nullopt).ok());
    // A draft stage, then published again.
    ASSERT_TRUE(app_->Moderate(sys, practice_, ModerationState::kDraft, "доработать", std::nullopt).ok());
    ASSERT_TRUE(app_->Moderate(sys, practice_, ModerationState::kOnReview, "", std::nullopt).ok());
    ASSERT_TRUE(app_->Moderate(sys, practice_, ModerationState::kPublished, "", std::nullopt).ok());
    auto all = app_->PracticeVersions(sys, practice_);
    ASSERT_TRUE(all.ok()) << all.error().message;
    ASSERT_EQ(all->size(), 5u);
    EXPECT_EQ(all->at(0).action, "create");
    EXPECT_EQ(all->at(1).record.title, "Электронная книжка волонтёра 2.0");
    EXPECT_NE(std::find(all->at(1).changed.begin(), all->at(1).changed.end(), "title"), all->at(1).changed.end());
    EXPECT_NE(std::find(all->at(1).changed.begin(), all->at(1).changed.end(), "tags"), all->at(1).changed.end());
    EXPECT_EQ(all->at(2).record.state, ModerationState::kDraft);
    auto pub = app_->PracticeVersions(Actor::Anonymous(), practice_);
    ASSERT_TRUE(pub.ok());
    ASSERT_EQ(pub->size(), 3u) << "the draft and on-review versions are not public";
    for (const auto& v : *pub) EXPECT_EQ(v.record.state, ModerationState::kPublished);
    EXPECT_EQ(pub->back().number, 5);
    auto diff = DiffPractices(all->at(0).record, all->at(1).record);
    bool title_differs = false, summary_differs = true;
    for (const auto& f : diff) {
        if (f.field == "title") title_differs = f.differs;
        if (f.field == "summary") summary_differs = f.differs;
    }
    EXPECT_TRUE(title_differs);
    EXPECT_FALSE(summary_differs);
    // A draft practice has no public history at all.
    ASSERT_TRUE(app_->Moderate(sys, practice_, ModerationState::kDraft, "", std::nullopt).ok());
    EXPECT_EQ(app_->PracticeVersions(Actor::Anonymous(), practice_).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace orientir::app
