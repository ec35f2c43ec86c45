#pragma once
// What every page handler needs: the request, the app, the actor, the language, the visitor's
// chosen region, the message catalogue, and helpers that format values for the page language.
// Also the page layout (header, navigation, language switch, footer).
//
// Escaping rule: every function here that takes user or stored text returns it escaped; functions
// returning catalogue text (T) return trusted text. Page code wraps any other stored value in E().

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "domain/enums.hpp"
#include "http/service.hpp"
#include "web/i18n.hpp"

namespace orientir::web {

inline constexpr const char* kLangCookie = "orientir_lang";
inline constexpr const char* kRegionCookie = "orientir_region";

struct StaticFile {
    std::string content_type;
    std::string body;
    std::string etag;
};

// Shared state of the web module, built once by RegisterPages.
struct Site {
    http::Service* service = nullptr;
    Messages messages;
    std::map<std::string, StaticFile> statics;  // file name → content, read at start-up
    std::string asset_version;                  // cache-busting suffix for /static URLs
};

std::string E(std::string_view s);  // EscapeHtml
// Marks the place of a field's label in an error summary: kLabelMark + element id + "-->".
inline constexpr const char* kLabelMark = "<!--field-label:";

class Ctx {
public:
    Ctx(http::Request& req, const Site& site);

    http::Request& req;
    const Site& site;
    app::App& app;
    app::Actor actor;
    Lang lang = Lang::kRu;
    bool lang_from_query = false;  // ?lang= given: the response remembers it in a cookie
    std::string my_region;         // chosen region code or ""
    std::shared_ptr<const app::DirectoryData> dir;
    std::vector<std::string> scripts;  // extra /static script files of this page (loaded deferred, after orientir.js)
    // Labels of the form fields rendered on this page, by element id (escaped): the error summary names
    // each field («Название: заполните это поле»), filled in by Page().
    std::map<std::string, std::string> field_labels;

    bool en() const { return lang == Lang::kEn; }
    bool signed_in() const { return actor.role != app::Role::kAnonymous; }
    const std::string& T(std::string_view key) const { return site.messages.Get(lang, key); }
    // The catalogue's text for `key`, or `fallback` (escaped here) when the catalogue has none: names of
    // codes that may be new (notification kinds, audit actions, rule codes).
    std::string TOr(std::string_view key, const std::string& fallback) const;

    // Escaped names and labels in the page language.
    // The region code for any key the app's resolver knows (number, ISO, OKATO, OKTMO, name), or "".
    std::string RegionCode(const std::string& key) const;
    std::string RegionName(const std::string& code) const;
    std::string RegionShort(const std::string& code) const;
    std::string RegionLink(const std::string& code) const;
    std::string DistrictName(const std::string& code) const;
    std::string DomainName(const std::string& code) const;
    std::string Label(const domain::Label& l) const { return std::string(en() ? l.en : l.ru); }
    std::string StageBadge(domain::AdoptionStage s) const;

    // Values formatted for the language: 1 234 567 / 12,5 (ru), 1,234,567 / 12.5 (en); dates 01.09.2018 / 2018-09-01.
    std::string Number(double v, int max_decimals = 1) const;
    std::string Integer(std::int64_t v) const;
    std::string Date(const std::string& iso) const;
    // "5 практик": the catalogue entry `key` holds the forms "one|few|many" (ru) or "one|other" (en).
    std::string Count(std::int64_t n, std::string_view key) const;
    std::string Today() const { return app.clock().Today(); }

    // The current URL with `lang` replaced, for the language switch.
    std::string UrlWithLang(const char* lang) const;
};

// The whole page: layout around `body`. `title` is trusted-escaped text. An error status (4xx, 5xx) adds
// the request number under the body («Номер запроса: r42»).
http::Response Page(Ctx& ctx, int status, const std::string& title, const std::string& body);
// A short page with a heading and a message (not found, sign in needed, ...).
http::Response MessagePage(Ctx& ctx, int status, const std::string& title, const std::string& message_html);
http::Response NotFoundPage(Ctx& ctx);
// Error pages (NotFoundPage, ErrorPage, the page for a problem) are English when the request chose no
// language (no ?lang=, no language cookie) and its Accept-Language prefers English; pages stay Russian first.
void UseErrorLanguage(Ctx& ctx);
// The page for an App error: 404 / 401 / 403 / 409 with a message in the page language.
http::Response ErrorPage(Ctx& ctx, const Error& e);
// A refusal by role that says what the role allows: «Ваша роль позволяет вносить записи только по региону:
// Тюменская область» (regional and organisation editors), else the general refusal. Escaped.
std::string ForbiddenText(const Ctx& ctx);
// Error messages in the page language by rule code, falling back to the App's message.
std::string ErrorText(const Ctx& ctx, const std::string& rule, const std::string& fallback);

// The notice on a record's page when the stored record breaks today's field rules (domain::CheckFields):
// the record is still shown; the notice says what to correct. "" when there is nothing to say.
std::string RecordNotice(const Ctx& ctx, const std::vector<FieldIssue>& issues);

// Local redirect target from a form field: a path on this site, else `fallback`.
std::string SafeBack(const std::string& back, const std::string& fallback);

}  // namespace orientir::web
