#include "extract/adoption_ranker.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "extract/adoption_finder.hpp"
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
        case Trigger::kBorrow: return "borrow";
        case Trigger::kTransfer: return "transfer";
        case Trigger::kShare: return "share";
        case Trigger::kIntroduce: return "introduce";
        case Trigger::kSpread: return "spread";
        case Trigger::kInterest: return "interest";
        case Trigger::kNone: break;
    }
    return "none";
}

// What each sentence says, once per document.
struct SentenceCues {
    std::set<Trigger> triggers;
    bool source_cue = false;  // «опыт», «по примеру», «модель»
    bool strong_cue = false;
    bool learn = false;
};

SentenceCues CuesOf(const Doc& d, std::size_t s) {
    SentenceCues c;
    for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i) {
        const Tok& t = d.toks[i];
        if (!t.word) continue;
        Trigger tr = adoption::TriggerOf(t, i > d.sents[s].first_token ? &d.toks[i - 1] : nullptr);
        if (tr != Trigger::kNone) c.triggers.insert(tr);
        c.source_cue = c.source_cue || adoption::IsSourceCue(t.folded);
        c.strong_cue = c.strong_cue || adoption::IsStrongCue(t.folded);
        c.learn = c.learn || adoption::IsLearnVerb(t.folded);
    }
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
    if (most) out.insert(r + ":most");
    for (std::size_t m : e.mentions) {
        const Mention& mm = d.mentions[m];
        auto [b, end] = d.spans[m];
        std::size_t s = d.toks[b].sent, sb = d.sents[s].first_token, se = d.sents[s].end_token;
        if (mm.adjectival) out.insert(r + ":adj");
        if (mm.demonym) out.insert(r + ":demonym");
        out.insert(r + (s == 0 ? ":head" : s <= 2 ? ":lede" : ":body"));
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
    out.insert("P:kinds=" + std::string(MentionKindCode(ma.kind)) + ">" + std::string(MentionKindCode(ms.kind)));
}

std::vector<RankCandidate> CandidatesOf(const Finder& f) {
    const Doc& d = f.d;
    std::vector<SentenceCues> cues;
    std::set<std::string> doc_features;
    for (std::size_t s = 0; s < d.sents.size(); ++s) {
        // «Читайте также: …», «Фото: …»: the outlet's other news and credits say nothing about this one
        cues.push_back(f.Boilerplate(s) ? SentenceCues{} : CuesOf(d, s));
        for (Trigger t : cues.back().triggers) doc_features.insert(std::string("D:") + TriggerName(t));
        if (cues.back().source_cue) doc_features.insert("D:source_cue");
    }
    std::vector<RankCandidate> out;
    if (doc_features.empty()) return out;
    auto es = Entities(f);
    std::size_t most = 0;
    for (std::size_t i = 0; i < es.size(); ++i)
        if (es[i].mentions.size() > es[most].mentions.size()) most = i;
    doc_features.insert("D:entities=" + Bucket(es.size() / 3));
    for (std::size_t ia = 0; ia < es.size(); ++ia)
        for (std::size_t is = 0; is < es.size(); ++is) {
            if (ia == is) continue;
            std::set<std::string> fs = doc_features;
            RoleFeatures(f, cues, es[ia], ia == 0, ia == most, "A", fs);
            RoleFeatures(f, cues, es[is], is == 0, is == most, "S", fs);
            RankCandidate c;
            c.adopter = es[ia].rep;
            c.source = es[is].rep;
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
        else
            m.weights_[name] = w;
    }
    return m;
}

const RankModel* RankModel::Embedded() {
#ifdef ORIENTIR_RANKER_MODEL_PATH
    static const RankModel model = Parse(std::string_view(
        orientir_ranker_model_begin, static_cast<std::size_t>(orientir_ranker_model_end - orientir_ranker_model_begin)));
    return model.empty() ? nullptr : &model;
#else
    return nullptr;
#endif
}

double RankModel::Probability(const std::vector<std::string>& features) const {
    double z = bias_;
    for (const auto& f : features)
        if (auto it = weights_.find(f); it != weights_.end()) z += it->second;
    return 1.0 / (1.0 + std::exp(-z));
}

bool RankedAdoption(const Doc& d, const RankModel& model, bool personnel, Fact& out) {
    std::vector<Fact> none;
    Finder f(d, none, personnel);
    const RankCandidate* best = nullptr;
    double best_p = 0;
    auto cands = CandidatesOf(f);
    for (const auto& c : cands)
        if (double p = model.Probability(c.features); p > best_p) best_p = p, best = &c;
    if (!best || best_p < model.threshold()) return false;
    std::size_t s = best->sentence;
    adoption::Cues cues = f.ScanCues(s);
    out = Fact{};
    out.kind = FactKind::kAdoption;
    out.adopter = best->adopter;
    out.source = best->source;
    out.adopter_region = f.RegionOf(best->adopter);
    out.source_region = f.RegionOf(best->source);
    auto practices = f.Practices(s, cues.verb, best->source);
    if (!practices.empty()) out.practice_text = practices.front();
    out.stage = f.StageOf(s, cues.main);
    out.channel = f.ChannelOf(s);
    out.evidence = Evidence{d.sents[s].start, d.sents[s].end, d.SliceCp(d.sents[s].start, d.sents[s].end)};
    out.confidence = std::min(best_p, 0.9) * 0.8;  // a guess from the whole article: below the rules' facts
    return true;
}

}  // namespace orientir::extract::detail
