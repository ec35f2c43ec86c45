// The parties of a borrowing: who had the practice (the source) and who takes it up (the adopters),
// within a sentence or with the origin told in the next one (adoption.cpp finds the triggers).
#include <optional>
#include <vector>

#include "extract/adoption_finder.hpp"

namespace orientir::extract::detail::adoption {

// «Югорчане передали тюменским коллегам методику»: the giver before the verb, the receiver after.
Parties Finder::TransferParties(const std::vector<std::size_t>& cands, std::size_t verb) const {
    Parties p;
    for (std::size_t m : cands)
        if (d.spans[m].second <= verb) p.source = m;
    for (std::size_t m : cands)
        if (d.spans[m].first > verb && (!p.source || Key(m) != Key(*p.source))) {
            p.adopters.push_back(m);
            break;
        }
    return p;
}

std::optional<std::size_t> Finder::SourceAmong(const std::vector<std::size_t>& cands, std::size_t sb,
                                               std::size_t se) const {
    std::optional<std::size_t> source;
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
            if (m >= 0 && d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kOrganisation)
                return static_cast<std::size_t>(m);
        }
    }
    return source;
}

// The first candidate that is not the source (people after a place adjective win: «тульские специалисты»),
// then those coordinated with it: «в Псковской и Новгородской областях», «Липецкая, Тамбовская и Курская».
std::vector<std::size_t> Finder::AdoptersAmong(const std::vector<std::size_t>& cands, std::optional<std::size_t> source,
                                               const Cues& c, std::size_t sb) const {
    std::string skey = source ? Key(*source) : std::string();
    // «распространить барнаульскую практику на Бийск и Рубцовск»: the places it spreads to adopt it
    std::optional<std::size_t> primary;
    if (c.main == Trigger::kSpread) primary = SpreadTarget(cands, c.verb, source);
    // «открыли такие же центры у себя в Комсомольске-на-Амуре и Амурске»
    for (std::size_t m : cands) {
        std::size_t b = d.spans[m].first;
        if (primary || b < 3 || (source && m == *source) || !IsPlaceKind(d.mentions[m].kind)) continue;
        if (In(T(b - 1).folded, {"в", "во"}) && T(b - 2).folded == "себя" && T(b - 3).folded == "у") primary = m;
    }
    const bool spread_target = primary.has_value();
    for (std::size_t m : cands) {
        if (spread_target) break;
        if (source && (m == *source || Key(m) == skey)) continue;
        if (source && d.spans[m].first >= d.spans[*source].first && d.spans[m].second <= d.spans[*source].second)
            continue;
        if (d.mentions[m].kind == MentionKind::kCountry || SourceHint(m, sb)) continue;
        if (!primary) primary = m;
        if (AdopterPeopleAfter(m)) {
            primary = m;
            break;
        }
    }
    std::vector<std::size_t> adopters;
    if (!primary) return adopters;
    adopters.push_back(*primary);
    std::size_t last = *primary;
    for (std::size_t m : cands) {
        if (d.spans[m].first < d.spans[last].second || (source && m == *source)) continue;
        // «Минздрав Марий Эл»: two names side by side are one party, not two adopters
        bool coordinated = d.spans[m].first > d.spans[last].second;
        for (std::size_t q = d.spans[last].second; q < d.spans[m].first; ++q)
            coordinated = coordinated && (T(q).text == "," || T(q).folded == "и" || T(q).folded == "а" ||
                                          T(q).folded == "также" || T(q).folded == "в" || T(q).folded == "во");
        if (!coordinated) break;
        if (d.mentions[m].kind != MentionKind::kCountry) adopters.push_back(m);
        last = m;
    }
    return adopters;
}

// The source and the adopters of a sentence's borrowing (the source may be told in the next sentence).
Parties Finder::FindParties(std::size_t s, const Cues& c) const {
    std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token;
    auto cands = Candidates(s);
    Parties p;
    if (c.transfer_verb) {
        p = TransferParties(cands, *c.transfer_verb);
    } else {
        p.source = SourceAmong(cands, sb, se);
        p.adopters = AdoptersAmong(cands, p.source, c, sb);
    }
    p.last_sentence = s;
    // «переняли у соседей», «у коллег»: the source named before
    if (!p.source && SentenceHas(s, {"сосед", "коллег"}) && (c.main == Trigger::kBorrow || c.example_cue)) {
        for (auto it = out.rbegin(); it != out.rend() && !p.source; ++it)
            if (it->kind == FactKind::kAdoption && it->source) p.source = it->source;
        if (!p.source) p.source = RecentPlace(sb, p.adopters.empty() ? "" : Key(p.adopters[0]), false);
    }
    // «…запустил проект «Бережливая поликлиника». Модель разработана в Татарстане, …»
    if (!p.source && (c.main == Trigger::kIntroduce || c.main == Trigger::kSpread) && !p.adopters.empty())
        if (auto o = OriginInNextSentence(s)) {
            p.source = o;
            p.last_sentence = s + 1;
        }
    if (p.source && p.adopters.empty()) {
        // «в регионе», a subject left out: the last region named before that is not the source
        bool scaled_nowhere = c.main == Trigger::kSpread || SentenceHas(s, {"регионах", "субъектах"});
        if (!scaled_nowhere)
            if (auto r = RecentPlace(sb, Key(*p.source), false)) p.adopters.push_back(*r);
    }
    return p;
}

// The sentence after an introduction says where the practice comes from: it opens with the practice or a
// pronoun and places its origin («Модель разработана в Татарстане», «Впервые такие центры появились в Перми»).
std::optional<std::size_t> Finder::OriginInNextSentence(std::size_t s) const {
    if (s + 1 >= d.sents.size()) return std::nullopt;
    std::size_t w = d.sents[s + 1].first_token, ne = d.sents[s + 1].end_token;
    while (w < ne && !T(w).word) ++w;
    if (w >= ne) return std::nullopt;
    const std::string& f0 = T(w).folded;
    if (!IsPracticeNoun(f0) &&
        !In(f0, {"он", "она", "оно", "они", "эта", "этот", "такая", "такой", "такие", "впервые"}))
        return std::nullopt;
    for (std::size_t i = w; i + 2 < ne; ++i) {
        if (!Pre(T(i).folded, {"разработан", "создан", "придуман", "запущен", "появил", "зародил", "родил", "опробован",
                               "апробирован", "впервые"}))
            continue;
        for (std::size_t j = i + 1; j < i + 4 && j + 1 < ne; ++j) {
            int m = cand_at[j + 1];
            if (!In(T(j).folded, {"в", "во"}) || m < 0) continue;
            auto mm = static_cast<std::size_t>(m);
            if (IsPlaceKind(d.mentions[mm].kind) && d.mentions[mm].kind != MentionKind::kCountry &&
                d.spans[mm].first == j + 1)
                return mm;
        }
    }
    return std::nullopt;
}

// «по примеру иркутских школ», «псковские власти» read as the region; the region's capital instead when
// the article names that capital («в Иркутске такая система действует», «глава Пскова») and either the
// other party is a city or the region itself is never named.
std::size_t Finder::CityForAdjective(std::size_t party, std::optional<std::size_t> other) const {
    const Mention& sm = d.mentions[party];
    if (!sm.adjectival || sm.kind != MentionKind::kRegion || !sm.ref || sm.ref->federal_city) return party;
    std::optional<std::size_t> capital;
    bool region_named = false;
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        const Mention& mm = d.mentions[m];
        if (mm.kind == MentionKind::kMunicipality && mm.ref && mm.ref->capital && mm.ref->region == sm.ref->code)
            capital = capital ? capital : m;
        region_named = region_named ||
                       (mm.kind == MentionKind::kRegion && !mm.adjectival && mm.ref && mm.ref->code == sm.ref->code);
    }
    const bool city_pair = other && d.mentions[*other].kind == MentionKind::kMunicipality;
    return capital && (city_pair || !region_named) ? *capital : party;
}

std::optional<std::size_t> Finder::SpreadTarget(const std::vector<std::size_t>& cands, std::optional<std::size_t> verb,
                                                std::optional<std::size_t> source) const {
    if (!verb) return std::nullopt;
    for (std::size_t m : cands) {
        std::size_t b = d.spans[m].first;
        if (b <= *verb + 1 || (source && m == *source) || d.mentions[m].adjectival) continue;
        if (T(b - 1).folded == "на" && IsPlaceKind(d.mentions[m].kind) && d.mentions[m].kind != MentionKind::kCountry)
            return m;
    }
    return std::nullopt;
}

}  // namespace orientir::extract::detail::adoption
