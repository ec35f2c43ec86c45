// The practice told elsewhere in the article: a bare noun, a pronoun or «идея» in the borrowing sentence points
// to the practice the article named before (adoption_practice.cpp names the practice of a sentence).
#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/adoption_finder.hpp"
#include "extract/normal_words.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail::adoption {

// An adjective in the nominative agreeing with a noun in the nominative: «городского» + «велопрокат» →
// «городской», + «поликлиника» → «городская», + «соцтакси» → «городское». Empty when it is no adjective.
static std::string AgreeingAdjective(const std::string& adjective, const std::string& noun) {
    const std::string folded = text::Fold(noun);
    if (folded.empty() || !words::IsAdjectiveForm(adjective)) return {};
    words::Gender g = words::GenderOfNoun(folded);
    if (g != words::Gender::kNeut && words::IsPluralForm(folded)) g = words::Gender::kPlural;
    return words::AdjectiveNominative(adjective, g);
}

// «итоги работы программы «Активное долголетие». … программу разработали с учётом тамбовского опыта»:
// a bare practice noun is the one the article named before with the same noun and a quoted name.
std::string Finder::NamedEarlier(std::size_t noun, const std::string& bare) const {
    const std::string& f = T(noun).folded;
    if (f.size() < 10) return bare;  // 5 Cyrillic letters of stem
    for (std::size_t i = noun; i-- > 0;) {
        if (i + 1 >= d.toks.size() || T(i + 1).text != "«" || !T(i).word) continue;
        if (T(i).folded.compare(0, 10, f, 0, 10) != 0) continue;
        std::size_t se = d.sents[T(i).sent].end_token;
        auto parts = PracticeAt(i, se, std::nullopt);
        std::string named = PracticeText(parts);
        return named.find("«") != std::string::npos ? named : bare;
    }
    // «…с оператором городского велопроката. … Велопрокат появился …»: the same noun with its adjectives before
    if (noun == 0 ||
        !Pre(T(noun - 1).folded, {"эт", "такой", "такую", "таким", "такие", "такая", "данн", "аналогичн", "подобн"})) {
        for (std::size_t i = 1; i < d.sents[T(noun).sent].first_token; ++i) {
            if (!T(i).word || T(i).folded.compare(0, 10, f, 0, 10) != 0 || !T(i - 1).word || T(i - 1).cap ||
                cand_at[i - 1] >= 0 || !AdjectiveShaped(T(i - 1).folded))
                continue;
            // all its adjectives («школьный музейный абонемент»), else the one before it in agreement
            if (std::string named = HeadPhrase(i); !named.empty()) return named;
            if (auto adj = AgreeingAdjective(T(i - 1).folded, bare); !adj.empty()) return adj + " " + bare;
        }
        return bare;
    }
    for (std::size_t i = d.sents[T(noun).sent].first_token; i-- > 0;) {
        if (!T(i).word || T(i).folded.compare(0, 10, f, 0, 10) != 0 || (i > 0 && Pre(T(i - 1).folded, {"эт"})))
            continue;
        std::string named = PracticeText(PracticeAt(i, d.sents[T(i).sent].end_token, std::nullopt));
        if (named.find(' ') != std::string::npos) return named;
    }
    return bare;
}

// «форум «Цифровой Северо-Запад»»: the quoted name of an event is where it was told, not the practice.
bool Finder::EventBefore(std::size_t quote) const {
    return quote > 0 && T(quote - 1).word &&
           Pre(T(quote - 1).folded, {"форум", "конференц", "съезд", "совещани", "семинар", "выставк", "слет", "сесси"});
}

// «„Мы обязаны работать на результат“: Глава Чувашии огласил послание», «Артур Бжеников: „Горы не прощают
// самодеятельности“», «„…“, — сказал он»: a quotation is what someone said, not the name of a practice — a quote
// that a colon follows or that follows a colon, or that a dash of attribution follows.
bool Finder::Speech(std::size_t quote) const {
    const std::size_t sb = d.sents[T(quote).sent].first_token;
    // «проект «Школьный каток»: …»: a name after its kind is a name
    if (quote > sb && T(quote - 1).word && IsPracticeNoun(T(quote - 1).folded)) return false;
    if (quote > sb && T(quote - 1).text == ":") return true;
    const bool opens = quote == sb;
    int depth = 0;
    for (std::size_t i = quote; i < d.toks.size() && T(i).sent == T(quote).sent; ++i) {
        if (T(i).text == "«") ++depth;
        if (T(i).text == "»" && --depth == 0) {
            if (i + 1 >= d.toks.size()) return false;
            const std::string& after = T(i + 1).text;
            return (opens && after == ":") || (after == "," && i + 2 < d.toks.size() && T(i + 2).text == "—") ||
                   after == "—";
        }
    }
    // a quotation that runs past its sentence («Пассажир не должен знать … . Он должен знать …», — …) is speech;
    // a name closes in its sentence
    return true;
}

// «Идею мы честно позаимствовали у коллег …»: a bare idea or experience is the practice the article's first
// sentences name («…рассказал, как в районе появились сельские спортивные площадки»).
std::string Finder::LeadPractice(std::size_t s, const std::string& bare) const {
    // the sentence right before, when it gives a quoted name («…стартовал проект «Школьный каток». Схему
    // подсмотрели в Норильске»)
    if (s > 0) {
        std::size_t b = d.sents[s - 1].first_token, e = d.sents[s - 1].end_token;
        auto start = FirstPracticeNoun(b, e);
        std::string named = start ? PracticeText(PracticeAt(*start, e, std::nullopt)) : std::string();
        if (named.find("«") != std::string::npos) return named;
    }
    // In the first sentences, by strength: a quoted name; what the headline's verb launched («В Нарьян-Маре
    // заработали фандоматы»); a practice noun; what a later verb of launching launched.
    // (a fact of the headline itself — «В СЕРНУРСКОМ РАЙОНЕ ПЕРЕНЯЛИ ОПЫТ УДМУРТСКИХ СОСЕДЕЙ» — looks in the lede
    // after it: «В районе заработал первый … кооператив по заготовке молока»)
    const std::size_t lead = s < 2 ? std::min<std::size_t>(s + 3, d.sents.size()) : std::min<std::size_t>(s, 3);
    for (int pass = 0; pass < 4; ++pass)
        for (std::size_t n = 0; n < (pass == 1 ? std::min<std::size_t>(lead, s < 2 ? s + 2 : 1) : lead); ++n) {
            if (n == s) continue;
            std::size_t b = d.sents[n].first_token, e = d.sents[n].end_token;
            // what someone said is not looked in: «„…“: Глава огласил …», «Бжеников: „…“»
            for (std::size_t i = b; i < e; ++i)
                if (T(i).text == "«" && Speech(i)) {
                    std::size_t close = i;
                    while (close < e && T(close).text != "»") ++close;
                    if (i > b && T(i - 1).text == ":")
                        e = i - 1;
                    else
                        b = std::min(close + 1, e);
                    break;
                }
            std::optional<std::size_t> start;
            if (pass == 0 || pass == 2) {
                // «В целях реализации муниципальной программы «…» … внедрён сервис …»: the frame is not the practice
                for (std::size_t from = b; from < e; from = *start + 1) {
                    start = FirstPracticeNoun(from, e);
                    const bool framed = start && *start >= b + 2 &&
                                        (In(T(*start - 1).folded, {"реализации", "рамках", "основании"}) ||
                                         In(T(*start - 2).folded, {"реализации", "рамках", "основании"}));
                    if (!framed) break;
                }
                // «прекратили работу «социальные такси» для …»: a quoted name that is no party
                for (std::size_t i = b; !start && i + 1 < e; ++i)
                    if (T(i).text == "«" && cand_at[i] < 0 && cand_at[i + 1] < 0 && !EventBefore(i) && !Speech(i))
                        start = i;
            } else {
                // «Для маломобильных горожан запустили социальное такси»
                for (std::size_t i = b; !start && i + 1 < e; ++i)
                    if (T(i).word && TriggerOf(T(i), i > b ? &T(i - 1) : nullptr) == Trigger::kIntroduce) {
                        start = SkipToNoun(i + 1, e, std::nullopt);
                        // «Выездные классы детских школ искусств открылись в сёлах …»: what appeared opens the
                        // sentence
                        bool subject = i > b + 1 && T(b).word && cand_at[b] < 0 &&
                                       (T(i).folded.ends_with("сь") || T(i).folded.ends_with("ся") ||
                                        Pre(T(i).folded, {"появил", "заработал"}));
                        for (std::size_t q = b; subject && q < i; ++q)
                            subject = T(q).word && cand_at[q] < 0 && !lex.stop_words.count(T(q).folded);
                        if (subject) start = b;
                    }
            }
            if (!start) continue;
            std::string named = PracticeText(PracticeAt(*start, e, std::nullopt));
            // one word only for what the headline launched («фандоматы»), never a generic one («проект»)
            const bool one_word = named.find(' ') == std::string::npos;
            if ((one_word && (pass != 1 || GenericPhrase(named) || named.size() < 10)) ||
                (pass == 0 && named.find("«") == std::string::npos))
                continue;
            return named;
        }
    return bare;
}

// «стартовал пилотный проект по мурманскому образцу: школьники Петрозаводска получат электронные дневники
// здоровья»: a bare project is what the clause after the colon gives.
std::string Finder::AfterColon(std::size_t s, const std::string& bare) const {
    std::size_t i = d.sents[s].first_token, se = d.sents[s].end_token;
    while (i < se && T(i).text != ":") ++i;
    for (++i; i < se; ++i)
        if (T(i).word && !T(i).cap && cand_at[i] < 0 && T(i).folded.size() > 6 &&
            (EndsPractice(i) || T(i).folded.ends_with("ат") || T(i).folded.ends_with("ут") ||
             T(i).folded.ends_with("ит"))) {
            auto start = SkipToNoun(i + 1, se, std::nullopt);
            if (!start) return bare;
            std::string named = PracticeText(PracticeAt(*start, se, std::nullopt));
            return named.empty() ? bare : named;
        }
    return bare;
}

// The practice a speech verb's «о / об» names, for a sentence that only says «опыт X»; or what the experience
// served to build: «опыт взяли за основу при создании центра занятости» → «центр занятости».
std::string Finder::SpokenAbout(std::size_t s, const std::string& experience) const {
    std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token;
    for (std::size_t i = sb + 1; i + 2 < se; ++i)
        if (T(i).folded == "при" &&
            In(T(i + 1).folded, {"создании", "организации", "открытии", "разработке", "запуске"}) && T(i + 2).word &&
            cand_at[i + 2] < 0) {
            std::string named = PracticeText(PracticeAt(i + 2, se, std::nullopt));
            if (!named.empty()) return named;
        }
    for (std::size_t i = sb + 1; i + 1 < se; ++i) {
        if (!In(T(i).folded, {"о", "об"}) || !IsPracticeNoun(T(i + 1).folded) || Pre(T(i + 1).folded, {"опыт"}))
            continue;
        bool speech = false;
        for (std::size_t k = sb; k < i; ++k)
            speech = speech || Pre(T(k).folded, {"рассказ", "сообщ", "заяв", "отмет", "поясн", "говор"});
        if (!speech) continue;
        std::string named = PracticeText(PracticeAt(i + 1, se, std::nullopt));
        return named.empty() ? experience : named;
    }
    return experience;
}

Finder::Opener Finder::OpenerOf(std::size_t s) const {
    std::size_t w = d.sents[s].first_token, se = d.sents[s].end_token;
    while (w < se && !T(w).word) ++w;
    // «В 2022 году её у башкирских коллег переняла …», «Затем его …»: a time before the pronoun
    auto time_word = [&](std::size_t k) {
        return k < se && (In(T(k).folded, {"затем", "потом", "позже", "позднее", "тогда", "впоследствии", "недавно"}) ||
                          (!T(k).word && T(k).text == ","));
    };
    std::size_t p = w;
    if (p + 2 < se && In(T(p).folded, {"в", "во"})) {
        std::size_t k = p + 1;
        while (k < se && k < p + 4 &&
               (std::isdigit(static_cast<unsigned char>(T(k).folded[0])) || AdjectiveShaped(T(k).folded)))
            ++k;
        if (k < se && (Pre(T(k).folded, {"год", "месяц", "январ", "феврал", "март", "апрел", "июн", "июл", "август",
                                         "сентябр", "октябр", "ноябр", "декабр"}) ||
                       In(T(k).folded, {"мае", "мая"})))
            p = k + 1;
    }
    while (time_word(p)) ++p;
    if (p > w && p < se && In(T(p).folded, {"его", "ее", "их"})) return Opener::kPronounObject;
    if (w >= se) return Opener::kNone;
    // «Его организовали по примеру …» (not «Её сотрудники стажировались …»: whose people)
    if (In(T(w).folded, {"его", "ее", "их"}) &&
        !(w + 1 < se && Pre(T(w + 1).folded, {"сотрудник", "специалист", "коллег", "представител", "руководител",
                                              "жител", "волонтер", "врач", "педагог", "учител", "работник", "член",
                                              "участник", "директор", "глав", "команд"})))
        return Opener::kPronounObject;
    // «Мы его открыли по примеру …»: a subject pronoun, then the object one
    if (In(T(w).folded, {"мы", "они", "я"}) && w + 1 < se && In(T(w + 1).folded, {"его", "ее", "её", "их"}))
        return Opener::kPronounObject;
    if (In(T(w).folded, {"он", "она", "оно", "они"})) return Opener::kPronoun;
    // «Делали его по образцу …», «Запустили её по примеру …»: a verb, then the object pronoun
    if (w + 1 < se && In(T(w + 1).folded, {"его", "ее", "её", "их"}) && T(w).word &&
        (TriggerOf(T(w), nullptr) != Trigger::kNone || T(w).folded.ends_with("ли") || T(w).folded.ends_with("ла")))
        return Opener::kPronounObject;
    // «Сервис создан по образцу …»: a practice noun alone, its verb or short participle right after it
    if (IsPracticeNoun(T(w).folded) && cand_at[w] < 0 && w + 1 < se && T(w + 1).word && !T(w + 1).cap &&
        EndsPractice(w + 1))
        return Opener::kBareNoun;
    // «Соседняя Липецкая область переняла его ещё несколько лет назад»: the one who borrows, its verb, the pronoun
    for (std::size_t k = w; k + 1 < se && k < w + 8; ++k) {
        if (T(k).text == "," || IsPracticeNoun(T(k).folded)) break;
        if (T(k).word && In(T(k + 1).folded, {"его", "ее", "её", "их"}) && k > w && cand_at[k - 1] >= 0 &&
            TriggerOf(T(k), &T(k - 1)) != Trigger::kNone)
            return Opener::kPronounObject;
    }
    return Opener::kNone;
}

std::string Finder::PracticeBefore(std::size_t s) const {
    if (s == 0 || OpenerOf(s) == Opener::kNone) return {};
    // the sentence before, else up to two more before it in the same paragraph («Квест «Вологда литературная»
    // теперь проходит каждую субботу. Восемь точек … . Делали его по образцу …»)
    for (std::size_t n = s; n-- > 0 && n + 3 >= s;) {
        if (n + 1 < s && ParagraphStart(n) != ParagraphStart(s)) break;
        std::size_t pb = d.sents[n].first_token, pe = d.sents[n].end_token;
        auto start = FirstPracticeNoun(pb, pe);
        if (std::string named = start ? PracticeText(PracticeAt(*start, pe, std::nullopt)) : std::string();
            !named.empty())
            return named;
    }
    return {};
}

// The first word of a noun phrase whose head is token `head`: the adjectives before it, not before `b`
// («передвижные ФАПы», «школьная спортивная лига»).
std::optional<std::size_t> Finder::PhraseStart(std::size_t head, std::size_t b) const {
    std::size_t k = head;
    // (not participles, which open clauses: «прошедший квест»); «фельдшерско-акушерский пункт»: both halves
    auto participle = [&](const std::string& f) {
        for (const char* suf : {"ший", "щий", "шая", "щая", "шие", "щие", "шее", "щее", "шую", "щую", "ших", "щих",
                                "шего", "щего", "шей", "щей"})
            if (f.ends_with(suf)) return true;
        return false;
    };
    auto glued_half = [&](std::size_t at) {
        return at > b + 2 && at < head && T(at - 1).text == "-" && T(at - 2).word && T(at - 1).start == T(at - 2).end &&
               T(at).start == T(at - 1).end && cand_at[at - 2] < 0;
    };
    for (;;) {
        if (glued_half(k)) k -= 2;
        if (k <= b || !T(k - 1).word || cand_at[k - 1] >= 0 || T(k - 1).all_caps || !AdjectiveShaped(T(k - 1).folded) ||
            participle(T(k - 1).folded) ||
            Pre(T(k - 1).folded, {"эт", "так", "наш", "ваш", "сво", "мо", "друг", "каждо", "любо", "перв", "втор",
                                  "нов", "прошл", "следующ", "ближайш", "последн"}))
            break;
        --k;
    }
    return k;
}

// A word that heads no practice in a phrase of the article: a time, a count, a place, a person or a role, a
// meeting, a source of news («ноябрь», «директор школы искусств», «краевая столица»).
bool NoPracticeHead(const Tok& t) {
    if (!t.word || t.all_caps || t.folded.size() < 6) return true;  // three letters and more
    const std::string& f = t.folded;
    // verbs, short participles and adverbs
    for (const char* suf : {"ли", "ла", "ло", "ть", "ет", "ют", "ит", "ят", "ат", "ся", "сь", "но", "ко", "ро", "ем"})
        if (f.ends_with(suf)) return true;
    return Pre(f, {"год",         "лет",        "месяц",        "недел",     "день",     "дня",        "врем",
                   "раз",         "январ",      "феврал",       "март",      "апрел",    "мая",        "июн",
                   "июл",         "август",     "сентябр",      "октябр",    "ноябр",    "декабр",     "человек",
                   "жител",       "район",      "област",       "город",     "столиц",   "регион",     "кра",
                   "республик",   "округ",      "сел",          "деревн",    "глав",     "админист",   "министр",
                   "департамент", "губернатор", "мэр",          "директор",  "руковод",  "заместител", "председател",
                   "начальник",   "член",       "специалист",   "сотрудник", "рубл",     "тысяч",      "миллион",
                   "процент",     "итог",       "вопрос",       "слов",      "мнени",    "коллег",     "сосед",
                   "участник",    "власт",      "част",         "делегац",   "встреч",   "визит",      "поездк",
                   "совещан",     "заседан",    "пресс",        "фото",      "источник", "новост",     "читайт",
                   "сайт",        "канал",      "граждан",      "люд",       "страны",   "стран",      "россии",
                   "федерац",     "президент",  "правительств", "депутат",   "дум",      "собрани"});
}

// A phrase fit to stand as a title: words of a noun phrase only — no verb, pronoun, adverb or conjunction of a
// clause («какой двор», «занятие записались», «офис по-прежнему главный источник …»), at most six words.
bool TitleShaped(const std::string& named, std::size_t max_words) {
    std::size_t words = 0;
    for (const auto& t : text::Tokenize(named)) {
        if (!t.is_word) continue;
        ++words;
        const std::string& f = t.folded;
        if (In(f, {"что",         "как",     "какой",   "какая",  "какие", "том",   "это", "этот", "эта",   "эти",
                   "который",     "которая", "которые", "где",    "когда", "уже",   "ещё", "еще",  "также", "тоже",
                   "по-прежнему", "только",  "даже",    "не",     "но",    "а",     "или", "если", "чтобы", "там",
                   "тут",         "здесь",   "сейчас",  "теперь", "же",    "той",   "тот", "тем",  "все",   "всех",
                   "всё",         "весь",    "всю",     "свой",   "свою",  "своей", "наш", "нашу"}))
            return false;
        // a verb: its dictionary form is an infinitive («записались» → «записаться»; not «сеть», «область»)
        if (f.ends_with("ся") || f.ends_with("сь")) return false;
        const std::string lemma = text::Lemmatizer::Default().Lemma(f);
        const bool infinitive = lemma.ends_with("ться") || lemma.ends_with("чь") ||
                                (lemma.ends_with("ть") && !lemma.ends_with("сть")) ||
                                (lemma != f && (lemma.ends_with("сти") || lemma.ends_with("зти")));  // «перенести»
        if (infinitive && (lemma != f || f.size() > 8)) return false;  // («сеть», «путь» are nouns)
    }
    return words >= 2 && words <= max_words;
}

// «Лигу ижевцы подсмотрели у казанцев» after «…первый сезон Школьной спортивной лиги Ижевска»: a bare noun is the
// article's fullest phrase with the same head (adjectives before it, what it is of or for after it), the one told
// first of the longest.
std::string Finder::SameHeadPhrase(const std::string& bare) const {
    auto toks = text::Tokenize(bare);
    if (toks.size() != 1 || !toks[0].is_word) return {};
    const std::string key = text::Stem(toks[0].text);
    if (text::CodePointLength(key) < 3) return {};
    std::string best;
    std::size_t best_words = 1;
    for (std::size_t i = 0; i < d.toks.size(); ++i) {
        if (!T(i).word || T(i).key != key || cand_at[i] >= 0) continue;
        std::string named = HeadPhrase(i);
        std::size_t words = 0;
        for (const auto& t : text::Tokenize(named)) words += t.is_word ? 1 : 0;
        if (words > best_words) {
            best = named;
            best_words = words;
        }
    }
    return best;
}

// The title-like phrase headed by token `head`: its adjectives, the head, and what it is of or for when a
// preposition or a genitive plural follows («мобильные бригады для пожилых», «офисы службы занятости» is cut to
// «передвижные офисы»); empty when that is one word, generic or no phrase of a title.
std::string Finder::HeadPhrase(std::size_t head) const {
    const std::size_t sb = d.sents[T(head).sent].first_token, se = d.sents[T(head).sent].end_token;
    auto start = PhraseStart(head, sb);
    if (!start) return {};
    std::string named;
    const bool tail = head + 2 < se && T(head + 1).word && cand_at[head + 1] < 0 &&
                      (In(T(head + 1).folded, {"для", "по", "с", "со"}) ||
                       // «агроклассы в сельских школах», not «в северных районах»
                       (In(T(head + 1).folded, {"в", "во"}) && head + 3 < se && AdjectiveShaped(T(head + 2).folded) &&
                        !NoPracticeHead(T(head + 3))) ||
                       T(head + 1).folded.ends_with("ых") || T(head + 1).folded.ends_with("их"));
    if (tail) {
        auto parts = PracticeAt(*start, se, std::nullopt);
        if (!parts.empty() && parts[0].first == *start && parts[0].second > head + 1) named = PracticeText(parts);
    }
    if ((named.empty() || !TitleShaped(named)) && *start < head) named = PracticeText({{*start, head + 1}});
    if (named.empty() || !TitleShaped(named) || GenericPhrase(named)) return {};
    return named;
}

void Finder::CompletePractices(std::size_t from) {
    for (std::size_t k = from; k < out.size(); ++k) {
        Fact& f = out[k];
        const std::string& t = f.practice_text;
        // one lower-case word of its own (not «опыт», «идея»: those point at a practice told elsewhere)
        if (f.kind != FactKind::kAdoption || t.empty() || t.find(' ') != std::string::npos ||
            t.find("«") != std::string::npos || text::Fold(t) != t || GenericPhrase(t))
            continue;
        if (std::string named = SameHeadPhrase(t); !named.empty()) f.practice_text = named;
    }
}

// «идея», «схема», «региональная модель»: a generic head with adjectives only names no practice of its own.
bool GenericPhrase(const std::string& t) {
    std::vector<std::string> words;
    for (std::size_t b = 0; b <= t.size();) {
        std::size_t e = t.find(' ', b);
        if (e == std::string::npos) e = t.size();
        words.push_back(text::Fold(t.substr(b, e - b)));
        b = e + 1;
    }
    // «аналогичная платформа», «подобный сервис»: like the one the article is about, whatever the noun
    if (words.size() == 2 && (Pre(words[0], {"аналогичн", "подобн"}) || In(words[0], {"такая", "такой", "такое"})))
        return true;
    // «опыт соседей», «практика коллег», «модель региона»: experience named only by a generic owner
    if (words.size() == 2 && In(words[0], {"опыт", "практика", "модель", "идея", "пример"}) &&
        In(words[1], {"соседей", "коллег", "региона", "области", "района", "города", "республики", "края", "округа"}))
        return true;
    if (words.empty() || !In(words.back(), {"идея", "опыт", "практика", "схема", "формат", "модель", "система",
                                            "новинка", "разработка", "методика", "технология", "проект", "услуга"}))
        return false;
    for (std::size_t i = 0; i + 1 < words.size(); ++i)
        if (!(words[i].ends_with("ая") || words[i].ends_with("ый") || words[i].ends_with("ий") ||
              words[i].ends_with("ое") || words[i].ends_with("ой")))
            return false;
    return true;
}

}  // namespace orientir::extract::detail::adoption
