#include "analytics/inferred_network.hpp"

#include <chrono>

#include "analytics/municipal_network.hpp"

namespace orientir::analytics {

std::vector<Cascade> RegionalCascades(const Snapshot& s, int domain) {
    std::vector<Cascade> out;
    out.reserve(s.practices.size());
    std::vector<std::int32_t> first(s.R(), kNoDay);
    std::vector<int> seen;
    for (std::size_t p = 0; p < s.practices.size(); ++p) {
        const auto& pr = s.practices[p];
        if (pr.state == domain::ModerationState::kDraft) continue;
        if (domain >= 0 && !s.InDomain(static_cast<int>(p), domain)) continue;
        seen.clear();
        auto note = [&](int region, std::int32_t day) {
            if (region < 0 || day == kNoDay) return;
            auto& f = first[static_cast<std::size_t>(region)];
            if (f == kNoDay) seen.push_back(region);
            if (f == kNoDay || day < f) f = day;
        };
        note(pr.origin_region, pr.origin_day);
        for (auto k = s.by_practice_offsets[p]; k < s.by_practice_offsets[p + 1]; ++k) {
            const auto& a = s.adoptions[s.by_practice[k]];
            note(a.adopter_region, a.start_day);
        }
        if (seen.empty()) continue;
        Cascade c;
        c.nodes.reserve(seen.size());
        c.times.reserve(seen.size());
        for (int r : seen) {
            c.nodes.push_back(r);
            c.times.push_back(static_cast<double>(first[static_cast<std::size_t>(r)]) / 365.25);
            first[static_cast<std::size_t>(r)] = kNoDay;
        }
        out.push_back(std::move(c));
    }
    return out;
}

void RunNetInf(RegionalInference& out, int nodes, const std::vector<Cascade>& cascades,
               const RegionalInferenceOptions& options) {
    out.options = options;
    out.cascades = cascades.size();
    for (const auto& c : cascades) out.events += c.nodes.size();
    NetInfOptions o;
    o.model = options.model;
    o.params = options.params;
    o.max_edges = options.max_edges;
    o.p_value_cutoff = options.p_value_cutoff;
    out.net = InferNetwork(nodes, cascades, o);
    out.reported_edges = out.net.edges.size();
    if (options.p_value_cutoff > 0 && !out.net.edges.empty() && out.net.edges.back().p_value >= options.p_value_cutoff)
        --out.reported_edges;
}

std::shared_ptr<const RegionalInference> InferRegional(const Snapshot& s, const RegionalInferenceOptions& options) {
    if (options.level == NetworkLevel::kMunicipality) return InferMunicipal(s, options);
    auto started = std::chrono::steady_clock::now();
    auto out = std::make_shared<RegionalInference>();
    out->change_seq = s.change_seq;
    out->R = s.R();
    RunNetInf(*out, static_cast<int>(s.R()), RegionalCascades(s, options.domain), options);
    out->edge_at.assign(out->R * out->R, -1);
    for (std::size_t i = 0; i < out->reported_edges; ++i) {
        const auto& e = out->net.edges[i];
        out->edge_at[static_cast<std::size_t>(e.from) * out->R + static_cast<std::size_t>(e.to)] =
            static_cast<std::int32_t>(i);
    }
    out->ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return out;
}

InferenceCache::~InferenceCache() { Wait(); }

void InferenceCache::Wait() {
    std::thread t;
    {
        std::lock_guard<std::mutex> lock(mu_);
        t = std::move(worker_);
    }
    if (t.joinable()) t.join();
}

std::shared_ptr<const RegionalInference> InferenceCache::Get(const std::shared_ptr<const Snapshot>& s) {
    std::unique_lock<std::mutex> lock(mu_);
    if (result_ && for_ == s.get() && !alive_.expired()) return result_;
    bool usable = result_ && result_->R == s->R();
    if (!background_ || !usable) {
        result_ = InferRegional(*s, options_);
        for_ = s.get();
        alive_ = s;
        return result_;
    }
    if (!pending_) {
        pending_ = true;
        if (worker_.joinable()) worker_.join();  // a finished earlier run
        worker_ = std::thread([this, s] {
            auto r = InferRegional(*s, options_);
            std::lock_guard<std::mutex> done(mu_);
            result_ = std::move(r);
            for_ = s.get();
            alive_ = s;
            pending_ = false;
        });
    }
    return result_;
}

}  // namespace orientir::analytics
