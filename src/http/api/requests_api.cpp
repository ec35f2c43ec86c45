// The requests inbox and its actions, and the passport history (docs/api.md, «Requests inbox» and
// «Passport history»).
#include "domain/codec.hpp"
#include "http/api/routes.hpp"

namespace orientir::http {

namespace {

using app::Actor;
using app::App;

OrderedJson InboxItemJson(const app::InboxItem& it) {
    OrderedJson j = domain::ToJson(it.request);
    j["practice_title"] = it.practice_title;
    j["can_handle"] = it.can_handle;
    auto hours =
        it.request.answered_at ? app::HoursBetween(it.request.meta.created_at, *it.request.answered_at) : std::nullopt;
    j["response_hours"] = hours ? OrderedJson(*hours) : OrderedJson(nullptr);
    return j;
}

Result<app::InboxQuery> InboxQueryFrom(App& app, const Request& req) {
    app::InboxQuery q;
    for (const auto& [k, v] : req.query) {
        if (k == "status") {
            q.status = domain::ParseRequestStatus(v);
            if (!q.status)
                return Error::Invalid("status", "enum", "status must be one of " + domain::AllowedCodesRequestStatus());
        } else if (k == "practice") {
            ORIENTIR_ASSIGN(auto id, ParseId(v, "practice"));
            q.practice = id;
        } else if (k == "region") {
            ORIENTIR_ASSIGN(auto r, app.FindRegion(v));
            q.region = r.code;
        } else if (k == "handled") {
            q.handled_only = v == "1" || v == "true";
        } else {
            return Error::Invalid(
                k, "unknown_filter",
                "unknown filter \"" + k + "\" for the inbox; allowed: status, practice, region, handled");
        }
    }
    return q;
}

// A request action: {response} / {to_organisation_id, note} / {note}.
struct ActionBody {
    std::string response, note;
    std::int64_t to_organisation_id = 0;
};

using RequestAction =
    std::function<Result<domain::AdoptionRequest>(App&, const Actor&, const RecordAction&, const ActionBody&)>;

void AddAction(Router& router, App& app, const ActorResolver& actor_of, const std::string& verb,
               const std::string& summary, std::function<void(JsonReader&, ActionBody&)> read,
               const RequestAction& act) {
    router.Add("POST", "/api/v1/adoption-requests/{id}/" + verb,
               [&app, actor_of, read, act](Request& req) {
                   auto action = ReadRecordAction(req);
                   if (!action.ok()) return Problem(action.error(), req.path);
                   ActionBody body;
                   auto st = ReadJsonObject(action->body, [&](JsonReader& r) { read(r, body); });
                   if (!st.ok()) return Problem(st.error(), req.path);
                   auto done = act(app, actor_of(req), action.value(), body);
                   if (!done.ok()) return Problem(done.error(), req.path);
                   Response r = Response::Json(200, domain::ToJson(done.value()));
                   r.Header("ETag", ETagFor(done->meta.version));
                   return r;
               },
               {summary, "adoption-requests", "", "AdoptionRequest", {}});
}

OrderedJson VersionJson(const app::PracticeVersion& v, bool with_record) {
    OrderedJson j{{"number", v.number},
                  {"at", v.at},
                  {"actor", v.actor_login},
                  {"action", v.action},
                  {"state", std::string(domain::Code(v.record.state))},
                  {"changed", v.changed}};
    if (with_record) j["record"] = domain::ToJson(v.record);
    return j;
}

}  // namespace

void RegisterRequestRoutes(Router& router, App& app, const ActorResolver& actor_of) {
    router.Add("GET", "/api/v1/adoption-requests/inbox",
               [&app, actor_of](Request& req) {
                   auto q = InboxQueryFrom(app, req);
                   if (!q.ok()) return Problem(q.error(), req.path);
                   auto list = app.Inbox(actor_of(req), q.value());
                   if (!list.ok()) return Problem(list.error(), req.path);
                   OrderedJson items = OrderedJson::array();
                   for (const auto& it : list->items) items.push_back(InboxItemJson(it));
                   return Response::Json(200, ListEnvelope(std::move(items), list->total, std::nullopt));
               },
               {"The requests inbox of the signed-in user: requests they handle or may read, newest first, with "
                "the practice title, can_handle and response_hours",
                "adoption-requests",
                "",
                "AdoptionRequestList",
                {"status", "practice", "region", "handled"}});
    AddAction(
        router, app, actor_of, "answer",
        "Answer a request ({response}); the requester is notified if signed in; 409 when closed",
        [](JsonReader& r, ActionBody& b) { r.Str("response", b.response, true, 10000); },
        [](App& a, const Actor& who, const RecordAction& x, const ActionBody& b) {
            return a.AnswerRequest(who, x.id, b.response, x.version);
        });
    AddAction(
        router, app, actor_of, "route",
        "Route a request to another organisation (another owner or a competence centre) with a note "
        "({to_organisation_id, note})",
        [](JsonReader& r, ActionBody& b) {
            r.Int("to_organisation_id", b.to_organisation_id, true);
            r.Str("note", b.note, false, 5000);
        },
        [](App& a, const Actor& who, const RecordAction& x, const ActionBody& b) {
            return a.RouteRequest(who, x.id, b.to_organisation_id, b.note, x.version);
        });
    AddAction(
        router, app, actor_of, "close", "Close a request ({note?}); 409 when already closed",
        [](JsonReader& r, ActionBody& b) { r.Str("note", b.note, false, 5000); },
        [](App& a, const Actor& who, const RecordAction& x, const ActionBody& b) {
            return a.CloseRequest(who, x.id, b.note, x.version);
        });

    RegisterVersionRoutes(router, app, actor_of);
}

void RegisterVersionRoutes(Router& router, App& app, const ActorResolver& actor_of) {
    router.Add("GET", "/api/v1/practices/{id}/versions",
               [&app, actor_of](Request& req) {
                   auto id = ParseId(req.Param("id"));
                   if (!id.ok()) return Problem(id.error(), req.path);
                   auto list = app.PracticeVersions(actor_of(req), id.value());
                   if (!list.ok()) return Problem(list.error(), req.path);
                   OrderedJson items = OrderedJson::array();
                   for (const auto& v : list.value()) items.push_back(VersionJson(v, false));
                   return Response::Json(
                       200, ListEnvelope(std::move(items), static_cast<std::int64_t>(list->size()), std::nullopt));
               },
               {"Passport history: every stored version of a practice the caller may see (number, when, who, "
                "action, state, fields changed)",
                "practices",
                "",
                "",
                {}});
    router.Add("GET", "/api/v1/practices/{id}/versions/{n}",
               [&app, actor_of](Request& req) {
                   auto id = ParseId(req.Param("id"));
                   if (!id.ok()) return Problem(id.error(), req.path);
                   auto n = ParseId(req.Param("n"), "n");
                   if (!n.ok()) return Problem(n.error(), req.path);
                   auto list = app.PracticeVersions(actor_of(req), id.value());
                   if (!list.ok()) return Problem(list.error(), req.path);
                   for (const auto& v : list.value())
                       if (v.number == n.value()) return Response::Json(200, VersionJson(v, true));
                   return Problem(Error::NotFound("practice " + std::to_string(id.value()) + " has no version " +
                                                  std::to_string(n.value()) + " that you may see"),
                                  req.path);
               },
               {"One version of a practice passport with the full record", "practices", "", "", {}});
}

}  // namespace orientir::http
