// Spreadsheets and open data on the pages (docs/xlsx-opendata.md): the «Скачать .xlsx» link of list
// pages (the API list with the page's filters, so the same visibility applies), the import page for
// editors and curators (an .xlsx or CSV upload, all or nothing; what each record may be is checked
// in app), and the /opendata/ index.

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/table_import.hpp"
#include "common/strings.hpp"
#include "io/opendata_cache.hpp"
#include "io/xlsx_import.hpp"
#include "web/handlers.hpp"

namespace orientir::web::detail {

namespace {

// The upload in a temporary file (libzip reads files), removed with the object.
struct Upload {
    std::string path;
    explicit Upload(const std::string& bytes) {
        std::string tmpl = (std::filesystem::temp_directory_path() / "orientir-page-upload-XXXXXX.xlsx").string();
        int fd = mkstemps(tmpl.data(), 5);
        if (fd >= 0) close(fd);
        path = tmpl;
        std::ofstream(path, std::ios::binary) << bytes;
    }
    ~Upload() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

Result<app::ImportReport> ImportUpload(Ctx& ctx, const std::string& kind) {
    auto file = ctx.req.FormFile("file");
    if (!file || file->content.empty()) return Error::Invalid("file", "required", ctx.T("io.no_file"));
    if (io::IsXlsxPath(file->filename)) {
        Upload u(file->content);
        return io::ImportXlsxFile(ctx.app, ctx.actor, kind, u.path);
    }
    return app::ImportText(ctx.app, ctx.actor, kind, file->content, true);
}

Html ImportForm(Ctx& ctx, const std::string& kind) {
    Html f;
    f << "<form method=\"post\" action=\"/import\" enctype=\"multipart/form-data\" class=\"form\">" << Csrf(ctx)
      << "<div class=\"field\"><label for=\"kind\">" << ctx.T("io.kind")
      << "</label><select id=\"kind\" name=\"kind\">";
    for (const auto& k : app::TableKinds()) {
        if (k == "municipality") continue;  // reference data: the CLI, for administrators
        f << "<option value=\"" << k << "\"" << (k == kind ? Html::Trusted(" selected", "literal") : Html()) << ">"
          << app::SheetTitle(k, ctx.en() ? "en" : "ru") << "</option>";
    }
    f << "</select></div><div class=\"field\"><label for=\"file\">" << ctx.T("io.file")
      << "</label><input type=\"file\" id=\"file\" name=\"file\" accept=\".xlsx,.csv\" required></div>"
      << "<button type=\"submit\">" << ctx.T("io.import_button") << "</button></form>";
    return f;
}

}  // namespace

std::string XlsxLink(Ctx& ctx, const std::string& api_collection, const std::string& kind) {
    std::string url = "/api/v1/" + api_collection + "?format=xlsx";
    for (const auto& name : app::ListFilterNames(kind)) {
        auto v = ctx.req.Query(name);
        if (v && !v->empty()) url += "&" + name + "=" + UrlEncode(*v);
    }
    if (ctx.en()) url += "&lang=en";
    Html h;
    h << "<p class=\"download\"><a href=\"" << url << "\" download>" << ctx.T("io.download_xlsx") << "</a>";
    if (ctx.signed_in()) h << " · " << Link("/import", ctx.T("io.import_title"));
    h << "</p>";
    return std::move(h).str();
}

http::Response ImportPage(Ctx& ctx) {
    if (!ctx.signed_in())
        return ErrorPage(ctx, Error{ErrorCode::kUnauthenticated, "sign in", {}, "unauthenticated", {}});
    std::string kind = "practice";
    Html msg;
    int status = 200;
    if (ctx.req.method == "POST") {
        auto fields = ctx.req.FormFields();
        auto it = fields.find("kind");
        if (it != fields.end()) kind = it->second;
        auto r = ImportUpload(ctx, kind);
        if (r.ok()) {
            msg << "<p class=\"notice\" role=\"status\">" << ctx.T("io.imported") << " " << std::to_string(r->records)
                << "</p>";
        } else {
            status = r.error().code == ErrorCode::kForbidden ? 403 : 422;
            msg << "<p class=\"error\" role=\"alert\">" << ctx.T("io.refused") << " " << r.error().message << "</p>";
        }
    }
    Html b;
    b << "<h1>" << ctx.T("io.import_title") << "</h1><p class=\"hint\">" << ctx.T("io.import_intro") << "</p>" << msg
      << ImportForm(ctx, kind);
    return Page(ctx, status, ctx.T("io.import_title"), std::move(b).str());
}

http::Response OpenDataPage(Ctx& ctx) {
    Html b;
    b << "<h1>" << ctx.T("io.opendata_title") << "</h1><p class=\"hint\">" << ctx.T("io.opendata_intro")
      << "</p><table><thead><tr><th scope=\"col\">" << ctx.T("io.set") << "</th><th scope=\"col\">" << ctx.T("io.rows")
      << "</th><th scope=\"col\">" << ctx.T("io.files") << "</th></tr></thead><tbody>";
    auto build = io::OpenDataCacheOf(ctx.app).Current();
    if (!build.ok()) return ErrorPage(ctx, build.error());
    for (const auto& set : io::OpenDataSets()) {
        const io::OpenDataSetInfo* f = (*build)->index.Find(set.id);
        if (!f) continue;
        const std::string base = "/opendata/" + set.id + "/";
        b << "<tr><td><strong>" << set.title << "</strong><br><small>" << set.description
          << "</small></td><td class=\"num\">" << ctx.Integer(static_cast<std::int64_t>(f->rows)) << "</td><td>"
          << Link(base + "meta.csv", "meta.csv") << " · "
          << Link(base + "structure-" + io::kStructureVersion + ".csv", "structure.csv") << " · "
          << Link(base + f->DataName(), f->DataName()) << " · " << Link(base + "data.json", "data.json")
          << "</td></tr>";
    }
    b << "</tbody></table><p>" << Link("/opendata/list.csv", "list.csv") << "</p>";
    return Page(ctx, 200, ctx.T("io.opendata_title"), std::move(b).str());
}

}  // namespace orientir::web::detail
