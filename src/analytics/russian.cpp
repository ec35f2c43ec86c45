#include "analytics/russian.hpp"

#include <vector>

namespace orientir::analytics::ru {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string AccusativeWord(std::string_view w) {
    struct Rule {
        std::string_view from, to;
    };
    static const Rule kRules[] = {{"ая", "ую"}, {"яя", "юю"}, {"а", "у"}, {"я", "ю"}};
    for (const auto& rule : kRules)
        if (EndsWith(w, rule.from)) return std::string(w.substr(0, w.size() - rule.from.size())) + std::string(rule.to);
    return std::string(w);
}

}  // namespace

std::string DisplayName(const RegionRow& r) {
    if (r.short_name.empty() || EndsWith(r.short_name, "ая")) return r.name;
    return r.short_name;
}

std::string Accusative(std::string_view name) {
    std::string out;
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find(' ', start);
        if (end == std::string_view::npos) end = name.size();
        out += AccusativeWord(name.substr(start, end - start));
        if (end < name.size()) out += ' ';
        start = end + 1;
    }
    return out;
}

std::string_view Plural(long n, std::string_view one, std::string_view few, std::string_view many) {
    long m = n % 100, k = n % 10;
    if (m >= 11 && m <= 14) return many;
    if (k == 1) return one;
    if (k >= 2 && k <= 4) return few;
    return many;
}

}  // namespace orientir::analytics::ru
