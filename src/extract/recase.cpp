#include "extract/recase.hpp"

#include <vector>

#include "extract/gazetteer.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail {

namespace {

// One letter's case, in place (Cyrillic А–Я, Ё and Latin A–Z; the byte length never changes).
void LowerAt(std::string& s, std::size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') {
        s[i] = static_cast<char>(c + 32);
    } else if (c == 0xD0 && i + 1 < s.size()) {
        auto c1 = static_cast<unsigned char>(s[i + 1]);
        if (c1 >= 0x90 && c1 <= 0x9F) {
            s[i + 1] = static_cast<char>(c1 + 0x20);
        } else if (c1 >= 0xA0 && c1 <= 0xAF) {
            s[i] = static_cast<char>(0xD1);
            s[i + 1] = static_cast<char>(c1 - 0x20);
        } else if (c1 == 0x81) {  // Ё
            s[i] = static_cast<char>(0xD1);
            s[i + 1] = static_cast<char>(0x91);
        }
    }
}

bool IsUpperAt(std::string_view s, std::size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') return true;
    if (c != 0xD0 || i + 1 >= s.size()) return false;
    auto c1 = static_cast<unsigned char>(s[i + 1]);
    return (c1 >= 0x90 && c1 <= 0xAF) || c1 == 0x81;
}

bool IsLowerAt(std::string_view s, std::size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'a' && c <= 'z') return true;
    if (i + 1 >= s.size()) return false;
    auto c1 = static_cast<unsigned char>(s[i + 1]);
    return (c == 0xD0 && c1 >= 0xB0 && c1 <= 0xBF) || (c == 0xD1 && ((c1 >= 0x80 && c1 <= 0x8F) || c1 == 0x91));
}

// The length of the letter starting at byte i (0: not a letter).
std::size_t LetterAt(std::string_view s, std::size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return 1;
    if ((c == 0xD0 || c == 0xD1) && i + 1 < s.size()) return IsUpperAt(s, i) || IsLowerAt(s, i) ? 2 : 0;
    return 0;
}

struct Word {
    std::size_t begin, end;  // bytes, in the line
    int letters = 0;
};

// A line in capitals: no lower-case letter and at least five capitals.
bool ShoutedLine(std::string_view line) {
    int upper = 0;
    for (std::size_t i = 0; i < line.size();) {
        std::size_t n = LetterAt(line, i);
        if (n == 0) {
            ++i;
            continue;
        }
        if (IsLowerAt(line, i)) return false;
        ++upper;
        i += n;
    }
    return upper >= 5;
}

std::string Recased(std::string_view line, const Gazetteer& gazetteer) {
    std::vector<Word> words;
    for (std::size_t i = 0; i < line.size();) {
        std::size_t n = LetterAt(line, i);
        if (n == 0) {
            ++i;
            continue;
        }
        Word w{i, i, 0};
        while (i < line.size() && (n = LetterAt(line, i)) > 0) {
            i += n;
            ++w.letters;
        }
        w.end = i;
        words.push_back(w);
    }
    std::string out(line);
    auto lower_word = [&](const Word& w) {
        for (std::size_t i = w.begin; i < w.end; i += LetterAt(out, i)) LowerAt(out, i);
    };
    auto title_word = [&](const Word& w) {
        lower_word(w);
        std::size_t first = LetterAt(line, w.begin);
        out.replace(w.begin, first, line.substr(w.begin, first));
    };
    // The gazetteer's view of the words written with a capital: where a name that needs one starts.
    std::vector<std::string> keys, texts;
    std::vector<char> capital(words.size(), 1);
    for (const auto& w : words) {
        std::string t(line.substr(w.begin, w.end - w.begin));
        for (std::size_t i = LetterAt(t, 0); i < t.size(); i += LetterAt(t, i)) LowerAt(t, i);
        keys.push_back(Gazetteer::TokenKey(t));
        texts.push_back(std::move(t));
    }
    const auto& lem = text::Lemmatizer::Default();
    std::vector<char> named(words.size(), 0);
    for (std::size_t k = 0; k < words.size(); ++k) {
        Gazetteer::Match m;
        if (!gazetteer.MatchAt(keys, capital, texts, k, m) || m.adjectival) continue;
        for (std::size_t j = k; j < m.end_token; ++j) named[j] = 1;
    }
    for (std::size_t k = 0; k < words.size(); ++k) {
        const Word& w = words[k];
        if (named[k]) {
            title_word(w);
            continue;
        }
        std::string lower(out.substr(w.begin, w.end - w.begin));
        for (std::size_t i = 0; i < lower.size(); i += LetterAt(lower, i)) LowerAt(lower, i);
        const bool known = lem.has_dictionary() && lem.Known(lower);
        if (known) {
            lower_word(w);
        } else if (w.letters <= 4) {
            continue;  // an abbreviation: СХПК, МФЦ, ДШИ
        } else {
            title_word(w);  // a name the dictionary does not know: a surname, a small town
        }
        if (k == 0 && known) title_word(w);
    }
    return out;
}

}  // namespace

std::string RecaseCapitalLines(std::string_view text, const Gazetteer& gazetteer) {
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t nl = text.find('\n', at);
        std::size_t end = nl == std::string_view::npos ? text.size() : nl;
        std::string_view line = text.substr(at, end - at);
        if (ShoutedLine(line))
            out += Recased(line, gazetteer);
        else
            out += line;
        if (nl == std::string_view::npos) break;
        out += '\n';
        at = nl + 1;
    }
    return out;
}

}  // namespace orientir::extract::detail
