#include "extract/gazetteer.hpp"
#include "extract/gazetteer_lists.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "common/json.hpp"
#include "common/strings.hpp"
#include "domain/codec.hpp"
#include "text/normalize.hpp"
#include "text/stem.hpp"

namespace orientir::extract {

namespace {

bool IsAllCapsWord(std::string_view s) {
    // ALL-CAPS: at least two letters, none lower-case. Works on UTF-8 by comparing with the folded form.
    std::string folded = text::Fold(s);
    if (folded == s) return false;
    int letters = 0;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (c >= 'a' && c <= 'z') return false;
            if (c >= 'A' && c <= 'Z') ++letters;
            ++i;
        } else if (c == 0xD0 || c == 0xD1) {
            auto c1 = static_cast<unsigned char>(s[i + 1]);
            bool lower = (c == 0xD0 && c1 >= 0xB0) || c == 0xD1;
            if (lower) return false;
            ++letters;
            i += 2;
        } else {
            ++i;
        }
    }
    return letters >= 2;
}

bool EndsWith(std::string_view s, std::string_view suf);

// An adjective's case ending («тюменских», «сургутской»): a noun form like «Томска» has none.
bool LooksAdjectival(std::string_view word) {
    std::string f = text::Fold(word);
    for (const char* suf : {"ий",  "ый", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому",
                            "ему", "ым", "им", "ом", "ем", "ую", "юю", "ых", "их", "ыми", "ими", "ей"})
        if (EndsWith(f, suf)) return true;
    return false;
}

// Endings of an adjective that no case form of a noun in «-ск» has («Канск», «Канска», «Канском», «Канске»).
bool AdjectiveOnlyEnding(std::string_view word) {
    std::string f = text::Fold(word);
    for (const char* suf : {"ий", "ой", "ая", "ое", "ие", "ого", "ому", "им", "ую", "их", "ими"})
        if (EndsWith(f, suf)) return true;
    return false;
}

// A name in the form of an adjective's nominative («Дзержинский», «Октябрьский», «Лесной»), not «Ишим».
bool AdjectivalName(std::string_view name) {
    std::string f = text::Fold(name);
    if (f.size() < 12) return false;  // six letters at least
    for (const char* suf : {"ий", "ый", "ой", "ая", "ое", "ие", "ые"})
        if (EndsWith(f, suf)) return true;
    return false;
}

bool EndsWith(std::string_view s, std::string_view suf) {
    return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

std::size_t CodePoints(std::string_view s) { return static_cast<std::size_t>(text::CodePointLength(s)); }

// A fleeting vowel: «Череповец» → «в Череповце», «Торжок» → «Торжка», «Елец» → «в Ельце», «Орёл» → «Орла»: the stems of
// the oblique forms of folded name `f` (written `written`) that differ from `key`, added to `out`.
void FleetingVowelKeys(const std::string& f, const std::string& written, const std::string& key,
                       std::vector<std::string>& out) {
    const bool yo = EndsWith(written, "ёл");
    for (const char* tail : {"ец", "ок", "ек", "ел"}) {
        if (!EndsWith(f, tail) || CodePoints(f) <= 3 || (std::string_view(tail) == "ел" && !yo)) continue;
        const std::string t(tail);  // the vowel (two bytes in UTF-8), then the consonant that stays
        const std::string head = f.substr(0, f.size() - t.size());
        // (after «л» the consonant softens: «Елец» → «Ельца»)
        for (const std::string& stem : {head + t.substr(2), head + "ь" + t.substr(2)}) {
            if (stem != head + t.substr(2) && !EndsWith(head, "л")) continue;
            for (const char* suf : {"а", "у", "е", "ом"}) {
                std::string k = text::Stem(stem + suf);
                if (k != key && std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
            }
        }
    }
}

}  // namespace

std::string_view EntityKindCode(EntityKind k) {
    switch (k) {
        case EntityKind::kRegion:
            return "region";
        case EntityKind::kMunicipality:
            return "municipality";
        case EntityKind::kCountry:
            return "country";
        case EntityKind::kOrganisation:
            return "organisation";
        case EntityKind::kPerson:
            return "person";
    }
    return "region";
}

std::string Gazetteer::TokenKey(std::string_view token_text) {
    if (IsAllCapsWord(token_text)) return text::Fold(token_text);
    return text::Stem(token_text);
}

std::uint32_t Gazetteer::AddEntry(EntityRef ref) {
    entries_.push_back(std::move(ref));
    return static_cast<std::uint32_t>(entries_.size() - 1);
}

void Gazetteer::AddPattern(std::string_view name, std::uint32_t entry, bool adjectival, bool allow_lowercase,
                           bool demonym) {
    auto toks = text::Tokenize(name);
    detail::Pattern p;
    p.entry = entry;
    p.adjectival = adjectival;
    p.demonym = demonym;
    for (const auto& t : toks) p.keys.push_back(TokenKey(t.text));
    if (p.keys.empty()) return;
    p.needs_capital = !allow_lowercase && !adjectival;
    if (p.keys.size() == 1 && !IsAllCapsWord(toks[0].text) && CodePoints(p.keys[0]) <= 3) {
        p.lemma_check = true;
        p.lemma = text::Fold(toks[0].text);
    }
    if (p.keys.size() == 1 && !adjectival && !demonym && EndsWith(text::Fold(toks[0].text), "ье"))
        p.soft_stem = text::Fold(toks[0].text).substr(0, text::Fold(toks[0].text).size() - std::string("е").size());
    // Snowball stems of unknown names depend on the ending («Газпром» → «газпр», «Газпрома» → «газпром»):
    // register the stems of the oblique forms of a final consonant too.
    std::vector<std::string> last_variants;
    const std::string& last_text = toks.back().text;
    if (!p.keys.empty() && !IsAllCapsWord(last_text) && last_text.size() >= 2 &&
        static_cast<unsigned char>(last_text[0]) >= 0x80) {
        std::string f = text::Fold(last_text);
        static const std::string kVowels[] = {"а", "е", "и", "о", "у", "ы", "э", "ю", "я", "ь", "й"};
        bool vowel_end = false;
        for (const auto& v : kVowels) vowel_end = vowel_end || EndsWith(f, v);
        if (!vowel_end)
            for (const char* suf : {"а", "у", "е", "ом"}) {
                std::string k = text::Stem(f + suf);
                if (k != p.keys.back()) last_variants.push_back(k);
            }
        if (!vowel_end) FleetingVowelKeys(f, last_text, p.keys.back(), last_variants);
        // a final «-а» / «-я» whose nominative Snowball reads as a verb's past («Махачкала» → «махачка»,
        // «Махачкалу» → «махачкал»): the stems of the oblique forms too
        if (EndsWith(f, "а") || EndsWith(f, "я")) {
            const bool soft = EndsWith(f, "я");
            const std::string base = f.substr(0, f.size() - std::string("а").size());
            static const std::vector<std::string> kHard = {"у", "е", "ы", "ой"}, kSoft = {"ю", "е", "и", "ей"};
            for (const auto& suf : soft ? kSoft : kHard) {
                std::string k = text::Stem(base + suf);
                if (k != p.keys.back() &&
                    std::find(last_variants.begin(), last_variants.end(), k) == last_variants.end())
                    last_variants.push_back(k);
            }
        }
        // a final «-й» is a consonant too: «Китай» → «Китая», «Алтай» → «на Алтае», «Шанхаем»
        // (Snowball reads «-ай» as a verb ending: «китай» → «кита», «китая» → «кит»)
        if (EndsWith(f, "ай") || EndsWith(f, "ей") || EndsWith(f, "уй"))
            for (const char* suf : {"я", "ю", "е", "ем"}) {
                std::string k = text::Stem(f.substr(0, f.size() - std::string("й").size()) + suf);
                if (k != p.keys.back() &&
                    std::find(last_variants.begin(), last_variants.end(), k) == last_variants.end())
                    last_variants.push_back(k);
            }
    }
    auto add = [&](detail::Pattern q) {
        auto& list = by_first_[q.keys[0]];
        for (const auto& r : list)
            if (r.keys == q.keys && r.entry == q.entry) return;
        list.push_back(std::move(q));
    };
    for (const auto& v : last_variants) {
        detail::Pattern q = p;
        q.keys.back() = v;
        q.lemma_check = false;
        // a short stem of a one-word name must be its form in the dictionary («Китая» → «кит», like «Кит»)
        if (CodePoints(v) <= 3) {
            if (q.keys.size() > 1) continue;
            q.lemma_check = true;
            q.lemma = text::Fold(toks[0].text);
        }
        add(std::move(q));
    }
    // «Ростов-на-Дону» → «в Ростове-на-Дону», «Петропавловск-Камчатский» → «Петропавловска-Камчатского»: in a
    // hyphenated name the first word declines as well
    if (toks.size() >= 3 && toks[1].text == "-" && !IsAllCapsWord(toks[0].text) &&
        static_cast<unsigned char>(toks[0].text[0]) >= 0x80) {
        const std::string f0 = text::Fold(toks[0].text);
        bool vowel_end = false;
        for (const char* v : {"а", "е", "и", "о", "у", "ы", "э", "ю", "я", "ь", "й"})
            vowel_end = vowel_end || EndsWith(f0, v);
        if (!vowel_end)
            for (const char* suf : {"а", "у", "е", "ом"})
                if (std::string k = text::Stem(f0 + suf); k != p.keys[0] && CodePoints(k) > 3) {
                    detail::Pattern q = p;
                    q.keys[0] = k;
                    q.lemma_check = false;
                    add(std::move(q));
                }
    }
    add(std::move(p));
}

// A town named like a common word («Курган», «Калуга») is a town only with a cue before it: «в», «из», «под», «г.»; a
// capital after a lower-case word inside a sentence («школы искусств Кургана»); a word that governs a place's genitive
// («Власти Калуги», «Мэр Кургана», «опыт Кургана»: the capital of «Власти» says nothing, the word itself does); a
// capital after a common word that opens the sentence («Технологию Калуга переняла …»).
static bool CuedPlace(const std::vector<std::string>& keys, const std::vector<char>& capital,
                      const std::vector<std::string>& words, std::size_t i) {
    if (i == 0) return false;
    const std::string& prev = keys[i - 1] == "." && i >= 2 ? keys[i - 2] : keys[i - 1];
    for (const char* cue : {"в", "во", "г", "город", "из", "под", "до", "пос", "поселк"})
        if (prev == cue) return true;
    // (an opening quote or a dash opens a quotation, as a sentence opens: «Зимой у нас минус сорок» names no town;
    // a pin or a hashtag, «📍 Пермь», «#Пермь», does)
    const bool opening = words[i - 1] == "«" || words[i - 1] == "„" || words[i - 1] == "“" || words[i - 1] == "—" ||
                         words[i - 1] == "–" || words[i - 1] == "(";
    const bool cyrillic_prev = !opening && !words[i - 1].empty() && static_cast<unsigned char>(words[i - 1][0]) >= 0x80;
    const std::string prev_word = words[i - 1].empty() ? std::string() : text::Fold(words[i - 1]);
    if (capital[i] && !capital[i - 1] && cyrillic_prev && prev_word == words[i - 1]) return true;
    for (const char* w :
         {"власти", "мэр",      "мэрия",     "мэрии",     "глава", "главы", "администрация", "администрации",
          "жители", "жителей",  "делегация", "делегации", "опыт",  "опыта", "примеру",       "образцу",
          "гости",  "горожане", "у",         "от",        "для",   "через"})
        if (prev_word == w) return true;
    const bool opens = i == 1 || capital[i - 1] == 2 || keys[i - 2] == "." || keys[i - 2] == "!" || keys[i - 2] == "?";
    return opens && capital[i] && capital[i - 1] && cyrillic_prev && text::Lemmatizer::Default().Known(prev_word);
}

bool Gazetteer::MatchAt(const std::vector<std::string>& keys, const std::vector<char>& capital,
                        const std::vector<std::string>& words, std::size_t i, Match& out) const {
    auto it = by_first_.find(keys[i]);
    if (it == by_first_.end()) return false;
    bool found = false;
    std::size_t best_len = 0;
    int best_rank = 100;
    for (const auto& p : it->second) {
        if (i + p.keys.size() > keys.size()) continue;
        if (p.needs_capital && !capital[i]) continue;
        if (p.needs_cue && !CuedPlace(keys, capital, words, i)) continue;
        if (p.keys.size() < best_len) continue;
        // «Томска», «Иркутска»: a city whose stem is the region adjective's («томский») is the city
        // residents are named in the plural: «уфимцы», «сургутянам», not «уфимцу», one person
        if (p.demonym) {
            const std::string f = text::Fold(words[i + p.keys.size() - 1]);
            bool plural = false;
            for (const char* end :
                 {"ы", "и", "ев", "ей", "ов", "ам", "ям", "ами", "ями", "ах", "ях", "ан", "ян", "ане", "яне"})
                plural = plural || EndsWith(f, end);
            if (!plural) continue;
        }
        // (and «Ханты-Мансийске», the city, not the adjective of the okrug: the last word decides)
        if (p.adjectival && !p.demonym && !LooksAdjectival(words[i + p.keys.size() - 1])) continue;
        // «по аналогии с Томском появятся»: a capitalised «-ом» form followed by no word it could agree
        // with (a verb, a name, punctuation) is the city's instrumental, not the adjective of «Томская
        // область» («Томском политехническом университете» stays an adjective)
        if (p.adjectival && !p.demonym && p.keys.size() == 1 && capital[i] && i > 0) {
            std::string f = text::Fold(words[i]);
            if (EndsWith(f, "ом") || EndsWith(f, "ем")) {
                bool agrees = false;
                if (i + 1 < words.size() && !capital[i + 1]) {
                    std::string w = text::Fold(words[i + 1]);
                    bool word = !w.empty() && static_cast<unsigned char>(w[0]) >= 0x80;
                    bool verb = EndsWith(w, "ят") || EndsWith(w, "ют") || EndsWith(w, "ет") || EndsWith(w, "ит") ||
                                EndsWith(w, "ли") || EndsWith(w, "ла") || EndsWith(w, "ся") || EndsWith(w, "ть");
                    agrees = word && !verb && w.size() > 4;
                }
                if (!agrees) continue;
            }
        }
        // «Канской детской музыкальной школе», «Высоковская школа»: a town in «-ск» («-цк») shares its key with its
        // adjective; an ending only an adjective has (not the town's «Канском») leaves the word to the adjective
        if (!p.adjectival && !p.demonym && p.keys.size() == 1 &&
            (EndsWith(p.keys[0], "ск") || EndsWith(p.keys[0], "цк")) && AdjectiveOnlyEnding(words[i]))
            continue;
        // «переняли у Дзержинска»: a town named by an adjective («Дзержинский», «Октябрьский») takes an adjective's
        // endings; a noun's ending («-ска», «-ске») is the town of the noun («Дзержинск»)
        if (!p.adjectival && !p.demonym && p.keys.size() == 1 && entries_[p.entry].kind == EntityKind::kMunicipality &&
            AdjectivalName(entries_[p.entry].name) && !LooksAdjectival(words[i]))
            continue;
        // «Приволжском федеральном округе» is a federal district, not the town of Приволжск
        if (!p.adjectival && p.keys.size() == 1 && i + 1 < words.size() && LooksAdjectival(words[i]) &&
            text::Fold(words[i + 1]).rfind("федеральн", 0) == 0)
            continue;
        bool ok = true;
        for (std::size_t k = 1; k < p.keys.size() && ok; ++k) ok = keys[i + k] == p.keys[k];
        if (!ok) continue;
        if (!p.soft_stem.empty()) {
            const std::string f = text::Fold(words[i]);
            if (!f.starts_with(p.soft_stem) || f.size() == p.soft_stem.size()) continue;
        }
        if (p.lemma_check) {
            const auto& lem = text::Lemmatizer::Default();
            if (lem.has_dictionary()) {
                bool is_form = false;
                for (const auto& l : lem.Lemmas(words[i])) is_form = is_form || text::Fold(l) == p.lemma;
                if (!is_form) continue;
            }
        }
        int rank = static_cast<int>(entries_[p.entry].kind) * 2 + (p.adjectival ? 1 : 0);
        // two towns of one name («Благовещенск» of the Amur region and of Bashkortostan): the regional capital
        const bool capital_tie = found && p.keys.size() == best_len && rank == best_rank && entries_[p.entry].capital &&
                                 !entries_[out.entry].capital;
        if (p.keys.size() > best_len || rank < best_rank || capital_tie) {
            best_len = p.keys.size();
            best_rank = rank;
            out = Match{i + p.keys.size(), p.entry, p.adjectival, p.demonym};
            found = true;
        }
    }
    return found;
}

// Residents standing for their region in the press («переняли у свердловчан», «омичи поделились»):
// nominative plurals by region name; the oblique plural forms are derived by DemonymForms.
static const std::unordered_map<std::string, std::vector<std::string>>& Demonyms() {
    static const std::unordered_map<std::string, std::vector<std::string>> kMap = {
        {"Свердловская область", {"свердловчане"}},
        {"Ханты-Мансийский автономный округ — Югра", {"югорчане"}},
        {"Омская область", {"омичи"}},
        {"Краснодарский край", {"кубанцы"}},
        {"Тюменская область", {"тюменцы"}},
        {"Пермский край", {"пермяки"}},
        {"Новосибирская область", {"новосибирцы"}},
        {"Москва", {"москвичи"}},
        {"Санкт-Петербург", {"петербуржцы"}},
        {"Республика Татарстан", {"татарстанцы"}},
        {"Республика Башкортостан", {"башкортостанцы"}},
        {"Челябинская область", {"челябинцы", "южноуральцы"}},
        {"Курганская область", {"курганцы", "зауральцы"}},
        {"Томская область", {"томичи"}},
        {"Иркутская область", {"иркутяне"}},
        {"Красноярский край", {"красноярцы"}},
        {"Республика Саха (Якутия)", {"якутяне"}},
        {"Нижегородская область", {"нижегородцы"}},
        {"Самарская область", {"самарцы"}},
        {"Саратовская область", {"саратовцы"}},
        {"Воронежская область", {"воронежцы"}},
        {"Белгородская область", {"белгородцы"}},
        {"Калининградская область", {"калининградцы"}},
        {"Ямало-Ненецкий автономный округ", {"ямальцы"}},
        {"Кемеровская область — Кузбасс", {"кузбассовцы"}},
        {"Ярославская область", {"ярославцы"}},
        {"Вологодская область", {"вологжане"}},
        {"Архангельская область", {"архангелогородцы"}},
        {"Мурманская область", {"мурманчане"}},
        {"Оренбургская область", {"оренбуржцы"}},
        {"Ставропольский край", {"ставропольцы"}},
        {"Ростовская область", {"ростовчане"}},
        {"Волгоградская область", {"волгоградцы"}},
        {"Хабаровский край", {"хабаровчане"}},
        {"Приморский край", {"приморцы"}},
        {"Сахалинская область", {"сахалинцы"}},
        {"Камчатский край", {"камчатцы"}},
        {"Калужская область", {"калужане"}},
        {"Тульская область", {"туляки"}},
        {"Рязанская область", {"рязанцы"}},
        {"Тверская область", {"тверичи"}},
        {"Смоленская область", {"смоляне"}},
        {"Брянская область", {"брянцы"}},
        {"Курская область", {"куряне"}},
        {"Липецкая область", {"липчане"}},
        {"Тамбовская область", {"тамбовчане"}},
        {"Пензенская область", {"пензенцы"}},
        {"Ульяновская область", {"ульяновцы"}},
        {"Кировская область", {"кировчане", "вятчане"}},
        {"Костромская область", {"костромичи"}},
        {"Ивановская область", {"ивановцы"}},
        {"Владимирская область", {"владимирцы"}},
        {"Псковская область", {"псковичи"}},
        {"Новгородская область", {"новгородцы"}},
        {"Астраханская область", {"астраханцы"}},
        {"Забайкальский край", {"забайкальцы"}},
        {"Амурская область", {"амурчане"}},
        {"Магаданская область", {"магаданцы"}},
        {"Республика Крым", {"крымчане"}},
        {"Севастополь", {"севастопольцы"}},
        {"Республика Дагестан", {"дагестанцы"}},
        {"Республика Мордовия", {"мордовцы"}},
        {"Чувашская Республика", {"чувашцы"}},
        {"Удмуртская Республика", {"удмуртцы"}},
        {"Республика Карелия", {"карельцы"}},
    };
    return kMap;
}

// The plural case forms of a demonym: «-ане» (свердловчане, -ан, -анам, -анами, -анах), «-цы» and «-и».
static std::vector<std::string> DemonymForms(const std::string& region_name) {
    std::vector<std::string> out;
    auto it = Demonyms().find(region_name);
    if (it == Demonyms().end()) return out;
    for (const auto& w : it->second) {
        out.push_back(w);
        if (EndsWith(w, "ане") || EndsWith(w, "яне")) {
            std::string base = w.substr(0, w.size() - std::string("е").size());
            for (const char* suf : {"", "ам", "ами", "ах", "ин", "ина", "ке", "ки"}) out.push_back(base + suf);
        } else if (EndsWith(w, "цы")) {
            std::string base = w.substr(0, w.size() - std::string("ы").size());
            for (const char* suf : {"ев", "ам", "ами", "ах"}) out.push_back(base + suf);
        } else if (EndsWith(w, "и") || EndsWith(w, "ы")) {
            std::string base = w.substr(0, w.size() - std::string("и").size());
            for (const char* suf : {"ей", "ов", "ам", "ами", "ах"}) out.push_back(base + suf);
        }
    }
    return out;
}

// The residents of a town standing for it («ишимцы подсмотрели у курганцев», «опыт сургутян»): the regular
// shapes of Russian town demonyms, made from a one-word name ending in a consonant — «Казань» → «казанцы»,
// «Сургут» → «сургутяне», «Братск» → «братчане», «Томск» → «томичи», «Барнаул» → «барнаульцы» — with their
// oblique plurals. A shape the dictionary knows as a word of its own («Бор» → «борцы») is left out; shapes no
// town takes are never written, so making them costs nothing.
static std::vector<std::string> TownDemonymForms(const std::string& folded) {
    std::vector<std::string> out;
    // towns whose residents' name no regular shape gives («Уфа» → «уфимцы», «Сочи» → «сочинцы»)
    static const std::unordered_map<std::string, std::string> kIrregular = {{"уфа", "уфимцы"},
                                                                            {"екатеринбург", "екатеринбуржцы"},
                                                                            {"чебоксары", "чебоксарцы"},
                                                                            {"махачкала", "махачкалинцы"},
                                                                            {"тольятти", "тольяттинцы"},
                                                                            {"сочи", "сочинцы"},
                                                                            {"кемерово", "кемеровчане"},
                                                                            {"новокузнецк", "новокузнечане"},
                                                                            {"череповец", "череповчане"},
                                                                            {"нальчик", "нальчане"},
                                                                            {"чита", "читинцы"},
                                                                            {"грозный", "грозненцы"},
                                                                            {"орел", "орловцы"},
                                                                            {"элиста", "элистинцы"},
                                                                            {"пенза", "пензяки"}};
    std::vector<std::string> nominatives;
    if (auto it = kIrregular.find(folded); it != kIrregular.end()) nominatives.push_back(it->second);
    // Cyrillic letters only, three at least (two bytes each in UTF-8): no «Нью-Йорк», no «Ростов-на-Дону»
    bool cyrillic = folded.size() >= 6 && folded.size() % 2 == 0;
    for (std::size_t i = 0; cyrillic && i < folded.size(); i += 2) {
        const auto lead = static_cast<unsigned char>(folded[i]), next = static_cast<unsigned char>(folded[i + 1]);
        cyrillic = (lead == 0xD0 || lead == 0xD1) && (next & 0xC0) == 0x80;
    }
    bool regular = cyrillic && nominatives.empty();
    // «Самара» → «самарцы», «Кострома» → «костромичи», «Анапа» → «анапчане»: a name in «-а» after a consonant
    const bool in_a = regular && EndsWith(folded, "а") && !EndsWith(folded, "ая") && folded.size() >= 10;
    for (const char* adjective : {"ый", "ий", "ой", "ая", "ое", "ые", "а", "я", "о", "е", "и", "ы", "у", "ю", "э"})
        regular = regular && !EndsWith(folded, adjective);
    if (in_a) {
        const std::string stem = folded.substr(0, folded.size() - std::string("а").size());
        for (const char* suf : {"цы", "ичи", "чане", "ане"}) nominatives.push_back(stem + suf);
    } else if (!regular) {
    } else if (EndsWith(folded, "ск")) {
        const std::string stem = folded.substr(0, folded.size() - std::string("ск").size());
        for (const char* suf : {"чане", "цы", "ичи", "яне"}) nominatives.push_back(stem + suf);
    } else {
        const std::string hard =
            EndsWith(folded, "ь") ? folded.substr(0, folded.size() - std::string("ь").size()) : folded;
        for (const char* suf : {"цы", "яне", "ане", "чане"}) nominatives.push_back(hard + suf);
        if (EndsWith(folded, "л")) nominatives.push_back(folded + "ьцы");
    }
    const auto& lem = text::Lemmatizer::Default();
    for (const auto& n : nominatives) {
        if (lem.Known(n)) continue;
        out.push_back(n);
        if (EndsWith(n, "ане") || EndsWith(n, "яне")) {
            std::string base = n.substr(0, n.size() - std::string("е").size());
            for (const char* suf : {"", "ам", "ами", "ах"}) out.push_back(base + suf);  // («опыт сургутян»)
        } else {
            std::string base = n.substr(0, n.size() - std::string("ы").size());
            for (const char* suf : {"ев", "ей", "ам", "ами", "ах"}) out.push_back(base + suf);
        }
    }
    return out;
}

Gazetteer::Builder::Builder() : g_(new Gazetteer()) {
    for (const auto& c : lists::Countries()) {
        auto names = Split(c.names, '|');
        AddCountry(names[0], c.iso, std::vector<std::string>(names.begin() + 1, names.end()));
    }
    // Country adjectives («российских», «американского»): the NER corpora count them as country mentions.
    for (const auto& a : lists::CountryAdjectives()) {
        auto parts = Split(a.names, '|');
        for (std::uint32_t e = 0; e < g_->entries_.size(); ++e)
            if (g_->entries_[e].kind == EntityKind::kCountry && g_->entries_[e].iso == a.iso)
                for (const auto& p : parts) g_->AddPattern(p, e, true, true);
    }
    // Foreign provinces and states frequent in the news: region mentions without a subject code.
    for (const auto& c : lists::ForeignRegions()) {
        auto names = Split(c.names, '|');
        EntityRef ref;
        ref.kind = EntityKind::kRegion;
        ref.name = names[0];
        ref.iso = c.iso;
        auto e = g_->AddEntry(std::move(ref));
        for (const auto& n : names) g_->AddPattern(n, e, false, false);
    }
    // Organisations every Russian news text may name, without a directory record.
    for (const char* n : lists::WellKnownOrganisations()) {
        auto names = Split(n, '|');
        EntityRef ref;
        ref.kind = EntityKind::kOrganisation;
        ref.name = names[0];
        auto e = g_->AddEntry(std::move(ref));
        for (const auto& x : names) g_->AddPattern(x, e, false, false);
    }
    // Foreign cities frequent in Russian news: municipality mentions without a Russian region.
    for (const auto& c : lists::WorldCities()) {
        auto names = Split(c.names, '|');
        EntityRef ref;
        ref.kind = EntityKind::kMunicipality;
        ref.name = names[0];
        ref.iso = c.iso;
        auto e = g_->AddEntry(std::move(ref));
        for (const auto& n : names) g_->AddPattern(n, e, false, false);
        for (const auto& a : lists::WorldCityAdjectives())
            if (names[0] == a.iso) g_->AddPattern(a.names, e, true, true);
    }
}

Gazetteer::Builder& Gazetteer::Builder::AddCountry(const std::string& name, const std::string& iso,
                                                   const std::vector<std::string>& aliases) {
    EntityRef ref;
    ref.kind = EntityKind::kCountry;
    ref.iso = iso;
    ref.name = name;
    auto e = g_->AddEntry(std::move(ref));
    g_->AddPattern(name, e, false, false);
    for (const auto& a : aliases) g_->AddPattern(a, e, false, false);
    return *this;
}

Gazetteer::Builder& Gazetteer::Builder::AddRegion(const domain::Region& r) {
    EntityRef ref;
    ref.kind = EntityKind::kRegion;
    ref.code = r.code;
    ref.iso = r.iso.value_or("");
    ref.name = r.name;
    ref.region = r.code;
    ref.federal_city = r.type == domain::RegionType::kFederalCity;
    auto e = g_->AddEntry(std::move(ref));
    g_->region_by_code_[r.code] = e;
    auto add_name = [&](const std::string& n) {
        if (n.empty()) return;
        // A one-word adjective used as a short name («Тюменская») is only a name with its noun.
        auto toks = text::Tokenize(n);
        if (toks.size() == 1) {
            std::string f = text::Fold(n);
            if (EndsWith(f, "ая") || EndsWith(f, "ий") || EndsWith(f, "ый") || EndsWith(f, "ой")) {
                g_->AddPattern(n, e, true, true);
                return;
            }
        }
        g_->AddPattern(n, e, false, false);
    };
    add_name(r.name);
    add_name(r.full_name);
    add_name(r.short_name);
    for (const auto& a : r.aliases) add_name(a);
    for (const auto& a : r.adjectives) g_->AddPattern(a, e, true, true);
    for (const auto& form : DemonymForms(r.name)) g_->AddPattern(form, e, true, true, true);
    return *this;
}

Gazetteer::Builder& Gazetteer::Builder::AddMunicipality(const domain::Municipality& m) {
    EntityRef ref;
    ref.kind = EntityKind::kMunicipality;
    ref.code = m.oktmo.value_or("");
    ref.name = m.name;
    ref.region = m.region;
    ref.id = m.meta.id;
    ref.capital = m.is_capital;
    auto e = g_->AddEntry(std::move(ref));
    g_->AddPattern(m.name, e, false, false);
    auto toks = text::Tokenize(m.name);
    if (toks.size() == 1 && text::Lemmatizer::Default().Known(text::Fold(m.name))) {
        for (auto& p : g_->by_first_[TokenKey(m.name)])
            if (p.entry == e) p.needs_cue = true;
    }
    // «Новый Уренгой» → «новоуренгойской», «Старый Оскол» → «старооскольский», «Нижний Тагил» → «нижнетагильские»:
    // a town of two words whose first is «Новый», «Старый», «Нижний», «Верхний», «Великие» has an adjective of one
    if (toks.size() == 2 && toks[0].is_word && toks[1].is_word) {
        static const std::pair<const char*, const char*> kFirst[] = {
            {"новый", "ново"},     {"новая", "ново"},     {"новые", "ново"},    {"старый", "старо"},
            {"старая", "старо"},   {"нижний", "нижне"},   {"нижняя", "нижне"},  {"верхний", "верхне"},
            {"верхняя", "верхне"}, {"великие", "велико"}, {"великий", "велико"}};
        const std::string first = text::Fold(toks[0].text);
        for (const auto& [word, prefix] : kFirst) {
            if (first != word) continue;
            std::string second = text::Fold(toks[1].text);
            std::string hard = EndsWith(second, "ь") || EndsWith(second, "а") || EndsWith(second, "и") ||
                                       EndsWith(second, "ы") || EndsWith(second, "й")
                                   ? second.substr(0, second.size() - 2)
                                   : second;
            for (const std::string& adj : {std::string(prefix) + hard + "ск", std::string(prefix) + hard + "ьск",
                                           std::string(prefix) + second + "ск"}) {
                detail::Pattern p;
                p.keys = {TokenKey(adj + "ий")};
                p.entry = e;
                p.adjectival = true;
                g_->by_first_[p.keys[0]].push_back(std::move(p));
            }
        }
    }
    if (toks.size() == 1)
        for (const auto& form : TownDemonymForms(text::Fold(m.name)))
            if (!g_->by_first_.count(TokenKey(form))) g_->AddPattern(form, e, true, true, true);
    if (toks.size() == 1) {
        // «Сургут» → «сургутской», «Пермь» → «пермских», «Нижневартовск» → «нижневартовской».
        // «Барнаул» → «барнаульской» (a soft sign before -ск), «Ярославль» → «ярославской» (the -вль drops its л)
        std::string stem = TokenKey(toks[0].text);
        std::vector<std::string> keys;
        // («Белорецк» → «белорецкая», «Новокузнецк» → «новокузнецкий»: «-цк» takes the ending alone too)
        if (EndsWith(stem, "ск") || EndsWith(stem, "цк")) {
            keys.push_back(stem);
        } else {
            keys.push_back(stem + "ск");
            if (EndsWith(stem, "л") || EndsWith(stem, "н") || EndsWith(stem, "р")) keys.push_back(stem + "ьск");
            std::string hard = EndsWith(stem, "ь") ? stem.substr(0, stem.size() - 2) : stem;  // «ь» is 2 bytes
            for (const char* lab : {"вл", "бл", "пл", "мл"})
                if (EndsWith(hard, lab)) keys.push_back(hard.substr(0, hard.size() - 2) + "ск");  // drop «л»
            // «Буй» → «буйские медики»: Snowball drops the final «-й» of the name («бу»), the adjective keeps it
            const std::string folded = text::Fold(toks[0].text);
            if (EndsWith(folded, "й") && !EndsWith(stem, "й")) keys.push_back(folded + "ск");
            // «Находка» → «Находкинским опытом», «Ухта» → «ухтинские», «Чита» → «читинский»: an «-ин-» before the
            // «-ск-» of a name in «-а»
            if ((EndsWith(folded, "а") || EndsWith(folded, "я")) && !EndsWith(stem, "а") && !EndsWith(stem, "я"))
                keys.push_back(stem + "инск");
            // («Махачкала» stems to «махачка», read as a verb's past: the adjective from the name without its «-а»,
            // «махачкалинский»)
            if ((EndsWith(folded, "а") || EndsWith(folded, "я")) && (EndsWith(stem, "а") || EndsWith(stem, "я")))
                keys.push_back(TokenKey(folded.substr(0, folded.size() - std::string("а").size()) + "инский"));
            // an indeclinable name in «-и»: «Тольятти» → «тольяттинской», «Сочи» → «сочинский»
            if (EndsWith(folded, "и"))
                keys.push_back(TokenKey(folded.substr(0, folded.size() - std::string("и").size()) + "инский"));
        }
        for (auto& key : keys) {
            detail::Pattern p;
            p.keys = {key};
            p.entry = e;
            p.adjectival = true;
            g_->by_first_[key].push_back(std::move(p));
        }
    }
    return *this;
}

Gazetteer::Builder& Gazetteer::Builder::AddOrganisation(const domain::Organisation& o) {
    EntityRef ref;
    ref.kind = EntityKind::kOrganisation;
    ref.name = o.name;
    ref.region = o.region;
    ref.id = o.meta.id;
    ref.key = o.key.value_or("");
    auto e = g_->AddEntry(std::move(ref));
    auto add = [&](const std::string& n) {
        if (n.empty()) return;
        bool multi = text::Tokenize(n).size() > 1;
        g_->AddPattern(n, e, false, multi);
    };
    add(o.name);
    add(o.short_name);
    for (const auto& a : o.aliases) add(a);
    return *this;
}

Gazetteer::Builder& Gazetteer::Builder::AddPerson(const domain::Person& p) {
    if (p.last_name.empty()) return *this;
    EntityRef ref;
    ref.kind = EntityKind::kPerson;
    ref.name = p.FullName();
    ref.id = p.meta.id;
    ref.key = p.key.value_or("");
    auto e = g_->AddEntry(std::move(ref));
    g_->AddPattern(p.last_name, e, false, false);
    if (!p.first_name.empty()) {
        g_->AddPattern(p.first_name + " " + p.last_name, e, false, false);
        g_->AddPattern(p.last_name + " " + p.first_name, e, false, false);
        if (!p.patronymic.empty()) {
            g_->AddPattern(p.first_name + " " + p.patronymic + " " + p.last_name, e, false, false);
            g_->AddPattern(p.last_name + " " + p.first_name + " " + p.patronymic, e, false, false);
        }
    }
    return *this;
}

std::shared_ptr<const Gazetteer> Gazetteer::Builder::Build() {
    std::shared_ptr<const Gazetteer> out = std::move(g_);
    g_ = std::make_shared<Gazetteer>();
    return out;
}

namespace {

Result<std::string> ReadFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return Error::NotFound("cannot read " + p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

Result<std::shared_ptr<const Gazetteer>> LoadReferenceGazetteer(const std::string& data_dir, bool include_demo) {
    namespace fs = std::filesystem;
    Gazetteer::Builder b;
    fs::path dir(data_dir);
    ORIENTIR_ASSIGN(std::string regions_text, ReadFile(dir / "reference" / "regions.json"));
    ORIENTIR_ASSIGN(Json regions, ParseJson(regions_text));
    if (!regions.is_array()) return Error::Invalid("regions.json", "type", "regions.json must be an array");
    for (const auto& j : regions) {
        domain::Region r;
        Status st = domain::FromJson(j, r);
        if (!st.ok())
            return Error::Invalid("regions.json", "region", "bad region in regions.json: " + st.error().message);
        b.AddRegion(r);
    }
    ORIENTIR_ASSIGN(std::string csv_text, ReadFile(dir / "reference" / "municipalities.csv"));
    CsvTable table;
    CsvError csv_error;
    if (!ParseCsv(csv_text, table, csv_error))
        return Error::Invalid("municipalities.csv", "csv",
                              "line " + std::to_string(csv_error.line) + ": " + csv_error.message);
    auto col = [&](const char* name) -> int {
        for (std::size_t i = 0; i < table.header.size(); ++i)
            if (table.header[i] == name) return static_cast<int>(i);
        return -1;
    };
    int c_region = col("region_code"), c_name = col("name"), c_kind = col("kind"), c_oktmo = col("oktmo"),
        c_capital = col("is_capital");
    if (c_region < 0 || c_name < 0)
        return Error::Invalid("municipalities.csv", "header", "needs region_code and name columns");
    for (const auto& row : table.rows) {
        auto at = [&](int c) -> std::string {
            return c >= 0 && c < static_cast<int>(row.size()) ? row[static_cast<std::size_t>(c)] : "";
        };
        domain::Municipality m;
        m.region = at(c_region);
        m.name = at(c_name);
        m.kind = at(c_kind);
        if (!at(c_oktmo).empty()) m.oktmo = at(c_oktmo);
        m.is_capital = at(c_capital) == "1";
        if (!m.name.empty()) b.AddMunicipality(m);
    }
    // Demo directory records, when another part of the project has produced them.
    if (!include_demo) return b.Build();
    if (auto orgs = ReadFile(dir / "demo" / "organisations.json"); orgs.ok()) {
        if (auto j = ParseJson(*orgs); j.ok() && j->is_array()) {
            for (const auto& item : *j) {
                domain::Organisation o;
                if (domain::FromJson(item, o).ok()) b.AddOrganisation(o);
            }
        }
    }
    if (auto persons = ReadFile(dir / "demo" / "persons.json"); persons.ok()) {
        if (auto j = ParseJson(*persons); j.ok() && j->is_array()) {
            for (const auto& item : *j) {
                domain::Person p;
                if (domain::FromJson(item, p).ok()) b.AddPerson(p);
            }
        }
    }
    return b.Build();
}

}  // namespace orientir::extract
