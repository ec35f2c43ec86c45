#include "text/stem.hpp"

#include <hunspell/hunspell.h>
#include <libstemmer.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <unordered_map>

#include "text/normalize.hpp"

namespace orientir::text {

namespace {

bool HasCyrillic(std::string_view s) {
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == 0xD0 || c == 0xD1) return true;  // lead bytes of U+0400..U+047F
    }
    return false;
}

// One Snowball stemmer per thread: sb_stemmer keeps its working buffer inside the object.
struct ThreadStemmer {
    sb_stemmer* s = sb_stemmer_new("russian", "UTF_8");
    ~ThreadStemmer() {
        if (s) sb_stemmer_delete(s);
    }
};

std::string StemFolded(const std::string& folded) {
    if (!HasCyrillic(folded)) return folded;
    thread_local ThreadStemmer ts;
    if (!ts.s) return folded;
    const sb_symbol* out =
        sb_stemmer_stem(ts.s, reinterpret_cast<const sb_symbol*>(folded.data()), static_cast<int>(folded.size()));
    if (!out) return folded;
    return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(ts.s)));
}

}  // namespace

std::string Stem(std::string_view utf8_word) { return StemFolded(Fold(utf8_word)); }

std::atomic<std::uint64_t> g_next_lemmatizer_id{1};

struct Lemmatizer::Impl {
    std::uint64_t id = g_next_lemmatizer_id++;  // keys the per-thread caches
    Hunhandle* h = nullptr;
    std::string status;
    mutable std::mutex mu;
    mutable std::unordered_map<std::string, std::vector<std::string>> cache;
    mutable std::unordered_map<std::string, bool> known;
    ~Impl() {
        if (h) Hunspell_destroy(h);
    }
};

Lemmatizer::Lemmatizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Lemmatizer::~Lemmatizer() = default;

std::shared_ptr<const Lemmatizer> Lemmatizer::Open(std::string base) {
    auto impl = std::make_unique<Impl>();
    if (base.empty()) {
        const char* env = std::getenv("ORIENTIR_HUNSPELL_DICT");
        base = env && *env ? env : "/usr/share/hunspell/ru_RU";
    }
    std::string aff = base + ".aff", dic = base + ".dic";
    std::error_code ec;
    if (!std::filesystem::exists(aff, ec) || !std::filesystem::exists(dic, ec)) {
        impl->status = "hunspell dictionary not found at " + base + ".{aff,dic}; using Snowball stems only";
    } else {
        impl->h = Hunspell_create(aff.c_str(), dic.c_str());
        if (!impl->h) impl->status = "hunspell could not load " + base + "; using Snowball stems only";
    }
    return std::shared_ptr<const Lemmatizer>(new Lemmatizer(std::move(impl)));
}

const Lemmatizer& Lemmatizer::Default() {
    static const std::shared_ptr<const Lemmatizer> instance = Open();
    return *instance;
}

bool Lemmatizer::has_dictionary() const { return impl_->h != nullptr; }
const std::string& Lemmatizer::status() const { return impl_->status; }

std::vector<std::string> Lemmatizer::Lemmas(std::string_view word) const {
    std::string folded = Fold(word);
    if (!impl_->h) return {StemFolded(folded)};
    std::string key(word);
    std::lock_guard<std::mutex> lock(impl_->mu);
    if (auto it = impl_->cache.find(key); it != impl_->cache.end()) return it->second;
    std::vector<std::string> out;
    char** list = nullptr;
    int n = Hunspell_stem(impl_->h, &list, key.c_str());
    if (n <= 0 && folded != key) {
        if (list) Hunspell_free_list(impl_->h, &list, n);
        list = nullptr;
        n = Hunspell_stem(impl_->h, &list, folded.c_str());
    }
    for (int i = 0; i < n; ++i) {
        std::string l = Fold(list[i]);
        bool dup = false;
        for (const auto& o : out) dup = dup || o == l;
        if (!dup) out.push_back(std::move(l));
    }
    if (list) Hunspell_free_list(impl_->h, &list, n);
    if (out.empty()) out.push_back(folded);
    if (impl_->cache.size() > 200000) impl_->cache.clear();  // bound memory on endless streams
    impl_->cache.emplace(std::move(key), out);
    return out;
}

std::string Lemmatizer::Lemma(std::string_view word) const { return Lemmas(word).front(); }

bool Lemmatizer::Known(std::string_view word) const {
    if (!impl_->h) return false;
    std::string w(word);
    // A per-thread cache in front of the shared one keeps concurrent extractions off the mutex.
    thread_local std::uint64_t tl_owner = 0;
    thread_local std::unordered_map<std::string, bool> tl_known;
    if (tl_owner != impl_->id || tl_known.size() > 100000) {
        tl_owner = impl_->id;
        tl_known.clear();
    }
    if (auto it = tl_known.find(w); it != tl_known.end()) return it->second;
    bool result = KnownShared(w);
    tl_known.emplace(std::move(w), result);
    return result;
}

bool Lemmatizer::KnownShared(const std::string& word) const {
    std::string w(word);
    std::lock_guard<std::mutex> lock(impl_->mu);
    if (auto it = impl_->known.find(w); it != impl_->known.end()) return it->second;
    bool ok = Hunspell_spell(impl_->h, w.c_str()) != 0;
    if (!ok) {
        std::string folded = Fold(word);
        ok = folded != w && Hunspell_spell(impl_->h, folded.c_str()) != 0;
    }
    if (impl_->known.size() > 200000) impl_->known.clear();
    impl_->known.emplace(std::move(w), ok);
    return ok;
}

}  // namespace orientir::text
