#pragma once
// The news review's facts (review_facts.cpp), shared by the review page and its decisions
// (pages_review.cpp). Internal to the web module; every function returns escaped markup or text.

#include <string>

#include "app/articles.hpp"
#include "common/json.hpp"
#include "web/handlers.hpp"

namespace orientir::web::detail {

// One decision that was refused: the fact, the form as typed, the problems.
struct Refused {
    int status = 422;
    domain::Id fact_id = 0;
    std::string form;  // accept | merge | reject
    Values values;
    Errors errors;
};

// The article text around the evidence span, with the span marked.
std::string EvidenceHtml(const domain::Article& a, const OrderedJson& fact);
// A mention of the fact as written (escaped), "" when absent.
std::string Who(const OrderedJson& fact, const char* key);
// The practice as the article names it: the extractor's title-like phrase (issue 12).
std::string PracticePhrase(const OrderedJson& fact);
// The post with its body as the article gives it, else the position mention's normal form.
std::string PostOf(const OrderedJson& fact);
// A side of a fact as the page names it: the normal form (directory name), else the text as written.
std::string Named(const OrderedJson& fact, const char* key);
// Why the extractor proposed the fact: its own words when it gives them, else what it found.
std::string WhyHtml(Ctx& ctx, const app::ProposedFact& pf);
// App field → form field of the decision forms.
std::string FormFieldOf(const std::string& f);
// Every message names its field: «Канал распространения: Заполните это поле».
Errors NamedErrors(Ctx& ctx, Errors errors);
// What the decision changed, with links (the flash after a decision).
std::string OutcomeHtml(Ctx& ctx, const app::ProposedFact& f);
// The accept forms of an adoption fact and of a position fact, as typed when refused.
std::string AdoptionForm(Ctx& ctx, const app::ReviewItem& item, const domain::Article* art, const Values& typed,
                         const Errors& errors);
std::string PositionForm(Ctx& ctx, const app::ReviewItem& item, const Values& typed, const Errors& errors);

}  // namespace orientir::web::detail
