#pragma once
// Tables → records: the one mapping from a spreadsheet-like table (a header row naming the columns in
// Russian or English, then one record per row) to the records the importer stores. CSV files and
// .xlsx sheets (src/io) are both row sources of it, and the .xlsx export and open data write the same
// columns, so what is exported imports back.
//
// The header is the first row in which at least two cells name columns of the kind (title rows above
// it, merged or not, are skipped). Columns: see ColumnsOf; «№»/«№ п/п» columns are ignored, any other
// unknown header is refused by name. Values: numbers accept a comma decimal ("31,5"), dates are
// YYYY-MM-DD, ДД.ММ.ГГГГ or a date cell, regions a code or a name («Тюменская область», «Югра»),
// vocabularies a code or its Russian or English label («Внедрено»). Empty rows are skipped.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/importer.hpp"

namespace orientir::app {

// kRef: a reference given by id (a number) or by key (text); kMunicipality: by id or by name in the
// region of the same place; kHistory: stage history "interest 2019-10-01; pilot 2020-03-01".
enum class ColumnType { kText, kInt, kNumber, kBool, kDate, kList, kRegion, kRef, kMunicipality, kVocab, kHistory };

struct TableColumn {
    std::string field;   // JSON path in the import record: "title", "origin.region", "period.from"
    std::string ru, en;  // header names (also accepted: the field path itself)
    ColumnType type = ColumnType::kText;
    double width = 20;     // export column width, in characters
    std::string vocab;     // kVocab: "stage", "channel", "state", "organisation_kind", "direction"
    std::string id_field;  // kRef, kMunicipality: JSON path of the id ("practice_id", "origin.organisation_id")
    std::vector<std::string> aliases;  // further header names
};

// Columns of an importable kind ("practice", "adoption", …); empty for a kind with no table form.
const std::vector<TableColumn>& ColumnsOf(const std::string& kind);
// Kinds that have a table form, in import order (organisations before the practices that cite them).
const std::vector<std::string>& TableKinds();
// "practice" for «Практики», "practices", "practice" (sheet names); empty when nothing matches.
std::string KindOfSheetName(const std::string& name);
// The sheet (and open-data set) title of a kind: «Практики» / "Practices".
std::string SheetTitle(const std::string& kind, const std::string& lang);
// The header of a column in the language ("ru" or "en").
const std::string& HeaderOf(const TableColumn& c, const std::string& lang);

struct TableCell {
    enum Type { kEmpty, kText, kNumber, kBool, kDate } type = kEmpty;
    std::string text;   // as written; a date cell as YYYY-MM-DD
    double number = 0;  // kNumber, kBool (0/1)
};

// A table: its rows in order (header and title rows included), and how a position is named in errors.
class TableSource {
public:
    using RowFn = std::function<Status(std::size_t row, const std::vector<TableCell>& cells)>;
    virtual ~TableSource() = default;
    // Called inside the import transaction, possibly more than once (the store may retry).
    virtual Status ForEachRow(const RowFn& on_row) = 0;
    // "line 7" (CSV) or «Лист «Практики», строка 7»; with a column: «…, столбец C «Регион»».
    virtual std::string Where(std::size_t row, std::optional<std::size_t> column, const std::string& header) const = 0;
};

// Imports every row of the table as KIND in one transaction: nothing is stored unless every row is.
Result<ImportReport> ImportTable(App& app, const Actor& actor, const std::string& kind, TableSource& source);

// CSV text (UTF-8) as a table: header on line 1; errors name the line and the column.
Result<ImportReport> ImportCsvText(App& app, const Actor& actor, const std::string& kind, const std::string& utf8);

// A record as a table row (for export): one value per column of ColumnsOf(kind), typed.
std::vector<TableCell> RecordToRow(const std::string& kind, const Json& record, const std::string& lang);
std::vector<TableCell> RecordToRow(const std::string& kind, const OrderedJson& record, const std::string& lang);

}  // namespace orientir::app
