// Word-level rules of the normal forms (normal_words.hpp): endings, adjectives, nouns and the parts of a
// person's name.

#include "extract/normal_words.hpp"

#include <unordered_set>
#include <vector>

#include "text/normalize.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail::words {

std::u32string U32(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        char32_t cp;
        int n;
        if (c < 0x80) {
            cp = c;
            n = 1;
        } else if ((c >> 5) == 6) {
            cp = c & 0x1F;
            n = 2;
        } else if ((c >> 4) == 14) {
            cp = c & 0x0F;
            n = 3;
        } else {
            cp = c & 0x07;
            n = 4;
        }
        for (int k = 1; k < n && i + static_cast<std::size_t>(k) < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(n);
    }
    return out;
}

std::string U8(const std::u32string& s) {
    std::string out;
    for (char32_t cp : s) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    return out;
}

char32_t Lower(char32_t c) {
    if (c >= U'А' && c <= U'Я') return c + 0x20;
    if (c == U'Ё') return U'ё';
    return c;
}
char32_t Upper(char32_t c) {
    if (c >= U'а' && c <= U'я') return c - 0x20;
    if (c == U'ё') return U'Ё';
    return c;
}
bool SameLetter(char32_t a, char32_t b) {
    a = Lower(a);
    b = Lower(b);
    if (a == U'ё') a = U'е';
    if (b == U'ё') b = U'е';
    return a == b;
}

// `lemma` (lower case, ё folded) written like `original`: its case pattern and its «ё» where the two
// agree letter by letter («Артёма» + «артем» → «Артём»).
std::string LikeOriginal(std::string_view original, std::string_view lemma) {
    std::u32string o = U32(original), l = U32(lemma);
    bool all_caps = o.size() > 1;
    for (char32_t c : o) all_caps = all_caps && (Lower(c) != c || !(c >= U'а' && c <= U'я'));
    for (std::size_t i = 0; i < l.size(); ++i) {
        // (a «ё» the lemma has stays, written «е» or not: «Петра» → «Пётр»)
        if (i < o.size() && l[i] == U'ё' && (o[i] == U'е' || o[i] == U'Е')) {
            l[i] = o[i] == U'Е' ? U'Ё' : U'ё';
            continue;
        }
        if (i < o.size() && SameLetter(o[i], l[i])) {
            l[i] = o[i];
            continue;
        }
        if (all_caps) l[i] = Upper(l[i]);
        if (i == 0 && !o.empty() && Upper(o[0]) == o[0]) l[i] = Upper(l[i]);
    }
    return U8(l);
}

bool Ends(std::string_view s, std::string_view suf) {
    return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

// Replaces the ending `suf` of folded `f` by `rep` (caller checked Ends).
std::string Swap(std::string_view f, std::string_view suf, std::string_view rep) {
    return std::string(f.substr(0, f.size() - suf.size())) + std::string(rep);
}

// An adjective (or participle) by the dictionary: one of its lemmas is an adjective's nominative
// («систему» → «система» is a noun although it ends like «синему»). Without the dictionary, the ending.
bool IsAdjectiveWord(const std::string& f) {
    if (!IsAdjectiveForm(f)) return false;
    const auto& lem = text::Lemmatizer::Default();
    if (!lem.has_dictionary() || !lem.Known(f)) return true;
    for (const auto& l : lem.Lemmas(f))
        if (Ends(l, "ый") || Ends(l, "ий") || Ends(l, "ой") || Ends(l, "ся")) return true;
    return false;
}

bool IsChiefJobNoun(const std::string& key) {
    static const std::unordered_set<std::string> kJobs = {text::Stem("врач"),      text::Stem("инженер"),
                                                          text::Stem("бухгалтер"), text::Stem("специалист"),
                                                          text::Stem("агроном"),   text::Stem("энергетик")};
    return kJobs.count(key) > 0;
}

bool IsAdjectiveForm(std::string_view f) {
    for (const char* s : {"ая", "яя", "ой", "ей", "ую", "юю", "ый", "ий", "ого", "его", "ому", "ему",
                          "ым", "им", "ом", "ем", "ое", "ее", "ые", "ие", "ых",  "их",  "ыми", "ими"})
        if (Ends(f, s) && f.size() > std::string_view(s).size() + 4) return true;
    return false;
}

// The nominative of an adjective (folded) agreeing with a head of `g`.
std::string AdjectiveNominative(std::string_view f, Gender g) {
    auto hard_stem = [&](std::size_t cut) {
        std::u32string u = U32(f.substr(0, f.size() - cut));
        char32_t last = u.empty() ? 0 : u.back();
        return !(last == U'к' || last == U'г' || last == U'х' || last == U'ж' || last == U'ш' || last == U'ч' ||
                 last == U'щ');
    };
    struct E {
        const char* suf;
        bool soft;
    };
    for (E e : {E{"ыми", false}, E{"ими", true}, E{"ого", false}, E{"его", true}, E{"ому", false}, E{"ему", true},
                E{"ая", false},  E{"яя", true},  E{"ой", false},  E{"ей", true},  E{"ую", false},  E{"юю", true},
                E{"ый", false},  E{"ий", true},  E{"ым", false},  E{"им", true},  E{"ом", false},  E{"ем", true},
                E{"ое", false},  E{"ее", true},  E{"ые", false},  E{"ие", true},  E{"ых", false},  E{"их", true}}) {
        std::string_view suf = e.suf;
        if (!Ends(f, suf)) continue;
        std::size_t cut = suf.size();
        bool soft = e.soft;
        // «-ской», «-ского»: the г/к/х/ж/ш/ч/щ stems take «-ий», «-ие» (spelling rule), not the soft ending
        bool velar = !hard_stem(cut);
        switch (g) {
            case Gender::kFem:
                return Swap(f, suf, soft && !velar ? "яя" : "ая");
            case Gender::kNeut:
                return Swap(f, suf, soft && !velar ? "ее" : "ое");
            case Gender::kPlural:
                return Swap(f, suf, (soft || velar) ? "ие" : "ые");
            case Gender::kMasc: {
                if (suf == "ой" && !soft) return std::string(f);  // «Толстой», also a feminine oblique form
                std::string plain = Swap(f, suf, (soft || velar) ? "ий" : "ый");
                // «областного», «городского», «окружного»: an adjective stressed on its ending takes «-ой», as the
                // dictionary has it
                if (!soft) {
                    const auto& lem = text::Lemmatizer::Default();
                    if (std::string stressed = Swap(f, suf, "ой");
                        lem.has_dictionary() && !lem.Known(plain) && lem.Known(stressed))
                        return stressed;
                }
                return plain;
            }
        }
    }
    return std::string(f);
}

Gender GenderOfNoun(std::string_view lemma) {
    // indeclinable loanwords are neuter whatever their last letter: «социальное такси», «школьное интервью»
    static const std::unordered_set<std::string_view> kIndeclinableNeuter = {
        "такси", "жюри", "интервью", "меню", "шоу", "ток-шоу", "хобби", "ралли", "регби", "пари", "алиби", "рагу"};
    if (kIndeclinableNeuter.count(lemma)) return Gender::kNeut;
    // …and so are their compounds: «соцтакси», «экотакси», «велотакси»
    if (Ends(lemma, "такси") || Ends(lemma, "шоу") || Ends(lemma, "интервью")) return Gender::kNeut;
    if (Ends(lemma, "а") || Ends(lemma, "я")) return Gender::kFem;
    if (Ends(lemma, "о") || Ends(lemma, "е")) return Gender::kNeut;
    if (Ends(lemma, "ь")) {
        static const std::unordered_set<std::string> kMascSoft = {
            "секретарь",      "руководитель", "заместитель", "представитель", "учитель", "житель",    "день",
            "уполномоченный", "председатель", "управитель",  "лагерь",        "модуль",  "контроль",  "фестиваль",
            "автомобиль",     "портфель",     "рубль",       "уровень",       "кремль",  "отель",     "профиль",
            "ансамбль",       "стиль",        "монастырь",   "корабль",       "пульт",   "госпиталь", "спектакль",
            "путеводитель",   "навигатор",    "ноутбук",     "вратарь",       "янтарь",  "январь",    "февраль"};
        // («-арь»: «календарь», «словарь», «секретарь» are masculine)
        if (kMascSoft.count(std::string(lemma)) || Ends(lemma, "тель") || Ends(lemma, "арь")) return Gender::kMasc;
        return Gender::kFem;
    }
    return Gender::kMasc;
}

Gender GenderOfAbbreviation(std::string_view folded) {
    static const std::unordered_set<std::string_view> kMasc = {"мфц", "цзн", "кцсон", "цсо", "дк",  "ддт",
                                                               "фап", "сдк", "рдк",   "цдт", "цдо", "цвр"};
    static const std::unordered_set<std::string_view> kNeut = {
        "гбу", "мбу",  "мау",  "гау",   "мку",  "гку",  "фгбу", "мбоу",  "маоу",  "гбоу",
        "нии", "мбук", "маук", "мбудо", "гбуз", "гауз", "гуз",  "гбпоу", "фгбоу", "гаук"};
    if (kMasc.count(folded)) return Gender::kMasc;
    if (kNeut.count(folded)) return Gender::kNeut;
    return Gender::kFem;
}

namespace {

// One word of a town's name in the genitive; empty when unsure.
std::string TownWordGenitive(const std::string& w, bool first_of_several) {
    std::u32string u = U32(w);
    if (u.empty()) return {};
    const std::string f = U8([&] {
        std::u32string l = u;
        for (auto& c : l) c = Lower(c);
        return l;
    }());
    auto swap = [&](std::string_view suf, std::string_view rep) {
        std::u32string s = u.substr(0, u.size() - U32(suf).size());
        return U8(s) + std::string(rep);
    };
    // adjectives: «Нижний», «Великий», «Мирный», «Белая», «Старое»
    if (Ends(f, "ний")) return swap("ий", "его");
    if (Ends(f, "ий") || Ends(f, "ый") || (Ends(f, "ой") && first_of_several))
        return swap(Ends(f, "ий") ? "ий" : Ends(f, "ый") ? "ый" : "ой", "ого");
    if (Ends(f, "ая")) return swap("ая", "ой");
    if (Ends(f, "ое")) return swap("ое", "ого");
    if (Ends(f, "ее")) return swap("ее", "его");
    // plurals («Набережные Челны», «Великие Луки»): not declined here
    if (Ends(f, "ые") || Ends(f, "ие") || Ends(f, "ы")) return {};
    if (Ends(f, "ово") || Ends(f, "ево") || Ends(f, "ино") || Ends(f, "ыно")) return swap("о", "а");
    if (Ends(f, "ье")) return swap("е", "я");
    if (Ends(f, "ль")) return swap("ь", "я");  // «Ярославль», «Ставрополь»
    if (Ends(f, "ь")) return swap("ь", "и");   // «Казань», «Пермь», «Тверь»
    if (Ends(f, "й")) return swap("й", "я");
    for (const char* hushing : {"га", "ка", "ха", "жа", "ша", "ча", "ща"})
        if (Ends(f, hushing)) return swap("а", "и");  // «Калуга» → «Калуги»
    if (Ends(f, "а")) return swap("а", "ы");
    if (Ends(f, "я")) return swap("я", "и");
    // indeclinable: «Сочи», «Тарко-Сале», «Кызыл-Оол»? (a vowel at the end)
    for (const char* v : {"о", "е", "и", "у", "ю", "э"})
        if (Ends(f, v)) return w;
    return w + "а";  // a consonant: «Томск» → «Томска»
}

}  // namespace

std::string TownGenitive(std::string_view name) {
    std::string out;
    std::size_t pos = 0;
    const std::string s(name);
    std::vector<std::string> ws;
    for (std::size_t sp; (sp = s.find(' ', pos)) != std::string::npos; pos = sp + 1)
        ws.push_back(s.substr(pos, sp - pos));
    ws.push_back(s.substr(pos));
    for (std::size_t i = 0; i < ws.size(); ++i) {
        const std::string& w = ws[i];
        std::string g;
        // «Ростов-на-Дону», «Комсомольск-на-Амуре»: only the first piece declines
        if (auto na = w.find("-на-"); na != std::string::npos) {
            std::string head = TownWordGenitive(w.substr(0, na), false);
            if (head.empty()) return {};
            g = head + w.substr(na);
        } else if (auto dash = w.find('-'); dash != std::string::npos) {
            // «Петропавловск-Камчатский», «Каменск-Уральский»: each piece
            std::string a = TownWordGenitive(w.substr(0, dash), true), b = TownWordGenitive(w.substr(dash + 1), false);
            if (a.empty() || b.empty()) return {};
            g = a + "-" + b;
        } else {
            g = TownWordGenitive(w, i + 1 < ws.size());
        }
        if (g.empty()) return {};
        out += (i ? " " : "") + g;
    }
    return out;
}

bool IsPluralForm(std::string_view f) {
    return Ends(f, "ы") || Ends(f, "и") || Ends(f, "ов") || Ends(f, "ах") || Ends(f, "ях") || Ends(f, "ами") ||
           Ends(f, "ями");
}

// Noun lemma by hunspell, preferring a lemma that shares the word's first letters (hunspell may also
// offer an unrelated homonym).
std::string NounLemma(const std::string& word, bool after_genitive_adjective) {
    std::string folded = text::Fold(word);
    const auto& lem = text::Lemmatizer::Default();
    if (!lem.has_dictionary() || !lem.Known(word)) return folded;
    auto ls = lem.Lemmas(word);
    // «врачом»: hunspell-ru gives a few instrumentals in «-ом / -ем» after a hushing consonant as their own lemma;
    // the word without the ending is the noun when the dictionary has it as a lemma
    if (ls.size() == 1 && ls[0] == folded && (Ends(folded, "ом") || Ends(folded, "ем")) && folded.size() > 6) {
        std::string base = folded.substr(0, folded.size() - std::string_view("ом").size());
        if (lem.Known(base))
            for (const auto& l : lem.Lemmas(base))
                if (l == base) return base;
    }
    // «муниципального округа»: after a masculine genitive adjective the word is no nominative itself (not
    // «округа», the neighbourhood)
    if (after_genitive_adjective)
        for (const auto& l : ls)
            if (l != folded && !IsAdjectiveForm(l) && !Ends(l, "ть") && folded.starts_with(l)) return l;
    for (const auto& l : ls) {
        // a noun lemma, not an adjective or a verb
        if (!IsAdjectiveForm(l) && !Ends(l, "ть") && l.size() >= 2 && l.substr(0, 2) == folded.substr(0, 2)) return l;
    }
    return ls.empty() ? folded : ls.front();
}

// «Петров» stems like «Пётр»: the -ов/-ев forms are surnames, not first names.
bool PossessiveSurnameForm(const std::string& f) {
    for (const char* suf :
         {"ов", "ев", "ова", "ева", "ову", "еву", "овым", "евым", "овой", "евой", "овых", "ове", "еве"})
        if (Ends(f, suf)) return true;
    return false;
}

bool IsFemaleFirstName(const std::string& lemma) {
    static const std::unordered_set<std::string> kMaleA = {"никита", "илья",   "кузьма",  "фома",   "лука",
                                                           "савва",  "данила", "гаврила", "михайла"};
    return (Ends(lemma, "а") || Ends(lemma, "я")) && !kMaleA.count(lemma);
}

std::string PatronymicNominative(const std::string& f) {
    for (const char* s : {"вичем", "вича", "вичу", "виче"})
        if (Ends(f, s)) return Swap(f, s, "вич");
    for (const char* s : {"ичной", "ичны", "ичне", "ичну"})
        if (Ends(f, s)) return Swap(f, s, "ична");
    for (const char* s : {"вной", "вны", "вне", "вну"})
        if (Ends(f, s)) return Swap(f, s, "вна");
    return f;
}

// Surname in the nominative. `female`: the first name is feminine; `oblique`: the first name was not
// in the nominative, so the surname is not either.
std::string SurnameNominative(const std::string& f, bool female, bool oblique, bool known_gender) {
    struct R {
        const char* suf;
        const char* masc;
        const char* fem;
    };
    // possessive -ов/-ев/-ин/-ын and adjectival -ский/-цкий surnames
    static const R kRules[] = {
        {"овыми", "ов", "ова"},    {"евыми", "ев", "ева"},    {"овым", "ов", "ова"},     {"евым", "ев", "ева"},
        {"иным", "ин", "ина"},     {"ыным", "ын", "ына"},     {"овой", "ов", "ова"},     {"евой", "ев", "ева"},
        {"иной", "ин", "ина"},     {"ыной", "ын", "ына"},     {"ову", "ов", "ова"},      {"еву", "ев", "ева"},
        {"ину", "ин", "ина"},      {"ыну", "ын", "ына"},      {"ове", "ов", "ова"},      {"еве", "ев", "ева"},
        {"ине", "ин", "ина"},      {"ова", "ов", "ова"},      {"ева", "ев", "ева"},      {"ина", "ин", "ина"},
        {"ына", "ын", "ына"},      {"ского", "ский", "ская"}, {"скому", "ский", "ская"}, {"ским", "ский", "ская"},
        {"ском", "ский", "ская"},  {"ской", "ский", "ская"},  {"скую", "ский", "ская"},  {"цкого", "цкий", "цкая"},
        {"цкому", "цкий", "цкая"}, {"цким", "цкий", "цкая"},  {"цкой", "цкий", "цкая"},  {"цкую", "цкий", "цкая"},
    };
    for (const R& r : kRules) {
        if (!Ends(f, r.suf)) continue;
        std::string_view suf = r.suf;
        // «Иванова» alone may be a woman in the nominative or a man in the genitive: keep it unless the
        // first name says otherwise
        if ((suf == "ова" || suf == "ева" || suf == "ина" || suf == "ына") && (!known_gender || female)) return f;
        if ((suf == "овой" || suf == "евой" || suf == "иной" || suf == "ыной") && !known_gender)
            return Swap(f, suf, r.fem);
        if ((suf == "ской" || suf == "цкой") && !known_gender) return Swap(f, suf, r.fem);
        // a man's «-овой», «-ской» is no case of «-ов», «-ский» (those are «-овым», «-ского»): an adjectival surname
        // in the nominative («Андрей Гуртовой», «Пётр Трубецкой»)
        if (known_gender && !female &&
            (suf == "овой" || suf == "евой" || suf == "иной" || suf == "ыной" || suf == "ской" || suf == "цкой"))
            return f;
        return Swap(f, suf, female ? r.fem : r.masc);
    }
    // a foreign surname alone in an oblique case: «Обамы», «Обамой», «Маехары» → «-а»
    if (!known_gender && f.size() > 8 && !Ends(f, "ской") && !Ends(f, "цкой")) {
        for (const char* s : {"ой", "ы"}) {
            if (!Ends(f, s)) continue;
            std::u32string u = U32(Swap(f, s, ""));
            char32_t last = u.empty() ? 0 : u.back();
            if (last && std::u32string_view(U"аеёиоуыэюяйьжшчщкгх").find(last) == std::u32string_view::npos &&
                !text::Lemmatizer::Default().Known(f))
                return Swap(f, s, "а");
        }
    }
    if (!oblique) return f;
    // adjectival surnames: «Шатурного» → «Шатурный», «Беловой»-type handled above
    if (!female) {
        for (const char* s : {"ого", "его", "ому", "ему", "ым", "им"})
            if (Ends(f, s) && f.size() > 8) return AdjectiveNominative(f, Gender::kMasc);
        // consonant-final surnames decline for men: «Кухаруку», «Кляйна», «Кляйном»
        for (const char* s : {"ом", "ем", "у", "ю", "а", "е"}) {
            if (!Ends(f, s) || f.size() < 8) continue;
            std::string base = Swap(f, s, "");
            std::u32string ub = U32(base);
            char32_t last = ub.empty() ? 0 : ub.back();
            bool consonant =
                last && std::u32string_view(U"аеёиоуыэюяй").find(last) == std::u32string_view::npos && last != U'ь';
            // the fleeting «е» of «-ец»: «Кравца» → Кравец, «Стрельца» → Стрелец
            if (Ends(base, "вц")) return Swap(base, "вц", "вец");
            if (Ends(base, "ьц")) return Swap(base, "ьц", "ец");
            if (consonant) return base;
            if (last == U'ь' || last == U'й') return base;
        }
    } else {
        for (const char* s : {"ой", "ую"})
            if (Ends(f, s) && f.size() > 8) return AdjectiveNominative(f, Gender::kFem);
    }
    return f;
}

}  // namespace orientir::extract::detail::words
