#include "http/api/io_api.hpp"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "app/table_import.hpp"
#include "io/opendata_cache.hpp"
#include "io/xlsx_import.hpp"
#include "io/xlsx_writer.hpp"

namespace orientir::http {

namespace {

std::string TodayCompact() {
    std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

// A temporary file holding BODY, removed with the object.
struct TempFile {
    std::string path;
    explicit TempFile(const std::string& body) {
        std::string tmpl = (std::filesystem::temp_directory_path() / "orientir-upload-XXXXXX.xlsx").string();
        int fd = mkstemps(tmpl.data(), 5);
        if (fd >= 0) close(fd);
        path = tmpl;
        std::ofstream(path, std::ios::binary) << body;
    }
    ~TempFile() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

// GET /opendata/list.csv and /opendata/{set}/{file}: a file of the current build (io/opendata_cache.hpp),
// streamed from disk, with the build's ETag and the set's newest change as Last-Modified (304 when the
// client has them).
Response OpenDataFile(app::App& app, const Request& req, const std::string& set_id, const std::string& file) {
    const io::OpenDataSet* set = set_id.empty() ? nullptr : io::FindOpenDataSet(set_id);
    if (!set_id.empty() && !set) return Problem(Error::NotFound("no open-data set \"" + set_id + "\""), req.path);
    auto build = io::OpenDataCacheOf(app).Current();
    if (!build.ok()) return Problem(build.error(), req.path);
    const io::OpenDataBuild& b = **build;
    std::string path = b.dir + "/" + file, newest = b.Newest();
    if (set) {
        const io::OpenDataSetInfo* info = b.index.Find(set->id);
        const std::string structure = "structure-" + std::string(io::kStructureVersion) + ".csv";
        bool known = file == "meta.csv" || file == "structure.csv" || file == structure || file == "data.csv" ||
                     file == info->DataName() || file == "data.json" || file == info->JsonName();
        if (!known)
            return Problem(
                Error::NotFound("no file \"" + file + "\" in set " + set->id + " (current: meta.csv, " + structure +
                                ", " + info->DataName() + ", data.json, " + info->JsonName() + ")"),
                req.path);
        path = b.dir + "/" + set->id + "/" + file;
        newest = info->newest;
    }
    const std::string modified = io::HttpDate(newest);
    const std::string since = req.Header("if-modified-since");
    const std::string match = req.Header("if-none-match");
    Response r = (!match.empty() ? match == b.etag : !since.empty() && since == modified)
                     ? Response::Text(304, "")
                     : Response::File(path, file.ends_with(".json") ? "application/json" : "text/csv; charset=utf-8");
    r.Header("ETag", b.etag);
    if (!modified.empty()) r.Header("Last-Modified", modified);
    if (r.status == 200) r.Header("Content-Disposition", "inline; filename=\"" + file + "\"");
    return r;
}

}  // namespace

bool WantsXlsx(const Request& req) { return req.Query("format").value_or("") == "xlsx"; }

std::string LangOf(const Request& req) { return req.Query("lang").value_or("") == "en" ? "en" : "ru"; }

Response XlsxDownload(const Result<std::string>& bytes, const std::string& name, const Request& req) {
    if (!bytes.ok()) return Problem(bytes.error(), req.path);
    Response r = Response::Text(200, bytes.value(), kXlsxType);
    r.Header("Content-Disposition", "attachment; filename=\"" + name + "-" + TodayCompact() + ".xlsx\"");
    return r;
}

Result<std::string> RecordsXlsx(const std::string& kind, const std::vector<OrderedJson>& rows,
                                const std::string& lang) {
    return io::RecordsToXlsx(kind, rows, lang);
}

void RegisterIoRoutes(Router& router, app::App& app, const ActorResolver& actor_of) {
    router.Add("POST", "/api/v1/import/{kind}",
               [&app, actor_of](Request& req) {
                   app::Actor actor = actor_of(req);
                   if (auto may = app::CheckMayImport(actor); !may.ok()) return Problem(may.error(), req.path);
                   std::string ct = req.Header("content-type");
                   Result<app::ImportReport> r = Error::Invalid("content-type", "media_type", "");
                   if (ct.starts_with(kXlsxType)) {
                       TempFile f(req.body);
                       r = io::ImportXlsxFile(app, actor, req.Param("kind"), f.path);
                   } else if (ct.starts_with("text/csv")) {
                       r = app::ImportText(app, actor, req.Param("kind"), req.body, true);
                   } else {
                       return Problem(
                           Error{ErrorCode::kUnsupportedMediaType,
                                 std::string("send the file as ") + kXlsxType + " or text/csv", "", "media_type"},
                           req.path);
                   }
                   if (!r.ok()) return Problem(r.error(), req.path);
                   return Response::Json(200, OrderedJson{{"kind", r->kind}, {"records", r->records}});
               },
               {"Import a spreadsheet (.xlsx or CSV body) of organisations, persons, positions, practices, "
                "adoptions, indicators or indicator_values; all or nothing, errors name sheet, row and column",
                "import",
                "",
                "",
                {}});
    router.Add("GET", "/opendata/list.csv", [&app](Request& req) { return OpenDataFile(app, req, "", "list.csv"); });
    router.Add("GET", "/opendata/{set}/{file}",
               [&app](Request& req) { return OpenDataFile(app, req, req.Param("set"), req.Param("file")); },
               {"Open data: a set's data or metadata file", "opendata", "", "", {}, true});
}

}  // namespace orientir::http
