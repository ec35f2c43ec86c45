#pragma once
// News → mentions → facts. The Extractor reads one UTF-8 plain text (see input.hpp for HTML and
// encodings) and proposes, for a curator to review:
//   mentions — regions, municipalities, countries, organisations, persons and positions, with code
//              point offsets into the text and a link (ref) to the directory entity when one matches;
//   facts    — adoption (who borrows, scales, introduces or applies what from whom), position (who
//              holds or held which post where, including career links «много лет работал в Перми»),
//              located_in (organisation → region or municipality); each with the evidence sentence
//              and a confidence in [0, 1].
// Thread safety: an Extractor is immutable after construction; Extract() may be called concurrently
// from any number of threads. It shares the Gazetteer (immutable) by shared_ptr, so the caller can
// build a new Extractor when the directory changes and swap it in atomically.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "domain/enums.hpp"
#include "extract/gazetteer.hpp"

namespace orientir::extract {

enum class MentionKind { kRegion, kMunicipality, kCountry, kOrganisation, kPerson, kPosition };
std::string_view MentionKindCode(MentionKind k);  // "region", "municipality", ...

struct Mention {
    MentionKind kind = MentionKind::kPerson;
    std::string text;        // as written (a line in capitals recased as prose: recase.hpp)
    std::int32_t start = 0;  // code points, inclusive
    std::int32_t end = 0;    // code points, exclusive
    std::optional<EntityRef> ref;
    bool adjectival = false;  // «тюменских», «сургутской»: an adjective derived from a place name
    std::string normal;  // nominative / directory form: «Иван Петров», «Курганская область»
    bool demonym = false;  // «свердловчане», «омичи»: residents standing for their region (kind region)
};

struct Evidence {
    std::int32_t start = 0;
    std::int32_t end = 0;
    std::string text;
};

enum class FactKind { kAdoption, kPosition, kLocatedIn };
std::string_view FactKindCode(FactKind k);

// One proposed fact. Mentions are indices into ExtractionResult::mentions; which are set depends on
// the kind (see the comments). Absent = not found in the text.
// A phrase that may name an adoption fact's practice and what the chooser reads of it (the training tool's view).
struct PracticeOption {
    std::string text;
    std::vector<std::string> features;
};

struct Fact {
    FactKind kind = FactKind::kAdoption;
    // adoption
    std::optional<std::size_t> adopter;  // region, municipality or organisation that borrows
    std::optional<std::size_t> source;   // where the practice comes from
    std::string practice_text;           // the practice as a title-like noun phrase, nominative
    std::string adopter_region;          // region code the adopter lies in ("72"), empty when unknown
    std::string source_region;           // region code the source lies in
    domain::AdoptionStage stage = domain::AdoptionStage::kImplemented;
    domain::Channel channel = domain::Channel::kOther;
    // position
    std::optional<std::size_t> person;
    std::optional<std::size_t> position;
    std::optional<std::size_t> organisation;  // also located_in
    std::optional<std::size_t> place;         // region, municipality or country (also located_in)
    std::string post;  // position: the whole post with its body, nominative («первый заместитель губернатора
                       // Курганской области»); the position mention is the post alone («первым заместителем»)
    bool past = false;  // position: "past" (held before) or "current"
    std::string date;   // position: when the post was taken or left, as the sentence gives it: "2025-09-01",
                        // "2024-03" or "2024"; empty when the sentence names no date (never invented)
    Evidence evidence;
    double confidence = 0.5;
    // position: why the extractor pairs them when the sentence does not name the person («премьер» is the
    // «премьер-министр Японии Синдзо Абэ» named before); adoption: that the ranker, not a rule, chose the parties
    // (adoption_ranker.hpp); JSON "why" (the review page shows it), absent when empty
    std::string why;
    // adoption, only with ExtractorOptions::practice_options: the phrases the practice chooser weighed
    std::vector<PracticeOption> practice_options;
};

struct ExtractionResult {
    std::vector<Mention> mentions;  // sorted by start
    std::vector<Fact> facts;
};

struct ExtractorOptions {
    // Only mentions (no facts): for search indexing and the NER evaluation.
    bool facts = true;
    // Use the perceptron tagger compiled into the binary (persons, organisations) when there is one;
    // off = rules and gazetteers only.
    bool tagger = true;
    // When no rule finds an adoption in a text that speaks of taking something up, propose the pair the
    // learned ranker compiled into the binary scores best, if it passes the model's threshold (adoption_ranker.hpp).
    bool ranker = true;
    // Choose each adoption fact's practice title among the article's noun phrases with the learned chooser
    // compiled into the binary (practice_chooser.hpp); off = the rules' phrase.
    bool practice_chooser = true;
    // Keep the phrases the chooser weighed on each adoption fact (for its training tool, extract_practice).
    bool practice_options = false;
};

class Extractor {
public:
    explicit Extractor(std::shared_ptr<const Gazetteer> gazetteer, ExtractorOptions options = {});
    ~Extractor();
    Extractor(const Extractor&) = delete;
    Extractor& operator=(const Extractor&) = delete;

    // `utf8_text` must be valid UTF-8 plain text (use PrepareText for raw input). Never throws on any
    // text; an empty text gives an empty result.
    ExtractionResult Extract(std::string_view utf8_text) const;

    const Gazetteer& gazetteer() const { return *gazetteer_; }

private:
    std::shared_ptr<const Gazetteer> gazetteer_;
    ExtractorOptions options_;
};

// The JSON document of `orientir extract` and of the API:
// {"mentions":[{kind,text,start,end,ref}], "facts":[...]} as issue 5 specifies; facts refer to their
// mentions by value (the mention object) so that each fact reads on its own.
OrderedJson ToJson(const ExtractionResult& r);
OrderedJson ToJson(const Mention& m);
OrderedJson ToJson(const EntityRef& ref);

}  // namespace orientir::extract
