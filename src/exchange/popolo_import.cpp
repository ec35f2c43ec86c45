#include "exchange/popolo_import.hpp"

#include <map>

#include "app/entities.hpp"
#include "app/store_access.hpp"
#include "common/strings.hpp"
#include "exchange/read_record.hpp"

namespace orientir::exchange {

namespace {

constexpr const char* kLinkKind = "federation_link";

// Where a local organisation, person or position came from.
struct Link {
    std::string kind;
    Id local_id = 0;
    domain::External origin;
    std::int64_t local_version = 0;  // the local record's version when the import last wrote it
};

std::string LinkBody(const Link& l) {
    const auto& o = l.origin;
    return OrderedJson{{"kind", l.kind},
                       {"local_id", l.local_id},
                       {"local_version", l.local_version},
                       {"installation", o.installation},
                       {"id", o.id},
                       {"uri", o.uri},
                       {"version", o.version},
                       {"peer", o.peer},
                       {"withdrawn", o.withdrawn}}
        .dump();
}

Link LinkFromDoc(const storage::Doc& d) {
    auto j = Json::parse(d.body, nullptr, false);
    Link l;
    if (!j.is_object()) return l;
    l.kind = j.value("kind", "");
    l.local_id = j.value("local_id", Id(0));
    l.local_version = j.value("local_version", std::int64_t(0));
    l.origin = {j.value("installation", ""),         j.value("uri", ""),  j.value("id", Id(0)),
                j.value("version", std::int64_t(0)), j.value("peer", ""), j.value("withdrawn", false)};
    return l;
}

storage::IndexEntries LinkIndex(const Link& l) {
    return {{"origin", l.kind + "|" + OriginKey(l.origin.installation, l.origin.id), true},
            {"local", l.kind + "|" + std::to_string(l.local_id), true},
            {"uri", l.kind + "|" + l.origin.uri, false}};
}

class PopoloImporter {
public:
    PopoloImporter(storage::WriteTx& tx, app::App& app, const Installation& self, Id peer_id,
                   const std::string& peer_url, ImportReport& rep)
        : tx_(tx), app_(app), self_(self), peer_id_(peer_id), peer_url_(peer_url), rep_(rep) {}

    Status Organization(const Json& j, int index);
    Status Person(const Json& j, int index);
    Status Membership(const Json& j, int index, const std::map<std::string, const Json*>& posts);

private:
    // The origin of a record, or nullopt when it is to be skipped (ours) or refused (an issue stored).
    Result<std::optional<domain::External>> Origin(Rec& r, const Json& j, const char* kind);
    template <class T>
    Status Take(T value, const std::string& kind, const domain::External& ext);
    std::optional<Id> LocalByUri(const std::string& kind, const std::string& uri);
    Status AddIssue(const std::string& kind, const std::string& uri, const std::string& local_kind, Id local_id,
                    const std::string& message) {
        ++rep_.issues;
        return StoreIssue(tx_, app_, {0, peer_id_, kind, uri, local_kind, local_id, message, ""});
    }

    storage::WriteTx& tx_;
    app::App& app_;
    const Installation& self_;
    Id peer_id_;
    const std::string& peer_url_;
    ImportReport& rep_;
};

Result<std::optional<domain::External>> PopoloImporter::Origin(Rec& r, const Json& j, const char* kind) {
    auto ext = ReadOrigin(r, peer_url_);
    if (!r.error().empty()) {
        ORIENTIR_TRY(AddIssue("refused", j.value("@id", std::string()), kind, 0, r.error()));
        return std::optional<domain::External>();
    }
    if (ext->installation == self_.id) {
        ++rep_.skipped_own;  // our own record came back through another installation
        return std::optional<domain::External>();
    }
    return ext;
}

// Creates the record and its link, or takes the origin's newer version unless edited here.
template <class T>
Status PopoloImporter::Take(T value, const std::string& kind, const domain::External& ext) {
    const app::Actor system = app::Actor::System();
    auto refused = [&](const Error& e, Id local) -> Status {
        if (e.code == ErrorCode::kInternal || e.code == ErrorCode::kUnavailable) return e;
        return AddIssue("refused", ext.uri, kind, local, "not taken: " + e.message);
    };
    auto found = tx_.FindOne(kLinkKind, "origin", kind + "|" + OriginKey(ext.installation, ext.id));
    if (!found) {
        auto saved = app::StoreAccess::CreateIn<T>(app_, tx_, system, std::move(value));
        if (!saved.ok()) return refused(saved.error(), 0);
        Link l{kind, saved->meta.id, ext, saved->meta.version};
        ORIENTIR_ASSIGN(auto d, tx_.Insert(kLinkKind, LinkBody(l), LinkIndex(l)));
        (void)d;
        ++rep_.created;
        return Status::Ok();
    }
    Link l = LinkFromDoc(*found);
    if (l.origin.version >= ext.version && l.origin.withdrawn == ext.withdrawn) {
        ++rep_.unchanged;
        return Status::Ok();
    }
    auto current = tx_.Get(kind, l.local_id);
    if (!current.ok()) {
        ++rep_.unchanged;  // deleted here: a local decision, not undone
    } else if (current->version != l.local_version) {
        ORIENTIR_TRY(AddIssue("conflict", ext.uri, kind, l.local_id,
                              "edited here since it was imported; the origin's version " + std::to_string(ext.version) +
                                  " is not taken"));
    } else {
        auto saved = app::StoreAccess::UpdateIn<T>(app_, tx_, system, l.local_id, std::move(value), current->version);
        if (!saved.ok()) return refused(saved.error(), l.local_id);
        l.local_version = saved->meta.version;
        ++rep_.updated;
    }
    l.origin = ext;
    ORIENTIR_ASSIGN(auto d, tx_.Update(kLinkKind, found->id, found->version, LinkBody(l), LinkIndex(l)));
    (void)d;
    return Status::Ok();
}

// The local id of a record named by its @id: one of ours, or one imported before.
std::optional<Id> PopoloImporter::LocalByUri(const std::string& kind, const std::string& uri) {
    if (uri.empty()) return std::nullopt;
    std::string own = RecordUri(self_, kind, 0);
    own.pop_back();  // the prefix before the id
    if (uri.rfind(own, 0) == 0) {
        auto id = ParseInt(uri.substr(own.size()));
        if (id && tx_.Get(kind, *id).ok()) return *id;
        return std::nullopt;
    }
    auto d = tx_.FindOne(kLinkKind, "uri", kind + "|" + uri);
    return d ? std::optional<Id>(LinkFromDoc(*d).local_id) : std::nullopt;
}

Status PopoloImporter::Organization(const Json& j, int index) {
    Rec r(j, "organizations[" + std::to_string(index) + "]");
    ORIENTIR_ASSIGN(auto ext, Origin(r, j, "organisation"));
    if (!ext) return Status::Ok();
    domain::Organisation o;
    o.name = r.Str("name", true);
    o.aliases = r.StrList("other_names");
    o.kind = domain::ParseOrganisationKind(r.Str("classification")).value_or(domain::OrganisationKind::kOther);
    o.region = r.Str("region", true);
    o.website = r.Str("url");
    if (!r.error().empty()) return AddIssue("refused", ext->uri, "organisation", 0, r.error());
    return Take(std::move(o), "organisation", *ext);
}

Status PopoloImporter::Person(const Json& j, int index) {
    Rec r(j, "persons[" + std::to_string(index) + "]");
    ORIENTIR_ASSIGN(auto ext, Origin(r, j, "person"));
    if (!ext) return Status::Ok();
    domain::Person p;
    p.last_name = r.Str("family_name", true);
    p.first_name = r.Str("given_name");
    p.patronymic = r.Str("additional_name");
    p.bio = r.Str("summary");
    if (!r.error().empty()) return AddIssue("refused", ext->uri, "person", 0, r.error());
    return Take(std::move(p), "person", *ext);
}

// A membership holds its post (title, organisation, area) by post_id.
Status PopoloImporter::Membership(const Json& j, int index, const std::map<std::string, const Json*>& posts) {
    Rec r(j, "memberships[" + std::to_string(index) + "]");
    ORIENTIR_ASSIGN(auto ext, Origin(r, j, "position"));
    if (!ext) return Status::Ok();
    domain::Position p;
    const std::string person = r.Str("person_id", true);
    std::string organisation = r.Str("organization_id");
    p.title = r.Str("role");
    p.from = r.OptStr("start_date");
    p.to = r.OptStr("end_date");
    p.evidence_urls = r.StrList("sources");
    if (auto post = posts.find(r.Str("post_id")); post != posts.end()) {
        Rec pr(*post->second, "posts");
        if (p.title.empty()) p.title = pr.Str("label");
        if (organisation.empty()) organisation = pr.Str("organization_id");
        const std::string area = pr.Str("area"), prefix = "urn:orientir:region:";
        if (area.rfind(prefix, 0) == 0) p.region = area.substr(prefix.size());
    }
    if (!r.error().empty()) return AddIssue("refused", ext->uri, "position", 0, r.error());
    auto person_id = LocalByUri("person", person);
    if (!person_id) return AddIssue("refused", ext->uri, "position", 0, "its person " + person + " is not here");
    p.person_id = *person_id;
    p.organisation_id = LocalByUri("organisation", organisation);
    return Take(std::move(p), "position", *ext);
}

// The records of one list of the page (absent in pages of older peers: nothing).
template <class Fn>
Status EachOf(const Json& page, const char* list, Fn fn) {
    auto it = page.find(list);
    if (it == page.end() || it->is_null()) return Status::Ok();
    if (!it->is_array()) return Error::Invalid(list, "type", std::string(list) + " must be an array");
    int i = 0;
    for (const auto& x : *it) {
        if (!x.is_object()) return Error::Invalid(list, "type", std::string(list) + " must hold objects");
        ORIENTIR_TRY(fn(x, i++));
    }
    return Status::Ok();
}

}  // namespace

bool IsPopoloKind(const std::string& kind) { return kind == "organisation" || kind == "person" || kind == "position"; }

Status ApplyPopolo(storage::WriteTx& tx, app::App& app, const Installation& self, std::int64_t peer_id,
                   const std::string& peer_url, const Json& page, ImportReport& report) {
    PopoloImporter im(tx, app, self, peer_id, peer_url, report);
    ORIENTIR_TRY(EachOf(page, "organizations", [&](const Json& x, int i) { return im.Organization(x, i); }));
    ORIENTIR_TRY(EachOf(page, "persons", [&](const Json& x, int i) { return im.Person(x, i); }));
    std::map<std::string, const Json*> posts;
    ORIENTIR_TRY(EachOf(page, "posts", [&](const Json& x, int) {
        if (auto id = x.find("@id"); id != x.end() && id->is_string()) posts[id->get<std::string>()] = &x;
        return Status::Ok();
    }));
    return EachOf(page, "memberships", [&](const Json& x, int i) { return im.Membership(x, i, posts); });
}

Status WithdrawPopolo(storage::WriteTx& tx, app::App& app, std::int64_t peer_id, const std::string& kind,
                      const std::string& installation, std::int64_t id, ImportReport& report) {
    auto d = tx.FindOne(kLinkKind, "origin", kind + "|" + OriginKey(installation, id));
    if (!d) return Status::Ok();
    Link l = LinkFromDoc(*d);
    if (l.origin.withdrawn) return Status::Ok();
    l.origin.withdrawn = true;
    ORIENTIR_ASSIGN(auto saved, tx.Update(kLinkKind, d->id, d->version, LinkBody(l), LinkIndex(l)));
    (void)saved;
    ++report.withdrawn;
    ++report.issues;
    return StoreIssue(tx, app,
                      {0, peer_id, "withdrawn", l.origin.uri, kind, l.local_id,
                       "withdrawn at its origin (deleted or no longer published); kept here", ""});
}

std::optional<domain::External> LinkedOrigin(storage::Store& store, const std::string& kind, std::int64_t local_id) {
    auto d = store.FindOne(kLinkKind, "local", kind + "|" + std::to_string(local_id));
    if (!d) return std::nullopt;
    return LinkFromDoc(*d).origin;
}

}  // namespace orientir::exchange
