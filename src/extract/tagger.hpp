#pragma once
// A small structured averaged-perceptron sequence tagger for persons, organisations and places
// (internal to src/extract). It reads the tokens together with what the rules and gazetteers found (so
// it learns when to trust them) and word clusters learnt from unlabelled text, and tags BIO labels by
// second-order Viterbi decoding per sentence. Trained on nerel-train by extract_train (code in this
// folder); the model is shipped quantised (int16, 2^18 hashed features × 7 labels, plus the names of the
// training data and the clusters: ≈ 4.2 MB) and embedded in the binary; a second model of the same kind
// finds names nested in names (EmbeddedInner). Immutable after loading: safe for concurrent use.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/clusters.hpp"
#include "extract/doc.hpp"

namespace orientir::extract::detail {

enum TagLabel : std::uint8_t { kTagO = 0, kTagBPer, kTagIPer, kTagBOrg, kTagIOrg, kTagBLoc, kTagILoc, kTagCount };

// What the rules found at each token (features for the tagger).
struct RuleInfo {
    std::uint8_t per = 0;  // 0 none, 1 begin, 2 inside (rule or gazetteer person)
    std::uint8_t org = 0;
    std::uint8_t loc = 0;  // 0 none, 1 region, 2 municipality, 3 country; +3 when adjectival
    std::uint8_t pos = 0;  // inside a position mention
    bool ref = false;      // the mention at this token links to a directory record
};
std::vector<RuleInfo> CollectRuleInfo(const Doc& d);

class Tagger {
public:
    static constexpr std::uint32_t kBits = 18;
    static constexpr std::uint32_t kBuckets = 1u << kBits;

    // The model compiled into the binary, or nullptr when the build had none.
    static const Tagger* Embedded();
    static std::unique_ptr<Tagger> FromBytes(std::string_view bytes);  // nullptr when malformed
    // The model of the innermost spans (trained with `extract_train --inner`: «МВД» and «России» in «Главное
    // управление МВД России»), or nullptr. The extractor adds its spans nested in the mentions it found.
    static const Tagger* EmbeddedInner();
    // Tools only (extract_eval --model / --inner-model): Embedded() (or EmbeddedInner()) returns `model` from
    // now on. Call before extracting.
    static void ReplaceEmbeddedForTools(std::unique_ptr<Tagger> model, bool inner = false);

    std::vector<std::uint8_t> Tag(const Doc& d, const std::vector<RuleInfo>& info) const;

    // Training (extract_train).
    Tagger();
    // One pass over one document with gold labels (structured perceptron: each sentence is decoded and
    // the weights move from the decoded sequence's features towards the gold sequence's).
    void TrainDocument(const Doc& d, const std::vector<RuleInfo>& info, const std::vector<std::uint8_t>& gold);
    // Names annotated in the training data (stored with the model): the keys of their words joined by ' '
    // → type bits (1 person, 2 organisation, 4 place). Training shows each document the list without its
    // own fold (UseNamesForTraining), so the weights learn how far a name seen elsewhere can be trusted.
    using NameList = std::unordered_map<std::string, std::uint8_t>;
    static constexpr std::size_t kMaxNameWords = 8;
    static std::string NameKey(const Doc& d, std::size_t b, std::size_t e);
    void SetNames(NameList n) { names_ = std::move(n); }
    void UseNamesForTraining(const NameList* n) { active_names_ = n; }  // nullptr: the stored list
    // Word clusters learnt from unlabelled text (before training; stored with the model).
    void SetClusters(WordClusters c);
    // Replaces the weights by their average over all updates (call once, after the last epoch).
    void Average();
    // this = this * (1 - share) + other * share (parameter mixing of runs over different document orders).
    void MixWith(const Tagger& other, float share);
    std::string Serialize() const;

    // Per-token values computed once per document.
    struct TokFeat {
        std::string shape;
        std::uint32_t h_word = 0, h_key = 0, h_suf2 = 0, h_suf3 = 0, h_suf4 = 0, h_shape = 0, h_pre3 = 0, h_pre4 = 0;
        int lex = 0;            // bit flags: first name, patronymic, surname-like, org type, position head
        bool quote = false;     // inside «…» in its sentence
        int org_left = 0;       // 1 + words since an organisation type word in the same phrase (0: none; ≤ 5)
        int doc = 0;            // the same key elsewhere: capitalised mid-sentence 1, rule person 2, org 4, place 8
        std::uint8_t name = 0;  // in a name of the training data: type bits (1 person, 2 org, 4 place), +8 first word
        std::uint16_t cluster = WordClusters::kNone;  // fine word cluster
    };
    std::vector<TokFeat> Precompute(const Doc& d, const std::vector<RuleInfo>& info) const;
    // Tag() of the sentences s with sentences[s] only (the others O), from token features computed by
    // Precompute() of this model or of one with the same word clusters (SameClusters()).
    std::vector<std::uint8_t> TagSentences(const Doc& d, const std::vector<RuleInfo>& info,
                                           const std::vector<TokFeat>& tf, const std::vector<bool>& sentences) const;
    // The same word clusters and names (models loaded from the same training data): the same TokFeat.
    bool SameClusters(const Tagger& o) const { return clusters_id_ == o.clusters_id_; }
    static void AddContext(const Doc& d, const std::vector<RuleInfo>& info, std::vector<TokFeat>& tf);
    void MarkNames(const Doc& d, std::vector<TokFeat>& tf) const;  // longest known name from each capital
    // Features of token i that do not depend on the labels before it.
    static void Features(const Doc& d, const std::vector<TokFeat>& tf, const std::vector<RuleInfo>& info, std::size_t i,
                         std::vector<std::uint32_t>& out);
    // Features of the two labels before token i (transitions, previous label with this token's shape).
    static constexpr int kContextFeatures = 6;
    static void ContextFeatures(const TokFeat& f, int prev, int prev2, std::uint32_t out[kContextFeatures]);

private:
    void Scores(const std::vector<std::uint32_t>& feats, float* score) const;
    // Best label sequence of tokens [a, b) (one sentence) into out[0 .. b-a).
    void Decode(const Doc& d, const std::vector<TokFeat>& tf, const std::vector<RuleInfo>& info, std::size_t a,
                std::size_t b, std::uint8_t* out) const;
    template <class F>
    static void ForSentences(const Doc& d, F&& f);
    void Update(const std::vector<std::uint32_t>& feats, const std::uint32_t* ctx, int label, float delta);

    std::vector<float> w_;
    std::vector<float> u_;  // training only: sum of c * update, for averaging
    double c_ = 1;
    WordClusters clusters_;
    std::size_t clusters_id_ = 0;  // hash of the stored names and clusters (SameClusters)
    NameList names_;
    const NameList* active_names_ = nullptr;
};

// The deterministic split of nerel-train used for honest figures: documents whose numeric name is
// divisible by 5 are the dev set, never trained on.
bool IsDevDocument(std::string_view file_name);

}  // namespace orientir::extract::detail
