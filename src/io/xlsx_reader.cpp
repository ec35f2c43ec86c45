#include "io/xlsx_reader.hpp"

#include <expat.h>
#include <zip.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "common/strings.hpp"

namespace orientir::io {

namespace {

Error Bad(const std::string& rule, const std::string& message) { return Error::Invalid("file", rule, message); }

// Local name of an XML element or attribute ("x:row" → "row").
std::string_view Local(const char* name) {
    std::string_view s(name);
    auto colon = s.rfind(':');
    return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

const char* Attr(const char** atts, std::string_view local) {
    for (int i = 0; atts[i]; i += 2)
        if (Local(atts[i]) == local) return atts[i + 1];
    return nullptr;
}

// Column index of a cell reference ("C7" → 2), or -1. Excel's columns end at XFD (three letters); a
// longer reference is answered with an index past any limit, so the column limit refuses it (without
// overflowing on "AAAAAAAAAAAAAAA1": found by fuzz/xlsx_reader).
long ColumnOfRef(const char* ref) {
    long col = 0;
    int letters = 0;
    for (const char* p = ref; *p && *p >= 'A' && *p <= 'Z'; ++p, ++letters) {
        if (letters == 4) return 1L << 24;
        col = col * 26 + (*p - 'A' + 1);
    }
    return letters == 0 ? -1 : col - 1;
}

// Days since 1970-01-01 → civil date (Howard Hinnant's algorithm).
void CivilFromDays(long long z, int& y, unsigned& m, unsigned& d) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

}  // namespace

std::string ColumnName(std::size_t index) {
    std::string s;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
    return s;
}

std::string SerialToDate(double serial, bool date1904) {
    // 1900 system: serial 1 = 1900-01-01, with Excel's phantom 1900-02-29 at 60; day 0 = 1899-12-30 from 61 on.
    long long days = static_cast<long long>(std::floor(serial));
    double frac = serial - static_cast<double>(days);
    long long epoch = date1904 ? -24107 : -25569;  // 1904-01-01 or 1899-12-30 in days since 1970-01-01
    if (!date1904 && days < 61) ++days;
    int y;
    unsigned m, d;
    CivilFromDays(days + epoch, y, m, d);
    char buf[64];
    int secs = static_cast<int>(std::lround(frac * 86400.0));
    if (secs == 0 || secs >= 86400) {
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    } else {
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", y, m, d, secs / 3600, secs / 60 % 60,
                      secs % 60);
    }
    return buf;
}

bool IsDateFormat(const std::string& code) {
    bool quoted = false, bracket = false, escaped = false;
    for (char c : code) {
        if (escaped) {
            escaped = false;
            continue;
        }
        if (c == '\\')
            escaped = true;
        else if (c == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == '[')
            bracket = true;
        else if (c == ']')
            bracket = false;
        else if (bracket)
            continue;
        else if (c == ';')
            break;  // the positive-number section decides
        else if (std::string_view("dDmMyYhHsS").find(c) != std::string_view::npos)
            return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------------
// The package: a libzip archive with size guards, and expat over one part at a time.

struct XlsxReader::Impl {
    zip_t* zip = nullptr;
    XlsxLimits limits;
    std::vector<std::string> shared;  // shared-string table
    std::vector<bool> date_styles;    // cellXfs index → shows a date
    bool date1904 = false;

    ~Impl() {
        if (zip) zip_discard(zip);
    }

    bool Has(const std::string& part) const { return zip_name_locate(zip, part.c_str(), 0) >= 0; }

    // Parses PART with expat, feeding it as it is inflated. HANDLERS sets the expat callbacks.
    Status Parse(const std::string& part, void* user, XML_StartElementHandler start, XML_EndElementHandler end,
                 XML_CharacterDataHandler text, Status* callback_status, XML_Parser* parser_out = nullptr) {
        zip_int64_t index = zip_name_locate(zip, part.c_str(), 0);
        if (index < 0) return Bad("xlsx_part", "в файле нет части " + part + " — это не книга Excel (.xlsx)");
        zip_file_t* f = zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0);
        if (!f)
            return Bad("xlsx_zip", "файл повреждён: не удаётся распаковать " + part + " (" + zip_strerror(zip) + ")");
        XML_Parser p = XML_ParserCreate("UTF-8");
        XML_SetUserData(p, user);
        if (parser_out) *parser_out = p;
        XML_SetElementHandler(p, start, end);
        XML_SetCharacterDataHandler(p, text);
        Status result = Status::Ok();
        std::vector<char> buf(1 << 16);
        std::uint64_t total = 0;
        for (;;) {
            zip_int64_t n = zip_fread(f, buf.data(), buf.size());
            if (n < 0) {
                result = Bad("xlsx_zip", "файл повреждён: ошибка распаковки " + part + " (" +
                                             zip_error_strerror(zip_file_get_error(f)) + ")");
                break;
            }
            total += static_cast<std::uint64_t>(n);
            if (total > limits.max_part_bytes) {
                result = Bad("zip_bomb", part + " распаковывается больше чем в " +
                                             std::to_string(limits.max_part_bytes >> 20) + " МБ — файл отклонён");
                break;
            }
            if (XML_Parse(p, buf.data(), static_cast<int>(n), n == 0) == XML_STATUS_ERROR) {
                if (callback_status && !callback_status->ok()) {
                    result = *callback_status;
                } else {
                    result = Bad("xlsx_xml", "файл повреждён: " + part + ", строка XML " +
                                                 std::to_string(XML_GetCurrentLineNumber(p)) + ": " +
                                                 XML_ErrorString(XML_GetErrorCode(p)));
                }
                break;
            }
            if (n == 0) break;
        }
        XML_ParserFree(p);
        zip_fclose(f);
        return result;
    }

    Status CheckSizes() {
        zip_int64_t n = zip_get_num_entries(zip, 0);
        std::uint64_t total = 0;
        for (zip_int64_t i = 0; i < n; ++i) {
            zip_stat_t st;
            if (zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &st) != 0) continue;
            std::string name = st.name ? st.name : "?";
            if (st.size > limits.max_part_bytes) {
                return Bad("zip_bomb", name + " распаковывается в " + std::to_string(st.size >> 20) + " МБ (предел " +
                                           std::to_string(limits.max_part_bytes >> 20) + " МБ) — файл отклонён");
            }
            if (st.size > (1u << 20) && st.comp_size > 0 &&
                static_cast<double>(st.size) / static_cast<double>(st.comp_size) > limits.max_ratio) {
                return Bad("zip_bomb", name + " сжат в " +
                                           std::to_string(st.size / std::max<zip_uint64_t>(st.comp_size, 1)) +
                                           " раз (предел " + std::to_string(static_cast<int>(limits.max_ratio)) +
                                           ") — похоже на zip-бомбу, файл отклонён");
            }
            total += st.size;
        }
        if (total > limits.max_total_bytes)
            return Bad("zip_bomb", "книга распаковывается больше чем в " +
                                       std::to_string(limits.max_total_bytes >> 20) + " МБ — файл отклонён");
        return Status::Ok();
    }

    Status LoadSharedStrings();
    Status StreamSheet(const std::string& part, const RowCallback& on_row);
    Status LoadStyles();
    Result<std::vector<SheetInfo>> LoadSheets();
};

// <sst><si><t>…</t></si> or <si><r><t>…</t></r>…</si>; phonetic runs (<rPh>) are not part of the text.
Status XlsxReader::Impl::LoadSharedStrings() {
    if (!Has("xl/sharedStrings.xml")) return Status::Ok();
    struct State {
        std::vector<std::string>* out;
        bool in_t = false;
        int in_phonetic = 0;
        std::string cur;
    } st{&shared};
    auto start = [](void* u, const char* name, const char**) {
        auto* s = static_cast<State*>(u);
        auto n = Local(name);
        if (n == "si")
            s->cur.clear();
        else if (n == "rPh")
            ++s->in_phonetic;
        else if (n == "t")
            s->in_t = s->in_phonetic == 0;
    };
    auto end = [](void* u, const char* name) {
        auto* s = static_cast<State*>(u);
        auto n = Local(name);
        if (n == "si")
            s->out->push_back(std::move(s->cur));
        else if (n == "rPh")
            --s->in_phonetic;
        else if (n == "t")
            s->in_t = false;
    };
    auto text = [](void* u, const char* t, int len) {
        auto* s = static_cast<State*>(u);
        if (s->in_t) s->cur.append(t, static_cast<std::size_t>(len));
    };
    return Parse("xl/sharedStrings.xml", &st, start, end, text, nullptr);
}

// <numFmts><numFmt numFmtId formatCode/></numFmts> and <cellXfs><xf numFmtId/></cellXfs>: which cell
// styles show dates (built-in formats 14–22 and 45–47, or a custom code with date/time parts).
Status XlsxReader::Impl::LoadStyles() {
    if (!Has("xl/styles.xml")) return Status::Ok();
    struct State {
        std::map<long, bool> custom;
        std::vector<bool>* out;
        bool in_cell_xfs = false;
    } st{{}, &date_styles};
    auto start = [](void* u, const char* name, const char** atts) {
        auto* s = static_cast<State*>(u);
        auto n = Local(name);
        if (n == "numFmt") {
            const char* id = Attr(atts, "numFmtId");
            const char* code = Attr(atts, "formatCode");
            if (id && code) s->custom[std::strtol(id, nullptr, 10)] = IsDateFormat(code);
        } else if (n == "cellXfs") {
            s->in_cell_xfs = true;
        } else if (n == "xf" && s->in_cell_xfs) {
            const char* id = Attr(atts, "numFmtId");
            long f = id ? std::strtol(id, nullptr, 10) : 0;
            auto it = s->custom.find(f);
            s->out->push_back(it != s->custom.end() ? it->second : ((f >= 14 && f <= 22) || (f >= 45 && f <= 47)));
        }
    };
    auto end = [](void* u, const char* name) {
        if (Local(name) == "cellXfs") static_cast<State*>(u)->in_cell_xfs = false;
    };
    return Parse("xl/styles.xml", &st, start, end, nullptr, nullptr);
}

// xl/workbook.xml names the sheets and their relationship ids; xl/_rels/workbook.xml.rels maps the ids
// to parts.
Result<std::vector<SheetInfo>> XlsxReader::Impl::LoadSheets() {
    struct State {
        std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
        std::map<std::string, std::string> targets;
        bool* date1904;
    } st{{}, {}, &date1904};
    auto wb = [](void* u, const char* name, const char** atts) {
        auto* s = static_cast<State*>(u);
        auto n = Local(name);
        if (n == "sheet") {
            const char* nm = Attr(atts, "name");
            const char* id = Attr(atts, "id");
            if (nm && id) s->sheets.emplace_back(nm, id);
        } else if (n == "workbookPr") {
            const char* d = Attr(atts, "date1904");
            *s->date1904 = d && (std::string_view(d) == "1" || std::string_view(d) == "true");
        }
    };
    ORIENTIR_TRY(Parse("xl/workbook.xml", &st, wb, nullptr, nullptr, nullptr));
    auto rels = [](void* u, const char* name, const char** atts) {
        auto* s = static_cast<State*>(u);
        if (Local(name) != "Relationship") return;
        const char* id = Attr(atts, "Id");
        const char* target = Attr(atts, "Target");
        if (id && target) s->targets[id] = target;
    };
    if (Has("xl/_rels/workbook.xml.rels"))
        ORIENTIR_TRY(Parse("xl/_rels/workbook.xml.rels", &st, rels, nullptr, nullptr, nullptr));
    std::vector<SheetInfo> out;
    for (std::size_t i = 0; i < st.sheets.size(); ++i) {
        auto it = st.targets.find(st.sheets[i].second);
        std::string part = it != st.targets.end() ? it->second : "worksheets/sheet" + std::to_string(i + 1) + ".xml";
        part = part.starts_with("/") ? part.substr(1) : "xl/" + part;
        out.push_back({st.sheets[i].first, part});
    }
    if (out.empty()) return Bad("xlsx_part", "в книге нет ни одного листа");
    return out;
}

namespace {

// Expat state for one worksheet: <row r><c r t s><f/><v/><is><t/></is></c></row>.
struct SheetState {
    XlsxReader::Impl* impl;
    const RowCallback* on_row;
    XML_Parser parser = nullptr;
    Status status = Status::Ok();
    std::vector<Cell> cells;
    std::size_t row = 0, rows_with_data = 0;
    long col = -1, next_col = 0;
    std::string type, value;
    long style = 0;
    bool formula = false, in_value = false, in_inline = false, in_t = false, in_row = false;
};

void Fail(SheetState& s, Error e) {
    if (s.status.ok()) s.status = std::move(e);
    XML_StopParser(s.parser, XML_FALSE);
}

std::string Where(const SheetState& s) {
    return "строка " + std::to_string(s.row) + ", столбец " + ColumnName(static_cast<std::size_t>(s.col));
}

// The typed value of the finished cell.
Result<Cell> FinishCell(SheetState& s) {
    Cell c;
    const auto& impl = *s.impl;
    if (s.type == "e") return Bad("xlsx_error_cell", Where(s) + ": в ячейке ошибка " + s.value);
    if (s.formula && s.value.empty() && s.type != "str")
        return Bad("xlsx_formula", Where(s) +
                                       ": формула без сохранённого значения — откройте файл в Excel и сохраните его "
                                       "или вставьте значения вместо формул");
    if (s.value.empty()) return c;
    if (s.type == "s") {
        auto i = ParseInt(s.value);
        if (!i || *i < 0 || static_cast<std::size_t>(*i) >= impl.shared.size())
            return Bad("xlsx_shared_string", Where(s) + ": ссылка на несуществующую строку " + s.value);
        c.type = Cell::kText;
        c.text = impl.shared[static_cast<std::size_t>(*i)];
    } else if (s.type == "inlineStr" || s.type == "str") {
        c.type = Cell::kText;
        c.text = s.value;
    } else if (s.type == "b") {
        c.type = Cell::kBool;
        c.number = s.value == "1" ? 1 : 0;
        c.text = s.value == "1" ? "true" : "false";
    } else {
        auto d = ParseDouble(s.value);
        if (!d) return Bad("xlsx_number", Where(s) + ": не число «" + s.value + "»");
        c.number = *d;
        c.text = s.value;
        bool date = s.style >= 0 && static_cast<std::size_t>(s.style) < impl.date_styles.size() &&
                    impl.date_styles[static_cast<std::size_t>(s.style)];
        c.type = date ? Cell::kDate : Cell::kNumber;
        // Excel's dates run from serial 0 to 2,958,465 (9999-12-31); beyond that the cell is no date
        if (date && !(*d >= 0 && *d < 2958466))
            return Bad("xlsx_date", Where(s) + ": дата вне диапазона Excel «" + s.value + "»");
        if (date) c.text = SerialToDate(*d, impl.date1904);
    }
    return c;
}

void SheetStart(void* u, const char* name, const char** atts) {
    auto& s = *static_cast<SheetState*>(u);
    auto n = Local(name);
    if (n == "row") {
        // a row inside a row (or inside a cell's text) is no sheet Excel writes; read on, it would emit one row
        // twice (found by fuzz/xlsx_reader)
        if (s.in_row) return Fail(s, Bad("xlsx_row_nested", Where(s) + ": строка внутри строки — файл повреждён"));
        s.in_row = true;
        const char* r = Attr(atts, "r");
        std::size_t row = r ? static_cast<std::size_t>(std::strtoul(r, nullptr, 10)) : s.row + 1;
        // Rows are written in ascending order (ECMA-376); a row number going back or repeating would
        // make the error messages name the wrong row, so such a sheet is refused (found by fuzz/xlsx_reader).
        if (row <= s.row)
            return Fail(s, Bad("xlsx_row_order", "строка " + std::to_string(row) + " записана после строки " +
                                                     std::to_string(s.row) + " — файл повреждён"));
        s.row = row;
        s.cells.clear();
        s.next_col = 0;
    } else if (n == "c") {
        const char* r = Attr(atts, "r");
        s.col = r ? ColumnOfRef(r) : s.next_col;
        if (s.col < 0) s.col = s.next_col;
        s.next_col = s.col + 1;
        const char* t = Attr(atts, "t");
        s.type = t ? t : "n";
        const char* st = Attr(atts, "s");
        s.style = st ? std::strtol(st, nullptr, 10) : 0;
        s.value.clear();
        s.formula = false;
    } else if (n == "f") {
        s.formula = true;
    } else if (n == "v") {
        s.in_value = true;
    } else if (n == "is") {
        s.in_inline = true;
    } else if (n == "t" && s.in_inline) {
        s.in_t = true;
    }
}

void SheetEnd(void* u, const char* name) {
    auto& s = *static_cast<SheetState*>(u);
    auto n = Local(name);
    if (n == "v") {
        s.in_value = false;
    } else if (n == "t") {
        s.in_t = false;
    } else if (n == "is") {
        s.in_inline = false;
    } else if (n == "c") {
        if (static_cast<std::size_t>(s.col) >= s.impl->limits.max_columns)
            return Fail(s, Bad("xlsx_columns", Where(s) + ": слишком много столбцов"));
        auto cell = FinishCell(s);
        if (!cell.ok()) return Fail(s, cell.error());
        if (cell->type == Cell::kEmpty) return;
        if (s.cells.size() <= static_cast<std::size_t>(s.col)) s.cells.resize(static_cast<std::size_t>(s.col) + 1);
        s.cells[static_cast<std::size_t>(s.col)] = std::move(cell).value();
    } else if (n == "row") {
        s.in_row = false;
        if (s.cells.empty()) return;
        if (++s.rows_with_data > s.impl->limits.max_rows) {
            return Fail(s, Bad("xlsx_rows", "на листе больше " + std::to_string(s.impl->limits.max_rows) +
                                                " строк с данными — разделите файл на части"));
        }
        Status st = (*s.on_row)(s.row, s.cells);
        if (!st.ok()) Fail(s, st.error());
    }
}

void SheetText(void* u, const char* t, int len) {
    auto& s = *static_cast<SheetState*>(u);
    if (s.in_value || s.in_t) s.value.append(t, static_cast<std::size_t>(len));
}

}  // namespace

Status XlsxReader::Impl::StreamSheet(const std::string& part, const RowCallback& on_row) {
    SheetState st{this, &on_row};
    Status parsed = Parse(part, &st, SheetStart, SheetEnd, SheetText, &st.status, &st.parser);
    if (!st.status.ok()) return st.status;
    return parsed;
}

Result<std::unique_ptr<XlsxReader>> XlsxReader::Open(const std::string& path, XlsxLimits limits) {
    auto impl = std::make_unique<Impl>();
    impl->limits = limits;
    int err = 0;
    impl->zip = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!impl->zip) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        std::string why = zip_error_strerror(&ze);
        zip_error_fini(&ze);
        if (err == ZIP_ER_OPEN || err == ZIP_ER_NOENT || err == ZIP_ER_READ)
            return Error::Invalid("file", "unreadable", "не удаётся прочитать " + path + ": " + why);
        return Bad("xlsx_zip", "файл повреждён или это не .xlsx (не zip-архив: " + why + ")");
    }
    ORIENTIR_TRY(impl->CheckSizes());
    ORIENTIR_ASSIGN(auto sheets, impl->LoadSheets());
    ORIENTIR_TRY(impl->LoadStyles());
    ORIENTIR_TRY(impl->LoadSharedStrings());
    std::unique_ptr<XlsxReader> r(new XlsxReader(std::move(impl)));
    r->sheets_ = std::move(sheets);
    return r;
}

Status XlsxReader::ReadSheet(std::size_t index, const RowCallback& on_row) {
    if (index >= sheets_.size()) return Bad("sheet", "в книге нет листа № " + std::to_string(index + 1));
    return impl_->StreamSheet(sheets_[index].part, on_row);
}

XlsxReader::XlsxReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxReader::~XlsxReader() = default;

}  // namespace orientir::io
