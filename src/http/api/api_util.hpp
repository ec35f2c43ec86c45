#pragma once
// Helpers shared by the JSON API handlers: body parsing, ETag / If-Match, paging, list envelopes.

#include <functional>
#include <optional>
#include <string>

#include "app/actor.hpp"
#include "app/app.hpp"
#include "http/message.hpp"

namespace orientir::http {

// Resolves the actor of a request (session cookie or API token). Installed by the auth module;
// defaults to anonymous.
using ActorResolver = std::function<app::Actor(const Request&)>;

// Parses the JSON body; 415 unless Content-Type is JSON, 400 with the parser's message otherwise.
Result<Json> JsonBody(const Request& req);
// The version an edit is based on, from If-Match ("W/\"3\"", "\"3\"") or nullopt when absent;
// an unparsable If-Match is an error.
Result<std::optional<std::int64_t>> IfMatchVersion(const Request& req);
std::string ETagFor(std::int64_t version);
// If-Match is required (428 when absent): edits must say which version they are based on.
Result<std::int64_t> RequiredIfMatchVersion(const Request& req);
// An action on one record (POST /…/{id}/stage, /moderation, …): its id, the optional If-Match version
// and the JSON body.
struct RecordAction {
    std::int64_t id = 0;
    std::optional<std::int64_t> version;
    Json body;
};
Result<RecordAction> ReadRecordAction(const Request& req);

// The JSON body read into a domain type with its strict codec.
template <class T, class ReadFn>
Result<T> ReadBody(const Request& req, ReadFn read) {
    auto body = JsonBody(req);
    if (!body.ok()) return body.error();
    T v;
    auto st = read(body.value(), v);
    if (!st.ok()) return st.error();
    return v;
}
// Reads limit (1..200, default 50) and cursor from the query.
Result<app::ListParams> ListParamsFrom(const Request& req, const std::string& kind);
std::string EncodeCursor(std::int64_t after_id);
Result<std::int64_t> ParseId(const std::string& s, const std::string& what = "id");

// {"items":[...], "total":N, "next_cursor":"..."|null}
OrderedJson ListEnvelope(OrderedJson items, std::int64_t total, const std::optional<std::int64_t>& next_after);
// The same envelope around items rendered already (app::App::ListRendered), byte for byte what
// Response::Json(200, ListEnvelope(...)) writes for those items.
Response ListResponse(const app::ListResult<app::RenderedItem>& list);
// A JSON answer whose text is written already (a rendered item), passed on untouched.
Response JsonTextResponse(int status, std::string json);

}  // namespace orientir::http
