#pragma once
// Open data (docs/xlsx-opendata.md): the published sets — practices, adoptions (with their source and
// stage history), organisations, indicators and their values — as the Russian open-data methodological
// recommendations ask: data.csv (UTF-8), structure.csv describing every field, meta.csv (the passport:
// property,value rows), versioned names data-YYYYMMDD-structure-YYYYMMDD.csv, plus the same rows as
// JSON. Rows are read as an anonymous visitor, through the one visibility rule (app/visibility.hpp):
// drafts and practices on review never appear, nor do their adoptions; contacts of private persons
// are not a column of any set.

#include <string>
#include <vector>

#include "app/app.hpp"

namespace orientir::io {

struct OpenDataSet {
    std::string id;                  // "practices"
    std::string kind;                // "practice"
    std::string title, description;  // Russian
    std::string subject;             // keywords
};

const std::vector<OpenDataSet>& OpenDataSets();
const OpenDataSet* FindOpenDataSet(const std::string& id);

struct OpenDataOptions {
    std::string publisher = "Оператор платформы «Ориентир»";
    std::string publisher_id = "orientir";  // stands for the ИНН in identifiers
    std::string responsible = "Куратор платформы";
    std::string phone = "";
    std::string email = "";
    std::string base_url = "/opendata";
    std::string licence = "CC BY 4.0";
};

// The version date of a set's structure (changes only when the columns do).
inline constexpr const char* kStructureVersion = "20261130";

struct OpenDataFiles {
    std::string data_csv, structure_csv, meta_csv, data_json;
    std::string data_version;  // YYYYMMDD: the newest change among the rows (or today when empty)
    std::size_t rows = 0;
    // "data-20261130-structure-20261130.csv"
    std::string DataName() const { return "data-" + data_version + "-structure-" + kStructureVersion + ".csv"; }
};

// Builds a set now, from the store.
Result<OpenDataFiles> BuildOpenDataSet(app::App& app, const OpenDataSet& set, const OpenDataOptions& options);

// Writes every set under DIR/<set>/ (versioned files; earlier snapshots are kept) and DIR/list.csv.
// Returns the number of rows written.
Result<std::size_t> WriteOpenData(app::App& app, const std::string& dir, const OpenDataOptions& options);

// RFC 4180 quoting of one CSV field.
std::string CsvField(const std::string& v);

}  // namespace orientir::io
