#pragma once
// App: the use cases of Orientir (create, read, update, delete, list, stage moves, adoption requests,
// imports), each in one transaction, each checking the actor's permission and the domain rules.
// Everything above (HTTP API, web pages, CLI) calls this; nothing above talks to the store.
//
// Thread safety: an App is safe for concurrent use from many threads.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analytics/inferred_network.hpp"
#include "analytics/snapshot.hpp"
#include "analytics/store_loader.hpp"
#include "analytics/weight_fit.hpp"
#include "app/actor.hpp"
#include "app/audit.hpp"
#include "app/directory.hpp"
#include "app/effects.hpp"
#include "app/requests.hpp"
#include "app/versions.hpp"
#include "auth/auth.hpp"
#include "common/clock.hpp"
#include "domain/types.hpp"
#include "search/search.hpp"
#include "storage/store.hpp"

namespace orientir::app {

using domain::Id;
class ArticleService;  // app/articles.hpp

// A list request: filters by named parameter (each entity declares which it accepts), cursor paging.
struct ListParams {
    std::vector<std::pair<std::string, std::string>> filters;  // e.g. {"region","86"}, {"domain","volunteering"}
    std::optional<std::string> from, to;                       // date range on the entity's main date
    std::int64_t after_id = 0;
    int limit = 50;
    bool newest_first = false;
    // > 0: count the total no further than this (ListResult::total_at_least), for a page that shows a count
    // of something that grows without bound («хочу внедрить» requests of a region); 0: the exact total.
    std::int64_t total_up_to = 0;
};

template <class T>
struct ListResult {
    std::vector<T> items;
    std::optional<std::int64_t> next_after;
    std::int64_t total = 0;
    bool total_at_least = false;  // there are more than `total` (ListParams::total_up_to)
};

// A list item as the API renders it (the record's JSON text, ToApiJson), read from the list projection
// that the store keeps in each record's write transaction (ADR 0073). Text, not a typed value: the list
// is passed on as it is, which is the point of the projection.
struct RenderedItem {
    Id id = 0;
    std::int64_t version = 0;
    std::string json;
    // Practices and adoptions read one at a time (GetRendered): their confirmation date (ConfirmedOn) and
    // whether the adoption is discontinued, from the index, so the freshness is added without parsing
    // `json`. Absent: parse it (lists, and records written before the index entry existed).
    std::optional<std::string> confirmed_on;
    bool discontinued = false;
};

// Filter parameter names each kind accepts (for validation messages and the OpenAPI document).
const std::vector<std::string>& ListFilterNames(const std::string& kind);

struct AppOptions {
    std::string data_dir;    // where the store lives (var/)
    std::string assets_dir;  // read-only shipped data (data/): reference data, demo data
    auth::AuthOptions auth;
};

struct AuditQuery {
    std::optional<std::string> record;  // "practice:5"
    std::optional<std::string> actor;   // login
    std::optional<std::string> kind, action, from, to;
    std::int64_t after_id = 0;
    int limit = 50;
};

// Work only some roles may do. The front-ends ask App::Allows before they show a page or a control;
// the use cases behind them refuse the same actors anyway.
enum class Duty {
    kModerate,             // the moderation queue, publish / return practices
    kReviewNews,           // articles and the review queue of proposed facts
    kReadAudit,            // the audit log and the «история» links to it
    kManageFeeds,          // regional news feeds
    kFollowInstallations,  // federation with other installations
    kPlanSeeding,          // where to seed a practice (inferred network)
};

class App {
public:
    App(std::unique_ptr<storage::Store> store, AppOptions options, const Clock& clock = SystemClock::Instance());
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    const Clock& clock() const { return clock_; }
    // Operations facts about the store (the Store itself is not handed out): backend ("sqlite",
    // "postgresql"), schema version, size in bytes (-1 when unknown), the change log's last sequence
    // number, a liveness check, whether it holds no record at all, how many records a kind has.
    std::string StoreBackend() const;
    int StoreSchemaVersion();
    std::int64_t StoreSizeBytes();
    std::int64_t LastChangeSeq();
    Status PingStore();
    bool StoreIsEmpty();
    Result<std::int64_t> CountRecords(const std::string& kind);
    // A one-off analytics snapshot of the store as it is now (benchmarks, evaluations).
    Result<std::shared_ptr<const analytics::Snapshot>> BuildAnalyticsSnapshot();
    Directory& directory() { return *directory_; }
    auth::AuthService& auth() { return *auth_; }
    // The full-text index (in <data_dir>/search), following the store's change log. Opened by
    // StartSearch(); null before that (commands that do not search never open it).
    Status StartSearch(bool follow = true);
    search::SearchIndex* search() { return search_.get(); }
    // Articles and the review queue of proposed facts (app/articles.hpp).
    ArticleService& articles() { return *articles_; }
    // The analytics snapshot (benchmark, recommendations, network), rebuilt from the change log.
    // StartAnalytics() loads it; before that the holder is empty.
    Status StartAnalytics(bool follow = true);
    analytics::SnapshotHolder& analytics() { return analytics_; }
    bool analytics_started() const { return analytics_refresher_ != nullptr; }
    // The one inferred diffusion network (NetInf, default settings) of the current snapshot, shared by the
    // API, the pages and the use cases that check likely sources; recomputed when the snapshot changes.
    analytics::InferenceCache& inference() { return inference_; }
    // The same with municipalities as nodes (the municipal view, analytics/municipal_network.hpp).
    analytics::InferenceCache& municipal_inference() { return municipal_inference_; }
    // The likely sources' signal weights, learned from curators' labels when there are enough
    // (app/source_labels.hpp, SignalWeights).
    analytics::LearnedWeightsCache& source_weights() { return source_weights_; }
    // The actor a signed-in user acts as.
    static Actor ActorFor(const auth::User& user);
    // Accounts (app/users.cpp). Administrators list and create users; a signed-in user reads their own
    // account, creates API tokens (the token is returned once) and signs out of every session. Anonymous
    // actors get kUnauthenticated, others without the right kForbidden.
    Result<std::vector<auth::User>> ListUsers(const Actor& actor);
    Result<auth::User> CreateUser(const Actor& actor, const auth::User& user, const std::string& password);
    Result<auth::User> Me(const Actor& actor);
    Result<std::string> CreateApiToken(const Actor& actor, const std::string& name);
    Status LogoutEverywhere(const Actor& actor);
    const AppOptions& options() const { return options_; }

    // Generic record use cases. T is one of the editable domain types (Organisation, Person, Position,
    // Practice, Adoption, Indicator, IndicatorValue, AdoptionRequest, Article, Municipality).
    template <class T>
    Result<T> Get(const Actor& actor, Id id);
    template <class T>
    Result<T> Create(const Actor& actor, T value);
    // Several records in one transaction: all are stored or none (the first refusal is the error).
    template <class T>
    Result<std::vector<T>> CreateAll(const Actor& actor, std::vector<T> values);
    template <class T>
    Result<T> Update(const Actor& actor, Id id, T value, std::optional<std::int64_t> expected_version);
    template <class T>
    Status Delete(const Actor& actor, Id id, std::optional<std::int64_t> expected_version);
    template <class T>
    Result<ListResult<T>> List(const Actor& actor, const ListParams& params);
    // The same list (same items, order, total and cursor) as rendered API items; projected kinds are
    // read from the list projection without decoding documents (app/list_items.cpp).
    template <class T>
    Result<ListResult<RenderedItem>> ListRendered(const Actor& actor, const ListParams& params);
    // The same record as Get, rendered as the API writes it (RenderItemJson), with the same refusals:
    // public records (published or archived practices, their adoptions, kinds anyone reads) come from
    // the list projection in one query; the rest take Get's path (app/list_items.cpp).
    template <class T>
    Result<RenderedItem> GetRendered(const Actor& actor, Id id);

    // Moves an adoption to the next stage (forward only, or to «прекращено»).
    Result<domain::Adoption> MoveStage(const Actor& actor, Id adoption_id, domain::StageEvent event,
                                       std::optional<std::int64_t> expected_version);
    // Moderation of a practice: draft → on_review → published → archived (and back to draft with a
    // comment). Editors submit and withdraw; only curators publish, return and archive.
    Result<domain::Practice> Moderate(const Actor& actor, Id practice_id, domain::ModerationState to,
                                      const std::string& comment, std::optional<std::int64_t> expected_version);
    // Audit log (curators and administrators), newest first. `total` is the number of entries returned.
    Result<ListResult<AuditEntry>> ListAudit(const Actor& actor, const AuditQuery& q);
    // The actor's own notifications, newest first. `total` is the number of entries returned.
    Result<ListResult<Notification>> ListNotifications(const Actor& actor, bool unread_only, std::int64_t after_id,
                                                       int limit);
    Status MarkNotificationRead(const Actor& actor, Id id);

    // «Хочу внедрить» requests from a region without their contact fields (name, e-mail, phone,
    // message, response): the public part, readable by anyone. Newest first, at most `limit`.
    Result<ListResult<domain::AdoptionRequest>> RequestSummariesOf(const std::string& region, int limit = 50);
    // The requests inbox (app/requests.cpp): requests the actor handles or may read, newest first.
    Result<ListResult<InboxItem>> Inbox(const Actor& actor, const InboxQuery& q);
    // One request with its practice and history; 404 when the actor may not read it.
    Result<RequestView> GetRequest(const Actor& actor, Id id);
    // Answer (stored, shown with the contact the requester gave; the requester is notified if signed in),
    // route to another organisation (another owner or a competence centre) with a note, close. Only
    // handlers (MayHandleRequest); a closed request takes no answer and no routing (409).
    Result<domain::AdoptionRequest> AnswerRequest(const Actor& actor, Id id, const std::string& response,
                                                  std::optional<std::int64_t> expected_version);
    Result<domain::AdoptionRequest> RouteRequest(const Actor& actor, Id id, Id organisation_id, const std::string& note,
                                                 std::optional<std::int64_t> expected_version);
    Result<domain::AdoptionRequest> CloseRequest(const Actor& actor, Id id, const std::string& note,
                                                 std::optional<std::int64_t> expected_version);
    // Passport history (app/versions.cpp): every stored version of a practice from the audit log, oldest
    // first, each visible to the actor under the visibility rule applied to that version's state.
    Result<std::vector<PracticeVersion>> PracticeVersions(const Actor& actor, Id practice_id);
    // Positions of a person, ordered by start date.
    Result<std::vector<domain::Position>> PositionsOf(const Actor& actor, Id person_id);
    // Lineage: every adoption of a practice (readable by the actor), in id order.
    Result<std::vector<domain::Adoption>> AdoptionsOf(const Actor& actor, Id practice_id);
    // What adopters of a practice report, summarised per comparable figure (app/effects.hpp); names and
    // directions come from the domains' effect templates and the indicators.
    Result<std::vector<EffectSummary>> EffectsOf(const Actor& actor, Id practice_id);
    // Names, units and directions of every comparable figure (effect templates, indicators) by code.
    Result<std::map<std::string, FigureInfo>> EffectFigures();

    // The one resolver of region keys, used by every route, page, filter and CLI command: the subject
    // number ("86", "7"), ISO 3166-2 ("RU-KHM", any case), OKATO ("71100000000" or "71100"), OKTMO, or a
    // name or alias («Югра», «ХМАО», folded). kNotFound names the key.
    Result<domain::Region> FindRegion(const std::string& key);
    // The one resolver of record keys: a numeric id, or the stable key of a practice, organisation,
    // person or adoption ("yugra-municipal-volunteer-hubs"). kNotFound when nothing has that key.
    Result<Id> ResolveId(const std::string& kind, const std::string& id_or_key);

    // After a committed write of `kind` (also by services such as ArticleService): refreshes the
    // directory cache and wakes the search index and the analytics snapshot.
    void AfterWrite(const char* kind);

    // Permission checks shared with the pages (to show or hide buttons); the use cases enforce them anyway.
    // Allows: Ok, or the typed refusal (kUnauthenticated for anonymous actors, kForbidden for others).
    Status Allows(const Actor& actor, Duty duty) const;
    template <class T>
    bool CanRead(const Actor& actor, const T& value) const;
    template <class T>
    bool CanWrite(const Actor& actor, const T& value) const;

private:
    friend class StoreAccess;  // app/store_access.hpp: app's own services (articles, imports, check, feeds)
    // Create inside a caller's transaction (imports: a whole file in one transaction).
    template <class T>
    Result<T> CreateIn(storage::WriteTx& tx, const Actor& actor, T value);
    // Update inside a caller's transaction (federation imports: a whole page in one transaction).
    template <class T>
    Result<T> UpdateIn(storage::WriteTx& tx, const Actor& actor, Id id, T value,
                       std::optional<std::int64_t> expected_version);
    template <class T>
    Status Prepare(const Actor& actor, T& value, const T* before, storage::WriteTx& tx);
    template <class T>
    Status AfterCreate(storage::WriteTx& tx, const Actor& actor, const T& value, Id id);
    // Loads a request and its practice in a transaction, checks the actor handles it, applies `change`
    // (which sets the new status and fields), stores it with an audit entry and notifies.
    using RequestChange = std::function<Status(domain::AdoptionRequest&, const domain::Practice&, storage::WriteTx&)>;
    Result<domain::AdoptionRequest> ChangeRequest(const Actor& actor, Id id, const char* action,
                                                  std::optional<std::int64_t> expected_version,
                                                  const RequestChange& change);

    std::unique_ptr<storage::Store> store_;
    AppOptions options_;
    const Clock& clock_;
    std::unique_ptr<Directory> directory_;
    std::unique_ptr<auth::AuthService> auth_;
    std::unique_ptr<search::SearchIndex> search_;
    std::unique_ptr<ArticleService> articles_;
    analytics::SnapshotHolder analytics_;
    std::unique_ptr<analytics::SnapshotRefresher> analytics_refresher_;
    analytics::InferenceCache inference_;  // after the holder: its worker is joined first
    analytics::InferenceCache municipal_inference_{{.level = analytics::NetworkLevel::kMunicipality}};
    analytics::LearnedWeightsCache source_weights_;
};

}  // namespace orientir::app
