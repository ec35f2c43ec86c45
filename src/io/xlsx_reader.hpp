#pragma once
// Streaming reader of .xlsx workbooks (Office Open XML spreadsheets): libzip opens the package, expat
// parses each part as it is inflated, so a sheet of any length is read in bounded memory (only the
// shared-string table is held). Cells come typed: text (shared or inline strings, formula strings),
// numbers, booleans and dates (numbers whose style has a date format, converted from Excel serials).
// A formula gives its cached value; a formula without one, or an error cell, is refused by name.
//
// Guards (docs/xlsx-opendata.md): a part larger than `max_part_bytes` inflated, or inflating more than
// `max_ratio` times its compressed size, is a zip bomb; sheets longer than `max_rows` rows with data
// are refused rather than read on.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/table_import.hpp"
#include "common/result.hpp"

namespace orientir::io {

struct XlsxLimits {
    std::uint64_t max_part_bytes = 1024ull << 20;   // one inflated part (a sheet, the string table)
    std::uint64_t max_total_bytes = 2048ull << 20;  // all parts together
    double max_ratio = 300;                         // inflated / compressed, for parts above 1 MB
    std::size_t max_rows = 1'000'000;               // rows holding data, per sheet
    std::size_t max_columns = 16384;                // Excel's own limit (XFD)
};

// A cell: text; a number as written (and its value); a boolean (0/1); a date as YYYY-MM-DD (or
// YYYY-MM-DDTHH:MM:SS) with its Excel serial as the number.
using Cell = app::TableCell;

struct SheetInfo {
    std::string name;
    std::string part;  // "xl/worksheets/sheet1.xml"
};

// ROW is 1-based as Excel shows it; CELLS[i] is column i (A = 0), trailing empty cells trimmed.
using RowCallback = std::function<Status(std::size_t row, const std::vector<Cell>& cells)>;

class XlsxReader {
public:
    static Result<std::unique_ptr<XlsxReader>> Open(const std::string& path, XlsxLimits limits = {});
    ~XlsxReader();
    XlsxReader(const XlsxReader&) = delete;
    XlsxReader& operator=(const XlsxReader&) = delete;

    const std::vector<SheetInfo>& sheets() const { return sheets_; }
    // Streams the rows with data of sheet INDEX (rows with no value are skipped). A callback error
    // stops the reading and is returned as is.
    Status ReadSheet(std::size_t index, const RowCallback& on_row);

    struct Impl;

private:
    explicit XlsxReader(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
    std::vector<SheetInfo> sheets_;
};

// "A" for 0, "Z" for 25, "AA" for 26.
std::string ColumnName(std::size_t index);
// Excel serial day number (1900 system, or 1904 when DATE1904) → "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS".
std::string SerialToDate(double serial, bool date1904 = false);
// Whether a number format code shows a date or time ("dd.mm.yyyy", "[$-419]d mmmm yyyy", "h:mm").
bool IsDateFormat(const std::string& format_code);

}  // namespace orientir::io
