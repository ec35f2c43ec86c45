#include "text/normalize.hpp"

#include <gtest/gtest.h>

namespace orientir::text {

// Fold has a fast path for ASCII and basic Cyrillic; anything else goes through ICU. Appending «—»
// (folded to "-" by ICU only) forces the ICU path, so both must agree code point by code point.
TEST(Fold, FastPathAgreesWithIcu) {
    for (char32_t cp = 1; cp < 0x470; ++cp) {
        if (cp >= 0x80 && cp < 0x400) continue;
        std::string s;
        if (cp < 0x80) {
            s += static_cast<char>(cp);
        } else {
            s += static_cast<char>(0xC0 | (cp >> 6));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        }
        std::string slow = Fold(s + "\u2014");
        ASSERT_EQ(slow.back(), '-') << static_cast<int>(cp);
        slow.pop_back();
        EXPECT_EQ(Fold(s), slow) << "U+" << std::hex << static_cast<int>(cp);
    }
    EXPECT_EQ(Fold("ЁЛКА Ёж ёлка Ђ"), "елка еж елка ђ");
    EXPECT_EQ(Fold("Straße"), "strasse");  // not on the fast path: ICU case folding
}

TEST(Fold, LowercasesAndFoldsYo) {
    EXPECT_EQ(Fold("Волонтёрство ЮГРЫ"), "волонтерство югры");
    EXPECT_EQ(Fold("ХМАО — Югра"), "хмао - югра");
}

TEST(Tokenize, GivesCodePointOffsets) {
    auto t = Tokenize("В Югре, «ДШИ №1».");
    ASSERT_GE(t.size(), 5u);
    EXPECT_EQ(t[0].text, "В");
    EXPECT_EQ(t[1].text, "Югре");
    EXPECT_EQ(t[1].start, 2);
    EXPECT_EQ(t[1].end, 6);
    EXPECT_TRUE(t[1].is_word);
    EXPECT_FALSE(t[2].is_word);
}

TEST(Text, SubstrByCodePoints) {
    EXPECT_EQ(SubstrCodePoints("абв где", 4, 7), "где");
    EXPECT_EQ(CodePointLength("абв"), 3);
}

TEST(UpperFirst, RaisesOnlyTheFirstLetter) {
    EXPECT_EQ(UpperFirst("сетка для пластика"), "Сетка для пластика");
    EXPECT_EQ(UpperFirst("ёлка «Добро»"), "Ёлка «Добро»");
    EXPECT_EQ(UpperFirst("«Школьный каток»"), "«Школьный каток»");  // a quote first: nothing to raise
    EXPECT_EQ(UpperFirst("ИИ-помощник"), "ИИ-помощник");
    EXPECT_EQ(UpperFirst(""), "");
}

}  // namespace orientir::text
