#include "io/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace orientir::io {

namespace {

constexpr std::size_t kMaxString = 32767;  // Excel's limit per cell

Error WriteError(const std::string& what, lxw_error e) {
    return Error{ErrorCode::kInternal, "xlsx: " + what + ": " + lxw_strerror(e), "", "xlsx_write"};
}

std::string SheetName(const std::string& name) {
    std::string out;
    for (char c : name)
        if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) out += c;
    // Cut at 31 code points, never inside a UTF-8 sequence.
    std::size_t points = 0, i = 0;
    for (; i < out.size(); ++i) {
        if ((static_cast<unsigned char>(out[i]) & 0xC0) != 0x80 && ++points > 31) break;
    }
    out.resize(i);
    return out.empty() ? "Лист1" : out;
}

}  // namespace

struct XlsxWriter::Impl {
    std::string path;
    lxw_workbook* wb = nullptr;
    lxw_worksheet* ws = nullptr;
    lxw_format* header = nullptr;
    lxw_format* date = nullptr;
    lxw_row_t row = 0;
    std::size_t columns = 0;
};

XlsxWriter::XlsxWriter() : impl_(std::make_unique<Impl>()) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "orientir-xlsx-XXXXXX").string();
    int fd = mkstemp(tmpl.data());
    if (fd >= 0) close(fd);
    impl_->path = tmpl;
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    impl_->wb = workbook_new_opt(impl_->path.c_str(), &options);
    if (!impl_->wb) return;
    impl_->header = workbook_add_format(impl_->wb);
    format_set_bold(impl_->header);
    format_set_text_wrap(impl_->header);
    format_set_bg_color(impl_->header, 0xE8EEF4);
    impl_->date = workbook_add_format(impl_->wb);
    format_set_num_format(impl_->date, "dd.mm.yyyy");
}

XlsxWriter::~XlsxWriter() {
    if (impl_->wb) workbook_close(impl_->wb);
    std::error_code ec;
    std::filesystem::remove(impl_->path, ec);
}

Status XlsxWriter::AddSheet(const std::string& name, const std::vector<std::string>& headers,
                            const std::vector<double>& widths) {
    if (!impl_->wb) return Error{ErrorCode::kInternal, "xlsx: cannot create a workbook", "", "xlsx_write"};
    impl_->ws = workbook_add_worksheet(impl_->wb, SheetName(name).c_str());
    if (!impl_->ws) return Error{ErrorCode::kInternal, "xlsx: cannot add sheet " + name, "", "xlsx_write"};
    impl_->row = 0;
    impl_->columns = headers.size();
    for (std::size_t c = 0; c < headers.size(); ++c) {
        double w = c < widths.size() ? widths[c] : 16;
        auto col = static_cast<lxw_col_t>(c);
        worksheet_set_column(impl_->ws, col, col, w, nullptr);
    }
    worksheet_freeze_panes(impl_->ws, 1, 0);
    if (!headers.empty()) worksheet_autofilter(impl_->ws, 0, 0, 0, static_cast<lxw_col_t>(headers.size() - 1));
    for (std::size_t c = 0; c < headers.size(); ++c) {
        auto e = worksheet_write_string(impl_->ws, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), impl_->header);
        if (e != LXW_NO_ERROR) return WriteError("header", e);
    }
    impl_->row = 1;
    return Status::Ok();
}

Status XlsxWriter::AddRow(const std::vector<app::TableCell>& cells) {
    if (!impl_->ws) return Error{ErrorCode::kInternal, "xlsx: no sheet", "", "xlsx_write"};
    if (impl_->row >= LXW_ROW_MAX)
        return Error::Invalid("rows", "xlsx_rows", "больше 1 048 576 строк не помещается на лист Excel");
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const auto& cell = cells[c];
        auto col = static_cast<lxw_col_t>(c);
        lxw_error e = LXW_NO_ERROR;
        switch (cell.type) {
            case app::TableCell::kEmpty:
                break;
            case app::TableCell::kNumber:
                e = worksheet_write_number(impl_->ws, impl_->row, col, cell.number, nullptr);
                break;
            case app::TableCell::kBool:
                e = worksheet_write_boolean(impl_->ws, impl_->row, col, cell.number != 0, nullptr);
                break;
            case app::TableCell::kDate: {
                lxw_datetime dt{};
                if (std::sscanf(cell.text.c_str(), "%4d-%2d-%2d", &dt.year, &dt.month, &dt.day) == 3) {
                    e = worksheet_write_datetime(impl_->ws, impl_->row, col, &dt, impl_->date);
                    break;
                }
                [[fallthrough]];
            }
            case app::TableCell::kText: {
                std::string s = cell.text.size() > kMaxString ? cell.text.substr(0, kMaxString) : cell.text;
                while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80 && s.size() == kMaxString)
                    s.pop_back();
                e = worksheet_write_string(impl_->ws, impl_->row, col, s.c_str(), nullptr);
                break;
            }
        }
        if (e != LXW_NO_ERROR) return WriteError("row " + std::to_string(impl_->row + 1), e);
    }
    ++impl_->row;
    return Status::Ok();
}

Result<std::string> XlsxWriter::Finish() {
    if (!impl_->wb) return Error{ErrorCode::kInternal, "xlsx: no workbook", "", "xlsx_write"};
    lxw_error e = workbook_close(impl_->wb);
    impl_->wb = nullptr;
    if (e != LXW_NO_ERROR) return WriteError("close", e);
    std::ifstream in(impl_->path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

Result<std::string> RecordsToXlsx(const std::string& kind, const std::vector<OrderedJson>& records,
                                  const std::string& lang) {
    const auto& cols = app::ColumnsOf(kind);
    std::vector<std::string> headers;
    std::vector<double> widths;
    for (const auto& c : cols) {
        headers.push_back(app::HeaderOf(c, lang));
        widths.push_back(c.width);
    }
    XlsxWriter w;
    ORIENTIR_TRY(w.AddSheet(app::SheetTitle(kind, lang), headers, widths));
    for (const auto& r : records) ORIENTIR_TRY(w.AddRow(app::RecordToRow(kind, r, lang)));
    return w.Finish();
}

}  // namespace orientir::io
