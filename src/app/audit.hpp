#pragma once
// Audit log and notifications, written in the same transaction as the change they describe, so a
// change without its audit entry cannot exist.
//
// Audit entry (kind "audit"): {at, actor:{user_id, login, role}, action, kind, record_id, before, after}.
// Notification (kind "notification"): {user_id, type, text, link, at, read}.

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "common/json.hpp"
#include "storage/store.hpp"

namespace orientir::app {

// One change as the audit log keeps it. `before` and `after` are the record's stored form (the domain
// codec's JSON text, "" when absent), kept as text: the log holds every kind, typed here or not.
struct AuditEntry {
    std::int64_t id = 0;
    std::string at;  // timestamp
    std::optional<std::int64_t> actor_user_id;
    std::string actor_login, actor_role;
    std::string action;  // create, update, delete, stage, moderate, repair, accept, …
    std::string kind;
    std::int64_t record_id = 0;
    std::string before, after;
    // Top-level members that differ between before and after, in name order; values shown as text for
    // strings and numbers ("" for other values), for pages that list what a change did.
    struct Change {
        std::string field, from, to;
    };
    std::vector<Change> changes;
};

// A message to one user about a change that concerns them.
struct Notification {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string type;  // moderation, adoption_stage, adoption_request, request_answered, request_routed, …
    std::string text;
    std::string link;  // a path on this site
    std::string at;
    bool read = false;
};

// Stored audit or notification document → typed value (never fails: missing members stay empty).
AuditEntry AuditEntryFromDoc(const storage::Doc& doc);
Notification NotificationFromDoc(const storage::Doc& doc);

Status WriteAudit(storage::WriteTx& tx, const Actor& actor, const std::string& action, const std::string& kind,
                  std::int64_t id, const std::string& before_body, const std::string& after_body,
                  const std::string& at);

// Who should hear about something: users of these roles, or scoped to this region / organisation.
struct Audience {
    bool curators = false;
    std::optional<std::string> region;
    std::optional<std::int64_t> organisation;
    std::optional<std::int64_t> exclude_user;  // the actor who caused it
    std::optional<std::int64_t> user;          // one user by id (the requester of a request)
};
Status Notify(storage::WriteTx& tx, const Audience& audience, const std::string& type, const std::string& text,
              const std::string& link, const std::string& at);

}  // namespace orientir::app
