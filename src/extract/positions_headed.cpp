// A post told by heading a body: «Ирина Кызласова возглавляет Министерство культуры Республики Хакасия» →
// «министр культуры Республики Хакасия», «С января Нолинский районный Дом культуры возглавляет Елена Шуплецова»
// → «директор Нолинского районного Дома культуры», «…центра медицины катастроф, который возглавляет Евгений
// Лоншаков» → «руководитель … центра …». The post is the word a reader writes for who heads that kind of body,
// with the body in the genitive.
#include <cctype>
#include <optional>
#include <string>
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

}  // namespace

void FactFinder::HeadedBodies(std::size_t s) {
    const auto& sent = d.sents[s];
    for (std::size_t v = sent.first_token; v < sent.end_token; ++v) {
        const std::string& f = d.toks[v].folded;
        const bool past = StartsWithAny(f, {"возглавлял", "возглавлявш"});
        if (!past && !StartsWithAny(f, {"возглавляет", "возглавил", "возглавит", "возглавляют"})) continue;
        // the body: after the verb (skipping «с 2023 года», «с января»), or before it when the person follows
        std::optional<std::size_t> person;
        std::size_t hb = 0, he = 0;  // the body's words [hb, he)
        bool relative = false;
        auto body_after = [&](std::size_t from) {
            std::size_t i = from;
            while (i < sent.end_token && (d.toks[i].folded == "с" || d.toks[i].folded == "со") &&
                   i + 1 < sent.end_token)
                i += 2 + (i + 2 < sent.end_token && StartsWithAny(d.toks[i + 2].folded, {"год"}) ? 1 : 0);
            std::size_t b = i;
            while (i < sent.end_token && d.toks[i].word && AdjectiveWord(d.toks[i].folded)) ++i;
            if (i >= sent.end_token || !d.toks[i].word || HeadOf(d.toks[i].folded).empty()) return false;
            std::size_t e = i + 1;
            while (e < sent.end_token && e != v &&
                   (d.toks[e].word || d.toks[e].text == "№" || d.toks[e].text == "«" || d.toks[e].text == "»" ||
                    d.toks[e].text == "-")) {
                const std::string& w = d.toks[e].folded;
                // («образования и науки» goes on: «и» before a lower-case genitive)
                const std::string& n = e + 1 < sent.end_token ? d.toks[e + 1].folded : w;
                const bool and_more =
                    w == "и" && e + 1 < sent.end_token && d.toks[e + 1].word && !d.toks[e + 1].cap &&
                    d.MentionAt(e + 1, {MentionKind::kPerson}) < 0 &&
                    (Ends(n, "ии") || Ends(n, "ия") || Ends(n, "ки") || Ends(n, "ры") || Ends(n, "ства") ||
                     Ends(n, "ния") || Ends(n, "ов") || Ends(n, "ой") || Ends(n, "ей") || Ends(n, "ого") ||
                     Ends(n, "его") || Ends(n, "ых") || Ends(n, "их") || (Ends(n, "а") && !Ends(n, "ла")));
                if (d.toks[e].word && !and_more &&
                    (w == "с" || w == "со" || w == "и" || w == "в" || w == "во" || w == "уже" || w == "третий" ||
                     w == "второй" || w == "год" || w == "который" || w == "которая" ||
                     std::isdigit(static_cast<unsigned char>(w[0])) != 0))
                    if (!(d.toks[e - 1].text == "№")) break;
                if (d.MentionAt(e, {MentionKind::kPerson}) >= 0 || d.MentionAt(e, {MentionKind::kPosition}) >= 0) break;
                // «возглавляет поселение шестой год»: a count of years ends the body
                if (e + 1 < sent.end_token && StartsWithAny(d.toks[e + 1].folded, {"год", "лет", "месяц"})) break;
                ++e;
            }
            hb = b;
            he = e;
            return true;
        };
        // «…центра медицины катастроф, который возглавляет Евгений Лоншаков»
        if (v >= sent.first_token + 2 && StartsWithAny(d.toks[v - 1].folded, {"котор"}) && d.toks[v - 2].text == ",") {
            const int p = d.MentionAt(v + 1, {MentionKind::kPerson});
            if (p < 0) continue;
            person = static_cast<std::size_t>(p);
            std::size_t e = v - 2, b = e;
            while (b > sent.first_token && d.toks[b - 1].word && d.MentionAt(b - 1, {MentionKind::kPerson}) < 0) --b;
            // the body's head: the last word of a kind of body before the comma («службы … центра медицины
            // катастроф, который» — the centre)
            std::size_t h = e;
            while (h > b && HeadOf(d.toks[h - 1].folded).empty()) --h;
            if (h == b) continue;
            --h;
            while (h > b && (AdjectiveWord(d.toks[h - 1].folded) || Ends(d.toks[h - 1].folded, "ого") ||
                             Ends(d.toks[h - 1].folded, "его") || Ends(d.toks[h - 1].folded, "ых") ||
                             Ends(d.toks[h - 1].folded, "их")))
                --h;
            hb = h;
            he = e;
            relative = true;
        } else if (const int p = d.MentionAt(v + 1, {MentionKind::kPerson}); p >= 0) {
            // «Нолинский районный Дом культуры возглавляет Елена Шуплецова»: the body before the verb
            person = static_cast<std::size_t>(p);
            std::size_t b = sent.first_token;
            while (b < v && !body_after(b)) ++b;
            if (b >= v || he > v) continue;
        } else {
            // «Алина Гайнуллина возглавляет отдел …», «Он возглавляет город с 2023 года»
            if (!body_after(v + 1)) continue;
            for (std::size_t k = v; k > sent.first_token && !person; --k) {
                // «Магомадов, до назначения министром возглавлявший …»: a participle's clause belongs to the name
                // right before its comma
                if (d.toks[k - 1].text == "," && StartsWithAny(f, {"возглавлявш"}) && k >= 2) {
                    if (const int q = d.MentionAt(k - 2, {MentionKind::kPerson}); q >= 0)
                        person = static_cast<std::size_t>(q);
                    break;
                }
                if (d.toks[k - 1].text == ",") break;
                if (const int q = d.MentionAt(k - 1, {MentionKind::kPerson}); q >= 0)
                    person = static_cast<std::size_t>(q);
                if (d.toks[k - 1].folded == "он" || d.toks[k - 1].folded == "она")
                    person = RecentPerson(sent.first_token);
            }
            // «Андрей Лаптев родился в Ржеве. В 2009–2015 годах возглавлял отдел культуры …»: no subject of its own,
            // the person the career link of this sentence continues
            if (!person)
                for (const auto& e : out)
                    if (e.kind == FactKind::kPosition && e.person && e.evidence.start == sent.start && e.post.empty() &&
                        !e.position)
                        person = e.person;
        }
        if (!person || NamesABody(*person) || he <= hb) continue;
        // the body in the nominative («Забайкальский территориальный центр медицины катастроф»), then its
        // adjectives and head noun in the genitive after the head's word
        // (the object of the verb is in the accusative, which the genitive rules read; the antecedent of
        // «который» may be in any case, so it is put into the nominative first)
        std::vector<std::string> ws;
        if (relative) {
            const std::string nom = NominativePhrase(d, hb, he, false);
            for (std::size_t b = 0; b <= nom.size();) {
                std::size_t e = nom.find(' ', b);
                if (e == std::string::npos) e = nom.size();
                if (e > b) ws.push_back(nom.substr(b, e - b));
                b = e + 1;
            }
        } else {
            for (std::size_t i = hb; i < he; ++i) {
                if (d.toks[i].word || d.toks[i].text == "№") {
                    ws.push_back(d.toks[i].text);
                } else if (!ws.empty() && d.toks[i].text == "»") {
                    ws.back() += "»";
                } else if (d.toks[i].text == "«") {
                    ws.push_back("«");
                }
            }
            // «« Радуга»» → ««Радуга»»
            for (std::size_t i = 0; i + 1 < ws.size(); ++i)
                if (ws[i] == "«") {
                    ws[i + 1] = "«" + ws[i + 1];
                    ws.erase(ws.begin() + static_cast<std::ptrdiff_t>(i));
                }
        }
        std::size_t h = 0;
        while (h < ws.size() && HeadOf(text::Fold(ws[h])).empty()) ++h;
        if (h >= ws.size()) continue;
        const std::string head = HeadOf(text::Fold(ws[h]));
        std::string post = head;
        for (std::size_t i = 0; i < ws.size(); ++i) {
            std::string w = ws[i];
            if (head == "министр" && i <= h) continue;  // «министерство культуры …» → «министр культуры …»
            if (i < h) w = AdjectiveGenitive(w);
            if (i == h) w = NounGenitive(w);
            post += ' ';
            post += w;
        }
        // «министр» alone, «глава города», «руководитель агентства»: a body named by its kind alone says too
        // little (the post is told elsewhere with the name)
        // («администрацию города», «главу района»: a kind and a generic place say as little)
        if (ws.size() < 2 ||
            (ws.size() == 2 &&
             (text::Fold(ws[1]) == "города" || text::Fold(ws[1]) == "района" || text::Fold(ws[1]) == "области" ||
              text::Fold(ws[1]) == "края" || text::Fold(ws[1]) == "региона" || text::Fold(ws[1]) == "округа" ||
              text::Fold(ws[1]) == "республики" || text::Fold(ws[1]) == "поселения")))
            continue;
        // a post of the same kind the person already has in this sentence says it («Глава Нерюнгринского района
        // Сергей Аргунов возглавляет муниципалитет»)
        bool told = false;
        for (const auto& e : out)
            told = told || (e.kind == FactKind::kPosition && e.person == person && e.evidence.start == sent.start &&
                            e.past == past && text::Fold(e.post).rfind(head, 0) == 0);
        if (told) continue;
        // a career link the Careers pattern made for this person and sentence gets the post
        Fact* link = nullptr;
        for (auto& e : out)
            if (e.kind == FactKind::kPosition && e.person == person && e.evidence.start == sent.start &&
                e.post.empty() && !e.position)
                link = &e;
        if (link) {
            link->post = post;
            link->past = past;
            continue;
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
}

}  // namespace orientir::extract::detail
