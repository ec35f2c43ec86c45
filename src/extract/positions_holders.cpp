// Who holds a post when the press names it in other ways than «post + name»: a copula after a post in the
// instrumental, an abbreviation in brackets inside the body, a name set off by commas, an advocate's client, a
// kin word, a plural post before a list of names, an age standing for the person named before
// («47-летнего журналиста»); and the fact each gives (positions.cpp holds the main patterns).

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>

#include "extract/facts_finder.hpp"
#include "extract/lexicon.hpp"
#include "text/normalize.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail {

namespace {
const char* const kBodyAdjectiveEnds[] = {"ской", "ского", "цкой", "цкого"};
}  // namespace

// «актрисы», «главы»: a written form that is a plural or a genitive singular.
bool FactFinder::PluralLooking(std::size_t p) const {
    const std::string& w = d.toks[d.spans[p].first].folded;
    return w.size() > 6 && (w.ends_with("ы") || w.ends_with("и"));
}

// «(МОК)», «(ПНА)»: an abbreviation in brackets inside a post's body; the token after «)», else j.
std::size_t FactFinder::AfterBracketedName(std::size_t j, std::size_t s) const {
    if (j >= d.sents[s].end_token || d.toks[j].text != "(") return j;
    for (std::size_t k = j + 1; k < d.sents[s].end_token && k < j + 5; ++k) {
        const auto& t = d.toks[k];
        if (t.text == ")") return k > j + 1 ? k + 1 : j;
        if (!(t.word && (t.all_caps || t.cap)) && !Dash(t.text)) return j;
    }
    return j;
}

// A word that makes the person after a post its holder: «стал», «назначен», «избран»; after a post in the
// instrumental also «был», «будет», «станет» («Главным тренером команды был назначен …», «министром обороны
// станет Лиам Фокс»).
bool FactFinder::CopulaAfterPost(const std::string& f, std::size_t pb) const {
    if (StartsWithAny(f, {"стал", "назначен", "избран", "является", "утвержден"})) return true;
    return InstrumentalAt(pb) && (f == "был" || f == "была" || f == "будет" || f == "станет" || f == "стать");
}

// The word at token i ends as an instrumental does («главным», «советником», «главой»).
bool FactFinder::InstrumentalAt(std::size_t i) const {
    for (const char* x : {"ом", "ем", "ём", "ым", "им", "ой", "ей"})
        if (d.toks[i].folded.ends_with(x)) return true;
    return false;
}

namespace {
// A post whose holder acts for someone named in the genitive after it: «адвокат Гибсона Стивен Колодни»,
// «Представитель Эрдогана заявил».
bool ForSomeonePost(const Doc& d, std::size_t pb, std::size_t pe) {
    for (std::size_t k = pb; k < pe; ++k)
        if (StartsWithAny(d.toks[k].folded, {"адвокат", "защитник", "представител", "секретар", "заместител",
                                             "помощник", "советник", "агент", "юрист"}))
            return true;
    return false;
}

// A person mention in an oblique case: its normal form differs, or a one-word name ends as a genitive does
// («Григорьевой», «Эрдогана», «Насира»).
// The normal form holds every word as written: the name is in the nominative (a directory's name may add a
// patronymic or put the surname first: «Андрей Соколов» → «Соколов Андрей Петрович»).
bool WrittenAsNormal(const Mention& m) {
    if (m.normal.empty()) return true;
    std::set<std::string> normal;
    for (const auto& t : text::Tokenize(m.normal))
        if (t.is_word) normal.insert(t.folded);
    for (const auto& t : text::Tokenize(m.text))
        if (t.is_word && !normal.count(t.folded)) return false;
    return true;
}

bool ObliqueName(const Mention& m) {
    std::string text = text::Fold(m.text);
    if (!WrittenAsNormal(m)) return true;
    if (text.find(' ') != std::string::npos) return false;
    for (const char* x : {"ой", "ей", "а", "я", "ых", "их"})
        if (text.ends_with(x)) return true;
    return false;
}
}  // namespace

// «главным врачом Тындинской межрайонной больницы»: a one-word «person» that is the capitalised adjective of
// a body named after it.
bool FactFinder::BodyAdjective(std::size_t j) const {
    auto m = static_cast<std::size_t>(tok_mention[j]);
    const std::size_t b = d.spans[m].first, e = d.spans[m].second;  // not a structured binding: clang's lambdas
    if (e != b + 1 || e >= d.sents[d.toks[j].sent].end_token || !d.toks[e].word || d.toks[e].cap || VerbForm(d.toks[e]))
        return false;
    return std::any_of(std::begin(kBodyAdjectiveEnds), std::end(kBodyAdjectiveEnds),
                       [&](const char* x) { return d.toks[b].folded.ends_with(x); });
}

// «сына депутата Государственной Думы Валерия Селезнёва», «сын экс-президента Польши Леха Валенсы»: after a
// kin word the person in the genitive holds the post (the kin is someone else); in another case
// («вдова губернатора Анна …», «супруге президента — Наине Иосифовне») the person is the kin.
bool FactFinder::KinsGenitive(std::size_t person) const {
    const Mention& m = d.mentions[person];
    std::string text = text::Fold(m.text);
    if (WrittenAsNormal(m)) return false;
    for (const char* x : {"а", "я", "ы", "и"})
        if (text.ends_with(x)) return true;
    return false;
}

// The post mention starting at pb is in the nominative: its first word is its normal form's.
bool FactFinder::NominativePost(std::size_t pb) const {
    int p = d.MentionStartingAt(pb, {MentionKind::kPosition});
    if (p < 0) return false;
    const std::string normal = text::Fold(d.mentions[static_cast<std::size_t>(p)].normal);
    const std::string& first = d.toks[pb].folded;
    return normal.starts_with(first) &&
           (normal.size() == first.size() || normal[first.size()] == ' ' || normal[first.size()] == '-');
}

// The person named right after a post is its holder — unless the post is held for someone (an advocate, a
// representative) and the name is that someone's in the genitive: then the holder is the person right after
// («Адвокат Сантоса Фернандо Осуна»), else none («Представитель Григорьевой отказался»).
std::optional<std::size_t> FactFinder::HolderAfter(std::size_t m, std::size_t pb, std::size_t pe, std::size_t s) const {
    if (!ForSomeonePost(d, pb, pe)) return m;
    // «советника Путина Михаила Лесина», «Адвокат Петра — Валентин Пышкин»: the name right after the client's
    std::size_t me = d.spans[m].second;
    if (me + 1 < d.sents[s].end_token && Dash(d.toks[me].text)) ++me;
    if (me < d.sents[s].end_token && tok_mention[me] >= 0 &&
        d.mentions[static_cast<std::size_t>(tok_mention[me])].kind == MentionKind::kPerson &&
        d.spans[static_cast<std::size_t>(tok_mention[me])].first == me)
        return static_cast<std::size_t>(tok_mention[me]);
    if (!ObliqueName(d.mentions[m])) return m;
    // «Представитель Григорьевой отказался», «Абызов стал советником Медведева»: a genitive after a post in the
    // nominative or the instrumental is the client (a name agreeing with the instrumental is the holder)
    if (NominativePost(pb)) return std::nullopt;
    if (InstrumentalAt(pb)) {
        const std::string f = text::Fold(d.mentions[m].text);
        for (const char* x : {"ом", "ем", "ым", "им", "ой", "ей"})
            if (f.ends_with(x)) return m;
        return std::nullopt;
    }
    return m;
}

// «Президент России, Владимир Путин, лично …», «вице-губернатор Приморского края, 35-летний Александр
// Шемелев, который …», «председатель партии, миллиардер Бидзина Иванишвили»: a person set off by commas after
// a post in the nominative is its holder, when no one is named right before the post. The name must close
// (a comma, a bracket or the sentence's end): «Как сообщил министр, Петров уже …» is no apposition.
std::optional<std::size_t> FactFinder::PersonAfterComma(std::size_t j, std::size_t pb, std::size_t s) const {
    const std::size_t end = d.sents[s].end_token;
    if (!NominativePost(pb) || PersonRightBefore(pb, s)) return std::nullopt;
    std::size_t k = j + 1;
    // «35-летний», «миллиардер»: an age or one lower-case word before the name
    if (k + 2 < end && !d.toks[k].text.empty() && std::isdigit(static_cast<unsigned char>(d.toks[k].text[0])) &&
        Dash(d.toks[k + 1].text))
        k += 3;
    else if (k + 1 < end && d.toks[k].word && !d.toks[k].cap && tok_mention[k] < 0 && !VerbForm(d.toks[k]) &&
             !Lexicon::Get().stop_words.count(d.toks[k].folded) && tok_mention[k + 1] >= 0)
        k += 1;
    if (k >= end || tok_mention[k] < 0) return std::nullopt;
    auto m = static_cast<std::size_t>(tok_mention[k]);
    if (d.mentions[m].kind != MentionKind::kPerson || d.spans[m].first != k || ObliqueName(d.mentions[m]))
        return std::nullopt;
    std::size_t me = d.spans[m].second;
    if (me < end && d.toks[me].text != "," && d.toks[me].text != "(") return std::nullopt;
    return m;
}

// The fact of a post [pb, pe) (mention p) held by `person`, with its body `where`.
void FactFinder::AddPosition(std::size_t s, std::size_t p, std::size_t pe, std::size_t person,
                             std::optional<std::size_t> where) {
    const std::size_t pb = d.spans[p].first;
    // a place or organisation right after the post when the person came first
    if (!where && pe < d.sents[s].end_token && tok_mention[pe] >= 0 &&
        d.mentions[static_cast<std::size_t>(tok_mention[pe])].kind != MentionKind::kPerson)
        where = OutermostAt(pe, static_cast<std::size_t>(tok_mention[pe]), MentionsIn(s));
    Fact f;
    f.kind = FactKind::kPosition;
    f.person = person;
    f.position = p;
    if (where) (d.mentions[*where].kind == MentionKind::kOrganisation ? f.organisation : f.place) = where;
    f.past = PastPost(s, pb);
    f.date = DateOf(s);
    f.post = NominativePhrase(d, pb, pe, true);
    // «руководитель выездной бригады, врач-терапевт», «член Общественной палаты области, врач-кардиолог»: a job
    // named after a comma is the person's trade, not a part of the post
    if (const auto comma = f.post.rfind(", "); comma != std::string::npos) {
        const std::string tail = f.post.substr(comma + 2);
        const std::string first = tail.substr(0, std::min(tail.find(' '), tail.find('-')));
        if (Lexicon::Get().jobs.count(text::Stem(first))) f.post.resize(comma);
    }
    // «директор ГБУ … «Центр цифровой трансформации»»: a quoted name the post's end left open is closed
    std::size_t opened = 0, closed = 0;
    for (std::size_t at = 0; (at = f.post.find("«", at)) != std::string::npos; at += 2) ++opened;
    for (std::size_t at = 0; (at = f.post.find("»", at)) != std::string::npos; at += 2) ++closed;
    for (; closed < opened; ++closed) f.post += "»";
    f.evidence = EvidenceOf(s);
    f.confidence = 0.6 + (where ? 0.15 : 0.0) + (d.spans[person].first >= pe ? 0.1 : 0.0);
    out.push_back(std::move(f));
}

// «российские космонавты Алексей Овчинин и Олег Скрипочка», «губернаторы Юрий Бездудный и Дмитрий Артюхов»: a
// post in the plural right before two or more persons joined by commas and «и» is each one's post.
bool FactFinder::PluralPostOfList(std::size_t p, std::size_t s) {
    std::size_t pe = d.spans[p].second;
    if (auto it = d.post_end.find(d.spans[p].first); it != d.post_end.end() && it->second > pe) pe = it->second;
    const std::size_t end = d.sents[s].end_token;
    std::vector<std::size_t> persons;
    bool oblique = false;
    for (std::size_t j = pe; j < end;) {
        int m = tok_mention[j];
        if (m < 0 || d.mentions[static_cast<std::size_t>(m)].kind != MentionKind::kPerson) break;
        persons.push_back(static_cast<std::size_t>(m));
        oblique = oblique || ObliqueName(d.mentions[static_cast<std::size_t>(m)]);
        j = AfterBracketedName(d.spans[static_cast<std::size_t>(m)].second, s);
        // «сенаторы Рэнд Пол из Кентукки и Марко Рубио из Флориды»
        if (j + 1 < end && d.toks[j].folded == "из" && tok_mention[j + 1] >= 0 &&
            IsLoc(d.mentions[static_cast<std::size_t>(tok_mention[j + 1])].kind))
            j = d.spans[static_cast<std::size_t>(tok_mention[j + 1])].second;
        if (j + 1 >= end || (d.toks[j].text != "," && d.toks[j].folded != "и")) break;
        ++j;
    }
    // «актрисы Гвинет Пэлтроу, Анджелина Джоли …»: a form that may be a genitive singular lists nominatives
    if (persons.size() < 2 || (!PluralPost(p) && oblique)) return false;
    for (std::size_t person : persons) {
        AddPosition(s, p, pe, person, std::nullopt);
        // each holds the post in the singular
        if (pe == d.spans[p].second) out.back().post = text::Fold(d.mentions[p].normal);
    }
    return true;
}

// «…их коллеги Константина Попова. В начале 2010 года 47-летнего журналиста забрали …»: a post with an age
// and no name after it in its sentence is the person named last (this sentence or the two before).
bool FactFinder::AgedPostOfLastPerson(std::size_t p, std::size_t s, std::size_t pe) {
    std::size_t pb = d.spans[p].first;
    if (pb < d.sents[s].first_token + 3 || !d.toks[pb - 1].folded.starts_with("летн") || !Dash(d.toks[pb - 2].text) ||
        d.toks[pb - 3].text.empty() || !std::isdigit(static_cast<unsigned char>(d.toks[pb - 3].text[0])))
        return false;
    auto person = RecentPerson(pb);
    std::size_t earliest = s >= 2 ? s - 2 : 0;
    if (!person || d.toks[d.spans[*person].first].sent < earliest) return false;
    AddPosition(s, p, pe, *person, std::nullopt);
    const auto& named = d.mentions[*person];
    out.back().why = "«" + d.Slice(pb - 3, d.spans[p].second) + "» — " +
                     (named.normal.empty() ? named.text : named.normal) + ", названный перед этим";
    out.back().confidence = 0.5;
    return true;
}

}  // namespace orientir::extract::detail
