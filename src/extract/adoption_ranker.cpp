#include "extract/adoption_ranker.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "extract/adoption_finder.hpp"
#include "text/normalize.hpp"
#include "text/stem.hpp"

#ifdef ORIENTIR_RANKER_MODEL_PATH
// The model file is embedded at build time (see CMakeLists.txt), as the tagger's is.
__asm__(
    ".section .rodata\n"
    ".balign 16\n"
    ".global orientir_ranker_model_begin\n"
    "orientir_ranker_model_begin:\n"
    ".incbin \"" ORIENTIR_RANKER_MODEL_PATH
    "\"\n"
    ".global orientir_ranker_model_end\n"
    "orientir_ranker_model_end:\n"
    ".previous\n");
extern "C" const char orientir_ranker_model_begin[];
extern "C" const char orientir_ranker_model_end[];
#endif

namespace orientir::extract::detail {

namespace {

using adoption::Finder;
using adoption::Trigger;

const char* TriggerName(Trigger t) {
    switch (t) {
        case Trigger::kBorrow:
            return "borrow";
        case Trigger::kTransfer:
            return "transfer";
        case Trigger::kShare:
            return "share";
        case Trigger::kIntroduce:
            return "introduce";
        case Trigger::kSpread:
            return "spread";
        case Trigger::kInterest:
            return "interest";
        case Trigger::kNone:
            break;
    }
    return "none";
}

// What each sentence says, once per document.
struct SentenceCues {
    std::set<Trigger> triggers;
    bool source_cue = false;  // «опыт», «по примеру», «модель»
    bool strong_cue = false;
    bool learn = false;
    // «Подобные пространства действуют также в Улан-Удэ», «как и в Омской области»: places named beside the
    // practice, not where it came from
    bool parallel = false;
    bool event = false;  // «представили на вебинаре», «на форуме»: shown, not yet taken up
    bool own = false;  // «собственная разработка»
    bool we = false;   // «мы», «у нас», «наш»: the author speaks for the adopter
    // one of the last two sentences, naming a person: an author's signature («Игорь Прозоров, глава …»)
    bool signature = false;
};

SentenceCues CuesOf(const Doc& d, std::size_t s) {
    SentenceCues c;
    bool like = false, also = false, own = false, developed = false;
    for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i) {
        const Tok& t = d.toks[i];
        if (!t.word) continue;
        const std::string& f = t.folded;
        like = like || adoption::Pre(f, {"подобн", "аналогичн", "похож"}) ||
               adoption::In(f, {"такие", "такой", "такая", "такое"});
        also = also || adoption::In(f, {"также", "тоже"});
        c.parallel = c.parallel || (f == "как" && i + 2 < d.sents[s].end_token && d.toks[i + 1].folded == "и" &&
                                    adoption::In(d.toks[i + 2].folded, {"в", "во", "у"}));
        c.event = c.event || adoption::Pre(f, {"вебинар", "форум", "конференц", "презент", "представил", "выставк"});
        own = own || adoption::Pre(f, {"собствен"});
        c.we = c.we || adoption::In(f, {"мы", "нас", "нам", "нами"}) || adoption::Pre(f, {"наш"});
        developed = developed || adoption::Pre(f, {"разработ"});
        Trigger tr = adoption::TriggerOf(t, i > d.sents[s].first_token ? &d.toks[i - 1] : nullptr);
        if (tr != Trigger::kNone) c.triggers.insert(tr);
        c.source_cue = c.source_cue || adoption::IsSourceCue(t.folded);
        c.strong_cue = c.strong_cue || adoption::IsStrongCue(t.folded);
        c.learn = c.learn || adoption::IsLearnVerb(t.folded);
    }
    c.parallel = c.parallel || (like && also);
    if (s + 2 >= d.sents.size())
        for (std::size_t m = 0; m < d.mentions.size() && !c.signature; ++m)
            c.signature = d.mentions[m].kind == MentionKind::kPerson && d.toks[d.spans[m].first].sent == s;
    c.own = own && developed;
    return c;
}

// A word as a feature: short words as written (prepositions), longer ones by stem.
std::string WordFeature(const Doc& d, std::size_t i) {
    const Tok& t = d.toks[i];
    if (!t.word) return t.text == "«" || t.text == "»" || t.text == "\"" ? "q" : t.text == "," ? "," : "p";
    return t.folded.size() <= 6 ? t.folded : text::Stem(t.folded);
}

struct Entity {
    std::string key;
    std::vector<std::size_t> mentions;  // by position
    std::size_t rep = 0;                // the mention that names it: the first not adjectival
};

std::vector<Entity> Entities(const Finder& f) {
    std::vector<Entity> es;
    std::map<std::string, std::size_t> at;
    for (std::size_t s = 0; s < f.d.sents.size(); ++s)
        for (std::size_t m : f.Boilerplate(s) ? std::vector<std::size_t>{} : f.Candidates(s)) {
            std::string k = f.Key(m);
            auto [it, fresh] = at.emplace(k, es.size());
            if (fresh) es.push_back(Entity{k, {}, m});
            Entity& e = es[it->second];
            e.mentions.push_back(m);
            if (f.d.mentions[e.rep].adjectival && !f.d.mentions[m].adjectival) e.rep = m;
        }
    if (es.size() > 14) es.resize(14);  // the first named: later ones are background
    return es;
}

std::string Bucket(std::size_t n) { return n >= 3 ? "3+" : std::to_string(n); }

// Features of one entity in one role («A» adopter, «S» source).
void RoleFeatures(const Finder& f, const std::vector<SentenceCues>& cues, const Entity& e, bool first, bool most,
                  const std::string& r, std::set<std::string>& out) {
    const Doc& d = f.d;
    out.insert(r + ":kind=" + std::string(MentionKindCode(d.mentions[e.rep].kind)));
    out.insert(r + ":count=" + Bucket(e.mentions.size()));
    if (first) out.insert(r + ":first");
    if (d.toks[d.spans[e.mentions.front()].first].sent == 0)
        out.insert(r + ":head_kind=" + std::string(MentionKindCode(d.mentions[e.rep].kind)));
    if (most) out.insert(r + ":most");
    for (std::size_t m : e.mentions) {
        const Mention& mm = d.mentions[m];
        auto [b, end] = d.spans[m];
        std::size_t s = d.toks[b].sent, sb = d.sents[s].first_token, se = d.sents[s].end_token;
        if (mm.adjectival) out.insert(r + ":adj");
        if (mm.demonym) out.insert(r + ":demonym");
        out.insert(r + (s == 0 ? ":head" : s <= 2 ? ":lede" : ":body"));
        if (cues[s].signature) out.insert(r + ":signature");
        // «ЯРОСЛАВЛЬ, 14 ноября.»: the agency's dateline
        if (b == sb && d.toks[b].all_caps && end < se && d.toks[end].text == "," && s <= 2) out.insert(r + ":dateline");
        if (b == sb) out.insert(r + ":opens");
        if (b > sb) out.insert(r + ":p1=" + WordFeature(d, b - 1));
        if (b > sb + 1) out.insert(r + ":p2=" + WordFeature(d, b - 2));
        if (end < se) out.insert(r + ":n1=" + WordFeature(d, end));
        if (mm.adjectival && end < se && d.toks[end].word && adoption::IsPracticeNoun(d.toks[end].folded))
            out.insert(r + ":adj_practice");
        for (std::size_t i = b > sb + 3 ? b - 3 : sb; i < b; ++i)
            if (d.toks[i].word && adoption::IsSourceCue(d.toks[i].folded)) out.insert(r + ":cue_before");
        for (Trigger t : cues[s].triggers) out.insert(r + ":sent=" + TriggerName(t));
        if (cues[s].source_cue) out.insert(r + ":sent=source_cue");
        if (cues[s].strong_cue) out.insert(r + ":sent=strong_cue");
        if (cues[s].learn) out.insert(r + ":sent=learn");
        if (cues[s].parallel) out.insert(r + ":sent=parallel");
        if (cues[s].event) out.insert(r + ":sent=event");
    }
}

// Features of the pair: do they meet in a sentence, in which order, with which cue; their regions.
void PairFeatures(const Finder& f, const std::vector<SentenceCues>& cues, const Entity& a, const Entity& s,
                  std::set<std::string>& out, std::size_t& best_sentence) {
    const Doc& d = f.d;
    std::size_t min_dist = 99;
    int best_rank = -1;
    for (std::size_t ma : a.mentions)
        for (std::size_t ms : s.mentions) {
            std::size_t sa = d.toks[d.spans[ma].first].sent, ss = d.toks[d.spans[ms].first].sent;
            min_dist = std::min(min_dist, sa > ss ? sa - ss : ss - sa);
            if (sa != ss) continue;
            out.insert(d.spans[ms].first < d.spans[ma].first ? "P:S_before_A" : "P:A_before_S");
            for (Trigger t : cues[sa].triggers) out.insert(std::string("P:together=") + TriggerName(t));
            if (cues[sa].source_cue) out.insert("P:together=source_cue");
            int rank = static_cast<int>(cues[sa].triggers.size()) + (cues[sa].source_cue ? 2 : 0);
            if (rank > best_rank) best_rank = rank, best_sentence = sa;
        }
    out.insert("P:dist=" + Bucket(min_dist));
    if (best_rank < 0) {  // not together: the source's most cued sentence
        for (std::size_t ms : s.mentions) {
            std::size_t ss = d.toks[d.spans[ms].first].sent;
            int rank = static_cast<int>(cues[ss].triggers.size()) + (cues[ss].source_cue ? 2 : 0);
            if (rank > best_rank) best_rank = rank, best_sentence = ss;
        }
    }
    std::string ra = f.RegionOf(a.rep), rs = f.RegionOf(s.rep);
    if (!ra.empty() && ra == rs) out.insert("P:same_region");
    const Mention &ma = d.mentions[a.rep], &ms = d.mentions[s.rep];
    // a region and a place inside it: which one holds the other
    auto is_region = [](const Mention& m) { return m.ref && m.ref->kind == EntityKind::kRegion; };
    if (is_region(ma) && !is_region(ms) && ma.ref->code == rs) out.insert("P:A_holds_S");
    if (is_region(ms) && !is_region(ma) && ms.ref->code == ra) out.insert("P:S_holds_A");
    out.insert(a.mentions.front() < s.mentions.front() ? "P:A_named_first" : "P:S_named_first");
    out.insert("P:kinds=" + std::string(MentionKindCode(ma.kind)) + ">" + std::string(MentionKindCode(ms.kind)));
}

// A place named only beside a parallel («подобные … также в Улан-Удэ») is no source (as the rules read it).
bool OnlyInParallels(const Doc& d, const std::vector<SentenceCues>& cues, const Entity& e) {
    for (std::size_t m : e.mentions)
        if (!cues[d.toks[d.spans[m].first].sent].parallel) return false;
    return true;
}

// An adopter is named in the headline or the lede, or where something is taken up, introduced, learnt or
// given as an example: a place only watching a presentation further on («трансляцию смотрели специалисты
// Тульской области») takes nothing up.
// So is one named in the last lines of a text written in the first person: the signature of an official's
// post («Хотим попробовать так же у нас. … Игорь Прозоров, глава Воткинского района»).
bool NamedWhereTakenUp(const Doc& d, const std::vector<SentenceCues>& cues, const Entity& e, bool we) {
    for (std::size_t m : e.mentions) {
        std::size_t s = d.toks[d.spans[m].first].sent;
        const SentenceCues& c = cues[s];
        if (s <= 1 || !c.triggers.empty() || c.learn || c.source_cue || (we && c.signature)) return true;
    }
    return false;
}

std::vector<RankCandidate> CandidatesOf(const Finder& f) {
    const Doc& d = f.d;
    std::vector<SentenceCues> cues;
    std::set<std::string> doc_features;
    bool cued = false, we = false;  // a verb of taking up or introducing, or an example word, somewhere
    for (std::size_t s = 0; s < d.sents.size(); ++s) {
        // «Читайте также: …», «Фото: …»: the outlet's other news and credits say nothing about this one
        cues.push_back(f.Boilerplate(s) ? SentenceCues{} : CuesOf(d, s));
        for (Trigger t : cues.back().triggers) doc_features.insert(std::string("D:") + TriggerName(t));
        if (cues.back().source_cue) doc_features.insert("D:source_cue");
        if (cues.back().parallel) doc_features.insert("D:parallel");
        if (cues.back().event) doc_features.insert("D:event");
        if (cues.back().own) doc_features.insert("D:own");
        // the author speaks for the adopter where the text speaks of taking something up
        bool cued_here = !cues.back().triggers.empty() || cues.back().source_cue || cues.back().learn;
        we = we || (cues.back().we && cued_here);
        cued = cued || !cues.back().triggers.empty() || cues.back().source_cue;
    }
    std::vector<RankCandidate> out;
    if (!cued) return out;
    auto es = Entities(f);
    std::size_t most = 0;
    for (std::size_t i = 0; i < es.size(); ++i)
        if (es[i].mentions.size() > es[most].mentions.size()) most = i;
    doc_features.insert("D:entities=" + Bucket(es.size() / 3));
    // «Тольяттинский машиностроительный колледж» and «Тольятти»: a body and the place it is in, both parties
    std::set<std::string> places_with_body, bodies_with_place;
    for (const auto& e : es) {
        if (d.mentions[e.rep].kind != MentionKind::kOrganisation) continue;
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            auto [b, end] = d.spans[m];
            if (m == e.rep || !adoption::IsPlaceKind(d.mentions[m].kind) || b < d.spans[e.rep].first ||
                end > d.spans[e.rep].second)
                continue;
            places_with_body.insert(f.Key(m));
            bodies_with_place.insert(e.key);
        }
    }
    auto nesting = [&](const Entity& e, const std::string& r, std::set<std::string>& fs_out) {
        if (places_with_body.count(e.key)) fs_out.insert(r + ":place_of_body");
        if (bodies_with_place.count(e.key)) fs_out.insert(r + ":body_in_place");
    };
    if (we) doc_features.insert("D:we");
    std::vector<std::string> folded;
    for (const auto& e : es) folded.push_back(text::Fold(e.key));
    for (std::size_t ia = 0; ia < es.size(); ++ia)
        for (std::size_t is = 0; is < es.size(); ++is) {
            // «городской округ Саранск» and «Саранск» are one party
            if (ia == is || folded[ia].find(folded[is]) != std::string::npos ||
                folded[is].find(folded[ia]) != std::string::npos || OnlyInParallels(d, cues, es[is]) ||
                !NamedWhereTakenUp(d, cues, es[ia], we))
                continue;
            std::set<std::string> fs = doc_features;
            RoleFeatures(f, cues, es[ia], ia == 0, ia == most, "A", fs);
            RoleFeatures(f, cues, es[is], is == 0, is == most, "S", fs);
            nesting(es[ia], "A", fs);
            nesting(es[is], "S", fs);
            RankCandidate c;
            c.adopter = es[ia].rep;
            c.source = es[is].rep;
            c.adopter_region = f.RegionOf(c.adopter);
            c.source_region = f.RegionOf(c.source);
            PairFeatures(f, cues, es[ia], es[is], fs, c.sentence);
            c.features.assign(fs.begin(), fs.end());
            out.push_back(std::move(c));
        }
    return out;
}

}  // namespace

std::vector<RankCandidate> AdoptionCandidates(const Doc& d) {
    std::vector<Fact> none;
    Finder f(d, none, false);
    return CandidatesOf(f);
}

RankModel RankModel::Parse(std::string_view text) {
    RankModel m;
    while (!text.empty()) {
        auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        auto tab = line.rfind('\t');
        if (tab == std::string_view::npos) continue;
        std::string value(line.substr(tab + 1));
        double w = std::strtod(value.c_str(), nullptr);
        std::string name(line.substr(0, tab));
        if (name == "@bias")
            m.bias_ = w;
        else if (name == "@threshold")
            m.threshold_ = w;
        else if (name == "@beside")
            m.beside_ = w;
        else if (name == "@margin")
            m.margin_ = w;
        else if (name == "@choice")
            m.choice_ = w != 0;
        else
            m.weights_[name] = w;
    }
    return m;
}

const RankModel* RankModel::Embedded() {
#ifdef ORIENTIR_RANKER_MODEL_PATH
    static const RankModel model =
        Parse(std::string_view(orientir_ranker_model_begin,
                               static_cast<std::size_t>(orientir_ranker_model_end - orientir_ranker_model_begin)));
    return model.empty() ? nullptr : &model;
#else
    return nullptr;
#endif
}

double RankModel::Score(const std::vector<std::string>& features) const {
    double z = bias_;
    for (const auto& f : features)
        if (auto it = weights_.find(f); it != weights_.end()) z += it->second;
    return z;
}

double RankModel::Probability(const std::vector<std::string>& features) const {
    return 1.0 / (1.0 + std::exp(-Score(features)));
}

std::pair<std::optional<std::size_t>, double> RankModel::Choose(const std::vector<RankCandidate>& cands) const {
    std::optional<std::size_t> best;
    double best_z = 0, top = 0;
    std::vector<double> z;
    for (std::size_t i = 0; i < cands.size(); ++i) {
        z.push_back(Score(cands[i].features));
        if (!best || z[i] > best_z) best = i, best_z = z[i];
        top = std::max(top, z[i]);
    }
    if (!best) return {std::nullopt, 0.0};
    if (!choice_) return {best, 1.0 / (1.0 + std::exp(-best_z))};
    double all = std::exp(-top);  // «none of them» scores 0
    for (double x : z) all += std::exp(x - top);
    return {best, std::exp(best_z - top) / all};
}

namespace {
// A phrase a curator could keep as the practice's title: it opens with a practice noun, an adjective or a
// quoted name, names a practice, holds no verb and is more than a generic «модель» («центр могут», «всех
// муниципалитетах области» are not).
bool UsablePractice(const std::string& phrase) {
    if (phrase.empty() || adoption::GenericPhrase(phrase)) return false;
    bool first = true, noun = false;
    std::string head;  // the first word
    for (const auto& t : text::Tokenize(phrase)) {
        // «модель в нескольких школах», «проект в пилотном режиме»: a generic head and where or how it runs
        if (t.is_word && !first && head.size() > 0 && noun && adoption::In(t.folded, {"в", "во", "на", "с", "со"}) &&
            adoption::GenericPhrase(head))
            return false;
        if (t.is_word && first) head = t.folded;
        if (!t.is_word) {
            if (first && t.text == "«") return true;
            continue;
        }
        Tok tok;
        tok.text = t.text;
        tok.folded = t.folded;
        tok.word = true;
        if (VerbForm(tok)) return false;
        if (first && !adoption::IsPracticeNoun(t.folded) && !adoption::AdjectiveShaped(t.folded)) return false;
        noun = noun || adoption::IsPracticeNoun(t.folded);
        first = false;
    }
    return noun;
}
}  // namespace

namespace {
// One reading of an article for the ranker: the rules' finder (for keys, practices, stages) and the candidate
// pairs, built once however many of the ranker's steps use them.
struct Reading {
    std::vector<Fact> none;
    Finder f;
    std::vector<RankCandidate> cands;
    Reading(const Doc& d, bool personnel) : f(d, none, personnel), cands(CandidatesOf(f)) {}
};

// The model's best candidate as a fact when its probability reaches `threshold` and `keep` accepts it;
// `intro` opens the `why` the review page shows.
template <typename Keep>
bool Propose(const Reading& r, const RankModel& model, double threshold, Keep keep, const std::string& intro,
             Fact& out) {
    const Doc& d = r.f.d;
    auto [at, best_p] = model.Choose(r.cands);
    if (!at || best_p < threshold || !keep(r.cands[*at])) return false;
    const RankCandidate* best = &r.cands[*at];
    std::size_t s = best->sentence;
    adoption::Cues cues = r.f.ScanCues(s);
    // «На вопрос, будет ли он переносить … опыт, …»: a borrowing only asked about is none
    if (cues.main == Trigger::kNone)
        for (std::size_t i = d.sents[s].first_token; i + 1 < d.sents[s].end_token; ++i)
            if (d.toks[i].folded == "ли")
                for (std::size_t k = i + 1; k < d.sents[s].end_token && k < i + 4; ++k)
                    if (adoption::TriggerOf(d.toks[k], &d.toks[k - 1]) != Trigger::kNone) return false;
    out = Fact{};
    out.kind = FactKind::kAdoption;
    out.adopter = best->adopter;
    out.source = best->source;
    out.adopter_region = best->adopter_region;
    out.source_region = best->source_region;
    auto practices = r.f.Practices(s, cues.verb, best->source);
    if (!practices.empty()) out.practice_text = practices.front();
    // the evidence sentence may only point at the practice: the headline and the lede name it
    if (!UsablePractice(out.practice_text)) out.practice_text = r.f.LeadPractice(s, out.practice_text);
    if (!UsablePractice(out.practice_text)) out.practice_text.clear();  // the curator names it
    out.stage = r.f.StageFor(s, cues.main, best->adopter, best->source, out.practice_text);
    out.channel = r.f.ChannelOf(s);
    out.evidence = Evidence{d.sents[s].start, d.sents[s].end, d.SliceCp(d.sents[s].start, d.sents[s].end)};
    out.confidence = std::min(best_p, 0.9) * 0.8;  // a guess from the whole article: below the rules' facts
    out.why = intro + " (вероятность " + std::to_string(static_cast<int>(best_p * 100 + 0.5)) +
              " %): проверьте, кто у кого перенял";
    return true;
}

bool Fallback(const Reading& r, const RankModel& model, Fact& out) {
    return Propose(
        r, model, model.threshold(), [](const RankCandidate&) { return true; },
        "Предложено моделью по всей статье, а не правилом", out);
}

bool Beside(const Reading& r, const RankModel& model, const std::vector<Fact>& facts, std::size_t from, Fact& out) {
    auto fresh = [&](const RankCandidate& c) {
        return std::none_of(facts.begin() + static_cast<std::ptrdiff_t>(from), facts.end(), [&](const Fact& x) {
            return x.kind == FactKind::kAdoption && SameParties(r.f.d.mentions, x, c);
        });
    };
    return Propose(r, model, model.beside(), fresh, "Предложено моделью по всей статье рядом с тем, что нашли правила",
                   out);
}

void Complete(const Reading& r, const RankModel& model, std::vector<Fact>& facts, std::size_t from) {
    for (std::size_t k = from; k < facts.size(); ++k) {
        Fact& fact = facts[k];
        if (fact.kind != FactKind::kAdoption || fact.adopter || !fact.source) continue;
        const std::string source = r.f.Key(*fact.source);
        std::vector<RankCandidate> same;
        for (const auto& c : r.cands)
            if (r.f.Key(c.source) == source && !r.f.NoPair(c.adopter, *fact.source)) same.push_back(c);
        auto [at, p] = model.Choose(same);
        if (!at) continue;
        fact.adopter = same[*at].adopter;
        fact.adopter_region = same[*at].adopter_region;
        fact.confidence = std::min(fact.confidence, 0.5);  // the adopter is a guess
        fact.why = "Перенимающий не назван в предложении: его подобрала модель по всей статье — проверьте";
    }
}
}  // namespace

bool SameParties(const std::vector<Mention>& mentions, const Fact& fact, const RankCandidate& c) {
    // one party: the same normal form, or a region and a place or body in it («Пермь» and «Пермский край»),
    // not two towns of one region
    auto same = [&](const std::optional<std::size_t>& a, const std::string& ra, std::size_t b, const std::string& rb) {
        if (!a) return false;
        if (mentions[*a].normal == mentions[b].normal) return true;
        return !ra.empty() && ra == rb &&
               (mentions[*a].kind == MentionKind::kRegion || mentions[b].kind == MentionKind::kRegion);
    };
    return same(fact.adopter, fact.adopter_region, c.adopter, c.adopter_region) &&
           same(fact.source, fact.source_region, c.source, c.source_region);
}

bool RankedAdoption(const Doc& d, const RankModel& model, bool personnel, Fact& out) {
    return Fallback(Reading(d, personnel), model, out);
}

bool RankedBeside(const Doc& d, const RankModel& model, bool personnel, const std::vector<Fact>& facts,
                  std::size_t from, Fact& out) {
    return Beside(Reading(d, personnel), model, facts, from, out);
}

void CompleteAdopters(const Doc& d, const RankModel& model, std::vector<Fact>& facts, std::size_t from) {
    Complete(Reading(d, false), model, facts, from);
}

void RankerPass(const Doc& d, const RankModel& model, bool personnel, std::vector<Fact>& facts, std::size_t from) {
    const bool found = std::any_of(facts.begin() + static_cast<std::ptrdiff_t>(from), facts.end(),
                                   [](const Fact& x) { return x.kind == FactKind::kAdoption; });
    const Reading r(d, personnel);
    if (r.cands.empty()) return;
    Fact guess;
    // «стартовал в России», «мэрии Йошкар-Олы» from «Йошкар-Олы»: no two parties (as the rules check them)
    auto home = [&](const Fact& g) { return g.source && r.f.NoPair(g.adopter, *g.source); };
    if (!found) {
        if (Fallback(r, model, guess) && !home(guess)) facts.push_back(std::move(guess));
        return;
    }
    Complete(r, model, facts, from);
    if (Beside(r, model, facts, from, guess) && !home(guess)) facts.push_back(std::move(guess));
}

}  // namespace orientir::extract::detail
