#include "web/svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/strings.hpp"

namespace orientir::web {

namespace detail {

namespace {
std::u32string Decode(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        char32_t cp = c;
        int n = 0;
        if (c >= 0xF0) {
            cp = c & 0x07;
            n = 3;
        } else if (c >= 0xE0) {
            cp = c & 0x0F;
            n = 2;
        } else if (c >= 0xC0) {
            cp = c & 0x1F;
            n = 1;
        }
        ++i;
        for (int k = 0; k < n && i < s.size(); ++k, ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
        out += cp;
    }
    return out;
}
std::string Encode(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) {
        if (c < 0x80)
            out += static_cast<char>(c);
        else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}
}  // namespace

std::vector<std::string> SplitLabel(const std::string& utf8, std::size_t width) {
    std::u32string s = Decode(utf8);
    if (s.size() <= width) return {utf8};
    // A space or hyphen that leaves both lines short enough.
    std::size_t best = std::u32string::npos;
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        if (s[i] != U' ' && s[i] != U'-') continue;
        std::size_t left = s[i] == U'-' ? i + 1 : i;
        std::size_t right = s.size() - i - 1;
        if (left <= width && right <= width &&
            (best == std::u32string::npos || std::max(left, right) < std::max(best, s.size() - best - 1)))
            best = i;
    }
    if (best != std::u32string::npos) {
        std::u32string a = s.substr(0, s[best] == U'-' ? best + 1 : best);
        return {Encode(a), Encode(s.substr(best + 1))};
    }
    // One long word stays whole (the tile squeezes it with textLength): a visible label must stay a
    // part of the tile's accessible name, which a hyphenated «Калинин-градская» would not be.
    return {utf8};
}

std::size_t CodePoints(const std::string& utf8) { return Decode(utf8).size(); }

std::optional<double> YearOf(const std::string& date) {
    if (date.size() < 10) return std::nullopt;
    auto y = ParseInt(date.substr(0, 4)), m = ParseInt(date.substr(5, 2)), d = ParseInt(date.substr(8, 2));
    if (!y || !m || !d) return std::nullopt;
    return static_cast<double>(*y) + (static_cast<double>(*m) - 1) / 12.0 + (static_cast<double>(*d) - 1) / 365.0;
}

}  // namespace detail

namespace {
std::string F(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (s.size() > 2 && s.substr(s.size() - 2) == ".0") s.resize(s.size() - 2);
    return s;
}
// The ISO 3166-2 suffix ("RU-KHM" → "KHM"): the English tile label.
std::string IsoShort(const domain::Region& r) {
    if (r.iso && r.iso->size() > 3) return r.iso->substr(3);
    return r.code;
}
}  // namespace

std::string TileMap(const Ctx& ctx, const TileMapSpec& spec) {
    constexpr int kTile = 58, kPitch = 62;
    int rows = 0, cols = 0;
    for (const auto& r : ctx.dir->regions) {
        if (!r.tile) continue;
        rows = std::max(rows, r.tile->row + 1);
        cols = std::max(cols, r.tile->col + 1);
    }
    std::string w = std::to_string(cols * kPitch), h = std::to_string(rows * kPitch);
    std::string out;
    out.reserve(40000);
    out += "<svg class=\"tilemap\" viewBox=\"0 0 " + w + " " + h + "\" width=\"" + w + "\" height=\"" + h +
           "\" role=\"group\" aria-labelledby=\"" + spec.id + "-t " + spec.id +
           "-d\" xmlns=\"http://www.w3.org/2000/svg\">";
    out += "<title id=\"" + spec.id + "-t\">" + spec.title + "</title><desc id=\"" + spec.id + "-d\">" + spec.desc +
           "</desc>";
    const domain::Region* hl = nullptr;
    auto tile = [&](const domain::Region& r, bool outline) {
        TileStyle st = spec.style ? spec.style(r) : TileStyle{"none", ""};
        int x = r.tile->col * kPitch + 2, y = r.tile->row * kPitch + 2;
        std::string name = ctx.RegionName(r.code);
        auto lines = ctx.en() ? std::vector<std::string>{IsoShort(r)}
                              : detail::SplitLabel(r.short_name.empty() ? r.name : r.short_name, 10);
        std::string visible =
            E(lines.size() > 1 ? lines[0] + (lines[0].back() == '-' ? "" : " ") + lines[1] : lines[0]);
        // The accessible name starts with the visible label (WCAG 2.5.3), then the full name and the note.
        std::string label = visible + (visible == name ? "" : " — " + name) + (st.note.empty() ? "" : ": " + st.note);
        std::string g = "<g class=\"tile c-" + st.cls + (outline ? " hl" : "") + "\">";
        if (spec.link) g += "<a href=\"/regions/" + E(r.code) + "\" aria-label=\"" + label + "\">";
        g += "<title>" + label + "</title>";
        g += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(kTile) +
             "\" height=\"" + std::to_string(kTile) + "\" rx=\"5\"/>";
        double cx = x + kTile / 2.0;
        double cy = y + kTile / 2.0 + (lines.size() == 1 ? 3.5 : -2.0);
        auto fit = [&](const std::string& line) {
            return detail::CodePoints(line) > 10 ? std::string(" textLength=\"54\" lengthAdjust=\"spacingAndGlyphs\"")
                                                 : std::string();
        };
        g += "<text x=\"" + F(cx) + "\" y=\"" + F(cy) + "\"" + fit(lines[0]) + ">" + E(lines[0]);
        if (lines.size() > 1)
            g += "<tspan x=\"" + F(cx) + "\" dy=\"11\"" + fit(lines[1]) + ">" + (lines[0].back() == '-' ? "" : " ") +
                 E(lines[1]) + "</tspan>";
        g += "</text>";
        if (spec.link) g += "</a>";
        g += "</g>";
        return g;
    };
    for (const auto& r : ctx.dir->regions) {
        if (!r.tile) continue;
        if (r.code == spec.highlight) {
            hl = &r;
            continue;
        }
        out += tile(r, false);
    }
    if (hl) out += tile(*hl, true);  // drawn last so its outline is on top
    out += "</svg>";
    return out;
}

std::string Legend(const Ctx& ctx, const std::vector<LegendItem>& items) {
    std::string out = "<ul class=\"legend\" aria-label=\"" + ctx.T("map.legend") + "\">";
    for (const auto& i : items)
        out += "<li><span class=\"sw c-" + i.cls + "\" aria-hidden=\"true\"></span>" + i.label + "</li>";
    return out + "</ul>";
}

std::string KpiChart(const Ctx& ctx, const domain::Kpi& k, const std::string& id) {
    if (!k.before && !k.after) return "";
    const double left = 118, right = 420, top = 8, bar_h = 24, gap = 10;
    double max_v = std::max(k.before.value_or(0), k.after.value_or(0));
    if (max_v <= 0) max_v = 1;
    // A round axis maximum: 1, 2, 2.5 or 5 times a power of ten.
    double p = std::pow(10.0, std::floor(std::log10(max_v)));
    double axis = p;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (m * p >= max_v) {
            axis = m * p;
            break;
        }
    }
    auto bx = [&](double v) { return left + (right - left) * std::max(0.0, v) / axis; };
    std::string unit = E(k.unit);
    auto year = [&](const std::optional<std::string>& d) {
        return d && d->size() >= 4 ? " · " + E(d->substr(0, 4)) : std::string();
    };
    std::string alt = E(k.name) + ": " + ctx.T("kpi.before") + " " + (k.before ? ctx.Number(*k.before) : "—") + " " +
                      unit + year(k.before_date) + "; " + ctx.T("kpi.after") + " " +
                      (k.after ? ctx.Number(*k.after) : "—") + " " + unit + year(k.after_date);
    double axis_y = top + 2 * bar_h + gap + 6;
    std::string out = "<svg class=\"kpi\" viewBox=\"0 0 520 " + F(axis_y + 34) + "\" role=\"img\" aria-labelledby=\"" +
                      id + "\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"" + id + "\">" + alt + "</title>";
    int row = 0;
    for (const auto& [v, date, key, cls] : {std::tuple{k.before, k.before_date, "kpi.before", "before"},
                                            std::tuple{k.after, k.after_date, "kpi.after", "after"}}) {
        double y = top + row * (bar_h + gap);
        out += "<text class=\"lbl\" x=\"" + F(left - 8) + "\" y=\"" + F(y + bar_h / 2 + 4) + "\" text-anchor=\"end\">" +
               ctx.T(key) + year(date) + "</text>";
        if (v) {
            out += "<rect class=\"" + std::string(cls) + "\" x=\"" + F(left) + "\" y=\"" + F(y) + "\" width=\"" +
                   F(std::max(1.0, bx(*v) - left)) + "\" height=\"" + F(bar_h) + "\" rx=\"3\"/>";
            out += "<text class=\"val\" x=\"" + F(bx(*v) + 6) + "\" y=\"" + F(y + bar_h / 2 + 4) + "\">" +
                   ctx.Number(*v) + "</text>";
        } else {
            out += "<text class=\"val\" x=\"" + F(left + 6) + "\" y=\"" + F(y + bar_h / 2 + 4) + "\">" +
                   ctx.T("kpi.no_data") + "</text>";
        }
        ++row;
    }
    out += "<line class=\"axis\" x1=\"" + F(left) + "\" y1=\"" + F(axis_y) + "\" x2=\"" + F(right) + "\" y2=\"" +
           F(axis_y) + "\"/>";
    for (int i = 0; i <= 4; ++i) {
        double v = axis * i / 4, x = bx(v);
        out += "<line class=\"tick\" x1=\"" + F(x) + "\" y1=\"" + F(top - 2) + "\" x2=\"" + F(x) + "\" y2=\"" +
               F(axis_y + 4) + "\"/>";
        out += "<text class=\"tk\" x=\"" + F(x) + "\" y=\"" + F(axis_y + 16) + "\" text-anchor=\"middle\">" +
               ctx.Number(v, 2) + "</text>";
    }
    out += "<text class=\"unit\" x=\"" + F(right) + "\" y=\"" + F(axis_y + 30) + "\" text-anchor=\"end\">" + unit +
           "</text>";
    return out + "</svg>";
}

std::string Timeline(const Ctx& ctx, const std::string& aria_label, const std::vector<TimelineRow>& rows) {
    if (rows.empty()) return "";
    const double left = 230, right = 900, row_h = 26, top = 8;
    double today = detail::YearOf(ctx.Today()).value_or(2025);
    double lo = today, hi = today;
    for (const auto& r : rows) {
        for (const auto& s : r.segments) {
            if (auto y = detail::YearOf(s.from)) lo = std::min(lo, *y);
            if (auto y = detail::YearOf(s.to)) hi = std::max(hi, *y);
        }
    }
    lo = std::floor(lo);
    hi = std::floor(hi) + 1;
    if (hi - lo < 2) lo = hi - 2;
    auto x = [&](double year) { return left + (right - left) * (year - lo) / (hi - lo); };
    double height = top + rows.size() * row_h + 28;
    bool links = std::any_of(rows.begin(), rows.end(), [](const auto& r) { return !r.href.empty(); });
    // With links inside, the picture is a group (an img may not hold focusable elements).
    std::string out = "<svg class=\"timeline\" viewBox=\"0 0 910 " + F(height) + "\" role=\"" +
                      (links ? "group" : "img") + "\" aria-label=\"" + aria_label +
                      "\" xmlns=\"http://www.w3.org/2000/svg\">";
    int step = hi - lo > 14 ? 2 : 1;
    double axis_y = top + rows.size() * row_h + 4;
    for (int y = static_cast<int>(lo); y <= static_cast<int>(hi); y += step) {
        out += "<line class=\"grid\" x1=\"" + F(x(y)) + "\" y1=\"" + F(top - 4) + "\" x2=\"" + F(x(y)) + "\" y2=\"" +
               F(axis_y) + "\"/>";
        out += "<text class=\"tk\" x=\"" + F(x(y)) + "\" y=\"" + F(axis_y + 16) + "\" text-anchor=\"middle\">" +
               std::to_string(y) + "</text>";
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        double y = top + i * row_h;
        std::string label = r.label;
        std::string text = "<text class=\"lbl\" x=\"" + F(left - 8) + "\" y=\"" + F(y + row_h / 2 + 3) +
                           "\" text-anchor=\"end\">" + label + "</text>";
        out += r.href.empty() ? text : "<a href=\"" + E(r.href) + "\">" + text + "</a>";
        for (const auto& s : r.segments) {
            auto a = detail::YearOf(s.from);
            if (!a) continue;
            double b = s.to.empty() ? today : detail::YearOf(s.to).value_or(today);
            double x1 = x(*a), x2 = std::max(x1 + 3, x(b));
            out += "<rect class=\"seg c-" + s.cls + "\" x=\"" + F(x1) + "\" y=\"" + F(y + 5) + "\" width=\"" +
                   F(x2 - x1) + "\" height=\"" + F(row_h - 10) + "\" rx=\"2\"><title>" + s.title + "</title></rect>";
        }
    }
    out += "<line class=\"today\" x1=\"" + F(x(today)) + "\" y1=\"" + F(top - 4) + "\" x2=\"" + F(x(today)) +
           "\" y2=\"" + F(axis_y) + "\"/>";
    return out + "</svg>";
}

std::string BarChart(const Ctx& ctx, const std::string& aria_label, const std::vector<Bar>& bars) {
    (void)ctx;
    const double left = 150, right = 430, row_h = 24;
    double max_v = 1;
    for (const auto& b : bars) max_v = std::max(max_v, b.value);
    std::string out = "<svg class=\"bars\" viewBox=\"0 0 480 " + F(bars.size() * row_h + 6) +
                      "\" role=\"img\" aria-label=\"" + aria_label + "\" xmlns=\"http://www.w3.org/2000/svg\">";
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const auto& b = bars[i];
        double y = 3 + i * row_h;
        out += "<text class=\"lbl\" x=\"" + F(left - 8) + "\" y=\"" + F(y + 15) + "\" text-anchor=\"end\">" + b.label +
               "</text>";
        double w = (right - left) * b.value / max_v;
        if (b.value > 0)
            out += "<rect class=\"c-" + b.cls + "\" x=\"" + F(left) + "\" y=\"" + F(y + 3) + "\" width=\"" +
                   F(std::max(2.0, w)) + "\" height=\"" + F(row_h - 8) + "\" rx=\"2\"/>";
        out += "<text class=\"val\" x=\"" + F(left + w + 6) + "\" y=\"" + F(y + 15) + "\">" + F(b.value) + "</text>";
    }
    return out + "</svg>";
}

}  // namespace orientir::web
