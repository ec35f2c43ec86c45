// Position facts scored on NEREL's WORKS_AS relations (see eval_positions.hpp for the matching rule).
#include "extract/eval_positions.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "common/strings.hpp"
#include "extract/corpus_files.hpp"
#include "text/normalize.hpp"
#include "text/stem.hpp"

namespace orientir::extract {

struct NerelPositions::GoldFact {
    struct Span {
        int start = 0, end = 0;
        std::string text;
    };
    Span person, profession;
    std::string surname;            // stem of the person mention's last word
    std::set<std::string> name;     // stems of the person mention's words
    std::vector<std::string> head;  // stems of the profession's head words
    bool used = false;
};

namespace {

using GoldFact = NerelPositions::GoldFact;
using Span = GoldFact::Span;

std::vector<std::string> WordStems(std::string_view s) {
    std::vector<std::string> out;
    for (const auto& t : text::Tokenize(s))
        if (t.is_word) out.push_back(text::Stem(t.text));
    return out;
}

// A word whose dictionary form is an adjective or a participle («первого» → первый, «исполняющего»).
bool AdjectiveLike(const std::string& folded) {
    for (const auto& lemma : text::Lemmatizer::Default().Lemmas(folded))
        if (lemma.ends_with("ый") || lemma.ends_with("ий") || lemma.ends_with("ой")) return true;
    return false;
}

// The profession's words up to and including the first that is not an adjective, «экс-» left out.
std::vector<std::string> HeadWords(std::string_view profession) {
    auto toks = text::Tokenize(profession);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < toks.size(); ++i) {
        const auto& t = toks[i];
        if (!t.is_word) continue;
        if (t.folded == "экс" && i + 1 < toks.size() && toks[i + 1].text == "-") continue;
        out.push_back(text::Stem(t.text));
        bool hyphen_next = i + 1 < toks.size() && toks[i + 1].text == "-" && toks[i + 1].start == t.end;
        if (!hyphen_next && !AdjectiveLike(t.folded)) break;
    }
    return out;
}

std::vector<GoldFact> ReadWorksAs(const std::string& ann) {
    std::map<std::string, BratEntity> ents;
    for (auto& e : ReadBratEntities(ann)) ents[e.id] = e;
    std::vector<GoldFact> out;
    std::set<std::pair<std::string, std::vector<std::string>>> seen;
    ForEachBratLine(ann, 'R', [&](const std::vector<std::string>&, const std::vector<std::string>& parts) {
        if (parts[0] != "WORKS_AS") return;
        auto a = ents.find(parts[1].substr(parts[1].find(':') + 1)),
             b = ents.find(parts[2].substr(parts[2].find(':') + 1));
        if (a == ents.end() || b == ents.end() || a->second.type != "PERSON") return;
        GoldFact g;
        g.person = Span{a->second.start, a->second.end, a->second.text};
        g.profession = Span{b->second.start, b->second.end, b->second.text};
        auto stems = WordStems(g.person.text);
        if (stems.empty()) return;
        g.surname = stems.back();
        g.name.insert(stems.begin(), stems.end());
        g.head = HeadWords(g.profession.text);
        if (g.head.empty() || !seen.emplace(g.surname, g.head).second) return;
        out.push_back(std::move(g));
    });
    return out;
}

bool PersonMatches(const Mention& m, const GoldFact& g) {
    if (m.start < g.person.end && g.person.start < m.end) return true;
    auto mine = WordStems(m.normal.empty() ? m.text : m.normal);
    return !mine.empty() && g.name.count(mine.back());
}

// `head_only`: only the last head word, the noun («британским премьером» → премьер), a diagnostic of how
// many misses differ in a modifier only.
bool PostMatches(const std::vector<std::string>& post, const GoldFact& g, bool head_only = false) {
    if (head_only) return std::find(post.begin(), post.end(), g.head.back()) != post.end();
    for (const auto& h : g.head)
        if (std::find(post.begin(), post.end(), h) == post.end()) return false;
    return true;
}

// Person and profession told in one sentence: no line break and no «. », «! », «? » between them.
bool OneSentence(const std::string& text, const GoldFact& g) {
    int b = std::min(g.person.start, g.profession.start), e = std::max(g.person.end, g.profession.end);
    std::string between = text::SubstrCodePoints(text, b, e);
    for (const char* stop : {"\n", ". ", "! ", "? "})
        if (between.find(stop) != std::string::npos) return false;
    return true;
}

// The text around a gold fact, for reading the misses: from a little before the first of person and
// profession to a little after the last, line breaks shown as « / ».
std::string Context(const std::string& text, const GoldFact& g) {
    int b = std::max(0, std::min(g.person.start, g.profession.start) - 40);
    int e = std::max(g.person.end, g.profession.end) + 40;
    if (e - b > 400) return "(far apart)";
    std::string c = text::SubstrCodePoints(text, b, e);
    for (std::size_t i = c.find('\n'); i != std::string::npos; i = c.find('\n', i)) c.replace(i, 1, " / ");
    return c;
}

// What the extractor did with a missed gold fact: no post mention over the profession; the post given to
// someone else; the person given another post.
std::string WhyMissed(const ExtractionResult& r, const GoldFact& g) {
    std::string why;
    bool post_found = false;
    for (const auto& m : r.mentions)
        if (m.kind == MentionKind::kPosition && m.start < g.profession.end && g.profession.start < m.end)
            post_found = true;
    if (!post_found) why += " {no post mention}";
    for (const auto& f : r.facts) {
        if (f.kind != FactKind::kPosition || !f.person) continue;
        const Mention& p = r.mentions[*f.person];
        std::string post = f.post.empty() && f.position ? r.mentions[*f.position].text : f.post;
        if (f.position && r.mentions[*f.position].start < g.profession.end &&
            g.profession.start < r.mentions[*f.position].end && !PersonMatches(p, g))
            why += " {post to " + p.text + "}";
        else if (PersonMatches(p, g))
            why += " {person has " + post + "}";
    }
    return why;
}

}  // namespace

void NerelPositions::Add(const std::string& name, const std::string& text, const std::string& ann,
                         const ExtractionResult& r, bool errors) {
    auto facts = ReadWorksAs(ann);
    gold += static_cast<long>(facts.size());
    for (const auto& g : facts) gold_one_sentence += OneSentence(text, g);
    Match(name, text, facts, r, false, errors);
    for (auto& g : facts) g.used = false;
    Match(name, text, facts, r, true, false);
}

void NerelPositions::Match(const std::string& name, const std::string& text, std::vector<GoldFact>& facts,
                           const ExtractionResult& r, bool head_only, bool errors) {
    long& tps = head_only ? tp_head : tp;
    long& fps = head_only ? fp_head : fp;
    long& fns = head_only ? fn_head : fn;
    for (const auto& f : r.facts) {
        if (f.kind != FactKind::kPosition || !f.person || (f.post.empty() && !f.position)) continue;
        const Mention& person = r.mentions[*f.person];
        std::string post = f.post.empty() ? r.mentions[*f.position].text : f.post;
        auto stems = WordStems(post);
        bool hit = false, repeat = false;
        for (auto& g : facts) {
            if (!PersonMatches(person, g) || !PostMatches(stems, g, head_only)) continue;
            if (g.used) {
                repeat = true;
                continue;
            }
            g.used = hit = true;
            break;
        }
        if (hit) {
            ++tps;
        } else if (!repeat) {
            ++fps;
            if (errors)
                errors_.push_back("POS-FP " + name + " [" + (person.normal.empty() ? person.text : person.normal) +
                                  "] [" + post + "] || " + f.evidence.text);
        }
    }
    for (const auto& g : facts)
        if (!g.used) {
            ++fns;
            if (errors)
                errors_.push_back("POS-FN " + name + " [" + g.person.text + "] [" + g.profession.text + "]" +
                                  (OneSentence(text, g) ? "" : " (across sentences)") + WhyMissed(r, g) + " || " +
                                  Context(text, g));
        }
}

namespace {
double F1Of(long tp, long fp, long fn) {
    double p = tp + fp ? double(tp) / double(tp + fp) : 0, r = tp + fn ? double(tp) / double(tp + fn) : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}
void PrintPrf(const char* name, long tp, long fp, long fn) {
    double p = tp + fp ? double(tp) / double(tp + fp) : 0, r = tp + fn ? double(tp) / double(tp + fn) : 0;
    std::printf("%-14s P=%.3f R=%.3f F1=%.3f  (tp=%ld fp=%ld fn=%ld)\n", name, p, r, F1Of(tp, fp, fn), tp, fp, fn);
}
}  // namespace

double NerelPositions::F1() const { return F1Of(tp, fp, fn); }

void NerelPositions::Print() const {
    for (const auto& e : errors_) std::printf("%s\n", e.c_str());
    PrintPrf("Position", tp, fp, fn);
    PrintPrf("  head noun", tp_head, fp_head, fn_head);
    std::printf("%-14s %ld gold WORKS_AS facts, %ld with person and profession in one sentence\n", "", gold,
                gold_one_sentence);
}

}  // namespace orientir::extract
