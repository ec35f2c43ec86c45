// A post told by heading a body: «Ирина Кызласова возглавляет Министерство культуры Республики Хакасия» →
// «министр культуры Республики Хакасия», «С января Нолинский районный Дом культуры возглавляет Елена Шуплецова»
// → «директор Нолинского районного Дома культуры», «…центра медицины катастроф, который возглавляет Евгений
// Лоншаков» → «руководитель … центра …». The post is the word a reader writes for who heads that kind of body,
// with the body in the genitive.
#include <cctype>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "extract/facts_finder.hpp"
#include "extract/normal_words.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail {

namespace {

using words::Ends;
using words::Swap;

// The word for who heads a body of this kind, by the body noun's folded form; empty for what is no body
// («делегацию», «рейтинг», «список»). «министерство» gives «министр» and leaves the rest of the name as it is.
bool AdjectiveWord(const std::string& f);

std::string HeadOf(const std::string& f) {
    if (AdjectiveWord(f)) return {};  // «районный», «городская»: no body of their own
    if (StartsWithAny(f, {"министерств"})) return "министр";
    if (StartsWithAny(f, {"управлени"})) return "начальник";  // «начальник управления», as official titles read
    if (StartsWithAny(f, {"департамент", "отдел",      "агентств", "служб",  "центр",      "фонд",    "учреждени",
                          "инспекци",    "архив",      "бюро",     "офис",   "штаб",       "компани", "предприяти",
                          "корпораци",   "организаци", "филиал",   "проект", "направлени", "сектор",  "лаборатори"}))
        return "руководитель";
    if (StartsWithAny(f, {"музе", "библиотек", "школ", "колледж", "техникум", "гимнази", "лице", "дом", "театр",
                          "училищ", "парк", "заповедник", "филармони", "институт", "завод", "комбинат", "агрофирм"}))
        return "директор";
    if (StartsWithAny(f, {"больниц", "поликлиник", "диспансер", "госпитал"})) return "главный врач";
    if (StartsWithAny(f, {"район", "округ", "город", "поселени", "муниципалитет", "администраци", "сельсовет"}))
        return "глава";
    if (StartsWithAny(f, {"комитет", "совет", "комисси", "жюри", "правлени", "союз", "ассоциаци", "палат", "кооператив",
                          "партию", "партия", "отделени"}))
        return "председатель";
    if (StartsWithAny(f, {"университет", "академи"})) return "ректор";
    return {};
}

// A noun as written in the accusative or nominative, put into the genitive singular: «отдел» → «отдела»,
// «Дом» → «Дома», «музей» → «музея», «школу» → «школы», «библиотеку» → «библиотеки», «управление» →
// «управления», «администрацию» → «администрации».
std::string NounGenitive(const std::string& w) {
    std::string f = text::Fold(w);
    if (Ends(f, "ию")) return Swap(w, "ию", "ии");
    if (Ends(f, "ия")) return Swap(w, "ия", "ии");
    if (Ends(f, "ие")) return Swap(w, "ие", "ия");
    if (Ends(f, "у") || Ends(f, "а")) {
        const std::string stem = Swap(f, Ends(f, "у") ? "у" : "а", "");
        const bool hush = Ends(stem, "к") || Ends(stem, "г") || Ends(stem, "х") || Ends(stem, "ж") || Ends(stem, "ш") ||
                          Ends(stem, "ч") || Ends(stem, "щ");
        return Swap(w, Ends(f, "у") ? "у" : "а", hush ? "и" : "ы");
    }
    if (Ends(f, "ю") || Ends(f, "я")) return Swap(w, Ends(f, "ю") ? "ю" : "я", "и");
    if (Ends(f, "о")) return Swap(w, "о", "а");
    if (Ends(f, "е")) return Swap(w, "е", "я");
    if (Ends(f, "й")) return Swap(w, "й", "я");
    if (Ends(f, "ь")) return Swap(w, "ь", "я");
    return w + "а";
}

// An adjective agreeing with such a noun, put into the genitive: «районный» → «районного», «Сунский» →
// «Сунского», «областную» → «областной», «среднюю» → «средней».
std::string AdjectiveGenitive(const std::string& w) {
    std::string f = text::Fold(w);
    if (Ends(f, "ую")) return Swap(w, "ую", "ой");
    if (Ends(f, "юю")) return Swap(w, "юю", "ей");
    if (Ends(f, "ая")) return Swap(w, "ая", "ой");
    if (Ends(f, "яя")) return Swap(w, "яя", "ей");
    if (Ends(f, "ый") || Ends(f, "ой") || Ends(f, "ое"))
        return Swap(w, Ends(f, "ый") ? "ый" : Ends(f, "ой") ? "ой" : "ое", "ого");
    if (Ends(f, "ее")) return Swap(w, "ее", "его");
    if (Ends(f, "ий")) {
        const std::string stem = Swap(f, "ий", "");
        const bool velar = Ends(stem, "к") || Ends(stem, "г") || Ends(stem, "х");
        return Swap(w, "ий", velar ? "ого" : "его");
    }
    return w;
}

bool AdjectiveWord(const std::string& f) {
    for (const char* e : {"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ую", "юю"})
        if (f.size() > 6 && Ends(f, e)) return true;
    return false;
}

// Where a body's genitive chain ends after its head noun at token i (not past `stop`, the verb): «отдела
// молодёжной политики Администрации города Сургута», «министерство образования и науки …»; a person, a post, a
// preposition of time or place, a clause or a count of years («шестой год») ends it.
std::size_t BodyChainEnd(const Doc& d, std::size_t i, std::size_t end, std::size_t stop) {
    std::size_t e = i + 1;
    while (e < end && e != stop &&
           (d.toks[e].word || d.toks[e].text == "№" || d.toks[e].text == "«" || d.toks[e].text == "»" ||
            d.toks[e].text == "-")) {
        const std::string& w = d.toks[e].folded;
        // («образования и науки», «физической культуры и спорта» go on: «и» before a lower-case genitive)
        const std::string& n = e + 1 < end ? d.toks[e + 1].folded : w;
        const bool and_more = w == "и" && e + 1 < end && d.toks[e + 1].word && !d.toks[e + 1].cap &&
                              d.MentionAt(e + 1, {MentionKind::kPerson}) < 0 &&
                              (Ends(n, "ии") || Ends(n, "ия") || Ends(n, "ки") || Ends(n, "ры") || Ends(n, "ства") ||
                               Ends(n, "ния") || Ends(n, "ов") || Ends(n, "ой") || Ends(n, "ей") || Ends(n, "ого") ||
                               Ends(n, "его") || Ends(n, "ых") || Ends(n, "их") || (Ends(n, "а") && !Ends(n, "ла")));
        if (d.toks[e].word && !and_more &&
            (w == "с" || w == "со" || w == "и" || w == "в" || w == "во" || w == "уже" || w == "третий" ||
             w == "второй" || w == "год" || w == "который" || w == "которая" ||
             // «возглавлявшая больницу почти пятнадцать лет»: an adverb of measure ends the body
             w == "почти" || w == "более" || w == "около" || w == "свыше" || w == "много" || w == "долгие" ||
             w == "до" || w == "после" || w == "вплоть" || w == "целых" ||
             std::isdigit(static_cast<unsigned char>(w[0])) != 0) &&
            d.toks[e - 1].text != "№")
            break;
        if (d.MentionAt(e, {MentionKind::kPerson}) >= 0 || d.MentionAt(e, {MentionKind::kPosition}) >= 0) break;
        // «возглавляет поселение шестой год»: a count of years ends the body
        if (e + 1 < end && StartsWithAny(d.toks[e + 1].folded, {"год", "лет", "месяц"})) break;
        ++e;
    }
    return e;
}

// The body the verb's object names from token `from` (skipping «с 2023 года», «с января»): adjectives, the head
// noun of a kind of body, its genitive chain; none when no kind of body stands there.
std::optional<std::pair<std::size_t, std::size_t>> BodyFrom(const Doc& d, std::size_t from, std::size_t end,
                                                            std::size_t stop, bool instrumental = false) {
    std::size_t i = from;
    while (i + 1 < end && (d.toks[i].folded == "с" || d.toks[i].folded == "со"))
        i += 2 + (i + 2 < end && StartsWithAny(d.toks[i + 2].folded, {"год"}) ? 1 : 0);
    const std::size_t b = i;
    // («молодёжным центром»: an adjective in the instrumental after «руководил»)
    auto adjective = [&](const std::string& f) {
        return AdjectiveWord(f) || (instrumental && f.size() > 6 && (Ends(f, "ым") || Ends(f, "им") || Ends(f, "ей")));
    };
    // (a noun in the instrumental may end like an adjective, «библиотекой»: its dictionary form tells)
    auto head = [&](std::size_t k) {
        return !HeadOf(d.toks[k].folded).empty() ||
               (instrumental && !HeadOf(text::Lemmatizer::Default().Lemma(d.toks[k].folded)).empty());
    };
    while (i < end && d.toks[i].word && adjective(d.toks[i].folded) && !(instrumental && head(i))) ++i;
    if (i >= end || !d.toks[i].word || !head(i)) return std::nullopt;
    return std::pair{b, BodyChainEnd(d, i, end, stop)};
}

// «…центра медицины катастроф, который»: the antecedent of «который» before the comma at token `comma` — the last
// kind of body in the clause with the adjectives before it («службы … центра», the centre).
std::optional<std::pair<std::size_t, std::size_t>> BodyBeforeComma(const Doc& d, std::size_t first, std::size_t comma) {
    // (through a quoted name and a number: «организация «Добрые соседи», которую возглавляет …», «школа № 5, …»)
    std::size_t b = comma;
    while (
        b > first &&
        (d.toks[b - 1].word || d.toks[b - 1].text == "«" || d.toks[b - 1].text == "»" || d.toks[b - 1].text == "№") &&
        d.MentionAt(b - 1, {MentionKind::kPerson}) < 0)
        --b;
    std::size_t h = comma;
    while (h > b && HeadOf(d.toks[h - 1].folded).empty()) --h;
    if (h == b) return std::nullopt;
    --h;
    auto adjective = [&](const std::string& f) {
        return AdjectiveWord(f) || Ends(f, "ого") || Ends(f, "его") || Ends(f, "ых") || Ends(f, "их");
    };
    while (h > b && adjective(d.toks[h - 1].folded)) --h;
    return std::pair{h, comma};
}

// The body's words: put into the nominative first when it is the antecedent of «который» (any case); the object
// of the verb is in the accusative, which the genitive rules read as it stands. Quotes stay on their name.
std::vector<std::string> BodyWords(const Doc& d, std::size_t hb, std::size_t he, bool any_case) {
    std::vector<std::string> ws;
    if (any_case) {
        const std::string nom = NominativePhrase(d, hb, he, false);
        for (std::size_t b = 0; b <= nom.size();) {
            std::size_t e = nom.find(' ', b);
            if (e == std::string::npos) e = nom.size();
            if (e > b) ws.push_back(nom.substr(b, e - b));
            b = e + 1;
        }
        return ws;
    }
    for (std::size_t i = hb; i < he; ++i) {
        // «города-курорта»: a hyphenated word stays one
        if (d.toks[i].text == "-" && !ws.empty() && i + 1 < he && d.toks[i].start == d.toks[i - 1].end &&
            d.toks[i + 1].start == d.toks[i].end && d.toks[i + 1].word) {
            ws.back() += "-" + d.toks[++i].text;
            continue;
        }
        if (d.toks[i].word || d.toks[i].text == "№")
            ws.push_back(!ws.empty() && ws.back() == "«" ? "«" + d.toks[i].text : d.toks[i].text);
        else if (!ws.empty() && d.toks[i].text == "»")
            ws.back() += "»";
        else if (d.toks[i].text == "«")
            ws.push_back("«");
        if (ws.size() >= 2 && ws[ws.size() - 2] == "«") ws.erase(ws.end() - 2);  // «« Радуга»» → ««Радуга»»
    }
    return ws;
}

// The post of who heads the body `ws`: the head's word, the adjectives and head noun in the genitive, the rest as
// written («министерство культуры …» → «министр культуры …»); empty for a body named by its kind alone or with a
// generic place («город», «администрацию города»), which says too little.
// `runs`: told by «руководить», whose noun a reader writes for any body but a ministry («руководил библиотекой»
// → «руководитель библиотеки»).
std::string HeadedPost(const std::vector<std::string>& ws, bool runs = false) {
    std::size_t h = 0;
    while (h < ws.size() && HeadOf(text::Fold(ws[h])).empty()) ++h;
    if (h >= ws.size() || ws.size() < 2) return {};
    static const std::unordered_set<std::string> kGeneric = {"города",  "района", "области",    "края",
                                                             "региона", "округа", "республики", "поселения"};
    if (ws.size() == 2 && kGeneric.count(text::Fold(ws[1]))) return {};
    std::string head = HeadOf(text::Fold(ws[h]));
    if (runs && head != "министр") head = "руководитель";
    std::string post = head;
    for (std::size_t i = 0; i < ws.size(); ++i) {
        if (head == "министр" && i <= h) continue;
        post += ' ';
        post += i < h ? AdjectiveGenitive(ws[i]) : i == h ? NounGenitive(ws[i]) : ws[i];
    }
    return post;
}

}  // namespace

// Who heads the body told after the verb at token v: a person in the verb's clause, «он / она» (the person
// named last), the name before the comma of a participle or of «который» («Магомадов, … возглавлявший …»,
// «Саввинов, который до назначения руководил …»), else the person the
// sentence's career link continues («В 2009–2015 годах возглавлял отдел …»).
std::optional<std::size_t> FactFinder::SubjectOfHeading(std::size_t s, std::size_t v) const {
    const auto& sent = d.sents[s];
    const bool participle = StartsWithAny(d.toks[v].folded, {"возглавлявш", "руководивш", "заведовавш"});
    for (std::size_t k = v; k > sent.first_token; --k) {
        if (d.toks[k - 1].text == ",") {
            // «…Саввинов, который до назначения руководил …»: the person before the comma of «который»
            const bool which = StartsWithAny(d.toks[k].folded, {"котор"});
            if ((!participle && !which) || k < 2) break;
            const int q = d.MentionAt(k - 2, {MentionKind::kPerson});
            return q >= 0 ? std::optional<std::size_t>(static_cast<std::size_t>(q)) : std::nullopt;
        }
        if (const int q = d.MentionAt(k - 1, {MentionKind::kPerson}); q >= 0) return static_cast<std::size_t>(q);
        if (d.toks[k - 1].folded == "он" || d.toks[k - 1].folded == "она") return RecentPerson(sent.first_token);
    }
    for (const auto& e : out)
        if (e.kind == FactKind::kPosition && e.person && e.evidence.start == sent.start && e.post.empty() &&
            !e.position)
            return e.person;
    return std::nullopt;
}

// The fact of a post told by heading a body: none when the person already has a post of that kind in the
// sentence («Глава Нерюнгринского района Сергей Аргунов возглавляет муниципалитет»); a career link of the
// sentence gets the post.
void FactFinder::AddHeadedPost(std::size_t s, std::size_t person, const std::string& post, bool past) {
    const auto& sent = d.sents[s];
    const std::string head = post.substr(0, post.find(' '));
    Fact* link = nullptr;
    for (auto& e : out) {
        if (e.kind != FactKind::kPosition || e.person != person || e.evidence.start != sent.start) continue;
        if (e.past == past && text::Fold(e.post).rfind(head, 0) == 0) return;
        if (e.post.empty() && !e.position) link = &e;
    }
    if (link) {
        link->post = post;
        link->past = past;
        return;
    }
    Fact fact;
    fact.kind = FactKind::kPosition;
    fact.person = person;
    fact.post = post;
    fact.past = past;
    fact.date = DateOf(s);
    fact.evidence = EvidenceOf(s);
    fact.confidence = 0.7;
    out.push_back(std::move(fact));
}

void FactFinder::HeadedBodies(std::size_t s) {
    const auto& sent = d.sents[s];
    for (std::size_t v = sent.first_token; v < sent.end_token; ++v) {
        const std::string& f = d.toks[v].folded;
        const bool past = StartsWithAny(f, {"возглавлял", "возглавлявш"});
        if (!past && !StartsWithAny(f, {"возглавляет", "возглавил", "возглавит", "возглавляют"})) {
            RanBody(s, v);
            continue;
        }
        std::optional<std::size_t> person;
        std::optional<std::pair<std::size_t, std::size_t>> body;
        bool any_case = false;
        const int after = d.MentionAt(v + 1, {MentionKind::kPerson});
        if (v >= sent.first_token + 2 && StartsWithAny(d.toks[v - 1].folded, {"котор"}) && d.toks[v - 2].text == ",") {
            // «…центра медицины катастроф, который возглавляет Евгений Лоншаков»
            if (after < 0) continue;
            person = static_cast<std::size_t>(after);
            body = BodyBeforeComma(d, sent.first_token, v - 2);
            any_case = true;
        } else if (after >= 0) {
            // «Нолинский районный Дом культуры возглавляет Елена Шуплецова»: the body before the verb
            person = static_cast<std::size_t>(after);
            for (std::size_t b = sent.first_token; b < v && !body; ++b) body = BodyFrom(d, b, sent.end_token, v);
            if (body && body->second > v) body.reset();
        } else {
            // «Алина Гайнуллина возглавляет отдел …», «Он возглавляет город с 2023 года»
            body = BodyFrom(d, v + 1, sent.end_token, v);
            if (body) person = SubjectOfHeading(s, v);
        }
        if (!person || !body || NamesABody(*person) || body->second <= body->first) continue;
        if (const std::string post = HeadedPost(BodyWords(d, body->first, body->second, any_case)); !post.empty())
            AddHeadedPost(s, *person, post, past);
    }
}

// «ранее руководивший молодёжным центром «Ровесник»», «он руководил Айхальской средней школой», «много лет
// заведовала Нерехтской детской библиотекой»: a post told by running a body, named in the instrumental after the
// verb. «руководить» gives «руководитель» (a minister for a ministry) with the body in the genitive, as annotators
// write it; «заведовать» gives «заведующий» / «заведующая» with the body as written («заведующая … библиотекой»).
void FactFinder::RanBody(std::size_t s, std::size_t v) {
    const std::string& f = d.toks[v].folded;
    // (not the noun «руководителя», which opens like «руководит»)
    const bool runs = f == "руководит" || f == "руководят" || StartsWithAny(f, {"руководил", "руководивш"});
    const bool manages = StartsWithAny(f, {"заведует", "заведовал", "заведовавш", "заведуют"});
    if (!runs && !manages) return;
    const auto& sent = d.sents[s];
    const bool past = StartsWithAny(f, {"руководил", "руководивш", "заведовал", "заведовавш"});
    if (d.MentionAt(v + 1, {MentionKind::kPerson}) >= 0) return;  // «Руководит центром Дарья Лапшина»: the kind alone
    const auto body = BodyFrom(d, v + 1, sent.end_token, v, /*instrumental=*/true);
    if (!body || body->second <= body->first + 1) return;  // a body named by its kind alone says too little
    // …and so does one with no name in it: «руководил закрытым городом», «будет руководить городом до избрания»
    bool named = false;
    for (std::size_t k = body->first; k < body->second; ++k)
        named = named || d.toks[k].cap || d.toks[k].text == "«" || d.toks[k].text == "№";
    if (!named) return;
    const auto person = SubjectOfHeading(s, v);
    if (!person || NamesABody(*person)) return;
    std::string post;
    if (runs) {
        post = HeadedPost(BodyWords(d, body->first, body->second, /*any_case=*/true), /*runs=*/true);
    } else {
        // the feminine by the verb («заведовала», «заведовавшая»), or by the person's surname in the present
        const std::string& who =
            d.mentions[*person].normal.empty() ? d.mentions[*person].text : d.mentions[*person].normal;
        const std::string last = text::Fold(who.substr(who.rfind(' ') == std::string::npos ? 0 : who.rfind(' ') + 1));
        const bool female =
            Ends(f, "ла") || Ends(f, "шая") ||
            (!past && (Ends(last, "ова") || Ends(last, "ева") || Ends(last, "ина") || Ends(last, "ая")));
        post = std::string(female ? "заведующая" : "заведующий") + " " + d.Slice(body->first, body->second);
    }
    if (!post.empty()) AddHeadedPost(s, *person, post, past);
}

}  // namespace orientir::extract::detail
