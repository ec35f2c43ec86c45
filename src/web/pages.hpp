#pragma once
// The web interface: server-rendered HTML pages (Russian first, English by switch) for the regional
// coordinator, the practice owner and the curator, on top of `app` through an http::Service.
// Every page works without JavaScript; the one small script only refreshes dependent lists.
//
// RegisterPages adds the page routes, the static assets (/static/...) and the message catalogue to
// the service's router. Call once, after Service::RegisterCoreRoutes. Thread-safe afterwards.

#include "http/service.hpp"

namespace orientir::web {

void RegisterPages(http::Service& service);

}  // namespace orientir::web
