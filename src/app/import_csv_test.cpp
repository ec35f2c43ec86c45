// Issue 18, finding 6: CSV import accepted bad files quietly — KOI8-R stored garbled as Windows-1251,
// CR-only line endings "imported 0" with success, a NUL byte stored in a name, a column named twice.

#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>

#include "app/app.hpp"
#include "app/importer.hpp"
#include "common/strings.hpp"

namespace orientir::app {
namespace {

namespace fs = std::filesystem;

class CsvImport : public ::testing::Test {
protected:
    void SetUp() override {
        static int n = 0;
        dir_ = fs::temp_directory_path() /
               ("orientir-csv-import-test-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
        fs::create_directories(dir_);
        storage::SqliteOptions o;
        o.path = (dir_ / "store.db").string();
        app_ = std::make_unique<App>(std::move(storage::OpenSqliteStore(o)).value(),
                                     AppOptions{dir_.string(), ORIENTIR_SOURCE_DATA_DIR});
        ASSERT_TRUE(EnsureReferenceData(*app_, ORIENTIR_SOURCE_DATA_DIR).ok());
        domain::Indicator ind;
        ind.code = "vol_per_1000";
        ind.name = "Добровольцы на 1000 жителей";
        ind.domain = "volunteering";
        ASSERT_TRUE(app_->Create(Actor::System(), ind).ok());
    }
    void TearDown() override {
        app_.reset();
        fs::remove_all(dir_);
    }
    Result<ImportReport> Import(const std::string& text) {
        return ImportText(*app_, Actor::System(), "indicator_values", text, true);
    }
    std::string StoredSource() {
        auto l = app_->List<domain::IndicatorValue>(Actor::System(), {{}, {}, {}, 0, 10, false});
        return l.ok() && !l->items.empty() ? l->items.front().source : "";
    }
    std::int64_t Stored() { return app_->CountRecords("indicator_value").value(); }
    fs::path dir_;
    std::unique_ptr<App> app_;
};

TEST_F(CsvImport, Koi8rIsReadAsKoi8rNotWindows1251) {
    // "Росстат, данные за год" in KOI8-R.
    std::string koi =
        "indicator;region;year;value;source\nvol_per_1000;86;2023;31,5;"
        "\xF2\xCF\xD3\xD3\xD4\xC1\xD4\x2C\x20\xC4\xC1\xCE\xCE\xD9\xC5\x20\xDA\xC1\x20\xC7\xCF\xC4\n";
    auto r = Import(koi);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(StoredSource(), "Росстат, данные за год");
}

TEST_F(CsvImport, Windows1251IsStillWindows1251) {
    std::string cp = "indicator;region;year;value;source\nvol_per_1000;86;2023;31,5;\xD0\xEE\xF1\xF1\xF2\xE0\xF2\n";
    auto r = Import(cp);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(StoredSource(), "Росстат");
}

TEST_F(CsvImport, AmbiguousEightBitTextIsRefusedAskingForUtf8) {
    // Capitals only ("МО ГО" in KOI8-R): either encoding would make letters of it.
    auto r = Import("indicator;region;year;value;source\nvol_per_1000;86;2023;31,5;\xED\xEF\x20\xE7\xEF\xE0\n");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().rule, "encoding");
    EXPECT_NE(r.error().message.find("UTF-8"), std::string::npos) << r.error().message;
    EXPECT_EQ(Stored(), 0);
}

TEST_F(CsvImport, CarriageReturnOnlyLineEndingsAreLineEndings) {
    auto r = Import("indicator;region;year;value;source\rvol_per_1000;86;2023;31,5;x\rvol_per_1000;72;2023;20;y\r");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->records, 2u);
    EXPECT_EQ(Stored(), 2);
}

TEST_F(CsvImport, AHeaderWithoutRecordsIsAnErrorNotImportedZero) {
    auto r = Import("indicator;region;year;value;source\n");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("no records"), std::string::npos) << r.error().message;
}

TEST_F(CsvImport, NulBytesAreRefusedNamingLineAndColumn) {
    auto r = Import(std::string("indicator;region;year;value;source\nvol_per_1000;86;2023;31,5;Рос\0стат\n", 77));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("line 2"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("column 5"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("source"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("NUL"), std::string::npos) << r.error().message;
    EXPECT_EQ(Stored(), 0);
}

TEST_F(CsvImport, AColumnNamedTwiceIsRefused) {
    auto r = Import("indicator;region;year;value;Value\nvol_per_1000;86;2023;31,5;7\n");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("appears twice"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("line 1"), std::string::npos) << r.error().message;
    EXPECT_EQ(Stored(), 0);
}

}  // namespace
}  // namespace orientir::app
