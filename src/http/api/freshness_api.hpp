#pragma once
// Freshness (issue 16; docs/web.md, «Freshness»):
//   POST /api/v1/practices/{id}/confirm     the owner or a curator confirms the passport is current
//   POST /api/v1/adoptions/{id}/confirm     the same for an adoption
//   GET  /api/v1/freshness                  curators: share of stale records per region and domain
#include "app/app.hpp"
#include "http/api/api_util.hpp"
#include "http/router.hpp"

namespace orientir::http {
void RegisterFreshnessRoutes(Router& router, app::App& app, const ActorResolver& actor);
}  // namespace orientir::http
