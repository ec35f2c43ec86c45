#include "exchange/exchange.hpp"

#include <map>
#include <set>

#include "app/entities.hpp"
#include "app/store_access.hpp"
#include "app/visibility.hpp"
#include "domain/codec.hpp"
#include "exchange/popolo_import.hpp"

namespace orientir::exchange {

namespace {

using domain::Id;

// The kinds the format carries, and the JSON-LD @type of each.
const std::map<std::string, std::string>& Kinds() {
    static const std::map<std::string, std::string> k = {{"practice", "practices"},
                                                         {"adoption", "adoptions"},
                                                         {"organisation", "organizations"},
                                                         {"person", "persons"},
                                                         {"position", "memberships"}};
    return k;
}

// A reference to a record: its @id plus its origin installation and id there.
OrderedJson Ref(const Installation& self, const std::string& kind, Id id, const std::optional<domain::External>& ext) {
    if (ext) return {{"@id", ext->uri}, {"installation", ext->installation}, {"id", ext->id}};
    return {{"@id", RecordUri(self, kind, id)}, {"installation", self.id}, {"id", id}};
}

OrderedJson Origin(const Installation& self, const domain::Meta& m, const std::optional<domain::External>& ext) {
    if (ext) {
        return {{"installation", ext->installation},
                {"id", ext->id},
                {"version", ext->version},
                {"via", self.id},
                {"withdrawn", ext->withdrawn}};
    }
    return {{"installation", self.id},
            {"installation_url", self.url},
            {"id", m.id},
            {"version", m.version},
            {"updated_at", m.updated_at}};
}

std::string RegionUri(const std::string& code) { return "urn:orientir:region:" + code; }

OrderedJson Kpis(const std::vector<domain::Kpi>& kpis) {
    OrderedJson a = OrderedJson::array();
    for (const auto& k : kpis) a.push_back(domain::ToJson(k));
    return a;
}

// Reads other records a record points to (inside one export, through the store).
class Lookup {
public:
    Lookup(app::App& app, const Installation& self) : app_(app), self_(self) {}

    OrderedJson Municipality(const std::optional<Id>& id) {
        if (!id) return nullptr;
        auto d = app::StoreAccess::Of(app_).Get("municipality", *id);
        if (!d.ok()) return nullptr;
        auto m = app::FromDoc<domain::Municipality>(d.value());
        return {{"name", m.name}, {"oktmo", m.oktmo ? OrderedJson(*m.oktmo) : OrderedJson()}};
    }
    OrderedJson Practice(Id id) {
        auto d = app::StoreAccess::Of(app_).Get("practice", id);
        std::optional<domain::External> ext;
        if (d.ok()) ext = app::FromDoc<domain::Practice>(d.value()).external;
        return Ref(self_, "practice", id, ext);
    }
    OrderedJson Adoption(Id id) {
        auto d = app::StoreAccess::Of(app_).Get("adoption", id);
        std::optional<domain::External> ext;
        if (d.ok()) ext = app::FromDoc<domain::Adoption>(d.value()).external;
        return Ref(self_, "adoption", id, ext);
    }
    OrderedJson Organisation(const std::optional<Id>& id) {
        if (!id) return nullptr;
        return Ref(self_, "organisation", *id, Linked("organisation", *id));
    }
    // The origin of an organisation, person or position imported from a peer (popolo_import.hpp).
    std::optional<domain::External> Linked(const std::string& kind, Id id) {
        return LinkedOrigin(app::StoreAccess::Of(app_), kind, id);
    }

private:
    app::App& app_;
    const Installation& self_;
};

OrderedJson PracticeRecord(const Installation& self, Lookup& look, const domain::Practice& p) {
    OrderedJson j = Ref(self, "practice", p.meta.id, p.external);
    j["@type"] = OrderedJson::array({"schema:CreativeWork", "prov:Entity"});
    j["origin"] = Origin(self, p.meta, p.external);
    j["title"] = p.title;
    j["summary"] = p.summary;
    j["problem"] = p.problem;
    j["solution"] = p.solution;
    j["kpis"] = Kpis(p.results);
    j["legal_basis"] = p.legal_basis;
    j["domains"] = p.domains;
    j["tags"] = p.tags;
    j["state"] = domain::Code(p.state);
    j["region"] = p.origin.region;
    j["municipality"] = look.Municipality(p.origin.municipality_id);
    j["organization"] = look.Organisation(p.origin.organisation_id);
    j["attributed_to"] = p.origin.organisation_id ? j["organization"]["@id"] : OrderedJson(RegionUri(p.origin.region));
    OrderedJson contacts = OrderedJson::array();  // names and roles only: no private e-mail or phone
    for (const auto& c : p.contacts) contacts.push_back({{"name", c.name}, {"role", c.role}});
    j["contacts"] = contacts;
    j["period"] = {{"start_date", p.period.from ? OrderedJson(*p.period.from) : OrderedJson()},
                   {"end_date", p.period.to ? OrderedJson(*p.period.to) : OrderedJson()}};
    j["budget_rub"] = p.resources.budget_rub ? OrderedJson(*p.resources.budget_rub) : OrderedJson();
    j["last_confirmed_at"] = p.last_confirmed_at ? OrderedJson(*p.last_confirmed_at) : OrderedJson();
    j["date_modified"] = p.meta.updated_at;
    return j;
}

OrderedJson AdoptionRecord(const Installation& self, Lookup& look, const domain::Adoption& a) {
    OrderedJson j = Ref(self, "adoption", a.meta.id, a.external);
    j["@type"] = OrderedJson::array({"prov:Entity", "schema:Event"});
    j["origin"] = Origin(self, a.meta, a.external);
    j["practice"] = look.Practice(a.practice_id);
    j["source_adoption"] = a.source_adoption_id ? look.Adoption(*a.source_adoption_id) : OrderedJson();
    j["derived_from"] = a.source_adoption_id ? j["source_adoption"]["@id"] : j["practice"]["@id"];
    j["region"] = a.adopter.region;
    j["municipality"] = look.Municipality(a.adopter.municipality_id);
    j["organization"] = look.Organisation(a.adopter.organisation_id);
    j["attributed_to"] =
        a.adopter.organisation_id ? j["organization"]["@id"] : OrderedJson(RegionUri(a.adopter.region));
    j["channel"] = domain::Code(a.channel);
    j["stage"] = domain::Code(a.stage());
    j["stages"] = OrderedJson::array();
    for (const auto& e : a.stage_history) j["stages"].push_back(domain::ToJson(e));
    j["adaptation_notes"] = a.adaptation_notes;
    j["kpis"] = Kpis(a.results);
    j["evidence"] = OrderedJson::array();
    for (const auto& e : a.evidence)
        j["evidence"].push_back(
            {{"@type", "schema:CreativeWork"}, {"url", e.url}, {"title", e.title}, {"quote", e.quote}});
    j["last_confirmed_at"] = a.last_confirmed_at ? OrderedJson(*a.last_confirmed_at) : OrderedJson();
    j["date_modified"] = a.meta.updated_at;
    return j;
}

OrderedJson OrganizationRecord(const Installation& self, Lookup& look, const domain::Organisation& o) {
    const auto ext = look.Linked("organisation", o.meta.id);
    OrderedJson j = Ref(self, "organisation", o.meta.id, ext);
    j["@type"] = "popolo:Organization";
    j["origin"] = Origin(self, o.meta, ext);
    j["name"] = o.name;
    j["other_names"] = o.aliases;
    j["classification"] = domain::Code(o.kind);
    j["region"] = o.region;
    j["url"] = o.website;
    return j;
}

OrderedJson PersonRecord(const Installation& self, Lookup& look, const domain::Person& p) {
    const auto ext = look.Linked("person", p.meta.id);
    OrderedJson j = Ref(self, "person", p.meta.id, ext);
    j["@type"] = "popolo:Person";
    j["origin"] = Origin(self, p.meta, ext);
    j["name"] = p.FullName();
    j["family_name"] = p.last_name;
    j["given_name"] = p.first_name;
    j["additional_name"] = p.patronymic;
    j["summary"] = p.bio;
    return j;
}

// A position is a Popolo membership of its person in its organisation, holding a post (the title).
void PositionRecords(const Installation& self, Lookup& look, const domain::Position& p, OrderedJson& posts,
                     OrderedJson& memberships) {
    const auto ext = look.Linked("position", p.meta.id);
    const std::string uri = ext ? ext->uri : RecordUri(self, "position", p.meta.id);
    OrderedJson post{
        {"@id", uri + "#post"},
        {"@type", "popolo:Post"},
        {"label", p.title},
        {"organization_id", p.organisation_id ? look.Organisation(p.organisation_id)["@id"] : OrderedJson()},
        {"area", p.region ? OrderedJson(RegionUri(*p.region)) : OrderedJson()}};
    posts.push_back(post);
    OrderedJson m = Ref(self, "position", p.meta.id, ext);
    m["@type"] = "popolo:Membership";
    m["origin"] = Origin(self, p.meta, ext);
    m["person_id"] = Ref(self, "person", p.person_id, look.Linked("person", p.person_id))["@id"];
    m["organization_id"] = post["organization_id"];
    m["post_id"] = post["@id"];
    m["role"] = p.title;
    m["start_date"] = p.from ? OrderedJson(*p.from) : OrderedJson();
    m["end_date"] = p.to ? OrderedJson(*p.to) : OrderedJson();
    m["sources"] = p.evidence_urls;
    memberships.push_back(m);
}

// The record of (kind, id) as the anonymous reader sees it, appended to its list; false when it is
// gone or not visible (then it is withdrawn).
bool AppendRecord(app::App& app, const Installation& self, Lookup& look, const std::string& kind, Id id,
                  OrderedJson& page) {
    auto doc = app::StoreAccess::Of(app).Get(kind, id);
    if (!doc.ok()) return false;
    const app::Actor anyone = app::Actor::Anonymous();
    if (kind == "practice") {
        auto p = app::FromDoc<domain::Practice>(doc.value());
        if (!app::MaySeePractice(anyone, p)) return false;
        page["practices"].push_back(PracticeRecord(self, look, p));
    } else if (kind == "adoption") {
        auto a = app::FromDoc<domain::Adoption>(doc.value());
        if (!app::PracticeVisibility(app::StoreAccess::Of(app), anyone).Sees(a)) return false;
        page["adoptions"].push_back(AdoptionRecord(self, look, a));
    } else if (kind == "organisation") {
        page["organizations"].push_back(
            OrganizationRecord(self, look, app::FromDoc<domain::Organisation>(doc.value())));
    } else if (kind == "person") {
        page["persons"].push_back(PersonRecord(self, look, app::FromDoc<domain::Person>(doc.value())));
    } else {
        PositionRecords(self, look, app::FromDoc<domain::Position>(doc.value()), page["posts"], page["memberships"]);
    }
    return true;
}

}  // namespace

std::string RecordUri(const Installation& self, const std::string& kind, std::int64_t id) {
    if (self.url.empty()) return "urn:orientir:" + self.id + ":" + kind + ":" + std::to_string(id);
    return self.url + "/" + kind + "s/" + std::to_string(id);
}

const OrderedJson& Context() {
    static const OrderedJson c = {{"prov", "http://www.w3.org/ns/prov#"},
                                  {"schema", "https://schema.org/"},
                                  {"popolo", "http://www.popoloproject.com/schemas/"},
                                  {"xsd", "http://www.w3.org/2001/XMLSchema#"},
                                  {"title", "schema:name"},
                                  {"name", "schema:name"},
                                  {"summary", "schema:abstract"},
                                  {"solution", "schema:description"},
                                  {"domains", "schema:about"},
                                  {"tags", "schema:keywords"},
                                  {"url", {{"@id", "schema:url"}, {"@type", "@id"}}},
                                  {"quote", "schema:text"},
                                  {"evidence", {{"@id", "schema:citation"}, {"@container", "@set"}}},
                                  {"derived_from", {{"@id", "prov:wasDerivedFrom"}, {"@type", "@id"}}},
                                  {"attributed_to", {{"@id", "prov:wasAttributedTo"}, {"@type", "@id"}}},
                                  {"practice", {{"@id", "prov:hadPrimarySource"}, {"@type", "@id"}}},
                                  {"source_adoption", {{"@id", "prov:wasInfluencedBy"}, {"@type", "@id"}}},
                                  {"date_modified", {{"@id", "schema:dateModified"}, {"@type", "xsd:dateTime"}}},
                                  {"start_date", {{"@id", "schema:startDate"}, {"@type", "xsd:date"}}},
                                  {"end_date", {{"@id", "schema:endDate"}, {"@type", "xsd:date"}}},
                                  {"person_id", {{"@id", "popolo:person"}, {"@type", "@id"}}},
                                  {"organization_id", {{"@id", "popolo:organization"}, {"@type", "@id"}}},
                                  {"post_id", {{"@id", "popolo:post"}, {"@type", "@id"}}},
                                  {"organization", {{"@id", "schema:sourceOrganization"}, {"@type", "@id"}}},
                                  {"role", "popolo:role"},
                                  {"label", "schema:name"},
                                  {"family_name", "schema:familyName"},
                                  {"given_name", "schema:givenName"},
                                  {"additional_name", "schema:additionalName"}};
    return c;
}

Result<ExportPage> Export(app::App& app, const Installation& self, std::int64_t since, int limit) {
    if (since < 0) return Error::Invalid("since", "range", "since must be a change number ≥ 0");
    if (limit < 1 || limit > 1000) return Error::Invalid("limit", "range", "limit must be from 1 to 1000");
    ExportPage out;
    out.last_seq = app::StoreAccess::Of(app).LastChangeSeq();
    // The distinct records changed after `since`, in change order; at most `limit`, and at most
    // 50 batches of the log read per page so one page stays bounded however busy other kinds are.
    std::vector<std::pair<std::string, Id>> touched;
    std::set<std::pair<std::string, Id>> seen;
    std::int64_t cursor = since;
    bool full = false;
    for (int batch = 0; batch < 50 && !full; ++batch) {
        auto changes = app::StoreAccess::Of(app).ChangesSince(cursor, 1000);
        if (changes.empty()) break;
        for (const auto& c : changes) {
            if (Kinds().count(c.kind) && seen.insert({c.kind, c.id}).second) {
                if (static_cast<int>(touched.size()) == limit) {
                    full = true;
                    break;
                }
                touched.emplace_back(c.kind, c.id);
            }
            cursor = c.seq;
        }
    }
    OrderedJson page{{"@context", Context()},
                     {"format", kFormat},
                     {"version", kVersion},
                     {"installation", {{"id", self.id}, {"url", self.url}}},
                     {"since", since}};
    for (const auto& [kind, list] : Kinds()) page[list] = OrderedJson::array();
    page["posts"] = OrderedJson::array();
    page["withdrawn"] = OrderedJson::array();
    Lookup look(app, self);
    for (const auto& [kind, id] : touched) {
        if (!AppendRecord(app, self, look, kind, id, page))
            page["withdrawn"].push_back({{"@id", RecordUri(self, kind, id)}, {"type", kind}, {"id", id}});
    }
    out.next = cursor;
    out.more = cursor < app::StoreAccess::Of(app).LastChangeSeq();
    page["next"] = out.next;
    page["more"] = out.more;
    out.body = std::move(page);
    return out;
}

}  // namespace orientir::exchange
