#pragma once
// Test helpers shared by the HTTP and web tests: requests as a browser or a script would send them.

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "http/message.hpp"

namespace orientir::http::testing {

// A request for `target` ("/path?query"), with the body and headers given; a non-empty body without a
// content-type header is sent as JSON.
inline Request MakeRequest(const std::string& method, const std::string& target, const std::string& body = "",
                           std::map<std::string, std::string> headers = {}) {
    Request r;
    r.method = method;
    r.target = target;
    auto q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) r.query = ParseQueryString(target.substr(q + 1));
    r.body = body;
    r.headers = std::move(headers);
    if (!body.empty() && !r.headers.count("content-type")) r.headers["content-type"] = "application/json";
    return r;
}

// The bytes a client would receive: the body, or the file of a Response::File.
inline std::string BodyOf(const Response& r) {
    if (r.file.empty()) return r.body;
    std::ifstream in(r.file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace orientir::http::testing
