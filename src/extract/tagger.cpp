#include "extract/tagger.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>

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
#ifdef ORIENTIR_NER_INNER_PATH
// The second model: the innermost spans (names nested in names).
__asm__(
    ".section .rodata\n"
    ".balign 16\n"
    ".global orientir_ner_inner_begin\n"
    "orientir_ner_inner_begin:\n"
    ".incbin \"" ORIENTIR_NER_INNER_PATH
    "\"\n"
    ".global orientir_ner_inner_end\n"
    "orientir_ner_inner_end:\n"
    ".previous\n");
extern "C" const char orientir_ner_inner_begin[];
extern "C" const char orientir_ner_inner_end[];
#endif

namespace orientir::extract::detail {

namespace {

constexpr char kMagic[8] = {'O', 'N', 'E', 'R', 'P', 'C', '0', '3'};

}  // namespace

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
            for (int l = 0; l < K; ++l) {
                shape[p][l] = emit[l] + trans1[p][l];
                for (int k = 2; k < kContextFeatures; ++k)
                    shape[p][l] += w_[static_cast<std::size_t>(ctx[k]) * K + static_cast<std::size_t>(l)];
            }
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

std::vector<std::uint8_t> Tagger::TagSentences(const Doc& d, const std::vector<RuleInfo>& info,
                                               const std::vector<TokFeat>& tf,
                                               const std::vector<bool>& sentences) const {
    std::vector<std::uint8_t> out(d.toks.size(), kTagO);
    ForSentences(d, [&](std::size_t a, std::size_t b) {
        std::size_t s = d.toks[a].sent;
        if (s < sentences.size() && sentences[s]) Decode(d, tf, info, a, b, out.data() + a);
    });
    return out;
}

void Tagger::SetClusters(WordClusters c) {
    clusters_ = std::move(c);
    std::string bytes;
    clusters_.AppendTo(bytes);
    clusters_id_ = std::hash<std::string>{}(bytes);
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
    std::vector<std::pair<std::string, std::uint8_t>> names;
    for (const auto& [k, v] : names_)
        if (k.size() < 256) names.emplace_back(k, v);
    std::sort(names.begin(), names.end());
    auto count = static_cast<std::uint32_t>(names.size());
    out.append(reinterpret_cast<const char*>(&count), sizeof count);
    for (const auto& [k, v] : names) {
        out.push_back(static_cast<char>(k.size()));
        out += k;
        out.push_back(static_cast<char>(v));
    }
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
    auto rest = bytes.substr(head + n * sizeof(std::int16_t));
    t->clusters_id_ = std::hash<std::string_view>{}(rest);  // the names and the clusters
    std::uint32_t count = 0;
    if (rest.size() < sizeof count) return nullptr;
    std::memcpy(&count, rest.data(), sizeof count);
    rest.remove_prefix(sizeof count);
    for (std::uint32_t k = 0; k < count; ++k) {
        if (rest.empty() || rest.size() < 2u + static_cast<unsigned char>(rest[0])) return nullptr;
        auto len = static_cast<unsigned char>(rest[0]);
        t->names_.emplace(std::string(rest.substr(1, len)), static_cast<std::uint8_t>(rest[1 + len]));
        rest.remove_prefix(2u + len);
    }
    if (!t->clusters_.Read(rest)) return nullptr;
    return t;
}

namespace {
std::unique_ptr<Tagger>& ToolModel(bool inner) {
    static std::unique_ptr<Tagger> model[2];
    return model[inner ? 1 : 0];
}
}  // namespace

void Tagger::ReplaceEmbeddedForTools(std::unique_ptr<Tagger> model, bool inner) { ToolModel(inner) = std::move(model); }

const Tagger* Tagger::Embedded() {
    if (ToolModel(false)) return ToolModel(false).get();
#ifdef ORIENTIR_NER_MODEL_PATH
    static const std::unique_ptr<Tagger> model = FromBytes(std::string_view(
        orientir_ner_model_begin, static_cast<std::size_t>(orientir_ner_model_end - orientir_ner_model_begin)));
    return model.get();
#else
    return nullptr;
#endif
}

const Tagger* Tagger::EmbeddedInner() {
    if (ToolModel(true)) return ToolModel(true).get();
#ifdef ORIENTIR_NER_INNER_PATH
    static const std::unique_ptr<Tagger> model = FromBytes(std::string_view(
        orientir_ner_inner_begin, static_cast<std::size_t>(orientir_ner_inner_end - orientir_ner_inner_begin)));
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
