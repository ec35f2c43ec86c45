#include "http/router.hpp"

#include <set>

#include "common/strings.hpp"

namespace orientir::http {

namespace {
std::vector<std::string> Segments(const std::string& path) {
    std::vector<std::string> out;
    for (auto& s : Split(path, '/'))
        if (!s.empty()) out.push_back(s);
    return out;
}
}  // namespace

Response Respond(Reply reply, const Request& req) {
    if (!reply.ok()) return Problem(reply.error(), req.path);
    return std::move(reply).value();
}

Response Respond(JsonReply reply, const Request& req) {
    if (!reply.ok()) return Problem(reply.error(), req.path);
    return Response::Json(200, reply.value());
}

void Router::Add(std::string method, std::string pattern, Handler handler, RouteDoc doc) {
    auto segments = Segments(pattern);
    Route r{std::move(method), std::move(pattern), std::move(handler), std::move(doc), std::move(segments)};
    if (r.doc.blocking && r.method == "GET") blocking_.push_back(routes_.size());
    routes_.push_back(std::move(r));
}

bool Router::Blocking(const Request& req) const {
    if (req.method != "GET" && req.method != "HEAD") return false;
    for (std::size_t i : blocking_) {
        const auto& segs = routes_[i].segments;
        std::string_view rest(req.path);
        std::size_t k = 0;
        for (; k < segs.size(); ++k) {
            while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
            if (rest.empty()) break;
            auto end = rest.find('/');
            std::string_view seg = rest.substr(0, end);
            rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
            const auto& p = segs[k];
            bool param = p.size() > 2 && p.front() == '{' && p.back() == '}';
            if (!param && p != seg) break;
        }
        while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
        if (k == segs.size() && rest.empty()) return true;
    }
    return false;
}

const Route* Router::Match(const std::string& method, const std::string& path, Request* req, bool* path_exists) const {
    auto segs = Segments(path);
    *path_exists = false;
    const Route* best = nullptr;
    int best_literals = -1;
    std::map<std::string, std::string> best_params;
    for (const auto& r : routes_) {
        if (r.segments.size() != segs.size()) continue;
        std::map<std::string, std::string> params;
        int literals = 0;
        bool ok = true;
        for (std::size_t i = 0; i < segs.size() && ok; ++i) {
            const auto& p = r.segments[i];
            if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
                params[p.substr(1, p.size() - 2)] = segs[i];
            } else if (p == segs[i]) {
                ++literals;
            } else {
                ok = false;
            }
        }
        if (!ok) continue;
        *path_exists = true;
        bool method_ok = r.method == method || (method == "HEAD" && r.method == "GET");
        if (method_ok && literals > best_literals) {
            best = &r;
            best_literals = literals;
            best_params = std::move(params);
        }
    }
    if (best && req) req->path_params = std::move(best_params);
    return best;
}

std::string Router::MatchPattern(const Request& req) const {
    bool exists = false;
    const Route* r = Match(req.method, req.path, nullptr, &exists);
    return r ? r->pattern : "unmatched";
}

Status Router::ResolveParams(const Route& route, Request& req) const {
    if (!resolver_) return Status::Ok();
    for (std::size_t i = 1; i < route.segments.size(); ++i) {
        const auto& seg = route.segments[i];
        const auto& before = route.segments[i - 1];
        if (seg.size() < 3 || seg.front() != '{' || before.front() == '{') continue;
        auto& value = req.path_params[seg.substr(1, seg.size() - 2)];
        ORIENTIR_ASSIGN(value, resolver_(before, value));
    }
    return Status::Ok();
}

Response Router::Dispatch(Request& req) const {
    bool exists = false;
    const Route* r = Match(req.method, req.path, &req, &exists);
    req.route = r ? r->pattern : "unmatched";
    if (r) {
        if (auto st = ResolveParams(*r, req); !st.ok()) return Problem(st.error(), req.path);
        return r->handler(req);
    }
    if (exists) {
        std::set<std::string> allowed;
        auto segs = Segments(req.path);
        for (const auto& route : routes_) {
            bool dummy = false;
            if (Match(route.method, req.path, nullptr, &dummy) == &route) allowed.insert(route.method);
        }
        Response resp = Problem(Error{ErrorCode::kInvalidArgument,
                                      "method " + req.method + " is not allowed on " + req.path,
                                      {},
                                      "method_not_allowed",
                                      {}},
                                req.path, 405);
        std::string allow;
        for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
        resp.Header("Allow", allow);
        return resp;
    }
    return Problem(Error::NotFound("no resource at " + req.path), req.path);
}

}  // namespace orientir::http
