#pragma once
// News feeds (issue 13; docs/feeds.md), curators only:
//   GET  /api/v1/feeds                  every feed with its poll state
//   POST /api/v1/feeds                  {url, title, region, interval_minutes} → 201
//   GET  /api/v1/feeds/{id}             one feed, its state and its latest items
//   POST /api/v1/feeds/{id}/poll        poll soon (202)
#include "app/app.hpp"
#include "http/api/api_util.hpp"
#include "http/router.hpp"

namespace orientir::http {
void RegisterFeedRoutes(Router& router, app::App& app, const ActorResolver& actor);
}  // namespace orientir::http
