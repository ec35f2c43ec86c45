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

Status WriteAudit(storage::WriteTx& tx, const Actor& actor, const std::string& action, const std::string& kind,
                  std::int64_t id, const std::string& before_body, const std::string& after_body,
                  const std::string& at);

// Who should hear about something: users of these roles, or scoped to this region / organisation.
struct Audience {
    bool curators = false;
    std::optional<std::string> region;
    std::optional<std::int64_t> organisation;
    std::optional<std::int64_t> exclude_user;  // the actor who caused it
};
Status Notify(storage::WriteTx& tx, const Audience& audience, const std::string& type, const std::string& text,
              const std::string& link, const std::string& at);

}  // namespace orientir::app
