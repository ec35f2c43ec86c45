// A region's own network (issue 15): whom it borrowed from and who borrowed from it, by channel and by
// year — a section of the region page and the page /network?region= (any region key). The picture is
// SVG drawn on the server from analytics::EgoLayout (fixed positions: the same data gives the same
// picture, labels in their own boxes), with the table view beside it; it prints and needs no script.
#include <algorithm>
#include <cmath>
#include <map>

#include "analytics/region_network.hpp"
#include "common/strings.hpp"
#include "web/handlers.hpp"
#include "web/html.hpp"
#include "web/svg.hpp"

namespace orientir::web::detail {

namespace {

using analytics::ChannelCounts;
using analytics::kLabelHeight;
using analytics::kLabelWidth;

std::string Fixed(double v) { return std::to_string(static_cast<long>(std::lround(v))); }

// "Кадровый переход 2, Конференция 1" for the channels with any adoption.
Html ChannelList(const Ctx& ctx, const ChannelCounts& counts) {
    Html h;
    bool first = true;
    for (auto ch : domain::AllChannel()) {
        int v = counts[static_cast<std::size_t>(ch)];
        if (!v) continue;
        if (!first) h << ", ";
        first = false;
        h << ctx.Label(domain::LabelOf(ch)) << " " << v;
    }
    if (first) h << "—";
    return h;
}

bool Personnel(const ChannelCounts& c) { return c[static_cast<std::size_t>(domain::Channel::kPersonnel)] > 0; }

// The flow picture: sources left, the region in the middle, adopters right; one arrow per partner and
// direction, thicker for more adoptions, red when the personnel channel carried any.
std::string FlowSvg(const Ctx& ctx, const analytics::Snapshot& s, const analytics::RegionNetworkResult& n) {
    auto pos = analytics::EgoLayout(n);
    double top = 0, bottom = 0;
    for (const auto& p : pos) {
        top = std::min(top, p.y);
        bottom = std::max(bottom, p.y);
    }
    const double x0 = -3 * kLabelWidth - 20, y0 = top - 50, w = 6 * kLabelWidth + 40, h = bottom - top + 74;
    std::map<int, const analytics::PartnerFlow*> flow;
    for (const auto& p : n.partners) flow[p.region] = &p;
    // No links inside the picture (an image's parts are not controls): the table beside it links each region.
    std::string svg = "<svg class=\"flow\" viewBox=\"" + Fixed(x0) + " " + Fixed(y0) + " " + Fixed(w) + " " + Fixed(h) +
                      "\" role=\"img\" aria-labelledby=\"flow-t\"><title id=\"flow-t\">" +
                      ctx.T("net.region_graph_alt") +
                      "</title><defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
                      "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" "
                      "class=\"arrowhead\"/></marker></defs>";
    const double r = 9, focus_r = 14;
    for (const auto& p : pos) {
        if (p.side == 0) continue;
        const auto& f = *flow[p.region];
        const int weight = p.side < 0 ? f.borrowed_from : f.borrowed_by;
        const bool personnel = Personnel(p.side < 0 ? f.from_channels : f.by_channels);
        // From the source's edge to the adopter's edge.
        double dx = -p.x, dy = -p.y, len = std::hypot(dx, dy);
        double ux = dx / len, uy = dy / len;
        double sx = p.side < 0 ? p.x + ux * r : -ux * focus_r, sy = p.side < 0 ? p.y + uy * r : -uy * focus_r;
        double tx = p.side < 0 ? -ux * focus_r : p.x + ux * r, ty = p.side < 0 ? -uy * focus_r : p.y + uy * r;
        svg += "<line class=\"edge" + std::string(personnel ? " personnel" : "") + "\" x1=\"" + Fixed(sx) + "\" y1=\"" +
               Fixed(sy) + "\" x2=\"" + Fixed(tx) + "\" y2=\"" + Fixed(ty) + "\" stroke-width=\"" +
               std::to_string(std::min(1 + weight, 7)) + "\" marker-end=\"url(#arrow)\"/>";
    }
    // Labels stand on the outer side of their node (sources' to the left, adopters' to the right), away
    // from the arrows; the region's own name is the caption above the middle.
    for (const auto& p : pos) {
        const std::string& code = s.regions[static_cast<std::size_t>(p.region)].code;
        const char* role = p.side < 0 ? "r-source" : p.side > 0 ? "r-adopter" : "r-focus";
        svg += "<g class=\"node " + std::string(role) + "\"><circle cx=\"" + Fixed(p.x) + "\" cy=\"" + Fixed(p.y) +
               "\" r=\"" + Fixed(p.side ? r : focus_r) + "\"/>";
        auto lines = SplitLabel(ctx.RegionShort(code), 17);
        const double lx = p.side < 0 ? p.x - r - 6 : p.side > 0 ? p.x + r + 6 : 0;
        const double ly = p.side ? p.y + 4 - (lines.size() > 1 ? 6 : 0) : top - 30;
        svg += "<text class=\"lbl " +
               std::string(p.side < 0   ? "end"
                           : p.side > 0 ? "start"
                                        : "mid") +
               "\" x=\"" + Fixed(lx) + "\" y=\"" + Fixed(ly) + "\">";
        for (std::size_t k = 0; k < lines.size() && k < 2; ++k)
            svg += "<tspan x=\"" + Fixed(lx) + "\" dy=\"" + (k ? "13" : "0") + "\">" + lines[k] + "</tspan>";
        svg += "</text></g>";
    }
    return svg + "</svg>";
}

Html PartnerTable(const Ctx& ctx, const analytics::Snapshot& s, const analytics::RegionNetworkResult& n) {
    Html h;
    h << "<div class=\"scroll sticky-first\"><table class=\"data\" id=\"partners\"><caption>" << Tr(ctx, "net.partners")
      << "</caption><thead><tr><th scope=\"col\">" << Tr(ctx, "net.partner") << "</th><th scope=\"col\">"
      << Tr(ctx, "net.col_from") << "</th><th scope=\"col\">" << Tr(ctx, "net.col_by") << "</th><th scope=\"col\">"
      << Tr(ctx, "net.col_channels") << "</th></tr></thead><tbody>";
    for (const auto& p : n.partners) {
        const std::string& code = s.regions[static_cast<std::size_t>(p.region)].code;
        h << "<tr><th scope=\"row\">" << Html::Trusted(ctx.RegionLink(code), "Ctx escapes region names")
          << "</th><td class=\"num\">" << p.borrowed_from << "</td><td class=\"num\">" << p.borrowed_by << "</td><td>";
        if (p.borrowed_from) h << "← " << ChannelList(ctx, p.from_channels);
        if (p.borrowed_from && p.borrowed_by) h << "<br>";
        if (p.borrowed_by) h << "→ " << ChannelList(ctx, p.by_channels);
        h << "</td></tr>";
    }
    h << "</tbody></table></div>";
    return h;
}

Html YearTable(const Ctx& ctx, const analytics::RegionNetworkResult& n) {
    Html h;
    h << "<h3>" << Tr(ctx, "net.by_year")
      << "</h3><table class=\"data\" id=\"network-years\"><thead><tr><th scope=\"col\">" << Tr(ctx, "net.year")
      << "</th><th scope=\"col\">" << Tr(ctx, "net.direction_from") << "</th><th scope=\"col\">"
      << Tr(ctx, "net.direction_by") << "</th></tr></thead><tbody>";
    for (const auto& y : n.years)
        h << "<tr><th scope=\"row\">" << y.year << "</th><td class=\"num\">" << y.borrowed_from
          << "</td><td class=\"num\">" << y.borrowed_by << "</td></tr>";
    h << "</tbody></table><h3>" << Tr(ctx, "net.channels_both") << "</h3><p>" << Tr(ctx, "net.direction_from") << ": "
      << ChannelList(ctx, n.from_channels) << "<br>" << Tr(ctx, "net.direction_by") << ": "
      << ChannelList(ctx, n.by_channels) << "</p>";
    return h;
}

// Totals, the picture and the tables; `heading` is the section's h2 text (escaped catalogue text).
Html NetworkBody(Ctx& ctx, const analytics::Snapshot& s, const analytics::RegionNetworkResult& n) {
    Html h;
    h << "<ul class=\"figures\"><li><strong>" << n.borrowed_from << "</strong> " << Tr(ctx, "net.borrowed_from")
      << "</li><li><strong>" << n.borrowed_by << "</strong> " << Tr(ctx, "net.borrowed_by") << "</li><li><strong>"
      << n.intra_regional << "</strong> " << Tr(ctx, "net.intra") << "</li></ul>";
    if (n.partners.empty()) return h << "<p class=\"empty\">" << Tr(ctx, "net.region_none") << "</p>";
    h << "<div class=\"network-split\"><figure class=\"flow-figure\">"
      << Html::Trusted(FlowSvg(ctx, s, n), "SVG built from escaped names") << "<figcaption><ul class=\"legend\"><li>"
      << "<span class=\"sw r-source\"></span>" << Tr(ctx, "net.direction_from") << "</li><li>"
      << "<span class=\"sw r-adopter\"></span>" << Tr(ctx, "net.direction_by") << "</li><li>"
      << "<span class=\"sw e-personnel\"></span>" << Tr(ctx, "net.personnel_edge") << "</li></ul></figcaption></figure>"
      << "<div class=\"network-tables\">" << PartnerTable(ctx, s, n) << YearTable(ctx, n) << "</div></div>";
    return h;
}

}  // namespace

std::string RegionNetworkSection(Ctx& ctx, const std::string& code) {
    auto snap = ctx.app.analytics().Get();
    if (!snap || snap->RegionIndex(code) < 0) return "";
    auto n = analytics::RegionNetwork(*snap, snap->RegionIndex(code), {});
    if (!n.ok()) return "";
    Html h;
    h << "<section id=\"region-network\" aria-labelledby=\"h-rnet\"><h2 id=\"h-rnet\">" << Tr(ctx, "net.region_section")
      << "</h2>" << NetworkBody(ctx, *snap, *n) << "<p><a href=\"/network?region=" << code << "\">"
      << Tr(ctx, "net.region_open") << "</a></p></section>";
    return std::move(h).str();
}

http::Response RegionNetworkPage(Ctx& ctx, const std::string& key) {
    auto region = ctx.app.FindRegion(std::string(Trim(key)));
    if (!region.ok()) return NotFoundPage(ctx);
    const std::string code = region->code;
    auto snap = ctx.app.analytics().Get();
    std::string title = ctx.T("net.region_title") + ": " + ctx.RegionName(code);
    Html h;
    h << Html::Trusted(Breadcrumbs(ctx, {{"/network", ctx.T("net.title")}, {"", ctx.RegionName(code)}}), "breadcrumbs")
      << "<h1>" << Html::Trusted(title, "catalogue text and an escaped name") << "</h1><p class=\"lead\">"
      << Tr(ctx, "net.region_lead") << "</p>";
    if (!snap)
        return Page(ctx, 503, title, std::move(h).str() + "<p class=\"empty\">" + ctx.T("net.unavailable") + "</p>");
    std::string dom = ctx.req.Query("domain").value_or("");
    if (!dom.empty() && snap->DomainIndex(dom) < 0) dom.clear();
    auto n = analytics::RegionNetwork(*snap, snap->RegionIndex(code), {dom, "", "", 0});
    if (!n.ok())
        return Page(ctx, 200, title, std::move(h).str() + "<p class=\"empty\">" + E(n.error().message) + "</p>");
    h << "<p>" << Html::Trusted(ctx.RegionLink(code), "Ctx escapes region names") << "</p>"
      << NetworkBody(ctx, *snap, *n);
    return Page(ctx, 200, title, std::move(h).str());
}

}  // namespace orientir::web::detail
