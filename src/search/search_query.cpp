// SearchIndex read side: validation of queries, matching, facets, spelling, snippets, completion.
#include <xapian.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "common/json.hpp"
#include "common/strings.hpp"
#include "domain/enums.hpp"
#include "search/indexer.hpp"
#include "search/query.hpp"
#include "search/search_impl.hpp"
#include "search/snippet.hpp"
#include "text/normalize.hpp"

namespace orientir::search {

namespace {

using detail::Slot;

constexpr int kMaxLimit = 100;
constexpr std::int64_t kMaxOffset = 10000;
constexpr std::size_t kMaxFilterValues = 50;
constexpr std::size_t kMaxConcepts = 32;

// Facets in the order of SearchResult::facets, with their keys in the facet slot.
struct FacetDef {
    const char* name;
    char key;
};
constexpr FacetDef kFacets[] = {
    {"kind", detail::kFacetKind},         {"domain", detail::kFacetDomain}, {"region", detail::kFacetRegion},
    {"district", detail::kFacetDistrict}, {"stage", detail::kFacetStage},   {"org_kind", detail::kFacetOrgKind},
    {"year", detail::kFacetYear},
};

// Counts facet values over the documents the matcher looks at: all matches when they are at most
// check_at_least, a sample beyond. One value slot holds every facet value of a document (reading
// seven slots in turn defeated Xapian's value cursor cache), and the spy counts whole slot values:
// documents share few distinct combinations of domain, region, year…, so each document costs one
// hash lookup and the combinations are split into per-facet counts once, at the end.
class FacetSpy : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document& doc, double) override {
        ++seen_;
        ++combinations_[doc.get_value(detail::kSlotFacets)];
    }
    std::int64_t seen() const { return seen_; }

    // Per facet (index into kFacets): value code → count.
    std::vector<std::unordered_map<std::string, std::int64_t>> Tally() const {
        std::vector<std::unordered_map<std::string, std::int64_t>> out(std::size(kFacets));
        for (const auto& [combination, n] : combinations_) {
            std::string_view rest(combination);
            while (!rest.empty()) {
                std::size_t end = rest.find(detail::kFacetSep);
                std::string_view item = rest.substr(0, end);
                rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
                int f = item.size() < 2 ? -1 : FacetIndex(item.front());
                if (f >= 0) out[static_cast<std::size_t>(f)][std::string(item.substr(1))] += n;
            }
        }
        return out;
    }

private:
    static int FacetIndex(char key) {
        for (std::size_t i = 0; i < std::size(kFacets); ++i)
            if (kFacets[i].key == key) return static_cast<int>(i);
        return -1;
    }
    std::int64_t seen_ = 0;
    std::unordered_map<std::string, std::int64_t> combinations_;
};

Error Invalid(const std::string& field, const std::string& rule, const std::string& msg) {
    return Error::Invalid(field, rule, msg);
}

// Validates a filter list against a set of allowed codes.
Status CheckValues(const char* field, const std::vector<std::string>& values,
                   const std::function<bool(const std::string&)>& allowed) {
    if (values.size() > kMaxFilterValues) return Invalid(field, "too_many", std::string(field) + ": at most 50 values");
    for (const auto& v : values)
        if (!allowed(v)) return Invalid(field, "unknown_value", std::string(field) + ": unknown value «" + v + "»");
    return Status::Ok();
}

Xapian::Query AnyOf(const std::string& prefix, const std::vector<std::string>& values) {
    std::vector<Xapian::Query> qs;
    for (const auto& v : values) qs.emplace_back(prefix + v);
    return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

std::string LabelFor(const detail::Thesaurus& th, const std::string& facet, const std::string& value, bool en) {
    const detail::Label* l = nullptr;
    if (facet == "domain") l = th.DomainLabel(value);
    if (facet == "region") l = th.RegionLabel(value);
    if (facet == "district") l = th.DistrictLabel(value);
    if (l) return en && !l->en.empty() ? l->en : l->ru;
    if (facet == "stage")
        if (auto s = domain::ParseAdoptionStage(value))
            return std::string(en ? domain::LabelOf(*s).en : domain::LabelOf(*s).ru);
    if (facet == "org_kind")
        if (auto k = domain::ParseOrganisationKind(value))
            return std::string(en ? domain::LabelOf(*k).en : domain::LabelOf(*k).ru);
    if (facet == "kind") {
        static const std::map<std::string, std::pair<std::string, std::string>> kKinds{
            {"practice", {"Практики", "Practices"}},
            {"organisation", {"Организации", "Organisations"}},
            {"person", {"Люди", "People"}},
            {"region", {"Регионы", "Regions"}},
            {"municipality", {"Муниципалитеты", "Municipalities"}}};
        auto it = kKinds.find(value);
        if (it != kKinds.end()) return en ? it->second.second : it->second.first;
    }
    return value;
}

bool IsYear(const std::string& y) {
    return y.size() == 4 && std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Status ValidateText(const std::string& field, const std::string& s, std::size_t max_chars) {
    if (!IsValidUtf8(s)) return Invalid(field, "utf8", field + ": not valid UTF-8 text");
    if (static_cast<std::size_t>(text::CodePointLength(s)) > max_chars)
        return Invalid(field, "too_long", field + ": at most " + std::to_string(max_chars) + " characters");
    return Status::Ok();
}

struct MatchOutcome {
    Xapian::MSet mset;
    std::unique_ptr<FacetSpy> spy;
};

}  // namespace

namespace {
// Returns a reader to the pool when it goes out of scope. Declared before any Xapian object made
// from the reader (Enquire, MSet, Document): those hold copies of the Database handle, whose
// reference count is not atomic, so they must all be gone before another thread may take the
// reader from the pool.
struct ReaderLease {
    const SearchIndex::Impl* impl;
    std::unique_ptr<SearchIndex::Impl::Reader> reader;
    ~ReaderLease() {
        if (reader) impl->Release(std::move(reader));
    }
};

// A commit by the indexer can invalidate a reader at any step (matching, reading documents for
// snippets, values for facets): retry the whole request on a fresh reader, as Xapian recommends.
template <class Fn>
auto RetryModified(Fn fn) -> decltype(fn()) {
    for (int attempt = 0;; ++attempt) {
        try {
            return fn();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 5) {
                return Error{
                    ErrorCode::kUnavailable, "the search index is being updated; try again", {}, "index_busy", {}};
            }
        }
    }
}
}  // namespace

Result<SearchResult> SearchIndex::Search(const SearchQuery& query) const {
    return RetryModified([&] { return impl_->Search(query); });
}

Result<std::vector<Completion>> SearchIndex::Suggest(const std::string& prefix, int limit,
                                                     const std::vector<std::string>& kinds) const {
    return RetryModified([&] { return impl_->Suggest(prefix, limit, kinds); });
}

namespace {

// Every bad input is a clear kInvalidArgument naming the field. Returns the offset the cursor stands for.
Result<std::int64_t> ValidateQuery(const SearchQuery& query, const detail::Thesaurus& thesaurus,
                                   std::size_t max_query_chars) {
    ORIENTIR_TRY(ValidateText("q", query.q, max_query_chars));
    if (query.limit < 1 || query.limit > kMaxLimit) return Invalid("limit", "range", "limit: from 1 to 100");
    const auto& searchable = SearchableKinds();
    ORIENTIR_TRY(CheckValues("kind", query.kinds, [&](const std::string& k) {
        return std::find(searchable.begin(), searchable.end(), k) != searchable.end();
    }));
    ORIENTIR_TRY(CheckValues("domain", query.domains,
                             [&](const std::string& v) { return thesaurus.DomainLabel(v) != nullptr; }));
    ORIENTIR_TRY(CheckValues("region", query.regions,
                             [&](const std::string& v) { return thesaurus.RegionLabel(v) != nullptr; }));
    ORIENTIR_TRY(CheckValues("district", query.districts,
                             [&](const std::string& v) { return thesaurus.DistrictLabel(v) != nullptr; }));
    ORIENTIR_TRY(CheckValues("stage", query.stages,
                             [](const std::string& v) { return domain::ParseAdoptionStage(v).has_value(); }));
    ORIENTIR_TRY(CheckValues("org_kind", query.org_kinds,
                             [](const std::string& v) { return domain::ParseOrganisationKind(v).has_value(); }));
    ORIENTIR_TRY(CheckValues("year", query.years, IsYear));
    if (query.lang != "ru" && query.lang != "en") return Invalid("lang", "unknown_value", "lang: «ru» or «en»");
    std::int64_t offset = 0;
    if (!query.cursor.empty()) {
        auto o = ParseInt(query.cursor);
        if (!o || *o < 0 || *o > kMaxOffset)
            return Invalid("cursor", "invalid", "cursor: not a cursor this API returned");
        offset = *o;
    }
    return offset;
}

// Filters: OR within a facet, AND across facets; always restricted to searchable kinds. Hidden helper
// documents hold no text terms: a query with words cannot match them, so only a query without any
// (browsing, exclusions only) needs the filter by the searchable kinds.
std::optional<Xapian::Query> FilterOf(const SearchQuery& query, bool has_positive) {
    std::vector<Xapian::Query> filters;
    if (!query.kinds.empty() || !has_positive)
        filters.push_back(AnyOf("K", query.kinds.empty() ? SearchableKinds() : query.kinds));
    if (!query.domains.empty()) filters.push_back(AnyOf("D", query.domains));
    if (!query.regions.empty()) filters.push_back(AnyOf("R", query.regions));
    if (!query.districts.empty()) filters.push_back(AnyOf("F", query.districts));
    if (!query.stages.empty()) filters.push_back(AnyOf("G", query.stages));
    if (!query.org_kinds.empty()) filters.push_back(AnyOf("O", query.org_kinds));
    if (!query.years.empty()) filters.push_back(AnyOf("Y", query.years));
    if (filters.empty()) return std::nullopt;
    return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
}

// Spelling: words the index does not know get the closest indexed word. The suggestion (not yet
// applied) and the corrected query text, or nothing when every word is known.
struct Spelled {
    Suggestion suggestion;
    std::string corrected;
};
std::optional<Spelled> SpellingOf(Xapian::Database& db, const std::string& q, const detail::ParsedQuery& pq) {
    std::vector<std::pair<const detail::Concept*, std::string>> fixes;
    for (const auto& c : pq.concepts) {
        if (!c.single_word || c.folded.size() < 4) continue;
        if (db.term_exists(c.alts.front().words.front().front())) continue;
        auto s = db.get_spelling_suggestion(c.folded, 2);
        if (!s.empty() && s != c.folded) fixes.emplace_back(&c, std::move(s));
    }
    if (fixes.empty()) return std::nullopt;
    std::string corrected = q;
    std::string html;
    std::size_t cur = 0;
    for (const auto& [c, s] : fixes) {
        html += EscapeHtml(q.substr(cur, c->byte_start - cur)) + "<mark>" + EscapeHtml(s) + "</mark>";
        cur = c->byte_end;
    }
    html += EscapeHtml(q.substr(cur));
    for (auto it = fixes.rbegin(); it != fixes.rend(); ++it)
        corrected.replace(it->first->byte_start, it->first->byte_end - it->first->byte_start, it->second);
    Spelled out;
    out.suggestion.text = std::string(Trim(corrected));
    out.suggestion.html = html;
    out.corrected = std::move(corrected);
    return out;
}

// The query without its weak words: a number or a single letter alone is too weak to stand for the
// query («<script>alert(1)</script>» must not list every «№ 1»); such words only count with the others.
detail::ParsedQuery StrongWords(detail::ParsedQuery used) {
    std::erase_if(used.concepts, [](const detail::Concept& c) {
        return c.single_word &&
               (text::CodePointLength(c.folded) < 2 ||
                std::all_of(c.folded.begin(), c.folded.end(), [](char ch) { return ch >= '0' && ch <= '9'; }));
    });
    return used;
}

// How a query is matched: filter, order, facets and the page.
struct MatchSpec {
    const std::optional<Xapian::Query>& filter;
    SortOrder sort;
    bool facets;
    std::int64_t offset;
    int limit;
    Xapian::doccount bound;
};

MatchOutcome Match(Xapian::Database& db, const detail::ParsedQuery& p, bool relaxed, const MatchSpec& spec) {
    MatchOutcome out;
    Xapian::Enquire enquire(db);
    Xapian::Query text =
        detail::BuildQuery(detail::Prune(p, [&](const std::string& t) { return db.term_exists(t); }), relaxed);
    enquire.set_query(spec.filter ? Xapian::Query(Xapian::Query::OP_FILTER, text, *spec.filter) : text);
    if (spec.sort == SortOrder::kDate) enquire.set_sort_by_value_then_relevance(detail::kSlotDate, true);
    if (spec.sort == SortOrder::kAdoptions) enquire.set_sort_by_value_then_relevance(detail::kSlotAdoptions, true);
    if (spec.facets) {
        out.spy = std::make_unique<FacetSpy>();
        enquire.add_matchspy(out.spy.get());
    }
    out.mset = enquire.get_mset(static_cast<Xapian::doccount>(spec.offset), static_cast<Xapian::doccount>(spec.limit),
                                spec.bound);
    return out;
}

// Facet counts from the spy, scaled to the estimated total when the spy saw a sample.
void AddFacets(const FacetSpy& spy, const detail::Thesaurus& thesaurus, bool en, SearchResult& result) {
    std::int64_t seen = spy.seen();
    bool exact = result.total.exact && seen == result.total.value;
    double scale = exact || seen == 0 ? 1.0 : static_cast<double>(result.total.value) / static_cast<double>(seen);
    result.facets_exact = exact;
    auto tally = spy.Tally();
    for (std::size_t i = 0; i < std::size(kFacets); ++i) {
        Facet f;
        f.name = kFacets[i].name;
        for (const auto& [value, count] : tally[i]) {
            auto c = static_cast<std::int64_t>(static_cast<double>(count) * scale + 0.5);
            f.values.push_back(FacetValue{value, LabelFor(thesaurus, f.name, value, en), c});
        }
        std::sort(f.values.begin(), f.values.end(), [](const FacetValue& a, const FacetValue& b) {
            return a.count != b.count ? a.count > b.count : a.value < b.value;
        });
        if (f.values.size() > 100) f.values.resize(100);
        result.facets.push_back(std::move(f));
    }
}

// Hits: what to show is in the document data; what to mark, in the index's positions.
void AddHits(Xapian::Database& db, const Xapian::MSet& mset, const detail::ParsedQuery& used, SortOrder sort,
             SearchResult& result) {
    std::vector<std::pair<std::string, int>> marked_terms;
    for (auto& [term, group] : used.HighlightTerms())
        if (db.get_termfreq(term) > 0) marked_terms.emplace_back(std::move(term), group);
    detail::DocData data;
    std::vector<detail::Mark> marks;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        if (!detail::DocData::Decode(it.get_document().get_data(), data)) continue;
        marks.clear();
        if (!data.segments.empty()) {
            // Positions past the source's last possible word are not in the snippet.
            auto lo = data.segments.front().pos;
            auto hi = data.segments.back().pos + static_cast<std::uint32_t>(data.text.size());
            for (const auto& [term, group] : marked_terms)
                for (auto p = db.positionlist_begin(*it, term); p != db.positionlist_end(*it, term); ++p) {
                    if (*p > hi) break;
                    if (*p >= lo) marks.emplace_back(*p, group);
                }
            std::sort(marks.begin(), marks.end());
        }
        Hit h;
        h.kind = std::move(data.kind);
        h.id = data.id;
        h.title = std::move(data.title);
        h.region = std::move(data.region);
        h.date = std::move(data.date);
        h.adoptions = data.adoptions;
        h.score = sort == SortOrder::kRelevance ? it.get_weight() : 0.0;
        h.snippet = detail::MakeSnippet(data.text, data.segments, marks, 30);
        result.hits.push_back(std::move(h));
    }
}

}  // namespace

Result<SearchResult> SearchIndex::Impl::Search(const SearchQuery& query) const {
    ORIENTIR_ASSIGN(std::int64_t offset, ValidateQuery(query, thesaurus, opt.max_query_chars));
    SearchResult result;
    std::string q = detail::StripControl(query.q);
    detail::ParsedQuery pq = detail::ParseQuery(q, thesaurus);
    if (pq.concepts.size() > kMaxConcepts) {
        pq.concepts.resize(kMaxConcepts);
        result.notices.push_back("Запрос слишком длинный: учтены первые 32 слова.");
    }
    bool has_text = std::any_of(q.begin(), q.end(), [](char c) { return c != ' '; });
    if (has_text && pq.Empty()) {
        result.notices.push_back(pq.stop_words > 0 ? "Запрос состоит только из служебных слов — уточните его."
                                                   : "В запросе нет слов для поиска.");
        return result;
    }
    std::optional<Xapian::Query> filter = FilterOf(query, pq.HasPositive());
    SortOrder sort = query.sort.value_or(pq.HasPositive() ? SortOrder::kRelevance : SortOrder::kDate);
    // Counting past the page costs time: only facets need every match seen (up to the bound). Without
    // facets the total is Xapian's estimate, flagged exact only when its bounds agree.
    auto bound = static_cast<Xapian::doccount>(
        query.facets ? std::max<std::int64_t>(opt.exact_count_bound, offset + query.limit) : offset + query.limit);

    MatchSpec spec{filter, sort, query.facets, offset, query.limit, bound};
    auto run = [&](Xapian::Database& db, const detail::ParsedQuery& p, bool relaxed) {
        return Match(db, p, relaxed, spec);
    };

    ReaderLease lease{this, Acquire()};
    auto& reader = lease.reader;
    MatchOutcome m;
    detail::ParsedQuery used = pq;
    for (int attempt = 0;; ++attempt) {
        try {
            Xapian::Database& db = reader->db;
            m = run(db, pq, false);
            used = pq;
            if (auto spelled = SpellingOf(db, q, pq)) {
                if (m.mset.empty()) {
                    auto cpq = detail::ParseQuery(spelled->corrected, thesaurus);
                    auto cm = run(db, cpq, false);
                    if (!cm.mset.empty()) {
                        m = std::move(cm);
                        used = cpq;
                        spelled->suggestion.applied = true;
                    }
                }
                result.suggestion = spelled->suggestion;
            }
            // Nothing holds every word: show documents holding some of them, labelled as such.
            detail::ParsedQuery strong = StrongWords(used);
            if (m.mset.empty() && used.concepts.size() + used.phrases.size() > 1 && strong.HasPositive()) {
                auto rm = run(db, strong, true);
                if (!rm.mset.empty()) {
                    m = std::move(rm);
                    result.relaxed = true;
                }
            }
            break;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 3) throw;
            reader->db.reopen();
        }
    }

    result.total.value = m.mset.get_matches_estimated();
    result.total.exact = m.mset.get_matches_lower_bound() == m.mset.get_matches_upper_bound();
    if (m.spy) AddFacets(*m.spy, thesaurus, query.lang == "en", result);
    AddHits(reader->db, m.mset, used, sort, result);
    std::int64_t next = offset + static_cast<std::int64_t>(result.hits.size());
    if (!result.hits.empty() && next < result.total.value && next <= kMaxOffset)
        result.next_cursor = std::to_string(next);
    return result;
}

Result<std::vector<Completion>> SearchIndex::Impl::Suggest(const std::string& prefix, int limit,
                                                           const std::vector<std::string>& kinds) const {
    ORIENTIR_TRY(ValidateText("q", prefix, 200));
    if (limit < 1 || limit > 20) return Invalid("limit", "range", "limit: from 1 to 20");
    const auto& searchable = SearchableKinds();
    ORIENTIR_TRY(CheckValues("kind", kinds, [&](const std::string& k) {
        return std::find(searchable.begin(), searchable.end(), k) != searchable.end();
    }));
    std::string p = detail::StripControl(prefix);
    auto words = thesaurus.Analyze(p);
    std::vector<Completion> out;
    if (words.empty()) return out;
    if (words.size() > 8) words.erase(words.begin(), words.end() - 8);
    // The last word is being typed unless the prefix ends with a space.
    bool last_partial = !p.empty() && p.back() != ' ';
    std::vector<Xapian::Query> parts;
    for (std::size_t i = 0; i + (last_partial ? 1 : 0) < words.size(); ++i) parts.emplace_back(words[i].stem);
    std::string partial = last_partial ? words.back().folded : std::string();
    if (last_partial) {
        parts.emplace_back(
            Xapian::Query::OP_OR, Xapian::Query(words.back().stem),
            Xapian::Query(Xapian::Query::OP_WILDCARD, "T" + partial, 100, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT));
    }
    Xapian::Query q(Xapian::Query::OP_AND, parts.begin(), parts.end());
    q = Xapian::Query(Xapian::Query::OP_FILTER, q, AnyOf("K", kinds.empty() ? searchable : kinds));

    std::vector<std::string> complete;
    for (std::size_t i = 0; i + (last_partial ? 1 : 0) < words.size(); ++i) complete.push_back(words[i].stem);
    std::string last_stem = last_partial ? words.back().stem : std::string();

    ReaderLease lease{this, Acquire()};
    auto& reader = lease.reader;
    for (int attempt = 0;; ++attempt) {
        try {
            Xapian::Enquire enquire(reader->db);
            enquire.set_query(q);
            auto mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                detail::DocData data;
                if (!detail::DocData::Decode(it.get_document().get_data(), data)) continue;
                Completion c;
                c.kind = std::move(data.kind);
                c.id = data.id;
                c.title = std::move(data.title);
                c.html = detail::MarkWords(
                    c.title,
                    [&](const detail::Word& w) {
                        if (std::find(complete.begin(), complete.end(), w.stem) != complete.end()) return true;
                        return !partial.empty() && (w.folded.rfind(partial, 0) == 0 || w.stem == last_stem);
                    },
                    thesaurus.Abbreviations());
                out.push_back(std::move(c));
            }
            break;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 3) throw;
            reader->db.reopen();
            out.clear();
        }
    }
    return out;
}

}  // namespace orientir::search
