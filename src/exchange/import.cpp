#include "exchange/import.hpp"

#include <algorithm>

#include "app/entities.hpp"
#include "app/store_access.hpp"
#include "domain/codec.hpp"
#include "exchange/popolo_import.hpp"
#include "exchange/read_record.hpp"

namespace orientir::exchange {

namespace {

using domain::Id;

class Importer {
public:
    Importer(storage::WriteTx& tx, app::App& app, const Installation& self, Id peer_id, std::string peer_url,
             ImportReport& rep)
        : tx_(tx), app_(app), self_(self), peer_id_(peer_id), peer_url_(std::move(peer_url)), rep_(rep) {}

    Status Practice(const Json& j, int index);
    Status Adoption(const Json& j, int index);
    Status Withdrawn(const Json& j, const std::string& installation);

private:
    std::optional<Id> Municipality(Rec& r);
    std::optional<Id> LocalId(const std::string& kind, const RemoteRef& ref);
    template <class T>
    Status Store(T value, const std::string& kind);
    Status AddIssue(const std::string& kind, const std::string& uri, const std::string& local_kind, Id local_id,
                    const std::string& message);

    storage::WriteTx& tx_;
    app::App& app_;
    const Installation& self_;
    Id peer_id_;
    std::string peer_url_;
    ImportReport& rep_;
};

std::optional<Id> Importer::Municipality(Rec& r) {
    const Json* m = r.Get("municipality", &Json::is_object, "an object", false);
    if (!m) return std::nullopt;
    auto k = m->find("oktmo");
    if (k == m->end() || !k->is_string()) return std::nullopt;
    auto d = tx_.FindOne("municipality", "oktmo", k->get<std::string>());
    return d ? std::optional<Id>(d->id) : std::nullopt;
}

// The id here of a record given by its origin: ours, or an external record imported before.
std::optional<Id> Importer::LocalId(const std::string& kind, const RemoteRef& ref) {
    if (ref.installation == self_.id) {
        if (tx_.Get(kind, ref.id).ok()) return ref.id;
        return std::nullopt;
    }
    auto d = tx_.FindOne(kind, "origin", OriginKey(ref.installation, ref.id));
    return d ? std::optional<Id>(d->id) : std::nullopt;
}

Status Importer::AddIssue(const std::string& kind, const std::string& uri, const std::string& local_kind, Id local_id,
                          const std::string& message) {
    ++rep_.issues;
    return StoreIssue(tx_, app_, {0, peer_id_, kind, uri, local_kind, local_id, message, ""});
}

// Creates the external record, or updates it when its origin's version grew; a record this
// installation refuses (a rule broken here) becomes an issue.
template <class T>
Status Importer::Store(T value, const std::string& kind) {
    const domain::External ext = *value.external;  // a copy: `value` moves on
    auto existing = tx_.FindOne(kind, "origin", OriginKey(ext.installation, ext.id));
    const app::Actor system = app::Actor::System();
    Result<T> saved = Error::Conflict("");
    if (existing) {
        T before = app::FromDoc<T>(*existing);
        if (before.external && before.external->version >= ext.version && before.external->withdrawn == ext.withdrawn) {
            ++rep_.unchanged;
            return Status::Ok();
        }
        if (!value.last_confirmed_at) value.last_confirmed_at = before.last_confirmed_at;
        saved = app::StoreAccess::UpdateIn<T>(app_, tx_, system, existing->id, std::move(value), std::nullopt);
        if (saved.ok()) ++rep_.updated;
    } else {
        saved = app::StoreAccess::CreateIn<T>(app_, tx_, system, std::move(value));
        if (saved.ok()) ++rep_.created;
    }
    if (saved.ok()) return Status::Ok();
    if (saved.error().code == ErrorCode::kInternal || saved.error().code == ErrorCode::kUnavailable)
        return saved.error();
    return AddIssue("refused", ext.uri, kind, existing ? existing->id : 0, "not taken: " + saved.error().message);
}

void KpiList(Rec& r, std::vector<domain::Kpi>& out) {
    const Json* a = r.Get("kpis", &Json::is_array, "an array", false);
    if (!a) return;
    for (const auto& e : *a) {
        domain::Kpi k;
        auto st = ReadJsonObject(e, [&](JsonReader& kr) { domain::ReadKpi(kr, k); });
        if (!st.ok()) {
            r.Fail("kpis", st.error().message);
            break;
        }
        out.push_back(std::move(k));
    }
}

Status Importer::Practice(const Json& j, int index) {
    Rec r(j, "practices[" + std::to_string(index) + "]");
    domain::Practice p;
    p.external = ReadOrigin(r, peer_url_);
    if (r.error().empty() && p.external->installation == self_.id) {
        ++rep_.skipped_own;  // our own record came back through another installation
        return Status::Ok();
    }
    p.title = r.Str("title", true);
    p.summary = r.Str("summary");
    p.problem = r.Str("problem");
    p.solution = r.Str("solution");
    p.legal_basis = r.Str("legal_basis");
    p.domains = r.StrList("domains");
    p.tags = r.StrList("tags");
    p.origin.region = r.Str("region", true);
    p.origin.municipality_id = Municipality(r);
    p.state = r.Str("state") == "archived" ? domain::ModerationState::kArchived : domain::ModerationState::kPublished;
    KpiList(r, p.results);
    if (const Json* per = r.Get("period", &Json::is_object, "an object", false)) {
        Rec pr(*per, "period");
        p.period.from = pr.OptStr("start_date");
        p.period.to = pr.OptStr("end_date");
    }
    if (const Json* cs = r.Get("contacts", &Json::is_array, "an array", false)) {
        for (const auto& c : *cs) {
            if (!c.is_object()) continue;
            Rec cr(c, "contacts");
            p.contacts.push_back({cr.Str("name"), cr.Str("role"), "", ""});
        }
    }
    p.last_confirmed_at = r.OptStr("last_confirmed_at");
    if (!r.error().empty()) return AddIssue("refused", j.value("@id", std::string()), "practice", 0, r.error());
    return Store(std::move(p), "practice");
}

Status Importer::Adoption(const Json& j, int index) {
    Rec r(j, "adoptions[" + std::to_string(index) + "]");
    domain::Adoption a;
    a.external = ReadOrigin(r, peer_url_);
    if (r.error().empty() && a.external->installation == self_.id) {
        ++rep_.skipped_own;
        return Status::Ok();
    }
    auto practice = ReadRef(r, "practice");
    if (!practice) r.Fail("practice", "is missing");
    auto source = ReadRef(r, "source_adoption");
    a.adopter.region = r.Str("region", true);
    a.adopter.municipality_id = Municipality(r);
    auto channel = domain::ParseChannel(r.Str("channel", true));
    if (!channel) r.Fail("channel", "is not a known channel");
    a.channel = channel.value_or(domain::Channel::kOther);
    if (const Json* st = r.Get("stages", &Json::is_array, "an array", true)) {
        for (const auto& e : *st) {
            domain::StageEvent ev;
            auto s = ReadJsonObject(e, [&](JsonReader& er) { domain::ReadStageEvent(er, ev); });
            if (!s.ok()) r.Fail("stages", s.error().message);
            a.stage_history.push_back(std::move(ev));
        }
    }
    a.adaptation_notes = r.Str("adaptation_notes");
    KpiList(r, a.results);
    if (const Json* ev = r.Get("evidence", &Json::is_array, "an array", false)) {
        for (const auto& e : *ev) {
            if (!e.is_object()) continue;
            Rec er(e, "evidence");
            a.evidence.push_back({er.Str("url"), er.Str("title"), er.Str("quote"), std::nullopt});
        }
    }
    a.last_confirmed_at = r.OptStr("last_confirmed_at");
    const std::string uri = j.value("@id", std::string());
    if (!r.error().empty()) return AddIssue("refused", uri, "adoption", 0, r.error());
    auto pid = LocalId("practice", *practice);
    if (!pid) return AddIssue("refused", uri, "adoption", 0, "its practice " + practice->uri + " is not here");
    a.practice_id = *pid;
    if (source) {
        a.source_adoption_id = LocalId("adoption", *source);
        if (!a.source_adoption_id)
            ORIENTIR_TRY(
                AddIssue("lineage", uri, "adoption", 0, "its source adoption " + source->uri + " is not here"));
    }
    return Store(std::move(a), "adoption");
}

Status Importer::Withdrawn(const Json& j, const std::string& installation) {
    Rec r(j, "withdrawn");
    const std::string kind = r.Str("type", true);
    const Id id = r.Int("id", true);
    if (!r.error().empty()) return Status::Ok();
    if (IsPopoloKind(kind)) return WithdrawPopolo(tx_, app_, peer_id_, kind, installation, id, rep_);
    if (kind != "practice" && kind != "adoption") return Status::Ok();
    auto d = tx_.FindOne(kind, "origin", OriginKey(installation, id));
    if (!d) return Status::Ok();
    auto mark = [&](auto v) -> Status {
        if (!v.external || v.external->withdrawn) return Status::Ok();
        v.external->withdrawn = true;
        ORIENTIR_ASSIGN(auto saved,
                        app::StoreAccess::UpdateIn(app_, tx_, app::Actor::System(), d->id, v, std::nullopt));
        (void)saved;
        ++rep_.withdrawn;
        return AddIssue("withdrawn", v.external->uri, kind, d->id,
                        "withdrawn at its origin (deleted or no longer published); kept here");
    };
    if (kind == "practice") return mark(app::FromDoc<domain::Practice>(*d));
    return mark(app::FromDoc<domain::Adoption>(*d));
}

}  // namespace

Status StoreIssue(storage::WriteTx& tx, app::App& app, const Issue& i) {
    OrderedJson j{{"peer_id", i.peer_id},
                  {"kind", i.kind},
                  {"uri", i.uri},
                  {"local_kind", i.local_kind},
                  {"local_id", i.local_id},
                  {"message", i.message.substr(0, 2000)},
                  {"at", app.clock().NowTimestamp()}};
    storage::IndexEntries idx{{"peer", std::to_string(i.peer_id), false}, {"kind", i.kind, false}};
    ORIENTIR_ASSIGN(auto d, tx.Insert("federation_issue", j.dump(), idx));
    (void)d;
    return Status::Ok();
}

Result<PageHeader> CheckPage(const Json& page) {
    if (!page.is_object()) return Error::Invalid("", "type", "the page is not a JSON object");
    Rec r(page, "page");
    PageHeader h;
    if (r.Str("format", true) != kFormat) r.Fail("format", std::string("must be \"") + kFormat + "\"");
    if (r.Str("version", true).rfind("1.", 0) != 0) r.Fail("version", "must be 1.x (this installation reads 1.x)");
    if (const Json* inst = r.Get("installation", &Json::is_object, "an object", true)) {
        Rec ir(*inst, "installation");
        h.installation = ir.Str("id", true);
        if (!ir.error().empty()) r.Fail("installation", ir.error());
    }
    h.next = r.Int("next", true);
    if (const Json* m = r.Get("more", &Json::is_boolean, "a boolean", true)) h.more = m->get<bool>();
    for (const char* list : {"practices", "adoptions", "withdrawn"}) r.Get(list, &Json::is_array, "an array", true);
    if (!r.error().empty()) return Error::Invalid("page", "format", "not an exchange page: " + r.error());
    if (h.installation.empty()) return Error::Invalid("installation", "required", "the page names no installation");
    return h;
}

Status ApplyPage(storage::WriteTx& tx, app::App& app, const Installation& self, std::int64_t peer_id,
                 const std::string& peer_url, const Json& page, ImportReport& report) {
    ORIENTIR_ASSIGN(auto header, CheckPage(page));
    // People and organisations first: memberships point to persons, records to organisations.
    ORIENTIR_TRY(ApplyPopolo(tx, app, self, peer_id, peer_url, page, report));
    Importer im(tx, app, self, peer_id, peer_url, report);
    int i = 0;
    for (const auto& p : page["practices"]) {
        if (!p.is_object()) return Error::Invalid("practices", "type", "practices must hold objects");
        ORIENTIR_TRY(im.Practice(p, i++));
    }
    // Sources before the adoptions that borrowed from them: by their id at the origin.
    std::vector<const Json*> adoptions;
    for (const auto& a : page["adoptions"]) {
        if (!a.is_object()) return Error::Invalid("adoptions", "type", "adoptions must hold objects");
        adoptions.push_back(&a);
    }
    auto origin_id = [](const Json* a) {
        auto o = a->find("origin");
        if (o == a->end() || !o->is_object()) return Id(0);
        auto id = o->find("id");
        return id != o->end() && id->is_number_integer() ? id->get<Id>() : Id(0);
    };
    std::stable_sort(adoptions.begin(), adoptions.end(),
                     [&](const Json* x, const Json* y) { return origin_id(x) < origin_id(y); });
    i = 0;
    for (const Json* a : adoptions) ORIENTIR_TRY(im.Adoption(*a, i++));
    for (const auto& w : page["withdrawn"])
        if (w.is_object()) ORIENTIR_TRY(im.Withdrawn(w, header.installation));
    return Status::Ok();
}

OrderedJson ToJson(const Issue& i) {
    return {{"id", i.id},
            {"peer_id", i.peer_id},
            {"kind", i.kind},
            {"uri", i.uri},
            {"local_kind", i.local_kind},
            {"local_id", i.local_id},
            {"message", i.message},
            {"at", i.at}};
}

Issue IssueFromDoc(const storage::Doc& d) {
    auto j = OrderedJson::parse(d.body, nullptr, false);
    Issue i;
    i.id = d.id;
    if (!j.is_object()) return i;
    i.peer_id = j.value("peer_id", Id(0));
    i.kind = j.value("kind", "");
    i.uri = j.value("uri", "");
    i.local_kind = j.value("local_kind", "");
    i.local_id = j.value("local_id", Id(0));
    i.message = j.value("message", "");
    i.at = j.value("at", "");
    return i;
}

}  // namespace orientir::exchange
