#include "app/audit.hpp"

#include <algorithm>
#include <set>

#include "app/permissions.hpp"

namespace orientir::app {

Status WriteAudit(storage::WriteTx& tx, const Actor& actor, const std::string& action, const std::string& kind,
                  std::int64_t id, const std::string& before_body, const std::string& after_body,
                  const std::string& at) {
    OrderedJson j;
    j["at"] = at;
    j["actor"] = {{"user_id", actor.user_id ? OrderedJson(*actor.user_id) : OrderedJson(nullptr)},
                  {"login", actor.login.empty() ? std::string(RoleCode(actor.role)) : actor.login},
                  {"role", RoleCode(actor.role)}};
    j["action"] = action;
    j["kind"] = kind;
    j["record_id"] = id;
    j["before"] = before_body.empty() ? OrderedJson(nullptr) : OrderedJson::parse(before_body);
    j["after"] = after_body.empty() ? OrderedJson(nullptr) : OrderedJson::parse(after_body);
    std::string login = j["actor"]["login"];
    storage::IndexEntries idx{{"record", kind + ":" + std::to_string(id), false},
                              {"kind", kind, false},
                              {"actor", login, false},
                              {"action", action, false},
                              {"date", at.substr(0, 10), false}};
    ORIENTIR_TRY(tx.Insert("audit", j.dump(), idx));
    return Status::Ok();
}

AuditEntry AuditEntryFromDoc(const storage::Doc& doc) {
    AuditEntry e;
    e.id = doc.id;
    Json j = Json::parse(doc.body, nullptr, false);
    if (!j.is_object()) return e;
    auto str = [](const Json& o, const char* k) {
        return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
    };
    e.at = str(j, "at");
    e.action = str(j, "action");
    e.kind = str(j, "kind");
    if (j.contains("record_id") && j["record_id"].is_number_integer()) e.record_id = j["record_id"].get<std::int64_t>();
    if (j.contains("actor") && j["actor"].is_object()) {
        const Json& a = j["actor"];
        e.actor_login = str(a, "login");
        e.actor_role = str(a, "role");
        if (a.contains("user_id") && a["user_id"].is_number_integer())
            e.actor_user_id = a["user_id"].get<std::int64_t>();
    }
    const Json before = j.contains("before") ? j["before"] : Json();
    const Json after = j.contains("after") ? j["after"] : Json();
    if (!before.is_null()) e.before = before.dump();
    if (!after.is_null()) e.after = after.dump();
    std::set<std::string> keys;
    for (const Json* o : {&before, &after})
        if (o->is_object())
            for (auto it = o->begin(); it != o->end(); ++it) keys.insert(it.key());
    auto text = [](const Json& v) { return v.is_string() ? v.get<std::string>() : v.is_number() ? v.dump() : ""; };
    for (const auto& k : keys) {
        if (k == "version" || k == "updated_at" || k == "created_at") continue;
        Json a = before.is_object() && before.contains(k) ? before[k] : Json();
        Json b = after.is_object() && after.contains(k) ? after[k] : Json();
        if (a != b) e.changes.push_back({k, text(a), text(b)});
    }
    return e;
}

Notification NotificationFromDoc(const storage::Doc& doc) {
    Notification n;
    n.id = doc.id;
    Json j = Json::parse(doc.body, nullptr, false);
    if (!j.is_object()) return n;
    n.user_id = j.value("user_id", static_cast<std::int64_t>(0));
    n.type = j.value("type", "");
    n.text = j.value("text", "");
    n.link = j.value("link", "");
    n.at = j.value("at", "");
    n.read = j.value("read", false);
    return n;
}

Status Notify(storage::WriteTx& tx, const Audience& a, const std::string& type, const std::string& text,
              const std::string& link, const std::string& at) {
    std::vector<std::int64_t> recipients;
    std::int64_t after = 0;
    for (;;) {
        ORIENTIR_ASSIGN(auto page, tx.List({"user", {}, after, 500, false}));
        for (const auto& d : page.docs) {
            auto u = Json::parse(d.body);
            if (u.value("disabled", false)) continue;
            std::string role = u.value("role", "");
            bool hit = false;
            if (a.curators && (role == "curator" || role == "admin")) hit = true;
            if (a.region && role == "regional_editor") {
                auto regions = u.value("regions", std::vector<std::string>{});
                hit |= std::find(regions.begin(), regions.end(), *a.region) != regions.end();
            }
            if (a.organisation && role == "organisation_editor") {
                auto orgs = u.value("organisations", std::vector<std::int64_t>{});
                hit |= std::find(orgs.begin(), orgs.end(), *a.organisation) != orgs.end();
            }
            if (a.user && *a.user == d.id) hit = true;
            if (hit && (!a.exclude_user || *a.exclude_user != d.id)) recipients.push_back(d.id);
        }
        if (!page.next_after) break;
        after = *page.next_after;
    }
    for (auto uid : recipients) {
        OrderedJson n{{"user_id", uid}, {"type", type}, {"text", text}, {"link", link}, {"at", at}, {"read", false}};
        ORIENTIR_TRY(tx.Insert("notification", n.dump(),
                               {{"user", std::to_string(uid), false}, {"unread", std::to_string(uid), false}}));
    }
    return Status::Ok();
}

}  // namespace orientir::app
