#pragma once
// .xlsx writing with libxlsxwriter (constant-memory mode: rows are streamed to the temporary file, so a
// long list costs no more memory than a short one). Each sheet has a bold frozen header row, an
// autofilter and column widths; cells are typed: numbers as numbers, dates as dates (ДД.ММ.ГГГГ), booleans as
// booleans, text as text.

#include <memory>
#include <string>
#include <vector>

#include "app/table_import.hpp"

namespace orientir::io {

class XlsxWriter {
public:
    XlsxWriter();
    ~XlsxWriter();
    XlsxWriter(const XlsxWriter&) = delete;
    XlsxWriter& operator=(const XlsxWriter&) = delete;

    // Starts a sheet (the name is cut to Excel's 31 characters and stripped of []:*?/\).
    Status AddSheet(const std::string& name, const std::vector<std::string>& headers,
                    const std::vector<double>& widths);
    Status AddRow(const std::vector<app::TableCell>& cells);
    // Closes the workbook and returns its bytes.
    Result<std::string> Finish();

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

// A list of records of KIND (API JSON) as a one-sheet workbook with the columns of app::ColumnsOf(KIND).
Result<std::string> RecordsToXlsx(const std::string& kind, const std::vector<OrderedJson>& records,
                                  const std::string& lang);

}  // namespace orientir::io

namespace orientir::io {

// A region's comparison (the benchmark JSON of GET /api/v1/regions/{code}/benchmark) as a workbook:
// one row per indicator — value, rank, percentile, best region and value, target and gap.
Result<std::string> BenchmarkToXlsx(const OrderedJson& benchmark, const std::string& lang);

}  // namespace orientir::io
