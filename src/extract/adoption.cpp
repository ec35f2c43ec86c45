// Adoption facts: who took up which practice from whom, in the ways the regional press reports it —
// borrowing verbs («перенял у соседей-свердловчан»), examples and models («по примеру Чувашии», «по
// мурманскому образцу», «вдохновившись опытом Иркутска»), a practice that was launched somewhere and
// now works elsewhere («система, запущенная в Санкт-Петербурге, теперь работает в Псковской и
// Новгородской областях»: one fact per adopter), transfers («югорчане передали тюменским коллегам»),
// scaling («тиражируют ещё в 12 регионах»). A fact needs a source: introducing something with no one
// to take it from is not a borrowing, and a visit to exchange experience is not one unless the
// sentence says something is being taken up.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>
#include "extract/adoption_finder.hpp"
#include "extract/adoption_ranker.hpp"
#include "extract/normal_words.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail::adoption {

// «центра «Эрес»», «фонд «Добро»»: a centre or a fund in the singular, not just opened, is a body whose quoted name
// follows (not «открыли центры «Мой бизнес»», a practice).
bool Finder::BodyNoun(std::size_t k) const {
    const std::string& f = d.toks[k].folded;
    if (!In(f, {"центр", "центра", "центру", "центром", "центре", "фонд", "фонда", "фонду", "фондом", "фонде"}))
        return false;
    // («добровольческого центра «Читающий волонтёр» при библиотеке»: a body's unit, which is the practice)
    std::size_t close = k + 2;
    while (close < d.toks.size() && close < k + 10 && d.toks[close].text != "»") ++close;
    if (close + 1 < d.toks.size() && d.toks[close + 1].folded == "при") return false;
    for (std::size_t i = k; i > 0 && i + 3 > k; --i)
        if (d.toks[i - 1].word &&
            (IsLaunchVerb(d.toks[i - 1].folded) || Pre(d.toks[i - 1].folded, {"открыт", "созда"})))
            return false;
    return true;
}

Finder::Finder(const Doc& doc, std::vector<Fact>& facts, bool p) : d(doc), out(facts), personnel(p) {
    cand_at.assign(d.toks.size(), -1);
    // «наш проект «Экотакси» …», later «„Экотакси“ мы запустили …»: a name the article gives a practice is a
    // practice wherever it stands
    std::unordered_set<std::string> practice_names;
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        std::size_t b = d.spans[m].first;
        if (d.mentions[m].kind == MentionKind::kOrganisation && b >= 2 && d.toks[b - 1].text == "«" &&
            d.toks[b - 2].word && IsPracticeNoun(d.toks[b - 2].folded) &&
            !Pre(d.toks[b - 2].folded, {"опыт", "пример", "образц", "наработк", "центр", "офис", "клуб", "фонд"}))
            practice_names.insert(d.Slice(b, d.spans[m].second));
    }
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        auto k = d.mentions[m].kind;
        if (!IsPlaceKind(k) && k != MentionKind::kOrganisation) continue;
        auto [b, e] = d.spans[m];
        // «Белгородскую практику народного бюджета» read as an organisation: a practice, not a party
        bool practice_like = false;
        // (but «Курганского колледжа отраслевых технологий»: a cue after the body's own noun is part of its name)
        for (std::size_t i = b; i < e && k == MentionKind::kOrganisation; ++i) {
            if (Pre(d.toks[i].folded, {"колледж", "школ", "университет", "институт", "академи", "техникум", "лице",
                                       "гимнази", "центр", "министерств", "департамент", "управлени", "комитет", "фонд",
                                       "агентств", "учреждени", "больниц", "библиотек", "музе"}))
                break;
            practice_like = practice_like || (d.toks[i].word && IsStrongCue(d.toks[i].folded));
        }
        // «центр поддержки НКО» (an organisation to the tagger): a practice noun in lower case with no
        // name in it — no capitalised word, quote or «№» — is the practice
        if (k == MentionKind::kOrganisation && !d.toks[b].cap && IsPracticeNoun(d.toks[b].folded)) {
            bool name = false;
            for (std::size_t i = b; i < e; ++i)
                name = name || (d.toks[i].cap && !d.toks[i].all_caps) || d.toks[i].text == "«" || d.toks[i].text == "№";
            practice_like = !name;
        }
        // «платформу «Госуслуги. Решаем вместе»»: a name in quotes after a practice noun is the practice's
        // (not «центра «Эрес»», «фонда «Добро»»: a body's quoted name)
        practice_like =
            practice_like ||
            (b >= 2 && d.toks[b - 1].text == "«" && d.toks[b - 2].word && IsPracticeNoun(d.toks[b - 2].folded) &&
             !Pre(d.toks[b - 2].folded, {"опыт", "пример", "образц", "наработк"}) && !BodyNoun(b - 2));
        practice_like = practice_like || (k == MentionKind::kOrganisation && practice_names.count(d.Slice(b, e)));
        // «квест «Книжный Череповец»», «фестиваль «Тарская крепость»»: a place inside a quoted name of a practice
        // or an event is part of the name
        for (std::size_t q = b; q > 0 && q + 4 > b && !practice_like; --q) {
            const Tok& t = d.toks[q - 1];
            if (t.text == "»" || (!t.word && t.text != "«")) break;
            if (t.text == "«") {
                // (a name opens with a capital: «как в Шадринске» is a quotation)
                practice_like =
                    q >= 2 && d.toks[q - 2].word && q < d.toks.size() && d.toks[q].cap &&
                    ((IsPracticeNoun(d.toks[q - 2].folded) && !BodyNoun(q - 2)) ||
                     Pre(d.toks[q - 2].folded, {"квест", "фестивал", "конкурс", "форум", "выставк", "турнир", "слет",
                                                "праздник", "ярмарк", "премия", "премии"}));
                break;
            }
        }
        if (practice_like) continue;
        // «регионов Центральной России» (an organisation to the tagger): a part of a country is no party
        bool part_of_country = false;
        for (std::size_t q = 0; q < d.mentions.size() && k == MentionKind::kOrganisation && e == b + 2; ++q)
            part_of_country = part_of_country || (d.mentions[q].kind == MentionKind::kCountry &&
                                                  d.spans[q].first == b + 1 && d.spans[q].second == e);
        if (part_of_country) continue;
        // «власти Рязани» (an organisation to NEREL) and «школы Улан-Удэ», «больницы края» (many, unnamed)
        // stand for the place they belong to
        const bool authorities = d.toks[b].folded.starts_with("власт") ||
                                 (b + 1 < e && d.toks[b + 1].folded.starts_with("власт"));  // «Костромские власти»
        if (k == MentionKind::kOrganisation && (authorities || GenericPlural(b, e))) continue;
        for (std::size_t i = b; i < e; ++i) {
            int cur = cand_at[i];
            if (cur < 0) {
                cand_at[i] = static_cast<int>(m);
                continue;
            }
            auto [cb, ce] = d.spans[static_cast<std::size_t>(cur)];
            if (e - b > ce - cb) cand_at[i] = static_cast<int>(m);  // the outermost wins
            // «библиотеки «Полярная»»: a quoted name read both as a town and as a body is the body
            const bool quoted = b > 0 && d.toks[b - 1].text == "«";
            if (e - b == ce - cb && quoted && k == MentionKind::kOrganisation &&
                IsPlaceKind(d.mentions[static_cast<std::size_t>(cur)].kind))
                cand_at[i] = static_cast<int>(m);
        }
    }
}

std::string Finder::RegionOf(std::size_t m) const {
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

bool Finder::GenericPlural(std::size_t b, std::size_t e) const {
    if (!In(d.toks[b].folded, {"школы", "больницы", "поликлиники", "библиотеки", "музеи", "детсады", "учреждения",
                               "предприятия", "вузы", "колледжи", "техникумы", "театры", "администрации"}))
        return false;
    for (std::size_t i = b; i < e; ++i)
        if (d.toks[i].text == "«" || d.toks[i].text == "№") return false;
    return true;
}

std::string Finder::Key(std::size_t m) const {
    const Mention& mm = d.mentions[m];
    if (mm.ref) return mm.ref->name;
    return mm.normal.empty() ? text::Fold(mm.text) : text::Fold(mm.normal);
}

// «заинтересовались белгородской программой»: a place adjective right before a practice noun
bool Finder::AdjectivalSourceBeforePractice(std::size_t s) const {
    for (std::size_t m : Candidates(s)) {
        std::size_t e = d.spans[m].second;
        if (d.mentions[m].adjectival && !d.mentions[m].demonym && e < d.sents[s].end_token && T(e).word &&
            IsPracticeNoun(T(e).folded))
            return true;
    }
    return false;
}

// Is token q's noun the one «такие же …» repeats in its sentence («центре» … «такие же центры»)?
bool Finder::SameAsSimilar(std::size_t q) const {
    const std::string& f = T(q).folded;
    if (f.size() < 8) return false;  // 4 Cyrillic letters of stem at least
    for (std::size_t i = d.sents[T(q).sent].first_token; i + 2 < d.sents[T(q).sent].end_token; ++i)
        if (Pre(T(i).folded, {"таки", "такой", "такую", "такое"}) && T(i + 1).folded == "же" &&
            T(i + 2).folded.compare(0, 8, f, 0, 8) == 0)
            return true;
    return false;
}

bool Finder::AdopterPeopleAfter(std::size_t m) const {
    std::size_t e = d.spans[m].second;
    return d.mentions[m].adjectival && e < d.toks.size() && IsAdopterPeople(T(e).folded);
}

bool Finder::SentenceHas(std::size_t s, std::initializer_list<const char*> p) const {
    for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i)
        if (T(i).word && Pre(T(i).folded, p)) return true;
    return false;
}

// «на берегах Белой», «у реки Белой», «на улице Володарского»: a river or a street, however like a town it is named,
// is no party and no place of the story.
bool Finder::StreetOrRiver(std::size_t m) const {
    const std::size_t i = d.spans[m].first;
    return i >= 1 && IsPlaceKind(d.mentions[m].kind) &&
           In(T(i - 1).folded,
              {"берегах", "берегу", "берега", "берегам", "реки", "реке", "реку", "рекой", "улице", "улица", "улицу",
               "улицы", "ул", "проспекте", "проспект", "переулке", "бульваре", "площади", "набережной"});
}

std::vector<std::size_t> Finder::Candidates(std::size_t s) const {
    std::vector<std::size_t> cs;
    for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i) {
        int m = cand_at[i];
        if (m < 0) continue;
        std::size_t mm = static_cast<std::size_t>(m);
        if (d.spans[mm].first != i) continue;
        // «…, сообщили в министерстве строительства края»: the body that told the news is no party to it
        const bool reporter = d.mentions[mm].kind == MentionKind::kOrganisation && i >= 2 &&
                              In(T(i - 1).folded, {"в", "во"}) &&
                              Pre(T(i - 2).folded, {"сообщи", "рассказа", "поясни", "отмети", "уточни", "заяви"});
        const bool river = StreetOrRiver(mm);
        if (reporter || river) {
            i = d.spans[mm].second - 1;
            continue;
        }
        cs.push_back(mm);
        i = d.spans[mm].second - 1;
    }
    return cs;
}

std::optional<std::size_t> Finder::RecentPlace(std::size_t before_token, const std::string& not_key,
                                               bool regions_only) const {
    std::optional<std::size_t> best;
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        if (d.spans[m].second > before_token) break;
        auto k = d.mentions[m].kind;
        if (k == MentionKind::kCountry || !IsPlaceKind(k) || !d.mentions[m].ref || StreetOrRiver(m)) continue;
        if (regions_only && k != MentionKind::kRegion) continue;
        if (Key(m) == not_key) continue;
        if (InsideMediaOutlet(m)) continue;  // «Слободская правда»: a newspaper's name, not a place of the story
        best = m;
    }
    // «Глава Кизлярского района Дагестана»: the place right before its container is the one meant
    for (std::size_t m = 0; best && !regions_only && m < d.mentions.size(); ++m)
        if (m != *best && d.spans[m].second == d.spans[*best].first &&
            d.mentions[m].kind == MentionKind::kMunicipality && Key(m) != not_key)
            return m;
    return best;
}

// «опыт», «опыт Татарстана», «практика»: a practice named only by a noun of experience (and its owner).
static bool GenericPractice(const std::string& t) {
    std::size_t sp = t.find(' ');
    std::string head = t.substr(0, sp);
    if (!In(head, {"опыт", "практика", "практики", "наработки", "пример"})) return false;
    if (sp == std::string::npos) return true;
    std::string rest = t.substr(sp + 1);
    return rest.find(' ') == std::string::npos && text::Fold(rest) != rest;  // one capitalised word: the owner
}

// «Кузбасс перенимает опыт Татарстана» (a headline), then «… переняла у Татарстана модель поддержки …»: the
// later sentence names what the earlier one only called experience — the same fact, now with its practice.
bool Finder::Refine(const Fact& f) {
    for (auto& e : out) {
        if (e.kind != FactKind::kAdoption || !e.adopter || !f.adopter || !e.source || !f.source) continue;
        // «Тюмень перенимает опыт Югры» (a headline), «Тюменская область перенимает опыт Югры в организации …»:
        // the capital and its region are the same borrower; the body's region is the more exact
        const bool same_adopter =
            Key(*e.adopter) == Key(*f.adopter) || (!e.adopter_region.empty() && e.adopter_region == f.adopter_region &&
                                                   d.mentions[*f.adopter].kind == MentionKind::kRegion);
        if (!same_adopter || Key(*e.source) != Key(*f.source)) continue;
        if (!GenericPractice(e.practice_text) || f.practice_text.empty() || GenericPractice(f.practice_text)) continue;
        e.practice_text = f.practice_text;
        e.stage = f.stage;
        e.adopter = f.adopter;
        e.adopter_region = f.adopter_region;
        return true;
    }
    return false;
}

// «также в Шагонаре», «и в Туране», «ещё в Кызыле»: a place added to those told before.
bool Finder::AlsoBefore(std::size_t k) const {
    if (k >= 1 && In(T(k - 1).folded, {"в", "во"})) --k;
    for (std::size_t i = k; i > 0 && i + 3 > k && T(i - 1).sent == T(k).sent; --i)
        if (In(T(i - 1).folded, {"также", "тоже", "ещё", "еще", "и"})) return true;
    return false;
}

// The sentence that opens at offset `start`.
std::optional<std::size_t> Finder::SentenceAt(std::int32_t start) const {
    const auto it = std::lower_bound(d.sents.begin(), d.sents.end(), start,
                                     [](const auto& sent, std::int32_t at) { return sent.start < at; });
    if (it == d.sents.end() || it->start != start) return std::nullopt;
    return static_cast<std::size_t>(it - d.sents.begin());
}

// The sentence at offset `second` follows the one at `first` right after it.
bool Finder::NextSentence(std::int32_t first, std::int32_t second) const {
    const auto a = SentenceAt(first), b = SentenceAt(second);
    return a && b && *a + 1 == *b;
}

// The sentence at offset `start` names what is taken up only as experience («Шадринский опыт взяли на заметку»,
// «опыт соседей переняли»): a noun of experience, no other noun phrase of a practice.
bool Finder::ExperienceOnly(std::int32_t start) const {
    const auto s = SentenceAt(start);
    if (!s) return false;
    for (std::size_t i = d.sents[*s].first_token; i < d.sents[*s].end_token; ++i)
        if (T(i).word && In(T(i).folded, {"опыт", "опытом", "опыту", "опыта", "практику", "наработки"})) return true;
    return false;
}

bool Finder::Duplicate(const Fact& f, bool explicit_borrow) {
    for (auto& e : out) {
        if (e.kind != FactKind::kAdoption) continue;
        bool other_sentence = e.evidence.start != f.evidence.start;
        auto same = [&](const std::optional<std::size_t>& a, const std::optional<std::size_t>& b, const std::string& ra,
                        const std::string& rb) {
            // within a sentence two towns of one region are two adopters; across sentences the
            // region decides («барнаульская модель» after «опыт Алтайского края»)
            // (two towns the directory knows are two, «Нефтеюганск» and then «в Когалыме», «нижневартовцы» and then
            // «в Когалыме»)
            if (a && b && Key(*a) != Key(*b) && d.mentions[*a].kind == MentionKind::kMunicipality &&
                d.mentions[*b].kind == MentionKind::kMunicipality && d.mentions[*a].ref && d.mentions[*b].ref &&
                (!d.mentions[*a].adjectival || d.mentions[*a].demonym) &&
                (!d.mentions[*b].adjectival || d.mentions[*b].demonym))
                return false;
            // (a body and another body or town of its region are two parties: «Кумертауская библиотека», then
            // «в Мелеузе»)
            if (a && b && Key(*a) != Key(*b) &&
                (d.mentions[*a].kind == MentionKind::kOrganisation ||
                 d.mentions[*b].kind == MentionKind::kOrganisation) &&
                d.mentions[*a].kind != MentionKind::kRegion && d.mentions[*b].kind != MentionKind::kRegion)
                return false;
            if (a && b) return Key(*a) == Key(*b) || (!ra.empty() && ra == rb && other_sentence);
            return !a && !b;
        };
        // «в Поморье хотят перенять практику соседей … планируем запустить такие бригады в Пинежском, Лешуконском и
        // Мезенском округах»: districts the directory lacks, after their region took the practice up from the same
        // source, are where the region's take-up goes — the region's fact
        if (e.adopter && f.adopter && e.source && f.source && Key(*e.source) == Key(*f.source) && other_sentence &&
            d.mentions[*e.adopter].kind == MentionKind::kRegion &&
            d.mentions[*f.adopter].kind == MentionKind::kMunicipality && !d.mentions[*f.adopter].ref &&
            District(*f.adopter) && f.evidence.start <= e.evidence.end + 600 &&
            // (not districts taking up a practice of their own region's district: «Иволгинский опыт переняли
            // Кабанский и Баргузинский районы» are facts of their own)
            (d.mentions[*e.source].kind == MentionKind::kRegion ||
             (!e.source_region.empty() && e.source_region != e.adopter_region)))
            return true;
        if (!same(e.adopter, f.adopter, e.adopter_region, f.adopter_region)) continue;
        if (!same(e.source, f.source, e.source_region, f.source_region)) continue;
        // «Шадринский опыт взяли на заметку и в областном центре. В сентябре … приезжали специалисты администрации
        // Кургана — чтобы перенять механизм отбора и приёмки дворов»: the sentence right after one that names the
        // practice only as experience says what it is — one fact, with its practice
        // (not «практика Пермского края», which the phrases of its own sentence complete later)
        if (other_sentence && f.practice_text.find(' ') != std::string::npos &&
            e.practice_text.find(' ') != std::string::npos &&
            !IsStrongCue(e.practice_text.substr(0, e.practice_text.find(' '))) &&
            NextSentence(e.evidence.start, f.evidence.start) && ExperienceOnly(e.evidence.start)) {
            e.practice_text = f.practice_text;
            return true;
        }
        // «В Туве переняли бурятскую модель …», later «по бурятскому образцу занятия начались также в Шагонаре»: towns
        // the region's story adds («также», «тоже», «ещё», «и в») are adopters of their own
        if (e.adopter && f.adopter && other_sentence && d.mentions[*e.adopter].kind == MentionKind::kRegion &&
            d.mentions[*f.adopter].kind == MentionKind::kMunicipality && d.mentions[*f.adopter].ref &&
            !d.mentions[*f.adopter].adjectival &&
            (AlsoBefore(d.spans[*f.adopter].first) ||
             // (or take up from a town of their own region what the region spreads: «Пензенская область тиражирует
             // практику, сложившуюся в Заречном», then «Первыми практику переняли школы Кузнецка и Сердобска»)
             (f.source && d.mentions[*f.source].kind == MentionKind::kMunicipality && !f.adopter_region.empty() &&
              RegionOf(*f.source) == f.adopter_region)))
            continue;
        if (e.practice_text == f.practice_text || f.practice_text.empty() || e.practice_text.empty()) return true;
        // «В Удмуртии распространят татарстанскую модель наставничества» (the headline), then «Система
        // сопровождения молодых учителей, которую Удмуртия переняла у Татарстана …»: the headline tells the same
        if (!d.sents.empty() && e.evidence.start == d.sents[0].start && other_sentence &&
            SharesWord(e.practice_text, f.practice_text))
            return true;
        // «Программа, которую переняли у Татарстана …», then «… по образцу Республики Татарстан, где такая мера
        // поддержки действует»: one word names no second practice; a longer phrase names the first one better
        const bool e_word = e.practice_text.find(' ') == std::string::npos;
        if (f.practice_text.find(' ') == std::string::npos || e_word) {
            if (e_word && f.practice_text.find(' ') != std::string::npos) e.practice_text = f.practice_text;
            return true;
        }
        // «практика инициативного бюджетирования», then «… «Реальные дела»»: the longer name of the same practice
        auto extends = [](const std::string& a, const std::string& b) {
            return b.size() > a.size() && b.compare(0, a.size(), a) == 0 && b[a.size()] == ' ';
        };
        if (extends(e.practice_text, f.practice_text)) e.practice_text = f.practice_text;
        // «открыли муниципальный велопрокат», later «запустит собственный прокат по казанскому образцу»: the head
        // noun of one is in the other's
        auto head = [](const std::string& t) {
            return t.substr(t.rfind(' ') == std::string::npos ? 0 : t.rfind(' ') + 1);
        };
        if (other_sentence && head(f.practice_text).size() >= 8 &&
            head(e.practice_text).find(head(f.practice_text)) != std::string::npos)
            return true;
        if (extends(e.practice_text, f.practice_text) || extends(f.practice_text, e.practice_text) ||
            e.practice_text == f.practice_text)
            return true;
        if (e.evidence.start != f.evidence.start && !explicit_borrow) return true;
    }
    return false;
}

// The strongest trigger names the construction.
static int TriggerRank(Trigger x) {
    switch (x) {
        case Trigger::kBorrow:
        case Trigger::kTransfer:
        case Trigger::kShare:
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
}

// The trigger of token i in its context: receiving from a party borrows, a verb of beginning introduces, a
// negation or refusal denies (and says so in `c`).
Trigger Finder::TriggerInContext(std::size_t i, std::size_t sb, std::size_t se, Cues& c) const {
    return DeniedOrAsked(RaisedTrigger(i, sb, se), i, sb, c);
}

// «документацию астраханцы взяли у Волгограда», «взяли за основу у …»: a verb of taking at token i with «у» and a
// party after it, and what is taken named before the verb (not «всё») or taken as a basis.
bool Finder::TakenFrom(std::size_t i, std::size_t sb, std::size_t se) const {
    for (std::size_t q = i + 1; q + 1 < se && q < i + 7; ++q) {
        if (T(q).text == "," || T(q).text == ":" || T(q).text == "—") return false;
        if (T(q).folded != "у" || !(cand_at[q + 1] >= 0 || Pre(T(q + 1).folded, {"сосед", "коллег", "партнер"})))
            continue;
        if (i + 2 < se && T(i + 1).folded == "за" && In(T(i + 2).folded, {"основу", "образец"})) return true;
        // «документацию», «схему обучения», «Модель «…» мы взяли»
        // («Основу модели — типизацию, когда …, — мы взяли у псковичей»: «мы» right before the verb takes the
        // object the sentence opens with, across its clauses)
        const bool we = i > sb && In(T(i - 1).folded, {"мы", "они"});
        bool quoted = false;
        for (std::size_t p = i; p > sb && (we || p + 10 > i); --p) {
            const std::string& w = T(p - 1).text;
            if (w == "»") quoted = true;
            if (w == "«") quoted = false;
            if (!quoted && !we && (w == "," || w == "—")) return false;
            if (!quoted && T(p - 1).word && cand_at[p - 1] < 0 &&
                (IsPracticeNoun(T(p - 1).folded) || Pre(T(p - 1).folded, {"документац", "методичк"})))
                return true;
        }
        return false;
    }
    return false;
}

// The trigger of token i raised or lowered by the words around it: receiving from a party borrows, a verb of
// beginning introduces, considering an application is no interest.
Trigger Finder::RaisedTrigger(std::size_t i, std::size_t sb, std::size_t se) const {
    const std::string& f = T(i).folded;
    Trigger t = TriggerOf(T(i), i > sb ? &T(i - 1) : nullptr);
    // «заявку сельской НКО рассматривают»: considering an application or a case is no interest in a practice
    if (t == Trigger::kInterest && Pre(f, {"рассматрива"}) &&
        (SentenceHas(T(i).sent, {"заявк", "обращени", "жалоб"}) ||
         !SentenceHas(T(i).sent, {"возможност", "вопрос", "внедрен", "опыт", "практик", "модел", "вариант", "идею",
                                  "схем", "формат", "механизм"})))
        t = Trigger::kNone;
    // «делегация вернулась из Казани с идеей создать …»: an idea brought back is an interest in it
    if (t == Trigger::kNone && f == "идеей" && i > sb && T(i - 1).folded == "с" &&
        SentenceHas(T(i).sent, {"вернул", "возвращ", "приехал"}))
        t = Trigger::kInterest;
    // «документацию астраханцы взяли у Волгограда», «берут у соседей»: taking from someone is borrowing
    if (t == Trigger::kIntroduce &&
        In(f, {"взял", "взяла", "взяли", "возьмем", "возьмут", "берут", "берет", "брать", "взять", "берем"}) &&
        TakenFrom(i, sb, se))
        t = Trigger::kBorrow;
    // «Прототипом стала система Хабаровска»: what something was modelled on, a take-up
    if (t == Trigger::kNone && In(f, {"прототипом", "образцом", "основой"}) &&
        ((i > sb && (Pre(T(i - 1).folded, {"стал", "послужил"}) || In(T(i - 1).folded, {"был", "была", "было"}))) ||
         (i + 1 < se && (Pre(T(i + 1).folded, {"стал", "послужил"}) || In(T(i + 1).folded, {"был", "была", "было"})))))
        t = Trigger::kIntroduce;
    // «Интерес к владивостокскому проекту проявили в Уссурийске»: an interest shown
    if (t == Trigger::kNone && f == "интерес" &&
        ((i > sb && Pre(T(i - 1).folded, {"проявил", "проявля", "проявят"})) ||
         SentenceHas(T(i).sent, {"проявил", "проявля"})))
        t = Trigger::kInterest;
    // «Учимся у Чебоксар»: learning from a place studies its practice
    if (t == Trigger::kNone && IsLearnVerb(f) && i + 2 < se && T(i + 1).folded == "у" && cand_at[i + 2] >= 0)
        t = Trigger::kInterest;
    // «получила от Татарстана методику»: receiving a practice from a party is borrowing it
    if (t == Trigger::kNone && Pre(f, {"получил", "получа"}) && i + 2 < se && T(i + 1).folded == "от" &&
        cand_at[i + 2] >= 0)
        for (std::size_t q = d.spans[static_cast<std::size_t>(cand_at[i + 2])].second; q < se && q < i + 8; ++q)
            // (or what a practice is handed over as: «получили от тюменских коллег исходный код и документацию»)
            if (T(q).word && (IsStrongCue(T(q).folded) || Pre(T(q).folded, {"документац", "исходн", "методическ",
                                                                            "регламент", "инструкц", "шаблон"})))
                t = Trigger::kBorrow;
    // «Решение край получил безвозмездно от Нижегородской области»: the practice before the verb, the giver after
    if (t == Trigger::kNone && Pre(f, {"получил", "получа"}))
        for (std::size_t q = i + 1; q + 1 < se && q < i + 4; ++q)
            if (T(q).folded == "от" && cand_at[q + 1] >= 0) {
                for (std::size_t p = i > sb + 6 ? i - 6 : sb; p < i; ++p)
                    if (T(p).word && (IsStrongCue(T(p).folded) ||
                                      In(T(p).folded, {"решение", "систему", "программу", "разработку", "платформу"})))
                        t = Trigger::kBorrow;
                break;
            }
    // «подписали с правительством Тульской области соглашения о передаче опыта»: experience passed to the signers
    if (t == Trigger::kNone && Pre(f, {"передач"}) && i + 1 < se && IsStrongCue(T(i + 1).folded) &&
        SentenceHas(T(i).sent, {"соглашени", "договор", "меморандум"}))
        t = Trigger::kBorrow;
    // «Закон во многом повторяет ленинградскую модель», «повторили опыт соседей»: repeating an example borrows it
    if ((t == Trigger::kNone || t == Trigger::kIntroduce) && Pre(f, {"повторя", "повтори"}))
        for (std::size_t q = i + 1; q < se && q < i + 4; ++q)
            if (T(q).word && In(T(q).folded, {"модель", "опыт", "практику", "схему", "систему", "пример"})) {
                // (not «изучая, как …, — чтобы повторить эту схему у себя»: the trip's, told by its pronoun)
                if (!In(T(q - 1).folded, {"эту", "этот", "такую", "такой", "ту", "их", "ее", "её", "его"}))
                    t = Trigger::kBorrow;
                break;
            }
    // «Первым к проекту присоединился Липецк», «присоединились к программе, стартовавшей в …», «к акции
    // подключились школы»: joining a practice takes it up (not «присоединился к поздравлениям»: a practice noun)
    if (t == Trigger::kNone && Pre(f, {"присоедин", "подключил", "подключат", "подключит"}) && !AdjectiveShaped(f))
        for (std::size_t q = i > sb + 3 ? i - 3 : sb; q + 1 < se && q < i + 4; ++q)
            if (T(q).folded == "к" && T(q + 1).word &&
                ((IsPracticeNoun(T(q + 1).folded) && cand_at[q + 1] < 0) ||
                 // «к ижевскому проекту», «к нему» (a practice told before)
                 (q + 2 < se && AdjectiveShaped(T(q + 1).folded) && T(q + 2).word && IsPracticeNoun(T(q + 2).folded)) ||
                 In(T(q + 1).folded, {"нему", "ней"})))
                t = Trigger::kIntroduce;
    // «начала выплачивать компенсации»: a verb of beginning with an infinitive introduces
    if (t == Trigger::kNone && Pre(f, {"начал", "начн", "стал"}) && i + 1 < se && T(i + 1).folded.ends_with("ть") &&
        !Pre(T(i + 1).folded, {"изобрета"}) &&  // «не стали изобретать велосипед» is no refusal: see ExampleCues
        !(i > sb && T(i - 1).folded == "не" &&
          SentenceHasWord(T(i).sent, {"нуля", "заново"})))  // «не стали писать с нуля»
        t = Trigger::kIntroduce;
    return t;
}

// A trigger at token i negated, refused, asked about or only a purpose: none (a refusal says so in `c`).
Trigger Finder::DeniedOrAsked(Trigger t, std::size_t i, std::size_t sb, Cues& c) const {
    const std::string& f = T(i).folded;
    // «отказались от идеи перенять»: an infinitive after a refusal is denied too
    for (std::size_t q = i; t != Trigger::kNone && f.ends_with("ть") && q > sb && q + 4 > i; --q)
        if (Pre(T(q - 1).folded, {"отказ"})) {
            t = Trigger::kNone;
            c.denied = true;
        }
    // «От идеи перенять забайкальскую модель в итоге отказались»: the refusal told after the idea
    if (t != Trigger::kNone && i > sb + 1 && f.ends_with("ть") &&
        In(T(i - 1).folded, {"идеи", "планов", "намерения"}) && T(i - 2).folded == "от" &&
        SentenceHas(T(i).sent, {"отказал", "отказыва"})) {
        c.denied = true;
        return Trigger::kNone;
    }
    // «чтобы не повторять их ошибок»: a purpose, neither a take-up nor a refusal
    if (t != Trigger::kNone && i > sb + 1 && T(i - 1).folded == "не" && T(i - 2).folded == "чтобы")
        return Trigger::kNone;
    // «будет ли он переносить в Верхневолжье ярославский опыт», «стоит ли перенимать»: a question, no take-up;
    // «о том, какие идеи город берёт у соседей»: which ones, asked, names none
    if (t != Trigger::kNone)
        for (std::size_t k = i; k > sb && k + 4 > i; --k) {
            if (T(k - 1).text == ",") break;
            if (In(T(k - 1).folded, {"ли", "какие", "какую", "какой", "каких", "какими"})) return Trigger::kNone;
        }
    // «не стал перенимать», «не будут внедрять»: a borrowing denied
    // «отказались перенимать» too (but «отказались от программы, которую переняли» gives it up; «проект не
    // прижился» was taken up and given up, StageOf)
    if (t != Trigger::kNone && i > sb && !Pre(f, {"прижил"}) &&
        (T(i - 1).folded == "не" || Pre(T(i - 1).folded, {"отказал", "отказыва"}) ||
         (i > sb + 1 && T(i - 2).folded == "не" && Pre(T(i - 1).folded, {"стал", "буд", "план", "собира", "намер"})))) {
        t = Trigger::kNone;
        c.denied = true;
    }
    return t;
}

// Words that name an example to follow whatever the verb: «по примеру», «вдохновившись», «на основе опыта».
void Finder::ExampleCues(std::size_t i, std::size_t sb, Cues& c) const {
    const std::string& f = T(i).folded;
    // «пошла по пути Татарстана»
    if (In(f, {"пути"}) && i > sb + 1 && T(i - 1).folded == "по" && Pre(T(i - 2).folded, {"пош", "ид"}))
        c.example_cue = true;
    // «не стали изобретать велосипед — в Благовещенске такой чат-бот работает»: taking a ready solution
    if (f == "велосипед" && i > sb && Pre(T(i - 1).folded, {"изобрета"})) c.example_cue = true;
    // «за основу взята белгородская модель», «взяли за основу опыт …»
    // «взяв за образец практику соседей»
    if (In(f, {"основу", "образец"}) && i > sb && T(i - 1).folded == "за") c.example_cue = true;
    // «в основу амурской сети легла модель …», «в основу проекта положен опыт …»
    if (f == "основу" && i > sb && T(i - 1).folded == "в")
        for (std::size_t j = i + 1; j < i + 6 && j < d.toks.size() && T(j).sent == T(i).sent; ++j)
            if (In(T(j).folded, {"легла", "лег", "легли", "легло", "положена", "положен", "положены", "положено"}))
                c.example_cue = true;
    // «вслед за Рубцовском»: a place followed
    if (f == "за" && i > sb && In(T(i - 1).folded, {"вслед", "следом"}) && i + 1 < d.toks.size() && T(i + 1).cap)
        c.example_cue = true;
    if (In(f, {"примеру", "образцу", "аналогии", "лекалам"}) ||
        Pre(f, {"вдохновив", "вдохновл", "опираяс", "ориентируяс"}) ||
        (In(f, {"модели", "опыту"}) && i > sb && T(i - 1).folded == "по") ||
        // «на основе практик X», «на базе опыта X», «с учётом наработок X»
        (i > sb + 1 && Pre(f, {"опыт", "практик", "модел", "наработк"}) &&
         In(T(i - 1).folded, {"основе", "базе", "учетом"}) && In(T(i - 2).folded, {"на", "с"})))
        c.example_cue = true;
    // «по новосибирской схеме»: an example, though a weak one — a later sentence about the same borrowing
    // («первые проекты по липецкой модели …») is not a new practice
    if (In(f, {"модели", "схеме", "методике", "технологии"}) && i > sb + 1 && T(i - 2).folded == "по")
        c.example_adjective = true;
}

Cues Finder::ScanCues(std::size_t s) const {
    std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token;
    Cues c;
    bool relative = false;
    for (std::size_t i = sb; i < se; ++i) {
        if (!T(i).word) {
            relative = relative && T(i).text != ",";
            continue;
        }
        const std::string& f = T(i).folded;
        relative = relative || (i > sb && T(i - 1).text == "," && (Pre(f, {"котор"}) || f == "где"));
        Trigger t = TriggerInContext(i, sb, se, c);
        ExampleCues(i, sb, c);
        if (t == Trigger::kNone) continue;
        if (t == Trigger::kTransfer || t == Trigger::kShare) c.transfer_verb = i;
        if (t == Trigger::kBorrow || t == Trigger::kIntroduce || t == Trigger::kSpread || t == Trigger::kTransfer)
            c.take_up = true;
        // a borrowing told in a relative clause after the sentence's own verb is a fact of its own
        if (relative && c.main != Trigger::kNone && t == Trigger::kBorrow) {
            c.relative_borrow = i;
            continue;
        }
        if (TriggerRank(t) > TriggerRank(c.main)) c.main = t;
        // «…врачам, которые переехали работать в сельские больницы»: a relative clause does not start the practice
        if ((t != Trigger::kInterest || !c.verb) && !(relative && c.verb)) c.verb = i;
    }
    // «по примеру Бердска сделали арт-остановки», «по образцу соседей обустроили площадки»: with an example to
    // follow, a plain verb of making introduces the practice
    // «решили сделать так же», «сделаем такой же»: the same as was seen is a take-up
    // («сделали у себя»: made at home what was seen)
    for (std::size_t i = sb; c.main == Trigger::kNone && i + 2 < se; ++i)
        if (Pre(T(i).folded, {"сделать", "сделаем", "сделали", "сделают", "делать"}) &&
            ((T(i + 1).folded == "так" && T(i + 2).folded == "же") || T(i + 1).folded == "также" ||
             (T(i + 1).folded == "у" && T(i + 2).folded == "себя") ||
             (Pre(T(i + 1).folded, {"так", "таки"}) && T(i + 2).folded == "же"))) {
            c.main = Trigger::kIntroduce;
            c.verb = i;
            c.take_up = true;
        }
    if (c.main == Trigger::kNone && c.example_cue)
        for (std::size_t i = sb; i < se; ++i)
            if (T(i).word && !AdjectiveShaped(T(i).folded) &&
                Pre(T(i).folded, {"сделал", "сделаем", "сделают", "делал", "делаем", "делают", "устроил", "обустроил",
                                  "построил", "оборудовал", "провел", "провод"}) &&
                !(i > sb && T(i - 1).folded == "не")) {
                c.main = Trigger::kIntroduce;
                c.verb = i;
                c.take_up = true;
                break;
            }
    return c;
}

void Finder::SetSentenceFlags(std::size_t s, Trigger main) {
    // «запросили у камчатских коллег документацию»: asking for materials names whom they come from
    borrowing_ = main == Trigger::kBorrow || (main == Trigger::kInterest && SentenceHas(s, {"запросил", "запраш"}));
    interested_ = SentenceHas(s, {"заинтересова", "изуча", "изучи", "присматрива", "интерес", "рассматрива"});
    similar_ = false;  // «открыли такие же центры у себя»
    for (std::size_t i = d.sents[s].first_token; i + 1 < d.sents[s].end_token; ++i)
        similar_ = similar_ || (Pre(T(i).folded, {"таки", "такой", "такую", "такое"}) && T(i + 1).folded == "же") ||
                   Pre(T(i).folded, {"аналогичн", "подобн"});
    introducing_ = main == Trigger::kIntroduce || main == Trigger::kSpread;
    applying_ = false;
    for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i) {
        const std::string& f = T(i).folded;
        bool noun = f.ends_with("ия") || f.ends_with("ие") || f.ends_with("ию") || f.ends_with("ии") ||
                    f.ends_with("ием") || f.ends_with("ий");
        applying_ = applying_ || (T(i).word && !noun && IsApplyingVerb(f));
    }
}

bool Finder::NoBorrowing(std::size_t s, const Cues& c) const {
    // «передаёт агентство», «передал полномочия»: a transfer needs a practice as its object
    if ((c.main == Trigger::kTransfer || c.main == Trigger::kShare) && c.transfer_verb) {
        bool object = false;
        for (std::size_t q = *c.transfer_verb + 1; q < d.sents[s].end_token && q < *c.transfer_verb + 6; ++q)
            object = object || (T(q).word && IsStrongCue(T(q).folded));
        // «Идею нам подарили коллеги»: the object told before the verb
        for (std::size_t q = *c.transfer_verb; q > d.sents[s].first_token && q + 4 > *c.transfer_verb; --q)
            object = object || (T(q - 1).word && (IsStrongCue(T(q - 1).folded) || Pre(T(q - 1).folded, {"иде"})));
        // «Сам бот и регламент городу передали коллеги из …»: a practice noun the sentence opens with
        object =
            object || FirstPracticeNoun(d.sents[s].first_token, std::min(*c.transfer_verb, d.sents[s].first_token + 5));
        // «в Благовещенске такой чат-бот работает …, и коллеги передали нам сценарии»: the practice is named
        bool named = false;
        for (std::size_t m : Candidates(s)) named = named || SimilarWorksIn(m);
        if (!object && !named) return true;
    }
    // «…однако якутская сеть построена на собственной разработке»: not borrowed
    // (but «Вдохновившись подмосковным опытом, педагоги разработали собственную программу» was inspired by one)
    if (SentenceHas(s, {"собственн"}) && SentenceHas(s, {"разработ"}) && !SentenceHas(s, {"вдохнов"})) return true;
    // «Этой системой уже заинтересовались»: a practice the article named before
    // «Сейчас присматриваемся к Саранску»: looking at a place names it as the example (TakeUpPending decides)
    bool pointed = false;
    for (std::size_t i = d.sents[s].first_token; i + 1 < d.sents[s].end_token; ++i)
        pointed =
            pointed ||
            (Pre(T(i).folded, {"этой", "этим", "этот", "эту", "этого"}) && IsPracticeNoun(T(i + 1).folded)) ||
            (Pre(T(i).folded, {"присматрива", "присмотре", "приглядыва", "пригляде"}) && T(i + 1).folded == "к") ||
            // «Интерес к технологии проявили и в Ишиме»: interest in a practice named by its noun
            (T(i).folded == "к" && IsPracticeNoun(T(i + 1).folded)) ||
            (Pre(T(i).folded, {"изуча"}) && T(i + 1).text == "," && i + 2 < d.sents[s].end_token &&
             T(i + 2).folded == "как");  // «изучаем, как вологжане выстроили обучение»
    return c.main == Trigger::kInterest && !c.example_cue &&
           !SentenceHas(s, {"опыт", "практик", "модел", "пример", "разработк"}) &&
           !(interested_ && AdjectivalSourceBeforePractice(s)) && !pointed;
}

// «Тогда ряд депутатов предлагал перенять забайкальскую модель … От идеи перенять забайкальскую модель в итоге
// отказались»: a refusal takes back the proposal of the two sentences before with the same source.
// («Он предложил по примеру Пензенской области ввести выплаты старостам. … Министр ответила, что вводить такие
// выплаты регион не планирует»: a refusal of «такие» + the practice's own word takes it back without its source)
void Finder::Retract(std::size_t s) {
    std::vector<std::string> keys;
    for (std::size_t m : Candidates(s)) keys.push_back(Key(m));
    const std::string sentence = d.SliceCp(d.sents[s].start, d.sents[s].end);
    const bool such = SentenceHas(s, {"такие", "такой", "такую", "такое", "таких", "подобн", "аналогичн"});
    // («инициатива отклонена»: the proposal itself, by its noun)
    const bool voted_down = SentenceHas(s, {"отклонен", "отклонил", "отвергл", "провалил"});
    retracted_ += std::erase_if(out, [&](const Fact& f) {
        if (f.kind != FactKind::kAdoption || !f.source || s == 0) return false;
        // (the proposal two sentences before)
        if (f.stage == domain::AdoptionStage::kInterest && f.evidence.start >= d.sents[s > 2 ? s - 2 : 0].start &&
            std::find(keys.begin(), keys.end(), Key(*f.source)) != keys.end())
            return true;
        // (or — «такие» + its word — a proposal in the paragraph before, with its quotations)
        const std::size_t para = ParagraphStart(s);
        const auto told = SentenceAt(f.evidence.start);
        // (a vote takes back the article's proposal wherever it was told)
        return (such || voted_down) && told &&
               (voted_down || f.evidence.start >= d.sents[para > 0 ? ParagraphStart(para - 1) : 0].start) &&
               SentenceHas(*told, {"предлож", "предлага", "инициатив"}) &&
               (voted_down || SharesWord(f.practice_text, sentence));
    });
}

// «Читайте также: …», «Фото: …», «Подписывайтесь …»: the outlet's boilerplate tells about other articles.
bool Finder::Boilerplate(std::size_t s) const {
    std::size_t w = d.sents[s].first_token, se = d.sents[s].end_token;
    while (w < se && !T(w).word) ++w;
    if (w >= se) return true;
    const std::string& f = T(w).folded;
    if (In(f, {"фото", "источник", "подписывайтесь", "подписаться"})) return true;
    return w + 1 < se && In(f, {"читайте", "смотрите", "см"}) && T(w + 1).folded == "также";
}

void Finder::Sentence(std::size_t s) {
    if (Boilerplate(s)) return;
    Cues c = ScanCues(s);
    TakeUpPending(s, c);
    if (c.relative_borrow) RelativeBorrowing(s, *c.relative_borrow);
    if (c.denied) {
        if (c.example_cue || c.example_adjective) ++denied_;
        Retract(s);
        return;
    }
    // «По итогам голосования инициатива отклонена»: a proposal voted down is taken back
    if (c.main == Trigger::kNone && SentenceHas(s, {"отклонен", "отклонил", "отвергл", "провалил"}) &&
        SentenceHas(s, {"инициатив", "предложени", "иде", "законопроект", "поправк"})) {
        Retract(s);
        return;
    }
    if (c.main == Trigger::kNone && !c.example_cue && !c.example_adjective) {
        VisitPending(s);
        // «В Татарстане каждому жителю … назначают персонального куратора»: what is done somewhere, for a «такую
        // практику» after it
        if (!pending_) WorksPending(s);
        return;
    }
    SetSentenceFlags(s, c.main);
    if (NoBorrowing(s, c)) return;
    // a visit or an exchange of experience is not an adoption unless something is taken up
    bool visit = SentenceHas(
        s, {"делегац", "визит", "посетил", "обмен", "поделил", "делил", "делят", "делит", "встрет", "встреч"});
    // …unless a following sentence takes it up: «По итогам поездки решили запустить такие маршруты у себя»
    // («— с прицелом на внедрение у себя», «с целью внедрения»: the purpose told as a phrase)
    const bool purpose = SentenceHas(s, {"чтобы", "прицел"}) ||
                         (SentenceHasWord(s, {"целью"}) && SentenceHas(s, {"внедр", "переня", "перенят", "тиражир"}));
    // («Вдохновившись подмосковным опытом, педагоги разработали программу: … встречи с нейропсихологом»: an example
    // followed is taken up whatever else the sentence meets)
    const bool only_pending = visit && !c.take_up && !purpose && !c.example_cue;

    told_practice_.reset();
    Parties p = FindParties(s, c);
    if (!p.source) {
        ScaledLater(s, c);
        if (c.main == Trigger::kIntroduce) WorksPending(s);
        return;
    }
    // «Пенза открыла медиацентры в школах, Саранск пилотирует формат …»: the first clause's verb names the practice
    std::optional<std::size_t> verb = c.verb;
    if (p.adopters.size() > 1 && d.spans[p.adopters[0]].first >= d.sents[s].first_token && !ClauseSubjects(s).empty())
        for (std::size_t i = d.spans[p.adopters[0]].second; i < d.sents[s].end_token && T(i).text != ","; ++i)
            if (T(i).word && TriggerOf(T(i), &T(i - 1)) != Trigger::kNone) {
                verb = i;
                break;
            }
    auto practices = Practices(s, verb, p.source);
    // «Первым к проекту присоединился Сарапул»: the practice the earlier sentence names in full
    if (told_practice_ && practices.size() <= 1) {
        practices = {PracticeText(PracticeAt(*told_practice_, d.sents[T(*told_practice_).sent].end_token, p.source))};
        practice_sources_.assign(1, std::nullopt);
    }
    // «Два павильона по образцу сургутских открыли в окружной столице»: nothing named, a practice from the same
    // source told before — that one
    // (and «… планируется запустить также в Спасске-Дальнем»: one more place for the practice told)
    if (practices.empty() && (c.example_cue || c.example_adjective || c.main == Trigger::kBorrow ||
                              (!p.adopters.empty() && AlsoBefore(d.spans[p.adopters[0]].first))))
        for (auto it = out.rbegin(); it != out.rend(); ++it)
            if (it->kind == FactKind::kAdoption && it->source && Key(*it->source) == Key(*p.source) &&
                it->practice_text.find(' ') != std::string::npos) {  // a phrase, not «модель»
                practices.push_back(it->practice_text);
                practice_sources_.assign(1, std::nullopt);
                break;
            }
    // «Районы работают по модели, которую применяет Новосибирская область»: the places told before do what the
    // sentence before or the headline names
    if (practices.empty() && c.example_cue && !PlacesByPluralNoun(s, *p.source).empty()) {
        std::string before = PracticeBefore(s);
        if (before.empty()) before = LeadPractice(s, "");
        if (!before.empty()) {
            practices.push_back(before);
            practice_sources_.assign(1, std::nullopt);
        }
    }
    if (practices.empty()) {
        practices.emplace_back();
        practice_sources_.assign(1, std::nullopt);
    }
    // «А вот в Нижневартовске к опыту сургутян пока только присматриваются»: interest in a place's experience is
    // interest in the practice the article leads with
    if (practices.size() == 1 && practices[0].empty() && c.main == Trigger::kInterest &&
        d.spans[*p.source].first > d.sents[s].first_token && IsStrongCue(T(d.spans[*p.source].first - 1).folded))
        if (std::string lead = LeadPractice(s, ""); !lead.empty()) practices[0] = lead;
    // «Сейчас присматриваемся к Саранску.»: interest in a place, the practice told later
    const bool unnamed = practices.size() == 1 && practices[0].empty();
    if (only_pending || (unnamed && c.main == Trigger::kInterest) || p.neighbours) {
        pending_ = Pending{s, *p.source, p.adopters, practices, false, false, p.neighbours};
        return;
    }
    Emit(s, c, p, practices, c.verb ? Gaps(s, *c.verb) : std::vector<Gap>{});
}

void Finder::Emit(std::size_t s, const Cues& c, const Parties& p, const std::vector<std::string>& practices,
                  const std::vector<Gap>& gaps) {
    const auto adopters = JointBodiesExpanded(p.adopters);
    std::vector<std::optional<std::size_t>> adopter_list(adopters.begin(), adopters.end());
    if (adopter_list.empty()) adopter_list.emplace_back();
    std::vector<std::size_t> sources{*p.source};
    sources.insert(sources.end(), p.more_sources.begin(), p.more_sources.end());
    // a source the gapped clause names takes the gapped clause's practice only
    std::erase_if(sources, [&](std::size_t src) {
        return std::any_of(gaps.begin(), gaps.end(), [&](const Gap& g) { return Key(g.source) == Key(src); });
    });
    if (adopter_list.size() == 1 && !adopter_list[0] && c.main == Trigger::kSpread && sources.size() == 1)
        if (auto whole = WholeRegionFromCapital(s, sources[0])) {
            adopter_list[0] = whole->first;
            sources[0] = whole->second;
        }
    for (auto a : adopter_list) {
        if (a) a = CityForAdjective(PlaceOfBody(*a, p.source), p.source);
        for (std::size_t pi = 0; pi < practices.size(); ++pi) {
            const bool own = pi < practice_sources_.size() && practice_sources_[pi];
            for (std::size_t src : own ? std::vector<std::size_t>{*practice_sources_[pi]} : sources)
                EmitOne(s, c, p, a ? std::optional<std::size_t>(BodyOfPeople(*a, src)) : a,
                        CityForAdjective(PlaceOfBody(src, a), a), practices[pi]);
        }
        for (const Gap& g : gaps)
            if (!g.adopter) EmitOne(s, c, p, a, CityForAdjective(g.source, a), g.practice);
    }
    for (const Gap& g : gaps)
        if (g.adopter) EmitOne(s, c, p, g.adopter, CityForAdjective(g.source, g.adopter), g.practice);
}

// The towns a town's body named for several holds («администрации Ессентуков и Железноводска»), in order; none for
// a body of one town or any other body.
std::vector<std::size_t> Finder::TownsOfJointBody(std::size_t body) const {
    std::vector<std::size_t> towns;
    if (d.mentions[body].kind != MentionKind::kOrganisation) return towns;
    const auto [b, e] = d.spans[body];
    if (!Pre(T(b).folded, {"администрац", "мэри", "делегац"})) return towns;
    for (std::size_t m = 0; m < d.mentions.size(); ++m)
        if (m != body && d.spans[m].first >= b && d.spans[m].second <= e &&
            d.mentions[m].kind == MentionKind::kMunicipality && d.mentions[m].ref && !d.mentions[m].adjectival)
            towns.push_back(m);
    // (joined by «и» or a comma: one body of two towns, not «администрации Кировского района Екатеринбурга»)
    for (std::size_t k = 1; k < towns.size(); ++k) {
        const std::size_t between = d.spans[towns[k]].first;
        if (between == 0 || (T(between - 1).folded != "и" && T(between - 1).text != ",")) return {};
    }
    return towns;
}

// «делегации администраций Ессентуков и Железноводска»: the towns of a body named for several stand for it, each.
std::vector<std::size_t> Finder::JointBodiesExpanded(const std::vector<std::size_t>& adopters) const {
    std::vector<std::size_t> out_list;
    for (std::size_t a : adopters) {
        const auto towns = TownsOfJointBody(a);
        if (towns.size() < 2)
            out_list.push_back(a);
        else
            out_list.insert(out_list.end(), towns.begin(), towns.end());
    }
    return out_list;
}

// Body `body` holds a place mention inside its name: «министерства промышленности Самарской области».
bool Finder::NamesAPlace(std::size_t body) const {
    for (std::size_t m = 0; m < d.mentions.size(); ++m)
        if (m != body && d.spans[m].first >= d.spans[body].first && d.spans[m].second <= d.spans[body].second &&
            IsPlaceKind(d.mentions[m].kind))
            return true;
    return false;
}

// Body `body` holds a place mention that is `place` (by key) inside its name: «мэрии Йошкар-Олы», «Йошкар-Ола».
bool Finder::BodyOfPlace(std::size_t body, std::size_t place) const {
    if (d.mentions[body].kind != MentionKind::kOrganisation || !IsPlaceKind(d.mentions[place].kind)) return false;
    const std::string key = Key(place);
    for (std::size_t m = 0; m < d.mentions.size(); ++m)
        if (m != body && d.spans[m].first >= d.spans[body].first && d.spans[m].second <= d.spans[body].second &&
            IsPlaceKind(d.mentions[m].kind) && Key(m) == key)
            return true;
    return false;
}

// Russia itself: the country every party lies in, never one of them.
bool Finder::HomeCountry(std::size_t m) const {
    return d.mentions[m].kind == MentionKind::kCountry && d.mentions[m].ref && d.mentions[m].ref->iso == "RU";
}

// Adopter a and source src are no two parties of a borrowing: one place twice, Russia itself, a town and the
// district named for it («из Балтийска, где …, по словам … администрации Балтийского городского округа»), a body and
// the place its own name holds («мэрии Йошкар-Олы» from «Йошкар-Олы»).
bool Finder::NoPair(std::optional<std::size_t> a, std::size_t src) const {
    if (HomeCountry(src) || (a && HomeCountry(*a))) return true;  // «стартовал в России»
    if (!a) return false;
    auto district_of_town = [&](std::size_t district, std::size_t town) {
        return d.mentions[town].ref && d.mentions[town].kind == MentionKind::kMunicipality &&
               DistrictNamedFor(district, TownStem(d.mentions[town].ref->name));
    };
    return Key(*a) == Key(src) || district_of_town(*a, src) || district_of_town(src, *a) || BodyOfPlace(*a, src) ||
           BodyOfPlace(src, *a);
}

void Finder::EmitOne(std::size_t s, const Cues& c, const Parties& p, std::optional<std::size_t> a, std::size_t src,
                     const std::string& practice) {
    const bool explicit_borrow = c.main == Trigger::kBorrow || c.main == Trigger::kTransfer || c.example_cue;
    if (NoPair(a, src)) return;
    // «государственная программа Костромской области реализуется … в Костроме»: a region's own programme at
    // work inside it is no borrowing unless the sentence says so («переняли», «по примеру»)
    if (a && !explicit_borrow && d.mentions[src].kind == MentionKind::kRegion && !RegionOf(src).empty() &&
        RegionOf(*a) == RegionOf(src))
        return;
    // «В Алтайском крае применяется система, разработанная в Новосибирской области. Методика была взята на
    // вооружение по решению краевого министерства»: the region's own government body taking up what the region was
    // just told to have taken up is that fact again, not a borrowing from the region
    // (a body that names its own place, «министерство … Самарской области», is that place's)
    if (a && d.mentions[*a].kind == MentionKind::kOrganisation && !Institution(*a) && !NamesAPlace(*a) &&
        d.mentions[src].kind == MentionKind::kRegion && std::any_of(out.begin(), out.end(), [&](const Fact& f) {
            return f.kind == FactKind::kAdoption && f.adopter && Key(*f.adopter) == Key(src);
        }))
        return;
    // «Школы ухода мы открываем по примеру Татарстана. … Сейчас такие школы работают в Великом Новгороде»: a fact
    // just told, turned round, is where the borrowed practice now works, not a borrowing back (unless the sentence
    // says so: «в ответ переняли у новгородцев»)
    if (a && c.main != Trigger::kBorrow && !c.example_cue && s > 0 &&
        std::any_of(out.begin(), out.end(), [&](const Fact& f) {
            // (the region stands for its capital and the other way round, not for the towns of a chain within it)
            auto same_place = [&](std::size_t x, std::size_t y) {
                if (Key(x) == Key(y)) return true;
                const bool xr = d.mentions[x].kind == MentionKind::kRegion,
                           yr = d.mentions[y].kind == MentionKind::kRegion;
                const auto capital = [&](std::size_t m) { return d.mentions[m].ref && d.mentions[m].ref->capital; };
                return !RegionOf(x).empty() && RegionOf(x) == RegionOf(y) && ((xr && capital(y)) || (yr && capital(x)));
            };
            return f.kind == FactKind::kAdoption && f.adopter && f.source &&
                   f.evidence.start >= d.sents[s > 2 ? s - 2 : 0].start && same_place(*f.source, *a) &&
                   same_place(*f.adopter, src);
        }))
        return;
    // «X берёт пример с Google», «привезли из Ижевска пять медалей»: nothing a curator could record
    if (practice.empty()) return;
    // «Формально … передал власть наследнику» (a lone adjective handed over), «штаб-квартира» (moved, not borrowed):
    // no practice
    if ((c.main == Trigger::kTransfer && practice.find(' ') == std::string::npos && AdjectiveShaped(practice)) ||
        Pre(practice, {"штаб-квартир"}))
        return;
    Fact f;
    f.kind = FactKind::kAdoption;
    f.adopter = a;
    f.source = src;
    f.adopter_region = a ? RegionOf(*a) : std::string();
    f.source_region = RegionOf(src);
    f.practice_text = practice;
    f.stage = StageFor(s, c.main, a, src, practice);
    f.channel = ChannelOf(s);
    auto ev_end = d.sents[p.last_sentence].end;
    f.evidence = Evidence{d.sents[s].start, ev_end, d.SliceCp(d.sents[s].start, ev_end)};
    double conf = 0.45;
    if (a && d.spans[*a].first >= d.sents[s].first_token) conf += 0.2;
    if (!practice.empty()) conf += 0.1;
    if (explicit_borrow) conf += 0.15;
    f.confidence = std::min(conf, 0.95);
    if (Refine(f) || Duplicate(f, explicit_borrow)) return;
    out.push_back(std::move(f));
}

}  // namespace orientir::extract::detail::adoption

namespace orientir::extract::detail {

namespace adoption {

// A school, a library, a museum, a hospital, a centre — a body that stands for itself, not a government body that
// stands for its town or region («управление ЖКХ мэрии Череповца» is Череповец to a reader).
// A body's head noun, once per mention (tokenising and stemming a name is the costly part).
const std::string& Finder::HeadOf(std::size_t m) const {
    if (heads_.size() != d.mentions.size()) heads_.assign(d.mentions.size(), std::nullopt);
    if (!heads_[m])
        heads_[m] = OrganisationHead(d.mentions[m].normal.empty() ? d.mentions[m].text : d.mentions[m].normal);
    return *heads_[m];
}

bool Finder::Institution(std::size_t m) const {
    if (d.mentions[m].kind != MentionKind::kOrganisation) return false;
    const std::string& head = HeadOf(m);
    return !head.empty() && !Pre(head, {"министерств", "департамент", "управлен", "комитет", "агентств", "администрац",
                                        "правительств", "мэри", "дум", "собрани", "служб", "инспекц", "отдел"});
}

// «Георгиевская центральная городская библиотека» takes up what «коллеги из Пятигорска» showed, and the article names
// «Центральной городской библиотеки Пятигорска»: a body learns from a body of its own kind, so a town on the other
// side is the one body of the same head noun the article names in that town (and the other way round).
void Finder::Counterparts(std::size_t from) {
    auto counterpart = [&](std::size_t place, std::size_t body) -> std::optional<std::size_t> {
        if (!IsPlaceKind(d.mentions[place].kind) || d.mentions[place].kind == MentionKind::kCountry ||
            d.mentions[body].kind != MentionKind::kOrganisation)
            return std::nullopt;
        // (an institution: a ministry or an administration and its region are the annotators' choice either way)
        if (!Institution(body)) return std::nullopt;
        const std::string head = HeadOf(body);
        std::optional<std::size_t> found;
        for (std::size_t o = 0; o < d.mentions.size(); ++o) {
            if (d.mentions[o].kind != MentionKind::kOrganisation || Key(o) == Key(body) || HeadOf(o) != head) continue;
            bool in_place = false;  // «… библиотеки Пятигорска»: the town inside the body's name
            for (std::size_t q = 0; q < d.mentions.size() && !in_place; ++q)
                in_place = q != o && d.spans[q].first > d.spans[o].first && d.spans[q].second <= d.spans[o].second &&
                           IsPlaceKind(d.mentions[q].kind) && Key(q) == Key(place);
            if (!in_place) continue;
            if (found && Key(*found) != Key(o)) return std::nullopt;  // two such bodies: neither
            if (!found) found = o;
        }
        return found;
    };
    for (std::size_t k = from; k < out.size(); ++k) {
        Fact& f = out[k];
        if (f.kind != FactKind::kAdoption || !f.adopter || !f.source) continue;
        if (auto o = counterpart(*f.source, *f.adopter))
            f.source = o;
        else if (auto a = counterpart(*f.adopter, *f.source))
            f.adopter = a;
    }
    // «Опытом ДШИ № 5 уже заинтересовались в Дербенте» after the school took up an inclusive studio: the experience
    // of one that took a practice up is that practice
    for (std::size_t k = from; k < out.size(); ++k) {
        Fact& f = out[k];
        if (f.kind != FactKind::kAdoption || !f.source) continue;
        const std::string first = f.practice_text.substr(0, f.practice_text.find(' '));
        if (!In(first, {"опыт", "практика", "наработки"})) continue;
        // («Оренбургский опыт там переняли» after «оренбургскую модель «Доктор рядом»» went to Samara: the practice
        // told before from the same source)
        auto named = [&](const Fact& e) {
            return e.kind == FactKind::kAdoption && e.practice_text.find(' ') != std::string::npos &&
                   !In(e.practice_text.substr(0, e.practice_text.find(' ')), {"опыт", "практика", "наработки"});
        };
        std::optional<std::size_t> took, same_source;
        for (std::size_t j = from; j < k; ++j) {
            if (!named(out[j])) continue;
            if (!took && out[j].adopter && Key(*out[j].adopter) == Key(*f.source)) took = j;
            if (!same_source && out[j].source &&
                (Key(*out[j].source) == Key(*f.source) ||
                 (!f.source_region.empty() && out[j].source_region == f.source_region)))
                same_source = j;
        }
        if (took)
            f.practice_text = out[*took].practice_text;
        else if (same_source)
            f.practice_text = out[*same_source].practice_text;
    }
}

// «Нерехтская центральная районная библиотека … Ростовская центральная межпоселенческая библиотека …»: when each
// party's place holds exactly one body of one kind — a library and a library, a fund and a fund — the borrowing is
// between those bodies, told by their places («в Нерехте взяли ростовскую модель»). Not a government or an
// administration: those stand for their place.
void Finder::KindredBodies(std::size_t from) {
    auto own_body = [&](std::size_t o) {
        const std::string& h = HeadOf(o);
        return !h.empty() && !MediaOutlet(o) &&
               !Pre(h, {"правительств", "администрац", "мэри", "министерств", "дум", "собрани", "департамент",
                        "комитет", "власт"});
    };
    // the bodies of one kind whose names hold place p: head → body (two different bodies of a kind: none)
    auto bodies_in = [&](std::size_t p) {
        std::map<std::string, std::optional<std::size_t>> found;
        for (std::size_t o = 0; o < d.mentions.size(); ++o) {
            if (d.mentions[o].kind != MentionKind::kOrganisation || !own_body(o)) continue;
            bool holds = false;
            for (std::size_t q = 0; q < d.mentions.size() && !holds; ++q)
                holds =
                    q != o && IsPlaceKind(d.mentions[q].kind) && d.spans[q].first >= d.spans[o].first &&
                    d.spans[q].second <= d.spans[o].second &&
                    (Key(q) == Key(p) ||
                     // (a region holds the bodies of its towns: «подмосковный опыт» is that of «… школы № 1
                     // города Подольска»)
                     (d.mentions[p].kind == MentionKind::kRegion && d.mentions[q].kind == MentionKind::kMunicipality &&
                      !RegionOf(p).empty() && RegionOf(q) == RegionOf(p)) ||
                     // (and a capital the bodies that name its region: «краснодарских коллег» are those of «…
                     // больница» of «министерства здравоохранения Краснодарского края»)
                     (d.mentions[p].kind == MentionKind::kMunicipality && d.mentions[p].ref &&
                      d.mentions[p].ref->capital && d.mentions[q].kind == MentionKind::kRegion &&
                      !RegionOf(p).empty() && RegionOf(q) == RegionOf(p)));
            if (!holds) continue;
            auto [it, fresh] = found.emplace(HeadOf(o), o);
            if (!fresh && it->second && Key(*it->second) != Key(o)) it->second.reset();
        }
        return found;
    };
    std::vector<bool> remapped(out.size(), false);
    for (std::size_t k = from; k < out.size(); ++k) {
        Fact& f = out[k];
        if (f.kind != FactKind::kAdoption || !f.adopter || !f.source) continue;
        const bool ap = IsPlaceKind(d.mentions[*f.adopter].kind), sp = IsPlaceKind(d.mentions[*f.source].kind);
        if (!ap && !sp) continue;
        auto a_bodies = ap ? bodies_in(*f.adopter) : std::map<std::string, std::optional<std::size_t>>{};
        auto s_bodies = sp ? bodies_in(*f.source) : std::map<std::string, std::optional<std::size_t>>{};
        if (!ap && d.mentions[*f.adopter].kind == MentionKind::kOrganisation && own_body(*f.adopter))
            a_bodies.emplace(HeadOf(*f.adopter), *f.adopter);
        if (!sp && d.mentions[*f.source].kind == MentionKind::kOrganisation && own_body(*f.source))
            s_bodies.emplace(HeadOf(*f.source), *f.source);
        for (const auto& [head, a] : a_bodies) {
            auto s = s_bodies.find(head);
            if (!a || s == s_bodies.end() || !s->second || Key(*a) == Key(*s->second)) continue;
            f.adopter = *a;
            f.source = *s->second;
            remapped[k] = true;
            break;
        }
    }
    // a body's fact told again by its place («В Вельске взяли котласскую модель») is now the same fact (only a fact
    // made a body's here: two practices borrowed between two regions stay two facts)
    for (std::size_t k = out.size(); k-- > from + 1;) {
        const Fact& f = out[k];
        if (f.kind != FactKind::kAdoption || !f.adopter || !f.source) continue;
        for (std::size_t j = from; j < k; ++j) {
            const Fact& e = out[j];
            if (!remapped[k] && !remapped[j]) continue;
            if (e.kind == FactKind::kAdoption && e.adopter && e.source && Key(*e.adopter) == Key(*f.adopter) &&
                Key(*e.source) == Key(*f.source) &&
                (e.practice_text == f.practice_text || SharesWord(e.practice_text, f.practice_text))) {
                out.erase(out.begin() + static_cast<std::ptrdiff_t>(k));
                break;
            }
        }
    }
}

// «Новгородская область пошла осторожнее. Кешбэк по алтайскому образцу здесь действует … в Валдайский район»: a
// district or a body the directory does not place lies in the region named last before it — in its sentence or the
// two before, not the other party — so the curator's form opens with that region chosen.
void Finder::RegionsFromContext(std::size_t from) {
    for (std::size_t k = from; k < out.size(); ++k) {
        Fact& f = out[k];
        if (f.kind != FactKind::kAdoption) continue;
        if (f.adopter && f.adopter_region.empty()) f.adopter_region = RegionBefore(*f.adopter, f.source);
        if (f.source && f.source_region.empty()) f.source_region = RegionBefore(*f.source, f.adopter);
    }
}

void Finder::LocalPlacesAsTheirTown(std::size_t from) {
    // the place the article is about: the town or region it names most often (the first named of a tie)
    std::unordered_map<std::string, int> count;
    std::unordered_map<std::string, std::size_t> first;
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        const auto& ref = d.mentions[m].ref;
        if (d.mentions[m].start < 0 || !ref ||
            (ref->kind != EntityKind::kRegion && ref->kind != EntityKind::kMunicipality))
            continue;
        ++count[ref->name];
        first.emplace(ref->name, m);
    }
    auto home_for = [&](std::optional<std::size_t> other) -> std::optional<std::size_t> {
        std::optional<std::size_t> best;
        for (const auto& [name, n] : count) {
            const std::size_t m = first.at(name);
            if (n < 2 || (other && Key(*other) == name)) continue;
            if (!best || n > count.at(Key(*best)) || (n == count.at(Key(*best)) && m < *best)) best = m;
        }
        return best;
    };
    // a city's district named by its adjective alone, a common word of the dictionary («в Центральном, Заводском и
    // Кузнецком районах»), not in the directory; a district named for a place («Рамонский») is no dictionary word
    // and stays a party of its own, as does a town the directory lacks («в Кимрах»)
    auto local = [&](std::size_t m) {
        const Mention& mm = d.mentions[m];
        return mm.kind == MentionKind::kMunicipality && !mm.ref && !mm.adjectival &&
               mm.text.find(' ') == std::string::npos && words::IsAdjectiveWord(text::Fold(mm.text)) &&
               text::Lemmatizer::Default().Known(text::Fold(mm.text));
    };
    // (all the districts listed with it so: «Кировский и Тосненский районы» of Ленинградская область are its
    // municipal districts, the one named for a place tells)
    auto listed_with_other = [&](const Fact& f) {
        for (std::size_t j = from; j < out.size(); ++j) {
            const Fact& o = out[j];
            if (o.kind == FactKind::kAdoption && o.adopter && o.source && f.source &&
                Key(*o.source) == Key(*f.source) && d.mentions[*o.adopter].kind == MentionKind::kMunicipality &&
                !local(*o.adopter))
                return true;
        }
        return false;
    };
    std::vector<bool> move(out.size(), false);  // decided before any adopter changes
    for (std::size_t k = from; k < out.size(); ++k)
        move[k] = out[k].kind == FactKind::kAdoption && out[k].adopter && local(*out[k].adopter) &&
                  !listed_with_other(out[k]);
    bool changed = false;
    for (std::size_t k = from; k < out.size(); ++k) {
        Fact& f = out[k];
        if (!move[k]) continue;
        const auto home = home_for(f.source);
        if (!home || d.mentions[*home].ref->kind != EntityKind::kMunicipality) continue;  // a town has districts
        f.adopter = *home;
        f.adopter_region = RegionOf(*home);
        changed = true;
    }
    if (!changed) return;
    // one fact per pair of parties and practice
    for (std::size_t k = from; k < out.size(); ++k) {
        if (out[k].kind != FactKind::kAdoption) continue;
        for (std::size_t j = from; j < k; ++j)
            if (out[j].kind == FactKind::kAdoption && out[j].adopter && out[k].adopter && out[j].source &&
                out[k].source && Key(*out[j].adopter) == Key(*out[k].adopter) &&
                Key(*out[j].source) == Key(*out[k].source) && out[j].practice_text == out[k].practice_text) {
                out.erase(out.begin() + static_cast<std::ptrdiff_t>(k--));
                break;
            }
    }
}

std::string Finder::RegionBefore(std::size_t m, std::optional<std::size_t> other) const {
    const MentionKind kind = d.mentions[m].kind;
    if ((kind != MentionKind::kMunicipality && kind != MentionKind::kOrganisation) || d.mentions[m].ref) return {};
    const std::size_t b = d.spans[m].first, s = T(b).sent;
    const std::size_t from = d.sents[s >= 2 ? s - 2 : 0].first_token;
    std::optional<std::size_t> nearest;
    for (std::size_t o = 0; o < d.mentions.size(); ++o) {
        const auto& ref = d.mentions[o].ref;
        if (d.spans[o].first < from || d.spans[o].second > b || !ref || ref->kind != EntityKind::kRegion ||
            (other && Key(o) == Key(*other)))
            continue;
        if (!nearest || d.spans[o].first > d.spans[*nearest].first) nearest = o;
    }
    return nearest ? RegionOf(*nearest) : std::string();
}

void Finder::TownAdjectivesAsDistricts(std::size_t from) {
    for (std::size_t k = from; k < out.size(); ++k) {
        Fact& f = out[k];
        if (f.kind != FactKind::kAdoption) continue;
        auto district_of = [&](std::optional<std::size_t>& party, std::string& region,
                               const std::optional<std::size_t>& other) {
            if (!party) return;
            auto district = DistrictForAdjective(*party);
            if (!district || (other && Key(*other) == Key(*district))) return;
            party = *district;
            region = RegionOf(*district);
        };
        district_of(f.adopter, f.adopter_region, f.source);
        district_of(f.source, f.source_region, f.adopter);
    }
}

// The body of the one an interview is with: the organisation of the first post held by a person the article names
// before its first answer («мы поговорили с директором центра Мариной Юрьевной Пестовой»); none when the article
// has no answers («— …» paragraphs after a question).
std::optional<std::size_t> Finder::Interviewee() const {
    auto dash = [&](std::size_t s) {
        const std::size_t b = d.sents[s].first_token;
        return b < d.toks.size() && (T(b).text == "—" || T(b).text == "–") && ParagraphStart(s) == s;
    };
    std::optional<std::size_t> first_answer;
    for (std::size_t s = 1; s < d.sents.size() && !first_answer; ++s)
        if (dash(s) && dash(s - 1) && T(d.sents[s - 1].end_token - 1).text == "?") first_answer = s;
    if (!first_answer) return std::nullopt;
    const std::size_t before = d.sents[ParagraphStart(*first_answer - 1)].first_token;
    for (const Fact& f : out)
        if (f.kind == FactKind::kPosition && f.person && f.organisation && d.spans[*f.person].first < before &&
            d.mentions[*f.organisation].kind == MentionKind::kOrganisation && !MediaOutlet(*f.organisation))
            return f.organisation;
    return std::nullopt;
}

void Finder::IntervieweesBody(std::size_t from) {
    const auto body = Interviewee();
    if (!body) return;
    const std::string body_name = text::Fold(Key(*body));
    for (std::size_t k = from; k < out.size(); ++k) {
        Fact& f = out[k];
        if (f.kind != FactKind::kAdoption || !f.adopter || !IsPlaceKind(d.mentions[*f.adopter].kind)) continue;
        // (an answer's sentence: its paragraph opens with a dash)
        const std::size_t s = T(d.spans[*f.adopter].first).sent;
        const std::size_t b = d.sents[ParagraphStart(s)].first_token;
        if (!(T(b).text == "—" || T(b).text == "–") && !SentenceHasOur(s) &&
            !SentenceHasWord(s, {"мы", "нас", "нам", "нами"}))
            continue;
        // the place the body is in: its region, or a place whose name's stem its name carries («Елизовский
        // комплексный центр …» in «Елизовском районе»)
        const std::string place = text::Fold(Key(*f.adopter));
        const std::string stem = words::U8(words::U32(place).substr(0, 5));
        const bool in_place = (d.mentions[*f.adopter].kind == MentionKind::kRegion && !RegionOf(*body).empty() &&
                               RegionOf(*body) == RegionOf(*f.adopter)) ||
                              (text::CodePointLength(stem) == 5 && body_name.find(stem) != std::string::npos);
        if (!in_place || (f.source && Key(*f.source) == Key(*body))) continue;
        f.adopter = *body;
        f.adopter_region = RegionOf(*body);
    }
}

void Finder::SourceBodiesOfTheirPlaces(std::size_t from) {
    for (std::size_t k = from; k < out.size(); ++k) {
        Fact& f = out[k];
        if (f.kind != FactKind::kAdoption || !f.adopter || !f.source ||
            d.mentions[*f.adopter].kind != MentionKind::kOrganisation || MediaOutlet(*f.adopter) ||
            !IsPlaceKind(d.mentions[*f.source].kind) || d.mentions[*f.source].kind == MentionKind::kCountry)
            continue;
        const std::size_t s = T(d.spans[*f.source].first).sent;
        for (std::size_t o = 0; o < d.mentions.size(); ++o) {
            const Mention& om = d.mentions[o];
            if (om.kind != MentionKind::kOrganisation || om.start < 0 || T(d.spans[o].first).sent != s ||
                Key(o) == Key(*f.adopter) || MediaOutlet(o) || cand_at[d.spans[o].first] != static_cast<int>(o) ||
                (d.spans[o].first >= d.spans[*f.adopter].first && d.spans[o].second <= d.spans[*f.adopter].second))
                continue;
            if (!BodyOfPlace(o, *f.source) && (RegionOf(o).empty() || RegionOf(o) != RegionOf(*f.source))) continue;
            f.source = o;
            f.source_region = RegionOf(o);
            break;
        }
    }
}

void Finder::OnePerPractice(std::size_t from) {
    // the content words of a practice title by stem, without the generic heads («проект «Мобильный гериатр»» and
    // «выездные гериатрические бригады» share «гериатр»)
    auto content = [](const std::string& practice) {
        std::set<std::string> stems;
        for (const auto& t : text::Tokenize(practice)) {
            if (!t.is_word || text::CodePointLength(t.folded) < 5 ||
                Pre(t.folded, {"проект", "практик", "модел", "опыт", "систем", "формат", "иде", "схем", "программ",
                               "центр", "служб", "услуг", "работ", "организац", "создан", "развити"}))
                continue;
            std::string stem = text::Stem(t.folded);
            if (text::CodePointLength(stem) > 6) stem = words::U8(words::U32(stem).substr(0, 6));  // «гериатр-ическ»
            stems.insert(stem);
        }
        return stems;
    };
    std::map<std::pair<std::string, std::string>, std::vector<std::set<std::string>>> told;
    std::size_t k = from;
    std::erase_if(out, [&](const Fact& f) {
        if (k++ < from || f.kind != FactKind::kAdoption || !f.adopter || !f.source) return false;
        auto& practices = told[{Key(*f.adopter), Key(*f.source)}];
        const auto mine = content(f.practice_text);
        // the same pair told again of a practice with half its words in common, or of none: the same fact
        // («систему учёта добровольческих часов» and «систему долговременного ухода с участием добровольцев» are two)
        for (const auto& other : practices) {
            const auto shared =
                std::count_if(mine.begin(), mine.end(), [&](const std::string& w) { return other.count(w) > 0; });
            if (mine.empty() || other.empty() ||
                2 * static_cast<std::size_t>(shared) >= std::min(mine.size(), other.size()))
                return true;
        }
        practices.push_back(mine);
        return false;
    });
}

}  // namespace adoption

void FindAdoptions(const Doc& d, std::vector<Fact>& facts, bool personnel, const RankModel* ranker,
                   PracticeChoice choice) {
    const std::size_t before = facts.size();
    std::size_t retracted = 0;
    {
        adoption::Finder f(d, facts, personnel);
        for (std::size_t s = 0; s < d.sents.size(); ++s) {
            f.Sentence(s);
            f.RegionScaledToo(s);
        }
        f.AddScaledRegions();
        f.Counterparts(before);
        f.KindredBodies(before);
        f.RegionsFromContext(before);
        f.LocalPlacesAsTheirTown(before);
        f.CompletePractices(before);
        retracted = f.retracted_;
        // («МФЦ не будет внедрять ИИ-консультанта по московскому образцу»: an article whose only borrowing is refused)
        if (f.denied_ > 0 && std::none_of(facts.begin() + static_cast<std::ptrdiff_t>(before), facts.end(),
                                          [](const Fact& x) { return x.kind == FactKind::kAdoption; }))
            ++retracted;
    }
    // the learned reading of the whole article (adoption_ranker.hpp): where no rule recognised the construction,
    // or beside what the rules found
    // (not where the article took back what it proposed: «… регион вводить такие выплаты не планирует»)
    if (ranker && retracted == 0) RankerPass(d, *ranker, personnel, facts, before);
    // the practice title of each fact, among the article's noun phrases (practice_chooser.cpp)
    const bool any = std::any_of(facts.begin() + static_cast<std::ptrdiff_t>(before), facts.end(),
                                 [](const Fact& f) { return f.kind == FactKind::kAdoption; });
    if (any) {
        adoption::Finder f(d, facts, personnel);
        f.TownAdjectivesAsDistricts(before);
        f.IntervieweesBody(before);
        f.SourceBodiesOfTheirPlaces(before);
        if (choice.model || choice.collect) f.ChoosePractices(before, choice.model, choice.collect);
        f.OnePerPractice(before);
    }
}

}  // namespace orientir::extract::detail
