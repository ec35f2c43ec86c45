#include "analytics/indicator_import.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "common/json.hpp"
#include "common/strings.hpp"
#include "text/normalize.hpp"

namespace orientir::analytics {

namespace {

std::string Key(std::string_view s) { return text::Fold(Trim(s)); }

bool IsOneOf(const std::string& key, std::initializer_list<const char*> names) {
    return std::any_of(names.begin(), names.end(), [&](const char* n) { return key == n; });
}

// "2019", "2019 г.", "2019г" → 2019; otherwise 0.
int YearOfHeader(std::string_view cell) {
    cell = Trim(cell);
    if (cell.size() < 4) return 0;
    auto y = ParseInt(cell.substr(0, 4));
    if (!y || *y < 1900 || *y > 2100) return 0;
    auto rest = Trim(cell.substr(4));
    if (!rest.empty() && rest != "г." && rest != "г" && rest != "год") return 0;
    return static_cast<int>(*y);
}

bool IsNoData(std::string_view v) {
    v = Trim(v);
    return v.empty() || v == "-" || v == "–" || v == "—" || v == "…" || v == "..." || v == "x" || v == "х" ||
           v == "X" || v == "Х" || v == "н/д";
}

bool IsAggregate(const std::string& key) {
    return key.find("российская федерация") != std::string::npos ||
           key.find("федеральный округ") != std::string::npos || key.rfind("в том числе", 0) == 0 || key == "россия" ||
           key == "рф";
}

struct Ctx {
    const IndicatorImportOptions& o;
    std::unordered_map<std::string, std::string> region_by_key;
    std::set<std::string> indicators;
    std::vector<FieldIssue> issues;

    void Issue(std::size_t line, std::string rule, std::string message) {
        if (issues.size() < o.max_issues)
            issues.push_back(
                {"line " + std::to_string(line), std::move(rule), "строка " + std::to_string(line) + ": " + message});
    }
    std::optional<std::string> Region(std::string_view cell) const {
        auto t = Trim(cell);
        if (!t.empty() && t.size() <= 2 &&
            std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            std::string code = t.size() == 1 ? "0" + std::string(t) : std::string(t);
            auto it = region_by_key.find(code);
            return it == region_by_key.end() ? std::nullopt : std::optional<std::string>(it->second);
        }
        auto it = region_by_key.find(Key(t));
        return it == region_by_key.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
};

}  // namespace

Result<IndicatorImport> ImportIndicatorCsv(std::string_view bytes, const IndicatorImportOptions& options) {
    IndicatorImport out;
    out.encoding = IsValidUtf8(bytes) ? "utf-8" : "windows-1251";
    auto text = ToUtf8(bytes);
    if (!text) return Error::Invalid("file", "encoding", "Файл не в кодировке UTF-8 или Windows-1251");
    // A ';' anywhere in the first lines means ';'-separated: such files use decimal commas, so counting
    // commas would mislead; ','-separated files rarely contain semicolons.
    char delim = ',';
    {
        std::string_view head(*text);
        std::size_t nl = 0, end = 0;
        while (end < head.size() && nl < 30) nl += head[end++] == '\n' ? 1 : 0;
        head = head.substr(0, end);
        if (head.find(';') != std::string_view::npos)
            delim = ';';
        else if (head.find('\t') != std::string_view::npos && head.find(',') == std::string_view::npos)
            delim = '\t';
    }
    CsvTable table;
    CsvError cerr;
    if (!ParseCsv(*text, table, cerr, delim))
        return Error::Invalid("line " + std::to_string(cerr.line), "csv",
                              "строка " + std::to_string(cerr.line) + ": " + cerr.message);
    out.delimiter = table.delimiter;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> lines;
    rows.push_back(table.header);
    lines.push_back(1);
    for (std::size_t k = 0; k < table.rows.size(); ++k) {
        rows.push_back(std::move(table.rows[k]));
        lines.push_back(k < table.row_lines.size() ? table.row_lines[k] : k + 2);
    }

    Ctx ctx{options, {}, {}, {}};
    for (const auto& r : options.regions) {
        ctx.region_by_key[r.code] = r.code;
        for (const auto* n : {&r.name, &r.full_name, &r.short_name})
            if (!n->empty()) ctx.region_by_key.emplace(Key(*n), r.code);
        for (const auto& a : r.aliases) ctx.region_by_key.emplace(Key(a), r.code);
    }
    for (const auto& i : options.indicators) ctx.indicators.insert(i.code);

    // Find the header among the first lines.
    std::size_t h = 0;
    int col_ind = -1, col_reg = -1, col_year = -1, col_val = -1, col_src = -1;
    std::vector<std::pair<std::size_t, int>> year_cols;
    bool found = false;
    for (; h < rows.size() && h < 30 && !found; ++h) {
        col_ind = col_reg = col_year = col_val = col_src = -1;
        year_cols.clear();
        for (std::size_t c = 0; c < rows[h].size(); ++c) {
            auto k = Key(rows[h][c]);
            auto ci = static_cast<int>(c);
            if (IsOneOf(k, {"indicator", "показатель", "код показателя", "indicator_code"}))
                col_ind = ci;
            else if (IsOneOf(k, {"region", "регион", "субъект", "субъект рф", "субъект российской федерации",
                                 "код региона", "region_code"}))
                col_reg = ci;
            else if (IsOneOf(k, {"year", "год"}))
                col_year = ci;
            else if (IsOneOf(k, {"value", "значение"}))
                col_val = ci;
            else if (IsOneOf(k, {"source", "источник"}))
                col_src = ci;
            else if (int y = YearOfHeader(rows[h][c]))
                year_cols.emplace_back(c, y);
        }
        if (col_ind >= 0 && col_reg >= 0 && col_year >= 0 && col_val >= 0) {
            out.format = "long";
            found = true;
        } else if (!year_cols.empty()) {
            out.format = "wide";
            if (col_reg < 0) col_reg = 0;
            found = true;
        }
    }
    if (!found)
        return Error::Invalid("file", "header",
                              "Не найдена строка заголовка: нужны столбцы indicator, region, year, value "
                              "(показатель, регион, год, значение) или столбцы по годам");
    if (out.format == "wide" && col_ind < 0) {
        if (options.indicator.empty())
            return Error::Invalid("indicator", "required",
                                  "В таблице нет столбца показателя: укажите показатель для импорта");
        if (!ctx.indicators.count(options.indicator))
            return Error::Invalid("indicator", "unknown_indicator",
                                  "Неизвестный показатель «" + options.indicator + "»");
    }

    std::map<std::tuple<std::string, std::string, int>, std::size_t> seen;  // → line
    auto cell = [](const std::vector<std::string>& row, int c) -> std::string_view {
        return c >= 0 && static_cast<std::size_t>(c) < row.size() ? std::string_view(row[static_cast<std::size_t>(c)])
                                                                  : std::string_view();
    };
    auto add = [&](std::size_t line, const std::string& ind, const std::string& region, int year, std::string_view raw,
                   std::string_view src) {
        auto v = ParseDouble(Trim(raw));
        if (!v || !std::isfinite(*v)) {
            ctx.Issue(line, "number", "значение «" + std::string(Trim(raw)) + "» не является числом");
            return;
        }
        auto key = std::make_tuple(ind, region, year);
        if (auto it = seen.find(key); it != seen.end()) {
            ctx.Issue(line, "duplicate",
                      "повтор значения " + ind + " / " + region + " / " + std::to_string(year) +
                          " (уже было в строке " + std::to_string(it->second) + ")");
            return;
        }
        seen.emplace(key, line);
        domain::IndicatorValue iv;
        iv.indicator = ind;
        iv.region = region;
        iv.year = year;
        iv.value = *v;
        iv.source = src.empty() ? options.source : std::string(Trim(src));
        out.values.push_back(std::move(iv));
    };

    for (std::size_t k = h; k < rows.size(); ++k) {
        const auto& row = rows[k];
        const std::size_t line = lines[k];
        if (std::all_of(row.begin(), row.end(), [](const std::string& c) { return Trim(c).empty(); })) {
            ++out.skipped_rows;
            continue;
        }
        auto reg_cell = cell(row, col_reg);
        std::optional<std::string> region = ctx.Region(reg_cell);
        if (!region) {
            if (IsAggregate(Key(reg_cell))) {
                ++out.skipped_rows;
                continue;
            }
            ctx.Issue(line, "unknown_region", "неизвестный регион «" + std::string(Trim(reg_cell)) + "»");
            continue;
        }
        std::string ind = col_ind >= 0 ? std::string(Trim(cell(row, col_ind))) : options.indicator;
        if (!ctx.indicators.count(ind)) {
            ctx.Issue(line, "unknown_indicator", "неизвестный показатель «" + ind + "»");
            continue;
        }
        if (out.format == "long") {
            auto y = ParseInt(Trim(cell(row, col_year)));
            if (!y || *y < 1900 || *y > 2100) {
                ctx.Issue(line, "year",
                          "год «" + std::string(Trim(cell(row, col_year))) + "» должен быть числом от 1900 до 2100");
                continue;
            }
            if (IsNoData(cell(row, col_val))) {
                ++out.skipped_rows;
                continue;
            }
            add(line, ind, *region, static_cast<int>(*y), cell(row, col_val), cell(row, col_src));
        } else {
            for (auto [c, y] : year_cols) {
                auto raw = cell(row, static_cast<int>(c));
                if (IsNoData(raw)) continue;
                add(line, ind, *region, y, raw, cell(row, col_src));
            }
        }
    }
    if (!ctx.issues.empty()) return IssuesToError(std::move(ctx.issues));
    std::sort(out.values.begin(), out.values.end(),
              [](const domain::IndicatorValue& a, const domain::IndicatorValue& b) {
                  return std::tie(a.indicator, a.region, a.year) < std::tie(b.indicator, b.region, b.year);
              });
    return out;
}

}  // namespace orientir::analytics
