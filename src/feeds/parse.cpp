#include "feeds/parse.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "common/strings.hpp"
#include "feeds/fetch.hpp"
#include "text/normalize.hpp"

namespace orientir::feeds {

namespace {

struct DocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string Name(const xmlNode* n) { return n && n->name ? Lower(reinterpret_cast<const char*>(n->name)) : ""; }

std::string Attr(const xmlNode* n, const char* name) {
    xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
    if (!v) return "";
    std::string s(reinterpret_cast<const char*>(v));
    xmlFree(v);
    return s;
}

std::string Collapse(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string Content(const xmlNode* n) {
    xmlChar* v = xmlNodeGetContent(n);
    if (!v) return "";
    std::string s(reinterpret_cast<const char*>(v));
    xmlFree(v);
    return Collapse(s);
}

const xmlNode* Child(const xmlNode* n, const char* name) {
    for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && Name(c) == name) return c;
    return nullptr;
}

std::string ChildText(const xmlNode* n, const char* name) {
    const xmlNode* c = Child(n, name);
    return c ? Content(c) : "";
}

// Text of an HTML fragment inside a feed's description: tags dropped.
std::string StripTags(const std::string& s) {
    std::string out;
    bool tag = false;
    for (char c : s) {
        if (c == '<')
            tag = true;
        else if (c == '>')
            tag = false;
        else if (!tag)
            out += c;
    }
    return Collapse(out);
}

void Walk(const xmlNode* n, const std::function<bool(const xmlNode*)>& fn) {
    for (const xmlNode* c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (!fn(c)) continue;
        Walk(c->children, fn);
    }
}

}  // namespace

bool LooksLikeHtml(const std::string& bytes) {
    std::string head = Lower(bytes.substr(0, 1024));
    return head.find("<html") != std::string::npos || head.find("<!doctype html") != std::string::npos;
}

Result<ParsedFeed> ParseFeed(const std::string& bytes, const std::string& base_url) {
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
        return Error::Invalid("feed", "not_xml", "the feed is too large");
    // No network, no DTD loading, no entity substitution (no XXE); CDATA merged into text.
    DocPtr doc(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), base_url.c_str(), nullptr,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA));
    if (!doc) return Error::Invalid("feed", "not_xml", "the feed is not well-formed XML");
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!root) return Error::Invalid("feed", "not_xml", "the feed is empty");
    ParsedFeed out;
    std::string root_name = Name(root);
    auto add = [&](FeedItem it) {
        if (it.link.empty() && it.guid.empty()) return;
        if (!it.link.empty()) it.link = ResolveUrl(base_url, it.link);
        if (it.guid.empty()) it.guid = it.link;
        out.items.push_back(std::move(it));
    };
    if (root_name == "rss" || root_name == "rdf") {
        out.format = "rss";
        const xmlNode* channel = Child(root, "channel");
        out.title = ChildText(channel, "title");
        const xmlNode* parent = root_name == "rss" ? channel : root;
        for (const xmlNode* c = parent ? parent->children : nullptr; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE || Name(c) != "item") continue;
            FeedItem it;
            it.title = ChildText(c, "title");
            it.link = ChildText(c, "link");
            it.guid = ChildText(c, "guid");
            std::string date = ChildText(c, "pubdate");
            if (date.empty()) date = ChildText(c, "date");  // dc:date
            it.published = NormaliseDate(date);
            it.summary = StripTags(ChildText(c, "description"));
            add(std::move(it));
        }
        return out;
    }
    if (root_name == "feed") {
        out.format = "atom";
        out.title = ChildText(root, "title");
        for (const xmlNode* c = root->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE || Name(c) != "entry") continue;
            FeedItem it;
            it.title = ChildText(c, "title");
            it.guid = ChildText(c, "id");
            for (const xmlNode* l = c->children; l; l = l->next) {
                if (l->type != XML_ELEMENT_NODE || Name(l) != "link") continue;
                std::string rel = Attr(l, "rel");
                if (rel.empty() || rel == "alternate") {
                    it.link = Attr(l, "href");
                    break;
                }
            }
            std::string date = ChildText(c, "published");
            if (date.empty()) date = ChildText(c, "updated");
            it.published = NormaliseDate(date);
            it.summary = StripTags(ChildText(c, "summary"));
            add(std::move(it));
        }
        return out;
    }
    return Error::Invalid("feed", "not_feed", "the XML is neither RSS nor Atom (root <" + root_name + ">)");
}

namespace {

DocPtr ParseHtml(const std::string& utf8, const std::string& url) {
    return DocPtr(htmlReadMemory(utf8.data(), static_cast<int>(std::min<std::size_t>(utf8.size(), INT32_MAX)),
                                 url.c_str(), "UTF-8",
                                 HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
}

// Charset names we read → ICU converter names.
std::string KnownCharset(const std::string& name) {
    std::string n = Lower(name);
    n.erase(std::remove_if(n.begin(), n.end(), [](char c) { return c == '"' || c == '\'' || c == ' '; }), n.end());
    if (n == "utf-8" || n == "utf8" || n == "us-ascii" || n == "ascii") return "UTF-8";
    if (n == "windows-1251" || n == "cp1251" || n == "win-1251" || n == "x-cp1251" || n == "win1251")
        return "windows-1251";
    if (n == "koi8-r" || n == "koi8r" || n == "koi8") return "KOI8-R";
    return "";
}

std::string CharsetIn(const std::string& s) {
    std::string l = Lower(s);
    auto p = l.find("charset");
    if (p == std::string::npos) return "";
    p = l.find_first_not_of(" =\"'", p + 7);
    if (p == std::string::npos) return "";
    auto e = l.find_first_of(" ;\"'>/", p);
    return l.substr(p, e == std::string::npos ? std::string::npos : e - p);
}

// The charset a page declares in a <meta> in its first 4 KB.
std::string MetaCharset(const std::string& bytes) {
    std::string head = Lower(bytes.substr(0, 4096));
    for (std::size_t p = head.find("<meta"); p != std::string::npos; p = head.find("<meta", p + 5)) {
        auto e = head.find('>', p);
        std::string tag = head.substr(p, e == std::string::npos ? std::string::npos : e - p);
        std::string cs = CharsetIn(tag);
        if (!cs.empty()) return cs;
    }
    return "";
}

Result<std::string> Convert(const std::string& bytes, const char* from) {
    UErrorCode err = U_ZERO_ERROR;
    std::string out(bytes.size() * 3 + 16, '\0');
    int32_t n = ucnv_convert("UTF-8", from, out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                             static_cast<int32_t>(bytes.size()), &err);
    if (U_FAILURE(err)) return Error::Invalid("encoding", "unknown_encoding", std::string("cannot read ") + from);
    out.resize(static_cast<std::size_t>(n));
    return out;
}

// Removes <meta> tags that declare a charset (the text is UTF-8 now) so the HTML parser does not
// switch encodings.
std::string DropMetaCharset(std::string html) {
    std::string lower = Lower(html.substr(0, 8192));
    std::vector<std::pair<std::size_t, std::size_t>> cut;
    for (std::size_t p = lower.find("<meta"); p != std::string::npos; p = lower.find("<meta", p + 5)) {
        auto e = lower.find('>', p);
        if (e == std::string::npos) break;
        if (lower.substr(p, e - p).find("charset") != std::string::npos) cut.emplace_back(p, e + 1 - p);
    }
    for (auto it = cut.rbegin(); it != cut.rend(); ++it) html.erase(it->first, it->second);
    return html;
}

const std::array<const char*, 12> kMonthsEn = {"jan", "feb", "mar", "apr", "may", "jun",
                                               "jul", "aug", "sep", "oct", "nov", "dec"};
const std::array<const char*, 12> kMonthsRu = {"январ", "феврал", "март",    "апрел",  "ма",    "июн",
                                               "июл",   "август", "сентябр", "октябр", "ноябр", "декабр"};

bool ValidYmd(int y, int m, int d) { return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31; }

std::string Ymd(int y, int m, int d) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

bool Skip(const xmlNode* n) {
    static const std::set<std::string> kTags = {"script", "style",  "noscript", "nav",    "footer", "aside",
                                                "form",   "iframe", "svg",      "button", "select", "template"};
    if (kTags.count(Name(n))) return true;
    std::string cls = Lower(Attr(n, "class") + " " + Attr(n, "id"));
    for (const char* bad : {"comment", "menu", "sidebar", "share", "social", "related", "breadcrumb", "advert",
                            "banner", "subscribe", "footer", "navbar", "navigation", "cookie"})
        if (cls.find(bad) != std::string::npos) return true;
    return false;
}

// Text of a node without the parts that are not the article.
void TextOf(const xmlNode* n, std::string& out) {
    for (const xmlNode* c = n; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) out += reinterpret_cast<const char*>(c->content);
        if (c->type != XML_ELEMENT_NODE || Skip(c)) continue;
        std::string name = Name(c);
        bool block = name == "p" || name == "div" || name == "br" || name == "li" || name == "h2" || name == "h3" ||
                     name == "blockquote" || name == "section";
        if (block) out += "\n";
        TextOf(c->children, out);
        if (block) out += "\n";
    }
}

std::string Paragraphs(const xmlNode* container) {
    std::string raw;
    TextOf(container->children, raw);
    std::string out;
    for (const auto& line : Split(raw, '\n')) {
        std::string t = Collapse(line);
        if (t.empty()) continue;
        out += (out.empty() ? "" : "\n\n") + t;
    }
    return out;
}

// Length of the text in the element's direct <p> children (outside skipped parts).
std::size_t ParagraphScore(const xmlNode* n) {
    std::size_t score = 0;
    for (const xmlNode* c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || Name(c) != "p" || Skip(c)) continue;
        score += Content(c).size();
    }
    return score;
}

}  // namespace

std::string NormaliseDate(const std::string& raw) {
    std::string s = Collapse(raw);
    if (s.size() >= 10 && std::isdigit(static_cast<unsigned char>(s[0])) && s[4] == '-' && s[7] == '-') {
        int y = std::atoi(s.substr(0, 4).c_str()), m = std::atoi(s.substr(5, 2).c_str()),
            d = std::atoi(s.substr(8, 2).c_str());
        return ValidYmd(y, m, d) ? Ymd(y, m, d) : "";
    }
    if (s.size() >= 10 && s[2] == '.' && s[5] == '.') {
        int d = std::atoi(s.substr(0, 2).c_str()), m = std::atoi(s.substr(3, 2).c_str()),
            y = std::atoi(s.substr(6, 4).c_str());
        return ValidYmd(y, m, d) ? Ymd(y, m, d) : "";
    }
    // "Tue, 05 Mar 2024 10:00:00 +0300" or "5 марта 2024"
    std::vector<std::string> w;
    for (auto& part : Split(s, ' '))
        if (!part.empty()) w.push_back(part);
    for (std::size_t i = 0; i + 2 < w.size() + 0 && i + 2 < w.size(); ++i) {
        int d = std::atoi(w[i].c_str());
        int y = std::atoi(w[i + 2].c_str());
        if (d <= 0) continue;
        std::string mon = text::Fold(w[i + 1]);
        int m = 0;
        for (int k = 0; k < 12 && !m; ++k)
            if (mon.rfind(kMonthsEn[static_cast<std::size_t>(k)], 0) == 0) m = k + 1;
        for (int k = 0; k < 12 && !m; ++k)
            if (mon.rfind(kMonthsRu[static_cast<std::size_t>(k)], 0) == 0 && (k != 4 || mon == "мая" || mon == "май"))
                m = k + 1;
        if (m && ValidYmd(y, m, d)) return Ymd(y, m, d);
    }
    return "";
}

Result<std::string> DecodePage(const std::string& bytes, const std::string& content_type, std::string* encoding) {
    std::string declared = CharsetIn(content_type);
    if (declared.empty()) declared = MetaCharset(bytes);
    std::string conv;
    if (!declared.empty()) {
        conv = KnownCharset(declared);
        if (conv.empty())
            return Error::Invalid("encoding", "unknown_encoding",
                                  "the page is in \"" + declared + "\"; Orientir reads UTF-8, Windows-1251 and KOI8-R");
        // A page that says UTF-8 but is not: fall through to detection.
        if (conv == "UTF-8" && !IsValidUtf8(bytes)) conv.clear();
    }
    if (conv.empty()) {
        if (IsValidUtf8(bytes)) {
            conv = "UTF-8";
        } else {
            // Windows-1251 puts lower-case Cyrillic (most letters of a text) at 0xE0–0xFF, KOI8-R at 0xC0–0xDF.
            std::size_t hi = 0, c0 = 0, e0 = 0;
            for (unsigned char c : bytes) {
                if (c >= 0x80) ++hi;
                if (c >= 0xC0 && c <= 0xDF) ++c0;
                if (c >= 0xE0) ++e0;
            }
            if (hi == 0 || (c0 + e0) * 10 < hi * 7)
                return Error::Invalid("encoding", "unknown_encoding",
                                      "the page is in none of UTF-8, Windows-1251 or KOI8-R");
            conv = e0 >= c0 ? "windows-1251" : "KOI8-R";
        }
    }
    if (encoding) *encoding = conv;
    if (conv == "UTF-8") return bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? bytes.substr(3) : bytes;
    return Convert(bytes, conv.c_str());
}

std::string FindFeedLink(const std::string& html, const std::string& base_url) {
    std::string enc;
    auto text = DecodePage(html, "", &enc);
    if (!text.ok()) return "";
    DocPtr doc = ParseHtml(DropMetaCharset(text.value()), base_url);
    if (!doc) return "";
    std::string found;
    Walk(xmlDocGetRootElement(doc.get()), [&](const xmlNode* n) {
        if (!found.empty()) return false;
        if (Name(n) == "link" && Lower(Attr(n, "rel")).find("alternate") != std::string::npos) {
            std::string type = Lower(Attr(n, "type"));
            if (type == "application/rss+xml" || type == "application/atom+xml")
                found = ResolveUrl(base_url, Attr(n, "href"));
        }
        return true;
    });
    return found;
}

Result<PageArticle> ExtractArticle(const std::string& bytes, const std::string& content_type, const std::string& url) {
    PageArticle out;
    ORIENTIR_ASSIGN(std::string utf8, DecodePage(bytes, content_type, &out.encoding));
    DocPtr doc = ParseHtml(DropMetaCharset(utf8), url);
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (!root) return Error::Invalid("page", "no_text", "the page has no HTML to read");
    std::string og_title, h1, title_tag, date, canonical, og_url;
    const xmlNode* article = nullptr;
    const xmlNode* body_prop = nullptr;
    const xmlNode* best = nullptr;
    std::size_t best_score = 0, article_len = 0;
    Walk(root, [&](const xmlNode* n) {
        std::string name = Name(n);
        if (name == "meta") {
            std::string prop = Lower(Attr(n, "property") + Attr(n, "name") + Attr(n, "itemprop"));
            std::string content = Attr(n, "content");
            if (prop == "og:title" && og_title.empty()) og_title = Collapse(content);
            if (prop == "og:url" && og_url.empty()) og_url = content;
            if ((prop == "article:published_time" || prop == "datepublished" || prop == "date" || prop == "pubdate") &&
                date.empty())
                date = NormaliseDate(content);
        } else if (name == "link" && Lower(Attr(n, "rel")) == "canonical" && canonical.empty()) {
            canonical = ResolveUrl(url, Attr(n, "href"));
        } else if (name == "title" && title_tag.empty()) {
            title_tag = Content(n);
        } else if (name == "time" && date.empty()) {
            date = NormaliseDate(Attr(n, "datetime").empty() ? Content(n) : Attr(n, "datetime"));
        }
        if (Skip(n)) return false;
        if (name == "h1" && h1.empty()) h1 = Content(n);
        if (Lower(Attr(n, "itemprop")) == "articlebody" && !body_prop) body_prop = n;
        if (name == "article") {
            std::size_t len = Content(n).size();
            if (len > article_len) {
                article = n;
                article_len = len;
            }
        }
        std::size_t score = ParagraphScore(n);
        if (score > best_score) {
            best = n;
            best_score = score;
        }
        return true;
    });
    const xmlNode* container = body_prop ? body_prop : article ? article : best;
    if (!container) return Error::Invalid("page", "no_text", "no article text found on the page");
    out.text = Paragraphs(container);
    out.title = !h1.empty() ? h1 : !og_title.empty() ? og_title : title_tag;
    // The title repeated as the first paragraph (an <h1> inside <article>) is not body text.
    if (!out.title.empty() && out.text.rfind(out.title, 0) == 0) {
        out.text.erase(0, out.title.size());
        while (!out.text.empty() && (out.text[0] == '\n' || out.text[0] == ' ')) out.text.erase(0, 1);
    }
    if (text::CodePointLength(out.text) < 40)
        return Error::Invalid("page", "no_text", "no article text found on the page");
    out.published = date;
    out.canonical_url = !canonical.empty() ? canonical : !og_url.empty() ? ResolveUrl(url, og_url) : url;
    return out;
}

std::uint64_t SimHash(const std::string& utf8_text) {
    std::vector<std::string> words;
    for (const auto& t : text::Tokenize(utf8_text))
        if (t.is_word) words.push_back(t.folded);
    std::array<int, 64> v{};
    auto fnv = [](const std::string& s) {
        std::uint64_t h = 1469598103934665603ULL;
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        return h;
    };
    std::size_t n = words.size() < 3 ? (words.empty() ? 0 : 1) : words.size() - 2;
    for (std::size_t i = 0; i < n; ++i) {
        std::string gram = words[i];
        for (std::size_t k = 1; k < 3 && i + k < words.size(); ++k) gram += " " + words[i + k];
        std::uint64_t h = fnv(gram);
        for (int b = 0; b < 64; ++b) v[static_cast<std::size_t>(b)] += (h >> b) & 1 ? 1 : -1;
    }
    std::uint64_t out = 0;
    for (int b = 0; b < 64; ++b)
        if (v[static_cast<std::size_t>(b)] > 0) out |= (std::uint64_t(1) << b);
    return out;
}

int HammingDistance(std::uint64_t a, std::uint64_t b) { return __builtin_popcountll(a ^ b); }

}  // namespace orientir::feeds
