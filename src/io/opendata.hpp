#pragma once
// Open data (docs/xlsx-opendata.md): the published sets — practices, adoptions (with their source and
// stage history), organisations, indicators and their values — as the Russian open-data methodological
// recommendations ask: data.csv (UTF-8), structure.csv describing every field, meta.csv (the passport:
// property,value rows), versioned names data-YYYYMMDD-structure-YYYYMMDD.csv, plus the same rows as
// JSON. Rows are read as an anonymous visitor, through the one visibility rule (app/visibility.hpp):
// drafts and practices on review never appear, nor do their adoptions; contacts of private persons
// are not a column of any set.

#include <ostream>
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

// One written set: the version of its data and how many rows it holds.
struct OpenDataSetInfo {
    std::string id;
    std::string data_version;  // YYYYMMDD: the newest change among the rows (or today when empty)
    std::string newest;        // that change's timestamp (RFC 3339), "" when the set is empty
    std::size_t rows = 0;
    // "data-20261130-structure-20261130.csv"
    std::string DataName() const { return "data-" + data_version + "-structure-" + kStructureVersion + ".csv"; }
    std::string JsonName() const { return "data-" + data_version + ".json"; }
};
struct OpenDataIndex {
    std::vector<OpenDataSetInfo> sets;  // in OpenDataSets() order
    std::size_t rows = 0;
    const OpenDataSetInfo* Find(const std::string& id) const;
};

// Streams a set's rows as they are read (one page of records in memory at a time): the CSV with its
// header to `csv`, the JSON array to `json`.
Result<OpenDataSetInfo> StreamOpenDataSet(app::App& app, const OpenDataSet& set, std::ostream& csv, std::ostream& json);
std::string StructureCsv(const OpenDataSet& set);
std::string MetaCsv(const OpenDataSet& set, const OpenDataSetInfo& info, const OpenDataOptions& options);
std::string ListCsv(const OpenDataOptions& options);  // list.csv: every set's passport

// Writes every set under DIR/<set>/ (data.csv, data.json, structure.csv, meta.csv and the versioned
// names; earlier snapshots are kept) and DIR/list.csv.
Result<OpenDataIndex> WriteOpenData(app::App& app, const std::string& dir, const OpenDataOptions& options);

// RFC 4180 quoting of one CSV field.
std::string CsvField(const std::string& v);

}  // namespace orientir::io
