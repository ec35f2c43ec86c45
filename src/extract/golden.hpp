#pragma once
// Scoring an Extractor against hand-written expectations (src/extract/testdata/NAME.facts beside
// NAME.txt). One line per expected fact:
//   adoption: ADOPTER <- SOURCE | practice words | stage        (ADOPTER may be «?»: any or none)
//   position: PERSON | post | current|past                        (post «-»: any, e.g. a career link)
//   normal: text as written => normal form
//   no-adoption                                                    (documents that none is expected)
// An adopter or source matches when the mention's normal form, text or directory name equals the
// expected name, contains it (organisations), or lies in the expected region; a practice matches when
// most of its expected content words (by stem) are in the proposed phrase; a post matches when its
// content words are exactly those expected. Used by golden_test and by extract_eval.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extractor.hpp"

namespace orientir::extract {

struct GoldenScore {
    long adoption_tp = 0, adoption_fp = 0, adoption_fn = 0;
    long practice_ok = 0, stage_ok = 0;  // on matched adoption facts
    long adoption_exact = 0;             // matched with practice and stage right: accepted as proposed
    long position_tp = 0, position_fp = 0, position_fn = 0;
    long period_ok = 0;  // on matched position facts
    long normal_ok = 0, normal_total = 0;
    long documents = 0;
    std::vector<std::string> errors;  // one line per miss, for reading

    static double F1(long tp, long fp, long fn);
    double AdoptionF1() const { return F1(adoption_tp, adoption_fp, adoption_fn); }
    double PositionF1() const { return F1(position_tp, position_fp, position_fn); }

    // What a curator does with the proposals (issue 13): accepts a fact as proposed (adopter, source,
    // practice and stage right; person, post and period right), corrects a field of a matched fact,
    // rejects a fact that matches nothing expected; and the expected facts never proposed. The channel is
    // not counted: the review form never preselects it (the curator always chooses).
    struct Acceptance {
        long proposed = 0, unchanged = 0, corrected = 0, rejected = 0, expected = 0, never_proposed = 0;
    };
    Acceptance CuratorView() const;
};

// Adds the score of one document (`name` labels its errors).
void ScoreGolden(const Gazetteer& g, const ExtractionResult& r, std::string_view expectations, const std::string& name,
                 GoldenScore& score);

// The expected practice title of each of r.facts (by index) that matches an expected adoption as the scoring
// matches them; empty for the others.
std::vector<std::string> ExpectedPractices(const Gazetteer& g, const ExtractionResult& r,
                                           std::string_view expectations);
// Is a proposed practice title right for the expected one: most (6 of 10) of its content words by stem.
bool PracticeRight(std::string_view expected, std::string_view proposed);

// The NAME.facts files under `dir` (and its subfolders) that have their NAME.txt beside them, sorted: the golden
// documents, as ScoreGoldenDir and the training tools (extract_rank, extract_practice) read them.
std::vector<std::filesystem::path> GoldenFiles(const std::string& dir);

// Every NAME.txt with a NAME.facts in `dir` and its subfolders, extracted with `ex`.
GoldenScore ScoreGoldenDir(const Extractor& ex, const std::string& dir);

}  // namespace orientir::extract
