#include "search/indexer.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "common/json.hpp"
#include "common/log.hpp"
#include "domain/codec.hpp"

namespace orientir::search::detail {

std::string IdTerm(const std::string& kind, std::int64_t id) { return "Q" + kind + ":" + std::to_string(id); }

namespace {

constexpr std::size_t kSnippetSourceBytes = 1200;  // text kept in the document data for snippets
constexpr std::size_t kMaxTermBytes = 120;         // Xapian's limit is 245; longer "words" are junk

// Builds one document: positional stem (and lemma) terms for text, raw title words, boolean terms,
// values, and the snippet source with the position of each of its segments.
class DocBuilder {
public:
    explicit DocBuilder(const Thesaurus& th) : th_(th) {}
    void Text(std::string_view text, Xapian::termcount wdf = 1, bool title = false, bool snippet = false) {
        if (snippet) AddSnippet(text);
        auto words = th_.Analyze(text);
        // Concept terms of synonym-group phrases, on every word of the phrase (wdf counted once).
        stems_.clear();
        for (const auto& w : words) stems_.push_back(w.stem);
        for (std::size_t i = 0; i < stems_.size(); ++i) {
            std::size_t n = th_.ConceptsAt(stems_, i, concepts_);
            for (const auto& c : concepts_)
                for (std::size_t k = 0; k < n; ++k)
                    doc_.add_posting(c, pos_ + 1 + static_cast<Xapian::termpos>(i + k), k == 0 ? wdf : 0);
        }
        for (auto& w : words) {
            ++pos_;  // every word takes a position, indexed or not (snippets count words)
            if (w.stem.empty() || w.stem.size() > kMaxTermBytes) continue;
            doc_.add_posting(w.stem, pos_, wdf);
            if (!w.abbreviation)
                for (const auto& l : Lemmas(w.folded))
                    if (l.size() < kMaxTermBytes && StemFolded(l) != w.stem)
                        doc_.add_posting(kLemmaPrefix + l, pos_, wdf);
            if (title && w.folded.size() <= kMaxTermBytes) doc_.add_boolean_term("T" + w.folded);
        }
        pos_ += 20;  // no phrase spans two fields
    }
    void Title(std::string_view text) { Text(text, 3, true); }
    void SnippetText(std::string_view text, Xapian::termcount wdf = 1) { Text(text, wdf, false, true); }
    void Bool(const std::string& prefix, const std::string& value) {
        if (!value.empty() && prefix.size() + value.size() <= kMaxTermBytes) doc_.add_boolean_term(prefix + value);
    }
    void Facet(char key, const std::vector<std::string>& values) {
        for (const auto& x : values) {
            if (x.empty()) continue;
            if (!facets_.empty()) facets_ += kFacetSep;
            facets_ += key;
            facets_ += x;
        }
    }
    void Value(Slot slot, const std::string& v) {
        if (!v.empty()) doc_.add_value(slot, v);
    }
    Xapian::Document& doc() { return doc_; }
    // The document with its facet slot, ready to store.
    Xapian::Document& Finish() {
        if (!facets_.empty()) doc_.add_value(kSlotFacets, facets_);
        return doc_;
    }
    std::string& snippet_text() { return snippet_; }
    std::vector<SnippetSegment>& segments() { return segments_; }

private:
    // Keeps the field for snippets while the source has room; a field that does not fit whole is
    // cut at the last space before the limit (no half words).
    void AddSnippet(std::string_view text) {
        std::size_t used = snippet_.size() + (snippet_.empty() ? 0 : 1);  // with the field separator
        if (text.empty() || used >= kSnippetSourceBytes) return;
        std::size_t room = kSnippetSourceBytes - used;
        if (text.size() > room) {
            std::size_t cut = text.rfind(' ', room);
            if (cut == std::string_view::npos || cut == 0) return;
            text = text.substr(0, cut);
        }
        if (!snippet_.empty()) snippet_ += kSnippetFieldSep;
        segments_.push_back(
            SnippetSegment{static_cast<std::uint32_t>(snippet_.size()), static_cast<std::uint32_t>(pos_ + 1)});
        snippet_ += text;
    }

    const Thesaurus& th_;
    std::vector<std::string> stems_, concepts_;
    Xapian::Document doc_;
    Xapian::termpos pos_ = 0;
    std::string facets_, snippet_;
    std::vector<SnippetSegment> segments_;
};

// DocData encoding: a format byte, then each field as a varint length and its bytes; numbers and
// segments as varints.
constexpr char kDocDataFormat = '\x02';

void PutVarint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}

bool GetVarint(std::string_view& in, std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64 && !in.empty(); shift += 7) {
        auto b = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
        if (!(b & 0x80)) return true;
    }
    return false;
}

void PutString(std::string& out, std::string_view s) {
    PutVarint(out, s.size());
    out += s;
}

bool GetString(std::string_view& in, std::string& s) {
    std::uint64_t n = 0;
    if (!GetVarint(in, n) || n > in.size()) return false;
    s.assign(in.substr(0, n));
    in.remove_prefix(n);
    return true;
}

}  // namespace

std::string DocData::Encode() const {
    std::string out(1, kDocDataFormat);
    PutString(out, kind);
    PutVarint(out, static_cast<std::uint64_t>(id));
    PutString(out, title);
    PutString(out, text);
    PutVarint(out, segments.size());
    for (const auto& s : segments) {
        PutVarint(out, s.byte);
        PutVarint(out, s.pos);
    }
    PutString(out, region);
    PutString(out, date);
    PutVarint(out, static_cast<std::uint64_t>(adoptions));
    return out;
}

bool DocData::Decode(std::string_view in, DocData& d) {
    if (in.empty() || in.front() != kDocDataFormat) return false;
    in.remove_prefix(1);
    std::uint64_t id = 0, n = 0, adoptions = 0;
    if (!GetString(in, d.kind) || !GetVarint(in, id) || !GetString(in, d.title) || !GetString(in, d.text) ||
        !GetVarint(in, n) || n > in.size())
        return false;
    d.segments.resize(n);
    for (auto& s : d.segments) {
        std::uint64_t b = 0, p = 0;
        if (!GetVarint(in, b) || !GetVarint(in, p) || b > d.text.size()) return false;
        s.byte = static_cast<std::uint32_t>(b);
        s.pos = static_cast<std::uint32_t>(p);
    }
    if (!GetString(in, d.region) || !GetString(in, d.date) || !GetVarint(in, adoptions)) return false;
    d.id = static_cast<std::int64_t>(id);
    d.adoptions = static_cast<std::int64_t>(adoptions);
    return true;
}

namespace {

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

std::optional<Indexer::AuxRecord> Indexer::IndexAuxDoc(Xapian::WritableDatabase& db, const std::string& kind,
                                                       const storage::Doc& d) {
    Xapian::Document doc;
    AuxRecord rec;
    if (kind == "adoption") {
        domain::Adoption a;
        if (!Parse(d, a)) {
            db.delete_document(IdTerm(kind, d.id));
            return std::nullopt;
        }
        rec = AuxRecord{a.practice_id, std::string(domain::Code(a.stage())), a.adopter.region};
        doc.add_boolean_term("XA" + std::to_string(a.practice_id));
    } else {
        domain::Position p;
        if (!Parse(d, p)) {
            db.delete_document(IdTerm(kind, d.id));
            return std::nullopt;
        }
        rec = AuxRecord{p.person_id, p.title, p.region.value_or("")};
        doc.add_boolean_term("XP" + std::to_string(p.person_id));
    }
    Json data = {{"p", rec.owner}, {kind == "adoption" ? "s" : "t", rec.text}, {"r", rec.region}};
    doc.add_boolean_term("K" + kind);
    doc.add_boolean_term(IdTerm(kind, d.id));
    doc.set_data(data.dump());
    db.replace_document(IdTerm(kind, d.id), doc);
    return rec;
}

// Helpers of a practice (its adoptions) or person (their positions), read from the index.
Indexer::Helpers Indexer::HelpersFromIndex(Xapian::Database& db, const std::string& kind, std::int64_t id) {
    Helpers h;
    std::string term = (kind == "practice" ? "XA" : "XP") + std::to_string(id);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        auto j = Json::parse(db.get_document(*it).get_data(), nullptr, false);
        if (!j.is_object()) continue;
        AuxRecord r;
        r.owner = id;
        r.text = j.value(kind == "practice" ? "s" : "t", "");
        r.region = j.value("r", "");
        h.Add(r);
    }
    return h;
}

void Indexer::Helpers::Add(const AuxRecord& r) { records.push_back(r); }

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
    Write(db, Prepare(kind, *doc, [&](const std::string& k, std::int64_t i) { return HelpersFromIndex(db, k, i); }));
}

void Indexer::Write(Xapian::WritableDatabase& db, const Prepared& p) {
    if (!p.doc) {
        db.delete_document(p.id_term);
        return;
    }
    db.replace_document(p.id_term, *p.doc);
    for (const auto& w : p.spelling) db.add_spelling(w);
}

void Indexer::IndexAll(Xapian::WritableDatabase& db) {
    // Hidden helpers first, remembered in memory: the searchable documents built next read them
    // from here rather than from the database being written.
    std::unordered_map<std::int64_t, Helpers> adoptions, positions;
    for (const char* kind : {"adoption", "position"}) {
        auto& owners = std::string(kind) == "adoption" ? adoptions : positions;
        auto st = store_.Scan(kind, [&](const storage::Doc& d) {
            if (auto r = IndexAuxDoc(db, kind, d)) owners[r->owner].Add(*r);
            return true;
        });
        if (!st.ok()) throw std::runtime_error("search: scanning " + std::string(kind) + ": " + st.error().message);
    }
    auto helpers = [&](const std::string& kind, std::int64_t id) {
        const auto& owners = kind == "practice" ? adoptions : positions;
        auto it = owners.find(id);
        return it == owners.end() ? Helpers{} : it->second;
    };

    // Two stages on two threads: reading and analysing records (store, JSON, stems, dictionary
    // forms) overlaps with Xapian writing the previous ones. The queue is bounded; a failure on
    // either side stops both and is reported here.
    std::mutex mu;
    std::condition_variable cv;
    std::deque<Prepared> queue;
    bool produced = false, cancelled = false;
    std::string failure;
    constexpr std::size_t kQueueBound = 256;
    std::thread producer([&] {
        try {
            for (const auto& kind : SearchableKindsList()) {
                auto st = store_.Scan(kind, [&](const storage::Doc& d) {
                    Prepared p = Prepare(kind, d, helpers);
                    std::unique_lock lock(mu);
                    cv.wait(lock, [&] { return queue.size() < kQueueBound || cancelled; });
                    if (cancelled) return false;
                    queue.push_back(std::move(p));
                    cv.notify_all();
                    return true;
                });
                if (!st.ok()) throw std::runtime_error("search: scanning " + kind + ": " + st.error().message);
            }
        } catch (const std::exception& e) {
            std::lock_guard lock(mu);
            if (!cancelled) failure = e.what();
        }
        std::lock_guard lock(mu);
        produced = true;
        cv.notify_all();
    });
    try {
        for (;;) {
            std::unique_lock lock(mu);
            cv.wait(lock, [&] { return !queue.empty() || produced; });
            if (queue.empty()) break;
            Prepared p = std::move(queue.front());
            queue.pop_front();
            cv.notify_all();
            lock.unlock();
            Write(db, p);
        }
    } catch (...) {
        {
            std::lock_guard lock(mu);
            cancelled = true;
            cv.notify_all();
        }
        producer.join();
        throw;
    }
    producer.join();
    if (!failure.empty()) throw std::runtime_error(failure);
}

namespace {

// What a searchable document is filed under, gathered from its record.
struct Filed {
    std::string title, region, date;
    std::int64_t adoptions = 0;
    std::vector<std::string> domains, stages, org_kinds, regions, spelling;
};

void AddRegionText(const Thesaurus& th, DocBuilder& b, const std::string& code) {
    const auto& names = th.RegionNames(code);
    if (!names.empty()) b.Text(names.front());
}

// Each reads its record into the builder and `f`; false when the record is unreadable (or not published).
bool FilePractice(const storage::Doc& d, storage::Store& store, const Thesaurus& th, DocBuilder& b, Filed& f) {
    domain::Practice p;
    if (!Parse(d, p) || p.state != domain::ModerationState::kPublished) return false;
    f.title = p.title;
    b.Title(p.title);
    b.SnippetText(p.summary);
    b.SnippetText(p.problem);
    b.SnippetText(p.solution);
    for (const auto& t : p.tags) b.Text(t, 2);
    b.Text(p.legal_basis);
    for (const auto& k : p.results) b.Text(k.name);
    for (const auto& partner : p.resources.partners) b.Text(partner);
    f.spelling = {p.title, p.summary};
    f.region = p.origin.region;
    f.regions = {f.region};
    AddRegionText(th, b, f.region);
    if (p.origin.organisation_id) {
        auto od = store.Get("organisation", *p.origin.organisation_id);
        domain::Organisation o;
        if (od.ok() && Parse(*od, o)) {
            b.Text(o.name);
            b.Text(o.short_name);
            f.org_kinds.emplace_back(domain::Code(o.kind));
        }
    }
    if (p.origin.municipality_id) {
        auto md = store.Get("municipality", *p.origin.municipality_id);
        domain::Municipality m;
        if (md.ok() && Parse(*md, m)) b.Text(m.name);
    }
    f.domains = p.domains;
    if (p.period.from) f.date = *p.period.from;
    return true;
}

bool FileOrganisation(const storage::Doc& d, const Thesaurus& th, DocBuilder& b, Filed& f) {
    domain::Organisation o;
    if (!Parse(d, o)) return false;
    f.title = o.name;
    b.Title(o.name);
    b.Title(o.short_name);
    for (const auto& a : o.aliases) b.Title(a);
    b.SnippetText(o.description);
    b.Text(o.address);
    f.spelling = {o.name};
    f.region = o.region;
    f.regions = {f.region};
    AddRegionText(th, b, f.region);
    f.org_kinds.emplace_back(domain::Code(o.kind));
    return true;
}

bool FilePerson(const storage::Doc& d, DocBuilder& b, Filed& f) {
    domain::Person p;
    if (!Parse(d, p)) return false;
    f.title = p.FullName();
    b.Title(f.title);
    b.SnippetText(p.bio);
    f.spelling = {f.title};
    return true;
}

bool FileRegion(const storage::Doc& d, DocBuilder& b, Filed& f) {
    domain::Region r;
    if (!Parse(d, r)) return false;
    f.title = r.name;
    b.Title(r.name);
    b.Title(r.short_name);
    b.SnippetText(r.full_name);
    b.SnippetText(r.capital);
    for (const auto& a : r.aliases) b.Title(a);
    for (const auto& a : r.adjectives) b.Text(a);
    f.spelling = {r.name, r.short_name};
    f.region = r.code;
    f.regions = {f.region};
    return true;
}

bool FileMunicipality(const storage::Doc& d, const Thesaurus& th, DocBuilder& b, Filed& f) {
    domain::Municipality m;
    if (!Parse(d, m)) return false;
    f.title = m.name;
    const auto& names = th.RegionNames(m.region);
    b.Title(m.name);
    b.SnippetText(m.kind);
    if (!names.empty()) b.SnippetText(names.front());
    f.spelling = {m.name};
    f.region = m.region;
    f.regions = {f.region};
    return true;
}

// Boolean filter terms, sort values, facet values and the stored data of the document.
void AddTerms(const Thesaurus& th, DocBuilder& b, const Filed& f, const std::string& kind, std::int64_t id,
              const std::string& id_term) {
    std::vector<std::string> districts;
    for (const auto& r : f.regions) {
        b.Bool("R", r);
        auto dist = th.DistrictOfRegion(r);
        if (!dist.empty() && std::find(districts.begin(), districts.end(), dist) == districts.end())
            districts.push_back(dist);
    }
    for (const auto& x : districts) b.Bool("F", x);
    for (const auto& x : f.domains) b.Bool("D", x);
    for (const auto& x : f.stages) b.Bool("G", x);
    for (const auto& x : f.org_kinds) b.Bool("O", x);
    std::string year = f.date.size() >= 4 ? f.date.substr(0, 4) : std::string();
    b.Bool("Y", year);
    b.Bool("K", kind);
    b.doc().add_boolean_term(id_term);

    b.Value(kSlotDate, f.date);
    b.doc().add_value(kSlotAdoptions, Xapian::sortable_serialise(static_cast<double>(f.adoptions)));
    b.Facet(kFacetKind, {kind});
    b.Facet(kFacetDomain, f.domains);
    b.Facet(kFacetRegion, f.regions);
    b.Facet(kFacetDistrict, districts);
    b.Facet(kFacetStage, f.stages);
    b.Facet(kFacetOrgKind, f.org_kinds);
    b.Facet(kFacetYear, {year});

    DocData data;
    data.kind = kind;
    data.id = id;
    data.title = f.title;
    data.text = std::move(b.snippet_text());
    data.segments = std::move(b.segments());
    data.region = f.region;
    data.date = f.date;
    data.adoptions = f.adoptions;
    b.doc().set_data(data.Encode());
}

}  // namespace

Indexer::Prepared Indexer::Prepare(const std::string& kind, const storage::Doc& d, const HelpersFn& helpers) const {
    Prepared out;
    out.id_term = IdTerm(kind, d.id);
    DocBuilder b(thesaurus_);
    Filed f;
    f.date = DateOf(d.created_at);
    bool filed = false;
    if (kind == "practice") {
        filed = FilePractice(d, store_, thesaurus_, b, f);
        // Adoptions of this practice: count and the stages they are at now.
        if (filed)
            for (const auto& a : helpers(kind, d.id).records) {
                ++f.adoptions;
                if (!a.text.empty() && std::find(f.stages.begin(), f.stages.end(), a.text) == f.stages.end())
                    f.stages.push_back(a.text);
            }
    } else if (kind == "organisation") {
        filed = FileOrganisation(d, thesaurus_, b, f);
    } else if (kind == "person") {
        filed = FilePerson(d, b, f);
        if (filed)
            for (const auto& pos : helpers(kind, d.id).records) {
                if (!pos.text.empty()) b.SnippetText(pos.text, 2);
                if (!pos.region.empty()) f.regions.push_back(pos.region);
            }
    } else if (kind == "region") {
        filed = FileRegion(d, b, f);
    } else if (kind == "municipality") {
        filed = FileMunicipality(d, thesaurus_, b, f);
    }
    if (!filed) return out;
    AddTerms(thesaurus_, b, f, kind, d.id, out.id_term);
    out.doc = std::move(b.Finish());

    // Spelling dictionary: words of titles and names (short and numeric words are not worth it).
    for (const auto& sp : f.spelling)
        for (const auto& w : thesaurus_.Analyze(sp))
            if (w.folded.size() >= 6 && w.folded.size() <= kMaxTermBytes &&
                !std::isdigit(static_cast<unsigned char>(w.folded[0])))
                out.spelling.push_back(w.folded);
    return out;
}

}  // namespace orientir::search::detail
