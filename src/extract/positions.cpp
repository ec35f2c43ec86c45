// Position facts: a post, the person who holds it and the body it belongs to, per sentence
// («первый заместитель губернатора Курганской области Андрей Соколов», «Иванов, министр культуры»).

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_set>

#include "extract/facts_finder.hpp"
#include "extract/lexicon.hpp"
#include "text/normalize.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail {

// «руководители соседних регионов», «представителями»: a post in the plural names a group, not one
// person's post. The normal form is singular, so the written form decides: «-ами/-ями/-ах/-ях/-ов» are
// plural; «-ы/-и» are plural when the lemma does not end in «-а/-я» («главы», «судьи» may be one person).
bool FactFinder::PluralPost(std::size_t p) const {
    auto first_word = [](const std::string& x) { return text::Fold(x.substr(0, x.find(' '))); };
    std::string w = first_word(d.mentions[p].text), lemma = first_word(d.mentions[p].normal);
    if (w.size() <= 8 || w == lemma) return false;
    // «одному из президентов группы компаний»: one person's post
    auto pb = d.spans[p].first;
    if (pb >= 2 && d.toks[pb - 1].folded == "из" && d.toks[pb - 2].folded.starts_with("одн")) return false;
    for (const char* e : {"ами", "ями", "ах", "ях", "ов"})
        if (w.ends_with(e)) return true;
    // «заместителей», «руководителей»: the genitive plural of a noun in «-ь»
    if (w.ends_with("ей") && lemma.ends_with("ь")) return true;
    return (w.ends_with("ы") || w.ends_with("и")) && !lemma.ends_with("а") && !lemma.ends_with("я");
}

// The first token of the words before a post that leave its holder unchanged: «бывший», «ныне»
// («Андрей Санников — бывший заместитель министра»).
std::size_t FactFinder::SkipPostLead(std::size_t pb, std::size_t s) const {
    std::size_t j = pb;
    // («Татьяна Щербак, ранее главный врач …»)
    while (j > d.sents[s].first_token && d.toks[j - 1].word &&
           (StartsWithAny(d.toks[j - 1].folded, {"бывш", "ныне", "нынешн", "теперь", "тогдашн", "прежн", "предыдущ"}) ||
            d.toks[j - 1].folded == "ранее"))
        --j;
    if (j >= 2 && d.toks[j - 1].folded == "из" && d.toks[j - 2].folded.starts_with("одн")) j -= 2;
    // «Олег Семёнов, в прошлом — заместитель министра»
    if (j >= d.sents[s].first_token + 3 && Dash(d.toks[j - 1].text) && d.toks[j - 2].folded == "прошлом" &&
        d.toks[j - 3].folded == "в")
        j -= 3;
    if (j >= 2 && d.toks[j - 1].text == "-" && d.toks[j - 2].folded == "экс") j -= 2;
    // «Гергей Ковач — политик и лидер партии»: another occupation joined by «и» after a dash
    if (j >= d.sents[s].first_token + 3 && d.toks[j - 1].folded == "и" && d.toks[j - 2].word && !d.toks[j - 2].cap &&
        tok_mention[j - 2] < 0 && !VerbForm(d.toks[j - 2]) && Dash(d.toks[j - 3].text))
        j -= 2;
    // «Владимир Этуш — известный советский и российский актёр», «Ремека - первого чехословацкого космонавта»:
    // adjectives (joined by «и» or commas) between a dash and the post
    std::size_t k = j;
    auto adjective = [&](std::size_t i) {
        const auto& t = d.toks[i];
        // a place adjective too («советский и российский актёр»)
        if (!t.word || t.cap || t.folded.size() <= 8 ||
            (tok_mention[i] >= 0 && !d.mentions[static_cast<std::size_t>(tok_mention[i])].adjectival))
            return false;
        for (const char* x : {"ий", "ый", "ой", "ая", "яя", "ого", "его", "ую", "юю"})
            if (t.folded.ends_with(x)) return true;
        return false;
    };
    while (k > d.sents[s].first_token + 1 &&
           (adjective(k - 1) ||
            ((d.toks[k - 1].folded == "и" || d.toks[k - 1].text == ",") && k >= 2 && adjective(k - 2) && k < j)))
        --k;
    if (k < j && k > d.sents[s].first_token && Dash(d.toks[k - 1].text) && adjective(k)) j = k;
    return j;
}

// A person right before a post («Александр Моор, губернатор», «Моор — губернатор», «Скотт Хоровитц
// (Scott Horowitz), бывший астронавт»).
std::optional<std::size_t> FactFinder::PersonRightBefore(std::size_t pb, std::size_t s) const {
    std::size_t j = SkipPostLead(pb, s);
    const std::size_t first = d.sents[s].first_token;
    while (j > first && !d.toks[j - 1].word && (d.toks[j - 1].text == "," || Dash(d.toks[j - 1].text))) --j;
    // a name in brackets after the person: «Скотт Хоровитц (Scott Horowitz)»
    if (j > first + 2 && d.toks[j - 1].text == ")") {
        std::size_t k = j - 1;
        while (k > first && k + 6 > j && d.toks[k - 1].text != "(") --k;
        if (k > first + 1 && d.toks[k - 1].text == "(") j = k - 1;
    }
    if (j == pb || j == 0) return std::nullopt;
    int m = tok_mention[j - 1];
    if (m >= 0 && d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kPerson)
        return NamesABody(static_cast<std::size_t>(m)) ? std::nullopt : std::optional<std::size_t>(m);
    // «Алексей Гаврилов, бывший министр экономического развития Чувашии, ныне депутат …»: the same person's
    // post before, set off by commas
    if (j < pb && d.toks[j].text == ",")
        for (const auto& [b2, e2] : d.post_end)
            if (e2 == j && b2 < j && b2 >= first) return PersonRightBefore(b2, s);
    // «Она — директор школы», the pronoun opening the sentence: the person named last before it
    if (j == first + 1 && j < pb && Dash(d.toks[j].text) &&
        (d.toks[first].folded == "он" || d.toks[first].folded == "она"))
        return RecentPerson(first);
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
bool FactFinder::AidePost(std::size_t pe, std::size_t s) const {
    for (std::size_t k = pe; k > d.sents[s].first_token && k + 4 > pe; --k)
        if (StartsWithAny(d.toks[k - 1].folded, {"помощник", "советник", "заместител", "пресс-секретар"})) return true;
    return false;
}

// Tokens [pe, j) are a capitalised name, hyphens glued in («лидера Аль-Каиды Усамы бин Ладена»).
bool FactFinder::BodyNameSoFar(std::size_t pe, std::size_t j) const {
    if (j == pe || j > pe + 4) return false;
    for (std::size_t k = pe; k < j; ++k) {
        const auto& t = d.toks[k];
        bool glued = t.text == "-" && k > pe && t.start == d.toks[k - 1].end;
        if (!(t.word && t.cap) && !glued) return false;
    }
    return true;
}

// Token j is one of up to two capitalised words after «в / на» that follow the post's end pe.
bool FactFinder::PlacePhrase(std::size_t j, std::size_t pe) const {
    for (std::size_t k = j; k > pe && k + 3 > j; --k) {
        const auto& f = d.toks[k - 1].folded;
        if (f == "в" || f == "на" || f == "во") return true;
        if (!d.toks[k - 1].word || !d.toks[k - 1].cap) return false;
    }
    return false;
}

// A post that is not the next person's: a relative's («супруге первого президента — Наине Иосифовне»,
// «вдова губернатора Анна …») or one sought («кандидатом на выборы главы государства стала …»).
bool FactFinder::OthersPost(std::size_t pb, std::size_t s) const {
    static const std::unordered_set<std::string> kKin = {
        "супруга", "супруги", "супруге", "супругу", "супругой",  "жена",       "жены",  "жене",    "жену",
        "женой",   "вдова",   "вдовы",   "вдове",   "вдову",     "сын",        "сына",  "сыну",    "сыном",
        "дочь",    "дочери",  "дочерью", "отец",    "отца",      "отцу",       "мать",  "матери",  "брат",
        "брата",   "брату",   "сестра",  "сестры",  "сестре",    "внук",       "внука", "внучка",  "внучки",
        "муж",     "мужа",    "мужу",    "мужем",   "племянник", "племянница", "зять",  "невестка"};
    // «супруга экс-президента Чехии Ливия Клаусова»: the kin word before «бывший», «экс-»
    std::size_t lead = SkipPostLead(pb, s);
    if (lead > d.sents[s].first_token && kKin.count(d.toks[lead - 1].folded)) return true;
    // «Распоряжением Губернатора Ульяновской области на должность министра … назначен …», «по представлению
    // главы района»: the one who appoints or proposes, not the one appointed
    if (lead > d.sents[s].first_token &&
        (StartsWithAny(d.toks[lead - 1].folded,
                       {"указом", "распоряжением", "приказом", "постановлением", "решением", "поручением"}) ||
         (lead > d.sents[s].first_token + 1 &&
          StartsWithAny(d.toks[lead - 1].folded, {"поручению", "предложению", "представлению", "согласия"}) &&
          (d.toks[lead - 2].folded == "по" || d.toks[lead - 2].folded == "с"))))
        return true;
    // the word of seeking right before the post, «на», «пост», «должность» or adjectives between («на выборах
    // мэра», «кандидатом на пост столичного градоначальника»; not «На выборах Берсани обошел мэра …»)
    for (std::size_t k = pb; k > d.sents[s].first_token && k + 5 > pb; --k) {
        const auto& f = d.toks[k - 1].folded;
        if (StartsWithAny(f,
                          {"выбор", "кандидат", "претендент", "баллотир", "замещени", "конкурс", "ваканс", "вакантн"}))
            return true;
        bool adjective = d.toks[k - 1].word && !d.toks[k - 1].cap && f.size() > 12 &&  // not «своего»
                         (f.ends_with("ого") || f.ends_with("его"));
        if (f != "на" && !adjective && !StartsWithAny(f, {"пост", "должност"})) break;
    }
    return false;
}

// A post q at token j after a comma, «и» or a mention that follows the post ending at pe: the same
// person's second post («министр по делам разведки, глава государственной Комиссии … Дан Меридор»);
// not a post right after a post («Указом Президента временно исполняющим обязанности …»).
bool FactFinder::ChainedPost(std::size_t j, std::size_t pe, std::size_t q) const {
    if (PluralPost(q)) return false;
    // a rank before the name: «командующий Сухопутными войсками генерал-полковник Геннадий Воробьев»
    if (StartsWithAny(d.toks[j].folded,
                      {"генерал", "полковник", "подполковник", "адмирал", "маршал", "вице-адмирал", "контр-адмирал"}))
        return true;
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
std::size_t FactFinder::OutermostAt(std::size_t j, std::size_t m, const std::vector<std::size_t>& ms) const {
    for (std::size_t o : ms)
        if (d.mentions[o].kind == MentionKind::kOrganisation && d.spans[o].first <= j && j < d.spans[o].second) m = o;
    return m;
}

// The body inside the post [pb, pe): the outermost organisation, else a place.
std::optional<std::size_t> FactFinder::BodyInside(std::size_t p, std::size_t pb, std::size_t pe,
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
std::optional<std::size_t> FactFinder::PersonAfter(std::size_t s, std::size_t pb, std::size_t pe,
                                                   const std::vector<std::size_t>& ms,
                                                   std::optional<std::size_t>& where) const {
    bool copula = false;
    int chained = 0;
    for (std::size_t j = pe, limit = pe + 10; j < d.sents[s].end_token && j < limit; ++j) {
        int m = tok_mention[j];
        if (m >= 0 && d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kPerson && !BodyAdjective(j)) {
            // «помощник Хиллари Клинтон по европейским делам [Фил Гордон]»: the person whose aide
            // this is, the post going on after the name
            std::size_t me = d.spans[static_cast<std::size_t>(m)].second;
            bool inside = j == pe && me + 1 < d.sents[s].end_token && d.toks[me].folded == "по" &&
                          d.toks[me + 1].word && !d.toks[me + 1].cap && AidePost(pe, s);
            if (!inside) {
                if (auto holder = HolderAfter(static_cast<std::size_t>(m), pb, pe, s)) return holder;
                // the client of an adviser or a representative: the holder may come after («первый заместитель
                // Постникова и начальник штаба округа Александр Галкин»)
                j = me - 1;
                continue;
            }
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
        if (std::size_t after = AfterBracketedName(j, s); after > j) {
            j = after - 1;
            continue;
        }
        // «Режиссёр и Рэнди Хиллер»: another person joined by «и»
        if (d.toks[j].folded == "и" && j + 1 < d.sents[s].end_token && tok_mention[j + 1] >= 0 &&
            d.mentions[static_cast<std::size_t>(tok_mention[j + 1])].kind == MentionKind::kPerson)
            break;
        if (d.toks[j].text == ",")
            if (auto apposed = PersonAfterComma(j, pb, s)) return apposed;
        // «исполнявшая обязанности министра после ухода Дмитрия Попова»: who left or whom one replaced is no holder
        if (const std::string& w = d.toks[j].folded;
            m < 0 && (w == "после" || w == "вместо" || w == "перед" || w == "накануне" || w == "кроме"))
            break;
        if (CopulaAfterPost(d.toks[j].folded, pb)) copula = true;
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
        if (!t.word && !Dash(t.text) && t.text != "«" && t.text != "»" && t.text != "\"" && !chain_comma) break;
        // a legal form or an abbreviation before a quoted name: «глава ОАО «Газпром» Алексей Миллер»;
        // a place no gazetteer knows after «в / на»: «Посол Евросоюза на Южном Кавказе Питер Семнеби»;
        // the body's name right after the post: «лидер Меджлиса крымско-татарского народа, …»
        bool body_name = j == pe || (BodyNameSoFar(pe, j) && (t.cap || t.text == "-"));
        if (t.word && t.cap && !t.all_caps && !PlacePhrase(j, pe) && !body_name) break;
    }
    return std::nullopt;
}

bool FactFinder::NamesABody(std::size_t m) const {
    std::size_t b = d.spans[m].first;
    if (b >= 1 && (d.toks[b - 1].folded == "имени" || d.toks[b - 1].folded == "им")) return true;
    return b >= 2 && d.toks[b - 1].text == "." && d.toks[b - 2].folded == "им";
}

// «назначил Петра Петрова министром», «назвал Йенса Лемана первым вратарём»: a person right before a post
// in the instrumental is its holder.
std::optional<std::size_t> FactFinder::ObjectBefore(std::size_t pb, std::size_t s) const {
    if (pb <= d.sents[s].first_token) return std::nullopt;
    // «назначили Марио Драги новым главой»: an adjective between them
    std::size_t b = pb;
    if (b > d.sents[s].first_token + 1 && d.toks[b - 1].word && !d.toks[b - 1].cap && tok_mention[b - 1] < 0 &&
        (d.toks[b - 1].folded.ends_with("ым") || d.toks[b - 1].folded.ends_with("им")))
        --b;
    int m = tok_mention[b - 1];
    if (m < 0 || d.mentions[static_cast<std::size_t>(m)].kind != MentionKind::kPerson ||
        NamesABody(static_cast<std::size_t>(m)))
        return std::nullopt;
    // «назначить … временно исполняющим обязанности губернатора»: the adverb before the instrumental
    const std::string& f =
        d.toks[pb].folded == "временно" && pb + 1 < d.sents[s].end_token ? d.toks[pb + 1].folded : d.toks[pb].folded;
    for (const char* x : {"ом", "ем", "ём", "ым", "им", "ой"})  // «новым главой»
        if (f.ends_with(x)) return static_cast<std::size_t>(m);
    return std::nullopt;
}

// «Иванов назначен министром», «Петров стал мэром», «занимал пост губернатора»; «Он также назначен …»:
// a pronoun continues the person of the previous sentences.
std::optional<std::size_t> FactFinder::PersonOfVerbBefore(std::size_t pb, std::size_t s) const {
    // «Ранее он был директором МУП …, а до этого — заместителем главы администрации …»: a dash that gaps the verb
    // of the clause before gives that clause's holder
    if (pb > d.sents[s].first_token + 3 && Dash(d.toks[pb - 1].text)) {
        bool gap = false;
        for (std::size_t k = pb - 2; k > d.sents[s].first_token && k + 5 > pb && !gap; --k)
            gap = StartsWithAny(d.toks[k].folded, {"этого", "того", "затем", "потом", "раньше", "позже", "прежде"}) &&
                  k > d.sents[s].first_token + 1 &&
                  (d.toks[k - 1].folded == "а" || d.toks[k - 1].folded == "до" || d.toks[k - 1].text == ",");
        if (gap)
            for (std::size_t v = pb - 2; v > d.sents[s].first_token; --v)
                if (d.toks[v].folded == "был" || d.toks[v].folded == "была" ||
                    StartsWithAny(d.toks[v].folded, {"работал", "занимал"}))
                    return PersonOfVerbBefore(v + 1, s);
    }
    for (std::size_t j = pb; j > d.sents[s].first_token && j + 6 > pb; --j) {
        const auto& f = d.toks[j - 1].folded;
        // «был / была», not «было / были» (no one person is their subject)
        if (!StartsWithAny(f, {"назнач", "стал", "избран", "занимал", "занима", "работал", "возглав", "пост",
                               "должност", "утвержд", "являет", "являл", "являющ", "ставш", "работавш", "работающ",
                               "работает", "переизбран"}) &&
            f != "был" && f != "была")
            continue;
        // «Янукович назначил нового начальника Генштаба»: who appoints or elects holds nothing (the plural
        // «назначили» is impersonal: «Гуллита назначили тренером»)
        static const std::unordered_set<std::string> kAppointer = {
            "назначил", "назначила", "назначит", "утвердил", "утвердила", "избрал", "избрала", "выдвинул", "выдвинула"};
        if (kAppointer.count(f)) return std::nullopt;
        for (std::size_t k = j; k > d.sents[s].first_token; --k) {
            // «Клинтон выдвинул её на должность …»: an object pronoun is the holder, unnamed here
            const auto& w = d.toks[k - 1].folded;
            if (k < j && (w == "ее" || w == "их" || kAppointer.count(w))) return std::nullopt;
            int m = tok_mention[k - 1];
            if (m >= 0 && d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kPerson &&
                !NamesABody(static_cast<std::size_t>(m)))
                return static_cast<std::size_t>(m);
        }
        bool pronoun = false, me = false;
        for (std::size_t k = d.sents[s].first_token; k < j; ++k) {
            pronoun = pronoun || d.toks[k].folded == "он" || d.toks[k].folded == "она";
            me = me || d.toks[k].folded == "я";
        }
        // «— С 2016 по 2021 год я работал заместителем главного врача …» in an interview: «я» is the one interviewed,
        // the person the headline or the lede names first (not the one named last)
        if (me && !pronoun) {
            const std::int32_t lede = d.sents[std::min<std::size_t>(2, d.sents.size() - 1)].end;
            for (std::size_t m = 0; m < d.mentions.size() && d.mentions[m].start < lede; ++m)
                if (d.mentions[m].kind == MentionKind::kPerson && !NamesABody(m) &&
                    d.spans[m].second >= d.spans[m].first + 2)  // (a name and a surname, not «Дон», «Каму»)
                    return m;
            return std::nullopt;
        }
        // «В 2009–2015 годах возглавлял …, затем пять лет был директором …», «До этого работала …»: a biography
        // goes on without a subject after a time lead; the holder is the person named before
        std::size_t w = d.sents[s].first_token;
        while (w < j && !d.toks[w].word) ++w;
        bool time_lead =
            w < j && (StartsWithAny(d.toks[w].folded, {"затем", "потом", "ранее", "позже", "прежде"}) ||
                      ((d.toks[w].folded == "в" || d.toks[w].folded == "с" || d.toks[w].folded == "до") && w + 1 < j &&
                       (std::isdigit(static_cast<unsigned char>(d.toks[w + 1].folded[0])) ||
                        StartsWithAny(d.toks[w + 1].folded, {"этого", "того"}))));
        for (std::size_t k = w; k < j && time_lead; ++k)  // no other subject on the way: «В 2015 году мэр …»
            if (d.toks[k].word && d.toks[k].cap && k > w) time_lead = false;
        return pronoun || time_lead ? RecentPerson(d.sents[s].first_token) : std::nullopt;
    }
    return std::nullopt;
}

namespace {

// The stems of a post's words, hyphenated words split («премьер-министр» → премьер, министр), without
// prepositions.
std::set<std::string> PostStems(std::string_view post) {
    std::set<std::string> out;
    for (const auto& t : text::Tokenize(post)) {
        if (!t.is_word) continue;
        std::string_view w = t.folded;
        for (std::size_t b = 0; b <= w.size();) {
            std::size_t e = std::min(w.find('-', b), w.size());
            std::string part(w.substr(b, e - b));
            if (part.size() > 4) out.insert(text::Stem(part));  // more than two Cyrillic letters: no «в», «по»
            b = e + 1;
        }
    }
    return out;
}

// A short post («премьер», «глава региона», «министр») repeats an earlier, whole one («премьер-министр
// Японии», «губернатор Пермского края», «министр культуры края»): its words are the earlier post's, «глава»
// standing for a governor or a mayor, «градоначальник» for a mayor; a word for the region or the city asks
// for a governor or a mayor.
bool RepeatsPost(const std::set<std::string>& short_post, const std::set<std::string>& whole) {
    const auto& region_nouns = Lexicon::Get().region_nouns;
    const std::string head = text::Stem("глава"), governor = text::Stem("губернатор"), mayor = text::Stem("мэр"),
                      city = text::Stem("город"), town_head = text::Stem("градоначальник");
    bool region = false, town = false, words = false;
    for (const auto& w : short_post) {
        if (region_nouns.count(w)) {
            region = true;
            continue;
        }
        if (w == city) {
            town = true;
            continue;
        }
        bool alias =
            (w == head && (whole.count(governor) || whole.count(mayor))) || (w == town_head && whole.count(mayor));
        if (!alias && !whole.count(w)) return false;
        words = true;
    }
    if (region && !whole.count(governor) && !whole.count(head)) return false;
    if (town && !whole.count(mayor) && !whole.count(head)) return false;
    return words || region || town;
}

}  // namespace

std::optional<std::size_t> FactFinder::EarlierHolder(std::size_t p, std::size_t s) const {
    auto [pb, pe] = d.spans[p];
    if (auto it = d.post_end.find(pb); it != d.post_end.end() && it->second > pe) pe = it->second;
    // a post the sentence names a body for (an organisation or a place inside it) is a post of its own
    for (std::size_t m = 0; m < d.mentions.size(); ++m)
        if (m != p && d.mentions[m].kind != MentionKind::kPosition && d.spans[m].first >= pb &&
            d.spans[m].second <= pe && d.mentions[m].start >= 0)
            return std::nullopt;
    auto mine = PostStems(NominativePhrase(d, pb, pe, true));
    // the latest fact of such a post; none when two persons held one («экс-президент» after presidents of
    // Egypt and Turkey)
    std::optional<std::size_t> holder;
    for (std::size_t k = out.size(); k > 0; --k) {
        const Fact& f = out[k - 1];
        if (f.kind != FactKind::kPosition || !f.person || f.post.empty() || f.evidence.start >= d.sents[s].start ||
            !RepeatsPost(mine, PostStems(f.post)))
            continue;
        if (!holder)
            holder = k - 1;
        else if (d.mentions[*f.person].normal != d.mentions[*out[*holder].person].normal)
            return std::nullopt;
    }
    return holder;
}

void FactFinder::PostOfEarlierHolder(std::size_t p, std::size_t s) {
    auto holder = EarlierHolder(p, s);
    if (!holder) return;
    Fact f = out[*holder];
    f.position = p;
    f.past = f.past || PastPost(s, d.spans[p].first);
    f.date = DateOf(s);
    // a mere repeat («Как отметил премьер, …») says nothing the earlier fact does not
    for (const auto& e : out)
        if (e.kind == FactKind::kPosition && e.person == f.person && e.post == f.post && e.past == f.past &&
            (f.date.empty() || e.date == f.date))
            return;
    const auto& named = d.mentions[*f.person];
    f.why = "«" + d.mentions[p].text + "» — " + (named.normal.empty() ? named.text : named.normal) +
            ", названный выше: «" + f.post + "»";
    f.evidence = EvidenceOf(s);
    f.confidence = 0.55;
    out.push_back(std::move(f));
}

void FactFinder::Positions(std::size_t s) {
    auto ms = MentionsIn(s);
    for (std::size_t p : ms) {
        if (d.mentions[p].kind != MentionKind::kPosition) continue;
        if (PluralPost(p) || PluralLooking(p)) {
            if (PluralPostOfList(p, s) || PluralPost(p)) continue;
        }
        auto [pb, pe] = d.spans[p];
        if (auto it = d.post_end.find(pb); it != d.post_end.end() && it->second > pe) pe = it->second;
        // «главным врачом Тындинской межрайонной больницы» with the body's adjective read as a person
        if (pe < d.sents[s].end_token && tok_mention[pe] >= 0 &&
            d.mentions[static_cast<std::size_t>(tok_mention[pe])].kind == MentionKind::kPerson && BodyAdjective(pe))
            for (++pe; pe < d.sents[s].end_token && d.toks[pe].word && !d.toks[pe].cap && !VerbForm(d.toks[pe]) &&
                       !AppointedForm(d.toks[pe].folded) && !Lexicon::Get().stop_words.count(d.toks[pe].folded);)
                ++pe;
        std::optional<std::size_t> person, where = BodyInside(p, pb, pe, ms);
        // «его первый заместитель»: someone else's post, the person is not named here
        bool possessed =
            pb > d.sents[s].first_token && (d.toks[pb - 1].folded == "его" || d.toks[pb - 1].folded == "ее" ||
                                            d.toks[pb - 1].folded == "их" || d.toks[pb - 1].folded == "свой");
        // «Валерий Тишков - директор Института …, Виктор Майклсон - …»: a person right before the post
        // (after «,», «-», «—») is its holder, whoever is named after it
        std::size_t lead = SkipPostLead(pb, s);
        std::optional<std::size_t> before =
            lead > 0 && Dash(d.toks[lead - 1].text) ? PersonRightBefore(pb, s) : std::nullopt;
        if (!before) person = PersonAfter(s, pb, pe, ms, where);
        if ((possessed && !person) || (OthersPost(pb, s) && !(person && KinsGenitive(*person)))) continue;
        // «Александр Моор, губернатор Тюменской области» / «Моор — губернатор»
        if (!person) person = before ? before : PersonRightBefore(pb, s);
        if (!person) person = ObjectBefore(pb, s);
        if (!person) person = PersonOfVerbBefore(pb, s);
        if (!person && AgedPostOfLastPerson(p, s, pe)) continue;
        bool bio_past = false;
        const std::optional<std::size_t> bio = person ? std::nullopt : BiographyHolder(pb, s, bio_past);
        if (bio) person = bio;
        if (!person) {
            PostOfEarlierHolder(p, s);
            continue;
        }
        // «начальник отдела экологии администрации Бийска Анастасия Лебедева»: lower-case words and then the
        // organisation met on the way to the name belong to the post
        if (where && d.mentions[*where].kind == MentionKind::kOrganisation && d.spans[*where].first > pe &&
            d.spans[*where].first <= pe + 2 && d.spans[*person].first >= d.spans[*where].second &&
            std::all_of(d.toks.begin() + static_cast<std::ptrdiff_t>(pe),
                        d.toks.begin() + static_cast<std::ptrdiff_t>(d.spans[*where].first), [](const Tok& t) {
                            // (not a short participle: «председателем избрана студентка …»)
                            return t.word && !t.cap && !VerbForm(t) && !AppointedForm(t.folded);
                        }))
            pe = d.spans[*where].second;
        AddPosition(s, p, pe, *person, where);
        if (bio) {
            out.back().past = bio_past;
            out.back().why = "Строка биографии: должность того, о ком справка";
        }
    }
}

std::optional<std::size_t> FactFinder::BiographyHolder(std::size_t pb, std::size_t s, bool& past) const {
    const std::size_t first = d.sents[s].first_token;
    if (pb < first + 3 || !Dash(d.toks[pb - 1].text)) return std::nullopt;
    // the time before the dash, from the sentence's start or a comma: «В 2016–2021 годах», «С 2021 года», «с 2010
    // по 2015 год», «До 2019 года»; no verb, no name
    std::size_t b = pb - 1;
    while (b > first && d.toks[b - 1].text != "," && d.toks[b - 1].text != ";") --b;
    int years = 0;
    bool open = false, range = false;
    for (std::size_t k = b; k + 1 < pb; ++k) {
        const Tok& t = d.toks[k];
        if (tok_mention[k] >= 0 || VerbForm(t)) return std::nullopt;
        const bool year = t.text.size() == 4 && t.text.find_first_not_of("0123456789") == std::string::npos &&
                          t.text >= "1950" && t.text <= "2100";
        if (year) {
            ++years;
            continue;
        }
        if (k == b && t.folded == "с") open = true;
        if (t.folded == "по" || t.folded == "до" || Dash(t.text) || t.text == "-") range = true;
        static const std::unordered_set<std::string> kTimeWords = {
            "в",      "с",   "со",   "по",    "до",      "года",     "году",    "годах",   "годы",
            "год",    "гг",  "г",    "конца", "начала",  "середины", "января",  "февраля", "марта",
            "апреля", "мая", "июня", "июля",  "августа", "сентября", "октября", "ноября",  "декабря"};
        if (!t.word || kTimeWords.count(t.folded)) continue;
        if (std::isdigit(static_cast<unsigned char>(t.text[0]))) continue;  // a day of the month
        return std::nullopt;
    }
    if (years == 0) return std::nullopt;
    // the person the biography is of: the last one named before, in full, within four sentences, alone in its
    // sentence (the minister quoted before a «Справка» is not whom it is about)
    // (the lines of a biography before this one count as one: «2008–2013 — …», «2013–2017 — …» one per line)
    std::size_t run = s;
    auto line = [&](std::size_t n) {
        const std::size_t nb = d.sents[n].first_token, ne = d.sents[n].end_token;
        for (std::size_t k = nb; k + 1 < ne && k < nb + 8; ++k) {
            if (Dash(d.toks[k].text) && k > nb)
                return std::isdigit(static_cast<unsigned char>(d.toks[nb].text[0])) != 0;
            if (tok_mention[k] >= 0) return false;
        }
        return false;
    };
    while (run > 0 && line(run - 1)) --run;
    std::optional<std::size_t> who;
    for (std::size_t m = 0; m < d.mentions.size(); ++m)
        if (d.mentions[m].kind == MentionKind::kPerson && d.spans[m].first < pb &&
            d.toks[d.spans[m].first].sent + 4 >= run && !NamesABody(m))  // («школа имени М. П. Мусоргского»)
            who = m;
    if (!who || d.spans[*who].second < d.spans[*who].first + 2) return std::nullopt;
    const std::size_t ws = d.toks[d.spans[*who].first].sent;
    for (std::size_t m = 0; m < d.mentions.size(); ++m)
        if (d.mentions[m].kind == MentionKind::kPerson && d.toks[d.spans[m].first].sent == ws &&
            d.mentions[m].normal != d.mentions[*who].normal)
            return std::nullopt;  // two persons: whose?
    past = !(open && !range);
    return who;
}

}  // namespace orientir::extract::detail
