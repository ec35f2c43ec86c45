// The practice an adoption fact names: a title-like noun phrase in the nominative (adoption.cpp finds the rest).
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>
#include "extract/adoption_finder.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail::adoption {

bool Finder::EndsPractice(std::size_t i) const {
    const Tok& t = T(i);
    if (!t.word) return t.text != "«" && t.text != "»" && t.text != "\"" && t.text != "-" && t.text != "№";
    const std::string& f = t.folded;
    if (In(f, {"уже",     "теперь",  "также",   "еще",   "ещё",  "тоже", "благодаря", "после", "который", "которая",
               "которые", "которую", "которое", "чтобы", "что",  "как",  "а",         "но",    "его",     "ее",
               "их",      "у",       "был",     "была",  "было", "были", "свое",      "своё"}) ||
        In(f, {"два", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять"}) ||
        (std::isdigit(static_cast<unsigned char>(f[0])) && !(i > 0 && T(i - 1).text == "№")) ||
        In(f, {"следующего", "прошлого", "текущего", "нынешнего", "будущего", "этого", "прошлом", "следующем",
               "текущем", "будущем", "нынешнем", "позапрошлом"}) ||
        In(f, {"тогда",    "ранее",     "прежде",    "когда-то", "затем",   "потом", "сначала",     "сразу",
               "сейчас",   "ныне",      "полностью", "частично", "целиком", "почти", "практически", "буквально",
               "дословно", "несколько", "вслед",     "следом",   "так",     "там",   "здесь",       "тут"}))
        return true;
    // «за последний год», «за несколько лет»: a span of time, not «сбор за посещение»; «Модель за основу взяли»
    if (f == "за" && i + 1 < d.toks.size() &&
        (Pre(T(i + 1).folded, {"последн", "прошедш", "несколько", "год", "месяц", "недел", "минувш"}) ||
         In(T(i + 1).folded, {"основу", "образец"}) || std::isdigit(static_cast<unsigned char>(T(i + 1).folded[0]))))
        return true;
    if (Pre(f, {"год", "месяц", "недел", "назад", "январ", "феврал", "март", "апрел", "мая", "июн", "июл", "август",
                "сентябр", "октябр", "ноябр", "декабр"}))
        return true;
    if (IsParticipleOfOrigin(f)) return true;
    // the object told first: «формат ресурсных центров регион перенял у …» — the subject and its verb end it
    if (TriggerOf(t, nullptr) != Trigger::kNone && !IsPracticeNoun(f)) return true;
    if (In(f, {"регион", "город", "район", "муниципалитет", "область", "край", "республика"})) return true;
    // short participles: «сервис создан», «проект запущен»
    for (const char* stem : {"создан", "разработан", "запущен", "внедрен", "открыт", "организован", "реализован",
                             "признан", "утвержден", "одобрен", "рекомендован", "отмечен"})
        for (const char* end : {"", "а", "о", "ы"})
            if (f == std::string(stem) + end) return true;
    // short passive participles: «идея позаимствована у …», «льгота введена», «центры организованы»
    if (f.size() >= 14 && !IsPracticeNoun(f))
        for (const char* end : {"ована", "овано", "ованы", "ена", "ено", "ены"})
            if (f.ends_with(end)) return true;
    // adverbs («активно», «быстро»), not nouns in «-ство» («наставничество», «волонтёрство»)
    if (f.size() > 8 && (f.ends_with("но") || f.ends_with("во")) && !f.ends_with("ство") && !IsPracticeNoun(f))
        return true;
    if (f.size() > 10 && (f.ends_with("ал") || f.ends_with("ил") || f.ends_with("ел")) && !IsPracticeNoun(f))
        return true;
    if (f.size() > 6 &&
        (f.ends_with("ли") || f.ends_with("ла") || f.ends_with("ет") || f.ends_with("ют") || f.ends_with("ят") ||
         f.ends_with("ть") || f.ends_with("лся") || f.ends_with("лась") || f.ends_with("ится") || f.ends_with("ется")))
        return !IsPracticeNoun(f);
    return false;
}

// Where a practice phrase [start, i) really ends: no stop words, punctuation or the quote that closes a speech
// («…опыт Белгорода в строительстве велодорожек», — сообщил …) at its end.
std::size_t Finder::PracticeEnd(std::size_t start, std::size_t i) const {
    std::size_t e = i;
    while (e > start && (!T(e - 1).word ? T(e - 1).text != "»" : lex.stop_words.count(T(e - 1).folded) > 0)) --e;
    bool opened = false;
    for (std::size_t q = start; q < e; ++q) opened = opened || T(q).text == "«";
    if (!opened && e > start && T(e - 1).text == "»") --e;
    return e;
}

// Does the practice end at token i, right after a quoted name? «проект «Бережливая поликлиника» в двух
// учреждениях»: a place or a count is not the title; «абонементу «Учимся вместе» мамы, папы …»: only a phrase
// for whom or of what goes on.
bool Finder::EndsAfterName(std::size_t i) const {
    const std::string& f = T(i).folded;
    if (In(f, {"в", "во", "на"})) return true;
    return T(i).word && !In(f, {"для", "по", "с", "со", "от", "при"}) && !lex.stop_words.count(f) &&
           !f.ends_with("ого") && !f.ends_with("ых");
}

std::vector<std::pair<std::size_t, std::size_t>> Finder::PracticeAt(std::size_t b, std::size_t se,
                                                                    std::optional<std::size_t> source) const {
    // «брутто-контракты», «ИИ-ассистент»: a glued prefix before the noun is part of it
    if (b >= 2 && T(b - 1).text == "-" && T(b - 1).start == T(b - 2).end && T(b).start == T(b - 1).end &&
        T(b - 2).word && cand_at[b - 2] < 0 && T(b - 2).sent == T(b).sent)
        b -= 2;
    std::vector<std::pair<std::size_t, std::size_t>> parts;
    std::size_t i = b, start = b;
    std::optional<std::size_t> skipped_source;
    genitive_fix.reset();
    int words = 0;
    bool in_quotes = false;
    while (i < se && words < 12) {
        const Tok& t = T(i);
        if (t.text == "«") in_quotes = true;
        if (t.text == "»") {
            in_quotes = false;
            ++i;
            if (i < se && EndsAfterName(i)) break;
            continue;
        }
        if (in_quotes) {
            ++i;
            continue;
        }
        int m = cand_at[i];
        if (m >= 0 && d.spans[static_cast<std::size_t>(m)].first == i) {
            std::size_t mm = static_cast<std::size_t>(m);
            // «практику омского фонда «Точка опоры»»: a place adjective before the source organisation
            if (source && mm != *source && d.mentions[mm].adjectival && d.spans[*source].first > i &&
                d.spans[*source].first <= d.spans[mm].second + 2 && i > start) {
                parts.emplace_back(start, i);
                i = d.spans[*source].second;
                if (i < se && T(i).text == "»") ++i;
                start = i;
                continue;
            }
            // the source right after the head: skip it (and «в» after it)
            if (source && mm == *source && i > start) {
                parts.emplace_back(start, i);
                i = d.spans[mm].second;
                // «опыт Югры в организации …» → «опыт организации …» when the noun after «в» reads
                // the same in the genitive (-ия nouns) or can be put there (-ие nouns: «развитии» →
                // «развития»); otherwise «в» stays: «опыт в сфере …»
                if (i + 1 < se && (T(i).folded == "в" || T(i).folded == "во") && T(i + 1).word) {
                    std::string lemma = text::Lemmatizer::Default().Lemma(T(i + 1).folded);
                    if (lemma.ends_with("ия") || lemma.ends_with("ие")) {
                        ++i;
                        genitive_fix = i;
                    }
                }
                start = i;
                skipped_source = mm;
                continue;
            }
            break;
        }
        if (i > b && EndsPractice(i)) break;
        // «Идею власти Канаша переняли …», «Практику администрация Ишима переняла …»: the subject after an object told
        // first is whose doing it is, not part of the practice
        if (i > b && t.word && i + 1 < se && cand_at[i + 1] >= 0 &&
            In(t.folded, {"власти", "администрация", "мэрия", "жители", "руководство", "специалисты", "педагоги",
                          "врачи", "волонтеры", "волонтёры", "активисты", "депутаты", "чиновники"}))
            break;
        // «… по образцу Ярославской области»: the example is not part of the practice
        // «систему по татарстанской схеме»
        if (t.folded == "по" && i + 1 < se &&
            (In(T(i + 1).folded, {"примеру", "образцу", "модели", "аналогии", "схеме", "опыту", "лекалам"}) ||
             (i + 2 < se &&
              In(T(i + 2).folded, {"примеру", "образцу", "модели", "аналогии", "схеме", "опыту", "лекалам"}))))
            break;
        // «в», «на», «по», «для», «с», «к» only before a lower-case word
        // … and not before a word and a place («в администрации Курска»: where, not what)
        if (t.word && (In(t.folded, {"в", "во", "на", "с", "со", "к", "из"})) &&
            (!(i + 1 < se && T(i + 1).word && !T(i + 1).cap && cand_at[i + 1] < 0) ||
             (In(t.folded, {"в", "во", "на"}) && i + 2 < se && cand_at[i + 2] >= 0 &&
              IsPlaceKind(d.mentions[static_cast<std::size_t>(cand_at[i + 2])].kind))))
            break;
        if (t.word && t.cap && i > b && !in_quotes && !t.all_caps) break;
        if (t.word) ++words;
        ++i;
    }
    std::size_t e = PracticeEnd(start, i);
    if (e > start) parts.emplace_back(start, e);
    // only a generic head before the source («Проект ДШИ № 1 Сургута применяют …»): the source names it
    if (skipped_source && parts.size() == 1 && parts[0].second == parts[0].first + 1)
        parts[0].second = d.spans[*skipped_source].second;
    return parts;
}

std::string Finder::PracticeText(const std::vector<std::pair<std::size_t, std::size_t>>& parts) const {
    std::string s;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        auto [b, e] = parts[k];
        if (e <= b) continue;
        std::string piece = k == 0 ? NominativePhrase(d, b, e, false) : d.Slice(b, e);
        if (genitive_fix && *genitive_fix == b) {
            std::string lemma = text::Lemmatizer::Default().Lemma(T(b).folded);
            const std::string& w = T(b).text;
            if (lemma.ends_with("ие") && w.ends_with("ии"))
                piece = w.substr(0, w.size() - std::string("и").size()) + "я" + piece.substr(w.size());
        }
        if (!s.empty()) s += ' ';
        s += piece;
    }
    // a title in lower case unless it opens with a name
    if (!s.empty() && !parts.empty() && !T(parts[0].first).all_caps && T(parts[0].first).text != "«") {
        // the nominative of the first word may differ from the text: «Идею …» → «идея …»
        std::string first = s.substr(0, s.find(' '));
        std::string folded = text::Fold(first);
        if (folded.size() == first.size() && T(parts[0].first).cap) s = folded + s.substr(first.size());
    }
    return s;
}

std::size_t Finder::ListAfterCount(std::size_t i, std::size_t se) const {
    std::size_t k = i;
    if (k < se && T(k).folded == "сразу") ++k;
    if (k >= se || !In(T(k).folded, {"две", "два", "три", "четыре", "пять", "несколько", "ряд", "обе", "оба"}))
        return i;
    ++k;
    if (k < se && T(k).word && !IsPracticeNoun(T(k).folded)) ++k;  // «две новые практики»
    if (k >= se || !T(k).word || !IsPracticeNoun(T(k).folded)) return i;
    ++k;
    // «две практики Липецкой области: …»: whose practices they are may stand before the colon
    if (k < se && cand_at[k] >= 0) k = d.spans[static_cast<std::size_t>(cand_at[k])].second;
    if (k < se && T(k).text == ":") return k + 1;
    return i;
}

bool Finder::InExampleFrame(std::size_t i) const {
    if (i == 0 || !T(i).word) return false;
    const std::string& f = T(i).folded;
    auto frame = [&](std::size_t k) {
        return k >= 1 && In(T(k).folded, {"базе", "основе", "учетом"}) && In(T(k - 1).folded, {"на", "с"});
    };
    if (frame(i)) return true;
    // «по опыту», «по примеру» name an example; «по методике», «по модели» name the practice itself
    if (T(i - 1).folded == "по") return Pre(f, {"опыт", "пример", "образц", "аналоги"});
    // «по той же модели», «по тому же принципу»: the same as somewhere else is the example
    if (i >= 3 && T(i - 1).folded == "же" && In(T(i - 2).folded, {"той", "тому", "тем", "тот"}) &&
        T(i - 3).folded == "по")
        return true;
    // «по нашей модели», «по их схеме»: whose model it is makes it the example
    if (i >= 2 && T(i - 2).folded == "по" && In(T(i - 1).folded, {"нашей", "нашему", "их", "его", "ее", "её", "своей"}))
        return Pre(f, {"модел", "схем", "методик", "лекал", "технолог"});
    return IsStrongCue(f) && frame(i - 1);
}

// The end of a span of time starting at token i («в прошлом году», «в марте 2024 года», «с 2020 года», «летом»,
// «на прошлой неделе»), or i itself when none starts there.
std::size_t Finder::TimeSpanEnd(std::size_t i, std::size_t se) const {
    if (i >= se || !T(i).word) return i;
    if (In(T(i).folded, {"недавно", "сегодня", "вчера", "летом", "весной", "осенью", "зимой", "ныне", "сейчас"}))
        return i + 1;
    std::size_t k = i;
    if (In(T(k).folded, {"в", "во", "на", "с", "со", "до", "к", "за", "от"})) ++k;
    const std::size_t head = k;
    while (k < se && k < head + 3 &&
           (std::isdigit(static_cast<unsigned char>(T(k).folded[0])) ||
            In(T(k).folded,
               {"прошлом",     "прошлого",   "прошлой",   "этом",     "этого",    "этой",     "текущем",   "текущего",
                "следующем",   "следующего", "следующей", "будущем",  "будущего", "минувшем", "минувшего", "нынешнем",
                "позапрошлом", "начале",     "конце",     "середине", "течение",  "последние"})))
        ++k;
    if (k >= se || !T(k).word) return i;
    const std::string& f = T(k).folded;
    const bool time_noun = Pre(f, {"год", "месяц", "недел", "январ", "феврал", "март", "апрел", "июн", "июл", "август",
                                   "сентябр", "октябр", "ноябр", "декабр", "квартал", "полугоди"}) ||
                           In(f, {"мае", "мая", "лет"});
    // «в марте», «с 2020 года»: a month alone or a year after a number; «в этом году»
    if (!time_noun || (k == head &&
                       !Pre(f, {"январ", "феврал", "март", "апрел", "июн", "июл", "август", "сентябр", "октябр",
                                "ноябр", "декабр"}) &&
                       !In(f, {"мае", "мая"})))
        return i;
    ++k;
    // «в марте 2024 года»
    if (k + 1 < se && std::isdigit(static_cast<unsigned char>(T(k).folded[0])) && Pre(T(k + 1).folded, {"год"})) k += 2;
    return k;
}

// From token i (after the verb) to the head of its object: skips adverbs, «у себя», the source, participial
// origins, infinitives, pronouns; nothing when the object is a place, a count or an example frame.
std::optional<std::size_t> Finder::SkipToNoun(std::size_t i, std::size_t se, std::optional<std::size_t> source) const {
    for (int guard = 0; i < se && guard < 12; ++guard) {
        const Tok& t = T(i);
        if (!t.word) {
            if (t.text == "«") return i;
            if (t.text == "," || t.text == "." || t.text == ";") return std::nullopt;
            ++i;
            continue;
        }
        const std::string& f = t.folded;
        // «открыла в прошлом году», «запустили в марте 2024 года», «внедрили летом»: when, not what
        if (std::size_t j = TimeSpanEnd(i, se); j != i) {
            i = j;
            continue;
        }
        // «тиражируют ещё в 20 регионах»: a count of places is where, not what
        if (f[0] >= '0' && f[0] <= '9') return std::nullopt;
        // «создан на базе опыта Бурятии»: the example, not the practice; «открыли по опыту Татарстана центр»
        if (i + 1 < se && InExampleFrame(i + 1) && !IsStrongCue(T(i + 1).folded)) return std::nullopt;
        if (InExampleFrame(i)) {
            ++i;
            continue;
        }
        // «реализует по нашей модели»: an example told after the verb, no object
        if (f == "по" && i + 2 < se && InExampleFrame(i + 2)) return std::nullopt;
        if (std::size_t j = ListAfterCount(i, se); j != i) {
            i = j;
            continue;
        }
        int m = cand_at[i];
        if (m >= 0 && d.spans[static_cast<std::size_t>(m)].first == i) {
            std::size_t mm = static_cast<std::size_t>(m);
            if (d.mentions[mm].adjectival || (source && mm == *source)) {
                i = d.spans[mm].second;
                continue;
            }
            return std::nullopt;
        }
        // «создать в регионе сеть соседских центров»: where it is made is no part of its name
        if (In(f, {"в", "во", "на"}) && i + 1 < se &&
            Pre(T(i + 1).folded, {"регион", "город", "район", "област", "кра", "республик", "округ", "муниципалитет",
                                  "сел", "поселк", "столиц"})) {
            i += 2;
            continue;
        }
        // «открыли в окружной столице», «в областном центре»: so too with the place's adjective
        if (In(f, {"в", "во", "на"}) && i + 2 < se &&
            (T(i + 1).folded.ends_with("ой") || T(i + 1).folded.ends_with("ом")) &&
            In(T(i + 2).folded, {"столице", "центре", "городе", "районе", "округе", "регионе", "селе", "поселке"})) {
            i += 3;
            continue;
        }
        // «подхватили в двух соседних миллионниках», «внедрили во всех сельских школах»: where, in the plural
        // locative, is no part of what
        if (In(f, {"в", "во", "на"})) {
            std::size_t j = i + 1;
            while (j < se && j < i + 4 && T(j).word &&
                   (T(j).folded.ends_with("ых") || T(j).folded.ends_with("их") ||
                    In(T(j).folded, {"двух", "трех", "трёх", "четырех"})))
                ++j;
            if (j < se && T(j).word && T(j).folded.size() > 6 &&
                (T(j).folded.ends_with("ах") || T(j).folded.ends_with("ях"))) {
                i = j + 1;
                continue;
            }
        }
        if (In(f, {"уже",       "также",    "теперь",     "еще",      "ещё",      "себя",     "у",       "и",
                   "ее",        "её",       "его",        "их",       "это",      "эту",      "этот",    "эти",
                   "свою",      "свой",     "свои",       "новую",    "новый",    "новые",    "новое",   "в",
                   "во",        "по",       "режиме",     "пилотном", "тестовом", "качестве", "успешно", "активно",
                   "полностью", "частично", "официально", "на",       "для",      "оттуда",   "отсюда",  "так",
                   "же",        "также",    "саму",       "сам",      "само",     "сами"}) ||
            Pre(f, {"сосед", "коллег", "партнер"}) || IsParticipleOfOrigin(f) ||
            ((f.ends_with("ть") || f.ends_with("ти")) && !IsPracticeNoun(f))) {  // infinitives, not «сеть»
            if (In(f, {"его", "ее", "её", "их", "это"})) return std::nullopt;
            ++i;
            continue;
        }
        return i;
    }
    return std::nullopt;
}

// The first practice noun of tokens [b, e) that is no party and names no example («по опыту …»), with the
// adjectives before it: «единый реестр», «школьный проездной».
std::optional<std::size_t> Finder::FirstPracticeNoun(std::size_t b, std::size_t e) const {
    for (std::size_t i = b; i < e; ++i) {
        if (!T(i).word || !IsPracticeNoun(T(i).folded) || cand_at[i] >= 0 || InExampleFrame(i)) continue;
        // «в центре города», «на площадке»: where, not what
        if (i > b && In(T(i - 1).folded, {"в", "во", "на"}) && T(i).folded.ends_with("е")) continue;
        std::size_t k = i;
        while (k > b && T(k - 1).word && cand_at[k - 1] < 0 && !T(k - 1).all_caps &&
               !In(T(k - 1).folded,
                   {"этой",  "этот", "эту",   "эти",  "этих", "этим", "этого", "такой", "такую", "такие",
                    "таких", "нашу", "нашей", "наши", "свою", "свой", "своей", "свои",  "мою",   "мой"}) &&
               (T(k - 1).folded.ends_with("ый") || T(k - 1).folded.ends_with("ий") || T(k - 1).folded.ends_with("ая") ||
                T(k - 1).folded.ends_with("ую") || T(k - 1).folded.ends_with("ое") || T(k - 1).folded.ends_with("ые") ||
                T(k - 1).folded.ends_with("ие") || T(k - 1).folded.ends_with("ой") || T(k - 1).folded.ends_with("ых")))
            --k;
        // «„Цифровые лаборатории“ для старшего поколения»: a short quoted name starts at its quote
        if (k > b && T(k - 1).text == "«" && !Speech(k - 1))
            for (std::size_t q = i + 1; q < e && q < i + 4; ++q)
                if (T(q).text == "»") {
                    --k;
                    break;
                }
        return k;
    }
    return std::nullopt;
}

// «модель ресурсных центров и систему наставничества»: split at «и» before a practice noun.
static std::vector<std::vector<std::pair<std::size_t, std::size_t>>> SplitAtAnd(
    const std::vector<Tok>& toks, const std::vector<std::pair<std::size_t, std::size_t>>& parts) {
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> practices{{}};
    for (auto [b, e] : parts) {
        std::size_t pb = b;
        for (std::size_t i = b; i < e; ++i) {
            if (toks[i].folded == "и" && i + 1 < e && i > pb &&
                (IsPracticeNoun(toks[i + 1].folded) || (i + 2 < e && IsPracticeNoun(toks[i + 2].folded)))) {
                practices.back().emplace_back(pb, i);
                practices.emplace_back();
                pb = i + 1;
            }
        }
        if (e > pb) practices.back().emplace_back(pb, e);
    }
    return practices;
}

// «В Вологодской области такие школы работают …»: the practice like this one is the one named before.
std::string Finder::LikeOneNamedBefore(std::size_t s) const {
    for (std::size_t i = d.sents[s].first_token; i + 1 < d.sents[s].end_token; ++i)
        if (In(T(i).folded, {"такие", "такой", "такая", "такое", "аналогичный", "аналогичная", "аналогичные",
                             "подобный", "подобная", "подобные"}) &&
            T(i + 1).word && cand_at[i + 1] < 0 && !AdjectiveShaped(T(i + 1).folded)) {
            std::string bare = PracticeText({{i + 1, i + 2}});
            if (std::string named = NamedEarlier(i + 1, bare); named != bare) return named;
        }
    return {};
}

// «опыт Тюменской области», «модель Волгоградской области», «опыт Ульяновска»: a noun of experience and its
// owner (places only), nothing that says what was done.
bool Finder::OwnerOnly(const std::vector<std::pair<std::size_t, std::size_t>>& parts) const {
    auto [b, e] = parts.front();
    if (parts.size() != 1 || e <= b + 1 || !T(b).word ||
        !Pre(T(b).folded, {"опыт", "модел", "практик", "подход", "наработк", "схем", "решени"}))
        return false;
    for (std::size_t i = b + 1; i < e;) {
        const int m = cand_at[i];
        if (m < 0 || !IsPlaceKind(d.mentions[static_cast<std::size_t>(m)].kind)) return false;
        i = d.spans[static_cast<std::size_t>(m)].second;
    }
    return true;
}

// What the phrase `t` of practice parts `p` in sentence s refers to when it only points at a practice: a bare or
// demonstrative noun named before, «опыт по X» (X), experience named by its owner alone (what «по …» or the lede
// says), a generic phrase (the lede), a bare project (after the colon), «опыт X» in a quotation (what it was about).
std::string Finder::PracticeReferred(std::size_t s, const std::vector<std::pair<std::size_t, std::size_t>>& p,
                                     std::string t, std::optional<std::size_t> source) const {
    const std::size_t se = d.sents[s].end_token;
    // «Ещё одна идея, которую переняли у калужан, — служебные квартиры для медиков …»: what the dash names
    if (!p.empty() && In(text::Fold(t.substr(t.rfind(' ') == std::string::npos ? 0 : t.rfind(' ') + 1)),
                         {"идея", "практика", "новинка", "мера", "наработка", "решение", "новшество"}))
        for (std::size_t i = p.back().second; i + 1 < se; ++i)
            if (T(i).text == "—" && T(i - 1).text == ",") {
                if (auto named = PracticeAt(i + 1, se, source); !named.empty()) return PracticeText(named);
                break;
            }
    if (t.find(' ') == std::string::npos && !p.empty()) t = NamedEarlier(p.front().first, t);
    // «ввести у себя такую систему»: the demonstrative points to the practice named before
    if (!p.empty() && p.front().second > p.front().first + 1 &&
        In(T(p.front().first).folded, {"такую", "такой", "такие", "такое", "эту", "этот", "эти", "это", "подобную",
                                       "подобный", "подобные", "аналогичную", "аналогичный", "аналогичные"})) {
        std::string named = NamedEarlier(p.front().first + 1, t);
        if (named != t) t = named;
    }
    // «опыт по расселению аварийного жилья», «опыт в организации детского отдыха»: the experience of doing
    // something is that something
    if (p.size() >= 2 && p[0].second == p[0].first + 1 && Pre(T(p[0].first).folded, {"опыт", "наработк"}) &&
        p[1].second > p[1].first + 1 && In(T(p[1].first).folded, {"по", "в"})) {
        const std::string& f = T(p[1].first + 1).folded;
        if (f.ends_with("нию") || f.ends_with("нии") || f.ends_with("ции") || f.ends_with("тию") ||
            f.ends_with("тии")) {
            std::vector<std::pair<std::size_t, std::size_t>> rest(p.begin() + 1, p.end());
            rest[0].first += 1;
            if (std::string done = PracticeText(rest); !done.empty()) t = done;
        }
    }
    // «изучает опыт Тюменской области по расселению аварийного жилья»: experience named by its owner alone is
    // what «по …» after it says; without that, what the lede names
    if (!p.empty() && OwnerOnly(p)) {
        const std::size_t e = p.back().second;
        std::string told;
        if (e + 1 < se && T(e).folded == "по" && T(e + 1).word && !T(e + 1).cap && cand_at[e + 1] < 0)
            if (auto q = PracticeAt(e + 1, se, source); !q.empty()) told = PracticeText(q);
        if (told.empty()) {
            told = LeadPractice(s, t);
            if (told == t || GenericPhrase(told)) told.clear();
        }
        if (!told.empty()) t = told;
    }
    if (GenericPhrase(t)) t = LeadPractice(s, t);
    if (In(t, {"проект", "пилотный проект", "программа", "эксперимент"})) t = AfterColon(s, t);
    // «„Мы взяли за основу опыт Мордовии…“, — рассказал министр о программе занятости …»
    if (t.rfind("опыт", 0) == 0 && std::count(t.begin(), t.end(), ' ') <= 1) t = SpokenAbout(s, t);
    return t;
}

// Where the object of `verb` in sentence s starts (w: the sentence's first word): a practice noun in the
// accusative opening the sentence («Практику фонда … переняли благотворительные организации»), else the head after
// the verb; `fallback` gets a lower-case phrase after the verb when no practice noun starts there.
std::optional<std::size_t> Finder::ObjectStart(std::size_t s, std::optional<std::size_t> verb,
                                               std::optional<std::size_t> source, std::size_t w,
                                               std::optional<std::size_t>& fallback) const {
    const std::size_t se = d.sents[s].end_token;
    std::optional<std::size_t> start;
    // «Чат-бот для обращений у Тахтамукайского района переняли Гиагинский и Красногвардейский районы»: so too a
    // noun phrase before the verb when a party follows the verb right away
    const bool subject_after =
        verb && *verb + 1 < se && cand_at[*verb + 1] >= 0 &&
        IsPlaceKind(d.mentions[static_cast<std::size_t>(cand_at[*verb + 1])].kind) && w < *verb && T(w).word &&
        cand_at[w] < 0 && !AdjectiveShaped(T(w).folded) && T(w).folded.size() >= 6 &&
        !lex.stop_words.count(T(w).folded) &&
        !In(T(w).folded, {"теперь", "сейчас", "сегодня", "недавно", "впервые", "летом", "осенью", "весной", "зимой",
                          "затем", "позже", "именно", "поэтому", "который", "которую", "которые"});
    // «Школы родственного ухода мы открываем по примеру Татарстана»: the object first, then «мы» and the verb
    bool we_after = verb && *verb > w + 1 && In(T(*verb - 1).folded, {"мы", "они"}) && T(w).word &&
                    !lex.stop_words.count(T(w).folded) && !AdjectiveShaped(T(w).folded);
    for (std::size_t q = w; we_after && q + 1 < *verb; ++q)
        we_after = T(q).word || T(q).text == "«" || T(q).text == "»";
    // «По тюменскому образцу инженерные классы открылись в Вологде»: a verb of appearing with where it happened —
    // its subject, right before it, is what was taken up
    const bool appeared_in = verb && *verb > w + 1 && *verb + 2 < se && In(T(*verb + 1).folded, {"в", "во", "на"}) &&
                             cand_at[*verb + 2] >= 0 &&
                             IsPlaceKind(d.mentions[static_cast<std::size_t>(cand_at[*verb + 2])].kind) &&
                             (T(*verb).folded.ends_with("сь") || T(*verb).folded.ends_with("ся") ||
                              Pre(T(*verb).folded, {"появил", "заработал", "стартовал", "прижил"})) &&
                             T(*verb - 1).word && !T(*verb - 1).cap && cand_at[*verb - 1] < 0 &&
                             !AdjectiveShaped(T(*verb - 1).folded) && !lex.stop_words.count(T(*verb - 1).folded);
    if (appeared_in) {
        if (auto head_start = PhraseStart(*verb - 1, w); head_start && !InExampleFrame(*verb - 1)) return head_start;
    }
    if (verb && w < *verb && cand_at[w] < 0 &&
        ((IsPracticeNoun(T(w).folded) && (T(w).folded.ends_with("у") || T(w).folded.ends_with("ю"))) || subject_after ||
         we_after))
        start = w;
    else if (verb)
        start = SkipToNoun(*verb + 1, se, source);
    // «Интерес к технологии»: a preposition before the practice noun is none of the practice
    if (start && *start + 1 < se && In(T(*start).folded, {"к", "о", "об", "на", "за", "в", "во"}) &&
        IsPracticeNoun(T(*start + 1).folded))
        ++*start;
    if (start && !((subject_after || we_after) && *start == w) && !IsPracticeNoun(T(*start).folded) &&
        T(*start).text != "«" && !(*start + 1 < se && IsPracticeNoun(T(*start + 1).folded))) {
        // any other lower-case noun phrase after the verb only when the sentence names no practice noun
        if (!EndsPractice(*start) && !T(*start).cap &&
            !In(T(*start).folded, {"из", "с", "со", "к", "от", "у", "при", "о", "об", "за", "до", "после"}))
            fallback = start;
        start.reset();
    }
    // «Бесплатные групповые тренировки под открытым небом, которые в столице Татарстана проводят …, подхватили в
    // двух соседних миллионниках»: no object after the verb; the noun phrase the sentence opens with, which a
    // relative clause qualifies, is what was taken up
    // (and «Социальное такси для пожилых, созданное в Архангельской области, переняли соседи»: one a participle of
    // making places, whatever follows the verb)
    if (!start && verb && w < *verb && cand_at[w] < 0 && T(w).word && !lex.stop_words.count(T(w).folded))
        for (std::size_t q = w + 1; q + 1 < *verb && q < w + 8; ++q) {
            if (!T(q).word) {
                if (T(q).text == "," &&
                    ((!fallback && Pre(T(q + 1).folded, {"котор"})) || IsParticipleOfOrigin(T(q + 1).folded) ||
                     Pre(T(q + 1).folded, {"открыт", "реализуем"}))) {
                    start = w;
                    fallback.reset();
                }
                break;
            }
            if (cand_at[q] >= 0) break;
        }
    return start;
}

// «…кого заинтересовал белгородский рецепт. Липецкая область переняла его …»: a pronoun for what the sentences
// before name by no practice noun is the practice the article leads with, or the one the article names with the
// source's adjective («белгородскую программу строительства домов для сельских медиков»).
std::string Finder::PracticeOfPronoun(std::size_t s, std::optional<std::size_t> source) const {
    if (std::string lead = LeadPractice(s, ""); !lead.empty()) return lead;
    if (!source) return {};
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        const std::size_t e = d.spans[m].second;
        if (!d.mentions[m].adjectival || Key(m) != Key(*source) || e >= d.toks.size() || !IsPracticeNoun(T(e).folded))
            continue;
        if (std::string named = PracticeText(PracticeAt(e, d.sents[T(e).sent].end_token, source));
            named.find(' ') != std::string::npos)
            return named;
    }
    return {};
}

// The practice noun right after the source's adjective («белорецкая модель»), else the sentence's first one (not
// «по решению правительства» before it).
std::optional<std::size_t> Finder::NounAfterSource(std::size_t s, std::optional<std::size_t> source) const {
    const std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token;
    const std::size_t after = source ? d.spans[*source].second : se;
    if (source && d.mentions[*source].adjectival && after < se && IsPracticeNoun(T(after).folded)) return after;
    return FirstPracticeNoun(sb, se);
}

// Where the practice a sentence takes up starts, from the object after its verb (`start`) or the noun phrase in
// its place (`fallback`): not the example followed, not where it appeared, not where it spread to.
std::optional<std::size_t> Finder::PracticeStart(std::size_t s, std::optional<std::size_t> start,
                                                 std::optional<std::size_t> fallback, std::optional<std::size_t> verb,
                                                 std::optional<std::size_t> source) const {
    const std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token;
    // «по модели Краснодарского края создают казачьи классы»: with an object of its own, «по модели X» is the example
    if (!start) {
        start = FirstPracticeNoun(sb, se);
        // «в двух офисах МФЦ Саратова открылись консультационные «окна»»: what appeared, after a verb of appearing,
        // not where
        auto where = [&](std::size_t n) {
            for (std::size_t q = n; q > sb && q + 3 > n; --q)
                if (In(T(q - 1).folded, {"в", "во", "на"})) return true;
            return false;
        };
        if (start && fallback && verb && *start<*verb&& * fallback> * verb && where(*start) &&
            (T(*verb).folded.ends_with("сь") || T(*verb).folded.ends_with("ся") ||
             Pre(T(*verb).folded, {"появил", "появят", "появит", "заработал", "заработа"})))
            start.reset();
    }
    // (and «по татарстанской модели открыли молодёжные пространства»: the example's adjective between)
    if (start && fallback && *start > sb &&
        (T(*start - 1).folded == "по" || (*start > sb + 1 && T(*start - 2).folded == "по" && cand_at[*start - 1] >= 0 &&
                                          d.mentions[static_cast<std::size_t>(cand_at[*start - 1])].adjectival)))
        start.reset();
    if (!start) start = fallback;
    // «запускался по казанскому образцу»: the example is not what was launched
    // («Районы работают по модели, которую применяет …»: nor the model followed)
    if (start && (InExampleFrame(*start) || In(T(*start).folded, {"образцу", "примеру", "схеме", "лекалам"}) ||
                  (T(*start).folded == "модели" && *start > sb && T(*start - 1).folded == "по" && *start + 2 < se &&
                   T(*start + 1).text == "," && Pre(T(*start + 2).folded, {"котор"}))))
        start.reset();
    // «модель распространена на все 54 района»: where it spread to is no practice
    if (start && In(T(*start).folded, {"все", "всех", "всем", "весь", "вся", "каждый", "каждом", "каждую", "каждой"}))
        start = NounAfterSource(s, source);
    return start;
}

std::vector<std::string> Finder::Practices(std::size_t s, std::optional<std::size_t> verb,
                                           std::optional<std::size_t> source) const {
    std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token;
    std::size_t w = sb;
    while (w < se && !T(w).word) ++w;
    std::optional<std::size_t> fallback;
    std::optional<std::size_t> start = ObjectStart(s, verb, source, w, fallback);
    std::vector<std::string> result;
    practice_sources_.clear();
    auto only = [&](std::string t) {
        practice_sources_.emplace_back();
        result.push_back(std::move(t));
        return result;
    };
    // «получили от тюменских коллег исходный код и документацию»: what a practice is handed over as names no
    // practice; the lead does
    if (verb)
        for (std::size_t q = *verb + 1; q < se && q < *verb + 8; ++q)
            if (T(q).word &&
                Pre(T(q).folded, {"документац", "исходн", "методическ", "регламент", "инструкц", "шаблон"})) {
                if (std::string lead = LeadPractice(s, ""); !lead.empty()) return only(std::move(lead));
                break;
            }
    if (std::string named = LikeOneNamedBefore(s); !named.empty()) return only(std::move(named));
    // «Ставропольцы, в свою очередь, переняли её у Белгородской области»: a pronoun object next to the verb is the
    // practice just told
    auto pronoun = [&](std::size_t k) { return k >= sb && k < se && In(T(k).folded, {"его", "её", "ее", "их"}); };
    if (verb && (pronoun(*verb + 1) || (*verb > sb && pronoun(*verb - 1)))) {
        for (auto it = out.rbegin(); it != out.rend(); ++it)
            if (it->kind == FactKind::kAdoption && !it->practice_text.empty()) return only(it->practice_text);
        if (std::string lead = LeadPractice(s, ""); !lead.empty()) return only(std::move(lead));
    }
    // «Он создан на базе опыта …», «Сервис создан по образцу …»: the practice the sentence before named
    const Opener opener = OpenerOf(s);
    if ((!start && !fallback) || opener == Opener::kBareNoun || opener == Opener::kPronounObject) {
        if (std::string before = PracticeBefore(s); !before.empty()) {
            if (before.find(' ') == std::string::npos) before = LeadPractice(s, before);
            return only(std::move(before));
        } else if (opener == Opener::kPronounObject) {
            if (std::string named = PracticeOfPronoun(s, source); !named.empty()) return only(std::move(named));
        }
    }
    start = PracticeStart(s, start, fallback, verb, source);
    auto parts = start ? PracticeAt(*start, se, source) : std::vector<std::pair<std::size_t, std::size_t>>{};
    // «Велопрокат появился в столице Коми … и запускался по казанскому образцу»: the subject of a verb of
    // appearing or launching is the practice
    if (parts.empty() && w + 1 < se && cand_at[w] < 0 && T(w).word && T(w).folded.size() > 6 &&
        TriggerOf(T(w + 1), &T(w)) == Trigger::kIntroduce &&
        !In(T(w).folded, {"который", "которая", "которые", "районы", "города", "регионы", "муниципалитеты", "округа"}))
        parts = PracticeAt(w, se, source);
    // «С 1 ноября «Социальное такси» работает и в Прохладном …»: a quoted name right before the verb is its subject
    // (and «Наш «Семейный читальный зал» с игровой зоной теперь появился и в Соколе»: the first quoted name
    // before the verb)
    if (parts.empty() && verb)
        for (std::size_t q = sb; q + 1 < *verb; ++q)
            if (T(q).text == "«") {
                if (cand_at[q + 1] < 0 && !Speech(q) && !EventBefore(q)) parts = PracticeAt(q, *verb, source);
                break;
            }
    // «к башкирской разработке присматриваются»: a development names no practice; the lede does
    if (parts.empty() && SentenceHas(s, {"разработк"}))
        if (std::string lead = LeadPractice(s, ""); !lead.empty()) return only(std::move(lead));
    // «Гости приехали, чтобы перенять новокуйбышевскую систему …», «Делегация приехала …»: who came is no practice;
    // what the verb takes is
    if (!parts.empty() && Pre(T(parts.front().first).folded, {"делегаци", "гост", "визит", "поездк"})) {
        const std::size_t who = parts.front().first;
        parts.clear();
        if (verb && *verb > who)
            if (auto after = FirstPracticeNoun(*verb + 1, se)) parts = PracticeAt(*after, se, source);
    }
    if (parts.empty()) return result;
    auto practices = SplitAtAnd(d.toks, parts);
    for (const auto& p : practices) {
        std::string t = PracticeText(p);
        if (t.empty() || t == "пример" || t == "образец") continue;  // «берёт пример с …» names no practice
        t = PracticeReferred(s, p, t, source);
        result.push_back(std::move(t));
        // «… и проект детской школы искусств из Сургута»: a practice may name its own source
        std::optional<std::size_t> own;
        std::size_t e = p.empty() ? se : p.back().second;
        if (practices.size() > 1 && e + 1 < se && In(T(e).folded, {"из", "у"}) && cand_at[e + 1] >= 0 &&
            IsPlaceKind(d.mentions[static_cast<std::size_t>(cand_at[e + 1])].kind))
            own = static_cast<std::size_t>(cand_at[e + 1]);
        practice_sources_.push_back(own);
    }
    return result;
}

}  // namespace orientir::extract::detail::adoption
