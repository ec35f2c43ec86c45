#pragma once
// Stage-resolved diffusion: how adoptions move through the stages (интерес → изучение → пилот → внедрено →
// масштабировано, or «прекращено»), grouped by channel, domain or adopter region, and the personnel effect.
//
// Per group: for each step of the canonical order (interest → study, study → pilot, pilot → implemented,
// implemented → scaled), the adoptions that reached both stages and the median days between the first
// day of each; conversion pilot → implemented (reached pilot, and later implemented or scaled) and
// implemented → scaled; the share currently discontinued. Adoptions still in progress count as not
// converted (no censoring correction): conversions of recent adoptions are understated.
//
// Personnel effect: for a move of an official from region A to region B on day m, the share of A's
// practices (originated by A, or adopted by A before m) that B did not have before m and started within
// two years after m; against the same share for practices of other regions C that no official moved from
// to B (up to 5 such regions per move, chosen deterministically), over the same window. At most
// `max_moves` moves are used (evenly spaced), so the figure is bounded in time at national scale.

#include <string>
#include <vector>

#include "analytics/snapshot.hpp"
#include "common/json.hpp"
#include "common/result.hpp"

namespace orientir::analytics {

struct StageStep {
    domain::AdoptionStage from, to;
    std::size_t n = 0;        // adoptions that reached both
    double median_days = -1;  // -1 when n = 0
};

struct StageGroup {
    std::string key;    // channel code, domain code or region code; "" for all
    std::string label;  // Russian label or name
    std::size_t adoptions = 0;
    std::vector<StageStep> steps;
    std::size_t reached_pilot = 0, pilot_to_implemented = 0;
    std::size_t reached_implemented = 0, implemented_to_scaled = 0;
    std::size_t discontinued = 0;
};

struct PersonnelEffect {
    std::size_t moves_used = 0, moves_total = 0;
    std::size_t after_available = 0, after_adopted = 0;        // practices of the region the official came from
    std::size_t baseline_available = 0, baseline_adopted = 0;  // practices of regions with no such move
    double Rate() const { return after_available ? static_cast<double>(after_adopted) / after_available : 0; }
    double BaselineRate() const {
        return baseline_available ? static_cast<double>(baseline_adopted) / baseline_available : 0;
    }
};

struct StagesResult {
    StageGroup all;
    std::vector<StageGroup> groups;  // by the requested dimension, largest first
    PersonnelEffect personnel;
};

// `by`: "channel", "domain", "region" or "" (overall only). Unknown `by` → invalid argument.
Result<StagesResult> Stages(const Snapshot& s, const std::string& by, std::size_t max_moves = 2000);
OrderedJson ToJson(const Snapshot& s, const StagesResult& r);

}  // namespace orientir::analytics
