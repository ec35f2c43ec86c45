#include "app/table_import.hpp"

#include <cmath>
#include <cstdio>
#include <set>

#include "app/directory.hpp"
#include "common/strings.hpp"
#include "domain/enums.hpp"
#include "text/normalize.hpp"

namespace orientir::app {

namespace {

Error Located(const std::string& where, const Error& e) {
    Error out = e;
    out.message = where + ": " + e.message;
    return out;
}

Error Bad(const TableColumn& c, const std::string& rule, const std::string& message) {
    return Error::Invalid(c.field, rule, message);
}

std::vector<std::string> PathParts(const std::string& path) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1)
        out.push_back(path.substr(start, dot - start));
    out.push_back(path.substr(start));
    return out;
}

// Sets PATH ("origin.region", "stage_history.last.at") in J; "last" is the last element of an array
// (created when the array is empty).
void SetPath(Json& j, const std::string& path, Json value) {
    Json* cur = &j;
    auto parts = PathParts(path);
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        Json& next = (*cur)[parts[i]];
        if (parts[i + 1] == "last") {
            if (!next.is_array() || next.empty()) next = Json::array({Json::object()});
            cur = &next.back();
            ++i;
        } else {
            cur = &next;
        }
    }
    (*cur)[parts.back()] = std::move(value);
}

template <class J>
const J* GetPath(const J& j, const std::string& path) {
    const J* cur = &j;
    for (const auto& p : PathParts(path)) {
        if (p == "last" && cur->is_array() && !cur->empty())
            cur = &cur->back();
        else if (cur->is_object() && cur->contains(p))
            cur = &(*cur)[p];
        else
            return nullptr;
    }
    return cur->is_null() ? nullptr : cur;
}

std::string WithoutSpaces(std::string v) {
    std::erase_if(v, [](char ch) { return ch == ' '; });
    return v;
}

std::string ExpectedColumns(const std::vector<TableColumn>& cols) {
    std::string out;
    for (const auto& k : cols) out += (out.empty() ? "" : ", ") + k.ru;
    return out;
}

std::string Prefix(const TableSource& src) {
    std::string w = src.Where(0, std::nullopt, "");
    return w.empty() ? "" : w + ": ";
}

std::string CellText(const TableCell& c) {
    if (c.type == TableCell::kNumber && std::floor(c.number) == c.number && std::fabs(c.number) < 1e15)
        return std::to_string(static_cast<long long>(c.number));
    return std::string(Trim(c.text));
}

// Same word up to its ending: «Опубликована» for «Опубликовано», «Внедрение» for «Внедрено».
bool SameStem(const std::string& folded_value, const std::string& folded_label) {
    if (folded_label.size() < 12) return false;                          // six Cyrillic letters or more
    std::string stem = folded_label.substr(0, folded_label.size() - 4);  // less two Cyrillic letters (bytes)
    return folded_value.starts_with(stem) && folded_value.size() <= folded_label.size() + 4;
}

template <class E>
std::optional<std::string> VocabCode(const std::string& v, const std::vector<E>& all) {
    std::string folded = text::Fold(v);
    for (E e : all) {
        const auto& l = domain::LabelOf(e);
        if (v == l.code || folded == text::Fold(l.ru) || folded == text::Fold(l.en)) return std::string(l.code);
    }
    std::optional<std::string> found;
    for (E e : all) {
        const auto& l = domain::LabelOf(e);
        if (!SameStem(folded, text::Fold(l.ru))) continue;
        if (found) return std::nullopt;  // ambiguous
        found = std::string(l.code);
    }
    return found;
}

template <class E>
std::string VocabChoices(const std::vector<E>& all) {
    std::string out;
    for (E e : all) out += (out.empty() ? "«" : ", «") + std::string(domain::LabelOf(e).ru) + "»";
    return out;
}

std::string AnyVocabChoices(const std::string& vocab) {
    if (vocab == "stage") return VocabChoices(domain::AllAdoptionStage());
    if (vocab == "channel") return VocabChoices(domain::AllChannel());
    if (vocab == "state") return VocabChoices(domain::AllModerationState());
    if (vocab == "organisation_kind") return VocabChoices(domain::AllOrganisationKind());
    if (vocab == "direction") return VocabChoices(domain::AllIndicatorDirection());
    return "";
}

std::optional<std::string> AnyVocabCode(const std::string& vocab, const std::string& v) {
    if (vocab == "stage") return VocabCode(v, domain::AllAdoptionStage());
    if (vocab == "channel") return VocabCode(v, domain::AllChannel());
    if (vocab == "state") return VocabCode(v, domain::AllModerationState());
    if (vocab == "organisation_kind") return VocabCode(v, domain::AllOrganisationKind());
    if (vocab == "direction") return VocabCode(v, domain::AllIndicatorDirection());
    return std::nullopt;
}

std::string VocabLabel(const std::string& vocab, const std::string& code, const std::string& lang) {
    auto label = [&](auto parsed) -> std::string {
        if (!parsed) return code;
        const auto& l = domain::LabelOf(*parsed);
        return std::string(lang == "en" ? l.en : l.ru);
    };
    if (vocab == "stage") return label(domain::ParseAdoptionStage(code));
    if (vocab == "channel") return label(domain::ParseChannel(code));
    if (vocab == "state") return label(domain::ParseModerationState(code));
    if (vocab == "organisation_kind") return label(domain::ParseOrganisationKind(code));
    if (vocab == "direction") return label(domain::ParseIndicatorDirection(code));
    return code;
}

// "2019-10-01" or "01.10.2019" → "2019-10-01".
std::optional<std::string> TextDate(const std::string& v) {
    if (IsValidDate(v)) return v;
    int d = 0, m = 0, y = 0;
    char tail = 0;
    if (std::sscanf(v.c_str(), "%2d.%2d.%4d%c", &d, &m, &y, &tail) == 3) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        if (IsValidDate(buf)) return std::string(buf);
    }
    return std::nullopt;
}

std::optional<std::int64_t> IdOf(const TableCell& c, const std::string& text) {
    if (c.type == TableCell::kNumber) {
        if (std::floor(c.number) == c.number && c.number > 0) return static_cast<std::int64_t>(c.number);
        return std::nullopt;
    }
    std::string t = text;
    if (t.starts_with("№")) t = std::string(Trim(t.substr(std::string("№").size())));
    auto n = ParseInt(t);
    if (n && *n > 0) return *n;
    return std::nullopt;
}

Result<Json> StageHistory(const TableColumn& c, const std::string& v) {
    Json out = Json::array();
    for (const auto& item : Split(v, ';')) {
        std::string s(Trim(item));
        if (s.empty()) continue;
        auto space = s.rfind(' ');
        std::optional<std::string> date = space == std::string::npos ? std::nullopt : TextDate(s.substr(space + 1));
        auto stage = date ? AnyVocabCode("stage", std::string(Trim(s.substr(0, space)))) : std::nullopt;
        if (!date || !stage)
            return Bad(c, "stage_history", "«" + s + "»: ожидается «этап дата», например «Интерес 2019-10-01»");
        out.push_back({{"stage", *stage}, {"at", *date}});
    }
    return out;
}

// The JSON value of one cell in column C (null: leave the field out). RECORD collects deferred
// municipality names.
Result<Json> CellValue(const TableColumn& c, const TableCell& cell, const DirectoryData& dir) {
    using T = ColumnType;
    std::string v = CellText(cell);
    switch (c.type) {
        case T::kText:
            return Json(v);
        case T::kInt: {
            auto n = cell.type == TableCell::kNumber && std::floor(cell.number) == cell.number
                         ? std::optional<std::int64_t>(static_cast<std::int64_t>(cell.number))
                         : ParseInt(WithoutSpaces(v));
            if (!n) return Bad(c, "number", "«" + v + "» — не целое число");
            return Json(*n);
        }
        case T::kNumber: {
            auto d = cell.type == TableCell::kNumber ? std::optional<double>(cell.number) : ParseDouble(v);
            if (!d) return Bad(c, "number", "«" + v + "» — не число");
            return Json(*d);
        }
        case T::kBool: {
            std::string f = text::Fold(v);
            if (f == "1" || f == "true" || f == "да") return Json(true);
            if (f == "0" || f == "false" || f == "нет") return Json(false);
            return Bad(c, "bool", "«" + v + "» — ожидается «да» или «нет»");
        }
        case T::kDate: {
            auto d = cell.type == TableCell::kDate ? std::optional<std::string>(cell.text.substr(0, 10)) : TextDate(v);
            if (!d) return Bad(c, "date", "«" + v + "» — не дата (ожидается ДД.ММ.ГГГГ, ГГГГ-ММ-ДД или ячейка-дата)");
            return Json(*d);
        }
        case T::kList: {
            Json out = Json::array();
            for (const auto& item : Split(v, v.find(';') != std::string::npos ? ';' : ','))
                if (!Trim(item).empty()) out.push_back(std::string(Trim(item)));
            return out;
        }
        case T::kRegion: {
            std::string code = v.size() == 1 && std::isdigit(static_cast<unsigned char>(v[0])) ? "0" + v : v;
            if (dir.by_code.count(code)) return Json(code);
            auto it = dir.by_name.find(text::Fold(v));
            if (it == dir.by_name.end()) return Bad(c, "unknown_region", "неизвестный регион «" + v + "»");
            return Json(dir.regions[it->second].code);
        }
        case T::kVocab: {
            auto code = AnyVocabCode(c.vocab, v);
            if (!code)
                return Bad(c, "enum",
                           "«" + v + "» — неизвестное значение (допустимы: " + AnyVocabChoices(c.vocab) + ")");
            return Json(*code);
        }
        case T::kHistory:
            return StageHistory(c, v);
        case T::kRef:
        case T::kMunicipality:
            return Json(v);  // placed by RowToRecord
    }
    return Json(v);
}

struct Header {
    std::vector<const TableColumn*> columns;  // by cell index; null: ignored
    std::vector<std::string> names;           // as written
    std::size_t row = 0;
};

std::string HeaderKey(const std::string& s) {
    std::string t(Trim(s));
    while (!t.empty() && (t.back() == '*' || t.back() == ' ')) t.pop_back();
    return text::Fold(t);
}

const TableColumn* FindColumn(const std::vector<TableColumn>& cols, const std::string& name) {
    std::string key = HeaderKey(name);
    for (const auto& c : cols) {
        if (key == HeaderKey(c.ru) || key == HeaderKey(c.en) || key == text::Fold(c.field)) return &c;
        for (const auto& a : c.aliases)
            if (key == text::Fold(a)) return &c;
    }
    return nullptr;
}

bool IgnoredHeader(const std::string& name) {
    std::string k = HeaderKey(name);
    return k.empty() || k == "№" || k == "№ п/п" || k == "#" || k == "n" || k == "no";
}

// Whether ROW is the header (two or more cells name columns); fills H, or returns the error of a
// header that names an unknown or a repeated column.
Result<bool> ReadHeader(const std::vector<TableColumn>& cols, std::size_t row, const std::vector<TableCell>& cells,
                        const TableSource& src, Header& h) {
    std::size_t known = 0;
    for (const auto& cell : cells)
        if (FindColumn(cols, CellText(cell))) ++known;
    if (known < 2) return false;
    h.row = row;
    std::set<const TableColumn*> seen;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        std::string name = CellText(cells[i]);
        const TableColumn* c = FindColumn(cols, name);
        if (!c && !IgnoredHeader(name)) {
            return Error::Invalid(
                "header", "unknown_column",
                src.Where(row, i, name) + ": неизвестный столбец (ожидаются: " + ExpectedColumns(cols) + ")");
        }
        if (c && !seen.insert(c).second)
            return Error::Invalid("header", "duplicate_column", src.Where(row, i, name) + ": столбец повторяется");
        h.columns.push_back(c);
        h.names.push_back(name);
    }
    return true;
}

// Puts a reference: a number is an id, text a key (or a municipality name in the place's region).
Status PlaceRef(const TableColumn& c, const TableCell& cell, const std::string& v, Json& record) {
    if (auto id = IdOf(cell, v)) {
        SetPath(record, c.id_field, *id);
        return Status::Ok();
    }
    if (c.type == ColumnType::kRef) {
        SetPath(record, c.field, v);
        return Status::Ok();
    }
    auto parts = PathParts(c.field);
    parts.pop_back();
    std::string region_path = parts.empty() ? "region" : parts.front() + ".region";
    const Json* region = GetPath(record, region_path);
    if (!region || !region->is_string())
        return Bad(c, "municipality_region", "муниципалитет «" + v + "» указан без региона");
    SetPath(record, c.field, Json{{"region", *region}, {"name", v}});
    return Status::Ok();
}

Result<Json> RowToRecord(const Header& h, std::size_t row, const std::vector<TableCell>& cells,
                         const DirectoryData& dir, const TableSource& src) {
    Json record = Json::object();
    std::vector<std::size_t> refs;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (cells[i].type == TableCell::kEmpty || CellText(cells[i]).empty()) continue;
        if (i >= h.columns.size())
            return Error::Invalid("", "outside_header", src.Where(row, i, "") + ": значение в столбце без заголовка");
        const TableColumn* c = h.columns[i];
        if (!c) continue;
        if (c->type == ColumnType::kRef || c->type == ColumnType::kMunicipality) {
            refs.push_back(i);  // after the regions they may need
            continue;
        }
        auto v = CellValue(*c, cells[i], dir);
        if (!v.ok()) return Located(src.Where(row, i, h.names[i]), v.error());
        SetPath(record, c->field, std::move(v).value());
    }
    for (std::size_t i : refs) {
        auto st = PlaceRef(*h.columns[i], cells[i], CellText(cells[i]), record);
        if (!st.ok()) return Located(src.Where(row, i, h.names[i]), st.error());
    }
    return record;
}

// The column an error of the record concerns (by its field path), for the message.
std::optional<std::size_t> ColumnOfField(const Header& h, const std::string& field) {
    for (std::size_t i = 0; i < h.columns.size(); ++i) {
        const TableColumn* c = h.columns[i];
        if (!c || field.empty()) continue;
        for (const std::string& f : {c->field, c->id_field})
            if (!f.empty() && (field == f || field.starts_with(f + ".") || f.starts_with(field + "."))) return i;
    }
    return std::nullopt;
}

}  // namespace

Result<ImportReport> ImportTable(App& app, const Actor& actor, const std::string& kind_arg, TableSource& src) {
    std::string kind = SingularKind(kind_arg);
    const auto& cols = ColumnsOf(kind);
    if (cols.empty()) return Error::Invalid("kind", "table_kind", "«" + kind_arg + "» не импортируется из таблицы");
    auto dir = app.directory().Get();
    return ImportRecords(app, actor, kind, [&](const RecordPut& put) -> Status {
        Header h;
        std::size_t rows = 0;
        ORIENTIR_TRY(src.ForEachRow([&](std::size_t row, const std::vector<TableCell>& cells) -> Status {
            if (h.columns.empty()) {
                ORIENTIR_ASSIGN(bool is_header, ReadHeader(cols, row, cells, src, h));
                (void)is_header;
                return Status::Ok();
            }
            ORIENTIR_ASSIGN(auto record, RowToRecord(h, row, cells, *dir, src));
            if (record.empty()) return Status::Ok();
            ++rows;
            auto st = put(std::move(record));
            if (st.ok()) return st;
            auto col = ColumnOfField(h, st.error().field);
            return Located(src.Where(row, col, col ? h.names[*col] : ""), st.error());
        }));
        if (h.columns.empty()) {
            return Error::Invalid(
                "header", "no_header",
                Prefix(src) + "не найдена строка заголовка (ожидаются столбцы: " + ExpectedColumns(cols) + ")");
        }
        if (rows == 0) return Error::Invalid("file", "empty", Prefix(src) + "нет ни одной записи под заголовком");
        return Status::Ok();
    });
}

namespace {

class CsvSource final : public TableSource {
public:
    explicit CsvSource(const CsvTable& t) : t_(t) {}
    Status ForEachRow(const RowFn& on_row) override {
        std::vector<TableCell> cells;
        auto put = [&](std::size_t line, const std::vector<std::string>& values) {
            cells.clear();
            for (const auto& v : values) cells.push_back({TableCell::kText, v, 0});
            return on_row(line, cells);
        };
        ORIENTIR_TRY(put(1, t_.header));
        for (std::size_t r = 0; r < t_.rows.size(); ++r) {
            if (t_.rows[r].size() != t_.header.size()) {
                return Error::Invalid("", "csv_columns",
                                      "line " + std::to_string(t_.row_lines[r]) + ": has " +
                                          std::to_string(t_.rows[r].size()) + " fields, the header has " +
                                          std::to_string(t_.header.size()));
            }
            ORIENTIR_TRY(put(t_.row_lines[r], t_.rows[r]));
        }
        return Status::Ok();
    }
    std::string Where(std::size_t row, std::optional<std::size_t> column, const std::string& header) const override {
        if (row == 0) return "";
        std::string w = "line " + std::to_string(row);
        if (column) w += ", column «" + (header.empty() ? std::to_string(*column + 1) : header) + "»";
        return w;
    }

private:
    const CsvTable& t_;
};

}  // namespace

Result<ImportReport> ImportCsvText(App& app, const Actor& actor, const std::string& kind, const std::string& utf8) {
    CsvTable t;
    CsvError ce;
    if (!ParseCsv(utf8, t, ce))
        return Error::Invalid("file", "csv", "line " + std::to_string(ce.line) + ": " + ce.message);
    if (t.header.empty()) return Error::Invalid("file", "csv", "the CSV file is empty");
    if (t.rows.empty())
        return Error::Invalid("file", "csv", "the CSV file has a header and no records (line endings?)");
    CsvSource src(t);
    return ImportTable(app, actor, kind, src);
}

namespace {

template <class J>
std::vector<TableCell> RowOf(const std::string& kind, const J& record, const std::string& lang) {
    using T = ColumnType;
    std::vector<TableCell> row;
    for (const auto& c : ColumnsOf(kind)) {
        const J* v = GetPath(record, c.type == T::kRef || c.type == T::kMunicipality ? c.id_field : c.field);
        TableCell cell;
        if (!v) {
            row.push_back(cell);
            continue;
        }
        if (c.type == T::kHistory && v->is_array()) {
            std::string s;
            for (const auto& e : *v)
                s +=
                    (s.empty() ? "" : "; ") + VocabLabel("stage", e.value("stage", ""), lang) + " " + e.value("at", "");
            cell = {TableCell::kText, s, 0};
        } else if (c.type == T::kList && v->is_array()) {
            std::string s;
            for (const auto& e : *v)
                s += (s.empty() ? "" : "; ") + (e.is_string() ? e.template get<std::string>() : e.dump());
            cell = {TableCell::kText, s, 0};
        } else if (v->is_number()) {
            cell = {TableCell::kNumber, v->dump(), v->template get<double>()};
        } else if (v->is_boolean()) {
            cell = {TableCell::kBool, v->template get<bool>() ? "true" : "false", v->template get<bool>() ? 1.0 : 0.0};
        } else if (v->is_string()) {
            std::string s = v->template get<std::string>();
            if (c.type == T::kVocab) s = VocabLabel(c.vocab, s, lang);
            cell = {c.type == T::kDate && IsValidDate(s) ? TableCell::kDate : TableCell::kText, s, 0};
        } else {
            cell = {TableCell::kText, v->dump(), 0};
        }
        row.push_back(std::move(cell));
    }
    return row;
}

}  // namespace

std::vector<TableCell> RecordToRow(const std::string& kind, const Json& record, const std::string& lang) {
    return RowOf(kind, record, lang);
}
std::vector<TableCell> RecordToRow(const std::string& kind, const OrderedJson& record, const std::string& lang) {
    return RowOf(kind, record, lang);
}

}  // namespace orientir::app
