#pragma once
// Curators' decisions on the likely sources of an unexplained adoption (issue 17): confirm one candidate
// — it becomes the adoption's recorded source with the chosen channel, through the normal typed update
// (same validation, audit entry and change log as any edit) — or reject the candidates shown. Every
// decision is kept as labelled data (kind "source_label": who, when, which candidate, its rank, score and
// probability), so the attribution's accuracy can be measured on real decisions and its weights refitted.
//
// Who decides: those who may edit the adoption (curators, administrators, the adopter's regional or
// organisation editors) — the adopter knows whom it learned from, a curator reviews the queue. The
// candidates are ranked again on the server from the current analytics snapshot and the App's inferred
// network; a region that is not among them is refused (field "candidate"), an organisation that is not among
// them too (field "organisation"). Confirming an organisation makes its earliest adoption of the practice the
// source adoption (none for the practice's owner organisation: «borrowed from the origin») — the adoption
// record has no source-organisation field; the source adoption's adopter organisation is the source.
//
// Label document: {adoption, practice, adopter_region, decision: confirmed|rejected, channel,
// candidates: [{region, organisation?, adoption, origin, rank, score, probability}], candidates_total, note,
// by: {user_id, login, role}, at}. A confirmation names the chosen candidate; a rejection, those shown.

#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"

namespace orientir::app {

struct SourceLabelCandidate {
    std::string region;             // region code
    std::int64_t organisation = 0;  // 0: the region itself
    std::int64_t adoption = 0;      // the candidate region's earliest adoption; 0 for the practice's origin
    bool origin = false;
    int rank = 0;  // 1 = the top candidate
    double score = 0, probability = 0;
};

struct SourceLabel {
    std::int64_t id = 0;
    std::int64_t adoption = 0, practice = 0;
    std::string adopter_region;
    std::string decision;  // "confirmed" or "rejected"
    std::string channel;   // the chosen channel's code (confirmed only)
    std::vector<SourceLabelCandidate> candidates;
    std::int64_t candidates_total = 0;
    std::string note;
    std::optional<std::int64_t> by_user;
    std::string by_login, by_role, at;
};

struct SourceChoice {
    std::string candidate;  // region key (code, ISO, name) of the candidate
    std::string channel;    // channel code; «другое» (other) is refused: the source would stay unexplained
    std::string note;
    std::optional<std::int64_t> expected_version;  // of the adoption (optional)
    std::string organisation;  // the candidate organisation's id; empty: the region (or its best-ranked organisation)
};

// How many candidates a rejection covers (those the pages show).
inline constexpr std::size_t kShownCandidates = 3;

Result<SourceLabel> ConfirmLikelySource(App& app, const Actor& actor, Id adoption, const SourceChoice& choice);
Result<SourceLabel> RejectLikelySources(App& app, const Actor& actor, Id adoption, const std::string& note);
// Decisions on one adoption (newest first), or all (adoption = 0). Readable by staff and by those who may
// edit the adoption.
Result<std::vector<SourceLabel>> SourceLabelsOf(App& app, const Actor& actor, Id adoption);

// Accuracy of the attribution on curators' decisions: a confirmation at rank 1 is a top-1 hit, at rank
// ≤ 3 a top-3 hit; a rejection is a miss for both. Staff only.
struct SourceLabelReport {
    std::int64_t confirmed = 0, rejected = 0, top1 = 0, top3 = 0;
    double top1_rate = 0, top3_rate = 0;  // over confirmed + rejected; 0 when none
    double mean_probability_confirmed = 0;
};
Result<SourceLabelReport> SourceLabelAccuracy(App& app, const Actor& actor);

// The likely sources' signal weights for the snapshot: fitted on the confirmations and rejections kept as labels
// when at least analytics::kMinLabelsForLearnedWeights of them can be scored, else the defaults
// (analytics/weight_fit.hpp). Cached per snapshot; a decision invalidates it.
std::shared_ptr<const analytics::LearnedWeights> SignalWeights(App& app,
                                                               const std::shared_ptr<const analytics::Snapshot>& s);

OrderedJson ToJson(const SourceLabel& l);
OrderedJson ToJson(const SourceLabelReport& r);

}  // namespace orientir::app
