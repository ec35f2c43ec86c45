// Curators' decisions on the likely sources of an unexplained adoption (issue 17, docs/analytics.md):
//
//   POST /api/v1/adoptions/{id}/likely-sources/confirm   {candidate, organisation?, channel, note?}  (If-Match
//   optional) POST /api/v1/adoptions/{id}/likely-sources/reject    {note?} GET
//   /api/v1/adoptions/{id}/likely-sources/decisions the labels kept for one adoption GET
//   /api/v1/analytics/source-labels                 accuracy on curators' decisions and every label
#include "app/source_labels.hpp"
#include "http/api/routes.hpp"

namespace orientir::http {

namespace {

// A curator's decision on the likely sources of one adoption: confirm one, or reject them all.
void RegisterDecisions(Router& router, app::App& app, const ActorResolver& actor_of) {
    router.Add("POST", "/api/v1/adoptions/{id}/likely-sources/confirm",
               [&app, actor_of](Request& req) {
                   auto action = ReadRecordAction(req);
                   if (!action.ok()) return Problem(action.error(), req.path);
                   app::SourceChoice c;
                   std::optional<std::int64_t> org;
                   auto st = ReadJsonObject(action->body, [&](JsonReader& r) {
                       r.Str("candidate", c.candidate, true, 200);
                       r.OptInt("organisation", org);
                       r.Str("channel", c.channel, true, 64);
                       r.Str("note", c.note, false, 5000);
                   });
                   if (!st.ok()) return Problem(st.error(), req.path);
                   if (org) c.organisation = std::to_string(*org);
                   c.expected_version = action->version;
                   auto done = app::ConfirmLikelySource(app, actor_of(req), action->id, c);
                   if (!done.ok()) return Problem(done.error(), req.path);
                   return Response::Json(200, app::ToJson(done.value()));
               },
               {"Confirm one likely source of an unexplained adoption ({candidate: region key, organisation?: id of an "
                "organisation candidate, channel, note?}): it becomes the recorded source with that channel (a normal "
                "update, audited; an organisation's earliest adoption becomes the source adoption) and the decision is "
                "kept as a label; 422 when the region or organisation is not a candidate, 409 when a source is already "
                "recorded",
                "analytics",
                "",
                "",
                {}});
    router.Add("POST", "/api/v1/adoptions/{id}/likely-sources/reject",
               [&app, actor_of](Request& req) {
                   auto action = ReadRecordAction(req);
                   if (!action.ok()) return Problem(action.error(), req.path);
                   std::string note;
                   auto st = ReadJsonObject(action->body, [&](JsonReader& r) { r.Str("note", note, false, 5000); });
                   if (!st.ok()) return Problem(st.error(), req.path);
                   auto done = app::RejectLikelySources(app, actor_of(req), action->id, note);
                   if (!done.ok()) return Problem(done.error(), req.path);
                   return Response::Json(200, app::ToJson(done.value()));
               },
               {"Reject the likely sources shown for an unexplained adoption ({note?}); kept as a label with the "
                "candidates, their ranks and scores; the adoption is unchanged",
                "analytics",
                "",
                "",
                {}});
}

// The decisions kept as labels: one adoption's, and all of them with the accuracy they give.
void RegisterLabelReads(Router& router, app::App& app, const ActorResolver& actor_of) {
    router.Add("GET", "/api/v1/adoptions/{id}/likely-sources/decisions",
               [&app, actor_of](Request& req) {
                   auto id = ParseId(req.Param("id"));
                   if (!id.ok()) return Problem(id.error(), req.path);
                   auto list = app::SourceLabelsOf(app, actor_of(req), id.value());
                   if (!list.ok()) return Problem(list.error(), req.path);
                   OrderedJson items = OrderedJson::array();
                   for (const auto& l : list.value()) items.push_back(app::ToJson(l));
                   return Response::Json(
                       200, ListEnvelope(std::move(items), static_cast<std::int64_t>(list->size()), std::nullopt));
               },
               {"Decisions (confirmed / rejected likely sources) kept for one adoption, newest first",
                "analytics",
                "",
                "",
                {}});
    router.Add("GET", "/api/v1/analytics/source-labels",
               [&app, actor_of](Request& req) {
                   auto actor = actor_of(req);
                   auto rep = app::SourceLabelAccuracy(app, actor);
                   if (!rep.ok()) return Problem(rep.error(), req.path);
                   auto list = app::SourceLabelsOf(app, actor, 0);
                   if (!list.ok()) return Problem(list.error(), req.path);
                   OrderedJson j = app::ToJson(rep.value());
                   j["labels"] = OrderedJson::array();
                   for (const auto& l : list.value()) j["labels"].push_back(app::ToJson(l));
                   j["weights"] = analytics::LearnedWeightsJson(*app::SignalWeights(app, app.analytics().Get()));
                   return Response::Json(200, j);
               },
               {"Accuracy of the likely sources on curators' decisions (top-1, top-3; a rejection is a miss) and "
                "every label; curators and administrators",
                "analytics",
                "",
                "",
                {}});
}

}  // namespace

void RegisterSourceLabelRoutes(Router& router, app::App& app, const ActorResolver& actor_of) {
    RegisterDecisions(router, app, actor_of);
    RegisterLabelReads(router, app, actor_of);
}

}  // namespace orientir::http
