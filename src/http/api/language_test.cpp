// The API language rule: Accept-Language parsing and the English twins of fields.

#include "http/api/language.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "domain/enums.hpp"

namespace orientir::http {
namespace {

TEST(ApiLanguage, AcceptLanguageRanksEnglishAgainstRussian) {
    EXPECT_TRUE(PrefersEnglish("en"));
    EXPECT_TRUE(PrefersEnglish("en-GB,en;q=0.9"));
    EXPECT_TRUE(PrefersEnglish("ru;q=0.5, EN-us;q=0.8"));
    EXPECT_TRUE(PrefersEnglish("de, en;q=0.7"));  // German unknown: English is the best we have
    EXPECT_FALSE(PrefersEnglish("ru-RU,ru;q=0.9,en;q=0.8"));
    EXPECT_FALSE(PrefersEnglish("en;q=0.5, ru"));
    EXPECT_FALSE(PrefersEnglish("ru, en"));  // equal q: the first named wins
    EXPECT_FALSE(PrefersEnglish("*, en;q=0.5"));
    EXPECT_FALSE(PrefersEnglish(""));
    EXPECT_FALSE(PrefersEnglish("de"));
    EXPECT_FALSE(PrefersEnglish("en;q=0"));
    // Bad input is ignored entry by entry, never an error: a broken q drops that entry only.
    EXPECT_FALSE(PrefersEnglish("en;q=abc"));
    EXPECT_FALSE(PrefersEnglish("en;q=7"));
    EXPECT_TRUE(PrefersEnglish("ru;q=x, en"));
    EXPECT_FALSE(PrefersEnglish(";;,,;q=,"));
}

TEST(ApiLanguage, EnglishTwinsReplaceTheRussianFieldsAtEveryDepth) {
    OrderedJson j = OrderedJson::parse(R"({
      "region": {"code": "86", "name": "Ханты-Мансийский автономный округ — Югра", "short_name": "Югра",
                 "name_en": "Khanty-Mansi Autonomous Okrug – Yugra"},
      "items": [{"reason": "результаты подтверждены", "reason_en": "results confirmed",
                 "reasons": ["результаты подтверждены"], "reasons_en": ["results confirmed"],
                 "practice": {"title": "Сеть штабов", "name": "Без перевода"}}],
      "indicators": [{"name": "Доля", "name_en": "", "unit": "%", "unit_en": "%"}]
    })");
    LocalizeToEnglish(j);
    EXPECT_EQ(j["region"]["name"], "Khanty-Mansi Autonomous Okrug – Yugra");
    EXPECT_EQ(j["region"]["name_ru"], "Ханты-Мансийский автономный округ — Югра");
    EXPECT_EQ(j["region"]["short_name"], "Khanty-Mansi Autonomous Okrug – Yugra");
    EXPECT_FALSE(j["region"].contains("name_en"));
    EXPECT_EQ(j["items"][0]["reason"], "results confirmed");
    EXPECT_EQ(j["items"][0]["reason_ru"], "результаты подтверждены");
    EXPECT_EQ(j["items"][0]["reasons"][0], "results confirmed");
    // No English twin: the value stays (a practice's own text is not translated).
    EXPECT_EQ(j["items"][0]["practice"]["name"], "Без перевода");
    EXPECT_EQ(j["items"][0]["practice"]["title"], "Сеть штабов");
    // An empty twin does not wipe the Russian name.
    EXPECT_EQ(j["indicators"][0]["name"], "Доля");
    EXPECT_EQ(j["indicators"][0]["unit"], "%");
}

// Channels and stages are closed vocabularies of the domain (their labels live beside the codes); the
// reference files data/reference/channels.json and stages.json name them for people and other systems.
// The two must say the same in both languages, so English pages and the API agree with the data files.
TEST(ApiLanguage, ChannelAndStageNamesInTheDataFilesMatchTheVocabulary) {
    auto load = [](const char* file) {
        std::ifstream in(std::string(ORIENTIR_SOURCE_DATA_DIR) + "/reference/" + file);
        return Json::parse(in);
    };
    auto channels = load("channels.json");
    ASSERT_EQ(channels.size(), domain::AllChannel().size());
    for (const auto& c : channels) {
        auto ch = domain::ParseChannel(c["code"].get<std::string>());
        ASSERT_TRUE(ch.has_value()) << c["code"];
        EXPECT_EQ(c["name"].get<std::string>(), domain::LabelOf(*ch).ru);
        EXPECT_EQ(c["name_en"].get<std::string>(), domain::LabelOf(*ch).en);
    }
    auto stages = load("stages.json");
    ASSERT_EQ(stages.size(), domain::AllAdoptionStage().size());
    for (const auto& st : stages) {
        auto s = domain::ParseAdoptionStage(st["code"].get<std::string>());
        ASSERT_TRUE(s.has_value()) << st["code"];
        EXPECT_EQ(st["name"].get<std::string>(), domain::LabelOf(*s).ru);
        EXPECT_EQ(st["name_en"].get<std::string>(), domain::LabelOf(*s).en);
    }
}

}  // namespace
}  // namespace orientir::http
