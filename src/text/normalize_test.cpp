#include "text/normalize.hpp"

#include <gtest/gtest.h>

namespace orientir::text {

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

}  // namespace orientir::text
