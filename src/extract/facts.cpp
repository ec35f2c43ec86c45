// Relation patterns: positions and career moves, adoptions (borrowing, scaling, introducing, applying),
// organisations located in places. Each fact carries its sentence as evidence.

#include <algorithm>
#include <cstdio>
#include <unordered_set>

#include "extract/doc.hpp"
#include "extract/lexicon.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail {

namespace {

bool IsLoc(MentionKind k) {
    return k == MentionKind::kRegion || k == MentionKind::kMunicipality || k == MentionKind::kCountry;
}

bool StartsWithAny(const std::string& s, std::initializer_list<const char*> prefixes) {
    for (const char* p : prefixes)
        if (s.rfind(p, 0) == 0) return true;
    return false;
}

struct FactFinder {
    const Doc& d;
    std::vector<Fact>& out;
    std::vector<int> tok_mention;  // token → innermost location/person/org mention, -1

    FactFinder(const Doc& doc, std::vector<Fact>& facts) : d(doc), out(facts), tok_mention(doc.toks.size(), -1) {
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            if (d.mentions[m].kind == MentionKind::kPosition) continue;
            for (std::size_t i = d.spans[m].first; i < d.spans[m].second; ++i) {
                int cur = tok_mention[i];
                // the innermost mention wins (locations inside organisations)
                if (cur < 0 ||
                    d.spans[static_cast<std::size_t>(cur)].second - d.spans[static_cast<std::size_t>(cur)].first >
                        d.spans[m].second - d.spans[m].first)
                    tok_mention[i] = static_cast<int>(m);
            }
        }
    }

    Evidence EvidenceOf(std::size_t s) const {
        const auto& sent = d.sents[s];
        return Evidence{sent.start, sent.end, d.SliceCp(sent.start, sent.end)};
    }

    std::vector<std::size_t> MentionsIn(std::size_t s) const {
        std::vector<std::size_t> ms;
        for (std::size_t m = 0; m < d.mentions.size(); ++m)
            if (d.spans[m].first >= d.sents[s].first_token && d.spans[m].first < d.sents[s].end_token) ms.push_back(m);
        return ms;
    }

    bool SentenceHas(std::size_t s, std::initializer_list<const char*> prefixes) const {
        for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i)
            if (d.toks[i].word && StartsWithAny(d.toks[i].folded, prefixes)) return true;
        return false;
    }

    // The most recent region mentioned before token i (for «в крае», «в регионе»).
    std::optional<std::size_t> RecentRegion(std::size_t i, bool municipality_ok = false) const {
        std::optional<std::size_t> best;
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            if (d.spans[m].second > i) break;
            auto k = d.mentions[m].kind;
            if (k == MentionKind::kRegion || (municipality_ok && k == MentionKind::kMunicipality)) best = m;
        }
        return best;
    }

    std::optional<std::size_t> RecentPerson(std::size_t i) const {
        std::optional<std::size_t> best;
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            if (d.spans[m].second > i) break;
            if (d.mentions[m].kind == MentionKind::kPerson) best = m;
        }
        return best;
    }

    // A post held before: «бывший мэр», «экс-губернатор», «работал директором», «ранее занимал пост»,
    // «сложил полномочия главы»; a new post in the same sentence («стал советником») stays current.
    bool PastPost(std::size_t s, std::size_t pb) const {
        const auto& sent = d.sents[s];
        std::size_t from = pb >= sent.first_token + 4 ? pb - 4 : sent.first_token;
        for (std::size_t k = from; k < pb; ++k) {
            const auto& f = d.toks[k].folded;
            if (StartsWithAny(f, {"бывш", "экс", "работал", "занимал", "возглавлял", "руководил", "трудил", "служил",
                                  "прежде", "ранее"}) ||
                f == "был" || f == "была")
                return true;
        }
        if (pb > 0 && d.toks[pb - 1].text == "-" && pb >= 2 && d.toks[pb - 2].folded == "экс") return true;
        // resignations anywhere in the sentence
        for (std::size_t k = sent.first_token; k < sent.end_token; ++k) {
            const auto& f = d.toks[k].folded;
            if (StartsWithAny(f, {"сложил", "отставк", "освобожд", "покинул", "уволен", "уволил", "ушел", "ушла"}))
                return true;
        }
        return false;
    }

    // The date a sentence gives for taking or leaving a post («с 1 сентября 2025 года назначен», «в марте
    // 2024 года избран», «в 2020 году возглавил»): "2025-09-01", "2024-03", "2024"; empty otherwise.
    std::string DateOf(std::size_t s) const {
        const auto& sent = d.sents[s];
        bool change = false;
        for (std::size_t k = sent.first_token; k < sent.end_token; ++k)
            change = change || StartsWithAny(d.toks[k].folded,
                                             {"назнач", "избран", "избра", "вступил", "стал", "занял", "возглав",
                                              "покинул", "сложил", "освобожд", "ушел", "ушла", "утвержд"});
        if (!change) return {};
        static const char* kMonths[] = {"январ", "феврал", "март",    "апрел",  "ма",    "июн",
                                        "июл",   "август", "сентябр", "октябр", "ноябр", "декабр"};
        auto number = [&](std::size_t k, int lo, int hi) -> int {
            if (k >= sent.end_token) return -1;
            const std::string& t = d.toks[k].text;
            if (t.empty() || t.size() > 4 || t.find_first_not_of("0123456789") != std::string::npos) return -1;
            int v = std::stoi(t);
            return v >= lo && v <= hi ? v : -1;
        };
        for (std::size_t k = sent.first_token; k < sent.end_token; ++k) {
            const std::string& f = d.toks[k].folded;
            int month = -1;
            for (int m = 0; m < 12 && month < 0; ++m) {
                bool may = m == 4 && (f == "мая" || f == "мае" || f == "май");
                if (may || (m != 4 && f.rfind(kMonths[m], 0) == 0)) month = m + 1;
            }
            if (month > 0) {
                int year = number(k + 1, 1950, 2100);
                if (year < 0) continue;
                int day = k > sent.first_token ? number(k - 1, 1, 31) : -1;
                char buf[40];
                if (day > 0)
                    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
                else
                    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
                return buf;
            }
            // «в 2020 году»
            int year = number(k, 1950, 2100);
            if (year > 0 && k + 1 < sent.end_token && StartsWithAny(d.toks[k + 1].folded, {"год"}) && k > 0 &&
                (d.toks[k - 1].folded == "в" || d.toks[k - 1].folded == "с"))
                return std::to_string(year);
        }
        return {};
    }

    // «руководители соседних регионов», «представителями»: a post in the plural names a group, not one
    // person's post. The normal form is singular, so the written form decides: «-ами/-ями/-ах/-ях/-ов» are
    // plural; «-ы/-и» are plural when the lemma does not end in «-а/-я» («главы», «судьи» may be one person).
    bool PluralPost(std::size_t p) const {
        auto first_word = [](const std::string& x) { return text::Fold(x.substr(0, x.find(' '))); };
        std::string w = first_word(d.mentions[p].text), lemma = first_word(d.mentions[p].normal);
        if (w.size() <= 8 || w == lemma) return false;
        // «одному из президентов группы компаний»: one person's post
        auto pb = d.spans[p].first;
        if (pb >= 2 && d.toks[pb - 1].folded == "из" && d.toks[pb - 2].folded.starts_with("одн")) return false;
        for (const char* e : {"ами", "ями", "ах", "ях", "ов"})
            if (w.ends_with(e)) return true;
        return (w.ends_with("ы") || w.ends_with("и")) && !lemma.ends_with("а") && !lemma.ends_with("я");
    }

    // The first token of the words before a post that leave its holder unchanged: «бывший», «ныне»
    // («Андрей Санников — бывший заместитель министра»).
    std::size_t SkipPostLead(std::size_t pb, std::size_t s) const {
        std::size_t j = pb;
        while (j > d.sents[s].first_token && d.toks[j - 1].word &&
               StartsWithAny(d.toks[j - 1].folded, {"бывш", "ныне", "нынешн", "теперь"}))
            --j;
        if (j >= 2 && d.toks[j - 1].folded == "из" && d.toks[j - 2].folded.starts_with("одн")) j -= 2;
        if (j >= 2 && d.toks[j - 1].text == "-" && d.toks[j - 2].folded == "экс") j -= 2;
        // «Гергей Ковач — политик и лидер партии»: another occupation joined by «и» after a dash
        if (j >= d.sents[s].first_token + 3 && d.toks[j - 1].folded == "и" && d.toks[j - 2].word &&
            !d.toks[j - 2].cap && tok_mention[j - 2] < 0 && !VerbForm(d.toks[j - 2]) &&
            (d.toks[j - 3].text == "-" || d.toks[j - 3].text == "—"))
            j -= 2;
        return j;
    }

    // A person right before a post («Александр Моор, губернатор», «Моор — губернатор», «Скотт Хоровитц
    // (Scott Horowitz), бывший астронавт»).
    std::optional<std::size_t> PersonRightBefore(std::size_t pb, std::size_t s) const {
        std::size_t j = SkipPostLead(pb, s);
        const std::size_t first = d.sents[s].first_token;
        while (j > first && !d.toks[j - 1].word &&
               (d.toks[j - 1].text == "," || d.toks[j - 1].text == "-" || d.toks[j - 1].text == "—"))
            --j;
        // a name in brackets after the person: «Скотт Хоровитц (Scott Horowitz)»
        if (j > first + 2 && d.toks[j - 1].text == ")") {
            std::size_t k = j - 1;
            while (k > first && k + 6 > j && d.toks[k - 1].text != "(") --k;
            if (k > first + 1 && d.toks[k - 1].text == "(") j = k - 1;
        }
        if (j == pb || j == 0) return std::nullopt;
        int m = tok_mention[j - 1];
        if (m >= 0 && d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kPerson)
            return static_cast<std::size_t>(m);
        // one more apposition between them: «Александра Брода, известного борца с ксенофобией, члена
        // Общественной палаты»
        if (j < pb && d.toks[j].text == ",") {
            for (std::size_t k = j - 1; k > first + 1 && k + 7 > j; --k) {
                const auto& t = d.toks[k];
                if (t.text == ",") {
                    int p = tok_mention[k - 1];
                    if (p >= 0 && d.mentions[static_cast<std::size_t>(p)].kind == MentionKind::kPerson)
                        return static_cast<std::size_t>(p);
                    break;
                }
                if (!t.word || t.cap || tok_mention[k] >= 0 || VerbForm(t) ||
                    d.MentionStartingAt(k, {MentionKind::kPosition}) >= 0)
                    break;
            }
        }
        return std::nullopt;
    }

    // The post ending at pe is someone's aide: «помощник», «советник», «заместитель», «пресс-секретарь».
    bool AidePost(std::size_t pe, std::size_t s) const {
        for (std::size_t k = pe; k > d.sents[s].first_token && k + 4 > pe; --k)
            if (StartsWithAny(d.toks[k - 1].folded, {"помощник", "советник", "заместител", "пресс-секретар"}))
                return true;
        return false;
    }

    // Tokens [pe, j) are a capitalised name, hyphens glued in («лидера Аль-Каиды Усамы бин Ладена»).
    bool BodyNameSoFar(std::size_t pe, std::size_t j) const {
        if (j == pe || j > pe + 4) return false;
        for (std::size_t k = pe; k < j; ++k) {
            const auto& t = d.toks[k];
            bool glued = t.text == "-" && k > pe && t.start == d.toks[k - 1].end;
            if (!(t.word && t.cap) && !glued) return false;
        }
        return true;
    }

    // Token j is one of up to two capitalised words after «в / на» that follow the post's end pe.
    bool PlacePhrase(std::size_t j, std::size_t pe) const {
        for (std::size_t k = j; k > pe && k + 3 > j; --k) {
            const auto& f = d.toks[k - 1].folded;
            if (f == "в" || f == "на" || f == "во") return true;
            if (!d.toks[k - 1].word || !d.toks[k - 1].cap) return false;
        }
        return false;
    }

    // A post that is not the next person's: a relative's («супруге первого президента — Наине Иосифовне»,
    // «вдова губернатора Анна …») or one sought («кандидатом на выборы главы государства стала …»).
    bool OthersPost(std::size_t pb, std::size_t s) const {
        static const std::unordered_set<std::string> kKin = {
            "супруга", "супруги", "супруге", "супругу", "супругой",  "жена",       "жены",  "жене",    "жену",
            "женой",   "вдова",   "вдовы",   "вдове",   "вдову",     "сын",        "сына",  "сыну",    "сыном",
            "дочь",    "дочери",  "дочерью", "отец",    "отца",      "отцу",       "мать",  "матери",  "брат",
            "брата",   "брату",   "сестра",  "сестры",  "сестре",    "внук",       "внука", "внучка",  "внучки",
            "муж",     "мужа",    "мужу",    "мужем",   "племянник", "племянница", "зять",  "невестка"};
        if (pb > d.sents[s].first_token && kKin.count(d.toks[pb - 1].folded)) return true;
        for (std::size_t k = pb; k > d.sents[s].first_token && k + 3 > pb; --k)
            if (StartsWithAny(d.toks[k - 1].folded, {"выбор", "кандидат", "претендент", "баллотир"})) return true;
        return false;
    }

    // A post q at token j after a comma, «и» or a mention that follows the post ending at pe: the same
    // person's second post («министр по делам разведки, глава государственной Комиссии … Дан Меридор»);
    // not a post right after a post («Указом Президента временно исполняющим обязанности …»).
    bool ChainedPost(std::size_t j, std::size_t pe, std::size_t q) const {
        if (PluralPost(q)) return false;
        // adjectives of the second post: «наблюдатель от ОБСЕ португальский парламентарий Хуан Суареш»
        std::size_t k = j;
        auto adjective = [](const std::string& f) {
            for (const char* x : {"ий", "ый", "ой", "ая", "ое", "ие", "ые"})
                if (f.size() > 6 && f.ends_with(x)) return true;
            return false;
        };
        while (k > pe && d.toks[k - 1].word && !d.toks[k - 1].cap && adjective(d.toks[k - 1].folded)) --k;
        if (k == pe) return k < j;
        // after a place phrase the gazetteer does not know: «Глава представительства США в регионе помощник …»
        if (k > pe + 1 && k <= pe + 3 && (d.toks[pe].folded == "в" || d.toks[pe].folded == "на")) {
            bool words = true;
            for (std::size_t w = pe + 1; w < k; ++w) words = words && d.toks[w].word && !VerbForm(d.toks[w]);
            if (words) return true;
        }
        const auto& prev = d.toks[k - 1];
        return prev.text == "," || prev.text == ";" || prev.folded == "и" || tok_mention[k - 1] >= 0;
    }

    // The outermost organisation covering token j among the sentence's mentions, else the mention m.
    std::size_t OutermostAt(std::size_t j, std::size_t m, const std::vector<std::size_t>& ms) const {
        for (std::size_t o : ms)
            if (d.mentions[o].kind == MentionKind::kOrganisation && d.spans[o].first <= j && j < d.spans[o].second)
                m = o;
        return m;
    }

    // The body inside the post [pb, pe): the outermost organisation, else a place.
    std::optional<std::size_t> BodyInside(std::size_t p, std::size_t pb, std::size_t pe,
                                          const std::vector<std::size_t>& ms) const {
        std::optional<std::size_t> where;
        for (std::size_t o : ms) {
            if (o == p || d.spans[o].first < pb || d.spans[o].second > pe) continue;
            auto k = d.mentions[o].kind;
            if (k == MentionKind::kOrganisation && (!where || d.mentions[*where].kind != MentionKind::kOrganisation))
                where = o;
            else if (IsLoc(k) && !where)
                where = o;
        }
        return where;
    }

    // «губернатор [Тюменской области] Александр Моор»: the person after the post ending at pe; the body met on
    // the way goes to `where` when none is set.
    std::optional<std::size_t> PersonAfter(std::size_t s, std::size_t pe, const std::vector<std::size_t>& ms,
                                           std::optional<std::size_t>& where) const {
        bool copula = false;
        int chained = 0;
        for (std::size_t j = pe, limit = pe + 10; j < d.sents[s].end_token && j < limit; ++j) {
            int m = tok_mention[j];
            if (m >= 0 && d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kPerson) {
                // «помощник Хиллари Клинтон по европейским делам [Фил Гордон]»: the person whose aide
                // this is, the post going on after the name
                std::size_t me = d.spans[static_cast<std::size_t>(m)].second;
                bool inside = j == pe && me + 1 < d.sents[s].end_token && d.toks[me].folded == "по" &&
                              d.toks[me + 1].word && !d.toks[me + 1].cap && AidePost(pe, s);
                if (!inside) return static_cast<std::size_t>(m);
                j = me;
                while (j < d.sents[s].end_token && d.toks[j].word && !d.toks[j].cap) ++j;
                limit = j + 4;
                --j;
                continue;
            }
            // another post, another person — unless a copula joins them («Исполняющим обязанности главы
            // стал его первый заместитель Андрей Накрошаев») or the posts are one person's, in a row
            // («лидер Меджлиса …, народный депутат Украины Мустафа Джемилев»)
            if (int q = d.MentionStartingAt(j, {MentionKind::kPosition}); q >= 0 && !copula) {
                if (!ChainedPost(j, pe, static_cast<std::size_t>(q)) || ++chained > 2) break;
                auto it = d.post_end.find(j);
                j = std::max(d.spans[static_cast<std::size_t>(q)].second, it != d.post_end.end() ? it->second : 0) - 1;
                limit = j + 11;
                continue;
            }
            if (StartsWithAny(d.toks[j].folded, {"стал", "назначен", "избран", "является", "утвержден"})) copula = true;
            // «Вместе с президентом приехали Дмитрий Медведев»: a verb between them
            else if (m < 0 && VerbForm(d.toks[j]))
                break;
            if (m >= 0) {
                // the outermost organisation or the place right after the post
                std::size_t mm = OutermostAt(j, static_cast<std::size_t>(m), ms);
                if (!where) where = mm;
                j = d.spans[mm].second - 1;
                continue;
            }
            const auto& t = d.toks[j];
            bool chain_comma = (t.text == "," || t.text == ";") && j + 1 < d.sents[s].end_token &&
                               d.MentionStartingAt(j + 1, {MentionKind::kPosition}) >= 0;
            if (!t.word && t.text != "-" && t.text != "—" && t.text != "«" && t.text != "»" && t.text != "\"" &&
                !chain_comma)
                break;
            // a legal form or an abbreviation before a quoted name: «глава ОАО «Газпром» Алексей Миллер»;
            // a place no gazetteer knows after «в / на»: «Посол Евросоюза на Южном Кавказе Питер Семнеби»;
            // the body's name right after the post: «лидер Меджлиса крымско-татарского народа, …»
            bool body_name = j == pe || (BodyNameSoFar(pe, j) && (t.cap || t.text == "-"));
            if (t.word && t.cap && !t.all_caps && !PlacePhrase(j, pe) && !body_name) break;
        }
        return std::nullopt;
    }

    // «назначил Петра Петрова министром», «назвал Йенса Лемана первым вратарём»: a person right before a post
    // in the instrumental is its holder.
    std::optional<std::size_t> ObjectBefore(std::size_t pb, std::size_t s) const {
        if (pb <= d.sents[s].first_token) return std::nullopt;
        int m = tok_mention[pb - 1];
        if (m < 0 || d.mentions[static_cast<std::size_t>(m)].kind != MentionKind::kPerson) return std::nullopt;
        const std::string& f = d.toks[pb].folded;
        for (const char* x : {"ом", "ем", "ём", "ым", "им"})
            if (f.ends_with(x)) return static_cast<std::size_t>(m);
        return std::nullopt;
    }

    // «Иванов назначен министром», «Петров стал мэром», «занимал пост губернатора»; «Он также назначен …»:
    // a pronoun continues the person of the previous sentences.
    std::optional<std::size_t> PersonOfVerbBefore(std::size_t pb, std::size_t s) const {
        for (std::size_t j = pb; j > d.sents[s].first_token && j + 6 > pb; --j) {
            const auto& f = d.toks[j - 1].folded;
            // «был / была», not «было / были» (no one person is their subject)
            if (!StartsWithAny(f, {"назнач", "стал", "избран", "занимал", "занима", "работал", "возглав", "пост",
                                   "должност", "утвержд", "являет"}) &&
                f != "был" && f != "была")
                continue;
            for (std::size_t k = j; k > d.sents[s].first_token; --k) {
                int m = tok_mention[k - 1];
                if (m >= 0 && d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kPerson)
                    return static_cast<std::size_t>(m);
            }
            bool pronoun = false;
            for (std::size_t k = d.sents[s].first_token; k < j; ++k)
                pronoun = pronoun || d.toks[k].folded == "он" || d.toks[k].folded == "она";
            return pronoun ? RecentPerson(d.sents[s].first_token) : std::nullopt;
        }
        return std::nullopt;
    }

    void Positions(std::size_t s) {
        auto ms = MentionsIn(s);
        for (std::size_t p : ms) {
            if (d.mentions[p].kind != MentionKind::kPosition || PluralPost(p)) continue;
            auto [pb, pe] = d.spans[p];
            if (auto it = d.post_end.find(pb); it != d.post_end.end() && it->second > pe) pe = it->second;
            std::optional<std::size_t> person, where = BodyInside(p, pb, pe, ms);
            // «его первый заместитель»: someone else's post, the person is not named here
            bool possessed =
                pb > d.sents[s].first_token && (d.toks[pb - 1].folded == "его" || d.toks[pb - 1].folded == "ее" ||
                                                d.toks[pb - 1].folded == "их" || d.toks[pb - 1].folded == "свой");
            // «Валерий Тишков - директор Института …, Виктор Майклсон - …»: a person right before the post
            // (after «,», «-», «—») is its holder, whoever is named after it
            std::size_t lead = SkipPostLead(pb, s);
            std::optional<std::size_t> before =
                lead > 0 && (d.toks[lead - 1].text == "-" || d.toks[lead - 1].text == "—") ? PersonRightBefore(pb, s)
                                                                                           : std::nullopt;
            if (!before) person = PersonAfter(s, pe, ms, where);
            if ((possessed && !person) || OthersPost(pb, s)) continue;
            // «Александр Моор, губернатор Тюменской области» / «Моор — губернатор»
            if (!person) person = before ? before : PersonRightBefore(pb, s);
            if (!person) person = ObjectBefore(pb, s);
            if (!person) person = PersonOfVerbBefore(pb, s);
            if (!person) continue;
            // a place or organisation right after the post when the person came first
            if (!where && pe < d.sents[s].end_token && tok_mention[pe] >= 0 &&
                d.mentions[static_cast<std::size_t>(tok_mention[pe])].kind != MentionKind::kPerson)
                where = OutermostAt(pe, static_cast<std::size_t>(tok_mention[pe]), ms);
            Fact f;
            f.kind = FactKind::kPosition;
            f.person = person;
            f.position = p;
            if (where) (d.mentions[*where].kind == MentionKind::kOrganisation ? f.organisation : f.place) = where;
            f.past = PastPost(s, pb);
            f.date = DateOf(s);
            f.post = NominativePhrase(d, pb, pe, true);
            f.evidence = EvidenceOf(s);
            f.confidence = 0.6 + (where ? 0.15 : 0.0) + (d.spans[*person].first >= pe ? 0.1 : 0.0);
            out.push_back(std::move(f));
        }
    }

    // The longest organisation starting right after token i (a date may stand between: «возглавлял с 2018 года»).
    std::optional<std::size_t> OrganisationAfter(std::size_t i) const {
        std::optional<std::size_t> best;
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            if (d.mentions[m].kind != MentionKind::kOrganisation) continue;
            std::size_t b = d.spans[m].first;
            if (b <= i || b > i + 2 || d.toks[b].sent != d.toks[i].sent) continue;
            if (!best || d.spans[m].second - b > d.spans[*best].second - d.spans[*best].first) best = m;
        }
        return best;
    }

    // The place an organisation names («администрации Дзержинска»), or the region its «региона / области»
    // refers to.
    std::optional<std::size_t> PlaceInside(std::size_t org, std::size_t before) const {
        std::optional<std::size_t> place;
        for (std::size_t j = d.spans[org].first; j < d.spans[org].second; ++j) {
            int m = tok_mention[j];
            if (m >= 0 && IsLoc(d.mentions[static_cast<std::size_t>(m)].kind)) place = static_cast<std::size_t>(m);
            if (!place && Lexicon::Get().region_nouns.count(d.toks[j].key)) place = RecentRegion(before, false);
        }
        return place;
    }

    // Career links: «много лет работал в Перми», «назначен на высокий пост в крае».
    void Careers(std::size_t s) {
        const auto& sent = d.sents[s];
        for (std::size_t i = sent.first_token; i < sent.end_token; ++i) {
            const auto& f = d.toks[i].folded;
            bool worked = StartsWithAny(f, {"работал", "трудил", "служил", "возглавлял", "руководил", "проработал"});
            bool appointed = StartsWithAny(f, {"назначен", "избран", "переведен", "перешел", "переехал"});
            if (!worked && !appointed) continue;
            // already covered by a position fact with a place in this sentence?
            std::optional<std::size_t> place;
            std::optional<std::size_t> position;
            for (std::size_t j = i + 1; j < sent.end_token && j < i + 10; ++j) {
                int m = tok_mention[j];
                if (m >= 0 && IsLoc(d.mentions[static_cast<std::size_t>(m)].kind) && j > 0 &&
                    (d.toks[j - 1].folded == "в" || d.toks[j - 1].folded == "во" || d.toks[j - 1].folded == "на" ||
                     d.mentions[static_cast<std::size_t>(m)].adjectival)) {
                    place = static_cast<std::size_t>(m);
                    break;
                }
                if (d.toks[j].word && (d.toks[j - 1].folded == "в" || d.toks[j - 1].folded == "на") &&
                    Lexicon::Get().region_nouns.count(d.toks[j].key)) {
                    place = RecentRegion(i, d.toks[j].key == text::Stem("городе"));
                    break;
                }
                if (!d.toks[j].word && d.toks[j].text != "-") break;
            }
            // «возглавляла департамент культуры администрации Дзержинска», «руководил министерством финансов
            // региона»: the body headed, with the place inside it
            std::optional<std::size_t> body;
            if (!place && StartsWithAny(f, {"возглавлял", "руководил"})) {
                body = OrganisationAfter(i);
                if (body) place = PlaceInside(*body, i);
            }
            if (!place && !body) continue;
            for (std::size_t m = 0; m < d.mentions.size() && place; ++m)
                if (d.mentions[m].kind == MentionKind::kPosition && d.spans[m].first > i &&
                    d.spans[m].first < d.spans[*place].first)
                    position = m;
            // the person: the nearest before the verb in this sentence, else the last one mentioned
            std::optional<std::size_t> person;
            bool other_subject = false;  // «…, а его первый заместитель ранее трудился на Ямале»
            for (std::size_t k = i; k > sent.first_token; --k) {
                int m = tok_mention[k - 1];
                if (m >= 0 && d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kPerson) {
                    person = static_cast<std::size_t>(m);
                    break;
                }
                const auto& w = d.toks[k - 1].folded;
                if ((w == "а" || w == "но") && k >= 2 && d.toks[k - 2].text == ",") {
                    other_subject = true;
                    break;
                }
            }
            if (other_subject) continue;
            double conf = 0.7;
            if (!person) {
                person = RecentPerson(sent.first_token);
                conf = 0.5;
            }
            if (!person) continue;
            bool dup = false;
            for (const auto& e : out)
                if (e.kind == FactKind::kPosition && e.person == person && e.place == place &&
                    e.evidence.start == sent.start)
                    dup = true;
            if (dup) continue;
            Fact fact;
            fact.kind = FactKind::kPosition;
            fact.person = person;
            fact.position = position;
            fact.place = place;
            fact.organisation = body;
            fact.past = worked;
            fact.evidence = EvidenceOf(s);
            fact.confidence = conf;
            out.push_back(std::move(fact));
        }
    }

    void LocatedIn() {
        for (std::size_t o = 0; o < d.mentions.size(); ++o) {
            if (d.mentions[o].kind != MentionKind::kOrganisation) continue;
            auto [b, e] = d.spans[o];
            std::optional<std::size_t> place;
            for (std::size_t m = 0; m < d.mentions.size() && !place; ++m)
                if (IsLoc(d.mentions[m].kind) && d.mentions[m].kind != MentionKind::kCountry && d.spans[m].first >= b &&
                    d.spans[m].second <= e && m != o)
                    place = m;
            if (!place && e + 1 < d.toks.size() && (d.toks[e].folded == "в" || d.toks[e].folded == "во") &&
                tok_mention[e + 1] >= 0 && IsLoc(d.mentions[static_cast<std::size_t>(tok_mention[e + 1])].kind))
                place = static_cast<std::size_t>(tok_mention[e + 1]);
            if (!place) continue;
            Fact f;
            f.kind = FactKind::kLocatedIn;
            f.organisation = o;
            f.place = place;
            f.evidence = EvidenceOf(d.toks[b].sent);
            f.confidence = d.mentions[*place].adjectival ? 0.7 : 0.85;
            out.push_back(std::move(f));
        }
    }
};

}  // namespace

namespace {
// A sentence naming a post or a person, a verb of past work and a place: an official's career link.
bool CareerLinkWithoutPerson(const Doc& d, std::size_t s) {
    static const char* const kVerbs[] = {"работал", "трудил", "возглавлял", "руководил", "служил"};
    bool official = false, verb = false, place = false;
    for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i) {
        if (d.MentionAt(i, {MentionKind::kPosition, MentionKind::kPerson}) >= 0) official = true;
        if (d.MentionAt(i, {MentionKind::kRegion, MentionKind::kMunicipality}) >= 0) place = true;
        const auto& t = d.toks[i];
        if (!t.word) continue;
        for (const char* v : kVerbs)
            if (t.folded.rfind(v, 0) == 0) verb = true;
    }
    return official && verb && place;
}
}  // namespace

void FindFacts(const Doc& d, std::vector<Fact>& facts) {
    if (d.sents.empty()) return;
    FactFinder ff(d, facts);
    for (std::size_t s = 0; s < d.sents.size(); ++s) {
        std::size_t before = facts.size();
        ff.Positions(s);
        ff.Careers(s);
        // «… — министр культуры. Она назначена на должность в марте 2024 года.»: a pronoun's sentence
        // that dates an appointment without naming the post dates the post just named
        if (facts.size() == before && s > 0 && !facts.empty() && facts.back().kind == FactKind::kPosition &&
            facts.back().date.empty() && facts.back().evidence.start == d.sents[s - 1].start) {
            const auto& first = d.toks[d.sents[s].first_token].folded;
            if (first == "он" || first == "она") facts.back().date = ff.DateOf(s);
        }
    }
    bool personnel = false;
    for (const auto& f : facts)
        if (f.kind == FactKind::kPosition && f.past && f.place) personnel = true;
    // A career link the position patterns cannot hold (no person named: «Губернатор Югры много лет
    // работал в Тюменской области») still says the practice travelled with an official.
    for (std::size_t s = 0; s < d.sents.size() && !personnel; ++s) personnel = CareerLinkWithoutPerson(d, s);
    FindAdoptions(d, facts, personnel);
    ff.LocatedIn();
}

}  // namespace orientir::extract::detail
