// Token and label-context features of the tagger (tagger.hpp): what a token, its neighbours, the rules
// and the rest of the document say about it. The model's hashed feature ids are computed here, so any
// change of a feature changes the model format: retrain (docs/extraction.md) in the same commit.
#include <algorithm>
#include <unordered_map>

#include "extract/lexicon.hpp"
#include "extract/tagger.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail {

namespace {

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
    MarkNames(d, out);
    return out;
}

std::string Tagger::NameKey(const Doc& d, std::size_t b, std::size_t e) {
    std::string key;
    for (std::size_t q = b; q < e; ++q) {
        if (q > b) key += ' ';
        key += d.toks[q].key;
    }
    return key;
}

void Tagger::MarkNames(const Doc& d, std::vector<TokFeat>& tf) const {
    const NameList& names = active_names_ ? *active_names_ : names_;
    if (names.empty()) return;
    for (std::size_t i = 0; i < d.toks.size();) {
        if (!d.toks[i].word || !d.toks[i].cap) {
            ++i;
            continue;
        }
        std::size_t best = 0;
        std::uint8_t bits = 0;
        std::string key;
        for (std::size_t e = i + 1;
             e <= d.toks.size() && e - i <= kMaxNameWords && d.toks[e - 1].sent == d.toks[i].sent; ++e) {
            if (e > i + 1) key += ' ';
            key += d.toks[e - 1].key;
            if (auto it = names.find(key); it != names.end()) best = e, bits = it->second;
        }
        if (!best) {
            ++i;
            continue;
        }
        tf[i].name = static_cast<std::uint8_t>(bits | 8);
        for (std::size_t q = i + 1; q < best; ++q) tf[q].name = bits;
        i = best;
    }
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

namespace {
// Word bigrams with the neighbours and the words, shapes, rule findings and endings of the two tokens on
// each side (part of Tagger::Features; the order of the pushed ids is the model's).
void NeighbourFeatures(const Doc& d, const std::vector<Tagger::TokFeat>& tf, const std::vector<RuleInfo>& info,
                       std::size_t i, std::vector<std::uint32_t>& out) {
    constexpr std::uint32_t kMask = Tagger::kBuckets - 1;
    auto num = [&](std::uint32_t id, std::uint32_t v) { out.push_back(Mix(id * 7919u, v) & kMask); };
    auto with = [&](std::uint32_t id, std::uint32_t h) { out.push_back(Mix(id * 104729u, h) & kMask); };
    const Tagger::TokFeat& f = tf[i];
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
        const Tagger::TokFeat& o = tf[ju];
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
}  // namespace

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
    // the capitalisation of the window (-2 .. +2): «Первый канал», «Государственного совета»
    std::uint32_t caps = 0;
    for (int k = -2; k <= 2; ++k) {
        std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + k;
        const Tok* o =
            j >= 0 && j < static_cast<std::ptrdiff_t>(d.toks.size()) ? &d.toks[static_cast<std::size_t>(j)] : nullptr;
        caps = caps * 4 + (!o ? 3u : !o->word ? 2u : o->cap ? 1u : 0u);
    }
    num(80, caps);
    // the neighbours' endings and stems (the case of a genitive chain; compounds)
    if (i > 0) with(81, tf[i - 1].h_suf2), with(82, tf[i - 1].h_pre4);
    if (i + 1 < d.toks.size()) with(83, tf[i + 1].h_suf2), with(84, tf[i + 1].h_pre4);
    // the word as written: «Метро», «Культура» are names, «метро», «культура» are not
    with(85, Hash(9, t.text));
    // a name of the training data here and around («Первый канал», «Рособрнадзор»)
    num(90, f.name * 2u + cap);
    num(91, i > 0 ? tf[i - 1].name : 99u);
    num(92, i + 1 < d.toks.size() ? tf[i + 1].name : 99u);
    NeighbourFeatures(d, tf, info, i, out);
}

void Tagger::ContextFeatures(const TokFeat& f, int prev, int prev2, std::uint32_t out[kContextFeatures]) {
    constexpr std::uint32_t kMask = Tagger::kBuckets - 1;
    auto p = static_cast<std::uint32_t>(prev), p2 = static_cast<std::uint32_t>(prev2);
    out[0] = Mix(7 * 7919u, p) & kMask;
    out[1] = Mix(8 * 7919u, p * 8 + p2) & kMask;
    out[2] = Mix((9 + p) * 104729u, f.h_shape) & kMask;
    out[3] = Mix((17 + p) * 104729u, f.h_key) & kMask;  // previous label with this word: «… Федерации», «… по»
    out[4] = Mix((25 + p) * 104729u, f.h_suf3) & kMask;
    out[5] = Mix((33 + p) * 7919u, f.cluster) & kMask;
}

}  // namespace orientir::extract::detail
