// Relation patterns: positions and career moves, adoptions (borrowing, scaling, introducing, applying),
// organisations located in places. Each fact carries its sentence as evidence.

#include <algorithm>
#include <cstdio>
#include <set>
#include <unordered_set>

#include "extract/doc.hpp"
#include "extract/facts_finder.hpp"
#include "extract/lexicon.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail {

bool IsLoc(MentionKind k) {
    return k == MentionKind::kRegion || k == MentionKind::kMunicipality || k == MentionKind::kCountry;
}

bool StartsWithAny(const std::string& s, std::initializer_list<const char*> prefixes) {
    for (const char* p : prefixes)
        if (s.rfind(p, 0) == 0) return true;
    return false;
}

// Sentence s as the evidence of a fact.
Evidence SentenceEvidence(const Doc& d, std::size_t s) {
    const auto& sent = d.sents[s];
    return Evidence{sent.start, sent.end, d.SliceCp(sent.start, sent.end)};
}

Evidence FactFinder::EvidenceOf(std::size_t s) const { return SentenceEvidence(d, s); }

std::vector<std::size_t> FactFinder::MentionsIn(std::size_t s) const {
    std::vector<std::size_t> ms;
    for (std::size_t m = 0; m < d.mentions.size(); ++m)
        if (d.spans[m].first >= d.sents[s].first_token && d.spans[m].first < d.sents[s].end_token) ms.push_back(m);
    return ms;
}

bool FactFinder::SentenceHas(std::size_t s, std::initializer_list<const char*> prefixes) const {
    for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i)
        if (d.toks[i].word && StartsWithAny(d.toks[i].folded, prefixes)) return true;
    return false;
}

// The most recent region mentioned before token i (for «в крае», «в регионе»).
std::optional<std::size_t> FactFinder::RecentRegion(std::size_t i, bool municipality_ok) const {
    std::optional<std::size_t> best;
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        if (d.spans[m].second > i) break;
        auto k = d.mentions[m].kind;
        if (k == MentionKind::kRegion || (municipality_ok && k == MentionKind::kMunicipality)) best = m;
    }
    return best;
}

std::optional<std::size_t> FactFinder::RecentPerson(std::size_t i) const {
    std::optional<std::size_t> best;
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        if (d.spans[m].second > i) break;
        if (d.mentions[m].kind == MentionKind::kPerson && !NamesABody(m)) best = m;
    }
    return best;
}

// A post held before: «бывший мэр», «экс-губернатор», «работал директором», «ранее занимал пост»,
// «сложил полномочия главы»; a new post in the same sentence («стал советником») stays current.
bool FactFinder::PastPost(std::size_t s, std::size_t pb) const {
    const auto& sent = d.sents[s];
    std::size_t from = pb >= sent.first_token + 4 ? pb - 4 : sent.first_token;
    // «ныне работающий заместителем директора»: held now, whatever else the sentence says
    for (std::size_t k = from; k < pb; ++k)
        if (StartsWithAny(d.toks[k].folded, {"ныне", "нынешн", "теперь", "сейчас"})) return false;
    for (std::size_t k = from; k < pb; ++k) {
        const auto& f = d.toks[k].folded;
        // «был назначен послом», «была избрана мэром»: taken, not held before
        bool taken = k + 1 < pb && AppointedForm(d.toks[k + 1].folded);
        // («экс-мэр», not «Экскурсию провела заведующая …»)
        if (f == "экс" || f.starts_with("экс-") ||
            StartsWithAny(f, {"бывш", "работал", "занимал", "возглавлял", "руководил", "трудил", "служил", "прежде",
                              "ранее", "работавш", "занимавш", "возглавлявш", "руководивш", "отставн", "тогдашн",
                              "прошлом", "предыдущ", "предшествующ"}) ||
            (f.starts_with("прежн") && f != "прежнему") ||  // not «по-прежнему»
            ((f == "был" || f == "была") && !taken))
            return true;
    }
    if (pb > 0 && d.toks[pb - 1].text == "-" && pb >= 2 && d.toks[pb - 2].folded == "экс") return true;
    // «…, а до этого — заместителем главы»: what came before a post held before
    for (std::size_t k = from; k + 1 < pb; ++k)
        if (d.toks[k].folded == "до" && (d.toks[k + 1].folded == "этого" || d.toks[k + 1].folded == "того"))
            return true;
    // resignations anywhere in the sentence
    for (std::size_t k = sent.first_token; k < sent.end_token; ++k) {
        const auto& f = d.toks[k].folded;
        if (StartsWithAny(f, {"сложил", "отставк", "освобожд", "покинул", "уволен", "уволил", "ушел", "ушла",
                              "покинувш", "сложивш", "ушедш"}))
            return true;
    }
    return false;
}

// The date a sentence gives for taking or leaving a post («с 1 сентября 2025 года назначен», «в марте
// 2024 года избран», «в 2020 году возглавил»): "2025-09-01", "2024-03", "2024"; empty otherwise.
std::string FactFinder::DateOf(std::size_t s) const {
    const auto& sent = d.sents[s];
    bool change = false;
    for (std::size_t k = sent.first_token; k < sent.end_token; ++k)
        change = change ||
                 StartsWithAny(d.toks[k].folded, {"назнач", "избран", "избра", "вступил", "стал", "занял", "возглав",
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

// The longest organisation starting right after token i (a date may stand between: «возглавлял с 2018 года»).
std::optional<std::size_t> FactFinder::OrganisationAfter(std::size_t i) const {
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
std::optional<std::size_t> FactFinder::PlaceInside(std::size_t org, std::size_t before) const {
    std::optional<std::size_t> place;
    for (std::size_t j = d.spans[org].first; j < d.spans[org].second; ++j) {
        int m = tok_mention[j];
        if (m >= 0 && IsLoc(d.mentions[static_cast<std::size_t>(m)].kind)) place = static_cast<std::size_t>(m);
        if (!place && Lexicon::Get().region_nouns.count(d.toks[j].key)) place = RecentRegion(before, false);
    }
    return place;
}

// Career links: «много лет работал в Перми», «назначен на высокий пост в крае».
void FactFinder::Careers(std::size_t s) {
    const auto& sent = d.sents[s];
    for (std::size_t i = sent.first_token; i < sent.end_token; ++i) {
        const auto& f = d.toks[i].folded;
        // also the participles: «Иван Петров, ранее возглавлявший администрацию Кургана, …»
        bool worked = StartsWithAny(
            f, {"работал", "трудил", "служил", "возглавлял", "руководил", "проработал", "возглавлявш", "руководивш"});
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
        if (!place && StartsWithAny(f, {"возглавлял", "руководил", "руководивш"})) {
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
            if (m >= 0 && d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kPerson &&
                !NamesABody(static_cast<std::size_t>(m))) {
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

void FactFinder::LocatedIn() {
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

// The words of a person's name as the text gives it in the nominative, folded: {"андрей", "викторович", "лаптев"}.
std::vector<std::string> NameWords(const Mention& m) {
    std::vector<std::string> out;
    const std::string n = text::Fold(m.normal.empty() ? m.text : m.normal);
    for (std::size_t b = 0; b < n.size();) {
        std::size_t e = n.find(' ', b);
        if (e == std::string::npos) e = n.size();
        if (e > b) out.push_back(n.substr(b, e - b));
        b = e + 1;
    }
    return out;
}

// «Андрей Лаптев», «Андрей Викторович Лаптев» and «Лаптев» are one person in one article: the same surname (the
// last word) and, where both give one, the same first name.
bool SamePerson(const Mention& a, const Mention& b) {
    auto x = NameWords(a), y = NameWords(b);
    if (x.empty() || y.empty() || x.back() != y.back()) return false;
    if (x.size() > 1 && y.size() > 1) {
        const std::string& fx = x.front();
        const std::string& fy = y.front();
        // «А. В. Лаптев»: an initial agrees with the first name it begins
        const std::size_t n = std::min<std::size_t>({fx.size(), fy.size(), 2});  // one Cyrillic letter
        if (fx.find('.') != std::string::npos || fy.find('.') != std::string::npos)
            return fx.compare(0, n, fy, 0, n) == 0;
        return fx == fy;
    }
    return true;
}

namespace {
// «Двадцать лет Дарима Бадмаевна проработала учителем …» after «Дарима Бадмаевна Цыренова»: a person named by first
// name and patronymic alone is the one the article names in full with both.
void FullNamesForNameAndPatronymic(const Doc& d, std::vector<Fact>& facts) {
    for (Fact& f : facts) {
        if (f.kind != FactKind::kPosition || !f.person) continue;
        const auto w = NameWords(d.mentions[*f.person]);
        // (and a surname alone, «Шестакову 46 лет», the person the article named in full: «Дмитрий Валерьевич
        // Шестаков»)
        const bool surname = w.size() == 1;
        if (!surname && (w.size() != 2 || !IsPatronymic(w[1]))) continue;
        std::optional<std::size_t> full;
        int names = 0;
        std::set<std::string> firsts;  // (a surname: one first name, its fullest form)
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            if (d.mentions[m].kind != MentionKind::kPerson || m == *f.person) continue;
            const auto v = NameWords(d.mentions[m]);
            if (surname ? (v.size() < 2 || v.back() != w[0]) : (v.size() != 3 || v[0] != w[0] || v[1] != w[1]))
                continue;
            if (surname) {
                firsts.insert(v[0]);
                if (!full || v.size() > NameWords(d.mentions[*full]).size()) full = m;
                continue;
            }
            if (!full || NameWords(d.mentions[*full]) != v) ++names;
            full = m;
        }
        if (full && (surname ? firsts.size() == 1 : names == 1)) f.person = full;
    }
}
}  // namespace

namespace {
// One position fact for one person and post: a headline's «Андрей Лаптев» and the lede's «Андрей Викторович Лаптев»
// named to the same post give the curator one proposal, under the fullest name; a bare «министр» of a person
// whose fuller post of the same period is proposed adds nothing.
void MergePositions(const Doc& d, std::vector<Fact>& facts) {
    // each fact's post, folded, once (the passes below compare every pair)
    std::vector<std::string> posts(facts.size());
    for (std::size_t i = 0; i < facts.size(); ++i) {
        const Fact& f = facts[i];
        if (!f.post.empty())
            posts[i] = text::Fold(f.post);
        else if (f.position)
            posts[i] = text::Fold(d.mentions[*f.position].normal.empty() ? d.mentions[*f.position].text
                                                                         : d.mentions[*f.position].normal);
    }
    std::vector<bool> drop(facts.size(), false);
    for (std::size_t i = 0; i < facts.size(); ++i) {
        if (drop[i] || facts[i].kind != FactKind::kPosition || !facts[i].person) continue;
        const std::string& pi = posts[i];
        if (pi.empty()) continue;
        for (std::size_t j = 0; j < facts.size(); ++j) {
            if (j == i || drop[j] || facts[j].kind != FactKind::kPosition || !facts[j].person ||
                facts[j].past != facts[i].past ||
                !SamePerson(d.mentions[*facts[i].person], d.mentions[*facts[j].person]))
                continue;
            const std::string& pj = posts[j];
            if (pj.empty()) continue;
            const bool same = pi == pj;
            // «министр» against «министр культуры Тверской области», «заместитель директора» against «заместитель
            // директора Курганской областной библиотеки»: the shorter only begins the fuller
            const bool bare = pi.size() > pj.size() && pi.rfind(pj + " ", 0) == 0;
            if (!same && !bare) continue;
            if (same && j < i) continue;  // the pair is met again from the other side
            Fact& keep = facts[i];
            const Fact& gone = facts[j];
            if (NameWords(d.mentions[*gone.person]).size() > NameWords(d.mentions[*keep.person]).size())
                keep.person = gone.person;
            if (keep.date.empty()) keep.date = gone.date;
            keep.confidence = std::max(keep.confidence, gone.confidence);
            drop[j] = true;
        }
    }
    // «Министром культуры назначена Колесникова, до этого возглавлявшая управление …», then a biography's open «с
    // 2016 года — начальник управления …»: a post told both past and current, of one who now holds another, is past
    for (std::size_t i = 0; i < facts.size(); ++i) {
        const Fact& f = facts[i];
        if (drop[i] || f.kind != FactKind::kPosition || f.past || !f.person) continue;
        const std::string& pi = posts[i];
        bool past_twin = false, other_current = false;
        for (std::size_t j = 0; j < facts.size(); ++j) {
            const Fact& o = facts[j];
            if (j == i || drop[j] || o.kind != FactKind::kPosition || !o.person ||
                !SamePerson(d.mentions[*f.person], d.mentions[*o.person]))
                continue;
            const std::string& pj = posts[j];
            past_twin = past_twin || (o.past && pj == pi);
            other_current = other_current || (!o.past && !pj.empty() && pj != pi);
        }
        if (past_twin && other_current) drop[i] = true;
    }
    // «Министром … назначена Сидорова», then her «Справка»: «С 2020 года — директор центра»: a biography's open line of
    // one the article appointed to another post before it is the post held until then
    for (std::size_t i = 0; i < facts.size(); ++i) {
        Fact& f = facts[i];
        if (drop[i] || f.kind != FactKind::kPosition || f.past || !f.person || !f.why.starts_with("Строка биографии"))
            continue;
        const std::string& pi = posts[i];
        for (std::size_t j = 0; j < facts.size() && !f.past; ++j) {
            const Fact& o = facts[j];
            f.past = j != i && !drop[j] && o.kind == FactKind::kPosition && !o.past && o.person &&
                     !o.why.starts_with("Строка биографии") && o.evidence.start < f.evidence.start &&
                     !posts[j].empty() && posts[j] != pi && SamePerson(d.mentions[*f.person], d.mentions[*o.person]);
        }
    }
    std::size_t w = 0;
    for (std::size_t i = 0; i < facts.size(); ++i) {
        if (drop[i]) continue;
        if (w != i) facts[w] = std::move(facts[i]);
        ++w;
    }
    facts.resize(w);
}
}  // namespace

namespace {
// «заместитель главы администрации Дербента»: a post at a body the directory does not hold, or at none, named with
// its place, is placed there too, so an accepted post lands in its town or region (after the adoption facts are read:
// which posts have a place tells them whether an official moved).
void PlacesOfUnknownBodies(const Doc& d, std::vector<Fact>& facts) {
    for (Fact& f : facts) {
        if (f.kind != FactKind::kPosition || f.place || (f.organisation && d.mentions[*f.organisation].ref)) continue;
        // the body's words and the whole post's («заместитель председателя правительства Республики Саха (Якутия)»:
        // the body is «правительства» alone)
        std::size_t b = SIZE_MAX, e = 0;
        for (const auto& m : {f.organisation, f.position})
            if (m) b = std::min(b, d.spans[*m].first), e = std::max(e, d.spans[*m].second);
        if (f.position)
            if (const auto it = d.post_end.find(d.spans[*f.position].first); it != d.post_end.end())
                e = std::max(e, it->second);
        if (b >= e) continue;
        // (a town before its region: «администрации Кетовского района Курганской области» is the district's)
        for (const MentionKind kind : {MentionKind::kMunicipality, MentionKind::kRegion})
            for (std::size_t m = 0; m < d.mentions.size() && !f.place; ++m)
                if (d.mentions[m].ref && d.mentions[m].kind == kind && d.spans[m].first >= b && d.spans[m].second <= e)
                    f.place = m;
    }
}

// «глава города Сарапула» (a post the article completed from its text), «директор школы» in a story of Кунгур: a post
// with no place and no body the directory holds is placed in the town or region its words name, else in the one
// place the headline and the lede name (all of one region), so a curator accepting it finds the region filled in.
void PlacesOfPostsByTheirWordsOrTheArticle(const Doc& d, std::vector<Fact>& facts) {
    std::optional<std::size_t> own;  // the article's place: the first the headline and lede name, one region only
    const std::int32_t lede = d.sents.size() > 1 ? d.sents[1].end : (d.sents.empty() ? 0 : d.sents[0].end);
    bool one_region = true;
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        const Mention& mm = d.mentions[m];
        // (not «к ижевскому проекту»: an adjective names whose practice, not where the story is)
        if (mm.start < 0 || mm.start >= lede || !mm.ref || !IsLoc(mm.kind) || mm.kind == MentionKind::kCountry ||
            mm.adjectival)
            continue;
        const std::string region = mm.kind == MentionKind::kRegion ? mm.ref->code : mm.ref->region;
        if (region.empty()) continue;
        if (own) {
            const Mention& o = d.mentions[*own];
            one_region = one_region && region == (o.kind == MentionKind::kRegion ? o.ref->code : o.ref->region);
        } else {
            own = m;
        }
    }
    if (!one_region) own.reset();
    std::optional<std::size_t> own_region;  // the article's region named as a region anywhere in it
    if (own) {
        const Mention& o = d.mentions[*own];
        const std::string code = o.kind == MentionKind::kRegion ? o.ref->code : o.ref->region;
        for (std::size_t m = 0; m < d.mentions.size() && !own_region; ++m)
            if (d.mentions[m].start >= 0 && d.mentions[m].kind == MentionKind::kRegion && d.mentions[m].ref &&
                d.mentions[m].ref->code == code)
                own_region = m;
    }
    for (Fact& f : facts) {
        // (a place the directory lacks, «Камбарского района», gives the accept form no region either)
        if (f.kind != FactKind::kPosition || (f.place && d.mentions[*f.place].ref) ||
            (f.organisation && d.mentions[*f.organisation].ref))
            continue;
        const std::optional<std::size_t> unlinked = f.place;
        f.place.reset();
        std::vector<std::string> words;  // the capitalised words: names
        for (const auto& t : text::Tokenize(f.post))
            if (t.is_word && t.text != t.folded) words.push_back(t.folded);
        // a town's name in a case of its own: «Сарапула», «Глазова» (its name and an ending), «Можги» (one stem)
        auto names = [](const std::string& word, const std::string& name) {
            return (word.starts_with(name) && word.size() <= name.size() + 4) || text::Stem(word) == text::Stem(name);
        };
        for (std::size_t m = 0; m < d.mentions.size() && !f.place && !words.empty(); ++m) {
            const Mention& mm = d.mentions[m];
            if (mm.start < 0 || !mm.ref || !IsLoc(mm.kind) || mm.kind == MentionKind::kCountry ||
                mm.ref->name.find(' ') != std::string::npos)
                continue;
            const std::string name = text::Fold(mm.ref->name);
            if (std::any_of(words.begin(), words.end(), [&](const std::string& w) { return names(w, name); }))
                f.place = m;
        }
        // (for a place the directory lacks, only the article's region itself: not a town of it the district is not)
        if (!f.place) f.place = unlinked ? own_region : own;
        if (!f.place) f.place = unlinked;
    }
}
}  // namespace

// «Он сменил на этом посту Ирину Мусатову», «сменила на посту министра Ивана Петрова»: the one replaced held the post
// before — the post named after «на посту», else the post of the one who replaced (the sentence's subject, told by
// the last post the article named before).
void PredecessorsByReplacing(const Doc& d, std::vector<Fact>& facts) {
    for (std::size_t s = 0; s < d.sents.size(); ++s) {
        const std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token;
        std::size_t v = sb;
        while (v < se && !(d.toks[v].folded.starts_with("смени") && d.toks[v].folded.size() > 10)) ++v;
        if (v >= se) continue;
        // «на посту»/«на этом посту»/«на этой должности» after the verb, and the post named there if any
        std::optional<std::size_t> post_mention;
        bool at_post = false;
        for (std::size_t k = v + 1; k + 1 < se && k < v + 5; ++k)
            if (d.toks[k].folded == "на" &&
                (d.toks[k + 1].folded == "посту" || d.toks[k + 1].folded == "должности" ||
                 (k + 2 < se && (d.toks[k + 1].folded == "этом" || d.toks[k + 1].folded == "этой") &&
                  (d.toks[k + 2].folded == "посту" || d.toks[k + 2].folded == "должности")))) {
                at_post = true;
                for (std::size_t m = 0; m < d.mentions.size(); ++m)
                    if (d.mentions[m].kind == MentionKind::kPosition && d.spans[m].first > k &&
                        d.spans[m].first < k + 4)
                        post_mention = m;
                break;
            }
        // («На этом посту она сменила …»: told before the verb; «Она возглавила центр в 2021 году, сменив …»: the post
        // just taken)
        for (std::size_t k = sb; k + 1 < v && !at_post; ++k)
            at_post = (d.toks[k].folded == "на" &&
                       (d.toks[k + 1].folded == "посту" || d.toks[k + 1].folded == "должности" ||
                        (k + 2 < v && (d.toks[k + 1].folded == "этом" || d.toks[k + 1].folded == "этой") &&
                         (d.toks[k + 2].folded == "посту" || d.toks[k + 2].folded == "должности")))) ||
                      d.toks[k].folded.starts_with("возглави") || d.toks[k].folded.starts_with("назначен");
        if (!at_post) continue;
        std::optional<std::size_t> replaced;
        for (std::size_t m = 0; m < d.mentions.size() && !replaced; ++m)
            if (d.mentions[m].kind == MentionKind::kPerson && d.spans[m].first > v && d.spans[m].first < se &&
                (!post_mention || d.spans[m].first >= d.spans[*post_mention].second))
                replaced = m;
        if (!replaced) continue;
        std::string post;
        if (post_mention) {  // through the body named after it, up to the one replaced
            post = NominativePhrase(d, d.spans[*post_mention].first, d.spans[*replaced].first, true);
        } else {
            for (auto it = facts.rbegin(); it != facts.rend() && post.empty(); ++it)
                if (it->kind == FactKind::kPosition && !it->past && !it->post.empty() &&
                    it->evidence.start <= d.sents[s].start && it->person &&
                    d.mentions[*it->person].normal != d.mentions[*replaced].normal)
                    post = it->post;
        }
        if (post.empty()) continue;
        const std::string who = text::Fold(d.mentions[*replaced].normal);
        bool told = false;
        for (Fact& f : facts) {
            if (f.kind != FactKind::kPosition || !f.person || text::Fold(d.mentions[*f.person].normal) != who) continue;
            if (f.post.empty() && !f.position) {  // the career the sentence told without a post
                f.post = post;
                f.past = true;
                told = true;
            } else if (text::Fold(f.post) == text::Fold(post)) {
                f.past = true;
                told = true;
            }
        }
        if (told) continue;
        Fact f;
        f.kind = FactKind::kPosition;
        f.person = replaced;
        f.post = post;
        f.past = true;
        f.evidence = SentenceEvidence(d, s);
        f.confidence = 0.6;
        facts.push_back(std::move(f));
    }
}

void FindFacts(const Doc& d, std::vector<Fact>& facts, const RankModel* ranker, PracticeChoice choice) {
    if (d.sents.empty()) return;
    FactFinder ff(d, facts);
    for (std::size_t s = 0; s < d.sents.size(); ++s) {
        std::size_t before = facts.size();
        ff.Positions(s);
        ff.Careers(s);
        ff.HeadedBodies(s);
        // «… — министр культуры. Она назначена на должность в марте 2024 года.»: a pronoun's sentence
        // that dates an appointment without naming the post dates the post just named
        if (facts.size() == before && s > 0 && !facts.empty() && facts.back().kind == FactKind::kPosition &&
            facts.back().date.empty() && facts.back().evidence.start == d.sents[s - 1].start) {
            const auto& first = d.toks[d.sents[s].first_token].folded;
            if (first == "он" || first == "она") facts.back().date = ff.DateOf(s);
        }
    }
    ExpandBareBodies(d, facts);
    PredecessorsByReplacing(d, facts);
    FullNamesForNameAndPatronymic(d, facts);
    MergePositions(d, facts);
    // «До назначения в Курган он восемь лет руководил …» after «директор курганского комплексного центра Сергей
    // Бочкарёв»: a current career in a place, no post, of a person whose current post the article names, is that
    // post told again
    std::erase_if(facts, [&](const Fact& f) {
        if (f.kind != FactKind::kPosition || f.past || !f.post.empty() || f.position || !f.person) return false;
        const std::string who = text::Fold(d.mentions[*f.person].normal);
        return std::any_of(facts.begin(), facts.end(), [&](const Fact& o) {
            return o.kind == FactKind::kPosition && !o.past && o.person && (!o.post.empty() || o.position) &&
                   text::Fold(d.mentions[*o.person].normal) == who;
        });
    });
    bool personnel = false;
    for (const auto& f : facts)
        if (f.kind == FactKind::kPosition && f.past && f.place) personnel = true;
    // A career link the position patterns cannot hold (no person named: «Губернатор Югры много лет
    // работал в Тюменской области») still says the practice travelled with an official.
    for (std::size_t s = 0; s < d.sents.size() && !personnel; ++s) personnel = CareerLinkWithoutPerson(d, s);
    FindAdoptions(d, facts, personnel, ranker, choice);
    PlacesOfUnknownBodies(d, facts);
    PlacesOfPostsByTheirWordsOrTheArticle(d, facts);
    ff.LocatedIn();
}

}  // namespace orientir::extract::detail
