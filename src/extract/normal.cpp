// Normal forms of mentions: the nominative a directory holds. Persons get dictionary forms of their
// first names (hunspell-ru) and suffix rules for patronymics and surnames, agreed in gender with the
// first name; places and organisations with a directory link take the directory's name; other places,
// organisations and posts have their leading adjectives and head noun put into the nominative, the
// genitive chain after the head kept as written («Детской школы искусств № 1 города Сургута» →
// «Детская школа искусств № 1 города Сургута»).

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <utility>

#include "extract/doc.hpp"
#include "extract/lexicon.hpp"
#include "extract/normal_words.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail {

namespace {

using namespace words;  // NOLINT: the word rules are this file's vocabulary

// Leading adjectives and the head noun into the nominative, the rest as written. `lower`: a post,
// written in lower case.
// «о выездных офисах и нейросетях» → «выездной офис и нейросеть»: the noun joined to the head at `head` by «и» in the
// head's oblique case (the same ending), to be put in the nominative too with its adjectives; `e` when none.
std::size_t JoinedNoun(const Doc& d, std::size_t head, std::size_t e) {
    auto T = [&](std::size_t i) -> const Tok& { return d.toks[i]; };
    if (head + 2 >= e || T(head + 1).folded != "и") return e;
    std::size_t n = head + 2;
    while (n < e && T(n).word && !T(n).all_caps && IsAdjectiveWord(T(n).folded)) ++n;
    const std::string& hf = T(head).folded;
    auto plural_case = [](const std::string& f) {
        return Ends(f, "ами") || Ends(f, "ями") ? 2
               : Ends(f, "ах") || Ends(f, "ях") ? 1
               : Ends(f, "ам") || Ends(f, "ям") ? 3
                                                : 0;
    };
    if (n < e && T(n).word && !T(n).cap && !T(n).all_caps && hf.size() >= 4 && T(n).folded.size() >= 4 &&
        (T(n).folded.compare(T(n).folded.size() - 4, 4, hf, hf.size() - 4, 4) == 0 ||
         (plural_case(hf) != 0 && plural_case(hf) == plural_case(T(n).folded))))
        return n;
    return e;
}

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
        // «главным врачом», «ведущего специалиста»: the job after the rank word is the head
        if (i + 1 < e && T(i + 1).word && IsChiefJobNoun(T(i + 1).key)) continue;
        // an adverb before an adjective: «временно исполняющий»
        // (not «министерство социальной политики», «агентство»: nouns in «-ство»)
        if (Ends(t.folded, "о") && !Ends(t.folded, "ство") && i + 1 < e && IsAdjectiveWord(T(i + 1).folded)) continue;
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
    const bool genitive_before =
        head > b && T(head - 1).word && (Ends(T(head - 1).folded, "ого") || Ends(T(head - 1).folded, "его"));
    std::string hl = h.all_caps || fixed_head ? h.folded : NounLemma(h.cap ? h.text : h.folded, genitive_before);
    Gender g = fixed_head ? Gender::kMasc : h.all_caps ? GenderOfAbbreviation(h.folded) : GenderOfNoun(hl);
    // a plural head keeps its number: «школы искусств» after «пермских» stays plural
    // … and so does one after an adjective in the nominative plural: «„Цифровые лаборатории“»
    // (but a head in an oblique case of the plural, «сетчатых контейнеров», has no nominative here to keep: the
    // phrase is put in the singular, «сетчатый контейнер»)
    const bool oblique_plural = Ends(h.folded, "ов") || Ends(h.folded, "ев") || Ends(h.folded, "ам") ||
                                Ends(h.folded, "ям") || Ends(h.folded, "ами") || Ends(h.folded, "ями") ||
                                Ends(h.folded, "ах") || Ends(h.folded, "ях");
    if (!h.all_caps && hl != h.folded && IsPluralForm(h.folded) && b < head && !oblique_plural &&
        (Ends(T(head - 1).folded, "ых") || Ends(T(head - 1).folded, "ые") || Ends(T(head - 1).folded, "ие")))
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
    const std::size_t joined = !h.all_caps && hl != h.folded ? JoinedNoun(d, head, e) : e;
    const std::string joined_lemma = joined < e ? NounLemma(T(joined).folded, false) : std::string();
    const Gender joined_gender = joined < e ? GenderOfNoun(joined_lemma) : g;
    for (std::size_t i = b; i < e; ++i) {
        const Tok& t = T(i);
        bool adjective = t.word && !t.all_caps && IsAdjectiveWord(t.folded);
        if (joined < e && i > head + 1 && i <= joined) {
            const std::string w = i == joined ? joined_lemma : AdjectiveNominative(t.folded, joined_gender);
            put(t, lower ? w : LikeOriginal(t.text, w));
            continue;
        }
        if (i < head && adjective) {
            std::string w = AdjectiveNominative(t.folded, g);
            put(t, lower ? w : LikeOriginal(t.text, w));
        } else if (i == head && !h.all_caps) {
            put(t, lower ? hl : LikeOriginal(t.text, hl));
        } else if (i + 2 == head && T(i + 1).text == "-" && T(i + 1).start == t.end && t.word && !t.all_caps &&
                   g != Gender::kPlural) {
            // «тренером-преподавателем» → «тренер-преподаватель»: the first noun of a pair declines too («вице-»,
            // «экс-», «премьер-» stay as they are)
            const std::string l = NounLemma(t.cap ? t.text : t.folded);
            put(t, lower ? l : LikeOriginal(t.text, l));
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

    // «Ильнуру» (beside «Рафисовичу»): a man's listed first name the dictionary has no form of, in an oblique case;
    // the first name unchanged when no listed name declines to it.
    std::string MaleNameOfOblique(const std::string& first) const {
        const std::string f = text::Fold(first);
        if (lex.first_names_nominative.count(f)) return first;
        static const std::pair<const char*, const char*> kEnds[] = {{"у", ""},  {"ом", ""},  {"а", ""}, {"е", ""},
                                                                    {"ю", "ь"}, {"ем", "ь"}, {"я", "ь"}};
        for (const auto& [end, to] : kEnds)
            if (Ends(f, end) && lex.first_names_nominative.count(Swap(f, end, to)))
                return LikeOriginal(first, Swap(f, end, to));
        return first;
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

    // An unlisted first name in an oblique case, by the patronymic's gender («Бадмой Очировичем» → Бадма: a man's
    // name in «-а» declines as a woman's does).
    static std::string UnlistedNameNominative(std::string f, bool male) {
        static const std::pair<const char*, const char*> kMale[] = {{"ой", "а"}, {"ом", ""}, {"ем", "ь"}, {"а", ""},
                                                                    {"я", "ь"},  {"у", ""},  {"ю", "ь"},  {"е", ""}};
        static const std::pair<const char*, const char*> kFemale[] = {
            {"ою", "а"}, {"ой", "а"}, {"ей", "я"}, {"ы", "а"}, {"и", "я"}, {"е", "а"}, {"у", "а"}, {"ю", "я"}};
        for (const auto& [end, to] : male ? kMale : kFemale)
            if (Ends(f, end) && text::CodePointLength(f) > 4) return Swap(f, end, to);
        return f;
    }

    // A woman's first name the dictionary left in an oblique case («Фатимой» → «Фатима»).
    static std::string WomansNameNominative(const std::string& first) {
        const std::string f = text::Fold(first);
        if (Ends(f, "а") || Ends(f, "я") || Ends(f, "ь")) return first;
        return LikeOriginal(first, UnlistedNameNominative(f, false));
    }

    // The nominative of the first name at token i of the name b..e.
    std::string FirstNameLemma(std::size_t i, std::size_t b, std::size_t e) {
        const auto& lem = text::Lemmatizer::Default();
        const Tok& t = T(i);
        // «Петра» the dictionary reads as Petra (the city) and «Николя» as a case of «Николь»: Пётр, Nicolas
        static const std::pair<const char*, const char*> kFleeting[] = {
            {"петра", "пётр"}, {"петру", "пётр"}, {"петром", "пётр"}, {"петре", "пётр"}, {"николя", "николя"}};
        for (const auto& [form, name] : kFleeting)
            if (t.folded == form) return name;
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
        return l;
    }

    // The name put together: first name, patronymic, then the surnames (in the nominative the gender and case
    // tell) and initials as written; pieces in `glued` join the one before with a hyphen.
    std::string JoinName(std::string out, const std::string& patronymic, bool has_first,
                         const std::vector<std::string>& rest, const std::vector<std::size_t>& rest_tok,
                         const std::vector<std::size_t>& glued, bool female, bool oblique, bool known_gender) {
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
            if (!has_first && patronymic.empty() && it != surname_normal.end())
                nom = it->second;
            else if (t.all_caps || t.text.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 0)
                nom = t.text;
            else
                nom = LikeOriginal(t.text, SurnameNominative(t.folded, female, oblique, known_gender));
            if (has_first || !patronymic.empty()) surname_normal.emplace(t.key, nom);
            if (std::find(glued.begin(), glued.end(), k) != glued.end() && !out.empty())
                out += "-" + nom;
            else
                append(nom);
        }
        return out;
    }

    // `hint`: the gender and case a word after the name tells (female, oblique)
    // «об Александре Морозове»: a surname in «-ове», «-еве», «-ине» is a man's in the prepositional (a woman's would
    // be «Морозовой»), so «Александре» is Александр's prepositional, not Александра's dative («о Евгении Петрове» →
    // Евгений); true with `first` set to the man's name when that name is listed.
    bool MansPrepositional(std::size_t first_tok, std::size_t surname_tok, std::string& first) const {
        const std::string& w = T(first_tok).folded;
        if (!Ends(w, "е") && !Ends(w, "ии")) return false;
        const std::string& sur = T(surname_tok).folded;
        if (!(Ends(sur, "ове") || Ends(sur, "еве") || Ends(sur, "ёве") || Ends(sur, "ине") || Ends(sur, "ыне")))
            return false;
        const std::string base = Ends(w, "ии") ? Swap(w, "ии", "ий") : Swap(w, "е", "");
        if (!lex.first_names.count(text::Stem(base))) return false;
        first = LikeOriginal(T(first_tok).text, base);
        return true;
    }

    std::string Person(std::size_t b, std::size_t e, std::optional<std::pair<bool, bool>> hint = std::nullopt) {
        std::string first, patronymic;
        std::vector<std::string> rest;  // surname(s) and initials as written
        std::vector<std::size_t> rest_tok;
        bool female = hint && hint->first, oblique = hint && hint->second, known_gender = hint.has_value();
        std::optional<std::size_t> pat_tok, first_tok;
        bool pat_oblique = false;
        bool glue_next = false;
        std::vector<std::size_t> glued;  // indices into `rest` of pieces joined by a hyphen to the one before
        if (!hint && ForeignMaleGenitive(b, e))
            return LikeOriginal(T(b).text, Swap(T(b).folded, "а", "")) + " " +
                   LikeOriginal(T(b + 1).text, Swap(T(b + 1).folded, "а", ""));
        for (std::size_t i = b; i < e; ++i) {
            const Tok& t = T(i);
            if (!t.word) {
                if (t.text == "." && !rest.empty()) rest.back() += ".";
                // «Кара-Сал», «Салтыков-Щедрин»: a hyphen glued on both sides joins the surname's parts
                if (t.text == "-" && !rest_tok.empty() && rest_tok.back() + 1 == i && i + 1 < e &&
                    T(i - 1).end == t.start && T(i + 1).start == t.end && T(i + 1).word)
                    glue_next = true;
                continue;
            }
            if (first.empty() && IsFirstName(i) && !PossessiveSurnameForm(t.folded)) {
                first_tok = i;
                const std::string l = FirstNameLemma(i, b, e);
                first = LikeOriginal(t.text, l);
                female = IsFemaleFirstName(l);
                known_gender = true;
                oblique = l != text::Fold(t.text);
                continue;
            }
            if (patronymic.empty() && IsPatronymic(t.folded)) {
                pat_tok = i;
                pat_oblique = PatronymicNominative(t.folded) != t.folded;
                std::string p = PatronymicNominative(t.folded);
                female = female || Ends(p, "на");
                known_gender = true;
                oblique = oblique || p != t.folded;
                patronymic = LikeOriginal(t.text, p);
                continue;
            }
            if (glue_next) {
                glued.push_back(rest.size());  // this piece is glued to the one before it
                glue_next = false;
            }
            rest.push_back(t.text);
            rest_tok.push_back(i);
        }
        // The patronymic tells gender and case where the first name cannot: «Рамиля Ильдаровича» is Рамиль, a man,
        // in the genitive; an unlisted name before a patronymic is the first name («Тамерлана Таймуразовича» →
        // Тамерлан, «Лианы Робертовны» → Лиана)
        if (pat_tok && !patronymic.empty()) {
            const bool male_pat = Ends(text::Fold(patronymic), "ич");
            if (male_pat && female && !first.empty() && pat_oblique) {
                std::string f = text::Fold(first);
                std::string base = MaleNameOfGenitive(f);
                if (base.empty()) base = Ends(f, "я") ? Swap(f, "я", "ь") : Ends(f, "а") ? Swap(f, "а", "") : f;
                first = LikeOriginal(first, base);
                female = false;
                oblique = true;
            }
            // «Ильнуру Рафисовичу»: a man's patronymic in an oblique case puts his first name in it too
            if (male_pat && !female && pat_oblique && !first.empty() && *pat_tok > b) first = MaleNameOfOblique(first);
            // «Фатимой Руслановной»: so does a woman's, for a first name the dictionary left as written
            if (!male_pat && pat_oblique && !first.empty() && *pat_tok > b) first = WomansNameNominative(first);
            // «Валентина Петровна»: a woman's patronymic in the nominative keeps the first name as written (not the
            // man's «Валентин» whose genitive it also is)
            if (!male_pat && !pat_oblique && !first.empty() && !IsFemaleFirstName(text::Fold(first)) && *pat_tok > b) {
                const Tok& ft = T(*pat_tok - 1);
                if (ft.word && ft.cap && (Ends(ft.folded, "а") || Ends(ft.folded, "я"))) {
                    first = ft.text;
                    female = true;
                    oblique = false;
                }
            }
            // (the word right before the patronymic, also after a surname: «Гаджиев Рамазан Магомедович»)
            std::size_t at = 0;
            while (at < rest_tok.size() && rest_tok[at] + 1 != *pat_tok) ++at;
            if (first.empty() && at < rest_tok.size() && T(rest_tok[at]).cap) {
                std::string f = T(rest_tok[at]).folded;
                if (pat_oblique) f = UnlistedNameNominative(f, male_pat);
                first = LikeOriginal(T(rest_tok[at]).text, f);
                rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(at));
                rest_tok.erase(rest_tok.begin() + static_cast<std::ptrdiff_t>(at));
                female = !male_pat;
                known_gender = true;
                oblique = pat_oblique;
            }
        }
        if (patronymic.empty() && female && first_tok && !rest_tok.empty() &&
            MansPrepositional(*first_tok, rest_tok.back(), first)) {
            female = false;
            oblique = true;
        }
        const std::string out =
            JoinName(first, patronymic, !first.empty(), rest, rest_tok, glued, female, oblique, known_gender);
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
                    // (a district of a coordinated list was named when found: «Гиагинский и …» → «Гиагинский район»)
                    if (mm.ref)
                        mm.normal = mm.ref->name;
                    else if (mm.normal.empty())
                        mm.normal = Phrase(b, e, false);
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
