#include "text/sentences.hpp"

#include <gtest/gtest.h>

namespace orientir::text {

namespace {
std::vector<std::string> Split(const std::string& s) {
    auto toks = Tokenize(s);
    std::vector<std::string> out;
    for (const auto& sent : SplitSentences(s, toks)) out.push_back(SubstrCodePoints(s, sent.start, sent.end));
    return out;
}
}  // namespace

TEST(SplitSentences, SplitsOnStopsBeforeCapitals) {
    auto s = Split("Губернатор приехал в Сургут. Он осмотрел школу! Где деньги? Нет.");
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s[0], "Губернатор приехал в Сургут.");
    EXPECT_EQ(s[3], "Нет.");
}

TEST(SplitSentences, KeepsInitialsAndAbbreviations) {
    auto s = Split("Директор И. И. Петров живёт в г. Тюмени на ул. Ленина. Всё.");
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[1], "Всё.");
}

TEST(SplitSentences, SplitsAfterANumberBeforeACapital) {
    auto s = Split("Школы работают по методике школы искусств № 4. Пилотный проект стартует в сентябре.");
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[1], "Пилотный проект стартует в сентябре.");
}

TEST(SplitSentences, KeepsAStopInsideAShortQuotedName) {
    auto s = Split(
        "Платформу «Госуслуги. Решаем вместе» тиражируют. «Мы начнём. Потом посмотрим на итоги работы», — сказал он.");
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[0], "Платформу «Госуслуги. Решаем вместе» тиражируют.");
    EXPECT_EQ(s[1], "«Мы начнём.");
}

TEST(SplitSentences, SplitsOnLineBreaksAndKeepsClosingQuotes) {
    auto s = Split("Заголовок новости\nОн сказал: «Мы начнём.» Потом ушёл.");
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[0], "Заголовок новости");
    EXPECT_EQ(s[1], "Он сказал: «Мы начнём.»");
}

TEST(SplitSentences, DoesNotSplitBeforeLowercase) {
    EXPECT_EQ(Split("Это т. е. одно предложение.").size(), 1u);
    EXPECT_TRUE(Split("").empty());
}

}  // namespace orientir::text
