#include "io/xlsx_import.hpp"

#include "common/strings.hpp"
#include "text/normalize.hpp"

namespace orientir::io {

namespace {

class XlsxSource final : public app::TableSource {
public:
    XlsxSource(XlsxReader& reader, std::size_t sheet) : reader_(reader), sheet_(sheet) {}
    Status ForEachRow(const RowFn& on_row) override {
        auto st = reader_.ReadSheet(sheet_, on_row);
        if (st.ok() || st.error().message.starts_with("Лист «")) return st;
        Error e = st.error();  // the reader's own errors name the row, not the sheet
        e.message = Where(0, std::nullopt, "") + ", " + e.message;
        return e;
    }
    std::string Where(std::size_t row, std::optional<std::size_t> column, const std::string& header) const override {
        std::string w = "Лист «" + reader_.sheets()[sheet_].name + "»";
        if (row == 0) return w;
        w += ", строка " + std::to_string(row);
        if (column) {
            w += ", столбец " + ColumnName(*column);
            if (!header.empty()) w += " «" + header + "»";
        }
        return w;
    }

private:
    XlsxReader& reader_;
    std::size_t sheet_;
};

}  // namespace

bool IsXlsxPath(const std::string& path) {
    return path.size() > 5 && text::Fold(path.substr(path.size() - 5)) == ".xlsx";
}

Result<app::ImportReport> ImportXlsxFile(app::App& app, const app::Actor& actor, const std::string& kind_arg,
                                         const std::string& path, const XlsxLimits& limits) {
    ORIENTIR_ASSIGN(auto reader, XlsxReader::Open(path, limits));
    std::string kind = app::SingularKind(kind_arg);
    std::size_t sheet = 0;
    for (std::size_t i = 0; i < reader->sheets().size(); ++i) {
        if (app::KindOfSheetName(reader->sheets()[i].name) == kind) {
            sheet = i;
            break;
        }
    }
    XlsxSource src(*reader, sheet);
    return app::ImportTable(app, actor, kind, src);
}

}  // namespace orientir::io
