#pragma once
// The practice title of an adoption fact, chosen among the article's noun phrases (internal to src/extract).
// The rules name the practice by the phrase of the borrowing sentence, which is often only a pointer («идея»,
// «схема», «программу»); the article names the practice itself elsewhere — in the headline, the lede, the sentence
// before. Every such phrase is a candidate, described by where it stands, what kind of phrase it is and how the
// article keeps coming back to its head, and a choice model trained on the golden batches' titles
// (extract_practice; docs/extraction.md «The practice chooser») picks one. The model's file has the ranker's
// format (adoption_ranker.hpp, «@choice»).
#include "extract/adoption_ranker.hpp"

namespace orientir::extract::detail {

// The chooser compiled into the library (model/practice-chooser.tsv), nullptr when there is none.
const RankModel* PracticeChooser();

}  // namespace orientir::extract::detail
