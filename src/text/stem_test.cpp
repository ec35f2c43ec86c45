#include "text/stem.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace orientir::text {

TEST(Stem, GivesSameStemForCaseForms) {
    EXPECT_EQ(Stem("Югре"), Stem("Югра"));
    EXPECT_EQ(Stem("Кузбасса"), Stem("Кузбасс"));
    EXPECT_EQ(Stem("тюменских"), Stem("Тюменская"));
    EXPECT_EQ(Stem("Тюмени"), Stem("Тюмень"));
}

TEST(Stem, LeavesLatinAndDigitsFolded) {
    EXPECT_EQ(Stem("NASA"), "nasa");
    EXPECT_EQ(Stem("2024"), "2024");
}

TEST(Stem, IsThreadSafe) {
    std::vector<std::thread> threads;
    std::atomic<int> bad{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 2000; ++i)
                if (Stem("муниципалитетах") != "муниципалитет") ++bad;
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(bad.load(), 0);
}

// hunspell-ru is in scripts/install-deps.sh, so a missing dictionary is a broken install: fail.
TEST(Lemmatizer, GivesDictionaryForms) {
    const Lemmatizer& l = Lemmatizer::Default();
    ASSERT_TRUE(l.has_dictionary()) << l.status();
    EXPECT_EQ(l.Lemma("Югре"), "югра");
    EXPECT_EQ(l.Lemma("тюменских"), "тюменский");
    EXPECT_EQ(l.Lemma("муниципалитетах"), "муниципалитет");
    EXPECT_TRUE(l.Known("губернатора"));
}

TEST(Lemmatizer, DegradesToStemsWithoutDictionary) {
    auto l = Lemmatizer::Open("/nonexistent/ru_RU");
    EXPECT_FALSE(l->has_dictionary());
    EXPECT_NE(l->status().find("not found"), std::string::npos);
    EXPECT_EQ(l->Lemma("муниципалитетах"), Stem("муниципалитет"));
    EXPECT_FALSE(l->Known("губернатора"));
}

}  // namespace orientir::text
