#pragma once
// Html: markup that is safe by construction. Appending text escapes it; markup enters only from string
// literals written in our source (a `const char[N]`) or from another Html, which only these helpers make.
// So a page built with Html cannot print stored or submitted text unescaped by mistake — there is no
// E() to forget. `Html::Trusted` is the one door for markup made elsewhere (the message catalogue, SVG
// from web/svg.cpp, a Form's output); each use says why that markup is trusted.
//
//     Html h;
//     h << "<h1>" << practice.title << "</h1>";   // the title is escaped, the tags are not
//     h << Link("/practices/" + id, practice.title);
//
// Value type; not thread-safe to mutate concurrently (like std::string).

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "common/strings.hpp"

namespace orientir::web {

class Html {
public:
    Html() = default;

    // A literal in our source is markup: "<p class=\"lead\">". Only arrays bind here, not std::string.
    template <std::size_t N>
    Html& operator<<(const char (&literal)[N]) {
        s_.append(literal, N - 1);
        return *this;
    }
    // Text of any origin is escaped.
    Html& operator<<(const std::string& text) {
        s_ += EscapeHtml(text);
        return *this;
    }
    Html& operator<<(std::string_view text) {
        s_ += EscapeHtml(text);
        return *this;
    }
    Html& operator<<(const Html& markup) {
        s_ += markup.s_;
        return *this;
    }
    // A character pointer that is not a literal (a variable) is text, escaped. (For a literal, the array
    // overload above is more specialised and wins.)
    template <class P>
    requires std::is_same_v<P, const char*> || std::is_same_v<P, char*> Html& operator<<(P text) {
        s_ += EscapeHtml(text ? std::string_view(text) : std::string_view());
        return *this;
    }
    template <class I>
    requires std::is_integral_v<I> &&(!std::is_same_v<I, bool>)&&(!std::is_same_v<I, char>)Html& operator<<(I number) {
        s_ += std::to_string(number);
        return *this;
    }

    // Markup produced outside Html (catalogue text, SVG, a Form's fields). `why` documents the trust
    // at the call site and is not used otherwise.
    static Html Trusted(std::string markup, [[maybe_unused]] std::string_view why) {
        Html h;
        h.s_ = std::move(markup);
        return h;
    }

    bool empty() const { return s_.empty(); }
    const std::string& str() const& { return s_; }
    std::string str() && { return std::move(s_); }

private:
    std::string s_;
};

// <tag class="cls">text</tag>, text escaped.
inline Html Element(std::string_view tag, std::string_view cls, const Html& content) {
    Html h;
    h << Html::Trusted("<" + std::string(tag), "a tag name from our source");
    if (!cls.empty()) h << " class=\"" << cls << "\"";
    h << ">" << content << Html::Trusted("</" + std::string(tag) + ">", "a tag name from our source");
    return h;
}
inline Html Text(std::string_view text) { return Html() << text; }
// <a href="url">text</a>; the URL is escaped as an attribute, the text as text.
inline Html Link(std::string_view url, const Html& content) {
    return Html() << "<a href=\"" << url << "\">" << content << "</a>";
}
inline Html Link(std::string_view url, std::string_view text) { return Link(url, Text(text)); }

}  // namespace orientir::web
