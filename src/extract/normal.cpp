// Normal forms of mentions: the nominative a directory holds. Persons get dictionary forms of their
// first names (hunspell-ru) and suffix rules for patronymics and surnames, agreed in gender with the
// first name; places and organisations with a directory link take the directory's name; other places,
// organisations and posts have their leading adjectives and head noun put into the nominative, the
// genitive chain after the head kept as written («Детской школы искусств № 1 города Сургута» →
// «Детская школа искусств № 1 города Сургута»).

#include <optional>
#include <unordered_map>
#include <utility>

#include "extract/doc.hpp"
#include "extract/lexicon.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail {

namespace {

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

bool IsAdjectiveForm(std::string_view f);

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

bool IsAdjectiveForm(std::string_view f) {
    for (const char* s : {"ая", "яя", "ой", "ей", "ую", "юю", "ый", "ий", "ого", "его", "ому", "ему",
                          "ым", "им", "ом", "ем", "ое", "ее", "ые", "ие", "ых",  "их",  "ыми", "ими"})
        if (Ends(f, s) && f.size() > std::string_view(s).size() + 4) return true;
    return false;
}

enum class Gender { kMasc, kFem, kNeut, kPlural };

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
            case Gender::kMasc:
                if (suf == "ой" && !soft) return std::string(f);  // «Толстой», also a feminine oblique form
                return Swap(f, suf, (soft || velar) ? "ий" : "ый");
        }
    }
    return std::string(f);
}

Gender GenderOfNoun(std::string_view lemma) {
    if (Ends(lemma, "а") || Ends(lemma, "я")) return Gender::kFem;
    if (Ends(lemma, "о") || Ends(lemma, "е")) return Gender::kNeut;
    if (Ends(lemma, "ь")) {
        static const std::unordered_set<std::string> kMascSoft = {
            "секретарь", "руководитель", "заместитель",    "представитель", "учитель",
            "житель",    "день",         "уполномоченный", "председатель",  "управитель"};
        if (kMascSoft.count(std::string(lemma)) || Ends(lemma, "тель")) return Gender::kMasc;
        return Gender::kFem;
    }
    return Gender::kMasc;
}

bool IsPluralForm(std::string_view f) {
    return Ends(f, "ы") || Ends(f, "и") || Ends(f, "ов") || Ends(f, "ах") || Ends(f, "ях") || Ends(f, "ами") ||
           Ends(f, "ями");
}

// Noun lemma by hunspell, preferring a lemma that shares the word's first letters (hunspell may also
// offer an unrelated homonym).
std::string NounLemma(const std::string& word) {
    std::string folded = text::Fold(word);
    const auto& lem = text::Lemmatizer::Default();
    if (!lem.has_dictionary() || !lem.Known(word)) return folded;
    auto ls = lem.Lemmas(word);
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

// Leading adjectives and the head noun into the nominative, the rest as written. `lower`: a post,
// written in lower case.
std::string NominativePhraseImpl(const Doc& d, std::size_t b, std::size_t e, bool lower) {
    const Lexicon& lex = Lexicon::Get();
    auto T = [&](std::size_t i) -> const Tok& { return d.toks[i]; };
    std::size_t head = e;
    for (std::size_t i = b; i < e; ++i) {
        const Tok& t = T(i);
        if (!t.word) continue;
        // «вице-спикер», «экс-мэр»: the head is the last piece of a hyphenated word
        if (i + 2 < e && T(i + 1).text == "-" && T(i + 1).start == t.end && T(i + 2).start == T(i + 1).end) {
            ++i;
            continue;
        }
        // an adverb before an adjective: «временно исполняющий»
        if (Ends(t.folded, "о") && i + 1 < e && IsAdjectiveWord(T(i + 1).folded)) continue;
        // «исполняющий обязанности губернатора»: a fixed phrase, the rest stays in the genitive
        if (t.folded == "обязанности") {
            head = i;
            break;
        }
        if (t.all_caps || IsAdjectiveWord(t.folded) || lex.position_mods.count(t.key)) {
            // an adjective-looking word that is the head: «заведующий», «уполномоченный»
            if (lex.position_heads.count(t.key) || lex.org_types.count(t.key)) {
                head = i;
                break;
            }
            if (t.all_caps) {
                head = i;
                break;
            }
            continue;
        }
        head = i;
        break;
    }
    if (head == e) return d.Slice(b, e);
    const Tok& h = T(head);
    bool fixed_head = h.folded == "обязанности";
    std::string hl = h.all_caps || fixed_head ? h.folded : NounLemma(h.cap ? h.text : h.folded);
    Gender g = fixed_head ? Gender::kMasc : h.all_caps ? Gender::kFem : GenderOfNoun(hl);
    // a plural head keeps its number: «школы искусств» after «пермских» stays plural
    if (!h.all_caps && hl != h.folded && IsPluralForm(h.folded) && b < head && Ends(T(head - 1).folded, "ых"))
        g = Gender::kPlural;
    if (g == Gender::kPlural) hl = h.folded;
    // hyphenated head pieces («вице-спикер») arrive as separate tokens: the lemma covers the last piece
    std::string out;
    std::int32_t prev_end = -1;
    auto put = [&](const Tok& t, const std::string& w) {
        if (prev_end >= 0 && t.start > prev_end) out += ' ';
        out += w;
        prev_end = t.end;
    };
    for (std::size_t i = b; i < e; ++i) {
        const Tok& t = T(i);
        bool adjective = t.word && !t.all_caps && IsAdjectiveWord(t.folded);
        if (i < head && adjective) {
            std::string w = AdjectiveNominative(t.folded, g);
            put(t, lower ? w : LikeOriginal(t.text, w));
        } else if (i == head && !h.all_caps) {
            put(t, lower ? hl : LikeOriginal(t.text, hl));
        } else {
            put(t, lower && i < head ? t.folded : t.text);
        }
    }
    return out;
}

struct Normaliser {
    Doc& d;
    const Lexicon& lex = Lexicon::Get();
    // surname key → nominative surname of persons named in full earlier in the text
    std::unordered_map<std::string, std::string> surname_normal;

    const Tok& T(std::size_t i) const { return d.toks[i]; }

    bool IsFirstName(std::size_t i) const {
        if (lex.first_names.count(T(i).key)) return true;
        const auto& lem = text::Lemmatizer::Default();
        // proper names are in the dictionary with their capital letter
        return lem.has_dictionary() && T(i).cap && lex.first_names.count(text::Stem(lem.Lemma(T(i).text))) > 0;
    }

    // «рамзана» → «рамзан», «андрея» → «андрей» when that is a listed first name; empty otherwise.
    std::string MaleNameOfGenitive(const std::string& f) const {
        if (Ends(f, "а") && lex.first_names_nominative.count(Swap(f, "а", ""))) return Swap(f, "а", "");
        if (Ends(f, "я") && lex.first_names_nominative.count(Swap(f, "я", "й"))) return Swap(f, "я", "й");
        return {};
    }

    // «Томаса Райтера», «Йенса Лемана», «Влада Филата»: two words the dictionary does not know, each a
    // consonant and «-а», the second no feminine surname («-ова», «-ина», «-ская») and written without the
    // «-а» elsewhere in the text («Райтер заявил»): a man's name in the genitive («Ннека Угбома» stays).
    // Tokens [b, e) hold exactly the two words.
    bool ForeignMaleGenitive(std::size_t b, std::size_t e) const {
        if (e != b + 2 || !T(b).word || !T(b + 1).word || !T(b).cap || !T(b + 1).cap) return false;
        const auto& lem = text::Lemmatizer::Default();
        for (std::size_t i = b; i < e; ++i) {
            const std::string& f = T(i).folded;
            std::u32string u = U32(f);
            if (u.size() < 4 || u.back() != U'а' ||
                std::u32string_view(U"аеёиоуыэюяйь").find(u[u.size() - 2]) != std::u32string_view::npos ||
                lem.Known(T(i).text))
                return false;
        }
        const std::string& sur = T(b + 1).folded;
        for (const char* x : {"ова", "ева", "ина", "ына", "ская", "цкая"})
            if (Ends(sur, x)) return false;
        const std::string base = Swap(sur, "а", "");
        for (const Tok& t : d.toks)
            if (t.cap && t.folded == base) return true;
        return false;
    }

    // `hint`: the gender and case a word after the name tells (female, oblique)
    std::string Person(std::size_t b, std::size_t e, std::optional<std::pair<bool, bool>> hint = std::nullopt) {
        const auto& lem = text::Lemmatizer::Default();
        std::string first, patronymic;
        std::vector<std::string> rest;  // surname(s) and initials as written
        std::vector<std::size_t> rest_tok;
        bool female = hint && hint->first, oblique = hint && hint->second, known_gender = hint.has_value();
        if (!hint && ForeignMaleGenitive(b, e))
            return LikeOriginal(T(b).text, Swap(T(b).folded, "а", "")) + " " +
                   LikeOriginal(T(b + 1).text, Swap(T(b + 1).folded, "а", ""));
        for (std::size_t i = b; i < e; ++i) {
            const Tok& t = T(i);
            if (!t.word) {
                if (t.text == "." && !rest.empty()) rest.back() += ".";
                continue;
            }
            if (first.empty() && IsFirstName(i) && !PossessiveSurnameForm(t.folded)) {
                std::string l = lem.has_dictionary() ? lem.Lemma(t.text) : t.folded;
                if (l.empty()) l = t.folded;
                // «Александра», «Евгения»: a woman's name or a man's in the genitive; the surname decides
                // («Александра Мишарина» → Александр Мишарин, «Александра Соколовой» → Александра
                // Соколова), an undeclined surname leaves the man's reading, the more frequent in news
                if (lem.has_dictionary() && l == t.folded) {
                    for (const auto& alt : lem.Lemmas(t.text)) {
                        if (alt == l || IsFemaleFirstName(alt)) continue;
                        std::string next = i + 1 < e && T(i + 1).word ? T(i + 1).folded : std::string();
                        if (IsPatronymic(next)) next = i + 2 < e && T(i + 2).word ? T(i + 2).folded : std::string();
                        bool fem_surname =
                            Ends(next, "ой") || Ends(next, "ую") || (Ends(next, "ова") && i > b) || (Ends(next, "вна"));
                        if (!fem_surname && !next.empty()) l = alt;
                        break;
                    }
                }
                // «Рамзана» (no dictionary form): the listed man's name «Рамзан» in the genitive
                if (l == t.folded && !lex.first_names_nominative.count(l) && !lem.Known(t.text))
                    if (std::string base = MaleNameOfGenitive(l); !base.empty()) l = base;
                first = LikeOriginal(t.text, l);
                female = IsFemaleFirstName(l);
                known_gender = true;
                oblique = l != text::Fold(t.text);
                continue;
            }
            if (patronymic.empty() && IsPatronymic(t.folded)) {
                std::string p = PatronymicNominative(t.folded);
                female = female || Ends(p, "на");
                known_gender = true;
                oblique = oblique || p != t.folded;
                patronymic = LikeOriginal(t.text, p);
                continue;
            }
            rest.push_back(t.text);
            rest_tok.push_back(i);
        }
        std::string out = first;
        auto append = [&](const std::string& w) {
            if (w.empty()) return;
            if (!out.empty()) out += ' ';
            out += w;
        };
        append(patronymic);
        for (std::size_t k = 0; k < rest.size(); ++k) {
            const Tok& t = T(rest_tok[k]);
            if (text::CodePointLength(t.text) <= 1) {  // an initial
                append(rest[k]);
                continue;
            }
            std::string nom;
            auto it = surname_normal.find(t.key);
            if (first.empty() && patronymic.empty() && it != surname_normal.end())
                nom = it->second;
            else if (t.all_caps || t.text.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 0)
                nom = t.text;
            else
                nom = LikeOriginal(t.text, SurnameNominative(t.folded, female, oblique, known_gender));
            if (!first.empty() || !patronymic.empty()) surname_normal.emplace(t.key, nom);
            append(nom);
        }
        return out.empty() ? d.Slice(b, e) : out;
    }

    // «Буша-младшего» → «Буш-младший», «Петренко-старшей» → «Петренко-старшая»: the word after the hyphen
    // tells the gender and whether the name is in an oblique case
    std::string PersonOrElder(std::size_t b, std::size_t e) {
        if (e < b + 3 || T(e - 2).text != "-") return Person(b, e);
        const std::string& f = T(e - 1).folded;
        bool senior = f.starts_with("старш");
        if (!senior && !f.starts_with("младш")) return Person(b, e);
        bool female = Ends(f, "ая") || Ends(f, "ей") || Ends(f, "ую") || Ends(f, "ой");
        bool oblique = !Ends(f, "ий") && !Ends(f, "ая");
        return Person(b, e - 2, std::pair{female, oblique}) + (senior ? "-старш" : "-младш") + (female ? "ая" : "ий");
    }

    std::string Phrase(std::size_t b, std::size_t e, bool lower) const { return NominativePhrase(d, b, e, lower); }

    // «По словам министра … Республики Алтай Эркина Кыдыева»: a name right after a post in the masculine
    // genitive («министра», «председателя»), each of its words in «-а / -я», is a man's name in the genitive
    // (a woman's would be «-ы / -ой»). The hint for Person: (female, oblique).
    // Also the object of a verb of appointing before a post in the instrumental («назначили Бато Намжилова
    // уполномоченным …»), its last word in «-а / -я», the others so or undeclined («Бато»).
    std::optional<std::pair<bool, bool>> GenitiveAfterPost(std::size_t b, std::size_t e) const {
        bool after_post = false, appointed = false;
        for (const auto& [pb, pend] : d.post_end) {
            const std::string& head = T(pb).folded;
            if (pend == b)
                after_post = (Ends(head, "а") || Ends(head, "я")) && text::Lemmatizer::Default().Lemma(head) != head;
            if (pb == e && e < d.toks.size() && SameSentence(b, e))
                for (const char* x : {"ом", "ем", "ым", "им"}) appointed = appointed || Ends(head, x);
        }
        if (appointed) {
            appointed = false;
            for (std::size_t k = b; k > 0 && k + 3 > b && !appointed; --k)
                for (const char* v : {"назнач", "избрал", "избран", "утвердил", "назвал"})
                    appointed = appointed || T(k - 1).folded.starts_with(v);
        }
        if (!after_post && !appointed) return std::nullopt;
        const std::string& last = T(e - 1).folded;
        if (!(Ends(last, "а") || Ends(last, "я"))) return std::nullopt;
        for (std::size_t i = b; i < e; ++i) {
            const std::string& f = T(i).folded;
            bool undeclined = appointed && (Ends(f, "о") || Ends(f, "е") || Ends(f, "и"));
            if (T(i).word && !(Ends(f, "а") || Ends(f, "я") || undeclined)) return std::nullopt;
        }
        return std::pair{false, true};
    }

    bool SameSentence(std::size_t a, std::size_t b) const { return T(a).sent == T(b).sent; }

    void Run() {
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            Mention& mm = d.mentions[m];
            auto [b, e] = d.spans[m];
            if (b >= e) continue;
            switch (mm.kind) {
                case MentionKind::kPerson:
                    if (mm.ref)
                        mm.normal = mm.ref->name;
                    else if (auto hint = GenitiveAfterPost(b, e))
                        mm.normal = Person(b, e, hint);
                    else
                        mm.normal = PersonOrElder(b, e);
                    break;
                case MentionKind::kRegion:
                case MentionKind::kMunicipality:
                case MentionKind::kCountry:
                    mm.normal = mm.ref ? mm.ref->name : Phrase(b, e, false);
                    break;
                case MentionKind::kOrganisation:
                    if (mm.ref)
                        mm.normal = mm.ref->name;
                    else if (mm.normal.empty())
                        mm.normal = Phrase(b, e, false);
                    break;
                case MentionKind::kPosition:
                    mm.normal = Phrase(b, e, true);
                    break;
            }
        }
    }
};

}  // namespace

void Normalise(Doc& d) { Normaliser{d}.Run(); }

std::string NominativePhrase(const Doc& d, std::size_t b, std::size_t e, bool lower) {
    return NominativePhraseImpl(d, b, e, lower);
}

}  // namespace orientir::extract::detail
