#include "search/analysis.hpp"

#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/json.hpp"
#include "text/normalize.hpp"
#include "text/stem.hpp"

namespace orientir::search::detail {

const std::vector<std::string>& SearchableKindsList() {
    static const std::vector<std::string> kKinds{"practice", "organisation", "person", "region", "municipality"};
    return kKinds;
}

std::string StemFolded(const std::string& folded) {
    // Xapian::Stem keeps per-call state in its Snowball environment: one per thread.
    thread_local Xapian::Stem stemmer("russian");
    return stemmer(folded);
}

namespace {

// Upper-case letters only (and at least two of them), up to 6 code points: «КРТ», «ХМАО», «ИИ».
bool IsAbbreviation(const std::string& text, const std::string& folded, std::int32_t len) {
    if (len < 2 || len > 6 || text == folded) return false;
    // Every code point must change under folding (i.e. be a capital letter).
    for (std::size_t i = 0; i < text.size();) {
        std::size_t j = i + 1;
        while (j < text.size() && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) ++j;
        std::string cp = text.substr(i, j - i);
        if (text::Fold(cp) == cp) return false;
        i = j;
    }
    return true;
}

}  // namespace

namespace {

// Letters, digits and combining marks continue a word; ASCII punctuation, Latin-1 punctuation,
// General Punctuation (dashes, quotes, ellipsis), currency and symbol blocks end it.
bool IsWordCodePoint(std::uint32_t u) {
    if (u < 0x80) return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
    if (u < 0xC0) return false;
    if (u == 0xD7 || u == 0xF7) return false;
    if (u >= 0x2000 && u <= 0x2BFF) return false;
    if (u >= 0x3000 && u <= 0x303F) return false;
    if (u >= 0xFE30 && u <= 0xFE4F) return false;
    if (u == 0xFEFF || u == 0xFFFD) return false;
    return true;
}

}  // namespace

// A byte-level word splitter instead of ICU's word break iterator (text::Tokenize): creating the
// iterator costs ~200 µs per call, which made snippets dominate search latency (20 hits × 2 fields)
// and halved indexing speed. For Russian and Latin text the word boundaries are the same.
// fn(byte_start, byte_end, cp_start, cp_end) for every word.
template <class Fn>
void SplitWords(std::string_view s, Fn&& fn) {
    std::size_t i = 0, n = s.size(), word_start = 0;
    std::int32_t cp = 0, word_cp = 0;
    bool in_word = false;
    while (i < n) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80 && c < 0xC0) {  // stray continuation byte: not a code point (as CodePointByteOffsets)
            ++i;
            continue;
        }
        std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + len > n) len = n - i;
        for (std::size_t k = 1; k < len; ++k)  // a lead byte missing continuations ends its code point early
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
                len = k;
                break;
            }
        std::uint32_t u = c;
        if (len > 1) {
            u = c & (0x7F >> len);
            for (std::size_t k = 1; k < len; ++k) u = (u << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        }
        bool word = IsWordCodePoint(u);
        if (word && !in_word) {
            in_word = true;
            word_start = i;
            word_cp = cp;
        } else if (!word && in_word) {
            in_word = false;
            fn(word_start, i, word_cp, cp);
        }
        i += len;
        ++cp;
    }
    if (in_word) fn(word_start, n, word_cp, cp);
}

std::vector<Word> Analyze(std::string_view s, const WordSet* keep) {
    std::vector<Word> out;
    SplitWords(s, [&](std::size_t b, std::size_t e, std::int32_t cb, std::int32_t ce) {
        std::string_view text = s.substr(b, e - b);
        Word w;
        w.folded = text::Fold(text);
        bool abbrev = (keep && keep->count(w.folded)) || IsAbbreviation(std::string(text), w.folded, ce - cb);
        w.stem = abbrev ? w.folded : StemFolded(w.folded);
        w.abbreviation = abbrev;
        w.start = cb;
        w.end = ce;
        out.push_back(std::move(w));
    });
    return out;
}

void ForEachWord(std::string_view s, const std::function<void(std::size_t, std::size_t)>& fn) {
    SplitWords(s, [&](std::size_t b, std::size_t e, std::int32_t, std::int32_t) { fn(b, e); });
}

const std::vector<std::string>& Lemmas(const std::string& folded) {
    static const std::vector<std::string> kNone;
    // Only Cyrillic words of 3+ letters: two-byte UTF-8 letters starting with 0xD0/0xD1.
    if (folded.size() < 6 ||
        (static_cast<unsigned char>(folded[0]) != 0xD0 && static_cast<unsigned char>(folded[0]) != 0xD1))
        return kNone;
    // Hunspell takes ~10 µs a word: remember the answers (per thread, no locking), forgetting them all
    // when the cache grows past a bound (indexing a large corpus meets many rare words once).
    thread_local std::unordered_map<std::string, std::vector<std::string>> cache;
    auto it = cache.find(folded);
    if (it != cache.end()) return it->second;
    if (cache.size() > 200000) cache.clear();
    const auto& lem = text::Lemmatizer::Default();
    std::vector<std::string> forms;
    if (lem.has_dictionary())  // an unknown word comes back as itself, which is harmless as a term
        for (auto& l : lem.Lemmas(folded))
            if (!l.empty() && std::find(forms.begin(), forms.end(), l) == forms.end()) forms.push_back(std::move(l));
    return cache.emplace(folded, std::move(forms)).first->second;
}

TermSet WordTerms(const Word& w) {
    TermSet out{w.stem};
    if (w.abbreviation) return out;
    auto add = [&](std::string t) {
        if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
    };
    for (const auto& l : Lemmas(w.folded)) {
        add(kLemmaPrefix + l);
        add(StemFolded(l));
    }
    return out;
}

std::vector<std::size_t> CodePointByteOffsets(std::string_view s) {
    std::vector<std::size_t> out;
    out.reserve(s.size() + 1);
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
    out.push_back(s.size());
    return out;
}

namespace {

Result<Json> ReadJsonFile(const std::string& path, bool required) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (required) return Error::Invalid("data_dir", "missing_file", "search data file not found: " + path);
        return Json();
    }
    std::stringstream ss;
    ss << in.rdbuf();
    auto j = ParseJson(ss.str());
    if (!j.ok()) return Error::Invalid("data_dir", "bad_file", path + ": " + j.error().message);
    return j;
}

std::string Str(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

void Thesaurus::AddGroup(const std::vector<std::string>& phrases, std::vector<std::string> boolean_terms, bool expand) {
    for (const auto& p : phrases)
        for (auto& w : detail::Analyze(p))
            if (w.stem == w.folded && w.stem != StemFolded(w.folded)) abbreviations_.insert(w.folded);
    Group g;
    g.expand = expand;
    g.boolean_terms = std::move(boolean_terms);
    std::size_t gi = groups_.size();
    for (const auto& p : phrases) {
        std::vector<std::string> stems;
        for (auto& w : Analyze(p)) stems.push_back(std::move(w.stem));
        if (stems.empty()) continue;
        auto& bucket = by_first_[stems.front()];
        bool dup = false;
        for (auto& e : bucket) dup = dup || (e.stems == stems && e.group == gi);
        if (!dup) bucket.push_back(Entry{stems, gi});
        g.phrases.push_back(std::move(stems));
    }
    groups_.push_back(std::move(g));
}

Result<Thesaurus> Thesaurus::Load(const std::string& data_dir) {
    Thesaurus t;
    {
        std::ifstream in(data_dir + "/search/stopwords.txt");
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            std::istringstream ls(line);
            std::string w;
            while (ls >> w) t.stop_.insert(text::Fold(w));
        }
    }
    ORIENTIR_ASSIGN(Json syn, ReadJsonFile(data_dir + "/search/synonyms.json", false));
    if (syn.is_object() && syn.contains("groups") && syn["groups"].is_array()) {
        for (const auto& g : syn["groups"]) {
            if (!g.is_array()) continue;
            std::vector<std::string> phrases;
            for (const auto& p : g)
                if (p.is_string()) phrases.push_back(p.get<std::string>());
            t.AddGroup(phrases, {}, true);
        }
    }
    ORIENTIR_ASSIGN(Json districts, ReadJsonFile(data_dir + "/reference/federal_districts.json", false));
    if (districts.is_array()) {
        for (const auto& d : districts) {
            std::string code = Str(d, "code");
            t.district_labels_[code] = Label{Str(d, "name"), Str(d, "name_en")};
            t.AddGroup({Str(d, "name"), Str(d, "short_name")}, {"F" + code}, true);
        }
    }
    ORIENTIR_ASSIGN(Json regions, ReadJsonFile(data_dir + "/reference/regions.json", false));
    if (regions.is_array()) {
        for (const auto& r : regions) {
            std::string code = Str(r, "code");
            t.region_labels_[code] = Label{Str(r, "name"), Str(r, "name_en")};
            t.region_district_[code] = Str(r, "district");
            std::vector<std::string> names{Str(r, "name"), Str(r, "full_name"), Str(r, "short_name")};
            if (r.contains("aliases") && r["aliases"].is_array())
                for (const auto& a : r["aliases"])
                    if (a.is_string()) names.push_back(a.get<std::string>());
            auto& stored = t.region_names_[code];
            for (const auto& n : names)
                if (!n.empty() && std::find(stored.begin(), stored.end(), n) == stored.end()) stored.push_back(n);
            if (r.contains("adjectives") && r["adjectives"].is_array())
                for (const auto& a : r["adjectives"])
                    if (a.is_string()) names.push_back(a.get<std::string>());
            t.AddGroup(names, {"R" + code}, true);
        }
    }
    ORIENTIR_ASSIGN(Json domains, ReadJsonFile(data_dir + "/reference/domains.json", false));
    if (domains.is_array()) {
        for (const auto& d : domains) {
            std::string code = Str(d, "code");
            t.domain_labels_[code] = Label{Str(d, "name"), Str(d, "name_en")};
            // Domain words are related, not synonymous ("грант" is not "НКО"): a match adds the
            // domain's documents but does not expand into the other words.
            std::vector<std::string> phrases{Str(d, "name")};
            if (d.contains("synonyms") && d["synonyms"].is_array())
                for (const auto& s : d["synonyms"])
                    if (s.is_string()) phrases.push_back(s.get<std::string>());
            t.AddGroup(phrases, {"D" + code}, false);
        }
    }
    // FNV-1a over every group's kind and phrase stems, in order.
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&](std::string_view x) {
        for (unsigned char c : x) h = (h ^ c) * 1099511628211ull;
        h = (h ^ 0xFF) * 1099511628211ull;
    };
    for (const auto& g : t.groups_) {
        mix(g.expand ? "E" : "R");
        for (const auto& p : g.phrases) {
            for (const auto& w : p) mix(w);
            mix("|");
        }
    }
    t.fingerprint_ = std::to_string(t.groups_.size()) + "-" + std::to_string(h);
    return t;
}

std::size_t Thesaurus::Longest(const std::vector<std::string>& stems, std::size_t i,
                               std::vector<std::size_t>& groups) const {
    groups.clear();
    auto it = by_first_.find(stems[i]);
    if (it == by_first_.end()) return 0;
    std::size_t best = 0;
    for (const auto& e : it->second) {
        std::size_t n = e.stems.size();
        if (i + n > stems.size()) continue;
        if (!std::equal(e.stems.begin(), e.stems.end(), stems.begin() + static_cast<std::ptrdiff_t>(i))) continue;
        if (n > best) {
            best = n;
            groups.clear();
        }
        if (n == best && std::find(groups.begin(), groups.end(), e.group) == groups.end()) groups.push_back(e.group);
    }
    return best;
}

std::size_t Thesaurus::Match(const std::vector<std::string>& stems, std::size_t i,
                             std::vector<Alternative>& alts) const {
    alts.clear();
    std::vector<std::size_t> groups;
    std::size_t best = Longest(stems, i, groups);
    if (best == 0) return 0;
    Alternative self;
    for (std::size_t k = i; k < i + best; ++k) self.words.push_back(TermSet{stems[k]});
    alts.push_back(std::move(self));
    auto add = [&](Alternative a) {
        for (const auto& x : alts)
            if (x.words == a.words && x.boolean_term == a.boolean_term) return;
        alts.push_back(std::move(a));
    };
    for (std::size_t gi : groups) {
        const Group& g = groups_[gi];
        if (g.expand) {
            alts.front().covered = true;
            add(Alternative{{TermSet{kConceptPrefix + std::to_string(gi)}}, {}, false});
        } else {
            // Related words, not synonyms: the matched words themselves (+ boolean terms) only.
        }
        for (const auto& b : g.boolean_terms) add(Alternative{{}, b, false});
    }
    return best;
}

std::size_t Thesaurus::ConceptsAt(const std::vector<std::string>& stems, std::size_t i,
                                  std::vector<std::string>& terms) const {
    terms.clear();
    std::vector<std::size_t> groups;
    std::size_t best = Longest(stems, i, groups);
    for (std::size_t gi : groups)
        if (groups_[gi].expand) terms.push_back(kConceptPrefix + std::to_string(gi));
    return terms.empty() ? 0 : best;
}

std::string Thesaurus::DistrictOfRegion(const std::string& region) const {
    auto it = region_district_.find(region);
    return it == region_district_.end() ? std::string() : it->second;
}

const Label* Thesaurus::RegionLabel(const std::string& code) const {
    auto it = region_labels_.find(code);
    return it == region_labels_.end() ? nullptr : &it->second;
}
const Label* Thesaurus::DistrictLabel(const std::string& code) const {
    auto it = district_labels_.find(code);
    return it == district_labels_.end() ? nullptr : &it->second;
}
const Label* Thesaurus::DomainLabel(const std::string& code) const {
    auto it = domain_labels_.find(code);
    return it == domain_labels_.end() ? nullptr : &it->second;
}
const std::vector<std::string>& Thesaurus::RegionNames(const std::string& code) const {
    static const std::vector<std::string> kNone;
    auto it = region_names_.find(code);
    return it == region_names_.end() ? kNone : it->second;
}

}  // namespace orientir::search::detail
