#include "io/opendata.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "app/entities.hpp"
#include "app/table_import.hpp"

namespace orientir::io {

namespace {

namespace fs = std::filesystem;
using app::ColumnType;
using app::TableColumn;

// The open-data name of a column: references by their id field, paths with '_' ("origin_region").
std::string FieldName(const TableColumn& c) {
    std::string f = c.type == ColumnType::kRef || c.type == ColumnType::kMunicipality ? c.id_field : c.field;
    if (f.starts_with("stage_history.last.")) f = "current_" + f.substr(std::string("stage_history.last.").size());
    for (auto& ch : f)
        if (ch == '.') ch = '_';
    return f;
}

std::string FormatOf(const TableColumn& c) {
    switch (c.type) {
        case ColumnType::kInt:
        case ColumnType::kRef:
        case ColumnType::kMunicipality:
            return "integer";
        case ColumnType::kNumber:
            return "number";
        case ColumnType::kBool:
            return "boolean";
        case ColumnType::kDate:
            return "date";
        default:
            return "string";
    }
}

std::string Today() {
    auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    std::chrono::year_month_day ymd{days};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

// Every record of T an anonymous visitor may see, as API JSON, in id order.
template <class T>
Status ForEachVisible(app::App& app, const std::function<void(const T&, OrderedJson)>& fn) {
    app::ListParams p;
    p.limit = 200;
    for (;;) {
        ORIENTIR_ASSIGN(auto page, app.List<T>(app::Actor::Anonymous(), p));
        for (const auto& v : page.items) fn(v, app::ToApiJson(v));
        if (!page.next_after) return Status::Ok();
        p.after_id = *page.next_after;
    }
}

Status ForEachOfKind(app::App& app, const std::string& kind,
                     const std::function<void(const std::string& updated_at, OrderedJson)>& fn) {
    auto with = [&](const auto& v, OrderedJson j) { fn(v.meta.updated_at, std::move(j)); };
    if (kind == "practice") return ForEachVisible<domain::Practice>(app, with);
    if (kind == "adoption") return ForEachVisible<domain::Adoption>(app, with);
    if (kind == "organisation") return ForEachVisible<domain::Organisation>(app, with);
    if (kind == "indicator") return ForEachVisible<domain::Indicator>(app, with);
    if (kind == "indicator_value") return ForEachVisible<domain::IndicatorValue>(app, with);
    return Error::Invalid("set", "unknown_set", "no open-data set of " + kind);
}

Json TypedValue(const app::TableCell& c) {
    switch (c.type) {
        case app::TableCell::kEmpty:
            return nullptr;
        case app::TableCell::kNumber:
            return c.number;
        case app::TableCell::kBool:
            return c.number != 0;
        default:
            return c.text;
    }
}

std::string MetaCsv(const OpenDataSet& set, const OpenDataFiles& f, const OpenDataOptions& o) {
    const std::string base = o.base_url + "/" + set.id + "/";
    std::string d = f.data_version;
    std::string modified = d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
    std::vector<std::pair<std::string, std::string>> rows = {
        {"standardversion", "http://opendata.gosmonitor.ru/standard/3.0"},
        {"identifier", o.publisher_id + "-" + set.id},
        {"title", set.title},
        {"description", set.description},
        {"creator", o.publisher},
        {"created", "2026-11-30"},
        {"modified", modified},
        {"subject", set.subject},
        {"format", "csv"},
        {"data-" + d + "-structure-" + kStructureVersion, base + f.DataName()},
        {"structure-" + std::string(kStructureVersion), base + "structure-" + kStructureVersion + ".csv"},
        {"publishername", o.responsible},
        {"publisherphone", o.phone},
        {"publishermbox", o.email},
        {"valid", ""},
        {"provenance", "Обновляется при каждом изменении опубликованных записей; набор формируется по запросу"},
        {"license", o.licence},
    };
    std::string out = "property,value\r\n";
    for (const auto& [k, v] : rows) out += CsvField(k) + "," + CsvField(v) + "\r\n";
    return out;
}

}  // namespace

std::string CsvField(const std::string& v) {
    if (v.find_first_of(",\"\r\n;") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

const std::vector<OpenDataSet>& OpenDataSets() {
    static const std::vector<OpenDataSet> kSets = {
        {"practices", "practice", "Практики регионов",
         "Опубликованные практики органов власти и организаций регионов России: паспорт, сферы, регион и "
         "организация-автор, сроки, ресурсы",
         "практики,регионы,государственное управление"},
        {"adoptions", "adoption", "Внедрения практик",
         "Кто у кого перенял практику: регион и организация-внедритель, источник (предыдущее внедрение), канал, "
         "текущий этап и история этапов",
         "внедрение,тиражирование,регионы"},
        {"organisations", "organisation", "Организации",
         "Органы власти и организации — авторы и внедрители практик (контакты только организаций)",
         "организации,органы власти"},
        {"indicators", "indicator", "Показатели", "Показатели для сравнения регионов: код, название, единица, сфера",
         "показатели,сравнение регионов"},
        {"indicator_values", "indicator_value", "Значения показателей по регионам",
         "Значения показателей по регионам и годам с источником", "показатели,статистика,регионы"},
    };
    return kSets;
}

const OpenDataSet* FindOpenDataSet(const std::string& id) {
    for (const auto& s : OpenDataSets())
        if (s.id == id) return &s;
    return nullptr;
}

Result<OpenDataFiles> BuildOpenDataSet(app::App& app, const OpenDataSet& set, const OpenDataOptions& options) {
    const auto& cols = app::ColumnsOf(set.kind);
    OpenDataFiles f;
    f.structure_csv = "field name,english description,russian description,format\r\n";
    f.structure_csv += "id,Record number,Номер записи,integer\r\n";
    f.data_csv = "id";
    for (const auto& c : cols) {
        f.structure_csv +=
            CsvField(FieldName(c)) + "," + CsvField(c.en) + "," + CsvField(c.ru) + "," + FormatOf(c) + "\r\n";
        f.data_csv += "," + FieldName(c);
    }
    f.data_csv += "\r\n";
    std::string newest;
    std::string json = "[";
    ORIENTIR_TRY(ForEachOfKind(app, set.kind, [&](const std::string& updated_at, OrderedJson record) {
        auto row = app::RecordToRow(set.kind, record, "ru");
        Json obj = Json::object();
        obj["id"] = record["id"];
        f.data_csv += std::to_string(record["id"].get<std::int64_t>());
        for (std::size_t i = 0; i < cols.size(); ++i) {
            f.data_csv += "," + CsvField(row[i].type == app::TableCell::kEmpty ? "" : row[i].text);
            obj[FieldName(cols[i])] = TypedValue(row[i]);
        }
        f.data_csv += "\r\n";
        json += (f.rows++ ? ",\n" : "\n") + obj.dump();
        newest = std::max(newest, updated_at);
    }));
    f.data_json = json + "\n]\n";
    f.data_version = newest.size() >= 10 ? newest.substr(0, 4) + newest.substr(5, 2) + newest.substr(8, 2) : Today();
    f.meta_csv = MetaCsv(set, f, options);
    return f;
}

Result<std::size_t> WriteOpenData(app::App& app, const std::string& dir, const OpenDataOptions& options) {
    std::size_t rows = 0;
    std::string list = "property,title,value,format\r\n";
    auto write = [](const fs::path& p, const std::string& body) {
        std::ofstream out(p, std::ios::binary);
        out << body;
        return static_cast<bool>(out);
    };
    for (const auto& set : OpenDataSets()) {
        ORIENTIR_ASSIGN(auto f, BuildOpenDataSet(app, set, options));
        fs::path d = fs::path(dir) / set.id;
        std::error_code ec;
        fs::create_directories(d, ec);
        bool ok = write(d / f.DataName(), f.data_csv) && write(d / "data.csv", f.data_csv) &&
                  write(d / ("structure-" + std::string(kStructureVersion) + ".csv"), f.structure_csv) &&
                  write(d / "structure.csv", f.structure_csv) && write(d / "meta.csv", f.meta_csv) &&
                  write(d / ("data-" + f.data_version + ".json"), f.data_json) && write(d / "data.json", f.data_json);
        if (!ok) return Error{ErrorCode::kInternal, "cannot write open data under " + d.string(), "", "io"};
        list += CsvField(options.publisher_id + "-" + set.id) + "," + CsvField(set.title) + "," +
                CsvField(options.base_url + "/" + set.id + "/meta.csv") + ",csv\r\n";
        rows += f.rows;
    }
    if (!write(fs::path(dir) / "list.csv", list))
        return Error{ErrorCode::kInternal, "cannot write " + dir + "/list.csv", "", "io"};
    return rows;
}

}  // namespace orientir::io
