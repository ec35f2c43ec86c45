#include "io/xlsx_reader.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "io/test_xlsx.hpp"
#include "io/xlsx_writer.hpp"

namespace orientir::io {
namespace {

using testing::Str;
using testing::TempPath;
using testing::Workbook;
using testing::WriteZip;

struct Read {
    std::vector<std::pair<std::size_t, std::vector<Cell>>> rows;
    Status status = Status::Ok();
};

Read ReadFirstSheet(const std::string& path, XlsxLimits limits = {}) {
    Read out;
    auto r = XlsxReader::Open(path, limits);
    if (!r.ok()) {
        out.status = r.error();
        return out;
    }
    out.status = (*r)->ReadSheet(0, [&](std::size_t row, const std::vector<Cell>& cells) {
        out.rows.emplace_back(row, cells);
        return Status::Ok();
    });
    return out;
}

TEST(XlsxReader, SharedInlineNumbersBooleansAndDates) {
    std::string path = TempPath("types.xlsx");
    WriteZip(path, Workbook("Лист1",
                            R"(<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row>)"
                            R"(<row r="2"><c r="A2"><v>31.5</v></c><c r="B2" t="b"><v>1</v></c>)"
                            R"(<c r="C2" s="1"><v>45292</v></c><c r="D2" s="2"><v>43466.5</v></c>)"
                            R"(<c r="E2" s="3"><v>2.25</v></c>)" +
                                Str("F2", "строка") + "</row>",
                            "<si><t>Регион</t></si><si><r><t>Назв</t></r><r><t>ание</t></r><rPh><t>x</t></rPh></si>"));
    auto got = ReadFirstSheet(path);
    ASSERT_TRUE(got.status.ok()) << got.status.error().message;
    ASSERT_EQ(got.rows.size(), 2u);
    EXPECT_EQ(got.rows[0].second[0].text, "Название");
    EXPECT_EQ(got.rows[0].second[1].text, "Регион");
    const auto& r = got.rows[1].second;
    ASSERT_EQ(r.size(), 6u);
    EXPECT_EQ(r[0].type, Cell::kNumber);
    EXPECT_DOUBLE_EQ(r[0].number, 31.5);
    EXPECT_EQ(r[1].type, Cell::kBool);
    EXPECT_EQ(r[2].type, Cell::kDate);
    EXPECT_EQ(r[2].text, "2024-01-01");
    EXPECT_EQ(r[3].type, Cell::kDate);
    EXPECT_EQ(r[3].text, "2019-01-01T12:00:00");
    EXPECT_EQ(r[4].type, Cell::kNumber);  // "0.00" is not a date format
    EXPECT_EQ(r[5].text, "строка");
}

// Found by fuzz_xlsx_reader (session 10): a date-styled cell holding 4.5e29 overflowed the day count (UBSan);
// a serial outside Excel's dates (0 to 9999-12-31) is refused with the cell named.
TEST(XlsxReader, ADateSerialOutsideExcelsRangeIsRefused) {
    std::string path = TempPath("bigdate.xlsx");
    WriteZip(path, Workbook("Лист1", R"(<row r="1"><c r="A1" s="1"><v>4.50889e+29</v></c></row>)", ""));
    auto got = ReadFirstSheet(path);
    ASSERT_FALSE(got.status.ok());
    EXPECT_EQ(got.status.error().rule, "xlsx_date");
    EXPECT_NE(got.status.error().message.find("строка 1, столбец A"), std::string::npos) << got.status.error().message;
}

TEST(XlsxReader, DateSerialsAndFormats) {
    EXPECT_EQ(SerialToDate(1), "1900-01-01");
    EXPECT_EQ(SerialToDate(59), "1900-02-28");
    EXPECT_EQ(SerialToDate(61), "1900-03-01");
    EXPECT_EQ(SerialToDate(44197), "2021-01-01");
    EXPECT_EQ(SerialToDate(0, true), "1904-01-01");
    EXPECT_TRUE(IsDateFormat("dd.mm.yyyy"));
    EXPECT_TRUE(IsDateFormat("[$-419]d mmmm yyyy;@"));
    EXPECT_TRUE(IsDateFormat("h:mm"));
    EXPECT_FALSE(IsDateFormat("0.00"));
    EXPECT_FALSE(IsDateFormat("#,##0\" руб.\""));
    EXPECT_FALSE(IsDateFormat("[Red]0.00"));
    EXPECT_EQ(ColumnName(0), "A");
    EXPECT_EQ(ColumnName(27), "AB");
}

TEST(XlsxReader, FormulaGivesItsCachedValueOrIsRefused) {
    std::string path = TempPath("formula.xlsx");
    WriteZip(path, Workbook("S", R"(<row r="1"><c r="A1"><f>1+1</f><v>2</v></c>)"
                                 R"(<c r="B1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>)"));
    auto ok = ReadFirstSheet(path);
    ASSERT_TRUE(ok.status.ok()) << ok.status.error().message;
    EXPECT_DOUBLE_EQ(ok.rows[0].second[0].number, 2);
    EXPECT_EQ(ok.rows[0].second[1].text, "ab");

    WriteZip(path,
             Workbook("S", R"(<row r="1"><c r="A1"><v>1</v></c></row><row r="4"><c r="C4"><f>A1*2</f></c></row>)"));
    auto bad = ReadFirstSheet(path);
    ASSERT_FALSE(bad.status.ok());
    EXPECT_EQ(bad.status.error().rule, "xlsx_formula");
    EXPECT_NE(bad.status.error().message.find("строка 4, столбец C"), std::string::npos) << bad.status.error().message;

    WriteZip(path, Workbook("S", R"(<row r="2"><c r="B2" t="e"><v>#DIV/0!</v></c></row>)"));
    auto err = ReadFirstSheet(path);
    ASSERT_FALSE(err.status.ok());
    EXPECT_NE(err.status.error().message.find("#DIV/0!"), std::string::npos);
}

TEST(XlsxReader, CorruptedFilesAreRefusedClearly) {
    std::string path = TempPath("corrupt.xlsx");
    std::ofstream(path) << "это не zip";
    auto r = XlsxReader::Open(path);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().rule, "xlsx_zip") << r.error().message;

    // A zip that is not a workbook.
    WriteZip(path, {{"readme.txt", "hello"}});
    auto nb = XlsxReader::Open(path);
    ASSERT_FALSE(nb.ok());
    EXPECT_EQ(nb.error().rule, "xlsx_part");

    // Broken XML inside a valid package.
    WriteZip(path, Workbook("S", R"(<row r="1"><c r="A1"><v>1</v></row>)"));
    auto bx = ReadFirstSheet(path);
    ASSERT_FALSE(bx.status.ok());
    EXPECT_EQ(bx.status.error().rule, "xlsx_xml") << bx.status.error().message;

    // A truncated package.
    WriteZip(path, Workbook("S", R"(<row r="1"><c r="A1"><v>1</v></c></row>)"));
    std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
    auto tr = XlsxReader::Open(path);
    ASSERT_FALSE(tr.ok());
    EXPECT_EQ(tr.error().rule, "xlsx_zip") << tr.error().message;
}

// Rows going back or repeated (a damaged file; found by fuzz/xlsx_reader) are refused, not renumbered.
TEST(XlsxReader, RowsOutOfOrderAreRefused) {
    std::string path = TempPath("order.xlsx");
    WriteZip(path, Workbook("S", R"(<row r="4"><c r="A4"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>)"));
    auto back = ReadFirstSheet(path);
    ASSERT_FALSE(back.status.ok());
    EXPECT_EQ(back.status.error().rule, "xlsx_row_order");
    EXPECT_NE(back.status.error().message.find("строка 2 записана после строки 4"), std::string::npos)
        << back.status.error().message;
    WriteZip(path, Workbook("S", R"(<row r="3"><c r="A3"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c></row>)"));
    EXPECT_FALSE(ReadFirstSheet(path).status.ok());
    // a row nested in a cell of another row (well-formed XML; found by fuzz/xlsx_reader, which saw the inner row
    // emitted twice): refused, and no row is emitted twice
    WriteZip(path, Workbook("S", R"(<row r="1"><c r="A1"><v>1</v></c></row><row><c r="A4" t="inlineStr"><is>)"
                                 R"(<row><c r="A4" t="inlineStr"><is><t>x</t></is></c></row><t>y</t></is></c></row>)"));
    auto nested = ReadFirstSheet(path);
    ASSERT_FALSE(nested.status.ok());
    EXPECT_EQ(nested.status.error().rule, "xlsx_row_nested") << nested.status.error().message;
    for (std::size_t i = 1; i < nested.rows.size(); ++i) EXPECT_LT(nested.rows[i - 1].first, nested.rows[i].first);
    // rows without numbers follow the previous one
    WriteZip(path, Workbook("S", R"(<row r="2"><c><v>1</v></c></row><row><c><v>2</v></c></row>)"));
    auto implicit = ReadFirstSheet(path);
    ASSERT_TRUE(implicit.status.ok()) << implicit.status.error().message;
    ASSERT_EQ(implicit.rows.size(), 2u);
    EXPECT_EQ(implicit.rows[1].first, 3u);
}

// A column reference longer than Excel's (XFD) is past the column limit, not an overflow (fuzz/xlsx_reader).
TEST(XlsxReader, OverlongColumnReferenceIsRefused) {
    std::string path = TempPath("column.xlsx");
    WriteZip(path, Workbook("S", R"(<row r="1"><c r="AAAAAAAAAAAAAAAAAAAA1"><v>1</v></c></row>)"));
    auto r = ReadFirstSheet(path);
    ASSERT_FALSE(r.status.ok());
    EXPECT_EQ(r.status.error().rule, "xlsx_columns") << r.status.error().message;
}

TEST(XlsxReader, ZipBombIsRefusedBeforeInflating) {
    std::string path = TempPath("bomb.xlsx");
    auto parts = Workbook("S", R"(<row r="1"><c r="A1"><v>1</v></c></row>)");
    parts["xl/worksheets/sheet1.xml"] += std::string(32u << 20, ' ');  // 32 MB of spaces: deflates ~1000:1
    WriteZip(path, parts);
    auto r = XlsxReader::Open(path);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().rule, "zip_bomb") << r.error().message;

    XlsxLimits small;
    small.max_part_bytes = 1024;
    WriteZip(path, Workbook("S", "<row r=\"1\">" + Str("A1", std::string(4000, 'x')) + "</row>"));
    auto big = XlsxReader::Open(path, small);
    ASSERT_FALSE(big.ok());
    EXPECT_EQ(big.error().rule, "zip_bomb");
}

TEST(XlsxReader, RowLimitStopsALongSheet) {
    std::string path = TempPath("rows.xlsx");
    std::string data;
    for (int i = 1; i <= 150; ++i)
        data += "<row r=\"" + std::to_string(i) + "\"><c><v>" + std::to_string(i) + "</v></c></row>";
    WriteZip(path, Workbook("S", data));
    XlsxLimits limits;
    limits.max_rows = 100;
    auto got = ReadFirstSheet(path, limits);
    ASSERT_FALSE(got.status.ok());
    EXPECT_EQ(got.status.error().rule, "xlsx_rows");
    EXPECT_EQ(got.rows.size(), 100u);
}

TEST(XlsxReader, ReadsWhatTheWriterWrites) {
    XlsxWriter w;
    ASSERT_TRUE(w.AddSheet("Практики", {"Название", "Дата", "Число", "Да"}, {30, 12, 10, 6}).ok());
    using C = app::TableCell;
    ASSERT_TRUE(
        w.AddRow({C{C::kText, "Штабы", 0}, C{C::kDate, "2021-03-15", 0}, C{C::kNumber, "", 2.5}, C{C::kBool, "", 1}})
            .ok());
    auto bytes = w.Finish();
    ASSERT_TRUE(bytes.ok());
    std::string path = TempPath("written.xlsx");
    std::ofstream(path, std::ios::binary) << bytes.value();
    auto r = XlsxReader::Open(path);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ((*r)->sheets()[0].name, "Практики");
    auto got = ReadFirstSheet(path);
    ASSERT_TRUE(got.status.ok()) << got.status.error().message;
    ASSERT_EQ(got.rows.size(), 2u);
    EXPECT_EQ(got.rows[1].second[0].text, "Штабы");
    EXPECT_EQ(got.rows[1].second[1].type, Cell::kDate);
    EXPECT_EQ(got.rows[1].second[1].text, "2021-03-15");
    EXPECT_DOUBLE_EQ(got.rows[1].second[2].number, 2.5);
    EXPECT_EQ(got.rows[1].second[3].type, Cell::kBool);
}

}  // namespace
}  // namespace orientir::io
