#pragma once
// The practice-exchange format and federation (issue 16; docs/exchange.md):
//   GET  /api/v1/exchange?since=N&limit=M          a page of published records after change N (ETag)
//   GET  /api/v1/federation/peers                  installations followed, with their poll state (curators)
//   POST /api/v1/federation/peers                  {url, interval_minutes} → 201 (curators)
//   POST /api/v1/federation/peers/{id}/poll        poll soon (202)
//   GET  /api/v1/federation/issues                 records not taken or withdrawn at their origin (curators)
#include "app/app.hpp"
#include "http/api/api_util.hpp"
#include "http/router.hpp"

namespace orientir::http {
void RegisterExchangeRoutes(Router& router, app::App& app, const ActorResolver& actor);
}  // namespace orientir::http
