#include "common/json.hpp"

#include <charconv>
#include <cmath>

namespace orientir {

namespace {

// Counts the nesting depth of JSON text before parsing, so that a hostile document cannot exhaust
// the stack of the recursive parser.
bool DepthWithin(std::string_view text, std::size_t max_depth) {
    std::size_t depth = 0;
    bool in_string = false;
    bool escape = false;
    for (char c : text) {
        if (in_string) {
            if (escape)
                escape = false;
            else if (c == '\\')
                escape = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{' || c == '[') {
            if (++depth > max_depth) return false;
        } else if (c == '}' || c == ']') {
            if (depth > 0) --depth;
        }
    }
    return true;
}

std::string TypeName(const Json& j) { return j.type_name(); }

}  // namespace

Result<Json> ParseJson(std::string_view text, std::size_t max_depth) {
    if (!DepthWithin(text, max_depth)) {
        return Error::Invalid("", "json_too_deep", "JSON nests deeper than " + std::to_string(max_depth) + " levels");
    }
    // The member being read, so that a number the parser cannot hold (1e309) names its field.
    std::string last_key;
    auto note_key = [&last_key](int /*depth*/, Json::parse_event_t event, Json& parsed) {
        if (event == Json::parse_event_t::key && parsed.is_string()) last_key = parsed.get<std::string>();
        return true;
    };
    try {
        return Json::parse(text.begin(), text.end(), note_key);
    } catch (const Json::out_of_range& e) {
        // nlohmann reports numbers beyond the double range ("number overflow parsing '1e309'") this way.
        return Error::Invalid(last_key, "number_out_of_range",
                              (last_key.empty() ? std::string("a number") : "the number in \"" + last_key + "\"") +
                                  " is out of range (beyond ±1.7e308)");
    } catch (const Json::parse_error& e) {
        std::string what = e.what();
        // nlohmann's message starts with "[json.exception.parse_error.101] "; keep the human part.
        auto pos = what.find("] ");
        if (pos != std::string::npos) what = what.substr(pos + 2);
        return Error::Invalid("", "malformed_json", "malformed JSON: " + what);
    } catch (const Json::exception& e) {
        // Any other refusal of the parser is still the client's input, never a server error.
        return Error::Invalid(last_key, "malformed_json", std::string("malformed JSON: ") + e.what());
    }
}

bool IsValidDate(std::string_view d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
    int y = 0, m = 0, day = 0;
    auto p1 = std::from_chars(d.data(), d.data() + 4, y);
    auto p2 = std::from_chars(d.data() + 5, d.data() + 7, m);
    auto p3 = std::from_chars(d.data() + 8, d.data() + 10, day);
    if (p1.ec != std::errc() || p2.ec != std::errc() || p3.ec != std::errc()) return false;
    if (p1.ptr != d.data() + 4 || p2.ptr != d.data() + 7 || p3.ptr != d.data() + 10) return false;
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || day < 1) return false;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int max = kDays[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) max = 29;
    return day <= max;
}

JsonReader::JsonReader(const Json& object, std::string path, std::vector<FieldIssue>* issues)
    : object_(object), path_(std::move(path)), issues_(issues), is_object_(object.is_object()) {
    if (!is_object_) {
        issues_->push_back(
            {path_.empty() ? "$" : path_, "type",
             (path_.empty() ? std::string("body") : path_) + " must be a JSON object, not " + TypeName(object)});
    }
}

std::string JsonReader::PathOf(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

void JsonReader::AddIssue(const std::string& key, std::string rule, std::string message) {
    issues_->push_back({PathOf(key), std::move(rule), std::move(message)});
}

bool JsonReader::Has(const char* key) const {
    return is_object_ && object_.contains(key) && !object_.at(key).is_null();
}

const Json* JsonReader::Get(const char* key) {
    seen_.insert(key);
    if (!is_object_) return nullptr;
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return nullptr;
    return &*it;
}

void JsonReader::Str(const char* key, std::string& out, bool required, std::size_t max_len) {
    const Json* j = Get(key);
    if (!j) {
        if (required && is_object_) AddIssue(key, "required", PathOf(key) + " is required");
        return;
    }
    if (!j->is_string()) {
        AddIssue(key, "type", PathOf(key) + " must be a string, not " + TypeName(*j));
        return;
    }
    const auto& s = j->get_ref<const std::string&>();
    if (s.size() > max_len) {
        AddIssue(key, "too_long", PathOf(key) + " is longer than " + std::to_string(max_len) + " bytes");
        return;
    }
    if (required && s.find_first_not_of(" \t\r\n") == std::string::npos) {
        AddIssue(key, "required", PathOf(key) + " must not be empty");
        return;
    }
    out = s;
}

void JsonReader::OptStr(const char* key, std::optional<std::string>& out, std::size_t max_len) {
    if (!Get(key)) {
        out.reset();
        return;
    }
    std::string s;
    std::size_t before = issues_->size();
    Str(key, s, false, max_len);
    if (issues_->size() == before) out = std::move(s);
}

void JsonReader::Int(const char* key, std::int64_t& out, bool required) {
    const Json* j = Get(key);
    if (!j) {
        if (required && is_object_) AddIssue(key, "required", PathOf(key) + " is required");
        return;
    }
    if (j->is_number_integer()) {
        out = j->get<std::int64_t>();
    } else if (j->is_number_float() && std::floor(j->get<double>()) == j->get<double>() &&
               std::fabs(j->get<double>()) < 9e15) {
        out = static_cast<std::int64_t>(j->get<double>());
    } else {
        AddIssue(key, "type", PathOf(key) + " must be an integer, not " + TypeName(*j));
    }
}

void JsonReader::OptInt(const char* key, std::optional<std::int64_t>& out) {
    if (!Get(key)) {
        out.reset();
        return;
    }
    std::int64_t v = 0;
    std::size_t before = issues_->size();
    Int(key, v);
    if (issues_->size() == before) out = v;
}

void JsonReader::Double(const char* key, double& out, bool required) {
    const Json* j = Get(key);
    if (!j) {
        if (required && is_object_) AddIssue(key, "required", PathOf(key) + " is required");
        return;
    }
    if (!j->is_number()) {
        AddIssue(key, "type", PathOf(key) + " must be a number, not " + TypeName(*j));
        return;
    }
    out = j->get<double>();
    if (!std::isfinite(out)) AddIssue(key, "type", PathOf(key) + " must be a finite number");
}

void JsonReader::OptDouble(const char* key, std::optional<double>& out) {
    if (!Get(key)) {
        out.reset();
        return;
    }
    double v = 0;
    std::size_t before = issues_->size();
    Double(key, v);
    if (issues_->size() == before) out = v;
}

void JsonReader::Bool(const char* key, bool& out) {
    const Json* j = Get(key);
    if (!j) return;
    if (!j->is_boolean()) {
        AddIssue(key, "type", PathOf(key) + " must be true or false, not " + TypeName(*j));
        return;
    }
    out = j->get<bool>();
}

void JsonReader::StrList(const char* key, std::vector<std::string>& out, std::size_t max_items,
                         std::size_t max_item_len) {
    const Json* j = Get(key);
    if (!j) return;
    if (!j->is_array()) {
        AddIssue(key, "type", PathOf(key) + " must be an array of strings, not " + TypeName(*j));
        return;
    }
    if (j->size() > max_items) {
        AddIssue(key, "too_many", PathOf(key) + " has more than " + std::to_string(max_items) + " items");
        return;
    }
    std::vector<std::string> items;
    for (std::size_t i = 0; i < j->size(); ++i) {
        const auto& e = (*j)[i];
        if (!e.is_string() || e.get_ref<const std::string&>().size() > max_item_len) {
            AddIssue(std::string(key) + "[" + std::to_string(i) + "]", "type",
                     PathOf(key) + "[" + std::to_string(i) + "] must be a string of at most " +
                         std::to_string(max_item_len) + " bytes");
            return;
        }
        items.push_back(e.get<std::string>());
    }
    out = std::move(items);
}

void JsonReader::Date(const char* key, std::string& out, bool required) {
    std::string s;
    std::size_t before = issues_->size();
    Str(key, s, required, 10);
    if (issues_->size() != before || s.empty()) return;
    if (!IsValidDate(s)) {
        AddIssue(key, "date", PathOf(key) + " must be a date YYYY-MM-DD, got \"" + s + "\"");
        return;
    }
    out = s;
}

void JsonReader::OptDate(const char* key, std::optional<std::string>& out) {
    if (!Get(key)) {
        out.reset();
        return;
    }
    std::string s;
    std::size_t before = issues_->size();
    Date(key, s);
    if (issues_->size() == before) out = s;
}

void JsonReader::Object(const char* key, const std::function<void(JsonReader&)>& fn, bool required) {
    const Json* j = Get(key);
    if (!j) {
        if (required && is_object_) AddIssue(key, "required", PathOf(key) + " is required");
        return;
    }
    JsonReader sub(*j, PathOf(key), issues_);
    if (!sub.IsObject()) return;
    fn(sub);
    sub.Finish();
}

void JsonReader::Array(const char* key, const std::function<void(JsonReader&)>& fn, std::size_t max_items) {
    const Json* j = Get(key);
    if (!j) return;
    if (!j->is_array()) {
        AddIssue(key, "type", PathOf(key) + " must be an array, not " + TypeName(*j));
        return;
    }
    if (j->size() > max_items) {
        AddIssue(key, "too_many", PathOf(key) + " has more than " + std::to_string(max_items) + " items");
        return;
    }
    for (std::size_t i = 0; i < j->size(); ++i) {
        JsonReader sub((*j)[i], PathOf(key) + "[" + std::to_string(i) + "]", issues_);
        if (!sub.IsObject()) continue;
        fn(sub);
        sub.Finish();
    }
}

void JsonReader::Ignore(const char* key) { seen_.insert(key); }

void JsonReader::Finish() {
    if (!is_object_) return;
    for (auto it = object_.begin(); it != object_.end(); ++it) {
        if (!seen_.count(it.key())) {
            issues_->push_back({PathOf(it.key()), "unknown_field", "unknown field " + PathOf(it.key())});
        }
    }
}

Error IssuesToError(std::vector<FieldIssue> issues) {
    Error e = Error::Invalid(issues.front().field, issues.front().rule, issues.front().message);
    if (issues.size() > 1) e.message += " (and " + std::to_string(issues.size() - 1) + " more problems)";
    e.issues = std::move(issues);
    return e;
}

Status ReadJsonObject(const Json& json, const std::function<void(JsonReader&)>& fn) {
    std::vector<FieldIssue> issues;
    JsonReader r(json, "", &issues);
    if (r.IsObject()) {
        fn(r);
        r.Finish();
    }
    if (issues.empty()) return Status::Ok();
    return IssuesToError(std::move(issues));
}

}  // namespace orientir
