#include "http/api/api_util.hpp"

#include <charconv>

#include "common/strings.hpp"

namespace orientir::http {

Result<Json> JsonBody(const Request& req) {
    std::string ct = req.Header("content-type");
    if (ct.find("application/json") == std::string::npos && ct.find("+json") == std::string::npos) {
        return Error{ErrorCode::kUnsupportedMediaType,
                     "send the body as JSON with Content-Type: application/json (got \"" + ct + "\")",
                     "Content-Type",
                     "content_type",
                     {}};
    }
    if (Trim(req.body).empty())
        return Error::Invalid("", "empty_body", "the request body is empty; send a JSON object");
    if (!IsValidUtf8(req.body)) return Error::Invalid("", "encoding", "the request body is not valid UTF-8");
    return ParseJson(req.body);
}

Result<std::optional<std::int64_t>> IfMatchVersion(const Request& req) {
    std::string v = std::string(Trim(req.Header("if-match")));
    if (v.empty()) return std::optional<std::int64_t>();
    if (v == "*") return std::optional<std::int64_t>();
    if (v.rfind("W/", 0) == 0) v = v.substr(2);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    auto n = ParseInt(v);
    if (!n || *n <= 0) {
        return Error{ErrorCode::kInvalidArgument,
                     "If-Match must be an ETag this server sent, like \"3\"",
                     "If-Match",
                     "if_match",
                     {}};
    }
    return std::optional<std::int64_t>(*n);
}

Result<std::int64_t> RequiredIfMatchVersion(const Request& req) {
    ORIENTIR_ASSIGN(auto v, IfMatchVersion(req));
    if (!v) {
        return Error{ErrorCode::kPreconditionRequired,
                     "send If-Match with the ETag you read, so concurrent edits are not lost",
                     "If-Match",
                     "if_match_required",
                     {}};
    }
    return *v;
}

Result<RecordAction> ReadRecordAction(const Request& req) {
    RecordAction a;
    ORIENTIR_ASSIGN(a.id, ParseId(req.Param("id")));
    ORIENTIR_ASSIGN(a.version, IfMatchVersion(req));
    ORIENTIR_ASSIGN(a.body, JsonBody(req));
    return a;
}

std::string ETagFor(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

std::string EncodeCursor(std::int64_t after_id) { return "a" + std::to_string(after_id); }

Result<std::int64_t> ParseId(const std::string& s, const std::string& what) {
    auto n = ParseInt(s);
    if (!n || *n <= 0) return Error::Invalid(what, "id", what + " must be a positive integer, got \"" + s + "\"");
    return *n;
}

Result<app::ListParams> ListParamsFrom(const Request& req, const std::string& kind) {
    app::ListParams p;
    for (const auto& [k, v] : req.query) {
        if (k == "limit") {
            auto n = ParseInt(v);
            if (!n || *n < 1 || *n > 200)
                return Error::Invalid("limit", "range", "limit must be a whole number from 1 to 200");
            p.limit = static_cast<int>(*n);
        } else if (k == "cursor") {
            if (v.size() < 2 || v[0] != 'a' || !ParseInt(v.substr(1)) || *ParseInt(v.substr(1)) < 0) {
                return Error::Invalid("cursor", "cursor", "cursor must be a value from next_cursor of a previous page");
            }
            p.after_id = *ParseInt(v.substr(1));
        } else if (k == "order") {
            if (v != "newest" && v != "oldest")
                return Error::Invalid("order", "enum", "order must be newest or oldest");
            p.newest_first = v == "newest";
        } else if (k == "from" || k == "to") {
            if (!IsValidDate(v)) return Error::Invalid(k, "date", k + " must be a date YYYY-MM-DD");
            (k == "from" ? p.from : p.to) = v;
        } else if (k == "lang" || k == "format") {  // format=xlsx: the same list as a workbook (io_api.hpp)
            continue;
        } else {
            p.filters.emplace_back(k, v);
        }
    }
    (void)kind;
    return p;
}

OrderedJson ListEnvelope(OrderedJson items, std::int64_t total, const std::optional<std::int64_t>& next_after) {
    OrderedJson j;
    j["items"] = std::move(items);
    j["total"] = total;
    j["next_cursor"] = next_after ? OrderedJson(EncodeCursor(*next_after)) : OrderedJson(nullptr);
    return j;
}

Response ListResponse(const app::ListResult<app::RenderedItem>& list) {
    std::size_t size = 64;
    for (const auto& item : list.items) size += item.json.size() + 1;
    std::string body;
    body.reserve(size);
    body += "{\"items\":[";
    for (std::size_t i = 0; i < list.items.size(); ++i) {
        if (i) body += ',';
        body += list.items[i].json;
    }
    body += "],\"total\":" + std::to_string(list.total) + ",\"next_cursor\":";
    body += list.next_after ? OrderedJson(EncodeCursor(*list.next_after)).dump() : std::string("null");
    body += '}';
    return JsonTextResponse(200, std::move(body));
}

Response JsonTextResponse(int status, std::string json) {
    Response r;
    r.status = status;
    r.content_type = "application/json";
    r.body = std::move(json);
    return r;
}

}  // namespace orientir::http
