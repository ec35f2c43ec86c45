#pragma once
// Closed vocabularies of the domain. Each has a stable code (used in JSON, URLs and the store) and
// Russian/English labels. Domains of practice are data (table), not an enum: they are extensible.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orientir::domain {

enum class AdoptionStage { kInterest, kStudy, kPilot, kImplemented, kScaled, kDiscontinued };
enum class Channel {
    kPersonnel,
    kCompetenceCentre,
    kConference,
    kContest,
    kPress,
    kDirectContact,
    kFederalProgramme,
    kOther
};
enum class ModerationState { kDraft, kOnReview, kPublished, kArchived };
enum class OrganisationKind {
    kNgo,
    kArtSchool,
    kCompetenceCentre,
    kVolunteerCorps,
    kGovernmentBody,
    kBusiness,
    kSchool,
    kUniversity,
    kLibrary,
    kMuseum,
    kOther
};
enum class IndicatorDirection { kHigherBetter, kLowerBetter };
enum class RequestStatus { kNew, kInProgress, kAnswered, kDeclined, kClosed, kRouted };
enum class RegionType { kRepublic, kKrai, kOblast, kFederalCity, kAutonomousOblast, kAutonomousOkrug };

struct Label {
    std::string_view code;
    std::string_view ru;
    std::string_view en;
};

// Code ↔ enum for every vocabulary; Parse returns nullopt for an unknown code.
#define ORIENTIR_DECLARE_VOCAB(Enum)                        \
    std::string_view Code(Enum v);                          \
    const Label& LabelOf(Enum v);                           \
    std::optional<Enum> Parse##Enum(std::string_view code); \
    const std::vector<Enum>& All##Enum();                   \
    std::string AllowedCodes##Enum();

ORIENTIR_DECLARE_VOCAB(AdoptionStage)
ORIENTIR_DECLARE_VOCAB(Channel)
ORIENTIR_DECLARE_VOCAB(ModerationState)
ORIENTIR_DECLARE_VOCAB(OrganisationKind)
ORIENTIR_DECLARE_VOCAB(IndicatorDirection)
ORIENTIR_DECLARE_VOCAB(RequestStatus)
ORIENTIR_DECLARE_VOCAB(RegionType)
#undef ORIENTIR_DECLARE_VOCAB

// Order of the forward stages (interest=0 … scaled=4); discontinued has no rank.
int StageRank(AdoptionStage s);
// A stage may only move forward, or to «прекращено» from any stage but itself.
bool IsAllowedStageMove(AdoptionStage from, AdoptionStage to);

}  // namespace orientir::domain
