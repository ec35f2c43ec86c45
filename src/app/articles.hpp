#pragma once
// Articles and the review queue (issue 5; docs/review-queue.md).
//
// A curator submits a news article (plain text or HTML, UTF-8 or Windows-1251). It is prepared
// (extract::PrepareText), read by the Extractor, and stored in ONE transaction together with one
// proposed fact per extracted fact (kind "fact"). Curators then accept (optionally editing), merge
// into an existing record, or reject each fact; accepting creates adoptions, persons, positions and
// organisations through App (permissions, validation, audit), with the article as evidence. The same
// fact from another article adds evidence to the existing record instead of creating a duplicate.
//
// The Extractor's gazetteer is built from the store (regions, municipalities, organisations,
// persons) and rebuilt lazily when the change log shows a change of one of those kinds.
//
// Thread safety: an ArticleService is safe for concurrent use from many threads.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "common/json.hpp"
#include "extract/extractor.hpp"
#include "extract/input.hpp"

namespace orientir::app {

// What a curator submits. `body` is the raw text or HTML in any supported encoding.
struct ArticleInput {
    std::string body;
    extract::InputFormat format = extract::InputFormat::kAuto;
    std::string title;                        // default: the first line of the text
    std::string source;                       // "ugra-news.ru", "Тюменская правда"
    std::string url;                          // http(s); unique among articles
    std::optional<std::string> published_at;  // YYYY-MM-DD
    std::optional<Id> feed_id;                // set by the feed poller (src/feeds)
};

// A proposed fact in the review queue (store kind "fact").
struct ProposedFact {
    Id id = 0;
    std::int64_t version = 0;
    std::string created_at, updated_at;
    Id article_id = 0;
    std::string kind;                  // adoption | position | located_in
    std::optional<Id> feed_id;         // the news feed the article came from
    std::vector<std::string> regions;  // region codes the fact names (for the queue's region filter)
    OrderedJson
        fact;  // the extractor's fact (extract::ToJson), evidence {start,end,text} in code points of the article text
    double confidence = 0;
    std::string status = "proposed";  // proposed | accepted | merged | rejected
    // Once decided: the record the fact became or was merged into ({kind, id}) and what happened
    // ("created", "evidence_added", "linked").
    std::optional<std::string> resolved_kind;
    std::optional<Id> resolved_id;
    std::string resolved_action;
    std::string reviewer, reviewed_at, reason;
    OrderedJson edits;  // the curator's edits applied on accept (object or null)
    // What the decision did, for the page and the API: [{action: created|evidence_added|stage_moved|
    // channel_set|linked, kind, id, label, from?, to?}], labels in Russian («внедрение № 101: Ишим, …»).
    OrderedJson outcome = OrderedJson::array();
};
OrderedJson ToJson(const ProposedFact& f);
// One side ("adopter", "source") of an adoption fact as a place: the extractor's region code of the side
// (adopter_region / source_region, also for towns, bodies and demonyms), else its directory link's region;
// the town and body the mention links to while they lie in that region. What the review form shows in
// advance and what accepting takes when the curator changes nothing.
domain::Place FactSide(const OrderedJson& fact, const char* side);
// Index entries of a stored fact body (for imports/restores of the "fact" kind).
storage::IndexEntries FactIndex(const std::string& body);

// The curator's corrections when accepting. Everything optional: absent = take it from the fact.
struct FactEdits {
    // adoption
    std::optional<Id> practice_id;                   // one of the suggestions or any other; or a new draft practice:
    std::optional<std::string> new_practice_title;   // a draft practice of the source region, this title
    std::optional<std::string> new_practice_domain;  // its domain (required with new_practice_title)
    // When an adoption of the practice in the adopter region exists: "new" (create another record) or
    // "evidence" (add the article to match_id). Without it such a match is a conflict naming the records.
    std::optional<std::string> on_match;
    std::optional<Id> match_id;
    std::optional<std::string> adopter_region;  // code, ISO or OKATO
    std::optional<Id> adopter_municipality_id, adopter_organisation_id;
    std::optional<std::string> source_region;  // when not the practice's origin: lineage via that region's adoption
    // The source's town and body (a new practice's origin; the lineage through their adoption). As for the
    // adopter: absent = the fact's own when the region is the fact's, 0 = none.
    std::optional<Id> source_municipality_id, source_organisation_id;
    std::optional<Id> source_adoption_id;
    std::optional<domain::Channel> channel;  // required for a new adoption (no default; the fact's is a hint)
    std::optional<domain::AdoptionStage> stage;
    std::optional<std::string> stage_at;  // date of the stage; default: the article's date, else today
    // position (and person)
    std::optional<Id> person_id;
    std::optional<std::string> last_name, first_name, patronymic;
    std::optional<std::string> title;
    std::optional<std::string> region;
    std::optional<Id> municipality_id;
    std::optional<Id> organisation_id;
    std::optional<std::string> period;  // current | past
    std::optional<std::string> from, to;
    // located_in (a new organisation)
    std::optional<std::string> name;
    std::optional<domain::OrganisationKind> organisation_kind;
    std::string note;
};
// Strict reading of the accept body (unknown members and bad codes are 400s naming the field).
Result<FactEdits> ParseFactEdits(const Json& body);
OrderedJson ToJson(const FactEdits& e);

struct FactQuery {
    std::optional<std::string> status;  // proposed | accepted | merged | rejected
    std::optional<Id> article_id;
    std::optional<std::string> kind;
    std::optional<Id> feed_id;          // facts of articles that came from this feed
    std::optional<std::string> region;  // facts naming this region (adopter, source, region of a post)
    std::optional<double> min_confidence;
    bool by_confidence = false;  // highest confidence first (then id)
    std::int64_t after_id = 0;
    int limit = 50;
    bool newest_first = false;
};

// A suggestion for the reviewer: a practice an adoption fact may refer to (from the source region,
// ranked by word overlap with the practice as the article names it), and the existing adoption the
// fact would gather evidence on.
struct ExistingAdoption {
    Id id = 0;
    std::string label;  // «внедрение № 101: Ишим, Прямой контакт, Изучение»
};
struct PracticeSuggestion {
    Id practice_id = 0;
    std::string title;
    double score = 0;
    std::optional<Id> existing_adoption_id;  // the first of `existing`
    std::vector<ExistingAdoption> existing;  // adoptions of this practice in the fact's adopter region
};

struct ReviewItem {
    ProposedFact fact;
    std::vector<PracticeSuggestion> suggestions;  // adoption facts only
};

struct ReviewPage {
    std::vector<ReviewItem> items;
    std::map<Id, domain::Article> articles;  // every article the items refer to (text included, for highlighting)
    std::optional<std::int64_t> next_after;
    std::int64_t total = 0;
};

struct ArticleView {
    domain::Article article;
    OrderedJson extraction;  // {"mentions":[...], "facts":[...]}
    std::vector<ProposedFact> facts;
};

class ArticleService {
public:
    explicit ArticleService(App& app);
    ~ArticleService();

    // The current extractor (gazetteer from the store), rebuilt when the directory changed.
    std::shared_ptr<const extract::Extractor> GetExtractor();

    // The rule every use case below checks first: curators and administrators (anonymous →
    // kUnauthenticated, others → kForbidden). The API calls it before reading a request body, so a
    // refusal comes before input errors.
    static Status CheckCurator(const Actor& actor);

    // Curators only. Errors: field "text" (empty, too_long → kPayloadTooLarge, binary, encoding),
    // "published_at", "url" (format; a second article with the same URL is a conflict).
    Result<ArticleView> Submit(const Actor& actor, const ArticleInput& input);
    Result<ArticleView> GetArticle(const Actor& actor, Id article_id);

    Result<ReviewPage> ListFacts(const Actor& actor, const FactQuery& q);
    Result<ReviewItem> GetFact(const Actor& actor, Id fact_id);
    // Practices whose title holds every word of `query` (or the practice with that number), for
    // choosing a practice that is not among the suggestions. At most `limit`.
    Result<std::vector<PracticeSuggestion>> FindPractices(const Actor& actor, const std::string& query, int limit = 10);

    // Decisions: each in one transaction with its records and audit entries. A decided fact cannot be
    // decided again (kConflict, rule "fact_decided").
    Result<ProposedFact> Accept(const Actor& actor, Id fact_id, const FactEdits& edits,
                                std::optional<std::int64_t> expected_version = std::nullopt);
    // target_kind: adoption (adoption facts), position (position facts), organisation (located_in).
    Result<ProposedFact> Merge(const Actor& actor, Id fact_id, const std::string& target_kind, Id target_id,
                               std::optional<std::int64_t> expected_version = std::nullopt);
    Result<ProposedFact> Reject(const Actor& actor, Id fact_id, const std::string& reason,
                                std::optional<std::int64_t> expected_version = std::nullopt);

    struct Impl;  // the decisions inside one transaction (articles.cpp)

private:
    App& app_;
    std::mutex build_mu_;
    std::atomic<std::shared_ptr<const extract::Extractor>> extractor_;
    std::atomic<std::int64_t> built_seq_{-1};
};

}  // namespace orientir::app
