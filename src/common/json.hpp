#pragma once
// Strict reading of JSON input at the edge: types are checked, unknown fields are rejected, and every
// problem is reported with the JSON path of the field and the rule it breaks.

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.hpp"

namespace orientir {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// Parses text as JSON; a syntax error names the byte offset. Depth and size limits protect the server.
Result<Json> ParseJson(std::string_view text, std::size_t max_depth = 64);

// Reads the members of one JSON object. Not thread-safe; used on one request.
// All problems are collected; Finish() also reports members nobody asked for.
class JsonReader {
public:
    JsonReader(const Json& object, std::string path, std::vector<FieldIssue>* issues);

    bool IsObject() const { return is_object_; }
    bool Has(const char* key) const;

    void Str(const char* key, std::string& out, bool required = false, std::size_t max_len = 20000);
    void OptStr(const char* key, std::optional<std::string>& out, std::size_t max_len = 20000);
    void Int(const char* key, std::int64_t& out, bool required = false);
    void OptInt(const char* key, std::optional<std::int64_t>& out);
    void Double(const char* key, double& out, bool required = false);
    void OptDouble(const char* key, std::optional<double>& out);
    void Bool(const char* key, bool& out);
    void StrList(const char* key, std::vector<std::string>& out, std::size_t max_items = 200,
                 std::size_t max_item_len = 2000);
    // A date "YYYY-MM-DD" (validated as a real calendar date).
    void Date(const char* key, std::string& out, bool required = false);
    void OptDate(const char* key, std::optional<std::string>& out);
    // A nested object; `fn` reads it. Absent or null leaves it untouched unless required.
    void Object(const char* key, const std::function<void(JsonReader&)>& fn, bool required = false);
    // An array of objects.
    void Array(const char* key, const std::function<void(JsonReader&)>& fn, std::size_t max_items = 1000);
    // Ignores a member (e.g. read-only fields echoed back by clients such as id, version).
    void Ignore(const char* key);

    void AddIssue(const std::string& key, std::string rule, std::string message);
    std::string PathOf(const std::string& key) const;
    // Reports unknown members. Call once after reading.
    void Finish();

private:
    const Json* Get(const char* key);

    const Json& object_;
    std::string path_;
    std::vector<FieldIssue>* issues_;
    std::set<std::string> seen_;
    bool is_object_;
};

// Runs `fn` over a JSON object at the top level and turns the collected issues into one Error.
Status ReadJsonObject(const Json& json, const std::function<void(JsonReader&)>& fn);

// Makes an invalid-argument Error from collected issues (first issue becomes the headline).
Error IssuesToError(std::vector<FieldIssue> issues);

bool IsValidDate(std::string_view date);

}  // namespace orientir
