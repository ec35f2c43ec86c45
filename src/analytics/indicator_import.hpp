#pragma once
// Reading indicator values from CSV files as statistical offices publish them. Accepted:
//  * encoding UTF-8 (with or without BOM) or Windows-1251; delimiter ',' or ';' (or tab), detected;
//  * long format: a header with the columns indicator, region, year, value (Russian names
//    показатель, регион, год, значение also accepted; optional source / источник);
//  * wide (Rosstat-style) tables: a region column (region / регион / субъект, or the first column),
//    optionally an indicator column, and one column per year ("2019", "2020 г.", ...). Title lines
//    above the header are skipped. Rows of aggregates (Российская Федерация, федеральные округа) are
//    skipped; empty cells and "…", "-", "x" mean no data.
// Regions are given by code ("86", "2" → "02") or by name, short name or alias as in the region table.
// Numbers may use a decimal comma and spaces between thousands.
//
// All-or-nothing: any bad row makes the whole import fail with every problem listed by line number
// (Error::issues, field "line N"), so nothing is half-imported. Pure function; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "domain/types.hpp"

namespace orientir::analytics {

struct IndicatorImportOptions {
    std::vector<domain::Region> regions;        // known regions (code, names, aliases)
    std::vector<domain::Indicator> indicators;  // known indicators
    std::string indicator;                      // for wide tables without an indicator column
    std::string source;                         // stored with each value unless the file has a source column
    std::size_t max_issues = 50;
};

struct IndicatorImport {
    std::vector<domain::IndicatorValue> values;  // by indicator, region, year
    std::string format;                          // "long" or "wide"
    std::string encoding;                        // "utf-8" or "windows-1251"
    char delimiter = ',';
    std::size_t skipped_rows = 0;  // aggregate rows and empty lines
};

Result<IndicatorImport> ImportIndicatorCsv(std::string_view bytes, const IndicatorImportOptions& options);

}  // namespace orientir::analytics
