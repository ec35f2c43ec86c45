#pragma once
// The serve options of the practice exchange and federation (docs/exchange.md), registered from here
// with one call from main.cpp; Serve configures and starts federation with them.
// TOML keys (in [serve] or at the top): installation-id, installation-url, peer (array),
// peer-interval; and the freshness periods stale-after-months, discontinue-after-months
// (docs/web.md, «Freshness»), whose owner notifications are swept hourly here.

#include <string>

namespace CLI {
class App;
}
namespace orientir::app {
class App;
}

namespace orientir::cli {

// Adds the options to the `serve` command of `cli` (which must exist).
void RegisterExchangeOptions(CLI::App& cli);
// Configures the exchange of `app` (this installation's id and URL; `listen` gives the default URL),
// adds the configured peers and starts polling them. Errors go to the log; serving goes on.
void StartExchange(app::App& app, const std::string& listen);
void StopExchange(app::App& app);

}  // namespace orientir::cli
