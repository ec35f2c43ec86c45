#pragma once
// Domain rules. Intra-record rules need nothing else; rules across records ask a References
// implementation (the app layer backs it with the store), so the rules live here, not in SQL.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "domain/fields.hpp"
#include "domain/types.hpp"

namespace orientir::domain {

// Lookups the rules need. Implementations must be consistent with the transaction they run in.
class References {
public:
    virtual ~References() = default;
    virtual bool RegionExists(const std::string& code) const = 0;
    virtual bool DomainExists(const std::string& code) const = 0;
    virtual bool IndicatorExists(const std::string& code) const = 0;
    virtual bool EffectTemplateExists(const std::string& code) const = 0;
    virtual std::optional<std::string> MunicipalityRegion(Id id) const = 0;  // nullopt: no such municipality
    virtual bool OrganisationExists(Id id) const = 0;
    virtual bool PersonExists(Id id) const = 0;
    virtual bool PracticeExists(Id id) const = 0;
    virtual std::optional<std::string> PracticeOriginRegion(Id id) const = 0;
    virtual std::optional<Id> AdoptionPractice(Id id) const = 0;  // nullopt: no such adoption
};

// Every Validate applies the entity's field rules (domain/fields.hpp) first, then the rules below.
// A link shown to readers (website, evidence): an absolute http(s) URL with a host, no spaces or
// control characters. javascript:, data:, protocol-relative ("//host") and other schemes are refused;
// a path on this site ("/articles/5", evidence from an article without an address) only when
// `allow_site_path`.
bool IsWebUrl(std::string_view url, bool allow_site_path = false);

Issues Validate(const Organisation& v, const References& refs);
Issues Validate(const Person& v);
Issues Validate(const Article& v);
Issues Validate(const Position& v, const References& refs);
Issues Validate(const Practice& v, const References& refs);
Issues Validate(const Adoption& v, const References& refs);
Issues Validate(const Indicator& v, const References& refs);
Issues Validate(const IndicatorValue& v, const References& refs);
Issues Validate(const AdoptionRequest& v, const References& refs);
Issues Validate(const Municipality& v, const References& refs);

// The stage history is dated in order and only moves forward (or ends with «прекращено»).
Issues ValidateStageHistory(const std::vector<StageEvent>& history, const std::string& field = "stage_history");
// Appending `next` to an adoption's history; names the rule it breaks.
Status CheckStageMove(const Adoption& current, const StageEvent& next);

// Turns issues into a Status (Ok when empty).
Status ToStatus(Issues issues);

}  // namespace orientir::domain
