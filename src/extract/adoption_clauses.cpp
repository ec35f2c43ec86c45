// Clauses of a borrowing sentence (adoption.cpp finds the triggers): coordinated parties, the clause a speech
// verb reports, where the speaker spoke, a borrowing told in a relative clause, gapped clauses.
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "extract/adoption_finder.hpp"

namespace orientir::extract::detail::adoption {

// A nominative adjective («Липецкая», «Нижний») against an oblique one («Курской», «Иркутской»).
static bool NominativeAdjective(const std::string& f) {
    for (const char* e : {"ая", "ый", "ий", "ое", "ие", "ые", "яя"})
        if (f.size() > 6 && f.ends_with(e)) return true;
    return false;
}

std::vector<std::size_t> Finder::Coordinated(std::size_t first, const std::vector<std::size_t>& cands, bool places,
                                             bool agree) const {
    std::vector<std::size_t> list;
    std::size_t last = first, closed = 0;
    for (std::size_t m : cands) {
        if (d.spans[m].first < d.spans[last].second) continue;
        // «Минздрав Марий Эл»: two names side by side are one party, not two
        bool coordinated = d.spans[m].first > d.spans[last].second, with_and = false;
        for (std::size_t q = d.spans[last].second; q < d.spans[m].first; ++q) {
            const std::string& f = T(q).folded;
            with_and = with_and || f == "и";
            // «первой переняла Вологда, следом — Череповец», «затем Сокол»: one after another
            coordinated =
                coordinated &&
                (T(q).text == "," || f == "и" ||
                 (places && (In(f, {"а", "также", "в", "во", "затем", "следом", "потом"}) || T(q).text == "—")));
        }
        if (!coordinated) break;
        if (agree &&
            NominativeAdjective(T(d.spans[m].first).folded) != NominativeAdjective(T(d.spans[first].first).folded))
            break;
        // «перенял у Тюмени и Тобольск»: a name as the directory writes it after an oblique one is another case
        if (agree && Nominative(m) && !Nominative(first) && d.mentions[first].ref &&
            text::Fold(d.mentions[first].text) != text::Fold(d.mentions[first].ref->name))
            break;
        list.push_back(m);
        if (with_and) closed = list.size();
        last = m;
    }
    if (agree) list.resize(closed);
    return list;
}

// «…, сообщил, что регион перенимает …»: the token after «, что» before the verb, else the sentence's first.
std::size_t Finder::ReportedClause(std::size_t sb, std::optional<std::size_t> verb) const {
    for (std::size_t i = verb ? *verb : sb; i > sb + 1; --i)
        if (T(i - 1).folded == "что" && T(i - 2).text == ",") return i;
    return sb;
}

// «Выступая в Казани на съезде …», «в Москве на форуме …»: where the speaker spoke, not who borrows.
bool Finder::EventPlace(std::size_t m) const {
    auto [b, e] = d.spans[m];
    auto event = [&](std::size_t i) {
        return i < d.toks.size() &&
               Pre(T(i).folded, {"форум", "съезд", "совещани", "конференц", "заседани", "выставк", "семинар", "сесси"});
    };
    if (b >= 2 && In(T(b - 1).folded, {"в", "во"}) && Pre(T(b - 2).folded, {"выступая", "находясь"})) return true;
    return b >= 1 && In(T(b - 1).folded, {"в", "во"}) && e + 1 < d.toks.size() && T(e).folded == "на" && event(e + 1);
}

// The adopter among the candidates that are not the source: one in the verb's clause (people after a place
// adjective first: «тульские специалисты»); when the clause says only «регион», «город», the place of the one
// who speaks («губернатор Кировской области рассказал, что регион …»); never where the speaker spoke.
std::optional<std::size_t> Finder::PrimaryAdopter(const std::vector<std::size_t>& eligible, std::size_t clause,
                                                  bool reported) const {
    std::optional<std::size_t> first;
    for (std::size_t m : eligible) {
        if (d.spans[m].first < clause) continue;
        if (AdopterPeopleAfter(m)) return m;
        if (!first) first = m;
    }
    if (first) return first;
    for (std::size_t m : eligible) {
        std::size_t b = d.spans[m].first;
        for (std::size_t q = b; q-- > 0 && q + 3 > b && reported;)
            if (Pre(T(q).folded, {"губернатор", "мэр", "глав", "министр", "председател", "руководител"})) return m;
    }
    for (std::size_t m : eligible)
        if (!EventPlace(m)) return m;
    return std::nullopt;
}

// «пришла (в Пермь) из …», «перекочевал из …»: a verb of coming before «из» (token k), a place between them.
bool Finder::ComesFrom(std::size_t k, std::size_t sb) const {
    for (std::size_t q = k; q-- > sb && q + 5 > k;) {
        if (Pre(T(q).folded, {"пришл", "пришел", "перекочева"})) return true;
        if (!T(q).word || (cand_at[q] < 0 && !In(T(q).folded, {"в", "во", "на"}))) return false;
    }
    return false;
}

// «…, который (ранее / уже) …» right before token v.
bool Finder::RelativeBefore(std::size_t v, std::size_t sb) const {
    std::size_t q = v;
    // adverbs and time phrases between: «которую три года назад отработали», «который в 2021 году запустили»,
    // «которое в 2019 году первой в регионе организовала»
    auto between = [&](const Tok& t) {
        return In(t.folded, {"ранее",  "уже",     "успешно", "впервые", "давно",  "еще",    "ещё",       "тогда",
                             "назад",  "год",     "года",    "году",    "лет",    "в",      "несколько", "два",
                             "две",    "три",     "четыре",  "пять",    "первой", "первым", "первыми",   "первая",
                             "первый", "регионе", "стране",  "области", "крае",   "округе", "с"}) ||
               (!t.folded.empty() && std::isdigit(static_cast<unsigned char>(t.folded[0])));
    };
    for (int k = 0; q > sb && k < 6 && between(T(q - 1)); ++k) --q;
    return q > sb + 1 && Pre(T(q - 1).folded, {"котор"}) && T(q - 2).text == ",";
}

void Finder::RelativeBorrowing(std::size_t s, std::size_t verb) {
    std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token, rel = verb;
    while (rel > sb && !Pre(T(rel).folded, {"котор"})) --rel;
    if (rel <= sb + 1 || T(rel - 1).text != ",") return;
    std::optional<std::size_t> subject, source;
    for (std::size_t i = rel + 1; i < verb; ++i)
        if (cand_at[i] >= 0 && !subject) subject = static_cast<std::size_t>(cand_at[i]);
    for (std::size_t i = verb + 1; i + 1 < se && T(i).text != ","; ++i)
        if (In(T(i).folded, {"у", "от"}) && cand_at[i + 1] >= 0) {
            source = static_cast<std::size_t>(cand_at[i + 1]);
            break;
        }
    // the practice the clause qualifies: the last practice noun before the comma, with its adjectives
    std::optional<std::size_t> noun;
    for (std::size_t q = rel - 1; q-- > sb && !noun;)
        if (T(q).word && IsPracticeNoun(T(q).folded) && cand_at[q] < 0) noun = q;
    if (!subject || !source || !noun || Key(*subject) == Key(*source)) return;
    auto start = FirstPracticeNoun(*noun >= sb + 3 ? *noun - 3 : sb, rel - 1);
    Cues c;
    c.main = Trigger::kBorrow;
    Parties p;
    p.source = source;
    p.last_sentence = s;
    const std::size_t before = out.size();
    // («которые региональное министерство переняло»: a body named by its kind stands for its place)
    EmitOne(s, c, p, PlaceOfBody(*subject, source), *source,
            PracticeText(PracticeAt(start ? *start : *noun, rel - 1, std::nullopt)));
    // «которую Татарстан в своё время перенял»: told in the past, it is at work there
    if (out.size() > before && T(verb).folded.ends_with("л")) out.back().stage = domain::AdoptionStage::kImplemented;
}

std::vector<Finder::Gap> Finder::Gaps(std::size_t s, std::size_t verb) const {
    std::vector<Gap> gaps;
    const std::size_t se = d.sents[s].end_token;
    auto source_at = [&](std::size_t i) -> std::optional<std::size_t> {  // «у / от» + a party
        if (i + 1 >= se || !In(T(i).folded, {"у", "от"}) || cand_at[i + 1] < 0) return std::nullopt;
        auto m = static_cast<std::size_t>(cand_at[i + 1]);
        return d.spans[m].first == i + 1 ? std::optional<std::size_t>(m) : std::nullopt;
    };
    for (std::size_t q = verb + 1; q < se; ++q) {
        if (T(q).text != "—" && T(q).text != "–") continue;
        std::size_t cs = q;  // the clause opens after a comma
        while (cs > verb + 1 && T(cs - 1).text != ",") --cs;
        if (cs == verb + 1) continue;
        Gap g;
        std::optional<std::size_t> source;
        for (std::size_t i = cs; i < q; ++i) {
            if (auto m = source_at(i)) {
                source = m;
                i = d.spans[*m].second - 1;
            } else if (cand_at[i] >= 0 && !g.adopter && d.spans[static_cast<std::size_t>(cand_at[i])].first == i) {
                g.adopter = static_cast<std::size_t>(cand_at[i]);
            }
        }
        std::size_t from = q + 1;
        if (!source)
            if ((source = source_at(from))) from = d.spans[*source].second;
        std::size_t ce = from;
        while (ce < se && T(ce).text != "," && T(ce).text != ";") ++ce;
        if (!source || from >= ce) continue;
        g.source = *source;
        g.practice = PracticeText(PracticeAt(from, ce, std::nullopt));
        if (!g.practice.empty()) gaps.push_back(std::move(g));
    }
    return gaps;
}

}  // namespace orientir::extract::detail::adoption
