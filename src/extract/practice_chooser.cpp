#include "extract/practice_chooser.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/adoption_finder.hpp"
#include "extract/adoption_words.hpp"
#include "text/normalize.hpp"
#include "text/stem.hpp"

#ifdef ORIENTIR_PRACTICE_MODEL_PATH
__asm__(
    ".section .rodata\n"
    ".balign 16\n"
    ".global orientir_practice_model_begin\n"
    "orientir_practice_model_begin:\n"
    ".incbin \"" ORIENTIR_PRACTICE_MODEL_PATH
    "\"\n"
    ".global orientir_practice_model_end\n"
    "orientir_practice_model_end:\n"
    ".previous\n");
extern "C" const char orientir_practice_model_begin[];
extern "C" const char orientir_practice_model_end[];
#endif

namespace orientir::extract::detail {

const RankModel* PracticeChooser() {
#ifdef ORIENTIR_PRACTICE_MODEL_PATH
    static const RankModel model = RankModel::Parse(
        std::string_view(orientir_practice_model_begin,
                         static_cast<std::size_t>(orientir_practice_model_end - orientir_practice_model_begin)));
    return model.empty() ? nullptr : &model;
#else
    return nullptr;
#endif
}

namespace adoption {

namespace {

std::size_t WordCount(const std::string& t) {
    std::size_t n = 0;
    for (const auto& tok : text::Tokenize(t)) n += tok.is_word ? 1 : 0;
    return n;
}

// The dictionary form of a phrase's head: its first word that is no adjective («школьная спортивная лига» →
// «лига»), as the article's words are counted («Лигу» → «лига»).
std::string HeadKey(const std::string& t) {
    for (const auto& tok : text::Tokenize(t))
        if (tok.is_word && !AdjectiveShaped(tok.folded)) return text::Lemmatizer::Default().Lemma(tok.folded);
    return {};
}

// The stems of a phrase's content words (five letters and more).
std::unordered_set<std::string> Stems(const std::string& t) {
    std::unordered_set<std::string> out;
    for (const auto& tok : text::Tokenize(t))
        if (tok.is_word && text::CodePointLength(tok.text) >= 5) out.insert(text::Stem(tok.text));
    return out;
}

// A phrase that only points at a practice: a generic one («идея», «схема»), or a generic head with where it ran
// («схема в городе», «модель в районе») — nothing of what was done.
bool Pointer(const std::string& t) {
    if (t.empty() || GenericPhrase(t)) return true;
    auto toks = text::Tokenize(t);
    std::size_t k = 0;
    while (k < toks.size() && (!toks[k].is_word || AdjectiveShaped(toks[k].folded))) ++k;
    if (k >= toks.size() || !GenericPhrase(toks[k].folded)) return false;
    for (std::size_t i = k + 1; i < toks.size(); ++i) {
        const std::string& f = toks[i].folded;
        if (!toks[i].is_word || In(f, {"в", "во", "на", "у", "из", "для", "по"}) || AdjectiveShaped(f)) continue;
        if (!Pre(f, {"город",       "район",  "област",   "регион",      "кра",          "республик",     "сел",
                     "посел",       "столиц", "сосед",    "коллег",      "округ",        "муниципалитет", "власт",
                     "администрац", "жител",  "ведомств", "министерств", "правительств", "специалист"}))
            return false;
    }
    return true;
}

// One phrase the chooser weighs: where the article names it, and its head.
struct Named {
    std::string text;
    std::vector<std::string> where;  // rule, ev, prev, head, lede
    std::string head;
    std::size_t at = 0;  // its head token where the article first names it here (0 for the rules' phrase)
};

void AddNamed(std::vector<Named>& all, std::string text, const char* where, std::string head, std::size_t at = 0) {
    if (text.empty()) return;
    const std::string folded = text::Fold(text);
    for (auto& n : all)
        if (text::Fold(n.text) == folded) {
            if (std::find(n.where.begin(), n.where.end(), where) == n.where.end()) n.where.push_back(where);
            return;
        }
    all.push_back({std::move(text), {where}, std::move(head), at});
}

// Every phrase weighed for fact `f` whose evidence is sentence `s`: the rules' phrase, then the noun phrases of the
// evidence sentence, the one before, the headline and the lede, each as a title and whole (`in_post`: the tokens of
// posts and persons, which head no practice).
std::vector<Named> PhrasesWeighed(const Finder& fd, const std::vector<char>& in_post, const Fact& f, std::size_t s) {
    const Doc& d = fd.d;
    std::vector<Named> all;
    AddNamed(all, f.practice_text, "rule", HeadKey(f.practice_text));
    auto phrases_of = [&](std::size_t n, const char* where) {
        const std::size_t sb = d.sents[n].first_token, se = d.sents[n].end_token;
        for (std::size_t i = sb; i < se; ++i) {
            const Tok& t = d.toks[i];
            if (!t.word || fd.cand_at[i] >= 0 || AdjectiveShaped(t.folded) || (t.cap && i > sb) || NoPracticeHead(t) ||
                in_post[i] ||
                In(t.folded, {"для", "при", "без", "под", "над", "через", "после", "перед", "между", "около", "возле",
                              "кроме", "вместо", "среди", "против", "вокруг"}))
                continue;
            auto start = fd.PhraseStart(i, sb);
            // «по образцу квеста «Книжный Череповец»»: the example is where it came from, not what was taken up
            if (!start || (*start > sb && fd.InExampleFrame(*start - 1))) continue;
            const std::string head = text::Lemmatizer::Default().Lemma(t.folded);
            AddNamed(all, fd.HeadPhrase(i), where, head, i);
            // the whole phrase the rules would read from here (its chain of what it is of and for)
            auto parts = fd.PracticeAt(*start, se, std::nullopt);
            // «квеста «Книжный Череповец»» → «квест «Книжный Череповец»»: the words before a quoted name are put in
            // the nominative, the name stays as written
            if (!parts.empty())
                for (std::size_t q = parts[0].first + 1; q < parts[0].second; ++q)
                    if (d.toks[q].text == "«") {
                        parts.insert(parts.begin() + 1, {q, parts[0].second});
                        parts[0].second = q;
                        break;
                    }
            std::string whole = fd.PracticeText(parts);
            // (a title still: no verb, pronoun or clause word; up to nine words here)
            if (WordCount(whole) >= 2 && TitleShaped(whole, 9)) AddNamed(all, whole, where, head, i);
        }
    };
    phrases_of(s, "ev");
    if (s > 0) phrases_of(s - 1, "prev");
    for (std::size_t n = 0; n < std::min<std::size_t>(3, d.sents.size()); ++n)
        if (n != s && (s == 0 || n != s - 1)) phrases_of(n, n == 0 ? "head" : "lede");
    return all;
}

}  // namespace

// What the chooser reads of the whole article, once for all its facts: the tokens inside posts and persons (whose
// words head no practice: «директор школы искусств»), how many sentences name each word (by dictionary form), the
// headline's stems.
struct ArticleView {
    std::vector<char> in_post;
    std::unordered_map<std::string, int> told;
    std::unordered_set<std::string> headline;

    explicit ArticleView(const Doc& d) : in_post(d.toks.size(), 0) {
        for (std::size_t m = 0; m < d.mentions.size(); ++m)
            if (d.mentions[m].kind == MentionKind::kPosition || d.mentions[m].kind == MentionKind::kPerson)
                for (std::size_t i = d.spans[m].first; i < d.spans[m].second && i < in_post.size(); ++i) in_post[i] = 1;
        for (std::size_t n = 0; n < d.sents.size(); ++n) {
            std::unordered_set<std::string> here;
            for (std::size_t i = d.sents[n].first_token; i < d.sents[n].end_token; ++i)
                if (d.toks[i].word) here.insert(text::Lemmatizer::Default().Lemma(d.toks[i].folded));
            for (const auto& k : here) ++told[k];
        }
        if (!d.sents.empty()) headline = Stems(d.Slice(d.sents[0].first_token, d.sents[0].end_token));
    }
};

std::vector<PracticeOption> Finder::PracticeOptions(const Fact& f) const {
    if (!view_) view_ = std::make_shared<const ArticleView>(d);
    const ArticleView& view = *view_;
    // the sentence of the evidence
    std::size_t s = 0;
    while (s + 1 < d.sents.size() && d.sents[s + 1].start <= f.evidence.start) ++s;
    const std::vector<Named> all = PhrasesWeighed(*this, view.in_post, f, s);
    const auto& told = view.told;
    const auto& headline = view.headline;
    const bool weak = Pointer(f.practice_text) || WordCount(f.practice_text) < 2;
    const auto rule_stems = Stems(f.practice_text);
    const std::string rule_head = HeadKey(f.practice_text);
    std::vector<PracticeOption> options;
    for (const auto& n : all) {
        PracticeOption o;
        o.text = n.text;
        std::vector<std::string> fs;
        for (const auto& w : n.where) fs.push_back("w:" + w);
        const std::size_t words = WordCount(n.text);
        fs.push_back("n:" + std::to_string(std::min<std::size_t>(words, 6)));
        if (Pointer(n.text)) fs.push_back("generic");
        if (n.text.find("«") != std::string::npos) fs.push_back("quoted");
        auto first = text::Tokenize(n.text);
        for (const auto& t : first)
            if (t.is_word && !AdjectiveShaped(t.folded)) {
                if (IsPracticeNoun(t.folded)) fs.push_back("practice_noun");
                break;
            }
        const auto times_it = n.head.empty() ? told.end() : told.find(n.head);
        const int times = times_it == told.end() ? 0 : times_it->second;
        fs.push_back("told:" + std::to_string(std::min(times, 5)));
        if (!f.practice_text.empty() && n.where.front() != "rule" && n.head == rule_head) fs.push_back("rule_head");
        // what it shares with the rules' phrase and with the headline
        const auto stems = Stems(n.text);
        std::size_t with_rule = 0, with_headline = 0;
        for (const auto& st : stems) {
            with_rule += rule_stems.count(st);
            with_headline += headline.count(st);
        }
        fs.push_back("rule_shared:" + std::to_string(std::min<std::size_t>(with_rule, 3)));
        if (!rule_stems.empty() && with_rule == rule_stems.size() && stems.size() > rule_stems.size())
            fs.push_back("rule_and_more");
        fs.push_back("headline_shared:" + std::to_string(std::min<std::size_t>(with_headline, 3)));
        if (!n.head.empty()) fs.push_back("hw:" + n.head);
        // in the evidence sentence: before or after the source and the adopter, right after one of them
        if (n.where.front() == "ev" && n.at > 0)
            for (const auto& [side, m] : {std::pair<const char*, std::optional<std::size_t>>{"src", f.source},
                                          std::pair<const char*, std::optional<std::size_t>>{"adopter", f.adopter}}) {
                if (!m || d.mentions[*m].start < d.sents[s].start) continue;
                const auto [mb, me] = d.spans[*m];
                std::string rel =
                    n.at < mb ? (mb <= n.at + 3 ? "just_before" : "before") : (n.at < me + 3 ? "right_after" : "after");
                fs.push_back(std::string("ev_") + side + ":" + rel);
            }
        const std::size_t k = fs.size();
        // the same features again when the rules' phrase names nothing of its own: a pointer, one word, none
        if (weak)
            for (std::size_t i = 0; i < k; ++i) fs.push_back("weak&" + fs[i]);
        o.features = std::move(fs);
        options.push_back(std::move(o));
    }
    return options;
}

void Finder::ChoosePractices(std::size_t from, const RankModel* model, bool collect) {
    // «переняла у Югры систему учёта … и систему долговременного ухода …»: facts the rules split by practice
    // in one sentence keep their own phrases
    auto split_by_practice = [&](const Fact& f) {
        for (std::size_t k = from; k < out.size(); ++k)
            if (&out[k] != &f && out[k].kind == FactKind::kAdoption && out[k].evidence.start == f.evidence.start &&
                out[k].practice_text != f.practice_text)
                return true;
        return false;
    };
    std::vector<char> keep(out.size(), 0);
    for (std::size_t k = from; k < out.size(); ++k)
        keep[k] = out[k].kind == FactKind::kAdoption && split_by_practice(out[k]);
    for (std::size_t k = from; k < out.size(); ++k) {
        Fact& f = out[k];
        if (f.kind != FactKind::kAdoption) continue;
        auto options = PracticeOptions(f);
        if (model && !options.empty() && !keep[k]) {
            std::size_t best = 0;
            std::vector<double> score(options.size());
            for (std::size_t i = 0; i < options.size(); ++i)
                if ((score[i] = model->Score(options[i].features)) > score[best]) best = i;
            // the rules' phrase (weighed first) stays unless another is better by the model's margin
            const bool rule_first = !f.practice_text.empty() && options[0].text == f.practice_text;
            if (rule_first && score[best] < score[0] + model->margin()) best = 0;
            f.practice_text = options[best].text;
        }
        if (collect) f.practice_options = std::move(options);
    }
}

}  // namespace adoption

}  // namespace orientir::extract::detail
