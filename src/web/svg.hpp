#pragma once
// Pictures rendered on the server as SVG: the tile-grid map of the regions (one equal square per
// region, placed by the `tile` row/column of the reference data), before/after KPI charts, time
// lines (adoptions of a practice, positions of a person) and bar counts. Every picture carries a
// text alternative (aria-label or <title>/<desc>) and the page shows the same facts as text too.
// Colours come from CSS classes (the CSP forbids inline styles), so printing and themes work.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/types.hpp"
#include "web/context.hpp"

namespace orientir::web {

struct TileStyle {
    std::string cls;   // CSS class suffix of the fill: "none", "interest", ..., "origin", "hl"
    std::string note;  // escaped text added to the tile's accessible name ("пилот", "3 практики")
};

struct TileMapSpec {
    std::string id;     // unique on the page (ids of title/desc)
    std::string title;  // escaped
    std::string desc;   // escaped
    std::function<TileStyle(const domain::Region&)> style;
    std::string highlight;  // region code drawn with a thick outline ("" for none)
    bool link = true;       // each tile links to its region page
};
std::string TileMap(const Ctx& ctx, const TileMapSpec& spec);

struct LegendItem {
    std::string cls;    // same suffix as TileStyle::cls
    std::string label;  // escaped
};
std::string Legend(const Ctx& ctx, const std::vector<LegendItem>& items);

// One KPI: two bars (before, after) on a common axis from 0, with values, unit and dates.
std::string KpiChart(const Ctx& ctx, const domain::Kpi& kpi, const std::string& id);

struct TimelineSegment {
    std::string from, to;  // dates; `to` empty = until today
    std::string cls;       // CSS class suffix (stage code, "pos")
    std::string title;     // escaped tooltip
};
struct TimelineRow {
    std::string label;  // escaped
    std::string href;   // link of the row label ("" for none)
    std::vector<TimelineSegment> segments;
};
std::string Timeline(const Ctx& ctx, const std::string& aria_label, const std::vector<TimelineRow>& rows);

struct Bar {
    std::string label;  // escaped
    double value = 0;
    std::string cls;
};
std::string BarChart(const Ctx& ctx, const std::string& aria_label, const std::vector<Bar>& bars);

namespace detail {
// A tile label in at most two lines, broken at the space or hyphen that best balances lines of at most
// `width` characters; a single long word stays whole.
std::vector<std::string> SplitLabel(const std::string& utf8, std::size_t width);
std::size_t CodePoints(const std::string& utf8);
// Fractional year of a YYYY-MM-DD date (2020-07-01 → 2020.496); nullopt when not a date.
std::optional<double> YearOf(const std::string& date);
}  // namespace detail

}  // namespace orientir::web
