#pragma once
// Russian stemming (Snowball, via libstemmer) and dictionary normal forms (hunspell-ru). Used by the
// gazetteers of src/extract to match inflected and adjectival forms («в Югре», «тюменских
// муниципалитетах», «нижневартовской школы») and by search for index terms.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace orientir::text {

// Snowball Russian stem of one word. The input is folded first (Fold), so «Югре» and «югре» give the
// same stem «югр»; words without Cyrillic letters are returned folded but unstemmed.
// Thread-safe (one stemmer per thread).
std::string Stem(std::string_view utf8_word);

// Dictionary forms from hunspell-ru. Open() never fails: when the dictionary files are missing the
// Lemmatizer degrades to Snowball stems (has_dictionary() == false, and Lemmas() returns the stem),
// which is enough for gazetteer matching but gives no readable normal forms.
// Thread-safe: hunspell calls are serialised on an internal mutex (hunspell keeps per-call state);
// results are cached (Known() per thread and shared, Lemmas() shared), so repeated words are cheap.
class Lemmatizer {
public:
    // `dictionary_base` is the path without extension, e.g. "/usr/share/hunspell/ru_RU" (".aff" and
    // ".dic" are appended). An empty path tries ORIENTIR_HUNSPELL_DICT from the environment, then the
    // Debian location.
    static std::shared_ptr<const Lemmatizer> Open(std::string dictionary_base = {});
    // A process-wide instance opened with the default path on first use.
    static const Lemmatizer& Default();

    ~Lemmatizer();
    Lemmatizer(const Lemmatizer&) = delete;
    Lemmatizer& operator=(const Lemmatizer&) = delete;

    bool has_dictionary() const;
    // Why there is no dictionary ("ru_RU.dic not found at ..."), empty when there is one.
    const std::string& status() const;

    // Normal forms (lower-case, ё folded) of one word, most likely first; never empty: an unknown word
    // gives its folded self (with a dictionary) or its stem (without one).
    std::vector<std::string> Lemmas(std::string_view utf8_word) const;
    // The first of Lemmas().
    std::string Lemma(std::string_view utf8_word) const;
    // True when the dictionary knows the word (any case form); false without a dictionary.
    bool Known(std::string_view utf8_word) const;

private:
    struct Impl;
    explicit Lemmatizer(std::unique_ptr<Impl> impl);
    bool KnownShared(const std::string& word) const;
    std::unique_ptr<Impl> impl_;
};

}  // namespace orientir::text
