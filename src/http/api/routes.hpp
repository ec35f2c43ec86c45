#pragma once
// Registration of the JSON API routes under /api/v1.

#include "app/app.hpp"
#include "http/api/api_util.hpp"
#include "http/router.hpp"

namespace orientir::http {

// CRUD for the editable records, stage moves, reference data (regions, districts, domains).
void RegisterRecordRoutes(Router& router, app::App& app, const ActorResolver& actor);
void RegisterReferenceRoutes(Router& router, app::App& app);
// The requests inbox (GET …/adoption-requests/inbox; POST …/{id}/answer, /route, /close) and the passport
// history (GET /api/v1/practices/{id}/versions[/{n}], RegisterVersionRoutes); called by RegisterRecordRoutes.
void RegisterRequestRoutes(Router& router, app::App& app, const ActorResolver& actor);
void RegisterVersionRoutes(Router& router, app::App& app, const ActorResolver& actor);
// Confirm / reject likely sources of an unexplained adoption, the labels kept and their accuracy report
// (source_labels_api.cpp).
void RegisterSourceLabelRoutes(Router& router, app::App& app, const ActorResolver& actor);
// GET /api/v1/openapi.json, built from the router's routes and the schemas in data/openapi/.
void RegisterOpenApiRoute(Router& router, const std::string& assets_dir);
OrderedJson BuildOpenApi(const Router& router, const std::string& assets_dir);

}  // namespace orientir::http
