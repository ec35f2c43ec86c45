#include "io/opendata.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <unordered_set>

#include "app/entities.hpp"
#include "app/store_access.hpp"
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

// Every record of T an anonymous visitor may see (app::App::CanRead, the one visibility rule; an
// adoption also needs its practice visible), as API JSON, in id order: one scan of the store, so
// memory holds one record at a time (and the ids of the visible practices for adoptions).
template <class T>
Status ForEachVisible(app::App& app, const std::function<void(const T&, OrderedJson)>& fn) {
    const app::Actor anonymous = app::Actor::Anonymous();
    auto& store = app::StoreAccess::Of(app);
    std::unordered_set<domain::Id> visible_practices;
    if constexpr (std::is_same_v<T, domain::Adoption>) {
        ORIENTIR_TRY(store.Scan("practice", [&](const storage::Doc& d) {
            if (app.CanRead(anonymous, app::FromDoc<domain::Practice>(d))) visible_practices.insert(d.id);
            return true;
        }));
    }
    return store.Scan(app::Entity<T>::kKind, [&](const storage::Doc& d) {
        T v = app::FromDoc<T>(d);
        bool visible = app.CanRead(anonymous, v);
        if constexpr (std::is_same_v<T, domain::Adoption>) visible = visible && visible_practices.count(v.practice_id);
        if (visible) fn(v, app::ToApiJson(v));
        return true;
    });
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

std::string MetaCsv(const OpenDataSet& set, const OpenDataSetInfo& f, const OpenDataOptions& o) {
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
        {"provenance",
         "Обновляется при каждом изменении опубликованных записей: набор формируется один раз на изменение"},
        {"license", o.licence},
    };
    std::string out = "property,value\r\n";
    for (const auto& [k, v] : rows) out += CsvField(k) + "," + CsvField(v) + "\r\n";
    return out;
}

const OpenDataSetInfo* OpenDataIndex::Find(const std::string& id) const {
    for (const auto& s : sets)
        if (s.id == id) return &s;
    return nullptr;
}

std::string StructureCsv(const OpenDataSet& set) {
    std::string out =
        "field name,english description,russian description,format\r\nid,Record number,Номер записи,integer\r\n";
    for (const auto& c : app::ColumnsOf(set.kind))
        out += CsvField(FieldName(c)) + "," + CsvField(c.en) + "," + CsvField(c.ru) + "," + FormatOf(c) + "\r\n";
    return out;
}

std::string ListCsv(const OpenDataOptions& options) {
    std::string list = "property,title,value,format\r\n";
    for (const auto& set : OpenDataSets())
        list += CsvField(options.publisher_id + "-" + set.id) + "," + CsvField(set.title) + "," +
                CsvField(options.base_url + "/" + set.id + "/meta.csv") + ",csv\r\n";
    return list;
}

Result<OpenDataSetInfo> StreamOpenDataSet(app::App& app, const OpenDataSet& set, std::ostream& csv,
                                          std::ostream& json) {
    const auto& cols = app::ColumnsOf(set.kind);
    OpenDataSetInfo f;
    f.id = set.id;
    csv << "id";
    for (const auto& c : cols) csv << ',' << FieldName(c);
    csv << "\r\n";
    json << '[';
    std::string line;
    ORIENTIR_TRY(ForEachOfKind(app, set.kind, [&](const std::string& updated_at, OrderedJson record) {
        auto row = app::RecordToRow(set.kind, record, "ru");
        Json obj = Json::object();
        obj["id"] = record["id"];
        line = std::to_string(record["id"].get<std::int64_t>());
        for (std::size_t i = 0; i < cols.size(); ++i) {
            line += "," + CsvField(row[i].type == app::TableCell::kEmpty ? "" : row[i].text);
            obj[FieldName(cols[i])] = TypedValue(row[i]);
        }
        csv << line << "\r\n";
        json << (f.rows++ ? ",\n" : "\n") << obj.dump();
        f.newest = std::max(f.newest, updated_at);
    }));
    json << "\n]\n";
    const std::string& n = f.newest;
    f.data_version = n.size() >= 10 ? n.substr(0, 4) + n.substr(5, 2) + n.substr(8, 2) : Today();
    return f;
}

Result<OpenDataIndex> WriteOpenData(app::App& app, const std::string& dir, const OpenDataOptions& options) {
    OpenDataIndex index;
    auto write = [](const fs::path& p, const std::string& body) {
        std::ofstream out(p, std::ios::binary);
        out << body;
        return static_cast<bool>(out);
    };
    auto fail = [](const fs::path& p) {
        return Error{ErrorCode::kInternal, "cannot write open data under " + p.string(), "", "io"};
    };
    for (const auto& set : OpenDataSets()) {
        fs::path d = fs::path(dir) / set.id;
        std::error_code ec;
        fs::create_directories(d, ec);
        OpenDataSetInfo f;
        {
            std::ofstream csv(d / "data.csv", std::ios::binary), json(d / "data.json", std::ios::binary);
            if (!csv || !json) return fail(d);
            ORIENTIR_ASSIGN(f, StreamOpenDataSet(app, set, csv, json));
            if (!csv.flush() || !json.flush()) return fail(d);
        }
        // The versioned snapshots: copies of the current files under their dated names.
        auto copy = [&](const char* from, const std::string& to) {
            fs::copy_file(d / from, d / to, fs::copy_options::overwrite_existing, ec);
            return !ec;
        };
        std::string structure = StructureCsv(set);
        bool ok = copy("data.csv", f.DataName()) && copy("data.json", f.JsonName()) &&
                  write(d / ("structure-" + std::string(kStructureVersion) + ".csv"), structure) &&
                  write(d / "structure.csv", structure) && write(d / "meta.csv", MetaCsv(set, f, options));
        if (!ok) return fail(d);
        index.rows += f.rows;
        index.sets.push_back(std::move(f));
    }
    if (!write(fs::path(dir) / "list.csv", ListCsv(options))) return fail(dir);
    return index;
}

}  // namespace orientir::io
