#include "search/indexer.hpp"

#include <algorithm>

#include "common/json.hpp"
#include "common/log.hpp"
#include "domain/codec.hpp"

namespace orientir::search::detail {

std::string IdTerm(const std::string& kind, std::int64_t id) { return "Q" + kind + ":" + std::to_string(id); }

namespace {

constexpr std::size_t kSnippetSourceBytes = 1200;  // text kept in the document data for snippets
constexpr std::size_t kMaxTermBytes = 120;         // Xapian's limit is 245; longer "words" are junk

// Builds one document: positional stem terms for text, raw title words, boolean terms, values.
class DocBuilder {
public:
    explicit DocBuilder(const WordSet* keep) : keep_(keep) {}
    void Text(std::string_view text, Xapian::termcount wdf = 1, bool title = false) {
        for (auto& w : Analyze(text, keep_)) {
            if (w.stem.empty() || w.stem.size() > kMaxTermBytes) continue;
            doc_.add_posting(w.stem, ++pos_, wdf);
            if (title && w.folded.size() <= kMaxTermBytes) doc_.add_boolean_term("T" + w.folded);
        }
        pos_ += 20;  // no phrase spans two fields
    }
    void Title(std::string_view text) { Text(text, 3, true); }
    void Bool(const std::string& prefix, const std::string& value) {
        if (!value.empty() && prefix.size() + value.size() <= kMaxTermBytes) doc_.add_boolean_term(prefix + value);
    }
    void Facet(Slot slot, const std::vector<std::string>& values) {
        std::string v;
        for (const auto& x : values) {
            if (x.empty()) continue;
            if (!v.empty()) v += kFacetSep;
            v += x;
        }
        if (!v.empty()) doc_.add_value(slot, v);
    }
    void Value(Slot slot, const std::string& v) {
        if (!v.empty()) doc_.add_value(slot, v);
    }
    Xapian::Document& doc() { return doc_; }

private:
    const WordSet* keep_;
    Xapian::Document doc_;
    Xapian::termpos pos_ = 0;
};

std::string Truncate(std::string s, std::size_t max) {
    if (s.size() <= max) return s;
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    s.resize(cut);
    return s;
}

std::string DateOf(const std::string& ts) { return ts.size() >= 10 ? ts.substr(0, 10) : std::string(); }

template <class T>
bool Parse(const storage::Doc& d, T& out) {
    auto j = ParseJson(d.body);
    if (!j.ok()) return false;
    auto st = domain::FromJson(*j, out);
    if (!st.ok()) {
        log::Warn("search: skipping unreadable record", {{"id", std::to_string(d.id)}, {"error", st.error().message}});
        return false;
    }
    out.meta.id = d.id;
    out.meta.version = d.version;
    out.meta.created_at = d.created_at;
    out.meta.updated_at = d.updated_at;
    return true;
}

// Kinds whose documents are indexed for their own sake, and hidden helper kinds.
bool IsAux(const std::string& kind) { return kind == "adoption" || kind == "position"; }

}  // namespace

void Indexer::IndexAuxDoc(Xapian::WritableDatabase& db, const std::string& kind, const storage::Doc& d) {
    Xapian::Document doc;
    Json data;
    if (kind == "adoption") {
        domain::Adoption a;
        if (!Parse(d, a)) {
            db.delete_document(IdTerm(kind, d.id));
            return;
        }
        doc.add_boolean_term("XA" + std::to_string(a.practice_id));
        data = {{"p", a.practice_id}, {"s", std::string(domain::Code(a.stage()))}, {"r", a.adopter.region}};
    } else {
        domain::Position p;
        if (!Parse(d, p)) {
            db.delete_document(IdTerm(kind, d.id));
            return;
        }
        doc.add_boolean_term("XP" + std::to_string(p.person_id));
        data = {{"p", p.person_id}, {"t", p.title}, {"r", p.region.value_or("")}};
    }
    doc.add_boolean_term("K" + kind);
    doc.add_boolean_term(IdTerm(kind, d.id));
    doc.set_data(data.dump());
    db.replace_document(IdTerm(kind, d.id), doc);
}

void Indexer::ApplyAux(Xapian::WritableDatabase& db, const std::string& kind, std::int64_t id,
                       std::set<std::int64_t>& practices, std::set<std::int64_t>& persons) {
    auto& owners = kind == "adoption" ? practices : persons;
    // The owner before the change (an adoption may be moved to another practice).
    std::string term = IdTerm(kind, id);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        auto j = Json::parse(db.get_document(*it).get_data(), nullptr, false);
        if (j.is_object() && j.contains("p") && j["p"].is_number_integer()) owners.insert(j["p"].get<std::int64_t>());
    }
    auto doc = store_.Get(kind, id);
    if (!doc.ok()) {
        db.delete_document(term);
        return;
    }
    IndexAuxDoc(db, kind, *doc);
    auto j = Json::parse(db.get_document(*db.postlist_begin(term)).get_data(), nullptr, false);
    if (j.is_object() && j.contains("p")) owners.insert(j["p"].get<std::int64_t>());
}

void Indexer::Apply(Xapian::WritableDatabase& db, const std::vector<storage::Change>& changes) {
    std::set<std::pair<std::string, std::int64_t>> seen;
    std::set<std::int64_t> practices, persons;
    std::vector<std::pair<std::string, std::int64_t>> entities;
    for (const auto& c : changes) {
        if (!seen.insert({c.kind, c.id}).second) continue;
        if (IsAux(c.kind)) {
            ApplyAux(db, c.kind, c.id, practices, persons);
        } else {
            entities.emplace_back(c.kind, c.id);
        }
    }
    // Owners after their helpers, so a practice sees its adoptions as of this batch.
    for (auto id : practices)
        if (seen.insert({"practice", id}).second) entities.emplace_back("practice", id);
    for (auto id : persons)
        if (seen.insert({"person", id}).second) entities.emplace_back("person", id);
    for (const auto& [kind, id] : entities) Reindex(db, kind, id);
}

void Indexer::Reindex(Xapian::WritableDatabase& db, const std::string& kind, std::int64_t id) {
    const auto& kinds = SearchableKindsList();
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) return;
    auto doc = store_.Get(kind, id);
    if (!doc.ok()) {
        db.delete_document(IdTerm(kind, id));
        return;
    }
    IndexDoc(db, kind, *doc);
}

void Indexer::IndexAll(Xapian::WritableDatabase& db) {
    for (const char* kind : {"adoption", "position"}) {
        auto st = store_.Scan(kind, [&](const storage::Doc& d) {
            IndexAuxDoc(db, kind, d);
            return true;
        });
        if (!st.ok()) throw std::runtime_error("search: scanning " + std::string(kind) + ": " + st.error().message);
    }
    for (const auto& kind : SearchableKindsList()) {
        auto st = store_.Scan(kind, [&](const storage::Doc& d) {
            IndexDoc(db, kind, d);
            return true;
        });
        if (!st.ok()) throw std::runtime_error("search: scanning " + kind + ": " + st.error().message);
    }
}

void Indexer::IndexDoc(Xapian::WritableDatabase& db, const std::string& kind, const storage::Doc& d) {
    const std::string id_term = IdTerm(kind, d.id);
    DocBuilder b(thesaurus_.Abbreviations());
    std::string title, body, region, date = DateOf(d.created_at);
    std::int64_t adoptions = 0;
    std::vector<std::string> domains, stages, org_kinds, regions, spelling;

    auto add_region_text = [&](const std::string& code) {
        const auto& names = thesaurus_.RegionNames(code);
        if (!names.empty()) b.Text(names.front());
    };

    if (kind == "practice") {
        domain::Practice p;
        if (!Parse(d, p) || p.state != domain::ModerationState::kPublished) {
            db.delete_document(id_term);
            return;
        }
        title = p.title;
        body = p.summary + "\n" + p.problem + "\n" + p.solution;
        b.Title(p.title);
        b.Text(p.summary);
        b.Text(p.problem);
        b.Text(p.solution);
        for (const auto& t : p.tags) b.Text(t, 2);
        b.Text(p.legal_basis);
        for (const auto& k : p.results) b.Text(k.name);
        for (const auto& partner : p.resources.partners) b.Text(partner);
        spelling = {p.title, p.summary};
        region = p.origin.region;
        regions = {region};
        add_region_text(region);
        if (p.origin.organisation_id) {
            auto od = store_.Get("organisation", *p.origin.organisation_id);
            domain::Organisation o;
            if (od.ok() && Parse(*od, o)) {
                b.Text(o.name);
                b.Text(o.short_name);
                org_kinds.emplace_back(domain::Code(o.kind));
            }
        }
        if (p.origin.municipality_id) {
            auto md = store_.Get("municipality", *p.origin.municipality_id);
            domain::Municipality m;
            if (md.ok() && Parse(*md, m)) b.Text(m.name);
        }
        domains = p.domains;
        if (p.period.from) date = *p.period.from;
        // Adoptions of this practice: count and the stages they are at now.
        std::string xa = "XA" + std::to_string(d.id);
        for (auto it = db.postlist_begin(xa); it != db.postlist_end(xa); ++it) {
            auto j = Json::parse(db.get_document(*it).get_data(), nullptr, false);
            ++adoptions;
            if (j.is_object() && j.contains("s") && j["s"].is_string()) {
                auto s = j["s"].get<std::string>();
                if (std::find(stages.begin(), stages.end(), s) == stages.end()) stages.push_back(s);
            }
        }
    } else if (kind == "organisation") {
        domain::Organisation o;
        if (!Parse(d, o)) {
            db.delete_document(id_term);
            return;
        }
        title = o.name;
        body = o.description;
        b.Title(o.name);
        b.Title(o.short_name);
        for (const auto& a : o.aliases) b.Title(a);
        b.Text(o.description);
        b.Text(o.address);
        spelling = {o.name};
        region = o.region;
        regions = {region};
        add_region_text(region);
        org_kinds.emplace_back(domain::Code(o.kind));
    } else if (kind == "person") {
        domain::Person p;
        if (!Parse(d, p)) {
            db.delete_document(id_term);
            return;
        }
        title = p.FullName();
        body = p.bio;
        b.Title(title);
        b.Text(p.bio);
        std::string xp = "XP" + std::to_string(d.id);
        for (auto it = db.postlist_begin(xp); it != db.postlist_end(xp); ++it) {
            auto j = Json::parse(db.get_document(*it).get_data(), nullptr, false);
            if (!j.is_object()) continue;
            if (j.contains("t") && j["t"].is_string()) {
                b.Text(j["t"].get<std::string>(), 2);
                if (!body.empty()) body += "\n";
                body += j["t"].get<std::string>();
            }
            if (j.contains("r") && j["r"].is_string()) regions.push_back(j["r"].get<std::string>());
        }
        spelling = {title};
    } else if (kind == "region") {
        domain::Region r;
        if (!Parse(d, r)) {
            db.delete_document(id_term);
            return;
        }
        title = r.name;
        body = r.full_name + ". " + r.capital;
        b.Title(r.name);
        b.Title(r.short_name);
        b.Text(r.full_name);
        for (const auto& a : r.aliases) b.Title(a);
        for (const auto& a : r.adjectives) b.Text(a);
        b.Text(r.capital);
        spelling = {r.name, r.short_name};
        region = r.code;
        regions = {region};
    } else if (kind == "municipality") {
        domain::Municipality m;
        if (!Parse(d, m)) {
            db.delete_document(id_term);
            return;
        }
        title = m.name;
        const auto& names = thesaurus_.RegionNames(m.region);
        body = m.kind + (names.empty() ? std::string() : ", " + names.front());
        b.Title(m.name);
        b.Text(m.kind);
        add_region_text(m.region);
        spelling = {m.name};
        region = m.region;
        regions = {region};
    } else {
        return;
    }

    std::vector<std::string> districts;
    for (const auto& r : regions) {
        b.Bool("R", r);
        auto dist = thesaurus_.DistrictOfRegion(r);
        if (!dist.empty() && std::find(districts.begin(), districts.end(), dist) == districts.end())
            districts.push_back(dist);
    }
    for (const auto& x : districts) b.Bool("F", x);
    for (const auto& x : domains) b.Bool("D", x);
    for (const auto& x : stages) b.Bool("G", x);
    for (const auto& x : org_kinds) b.Bool("O", x);
    std::string year = date.size() >= 4 ? date.substr(0, 4) : std::string();
    b.Bool("Y", year);
    b.Bool("K", kind);
    b.doc().add_boolean_term(id_term);

    b.Value(kSlotDate, date);
    b.doc().add_value(kSlotAdoptions, Xapian::sortable_serialise(static_cast<double>(adoptions)));
    b.Facet(kSlotDomain, domains);
    b.Facet(kSlotRegion, regions);
    b.Facet(kSlotDistrict, districts);
    b.Facet(kSlotStage, stages);
    b.Facet(kSlotOrgKind, org_kinds);
    b.Value(kSlotYear, year);
    b.Value(kSlotKind, kind);

    Json data = {{"k", kind}, {"id", d.id}, {"t", title}, {"b", Truncate(body, kSnippetSourceBytes)},
                 {"r", region}, {"d", date}, {"a", adoptions}};
    b.doc().set_data(data.dump(-1, ' ', false, Json::error_handler_t::replace));
    db.replace_document(id_term, b.doc());

    // Spelling dictionary: words of titles and names (short and numeric words are not worth it).
    for (const auto& s : spelling)
        for (const auto& w : thesaurus_.Analyze(s))
            if (w.folded.size() >= 6 && w.folded.size() <= kMaxTermBytes &&
                !std::isdigit(static_cast<unsigned char>(w.folded[0])))
                db.add_spelling(w.folded);
}

}  // namespace orientir::search::detail
