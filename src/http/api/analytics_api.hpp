#pragma once
// JSON API of the analytics module («Равняемся на», recommendations, diffusion network). Handlers
// read the current analytics snapshot from the holder (no locks) and answer from it alone.
//
//   GET /api/v1/regions/{code}/benchmark?domain=&leader=      rank, percentiles, composite, gap, trends
//   GET /api/v1/regions/{code}/lacking?from=86,89&domain=     practices they have and the region lacks
//   GET /api/v1/regions/{code}/recommendations?municipality=&domain=&limit=
//   GET /api/v1/practices/{id}/similar?limit=
//   GET /api/v1/practices/{id}/spread
//   GET /api/v1/analytics/duplicates?title=&summary=          probable duplicates of a new submission
//   GET /api/v1/network?domain=&from=&to=                     edges, roles, influence, channels, timing
//   GET /api/v1/network/careers?years=&domain=                career overlay
//   GET /api/v1/network/inferred?level=&model=&params=&p=&domain=&edges=   NetInf latent network (kind=inferred)
//   GET /api/v1/adoptions/{id}/likely-sources?limit=&signals=      ranked likely sources with reasons
//   GET /api/v1/practices/{id}/seeding?seeds=&horizon=             where to seed (CELF on the inferred network)
//   GET /api/v1/analytics/stages?by=channel|domain|region          stage-to-stage times, conversion, personnel effect

#include "analytics/inferred_network.hpp"
#include "analytics/snapshot.hpp"
#include "analytics/weight_fit.hpp"
#include "common/clock.hpp"
#include "http/api/api_util.hpp"
#include "http/router.hpp"

namespace orientir::http {

// `holder` and `clock` must outlive the router. Practices (and adoptions of practices) the actor may
// not see (app/visibility.hpp) are left out of every answer; a per-practice route on one answers 404.
// Without a resolver every request is anonymous. `inference` is the shared inferred-network cache (the
// App's, also read by the pages); without one the routes keep their own. `municipal` is the same for the
// municipal view (`level=municipality`). `weights` gives the likely sources' signal weights (learned from
// curators' labels, app::SignalWeights); without it, the defaults.
using SignalWeightsFn =
    std::function<std::shared_ptr<const analytics::LearnedWeights>(const std::shared_ptr<const analytics::Snapshot>&)>;
void RegisterAnalyticsRoutes(Router& router, analytics::SnapshotHolder& holder, const Clock& clock,
                             ActorResolver actor = nullptr, analytics::InferenceCache* inference = nullptr,
                             analytics::InferenceCache* municipal = nullptr, const SignalWeightsFn& weights = nullptr);

}  // namespace orientir::http
