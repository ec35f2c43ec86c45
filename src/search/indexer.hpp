#pragma once
// Turns store records into Xapian documents. Private to the search module.
//
// Term scheme (one database for every kind):
//   <stem>            text, with positions (phrases match across word forms); title words weigh 3×.
//                     Every word of a field takes a position, so the n-th word of a stored snippet
//                     segment is at segment.pos + n (snippets highlight what the index matched).
//   C<group>          concept term of a synonym group, on the words of any of its phrases
//   L<lemma>          at the word's position, where the dictionary's normal form has another stem
//                     than the word («посёлка» → Lпосёлок; see Lemmas in analysis.hpp)
//   T<folded word>    raw title/name words, for prefix completion
//   K<kind> Q<kind>:<id>  kind and unique id
//   D<domain> R<region> F<district> G<stage> O<org kind> Y<year>  boolean filters
//   XA<practice id>   on hidden "adoption" documents; XP<person id> on hidden "position" documents
// Hidden kinds (adoption, position) feed facets and text of the entity they belong to and are never
// returned: they hold only boolean terms (upper-case prefixes), so a text query cannot match them,
// and a query without text terms filters by the searchable kinds.
// Document data: DocData (below). Values: date, adoptions (sort) and one facet slot.

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "search/analysis.hpp"
#include "search/snippet.hpp"
#include "storage/store.hpp"

namespace orientir::search::detail {

enum Slot : Xapian::valueno {
    kSlotDate = 0,       // "YYYY-MM-DD"
    kSlotAdoptions = 1,  // sortable_serialise(count)
    kSlotFacets = 2,     // every facet value of the document: <facet key><code>, kFacetSep-joined
};
inline constexpr char kFacetSep = '\x1f';
// Facet keys in the facet slot, in the order of SearchResult::facets.
inline constexpr char kFacetKind = 'k', kFacetDomain = 'd', kFacetRegion = 'r', kFacetDistrict = 'f', kFacetStage = 'g',
                      kFacetOrgKind = 'o', kFacetYear = 'y';
// Bumped whenever terms, values or data change meaning: an index of another format is rebuilt at Open.
inline constexpr const char* kFormatKey = "orientir.format";
inline constexpr const char* kFormat = "3";
// The thesaurus the concept terms were numbered by (Thesaurus::Fingerprint); another one → rebuild.
inline constexpr const char* kThesaurusKey = "orientir.thesaurus";
inline constexpr const char* kSeqKey = "orientir.applied_seq";

// What a hit shows, kept in the document data in a compact binary form (read for every hit of every
// search, so it is not JSON).
struct DocData {
    std::string kind;
    std::int64_t id = 0;
    std::string title;
    std::string text;  // snippet source: up to ~1,200 bytes of the main fields
    std::vector<SnippetSegment> segments;
    std::string region, date;
    std::int64_t adoptions = 0;

    std::string Encode() const;
    // False when `data` is not a DocData encoding (e.g. a hidden document).
    static bool Decode(std::string_view data, DocData& out);
};

class Indexer {
public:
    Indexer(const Thesaurus& thesaurus, storage::Store& store) : thesaurus_(thesaurus), store_(store) {}

    // Brings the documents named by the changes in line with the store (not committed).
    void Apply(Xapian::WritableDatabase& db, const std::vector<storage::Change>& changes);
    // Indexes every record of the store (into an empty database).
    void IndexAll(Xapian::WritableDatabase& db);

private:
    // A hidden helper as the searchable document it belongs to sees it.
    struct AuxRecord {
        std::int64_t owner = 0;  // practice (adoption) or person (position)
        std::string text;        // adoption: current stage code; position: title
        std::string region;
    };
    struct Helpers {
        std::vector<AuxRecord> records;
        void Add(const AuxRecord& r);
    };
    using HelpersFn = std::function<Helpers(const std::string& kind, std::int64_t id)>;
    // A searchable document ready to write; no `doc`: delete it (gone, unreadable, not published).
    struct Prepared {
        std::string id_term;
        std::optional<Xapian::Document> doc;
        std::vector<std::string> spelling;  // words for the spelling dictionary
    };

    void ApplyAux(Xapian::WritableDatabase& db, const std::string& kind, std::int64_t id,
                  std::set<std::int64_t>& practices, std::set<std::int64_t>& persons);
    void Reindex(Xapian::WritableDatabase& db, const std::string& kind, std::int64_t id);
    // Builds the document of a record without touching the database (helpers come from `helpers`), so
    // it may run on another thread than the writer.
    Prepared Prepare(const std::string& kind, const storage::Doc& doc, const HelpersFn& helpers) const;
    static void Write(Xapian::WritableDatabase& db, const Prepared& p);
    static Helpers HelpersFromIndex(Xapian::Database& db, const std::string& kind, std::int64_t id);
    std::optional<AuxRecord> IndexAuxDoc(Xapian::WritableDatabase& db, const std::string& kind,
                                         const storage::Doc& doc);

    const Thesaurus& thesaurus_;
    storage::Store& store_;
};

std::string IdTerm(const std::string& kind, std::int64_t id);

}  // namespace orientir::search::detail
