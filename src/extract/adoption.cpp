// Adoption facts: who took up which practice from whom, in the ways the regional press reports it —
// borrowing verbs («перенял у соседей-свердловчан»), examples and models («по примеру Чувашии», «по
// мурманскому образцу», «вдохновившись опытом Иркутска»), a practice that was launched somewhere and
// now works elsewhere («система, запущенная в Санкт-Петербурге, теперь работает в Псковской и
// Новгородской областях»: one fact per adopter), transfers («югорчане передали тюменским коллегам»),
// scaling («тиражируют ещё в 12 регионах»). A fact needs a source: introducing something with no one
// to take it from is not a borrowing, and a visit to exchange experience is not one unless the
// sentence says something is being taken up.

#include <algorithm>
#include <unordered_set>

#include "extract/doc.hpp"
#include "extract/lexicon.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail {

namespace {

bool Pre(const std::string& s, std::initializer_list<const char*> prefixes) {
    for (const char* p : prefixes)
        if (s.rfind(p, 0) == 0) return true;
    return false;
}
bool In(const std::string& s, std::initializer_list<const char*> words) {
    for (const char* w : words)
        if (s == w) return true;
    return false;
}

bool IsPlaceKind(MentionKind k) {
    return k == MentionKind::kRegion || k == MentionKind::kMunicipality || k == MentionKind::kCountry;
}

// Nouns that name a practice («модель ресурсных центров», «систему наставничества»).
bool IsPracticeNoun(const std::string& f) {
    return Pre(f, {"опыт",       "практик",        "модел",      "систем",    "проект",     "программ",   "методик",
                   "подход",     "платформ",       "сервис",     "центр",     "формат",     "механизм",   "стандарт",
                   "реестр",     "технолог",       "инициатив",  "проездн",   "бюджет",     "контракт",   "карт",
                   "приложени",  "портал",         "навигатор",  "фестивал",  "акци",       "грант",      "лаборатор",
                   "офис",       "штаб",           "площадк",    "дневник",   "абонемент",  "сертификат", "кластер",
                   "наработк",   "решени",         "меры",       "клуб",      "конкурс",    "сеть",       "маршрут",
                   "услуг",      "порядок",        "схем",       "регламент", "идею",       "иде",        "концепц",
                   "политик",    "лесничеств",     "отряд",      "движени",   "служб",      "бригад",     "мастерск",
                   "студи",      "курс",           "обучени",    "создани",   "организаци", "развити",    "поддержк",
                   "цифровизац", "благоустройств", "переселени", "сбор",      "учет",       "запис"});
}

// Nouns that introduce the one who had the practice in the genitive: «опыт Югры», «по примеру Чувашии».
bool IsSourceCue(const std::string& f) {
    return Pre(f, {"опыт", "пример", "образц", "практик", "модел", "наработк", "проект", "методик", "систем",
                   "программ", "подход", "технолог", "аналоги"});
}

// Cues that name borrowed experience whatever the verb; «проект X», «программа X», «система X» are a
// source only with a verb of applying or spreading («применяют проект сургутской ДШИ»).
bool IsStrongCue(const std::string& f) {
    return Pre(
        f, {"опыт", "пример", "образц", "практик", "модел", "наработк", "методик", "технолог", "подход", "аналоги"});
}

bool IsApplyingVerb(const std::string& f) {
    return Pre(f, {"примен",   "использ",  "внедр",     "тиражир",   "масштабир", "распростран", "перенес",
                   "перенос",  "адаптир",  "заимств",   "позаимств", "переня",    "перенима",    "перейм",
                   "работает", "работают", "действует", "действуют", "заработа",  "реализу",     "появ",
                   "запуст",   "ввод",     "введ",      "ввест",     "работать",  "действовать"});
}

bool IsParticipleOfOrigin(const std::string& f) {
    return Pre(f, {"запущенн",     "созданн",         "разработанн", "придуманн",   "внедренн",  "опробованн",
                   "апробированн", "стартовавш",      "возникш",     "изобретенн",  "рожденн",   "опробовавш",
                   "появивш",      "родивш",          "зародивш",    "реализованн", "действующ", "работающ",
                   "успешн",       "зарекомендовавш", "придуман",    "начат"});
}

bool IsLaunchVerb(const std::string& f) {
    return Pre(f, {"запуст", "разработа", "придума", "созда", "внедри", "появил", "начал", "родил", "зародил", "реализ",
                   "опробова", "апробирова", "ввели", "открыл"});
}

// People who stand for the adopter after a place adjective: «тульские специалисты», «кировские
// чиновники», «тюменским коллегам».
bool IsAdopterPeople(const std::string& f) {
    return Pre(
        f, {"специалист",    "чиновник",     "власт",     "коллег", "педагог", "врач",         "волонтер", "школ",
            "муниципалитет", "учрежден",     "организац", "район",  "город",   "министерств",  "ведомств", "депутат",
            "администрац",   "правительств", "библиотек", "музе",   "центр",   "общественник", "активист"});
}

enum class Trigger { kNone, kBorrow, kTransfer, kIntroduce, kSpread, kInterest };

bool AdjectiveShaped(const std::string& f) {
    for (const char* suf : {"ых", "ых", "ый", "ий", "ая", "ую", "ое", "ого", "ому", "ой", "ые", "ие", "ыми", "ими"})
        if (f.size() > 8 && f.ends_with(suf)) return true;
    return false;
}

Trigger TriggerOf(const Tok& t, const Tok* prev) {
    const std::string& f = t.folded;
    // participles and adjectives («открытых», «внедрённой») are not the verb of the sentence
    if (AdjectiveShaped(f) && !(f == "вооружение")) return Trigger::kNone;
    if (Pre(f, {"заимств", "позаимств", "переня", "перенима", "перейм", "скопир", "копиру", "переним"}))
        return Trigger::kBorrow;
    if (f == "вооружение" && prev && prev->folded == "на") return Trigger::kBorrow;
    if (Pre(f, {"передал", "передае", "передаю", "передади"})) return Trigger::kTransfer;
    if (Pre(f, {"тиражир", "масштабир", "распростран"})) return Trigger::kSpread;
    if (Pre(f,
            {"внедр",   "ввод",    "ввест",  "введ",      "ввел",      "запуст",   "запуска",  "откры",      "примен",
             "использ", "адаптир", "реализ", "перенес",   "перенос",   "стартова", "заработа", "организова", "созда",
             "появил",  "появят",  "появит", "действует", "действуют", "работает", "работают", "переход",    "перешл",
             "перейд",  "взял",    "взяли",  "возьм",     "повтор",    "берут"}))
        return Trigger::kIntroduce;
    if (Pre(f, {"заинтересова", "изуча", "изучи", "планиру", "намерен", "рассматрива"}) ||
        In(f, {"хотят", "хочет", "хотели", "хотел", "хотела"}))
        return Trigger::kInterest;
    return Trigger::kNone;
}

struct Finder {
    const Doc& d;
    std::vector<Fact>& out;
    bool personnel;
    const Lexicon& lex = Lexicon::Get();
    std::vector<int> cand_at;  // token → candidate mention (outermost organisation, else place), -1
    mutable std::optional<std::size_t> genitive_fix;
    mutable std::vector<std::optional<std::size_t>> practice_sources_;  // parallel to Practices()' result
    bool borrowing_ = false;
    bool applying_ =
        false;  // the sentence has a verb of applying or spreading (weak cues count)  // the sentence has a verb of
                // borrowing (SourceHint trusts «у», «от»)  // a token to put from «-ии» into «-ия» (PracticeAt)

    Finder(const Doc& doc, std::vector<Fact>& facts, bool p) : d(doc), out(facts), personnel(p) {
        cand_at.assign(d.toks.size(), -1);
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            auto k = d.mentions[m].kind;
            if (!IsPlaceKind(k) && k != MentionKind::kOrganisation) continue;
            auto [b, e] = d.spans[m];
            // «Белгородскую практику народного бюджета» read as an organisation: a practice, not a party
            bool practice_like = false;
            for (std::size_t i = b; i < e && k == MentionKind::kOrganisation; ++i)
                practice_like = practice_like || (d.toks[i].word && IsStrongCue(d.toks[i].folded));
            // «центр поддержки НКО» (an organisation to the tagger): a practice noun in lower case with no
            // name in it — no capitalised word, quote or «№» — is the practice
            if (k == MentionKind::kOrganisation && !d.toks[b].cap && IsPracticeNoun(d.toks[b].folded)) {
                bool name = false;
                for (std::size_t i = b; i < e; ++i)
                    name = name || (d.toks[i].cap && !d.toks[i].all_caps) || d.toks[i].text == "«" ||
                           d.toks[i].text == "№";
                practice_like = !name;
            }
            if (practice_like) continue;
            // «власти Рязани» (an organisation to NEREL) stand for the place they govern
            if (k == MentionKind::kOrganisation && d.toks[b].folded.starts_with("власт")) continue;
            for (std::size_t i = b; i < e; ++i) {
                int cur = cand_at[i];
                if (cur < 0) {
                    cand_at[i] = static_cast<int>(m);
                    continue;
                }
                auto [cb, ce] = d.spans[static_cast<std::size_t>(cur)];
                if (e - b > ce - cb) cand_at[i] = static_cast<int>(m);  // the outermost wins
            }
        }
    }

    const Tok& T(std::size_t i) const { return d.toks[i]; }

    // Region code of a candidate: its own link, or a place inside or right before an organisation.
    std::string RegionOf(std::size_t m) const {
        const Mention& mm = d.mentions[m];
        if (mm.ref && !mm.ref->region.empty()) return mm.ref->region;
        if (mm.ref && mm.ref->kind == EntityKind::kRegion) return mm.ref->code;
        auto [b, e] = d.spans[m];
        std::size_t from = b > 0 ? b - 1 : b;
        for (std::size_t q = 0; q < d.mentions.size(); ++q) {
            if (q == m || !IsPlaceKind(d.mentions[q].kind) || !d.mentions[q].ref) continue;
            if (d.spans[q].first >= from && d.spans[q].second <= e) {
                const auto& r = *d.mentions[q].ref;
                if (r.kind == EntityKind::kCountry) continue;
                return r.region.empty() ? r.code : r.region;
            }
        }
        return {};
    }

    std::string Key(std::size_t m) const {
        const Mention& mm = d.mentions[m];
        if (mm.ref) return mm.ref->name;
        return mm.normal.empty() ? text::Fold(mm.text) : text::Fold(mm.normal);
    }

    // Word position before token b, skipping «соседей-», «коллег из» and one adjective.
    bool SourceHint(std::size_t m, std::size_t sb) const { return SourceHint(m, sb, borrowing_); }
    bool SourceHint(std::size_t m, std::size_t sb, bool borrowing) const {
        auto [b, e] = d.spans[m];
        const Mention& mm = d.mentions[m];
        // «у соседей-свердловчан», «опыт коллег из Новосибирска», «по примеру Чувашии»
        std::size_t k = b;
        int skipped = 0;
        while (k > sb && skipped < 4) {
            const Tok& t = T(k - 1);
            const std::string& f = t.folded;
            if (f == "у" || f == "от") return borrowing;  // «у Кубы появится …» is no borrowing
            if (t.word && (IsStrongCue(f) || (applying_ && IsSourceCue(f)))) return true;
            if (t.word && (f == "из" || f == "с" || f == "со") && k >= 2 && Pre(T(k - 2).folded, {"коллег", "сосед"}))
                return true;
            // «по аналогии с Томском»
            if (t.word && (f == "с" || f == "со") && k >= 2 && T(k - 2).folded == "аналогии") return true;
            if (t.word && Pre(f, {"сосед", "коллег", "партнер"})) {
                --k;
                ++skipped;
                continue;
            }
            if (!t.word && (t.text == "-" || t.text == "—" || t.text == "«")) {
                --k;
                ++skipped;
                continue;
            }
            // «запущенная в Санкт-Петербурге», «разработанную в Новосибирской области»
            if ((f == "в" || f == "во" || f == "на") && k >= 2) {
                // «Проект …, стартовавший в Липецкой области»: the participle must qualify a practice
                for (std::size_t q = k - 1; q > sb && q + 4 > k - 1; --q)
                    if (IsParticipleOfOrigin(T(q - 1).folded)) {
                        std::size_t p = q - 1;
                        bool practice = false;
                        for (std::size_t r = p > sb + 8 ? p - 8 : sb; r < p; ++r)
                            practice = practice || (T(r).word && IsPracticeNoun(T(r).folded));
                        for (std::size_t r = e; r < e + 3 && r < d.toks.size(); ++r)
                            practice = practice || (T(r).word && IsPracticeNoun(T(r).folded));
                        if (practice) return true;
                    }
                // «которую в Приморском крае запустили»
                for (std::size_t q = k - 1; q > sb && q + 3 > k - 1; --q)
                    if (Pre(T(q - 1).folded, {"котор"})) {
                        for (std::size_t r = e; r < e + 3 && r < d.toks.size(); ++r)
                            if (IsLaunchVerb(T(r).folded)) return true;
                    }
            }
            break;
        }
        // «краснодарскую систему», «по мурманскому образцу», «нижегородский опыт»
        if (mm.adjectival && !mm.demonym) {
            for (std::size_t q = e; q < e + 2 && q < d.toks.size(); ++q) {
                if (!T(q).word) break;
                // «татарстанский стандарт», «иркутская система»: with a verb of borrowing or applying any
                // practice noun will do, else only the nouns of experience
                if (IsStrongCue(T(q).folded) || ((applying_ || borrowing_) && IsPracticeNoun(T(q).folded)))
                    return !IsAdopterPeople(T(q).folded);
                if (IsAdopterPeople(T(q).folded)) return false;
            }
        }
        return false;
    }

    bool AdopterPeopleAfter(std::size_t m) const {
        std::size_t e = d.spans[m].second;
        return d.mentions[m].adjectival && e < d.toks.size() && IsAdopterPeople(T(e).folded);
    }

    bool SentenceHas(std::size_t s, std::initializer_list<const char*> p) const {
        for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i)
            if (T(i).word && Pre(T(i).folded, p)) return true;
        return false;
    }

    std::vector<std::size_t> Candidates(std::size_t s) const {
        std::vector<std::size_t> cs;
        for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i) {
            int m = cand_at[i];
            if (m < 0) continue;
            std::size_t mm = static_cast<std::size_t>(m);
            if (d.spans[mm].first != i) continue;
            cs.push_back(mm);
            i = d.spans[mm].second - 1;
        }
        return cs;
    }

    std::optional<std::size_t> RecentPlace(std::size_t before_token, const std::string& not_key,
                                           bool regions_only) const {
        std::optional<std::size_t> best;
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            if (d.spans[m].second > before_token) break;
            auto k = d.mentions[m].kind;
            if (k == MentionKind::kCountry || !IsPlaceKind(k) || !d.mentions[m].ref) continue;
            if (regions_only && k != MentionKind::kRegion) continue;
            if (Key(m) == not_key) continue;
            best = m;
        }
        return best;
    }

    // Is token i a place or organisation mention start, a time word or a verb: where a practice ends.
    bool EndsPractice(std::size_t i) const {
        const Tok& t = T(i);
        if (!t.word) return t.text != "«" && t.text != "»" && t.text != "\"" && t.text != "-" && t.text != "№";
        const std::string& f = t.folded;
        if (In(f, {"уже",     "теперь",  "также",   "еще",     "ещё",     "тоже",  "благодаря", "после",
                   "который", "которая", "которые", "которую", "которое", "чтобы", "что",       "как",
                   "а",       "но",      "его",     "ее",      "их",      "у"}))
            return true;
        if (Pre(f, {"год", "месяц", "недел", "назад", "январ", "феврал", "март", "апрел", "мая", "июн", "июл", "август",
                    "сентябр", "октябр", "ноябр", "декабр"}))
            return true;
        if (IsParticipleOfOrigin(f)) return true;
        if (f.size() > 8 && (f.ends_with("но") || f.ends_with("во")) && !IsPracticeNoun(f)) return true;  // adverbs
        if (f.size() > 10 && (f.ends_with("ал") || f.ends_with("ил") || f.ends_with("ел")) && !IsPracticeNoun(f))
            return true;
        if (f.size() > 6 && (f.ends_with("ли") || f.ends_with("ла") || f.ends_with("ет") || f.ends_with("ют") ||
                             f.ends_with("ят") || f.ends_with("ть") || f.ends_with("лся") || f.ends_with("лась") ||
                             f.ends_with("ится") || f.ends_with("ется")))
            return !IsPracticeNoun(f);
        return false;
    }

    // The practice noun phrase starting at token b: the head, its adjectives and genitive/prepositional
    // chain; the source named right after «опыт» is skipped («опыт Югры в организации …» → «опыт
    // организации …»). Returns token ranges.
    std::vector<std::pair<std::size_t, std::size_t>> PracticeAt(std::size_t b, std::size_t se,
                                                                std::optional<std::size_t> source) const {
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
            // «… по образцу Ярославской области»: the example is not part of the practice
            if (t.folded == "по" && i + 1 < se &&
                (In(T(i + 1).folded, {"примеру", "образцу", "модели", "аналогии"}) ||
                 (i + 2 < se && In(T(i + 2).folded, {"примеру", "образцу", "модели", "аналогии"}))))
                break;
            // «в», «на», «по», «для», «с», «к» only before a lower-case word
            if (t.word && (In(t.folded, {"в", "во", "на", "с", "со", "к", "из"})) &&
                !(i + 1 < se && T(i + 1).word && !T(i + 1).cap && cand_at[i + 1] < 0))
                break;
            if (t.word && t.cap && i > b && !in_quotes && !t.all_caps) break;
            if (t.word) ++words;
            ++i;
        }
        std::size_t e = i;
        while (e > start && (!T(e - 1).word ? T(e - 1).text != "»" : lex.stop_words.count(T(e - 1).folded) > 0)) --e;
        if (e > start) parts.emplace_back(start, e);
        // only a generic head before the source («Проект ДШИ № 1 Сургута применяют …»): the source names it
        if (skipped_source && parts.size() == 1 && parts[0].second == parts[0].first + 1)
            parts[0].second = d.spans[*skipped_source].second;
        return parts;
    }

    std::string PracticeText(const std::vector<std::pair<std::size_t, std::size_t>>& parts) const {
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
            std::string first = d.Slice(parts[0].first, parts[0].first + 1);
            std::string folded = text::Fold(first);
            if (s.rfind(first, 0) == 0 && folded.size() == first.size() && T(parts[0].first).cap)
                s = folded + s.substr(first.size());
        }
        return s;
    }

    // Practices of the sentence: after the last borrowing/introducing verb, else the first practice noun
    // (a subject: «Система электронной записи…, запущенная…»). Two practices joined by «и» are two.
    std::vector<std::string> Practices(std::size_t s, std::optional<std::size_t> verb,
                                       std::optional<std::size_t> source) const {
        std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token;
        auto skip_to_noun = [&](std::size_t i) -> std::optional<std::size_t> {
            // skip adverbs, «у себя», the source, participial origins, infinitives, pronouns
            for (int guard = 0; i < se && guard < 12; ++guard) {
                const Tok& t = T(i);
                if (!t.word) {
                    if (t.text == "«") return i;
                    if (t.text == "," || t.text == "." || t.text == ";") return std::nullopt;
                    ++i;
                    continue;
                }
                const std::string& f = t.folded;
                int m = cand_at[i];
                if (m >= 0 && d.spans[static_cast<std::size_t>(m)].first == i) {
                    std::size_t mm = static_cast<std::size_t>(m);
                    if (d.mentions[mm].adjectival || (source && mm == *source)) {
                        i = d.spans[mm].second;
                        continue;
                    }
                    return std::nullopt;
                }
                if (In(f,
                       {"уже",       "также",    "теперь",     "еще",      "ещё",      "себя",     "у",       "и",
                        "ее",        "её",       "его",        "их",       "это",      "эту",      "этот",    "эти",
                        "свою",      "свой",     "свои",       "новую",    "новый",    "новые",    "новое",   "в",
                        "во",        "по",       "режиме",     "пилотном", "тестовом", "качестве", "успешно", "активно",
                        "полностью", "частично", "официально", "на"}) ||
                    Pre(f, {"сосед", "коллег", "партнер"}) || IsParticipleOfOrigin(f) || f.ends_with("ть") ||
                    f.ends_with("ти")) {
                    if (In(f, {"его", "ее", "её", "их", "это"})) return std::nullopt;
                    ++i;
                    continue;
                }
                if (Pre(f, {"опыт"}) && i + 1 < se && source && cand_at[i + 1] == static_cast<int>(*source)) return i;
                return i;
            }
            return std::nullopt;
        };
        std::optional<std::size_t> start;
        if (verb) start = skip_to_noun(*verb + 1);
        std::optional<std::size_t> fallback;
        if (start && !IsPracticeNoun(T(*start).folded) && T(*start).text != "«" &&
            !(*start + 1 < se && IsPracticeNoun(T(*start + 1).folded))) {
            // any other lower-case noun phrase after the verb only when the sentence names no practice noun
            if (!EndsPractice(*start) && !T(*start).cap) fallback = start;
            start.reset();
        }
        if (!start) {
            for (std::size_t i = sb; i < se; ++i)
                if (T(i).word && IsPracticeNoun(T(i).folded) && cand_at[i] < 0) {
                    // adjectives before the noun belong to it: «единый реестр», «школьный проездной»
                    std::size_t b = i;
                    while (b > sb && T(b - 1).word && cand_at[b - 1] < 0 && !T(b - 1).all_caps &&
                           (T(b - 1).folded.ends_with("ый") || T(b - 1).folded.ends_with("ий") ||
                            T(b - 1).folded.ends_with("ая") || T(b - 1).folded.ends_with("ую") ||
                            T(b - 1).folded.ends_with("ое") || T(b - 1).folded.ends_with("ые") ||
                            T(b - 1).folded.ends_with("ой") || T(b - 1).folded.ends_with("ых")))
                        --b;
                    start = b;
                    break;
                }
        }
        std::vector<std::string> result;
        if (!start) start = fallback;
        if (!start) return result;
        auto parts = PracticeAt(*start, se, source);
        if (parts.empty()) return result;
        // «модель ресурсных центров и систему наставничества»: split at «и» before a practice noun
        std::vector<std::vector<std::pair<std::size_t, std::size_t>>> practices{{}};
        for (auto [b, e] : parts) {
            std::size_t pb = b;
            for (std::size_t i = b; i < e; ++i) {
                if (T(i).folded == "и" && i + 1 < e && i > pb &&
                    (IsPracticeNoun(T(i + 1).folded) || (i + 2 < e && IsPracticeNoun(T(i + 2).folded)))) {
                    practices.back().emplace_back(pb, i);
                    practices.emplace_back();
                    pb = i + 1;
                }
            }
            if (e > pb) practices.back().emplace_back(pb, e);
        }
        practice_sources_.clear();
        for (const auto& p : practices) {
            std::string t = PracticeText(p);
            if (t.empty()) continue;
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

    domain::AdoptionStage StageOf(std::size_t s, Trigger main) const {
        auto has = [&](std::initializer_list<const char*> p) { return SentenceHas(s, p); };
        if (has({"изуча", "изучи", "изучени", "знакомят", "знакомил", "знакомл"})) return domain::AdoptionStage::kStudy;
        if (has({"пилот", "апробир", "апробац", "эксперимент", "тестов", "опытн"}))
            return domain::AdoptionStage::kPilot;
        auto has_word = [&](std::initializer_list<const char*> w) {
            for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i)
                if (In(T(i).folded, w)) return true;
            return false;
        };
        if (has({"планир", "намер", "собира", "рассматрива", "заинтересова", "предлага", "предложил"}) ||
            has_word({"хотят",      "хочет",    "хотели",   "хотел",    "хотела",   "решили",   "решил",
                      "решила",     "готов",    "готовы",   "будет",    "будут",    "станет",   "введет",
                      "введут",     "внедрит",  "внедрят",  "запустит", "запустят", "откроет",  "откроют",
                      "переймет",   "переймут", "применит", "применят", "появится", "появятся", "заработает",
                      "заработают", "перейдут", "перейдет", "возьмут",  "может",    "могут",    "создадут",
                      "создаст",    "откроют",  "внедрим",  "введем",   "начнут",   "начнет"}))
            return domain::AdoptionStage::kInterest;
        if (main == Trigger::kSpread || has({"тиражир", "масштабир"}) ||
            (has({"распростран"}) && has({"все", "всех", "всем"})))
            return domain::AdoptionStage::kScaled;
        return domain::AdoptionStage::kImplemented;
    }

    domain::Channel ChannelOf(std::size_t s) const {
        auto has = [&](std::initializer_list<const char*> p) { return SentenceHas(s, p); };
        if (has({"форум", "конференц", "семинар", "съезд", "слет", "сесси", "круглом", "круглый"}))
            return domain::Channel::kConference;
        if (has({"конкурс", "грант"})) return domain::Channel::kContest;
        if (has({"компетенц", "ресурсн"})) return domain::Channel::kCompetenceCentre;
        if (personnel || has({"переехал", "переехав", "перешел", "перешедш", "работавш"}))
            return domain::Channel::kPersonnel;
        if (has({"нацпроект", "национальн", "федеральн", "госпрограмм"})) return domain::Channel::kFederalProgramme;
        if (has({"визит", "делегац", "обмен", "стажировк", "встреч", "приезжал", "посетил", "поездк"}))
            return domain::Channel::kDirectContact;
        return domain::Channel::kOther;
    }

    // The same adopter and source again: the same fact (another sentence about it), unless this sentence
    // borrows explicitly and names another practice.
    bool Duplicate(const Fact& f, bool explicit_borrow) const {
        for (const auto& e : out) {
            if (e.kind != FactKind::kAdoption) continue;
            bool other_sentence = e.evidence.start != f.evidence.start;
            auto same = [&](const std::optional<std::size_t>& a, const std::optional<std::size_t>& b,
                            const std::string& ra, const std::string& rb) {
                // within a sentence two towns of one region are two adopters; across sentences the
                // region decides («барнаульская модель» after «опыт Алтайского края»)
                if (a && b) return Key(*a) == Key(*b) || (!ra.empty() && ra == rb && other_sentence);
                return !a && !b;
            };
            if (!same(e.adopter, f.adopter, e.adopter_region, f.adopter_region)) continue;
            if (!same(e.source, f.source, e.source_region, f.source_region)) continue;
            if (e.practice_text == f.practice_text || f.practice_text.empty() || e.practice_text.empty()) return true;
            if (e.evidence.start != f.evidence.start && !explicit_borrow) return true;
        }
        return false;
    }

    void Sentence(std::size_t s) {
        std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token;
        Trigger main = Trigger::kNone;
        std::optional<std::size_t> verb, transfer_verb;
        bool example_cue = false, take_up = false;
        for (std::size_t i = sb; i < se; ++i) {
            if (!T(i).word) continue;
            const std::string& f = T(i).folded;
            Trigger t = TriggerOf(T(i), i > sb ? &T(i - 1) : nullptr);
            if (In(f, {"примеру", "образцу", "аналогии"}) ||
                Pre(f, {"вдохновив", "вдохновл", "опираяс", "ориентируяс"}) ||
                (f == "модели" && i > sb && T(i - 1).folded == "по"))
                example_cue = true;
            if (t == Trigger::kNone) continue;
            if (t == Trigger::kTransfer) transfer_verb = i;
            if (t == Trigger::kBorrow || t == Trigger::kIntroduce || t == Trigger::kSpread || t == Trigger::kTransfer)
                take_up = true;
            // the strongest trigger names the construction; the last verb starts the practice
            auto rank = [](Trigger x) {
                switch (x) {
                    case Trigger::kBorrow:
                    case Trigger::kTransfer:
                        return 4;
                    case Trigger::kSpread:
                        return 3;
                    case Trigger::kIntroduce:
                        return 2;
                    case Trigger::kInterest:
                        return 1;
                    default:
                        return 0;
                }
            };
            if (rank(t) > rank(main)) main = t;
            if (t != Trigger::kInterest || !verb) verb = i;
        }
        if (main == Trigger::kNone && !example_cue) return;
        borrowing_ = main == Trigger::kBorrow;
        applying_ = false;
        for (std::size_t i = sb; i < se; ++i) {
            const std::string& f = T(i).folded;
            bool noun = f.ends_with("ия") || f.ends_with("ие") || f.ends_with("ию") || f.ends_with("ии") ||
                        f.ends_with("ием") || f.ends_with("ий");
            applying_ = applying_ || (T(i).word && !noun && IsApplyingVerb(f));
        }
        // «передаёт агентство», «передал полномочия»: a transfer needs a practice as its object
        if (main == Trigger::kTransfer && transfer_verb) {
            bool object = false;
            for (std::size_t q = *transfer_verb + 1; q < se && q < *transfer_verb + 6; ++q)
                object = object || (T(q).word && IsStrongCue(T(q).folded));
            if (!object) return;
        }
        // a visit or an exchange of experience is not an adoption unless something is taken up
        bool visit = SentenceHas(s, {"делегац", "визит", "посетил", "обмен", "поделил", "встрет", "встреч"});
        if (visit && !take_up && !SentenceHas(s, {"чтобы"})) return;
        if (main == Trigger::kInterest && !example_cue && !SentenceHas(s, {"опыт", "практик", "модел", "пример"}))
            return;

        auto cands = Candidates(s);
        std::optional<std::size_t> source;
        std::vector<std::size_t> adopters;
        if (transfer_verb) {
            // «Югорчане передали тюменским коллегам методику»: the giver before, the receiver after
            for (std::size_t m : cands)
                if (d.spans[m].second <= *transfer_verb) source = m;
            for (std::size_t m : cands)
                if (d.spans[m].first > *transfer_verb && (!source || Key(m) != Key(*source))) {
                    adopters.push_back(m);
                    break;
                }
        } else {
            for (std::size_t m : cands)
                if (SourceHint(m, sb) && d.mentions[m].kind != MentionKind::kPerson) {
                    source = m;
                    break;
                }
            // an adjectival place before an organisation: the organisation is the source
            if (source && d.mentions[*source].adjectival) {
                std::size_t e = d.spans[*source].second;
                for (std::size_t q = e; q < e + 3 && q < se; ++q) {
                    int m = cand_at[q];
                    if (m >= 0 && d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kOrganisation) {
                        source = static_cast<std::size_t>(m);
                        break;
                    }
                }
            }
            std::string skey = source ? Key(*source) : std::string();
            std::optional<std::size_t> primary;
            for (std::size_t m : cands) {
                if (source && (m == *source || Key(m) == skey)) continue;
                if (source && d.spans[m].first >= d.spans[*source].first &&
                    d.spans[m].second <= d.spans[*source].second)
                    continue;
                if (d.mentions[m].kind == MentionKind::kCountry) continue;
                if (SourceHint(m, sb)) continue;
                if (!primary || AdopterPeopleAfter(m)) {
                    if (!primary) primary = m;
                    if (AdopterPeopleAfter(m)) {
                        primary = m;
                        break;
                    }
                }
            }
            if (primary) {
                adopters.push_back(*primary);
                // coordinated adopters: «в Псковской и Новгородской областях», «Липецкая, Тамбовская и Курская»
                std::size_t last = *primary;
                for (std::size_t m : cands) {
                    if (d.spans[m].first < d.spans[last].second || (source && m == *source)) continue;
                    bool coordinated = true;
                    for (std::size_t q = d.spans[last].second; q < d.spans[m].first; ++q)
                        coordinated =
                            coordinated && (T(q).text == "," || T(q).folded == "и" || T(q).folded == "а" ||
                                            T(q).folded == "также" || T(q).folded == "в" || T(q).folded == "во");
                    if (!coordinated) break;
                    if (d.mentions[m].kind != MentionKind::kCountry) adopters.push_back(m);
                    last = m;
                }
            }
        }
        // «переняли у соседей», «у коллег»: the source named before
        if (!source && SentenceHas(s, {"сосед", "коллег"}) && (main == Trigger::kBorrow || example_cue)) {
            for (auto it = out.rbegin(); it != out.rend() && !source; ++it)
                if (it->kind == FactKind::kAdoption && it->source) source = it->source;
            if (!source) source = RecentPlace(sb, adopters.empty() ? "" : Key(adopters[0]), false);
        }
        if (!source) return;
        if (adopters.empty()) {
            // «в регионе», a subject left out: the last region named before that is not the source
            bool scaled_nowhere = main == Trigger::kSpread || SentenceHas(s, {"регионах", "субъектах"});
            if (!scaled_nowhere) {
                auto r = RecentPlace(sb, Key(*source), false);
                if (r) adopters.push_back(*r);
            }
        }
        auto practices = Practices(s, verb, source);
        if (practices.empty()) {
            practices.emplace_back();
            practice_sources_.assign(1, std::nullopt);
        }
        auto stage = StageOf(s, main);
        auto channel = ChannelOf(s);
        std::vector<std::optional<std::size_t>> adopter_list;
        for (auto a : adopters) adopter_list.emplace_back(a);
        if (adopter_list.empty()) adopter_list.emplace_back();
        for (const auto& a : adopter_list) {
            for (std::size_t pi = 0; pi < practices.size(); ++pi) {
                const std::string& p = practices[pi];
                std::optional<std::size_t> src = source;
                if (pi < practice_sources_.size() && practice_sources_[pi]) src = practice_sources_[pi];
                Fact f;
                f.kind = FactKind::kAdoption;
                f.adopter = a;
                f.source = src;
                f.adopter_region = a ? RegionOf(*a) : std::string();
                f.source_region = RegionOf(*src);
                if (a && Key(*a) == Key(*src)) continue;  // the same place twice
                f.practice_text = p;
                f.stage = stage;
                f.channel = channel;
                f.evidence = Evidence{d.sents[s].start, d.sents[s].end, d.SliceCp(d.sents[s].start, d.sents[s].end)};
                double conf = 0.45;
                if (a && d.spans[*a].first >= sb) conf += 0.2;
                if (!p.empty()) conf += 0.1;
                if (main == Trigger::kBorrow || example_cue || main == Trigger::kTransfer) conf += 0.15;
                f.confidence = std::min(conf, 0.95);
                if (Duplicate(f, main == Trigger::kBorrow || main == Trigger::kTransfer || example_cue)) continue;
                out.push_back(std::move(f));
            }
        }
    }
};

}  // namespace

void FindAdoptions(const Doc& d, std::vector<Fact>& facts, bool personnel) {
    Finder f(d, facts, personnel);
    for (std::size_t s = 0; s < d.sents.size(); ++s) f.Sentence(s);
}

}  // namespace orientir::extract::detail
