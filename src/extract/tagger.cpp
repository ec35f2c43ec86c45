#include "extract/tagger.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "extract/lexicon.hpp"
#include "text/stem.hpp"

#ifdef ORIENTIR_NER_MODEL_PATH
// The model file is embedded at build time (see CMakeLists.txt): no file to find at run time.
__asm__(
    ".section .rodata\n"
    ".balign 16\n"
    ".global orientir_ner_model_begin\n"
    "orientir_ner_model_begin:\n"
    ".incbin \"" ORIENTIR_NER_MODEL_PATH
    "\"\n"
    ".global orientir_ner_model_end\n"
    "orientir_ner_model_end:\n"
    ".previous\n");
extern "C" const char orientir_ner_model_begin[];
extern "C" const char orientir_ner_model_end[];
#endif

namespace orientir::extract::detail {

namespace {

constexpr char kMagic[8] = {'O', 'N', 'E', 'R', 'P', 'C', '0', '2'};

std::uint32_t Hash(std::uint32_t id, std::string_view s) {
    std::uint32_t h = 2166136261u ^ (id * 16777619u);
    for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    h ^= h >> 15;
    h *= 0x2c1b3c6dU;
    h ^= h >> 12;
    return h & (Tagger::kBuckets - 1);
}

std::string Shape(const Tok& t) {
    if (!t.word) return t.text.size() <= 3 ? t.text : "P";
    std::string s;
    for (std::size_t i = 0; i < t.text.size() && s.size() < 4;) {
        auto c = static_cast<unsigned char>(t.text[i]);
        char k;
        std::size_t len = 1;
        if (c >= '0' && c <= '9')
            k = 'd';
        else if (c >= 'A' && c <= 'Z')
            k = 'L';
        else if (c >= 'a' && c <= 'z')
            k = 'l';
        else if (c == 0xD0 || c == 0xD1) {
            auto c1 = i + 1 < t.text.size() ? static_cast<unsigned char>(t.text[i + 1]) : 0;
            bool upper = (c == 0xD0 && ((c1 >= 0x90 && c1 <= 0xAF) || c1 == 0x81));
            k = upper ? 'X' : 'x';
            len = 2;
        } else {
            k = '-';
            len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        }
        if (s.empty() || s.back() != k) s += k;
        i += len;
    }
    return s;
}

std::string_view Suffix(const std::string& folded, std::size_t cps) {
    // last `cps` code points
    std::size_t i = folded.size(), n = 0;
    while (i > 0 && n < cps) {
        --i;
        if ((static_cast<unsigned char>(folded[i]) & 0xC0) != 0x80) ++n;
    }
    return std::string_view(folded).substr(i);
}

std::string_view Prefix(const std::string& folded, std::size_t cps) {
    // first `cps` code points
    std::size_t i = 0, n = 0;
    while (i < folded.size() && n < cps) {
        ++i;
        while (i < folded.size() && (static_cast<unsigned char>(folded[i]) & 0xC0) == 0x80) ++i;
        ++n;
    }
    return std::string_view(folded).substr(0, i);
}

}  // namespace

std::vector<RuleInfo> CollectRuleInfo(const Doc& d) {
    std::vector<RuleInfo> info(d.toks.size());
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        const auto& mm = d.mentions[m];
        if (mm.start < 0) continue;
        auto [b, e] = d.spans[m];
        for (std::size_t i = b; i < e && i < info.size(); ++i) {
            std::uint8_t bi = i == b ? 1 : 2;
            switch (mm.kind) {
                case MentionKind::kPerson:
                    info[i].per = bi;
                    break;
                case MentionKind::kOrganisation:
                    if (!info[i].org) info[i].org = bi;
                    break;
                case MentionKind::kRegion:
                    info[i].loc = mm.adjectival ? 4 : 1;
                    break;
                case MentionKind::kMunicipality:
                    info[i].loc = mm.adjectival ? 5 : 2;
                    break;
                case MentionKind::kCountry:
                    info[i].loc = mm.adjectival ? 6 : 3;
                    break;
                case MentionKind::kPosition:
                    info[i].pos = 1;
                    break;
            }
            if (mm.ref && mm.kind != MentionKind::kPosition) info[i].ref = true;
        }
    }
    return info;
}

namespace {
std::uint32_t Mix(std::uint32_t a, std::uint32_t b) {
    std::uint32_t h = a * 0x9E3779B1u ^ (b + 0x7F4A7C15u + (a << 6) + (a >> 2));
    h ^= h >> 15;
    h *= 0x2c1b3c6dU;
    h ^= h >> 12;
    return h;
}
}  // namespace

std::vector<Tagger::TokFeat> Tagger::Precompute(const Doc& d, const std::vector<RuleInfo>& info) const {
    const auto& lex = Lexicon::Get();
    std::vector<TokFeat> out(d.toks.size());
    for (std::size_t i = 0; i < d.toks.size(); ++i) {
        const Tok& t = d.toks[i];
        TokFeat& f = out[i];
        f.shape = Shape(t);
        f.h_word = Hash(1, t.folded);
        f.h_key = Hash(2, t.key);
        f.h_suf2 = Hash(3, Suffix(t.folded, 2));
        f.h_suf3 = Hash(4, Suffix(t.folded, 3));
        f.h_suf4 = Hash(5, Suffix(t.folded, 4));
        f.h_shape = Hash(6, f.shape);
        f.cluster = clusters_.Of(t.folded);
        f.h_pre3 = Hash(7, Prefix(t.folded, 3));
        f.h_pre4 = Hash(8, Prefix(t.folded, 4));
        f.lex = (lex.first_names.count(t.key) ? 1 : 0) | (IsPatronymic(t.folded) ? 2 : 0) |
                (LooksLikeSurname(t.folded) ? 4 : 0) | (lex.org_types.count(t.key) ? 8 : 0) |
                (lex.IsPostHead(t.key, t.folded) ? 16 : 0);
        // a capitalised word the dictionary knows in lower case is a common word, not a name
        if (t.word && t.cap && !t.all_caps) {
            const auto& lem = text::Lemmatizer::Default();
            if (lem.has_dictionary() && lem.Known(t.folded)) f.lex |= 32;
        }
    }
    AddContext(d, info, out);
    return out;
}

// What the text around a token says: inside «…», an organisation type word shortly before it in the
// same phrase (the genitive chain «комитета Совета Федерации по экономической политике»), and what the
// same word is elsewhere in the document (capitalised mid-sentence; a person, organisation or place to
// the rules) — one document usually reads a name one way.
void Tagger::AddContext(const Doc& d, const std::vector<RuleInfo>& info, std::vector<TokFeat>& tf) {
    std::unordered_map<std::string_view, int> seen;
    for (std::size_t i = 0; i < d.toks.size(); ++i) {
        const Tok& t = d.toks[i];
        if (!t.word) continue;
        int& bits = seen[t.key];
        if (t.cap && !t.sent_start) bits |= 1;
        if (info[i].per) bits |= 2;
        if (info[i].org) bits |= 4;
        if (info[i].loc && info[i].loc < 4) bits |= 8;
    }
    bool quote = false;
    int org_left = 0;
    for (std::size_t i = 0; i < d.toks.size(); ++i) {
        const Tok& t = d.toks[i];
        if (i > 0 && t.sent != d.toks[i - 1].sent) quote = false, org_left = 0;
        if (t.text == "«") quote = true;
        if (t.text == "»") quote = false;
        tf[i].quote = quote;
        tf[i].org_left = org_left;
        if (t.word) {
            auto it = seen.find(t.key);
            tf[i].doc = it == seen.end() ? 0 : it->second;
        }
        if (t.word && (tf[i].lex & 8))
            org_left = 1;
        else if (!t.word && t.text != "-" && t.text != "№")
            org_left = 0;
        else if (org_left > 0)
            org_left = std::min(org_left + 1, 5);
    }
}

void Tagger::Features(const Doc& d, const std::vector<TokFeat>& tf, const std::vector<RuleInfo>& info, std::size_t i,
                      std::vector<std::uint32_t>& out) {
    out.clear();
    const Tok& t = d.toks[i];
    const TokFeat& f = tf[i];
    constexpr std::uint32_t kMask = Tagger::kBuckets - 1;
    auto num = [&](std::uint32_t id, std::uint32_t v) { out.push_back(Mix(id * 7919u, v) & kMask); };
    auto with = [&](std::uint32_t id, std::uint32_t h) { out.push_back(Mix(id * 104729u, h) & kMask); };
    out.push_back(0);
    out.push_back(f.h_word);
    out.push_back(f.h_key);
    out.push_back(f.h_suf2);
    out.push_back(f.h_suf3);
    out.push_back(f.h_suf4);
    out.push_back(f.h_shape);
    num(10, (t.sent_start ? 2u : 0u) + (t.cap ? 1u : 0u));
    const RuleInfo& r = info[i];
    num(11, r.per * 100u + r.org * 10u + r.loc);
    num(12, r.per * 2u + (r.ref ? 1u : 0u));
    num(13, r.org * 2u + (r.ref ? 1u : 0u));
    num(14, r.loc * 2u + r.pos);
    num(15, static_cast<std::uint32_t>(f.lex));
    auto cap = t.cap ? 1u : 0u;
    num(60, (f.quote ? 2u : 0u) + cap);
    num(61, static_cast<std::uint32_t>(f.doc) * 2u + cap);
    num(62, static_cast<std::uint32_t>(f.org_left) * 4u + cap + (t.word ? 2u : 0u));
    if (i > 0) with(63, Mix(tf[i - 1].h_suf2, f.h_suf2));
    // prefixes (stems of unknown compounds: «Рособрнадзор», «Мосгорсуд») and the lexicons two words on
    with(64, f.h_pre3);
    with(65, f.h_pre4);
    for (int k : {-2, 2}) {
        std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + k;
        if (j >= 0 && j < static_cast<std::ptrdiff_t>(d.toks.size()))
            num(66 + static_cast<std::uint32_t>(k + 2),
                static_cast<std::uint32_t>(tf[static_cast<std::size_t>(j)].lex));
    }
    // word clusters of this token and its neighbours, coarse and fine
    for (int k : {-1, 0, 1}) {
        std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + k;
        if (j < 0 || j >= static_cast<std::ptrdiff_t>(d.toks.size())) continue;
        std::uint32_t c = tf[static_cast<std::size_t>(j)].cluster, base = 70 + static_cast<std::uint32_t>(k + 1) * 3;
        num(base, c == WordClusters::kNone ? c : c / WordClusters::kFinePerCoarse);
        num(base + 1, c);
        if (k == 0) num(base + 2, c * 2 + cap);
    }
    // word bigrams with the neighbours: «Совета Безопасности», «министерства связи»
    if (i > 0) with(16, Mix(tf[i - 1].h_word, f.h_word));
    if (i + 1 < d.toks.size()) with(17, Mix(f.h_key, tf[i + 1].h_key));
    for (int k : {-2, -1, 1, 2}) {
        std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + k;
        std::uint32_t base = 20 + static_cast<std::uint32_t>(k + 2) * 10;
        if (j < 0 || j >= static_cast<std::ptrdiff_t>(d.toks.size())) {
            num(base, 1);
            continue;
        }
        const auto ju = static_cast<std::size_t>(j);
        const TokFeat& o = tf[ju];
        with(base + 1, o.h_word);
        with(base + 2, o.h_shape);
        if (k == -1 || k == 1) {
            with(base + 3, o.h_key);
            const RuleInfo& ro = info[ju];
            num(base + 4, ro.per * 100u + ro.org * 10u + ro.loc);
            num(base + 5, static_cast<std::uint32_t>(o.lex));
            with(base + 6, Mix(o.h_shape, f.h_shape));
            with(base + 7, o.h_suf3);
        }
    }
}

void Tagger::ContextFeatures(const TokFeat& f, int prev, int prev2, std::uint32_t out[kContextFeatures]) {
    constexpr std::uint32_t kMask = Tagger::kBuckets - 1;
    auto p = static_cast<std::uint32_t>(prev), p2 = static_cast<std::uint32_t>(prev2);
    out[0] = Mix(7 * 7919u, p) & kMask;
    out[1] = Mix(8 * 7919u, p * 8 + p2) & kMask;
    out[2] = Mix((9 + p) * 104729u, f.h_shape) & kMask;
}

Tagger::Tagger() : w_(static_cast<std::size_t>(kBuckets) * kTagCount, 0.0f), u_(w_.size(), 0.0f) {}

namespace {
bool Allowed(int prev, int label) {
    if (label == kTagIPer) return prev == kTagBPer || prev == kTagIPer;
    if (label == kTagIOrg) return prev == kTagBOrg || prev == kTagIOrg;
    if (label == kTagILoc) return prev == kTagBLoc || prev == kTagILoc;
    return true;
}
}  // namespace

void Tagger::Scores(const std::vector<std::uint32_t>& feats, float* score) const {
    for (int l = 0; l < kTagCount; ++l) score[l] = 0;
    for (auto f : feats) {
        const float* w = &w_[static_cast<std::size_t>(f) * kTagCount];
        for (int l = 0; l < kTagCount; ++l) score[l] += w[l];
    }
}

// Second-order Viterbi over one sentence [a, b): the state is (previous label, label); the score of a
// label is its token features plus the context features of the two labels before it. BIO constraints
// hold (no I- after O or after another type).
void Tagger::Decode(const Doc& d, const std::vector<TokFeat>& tf, const std::vector<RuleInfo>& info, std::size_t a,
                    std::size_t b, std::uint8_t* out) const {
    constexpr int K = kTagCount;
    constexpr float kNeg = -1e30f;
    const std::size_t n = b - a;
    std::vector<float> delta(n * K * K, kNeg);     // [i][prev][label]
    std::vector<std::uint8_t> back(n * K * K, 0);  // best label before prev
    // context features that do not depend on the token: previous label, previous two labels
    float trans1[K][K], trans2[K][K][K];  // [prev][label], [prev][prev2][label]
    std::uint32_t ctx[kContextFeatures];
    for (int p = 0; p < K; ++p)
        for (int p2 = 0; p2 < K; ++p2) {
            ContextFeatures(tf[a], p, p2, ctx);
            for (int l = 0; l < K; ++l) {
                trans1[p][l] = w_[static_cast<std::size_t>(ctx[0]) * K + static_cast<std::size_t>(l)];
                trans2[p][p2][l] = w_[static_cast<std::size_t>(ctx[1]) * K + static_cast<std::size_t>(l)];
            }
        }
    std::vector<std::uint32_t> feats;
    float emit[K], shape[K][K];
    for (std::size_t i = 0; i < n; ++i) {
        Features(d, tf, info, a + i, feats);
        Scores(feats, emit);
        for (int p = 0; p < K; ++p) {
            ContextFeatures(tf[a + i], p, 0, ctx);
            for (int l = 0; l < K; ++l)
                shape[p][l] =
                    emit[l] + trans1[p][l] + w_[static_cast<std::size_t>(ctx[2]) * K + static_cast<std::size_t>(l)];
        }
        float* cur = &delta[i * K * K];
        std::uint8_t* bp = &back[i * K * K];
        if (i == 0) {
            for (int l = 0; l < K; ++l)
                if (Allowed(kTagO, l)) cur[kTagO * K + l] = shape[kTagO][l] + trans2[kTagO][kTagO][l];
            continue;
        }
        const float* prev = &delta[(i - 1) * K * K];
        for (int p = 0; p < K; ++p)
            for (int l = 0; l < K; ++l) {
                if (!Allowed(p, l)) continue;
                float best = kNeg;
                int arg = 0;
                for (int p2 = 0; p2 < K; ++p2) {
                    float v = prev[p2 * K + p];
                    if (v <= kNeg) continue;
                    v += trans2[p][p2][l];
                    if (v > best) best = v, arg = p2;
                }
                if (best <= kNeg) continue;
                cur[p * K + l] = best + shape[p][l];
                bp[p * K + l] = static_cast<std::uint8_t>(arg);
            }
    }
    const float* last = &delta[(n - 1) * K * K];
    int bp_ = 0, bl = 0;
    for (int p = 0; p < K; ++p)
        for (int l = 0; l < K; ++l)
            if (last[p * K + l] > last[bp_ * K + bl]) bp_ = p, bl = l;
    out[n - 1] = static_cast<std::uint8_t>(bl);
    if (n > 1) out[n - 2] = static_cast<std::uint8_t>(bp_);
    for (std::size_t i = n - 1; i >= 2; --i) out[i - 2] = back[i * K * K + out[i - 1] * K + out[i]];
}

template <class F>
void Tagger::ForSentences(const Doc& d, F&& f) {
    for (std::size_t a = 0; a < d.toks.size();) {
        std::size_t b = a + 1;
        while (b < d.toks.size() && d.toks[b].sent == d.toks[a].sent) ++b;
        f(a, b);
        a = b;
    }
}

std::vector<std::uint8_t> Tagger::Tag(const Doc& d, const std::vector<RuleInfo>& info) const {
    std::vector<std::uint8_t> out(d.toks.size(), kTagO);
    const auto tf = Precompute(d, info);
    ForSentences(d, [&](std::size_t a, std::size_t b) { Decode(d, tf, info, a, b, out.data() + a); });
    return out;
}

void Tagger::Update(const std::vector<std::uint32_t>& feats, const std::uint32_t* ctx, int label, float delta) {
    auto add = [&](std::uint32_t f) {
        std::size_t k = static_cast<std::size_t>(f) * kTagCount + static_cast<std::size_t>(label);
        w_[k] += delta;
        u_[k] += delta * static_cast<float>(c_);
    };
    for (auto f : feats) add(f);
    for (int k = 0; k < kContextFeatures; ++k) add(ctx[k]);
}

// Structured perceptron: decode the sentence with the current weights; where the decoded labels (with
// their two predecessors) differ from the gold ones, reward the gold features and penalise the decoded.
void Tagger::TrainDocument(const Doc& d, const std::vector<RuleInfo>& info, const std::vector<std::uint8_t>& gold) {
    const auto tf = Precompute(d, info);
    std::vector<std::uint8_t> pred(d.toks.size());
    std::vector<std::uint32_t> feats;
    std::uint32_t gctx[kContextFeatures], pctx[kContextFeatures];
    ForSentences(d, [&](std::size_t a, std::size_t b) {
        Decode(d, tf, info, a, b, pred.data() + a);
        for (std::size_t i = a; i < b; ++i) {
            auto at = [&](const std::vector<std::uint8_t>& v, std::size_t back) {
                return i >= a + back ? int{v[i - back]} : int{kTagO};
            };
            int g = gold[i], g1 = at(gold, 1), g2 = at(gold, 2);
            int y = pred[i], y1 = at(pred, 1), y2 = at(pred, 2);
            if (g == y && g1 == y1 && g2 == y2) continue;
            Features(d, tf, info, i, feats);
            ContextFeatures(tf[i], g1, g2, gctx);
            ContextFeatures(tf[i], y1, y2, pctx);
            Update(feats, gctx, g, 1.0f);
            Update(feats, pctx, y, -1.0f);
        }
        c_ += 1;
    });
}

void Tagger::Average() {
    for (std::size_t k = 0; k < w_.size(); ++k) w_[k] -= u_[k] / static_cast<float>(c_);
    u_.clear();
    u_.shrink_to_fit();
}

void Tagger::MixWith(const Tagger& other, float share) {
    for (std::size_t k = 0; k < w_.size(); ++k) w_[k] = w_[k] * (1 - share) + other.w_[k] * share;
}

std::string Tagger::Serialize() const {
    float max_abs = 1e-6f;
    for (float v : w_) max_abs = std::max(max_abs, std::fabs(v));
    float scale = max_abs / 32767.0f;
    std::string out(kMagic, sizeof kMagic);
    std::uint32_t header[2] = {kBuckets, kTagCount};
    out.append(reinterpret_cast<const char*>(header), sizeof header);
    out.append(reinterpret_cast<const char*>(&scale), sizeof scale);
    std::vector<std::int16_t> q(w_.size());
    for (std::size_t k = 0; k < w_.size(); ++k) q[k] = static_cast<std::int16_t>(std::lround(w_[k] / scale));
    out.append(reinterpret_cast<const char*>(q.data()), q.size() * sizeof(std::int16_t));
    clusters_.AppendTo(out);
    return out;
}

std::unique_ptr<Tagger> Tagger::FromBytes(std::string_view bytes) {
    const std::size_t head = sizeof kMagic + 2 * sizeof(std::uint32_t) + sizeof(float);
    if (bytes.size() < head || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return nullptr;
    std::uint32_t header[2];
    std::memcpy(header, bytes.data() + sizeof kMagic, sizeof header);
    float scale = 0;
    std::memcpy(&scale, bytes.data() + sizeof kMagic + sizeof header, sizeof scale);
    if (header[0] != kBuckets || header[1] != kTagCount) return nullptr;
    std::size_t n = static_cast<std::size_t>(kBuckets) * kTagCount;
    if (bytes.size() < head + n * sizeof(std::int16_t)) return nullptr;
    auto t = std::make_unique<Tagger>();
    t->u_.clear();
    t->u_.shrink_to_fit();
    std::vector<std::int16_t> q(n);
    std::memcpy(q.data(), bytes.data() + head, n * sizeof(std::int16_t));
    for (std::size_t k = 0; k < n; ++k) t->w_[k] = static_cast<float>(q[k]) * scale;
    if (!t->clusters_.Read(bytes.substr(head + n * sizeof(std::int16_t)))) return nullptr;
    return t;
}

namespace {
std::unique_ptr<Tagger>& ToolModel() {
    static std::unique_ptr<Tagger> model;
    return model;
}
}  // namespace

void Tagger::ReplaceEmbeddedForTools(std::unique_ptr<Tagger> model) { ToolModel() = std::move(model); }

const Tagger* Tagger::Embedded() {
    if (ToolModel()) return ToolModel().get();
#ifdef ORIENTIR_NER_MODEL_PATH
    static const std::unique_ptr<Tagger> model = FromBytes(std::string_view(
        orientir_ner_model_begin, static_cast<std::size_t>(orientir_ner_model_end - orientir_ner_model_begin)));
    return model.get();
#else
    return nullptr;
#endif
}

bool IsDevDocument(std::string_view name) {
    long id = 0;
    bool digits = false;
    for (char c : name) {
        if (c >= '0' && c <= '9') {
            id = id * 10 + (c - '0');
            digits = true;
        } else if (digits) {
            break;
        }
    }
    return digits && id % 5 == 0;
}

}  // namespace orientir::extract::detail
