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

// A ';' anywhere in the first lines means ';'-separated: such files use decimal commas, so counting
// commas would mislead; ','-separated files rarely contain semicolons.
char IndicatorDelimiter(std::string_view text) {
    std::size_t nl = 0, end = 0;
    while (end < text.size() && nl < 30) nl += text[end++] == '\n' ? 1 : 0;
    std::string_view head = text.substr(0, end);
    if (head.find(';') != std::string_view::npos) return ';';
    if (head.find('\t') != std::string_view::npos && head.find(',') == std::string_view::npos) return '\t';
    return ',';
}

// The header row among the first 30 and its columns: "long" (indicator, region, year, value) or "wide"
// (a region column, default the first, and one column per year); format empty when none is found.
struct HeaderColumns {
    std::string format;
    std::size_t next_row = 0;  // the row after the header
    int ind = -1, reg = -1, year = -1, val = -1, src = -1;
    std::vector<std::pair<std::size_t, int>> years;
};
HeaderColumns FindHeader(const std::vector<std::vector<std::string>>& rows) {
    HeaderColumns hc;
    for (std::size_t h = 0; h < rows.size() && h < 30; ++h) {
        hc = HeaderColumns{};
        hc.next_row = h + 1;
        for (std::size_t c = 0; c < rows[h].size(); ++c) {
            auto k = Key(rows[h][c]);
            auto ci = static_cast<int>(c);
            if (IsOneOf(k, {"indicator", "показатель", "код показателя", "indicator_code"}))
                hc.ind = ci;
            else if (IsOneOf(k, {"region", "регион", "субъект", "субъект рф", "субъект российской федерации",
                                 "код региона", "region_code"}))
                hc.reg = ci;
            else if (IsOneOf(k, {"year", "год"}))
                hc.year = ci;
            else if (IsOneOf(k, {"value", "значение"}))
                hc.val = ci;
            else if (IsOneOf(k, {"source", "источник"}))
                hc.src = ci;
            else if (int y = YearOfHeader(rows[h][c]))
                hc.years.emplace_back(c, y);
        }
        if (hc.ind >= 0 && hc.reg >= 0 && hc.year >= 0 && hc.val >= 0) {
            hc.format = "long";
            return hc;
        }
        if (!hc.years.empty()) {
            hc.format = "wide";
            if (hc.reg < 0) hc.reg = 0;
            return hc;
        }
    }
    return HeaderColumns{};
}

std::string_view Cell(const std::vector<std::string>& row, int c) {
    return c >= 0 && static_cast<std::size_t>(c) < row.size() ? std::string_view(row[static_cast<std::size_t>(c)])
                                                              : std::string_view();
}

// The values of the rows after the header: one per row (long) or per year column (wide); problems
// become issues naming the line, rows without data are counted as skipped.
struct RowCollector {
    Ctx& ctx;
    const HeaderColumns& hc;
    IndicatorImport& out;
    std::map<std::tuple<std::string, std::string, int>, std::size_t> seen;  // → line

    void Add(std::size_t line, const std::string& ind, const std::string& region, int year, std::string_view raw,
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
        iv.source = src.empty() ? ctx.o.source : std::string(Trim(src));
        out.values.push_back(std::move(iv));
    }

    void Row(const std::vector<std::string>& row, std::size_t line) {
        if (std::all_of(row.begin(), row.end(), [](const std::string& c) { return Trim(c).empty(); })) {
            ++out.skipped_rows;
            return;
        }
        auto reg_cell = Cell(row, hc.reg);
        std::optional<std::string> region = ctx.Region(reg_cell);
        if (!region) {
            if (IsAggregate(Key(reg_cell)))
                ++out.skipped_rows;
            else
                ctx.Issue(line, "unknown_region", "неизвестный регион «" + std::string(Trim(reg_cell)) + "»");
            return;
        }
        std::string ind = hc.ind >= 0 ? std::string(Trim(Cell(row, hc.ind))) : ctx.o.indicator;
        if (!ctx.indicators.count(ind)) {
            ctx.Issue(line, "unknown_indicator", "неизвестный показатель «" + ind + "»");
            return;
        }
        if (hc.format == "wide") {
            for (auto [c, y] : hc.years) {
                auto raw = Cell(row, static_cast<int>(c));
                if (!IsNoData(raw)) Add(line, ind, *region, y, raw, Cell(row, hc.src));
            }
            return;
        }
        auto y = ParseInt(Trim(Cell(row, hc.year)));
        if (!y || *y < 1900 || *y > 2100) {
            ctx.Issue(line, "year",
                      "год «" + std::string(Trim(Cell(row, hc.year))) + "» должен быть числом от 1900 до 2100");
        } else if (IsNoData(Cell(row, hc.val))) {
            ++out.skipped_rows;
        } else {
            Add(line, ind, *region, static_cast<int>(*y), Cell(row, hc.val), Cell(row, hc.src));
        }
    }
};

}  // namespace

Result<IndicatorImport> ImportIndicatorCsv(std::string_view bytes, const IndicatorImportOptions& options) {
    IndicatorImport out;
    out.encoding = IsValidUtf8(bytes) ? "utf-8" : "windows-1251";
    auto text = ToUtf8(bytes);
    if (!text) return Error::Invalid("file", "encoding", "Файл не в кодировке UTF-8 или Windows-1251");
    CsvTable table;
    CsvError cerr;
    if (!ParseCsv(*text, table, cerr, IndicatorDelimiter(*text)))
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
    HeaderColumns hc = FindHeader(rows);
    const bool found = !hc.format.empty();
    const std::size_t h = hc.next_row;
    out.format = hc.format;
    if (!found)
        return Error::Invalid("file", "header",
                              "Не найдена строка заголовка: нужны столбцы indicator, region, year, value "
                              "(показатель, регион, год, значение) или столбцы по годам");
    if (out.format == "wide" && hc.ind < 0) {
        if (options.indicator.empty())
            return Error::Invalid("indicator", "required",
                                  "В таблице нет столбца показателя: укажите показатель для импорта");
        if (!ctx.indicators.count(options.indicator))
            return Error::Invalid("indicator", "unknown_indicator",
                                  "Неизвестный показатель «" + options.indicator + "»");
    }

    RowCollector collect{ctx, hc, out, {}};
    for (std::size_t k = h; k < rows.size(); ++k) collect.Row(rows[k], lines[k]);
    if (!ctx.issues.empty()) return IssuesToError(std::move(ctx.issues));
    std::sort(out.values.begin(), out.values.end(),
              [](const domain::IndicatorValue& a, const domain::IndicatorValue& b) {
                  return std::tie(a.indicator, a.region, a.year) < std::tie(b.indicator, b.region, b.year);
              });
    return out;
}

}  // namespace orientir::analytics
