#include "analytics/indicator_import.hpp"

#include <gtest/gtest.h>

namespace orientir::analytics {
namespace {

IndicatorImportOptions Options() {
    IndicatorImportOptions o;
    domain::Region tyumen;
    tyumen.code = "72";
    tyumen.name = "Тюменская область";
    tyumen.short_name = "Тюменская";
    domain::Region yugra;
    yugra.code = "86";
    yugra.name = "Ханты-Мансийский автономный округ — Югра";
    yugra.short_name = "Югра";
    yugra.aliases = {"ХМАО"};
    domain::Region adygea;
    adygea.code = "01";
    adygea.name = "Республика Адыгея";
    o.regions = {tyumen, yugra, adygea};
    domain::Indicator vol;
    vol.code = "vol_share";
    o.indicators = {vol};
    return o;
}

TEST(IndicatorImport, LongFormatUtf8Comma) {
    auto r = ImportIndicatorCsv(
        "indicator,region,year,value\nvol_share,86,2023,\"20,5\"\nvol_share,72,2023,10\nvol_share,1,2022,3\n",
        Options());
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->format, "long");
    EXPECT_EQ(r->encoding, "utf-8");
    ASSERT_EQ(r->values.size(), 3u);
    EXPECT_EQ(r->values[0].region, "01");  // sorted; "1" padded
    EXPECT_EQ(r->values[2].region, "86");
    EXPECT_DOUBLE_EQ(r->values[2].value, 20.5);
}

TEST(IndicatorImport, RosstatWideTableInWindows1251WithSemicolons) {
    std::string utf8 =
        "Доля граждан, вовлечённых в добровольчество;;\n"
        "Субъект;2022 г.;2023 г.\n"
        "Российская Федерация;20,1;21,3\n"
        "Уральский федеральный округ;19;20\n"
        "Тюменская область;8;10\n"
        "ХМАО;18;…\n"
        "Республика Адыгея;1 234,5;-\n";
    // Encode to Windows-1251: Cyrillic U+0410..U+044F → 0xC0..0xFF, ё → 0xB8, … → 0x85.
    std::string cp;
    for (std::size_t i = 0; i < utf8.size();) {
        auto b = static_cast<unsigned char>(utf8[i]);
        if (b < 0x80) {
            cp += utf8[i++];
            continue;
        }
        unsigned c = 0;
        if ((b >> 5) == 6) {
            c = ((b & 0x1FU) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3FU);
            i += 2;
        } else {
            c = ((b & 0x0FU) << 12) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3FU) << 6) |
                (static_cast<unsigned char>(utf8[i + 2]) & 0x3FU);
            i += 3;
        }
        if (c >= 0x410 && c <= 0x44F)
            cp += static_cast<char>(0xC0 + (c - 0x410));
        else if (c == 0x451)
            cp += static_cast<char>(0xB8);
        else if (c == 0x2026)
            cp += static_cast<char>(0x85);
        else
            cp += '?';
    }
    auto o = Options();
    o.indicator = "vol_share";
    o.source = "Росстат";
    auto r = ImportIndicatorCsv(cp, o);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->format, "wide");
    EXPECT_EQ(r->encoding, "windows-1251");
    EXPECT_EQ(r->delimiter, ';');
    EXPECT_EQ(r->skipped_rows, 2u);   // the two aggregates
    ASSERT_EQ(r->values.size(), 4u);  // 01/2022, 72/2022, 72/2023, 86/2022
    EXPECT_EQ(r->values[0].region, "01");
    EXPECT_DOUBLE_EQ(r->values[0].value, 1234.5);
    EXPECT_EQ(r->values[1].region, "72");
    EXPECT_EQ(r->values[2].year, 2023);
    EXPECT_EQ(r->values[3].region, "86");
    EXPECT_EQ(r->values[3].source, "Росстат");
}

TEST(IndicatorImport, BadRowsFailTheWholeFileWithLineNumbers) {
    auto r = ImportIndicatorCsv(
        "indicator;region;year;value\nvol_share;86;2023;20\nvol_share;Марс;2023;1\nvol_share;72;20x3;1\n"
        "vol_share;72;2023;abc\nvol_share;86;2023;21\nother;72;2023;1\n",
        Options());
    ASSERT_FALSE(r.ok());
    const auto& e = r.error();
    EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(e.issues.size(), 5u);
    EXPECT_EQ(e.issues[0].field, "line 3");
    EXPECT_EQ(e.issues[0].rule, "unknown_region");
    EXPECT_EQ(e.issues[1].rule, "year");
    EXPECT_EQ(e.issues[2].rule, "number");
    EXPECT_EQ(e.issues[3].rule, "duplicate");
    EXPECT_NE(e.issues[3].message.find("строке 2"), std::string::npos);
    EXPECT_EQ(e.issues[4].field, "line 7");
    EXPECT_EQ(e.issues[4].rule, "unknown_indicator");
}

TEST(IndicatorImport, WideTableNeedsAnIndicatorAndAHeader) {
    auto o = Options();
    EXPECT_EQ(ImportIndicatorCsv("region,2023\n72,1\n", o).error().field, "indicator");
    o.indicator = "nope";
    EXPECT_EQ(ImportIndicatorCsv("region,2023\n72,1\n", o).error().rule, "unknown_indicator");
    EXPECT_EQ(ImportIndicatorCsv("a,b\n1,2\n", o).error().rule, "header");
}

}  // namespace
}  // namespace orientir::analytics
