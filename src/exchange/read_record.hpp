#pragma once
// Typed reads of the records of a peer's exchange page (internal to src/exchange: import.cpp and
// popolo_import.cpp). Errors name the member path ("practices[3].origin.id is missing").

#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "domain/types.hpp"

namespace orientir::exchange {

using domain::Id;

// Typed reads of one record of a peer's page: the first missing or mistyped member is kept in `error`.
class Rec {
public:
    Rec(const Json& j, std::string path) : j_(j), path_(std::move(path)) {}
    const std::string& error() const { return error_; }

    const Json* Get(const char* k, bool (Json::*is)() const, const char* type, bool required) {
        auto it = j_.find(k);
        if (it == j_.end() || it->is_null()) {
            if (required) Fail(k, "is missing");
            return nullptr;
        }
        if (!((*it).*is)()) {
            Fail(k, std::string("must be ") + type);
            return nullptr;
        }
        return &*it;
    }
    std::string Str(const char* k, bool required = false) {
        const Json* v = Get(k, &Json::is_string, "a string", required);
        return v ? v->get<std::string>() : std::string();
    }
    std::optional<std::string> OptStr(const char* k) {
        const Json* v = Get(k, &Json::is_string, "a string", false);
        return v ? std::optional<std::string>(v->get<std::string>()) : std::nullopt;
    }
    Id Int(const char* k, bool required = false) {
        const Json* v = Get(k, &Json::is_number_integer, "an integer", required);
        return v ? v->get<Id>() : 0;
    }
    std::vector<std::string> StrList(const char* k) {
        std::vector<std::string> out;
        const Json* v = Get(k, &Json::is_array, "an array", false);
        if (!v) return out;
        for (const auto& e : *v) {
            if (!e.is_string()) {
                Fail(k, "must hold strings");
                break;
            }
            out.push_back(e.get<std::string>());
        }
        return out;
    }
    void Fail(const std::string& k, const std::string& what) {
        if (error_.empty()) error_ = path_ + "." + k + " " + what;
    }

private:
    const Json& j_;
    std::string path_;
    std::string error_;
};

// A reference {"@id", "installation", "id"} to a record somewhere.
struct RemoteRef {
    std::string uri, installation;
    Id id = 0;
};
inline std::optional<RemoteRef> ReadRef(Rec& r, const char* key) {
    const Json* v = r.Get(key, &Json::is_object, "an object", false);
    if (!v) return std::nullopt;
    Rec ref(*v, key);
    RemoteRef out{ref.Str("@id", true), ref.Str("installation", true), ref.Int("id", true)};
    if (!ref.error().empty()) r.Fail(key, ref.error());
    return out;
}

inline std::string OriginKey(const std::string& installation, Id id) { return installation + "|" + std::to_string(id); }

// The record's origin (@id and origin{installation, id, version, withdrawn}), read from `peer_url`.
inline std::optional<domain::External> ReadOrigin(Rec& r, const std::string& peer_url) {
    const Json* o = r.Get("origin", &Json::is_object, "an object", true);
    if (!o) return std::nullopt;
    Rec origin(*o, "origin");
    domain::External e;
    e.uri = r.Str("@id", true);
    e.installation = origin.Str("installation", true);
    e.id = origin.Int("id", true);
    e.version = origin.Int("version");
    e.peer = peer_url;
    auto w = o->find("withdrawn");
    e.withdrawn = w != o->end() && w->is_boolean() && w->get<bool>();
    if (!origin.error().empty()) r.Fail("origin", origin.error());
    if (e.installation.empty() || e.id <= 0) r.Fail("origin", "needs an installation and a positive id");
    return e;
}

}  // namespace orientir::exchange
