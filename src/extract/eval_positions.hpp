#pragma once
// Position facts scored on NEREL (extract_eval --nerel): the WORKS_AS relations of a BRAT .ann file
// (PERSON → PROFESSION) against the extractor's position facts. The matching rule (fixed before any
// figure was looked at; docs/extraction.md, «Position facts on NEREL»):
// - gold facts are per document: WORKS_AS pairs with the same person surname (the stem of the person
//   mention's last word) and the same profession head words count once;
// - the profession's head words: its words up to and including the first that is not an adjective
//   («первого заместителя» → первый, заместитель; «главы администрации» → глава; «вице-премьера» →
//   вице, премьер), without «экс-»;
// - a proposed position fact (person and post: `post`, else the position mention) matches when its person
//   mention overlaps the gold person, or the stem of its normal form's last word (the surname) is the stem of
//   a word of the gold person (a coreferent mention), and the stems of its post's words hold every head word;
// - a proposal matching an already matched gold fact is neither right nor wrong (facts are per document).

#include <string>
#include <vector>

#include "extract/extractor.hpp"

namespace orientir::extract {

class NerelPositions {
public:
    // One document: its text (offsets in code points), its .ann file and the extraction of that text;
    // `errors` keeps a line per miss and false proposal (`Errors`).
    void Add(const std::string& name, const std::string& text, const std::string& ann, const ExtractionResult& r,
             bool errors);

    long tp = 0, fp = 0, fn = 0;
    // the same with the profession's head noun alone (a diagnostic added after the first figures: how many
    // misses differ only in a modifier such as «британским премьером», «окружной прокурор»)
    long tp_head = 0, fp_head = 0, fn_head = 0;
    long gold = 0;               // gold facts (deduplicated)
    long gold_one_sentence = 0;  // of them, person and profession in one sentence (no «. » or line break between)
    const std::vector<std::string>& Errors() const { return errors_; }
    double F1() const;
    // The error lines (when kept), the figures and the gold count, on standard output.
    void Print() const;

    struct GoldFact;  // one WORKS_AS pair (eval_positions.cpp)

private:
    void Match(const std::string& name, const std::string& text, std::vector<GoldFact>& facts,
               const ExtractionResult& r, bool head_only, bool errors);
    std::vector<std::string> errors_;
};

}  // namespace orientir::extract
