// «Хочу внедрить» requests: inbox, request page, answer, route, close (app/requests.hpp).
#include "app/requests.hpp"

#include <cstdio>
#include <ctime>
#include <map>

#include "app/app.hpp"
#include "app/entities.hpp"
#include "app/permissions.hpp"
#include "app/request_doc.hpp"
#include "app/visibility.hpp"
#include "common/strings.hpp"

namespace orientir::app {

namespace {

bool IsUser(const Actor& a, const std::optional<domain::Id>& user) { return a.user_id && user && *a.user_id == *user; }

Error NotHandler(const Actor& a, const domain::AdoptionRequest& r, const domain::Practice& p, const char* what) {
    if (a.role == Role::kAnonymous) {
        return Error{
            ErrorCode::kUnauthenticated, std::string("sign in to ") + what + " a request", {}, "unauthenticated", {}};
    }
    std::string to = r.to_organisation_id ? "organisation " + std::to_string(*r.to_organisation_id) : "no organisation";
    return Error{ErrorCode::kForbidden,
                 std::string("only the editors of the organisation the request is addressed to (") + to +
                     "), the regional editors of the practice's region (" + p.origin.region + ") and curators may " +
                     what + " request " + std::to_string(r.meta.id),
                 {},
                 "not_request_handler",
                 {}};
}

std::optional<std::time_t> ParseTs(const std::string& s) {
    std::tm tm{};
    if (s.size() < 19 || std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                                     &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return timegm(&tm);
}

}  // namespace

domain::AdoptionRequest RequestFromDoc(const storage::Doc& doc) {
    auto r = FromDoc<domain::AdoptionRequest>(doc);
    Json j = Json::parse(doc.body, nullptr, false);
    if (j.is_object() && j.contains("answered_at") && j["answered_at"].is_string())
        r.answered_at = j["answered_at"].get<std::string>();
    return r;
}

bool MayHandleRequest(const Actor& a, const domain::AdoptionRequest& r, const domain::Practice& practice) {
    if (a.IsStaff()) return true;
    if (a.role == Role::kOrganisationEditor) return InOrgScope(a, r.to_organisation_id);
    return a.role == Role::kRegionalEditor && InRegionScope(a, practice.origin.region);
}

bool MaySeeRequest(const Actor& a, const domain::AdoptionRequest& r, const domain::Practice& practice) {
    if (!MaySeePractice(a, practice)) return false;  // a request shows its practice (app/visibility.hpp)
    return MayHandleRequest(a, r, practice) || InOrgScope(a, practice.origin.organisation_id) ||
           (a.role == Role::kRegionalEditor && InRegionScope(a, r.from.region)) || IsUser(a, r.requested_by);
}

std::optional<double> HoursBetween(const std::string& from, const std::string& to) {
    auto a = ParseTs(from), b = ParseTs(to);
    if (!a || !b) return std::nullopt;
    return static_cast<double>(*b - *a) / 3600.0;
}

std::string RequestSubject(storage::WriteTx& tx, const DirectoryData& dir, const domain::AdoptionRequest& r,
                           const domain::Practice& practice) {
    const auto* region = dir.Region(r.from.region);
    std::string where = region ? region->name : r.from.region;
    if (r.from.municipality_id) {
        if (auto m = tx.Get("municipality", *r.from.municipality_id); m.ok())
            where += ", " + FromDoc<domain::Municipality>(m.value()).name;
    }
    return "«" + practice.title + "» — " + where;
}

Result<ListResult<InboxItem>> App::Inbox(const Actor& actor, const InboxQuery& q) {
    if (actor.role == Role::kAnonymous)
        return Error{ErrorCode::kUnauthenticated, "sign in to read requests", {}, "unauthenticated", {}};
    storage::ListQuery lq{"adoption_request", {}, 0, 500, true};
    if (q.status) lq.filters.push_back(storage::Filter::Eq("status", std::string(domain::Code(*q.status))));
    if (q.practice) lq.filters.push_back(storage::Filter::Eq("practice", std::to_string(*q.practice)));
    if (q.region) lq.filters.push_back(storage::Filter::Eq("region", *q.region));
    std::map<Id, std::optional<domain::Practice>> practices;
    auto practice_of = [&](Id id) -> const std::optional<domain::Practice>& {
        auto it = practices.find(id);
        if (it != practices.end()) return it->second;
        auto doc = store_->Get("practice", id);
        return practices[id] = doc.ok() ? std::optional(FromDoc<domain::Practice>(doc.value())) : std::nullopt;
    };
    ListResult<InboxItem> out;
    for (int scanned = 0; scanned < 20000;) {
        ORIENTIR_ASSIGN(auto page, store_->List(lq));
        for (const auto& d : page.docs) {
            ++scanned;
            auto r = RequestFromDoc(d);
            const auto& p = practice_of(r.practice_id);
            if (!p || !MaySeeRequest(actor, r, *p)) continue;
            bool handles = MayHandleRequest(actor, r, *p);
            if (q.handled_only && !handles) continue;
            ++out.total;
            if (static_cast<int>(out.items.size()) < q.limit) out.items.push_back({std::move(r), p->title, handles});
        }
        if (!page.next_after) break;
        lq.after_id = *page.next_after;
    }
    return out;
}

Result<RequestView> App::GetRequest(const Actor& actor, Id id) {
    auto doc = store_->Get("adoption_request", id);
    if (!doc.ok()) return Error::NotFound("no request with id " + std::to_string(id));
    RequestView v;
    v.request = RequestFromDoc(doc.value());
    auto pdoc = store_->Get("practice", v.request.practice_id);
    if (!pdoc.ok()) return Error::NotFound("no request with id " + std::to_string(id));
    v.practice = FromDoc<domain::Practice>(pdoc.value());
    if (!MaySeeRequest(actor, v.request, v.practice)) {
        if (actor.role == Role::kAnonymous)
            return Error{ErrorCode::kUnauthenticated,
                         "sign in to read request " + std::to_string(id),
                         {},
                         "unauthenticated",
                         {}};
        return Error::NotFound("no request with id " + std::to_string(id) + " that you may read");
    }
    v.can_handle = MayHandleRequest(actor, v.request, v.practice);
    storage::ListQuery lq{
        "audit", {storage::Filter::Eq("record", "adoption_request:" + std::to_string(id))}, 0, 200, false};
    ORIENTIR_ASSIGN(auto page, store_->List(lq));
    for (const auto& d : page.docs) v.history.push_back(AuditEntryFromDoc(d));
    return v;
}

Result<domain::AdoptionRequest> App::ChangeRequest(const Actor& actor, Id id, const char* action,
                                                   std::optional<std::int64_t> expected_version,
                                                   const RequestChange& change) {
    domain::AdoptionRequest out;
    Status st = store_->Write([&](storage::WriteTx& tx) -> Status {
        auto doc = tx.Get("adoption_request", id);
        if (!doc.ok()) return Error::NotFound("no request with id " + std::to_string(id));
        auto r = RequestFromDoc(doc.value());
        ORIENTIR_ASSIGN(auto pdoc, tx.Get("practice", r.practice_id));
        auto practice = FromDoc<domain::Practice>(pdoc);
        if (!MayHandleRequest(actor, r, practice)) return NotHandler(actor, r, practice, action);
        if (expected_version && *expected_version != r.meta.version) {
            return Error::Stale("request " + std::to_string(id) + " is at version " + std::to_string(r.meta.version) +
                                ", the change was based on version " + std::to_string(*expected_version) +
                                "; reload it and apply the change again");
        }
        if (r.status == domain::RequestStatus::kClosed) {
            return Error::Conflict("request " + std::to_string(id) + " is closed; a closed request cannot be " +
                                       (std::string(action) == "answer" ? "answered" : std::string(action) + "d"),
                                   "request_closed");
        }
        ORIENTIR_TRY(change(r, practice, tx));
        TxReferences refs(tx);
        ORIENTIR_TRY(domain::ToStatus(ValidateRecord(r, refs)));
        std::string body = ToBody(r);
        ORIENTIR_ASSIGN(auto saved, tx.Update("adoption_request", id, std::nullopt, body,
                                              Entity<domain::AdoptionRequest>::Index(r)));
        ORIENTIR_TRY(WriteAudit(tx, actor, action, "adoption_request", id, doc->body, body, saved.updated_at));
        out = r;
        out.meta.version = saved.version;
        out.meta.updated_at = saved.updated_at;
        return Status::Ok();
    });
    if (!st.ok()) return st.error();
    AfterWrite("adoption_request");
    return out;
}

Result<domain::AdoptionRequest> App::AnswerRequest(const Actor& actor, Id id, const std::string& response,
                                                   std::optional<std::int64_t> expected_version) {
    std::string text(Trim(response));
    if (text.empty()) return Error::Invalid("response", "required", "response: write the answer to the requester");
    return ChangeRequest(
        actor, id, "answer", expected_version,
        [&](domain::AdoptionRequest& r, const domain::Practice& p, storage::WriteTx& tx) -> Status {
            r.response = text;
            r.status = domain::RequestStatus::kAnswered;
            if (!r.answered_at) r.answered_at = clock_.NowTimestamp();
            if (!r.requested_by) return Status::Ok();
            std::string msg = "Ответ на запрос «хочу внедрить»: " + RequestSubject(tx, *directory_->Get(), r, p);
            return Notify(tx, {false, std::nullopt, std::nullopt, actor.user_id, r.requested_by}, "request_answered",
                          msg, "/requests/" + std::to_string(id), clock_.NowTimestamp());
        });
}

Result<domain::AdoptionRequest> App::RouteRequest(const Actor& actor, Id id, Id organisation_id,
                                                  const std::string& note,
                                                  std::optional<std::int64_t> expected_version) {
    return ChangeRequest(
        actor, id, "route", expected_version,
        [&](domain::AdoptionRequest& r, const domain::Practice& p, storage::WriteTx& tx) -> Status {
            auto org = tx.Get("organisation", organisation_id);
            if (!org.ok()) {
                return Error::Invalid("to_organisation_id", "unknown_organisation",
                                      "to_organisation_id: no organisation with id " + std::to_string(organisation_id));
            }
            if (r.to_organisation_id == organisation_id) {
                return Error::Invalid("to_organisation_id", "same_organisation",
                                      "to_organisation_id: the request is already addressed to organisation " +
                                          std::to_string(organisation_id));
            }
            auto o = FromDoc<domain::Organisation>(org.value());
            r.to_organisation_id = organisation_id;
            r.route_note = Trim(note);
            r.status = domain::RequestStatus::kRouted;
            std::string subject = RequestSubject(tx, *directory_->Get(), r, p);
            std::string at = clock_.NowTimestamp(), link = "/requests/" + std::to_string(id);
            ORIENTIR_TRY(Notify(tx, {false, std::nullopt, organisation_id, actor.user_id}, "request_routed",
                                "Вам передан запрос «хочу внедрить»: " + subject, link, at));
            if (!r.requested_by) return Status::Ok();
            return Notify(tx, {false, std::nullopt, std::nullopt, actor.user_id, r.requested_by}, "request_routed",
                          "Ваш запрос «хочу внедрить» передан: " + o.name + ". " + subject, link, at);
        });
}

Result<domain::AdoptionRequest> App::CloseRequest(const Actor& actor, Id id, const std::string& note,
                                                  std::optional<std::int64_t> expected_version) {
    return ChangeRequest(
        actor, id, "close", expected_version,
        [&](domain::AdoptionRequest& r, const domain::Practice& p, storage::WriteTx& tx) -> Status {
            r.status = domain::RequestStatus::kClosed;
            if (!Trim(note).empty()) r.route_note = Trim(note);
            if (!r.requested_by) return Status::Ok();
            return Notify(tx, {false, std::nullopt, std::nullopt, actor.user_id, r.requested_by}, "request_closed",
                          "Запрос «хочу внедрить» закрыт: " + RequestSubject(tx, *directory_->Get(), r, p),
                          "/requests/" + std::to_string(id), clock_.NowTimestamp());
        });
}

}  // namespace orientir::app
