#pragma once
// Reading what the poller fetches: RSS 2.0 and Atom feeds (libxml2, no network, no external
// entities), the feed link of a site's page, and the main text of an article page (title, date,
// body — no menus, no comments) in UTF-8 whatever it was sent in (UTF-8, Windows-1251, KOI8-R).

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace orientir::feeds {

struct FeedItem {
    std::string guid;  // guid / id, else the link
    std::string link;  // absolute
    std::string title;
    std::string published;  // YYYY-MM-DD when the feed gives a date
    std::string summary;
};

struct ParsedFeed {
    std::string format;  // rss | atom
    std::string title;
    std::vector<FeedItem> items;
};

// Errors (field "feed"): not_xml, not_feed (XML but neither RSS nor Atom).
Result<ParsedFeed> ParseFeed(const std::string& bytes, const std::string& base_url);
// True when the bytes look like an HTML page rather than a feed.
bool LooksLikeHtml(const std::string& bytes);
// The first <link rel="alternate" type="application/rss+xml|atom+xml" href> of an HTML page,
// absolute; "" when none.
std::string FindFeedLink(const std::string& html, const std::string& base_url);

// Bytes of a page → UTF-8, by the charset of Content-Type, then of <meta>, then by the bytes
// themselves. Errors (field "encoding"): unknown_encoding (a declared charset we do not read, or bytes
// that are none of UTF-8 / Windows-1251 / KOI8-R). `encoding` gets the name used.
Result<std::string> DecodePage(const std::string& bytes, const std::string& content_type, std::string* encoding);

struct PageArticle {
    std::string title;
    std::string published;  // YYYY-MM-DD or ""
    std::string text;       // paragraphs separated by blank lines
    std::string canonical_url;
    std::string encoding;
};
// Errors: those of DecodePage; "page" no_text (nothing that reads as an article).
Result<PageArticle> ExtractArticle(const std::string& bytes, const std::string& content_type, const std::string& url);

// 64-bit SimHash of the text's word 3-grams (case and punctuation folded): near-duplicates (the same
// press release on five sites) differ in a few bits.
std::uint64_t SimHash(const std::string& utf8_text);
int HammingDistance(std::uint64_t a, std::uint64_t b);
// A date as the feeds and pages write it (RFC 822 "Tue, 05 Mar 2024 10:00:00 +0300", ISO 8601
// "2024-03-05T10:00:00+03:00", "05.03.2024") → "2024-03-05"; "" when not understood.
std::string NormaliseDate(const std::string& s);

}  // namespace orientir::feeds
