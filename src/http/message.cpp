#include "http/message.hpp"

#include <algorithm>

#include "common/strings.hpp"

namespace orientir::http {

std::optional<std::string> Request::Query(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> Request::QueryAll(const std::string& name) const {
    std::vector<std::string> out;
    auto [b, e] = query.equal_range(name);
    for (auto it = b; it != e; ++it) out.push_back(it->second);
    return out;
}

std::string Request::Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

std::string Request::Param(const std::string& name) const {
    auto it = path_params.find(name);
    return it == path_params.end() ? std::string() : it->second;
}

std::optional<std::string> Request::Cookie(const std::string& name) const {
    std::string all = Header("cookie");
    for (const auto& part : Split(all, ';')) {
        auto p = std::string(Trim(part));
        auto eq = p.find('=');
        if (eq == std::string::npos) continue;
        if (p.substr(0, eq) == name) return p.substr(eq + 1);
    }
    return std::nullopt;
}

namespace {

struct Part {
    std::string name;
    std::optional<std::string> filename;
    std::string content;
};

// Parameter P of a header value: `form-data; name="x"; filename="a.xlsx"`.
std::optional<std::string> HeaderParam(const std::string& value, const std::string& p) {
    for (const auto& piece : Split(value, ';')) {
        std::string t(Trim(piece));
        if (!t.starts_with(p + "=")) continue;
        std::string v = t.substr(p.size() + 1);
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
        return v;
    }
    return std::nullopt;
}

// RFC 7578 multipart/form-data body → parts (a malformed body gives the parts read so far).
std::vector<Part> MultipartParts(const Request& req) {
    std::vector<Part> parts;
    std::string ct = req.Header("content-type");
    if (ct.find("multipart/form-data") == std::string::npos) return parts;
    auto boundary = HeaderParam(ct, "boundary");
    if (!boundary || boundary->empty()) return parts;
    const std::string delim = "--" + *boundary;
    std::size_t pos = req.body.find(delim);
    while (pos != std::string::npos) {
        pos += delim.size();
        if (req.body.compare(pos, 2, "--") == 0) break;  // the closing delimiter
        std::size_t head_end = req.body.find("\r\n\r\n", pos);
        std::size_t next = req.body.find("\r\n" + delim, pos);
        if (head_end == std::string::npos || next == std::string::npos || head_end > next) break;
        Part part;
        for (const auto& line : Split(req.body.substr(pos, head_end - pos), '\n')) {
            std::string l(Trim(line));
            if (!l.starts_with("Content-Disposition:") && !l.starts_with("content-disposition:")) continue;
            part.name = HeaderParam(l, "name").value_or("");
            part.filename = HeaderParam(l, "filename");
        }
        part.content = req.body.substr(head_end + 4, next - head_end - 4);
        parts.push_back(std::move(part));
        pos = next + 2;
    }
    return parts;
}

}  // namespace

std::multimap<std::string, std::string> Request::FormFields() const {
    if (Header("content-type").find("multipart/form-data") == std::string::npos) return ParseQueryString(body);
    std::multimap<std::string, std::string> out;
    for (auto& p : MultipartParts(*this))
        if (!p.filename) out.emplace(std::move(p.name), std::move(p.content));
    return out;
}

std::optional<Request::UploadedFile> Request::FormFile(const std::string& name) const {
    for (auto& p : MultipartParts(*this))
        if (p.name == name && p.filename) return UploadedFile{std::move(*p.filename), std::move(p.content)};
    return std::nullopt;
}

std::string Response::HeaderValue(const std::string& name) const {
    for (const auto& [k, v] : headers) {
        if (std::equal(k.begin(), k.end(), name.begin(), name.end(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
            }))
            return v;
    }
    return {};
}

Response Response::Json(int status, const OrderedJson& j) {
    Response r;
    r.status = status;
    r.content_type = "application/json";
    r.body = j.dump(-1, ' ', false, orientir::Json::error_handler_t::replace);
    return r;
}

Response Response::Json(int status, const orientir::Json& j) {
    Response r;
    r.status = status;
    r.content_type = "application/json";
    r.body = j.dump(-1, ' ', false, orientir::Json::error_handler_t::replace);
    return r;
}

Response Response::Html(int status, std::string body) {
    Response r;
    r.status = status;
    r.content_type = "text/html; charset=utf-8";
    r.body = std::move(body);
    return r;
}

Response Response::Text(int status, std::string body, std::string content_type) {
    Response r;
    r.status = status;
    r.content_type = std::move(content_type);
    r.body = std::move(body);
    return r;
}

Response Response::File(std::string path, std::string content_type) {
    Response r;
    r.content_type = std::move(content_type);
    r.file = std::move(path);
    return r;
}

Response Response::Redirect(const std::string& location, int status) {
    Response r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.headers.emplace_back("Location", location);
    return r;
}

int StatusFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return 400;
        case ErrorCode::kNotFound:
            return 404;
        case ErrorCode::kConflict:
            return 409;
        case ErrorCode::kPreconditionFailed:
            return 412;
        case ErrorCode::kPreconditionRequired:
            return 428;
        case ErrorCode::kUnauthenticated:
            return 401;
        case ErrorCode::kForbidden:
            return 403;
        case ErrorCode::kPayloadTooLarge:
            return 413;
        case ErrorCode::kUnsupportedMediaType:
            return 415;
        case ErrorCode::kTooManyRequests:
            return 429;
        case ErrorCode::kUnavailable:
            return 503;
        case ErrorCode::kInternal:
            return 500;
    }
    return 500;
}

namespace {
const char* TitleFor(int status) {
    switch (status) {
        case 400:
            return "Invalid request";
        case 401:
            return "Authentication required";
        case 403:
            return "Forbidden";
        case 404:
            return "Not found";
        case 405:
            return "Method not allowed";
        case 409:
            return "Conflict";
        case 412:
            return "Precondition failed";
        case 413:
            return "Payload too large";
        case 415:
            return "Unsupported media type";
        case 428:
            return "Precondition required";
        case 429:
            return "Too many requests";
        case 431:
            return "Request header fields too large";
        case 503:
            return "Service unavailable";
        default:
            return "Internal error";
    }
}
}  // namespace

Response Problem(const Error& e, const std::string& instance, int status) {
    if (status == 0) status = StatusFor(e.code);
    OrderedJson j;
    j["type"] = std::string("https://orientir.example/problems/") + (e.rule.empty() ? ErrorCodeName(e.code) : e.rule);
    j["title"] = TitleFor(status);
    j["status"] = status;
    j["detail"] = e.message;
    if (!instance.empty()) j["instance"] = instance;
    if (!e.field.empty()) j["field"] = e.field;
    if (!e.rule.empty()) j["rule"] = e.rule;
    if (!e.issues.empty()) {
        j["errors"] = OrderedJson::array();
        for (const auto& i : e.issues)
            j["errors"].push_back({{"field", i.field}, {"rule", i.rule}, {"message", i.message}});
    }
    Response r = Response::Json(status, j);
    r.content_type = "application/problem+json";
    return r;
}

std::multimap<std::string, std::string> ParseQueryString(const std::string& qs) {
    std::multimap<std::string, std::string> out;
    for (const auto& part : Split(qs, '&')) {
        if (part.empty()) continue;
        auto eq = part.find('=');
        if (eq == std::string::npos)
            out.emplace(UrlDecode(part), "");
        else
            out.emplace(UrlDecode(part.substr(0, eq)), UrlDecode(part.substr(eq + 1)));
    }
    return out;
}

}  // namespace orientir::http
