#pragma once
// Bulk import and export. A file is imported in one transaction: a bad record is reported with its
// position (JSON array index or CSV line number) and nothing from that file is stored.
//
// JSON import files are arrays of records in the API format, where references may also be given by
// stable keys (as the demo data does): "organisation": "key", "practice": "key", "source": "key",
// "municipality": {"region": "72", "name": "Тобольск"}; persons may carry their "positions" inline.

#include <functional>
#include <string>

#include "app/app.hpp"

namespace orientir::app {

struct ImportReport {
    std::string kind;
    std::size_t records = 0;
};

// Who may import: any signed-in user (each record is then checked as its own create; reference data
// only by staff). Every import below checks it first; the API calls it before it reads an upload.
Status CheckMayImport(const Actor& actor);

// KIND: regions, federal_districts, domains, municipalities, organisations, persons, practices,
// adoptions, indicators, indicator_values, adoption_requests. FILE: .json (array) or .csv
// (municipalities, indicator_values; UTF-8 or Windows-1251, ',' or ';').
Result<ImportReport> ImportFile(App& app, const Actor& actor, const std::string& kind, const std::string& path);
Result<ImportReport> ImportText(App& app, const Actor& actor, const std::string& kind, const std::string& text,
                                bool csv);

// Imports records one by one in one transaction: PRODUCE calls PUT with each record (JSON with keys, as
// in a JSON import file); the first error of PUT or PRODUCE undoes everything. PRODUCE may be called
// more than once (the store retries a transaction) and must then produce the same records again.
using RecordPut = std::function<Status(Json record)>;
Result<ImportReport> ImportRecords(App& app, const Actor& actor, const std::string& kind,
                                   const std::function<Status(const RecordPut& put)>& produce);
// "practices" → "practice" (the KIND argument of the import commands).
std::string SingularKind(std::string kind);

// Loads data/reference (districts, regions, domains, municipalities) when the store has no regions.
Result<bool> EnsureReferenceData(App& app, const std::string& assets_dir);
// Loads data/demo when the store has no practices. Returns whether anything was loaded.
Result<bool> EnsureDemoData(App& app, const std::string& assets_dir);

// Writes every record of every kind as JSON lines {"kind":..., "id":..., "version":..., "body":{...}}.
Status ExportAll(App& app, std::ostream& out);
// Reads an export back into an empty store (ids preserved).
Result<std::size_t> ImportExport(App& app, std::istream& in);

}  // namespace orientir::app
