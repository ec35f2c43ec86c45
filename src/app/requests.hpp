#pragma once
// «Хочу внедрить» requests as their handlers see them: the inbox of owners (editors of the organisation a
// request is addressed to, editors of the practice's region), competence centres and curators, and the
// request page with its history. The use cases themselves (answer, route, close) are App members
// (app/requests.cpp); who may do what is decided here, in `app`.

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/audit.hpp"
#include "domain/types.hpp"

namespace orientir::app {

// Who handles a request: staff, editors of the organisation it is addressed to, regional editors of the
// practice's region. They answer, route and close it.
bool MayHandleRequest(const Actor& a, const domain::AdoptionRequest& r, const domain::Practice& practice);
// Who may read it in full (contact, message, answer): its handlers, editors of the practice's own
// organisation (after routing it away), the requesting region's editors and the user who sent it.
bool MaySeeRequest(const Actor& a, const domain::AdoptionRequest& r, const domain::Practice& practice);

struct InboxQuery {
    std::optional<domain::RequestStatus> status;
    std::optional<domain::Id> practice;
    std::optional<std::string> region;  // the requesting region
    bool handled_only = false;          // only those the actor handles (not the ones they sent)
    int limit = 200;
};

struct InboxItem {
    domain::AdoptionRequest request;
    std::string practice_title;
    bool can_handle = false;
};

// One request with what its page shows.
struct RequestView {
    domain::AdoptionRequest request;
    domain::Practice practice;
    bool can_handle = false;
    std::vector<AuditEntry> history;  // oldest first: create, answer, route, close
};

// Hours from `from` to `to` (ISO timestamps); nullopt when either does not parse.
std::optional<double> HoursBetween(const std::string& from, const std::string& to);

}  // namespace orientir::app

namespace orientir::storage {
class WriteTx;
}
namespace orientir::app {
struct DirectoryData;
// "«Practice title» — Тюменская область, Ишим": what a notification about a request names (the practice,
// the requesting region and, when given, the municipality, so two requests of one form differ).
std::string RequestSubject(storage::WriteTx& tx, const DirectoryData& dir, const domain::AdoptionRequest& r,
                           const domain::Practice& practice);
}  // namespace orientir::app
