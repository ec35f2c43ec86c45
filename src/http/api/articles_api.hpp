#pragma once
// The articles API and the review queue of proposed facts (issue 5; docs/review-queue.md):
//   POST /api/v1/articles                 JSON {text|html, title, source, url, published_at}, or a
//                                         text/plain or text/html body with those as query parameters
//   GET  /api/v1/articles, /api/v1/articles/{id}
//   GET  /api/v1/review?status=&article=&kind=, /api/v1/review/{id}
//   POST /api/v1/review/{id}/accept (edits), /merge {target_kind, target_id}, /reject {reason}
// Curators (staff) only: anonymous → 401, editors → 403.

#include "app/app.hpp"
#include "http/api/api_util.hpp"
#include "http/router.hpp"

namespace orientir::http {

void RegisterArticleRoutes(Router& router, app::App& app, const ActorResolver& actor);

}  // namespace orientir::http
