#pragma once
// The API's language rule (docs/api.md, «Language»): JSON answers are Russian unless the request's
// Accept-Language prefers English over Russian; then every object that carries an English twin of a
// field (`name_en`, `unit_en`, `reason_en`, `reasons_en`) has the English value in the plain field and
// the Russian one in `<field>_ru`, and the answer says `Content-Language: en`. Objects without an English
// twin stay as they are (a practice's own text is in the language its authors wrote it in).

#include <string_view>

#include "common/json.hpp"
#include "http/service.hpp"

namespace orientir::http {

// True when Accept-Language ranks English (en, en-GB, …) above Russian (q-values, then order). An
// empty, malformed or unrelated header (e.g. "de") answers false: Russian is the default.
bool PrefersEnglish(std::string_view accept_language);

// Applies the English rule above to `j` in place, at every depth.
void LocalizeToEnglish(OrderedJson& j);

// True when an Accept header ranks an HTML page (text/html, application/xhtml+xml) above every JSON type it
// names (application/json, application/problem+json, …): a browser's navigation. "*/*" alone (curl's
// default), no header or a JSON type ranked as high as HTML answers false.
bool PrefersHtml(std::string_view accept);

// Paths a browser opens as pages: everything but the API, the machine endpoints and the static files.
bool IsPagePath(const std::string& path);

// Whether an error answer to this request is an HTML page rather than problem+json (docs/api.md,
// «Errors»): page paths always, other paths when the client prefers HTML (a browser opening an API URL).
// A request whose path is unknown (headers too large to read) gets problem+json.
bool WantsHtmlError(const Request& req);

// Adds the response filter that applies the rule to /api/ JSON answers (and `Vary: Accept-Language`).
void AddApiLanguageFilter(Service& service);

}  // namespace orientir::http
