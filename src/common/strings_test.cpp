#include "common/strings.hpp"

#include <gtest/gtest.h>

namespace orientir {

TEST(Strings, ConvertsWindows1251ToUtf8) {
    // "Тюмень" in Windows-1251
    std::string cp = "\xD2\xFE\xEC\xE5\xED\xFC";
    auto u = ToUtf8(cp);
    ASSERT_TRUE(u.has_value());
    EXPECT_EQ(*u, "Тюмень");
    EXPECT_EQ(*ToUtf8("\xEF\xBB\xBFЮгра"), "Югра");
}

TEST(Strings, RejectsUndecodableBytes) {
    EXPECT_FALSE(ToUtf8("\x01\x82\x83\x84\x85 abc").has_value());
    EXPECT_TRUE(LooksBinary(std::string("a\0b", 3)));
    EXPECT_FALSE(LooksBinary("Обычный текст\nс переводом строки"));
}

TEST(Strings, ParsesRussianNumbers) {
    EXPECT_DOUBLE_EQ(*ParseDouble("1 234,5"), 1234.5);
    EXPECT_DOUBLE_EQ(*ParseDouble("12.25"), 12.25);
    EXPECT_FALSE(ParseDouble("12a").has_value());
    EXPECT_FALSE(ParseInt("").has_value());
}

TEST(Strings, EscapesHtml) { EXPECT_EQ(EscapeHtml("<script>\"x\"&'"), "&lt;script&gt;&quot;x&quot;&amp;&#39;"); }

TEST(Strings, UrlDecodesPercentAndPlus) {
    EXPECT_EQ(UrlDecode("%D0%AE%D0%B3%D1%80%D0%B0+x%2"), "Югра x%2");
    EXPECT_EQ(UrlEncode("Югра x"), "%D0%AE%D0%B3%D1%80%D0%B0%20x");
}

TEST(Csv, DetectsSemicolonAndQuotedNewlines) {
    CsvTable t;
    CsvError e;
    ASSERT_TRUE(ParseCsv("a;b\r\n\"x;1\";\"line\nbreak\"\r\n3;4\n", t, e));
    EXPECT_EQ(t.delimiter, ';');
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0][0], "x;1");
    EXPECT_EQ(t.rows[0][1], "line\nbreak");
    EXPECT_EQ(t.row_lines[1], 4u);
}

TEST(Csv, ReportsUnterminatedQuoteWithLine) {
    CsvTable t;
    CsvError e;
    EXPECT_FALSE(ParseCsv("a,b\n1,2\n\"oops,3\n", t, e));
    EXPECT_EQ(e.line, 3u);
}

// The audit log showed «центр�…»: a value cut inside a two-byte Cyrillic letter. Every cut length of
// mixed Cyrillic/ASCII/emoji text must give valid UTF-8 that is a prefix of the original and fits.
TEST(Strings, ShortensUtf8AtCharacterBoundaries) {
    const std::string text = "Молодёжный центр «Ладья» — 4 филиала 🙂 в Тюмени";
    for (std::size_t max = 0; max <= text.size() + 1; ++max) {
        std::string p = Utf8Prefix(text, max);
        EXPECT_TRUE(IsValidUtf8(p)) << max;
        EXPECT_LE(p.size(), max);
        EXPECT_EQ(text.compare(0, p.size(), p), 0) << max;
        std::string s = ShortenUtf8(text, max);
        EXPECT_TRUE(IsValidUtf8(s)) << max;
        EXPECT_LE(s.size(), max) << max;
        if (max >= text.size()) {
            EXPECT_EQ(s, text);
        }
    }
    EXPECT_EQ(ShortenUtf8("центральный", 15), "центра\u2026");  // 6 letters (12 bytes) + … (3 bytes) = 15
    EXPECT_EQ(ShortenUtf8("центральный", 14), "центр\u2026");   // not «центр» + half of «а»
}

}  // namespace orientir
