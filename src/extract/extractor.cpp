#include "extract/extractor.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "common/strings.hpp"
#include "extract/adoption_ranker.hpp"
#include "extract/doc.hpp"
#include "extract/lexicon.hpp"
#include "extract/normal_words.hpp"
#include "extract/practice_chooser.hpp"
#include "extract/recase.hpp"
#include "extract/tagger.hpp"
#include "text/normalize.hpp"
#include "text/sentences.hpp"
#include "text/stem.hpp"

namespace orientir::extract {

using detail::Doc;
using detail::Lexicon;
using detail::Tok;

std::string_view MentionKindCode(MentionKind k) {
    switch (k) {
        case MentionKind::kRegion:
            return "region";
        case MentionKind::kMunicipality:
            return "municipality";
        case MentionKind::kCountry:
            return "country";
        case MentionKind::kOrganisation:
            return "organisation";
        case MentionKind::kPerson:
            return "person";
        case MentionKind::kPosition:
            return "position";
    }
    return "person";
}

std::string_view FactKindCode(FactKind k) {
    switch (k) {
        case FactKind::kAdoption:
            return "adoption";
        case FactKind::kPosition:
            return "position";
        case FactKind::kLocatedIn:
            return "located_in";
    }
    return "adoption";
}

namespace detail {

std::string Doc::Slice(std::size_t b, std::size_t e) const {
    if (b >= e || e > toks.size()) return {};
    return SliceCp(toks[b].start, toks[e - 1].end);
}

std::string Doc::SliceCp(std::int32_t start, std::int32_t end) const {
    if (start < 0 || end <= start || static_cast<std::size_t>(end) >= cp_to_byte.size()) return {};
    std::size_t b = cp_to_byte[static_cast<std::size_t>(start)], e = cp_to_byte[static_cast<std::size_t>(end)];
    return std::string(text.substr(b, e - b));
}

std::size_t Doc::ParagraphStart(std::size_t s) const {
    for (; s > 0; --s) {
        const auto from = cp_to_byte[static_cast<std::size_t>(sents[s - 1].end)];
        const auto to = cp_to_byte[static_cast<std::size_t>(sents[s].start)];
        if (text.substr(from, to - from).find('\n') != std::string_view::npos) break;
    }
    return s;
}

int Doc::MentionAt(std::size_t i, std::initializer_list<MentionKind> kinds) const {
    for (std::size_t m = 0; m < mentions.size(); ++m) {
        if (spans[m].first <= i && i < spans[m].second)
            for (auto k : kinds)
                if (mentions[m].kind == k) return static_cast<int>(m);
    }
    return -1;
}

int Doc::MentionStartingAt(std::size_t i, std::initializer_list<MentionKind> kinds) const {
    for (std::size_t m = 0; m < mentions.size(); ++m) {
        if (spans[m].first == i)
            for (auto k : kinds)
                if (mentions[m].kind == k) return static_cast<int>(m);
    }
    return -1;
}

// A lower-case word every dictionary reading of which is a verb («создадут» → «создать»): no name runs
// across one («… Казани создадут центр поддержки НКО»).
bool AppointedForm(const std::string& folded) {
    for (const char* p : {"назначен", "избран", "переизбран", "утвержден"})
        if (folded.starts_with(p)) return true;
    return false;
}

bool InstrumentalNameForm(const std::string& f) {
    return f.ends_with("ой") || f.ends_with("ей") || f.ends_with("ёй") || f.ends_with("ом") || f.ends_with("ем");
}

bool OfficialAdjective(const std::string& folded) {
    for (const char* p : {"республиканск", "областн", "краев", "окружн", "городск", "районн", "межрайонн",
                          "муниципальн", "государственн", "центральн", "межмуниципальн", "региональн"})
        if (folded.starts_with(p)) return true;
    return false;
}

bool VerbForm(const Tok& t) {
    if (!t.word || t.cap) return false;
    const auto& lem = text::Lemmatizer::Default();
    if (!lem.has_dictionary()) return false;
    auto lemmas = lem.Lemmas(t.folded);
    if (lemmas.empty()) return false;
    // infinitives: a vowel before «ть» («область», «власть» are nouns), «-ться», «-ти»; a few nouns look alike
    static const std::unordered_set<std::string> kNouns = {"мать", "путь", "суть", "сеть", "нить", "треть", "ртуть"};
    for (const auto& l : lemmas) {
        bool inf = l.ends_with("ться") || l.ends_with("ти");
        for (const char* v : {"ать", "ять", "еть", "ить", "уть", "ыть", "оть"}) inf = inf || l.ends_with(v);
        if (!inf || kNouns.count(l)) return false;
    }
    return true;
}

bool IsAllCaps(std::string_view s) {
    int letters = 0;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (c >= 'a' && c <= 'z') return false;
            if (c >= 'A' && c <= 'Z') ++letters;
            ++i;
        } else if ((c == 0xD0 || c == 0xD1) && i + 1 < s.size()) {
            auto c1 = static_cast<unsigned char>(s[i + 1]);
            if ((c == 0xD0 && c1 >= 0xB0) || (c == 0xD1 && c1 != 0x81 && c1 <= 0x9F)) return false;  // а-я, ё
            ++letters;
            i += 2;
        } else {
            ++i;
        }
    }
    return letters >= 2;
}

}  // namespace detail

namespace {

using detail::IsAllCaps;

bool IsUpperLetterStart(std::string_view s) {
    if (s.empty()) return false;
    auto c0 = static_cast<unsigned char>(s[0]);
    if (c0 >= 'A' && c0 <= 'Z') return true;
    if (s.size() >= 2) {
        auto c1 = static_cast<unsigned char>(s[1]);
        if (c0 == 0xD0 && ((c1 >= 0x90 && c1 <= 0xAF) || c1 == 0x81)) return true;
    }
    return false;
}

MentionKind KindOf(EntityKind k) {
    switch (k) {
        case EntityKind::kRegion:
            return MentionKind::kRegion;
        case EntityKind::kMunicipality:
            return MentionKind::kMunicipality;
        case EntityKind::kCountry:
            return MentionKind::kCountry;
        case EntityKind::kOrganisation:
            return MentionKind::kOrganisation;
        case EntityKind::kPerson:
            return MentionKind::kPerson;
    }
    return MentionKind::kRegion;
}

// «два», «восемь», «много»: a count, which ends a post («главой района восемь лет») or a body's name («завод два
// года назад»).
bool CountWord(const std::string& f) {
    static const std::unordered_set<std::string> kCounts = {"два",  "две",    "три",    "четыре", "пять", "шесть",
                                                            "семь", "восемь", "девять", "десять", "много"};
    return kCounts.count(f) > 0;
}

// Verbs, short participles and adverbs end a post's words: «министр … назначен», «глава района ранее».
bool EndsPost(const std::string& f) {
    // nouns that end as verbs do: «начальник отдела …», «глава села», «управляющий делами»
    for (const char* noun : {"отдела", "отделу", "села", "дела", "числа", "ремесла", "сектора", "совета", "кабинета",
                             "комитета", "бюджета", "факультета", "университета", "института", "портала"})
        if (f == noun) return false;
    // «торговли», «земли»: a noun's genitive; a verb's past has a vowel or a hushing or hissing sound before «-ли»
    for (const char* noun : {"вли", "мли", "бли", "пли"})
        if (f.ends_with(noun)) return false;
    for (const char* e : {"ет", "ит", "ал", "ла", "ли", "ть", "ся", "ют", "ят", "ил", "шел"})  // «ушёл», «перешёл»
        if (f.ends_with(e)) return true;
    // active participles: «министром возглавлявший …», «ранее работавшая …»
    for (const char* e : {"вший", "вшая", "вшее", "вшие", "вшего", "вшей", "вшим", "вших"})
        if (f.size() > 10 && f.ends_with(e)) return true;
    if (detail::AppointedForm(f)) return true;
    for (const char* p : {"освобожден", "уволен", "отстранен"})
        if (f.rfind(p, 0) == 0) return true;
    if (CountWord(f)) return true;  // «главой района восемь лет»: a count of years
    // prepositions no body's name holds: «обязанности министра после ухода …», «директором вместо …»
    if (f == "после" || f == "перед" || f == "вместо" || f == "накануне" || f == "кроме" || f == "среди" ||
        f == "против" || f == "через" || f == "вслед")
        return true;
    return f == "временно" || f == "ранее" || f == "уже" || f == "также";
}

bool IsLoc(MentionKind k) {
    return k == MentionKind::kRegion || k == MentionKind::kMunicipality || k == MentionKind::kCountry;
}

// Per-token occupancy: locations and persons exclude each other; organisations and positions may
// contain locations («администрация Сургута»), as the NER corpora annotate them nested.
struct Builder {
    Doc& d;
    const Gazetteer& g;
    const Lexicon& lex = Lexicon::Get();
    std::vector<int> entity;  // token → mention index of a location/person, -1
    std::vector<int> org;     // token → organisation mention, -1
    std::unordered_set<int> named_orgs;  // «Омский государственный университет»: kept whatever the tagger says

    Builder(Doc& doc, const Gazetteer& gz) : d(doc), g(gz), entity(doc.toks.size(), -1), org(doc.toks.size(), -1) {}

    int Add(MentionKind kind, std::size_t b, std::size_t e, std::optional<EntityRef> ref = std::nullopt,
            bool adjectival = false) {
        Mention m;
        m.kind = kind;
        m.start = d.toks[b].start;
        m.end = d.toks[e - 1].end;
        m.text = d.Slice(b, e);
        m.ref = std::move(ref);
        m.adjectival = adjectival;
        d.mentions.push_back(std::move(m));
        d.spans.emplace_back(b, e);
        int idx = static_cast<int>(d.mentions.size() - 1);
        for (std::size_t i = b; i < e; ++i) {
            if (kind == MentionKind::kOrganisation)
                org[i] = idx;
            else if (kind != MentionKind::kPosition)
                entity[i] = idx;
        }
        return idx;
    }

    void Remove(int idx) {
        auto [b, e] = d.spans[static_cast<std::size_t>(idx)];
        for (std::size_t i = b; i < e; ++i) {
            if (entity[i] == idx) entity[i] = -1;
            if (org[i] == idx) org[i] = -1;
        }
        d.spans[static_cast<std::size_t>(idx)] = {0, 0};
        d.mentions[static_cast<std::size_t>(idx)].start = -1;  // dropped at the end
    }

    // «ранее главный врач Краевой клинической больницы»: an official adjective written with a capital before a
    // lower-case word opens a body's name, it is no surname
    void OfficialAdjectivesAreNoPersons() {
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            const auto [b, e] = d.spans[m];
            if (d.mentions[m].start < 0 || d.mentions[m].kind != MentionKind::kPerson || e != b + 1 || !In(e) ||
                !T(e).word || T(e).cap || !detail::OfficialAdjective(T(b).folded) ||
                !detail::words::IsAdjectiveWord(T(b).folded))
                continue;
            Remove(static_cast<int>(m));
        }
    }

    bool Free(std::size_t b, std::size_t e) const {
        for (std::size_t i = b; i < e; ++i)
            if (entity[i] >= 0) return false;
        return true;
    }

    const Tok& T(std::size_t i) const { return d.toks[i]; }
    bool In(std::size_t i) const { return i < d.toks.size(); }
    bool SameSent(std::size_t a, std::size_t b) const { return In(a) && In(b) && T(a).sent == T(b).sent; }

    void Gazetteers() {
        std::vector<std::string> keys;
        std::vector<char> caps;
        std::vector<std::string> words;
        keys.reserve(d.toks.size());
        for (const auto& t : d.toks) {
            keys.push_back(t.key);
            caps.push_back(t.cap ? (t.sent_start ? 2 : 1) : 0);  // 2: a capital opening a sentence (MatchAt)
            words.push_back(t.text);
        }
        std::set<std::uint32_t> towns;  // the towns named with a cue («в Березниках»)
        for (std::size_t i = 0; i < d.toks.size();) {
            Gazetteer::Match m;
            // «Долгано-Ненецкий», «Таймырском Долгано-Ненецком районе»: the second half of a compound adjective
            // names no region or town of its own (a country's does: «российско-британской»; residents too:
            // «у соседей-свердловчан»)
            const bool second_half = i >= 2 && d.toks[i - 1].text == "-" && d.toks[i - 1].start == d.toks[i - 2].end &&
                                     d.toks[i].start == d.toks[i - 1].end && d.toks[i - 2].word;
            if (d.toks[i].word && g.MatchAt(keys, caps, words, i, m) &&
                !(second_half && m.adjectival && !m.demonym && g.entries()[m.entry].kind != EntityKind::kCountry)) {
                const EntityRef& ref = g.entries()[m.entry];
                int idx = Add(KindOf(ref.kind), i, m.end_token, ref, m.adjectival);
                d.mentions[static_cast<std::size_t>(idx)].demonym = m.demonym;
                if (ref.kind == EntityKind::kMunicipality && !m.adjectival) towns.insert(m.entry);
                i = m.end_token;
            } else {
                ++i;
            }
        }
        // «Березники взяли пермскую модель»: a town named like a common word needs a cue before it, unless the
        // article names that town with one elsewhere
        for (std::size_t i = 1; i < d.toks.size() && !towns.empty(); ++i) {
            if (!d.toks[i].word || !d.toks[i].cap || entity[i] >= 0) continue;
            const std::string prev = keys[i - 1];
            keys[i - 1] = "в";
            Gazetteer::Match m;
            const bool found = g.MatchAt(keys, caps, words, i, m);
            keys[i - 1] = prev;
            if (!found || m.adjectival || !towns.count(m.entry) || !Free(i, m.end_token)) continue;
            Add(KindOf(g.entries()[m.entry].kind), i, m.end_token, g.entries()[m.entry], false);
            i = m.end_token - 1;
        }
    }

    // Districts and municipal okrugs the directory does not hold: «Октябрьского района», «в Советском
    // муниципальном районе», «Кировский городской округ». An adjective the gazetteer read as a city
    // («Октябрьского» → Октябрьск) is the district's name here. Federal and autonomous okrugs are not.
    void Districts() {
        for (std::size_t i = 0; i + 1 < d.toks.size(); ++i) {
            const Tok& t = T(i);
            if (!t.word || !t.cap || t.all_caps || !IsDistrictAdjective(t.folded)) continue;
            std::size_t n = i + 1;
            // «в Приволжском федеральном округе» is no town Приволжск
            if (In(n + 1) && T(n).folded.starts_with("федеральн") && IsDistrictNoun(T(n + 1).folded)) {
                int cur = entity[i];
                if (cur >= 0 && d.mentions[static_cast<std::size_t>(cur)].kind == MentionKind::kMunicipality)
                    Remove(cur);
                continue;
            }
            if (In(n + 1) && (T(n).folded.starts_with("муниципальн") || T(n).folded.starts_with("городск"))) ++n;
            // «Уктузское сельское поселение», «в Мостовском городском поселении»
            if (In(n + 1) && SameSent(i, n + 1) && T(n).folded.starts_with("сельск") &&
                T(n + 1).folded.starts_with("поселени"))
                ++n;
            const bool settlement = T(n).folded.starts_with("поселени") && n > i + 1 &&
                                    (T(n - 1).folded.starts_with("сельск") || T(n - 1).folded.starts_with("городск"));
            if (!SameSent(i, n) || (!IsDistrictNoun(T(n).folded) && !settlement)) continue;
            if (n > i + 1 && T(n - 1).folded.starts_with("городск") && !T(n).folded.starts_with("округ") && !settlement)
                continue;
            int cur = entity[i];
            if (cur >= 0) {
                auto [cb, ce] = d.spans[static_cast<std::size_t>(cur)];
                if (ce > i + 1 || d.mentions[static_cast<std::size_t>(cur)].kind == MentionKind::kPerson) continue;
                Remove(cur);
            }
            // «Усть-Кубинского муниципального округа», «Кичменгско-Городецкого»: the name's first half and hyphen
            std::size_t b = i;
            if (i >= 2 && T(i - 1).text == "-" && T(i - 1).start == T(i - 2).end && T(i).start == T(i - 1).end &&
                T(i - 2).word && T(i - 2).cap && entity[i - 2] < 0 && org[i - 2] < 0)
                b = i - 2;
            if (!Free(b, n + 1)) continue;
            const int idx = Add(MentionKind::kMunicipality, b, n + 1);
            // the nominative by the words' own grammar: «в Сокольском муниципальном округе» → «Сокольский
            // муниципальный округ» (a phrase's rules would read «округе» as a feminine «округа»)
            std::string name = (b < i ? d.Slice(b, i) : std::string()) + MasculineAdjective(T(i).text);
            if (settlement) {
                // the neuter: «Уктузское сельское поселение»
                name = name.substr(0, name.size() - 4) + "ое" +
                       (T(n - 1).folded.starts_with("сельск") ? " сельское поселение" : " городское поселение");
            } else {
                if (n > i + 1) name += T(i + 1).folded.starts_with("муниципальн") ? " муниципальный" : " городской";
                name += T(n).folded.starts_with("район") ? " район" : " округ";
            }
            d.mentions[static_cast<std::size_t>(idx)].normal = name;
            i = n;
        }
    }

    // «Гиагинский и Красногвардейский районы», «в Нижневартовском, Сургутском и Белоярском районах», «Кировского и
    // Ленинского муниципальных округов»: district adjectives coordinated before one plural noun are one district
    // each, named in the nominative singular («Гиагинский район»).
    void CoordinatedDistricts() {
        for (std::size_t n = 2; n < d.toks.size(); ++n) {
            const std::string noun = PluralDistrictNoun(T(n).folded);
            if (noun.empty()) continue;
            std::size_t last = n - 1;
            std::string kind = noun;
            if (T(last).folded.starts_with("муниципальн") || T(last).folded.starts_with("городск")) {
                if (T(last).folded.starts_with("городск") && noun != "округ") continue;
                kind = (T(last).folded.starts_with("муниципальн") ? "муниципальный " : "городской ") + noun;
                --last;
            }
            std::vector<std::size_t> adjectives;
            for (std::size_t k = last;; k -= 2) {
                if (!SameSent(k, n) || !T(k).word || !T(k).cap || T(k).all_caps || !IsDistrictAdjective(T(k).folded))
                    break;
                adjectives.push_back(k);
                if (k < 2 || (T(k - 1).folded != "и" && T(k - 1).text != ",")) break;
            }
            if (adjectives.size() < 2) continue;
            for (std::size_t k : adjectives) {
                const int cur = entity[k];
                if (cur >= 0 && (d.spans[static_cast<std::size_t>(cur)].second > k + 1 ||
                                 d.spans[static_cast<std::size_t>(cur)].first < k ||
                                 d.mentions[static_cast<std::size_t>(cur)].kind == MentionKind::kPerson))
                    continue;
                if (cur >= 0) Remove(cur);
                const int idx = Add(MentionKind::kMunicipality, k, k + 1);
                d.mentions[static_cast<std::size_t>(idx)].normal = MasculineAdjective(T(k).text) + " " + kind;
            }
        }
    }

    // «главу сельского поселения Заюково», «в селе Верхний Услон», «деревни Малиновка»: a village the directory does
    // not hold, named after its common noun (in the nominative, as written)
    void Villages() {
        static const std::unordered_set<std::string> kNouns = {
            "село",  "села",   "селе",   "селом",   "деревня", "деревни", "деревне", "поселок", "поселка", "поселке",
            "хутор", "хутора", "хуторе", "станица", "станицы", "станице", "аул",     "аула",    "ауле"};
        for (std::size_t i = 0; i + 1 < d.toks.size(); ++i) {
            const bool settlement = T(i).folded.starts_with("поселени") && i > 0 &&
                                    (T(i - 1).folded.starts_with("сельск") || T(i - 1).folded.starts_with("городск"));
            if (!T(i).word || (!kNouns.count(T(i).folded) && !settlement)) continue;
            std::size_t b = i + 1, e = b;
            if (!SameSent(i, b) || !IsCapWord(b) || T(b).all_caps || entity[b] >= 0 || IsFirstName(b)) continue;
            e = b + 1;
            // «Верхний Услон», «Усть-Кокса»: an adjective before the name, a hyphenated name
            if (In(e + 1) && T(e).text == "-" && T(e).start == T(e - 1).end && IsCapWord(e + 1))
                e += 2;
            else if (AdjectiveForm(T(b).folded) && In(e) && IsCapWord(e) && entity[e] < 0)
                ++e;
            // (not a person's name: «села Иван Петрович …», a patronymic after)
            if (In(e) && T(e).word && detail::IsPatronymic(T(e).folded)) continue;
            if (!Free(b, e)) continue;
            const int idx = Add(MentionKind::kMunicipality, b, e);
            d.mentions[static_cast<std::size_t>(idx)].normal = d.Slice(b, e);
            i = e - 1;
        }
    }

    // «районы», «округов», «районах» → «район», «округ»; empty for other words
    static std::string PluralDistrictNoun(const std::string& f) {
        for (const char* w : {"районы", "районов", "районах", "районам", "районами"})
            if (f == w) return "район";
        for (const char* w : {"округа", "округов", "округах", "округам", "округами"})
            if (f == w) return "округ";
        return {};
    }

    // The nominative masculine singular of a district adjective in any case and number: «Сургутском» →
    // «Сургутский», «Заречного» → «Заречный».
    static std::string MasculineAdjective(const std::string& word) {
        for (const char* stem : {"ск", "цк"}) {
            const std::size_t p = word.rfind(stem);
            if (p != std::string::npos && p + 4 + 8 >= word.size()) return word.substr(0, p + 4) + "ий";
        }
        for (const char* end : {"ого", "ому", "ым", "ом", "ые", "ых", "ыми", "ая", "ой", "ую", "ый"})
            if (word.ends_with(end)) return word.substr(0, word.size() - std::string_view(end).size()) + "ый";
        for (const char* end : {"его", "ему", "им", "ем", "ие", "их", "ими", "яя", "ей", "юю", "ий"})
            if (word.ends_with(end)) return word.substr(0, word.size() - std::string_view(end).size()) + "ий";
        return word;
    }

    // «приезжают в столицу республики», «в столице региона»: the capital of the region named last before — a place
    // with its directory entry, as if the text had named the city.
    // «приезжают в столицу республики», «в столице региона»: the capital of the region named last before — a place
    // with its directory entry, as if the text had named the city. «В столице …» alone, after a preposition and
    // with no adjective before it («в северной столице» is another city), is the capital named last before or the
    // capital of the region named last before.
    void CapitalsByCommonNoun() {
        static const std::unordered_set<std::string> kCapital = {"столица", "столицы", "столице", "столицу",
                                                                 "столицей"};
        static const std::unordered_set<std::string> kRegionWord = {"региона", "республики", "края", "области",
                                                                    "округа"};
        static const std::unordered_set<std::string> kCentreAdjective = {
            "краевой",    "краевого",  "краевом",  "краевому",  "краевым",  "областной", "областного", "областном",
            "областному", "областным", "окружной", "окружного", "окружном", "окружному", "окружным"};
        static const std::unordered_set<std::string> kCentre = {"центр", "центра", "центре", "центру", "центром"};
        static const std::unordered_set<std::string> kAfterCentre = {
            "ещё", "еще", "уже", "и", "в", "во", "на", "с", "со", "по", "к", "а", "но", "не", "тоже", "также"};
        for (std::size_t i = 0; i + 1 < d.toks.size(); ++i) {
            // «перенял схему у краевого центра», «в областном центре открыли …»: the region's capital — not
            // «областной центр народного творчества», a body
            const bool centre =
                kCentreAdjective.count(T(i).folded) && kCentre.count(T(i + 1).folded) && SameSent(i, i + 1) &&
                entity[i] < 0 && org[i] < 0 && org[i + 1] < 0 &&
                (!In(i + 2) || !SameSent(i, i + 2) || !T(i + 2).word || kAfterCentre.count(T(i + 2).folded) ||
                 T(i + 2).folded.ends_with("ли") || T(i + 2).folded.ends_with("ла") ||
                 T(i + 2).folded.ends_with("ет") || T(i + 2).folded.ends_with("ют"));
            if (centre) {
                // the region of the place named last before, of the kind the adjective says («краевого» — a
                // край, «областного» — an область): «Каменск-Уральский … областного центра» is Yekaterinburg
                const char* kind = T(i).folded.starts_with("краев")    ? "край"
                                   : T(i).folded.starts_with("област") ? "область"
                                                                       : "округ";
                std::string code;
                std::size_t code_end = 0;
                for (std::size_t m = 0; m < d.mentions.size(); ++m) {
                    const Mention& mm = d.mentions[m];
                    if (mm.start < 0 || !mm.ref || d.spans[m].second > i || d.spans[m].second < code_end) continue;
                    std::string r = mm.kind == MentionKind::kRegion         ? mm.ref->code
                                    : mm.kind == MentionKind::kMunicipality ? mm.ref->region
                                                                            : std::string();
                    if (r.empty()) continue;
                    for (const auto& e : g.entries())
                        if (e.kind == EntityKind::kRegion && e.code == r && e.name.find(kind) != std::string::npos) {
                            code = r;
                            code_end = d.spans[m].second;
                            break;
                        }
                }
                if (!code.empty())
                    for (const auto& e : g.entries())
                        if (e.kind == EntityKind::kMunicipality && e.capital && e.region == code) {
                            Add(MentionKind::kMunicipality, i, i + 2, e);
                            break;
                        }
                ++i;
                continue;
            }
            if (!kCapital.count(T(i).folded) || !SameSent(i, i + 1) || entity[i] >= 0 || org[i] >= 0) continue;
            const bool of_region = kRegionWord.count(T(i + 1).folded) > 0 && entity[i + 1] < 0;
            const std::string& before = i > 0 ? T(i - 1).folded : T(i).folded;
            const bool alone = !of_region && i > 0 &&
                               (before == "в" || before == "во" || before == "из" || before == "по") &&
                               !(T(i + 1).word && T(i + 1).cap) && entity[i + 1] < 0;
            if (!of_region && !alone) continue;
            // the region or capital named last before (mentions are not in text order while they are built)
            std::optional<std::size_t> last;
            for (std::size_t m = 0; m < d.mentions.size(); ++m) {
                const Mention& mm = d.mentions[m];
                if (mm.start < 0 || !mm.ref || d.spans[m].second > i) continue;
                const bool place =
                    mm.kind == MentionKind::kRegion || (mm.kind == MentionKind::kMunicipality && mm.ref->capital);
                if (place && (!last || d.spans[m].second > d.spans[*last].second)) last = m;
            }
            if (!last) continue;
            std::optional<EntityRef> capital;
            if (d.mentions[*last].kind == MentionKind::kMunicipality) {
                capital = *d.mentions[*last].ref;
            } else {
                for (const auto& e : g.entries())
                    if (e.kind == EntityKind::kMunicipality && e.capital && e.region == d.mentions[*last].ref->code) {
                        capital = e;
                        break;
                    }
            }
            if (!capital) continue;
            Add(MentionKind::kMunicipality, i, of_region ? i + 2 : i + 1, *capital);
            if (of_region) ++i;
        }
    }

    static bool IsDistrictAdjective(const std::string& f) {
        for (const char* e :
             {"ский", "ского", "ском", "скому", "ским", "цкий", "цкого", "цком", "цкому", "цким", "ный",
              "ного", "ном",   "ному", "ным",   "ий",   "его",  "ем",    "ему",  "им",    "ское", "ное"})
            if (f.size() > 8 && f.ends_with(e)) return true;
        return false;
    }

    // «тотемскому» → «тотемск»: an adjective without its ending, empty when the word has none of them.
    static std::string AdjectiveStem(const std::string& f) {
        for (const char* e : {"ому", "ого", "ими", "ыми", "ему", "его", "ая", "ой", "ий", "ый", "ую", "ое",
                              "ом",  "ые",  "ие",  "их",  "ых",  "им",  "ым", "ей", "ее", "ем", "яя", "юю"})
            if (f.ends_with(e)) {
                std::string stem = f.substr(0, f.size() - std::string_view(e).size());
                return stem.ends_with("ск") || stem.ends_with("цк") ? stem : std::string();
            }
        return {};
    }

    // «по тотемскому образцу», «сокольский опыт» in an article that names «Тотемский муниципальный округ»: the
    // directory holds no districts, so no list gives their adjectives; a lower-case adjective the dictionary does
    // not know («советский», «центральный» it does) is the district of the article whose name it repeats.
    void DistrictAdjectives() {
        std::vector<std::pair<std::string, std::size_t>> named;  // the stem of a district's name, its mention
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            const Mention& mm = d.mentions[m];
            const auto [b, e] = d.spans[m];
            if (mm.start < 0 || mm.kind != MentionKind::kMunicipality || mm.adjectival || e < b + 2 || !T(b).cap)
                continue;
            std::string stem = AdjectiveStem(T(b).folded);
            if (!stem.empty() && IsDistrictNoun(T(e - 1).folded)) named.emplace_back(std::move(stem), m);
        }
        if (named.empty()) return;
        const auto& dict = text::Lemmatizer::Default();
        for (std::size_t i = 0; i < d.toks.size(); ++i) {
            const Tok& t = T(i);
            if (!t.word || t.cap || entity[i] >= 0 || org[i] >= 0 || t.folded.size() < 12) continue;
            const std::string stem = AdjectiveStem(t.folded);
            if (stem.empty() || dict.Known(t.folded)) continue;
            // the fullest of its names («Тотемский муниципальный округ», not «Тотемский округ»)
            std::optional<std::size_t> district;
            for (const auto& [s, m] : named)
                if (s == stem && (!district || d.mentions[m].normal.size() > d.mentions[*district].normal.size()))
                    district = m;
            if (!district) continue;
            const Mention source = d.mentions[*district];
            const int idx = Add(MentionKind::kMunicipality, i, i + 1, source.ref, true);
            d.mentions[static_cast<std::size_t>(idx)].normal = source.normal;
        }
    }

    static bool IsDistrictNoun(const std::string& f) {
        for (const char* w :
             {"район", "района", "районе", "району", "районом", "округ", "округа", "округе", "округу", "округом"})
            if (f == w) return true;
        return false;
    }

    // «Нижегородская область (НО)»: the article defines a short form; later uses of it are mentions too.
    void DefinedAbbreviations() {
        std::unordered_map<std::string, int> abbr;
        std::size_t n = d.mentions.size();
        for (std::size_t m = 0; m < n; ++m) {
            if (!IsLoc(d.mentions[m].kind) && d.mentions[m].kind != MentionKind::kOrganisation) continue;
            std::size_t e = d.spans[m].second;
            if (In(e + 2) && T(e).text == "(" && T(e + 1).word && IsUpperLetterStart(T(e + 1).text) &&
                T(e + 2).text == ")" && text::CodePointLength(T(e + 1).text) <= 6) {
                // («… услуг Иркутской области (МФЦ)»: a place's short form starts with the place's letter; another
                // one names the body the place ends)
                const std::u32string a = detail::words::U32(text::Fold(T(e + 1).text)),
                                     p = detail::words::U32(text::Fold(d.mentions[m].text));
                if (IsLoc(d.mentions[m].kind) && !a.empty() && !p.empty() && a[0] != p[0]) continue;
                abbr[T(e + 1).text] = static_cast<int>(m);
            }
        }
        if (abbr.empty()) return;
        for (std::size_t i = 0; i < d.toks.size(); ++i) {
            auto it = abbr.find(T(i).text);
            if (it == abbr.end() || entity[i] >= 0 || org[i] >= 0) continue;
            const Mention& src = d.mentions[static_cast<std::size_t>(it->second)];
            Add(src.kind, i, i + 1, src.ref);
        }
    }

    bool IsFirstName(std::size_t i) const {
        if (!In(i) || !T(i).cap || T(i).all_caps || !lex.first_names.count(T(i).key)) return false;
        // «Петров» stems like «Петр»: surname suffixes are not first names
        const std::string& f = T(i).folded;
        for (const char* suf :
             {"ов", "ев", "ова", "ева", "ову", "еву", "овым", "евым", "овой", "евой", "овых", "ове", "еве"})
            if (f.ends_with(suf)) return false;
        return true;
    }
    // «Еленой Сафоновой», «Ивану Петрову», «Анны Ильиной»: a surname of the «-ов/-ев/-ин» kind whose case ending
    // is the first name's (the same last letter of a feminine or masculine form)
    static bool OvSurnameAgreeing(const std::string& first, const std::string& surname) {
        static const std::pair<const char*, const char*> kPairs[] = {
            {"ой", "овой"}, {"ой", "евой"}, {"ой", "иной"}, {"ей", "овой"}, {"ей", "евой"}, {"ей", "иной"},
            {"у", "ову"},   {"у", "еву"},   {"у", "ину"},   {"ю", "ову"},   {"ю", "еву"},   {"ю", "ину"},
            {"ы", "овой"},  {"и", "овой"},  {"ы", "иной"},  {"и", "иной"},  {"ем", "овым"}, {"ом", "овым"},
            {"ем", "евым"}, {"ом", "евым"}, {"ем", "иным"}, {"ом", "иным"}, {"а", "ова"},   {"я", "ова"},
            {"а", "ева"},   {"я", "ева"},   {"а", "ина"},   {"я", "ина"}};
        for (const auto& [a, b] : kPairs)
            if (first.ends_with(a) && surname.ends_with(b) && surname.size() > std::string_view(b).size() + 4)
                return true;
        return false;
    }
    bool IsCapWord(std::size_t i) const {
        return In(i) && T(i).word && T(i).cap && !T(i).all_caps && text::CodePointLength(T(i).text) > 1 &&
               static_cast<unsigned char>(T(i).text[0]) >= 0x80;
    }
    bool IsLatinCap(std::size_t i) const {
        if (!In(i) || !T(i).word || T(i).text.empty()) return false;
        char c = T(i).text[0];
        return c >= 'A' && c <= 'Z';
    }
    // A capitalised word that is not a common word of the dictionary in lower case («Египта» is not a
    // name but «Белый» might be): candidates for unknown names.
    bool NameLike(std::size_t i) const {
        if (!IsCapWord(i) || lex.org_types.count(T(i).key) || lex.region_nouns.count(T(i).key) ||
            lex.IsPostHead(T(i).key, T(i).folded))
            return false;
        const auto& l = text::Lemmatizer::Default();
        return !l.has_dictionary() || !l.Known(T(i).folded) || detail::LooksLikeSurname(T(i).folded);
    }
    bool IsInitial(std::size_t i) const {
        return In(i + 1) && T(i).word && T(i).cap && text::CodePointLength(T(i).text) == 1 && T(i + 1).text == "." &&
               T(i + 1).start == T(i).end;
    }
    static bool GluedInitial(const std::string& t) {
        // Cyrillic capital (or «Дж»), '.', optionally again, then a Cyrillic capital and more letters
        std::size_t p = 0;
        auto cap_at = [&](std::size_t q) {
            return q + 1 < t.size() && static_cast<unsigned char>(t[q]) == 0xD0 &&
                   ((static_cast<unsigned char>(t[q + 1]) >= 0x90 && static_cast<unsigned char>(t[q + 1]) <= 0xAF) ||
                    static_cast<unsigned char>(t[q + 1]) == 0x81);
        };
        if (t.starts_with("Дж."))  // «Дж.Коми»: the one two-letter initial of the news
            p += 5;
        else if (!cap_at(p) || p + 2 >= t.size() || t[p + 2] != '.')
            return false;
        else
            p += 3;
        if (cap_at(p) && p + 2 < t.size() && t[p + 2] == '.') p += 3;
        return cap_at(p) && t.size() > p + 3 && t.find('.', p) == std::string::npos;
    }

    // Drop a one-word municipality found by the gazetteer where a person's name wins («Пушкин»).
    bool ClaimForPerson(std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            int m = entity[i];
            if (m < 0) continue;
            const auto& mm = d.mentions[static_cast<std::size_t>(m)];
            auto [mb, me] = d.spans[static_cast<std::size_t>(m)];
            if (mm.kind == MentionKind::kPerson) return false;
            if (mm.kind == MentionKind::kMunicipality && me - mb == 1) continue;
            return false;
        }
        for (std::size_t i = b; i < e; ++i)
            if (entity[i] >= 0) Remove(entity[i]);
        return true;
    }

    void AddPerson(std::size_t b, std::size_t e) {
        // «по вопросам ЖКХ Руслан Кушу»: an abbreviation before the name is none of it
        // (only before a first name: a surname written in capitals, «ИВАНОВ Иван», stays)
        while (b + 1 < e && T(b).all_caps && text::CodePointLength(T(b).text) >= 2 &&
               text::CodePointLength(T(b).text) <= 4 && IsFirstName(b + 1))
            ++b;
        // surname first: «Соколова Марина Викторовна», the surname often opening the sentence
        // (not when the surname follows too: «Предшественник Шабалина Николай Петрович Громов»)
        // (a surname that is a town's name too: «Сафонова Елена Анатольевна», though Сафоново is a town)
        const bool town_word = b > 0 && entity[b - 1] >= 0 &&
                               d.mentions[static_cast<std::size_t>(entity[b - 1])].kind == MentionKind::kMunicipality &&
                               d.spans[static_cast<std::size_t>(entity[b - 1])].first == b - 1 &&
                               d.spans[static_cast<std::size_t>(entity[b - 1])].second == b;
        if (b > 0 && b + 1 < e && e <= b + 2 && IsFirstName(b) && IsCapWord(b + 1) &&
            detail::IsPatronymic(T(b + 1).folded) && SameSent(b - 1, b) && IsCapWord(b - 1) &&
            (entity[b - 1] < 0 || town_word) && org[b - 1] < 0 && detail::LooksLikeSurname(T(b - 1).folded))
            --b;
        // «Бенедикт XVI», «Елизавета II»
        if (In(e) && T(e).word && T(e).start == T(e - 1).end + 1 &&
            T(e).text.find_first_not_of("IVX") == std::string::npos && T(e).text.size() <= 5)
            ++e;
        if (ClaimForPerson(b, e)) Add(MentionKind::kPerson, b, e);
    }

    // A person by the patterns at token i (glued and separate initials, first name [patronymic]
    // [surname], surname first); returns the token to go on from, none when no pattern starts here.
    std::optional<std::size_t> PersonByPattern(std::size_t i) {
        // «Р.Оззи», «С.Джобс»: ICU keeps an initial glued to the surname as one word.
        if (T(i).word && T(i).cap && GluedInitial(T(i).text) && entity[i] < 0) {
            AddPerson(i, i + 1);
            return i;
        }
        // Initials before or after a surname: «И. И. Петров», «И.И. Петров», «Петров И. И.».
        if (IsInitial(i)) {
            std::size_t j = i + 2;
            if (IsInitial(j)) j += 2;
            if (IsCapWord(j) && SameSent(i, j)) {
                AddPerson(i, j + 1);
                i = j;
                return i;
            }
        }
        // (not a town after its common noun: «директор школы № 221 города Заречного С. А. Рыбин»)
        const bool town_after_noun =
            i > 0 && entity[i] >= 0 && IsLoc(d.mentions[static_cast<std::size_t>(entity[i])].kind) &&
            (T(i - 1).folded == "города" || T(i - 1).folded == "г" || T(i - 1).folded == "села" ||
             T(i - 1).folded == "поселка" || T(i - 1).folded == "округа" || T(i - 1).folded == "района");
        if (IsCapWord(i) && IsInitial(i + 1) && !T(i).sent_start && !town_after_noun) {
            std::size_t j = i + 3;
            if (IsInitial(j)) j += 2;
            AddPerson(i, j);
            i = j - 1;
            return i;
        }
        // First name [patronymic] [surname]; surname first name [patronymic].
        if (IsFirstName(i)) {
            std::size_t b = i, j = i + 1;
            if (IsCapWord(j) && detail::IsPatronymic(T(j).folded)) ++j;
            if (IsCapWord(j) && !IsFirstName(j) && !lex.org_types.count(T(j).key) &&
                (entity[j] < 0 || d.mentions[static_cast<std::size_t>(entity[j])].kind == MentionKind::kMunicipality))
                ++j;
            if (i > 0 && IsCapWord(i - 1) && j == i + 1 && detail::LooksLikeSurname(T(i - 1).folded) &&
                entity[i - 1] < 0 && !lex.first_names.count(T(i - 1).key))
                b = i - 1;
            // «Бережная Ольга Николаевна родилась …»: any surname before a first name and a patronymic with no
            // surname after them, opening the sentence (not a post, a body's kind or an address: «Уважаемая …»)
            if (b == i && i > 0 && j == i + 2 && detail::IsPatronymic(T(i + 1).folded) && IsCapWord(i - 1) &&
                !T(i - 1).all_caps && T(i - 1).sent_start && entity[i - 1] < 0 && org[i - 1] < 0 &&
                !lex.first_names.count(T(i - 1).key) && !lex.IsPostHead(T(i - 1).key, T(i - 1).folded) &&
                !lex.org_types.count(T(i - 1).key) && !lex.stop_words.count(T(i - 1).folded) &&
                !T(i - 1).folded.starts_with("уважаем") && !T(i - 1).folded.starts_with("дорог"))
                b = i - 1;
            if (j < d.toks.size() && j == i + 1 && IsCapWord(j) && detail::IsPatronymic(T(j).folded)) ++j;
            // a first name alone, not in the nominative, that is the name of a town the directory knows stays the
            // town («опытом соседнего Артёма»; «Артём» alone and «Дмитрий», which stems like Дмитров, are persons)
            if (b == i && j == i + 1 && entity[i] >= 0 && !lex.first_names_nominative.count(T(i).folded)) {
                const Mention& town = d.mentions[static_cast<std::size_t>(entity[i])];
                if (town.ref && IsLoc(town.kind) && T(i).folded.starts_with(text::Fold(town.ref->name))) return i;
            }
            AddPerson(b, j);
            i = j - 1;
            return i;
        }
        return std::nullopt;
    }

    // A post or title right before a capitalised word: «губернатор Моор», «г-н Иванов».
    void PersonAfterTitle(std::size_t i) {
        if (T(i).word &&
            (lex.IsPostHead(T(i).key, T(i).folded) || T(i).folded == "господин" || T(i).folded == "госпожа")) {
            std::size_t j = i + 1;
            // skip the rest of the post and a place or organisation: «губернатор Тюменской области Моор»
            for (int k = 0; k < 6 && In(j) && SameSent(i, j) && !IsFirstName(j); ++k) {
                if (entity[j] >= 0 && IsLoc(d.mentions[static_cast<std::size_t>(entity[j])].kind)) {
                    j = d.spans[static_cast<std::size_t>(entity[j])].second;
                    continue;
                }
                if (org[j] >= 0) {
                    j = d.spans[static_cast<std::size_t>(org[j])].second;
                    continue;
                }
                if (T(j).word && !T(j).cap && !lex.stop_words.count(T(j).folded)) {
                    ++j;
                    continue;
                }
                break;
            }
            if (NameLike(j) && entity[j] < 0 && !IsFirstName(j) && org[j] < 0) {
                std::size_t e = j + 1;
                while (e < j + 3 && NameLike(e) && entity[e] < 0 && T(e).start == T(e - 1).end + 1) ++e;
                // «министр развития Арктики и экономики …»: a capitalised word the body's genitives go on after is
                // part of the body, no surname
                const bool body_goes_on = e == j + 1 && In(e + 1) && T(e).folded == "и" && T(e + 1).word &&
                                          !T(e + 1).cap && SameSent(e, e + 1);
                // «директор Туймазинского историко-краеведческого музея»: a place's adjective before the body's
                // lower-case words is no surname
                const bool place_adjective =
                    e == j + 1 && PlaceAdjectiveShaped(j) && In(e) && T(e).word && !T(e).cap && SameSent(j, e);
                // «староста Кардоновки», «староста деревни Лаптево»: a village's head is followed by the village
                const bool village = T(i).key == lex.village_head;
                if (!body_goes_on && !place_adjective && !village) AddPerson(j, e);
            }
        }
    }

    // Two or three capitalised unknown words in a row, not opening a sentence: «Уго Чавес».
    void UnknownNamePairs() {
        for (std::size_t i = 0; i + 1 < d.toks.size(); ++i) {
            if (!NameLike(i) || !NameLike(i + 1) || !Free(i, i + 1) || org[i] >= 0) continue;
            if (!Free(i + 1, i + 2)) {
                // «Уитни Хьюстон»: a one-word town after an unknown name is a surname
                const auto& m = d.mentions[static_cast<std::size_t>(entity[i + 1])];
                if (m.kind != MentionKind::kMunicipality ||
                    d.spans[static_cast<std::size_t>(entity[i + 1])].second != i + 2)
                    continue;
            }
            if (T(i + 1).start != T(i).end + 1 || !SameSent(i, i + 1)) continue;
            std::size_t e = i + 2;
            if (NameLike(e) && Free(e, e + 1) && T(e).start == T(e - 1).end + 1) ++e;
            AddPerson(i, e);
            i = e - 1;
        }
    }

    // Later mentions of a person by surname alone («Моор», «Моора»).
    void SurnameRepeats() {
        std::unordered_map<std::string, std::size_t> surnames;
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            if (d.mentions[m].kind != MentionKind::kPerson || d.mentions[m].start < 0) continue;
            auto [b, e] = d.spans[m];
            for (std::size_t k = e; k > b; --k) {
                const Tok& t = T(k - 1);
                if (IsCapWord(k - 1) && !lex.first_names.count(t.key) && !detail::IsPatronymic(t.folded)) {
                    surnames.emplace(t.key, m);
                    break;
                }
            }
        }
        if (surnames.empty()) return;
        for (std::size_t i = 0; i < d.toks.size(); ++i) {
            if (!IsCapWord(i) || !surnames.count(T(i).key)) continue;
            if (entity[i] >= 0 && d.mentions[static_cast<std::size_t>(entity[i])].kind != MentionKind::kMunicipality)
                continue;
            AddPerson(i, i + 1);
        }
    }

    void Persons() {
        // «Дания Рашитовна Ахметзянова», «Россия Ивановна …»: a place's name before a patronymic and a surname is a
        // first name
        for (std::size_t i = 0; i + 2 < d.toks.size(); ++i) {
            const int m = entity[i];
            if (m < 0 || !IsLoc(d.mentions[static_cast<std::size_t>(m)].kind) ||
                d.spans[static_cast<std::size_t>(m)].first != i || d.spans[static_cast<std::size_t>(m)].second != i + 1)
                continue;
            if (IsCapWord(i + 1) && detail::IsPatronymic(T(i + 1).folded) && IsCapWord(i + 2) && SameSent(i, i + 2) &&
                T(i + 1).start == T(i).end + 1)
                Remove(m);
        }
        for (std::size_t i = 0; i < d.toks.size(); ++i) {
            if (entity[i] >= 0 && d.mentions[static_cast<std::size_t>(entity[i])].kind == MentionKind::kPerson)
                continue;
            if (auto next = PersonByPattern(i))
                i = *next;
            else
                PersonAfterTitle(i);
        }
        UnknownNamePairs();
        SurnameRepeats();
    }

    // «рассматривают», «внедрить», «намерены»: a finite verb, an infinitive or «намерен-» ends a body's name
    // («В департаменте рассматривают вариант …»).
    static bool FiniteOrInfinitive(const Tok& t) {
        const std::string& f = t.folded;
        return t.word && !t.cap && f.size() > 8 &&
               (f.ends_with("ют") || f.ends_with("ят") || f.ends_with("ать") || f.ends_with("ять") ||
                f.ends_with("ить") || f.ends_with("еть") || f.starts_with("намерен"));
    }

    // Extends an organisation to the right over a genitive chain of lower-case words and an optional
    // place: «министерство образования и науки Тюменской области».
    std::size_t ExtendOrg(std::size_t e, bool* has_place) {
        std::size_t j = e;
        int words = 0;
        while (In(j) && SameSent(e - 1, j) && words < 5) {
            if (entity[j] >= 0 && IsLoc(d.mentions[static_cast<std::size_t>(entity[j])].kind) &&
                !d.mentions[static_cast<std::size_t>(entity[j])].adjectival) {
                j = d.spans[static_cast<std::size_t>(entity[j])].second;
                if (has_place) *has_place = true;
                break;
            }
            const Tok& t = T(j);
            if (t.word && !t.cap && !t.all_caps &&
                (!lex.stop_words.count(t.folded) || t.folded == "по" || t.folded == "и") &&
                !lex.IsPostHead(t.key, t.folded) && !FiniteOrInfinitive(t)) {
                ++j;
                ++words;
                continue;
            }
            break;
        }
        // do not end on a conjunction or preposition
        while (j > e && lex.stop_words.count(T(j - 1).folded)) --j;
        return j;
    }

    std::size_t ExtendOrgLeft(std::size_t b) {
        // adjectives before the type word: «детская школа», «Нижневартовская детская школа искусств»
        std::size_t s = b;
        while (s > 0 && SameSent(s - 1, b) && T(s - 1).word && !T(s - 1).all_caps) {
            // «учебно-методический»: the first half of a compound adjective goes with it
            if (s >= 3 && T(s - 2).text == "-" && T(s - 3).word && T(s - 3).folded.ends_with("о") &&
                T(s - 2).start == T(s - 3).end && T(s - 1).start == T(s - 2).end && b - s < 3) {
                s -= 3;
                continue;
            }
            const Tok& t = T(s - 1);
            const std::string& f = t.folded;
            bool adj =
                f.size() > 4 && (f.ends_with("ая") || f.ends_with("ой") || f.ends_with("ий") || f.ends_with("ый") ||
                                 f.ends_with("ое") || f.ends_with("ого") || f.ends_with("ую") || f.ends_with("ые") ||
                                 f.ends_with("ых") || f.ends_with("ом") || f.ends_with("ей") || f.ends_with("их"));
            if (!adj || lex.position_mods.count(t.key) || lex.IsPostHead(t.key, t.folded)) break;
            // («которую новосибирская компания …», «этой», «нашей», «каждой»: pronouns, not the body's adjectives)
            static const std::unordered_set<std::string> kPronouns = {
                "которую", "которая", "который", "которой", "которого", "которые", "которых", "которым", "этой",
                "этого",   "эта",     "этот",    "эту",     "этом",     "нашей",   "нашего",  "наша",    "нашу",
                "нашем",   "вашей",   "своей",   "своего",  "своя",     "свою",    "каждой",  "каждого", "каждую",
                "такой",   "такая",   "такую",   "такого",  "какой",    "какая",   "какую",   "другой",  "другая",
                "другую",  "другого", "самой",   "самая",   "самого",   "самую"};
            if (kPronouns.count(f)) break;
            if (entity[s - 1] >= 0 && !d.mentions[static_cast<std::size_t>(entity[s - 1])].adjectival &&
                !LoneSurnameOfPlace(s - 1))
                break;
            --s;
            if (b - s >= 3) break;
        }
        return s;
    }

    // A capitalised adjective of a place in «-ск-» («Тарногской», «Котласский»), known to the directory or not.
    bool PlaceAdjectiveShaped(std::size_t k) const {
        const std::string& f = T(k).folded;
        if (!T(k).cap || T(k).all_caps || f.size() < 12) return false;  // 6 Cyrillic letters
        for (const char* end :
             {"ская", "ской", "ский", "ское", "ские", "ского", "скому", "ским", "скую", "ских", "скими"})
            if (f.ends_with(end)) return !text::Lemmatizer::Default().Known(f);  // «Детской», «Российской»: words
        return false;
    }

    // «у Тарногской средней школы»: a lone capitalised word the person rules read as a surname is a place's
    // adjective before the words of a body.
    bool LoneSurnameOfPlace(std::size_t k) const {
        const int m = entity[k];
        return m >= 0 && d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kPerson &&
               d.spans[static_cast<std::size_t>(m)].first == k &&
               d.spans[static_cast<std::size_t>(m)].second == k + 1 && PlaceAdjectiveShaped(k);
    }

    void AddOrg(std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i)
            if (org[i] >= 0) return;
        for (std::size_t i = b; i < e; ++i)
            if (entity[i] >= 0 && d.mentions[static_cast<std::size_t>(entity[i])].kind == MentionKind::kPerson &&
                !(i == b && LoneSurnameOfPlace(i)))
                return;
        if (LoneSurnameOfPlace(b)) Remove(entity[b]);
        Add(MentionKind::kOrganisation, b, e);
    }

    // «ДШИ № 1», «школа № 5», «школа №5 имени Пушкина», «школы искусств № 1», «дома детского
    // творчества № 2»
    std::optional<std::size_t> NumberedOrg(std::size_t i, bool type) {
        std::size_t no = i + 1;
        while (type && no < i + 3 && In(no) && T(no).word && !T(no).cap && !lex.stop_words.count(T(no).folded)) ++no;
        if (type && In(no + 1) && T(no).text == "№" && T(no + 1).word) {
            std::size_t b = ExtendOrgLeft(i), e = no + 2;
            if (In(e + 1) && (T(e).folded == "имени" || T(e).folded == "им")) {
                std::size_t j = e + 1;
                if (In(j) && T(j).text == ".") ++j;
                while (In(j) && (IsCapWord(j) || IsInitial(j))) j += IsInitial(j) ? 2 : 1;
                e = j;
            }
            if (In(e) && entity[e] >= 0 && IsLoc(d.mentions[static_cast<std::size_t>(entity[e])].kind))
                e = d.spans[static_cast<std::size_t>(entity[e])].second;
            else if (In(e + 2) && (T(e).folded == "г") && T(e + 1).text == "." && entity[e + 2] >= 0)
                e = d.spans[static_cast<std::size_t>(entity[e + 2])].second;
            else if (In(e + 1) && T(e).folded == "города" && entity[e + 1] >= 0 &&
                     IsLoc(d.mentions[static_cast<std::size_t>(entity[e + 1])].kind))
                e = d.spans[static_cast<std::size_t>(entity[e + 1])].second;
            // «№ 2 города-курорта Анапа», «№ 1 города-героя Новороссийска»
            else if (In(e + 3) && T(e).folded == "города" && T(e + 1).text == "-" && T(e + 1).start == T(e).end &&
                     T(e + 2).word && entity[e + 3] >= 0 &&
                     IsLoc(d.mentions[static_cast<std::size_t>(entity[e + 3])].kind))
                e = d.spans[static_cast<std::size_t>(entity[e + 3])].second;
            AddOrg(b, e);
            return e - 1;
        }
        return std::nullopt;
    }

    // «ГБУЗ», «КГБУЗ», «ГАПОУ», «МОБУ», «ФГБОУ»: the legal form of a state or municipal body — federal, state,
    // municipal, krai or oblast (Ф, Г, М, К, О) and an «учреждение» or «предприятие» in it
    static bool LegalForm(const Tok& t) {
        const auto letters = text::CodePointLength(t.text);
        if (!t.all_caps || letters < 3 || letters > 6) return false;
        const std::string& x = t.text;
        bool kind =
            x.starts_with("Ф") || x.starts_with("Г") || x.starts_with("М") || x.starts_with("К") || x.starts_with("О");
        return kind && (x.find("У") != std::string::npos || x.find("П") != std::string::npos);
    }

    // The end of a place named right after an organisation's quoted name closing before token k: «… г.
    // Ачинска», «… города Сургута», «… г.о. Нальчик»; k itself when there is none.
    std::size_t PlaceAfterName(std::size_t k) const {
        std::size_t q = k;
        if (In(q + 2) && T(q).folded == "г" && T(q + 1).text == ".") {
            q += 2;
            if (In(q + 2) && T(q).folded == "о" && T(q + 1).text == ".") q += 2;  // «г.о.»
        } else if (In(q + 1) && T(q).folded == "города") {
            q += 1;
        } else {
            return k;
        }
        if (!SameSent(k, q) || entity[q] < 0 || !IsLoc(d.mentions[static_cast<std::size_t>(entity[q])].kind)) return k;
        return d.spans[static_cast<std::size_t>(entity[q])].second;
    }

    // «центр «Мы вместе»», «АНО «Добро»», «компания «Газпром»»
    std::optional<std::size_t> QuotedOrg(std::size_t i, bool type) {
        if (type) {
            std::size_t j = i + 1;
            int gap = 0;
            // after a legal form, short abbreviations of the kind and the region: «ГБУ СОН АО «…»», «МБУ ДО «…»»
            const bool legal_form = LegalForm(T(i));
            // (the kind's own words: no preposition or verb between — «музей в тестовом режиме открывает «…»»; «ДО»,
            // «СО» after a legal form are abbreviations)
            while (In(j) && SameSent(i, j) && T(j).word &&
                   (!T(j).cap || (legal_form && T(j).all_caps && T(j).text.size() <= 8)) && gap < 4 &&
                   (T(j).all_caps || (!lex.stop_words.count(T(j).folded) && !detail::VerbForm(T(j))))) {
                ++j;
                ++gap;
            }
            // «… библиотек республики проект «Библиотека — центр …»»: the name belongs to the project
            static const std::unordered_set<std::string> kNamedThings = {
                text::Stem("проект"),    text::Stem("программа"), text::Stem("конкурс"), text::Stem("фестиваль"),
                text::Stem("акция"),     text::Stem("форум"),     text::Stem("премия"),  text::Stem("выставка"),
                text::Stem("платформа"), text::Stem("сервис"),    text::Stem("портал"),  text::Stem("приложение")};
            bool named_thing = j > i + 1 && kNamedThings.count(T(j - 1).key);
            // (a headline's kind word names no quote of the paragraph after it)
            if (!named_thing && In(j) && SameSent(i, j) &&
                (T(j).text == "«" || T(j).text == "\"" || T(j).text == "„" || T(j).text == "“")) {
                std::string close = T(j).text == "«" ? "»" : T(j).text == "„" ? "“" : T(j).text;
                std::size_t k = j + 1;
                while (In(k) && T(k).text != close && k - j < 15 && SameSent(j, k)) ++k;
                if (In(k) && T(k).text == close && k > j + 1) {
                    // The name inside the quotes is the mention (as the NER corpora mark it); the
                    // whole phrase «центр «Мы вместе»» is kept as its normal form.
                    std::size_t full_b = ExtendOrgLeft(i);
                    bool free = true;
                    for (std::size_t q = j + 1; q < k; ++q) free = free && org[q] < 0;
                    // a legal form or agency abbreviation right before straight quotes is part of the
                    // name: «ОАО "ТАИФ"», «РИА "Новости"» (so in nerel-train 6 times of 10; before «…»
                    // 8 of 30, «АНО «Добро»» is «Добро»)
                    bool legal = j == i + 1 && T(i).all_caps && T(j).text == "\"";
                    if (free && legal) {
                        Add(MentionKind::kOrganisation, i, k + 1);
                    } else if (free) {
                        int idx = Add(MentionKind::kOrganisation, j + 1, k);
                        d.mentions[static_cast<std::size_t>(idx)].normal =
                            NominativePhrase(d, full_b, j, false) + " " + d.Slice(j, PlaceAfterName(k + 1));
                    } else if (const int tagged = org[j + 1];
                               tagged >= 0 && d.spans[static_cast<std::size_t>(tagged)].first >= j &&
                               d.spans[static_cast<std::size_t>(tagged)].second <= k + 1) {
                        // the tagger found the quoted name itself («Славенский конец»): its body's kind words
                        // before it are its normal form too («Музей средневекового ремесла «Славенский конец»»)
                        d.mentions[static_cast<std::size_t>(tagged)].normal =
                            NominativePhrase(d, full_b, j, false) + " " + d.Slice(j, PlaceAfterName(k + 1));
                    }
                    return k;
                }
            }
        }
        return std::nullopt;
    }

    // «Центральная городская библиотека города Ишима запустила …»: the words after type word i go on to a place in
    // the genitive (an official name may then open at a sentence's start).
    bool GoesOnToAPlace(std::size_t i) const {
        for (std::size_t k = i + 1; In(k) && k < i + 4 && SameSent(i, k) && T(k).word; ++k) {
            if (entity[k] >= 0) {
                const Mention& pm = d.mentions[static_cast<std::size_t>(entity[k])];
                return IsLoc(pm.kind) && !pm.adjectival && d.spans[static_cast<std::size_t>(entity[k])].first == k;
            }
            if (T(k).cap) return false;
        }
        return false;
    }

    // «… города Кунгура»: a name's chain ending on «города», «района» goes on through the place it names.
    std::size_t ThroughTownWord(std::size_t i, std::size_t e) const {
        static const std::unordered_set<std::string> kWords = {"города",  "района", "округа",
                                                               "поселка", "села",   "станицы"};
        if (e <= i + 1 || !In(e) || !SameSent(i, e) || entity[e] < 0 || !kWords.count(T(e - 1).folded)) return e;
        const auto pm = static_cast<std::size_t>(entity[e]);
        return IsLoc(d.mentions[pm].kind) && !d.mentions[pm].adjectival && d.spans[pm].first == e ? d.spans[pm].second
                                                                                                  : e;
    }

    // «Омский государственный университет», «Новосибирский центр поддержки общественных инициатив»:
    // a type word after adjectives opened by a capitalised place adjective, with its genitive chain
    std::optional<std::size_t> PlaceAdjectiveOrg(std::size_t i, bool type) {
        // («Звениговский районный Дом культуры»: a house of culture is written with a capital)
        if (type && (!T(i).cap || (HouseOf(i) && i > 0 && !T(i - 1).cap && T(i - 1).word)) && entity[i] < 0 &&
            !lex.gov_types.count(T(i).key)) {
            std::size_t b = ExtendOrgLeft(i);
            // a known place's adjective, or one the directory lacks before lower-case words («Тарногской
            // средней школы», not «Туарегское Национальное движение»)
            const bool known = b < i && entity[b] >= 0 && d.mentions[static_cast<std::size_t>(entity[b])].adjectival &&
                               IsLoc(d.mentions[static_cast<std::size_t>(entity[b])].kind);
            const bool unknown =
                b < i && !T(b + 1).cap && ((entity[b] < 0 && PlaceAdjectiveShaped(b)) || LoneSurnameOfPlace(b));
            // «Республиканский учебно-методический центр», «Областной центр медицины катастроф»: an official
            // body's adjective capitalised inside a sentence opens its name
            // («Многофункциональный центр предоставления …», «Комплексный центр социального обслуживания …»: the
            // adjectives of a service centre's official name open it at a sentence's start too)
            const bool service = b < i && T(b).cap && !T(b).all_caps && entity[b] < 0 &&
                                 (T(b).folded.starts_with("многофункциональн") || T(b).folded.starts_with("комплексн"));
            // («Детская школа искусств города Евпатории впервые набрала …»: a children's school too)
            const bool official =
                service ||
                (b < i && T(b).cap && !T(b).all_caps && entity[b] < 0 &&
                 ((!T(b).sent_start && detail::OfficialAdjective(T(b).folded)) ||
                  (GoesOnToAPlace(i) && (detail::OfficialAdjective(T(b).folded) || T(b).folded.starts_with("детск")))));
            bool place_adjective = known || unknown || official;
            bool quoted = b > 0 && (T(b - 1).text == "«" || T(b - 1).text == "\"");
            if (place_adjective && T(b).cap && !quoted) {
                // the genitive chain, up to a verb or participle («… университет внедрил разработанную …»)
                std::size_t e = i + 1;
                // «колледж промышленных технологий и сервиса»: «и» before another genitive goes on the name
                auto and_genitive = [&](std::size_t k) {
                    if (T(k).folded != "и" || k <= i + 1 || !In(k + 1) || !SameSent(k, k + 1) || !T(k + 1).word ||
                        T(k + 1).cap)
                        return false;
                    const std::string& n = T(k + 1).folded;
                    for (const char* end : {"ия", "ии", "ов", "ей", "ых", "их", "ого", "ства", "ки", "ры", "ги", "са"})
                        if (n.size() > 6 && n.ends_with(end)) return true;
                    return false;
                };
                while (In(e) && SameSent(i, e) && e < i + 8 && T(e).word && !T(e).cap &&
                       (!lex.stop_words.count(T(e).folded) || T(e).folded == "по" || and_genitive(e) ||
                        // «центр по образованию в сфере культуры»
                        (T(e).folded == "в" && In(e + 1) &&
                         (T(e + 1).folded == "сфере" || T(e + 1).folded == "области"))) &&
                       entity[e] < 0) {
                    const std::string& f = T(e).folded;
                    bool verbal = false;
                    for (const char* suf : {"ил",   "ал",   "ел",   "ла",   "ли",   "ло",   "ет",   "ит",   "ют",
                                            "ят",   "ть",   "ся",   "нную", "нный", "нная", "нное", "нные", "вший",
                                            "вшая", "вшие", "ющий", "ющая", "ющие", "ящий", "ящая", "у",    "ю"})
                        verbal = verbal || f.ends_with(suf);
                    // «Сибирский электромоторный завод два года назад»: a count or a span of time ends the name
                    static const std::unordered_set<std::string> kNotName = {
                        "год",   "года", "лет",    "месяц",  "месяца", "месяцев", "неделю", "назад", "уже",
                        "также", "тоже", "сейчас", "теперь", "можно",  "нужно",   "нельзя", "под",   "за",
                        "над",   "при",  "для",    "без",    "из",     "от",      "через"};
                    // «…межрайонной больницы назначен …»: a short participle of appointing
                    verbal = verbal || detail::AppointedForm(f);
                    if (verbal || std::isdigit(static_cast<unsigned char>(f[0])) || CountWord(f) || kNotName.count(f))
                        break;
                    ++e;
                }
                while (e > i + 1 && T(e - 1).folded == "по") --e;
                e = ThroughTownWord(i, e);
                // «Новоуренгойской центральной библиотеки «Полярная»»: the body's own name in quotes goes with it
                if (In(e) && T(e).text == "«" && SameSent(i, e))
                    for (std::size_t q = e + 1; In(q) && q < e + 7 && SameSent(i, q); ++q)
                        if (T(q).text == "»") {
                            if (q > e + 1 && T(e + 1).cap) e = q + 1;
                            break;
                        }
                bool free = true;
                for (std::size_t q = b; q < e; ++q) free = free && org[q] < 0;
                if (free) {
                    if (LoneSurnameOfPlace(b)) Remove(entity[b]);
                    int idx = Add(MentionKind::kOrganisation, b, e);
                    named_orgs.insert(idx);
                    return e - 1;
                }
            }
        }
        return std::nullopt;
    }

    // Government bodies with a place: «правительство Тюменской области», «администрация Сургута»,
    // «Министерство обороны России»; capitalised ones stand alone: «Министерство обороны».
    std::optional<std::size_t> GovernmentBody(std::size_t i, bool type) {
        if (type && entity[i] < 0 && (lex.gov_types.count(T(i).key) || T(i).cap)) {
            bool place = false;
            std::size_t e = ExtendOrg(i + 1, &place);
            bool capital_name = T(i).cap && !T(i).sent_start;
            if (!place && !T(i).cap) e = i + 1;  // «правительство», «полиция» alone
            static const std::unordered_set<std::string> kAlone = {text::Stem("правительство"), text::Stem("полиция"),
                                                                   text::Stem("парламент"), text::Stem("кабмин")};
            if (place || (capital_name && e > i + 1) || (T(i).cap && e > i + 1) || kAlone.count(T(i).key)) {
                AddOrg(ExtendOrgLeft(i), e);
                return e - 1;
            }
        }
        return std::nullopt;
    }

    // Latin names in Russian text are mostly companies and media: «Google», «Financial Times».
    std::optional<std::size_t> LatinOrg(std::size_t i, bool /*type*/) {
        if (IsLatinCap(i) && entity[i] < 0 && !lex.not_org_abbr.count(T(i).folded)) {
            std::size_t e = i + 1;
            while (In(e) &&
                   (IsLatinCap(e) || (T(e).word && T(e).text[0] >= 'a' && T(e).text[0] <= 'z' && IsLatinCap(e + 1))) &&
                   T(e).start == T(e - 1).end + 1 && e < i + 5)
                ++e;
            if (!(e == i + 1 && T(i).text.size() == 1)) {
                AddOrg(i, e);
                return e - 1;
            }
        }
        return std::nullopt;
    }

    // ALL-CAPS abbreviations: МВД, ФСБ, ООН, РЖД.
    std::optional<std::size_t> AbbreviationOrg(std::size_t i, bool /*type*/) {
        if (T(i).all_caps && entity[i] < 0 && !lex.not_org_abbr.count(T(i).folded) &&
            text::CodePointLength(T(i).text) <= 7) {
            std::size_t e = i + 1;
            if (In(e) && entity[e] >= 0 && IsLoc(d.mentions[static_cast<std::size_t>(entity[e])].kind) &&
                !d.mentions[static_cast<std::size_t>(entity[e])].adjectival)
                e = d.spans[static_cast<std::size_t>(entity[e])].second;
            AddOrg(i, e);
            return e - 1;
        }
        return std::nullopt;
    }

    // «Дом культуры», «Дома народного творчества», «Дом молодёжи»: a house that is a body, not a building
    // («аварийный дом»): capitalised, or before the word of what it houses.
    bool HouseOf(std::size_t i) const {
        static const std::string kHouse = text::Stem("дом");
        if (T(i).key != kHouse || !In(i + 1) || !T(i + 1).word) return false;
        static const std::unordered_set<std::string> kWhat = [] {
            std::unordered_set<std::string> s;
            for (const char* w :
                 {"культуры",   "творчества", "молодежи", "ремесел",   "дружбы",      "офицеров",       "учителя",
                  "ребенка",    "музыки",     "кино",     "искусств",  "журналистов", "печати",         "пионеров",
                  "школьников", "ветеранов",  "досуга",   "народного", "детского",    "национальностей"})
                s.insert(text::Stem(w));
            return s;
        }();
        return kWhat.count(T(i + 1).key) > 0 && (T(i).cap || T(i + 1).key != text::Stem("народного"));
    }

    void Organisations() {
        for (std::size_t i = 0; i < d.toks.size(); ++i) {
            if (org[i] >= 0 || !T(i).word) continue;
            bool type = (lex.org_types.count(T(i).key) > 0 || LegalForm(T(i)) || HouseOf(i)) &&
                        !lex.IsPostHead(T(i).key, T(i).folded);
            std::optional<std::size_t> next = NumberedOrg(i, type);
            for (auto rule : {&Builder::QuotedOrg, &Builder::PlaceAdjectiveOrg, &Builder::GovernmentBody,
                              &Builder::LatinOrg, &Builder::AbbreviationOrg})
                if (!next) next = (this->*rule)(i, type);
            if (next) i = *next;
        }
    }

    // Linked mentions strictly inside a longer tagger person give way to it: a place read into a name
    // («Джеймс Коми», «Дмитрий Ливанов»), a directory person found by its surname alone («Ким Чен Ын»).
    // A place leading the span stays and the person starts after it («Гессен Фолькер Буфье» when
    // «Гессен» is known). Returns the person's new first token.
    std::size_t YieldToTaggerPerson(std::size_t b, std::size_t e) {
        for (std::size_t q = b; q < e; ++q) {
            int m = entity[q];
            if (m < 0) continue;
            const auto& mm = d.mentions[static_cast<std::size_t>(m)];
            auto [mb, me] = d.spans[static_cast<std::size_t>(m)];
            if (mb < b || me > e || me - mb >= e - b || mm.adjectival) continue;
            // …unless the place is a first name too, right before a surname («Питер Цвак», not St Petersburg)
            if (IsLoc(mm.kind) && mb == b && !(me == mb + 1 && e == me + 1 && IsFirstName(mb) && NameLike(me))) {
                b = me;
                while (b < e && !(T(b).word && T(b).cap)) ++b;
                continue;
            }
            if (IsLoc(mm.kind) || (mm.kind == MentionKind::kPerson && mm.ref)) Remove(m);
        }
        return b;
    }

    // A tagger organisation around organisations and persons the rules found inside it is added over
    // them (NEREL nests them: «комитета Совета Федерации по экономической политике», «Литературный
    // институт имени А. М. Горького»); one that overlaps a mention only in part is not.
    void AddTaggerOrg(std::size_t b, std::size_t e) {
        // a name does not start with a verb («создадут центр поддержки НКО»)
        auto verb = [&](const std::string& f) {
            for (const char* end : {"ть", "ти", "ут", "ют", "ат", "ят", "ет", "ит", "ал", "ала", "али", "ил", "ила",
                                    "или", "ел", "ела", "ели", "ся", "сь"})
                if (f.ends_with(end)) return true;
            return false;
        };
        while (b < e && T(b).word && !T(b).cap && !lex.org_types.count(T(b).key) && verb(T(b).folded)) ++b;
        if (b == e) return;
        // an ordinal number before the name: «1-го Украинского фронта», «2-й гвардейской армии»
        auto ordinal_end = [&](std::size_t k) {  // «1», «-», «го» glued, k the ending
            return k >= 2 && T(k).word && !T(k).cap && T(k).folded.size() <= 4 && T(k - 1).text == "-" &&
                   !T(k - 2).text.empty() && T(k - 2).text.find_first_not_of("0123456789") == std::string::npos &&
                   T(k - 1).start == T(k - 2).end && T(k).start == T(k - 1).end;
        };
        if (ordinal_end(b))
            b -= 2;
        else if (b >= 1 && SameSent(b - 1, b) && ordinal_end(b - 1))
            b -= 3;
        if (e == b + 1 && lex.not_org_abbr.count(T(b).folded)) return;  // «СМИ», «НКО», «ЕГЭ»
        // «с директором центра Мариной Юрьевной Пестовой»: a body word, then a first name in the instrumental, is a
        // post's body and its holder (not «музей Марины Цветаевой», named for a person in the genitive)
        if (e >= b + 2 && !T(b).cap && T(b + 1).cap && lex.first_names.count(T(b + 1).key)) {
            if (detail::InstrumentalNameForm(T(b + 1).folded)) return;
        }
        for (std::size_t q = b + 1; q < e; ++q)
            if (VerbForm(T(q))) return;

        // nor across a post in the nominative («Совета при Президенте РФ по развитию информационного
        // общества глава РФ Дмитрий Медведев»): the name ends before it
        for (std::size_t q = b + 1; q < e; ++q)
            if (!T(q).cap && NominativePostHead(T(q))) {
                e = q;
                while (e > b + 1 && !T(e - 1).word) --e;
                break;
            }
        e = CompleteOrgEnd(b, e);
        // a place right after the name belongs to it («Национальной футбольной лиги США», «полиции РА»):
        // nerel-train includes it 747 times, leaves it out 15 times
        if (In(e) && SameSent(b, e) && T(e).start == T(e - 1).end + 1 && (e - b > 1 || T(b).cap)) {
            int m = entity[e];
            if (m >= 0 && d.spans[static_cast<std::size_t>(m)].first == e &&
                IsLoc(d.mentions[static_cast<std::size_t>(m)].kind) &&
                !d.mentions[static_cast<std::size_t>(m)].adjectival)
                e = d.spans[static_cast<std::size_t>(m)].second;
        }
        for (std::size_t q = b; q < e; ++q) {
            for (int m : {org[q], entity[q]}) {
                if (m < 0) continue;
                auto [mb, me] = d.spans[static_cast<std::size_t>(m)];
                bool person = d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kPerson;
                if (mb < b || me > e || (m == org[q] && mb == b && me == e) || (person && me - mb == e - b)) return;
            }
        }
        // a rule organisation ending where the tagger's does is the same one read with a shorter start
        // («школы искусств № 1 города Сургута» in «Детской школы искусств № 1 …»)
        if (int m = org[e - 1]; m >= 0 && d.spans[static_cast<std::size_t>(m)].second == e &&
                                !d.mentions[static_cast<std::size_t>(m)].ref && !T(e - 1).all_caps)
            Remove(m);
        Add(MentionKind::kOrganisation, b, e);
    }

    static bool AdjectiveForm(const std::string& f) {
        if (f.size() <= 6) return false;
        for (const char* x : {"ого", "его", "ому", "ему", "ых", "их", "ым", "им", "ая", "яя", "ий", "ый", "ое", "ее",
                              "ую", "юю", "ыми", "ими", "ой"})
            if (f.ends_with(x)) return true;
        return false;
    }

    // A name the tagger ended on an adjective, a preposition or «имени» is cut short («Курской
    // областной» for «Курской областной думы», «комитета … по конституционному» for «… по
    // конституционному законодательству», «Ассоциации имени Людвига» for «… имени Людвига ван
    // Бетховена»): it goes on to the noun, or through the name after «имени».
    std::size_t CompleteOrgEnd(std::size_t b, std::size_t e) const {
        const Tok& last = T(e - 1);
        if (last.folded == "имени" || last.folded == "им" || (e - b >= 3 && T(e - 2).folded == "имени")) {
            std::size_t j = e;
            if (last.folded == "им" && In(j) && T(j).text == ".") ++j;
            std::size_t end = e;
            for (int n = 0; In(j) && SameSent(b, j) && n < 6; ++n, ++j) {
                const Tok& t = T(j);
                bool particle = t.folded == "ван" || t.folded == "фон" || t.folded == "де" || t.folded == "да";
                if (t.text == "." && j > e && T(j - 1).word && text::CodePointLength(T(j - 1).text) == 1) continue;
                if (!(t.word && (t.cap || particle)) || org[j] >= 0) break;
                if (t.cap && text::CodePointLength(t.text) > 1) end = j + 1;
            }
            return end;
        }
        static const std::unordered_set<std::string> kPreps = {"по", "за", "в", "с", "при", "для"};
        if (!(last.word && !last.cap && (AdjectiveForm(last.folded) || kPreps.count(last.folded)))) return e;
        for (std::size_t j = e; In(j) && SameSent(b, j) && j < e + 3; ++j) {
            const Tok& t = T(j);
            if (!t.word || entity[j] >= 0 || org[j] >= 0 || VerbForm(t) || EndsPost(t.folded) ||
                lex.stop_words.count(t.folded) || NominativePostHead(t))
                return e;
            if (t.cap || static_cast<unsigned char>(t.folded[0]) < 0x80) return e;  // a name, a number
            if (!AdjectiveForm(t.folded)) return j + 1;
        }
        return e;
    }

    bool IsTitle(const Tok& t) const {
        static const std::unordered_set<std::string> kTitles = {
            "император", "императора", "императору", "императрица", "императрицы", "принц",   "принца",    "принцесса",
            "принцессы", "царь",       "царя",       "царица",      "герцог",      "герцога", "герцогиня", "граф",
            "графа",     "графиня",    "барон",      "баронесса",   "шейх",        "шейха",   "эмир",      "эмира",
            "султан",    "султана",    "король",     "короля",      "королева",    "королевы"};
        return kTitles.count(t.folded) > 0 || (lex.IsPostHead(t.key, t.folded) && !lex.first_names.count(t.key));
    }

    bool StrongPersonAround(std::size_t m, std::size_t b, std::size_t e) const {
        if (d.mentions[m].kind != MentionKind::kPerson) return false;
        auto [mb, me] = d.spans[m];
        if (mb > b || me < e || me - mb == e - b) return false;
        for (std::size_t q = mb; q < me; ++q)
            if ((IsCapWord(q) && detail::IsPatronymic(T(q).folded)) || IsInitial(q)) return true;
        return false;
    }

    // A tagger person [i, e): hyphenated parts re-joined, rule persons it overlaps replaced (unless a
    // stronger one holds it), trimmed to a name; returns where to go on.
    std::size_t TaggerPerson(std::size_t i, std::size_t e, const std::vector<std::uint8_t>& tags) {
        using detail::kTagIPer;
        // hyphenated names the word breaker split: «Стросс-Кан», «Жан-Марк Эро»
        auto glued = [&](std::size_t a, std::size_t b) { return T(b).start == T(a).end; };
        for (;;) {
            std::size_t e0 = e;
            while (In(e + 1) && T(e).text == "-" && glued(e - 1, e) && glued(e, e + 1) && IsCapWord(e + 1)) e += 2;
            while (e > e0 && e < tags.size() && tags[e] == kTagIPer && SameSent(i, e)) ++e;
            if (e == e0) break;
        }
        // «Буш-старший», «Лукашенко-младшего» are names (nerel-train: 24 of 24)
        if (In(e + 1) && T(e).text == "-" && glued(e - 1, e) && glued(e, e + 1) &&
            (T(e + 1).folded.starts_with("старш") || T(e + 1).folded.starts_with("младш")))
            e += 2;
        // a name glued to a lower-case word is part of a compound, not a person («в Карнеги-холле»,
        // «Гоголь-центра»: nerel-train marks 2 of 231 such names as persons)
        if (In(e + 1) && T(e).text == "-" && glued(e - 1, e) && glued(e, e + 1) && T(e + 1).word && !T(e + 1).cap)
            return e + 2;
        std::size_t b0 = i;
        while (b0 >= 2 && T(b0 - 1).text == "-" && glued(b0 - 1, b0) && glued(b0 - 2, b0 - 1) && IsCapWord(b0 - 2))
            b0 -= 2;
        // the tagger's span replaces overlapping rule persons that no record backs, except one
        // with a patronymic or initials around it (the tagger left out a surname: «Соколова
        // Марина Викторовна» read as «Марина Викторовна»)
        if (int m = entity[b0]; m >= 0 && StrongPersonAround(static_cast<std::size_t>(m), b0, e)) return e;
        for (std::size_t q = b0; q < e; ++q) {
            int m = entity[q];
            if (m >= 0 && d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kPerson &&
                !d.mentions[static_cast<std::size_t>(m)].ref &&
                d.spans[static_cast<std::size_t>(m)] != std::make_pair(b0, e))
                Remove(m);
        }
        // a person's span starts with a capitalised word or an initial and ends with a word
        while (e > b0 && !T(e - 1).word) --e;
        while (b0 < e && !(T(b0).word && T(b0).cap)) ++b0;
        // a title written with a capital at the start of a sentence is not part of the name («Император
        // Акихито», «Президент Путин»)
        while (b0 + 1 < e && T(b0).cap && !T(b0).all_caps && IsTitle(T(b0))) ++b0;
        // one word after «в», «из», «под» or a locative after «на» is a place («на Арбате», «в Дувре»): nerel-train
        // has 9 such persons in 746 documents
        if (e == b0 + 1 && b0 > 0 && entity[b0] < 0 && SameSent(b0 - 1, b0)) {
            const std::string& p = T(b0 - 1).folded;
            if (p == "в" || p == "во" || p == "из" || p == "под" || (p == "на" && T(b0).folded.ends_with("е")))
                return std::max(e, i + 1);
        }
        // a surname right after a place that is a first name too: «Питер Семнеби»
        if (e == b0 + 1 && b0 > 0 && IsFirstName(b0 - 1) && NameLike(b0) && entity[b0 - 1] >= 0 &&
            d.spans[static_cast<std::size_t>(entity[b0 - 1])] == std::make_pair(b0 - 1, b0) &&
            IsLoc(d.mentions[static_cast<std::size_t>(entity[b0 - 1])].kind))
            --b0;
        bool name = false;
        for (std::size_t q = b0; q < e; ++q) name = name || (T(q).word && T(q).cap && !T(q).all_caps) || IsInitial(q);
        if (!name || e <= b0) return std::max(e, i + 1);
        b0 = YieldToTaggerPerson(b0, e);
        bool same = entity[b0] >= 0 && d.spans[static_cast<std::size_t>(entity[b0])] == std::make_pair(b0, e);
        if (!same && b0 < e) AddPerson(b0, e);
        return e;
    }

    static bool InsideTaggerOrg(std::size_t b, std::size_t e, const std::vector<std::uint8_t>& tags) {
        if (tags[b] != detail::kTagBOrg && tags[b] != detail::kTagIOrg) return false;
        std::size_t s = b, t = b + 1;
        while (s > 0 && tags[s] == detail::kTagIOrg) --s;
        while (t < tags.size() && tags[t] == detail::kTagIOrg) ++t;
        return tags[s] == detail::kTagBOrg && e <= t && t - s > e - b;
    }

    // Where the tagger ran two names together: a name does not run across «и», «или», «а» or a comma
    // («Моор и И. И. Петров» is two persons), …
    void SplitRunTogetherNames(std::vector<std::uint8_t>& tags) const {
        for (std::size_t i = 1; i < tags.size(); ++i) {
            if (tags[i] != detail::kTagIPer) continue;
            const auto& f = T(i).text;  // as written: «И.» is an initial
            // …nor across a dash set off by spaces («Минтимера Шаймиева - Радик»; «Стросс-Кан» is one name)
            bool dash = (f == "-" || f == "—" || f == "–") &&
                        !(T(i).start == T(i - 1).end && In(i + 1) && T(i + 1).start == T(i).end);
            // …nor from one script into another («Челаха BNews.kz»)
            auto latin = [&](std::size_t k) { return static_cast<unsigned char>(T(k).text[0]) < 0x80; };
            bool script = T(i).word && T(i - 1).word && T(i).cap && latin(i) != latin(i - 1) &&
                          std::isalpha(static_cast<unsigned char>(T(latin(i) ? i : i - 1).text[0]));
            if (f == "и" || f == "или" || f == "а" || f == "," || f == ";" || dash || script) {
                tags[i] = detail::kTagO;
                if (i + 1 < tags.size() && tags[i + 1] == detail::kTagIPer) tags[i + 1] = detail::kTagBPer;
            }
        }
        for (std::size_t b = 0; b < tags.size(); ++b)
            if (tags[b] == detail::kTagBPer) SplitAdjacentNames(b, tags);
    }

    // …and a name ends where another whole name begins right after it: initials after a name led by
    // initials («из окружения В.Шеймана А.Кулешов»), a known first name after a first name and a surname
    // («конкурса имени Петра Чайковского Даниил Трифонов», «сын Минтимера Шаймиева Тимур»), the same word
    // twice after a name («Максим Дадашев Дадашев»; «Жа Жа Габор», «Би Би Кинг» are one name each).
    void SplitAdjacentNames(std::size_t b, std::vector<std::uint8_t>& tags) const {
        bool initial_name = false, first = false, surname_after_first = false;
        for (std::size_t k = b; k < tags.size() && (k == b || tags[k] == detail::kTagIPer); ++k) {
            bool initial = GluedInitial(T(k).text) || IsInitial(k);
            // («Шабалина Николай Петрович Громов»: a word before a whole name of its own is another person's)
            const bool whole_name_after = k == b + 1 && (IsFirstName(k) || IsCapWord(k)) && k + 2 < tags.size() &&
                                          tags[k + 1] == detail::kTagIPer && tags[k + 2] == detail::kTagIPer &&
                                          detail::IsPatronymic(T(k + 1).folded) && IsCapWord(k + 2) && !IsFirstName(b);
            if (k > b && ((initial && initial_name) || (IsFirstName(k) && surname_after_first) || whole_name_after ||
                          (k >= b + 2 && IsCapWord(k) && T(k).text == T(k - 1).text))) {
                tags[k] = detail::kTagBPer;
                initial_name = first = surname_after_first = false;
            }
            if (GluedInitial(T(k).text) || (k >= 2 && IsCapWord(k) && IsInitial(k - 2))) initial_name = true;
            if (IsFirstName(k))
                first = true;
            else if (first && IsCapWord(k) && !detail::IsPatronymic(T(k).folded))
                surname_after_first = true;
        }
    }

    // The tagger decides on persons and organisations that no directory record backs: rule persons it
    // does not confirm and unmarked rule organisations are dropped, its own spans are added.
    void ApplyTagger(std::vector<std::uint8_t> tags) {
        SplitRunTogetherNames(tags);
        using detail::kTagBOrg;
        using detail::kTagBPer;
        using detail::kTagIOrg;
        using detail::kTagIPer;
        std::size_t n = d.mentions.size();
        for (std::size_t m = 0; m < n; ++m) {
            const auto& mm = d.mentions[m];
            if (mm.start < 0 || mm.ref) continue;
            auto [b, e] = d.spans[m];
            if (mm.kind == MentionKind::kPerson) {
                bool confirmed = false, strong = false;
                for (std::size_t i = b; i < e; ++i) {
                    confirmed = confirmed || tags[i] == kTagBPer || tags[i] == kTagIPer;
                    // a first name with a patronymic or initials is evidence the tagger may not overrule
                    strong = strong || (IsCapWord(i) && detail::IsPatronymic(T(i).folded)) || IsInitial(i);
                    // a known first name and a surname-like word after a post: «… Республики Алтай Роман
                    // Пальталлер»
                    strong =
                        strong ||
                        (i == b && e == b + 2 && IsFirstName(i) && !T(i).sent_start && b > 0 &&
                         (entity[b - 1] >= 0 || org[b - 1] >= 0 || lex.IsPostHead(T(b - 1).key, T(b - 1).folded)) &&
                         NameLike(i + 1));
                    // a known first name and a surname of the «-ов/-ев/-ин» kind in the same case ending («с
                    // директором школы Еленой Сафоновой», though Сафоново is a town)
                    strong = strong || (i == b && e == b + 2 && IsFirstName(i) && !T(i).sent_start && NameLike(i + 1) &&
                                        OvSurnameAgreeing(T(i).folded, T(i + 1).folded));
                }
                if (!confirmed && !strong) Remove(static_cast<int>(m));
            } else if (mm.kind == MentionKind::kOrganisation) {
                // Only «№ N» and quoted names keep their rule span; elsewhere the tagger's own span is
                // better than a rule chain it overlaps («утверждённые приказом Министерства …»).
                bool marked = !mm.normal.empty() || named_orgs.count(static_cast<int>(m)) > 0;
                for (std::size_t i = b; i < e; ++i)
                    marked = marked || T(i).text == "№" || T(i).text == "«" || T(i).text == "\"";
                // an abbreviation nested in a longer tagger organisation stays too (NEREL nests them:
                // «ЦК КПСС», «Главное управление МВД России»)
                bool abbr = e == b + 1 && T(b).all_caps;
                if (!marked && !(abbr && InsideTaggerOrg(b, e, tags))) Remove(static_cast<int>(m));
            }
        }
        for (std::size_t i = 0; i < tags.size();) {
            if (tags[i] == detail::kTagBLoc) {
                // a place no gazetteer knows: a municipality-kind mention without a link
                std::size_t e = i + 1;
                while (e < tags.size() && tags[e] == detail::kTagILoc && SameSent(i, e)) ++e;
                while (e > i && !T(e - 1).word) --e;
                bool name = false;
                for (std::size_t q = i; q < e; ++q) name = name || (T(q).word && T(q).cap);
                // (a legal form is no place: «директор МБУ «Казань-Экосфера»»)
                const bool legal_form = e == i + 1 && LegalForm(T(i));
                // (an adjective of the whole country, «Всероссийского конкурса», is the country, as NEREL marks it;
                // one of no place, «Международный форум», is none)
                const bool country =
                    e == i + 1 && (T(i).folded.starts_with("всероссийск") || T(i).folded.starts_with("общероссийск"));
                const bool scope =
                    e == i + 1 && (T(i).folded.starts_with("международн") || T(i).folded.starts_with("межрегиональн"));
                if (name && !legal_form && !scope && Free(i, e) && org[i] < 0)
                    Add(country ? MentionKind::kCountry : MentionKind::kMunicipality, i, e);
                i = std::max(e, i + 1);
                continue;
            }
            if (tags[i] != kTagBPer && tags[i] != kTagBOrg) {
                ++i;
                continue;
            }
            bool per = tags[i] == kTagBPer;
            std::size_t e = i + 1;
            while (e < tags.size() && tags[e] == (per ? kTagIPer : kTagIOrg) && SameSent(i, e)) ++e;
            if (per) {
                i = TaggerPerson(i, e, tags);
                continue;
            }
            AddTaggerOrg(i, e);
            i = e;
        }
    }

    // Names nested in the names found (the inner model's spans; NEREL annotates them: «МВД» and «России» in
    // «Главное управление МВД России», «Пушкина» in «Институт имени Пушкина», «Законодательного собрания» in
    // «Законодательного собрания Кировской области»): a span strictly inside an organisation mention, not
    // inside a person or place mention and not a mention yet, becomes one (names nested in persons and
    // places are rare: 42 of 2,216 in nerel-train; «Ямало-Ненецкого» in the region is none). Places no
    // gazetteer knows are municipalities without a link, as in ApplyTagger.
    bool HasWord(std::size_t b, std::size_t e) const {
        for (std::size_t q = b; q < e; ++q)
            if (T(q).word) return true;
        return false;
    }

    void AddNested(const std::vector<std::uint8_t>& tags) {
        for (std::size_t i = 0; i < tags.size();) {
            if (tags[i] == detail::kTagO || tags[i] % 2 == 0) {  // O, or I- without its B-
                ++i;
                continue;
            }
            std::size_t e = i + 1;
            while (e < tags.size() && tags[e] == tags[i] + 1 && SameSent(i, e)) ++e;
            std::size_t b = i, end = e;
            i = e;
            while (end > b && !T(end - 1).word) --end;
            if (end == b) continue;
            bool inside = false, taken = false;
            for (std::size_t m = 0; m < d.mentions.size(); ++m) {
                const auto& mm = d.mentions[m];
                if (mm.start < 0 || mm.kind == MentionKind::kPosition) continue;
                auto [mb, me] = d.spans[m];
                bool around = mb <= b && end <= me;
                // the same words with or without a closing quote («ООО "Северный берег"») are one name
                bool same_words = around && !HasWord(mb, b) && !HasWord(end, me);
                taken = taken || same_words || (around && mm.kind != MentionKind::kOrganisation);
                inside = inside || (around && mm.kind == MentionKind::kOrganisation && me - mb > end - b);
            }
            if (!inside || taken) continue;
            int type = (tags[b] - 1) / 2;  // 0 person, 1 organisation, 2 place
            bool name = false;
            for (std::size_t q = b; q < end; ++q) name = name || (T(q).word && T(q).cap);
            // «МБУ», «ГКУ» in «директор МБУ «Казань-Экосфера»»: a legal form is no place
            if (!name || (type == 2 && end == b + 1 && LegalForm(T(b)))) continue;
            Add(type == 0   ? MentionKind::kPerson
                : type == 1 ? MentionKind::kOrganisation
                            : MentionKind::kMunicipality,
                b, end);
        }
    }

    // A post head in the nominative starts another post («Совета при Президенте РФ по развитию
    // информационного общества глава РФ Дмитрий Медведев»); in a genitive chain it is oblique
    // («помощник заместителя губернатора»).
    bool NominativePostHead(const Tok& t) const {
        // «суд» shares the stem of «судья», as «мэрия» that of «мэр»
        if (!lex.IsPostHead(t.key, t.folded) || t.folded == "суд") return false;
        for (const auto& l : text::Lemmatizer::Default().Lemmas(t.folded))
            if (l == t.folded) return true;
        return false;
    }

    // The first token of the post whose head is token i: its modifiers («первый заместитель», «официальный
    // представитель», «чрезвычайный и полномочный посол»), «исполняющий обязанности», «вице-».
    std::size_t PostStart(std::size_t i) const {
        std::size_t b = i;
        // modifiers of the post: «первый заместитель», «официальный представитель», «чрезвычайный и
        // полномочный посол»
        // (not a finite verb of the same stem: «обязанности куратора исполнял министр транспорта …»)
        auto finite = [&](const std::string& f) {
            for (const char* e : {"ял", "ал", "ил", "ел", "яла", "ала", "ила", "ела", "яли", "али", "или", "ели", "яет",
                                  "ает", "яют", "ают", "яло", "ало"})
                if (f.ends_with(e)) return true;
            return false;
        };
        auto modifier = [&](std::size_t k) {
            return T(k).word && entity[k] < 0 && T(k).key != text::Stem("бывший") && !finite(T(k).folded) &&
                   (lex.position_mods.count(T(k).key) || lex.post_adjectives.count(T(k).key));
        };
        while (
            b > 0 && SameSent(b - 1, i) &&
            (modifier(b - 1) || (b >= 2 && b < i && T(b - 1).folded == "и" && SameSent(b - 2, i) && modifier(b - 2))))
            --b;
        // «Обязанности главы исполняет …»: «обязанности» belongs to the post only after «исполняющий»
        if (b < i && T(b).folded == "обязанности") ++b;
        // «вице-спикер», «пресс-секретарь», «арт-директор» split by the word breaker («экс-» tells the period,
        // it is no part of the post)
        if (b >= 2 && T(b - 1).text == "-" && T(b - 1).start == T(b - 2).end && T(b).start == T(b - 1).end &&
            T(b - 2).word && (!T(b - 2).cap || T(b - 2).sent_start || T(b - 2).folded == "вице") && entity[b - 2] < 0 &&
            T(b - 2).folded != "экс" && !lex.stop_words.count(T(b - 2).folded))
            b -= 2;
        // «и.о. главы района», «и. о. министра»: acting
        if (b >= 4 && SameSent(b - 4, i) && T(b - 1).text == "." && T(b - 2).folded == "о" && T(b - 3).text == "." &&
            T(b - 4).folded == "и")
            b -= 4;
        else if (b >= 2 && SameSent(b - 2, i) && T(b - 1).text == "." && T(b - 2).folded == "и.о")
            b -= 2;
        return b;
    }

    // The end of the post's mention: the post up to its body («министр культуры», «глава администрации»),
    // as the directory's titles are; the whole post with the body is kept for the fact (Doc::post_end).
    std::size_t PostMentionEnd(std::size_t i, std::size_t e) const {
        std::size_t short_end = e;
        for (int k = 0; In(short_end) && SameSent(i, short_end) && k < 4; ++k) {
            const Tok& t = T(short_end);
            if (entity[short_end] >= 0 || t.cap || t.all_caps || !t.word) break;
            if (lex.stop_words.count(t.folded) && t.folded != "по") break;
            if (t.folded == "по" && !(In(short_end + 1) && T(short_end + 1).word && !T(short_end + 1).cap)) break;
            if (EndsPost(t.folded) || detail::VerbForm(t) || NominativePostHead(t)) break;
            ++short_end;
        }
        while (short_end > i + 1 && T(short_end - 1).folded == "по") --short_end;
        return short_end;
    }

    // «ЖКХ», «ТЭК» at token k: a common abbreviation that names a field, not a body («по строительству и ЖКХ»).
    bool CommonAbbreviationAt(std::size_t k) const {
        return In(k) && SameSent(k - 1, k) && T(k).all_caps && lex.not_org_abbr.count(T(k).folded) > 0;
    }

    // A lower-case word after «и» that may go on a post's body: not a post, a verb or a function word.
    bool CoordinatedBodyWord(std::size_t k) const {
        return In(k) && SameSent(k - 1, k) && T(k).word && !T(k).cap && !lex.stop_words.count(T(k).folded) &&
               !lex.IsPostHead(T(k).key, T(k).folded) && !EndsPost(T(k).folded);
    }

    // The end of a post's body after «в» or «при» at token e: «в Томской области», «в Приволжском федеральном
    // округе», «при Президенте»; 0 when what follows is not such a body.
    std::size_t LocativeBodyEnd(std::size_t e) const {
        if (T(e).folded == "в" && entity[e + 1] >= 0) {
            const auto& m = d.mentions[static_cast<std::size_t>(entity[e + 1])];
            if (IsLoc(m.kind) && !m.adjectival && d.spans[static_cast<std::size_t>(entity[e + 1])].first == e + 1)
                return d.spans[static_cast<std::size_t>(entity[e + 1])].second;
        }
        auto body_noun = [&](std::size_t q) {
            const std::string& f = T(q).folded;
            return f == "округе" || f == "президенте" || f == "губернаторе" || f == "правительстве" ||
                   (T(e).folded == "при" &&
                    (f == "совете" || f == "думе" || f == "собрании" || f == "хурале" || f == "курултае" ||
                     f == "главе" || f == "администрации" || f == "мэрии" || f == "министерстве"));
        };
        std::size_t q = e + 1;
        while (In(q) && q < e + 7 && (T(q).word || T(q).text == "-") && !lex.stop_words.count(T(q).folded) &&
               !(entity[q] >= 0 && d.mentions[static_cast<std::size_t>(entity[q])].kind == MentionKind::kPerson) &&
               !body_noun(q))
            ++q;
        return In(q) && body_noun(q) ? q + 1 : 0;
    }

    // The end of the whole post with its body, from token e after its head i.
    // The token after the «…» that opens at token q (nested quotes counted), or 0 when it does not close in the
    // sentence.
    std::size_t QuotedNameEnd(std::size_t q) const {
        int depth = 0;
        for (std::size_t k = q; In(k) && SameSent(q, k) && k < q + 16; ++k) {
            if (T(k).text == "«") ++depth;
            if (T(k).text == "»" && --depth == 0) return k + 1;
        }
        return 0;
    }

    // «(Высоковской) средней школы», «(Моркинской) больницы»: what may follow a body's capitalised adjective
    static bool BodyNounOrAdjective(const std::string& f) {
        for (const char* p :
             {"школ",  "колледж",  "больниц",    "центр",       "библиотек", "музе",    "учрежден", "округ",
              "район", "орган",    "комбинат",   "университет", "институт",  "академи", "лице",     "гимнази",
              "театр", "интернат", "поликлиник", "филармони",   "техникум",  "училищ"})
            if (f.starts_with(p)) return true;
        // «Омского дома-интерната», «Слободского дома культуры»
        if (f == "дома" || f == "дом" || f == "доме" || f == "домом") return true;
        return f.size() > 8 && (f.ends_with("ой") || f.ends_with("ого") || f.ends_with("ей") || f.ends_with("его"));
    }

    // Capitalised words a post's body may hold: «губернатора», «Законодательного Собрания», «Департамента».
    static bool IsBodyWord(const std::string& key) {
        static const std::unordered_set<std::string> kBodies = {
            text::Stem("президента"),   text::Stem("правительства"),   text::Stem("губернатора"),
            text::Stem("думы"),         text::Stem("совета"),          text::Stem("федерации"),
            text::Stem("собрания"),     text::Stem("государственной"), text::Stem("законодательного"),
            text::Stem("министерства"), text::Stem("генерального"),    text::Stem("палаты"),
            text::Stem("департамента"), text::Stem("комитета"),        text::Stem("управления"),
            text::Stem("агентства"),    text::Stem("администрации"),   text::Stem("комиссии")};
        return kBodies.count(key) > 0;
    }

    // A named part of a post's body at token e (NameAt): take it (to `end`, `words` more), stop the post, or none.
    struct BodyName {
        enum What { kNone, kTake, kStop } what = kNone;
        std::size_t end = 0;
        int words = 0;
    };
    BodyName NameAt(std::size_t i, std::size_t e, int words) const {
        const Tok& t = T(e);
        // «директор МБУК «Централизованная библиотечная система»», «руководитель центра «Мой бизнес»»: a quoted
        // name, after a legal form or a body noun
        // (and after a legal form of several abbreviations: «директор ГКУ СО «Комплексный центр …»»)
        std::size_t open = e;
        while (open < e + 3 && In(open) && SameSent(e, open) && T(open).all_caps) ++open;
        if (t.text == "«" || (t.all_caps && In(open) && T(open).text == "«")) {
            std::size_t q = QuotedNameEnd(open);
            if (q == 0 || (t.text == "«" && words == 0)) return {BodyName::kStop};
            return {BodyName::kTake, q, 1};
        }
        // «директора ДЮСШ Поспелихинского района», «ГБУ Республики Марий Эл «…»»: an abbreviated body whose
        // place follows
        // «заместитель главы по вопросам ЖКХ»: a common abbreviation ends a «по» phrase
        // (or one listed: «строительства, ЖКХ и ТЭК»)
        if (t.all_caps && words > 0 && lex.not_org_abbr.count(t.folded) && e > i &&
            ((T(e - 1).word && !T(e - 1).cap) || T(e - 1).text == ","))
            return {BodyName::kTake, e + 1, 1};
        if (t.all_caps)
            return words > 0 && In(e + 1) && entity[e + 1] >= 0 &&
                           IsLoc(d.mentions[static_cast<std::size_t>(entity[e + 1])].kind)
                       ? BodyName{BodyName::kTake, e + 1, 1}
                       : BodyName{BodyName::kStop};
        if (!t.cap) return {};
        // «Контрольно-счётного органа», «лидера Аль-Кайды»: a capitalised hyphenated name, whole
        if (In(e + 2) && SameSent(i, e + 2) && T(e + 1).text == "-" && T(e + 1).start == t.end && T(e + 2).word &&
            T(e + 2).start == T(e + 1).end && entity[e] < 0 && org[e] < 0)
            return {BodyName::kTake, e + 3, 1};
        // «директор Высоковской средней школы»: a capitalised adjective of the body's own name before its
        // lower-case noun goes on as a genitive chain
        const bool named_adjective = In(e + 1) && SameSent(i, e + 1) &&
                                     (t.folded.ends_with("ой") || t.folded.ends_with("ого")) && T(e + 1).word &&
                                     !T(e + 1).cap && (words > 0 || BodyNounOrAdjective(T(e + 1).folded));
        // «директор Музея истории города Чебоксары», «Дома культуры»: a body's kind written with a capital in its
        // official name goes on the genitive chain
        static const char* const kBodyKinds[] = {"музе",  "библиотек", "центр",       "школ",      "колледж",
                                                 "театр", "институт",  "университет", "фонд",      "парк",
                                                 "архив", "агентств",  "учреждени",   "филармони", "заповедник"};
        bool body_kind = HouseOf(e);
        for (const char* k : kBodyKinds) body_kind = body_kind || t.folded.starts_with(k);
        const bool kind_of_body =
            words == 0 && body_kind && In(e + 1) && SameSent(i, e + 1) && T(e + 1).word && !T(e + 1).cap;
        if (IsBodyWord(t.key) || named_adjective || kind_of_body) return {};
        // «заместитель Председателя Кабинета Министров», «советник Главы Республики»: an office written with a
        // capital in official texts goes on the genitive chain
        // («Заместитель Главы администрации …» opening a sentence too)
        if (words == 0 && !t.sent_start && lex.IsPostHead(t.key, t.folded) && (!T(i).cap || T(i).sent_start)) return {};
        // «депутат Народного Хурала Республики Бурятия»: a body's capitalised name right before its region
        std::size_t q = e;
        while (q < e + 3 && In(q) && SameSent(i, q) && T(q).word && T(q).cap && entity[q] < 0 && org[q] < 0) ++q;
        if (q == e || !In(q) || entity[q] < 0 || !IsLoc(d.mentions[static_cast<std::size_t>(entity[q])].kind) ||
            d.mentions[static_cast<std::size_t>(entity[q])].adjectival)
            return {BodyName::kStop};
        return {BodyName::kTake, q, static_cast<int>(q - e)};
    }

    // A place at token e inside a post's body (PlaceInBody): the adjective of the body's noun, the body's place
    // (with its region: «Кизлярского района Дагестана»), or none (the post ends).
    struct BodyPlace {
        enum What { kNone, kAdjective, kPlace } what = kNone;
        std::size_t end = 0;
        bool more = false;  // a «по», «в» or «при» phrase may follow the place
    };
    BodyPlace PlaceInBody(std::size_t i, std::size_t e) const {
        const auto& m = d.mentions[static_cast<std::size_t>(entity[e])];
        // «директор Переславского музея-заповедника»: a place adjective before the body's noun
        std::size_t after = d.spans[static_cast<std::size_t>(entity[e])].second;
        const std::string& last = T(after - 1).folded;  // «Высоковской» read as a town's genitive
        const bool adjective = m.adjectival || last.ends_with("ской") || last.ends_with("ского");
        // (or before the body's own name: «генеральный директор казанской УК «Домоуправ»»)
        if (IsLoc(m.kind) && adjective && In(after) && SameSent(i, after) &&
            ((T(after).word && !T(after).cap && BodyNounOrAdjective(T(after).folded)) ||
             (m.adjectival && ((org[after] >= 0 && d.spans[static_cast<std::size_t>(org[after])].first == after) ||
                               (T(after).all_caps && In(after + 1) && T(after + 1).text == "«")))))
            return {BodyPlace::kAdjective, after};
        if (!IsLoc(m.kind) || m.adjectival) return {};
        e = after;
        // «глава Кизлярского района Дагестана»: the region of a place right after it, in the genitive too (not
        // «президента Чехии Ливия …»)
        if (m.kind != MentionKind::kCountry && In(e) && SameSent(i, e) && entity[e] >= 0 &&
            d.spans[static_cast<std::size_t>(entity[e])].first == e) {
            const auto& next = d.mentions[static_cast<std::size_t>(entity[e])];
            if ((next.kind == MentionKind::kRegion || next.kind == MentionKind::kCountry) && !next.adjectival &&
                text::Fold(next.text) != text::Fold(next.normal))
                e = d.spans[static_cast<std::size_t>(entity[e])].second;
        }
        // «… Курганской области по социальной политике»: a «по» phrase may follow
        // …or «в … федеральном округе», «при Президенте» («полпред президента РФ в СКФО»)
        return {BodyPlace::kPlace, e, In(e) && (T(e).folded == "по" || T(e).folded == "в" || T(e).folded == "при")};
    }

    // Tokens [b, e) of a post's body name its body: an organisation, an abbreviation or a quoted name.
    bool BodyNamed(std::size_t b, std::size_t e) const {
        for (std::size_t k = b; k < e; ++k)
            if (org[k] >= 0 || T(k).all_caps || T(k).text == "«") return true;
        return false;
    }

    // «учитель математики лицея № 11 Йошкар-Олы»: the body's number at token e.
    bool BodyNumberAt(std::size_t i, std::size_t e) const {
        return T(e).text == "№" && In(e + 1) && SameSent(i, e + 1) && !T(e + 1).text.empty() &&
               std::isdigit(static_cast<unsigned char>(T(e + 1).text[0]));
    }

    // «министр строительства, архитектуры и жилищно-коммунального хозяйства …»: the body's nouns listed with
    // commas before «и» (kept, as after «и», only when the body reaches a place, an organisation or a person);
    // `and_at`: the first «,» or «и» of the list so far, 0 before it.
    bool ListedBodyAt(std::size_t e, std::size_t and_at) const {
        if (!(T(e).text == "," || (T(e).folded == "и" && and_at > 0 && T(and_at).text == ","))) return false;
        // «строительства, ЖКХ и ТЭК»
        if (CommonAbbreviationAt(e + 1)) return true;
        if (!CoordinatedBodyWord(e + 1)) return false;
        // the listed words are genitives like the body's («архитектуры», «связи», «лесного»), no nominative
        // («премьера сезона, знаменитый шедевр»)
        // («инвестиций», «учреждений», «предприятий» are genitive plurals, not adjectives in «-ий»)
        const std::string& f = T(e + 1).folded;
        for (const char* x : {"ый", "ая", "ое", "ые", "ие"})
            if (f.ends_with(x)) return false;
        if (!f.ends_with("ий")) return true;
        for (const char* x : {"ций", "тий", "лий", "вий", "рий", "ений", "аний", "ояний"})
            if (f.ends_with(x)) return true;
        return false;
    }

    // «директор дома-интерната для престарелых и инвалидов», «школы для детей с ОВЗ»: «для» at token e tells whom a
    // body serves.
    bool ForWhomAt(std::size_t e) const {
        const std::string& before = T(e - 1).folded;
        return T(e).folded == "для" && In(e + 1) && T(e + 1).word && !T(e + 1).cap &&
               (before.starts_with("интернат") || before == "дома" || before == "центра" || before == "школы" ||
                before == "учреждения");
    }

    // «и» at token e inside a phrase of the post's body, joining what the phrase lists: «по вопросам культуры и
    // национальной политики» (what the post is for), «по жилищному и строительному надзору» (its adjectives),
    // «для престарелых и инвалидов» (those it serves).
    bool AndInsidePhrase(std::size_t e, std::size_t po_at, std::size_t for_at, int words) const {
        if (po_at > 0 && words > 0 && (CoordinatedBodyWord(e + 1) || CommonAbbreviationAt(e + 1))) return true;
        if (po_at > 0 && In(e + 2) && SameSent(e, e + 2) && T(e + 1).word && !T(e + 1).cap &&
            (T(e + 1).folded.ends_with("ому") || T(e + 1).folded.ends_with("ему")) && T(e + 2).word && !T(e + 2).cap)
            return true;
        return for_at > 0 && e == for_at + 2 && In(e + 1) && T(e + 1).word && !T(e + 1).cap;
    }

    // The word at token e ends a post's genitive chain: verbs («покинул свой пост»), adverbs and short words, another
    // post («заместителя премьер-министра»: a hyphenated post head is read by its last part), and a dative right
    // after the head («представил нового руководителя личному составу»).
    bool ChainEndsAt(std::size_t e, std::size_t po_at, int words) const {
        const Tok& t = T(e);
        const bool hyphenated = In(e + 2) && T(e + 1).text == "-" && T(e + 1).start == t.end &&
                                T(e + 2).start == T(e + 1).end && T(e + 2).word;
        if (EndsPost(t.folded) || detail::VerbForm(t) || t.folded == "лет" || t.folded == "год" || t.folded == "года" ||
            (NominativePostHead(t) && !hyphenated) || (hyphenated && NominativePostHead(T(e + 2))))
            return true;
        // («Совета депутатов округа главой округа избран …»: a post in the instrumental is another one)
        if (lex.IsPostHead(t.key, t.folded) && detail::InstrumentalNameForm(t.folded)) return true;
        return po_at == 0 && words == 0 && (t.folded.ends_with("ому") || t.folded.ends_with("ему"));
    }

    // «центра компетенций в сфере сельскохозяйственной кооперации», «департамента политики в области транспорта»:
    // the field a body works in, a lower-case genitive after «в сфере», «в области», at token e.
    bool FieldAt(std::size_t e) const {
        return T(e).folded == "в" && In(e + 2) && SameSent(e, e + 2) &&
               (T(e + 1).folded == "сфере" || T(e + 1).folded == "области") && T(e + 2).word && !T(e + 2).cap &&
               !lex.stop_words.count(T(e + 2).folded);
    }

    // «главный федеральный инспектор по Пензенской области», «… по Шадринску и Шадринскому району»: the place a
    // post serves after «по» at token e; the token after it, or 0.
    std::size_t PlaceServedAt(std::size_t e) const {
        if (T(e).folded != "по" || !In(e + 1) || entity[e + 1] < 0) return 0;
        const auto q = static_cast<std::size_t>(entity[e + 1]);
        const auto& m = d.mentions[q];
        if (d.spans[q].first != e + 1 || !IsLoc(m.kind) || m.adjectival || m.kind == MentionKind::kCountry) return 0;
        return d.spans[q].second;
    }

    // «директор музея-заповедника»: a hyphen glued to a lower-case body noun at token e.
    bool HyphenatedBodyNounAt(std::size_t e) const {
        return T(e).text == "-" && In(e + 1) && T(e).start == T(e - 1).end && T(e + 1).start == T(e).end &&
               T(e + 1).word && !T(e + 1).cap;
    }

    // «области», «края», «республики», «региона» at token e: a region told by its kind.
    bool RegionKindWordAt(std::size_t e) const {
        const Tok& t = T(e);
        return t.word && !t.cap &&
               (t.folded == "области" || t.folded == "края" || t.folded == "республики" || t.folded == "региона");
    }

    std::size_t PostBodyEnd(std::size_t i, std::size_t e) const {
        int words = 0;
        // «министр транспорта и дорожного хозяйства Пензенской области»: the body after «и» is kept when it
        // reaches a place or an organisation, or a person follows; else the post ends before «и»
        std::size_t and_at = 0;
        std::size_t po_at = 0;   // the last «по» of the body («по работе с …»)
        std::size_t for_at = 0;  // «для» of whom the body serves
        bool body_after_and = false;
        while (In(e) && SameSent(i, e) && words < 12) {
            const Tok& t = T(e);
            // the body: an organisation or a place in the genitive («губернатора Тюменской области»,
            // «главы администрации Сургута»); a person ends the post
            if (org[e] >= 0) {
                body_after_and = and_at > 0;
                e = d.spans[static_cast<std::size_t>(org[e])].second;
                ++words;
                continue;
            }
            if (entity[e] >= 0) {
                auto place = PlaceInBody(i, e);
                if (place.what == BodyPlace::kNone) break;
                if (place.what == BodyPlace::kPlace) body_after_and = and_at > 0;
                e = place.end;
                ++words;
                if (place.what == BodyPlace::kPlace && !place.more) break;
                continue;
            }
            // «министром культуры и духовного развития республики»: the region told by its kind ends the body
            if (and_at > 0 && words > 0 && RegionKindWordAt(e)) {
                body_after_and = true;
                ++e;
                break;
            }
            if (words > 0 && FieldAt(e)) {
                po_at = e + 1;
                e += 2;
                continue;
            }
            // «в Приволжском федеральном округе», «при Президенте», «по правам человека в Томской области», the place
            // a post serves: «по Пензенской области»
            const std::size_t served = PlaceServedAt(e);
            if (served || ((t.folded == "в" || t.folded == "при") && In(e + 1) && words > 0)) {
                const std::size_t q = served ? served : LocativeBodyEnd(e);
                if (q == 0) break;
                if (served) po_at = e;
                body_after_and = body_after_and || and_at > 0;
                e = q;
                ++words;
                continue;
            }
            if (words > 0 && HyphenatedBodyNounAt(e)) {
                e += 2;
                continue;
            }
            if (words > 0 && ListedBodyAt(e, and_at)) {
                if (and_at == 0) and_at = e;
                ++e;
                continue;
            }
            if (words > 0 && BodyNumberAt(i, e)) {
                e += 2;
                continue;
            }
            if (!t.word && t.text != "«") break;
            if (auto step = NameAt(i, e, words); step.what != BodyName::kNone) {
                if (step.what == BodyName::kStop) break;
                words += step.words;
                e = step.end;
                continue;
            }
            if (t.folded == "и" && AndInsidePhrase(e, po_at, for_at, words)) {
                ++e;
                continue;
            }
            // («отдела ГО и ЧС»: two abbreviations joined)
            if (t.folded == "и" && and_at == 0 && for_at == 0 && words > 0 &&
                (CoordinatedBodyWord(e + 1) || (T(e - 1).all_caps && In(e + 1) && T(e + 1).all_caps))) {
                and_at = e++;
                continue;
            }
            // «руководитель отдела по работе с общественными объединениями»: «с» inside a «по» phrase goes on
            const bool with_inside_po = (t.folded == "с" || t.folded == "со") && po_at > 0 && e == po_at + 2 &&
                                        In(e + 1) && T(e + 1).word && !T(e + 1).cap;
            const bool for_whom = words > 0 && ForWhomAt(e);
            if (for_whom) for_at = e;
            if (lex.stop_words.count(t.folded) && t.folded != "по" && !with_inside_po && !for_whom) break;
            if (t.folded == "по" && !(In(e + 1) && T(e + 1).word && !T(e + 1).cap)) break;
            if (t.folded == "по") po_at = e;
            if (ChainEndsAt(e, po_at, words)) break;
            // a genitive chain: «министр торговли», «директор департамента молодёжной политики»
            ++e;
            ++words;
        }
        bool person_next =
            In(e) && entity[e] >= 0 && d.mentions[static_cast<std::size_t>(entity[e])].kind == MentionKind::kPerson;
        if (and_at > 0 && !body_after_and && !person_next) e = and_at;
        while (e > i + 1 && (T(e - 1).folded == "по" || T(e - 1).folded == "в")) --e;
        return e;
    }

    // A person's name in Chinese or Japanese characters in brackets after it is the person too: «Чжан Инъин
    // (章莹颖)», «Марио (何猷君)».
    void NativeNamesInBrackets() {
        auto han = [&](std::size_t k) {
            auto c = static_cast<unsigned char>(T(k).text.empty() ? 0 : T(k).text[0]);
            return T(k).word && c >= 0xE3 && c <= 0xE9;  // CJK blocks: U+3000 … U+9FFF
        };
        for (std::size_t i = 1; i + 2 < d.toks.size(); ++i) {
            int m = entity[i - 1];
            if (T(i).text != "(" || m < 0 || d.mentions[static_cast<std::size_t>(m)].kind != MentionKind::kPerson ||
                d.spans[static_cast<std::size_t>(m)].second != i)
                continue;
            std::size_t e = i + 1;
            while (In(e) && e < i + 6 && han(e)) ++e;
            if (e > i + 1 && In(e) && T(e).text == ")" && Free(i + 1, e)) Add(MentionKind::kPerson, i + 1, e);
        }
    }

    // A name right after a word for a work or an award is its title, not an organisation: «с треком
    // Firestarter», «альбом «The Fat of the Land»», «произведение «Польский реквием»», «премии Grammy».
    void DropWorkTitles() {
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            if (d.mentions[m].start < 0 || d.mentions[m].kind != MentionKind::kOrganisation || d.mentions[m].ref)
                continue;
            std::size_t b = d.spans[m].first;
            while (b > 0 && !T(b - 1).word && (T(b - 1).text == "«" || T(b - 1).text == "\"")) --b;
            if (b == 0 || !SameSent(b - 1, d.spans[m].first)) continue;
            const std::string& f = T(b - 1).folded;
            for (const char* w : {"трек", "сингл", "альбом", "песн", "композици", "фильм", "спектакл", "роман",
                                  "произведени", "преми", "сериал", "мюзикл", "клип", "опер", "балет", "книг"})
                if (f.starts_with(w) && !f.starts_with("операт") && !f.starts_with("оперн")) {
                    Remove(static_cast<int>(m));
                    break;
                }
        }
    }

    // «правительство», «парламента», «полиция», «мэрия», «кабмин» written alone are organisations (NEREL
    // marks them so in about two cases of three: 318 of the 497 lower-case ones in nerel-train, 20 more
    // inside a longer name; «мэрия» and «кабмин» 7 of 8).
    void CommonBodies() {
        for (std::size_t i = 0; i < d.toks.size(); ++i) {
            const std::string& f = T(i).folded;
            if (!T(i).word || entity[i] >= 0 || org[i] >= 0) continue;
            // «СИЗО» (a remand prison: nerel-train 9 of 14), not an organisation's short name otherwise
            if (T(i).text == "СИЗО") Add(MentionKind::kOrganisation, i, i + 1);
            if (T(i).cap) continue;
            bool body =
                (f.starts_with("правительств") && !f.starts_with("правительствен")) ||
                (f.starts_with("парламент") && !f.starts_with("парламентар") && !f.starts_with("парламентск")) ||
                f.starts_with("полици") || f.starts_with("мэри") || f.starts_with("кабмин");
            if (body) Add(MentionKind::kOrganisation, i, i + 1);
            // «министерство культуры», «департамента образования»: with their genitive chain (nerel-train:
            // 27 of 41 before a lower-case word)
            if ((f.starts_with("министерств") || f.starts_with("департамент")) && In(i + 1) && T(i + 1).word &&
                !T(i + 1).cap && !lex.stop_words.count(T(i + 1).folded)) {
                bool place = false;
                std::size_t e = ExtendOrg(i + 1, &place);
                if (e > i + 1 && Free(i, e)) Add(MentionKind::kOrganisation, i, e);
            }
            // «власти Перу», «властями России» (nerel-train: 11 of 16 before a place)
            bool authorities = f == "власти" || f == "властей" || f == "властям" || f == "властями" || f == "властях";
            int m = In(i + 1) && SameSent(i, i + 1) ? entity[i + 1] : -1;
            if (authorities && m >= 0 && d.spans[static_cast<std::size_t>(m)].first == i + 1 &&
                IsLoc(d.mentions[static_cast<std::size_t>(m)].kind) &&
                !d.mentions[static_cast<std::size_t>(m)].adjectival)
                Add(MentionKind::kOrganisation, i, d.spans[static_cast<std::size_t>(m)].second);
        }
    }

    // «главный врач», «главного инженера», «ведущий специалист»: a job that is a post with its rank word
    // (alone, «врач» is an occupation and no post).
    bool ChiefJob(std::size_t i) const {
        return i > 0 && SameSent(i - 1, i) && detail::words::IsChiefJobNoun(T(i).key) &&
               (T(i - 1).folded.starts_with("главн") || T(i - 1).folded.starts_with("ведущ") ||
                T(i - 1).folded.starts_with("старш"));
    }

    // Post heads the lexicon (and so the tagger's features) does not hold: clipped compounds («замгубернатора»,
    // «худрук», «постпред») and the forms of «посол» whose stem drops the «о» («послом», «посла»).
    static bool ShortPostHead(const std::string& f) {
        static const std::unordered_set<std::string> kSol = {"посла", "послу", "послом", "послы", "послов", "послам"};
        if (kSol.count(f)) return true;
        for (const char* p : {"замгубернатор", "замдиректор", "замначальник", "замруководител", "замсекретар",
                              "замполпред", "худрук", "постпред", "спецпредставител", "спецпосланник", "торгпред"})
            if (f.starts_with(p)) return true;
        return false;
    }

    // A post with the body it belongs to: «первый заместитель губернатора Курганской области»,
    // «вице-спикер областной думы», «полномочный представитель Президента в Приволжском федеральном
    // округе», «директор Детской школы искусств № 1 города Сургута»; a person right after ends it.
    void Positions() {
        for (std::size_t i = 0; i < d.toks.size(); ++i) {
            const bool post =
                T(i).word && (lex.IsPostHead(T(i).key, T(i).folded) || ChiefJob(i) || ShortPostHead(T(i).folded));
            const bool job = !post && T(i).word && lex.jobs.count(T(i).key);
            if (!post && !job) continue;
            if (entity[i] >= 0) continue;
            // a founder or an academician names a person (the title rule uses them) but holds no post
            static const std::unordered_set<std::string> kTitlesNotPosts = {
                text::Stem("основатель"), text::Stem("академик"), text::Stem("член-корреспондент")};
            if (kTitlesNotPosts.count(T(i).key)) continue;
            // «во главе с …» is no post
            if (T(i).folded == "главе" && i > 0 && T(i - 1).folded == "во") continue;
            // «суд» and «поэтому» share the stems of «судья» and «поэт»
            if (T(i).key == text::Stem("судья") ? !T(i).folded.starts_with("судь") && T(i).folded != "судей"
                                                : T(i).folded == "поэтому")
                continue;
            // «управляющий директор»: the first word is the second one's modifier
            if (lex.post_adjectives.count(T(i).key) && In(i + 1) && SameSent(i, i + 1) &&
                lex.IsPostHead(T(i + 1).key, T(i + 1).folded))
                continue;
            std::size_t b = PostStart(i);
            std::size_t e = i + 1;
            // «премьер-министр», «вице-губернатор» split by the word breaker
            while (In(e + 1) && (T(e).text == "-") && T(e).start == T(e - 1).end && T(e + 1).start == T(e).end &&
                   T(e + 1).word && !T(e + 1).cap)
                e += 2;
            std::size_t short_end = PostMentionEnd(i, e);
            e = PostBodyEnd(i, e);
            if (job && !BodyNamed(i + 1, e)) continue;
            short_end = std::min(short_end, e);
            Add(MentionKind::kPosition, b, short_end);
            d.post_end[b] = e;
            i = e - 1;  // no second post inside this one («представитель Президента»)
        }
    }
};

// «в Буйской центральной районной больнице (ЦРБ)» … «из Тотемской ЦРБ»: an abbreviation the article defines is
// written out in the normal form of the organisations that use it («Тотемская центральная районная больница»), so
// a curator sees, and the directory matches, the body's full name. The definition is the words before «(ABBR)»
// whose initials spell it, taken in the nominative from the normal form of the organisation they end.
void ExpandDefinedAbbreviations(Doc& d) {
    std::unordered_map<std::string, std::vector<std::string>> expansion;  // ABBR → nominative words
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        if (d.mentions[m].kind != MentionKind::kOrganisation) continue;
        const std::size_t e = d.spans[m].second;
        if (e + 2 >= d.toks.size() || d.toks[e].text != "(" || d.toks[e + 2].text != ")") continue;
        const Tok& a = d.toks[e + 1];
        if (!a.word || !a.all_caps) continue;
        std::vector<std::string> letters;  // ABBR's letters, folded
        for (std::size_t i = 0; i < a.folded.size();) {
            std::size_t n = static_cast<unsigned char>(a.folded[i]) < 0x80 ? 1 : 2;
            letters.push_back(a.folded.substr(i, n));
            i += n;
        }
        const std::size_t k = letters.size();
        if (k < 2 || k > 6 || e < d.spans[m].first + k) continue;
        bool spelled = true;
        for (std::size_t j = 0; j < k && spelled; ++j) {
            const Tok& w = d.toks[e - k + j];
            spelled = w.word && w.folded.compare(0, letters[j].size(), letters[j]) == 0;
        }
        if (!spelled) continue;
        std::vector<std::string> words;
        for (auto& w : Split(d.mentions[m].normal, ' '))
            if (!w.empty()) words.push_back(w);
        if (words.size() < k) continue;
        expansion[a.text] = std::vector<std::string>(words.end() - static_cast<std::ptrdiff_t>(k), words.end());
    }
    if (expansion.empty()) return;
    for (auto& mention : d.mentions) {
        if (mention.kind != MentionKind::kOrganisation) continue;
        std::vector<std::string> words;
        for (auto& w : Split(mention.normal, ' '))
            if (!w.empty()) words.push_back(w);
        std::string out;
        bool changed = false;
        for (std::size_t i = 0; i < words.size(); ++i) {
            auto it = expansion.find(words[i]);
            std::string piece = words[i];
            if (it != expansion.end()) {
                piece.clear();
                for (const auto& x : it->second) piece += (piece.empty() ? "" : " ") + x;
                if (i == 0 && !piece.empty()) {
                    std::u32string u = detail::words::U32(piece);
                    u[0] = detail::words::Upper(u[0]);
                    piece = detail::words::U8(u);
                }
                changed = true;
            }
            out += (out.empty() ? "" : " ") + piece;
        }
        if (changed) mention.normal = out;
    }
}

// «Кумертауской центральной городской библиотеке» in an article that names «Кумертау»: a town's adjective the
// directory does not spell («кумертауский») is that town when it opens with the town's name — its region and its
// normal form follow. So is an adjective the directory gives to a namesake the article never names («дзержинские
// добровольцы» in a story of Дзержинск, not the town Дзержинский near Moscow).
void TownsOfUnknownAdjectives(Doc& d) {
    std::unordered_set<std::string> names;  // the places the article names by their names, not adjectives
    for (const Mention& t : d.mentions)
        if (t.start >= 0 && !t.adjectival && t.ref) names.insert(t.ref->name);
    auto named = [&](const std::string& name) { return names.count(name) > 0; };
    for (Mention& adj : d.mentions) {
        if (adj.start < 0 || adj.kind != MentionKind::kMunicipality || adj.text.find(' ') != std::string::npos ||
            (adj.ref && (!adj.adjectival || adj.demonym || named(adj.ref->name))))
            continue;
        const std::string f = text::Fold(adj.text);
        if (!detail::words::IsAdjectiveForm(f)) continue;
        const Mention* town = nullptr;
        for (const Mention& t : d.mentions) {
            if (t.start < 0 || t.kind != MentionKind::kMunicipality || !t.ref || t.adjectival) continue;
            const std::string name = text::Fold(t.ref->name);
            if (text::CodePointLength(name) < 5 || !f.starts_with(name) || f.size() > name.size() + 8 ||
                (adj.ref && adj.ref->name == t.ref->name))
                continue;
            if (town && town->ref->name != t.ref->name) {
                town = nullptr;  // two towns: neither
                break;
            }
            town = &t;
        }
        if (!town) continue;
        adj.ref = town->ref;
        adj.normal = town->ref->name;
        adj.adjectival = true;
    }
}

// «комсомольчане» in an article that names «Комсомольск-на-Амуре» and not «Комсомольск»: residents (or an
// adjective) of a town whose name another town's opens («Комсомольск» of Ivanovo oblast) are that other town's.
void TownsNamedInFull(Doc& d) {
    for (Mention& short_form : d.mentions) {
        if (short_form.start < 0 || !short_form.adjectival || short_form.kind != MentionKind::kMunicipality ||
            !short_form.ref)
            continue;
        const std::string name = text::Fold(short_form.ref->name) + "-";
        const Mention* full = nullptr;
        bool named_itself = false;
        // (a town inside an organisation's name, «группа «Вместе | Комсомольск»», names no town of the story)
        auto inside_body = [&](std::size_t q) {
            for (std::size_t o = 0; o < d.mentions.size(); ++o)
                if (o != q && d.mentions[o].start >= 0 && d.mentions[o].kind == MentionKind::kOrganisation &&
                    d.spans[o].first <= d.spans[q].first && d.spans[o].second >= d.spans[q].second)
                    return true;
            return false;
        };
        for (std::size_t q = 0; q < d.mentions.size(); ++q) {
            const Mention& m = d.mentions[q];
            if (m.start < 0 || m.adjectival || m.kind != MentionKind::kMunicipality || !m.ref) continue;
            if (m.ref->name == short_form.ref->name && !inside_body(q)) named_itself = true;
            if (text::Fold(m.ref->name).starts_with(name)) full = &m;
        }
        if (!full || named_itself) continue;
        short_form.ref = full->ref;
        short_form.normal = full->ref->name;
    }
}

// «Сначала работали только в Ростове и Таганроге» in a story of Ростовская область: a town's name that opens another
// town's hyphenated name («Ростов» → «Ростов-на-Дону», «Комсомольск» → «Комсомольск-на-Амуре») is that other town when
// the article names the other town's region and never the region of the town so named.
void ShortNamesOfTowns(const Gazetteer& g, Doc& d) {
    // the regions the article names, by name or adjective or by a town of theirs (with the town's name)
    std::unordered_map<std::string, std::unordered_set<std::string>> named;
    for (const Mention& m : d.mentions)
        if (m.start >= 0 && m.ref && (m.kind == MentionKind::kRegion || m.kind == MentionKind::kMunicipality))
            named[m.kind == MentionKind::kRegion ? m.ref->code : m.ref->region].insert(
                m.kind == MentionKind::kRegion ? std::string() : m.ref->name);
    for (Mention& short_form : d.mentions) {
        if (short_form.start < 0 || short_form.kind != MentionKind::kMunicipality || !short_form.ref) continue;
        // (its own region named by anything but the town itself: the town it says)
        if (auto own = named.find(short_form.ref->region);
            own != named.end() && (own->second.size() > 1 || !own->second.count(short_form.ref->name)))
            continue;
        const std::string name = text::Fold(short_form.ref->name) + "-";
        const EntityRef* full = nullptr;
        int found = 0;
        // (a hyphenated name only: the fold of the few that have one, not of the whole directory)
        for (const EntityRef& e : g.entries())
            if (e.kind == EntityKind::kMunicipality && e.name.find('-') != std::string::npos &&
                named.count(e.region) > 0 && text::Fold(e.name).starts_with(name)) {
                full = &e;
                ++found;
            }
        if (found != 1) continue;
        short_form.ref = *full;
        short_form.normal = full->name;
    }
}

// «алтайскую программу» in an article that names «Республика Алтай» and not «Алтайский край»: an adjective two
// regions share is the one the article names in full (the directory gives it to one of them).
void RegionsOfSharedAdjectives(Doc& d) {
    for (Mention& adj : d.mentions) {
        if (!adj.adjectival || adj.demonym || adj.kind != MentionKind::kRegion || !adj.ref) continue;
        const std::string f = text::Fold(adj.text);
        const Mention* named = nullptr;
        bool own = false;  // the adjective's own region named in full
        for (const Mention& m : d.mentions) {
            if (m.adjectival || m.kind != MentionKind::kRegion || !m.ref) continue;
            if (m.ref->code == adj.ref->code) own = true;
            // a word of the other region's name the adjective is made from: «Алтай» → «алтайск-»
            for (const auto& t : text::Tokenize(m.ref->name))
                if (t.is_word && m.ref->code != adj.ref->code && text::CodePointLength(t.folded) >= 4 &&
                    f.starts_with(t.folded) && f.size() <= t.folded.size() + 10)
                    named = &m;
        }
        if (named && !own) {
            adj.ref = named->ref;
            adj.normal = named->ref->name;
        }
    }
}

// «При Зотове Муром перешёл на маршрутную сеть, скроенную по владимирскому образцу»: an adjective that names both a
// region and its capital («владимирский», «пермский», «омский») is the capital when a town of that region is told in
// its sentence or the one before, or other towns are — a town takes its example from the region's city, not from the
// region it lies in.
void CapitalsByAdjective(const Gazetteer& g, Doc& d) {
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        Mention& adj = d.mentions[m];
        if (!adj.adjectival || adj.demonym || adj.kind != MentionKind::kRegion || !adj.ref || adj.ref->federal_city)
            continue;
        const std::size_t sent = d.toks[d.spans[m].first].sent;
        bool town = false;
        for (std::size_t o = 0; o < d.mentions.size() && !town; ++o)
            town = o != m && d.mentions[o].kind == MentionKind::kMunicipality && !d.mentions[o].adjectival &&
                   d.mentions[o].ref && d.mentions[o].ref->region == adj.ref->code && !d.mentions[o].ref->capital &&
                   d.toks[d.spans[o].first].sent <= sent && d.toks[d.spans[o].first].sent + 1 >= sent;
        // «в челябинском лицее № 11», «омской школы № 5»: a numbered school, lyceum or hospital is a town's
        // (a body named by its word, not an abbreviation: «ульяновская ДШИ № 7» keeps to the rules for abbreviations)
        const std::size_t after = d.spans[m].second;
        for (std::size_t k = after + 1; !town && k < after + 3 && k < d.sents[sent].end_token; ++k)
            town = d.toks[k].text == "№" && d.toks[after].word && !d.toks[after].cap;
        // «тамбовскую схему перенимают другие города области»: other towns, so the adjective is a town
        for (std::size_t i = d.sents[sent].first_token; !town && i + 1 < d.sents[sent].end_token; ++i)
            town = (d.toks[i].folded.starts_with("други") || d.toks[i].folded.starts_with("соседн")) &&
                   d.toks[i + 1].folded.starts_with("город");
        if (!town) continue;
        const std::string f = text::Fold(adj.text);
        for (const EntityRef& e : g.entries()) {
            if (e.kind != EntityKind::kMunicipality || !e.capital || e.region != adj.ref->code) continue;
            // the adjective is the capital's too: «владимирск-» from «Владимир», «ярославск-» from «Ярославль»
            // (all of the name but its last two letters; not «свердловск-» from «Екатеринбург»)
            const std::u32string name = detail::words::U32(text::Fold(e.name)), a = detail::words::U32(f);
            std::size_t common = 0;
            while (common < name.size() && common < a.size() && name[common] == a[common]) ++common;
            if (common >= 3 && common + 2 >= name.size()) {
                adj.kind = MentionKind::kMunicipality;
                adj.ref = e;
                adj.normal = e.name;
            }
            break;
        }
    }
}

namespace {
// «в Беловском округе» after «Беловского муниципального округа»: one district in one article, named by its
// fullest name («Беловский муниципальный округ»); «район» and «округ» stay apart.
void UnifyDistrictNames(Doc& d) {
    std::unordered_map<std::string, std::string> fullest;  // «беловский округ» → «Беловский муниципальный округ»
    auto key = [](const std::string& normal) {
        const std::string f = text::Fold(normal);
        const std::size_t sp = f.find(' ');
        return sp == std::string::npos ? std::string() : f.substr(0, sp) + " " + f.substr(f.rfind(' ') + 1);
    };
    for (const Mention& m : d.mentions)
        if (m.start >= 0 && m.kind == MentionKind::kMunicipality && !m.ref && !m.normal.empty()) {
            std::string& best = fullest[key(m.normal)];
            if (m.normal.size() > best.size()) best = m.normal;
        }
    for (Mention& m : d.mentions)
        if (m.start >= 0 && m.kind == MentionKind::kMunicipality && !m.ref && !m.normal.empty())
            if (auto it = fullest.find(key(m.normal)); it != fullest.end() && !it->first.empty()) m.normal = it->second;
}

// «после отставки Громова» after «Николай Петрович Громов»: a surname alone is put in the nominative by the full
// name the article gives the same person (the surname's form there), not read as a woman's «Громова».
void SurnamesByFullNames(Doc& d) {
    // each person's last word (folded and as written) and its number of words, tokenised once
    std::vector<std::pair<std::string, std::string>> last(d.mentions.size());
    std::vector<std::size_t> count(d.mentions.size(), 0);
    bool lone_any = false;
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        const Mention& mm = d.mentions[m];
        if (mm.start < 0 || mm.kind != MentionKind::kPerson) continue;
        for (const auto& t : text::Tokenize(mm.normal.empty() ? mm.text : mm.normal))
            if (t.is_word) {
                last[m] = {t.folded, t.text};
                ++count[m];
            }
        lone_any = lone_any || (count[m] == 1 && !mm.ref && mm.text.find(' ') == std::string::npos);
    }
    // («Шестакову 46 лет» after «Дмитрий Валерьевич Шестаков»: a surname alone is the person the article names in
    // full, not a directory's «Шестакова Людмила Викторовна» of the same surname)
    for (std::size_t l = 0; l < d.mentions.size(); ++l) {
        Mention& lone = d.mentions[l];
        if (lone.start < 0 || lone.kind != MentionKind::kPerson || !lone.ref || lone.ref->kind != EntityKind::kPerson ||
            lone.text.find(' ') != std::string::npos)
            continue;
        const std::string word = text::Fold(lone.text);
        for (std::size_t f = 0; f < d.mentions.size(); ++f) {
            const Mention& full = d.mentions[f];
            if (f == l || full.start < 0 || full.kind != MentionKind::kPerson ||
                full.text.find(' ') == std::string::npos || (full.ref && full.ref->name == lone.ref->name))
                continue;
            const std::string& sur = last[f].first;
            if (sur.size() < 6 || !word.starts_with(sur) || word.size() > sur.size() + 4) continue;
            lone.ref.reset();
            lone.normal = lone.text;
            last[l] = {word, lone.text};
            count[l] = 1;
            lone_any = true;
            break;
        }
    }
    if (!lone_any) return;
    for (std::size_t l = 0; l < d.mentions.size(); ++l) {
        Mention& lone = d.mentions[l];
        if (count[l] != 1 || lone.ref || lone.text.find(' ') != std::string::npos) continue;
        const std::string word = text::Fold(lone.text);
        std::string surname;
        int names = 0;
        for (std::size_t f = 0; f < d.mentions.size(); ++f) {
            if (f == l || count[f] < 2) continue;
            // the surname and a case ending of up to two letters («Громов» → «Громова», «Громовым»)
            const std::string& sur = last[f].first;
            if (sur.size() < 6 || !word.starts_with(sur) || word.size() > sur.size() + 4) continue;
            if (surname != last[f].second) ++names;
            surname = last[f].second;
        }
        if (names == 1 && text::Fold(surname) != text::Fold(lone.normal)) lone.normal = surname;
    }
}

// Abbreviations a body's name uses and another body's name in the article spells out: «ГКБ № 3 Ставрополя» and
// «Городская клиническая больница № 3 города Ставрополя», «ЦБС» and «Централизованная библиотечная система» — an
// upper-case word of two to five letters, and the stems of the words in a row of another name whose initials spell
// it (folded). An abbreviation two different rows spell is left as it is.
using Spelled = std::unordered_map<std::string, std::vector<std::string>>;

Spelled SpelledAbbreviations(const std::vector<std::vector<text::Token>>& names) {
    std::set<std::string> abbreviations;  // folded
    for (const auto& name : names)
        for (const auto& t : name)
            if (t.is_word && t.text.size() >= 4 && t.text.size() <= 10 && IsAllCaps(t.text) &&
                IsUpperLetterStart(t.text))
                abbreviations.insert(t.folded);
    Spelled out;
    std::set<std::string> ambiguous;
    if (abbreviations.empty()) return out;
    for (const auto& name : names) {
        // the name's lower- and title-case words, with where each run of them starts
        for (std::size_t i = 0; i < name.size(); ++i) {
            std::string initials;
            std::vector<std::string> stems;
            for (std::size_t j = i; j < name.size() && stems.size() < 5; ++j) {
                const auto& w = name[j];
                if (!w.is_word || IsAllCaps(w.text) || w.folded == "и" || w.folded == "по") break;
                const std::u32string u = detail::words::U32(w.folded);
                if (u.empty() || !((u[0] >= U'а' && u[0] <= U'я') || u[0] == U'ё')) break;
                initials += detail::words::U8(std::u32string(1, u[0]));
                stems.push_back(w.folded);
                if (stems.size() < 2 || !abbreviations.count(initials)) continue;
                auto [it, fresh] = out.emplace(initials, stems);
                if (!fresh && it->second != stems) ambiguous.insert(initials);
            }
        }
    }
    for (const auto& a : ambiguous) out.erase(a);
    // the common ones the article does not spell: «оренбургский МФЦ» after «Многофункциональный центр … Оренбургской
    // области»
    static const std::unordered_map<std::string, std::vector<std::string>> kCommon = {
        {"мфц", {"многофункциональный", "центр"}},
        {"дши", {"детская", "школа", "искусств"}},
        {"дмш", {"детская", "музыкальная", "школа"}},
        {"дхш", {"детская", "художественная", "школа"}},
        {"црб", {"центральная", "районная", "больница"}},
        {"гкб", {"городская", "клиническая", "больница"}},
        {"цзн", {"центр", "занятости", "населения"}},
        {"кцсон", {"комплексный", "центр", "социального", "обслуживания", "населения"}},
        {"цбс", {"централизованная", "библиотечная", "система"}},
        {"сош", {"средняя", "общеобразовательная", "школа"}}};
    for (const auto& a : abbreviations)
        if (auto it = kCommon.find(a); it != kCommon.end() && !ambiguous.count(a)) out.emplace(a, it->second);
    return out;
}

// The content words of a name by their stems, and its head noun (the first that is not an adjective in the
// nominative): «Саяногорская межрайонная больница» → {саяногорск, межрайон, больниц}, «больниц». An abbreviation
// the article spells is its words; another upper-case word (a legal form: «МБУ ДО», «ГБУЗ») is no head.
std::pair<std::set<std::string>, std::string> NameStems(const std::vector<text::Token>& name, const Spelled& spelled) {
    std::set<std::string> stems;
    std::string head;
    auto word = [&](const std::string& f) {
        const std::string stem = text::Stem(f);
        stems.insert(stem);
        // («управление», «объединение», «развитие» are nouns)
        const bool adjective =
            f.size() > 6 && (f.ends_with("ая") || f.ends_with("ое") || f.ends_with("ый") || f.ends_with("ий") ||
                             f.ends_with("ой") || f.ends_with("ые") || f.ends_with("яя") ||
                             (f.ends_with("ие") && !f.ends_with("ние") && !f.ends_with("тие")));
        if (head.empty() && !adjective && f.size() > 2) head = stem;  // («г.» is no head)
    };
    for (const auto& t : name) {
        if (!t.is_word || t.folded == "и" || t.folded == "по" || t.folded == "имени") continue;
        if (t.text.size() >= 4 && IsAllCaps(t.text)) {
            if (auto it = spelled.find(t.folded); it != spelled.end())
                for (const auto& f : it->second) word(f);  // «ДШИ»: «детская школа искусств», head «школ»
            else
                stems.insert(text::Stem(t.text));
            continue;
        }
        word(t.folded);
    }
    return {stems, head};
}

// A town that a name can carry as «… города X»: a municipality that is a town (not a district or an okrug),
// or a federal city.
bool TownForName(const EntityRef& r) {
    if (r.kind == EntityKind::kRegion) return r.federal_city;
    if (r.kind != EntityKind::kMunicipality) return false;
    const std::string f = text::Fold(r.name);
    for (const char* w : {"район", "округ", "поселени", "муниципальн", "улус", "кожуун"})
        if (f.find(w) != std::string::npos) return false;
    return true;
}

// Organisations named as a directory holds them: one form for one body, whichever way the article writes it.
// «томской Детской художественной школы № 2» → «Детская художественная школа № 2 города Томска» (a town's
// adjective before a name written out in capitals, or before a number), «… больницы г. Бийска» → «… больница
// города Бийска», «Детской школе искусств Северска» → «Детская школа искусств города Северска».
struct DirectoryForms {
    Doc& d;

    // The town mention spanning tokens [b, e).
    const Mention* TownAt(std::size_t b, std::size_t e) const {
        for (std::size_t q = 0; q < d.mentions.size(); ++q) {
            const Mention& t = d.mentions[q];
            if (t.start >= 0 && t.ref && d.spans[q] == std::pair{b, e} && TownForName(*t.ref)) return &t;
        }
        return nullptr;
    }

    // «г. Бийска» → «города Бийска»
    static void TownWritten(std::string& normal) {
        static constexpr std::string_view kShort = " г. ";
        for (std::size_t at; (at = normal.find(kShort)) != std::string::npos;) {
            const std::u32string next = detail::words::U32(std::string_view(normal).substr(at + kShort.size()));
            if (next.empty() || detail::words::Lower(next[0]) == next[0]) break;
            normal.replace(at, kShort.size(), " города ");
        }
    }

    // «томской Детской художественной школы № 2»: the town's adjective goes after the name, as «города Томска».
    bool TownAdjective(std::size_t b, std::size_t e, std::string& normal) const {
        const Tok& first = d.toks[b];
        const Mention* adj = first.word && !first.cap ? TownAt(b, b + 1) : nullptr;
        if (!adj || !adj->adjectival) return false;
        bool numbered = false;
        for (std::size_t i = b + 1; i < e; ++i) numbered = numbered || d.toks[i].text == "№";
        const Tok& next = d.toks[b + 1];
        const std::string genitive = detail::words::TownGenitive(adj->ref->name);
        const std::size_t space = normal.find(' ');
        if ((numbered || (next.cap && !next.all_caps)) && !genitive.empty() && space != std::string::npos)
            normal = detail::words::LikeOriginal(next.text, normal.substr(space + 1)) + " города " + genitive;
        return true;
    }

    // «Детской школе искусств Северска»: a town in the genitive closing the name, with no «города» before it.
    void TownAfter(std::size_t b, std::size_t e, std::string& normal) const {
        static const std::unordered_set<std::string> kPlaceNouns = {
            "города",  "г",    "городского", "района",  "округа", "области", "края",   "республики",
            "поселка", "села", "деревни",    "станицы", "аула",   "хутора",  "наслега"};
        for (std::size_t k = e - 1; k > b + 1; --k) {
            const Mention* town = TownAt(k, e);
            if (!town) continue;
            const std::string tail = d.Slice(k, e);
            // (a town after a preposition is no genitive: «центра … по Шадринску»)
            if (town->adjectival || !d.toks[k - 1].word || text::Fold(tail) == text::Fold(town->ref->name) ||
                !normal.ends_with(" " + tail) || kPlaceNouns.count(d.toks[k - 1].folded) ||
                Lexicon::Get().stop_words.count(d.toks[k - 1].folded) || normal.ends_with("города " + tail) ||
                normal.ends_with("г. " + tail))
                return;
            normal.insert(normal.size() - tail.size(), "города ");
            return;
        }
    }

    void Run() {
        std::unordered_map<std::string, std::string> renamed;  // a normal form before → after
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            Mention& o = d.mentions[m];
            const auto [b, e] = d.spans[m];
            if (o.start < 0 || o.kind != MentionKind::kOrganisation || o.ref || o.normal.empty() || e < b + 2) continue;
            std::string normal = o.normal;
            TownWritten(normal);
            if (!TownAdjective(b, e, normal)) TownAfter(b, e, normal);
            if (normal != o.normal) renamed.emplace(o.normal, normal);
            o.normal = std::move(normal);
        }
        // the nested and shorter mentions that took the name as it was («ДШИ № 11» in «екатеринбургской ДШИ № 11»)
        for (Mention& o : d.mentions)
            if (o.start >= 0 && o.kind == MentionKind::kOrganisation && !o.ref)
                if (auto it = renamed.find(o.normal); it != renamed.end()) o.normal = it->second;
    }
};

// «в Саяногорской больнице» after «Саяногорской межрайонной больницы», «Школа № 162» after «Средняя
// общеобразовательная школа № 162 города Омска», «ГКБ № 3» after «Городской клинической больницы № 3»: a body named
// shorter with words of its fuller name and the same head noun is named by the fuller one, when the article gives one
// fuller name only; with `spelled_out_equal`, also a name with the same words that an abbreviation shortens.
// «компания «Сибтранслайн»», «Сибтранслайн» and «ООО «Сибтранслайн»» in one article: one company, named as the
// directory does, with its legal form (when the article gives one legal form only).
void QuotedNamesByTheirLegalForm(Doc& d) {
    auto quoted_core = [](const std::string& normal) -> std::string {
        const auto open = normal.find("«");
        const auto close = normal.rfind("»");
        if (open == std::string::npos) return normal.find(' ') == std::string::npos ? normal : std::string();
        if (close == std::string::npos || close < open) return {};
        return normal.substr(open + 2, close - open - 2);
    };
    std::map<std::string, std::string> legal;  // core → «ООО «core»»
    std::set<std::string> two;
    for (const Mention& m : d.mentions) {
        if (m.kind != MentionKind::kOrganisation || m.start < 0) continue;
        const std::string core = quoted_core(m.normal);
        const auto space = m.normal.find(' ');
        if (core.empty() || space == std::string::npos || !m.normal.substr(space + 1).starts_with("«") ||
            !IsAllCaps(m.normal.substr(0, space)) || m.normal.rfind("»") + 2 != m.normal.size())
            continue;
        if (auto [it, fresh] = legal.emplace(core, m.normal); !fresh && it->second != m.normal) two.insert(core);
    }
    for (Mention& m : d.mentions) {
        if (m.kind != MentionKind::kOrganisation || m.ref) continue;
        const std::string core = quoted_core(m.normal);
        if (const auto it = legal.find(core); it != legal.end() && !two.count(core)) m.normal = it->second;
    }
}

void UnifyOrganisationNames(Doc& d, bool spelled_out_equal) {
    std::vector<std::vector<text::Token>> names(d.mentions.size());
    for (std::size_t m = 0; m < d.mentions.size(); ++m)
        if (d.mentions[m].kind == MentionKind::kOrganisation && !d.mentions[m].ref)
            names[m] = text::Tokenize(d.mentions[m].normal.empty() ? d.mentions[m].text : d.mentions[m].normal);
    const Spelled spelled = SpelledAbbreviations(names);
    std::vector<std::pair<std::set<std::string>, std::string>> stems(d.mentions.size());
    for (std::size_t m = 0; m < d.mentions.size(); ++m)
        if (!names[m].empty()) stems[m] = NameStems(names[m], spelled);
    // («Ростовская ЦРБ» and «Ростовская центральная районная больница» have the same words: the one spelled out is
    // the fuller)
    auto abbreviated = [&](std::size_t m) {
        return std::any_of(names[m].begin(), names[m].end(), [&](const text::Token& t) {
            return t.is_word && t.text.size() >= 4 && IsAllCaps(t.text) && spelled.count(t.folded);
        });
    };
    // (and the same numbers: «ДШИ № 1» is not «Детская школа искусств № 4»)
    auto numbers = [&](std::size_t m) {
        std::string n;
        for (const auto& t : names[m])
            if (!t.text.empty() && t.text[0] >= '0' && t.text[0] <= '9') n += t.text + " ";
        return n;
    };
    for (std::size_t a = 0; a < d.mentions.size(); ++a) {
        const auto& [sa, ha] = stems[a];
        if (sa.size() < 2 || ha.empty()) continue;
        std::optional<std::size_t> fuller;
        bool ambiguous = false;
        for (std::size_t b = 0; b < d.mentions.size() && !ambiguous; ++b) {
            const auto& [sb, hb] = stems[b];
            const bool spells_out = spelled_out_equal && sb.size() == sa.size() && abbreviated(a) && !abbreviated(b) &&
                                    numbers(a) == numbers(b);
            if (b == a || hb != ha || (sb.size() <= sa.size() && !spells_out) ||
                !std::includes(sb.begin(), sb.end(), sa.begin(), sa.end()))
                continue;
            if (!fuller || d.mentions[b].normal == d.mentions[*fuller].normal) {
                if (!fuller) fuller = b;
                continue;
            }
            // two fuller names: the one that holds the other, else neither
            const auto& sf = stems[*fuller].first;
            if (std::includes(sb.begin(), sb.end(), sf.begin(), sf.end()))
                fuller = b;
            else if (!std::includes(sf.begin(), sf.end(), sb.begin(), sb.end()))
                ambiguous = true;
        }
        if (fuller && !ambiguous) d.mentions[a].normal = d.mentions[*fuller].normal;
    }
    QuotedNamesByTheirLegalForm(d);
}
}  // namespace

// «руководитель дома культуры села Новый Кишит Алсу Закирова»: the capitalised words after «села», «деревни» up to a
// first name are the settlement's name, not the person's.
void TrimSettlementsOffPersons(Doc& d) {
    const auto& lex = Lexicon::Get();
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        auto& [b, e] = d.spans[m];
        if (d.mentions[m].kind != MentionKind::kPerson || b == 0 || e <= b + 1) continue;
        const std::string& before = d.toks[b - 1].folded;
        if (before != "села" && before != "деревни" && before != "поселка" && before != "станицы" && before != "аула" &&
            before != "хутора" && before != "улице" && before != "улицы")
            continue;
        for (std::size_t k = b + 1; k < e; ++k)
            if (d.toks[k].word && lex.first_names.count(d.toks[k].key)) {
                b = k;
                d.mentions[m].start = d.toks[k].start;
                d.mentions[m].text = d.SliceCp(d.mentions[m].start, d.mentions[m].end);
                break;
            }
    }
}

// «Опытом ДШИ № 5 заинтересовались»: a word for a practice the tagger took in front of a body («опыт», «пример»,
// «наработки», «практика») is not the body's name, nor what was taken after it.
void TrimPracticeWordsOffOrganisations(Doc& d) {
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        auto& [b, e] = d.spans[m];
        if (d.mentions[m].kind != MentionKind::kOrganisation || e < b + 2) continue;
        static const std::unordered_set<std::string> kPracticeWords = {
            "опыт",       "опыта",    "опыту",    "опытом",    "опыте",     "пример",
            "примеру",    "примером", "образец",  "образцу",   "наработки", "наработками",
            "наработкам", "практика", "практику", "практикой", "практики"};
        if (!kPracticeWords.count(d.toks[b].folded)) continue;
        if (!d.toks[b + 1].word) continue;
        ++b;
        d.mentions[m].start = d.toks[b].start;
        d.mentions[m].text = d.SliceCp(d.mentions[m].start, d.mentions[m].end);
    }
    // «переняла у Воронежской областной библиотеки формат ночных марафонов»: what was taken after the body's name
    // is not part of it
    static const std::unordered_set<std::string> kTaken = {"формат",   "модель", "опыт",   "практику",  "систему",
                                                           "методику", "идею",   "проект", "программу", "технологию"};
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        auto& [b, e] = d.spans[m];
        if (d.mentions[m].kind != MentionKind::kOrganisation) continue;
        // (nor the verb after it: «Опытом … библиотеки заинтересовались»)
        // («министерство переняло»: a verb right after a body named by its kind alone)
        for (std::size_t k = b + 1; k < e; ++k)
            if (d.toks[k].word && !d.toks[k].cap &&
                ((k > b + 1 && kTaken.count(d.toks[k].folded)) || detail::VerbForm(d.toks[k])) && d.toks[k - 1].word) {
                e = k;
                d.mentions[m].end = d.toks[k - 1].end;
                d.mentions[m].text = d.SliceCp(d.mentions[m].start, d.mentions[m].end);
                break;
            }
    }
}

// «директор Димитровградского краеведческого музея О. В. Рябов»: a person the tagger ran a body's name into is not
// part of it — the body ends before the person (and goes when that leaves another mention of it).
void TrimPersonsOffOrganisations(Doc& d) {
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        if (d.mentions[m].start < 0 || d.mentions[m].kind != MentionKind::kOrganisation) continue;
        auto& [b, e] = d.spans[m];
        for (std::size_t p = 0; p < d.mentions.size(); ++p) {
            if (d.mentions[p].start < 0 || d.mentions[p].kind != MentionKind::kPerson) continue;
            const auto [pb, pe] = d.spans[p];
            // «с директором центра Мариной Юрьевной Пестовой»: one lower-case word before a name in the instrumental
            // is the post's body, no name of its own (not «музей Марины Цветаевой», a body named for a person)
            if (pb == b + 1 && pe == e && pe >= pb + 2 && !d.toks[b].cap &&
                detail::InstrumentalNameForm(d.toks[pb].folded)) {
                d.mentions[m].start = -1;
                break;
            }
            if (pb <= b + 1 || pe != e || pe < pb + 2) continue;  // (a name of two words at least, not «Дона»)
            // (not «фонд Владимира Потанина», «университет имени И. Канта»: a name in the genitive is the body's own)
            const std::size_t before = pb >= 2 && d.toks[pb - 1].text == "." ? pb - 2 : pb - 1;  // «им. Т. К. …»
            if (d.toks[before].folded == "имени" || d.toks[before].folded == "им" ||
                d.toks[b].folded.starts_with("фонд") || d.toks[b].folded.starts_with("премия"))
                continue;
            std::size_t ne = pb;
            while (ne > b && !d.toks[ne - 1].word && d.toks[ne - 1].text != "»") --ne;
            e = ne;
            d.mentions[m].end = d.toks[e - 1].end;
            d.mentions[m].text = d.SliceCp(d.mentions[m].start, d.mentions[m].end);
            for (std::size_t o = 0; o < d.mentions.size(); ++o)
                if (o != m && d.mentions[o].start >= 0 && d.mentions[o].kind == MentionKind::kOrganisation &&
                    d.spans[o] == d.spans[m])
                    d.mentions[m].start = -1;
            break;
        }
    }
}

void Finish(Doc& d) {
    TrimPersonsOffOrganisations(d);
    // Drop removed mentions, sort by start (then longer first), and keep spans parallel.
    std::vector<std::size_t> order;
    for (std::size_t m = 0; m < d.mentions.size(); ++m)
        if (d.mentions[m].start >= 0) order.push_back(m);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (d.mentions[a].start != d.mentions[b].start) return d.mentions[a].start < d.mentions[b].start;
        return d.mentions[a].end > d.mentions[b].end;
    });
    std::vector<Mention> ms;
    std::vector<std::pair<std::size_t, std::size_t>> sp;
    for (auto m : order) {
        ms.push_back(std::move(d.mentions[m]));
        sp.push_back(d.spans[m]);
    }
    d.mentions = std::move(ms);
    d.spans = std::move(sp);
    TrimSettlementsOffPersons(d);
    TrimPracticeWordsOffOrganisations(d);
    detail::Normalise(d);
    UnifyDistrictNames(d);
    TownsOfUnknownAdjectives(d);
    UnifyOrganisationNames(d, false);
    SurnamesByFullNames(d);
    ExpandDefinedAbbreviations(d);
}

}  // namespace

Extractor::Extractor(std::shared_ptr<const Gazetteer> gazetteer, ExtractorOptions options)
    : gazetteer_(std::move(gazetteer)), options_(options) {}
Extractor::~Extractor() = default;

namespace detail {
std::string OrganisationHead(const std::string& name) { return NameStems(text::Tokenize(name), {}).second; }
}  // namespace detail

namespace detail {

void Analyse(const Gazetteer& g, std::string_view utf8_text, Doc& d, const Tagger* tagger, const Tagger* inner) {
    d.text = utf8_text;
    auto tokens = text::Tokenize(utf8_text);
    if (tokens.empty()) return;
    d.sents = text::SplitSentences(utf8_text, tokens);
    d.cp_to_byte.reserve(utf8_text.size() + 1);
    for (std::size_t i = 0; i < utf8_text.size(); ++i)
        if ((static_cast<unsigned char>(utf8_text[i]) & 0xC0) != 0x80)
            d.cp_to_byte.push_back(static_cast<std::uint32_t>(i));
    d.cp_to_byte.push_back(static_cast<std::uint32_t>(utf8_text.size()));
    d.toks.reserve(tokens.size());
    for (auto& t : tokens) {
        Tok k;
        k.start = t.start;
        k.end = t.end;
        k.word = t.is_word;
        k.folded = std::move(t.folded);
        k.text = std::move(t.text);
        k.key = k.word ? Gazetteer::TokenKey(k.text) : k.folded;
        k.cap = IsUpperLetterStart(k.text);
        k.all_caps = k.word && k.cap && IsAllCaps(k.text);
        d.toks.push_back(std::move(k));
    }
    for (std::size_t s = 0; s < d.sents.size(); ++s) {
        for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i) d.toks[i].sent = s;
        // the first word of a sentence (after opening quotes or dashes)
        for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i)
            if (d.toks[i].word) {
                d.toks[i].sent_start = true;
                break;
            }
    }
    Builder b(d, g);
    b.Gazetteers();
    b.Districts();
    b.CoordinatedDistricts();
    b.DistrictAdjectives();
    b.CapitalsByCommonNoun();
    b.Villages();
    b.DefinedAbbreviations();
    b.Persons();
    b.Organisations();
    std::vector<RuleInfo> info;
    std::vector<Tagger::TokFeat> tf;
    if (tagger) {
        info = CollectRuleInfo(d);
        tf = tagger->Precompute(d, info);
        b.ApplyTagger(tagger->TagSentences(d, info, tf, std::vector<bool>(d.sents.size(), true)));
        b.CommonBodies();
        b.DropWorkTitles();
        b.NativeNamesInBrackets();
    }
    b.OfficialAdjectivesAreNoPersons();
    b.Positions();
    if (tagger && inner) {
        // what the rules found before the tagger (the inner model learnt with it), only the sentences
        // with an organisation, where nested names are added
        std::vector<bool> with_org(d.sents.size(), false);
        for (std::size_t m = 0; m < d.mentions.size(); ++m)
            if (d.mentions[m].start >= 0 && d.mentions[m].kind == MentionKind::kOrganisation &&
                d.spans[m].first < d.toks.size())
                with_org[d.toks[d.spans[m].first].sent] = true;
        b.AddNested(
            inner->TagSentences(d, info, inner->SameClusters(*tagger) ? tf : inner->Precompute(d, info), with_org));
    }
    Finish(d);
    TownsNamedInFull(d);
    ShortNamesOfTowns(g, d);
    RegionsOfSharedAdjectives(d);
    CapitalsByAdjective(g, d);
    // (after the adjectives are towns or regions: «томской школы № 2» is Томск's)
    DirectoryForms{d}.Run();
    UnifyOrganisationNames(d, true);  // (after the directory forms: they rewrite a name from its words)
}

}  // namespace detail

ExtractionResult Extractor::Extract(std::string_view utf8_text) const {
    ExtractionResult result;
    Doc d;
    // Lines in capitals read as prose would be written (offsets are the input's: recase.hpp).
    const std::string text = detail::RecaseCapitalLines(utf8_text, *gazetteer_);
    detail::Analyse(*gazetteer_, text, d, options_.tagger ? detail::Tagger::Embedded() : nullptr,
                    options_.tagger ? detail::Tagger::EmbeddedInner() : nullptr);
    if (d.toks.empty()) return result;
    if (options_.facts)
        detail::FindFacts(d, result.facts, options_.ranker ? detail::RankModel::Embedded() : nullptr,
                          {options_.practice_chooser ? detail::PracticeChooser() : nullptr, options_.practice_options});
    result.mentions = std::move(d.mentions);
    return result;
}

OrderedJson ToJson(const EntityRef& ref) {
    OrderedJson j;
    j["kind"] = EntityKindCode(ref.kind);
    switch (ref.kind) {
        case EntityKind::kRegion:
            j["code"] = ref.code;
            j["iso"] = ref.iso.empty() ? OrderedJson() : OrderedJson(ref.iso);
            j["name"] = ref.name;
            break;
        case EntityKind::kCountry:
            j["iso"] = ref.iso;
            j["name"] = ref.name;
            break;
        case EntityKind::kMunicipality:
            if (ref.id) j["id"] = ref.id;
            j["name"] = ref.name;
            j["region"] = ref.region;
            if (!ref.code.empty()) j["oktmo"] = ref.code;
            if (ref.capital) j["capital"] = true;
            break;
        case EntityKind::kOrganisation:
        case EntityKind::kPerson:
            if (ref.id) j["id"] = ref.id;
            if (!ref.key.empty()) j["key"] = ref.key;
            j["name"] = ref.name;
            if (!ref.region.empty()) j["region"] = ref.region;
            break;
    }
    return j;
}

OrderedJson ToJson(const Mention& m) {
    OrderedJson j;
    j["kind"] = MentionKindCode(m.kind);
    j["text"] = m.text;
    j["start"] = m.start;
    j["end"] = m.end;
    j["ref"] = m.ref ? ToJson(*m.ref) : OrderedJson();
    if (m.adjectival) j["adjectival"] = true;
    if (m.demonym) j["demonym"] = true;
    if (!m.normal.empty()) j["normal"] = m.normal;
    return j;
}

OrderedJson ToJson(const ExtractionResult& r) {
    OrderedJson out;
    out["mentions"] = OrderedJson::array();
    for (const auto& m : r.mentions) out["mentions"].push_back(ToJson(m));
    out["facts"] = OrderedJson::array();
    auto mention = [&](const std::optional<std::size_t>& i) {
        return i && *i < r.mentions.size() ? ToJson(r.mentions[*i]) : OrderedJson();
    };
    for (const auto& f : r.facts) {
        OrderedJson j;
        j["kind"] = FactKindCode(f.kind);
        switch (f.kind) {
            case FactKind::kAdoption:
                j["adopter"] = mention(f.adopter);
                j["source"] = mention(f.source);
                j["practice"] = {{"text", f.practice_text}, {"ref", nullptr}};
                j["adopter_region"] = f.adopter_region.empty() ? OrderedJson() : OrderedJson(f.adopter_region);
                j["source_region"] = f.source_region.empty() ? OrderedJson() : OrderedJson(f.source_region);
                j["stage"] = domain::Code(f.stage);
                j["channel"] = domain::Code(f.channel);
                break;
            case FactKind::kPosition:
                j["person"] = mention(f.person);
                j["position"] = mention(f.position);
                j["post"] = f.post.empty() ? OrderedJson() : OrderedJson(f.post);
                j["organisation"] = mention(f.organisation);
                j["region"] = mention(f.place);
                j["period"] = f.past ? "past" : "current";
                j["date"] = f.date.empty() ? OrderedJson() : OrderedJson(f.date);
                break;
            case FactKind::kLocatedIn: {
                j["organisation"] = mention(f.organisation);
                bool muni =
                    f.place && *f.place < r.mentions.size() && r.mentions[*f.place].kind == MentionKind::kMunicipality;
                j[muni ? "municipality" : "region"] = mention(f.place);
                break;
            }
        }
        j["evidence"] = {{"start", f.evidence.start}, {"end", f.evidence.end}, {"text", f.evidence.text}};
        j["confidence"] = static_cast<double>(static_cast<int>(f.confidence * 100 + 0.5)) / 100.0;
        if (!f.why.empty()) j["why"] = f.why;
        out["facts"].push_back(std::move(j));
    }
    return out;
}

}  // namespace orientir::extract
