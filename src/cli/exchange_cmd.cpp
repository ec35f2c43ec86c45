#include "cli/exchange_cmd.hpp"

#include <CLI/CLI.hpp>
#include <memory>
#include <vector>

#include "app/freshness.hpp"
#include "common/log.hpp"
#include "exchange/federation.hpp"

namespace orientir::cli {

namespace {

struct ExchangeSettings {
    std::string installation_id = "local";
    std::string installation_url;  // empty: http://<listen>
    std::vector<std::string> peers;
    int peer_interval = 15;
    app::FreshnessPolicy freshness;
    std::unique_ptr<feeds::Ticker> freshness_sweep;  // notifies owners of records that became stale
};

ExchangeSettings& Settings() {
    static ExchangeSettings s;
    return s;
}

}  // namespace

void RegisterExchangeOptions(CLI::App& cli) {
    CLI::App* serve = cli.get_subcommand("serve");
    auto& s = Settings();
    serve
        ->add_option("--installation-id", s.installation_id,
                     "this installation's id in the practice exchange (letters, digits, -)")
        ->capture_default_str()
        ->check([](const std::string& v) -> std::string {
            if (v.empty() || v.size() > 64) return "installation-id: 1 to 64 characters";
            for (char c : v)
                if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
                    return "installation-id: only Latin letters, digits, - and _, got \"" + v + "\"";
            return {};
        });
    serve->add_option("--installation-url", s.installation_url,
                      "this installation's public base URL (records' @id); default http://LISTEN");
    serve->add_option("--peer", s.peers, "follow another installation: its URL (repeatable)");
    serve->add_option("--peer-interval", s.peer_interval, "minutes between polls of a peer (1..10080)")
        ->capture_default_str()
        ->check(CLI::Range(1, 10080));
    serve
        ->add_option("--stale-after-months", s.freshness.stale_after_months,
                     "months after its last confirmation a record «требует подтверждения»")
        ->capture_default_str()
        ->check(CLI::Range(1, 120));
    serve
        ->add_option("--discontinue-after-months", s.freshness.discontinue_after_months,
                     "months after its last confirmation an active adoption is «прекращено?»")
        ->capture_default_str()
        ->check(CLI::Range(1, 240));
}

void StartExchange(app::App& app, const std::string& listen) {
    auto& s = Settings();
    app::SetFreshnessPolicy(app, s.freshness);
    auto sweep = [&app] {
        auto n = app::NotifyStale(app);
        if (!n.ok()) log::Warn("freshness: " + n.error().message);
    };
    sweep();  // the first sweep before the server is ready, so nothing writes behind a fresh start
    s.freshness_sweep = std::make_unique<feeds::Ticker>();
    s.freshness_sweep->Start(std::chrono::hours(1), sweep);
    exchange::FederationOptions o;
    o.self.id = s.installation_id;
    o.self.url = s.installation_url.empty() ? "http://" + listen : s.installation_url;
    while (!o.self.url.empty() && o.self.url.back() == '/') o.self.url.pop_back();
    exchange::Configure(app, o);
    auto& svc = exchange::ServiceFor(app);
    if (auto st = svc.EnsurePeers(s.peers, s.peer_interval); !st.ok()) log::Warn("federation: " + st.error().message);
    svc.Start();
}

void StopExchange(app::App& app) {
    if (Settings().freshness_sweep) Settings().freshness_sweep->Stop();
    exchange::ReleaseService(app);
}

}  // namespace orientir::cli
