#include "app/importer.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/check.hpp"
#include "app/entities.hpp"
#include "app/permissions.hpp"
#include "app/store_access.hpp"
#include "app/table_import.hpp"
#include "common/log.hpp"
#include "common/strings.hpp"
#include "text/normalize.hpp"

namespace orientir::app {

namespace {

namespace fs = std::filesystem;

Result<std::string> ReadFile(const std::string& path, std::size_t max_bytes = 512u << 20) {
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    if (ec) return Error::Invalid("file", "unreadable", "cannot read " + path + ": " + ec.message());
    if (size > max_bytes) return Error::Invalid("file", "too_large", path + " is larger than the import limit");
    std::ifstream in(path, std::ios::binary);
    std::string s(size, '\0');
    in.read(s.data(), static_cast<std::streamsize>(size));
    if (!in) return Error::Invalid("file", "unreadable", "cannot read " + path);
    return s;
}

Error At(const std::string& where, const Error& e) {
    Error out = e;
    out.message = where + ": " + e.message;
    return out;
}

// Resolves references given by key inside one import transaction.
class KeyResolver {
public:
    explicit KeyResolver(storage::WriteTx& tx) : tx_(tx) {}

    Result<std::int64_t> ByKey(const std::string& kind, const std::string& key) {
        auto d = tx_.FindOne(kind, "key", key);
        if (!d) return Error::Invalid(kind, "unknown_key", "no " + kind + " with key \"" + key + "\"");
        return d->id;
    }
    Result<std::int64_t> Municipality(const Json& ref) {
        if (!ref.is_object() || !ref.contains("region") || !ref.contains("name") || !ref["region"].is_string() ||
            !ref["name"].is_string()) {
            return Error::Invalid("municipality", "type", R"(municipality must be {"region": code, "name": name})");
        }
        std::string region = ref["region"], name = ref["name"];
        storage::ListQuery q{"municipality",
                             {storage::Filter::Eq("region", region), storage::Filter::Eq("name", text::Fold(name))},
                             0,
                             2,
                             false};
        ORIENTIR_ASSIGN(auto page, tx_.List(q));
        if (page.docs.empty()) {
            return Error::Invalid("municipality", "unknown_municipality",
                                  "no municipality \"" + name + "\" in region " + region);
        }
        return page.docs.front().id;
    }

    // Rewrites key references in place into the API's id fields.
    Status Rewrite(Json& j, const std::string& kind) {
        auto place = [&](Json& p) -> Status {
            if (!p.is_object()) return Status::Ok();
            if (p.contains("municipality")) {
                if (!p["municipality"].is_null()) {
                    ORIENTIR_ASSIGN(auto id, Municipality(p["municipality"]));
                    p["municipality_id"] = id;
                }
                p.erase("municipality");
            }
            if (p.contains("organisation")) {
                if (p["organisation"].is_string()) {
                    ORIENTIR_ASSIGN(auto id, ByKey("organisation", p["organisation"]));
                    p["organisation_id"] = id;
                }
                p.erase("organisation");
            }
            return Status::Ok();
        };
        if (kind == "organisation") ORIENTIR_TRY(place(j));
        if (kind == "practice" && j.contains("origin")) ORIENTIR_TRY(place(j["origin"]));
        if (kind == "adoption" || kind == "adoption_request") {
            if (j.contains("practice")) {
                if (j["practice"].is_string()) {
                    ORIENTIR_ASSIGN(auto id, ByKey("practice", j["practice"]));
                    j["practice_id"] = id;
                }
                j.erase("practice");
            }
            if (j.contains("adopter")) ORIENTIR_TRY(place(j["adopter"]));
            if (j.contains("from")) ORIENTIR_TRY(place(j["from"]));
            if (j.contains("source")) {
                if (j["source"].is_string()) {
                    ORIENTIR_ASSIGN(auto id, ByKey("adoption", j["source"]));
                    j["source_adoption_id"] = id;
                }
                j.erase("source");
            }
        }
        if (kind == "position") {
            ORIENTIR_TRY(place(j));
            if (j.contains("person") && j["person"].is_string()) {
                ORIENTIR_ASSIGN(auto id, ByKey("person", j["person"]));
                j["person_id"] = id;
                j.erase("person");
            }
        }
        return Status::Ok();
    }

private:
    storage::WriteTx& tx_;
};

template <class T>
Status ImportRecord(App& app, const Actor& actor, storage::WriteTx& tx, const Json& j) {
    T v;
    ORIENTIR_TRY(domain::FromJson(j, v));
    ORIENTIR_TRY(StoreAccess::CreateIn(app, tx, actor, std::move(v)));
    return Status::Ok();
}

// Reference records (regions, districts, domains) are not user-editable: written directly.
template <class T>
Status ImportReference(storage::WriteTx& tx, const Json& j) {
    T v;
    ORIENTIR_TRY(domain::FromJson(j, v));
    ORIENTIR_TRY(tx.Insert(Entity<T>::kKind, ToBody(v), Entity<T>::Index(v)));
    return Status::Ok();
}

Status ImportPerson(App& app, const Actor& actor, storage::WriteTx& tx, Json j, KeyResolver& keys) {
    Json positions = j.contains("positions") ? j["positions"] : Json::array();
    j.erase("positions");
    domain::Person p;
    ORIENTIR_TRY(domain::FromJson(j, p));
    ORIENTIR_ASSIGN(auto saved, StoreAccess::CreateIn(app, tx, actor, std::move(p)));
    if (!positions.is_array()) return Error::Invalid("positions", "type", "positions must be an array");
    for (std::size_t i = 0; i < positions.size(); ++i) {
        Json pos = positions[i];
        if (!pos.is_object()) return Error::Invalid("positions", "type", "positions must hold objects");
        pos["person_id"] = saved.meta.id;
        if (pos.contains("region") && pos["region"].is_null()) pos.erase("region");
        auto st = keys.Rewrite(pos, "position");
        if (!st.ok()) return At("positions[" + std::to_string(i) + "]", st.error());
        domain::Position v;
        st = domain::FromJson(pos, v);
        if (!st.ok()) return At("positions[" + std::to_string(i) + "]", st.error());
        auto r = StoreAccess::CreateIn(app, tx, actor, std::move(v));
        if (!r.ok()) return At("positions[" + std::to_string(i) + "]", r.error());
    }
    return Status::Ok();
}

// Normalises the import KIND argument ("practices" → "practice").
std::string Singular(std::string kind) {
    static const std::map<std::string, std::string> kMap = {{"regions", "region"},
                                                            {"federal_districts", "federal_district"},
                                                            {"domains", "domain"},
                                                            {"municipalities", "municipality"},
                                                            {"organisations", "organisation"},
                                                            {"persons", "person"},
                                                            {"positions", "position"},
                                                            {"practices", "practice"},
                                                            {"adoptions", "adoption"},
                                                            {"indicators", "indicator"},
                                                            {"indicator_values", "indicator_value"},
                                                            {"adoption_requests", "adoption_request"},
                                                            {"articles", "article"}};
    auto it = kMap.find(kind);
    return it == kMap.end() ? kind : it->second;
}

Status ImportJsonRecord(App& app, const Actor& actor, storage::WriteTx& tx, KeyResolver& keys, const std::string& kind,
                        Json j) {
    if (!j.is_object()) return Error::Invalid("", "type", "each record must be a JSON object");
    if (kind == "person") return ImportPerson(app, actor, tx, std::move(j), keys);
    ORIENTIR_TRY(keys.Rewrite(j, kind));
    if (kind == "region" || kind == "federal_district" || kind == "domain") {
        if (!actor.IsStaff()) return Error::Forbidden("only administrators import reference data");
        if (kind == "region") return ImportReference<domain::Region>(tx, j);
        if (kind == "federal_district") return ImportReference<domain::FederalDistrict>(tx, j);
        return ImportReference<domain::Domain>(tx, j);
    }
    if (kind == "municipality") return ImportRecord<domain::Municipality>(app, actor, tx, j);
    if (kind == "organisation") return ImportRecord<domain::Organisation>(app, actor, tx, j);
    if (kind == "position") return ImportRecord<domain::Position>(app, actor, tx, j);
    if (kind == "practice") return ImportRecord<domain::Practice>(app, actor, tx, j);
    if (kind == "adoption") return ImportRecord<domain::Adoption>(app, actor, tx, j);
    if (kind == "indicator") return ImportRecord<domain::Indicator>(app, actor, tx, j);
    if (kind == "indicator_value") return ImportRecord<domain::IndicatorValue>(app, actor, tx, j);
    if (kind == "adoption_request") return ImportRecord<domain::AdoptionRequest>(app, actor, tx, j);
    if (kind == "article") return ImportRecord<domain::Article>(app, actor, tx, j);
    return Error::Invalid("kind", "unknown_kind", "cannot import \"" + kind + "\"");
}

}  // namespace

std::string SingularKind(std::string kind) { return Singular(std::move(kind)); }

Status CheckMayImport(const Actor& actor) { return RequireSignedIn(actor, "import"); }

Result<ImportReport> ImportRecords(App& app, const Actor& actor, const std::string& kind_arg,
                                   const std::function<Status(const RecordPut& put)>& produce) {
    ORIENTIR_TRY(CheckMayImport(actor));
    std::string kind = Singular(kind_arg);
    ImportReport report{kind, 0};
    Status st = StoreAccess::Of(app).Write([&](storage::WriteTx& tx) -> Status {
        report.records = 0;  // the store may run this callback more than once
        KeyResolver keys(tx);
        return produce([&](Json j) -> Status {
            ORIENTIR_TRY(ImportJsonRecord(app, actor, tx, keys, kind, std::move(j)));
            ++report.records;
            return Status::Ok();
        });
    });
    if (!st.ok()) return st.error();
    app.directory().Invalidate();
    return report;
}

Result<ImportReport> ImportText(App& app, const Actor& actor, const std::string& kind, const std::string& raw,
                                bool csv) {
    ORIENTIR_TRY(CheckMayImport(actor));
    DecodeError decode_error;
    auto utf8 = DecodeCyrillicText(raw, decode_error);
    if (!utf8) return Error::Invalid("file", "encoding", decode_error.message);
    if (csv) return ImportCsvText(app, actor, Singular(kind), *utf8);
    ORIENTIR_ASSIGN(auto doc, ParseJson(*utf8));
    if (!doc.is_array()) return Error::Invalid("file", "type", "a JSON import file must hold an array of records");
    return ImportRecords(app, actor, kind, [&](const RecordPut& put) -> Status {
        for (std::size_t i = 0; i < doc.size(); ++i) {
            auto s = put(doc[i]);
            if (!s.ok()) return At("record " + std::to_string(i + 1) + " (index " + std::to_string(i) + ")", s.error());
        }
        return Status::Ok();
    });
}

Result<ImportReport> ImportFile(App& app, const Actor& actor, const std::string& kind, const std::string& path) {
    ORIENTIR_ASSIGN(auto text, ReadFile(path));
    bool csv = path.size() > 4 && (path.substr(path.size() - 4) == ".csv" || path.substr(path.size() - 4) == ".CSV");
    auto r = ImportText(app, actor, kind, text, csv);
    if (!r.ok()) return At(path, r.error());
    return r;
}

Result<bool> EnsureReferenceData(App& app, const std::string& assets) {
    ORIENTIR_ASSIGN(auto n, StoreAccess::Of(app).Count("region", {}));
    if (n > 0) return false;
    Actor sys = Actor::System();
    for (auto [kind, file] :
         std::vector<std::pair<std::string, std::string>>{{"federal_districts", "reference/federal_districts.json"},
                                                          {"regions", "reference/regions.json"},
                                                          {"domains", "reference/domains.json"},
                                                          {"municipalities", "reference/municipalities.csv"}}) {
        ORIENTIR_ASSIGN(auto rep, ImportFile(app, sys, kind, (assets + "/") += file));
        log::Info("reference data imported", {{"kind", rep.kind}, {"records", std::to_string(rep.records)}});
    }
    return true;
}

Result<bool> EnsureDemoData(App& app, const std::string& assets) {
    ORIENTIR_ASSIGN(auto n, StoreAccess::Of(app).Count("practice", {}));
    if (n > 0) return false;
    Actor sys = Actor::System();
    for (auto [kind, file] :
         std::vector<std::pair<std::string, std::string>>{{"organisations", "demo/organisations.json"},
                                                          {"persons", "demo/persons.json"},
                                                          {"practices", "demo/practices.json"},
                                                          {"adoptions", "demo/adoptions.json"},
                                                          {"indicators", "demo/indicators.json"},
                                                          {"indicator_values", "demo/indicator_values.csv"}}) {
        std::string path = (assets + "/") += file;
        if (!fs::exists(path)) {
            log::Warn("demo file missing", {{"file", path}});
            continue;
        }
        ORIENTIR_ASSIGN(auto rep, ImportFile(app, sys, kind, path));
        log::Info("demo data imported", {{"kind", rep.kind}, {"records", std::to_string(rep.records)}});
    }
    return true;
}

Status ExportAll(App& app, std::ostream& out) {
    for (const auto& kind : StoreAccess::Of(app).Kinds()) {
        ORIENTIR_TRY(StoreAccess::Of(app).Scan(kind, [&](const storage::Doc& d) {
            OrderedJson j;
            j["kind"] = kind;
            j["id"] = d.id;
            j["version"] = d.version;
            j["created_at"] = d.created_at;
            j["updated_at"] = d.updated_at;
            j["body"] = OrderedJson::parse(d.body);
            // The index entries travel with the record, so every kind (users, sessions, audit, review
            // facts, …) is restored exactly, whichever module defined its index.
            OrderedJson idx = OrderedJson::array();
            for (const auto& e : StoreAccess::Of(app).IndexOf(kind, d.id)) idx.push_back({e.field, e.value});
            j["index"] = idx;
            out << j.dump() << '\n';
            return true;
        }));
    }
    return Status::Ok();
}

namespace {
template <class T>
storage::IndexEntries IndexOf(const std::string& body) {
    T v;
    auto j = ParseJson(body);
    if (!j.ok() || !domain::FromJson(j.value(), v).ok()) return {};
    return Entity<T>::Index(v);
}
storage::IndexEntries IndexForKind(const std::string& kind, const std::string& body) {
    if (kind == "region") return IndexOf<domain::Region>(body);
    if (kind == "federal_district") return IndexOf<domain::FederalDistrict>(body);
    if (kind == "domain") return IndexOf<domain::Domain>(body);
    if (kind == "municipality") return IndexOf<domain::Municipality>(body);
    if (kind == "organisation") return IndexOf<domain::Organisation>(body);
    if (kind == "person") return IndexOf<domain::Person>(body);
    if (kind == "position") return IndexOf<domain::Position>(body);
    if (kind == "practice") return IndexOf<domain::Practice>(body);
    if (kind == "adoption") return IndexOf<domain::Adoption>(body);
    if (kind == "indicator") return IndexOf<domain::Indicator>(body);
    if (kind == "indicator_value") return IndexOf<domain::IndicatorValue>(body);
    if (kind == "adoption_request") return IndexOf<domain::AdoptionRequest>(body);
    if (kind == "article") return IndexOf<domain::Article>(body);
    return {};
}
}  // namespace

Result<std::size_t> ImportExport(App& app, std::istream& in) {
    std::size_t n = 0;
    // Read everything first: the store may run the write callback more than once.
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(std::move(l));
    Status st = StoreAccess::Of(app).Write([&](storage::WriteTx& tx) -> Status {
        n = 0;
        std::size_t lineno = 0;
        for (const std::string& line : lines) {
            ++lineno;
            if (Trim(line).empty()) continue;
            auto j = ParseJson(line);
            if (!j.ok()) return At("line " + std::to_string(lineno), j.error());
            const Json& rec = j.value();
            if (!rec.contains("kind") || !rec.contains("id") || !rec.contains("body")) {
                return Error::Invalid("line " + std::to_string(lineno), "format",
                                      "line " + std::to_string(lineno) + ": not an export record");
            }
            std::string kind = rec["kind"];
            // Keep the member order of the body exactly as exported.
            std::string body = OrderedJson::parse(line)["body"].dump();
            storage::IndexEntries index;
            if (rec.contains("index") && rec["index"].is_array()) {
                for (const auto& e : rec["index"]) {
                    if (e.is_array() && e.size() == 2 && e[0].is_string() && e[1].is_string())
                        index.push_back({e[0].get<std::string>(), e[1].get<std::string>(), false});
                }
            } else {
                index = IndexForKind(kind, body);  // exports written before index entries were included
            }
            // A restore is a write path like any other: the domain's field rules hold here too.
            if (auto issues = FieldIssuesOfBody(kind, body); !issues.empty()) {
                return At("line " + std::to_string(lineno) + " (" + kind + " " + rec["id"].dump() + ")",
                          IssuesToError(std::move(issues)));
            }
            auto r = tx.Insert(kind, body, index, rec["id"].get<std::int64_t>());
            if (!r.ok()) return At("line " + std::to_string(lineno), r.error());
            ++n;
        }
        return Status::Ok();
    });
    if (!st.ok()) return st.error();
    app.directory().Invalidate();
    return n;
}

}  // namespace orientir::app
