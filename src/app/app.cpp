#include "app/app.hpp"

#include <algorithm>
#include <map>

#include "app/articles.hpp"
#include "app/audit.hpp"
#include "app/entities.hpp"
#include "app/list_items.hpp"
#include "app/list_query.hpp"
#include "app/permissions.hpp"
#include "app/request_doc.hpp"
#include "app/visibility.hpp"
#include "common/strings.hpp"
#include "domain/validation.hpp"
#include "text/normalize.hpp"

namespace orientir::app {

namespace {

Error Forbidden(const Actor& a, const std::string& what) {
    if (a.role == Role::kAnonymous) {
        return Error{ErrorCode::kUnauthenticated, "sign in to " + what, {}, "unauthenticated", {}};
    }
    return Error::Forbidden("your role does not allow you to " + what);
}

// A stored record; requests keep their server-set members too (app/request_doc.hpp).
template <class T>
T Decode(const storage::Doc& doc) {
    if constexpr (std::is_same_v<T, domain::AdoptionRequest>)
        return RequestFromDoc(doc);
    else
        return FromDoc<T>(doc);
}

}  // namespace

const std::vector<std::string>& ListFilterNames(const std::string& kind) {
    static const std::map<std::string, std::vector<std::string>> cache = [] {
        std::map<std::string, std::vector<std::string>> m;
        for (const auto& [k, rules] : AllKindRules()) {
            auto& v = m[k];
            for (const auto& f : rules.filters) v.push_back(f.param);
            if (rules.district) v.push_back("district");
            if (rules.date_range) {
                v.push_back("from");
                v.push_back("to");
            }
        }
        return m;
    }();
    static const std::vector<std::string> kEmpty;
    auto it = cache.find(kind);
    return it == cache.end() ? kEmpty : it->second;
}

App::App(std::unique_ptr<storage::Store> store, AppOptions options, const Clock& clock)
    : store_(std::move(store)),
      options_(std::move(options)),
      clock_(clock),
      directory_(std::make_unique<Directory>(*store_)),
      auth_(std::make_unique<auth::AuthService>(*store_, clock_, options_.auth)),
      articles_(std::make_unique<ArticleService>(*this)) {
    store_->SetItemProjector(ListItemProjector());
    try {
        if (auto st = ProjectStaleItems(*store_); !st.ok())
            log::Warn("list items not rendered; lists read documents", {{"error", st.error().message}});
    } catch (const std::exception& e) {
        log::Warn("list items not rendered; lists read documents", {{"error", e.what()}});
    }
}

Actor App::ActorFor(const auth::User& u) {
    Actor a;
    a.role = ParseRole(u.role).value_or(Role::kAnonymous);
    a.user_id = u.id;
    a.login = u.login;
    a.regions = u.regions;
    a.organisations = u.organisations;
    return a;
}

App::~App() {
    // Followers stop before the store they read goes away.
    if (search_) search_->Stop();
    if (analytics_refresher_) analytics_refresher_->Stop();
}

Status App::StartAnalytics(bool follow) {
    if (analytics_refresher_) return Status::Ok();
    auto r = std::make_unique<analytics::SnapshotRefresher>(*store_, analytics_);
    ORIENTIR_TRY(r->Start(follow));
    analytics_refresher_ = std::move(r);
    return Status::Ok();
}

std::string App::StoreBackend() const { return store_->BackendName(); }
int App::StoreSchemaVersion() { return store_->SchemaVersion(); }
std::int64_t App::StoreSizeBytes() { return store_->SizeBytes(); }
std::int64_t App::LastChangeSeq() { return store_->LastChangeSeq(); }
Status App::PingStore() { return store_->Ping(); }
bool App::StoreIsEmpty() { return store_->Kinds().empty(); }
Result<std::int64_t> App::CountRecords(const std::string& kind) { return store_->Count(kind, {}); }
Result<std::shared_ptr<const analytics::Snapshot>> App::BuildAnalyticsSnapshot() {
    return analytics::BuildFromStore(*store_);
}

Status App::StartSearch(bool follow) {
    if (search_) return Status::Ok();
    search::Options o;
    o.dir = options_.data_dir + "/search";
    o.data_dir = options_.assets_dir;
    ORIENTIR_ASSIGN(search_, search::SearchIndex::Open(o, *store_));
    if (follow) search_->Start();
    return Status::Ok();
}

void App::AfterWrite(const char* kind) {
    std::string k = kind;
    if (k == "region" || k == "federal_district" || k == "domain") directory_->Invalidate();
    if (search_) search_->Notify();  // searchable at once rather than at the next poll
    if (analytics_refresher_) analytics_refresher_->Notify();
}

Result<domain::Region> App::FindRegion(const std::string& key) {
    auto d = directory_->Get();
    auto find = [&](const std::map<std::string, std::size_t>& m, const std::string& k) -> const domain::Region* {
        auto it = m.find(k);
        return it == m.end() ? nullptr : &d->regions[it->second];
    };
    std::string upper = key;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    if (auto r = find(d->by_code, key)) return *r;
    // A one-digit subject number ("7") is written "07" in the directory.
    if (key.size() == 1 && std::isdigit(static_cast<unsigned char>(key[0]))) {
        if (auto r = find(d->by_code, "0" + key)) return *r;
    }
    if (auto r = find(d->by_iso, upper)) return *r;
    if (auto r = find(d->by_okato, key)) return *r;
    if (auto r = find(d->by_oktmo, key)) return *r;
    // OKATO or OKTMO written without the trailing zeros ("71100") is common in spreadsheets.
    if (key.size() >= 2 && key.size() < 11 && std::all_of(key.begin(), key.end(), ::isdigit)) {
        std::string padded = key + std::string(11 - key.size(), '0');
        if (auto r = find(d->by_okato, padded)) return *r;
        if (auto r = find(d->by_oktmo, key + std::string(key.size() < 8 ? 8 - key.size() : 0, '0'))) return *r;
    }
    if (auto r = find(d->by_name, text::Fold(key))) return *r;
    return Error::NotFound("no region with number, ISO 3166-2 code, OKATO, OKTMO or name \"" + key + "\"");
}

Result<Id> App::ResolveId(const std::string& kind, const std::string& id_or_key) {
    if (!id_or_key.empty() && std::all_of(id_or_key.begin(), id_or_key.end(), ::isdigit) && id_or_key.size() < 19)
        return static_cast<Id>(std::stoll(id_or_key));
    if (kind == "practice" || kind == "organisation" || kind == "person" || kind == "adoption") {
        if (auto doc = store_->FindOne(kind, "key", id_or_key)) return doc->id;
    }
    return Error::NotFound("no " + kind + " with id or key \"" + id_or_key + "\"");
}

template <class T>
bool App::CanRead(const Actor& actor, const T& value) const {
    return MayRead(actor, value);
}
template <class T>
bool App::CanWrite(const Actor& actor, const T& value) const {
    return MayWrite(actor, value);
}

// External records (imported from another installation, docs/exchange.md) are written only by the
// federation importer (the system actor); nobody else creates, edits or moves them.
template <class T>
Status CheckExternal(const Actor& actor, const T& v, const T* before) {
    if (actor.role == Role::kSystem) return Status::Ok();
    if (before && before->external) {
        return Error::Forbidden("this " + std::string(Entity<T>::kKind) + " is an external record of installation \"" +
                                before->external->installation + "\" (" + before->external->uri +
                                "); it changes only at its origin");
    }
    if (v.external) return Error::Invalid("external", "read_only", "external is set only by federation imports");
    return Status::Ok();
}

// Per-type preparation before a write: defaults, permission and invariants that need the old value.
template <class T>
Status App::Prepare(const Actor& actor, T& v, const T* before, storage::WriteTx& tx) {
    (void)tx;
    if constexpr (std::is_same_v<T, domain::Practice> || std::is_same_v<T, domain::Adoption>)
        ORIENTIR_TRY(CheckExternal(actor, v, before));
    if constexpr (std::is_same_v<T, domain::Practice>) {
        bool staff = actor.IsStaff();
        if (!staff) {
            using S = domain::ModerationState;
            S old_state = before ? before->state : S::kDraft;
            bool allowed = v.state == S::kDraft || v.state == S::kOnReview || v.state == old_state;
            if (!allowed) {
                return Error::Forbidden("only a curator can move a practice to \"" +
                                        std::string(domain::Code(v.state)) + "\"");
            }
            // A published passport changed by its editors is checked by a curator again.
            if (before && before->state == S::kPublished && v.state == S::kPublished) v.state = S::kOnReview;
        }
        if (!v.last_confirmed_at) v.last_confirmed_at = clock_.Today();
    } else if constexpr (std::is_same_v<T, domain::Adoption>) {
        // An external adoption's stages move at its origin; the importer takes its history as it is.
        if (before && !(actor.role == Role::kSystem && v.external)) {
            if (v.stage_history.empty()) v.stage_history = before->stage_history;
            bool same = v.stage_history.size() == before->stage_history.size();
            for (std::size_t i = 0; same && i < v.stage_history.size(); ++i) {
                same = v.stage_history[i].stage == before->stage_history[i].stage &&
                       v.stage_history[i].at == before->stage_history[i].at;
            }
            if (!same) {
                return Error::Conflict(
                    "the stage history cannot be rewritten by an edit; move the stage with POST "
                    "/api/v1/adoptions/{id}/stage",
                    "stage_history_immutable");
            }
        } else if (v.stage_history.empty()) {
            v.stage_history.push_back({domain::AdoptionStage::kInterest, clock_.Today(), ""});
        }
        if (!v.last_confirmed_at) v.last_confirmed_at = clock_.Today();
    } else if constexpr (std::is_same_v<T, domain::AdoptionRequest>) {
        if (!before) {
            v.status = domain::RequestStatus::kNew;
            v.answered_at.reset();
            v.requested_by = actor.user_id;
            auto p = tx.Get("practice", v.practice_id);
            if (p.ok()) {
                auto practice = FromDoc<domain::Practice>(p.value());
                if (!MayRead(actor, practice))
                    return Error::NotFound("no practice with id " + std::to_string(v.practice_id));
                if (!v.to_organisation_id) v.to_organisation_id = practice.origin.organisation_id;
            }
        } else {
            v.requested_by = before->requested_by;
            if (!before->answered_at && (v.status == domain::RequestStatus::kAnswered || !v.response.empty())) {
                v.answered_at = clock_.NowTimestamp();
            } else {
                v.answered_at = before->answered_at;
            }
        }
    }
    return Status::Ok();
}

template <class T>
Status App::AfterCreate(storage::WriteTx& tx, const Actor& actor, const T& value, Id id) {
    if constexpr (std::is_same_v<T, domain::AdoptionRequest>) {
        auto pdoc = tx.Get("practice", value.practice_id);
        if (!pdoc.ok()) return Status::Ok();
        auto practice = FromDoc<domain::Practice>(pdoc.value());
        std::string text = "Новый запрос «хочу внедрить»: " + RequestSubject(tx, *directory_->Get(), value, practice) +
                           " (" + value.contact_name + ")";
        return Notify(tx, {true, practice.origin.region, value.to_organisation_id, actor.user_id}, "adoption_request",
                      text, "/requests/" + std::to_string(id), clock_.NowTimestamp());
    } else {
        (void)tx;
        (void)actor;
        (void)value;
        (void)id;
        return Status::Ok();
    }
}

Result<domain::Practice> App::Moderate(const Actor& actor, Id id, domain::ModerationState to,
                                       const std::string& comment, std::optional<std::int64_t> expected_version) {
    using S = domain::ModerationState;
    domain::Practice out;
    Status st = store_->Write([&](storage::WriteTx& tx) -> Status {
        ORIENTIR_ASSIGN(auto doc, tx.Get("practice", id));
        auto p = FromDoc<domain::Practice>(doc);
        if (!MayRead(actor, p)) return Error::NotFound("no practice with id " + std::to_string(id));
        if (!MayWrite(actor, p)) return Forbidden(actor, "moderate this practice");
        S from = p.state;
        bool curator = actor.IsStaff();
        bool allowed = false;
        if (from == S::kDraft && to == S::kOnReview) allowed = true;         // submit
        if (from == S::kOnReview && to == S::kDraft) allowed = true;         // withdraw / return
        if (from == S::kOnReview && to == S::kPublished) allowed = curator;  // publish
        if (from == S::kPublished && to == S::kArchived) allowed = curator;  // archive
        if (from == S::kArchived && to == S::kPublished) allowed = curator;  // restore
        if (from == S::kPublished && to == S::kDraft) allowed = curator;     // unpublish
        if (!allowed) {
            if (!curator && (to == S::kPublished || to == S::kArchived))
                return Error::Forbidden("only a curator can move a practice to \"" + std::string(domain::Code(to)) +
                                        "\"");
            return Error::Conflict("a practice cannot move from \"" + std::string(domain::Code(from)) + "\" to \"" +
                                       std::string(domain::Code(to)) + "\"",
                                   "moderation_transition");
        }
        if (curator && to == S::kDraft && from == S::kOnReview && comment.empty())
            return Error::Invalid("comment", "required", "say what to change when returning a practice to its author");
        p.state = to;
        if (!comment.empty()) p.moderation_comment = comment;
        std::string body = ToBody(p);
        ORIENTIR_ASSIGN(auto saved,
                        tx.Update("practice", id, expected_version, body, Entity<domain::Practice>::Index(p)));
        ORIENTIR_TRY(WriteAudit(tx, actor, "moderate", "practice", id, doc.body, body, saved.updated_at));
        std::string text = "«" + p.title + "»: " + std::string(domain::LabelOf(from).ru) + " → " +
                           std::string(domain::LabelOf(to).ru) + (comment.empty() ? "" : " (" + comment + ")");
        Audience who{to == S::kOnReview, p.origin.region, p.origin.organisation_id, actor.user_id};
        ORIENTIR_TRY(Notify(tx, who, "moderation", text, "/practices/" + std::to_string(id), saved.updated_at));
        p.meta.version = saved.version;
        p.meta.updated_at = saved.updated_at;
        out = p;
        return Status::Ok();
    });
    if (!st.ok()) return st.error();
    AfterWrite("practice");
    return out;
}

Result<ListResult<AuditEntry>> App::ListAudit(const Actor& actor, const AuditQuery& q) {
    if (!actor.IsStaff()) return Forbidden(actor, "read the audit log");
    storage::ListQuery lq{"audit", {}, q.after_id, q.limit, true};
    if (q.record) lq.filters.push_back(storage::Filter::Eq("record", *q.record));
    if (q.actor) lq.filters.push_back(storage::Filter::Eq("actor", *q.actor));
    if (q.kind) lq.filters.push_back(storage::Filter::Eq("kind", *q.kind));
    if (q.action) lq.filters.push_back(storage::Filter::Eq("action", *q.action));
    if (q.from) lq.filters.push_back(storage::Filter::Ge("date", *q.from));
    if (q.to) lq.filters.push_back(storage::Filter::Le("date", *q.to));
    ORIENTIR_ASSIGN(auto page, store_->List(lq));
    ListResult<AuditEntry> out;
    for (const auto& d : page.docs) out.items.push_back(AuditEntryFromDoc(d));
    out.next_after = page.next_after;
    out.total = static_cast<std::int64_t>(out.items.size());
    return out;
}

Result<ListResult<domain::AdoptionRequest>> App::RequestSummariesOf(const std::string& region, int limit) {
    auto l = List<domain::AdoptionRequest>(Actor::System(), {{{"region", region}}, {}, {}, 0, limit, true, 1000});
    if (!l.ok()) return l.error();
    // The public part: requests for practices the public may not see are left out (app/visibility.hpp).
    const Actor anonymous = Actor::Anonymous();
    PracticeVisibility visible(*store_, anonymous);
    std::erase_if(l->items, [&](const auto& r) { return !visible.Sees(r.practice_id); });
    for (auto& r : l->items) {
        r.contact_name.clear();
        r.contact_email.clear();
        r.contact_phone.clear();
        r.message.clear();
        r.response.clear();
        r.route_note.clear();
        r.requested_by.reset();
    }
    return l;
}

Result<ListResult<Notification>> App::ListNotifications(const Actor& actor, bool unread_only, std::int64_t after_id,
                                                        int limit) {
    if (!actor.user_id) return Forbidden(actor, "read notifications");
    std::string uid = std::to_string(*actor.user_id);
    storage::ListQuery lq{
        "notification", {storage::Filter::Eq(unread_only ? "unread" : "user", uid)}, after_id, limit, true};
    ORIENTIR_ASSIGN(auto page, store_->List(lq));
    ListResult<Notification> out;
    for (const auto& d : page.docs) out.items.push_back(NotificationFromDoc(d));
    out.next_after = page.next_after;
    out.total = static_cast<std::int64_t>(out.items.size());
    return out;
}

Status App::MarkNotificationRead(const Actor& actor, Id id) {
    if (!actor.user_id) return Forbidden(actor, "read notifications");
    return store_->Write([&](storage::WriteTx& tx) -> Status {
        ORIENTIR_ASSIGN(auto doc, tx.Get("notification", id));
        auto j = Json::parse(doc.body);
        if (j.value("user_id", 0LL) != *actor.user_id)
            return Error::NotFound("no notification with id " + std::to_string(id));
        j["read"] = true;
        std::string uid = std::to_string(*actor.user_id);
        ORIENTIR_TRY(tx.Update("notification", id, std::nullopt, j.dump(), {{"user", uid, false}}));
        return Status::Ok();
    });
}

template <class T>
Result<T> App::Get(const Actor& actor, Id id) {
    ORIENTIR_ASSIGN(auto doc, store_->Get(Entity<T>::kKind, id));
    T v = Decode<T>(doc);
    bool visible = MayRead(actor, v);
    if constexpr (std::is_same_v<T, domain::Adoption>) visible = visible && PracticeVisibility(*store_, actor).Sees(v);
    if constexpr (std::is_same_v<T, domain::AdoptionRequest>) {
        // Its handlers and requester read it too (app/requests.hpp).
        if (auto p = store_->Get("practice", v.practice_id); !visible && p.ok())
            visible = MaySeeRequest(actor, v, FromDoc<domain::Practice>(p.value()));
    }
    if (!visible) return Error::NotFound("no " + std::string(Entity<T>::kKind) + " with id " + std::to_string(id));
    return v;
}

template <class T>
Result<T> App::CreateIn(storage::WriteTx& tx, const Actor& actor, T value) {
    constexpr bool kOpenCreate = std::is_same_v<T, domain::AdoptionRequest>;
    if (!kOpenCreate && !MayWrite(actor, value)) {
        return Forbidden(actor, std::string("create this ") + Entity<T>::kKind);
    }
    ORIENTIR_TRY(Prepare(actor, value, static_cast<const T*>(nullptr), tx));
    TxReferences refs(tx);
    ORIENTIR_TRY(domain::ToStatus(ValidateRecord(value, refs)));
    std::string body = ToBody(value);
    ORIENTIR_ASSIGN(auto doc, tx.Insert(Entity<T>::kKind, body, Entity<T>::Index(value)));
    ORIENTIR_TRY(WriteAudit(tx, actor, "create", Entity<T>::kKind, doc.id, "", body, doc.created_at));
    ORIENTIR_TRY(AfterCreate(tx, actor, value, doc.id));
    value.meta.id = doc.id;
    value.meta.version = doc.version;
    value.meta.created_at = doc.created_at;
    value.meta.updated_at = doc.updated_at;
    return value;
}

template <class T>
Result<std::vector<T>> App::CreateAll(const Actor& actor, std::vector<T> values) {
    std::vector<T> out;
    Status st = store_->Write([&](storage::WriteTx& tx) -> Status {
        out.clear();  // the store may run this callback again (PostgreSQL serialization retry)
        for (const T& v : values) {
            ORIENTIR_ASSIGN(auto c, CreateIn(tx, actor, v));
            out.push_back(std::move(c));
        }
        return Status::Ok();
    });
    if (!st.ok()) return st.error();
    AfterWrite(Entity<T>::kKind);
    return out;
}

template <class T>
Result<T> App::Create(const Actor& actor, T value) {
    T out;
    Status st = store_->Write([&](storage::WriteTx& tx) -> Status {
        // A copy per attempt: the store may run this callback again (PostgreSQL serialization retry).
        ORIENTIR_ASSIGN(out, CreateIn(tx, actor, value));
        return Status::Ok();
    });
    if (!st.ok()) return st.error();
    AfterWrite(Entity<T>::kKind);
    return out;
}

template <class T>
Result<T> App::UpdateIn(storage::WriteTx& tx, const Actor& actor, Id id, T value,
                        std::optional<std::int64_t> expected_version) {
    ORIENTIR_ASSIGN(auto doc, tx.Get(Entity<T>::kKind, id));
    T before = Decode<T>(doc);
    bool visible = MayRead(actor, before);
    if constexpr (std::is_same_v<T, domain::Adoption>)
        visible = visible && PracticeVisibility(*store_, actor).Sees(before);
    if (!visible) return Error::NotFound("no " + std::string(Entity<T>::kKind) + " with id " + std::to_string(id));
    if (!MayWrite(actor, before)) return Forbidden(actor, std::string("edit this ") + Entity<T>::kKind);
    if (expected_version && *expected_version != before.meta.version) {
        return Error::Stale(std::string(Entity<T>::kKind) + " " + std::to_string(id) + " is at version " +
                            std::to_string(before.meta.version) + ", the edit was based on version " +
                            std::to_string(*expected_version) + "; reload it and apply the change again");
    }
    value.meta = before.meta;
    if (!MayWrite(actor, value))
        return Forbidden(actor, std::string("move this ") + Entity<T>::kKind + " out of your scope");
    ORIENTIR_TRY(Prepare(actor, value, &before, tx));
    TxReferences refs(tx);
    ORIENTIR_TRY(domain::ToStatus(ValidateRecord(value, refs)));
    std::string body = ToBody(value);
    ORIENTIR_ASSIGN(auto saved, tx.Update(Entity<T>::kKind, id, expected_version, body, Entity<T>::Index(value)));
    ORIENTIR_TRY(WriteAudit(tx, actor, "update", Entity<T>::kKind, id, doc.body, body, saved.updated_at));
    value.meta.version = saved.version;
    value.meta.updated_at = saved.updated_at;
    return value;
}

template <class T>
Result<T> App::Update(const Actor& actor, Id id, T submitted, std::optional<std::int64_t> expected_version) {
    T out;
    const T input = std::move(submitted);
    Status st = store_->Write([&](storage::WriteTx& tx) -> Status {
        // A fresh copy per attempt (the store may retry this callback).
        ORIENTIR_ASSIGN(out, UpdateIn(tx, actor, id, input, expected_version));
        return Status::Ok();
    });
    if (!st.ok()) return st.error();
    AfterWrite(Entity<T>::kKind);
    return out;
}

template <class T>
Status App::Delete(const Actor& actor, Id id, std::optional<std::int64_t> expected_version) {
    Status st = store_->Write([&](storage::WriteTx& tx) -> Status {
        ORIENTIR_ASSIGN(auto doc, tx.Get(Entity<T>::kKind, id));
        T before = Decode<T>(doc);
        bool visible = MayRead(actor, before);
        if constexpr (std::is_same_v<T, domain::Adoption>)
            visible = visible && PracticeVisibility(*store_, actor).Sees(before);
        if (!visible) return Error::NotFound("no " + std::string(Entity<T>::kKind) + " with id " + std::to_string(id));
        if (!MayWrite(actor, before)) return Forbidden(actor, std::string("delete this ") + Entity<T>::kKind);
        // Referential integrity: refuse to orphan records that point here.
        auto referenced = [&](const char* kind, const char* field) -> bool {
            return tx.FindOne(kind, field, std::to_string(id)).has_value();
        };
        std::string k = Entity<T>::kKind;
        for (const auto& [kind, field] : RulesOf(k).referenced_by) {
            if (referenced(kind.c_str(), field.c_str())) {
                std::string message = k;
                message += " " + std::to_string(id) + " is still referenced by a ";
                message += kind;
                message += "; remove or re-point those first";
                return Error::Conflict(std::move(message), "referenced");
            }
        }
        ORIENTIR_TRY(tx.Delete(Entity<T>::kKind, id, expected_version));
        return WriteAudit(tx, actor, "delete", Entity<T>::kKind, id, doc.body, "", clock_.NowTimestamp());
    });
    if (st.ok()) AfterWrite(Entity<T>::kKind);
    return st;
}

template <class T>
Result<ListResult<T>> App::List(const Actor& actor, const ListParams& params) {
    const std::string kind = Entity<T>::kKind;
    ORIENTIR_ASSIGN(storage::ListQuery q, ListQueryFor(*this, kind, params));
    if constexpr (std::is_same_v<T, domain::Practice>) LimitPracticeStates(actor, params, q.filters);
    std::optional<PracticeVisibility> practice_visibility;
    if constexpr (std::is_same_v<T, domain::Adoption>) {
        practice_visibility.emplace(*store_, actor);
        // The adoptions of a practice the actor may not see: as for a practice that does not exist.
        for (const auto& [name, value] : params.filters) {
            auto pid = name == "practice" ? ParseInt(value) : std::nullopt;
            if (pid && !practice_visibility->Sees(*pid) && !actor.IsStaff()) return ListResult<T>{};
        }
    }
    if constexpr (std::is_same_v<T, domain::AdoptionRequest>) {
        if (actor.role == Role::kAnonymous) return Forbidden(actor, std::string("list ") + kind + "s");
    }
    if constexpr (std::is_same_v<T, domain::Article>) ORIENTIR_TRY(RequireStaff(actor, "list articles"));
    ORIENTIR_ASSIGN(auto page, store_->List(q));
    ListResult<T> out;
    for (const auto& d : page.docs) {
        T v = Decode<T>(d);
        bool visible = MayRead(actor, v);
        if constexpr (std::is_same_v<T, domain::Adoption>) visible = visible && practice_visibility->Sees(v);
        if (visible) out.items.push_back(std::move(v));
    }
    out.next_after = page.next_after;
    if (q.after_id == 0 && !page.next_after) {
        out.total = static_cast<std::int64_t>(page.docs.size());  // the whole list is this page
    } else if (params.total_up_to > 0) {
        ORIENTIR_ASSIGN(out.total, store_->CountUpTo(kind, q.filters, params.total_up_to + 1));
        out.total_at_least = out.total > params.total_up_to;
        out.total = std::min(out.total, params.total_up_to);
    } else {
        ORIENTIR_ASSIGN(out.total, store_->Count(kind, q.filters));
    }
    if constexpr (std::is_same_v<T, domain::Adoption>) {
        // The total does not count adoptions of practices the actor may not see either.
        if (!actor.IsStaff()) {
            ORIENTIR_ASSIGN(auto hidden, HiddenAdoptionCount(*store_, actor, q.filters));
            out.total -= hidden;
        }
    }
    return out;
}

Result<domain::Adoption> App::MoveStage(const Actor& actor, Id id, domain::StageEvent event,
                                        std::optional<std::int64_t> expected_version) {
    domain::Adoption out;
    Status st = store_->Write([&](storage::WriteTx& tx) -> Status {
        ORIENTIR_ASSIGN(auto doc, tx.Get("adoption", id));
        auto a = FromDoc<domain::Adoption>(doc);
        if (!PracticeVisibility(*store_, actor).Sees(a))
            return Error::NotFound("no adoption with id " + std::to_string(id));
        if (!MayWrite(actor, a)) return Forbidden(actor, "move the stage of this adoption");
        ORIENTIR_TRY(CheckExternal(actor, a, &a));
        if (event.at.empty()) event.at = clock_.Today();
        if (event.at > clock_.Today()) {
            return Error::Invalid("at", "future_date", "the stage date " + event.at + " is in the future");
        }
        ORIENTIR_TRY(domain::CheckStageMove(a, event));
        a.stage_history.push_back(event);
        a.last_confirmed_at = clock_.Today();
        std::string body = ToBody(a);
        ORIENTIR_ASSIGN(auto saved,
                        tx.Update("adoption", id, expected_version, body, Entity<domain::Adoption>::Index(a)));
        ORIENTIR_TRY(WriteAudit(tx, actor, "stage", "adoption", id, doc.body, body, saved.updated_at));
        // The practice's owners hear about every stage change of its adoptions.
        auto pdoc = tx.Get("practice", a.practice_id);
        if (pdoc.ok()) {
            auto practice = FromDoc<domain::Practice>(pdoc.value());
            auto dir = directory_->Get();
            const auto* region = dir->Region(a.adopter.region);
            std::string text = "«" + practice.title + "»: " + (region ? region->name : a.adopter.region) +
                               " — стадия «" + std::string(domain::LabelOf(event.stage).ru) + "»";
            ORIENTIR_TRY(Notify(tx, {false, practice.origin.region, practice.origin.organisation_id, actor.user_id},
                                "adoption_stage", text, "/adoptions/" + std::to_string(id), saved.updated_at));
        }
        a.meta.version = saved.version;
        a.meta.updated_at = saved.updated_at;
        out = a;
        return Status::Ok();
    });
    if (!st.ok()) return st.error();
    AfterWrite("adoption");
    return out;
}

Result<std::vector<domain::Position>> App::PositionsOf(const Actor& actor, Id person_id) {
    ORIENTIR_TRY(Get<domain::Person>(actor, person_id));
    std::vector<domain::Position> out;
    storage::ListQuery q{"position", {storage::Filter::Eq("person", std::to_string(person_id))}, 0, 1000, false};
    ORIENTIR_ASSIGN(auto page, store_->List(q));
    for (const auto& d : page.docs) out.push_back(FromDoc<domain::Position>(d));
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.from.value_or("") < b.from.value_or(""); });
    return out;
}

Result<std::vector<domain::Adoption>> App::AdoptionsOf(const Actor& actor, Id practice_id) {
    ORIENTIR_TRY(Get<domain::Practice>(actor, practice_id));
    std::vector<domain::Adoption> out;
    storage::ListQuery q{"adoption", {storage::Filter::Eq("practice", std::to_string(practice_id))}, 0, 1000, false};
    for (;;) {
        ORIENTIR_ASSIGN(auto page, store_->List(q));
        for (const auto& d : page.docs) out.push_back(FromDoc<domain::Adoption>(d));
        if (!page.next_after) break;
        q.after_id = *page.next_after;
    }
    return out;
}

Result<std::vector<EffectSummary>> App::EffectsOf(const Actor& actor, Id practice_id) {
    ORIENTIR_ASSIGN(auto adoptions, AdoptionsOf(actor, practice_id));
    ORIENTIR_ASSIGN(auto figures, EffectFigures());
    return SummariseEffects(adoptions, figures);
}

Result<std::map<std::string, FigureInfo>> App::EffectFigures() {
    std::map<std::string, FigureInfo> figures;
    storage::ListQuery q{"indicator", {}, 0, 1000, false};
    for (;;) {
        ORIENTIR_ASSIGN(auto page, store_->List(q));
        for (const auto& d : page.docs) {
            auto i = FromDoc<domain::Indicator>(d);
            figures[i.code] = FigureInfo{i.name, i.unit, i.direction, i.name_en, i.unit_en};
        }
        if (!page.next_after) break;
        q.after_id = *page.next_after;
    }
    ORIENTIR_ASSIGN(auto domains, store_->List({"domain", {}, 0, 1000, false}));
    for (const auto& d : domains.docs)
        for (const auto& t : FromDoc<domain::Domain>(d).effect_templates)
            figures[t.code] = FigureInfo{t.name, t.unit, t.direction, t.name_en, t.unit_en};
    return figures;
}

#define ORIENTIR_INSTANTIATE(T)                                                                               \
    template Result<T> App::Get<T>(const Actor&, Id);                                                         \
    template Result<T> App::Create<T>(const Actor&, T);                                                       \
    template Result<std::vector<T>> App::CreateAll<T>(const Actor&, std::vector<T>);                          \
    template Result<T> App::CreateIn<T>(storage::WriteTx&, const Actor&, T);                                  \
    template Result<T> App::Update<T>(const Actor&, Id, T, std::optional<std::int64_t>);                      \
    template Result<T> App::UpdateIn<T>(storage::WriteTx&, const Actor&, Id, T, std::optional<std::int64_t>); \
    template Status App::Delete<T>(const Actor&, Id, std::optional<std::int64_t>);                            \
    template Result<ListResult<T>> App::List<T>(const Actor&, const ListParams&);                             \
    template bool App::CanRead<T>(const Actor&, const T&) const;                                              \
    template bool App::CanWrite<T>(const Actor&, const T&) const;

ORIENTIR_APP_ENTITIES(ORIENTIR_INSTANTIATE)
#undef ORIENTIR_INSTANTIATE

}  // namespace orientir::app
