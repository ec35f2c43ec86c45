#include "http/api/language.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "common/strings.hpp"

namespace orientir::http {

namespace {

// q of one "tag;q=0.8" entry; nullopt when the q-value is malformed (the entry is ignored).
std::optional<double> Quality(std::string_view params) {
    double q = 1.0;
    for (const auto& p : Split(params, ';')) {
        auto kv = Trim(p);
        if (kv.empty()) continue;
        if (kv.size() < 2 || (kv[0] != 'q' && kv[0] != 'Q') || kv[1] != '=') continue;
        auto v = ParseDouble(kv.substr(2));
        if (!v || *v < 0 || *v > 1) return std::nullopt;
        q = *v;
    }
    return q;
}

// Calls fn(value lower-cased, q) for each entry of a ranked header (Accept, Accept-Language) in order;
// entries with a malformed q-value or no value are skipped.
template <class Fn>
void ForEachRanked(std::string_view header, Fn&& fn) {
    for (const auto& entry : Split(header, ',')) {
        auto e = Trim(entry);
        auto semi = e.find(';');
        std::string value(Trim(e.substr(0, semi)));
        for (auto& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto q = Quality(semi == std::string_view::npos ? std::string_view() : e.substr(semi + 1));
        if (q && !value.empty()) fn(value, *q);
    }
}

constexpr std::array<const char*, 4> kTwins = {"name", "unit", "reason", "reasons"};

}  // namespace

bool PrefersEnglish(std::string_view header) {
    double en = 0, ru = 0;
    bool en_seen = false, ru_seen = false;
    ForEachRanked(header, [&](const std::string& tag, double q) {
        std::string primary = tag.substr(0, tag.find('-'));
        if (primary == "en" && !en_seen) {
            en = q;
            en_seen = true;
        } else if ((primary == "ru" || tag == "*") && !ru_seen) {
            ru = q;
            ru_seen = true;
        }
    });
    return en_seen && en > 0 && (!ru_seen || en > ru);
}

void LocalizeToEnglish(OrderedJson& j) {
    if (j.is_array()) {
        for (auto& x : j) LocalizeToEnglish(x);
        return;
    }
    if (!j.is_object()) return;
    for (auto& [key, value] : j.items()) LocalizeToEnglish(value);
    for (const char* field : kTwins) {
        const std::string en = std::string(field) + "_en";
        auto it = j.find(en);
        if (it == j.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty())) continue;
        // Copies first: an ordered object is a vector, so inserting a key moves the values it refers to.
        OrderedJson english = *it;
        if (j.contains(field)) {
            OrderedJson russian = j[field];
            j[std::string(field) + "_ru"] = std::move(russian);
        }
        j[field] = std::move(english);
        j.erase(en);
    }
    // A region's short name follows its name (the English names are short already).
    if (j.contains("short_name") && j.contains("name_ru") && j["name"].is_string()) j["short_name"] = j["name"];
}

bool PrefersHtml(std::string_view accept) {
    double html = 0, json = 0;
    ForEachRanked(accept, [&](const std::string& type, double q) {
        if (type == "text/html" || type == "application/xhtml+xml")
            html = std::max(html, q);
        else if (type == "application/json" || (type.rfind("application/", 0) == 0 && type.ends_with("+json")))
            json = std::max(json, q);
    });
    return html > 0 && html > json;
}

bool IsPagePath(const std::string& path) {
    if (path.empty() || path.front() != '/') return false;
    for (const char* prefix : {"/api/", "/healthz", "/readyz", "/metrics", "/static/"})
        if (path.rfind(prefix, 0) == 0) return false;
    return true;
}

bool WantsHtmlError(const Request& req) {
    if (req.path.empty()) return false;
    return IsPagePath(req.path) || PrefersHtml(req.Header("accept"));
}

void AddApiLanguageFilter(Service& service) {
    service.AddResponseFilter([](const Request& req, Response& resp) {
        if (req.path.rfind("/api/", 0) != 0) return;
        resp.Header("Vary", "Accept-Language");
        if (resp.content_type.find("json") == std::string::npos || resp.body.empty()) return;
        if (!PrefersEnglish(req.Header("accept-language"))) return;
        auto j = OrderedJson::parse(resp.body, nullptr, false);
        if (j.is_discarded()) return;
        LocalizeToEnglish(j);
        resp.body = j.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
        resp.Header("Content-Language", "en");
    });
}

}  // namespace orientir::http
