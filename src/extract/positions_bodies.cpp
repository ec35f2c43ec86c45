// A post whose body the text names by its kind alone — «главный врач больницы», «начальник управления», «директор
// центра», «заместитель главы округа по ЖКХ» — after or before naming that body in full («Кирово-Чепецкая
// центральная районная больница», «управление дорожного хозяйства и транспорта Тамбовской области»): the post is
// proposed with the body's full name, in the genitive, as a careful reader writes it.

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "extract/doc.hpp"
#include "extract/normal_words.hpp"
#include "text/normalize.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail {

namespace {

bool Ends(const std::string& w, const char* e) { return w.ends_with(e); }

std::string Cut(const std::string& w, const char* e) { return w.substr(0, w.size() - std::string_view(e).size()); }

// The last letter before an ending (UTF-8 Cyrillic: two bytes).
std::string LetterBefore(const std::string& w, const char* e) {
    const std::size_t n = w.size() - std::string_view(e).size();
    return n >= 2 ? w.substr(n - 2, 2) : std::string();
}

bool OneOf(const std::string& l, std::initializer_list<const char*> letters) {
    for (const char* x : letters)
        if (l == x) return true;
    return false;
}

// An adjective in the nominative put in the genitive; nullopt when the word is no adjective.
std::optional<std::string> GenitiveAdjective(const std::string& w) {
    const std::string f = text::Fold(w);
    if (f.size() <= 6) return std::nullopt;
    if (Ends(f, "ая")) return Cut(w, "ая") + (OneOf(LetterBefore(f, "ая"), {"ч", "щ"}) ? "ей" : "ой");
    if (Ends(f, "яя")) return Cut(w, "яя") + "ей";
    if (Ends(f, "ый") || Ends(f, "ой")) return Cut(w, "ый") + "ого";
    if (Ends(f, "ий")) return Cut(w, "ий") + (OneOf(LetterBefore(f, "ий"), {"к", "г", "х"}) ? "ого" : "его");
    if (Ends(f, "ое")) return Cut(w, "ое") + "ого";
    if (Ends(f, "ее")) return Cut(w, "ее") + "его";
    if (Ends(f, "ые")) return Cut(w, "ые") + "ых";
    // («управление», «развитие», «предприятие» are nouns: a vowel before «-ние», or «-тие», «-вие»)
    for (const char* noun : {"ение", "ание", "яние", "уние", "тие", "вие", "дие"})
        if (Ends(f, noun)) return std::nullopt;
    if (Ends(f, "ие")) return Cut(w, "ие") + "их";
    return std::nullopt;
}

// A noun in the nominative singular put in the genitive.
std::string GenitiveNoun(const std::string& w) {
    const std::string f = text::Fold(w);
    if (Ends(f, "ия")) return Cut(w, "я") + "и";
    if (Ends(f, "ие")) return Cut(w, "е") + "я";
    if (Ends(f, "а"))
        return Cut(w, "а") + (OneOf(LetterBefore(f, "а"), {"г", "к", "х", "ж", "ш", "ч", "щ"}) ? "и" : "ы");
    if (Ends(f, "я") || Ends(f, "ь")) return Cut(w, Ends(f, "я") ? "я" : "ь") + "и";
    if (Ends(f, "й")) return Cut(w, "й") + "я";
    if (Ends(f, "о")) return Cut(w, "о") + "а";
    if (Ends(f, "е")) return Cut(w, "е") + "я";
    return w + "а";
}

// «МБУ», «ГКУ СО», «СХПК»: a word whose first two letters are capitals is an abbreviation and does not decline.
bool Abbreviation(const std::string& w) {
    const std::size_t n = text::CodePointLength(w);
    if (n < 2) return false;
    const std::string two = text::SubstrCodePoints(w, 0, 2);
    return text::Fold(two) != two && text::Fold(text::SubstrCodePoints(w, 1, 2)) != text::SubstrCodePoints(w, 1, 2);
}

// A body's name in the nominative put in the genitive: its adjectives and head noun change, what follows the head
// (a genitive chain, a quoted name, a number) stays; a name that opens with an abbreviation or a quote stays.
std::string GenitivePhrase(const std::string& name) {
    std::vector<std::string> words;
    for (std::size_t p = 0; p <= name.size();) {
        std::size_t q = name.find(' ', p);
        if (q == std::string::npos) q = name.size();
        words.push_back(name.substr(p, q - p));
        p = q + 1;
    }
    for (auto& w : words) {
        if (w.empty() || w.starts_with("«") || w.starts_with("\"") || Abbreviation(w)) break;
        // the last piece of a hyphenated adjective declines: «Кирово-Чепецкая»
        const std::size_t dash = w.rfind('-');
        const std::string head = dash == std::string::npos ? std::string() : w.substr(0, dash + 1);
        const std::string tail = dash == std::string::npos ? w : w.substr(dash + 1);
        if (auto a = GenitiveAdjective(tail)) {
            w = head + *a;
            continue;
        }
        w = head + GenitiveNoun(tail);
        break;
    }
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    // a quoted name the mention ends inside («ГБУ СОН АО «Вельский КЦСОН» before «».»): its quote closed
    std::size_t open = 0, closed = 0;
    for (std::size_t p = out.find("«"); p != std::string::npos; p = out.find("«", p + 1)) ++open;
    for (std::size_t p = out.find("»"); p != std::string::npos; p = out.find("»", p + 1)) ++closed;
    for (; closed < open; ++closed) out += "»";
    return out;
}

// The kinds of body a post names alone, in the genitive.
bool BodyKind(const std::string& f) {
    static const char* kKinds[] = {
        "больницы",    "поликлиники", "управления",   "комитета",   "департамента",  "центра",    "учреждения",
        "библиотеки",  "школы",       "колледжа",     "музея",      "театра",        "агентства", "службы",
        "фонда",       "инспекции",   "объединения",  "ассоциации", "федерации",     "союза",     "организации",
        "предприятия", "компании",    "университета", "института",  "гимназии",      "лицея",     "техникума",
        "станции",     "комплекса",   "округа",       "района",     "администрации", "парка",     "филармонии",
        "заповедника", "училища",     "интерната",    "клуба",      "штаба",         "отряда",    "дворца",
        "вуза",        "академии"};
    for (const char* k : kKinds)
        if (f == k) return true;
    return false;
}

// The head noun of a body's name: its first word that is no adjective («Кирово-Чепецкая центральная районная
// больница» → «больница»); empty when the name opens with an abbreviation or a quote.
std::string HeadNoun(const std::string& name) {
    for (std::size_t p = 0; p < name.size();) {
        std::size_t q = name.find(' ', p);
        if (q == std::string::npos) q = name.size();
        const std::string w = name.substr(p, q - p);
        const std::string f = text::Fold(w);
        if (w.starts_with("«") || w.starts_with("\"") || Abbreviation(w)) return {};
        const std::size_t dash = f.rfind('-');
        const std::string last = dash == std::string::npos ? f : f.substr(dash + 1);
        // (an adjective in the nominative too: «Чебоксарский музей …» heads with «музей»)
        bool nominative_adjective = false;
        for (const char* e : {"ый", "ий", "ой", "ая", "яя", "ое", "ее"})
            nominative_adjective = nominative_adjective || (last.size() > 8 && last.ends_with(e));
        if (!GenitiveAdjective(last) && !nominative_adjective) return f;
        p = q + 1;
    }
    return {};
}

// The head noun of a body's name that opens with its legal form («МБОУ «Лицей № 2» Ангарского городского округа» →
// «лицей», «МКОУ «СОШ № 31» г.о. Нальчик» → «школа», «ГБУ СОН АО «Вельский КЦСОН»» → «центр»): the legal form's
// abbreviations skipped, then the quoted name's head (a school's or centre's abbreviation read as its kind); the
// head of a name with no legal form as HeadNoun reads it.
std::string BodyHead(const std::string& name) {
    std::vector<std::string> words;
    for (std::size_t p = 0; p < name.size();) {
        std::size_t q = name.find(' ', p);
        if (q == std::string::npos) q = name.size();
        if (q > p) words.push_back(name.substr(p, q - p));
        p = q + 1;
    }
    std::size_t i = 0;
    while (i < words.size() && !words[i].starts_with("«") && !words[i].starts_with("\"") && Abbreviation(words[i])) ++i;
    if (i == 0 || i >= words.size()) return HeadNoun(name);
    std::string rest;
    for (std::size_t k = i; k < words.size(); ++k) rest += (rest.empty() ? "" : " ") + words[k];
    for (const char* quote : {"«", "\""})
        if (rest.starts_with(quote)) rest = rest.substr(std::string_view(quote).size());
    // («Вельский КЦСОН»: the abbreviation after the town's adjective)
    for (const auto& t : text::Tokenize(rest)) {
        if (!t.is_word) continue;
        if (!Abbreviation(t.text)) {
            if (GenitiveAdjective(t.text)) continue;
            break;
        }
        const std::string f = text::Fold(t.text);
        for (const char* school : {"сош", "оош", "нош", "дши", "дмш", "дхш", "дюсш", "сш", "сшор"})
            if (f == school) return "школа";
        for (const char* centre : {"кцсон", "цсон", "цсо", "цдт", "цдо"})
            if (f == centre) return "центр";
        for (const char* hospital : {"црб", "цгб", "рб"})
            if (f == hospital) return "больница";
        return {};
    }
    return HeadNoun(rest);
}

// The start of the sentence before the one holding offset `at` (or of that one, if it is the first).
// The sentence holding offset `at` (the last one starting at or before it).
std::size_t SentenceAt(const Doc& d, int at) {
    std::size_t s = 0;
    while (s + 1 < d.sents.size() && d.sents[s + 1].start <= at) ++s;
    return s;
}

int PreviousSentenceStart(const Doc& d, int at) {
    const std::size_t s = SentenceAt(d, at);
    return d.sents[s > 0 ? s - 1 : 0].start;
}

// The end of the headline: the first sentence when a line break follows it, else 0 (no headline).
int HeadlineEnd(const Doc& d) {
    if (d.sents.size() < 2) return 0;
    const auto from = d.cp_to_byte[static_cast<std::size_t>(d.sents[0].end)];
    const auto to = d.cp_to_byte[static_cast<std::size_t>(d.sents[1].start)];
    return d.text.substr(from, to - from).find('\n') != std::string_view::npos ? d.sents[0].end : 0;
}

// The body named in full that the kind word `kind` (genitive) stands for: the organisation or district with that
// head noun named last in this sentence or the one before `at`, else the first before `at` (the article's own, in
// its headline or lead), else the first after it.
std::optional<std::size_t> NamedBody(const Doc& d, const std::string& kind, int at) {
    const std::string stem = text::Stem(kind);
    const bool place = kind == "округа" || kind == "района";
    std::optional<std::size_t> before, after, nearest;
    const int recent = PreviousSentenceStart(d, at);
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        const Mention& mm = d.mentions[m];
        if (mm.start < 0) continue;
        if (place ? mm.kind != MentionKind::kMunicipality : mm.kind != MentionKind::kOrganisation) continue;
        const std::string name = mm.normal.empty() ? mm.text : mm.normal;
        if (name.find(' ') == std::string::npos) continue;
        // a district by the last word («Беловский муниципальный округ»), a body by its head noun
        const std::string head = place ? text::Fold(name.substr(name.rfind(' ') + 1)) : BodyHead(name);
        // («музей» stems to «муз», «музея» to «музе»: one a prefix of the other)
        const std::string hs = head.empty() ? std::string() : text::Stem(head);
        // («ректор вуза»: a university, an institute or an academy)
        const bool higher =
            stem == text::Stem("вуза") && !hs.empty() &&
            (hs == text::Stem("университет") || hs == text::Stem("институт") || hs == text::Stem("академия"));
        if (hs.empty() || (!higher && !(hs == stem || (text::CodePointLength(hs) >= 3 &&
                                                       (stem.starts_with(hs) || hs.starts_with(stem)) &&
                                                       text::CodePointLength(stem) <= text::CodePointLength(hs) + 1 &&
                                                       text::CodePointLength(hs) <= text::CodePointLength(stem) + 1))))
            continue;
        if (mm.start < at && !before)
            before = m;
        else if (mm.start >= at && !after)
            after = m;
        // (one named in this sentence or the one right before is the one meant: «Предыдущий глава района …» after
        // «… заместителем главы Шилкинского района», not the district the article named first)
        if (mm.start < at && mm.start >= recent) nearest = m;
    }
    // (the article's own body, named in its headline, before one only the sentence before named: «Кунгурская
    // библиотека открыла …» — «… со стажировки в Национальной библиотеке Республики Татарстан. … — рассказала
    // директор библиотеки»)
    if (nearest && before && *before != *nearest) {
        const int headline = HeadlineEnd(d);
        if (headline > 0 && d.mentions[*before].start < headline &&
            d.mentions[*nearest].start < d.sents[SentenceAt(d, at)].start)
            return before;
    }
    if (nearest) return nearest;
    return before ? before : after;
}

// The town (a municipality the directory knows that is no district) named last before offset `at` in its sentence,
// else the first one its paragraph's opening sentence names («Первым к проекту присоединился Сарапул. Осенью …
// тогдашний глава города …»).
std::optional<std::size_t> TownNamedNear(const Doc& d, int at) {
    const std::size_t s = SentenceAt(d, at), opening = d.ParagraphStart(s);
    std::optional<std::size_t> nearest, first;
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        const Mention& mm = d.mentions[m];
        if (mm.start < 0 || mm.kind != MentionKind::kMunicipality || !mm.ref || mm.start >= at) continue;
        const std::string name = text::Fold(mm.ref->name);
        if (name.find("район") != std::string::npos || name.find("округ") != std::string::npos) continue;
        const std::size_t ms = d.toks[d.spans[m].first].sent;
        if (ms == s) nearest = m;
        if (!first && ms == opening && opening < s) first = m;
    }
    return nearest ? nearest : first;
}

// «По словам её директора Виктора Лосева»: a post of one word after «её» or «его» heads the body named last before
// it — an organisation named by two words at least, no newspaper or abbreviation alone (a legal form with a quoted
// name is a name).
std::optional<std::size_t> PossessedBody(const Doc& d, std::size_t position, const std::string& head) {
    static const char* kHeads[] = {"директор",   "руководитель", "председатель", "ректор",
                                   "заведующий", "заведующая",   "начальник",    "президент"};
    bool heads = false;
    for (const char* h : kHeads) heads = heads || head == h;
    const std::size_t b = d.spans[position].first;
    if (!heads || b == 0 || (d.toks[b - 1].folded != "ее" && d.toks[b - 1].folded != "его")) return std::nullopt;
    std::optional<std::size_t> body;
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        const Mention& mm = d.mentions[m];
        if (mm.start < 0 || mm.kind != MentionKind::kOrganisation || d.spans[m].second > b - 1) continue;
        const std::string name = mm.normal.empty() ? mm.text : mm.normal;
        // (a legal form before a quoted name names the body: «МКУ «Служба городского заказчика»»)
        if (name.find(' ') == std::string::npos ||
            (Abbreviation(name.substr(0, name.find(' '))) && name.find("«") == std::string::npos))
            continue;
        if (!body || d.spans[m].second > d.spans[*body].second) body = m;
    }
    // (the body named in the sentence before or this one: a pronoun reaches no further)
    if (body && d.toks[d.spans[*body].first].sent + 1 < d.toks[b].sent) return std::nullopt;
    return body;
}

// «Агрокласс в Филипповской средней общеобразовательной школе открыли … Идею директор Елена Шистерова привезла»:
// a head's post of one word, no pronoun, heads the one body (a school, library, hospital …) named in the sentence
// before or earlier in its own; none when two are named there.
std::optional<std::size_t> LoneBody(const Doc& d, std::size_t position, const std::string& head) {
    static const char* kHeads[] = {"директор", "заведующий", "заведующая", "ректор"};
    bool heads = false;
    for (const char* h : kHeads) heads = heads || head == h;
    const std::size_t b = d.spans[position].first;
    if (!heads) return std::nullopt;
    const std::size_t sent = d.toks[b].sent;
    std::optional<std::size_t> body;
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        const Mention& mm = d.mentions[m];
        if (mm.start < 0 || mm.kind != MentionKind::kOrganisation || d.spans[m].second > b) continue;
        const std::size_t s = d.toks[d.spans[m].first].sent;
        if (s + 1 < sent) continue;
        const std::string name = mm.normal.empty() ? mm.text : mm.normal;
        // (a legal form before a quoted name names the body: «МКУ «Служба городского заказчика»»)
        if (name.find(' ') == std::string::npos ||
            (Abbreviation(name.substr(0, name.find(' '))) && name.find("«") == std::string::npos))
            continue;
        const std::string kind = HeadNoun(name);
        bool headed = false;
        for (const char* k : {"школа", "библиотека", "музей", "больница", "центр", "колледж", "гимназия", "лицей",
                              "техникум", "театр", "училище", "интернат", "дом", "поликлиника", "сад", "филармония"})
            headed = headed || kind == k;
        if (!headed) continue;
        // nested names of one body («Детской школы искусств № 3 Уфы» and «Детской школы») are one
        if (body && !(d.spans[m].first >= d.spans[*body].first && d.spans[m].second <= d.spans[*body].second) &&
            !(d.spans[*body].first >= d.spans[m].first && d.spans[*body].second <= d.spans[m].second))
            return std::nullopt;
        if (!body || d.spans[m].second - d.spans[m].first > d.spans[*body].second - d.spans[*body].first) body = m;
    }
    return body;
}

// The one region the article names before `at` whose name has the kind `kind` names («области» → «… область»,
// «края» → «… край», «республики» → «Республика …», «региона» → any); none when two are named.
std::optional<std::string> RegionOfKind(const Doc& d, const std::string& kind, int at) {
    const std::string want = kind == "области"      ? "область"
                             : kind == "края"       ? "край"
                             : kind == "республики" ? "республик"
                                                    : "";
    std::optional<std::string> found;
    for (const auto& m : d.mentions) {
        if (m.start < 0 || m.start >= at || m.kind != MentionKind::kRegion || !m.ref || m.ref->federal_city) continue;
        if (!want.empty() && text::Fold(m.ref->name).find(want) == std::string::npos) continue;
        if (found && *found != m.ref->name) return std::nullopt;
        found = m.ref->name;
    }
    return found;
}

// «министром социального развития Пермского края назначена …, до сих пор занимавшая пост первого заместителя
// министра»: what the one ministry the article's whole posts name is of («социального развития Пермского края»);
// empty when none or two different ones are.
// What a post's ministry is of: the words after its «министр» or «министра» («исполняющий обязанности министра
// физической культуры и спорта Ставропольского края» → «физической культуры и спорта Ставропольского края»); empty
// when the post names no ministry or only its field («министра культуры» alone: which region?).
std::string MinistryOfPost(const std::string& post) {
    std::string tail;
    for (const char* head : {"министр ", "министра "})
        if (const auto at = post.find(head); at != std::string::npos && tail.empty())
            tail = post.substr(at + std::string_view(head).size());
    return tail.find(' ') == std::string::npos ? std::string() : tail;
}

std::string MinistryOfPosts(const std::vector<Fact>& facts) {
    std::string of;
    for (const Fact& f : facts) {
        // (a post held now: a biography's past posts name other ministries)
        if (f.kind != FactKind::kPosition || f.post.empty() || f.past) continue;
        const std::string tail = MinistryOfPost(f.post);
        if (tail.empty()) continue;
        // («социального развития» and «социального развития Пермского края» are one: the longer)
        if (!of.empty() && !of.starts_with(tail) && !tail.starts_with(of)) return {};
        if (tail.size() > of.size()) of = tail;
    }
    return of;
}

// What the ministry named last before `at` is of («Министерство социального развития Кировской области» →
// «социального развития Кировской области»); empty when none is named or two different ones are.
std::string MinistryBefore(const Doc& d, int at) {
    std::string of;
    for (const auto& m : d.mentions) {
        if (m.start < 0 || m.start >= at || m.kind != MentionKind::kOrganisation) continue;
        const std::string name = m.normal.empty() ? m.text : m.normal;
        const std::string f = text::Fold(name);
        if (!f.starts_with("министерство ") || name.find(' ') == std::string::npos) continue;
        const std::string tail = name.substr(name.find(' ') + 1);
        if (text::Fold(tail).find(' ') == std::string::npos) continue;  // «министерство культуры» alone: which?
        if (!of.empty() && of != tail) return {};
        of = tail;
    }
    return of;
}

// «перешёл в АО «Якутуголь», где занимал должность заместителя генерального директора»: a post told in a clause of
// «где» after an organisation is that organisation's; none when no such clause opens within a few words before it.
std::optional<std::size_t> BodyBeforeWhere(const Doc& d, std::size_t position) {
    const std::size_t b = d.spans[position].first;
    const std::size_t first = d.sents[d.toks[b].sent].first_token;
    for (std::size_t k = b; k > first + 1 && k + 6 > b; --k) {
        if (d.toks[k - 1].folded != "где") continue;
        if (d.toks[k - 2].text != ",") return std::nullopt;
        // (the closing quote of its name may be left outside the mention)
        const std::size_t end = k >= 3 && d.toks[k - 3].text == "»" ? k - 3 : k - 2;
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            const std::string& name = d.mentions[m].normal.empty() ? d.mentions[m].text : d.mentions[m].normal;
            if (d.mentions[m].start >= 0 && d.mentions[m].kind == MentionKind::kOrganisation &&
                (d.spans[m].second == end || d.spans[m].second == k - 2) && name.find(' ') != std::string::npos)
                return m;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

// «работал учителем истории в Нерехтской средней школе № 1», «трудилась врачом в Ухтинской городской поликлинике»:
// an institution named by its kind and name right after the post and «в» (not a place, not a body of government,
// which a post names in the genitive).
std::optional<std::size_t> BodyHeldIn(const Doc& d, std::size_t position) {
    std::size_t e = d.spans[position].second;
    if (const auto it = d.post_end.find(d.spans[position].first); it != d.post_end.end()) e = std::max(e, it->second);
    if (e + 1 >= d.toks.size() || (d.toks[e].folded != "в" && d.toks[e].folded != "во") ||
        d.toks[e].sent != d.toks[d.spans[position].first].sent)
        return std::nullopt;
    static const char* const kInstitutions[] = {
        "школ", "гимнази", "лице",  "колледж", "техникум", "училищ", "больниц",     "поликлиник", "библиотек",
        "музе", "театр",   "центр", "детск",   "сад",      "дом",    "университет", "институт",   "академи"};
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        const Mention& mm = d.mentions[m];
        if (mm.start < 0 || mm.kind != MentionKind::kOrganisation || d.spans[m].first != e + 1) continue;
        const std::string name = text::Fold(mm.normal.empty() ? mm.text : mm.normal);
        if (name.find(' ') == std::string::npos) return std::nullopt;
        for (const auto& t : text::Tokenize(name)) {
            if (!t.is_word) continue;
            for (const char* k : kInstitutions)
                if (t.text.starts_with(k)) return m;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

// «Ольга Сязи — заведующая отделом»: a post written in the feminine keeps it («заведующий» is the lemma).
void KeepFeminine(const Doc& d, Fact& f) {
    if (!f.position || f.post.empty()) return;
    // the post's leading words against the mention's: «временно исполняющая обязанности» keeps «исполняющая» too
    const auto [b, e] = d.spans[*f.position];
    std::string out, rest = f.post;
    for (std::size_t i = b; i < e && i < b + 3 && !rest.empty(); ++i) {
        const Tok& t = d.toks[i];
        const std::size_t sp = rest.find(' ');
        const std::string word = rest.substr(0, sp);
        if (!t.word) break;
        const bool feminine = t.folded.ends_with("ая") && (word.ends_with("ий") || word.ends_with("ый")) &&
                              word.size() == t.folded.size() &&
                              word.substr(0, word.size() - 4) == t.folded.substr(0, t.folded.size() - 4);
        if (!feminine && word != t.folded) break;
        out += (feminine ? t.folded : word) + " ";
        rest = sp == std::string::npos ? std::string() : rest.substr(sp + 1);
    }
    if (!out.empty()) f.post = rest.empty() ? out.substr(0, out.size() - 1) : out + rest;
}

// The kind of a settlement in the genitive («села», «деревни»), the settlement's name following it.
bool SettlementKind(const std::string& f) {
    return f == "села" || f == "деревни" || f == "хутора" || f == "поселка" || f == "посёлка" || f == "станицы" ||
           f == "аула" || f == "слободы" || f == "улице" || f == "улицы";
}

// Is token `i` part of a person mention?
bool OfAPerson(const Doc& d, std::size_t i) {
    for (std::size_t m = 0; m < d.mentions.size(); ++m)
        if (d.mentions[m].start >= 0 && d.mentions[m].kind == MentionKind::kPerson && d.spans[m].first <= i &&
            i < d.spans[m].second)
            return true;
    return false;
}

// A head named in the genitive inside a post («заместитель директора», «исполняющий обязанности главного врача»).
bool HeadOfBody(const std::string& f) {
    return f == "директора" || f == "врача" || f == "ректора" || f == "заведующего" || f == "заведующей";
}

// The body such a head heads: the one «её»/«его» points at, else the one body of its kind named just before.
std::optional<std::size_t> HeadedBody(const Doc& d, std::size_t position, const std::string& genitive_head) {
    const std::string head = genitive_head == "врача"         ? "директор"
                             : genitive_head == "заведующего" ? "заведующий"
                             : genitive_head == "заведующей"  ? "заведующая"
                                                              : genitive_head.substr(0, genitive_head.size() - 2);
    auto body = PossessedBody(d, position, head);
    if (!body) body = LoneBody(d, position, head);
    return body;
}

// The governor's post and the posts of his staff, ending in «губернатора» with no region after it.
bool GovernorsPost(const std::string& f) { return f == "губернатора" || f == "вице-губернатор" || f == "губернатор"; }

// A head's post with no body in it («директор», «главный врач») heads the body «её»/«его» points at, else the one
// body of its kind named just before: the post gets the body's name in the genitive; false when there is none.
bool HeadsBodyNamedBefore(const Doc& d, Fact& f, const std::string& post, const std::string& head) {
    auto body = PossessedBody(d, *f.position, head);
    if (!body) body = LoneBody(d, *f.position, head);
    if (!body) return false;
    f.post = post + " " + GenitivePhrase(d.mentions[*body].normal);
    return true;
}

// A post whose kind word (its last, or the one before a «по …» tail) names its body by kind completed from the
// article: the governor's region, the body a head heads, the region of that kind, the body of that kind named in
// full («начальник управления» → «начальник управления дорожного хозяйства Тамбовской области»).
void CompleteByKindWord(const Doc& d, Fact& f, const std::string& post, const std::vector<std::string>& words,
                        bool named) {
    if (words.size() < 2) return;
    std::size_t k = words.size() - 1;
    for (std::size_t i = 1; i + 1 < words.size(); ++i)
        if (words[i + 1] == "по" && (text::Fold(words[i]) == "округа" || text::Fold(words[i]) == "района" ||
                                     HeadOfBody(text::Fold(words[i])))) {
            k = i;
            break;
        }
    const std::string kind = text::Fold(words[k]);
    if (!named && f.position && GovernorsPost(kind)) {
        // «заместитель губернатора», «пресс-секретарь губернатора»: of the one region the article names before
        if (auto region = RegionOfKind(d, "региона", d.mentions[*f.position].start))
            f.post = post + " " + GenitivePhrase(*region);
        return;
    }
    // «заместитель директора по учебной работе», «исполняющий обязанности главного врача»: the head's body
    if (!named && f.position && HeadOfBody(kind) && (kind != "врача" || text::Fold(words[k - 1]) == "главного")) {
        if (auto body = HeadedBody(d, *f.position, kind)) {
            const std::size_t at = post.find(words[k], post.find(words[k - 1]) + words[k - 1].size());
            if (at != std::string::npos)
                f.post = post.substr(0, at + words[k].size()) + " " + GenitivePhrase(d.mentions[*body].normal) +
                         post.substr(at + words[k].size());
        }
        return;
    }
    // «министр социального развития региона», «заместитель председателя правительства области»: the region
    // the article names, of that kind, before the post (a post tail after it, «… по ЖКХ», stays)
    if (k + 1 == words.size() && (kind == "региона" || kind == "области" || kind == "края" || kind == "республики") &&
        words[k - 1] == text::Fold(words[k - 1]) && !words[k - 1].ends_with("ой") && !words[k - 1].ends_with("ей") &&
        !words[k - 1].ends_with("ого") && !words[k - 1].ends_with("его")) {
        if (auto region = RegionOfKind(d, kind, f.position ? d.mentions[*f.position].start : f.evidence.end)) {
            const std::size_t at = post.rfind(words[k]);
            if (at != std::string::npos && at + words[k].size() == post.size())
                f.post = post.substr(0, at) + GenitivePhrase(*region);
        }
        return;
    }
    // «тогдашний глава города Андрей Кудинов» after «Первым к проекту присоединился Сарапул», «начальник управления
    // … администрации города» in a sentence on Глазов: «города» last is the town its sentence or the one before names
    if (kind == "города" && k + 1 == words.size() && f.position) {
        if (auto town = TownNamedNear(d, d.mentions[*f.position].start)) {
            const std::size_t at = post.rfind(words[k]);
            if (at != std::string::npos && at + words[k].size() == post.size())
                f.post = post + " " + GenitivePhrase(d.mentions[*town].ref->name);
        }
        return;
    }
    if (!BodyKind(kind)) return;
    // bare: no adjective or name before the kind word («директор Челябинского колледжа» names its body)
    // (a capital letter on the post's first word is the sentence's: «Директор музея Эльвира Иванова …»)
    const std::string prev = text::Fold(words[k - 1]);
    if ((prev != words[k - 1] && k > 1) || prev.ends_with("ого") || prev.ends_with("его") || prev.ends_with("ой") ||
        prev.ends_with("ей") || prev.ends_with("ых") || prev.ends_with("их") || prev.ends_with("ому"))
        return;
    // («главы администрации» names the administration of a district; the administration alone is no body)
    const std::string look = kind == "администрации" ? std::string() : kind;
    if (look.empty()) return;
    auto body = NamedBody(d, look, f.evidence.start);
    if (!body) return;
    const Mention& bm = d.mentions[*body];
    const std::string genitive = GenitivePhrase(bm.normal.empty() ? bm.text : bm.normal);
    // the kind word is replaced where it stands in the post
    const std::size_t at = post.find(words[k], post.find(words[k - 1]) + words[k - 1].size());
    if (at == std::string::npos) return;
    f.post = post.substr(0, at) + genitive + post.substr(at + words[k].size());
}

// «Прежний министр Ленар Гарипов назначен …» in an article on the new «министр семьи, труда и социальной защиты
// населения Республики Башкортостан»: a post that is a head's word alone («министр», «ректор», «председатель»,
// «главный врач») is the one whole post of that head the article names for another person, when there is one.
void BarePostsByTheArticlesOne(const Doc& d, std::vector<Fact>& facts) {
    auto post_of = [&](const Fact& f) {
        if (!f.post.empty() || !f.position) return f.post;
        const Mention& m = d.mentions[*f.position];
        return text::Fold(m.normal.empty() ? m.text : m.normal);
    };
    static const std::unordered_set<std::string> kHeads = {
        "министр",   "ректор", "председатель", "директор",     "руководитель",
        "начальник", "мэр",    "глава",        "главный врач", "генеральный директор"};
    for (Fact& f : facts) {
        const std::string bare = text::Fold(post_of(f));
        if (f.kind != FactKind::kPosition || !kHeads.count(bare)) continue;
        const std::string head = bare + " ";
        std::optional<std::string> tail, near;
        bool two = false;
        const int from = PreviousSentenceStart(d, f.evidence.start);
        for (const Fact& o : facts) {
            const std::string other = post_of(o);
            if (&o == &f || o.kind != FactKind::kPosition) continue;
            std::string t;
            if (text::Fold(other).starts_with(head)) {
                t = other.substr(head.size());
            } else {
                // «Прежний министр …» after «Исполняющей обязанности министра здравоохранения …»: the acting one's
                for (const char* acting : {"исполняющий обязанности ", "исполняющая обязанности "}) {
                    const std::string lead = std::string(acting) + bare + "а ";
                    if (text::Fold(other).starts_with(lead)) t = other.substr(lead.size());
                }
                if (t.empty()) continue;
            }
            if (tail && *tail != t) two = true;
            tail = t;
            // (of several, the one told in this sentence or the one before)
            if (o.evidence.start >= from && o.evidence.start <= f.evidence.start) near = t;
        }
        if (tail && !two)
            f.post = bare + " " + *tail;
        else if (two && near)
            f.post = bare + " " + *near;
    }
}

// «Депутат Андрей Глазунов обратил внимание …» in a report on a session of «Архангельского областного Собрания
// депутатов»: a bare «депутат» sits in the article's legislature — the one it names most often, its shorter names
// («областного Собрания») counted with it — and a post naming it by a shorter name names it in full.
void BareDeputiesOfTheArticlesLegislature(const Doc& d, std::vector<Fact>& facts) {
    static const char* const kLegislatures[] = {"дума",          "собрание",  "совет депутатов",       "курултай",
                                                "хурал",         "парламент", "государственный совет", "ил тумэн",
                                                "народный хурал"};
    auto words_of = [](const std::string& name) {
        std::set<std::string> w;
        for (const auto& t : text::Tokenize(name))
            if (t.is_word) w.insert(text::Fold(t.text));
        return w;
    };
    std::vector<std::string> names;  // the legislatures' names, once each, and how often each is named
    std::vector<int> count;
    for (std::size_t k = 0; k < d.mentions.size(); ++k) {
        const Mention& m = d.mentions[k];
        if (m.kind != MentionKind::kOrganisation || m.start < 0) continue;
        const std::string name = m.normal.empty() ? m.text : m.normal;
        const std::string f = text::Fold(name);
        bool legislature = false;
        for (const char* w : kLegislatures) legislature = legislature || f.find(w) != std::string::npos;
        // («общее собрание», «собрание жителей» are meetings; a body named by its kind alone is no name)
        // (nor «областное Собрание по здравоохранению …», a committee's words)
        if (!legislature || f.find(' ') == std::string::npos || f.starts_with("общее") ||
            f.find("жител") != std::string::npos || f.find(" по ") != std::string::npos)
            continue;
        // (a name nested in another is named once, with it)
        bool nested = false;
        for (std::size_t o = 0; o < d.mentions.size() && !nested; ++o)
            nested = o != k && d.mentions[o].kind == MentionKind::kOrganisation && d.mentions[o].start >= 0 &&
                     d.spans[o].first <= d.spans[k].first && d.spans[o].second >= d.spans[k].second &&
                     d.spans[o].second - d.spans[o].first > d.spans[k].second - d.spans[k].first;
        if (nested) continue;
        const auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end()) {
            names.push_back(name);
            count.push_back(1);
        } else {
            ++count[static_cast<std::size_t>(it - names.begin())];
        }
    }
    if (names.empty()) return;
    // each name's family: the longest name whose words hold all of its words
    std::vector<std::set<std::string>> words(names.size());
    for (std::size_t a = 0; a < names.size(); ++a) words[a] = words_of(names[a]);
    std::vector<std::size_t> family(names.size());
    for (std::size_t a = 0; a < names.size(); ++a) {
        family[a] = a;
        for (std::size_t b = 0; b < names.size(); ++b)
            if (words[b].size() > words[family[a]].size() &&
                std::includes(words[b].begin(), words[b].end(), words[a].begin(), words[a].end()))
                family[a] = b;
    }
    std::map<std::size_t, int> named;
    for (std::size_t a = 0; a < names.size(); ++a) named[family[a]] += count[a];
    std::optional<std::size_t> own;
    int best = 0, second = 0;
    for (const auto& [f, n] : named) {
        if (n > best) {
            second = best;
            best = n;
            own = f;
        } else if (n > second) {
            second = n;
        }
    }
    if (!own || best == second) return;
    const std::string full = names[*own];
    const std::string full_genitive = GenitivePhrase(full);
    for (Fact& f : facts) {
        if (f.kind != FactKind::kPosition || !f.position) continue;
        const std::string post = f.post.empty()
                                     ? (d.mentions[*f.position].normal.empty() ? d.mentions[*f.position].text
                                                                               : d.mentions[*f.position].normal)
                                     : f.post;
        if (text::Fold(post) == "депутат") {
            f.post = "депутат " + full_genitive;
            continue;
        }
        if (post.find(full_genitive) != std::string::npos) continue;
        // «председатель областного Собрания», «комитета областного Собрания по …»: its shorter name, in full
        for (std::size_t a = 0; a < names.size(); ++a) {
            if (family[a] != *own || a == *own) continue;
            const std::string short_genitive = GenitivePhrase(names[a]);
            const std::size_t at = post.find(short_genitive);
            const std::size_t end = at + short_genitive.size();
            if (at == std::string::npos || (at > 0 && post[at - 1] != ' ') || (end < post.size() && post[end] != ' '))
                continue;
            f.post = post.substr(0, at) + full_genitive + post.substr(end);
            break;
        }
    }
}

// «главный врач Ростовской ЦРБ» in an article that names «Ростовской центральной районной больницы»: a body the post
// names by an abbreviation takes the name the article spells it out with (the body's normal, unified with it).
void SpelledBodiesInPosts(const Doc& d, std::vector<Fact>& facts) {
    auto abbreviated = [](const std::string& name) {
        for (const auto& t : text::Tokenize(name))
            if (t.is_word && text::CodePointLength(t.text) >= 3 && IsAllCaps(t.text)) return true;
        return false;
    };
    for (Fact& f : facts) {
        if (f.kind != FactKind::kPosition || f.post.empty() || !f.position) continue;
        const std::size_t sent = d.toks[d.spans[*f.position].first].sent;
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            const Mention& o = d.mentions[m];
            if (o.kind != MentionKind::kOrganisation || o.start < 0 || o.ref || o.normal.empty() ||
                d.toks[d.spans[m].first].sent != sent || !abbreviated(o.text) || abbreviated(o.normal))
                continue;
            const std::size_t at = f.post.find(o.text);
            if (at == std::string::npos || at + o.text.size() != f.post.size()) continue;
            f.post = f.post.substr(0, at) + GenitivePhrase(o.normal);
            break;
        }
    }
}

// «заведующая отделом краеведческой литературы нашей библиотеки» in a library's own post: «наш» and a body's kind
// is the article's body of that kind — the one it names most often (the first of a tie).
void OurBodiesInPosts(const Doc& d, std::vector<Fact>& facts) {
    for (Fact& f : facts) {
        if (f.kind != FactKind::kPosition || f.post.empty()) continue;
        const auto toks = text::Tokenize(f.post);
        for (std::size_t i = 0; i + 1 < toks.size(); ++i) {
            if (!toks[i].is_word || !toks[i].folded.starts_with("наш") || !toks[i + 1].is_word) continue;
            const std::string head = OrganisationHead(toks[i + 1].folded);
            if (head.empty()) break;
            std::map<std::string, std::pair<int, std::size_t>> count;  // folded normal → (mentions, first)
            for (std::size_t m = 0; m < d.mentions.size(); ++m) {
                const Mention& o = d.mentions[m];
                if (o.kind != MentionKind::kOrganisation || o.start < 0 || o.normal.empty() ||
                    OrganisationHead(o.normal) != head || o.normal.find(' ') == std::string::npos)
                    continue;
                auto [it, fresh] = count.emplace(text::Fold(o.normal), std::pair{0, m});
                ++it->second.first;
            }
            std::optional<std::size_t> best;
            int most = 0;
            for (const auto& [name, n] : count)
                if (n.first > most || (n.first == most && best && n.second < *best)) {
                    most = n.first;
                    best = n.second;
                }
            if (!best) break;
            const auto length = static_cast<std::int32_t>(text::CodePointLength(f.post));
            f.post = text::SubstrCodePoints(f.post, 0, toks[i].start) + GenitivePhrase(d.mentions[*best].normal) +
                     text::SubstrCodePoints(f.post, toks[i + 1].end, length);
            break;
        }
    }
}

// «директор лицея № 4» in a story of Таганрог: a numbered school, lyceum or gymnasium with no place of its own is the
// one of the town the article names most (a town, not a district; none when the article names two towns as often).
void NumberedBodiesOfTheArticlesTown(const Doc& d, std::vector<Fact>& facts) {
    std::map<std::string, int> towns;
    for (const Mention& m : d.mentions)
        if (m.start >= 0 && m.ref && m.ref->kind == EntityKind::kMunicipality && !m.ref->region.empty()) {
            const std::string f = text::Fold(m.ref->name);
            bool town = true;
            for (const char* w : {"район", "округ", "поселени", "муниципальн", "улус", "кожуун"})
                town = town && f.find(w) == std::string::npos;
            if (town) ++towns[m.ref->name];
        }
    std::string town;
    int most = 0, second = 0;
    for (const auto& [name, n] : towns) {
        if (n > most) {
            second = most;
            most = n;
            town = name;
        } else if (n > second) {
            second = n;
        }
    }
    if (town.empty() || most == second) return;
    const std::string genitive = words::TownGenitive(town);
    if (genitive.empty()) return;
    for (Fact& f : facts) {
        if (f.kind != FactKind::kPosition || f.post.empty()) continue;
        const auto toks = text::Tokenize(f.post);
        const std::size_t n = toks.size();
        if (n < 3 || toks[n - 2].text != "№" || !std::isdigit(static_cast<unsigned char>(toks[n - 1].text[0])) ||
            !toks[n - 3].is_word)
            continue;
        const std::string& kind = toks[n - 3].folded;
        if (!(kind == "школы" || kind == "лицея" || kind == "гимназии")) continue;
        // (the kind right after the post's head: «директор лицея № 4», not «… Ольховской средней школы № 2»)
        bool named = false;
        for (std::size_t i = 1; i + 3 < n; ++i) named = named || (toks[i].is_word && toks[i].text != toks[i].folded);
        if (!named) f.post += " города " + genitive;
    }
}

}  // namespace

void ExpandBareBodies(const Doc& d, std::vector<Fact>& facts) {
    std::vector<Fact*> bare_ministers;  // «министр», «заместитель министра» with no ministry named before
    for (Fact& f : facts) {
        if (f.kind != FactKind::kPosition) continue;
        KeepFeminine(d, f);
        std::string post = f.post;
        if (post.empty() && f.position)
            post =
                d.mentions[*f.position].normal.empty() ? d.mentions[*f.position].text : d.mentions[*f.position].normal;
        // the kind word: the post's last word, or the one before a «по …» tail («заместитель главы округа по ЖКХ»)
        std::vector<std::string> words;
        bool named = false;  // a capital after the first word, a quote or a number: the post names its body
        for (const auto& t : text::Tokenize(post)) {
            if (t.is_word) words.push_back(t.text);
            named = named || (!words.empty() && words.size() > 1 && t.is_word && text::Fold(t.text) != t.text) ||
                    t.text == "«" || t.text == "№";
        }
        const std::string last_word = words.empty() ? std::string() : text::Fold(words.back());
        // «староста деревни Лаптево»: a settlement no directory holds is named right after its kind
        // (also after a whole post: «председатель совета дома № 112 по улице Широтной», «директор средней школы № 12
        // станицы Ессентукской»)
        if (f.position && SettlementKind(last_word)) {
            std::size_t e = d.spans[*f.position].second;
            if (const auto it = d.post_end.find(d.spans[*f.position].first); it != d.post_end.end())
                e = std::max(e, it->second);
            if (e < d.toks.size() && d.toks[e].word && d.toks[e].cap && !OfAPerson(d, e) &&
                text::Fold(d.toks[e - 1].text) == last_word) {
                f.post = post + " " + d.toks[e].text;
                continue;
            }
        }
        // «работал учителем истории в Нерехтской средней школе № 1»: the body the post was held in
        if (!named && f.position)
            if (auto in = BodyHeldIn(d, *f.position)) {
                f.post = post + " " +
                         GenitivePhrase(d.mentions[*in].normal.empty() ? d.mentions[*in].text : d.mentions[*in].normal);
                continue;
            }
        if (!named && words.size() > 1 && f.position && last_word != "министр" && last_word != "министра")
            if (auto where = BodyBeforeWhere(d, *f.position)) {
                f.post = post + " " +
                         GenitivePhrase(d.mentions[*where].normal.empty() ? d.mentions[*where].text
                                                                          : d.mentions[*where].normal);
                continue;
            }
        // («главный врач», «генеральный директор», «художественный руководитель»: a head's post of two words)
        const bool headed_pair = words.size() == 2 && f.position &&
                                 (text::Fold(words[0] + " " + words[1]) == "главный врач" ||
                                  text::Fold(words[0] + " " + words[1]) == "генеральный директор" ||
                                  text::Fold(words[0] + " " + words[1]) == "художественный руководитель");
        if (headed_pair) {
            HeadsBodyNamedBefore(d, f, post, text::Fold(words[1]) == "врач" ? "директор" : text::Fold(words[1]));
            continue;
        }
        if (words.size() == 1 && f.position) {
            if (!HeadsBodyNamedBefore(d, f, post, text::Fold(words[0])) && text::Fold(words[0]) == "министр")
                bare_ministers.push_back(&f);
            continue;
        }
        // «Олег Пестов, заместитель министра»: the minister of the one ministry named before
        if (const std::string last = words.empty() ? std::string() : text::Fold(words.back());
            last == "министр" || last == "министра") {
            // («Министром цифрового развития … назначен Белоусов. До назначения он занимал должность первого
            // заместителя министра»: the deputy of the ministry the same person now heads)
            // («исполняющий обязанности министра физической культуры …»: so too the acting one)
            std::string own;
            if (last == "министра" && f.person)
                for (const Fact& o : facts)
                    if (&o != &f && o.kind == FactKind::kPosition && o.person && !o.past && own.empty() &&
                        d.mentions[*o.person].normal == d.mentions[*f.person].normal)
                        own = MinistryOfPost(o.post);
            if (!own.empty())
                f.post = post + " " + own;
            else if (auto of = MinistryBefore(d, f.evidence.start); !of.empty())
                f.post = post + " " + of;
            else
                bare_ministers.push_back(&f);
            continue;
        }
        CompleteByKindWord(d, f, post, words, named);
    }
    // …the ministry the whole posts name, once they all are whole
    if (const std::string told = bare_ministers.empty() ? std::string() : MinistryOfPosts(facts); !told.empty())
        for (Fact* f : bare_ministers) {
            if (f->post.empty() && f->position)
                f->post = text::Fold(d.mentions[*f->position].normal.empty() ? d.mentions[*f->position].text
                                                                             : d.mentions[*f->position].normal);
            f->post += " " + told;
        }
    BarePostsByTheArticlesOne(d, facts);
    BareDeputiesOfTheArticlesLegislature(d, facts);
    SpelledBodiesInPosts(d, facts);
    OurBodiesInPosts(d, facts);
    NumberedBodiesOfTheArticlesTown(d, facts);
}

}  // namespace orientir::extract::detail
