#include "extract/input.hpp"

#include <gtest/gtest.h>

namespace orientir::extract {

TEST(PrepareText, RejectsEmptyText) {
    auto r = PrepareText("  \n\t ");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().rule, "empty");
    EXPECT_EQ(r.error().field, "text");
}

TEST(PrepareText, RejectsTooLongTextNamingTheLimit) {
    InputLimits limits;
    limits.max_bytes = 10;
    auto r = PrepareText("Губернатор приехал", InputFormat::kAuto, limits);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kPayloadTooLarge);
    EXPECT_EQ(r.error().rule, "too_long");
    EXPECT_NE(r.error().message.find("10 bytes"), std::string::npos);
}

TEST(PrepareText, RejectsTooManyCharacters) {
    InputLimits limits;
    limits.max_chars = 5;
    auto r = PrepareText("Губернатор", InputFormat::kPlain, limits);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("5 characters"), std::string::npos);
}

TEST(PrepareText, RejectsBinaryJunk) {
    std::string junk("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    auto r = PrepareText(junk);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().rule, "binary");
}

TEST(PrepareText, ConvertsWindows1251) {
    // «Югра» in Windows-1251
    std::string cp1251 = "\xDE\xE3\xF0\xE0 \xE8 \xD2\xFE\xEC\xE5\xED\xFC";
    auto r = PrepareText(cp1251);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(*r, "Югра и Тюмень");
}

TEST(PrepareText, StripsHtmlAndDecodesEntities) {
    auto r = PrepareText(
        "<html><head><style>p{}</style><script>var x='<p>';</script></head><body><h1>Заголовок</h1>"
        "<p>Центр &laquo;Мы&nbsp;вместе&raquo; &amp; ДШИ &#8470;1</p><!-- c --><p>Второй&#x20;абзац</p></body></html>");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(*r, "Заголовок\nЦентр «Мы\u00A0вместе» & ДШИ №1\nВторой абзац");
}

TEST(PrepareText, RejectsHtmlWithoutText) {
    auto r = PrepareText("<html><body><p> </p></body></html>");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().rule, "empty");
}

TEST(PrepareText, KeepsPlainTextWithAngleBrackets) {
    auto r = PrepareText("Рост 5 < 7 и 9 > 3");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, "Рост 5 < 7 и 9 > 3");
}

}  // namespace orientir::extract
