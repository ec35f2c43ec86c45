// Passport history from the audit log (app/versions.hpp).
#include "app/versions.hpp"

#include <algorithm>

#include "app/app.hpp"
#include "app/entities.hpp"
#include "app/visibility.hpp"
#include "domain/codec.hpp"

namespace orientir::app {

namespace {

// A value as one line: text as is, a list of texts joined by commas, anything else as JSON.
std::string Scalar(const OrderedJson& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array() && std::all_of(v.begin(), v.end(), [](const OrderedJson& x) { return x.is_string(); })) {
        std::string out;
        for (const auto& x : v) out += (out.empty() ? "" : ", ") + x.get<std::string>();
        return out;
    }
    return v.dump();
}

// An object as "key: value" parts (empty values left out) joined by `sep`.
std::string ObjectText(const OrderedJson& o, const char* sep) {
    std::string out;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.value().is_null() || (it.value().is_string() && it.value().get<std::string>().empty())) continue;
        out += (out.empty() ? "" : sep) + it.key() + ": " + Scalar(it.value());
    }
    return out;
}

// A passport field as display text: lists one item a line, objects as "key: value" lines.
std::string DisplayText(const OrderedJson& v) {
    if (v.is_null()) return "";
    if (v.is_object()) return ObjectText(v, "\n");
    if (!v.is_array()) return Scalar(v);
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : "\n") + (x.is_object() ? ObjectText(x, "; ") : Scalar(x));
    return out;
}

}  // namespace

std::vector<FieldDiff> DiffPractices(const domain::Practice& a, const domain::Practice& b) {
    OrderedJson ja = domain::ToJson(a), jb = domain::ToJson(b);
    std::vector<FieldDiff> out;
    for (auto it = jb.begin(); it != jb.end(); ++it) {
        const std::string& k = it.key();
        if (k == "id" || k == "version" || k == "created_at" || k == "updated_at") continue;
        OrderedJson va = ja.contains(k) ? ja[k] : OrderedJson();
        out.push_back({k, DisplayText(va), DisplayText(it.value()), va != it.value()});
    }
    return out;
}

Result<std::vector<PracticeVersion>> App::PracticeVersions(const Actor& actor, Id practice_id) {
    auto current = Get<domain::Practice>(actor, practice_id);  // 404 for a practice the actor may not see
    if (!current.ok()) return current.error();
    storage::ListQuery lq{
        "audit", {storage::Filter::Eq("record", "practice:" + std::to_string(practice_id))}, 0, 500, false};
    std::vector<PracticeVersion> all;
    for (;;) {
        ORIENTIR_ASSIGN(auto page, store_->List(lq));
        for (const auto& d : page.docs) {
            AuditEntry e = AuditEntryFromDoc(d);
            if (e.after.empty()) continue;
            storage::Doc body{practice_id, static_cast<std::int64_t>(all.size() + 1), e.after, "", e.at};
            PracticeVersion v;
            v.number = static_cast<int>(all.size()) + 1;
            v.at = e.at;
            v.actor_login = e.actor_login;
            v.action = e.action;
            v.record = DecodeDoc<domain::Practice>(body, nullptr);
            all.push_back(std::move(v));
        }
        if (!page.next_after) break;
        lq.after_id = *page.next_after;
    }
    std::vector<PracticeVersion> out;
    for (auto& v : all) {
        if (!MaySeePractice(actor, v.record)) continue;  // drafts' versions follow the visibility rule
        if (!out.empty())
            for (const auto& f : DiffPractices(out.back().record, v.record))
                if (f.differs) v.changed.push_back(f.field);
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace orientir::app
