#pragma once
// Word lists of the extraction rules, as Snowball stems (internal to src/extract).

#include <string>
#include <string_view>
#include <unordered_set>

namespace orientir::extract::detail {

struct Lexicon {
    std::string village_head;  // the key of «староста», whose post the village's name follows
    std::unordered_set<std::string> first_names;             // stems of common Russian first names
    std::unordered_set<std::string> first_names_nominative;  // the same names as written, folded («рамзан»)
    std::unordered_set<std::string> position_heads;  // губернатор, мэр, министр, директор, ...
    std::unordered_set<std::string> position_mods;  // первый, генеральный, бывший, ...
    // jobs that are a post only with the body they are held at («фельдшер Енангского ФАПа», «агроном СПК
    // «Высоковский»»): Builder::Positions, after the tagger (no tagger feature reads them)
    std::unordered_set<std::string> jobs;
    // adjectives that make a post with its head, never an organisation's («официальный представитель»,
    // «художественный руководитель», «народный депутат»)
    std::unordered_set<std::string> post_adjectives;
    std::unordered_set<std::string> org_types;  // школа, центр, министерство, ДШИ, ...
    std::unordered_set<std::string> gov_types;  // правительство, администрация, ... (need a place)
    std::unordered_set<std::string> not_org_abbr;  // ALL-CAPS words that are not organisations
    std::unordered_set<std::string> region_nouns;  // край, область, регион, округ, республика
    std::unordered_set<std::string> stop_words;  // never part of a name chain
    // A post's head word; «мэрия» shares the stem «мэр» with «мэр» but is an organisation, «фотография»
    // that of «фотограф», «команда» that of «командующий».
    bool IsPostHead(const std::string& key, std::string_view folded) const {
        if (folded.starts_with("команд") && !folded.starts_with("командующ") && !folded.starts_with("командир"))
            return false;
        return position_heads.count(key) > 0 && !folded.starts_with("мэри") && !folded.starts_with("фотографи");
    }
    static const Lexicon& Get();
};

bool IsPatronymic(std::string_view folded);
bool LooksLikeSurname(std::string_view folded);

}  // namespace orientir::extract::detail
