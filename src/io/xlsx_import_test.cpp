// .xlsx import through app::ImportTable: title rows, Russian/English headers, typed and text cells,
// errors naming sheet/row/column with nothing stored, and export → import round trips.

#include "io/xlsx_import.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/app.hpp"
#include "app/store_access.hpp"
#include "io/test_xlsx.hpp"
#include "io/xlsx_writer.hpp"

namespace orientir::io {
namespace {

namespace fs = std::filesystem;
using testing::Str;
using testing::Workbook;
using testing::WriteZip;

class XlsxImport : public ::testing::Test {
protected:
    std::unique_ptr<app::App> NewApp(const std::string& name) {
        fs::path d = dir_ / name;
        fs::create_directories(d);
        storage::SqliteOptions o;
        o.path = (d / "store.db").string();
        auto a = std::make_unique<app::App>(std::move(storage::OpenSqliteStore(o)).value(),
                                            app::AppOptions{d.string(), ORIENTIR_SOURCE_DATA_DIR});
        EXPECT_TRUE(app::EnsureReferenceData(*a, ORIENTIR_SOURCE_DATA_DIR).ok());
        return a;
    }
    void SetUp() override {
        static int n = 0;
        dir_ = fs::temp_directory_path() /
               ("orientir-xlsx-test-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
        fs::create_directories(dir_);
        app_ = NewApp("a");
    }
    void TearDown() override {
        app_.reset();
        fs::remove_all(dir_);
    }
    std::string Path(const std::string& name) { return (dir_ / name).string(); }
    std::int64_t Count(const std::string& kind) { return app_->CountRecords(kind).value(); }

    // A practices sheet as an official fills it: two title rows (the first merged), a «№» column,
    // Russian headers, then ROWS.
    std::string PracticesSheet(const std::vector<std::string>& rows) {
        std::string data = "<row r=\"1\">" + Str("A1", "Реестр лучших практик Тюменской области") + "</row>";
        data += "<row r=\"2\">" + Str("A2", "по состоянию на 01.10.2026") + "</row>";
        data += "<row r=\"4\">" + Str("A4", "№ п/п") + Str("B4", "Название") + Str("C4", "Регион") +
                Str("D4", "Краткое описание") + Str("E4", "Сферы") + Str("F4", "Начало") + Str("G4", "Бюджет, руб.") +
                Str("H4", "Статус") + "</row>";
        for (const auto& r : rows) data += r;
        return data;
    }
    static std::string PracticeRow(int row, const std::string& title, const std::string& region,
                                   const std::string& start_cell, const std::string& budget) {
        std::string r = std::to_string(row);
        return "<row r=\"" + r + "\"><c r=\"A" + r + "\"><v>" + std::to_string(row - 4) + "</v></c>" +
               Str("B" + r, title) + Str("C" + r, region) + Str("D" + r, "Описание практики " + title) +
               Str("E" + r, "volunteering; youth_policy") + start_cell + Str("G" + r, budget) +
               Str("H" + r, "Опубликована") + "</row>";
    }

    fs::path dir_;
    std::unique_ptr<app::App> app_;
};

TEST_F(XlsxImport, OfficialSheetWithTitleRowsDatesAndCommaDecimals) {
    WriteZip(Path("p.xlsx"),
             Workbook("Практики", PracticesSheet({PracticeRow(5, "Штабы", "Тюменская область",
                                                              R"(<c r="F5" s="2"><v>44197</v></c>)", "1 250 000,50"),
                                                  PracticeRow(6, "Кружки", "86", Str("F6", "15.03.2022"), "300000")})));
    auto r = ImportXlsxFile(*app_, app::Actor::System(), "practices", Path("p.xlsx"));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->records, 2u);
    auto list = app_->List<domain::Practice>(app::Actor::System(), {{}, {}, {}, 0, 10, false});
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->items.size(), 2u);
    const auto& first = list->items[0].title == "Штабы" ? list->items[0] : list->items[1];
    const auto& second = list->items[0].title == "Штабы" ? list->items[1] : list->items[0];
    EXPECT_EQ(first.origin.region, "72");
    EXPECT_EQ(first.period.from.value_or(""), "2021-01-01");
    EXPECT_DOUBLE_EQ(first.resources.budget_rub.value_or(0), 1250000.5);
    EXPECT_EQ(first.domains, (std::vector<std::string>{"volunteering", "youth_policy"}));
    EXPECT_EQ(second.origin.region, "86");
    EXPECT_EQ(second.period.from.value_or(""), "2022-03-15");
}

TEST_F(XlsxImport, AnUnknownRegionNamesSheetRowAndColumnAndNothingIsStored) {
    std::vector<std::string> rows;
    for (int i = 5; i <= 6; ++i) rows.push_back(PracticeRow(i, "П" + std::to_string(i), "72", "", "1"));
    rows.push_back(PracticeRow(7, "П7", "Тюменска", "", "1"));
    WriteZip(Path("bad.xlsx"), Workbook("Практики", PracticesSheet(rows)));
    auto before = Count("practice");
    auto r = ImportXlsxFile(*app_, app::Actor::System(), "practices", Path("bad.xlsx"));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("Лист «Практики», строка 7, столбец C «Регион»: неизвестный регион «Тюменска»"),
              std::string::npos)
        << r.error().message;
    EXPECT_EQ(Count("practice"), before);
}

TEST_F(XlsxImport, DomainRuleErrorsNameTheColumnTooAndFormulasAreRefused) {
    WriteZip(Path("v.xlsx"),
             Workbook("Indicator values", "<row r=\"1\">" + Str("A1", "Indicator") + Str("B1", "Region") +
                                              Str("C1", "Year") + Str("D1", "Value") + "</row><row r=\"2\">" +
                                              Str("A2", "no_such_indicator") + Str("B2", "72") +
                                              "<c r=\"C2\"><v>2023</v></c>" + Str("D2", "31,5") + "</row>"));
    auto r = ImportXlsxFile(*app_, app::Actor::System(), "indicator_values", Path("v.xlsx"));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("Лист «Indicator values», строка 2, столбец A «Indicator»"), std::string::npos)
        << r.error().message;

    WriteZip(Path("f.xlsx"), Workbook("Практики", PracticesSheet({PracticeRow(5, "Ф", "72", "", "1"),
                                                                  "<row r=\"6\"><c r=\"G6\"><f>G5*2</f></c></row>"})));
    auto f = ImportXlsxFile(*app_, app::Actor::System(), "practices", Path("f.xlsx"));
    ASSERT_FALSE(f.ok());
    EXPECT_NE(f.error().message.find("Лист «Практики», строка 6, столбец G: формула"), std::string::npos)
        << f.error().message;
    EXPECT_EQ(Count("practice"), 0);
}

TEST_F(XlsxImport, ASheetWithoutAHeaderIsRefused) {
    WriteZip(Path("h.xlsx"), Workbook("Практики", "<row r=\"1\">" + Str("A1", "что-то") + Str("B1", "Регион") +
                                                      Str("C1", "Цвет") + "</row>"));
    auto r = ImportXlsxFile(*app_, app::Actor::System(), "practices", Path("h.xlsx"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().rule, "no_header") << r.error().message;
    WriteZip(Path("u.xlsx"), Workbook("Практики", "<row r=\"1\">" + Str("A1", "Название") + Str("B1", "Регион") +
                                                      Str("C1", "Цвет") + "</row>"));
    auto u = ImportXlsxFile(*app_, app::Actor::System(), "practices", Path("u.xlsx"));
    ASSERT_FALSE(u.ok());
    EXPECT_NE(u.error().message.find("столбец C «Цвет»: неизвестный столбец"), std::string::npos) << u.error().message;
}

TEST_F(XlsxImport, PositionsReferToPersonsAndOrganisationsByKey) {
    ASSERT_TRUE(app::EnsureDemoData(*app_, ORIENTIR_SOURCE_DATA_DIR).ok());
    auto before = Count("position");
    WriteZip(Path("pos.xlsx"),
             Workbook("Должности", "<row r=\"1\">" + Str("A1", "Персона") + Str("B1", "Должность") +
                                       Str("C1", "Организация") + Str("D1", "Регион") + Str("E1", "Дата начала") +
                                       "</row><row r=\"2\">" + Str("A2", "kovalenko-ig") +
                                       Str("B2", "советник губернатора") + Str("C2", "tyumen-youth-dept") +
                                       Str("D2", "Тюменская область") + "<c r=\"E2\" s=\"1\"><v>45658</v></c></row>"));
    auto r = ImportXlsxFile(*app_, app::Actor::System(), "positions", Path("pos.xlsx"));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(Count("position"), before + 1);
    bool found = false;
    ASSERT_TRUE(app::StoreAccess::Of(*app_)
                    .Scan("position",
                          [&](const storage::Doc& d) {
                              auto j = Json::parse(d.body);
                              if (j.value("title", "") == "советник губернатора") {
                                  found = true;
                                  EXPECT_EQ(j.value("from", ""), "2025-01-01");
                                  EXPECT_EQ(j.value("region", ""), "72");
                                  EXPECT_TRUE(j.contains("organisation_id"));
                              }
                              return true;
                          })
                    .ok());
    EXPECT_TRUE(found);

    WriteZip(Path("pos2.xlsx"),
             Workbook("Должности", "<row r=\"1\">" + Str("A1", "Персона") + Str("B1", "Должность") +
                                       "</row><row r=\"2\">" + Str("A2", "nobody-key") + Str("B2", "x") + "</row>"));
    auto bad = ImportXlsxFile(*app_, app::Actor::System(), "positions", Path("pos2.xlsx"));
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("Лист «Должности», строка 2"), std::string::npos) << bad.error().message;
    EXPECT_NE(bad.error().message.find("nobody-key"), std::string::npos) << bad.error().message;
}

// Every kind exported from the demo data imports into a second installation with the same values.
TEST_F(XlsxImport, ExportImportRoundTrip) {
    ASSERT_TRUE(app::EnsureDemoData(*app_, ORIENTIR_SOURCE_DATA_DIR).ok());
    auto other = NewApp("b");
    for (std::string kind : {"organisation", "person", "practice", "adoption", "indicator", "indicator_value"}) {
        SCOPED_TRACE(kind);
        std::vector<OrderedJson> records;
        ASSERT_TRUE(app::StoreAccess::Of(*app_)
                        .Scan(kind,
                              [&](const storage::Doc& d) {
                                  auto j = OrderedJson::parse(d.body);
                                  j["id"] = d.id;
                                  records.push_back(std::move(j));
                                  return true;
                              })
                        .ok());
        ASSERT_FALSE(records.empty());
        auto bytes = RecordsToXlsx(kind, records, kind == "indicator" ? "en" : "ru");
        ASSERT_TRUE(bytes.ok()) << bytes.error().message;
        std::ofstream(Path(kind + ".xlsx"), std::ios::binary) << bytes.value();
        auto r = ImportXlsxFile(*other, app::Actor::System(), kind, Path(kind + ".xlsx"));
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_EQ(r->records, records.size());
        // Same rows when the imported records are exported again.
        std::vector<std::vector<app::TableCell>> a, b;
        for (const auto& j : records) a.push_back(app::RecordToRow(kind, j, "ru"));
        ASSERT_TRUE(app::StoreAccess::Of(*other)
                        .Scan(kind,
                              [&](const storage::Doc& d) {
                                  auto j = OrderedJson::parse(d.body);
                                  b.push_back(app::RecordToRow(kind, j, "ru"));
                                  return true;
                              })
                        .ok());
        ASSERT_EQ(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            for (std::size_t c = 0; c < a[i].size(); ++c) EXPECT_EQ(a[i][c].text, b[i][c].text) << i << ":" << c;
    }
}

}  // namespace
}  // namespace orientir::io
