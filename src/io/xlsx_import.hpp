#pragma once
// .xlsx import: a sheet is a row source of app::ImportTable, so spreadsheets follow exactly the
// column mapping, the all-or-nothing rule and the checks of every other import.

#include <string>

#include "app/table_import.hpp"
#include "io/xlsx_reader.hpp"

namespace orientir::io {

// Imports KIND from the workbook at PATH: the sheet named like the kind («Практики», "practices"),
// else the first sheet. Errors name the sheet, row and column: «Лист «Практики», строка 7, столбец C
// «Регион»: неизвестный регион «Тюменска»».
Result<app::ImportReport> ImportXlsxFile(app::App& app, const app::Actor& actor, const std::string& kind,
                                         const std::string& path, const XlsxLimits& limits = {});

// Whether PATH names an .xlsx file (by its extension).
bool IsXlsxPath(const std::string& path);

}  // namespace orientir::io
