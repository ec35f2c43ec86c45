#pragma once
// .xlsx out of the API lists (`?format=xlsx`), .xlsx/CSV import over the API, and open data at
// /opendata/ (docs/xlsx-opendata.md).

#include "app/app.hpp"
#include "http/api/api_util.hpp"
#include "http/router.hpp"

namespace orientir::http {

inline constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// `?format=xlsx` on a list route.
bool WantsXlsx(const Request& req);
// "en" for `?lang=en`, else "ru".
std::string LangOf(const Request& req);
// The workbook as a download (filename: NAME-YYYYMMDD.xlsx), or the error as a problem.
Response XlsxDownload(const Result<std::string>& bytes, const std::string& name, const Request& req);

// The rows of KIND as a workbook (io::RecordsToXlsx).
Result<std::string> RecordsXlsx(const std::string& kind, const std::vector<OrderedJson>& rows, const std::string& lang);

// Rows an .xlsx list export holds at most (one sheet; more is refused with a message to narrow the filters).
inline constexpr std::int64_t kXlsxMaxRows = 100000;

// Every page of the list (the same filters and visibility as the JSON list) as one workbook.
template <class T, class Render>
Response XlsxList(app::App& app, const app::Actor& actor, app::ListParams params, const std::string& kind,
                  const Render& render, const Request& req) {
    std::vector<OrderedJson> rows;
    params.limit = 200;
    for (;;) {
        auto page = app.List<T>(actor, params);
        if (!page.ok()) return Problem(page.error(), req.path);
        if (page->total > kXlsxMaxRows) {
            return Problem(
                Error::Invalid("format", "xlsx_rows",
                               "the list has " + std::to_string(page->total) + " rows; an .xlsx export holds " +
                                   std::to_string(kXlsxMaxRows) + " — narrow the filters"),
                req.path);
        }
        for (const auto& v : page->items) rows.push_back(render(actor, v));
        if (!page->next_after) break;
        params.after_id = *page->next_after;
    }
    return XlsxDownload(RecordsXlsx(kind, rows, LangOf(req)), kind + "s", req);
}

// POST /api/v1/import/{kind} (.xlsx or CSV body) and the /opendata/ pages and files.
void RegisterIoRoutes(Router& router, app::App& app, const ActorResolver& actor);

}  // namespace orientir::http
