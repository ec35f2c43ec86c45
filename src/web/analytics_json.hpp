#pragma once
// Reading the analytics snapshot's JSON views (analytics/views.hpp) on the pages: fields, names in the
// page language, formatted numbers and links. Internal to the web module (pages_analytics.cpp,
// pages_benchmark.cpp).

#include <optional>
#include <string>

#include "analytics/views.hpp"
#include "common/json.hpp"
#include "web/handlers.hpp"

namespace orientir::web::detail {

inline std::string Str(const OrderedJson& j, const char* key) {
    if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
    return j[key].get<std::string>();
}
inline std::optional<double> Num(const OrderedJson& j, const char* key) {
    if (!j.is_object() || !j.contains(key) || !j[key].is_number()) return std::nullopt;
    return j[key].get<double>();
}
inline std::string RegionCodeOf(const OrderedJson& region) { return Str(region, "code"); }
// A field in the page's language: `<key>_en` on English pages when the data has it (indicator names and
// units, recommendation reasons), else `<key>`.
inline std::string StrIn(const Ctx& ctx, const OrderedJson& j, const char* key) {
    if (ctx.en()) {
        std::string en = Str(j, (std::string(key) + "_en").c_str());
        if (!en.empty()) return en;
    }
    return Str(j, key);
}

inline std::string PracticeLinkJ(const OrderedJson& brief) {
    auto id = brief.value("id", static_cast<std::int64_t>(0));
    return "<a href=\"/practices/" + std::to_string(id) + "\">" + E(Str(brief, "title")) + "</a>";
}

// The link with its freshness badge («требует подтверждения»: shown, not hidden; issue 16).
inline std::string PracticeLinkF(Ctx& ctx, const analytics::Snapshot& s, const OrderedJson& brief) {
    return PracticeLinkJ(brief) +
           SnapshotFreshnessBadge(ctx, s, false, brief.value("id", static_cast<std::int64_t>(0)));
}

// A stage as its badge, a channel as its label (escaped codes when unknown).
inline std::string StageLabel(const Ctx& ctx, const std::string& code) {
    auto s = domain::ParseAdoptionStage(code);
    return s ? ctx.StageBadge(*s) : E(code);
}
inline std::string ChannelLabel(const Ctx& ctx, const std::string& code) {
    auto c = domain::ParseChannel(code);
    return c ? ctx.Label(domain::LabelOf(*c)) : E(code);
}

inline std::string Fmt(const Ctx& ctx, std::optional<double> v, int decimals = 1) {
    return v ? ctx.Number(*v, decimals) : "—";
}

}  // namespace orientir::web::detail
