#pragma once
// Turns store records into Xapian documents. Private to the search module.
//
// Term scheme (one database for every kind):
//   <stem>            text, with positions (phrases match across word forms); title words weigh 3×
//   T<folded word>    raw title/name words, for prefix completion
//   K<kind> Q<kind>:<id>  kind and unique id
//   D<domain> R<region> F<district> G<stage> O<org kind> Y<year>  boolean filters
//   XA<practice id>   on hidden "adoption" documents; XP<person id> on hidden "position" documents
// Hidden kinds (adoption, position) feed facets and text of the entity they belong to and are never
// returned: every query filters by the searchable kinds.

#include <xapian.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "search/analysis.hpp"
#include "storage/store.hpp"

namespace orientir::search::detail {

enum Slot : Xapian::valueno {
    kSlotDate = 0,       // "YYYY-MM-DD"
    kSlotAdoptions = 1,  // sortable_serialise(count)
    kSlotDomain = 2,     // facet slots hold kFacetSep-joined codes
    kSlotRegion = 3,
    kSlotDistrict = 4,
    kSlotStage = 5,
    kSlotOrgKind = 6,
    kSlotYear = 7,
    kSlotKind = 8,
};
inline constexpr char kFacetSep = '\x1f';
inline constexpr const char* kSeqKey = "orientir.applied_seq";

class Indexer {
public:
    Indexer(const Thesaurus& thesaurus, storage::Store& store) : thesaurus_(thesaurus), store_(store) {}

    // Brings the documents named by the changes in line with the store (not committed).
    void Apply(Xapian::WritableDatabase& db, const std::vector<storage::Change>& changes);
    // Indexes every record of the store (into an empty database).
    void IndexAll(Xapian::WritableDatabase& db);

private:
    void ApplyAux(Xapian::WritableDatabase& db, const std::string& kind, std::int64_t id, std::set<std::int64_t>& practices,
                  std::set<std::int64_t>& persons);
    void Reindex(Xapian::WritableDatabase& db, const std::string& kind, std::int64_t id);
    void IndexDoc(Xapian::WritableDatabase& db, const std::string& kind, const storage::Doc& doc);
    void IndexAuxDoc(Xapian::WritableDatabase& db, const std::string& kind, const storage::Doc& doc);

    const Thesaurus& thesaurus_;
    storage::Store& store_;
};

std::string IdTerm(const std::string& kind, std::int64_t id);

}  // namespace orientir::search::detail
