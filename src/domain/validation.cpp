#include "domain/validation.hpp"

#include "common/json.hpp"
#include "domain/fields.hpp"

namespace orientir::domain {

namespace {

void Add(Issues& out, std::string field, std::string rule, std::string message) {
    out.push_back({std::move(field), std::move(rule), std::move(message)});
}

void CheckPlace(Issues& out, const std::string& field, const Place& p, const References& refs) {
    if (!refs.RegionExists(p.region)) {
        Add(out, field + ".region", "unknown_region",
            "unknown region code \"" + p.region + "\" in " + field + ".region");
        return;
    }
    if (p.municipality_id) {
        auto region = refs.MunicipalityRegion(*p.municipality_id);
        if (!region) {
            Add(out, field + ".municipality_id", "unknown_municipality",
                "no municipality with id " + std::to_string(*p.municipality_id));
        } else if (*region != p.region) {
            Add(out, field + ".municipality_id", "municipality_in_other_region",
                "municipality " + std::to_string(*p.municipality_id) + " belongs to region " + *region +
                    ", not to region " + p.region);
        }
    }
    if (p.organisation_id && !refs.OrganisationExists(*p.organisation_id)) {
        Add(out, field + ".organisation_id", "unknown_organisation",
            "no organisation with id " + std::to_string(*p.organisation_id));
    }
}

void CheckPeriod(Issues& out, const std::string& field, const std::optional<std::string>& from,
                 const std::optional<std::string>& to) {
    if (from && to && *to < *from) {
        Add(out, field, "dates_order", field + ": the end date " + *to + " is before the start date " + *from);
    }
}

void CheckKpis(Issues& out, const std::string& field, const std::vector<Kpi>& kpis, const References& refs) {
    for (std::size_t i = 0; i < kpis.size(); ++i) {
        const auto& k = kpis[i];
        std::string f = field + "[" + std::to_string(i) + "]";
        CheckPeriod(out, f + ".after_date", k.before_date, k.after_date);
        if (k.indicator && !refs.EffectTemplateExists(*k.indicator) && !refs.IndicatorExists(*k.indicator)) {
            Add(out, f + ".indicator", "unknown_indicator",
                "\"" + *k.indicator + "\" is neither an effect template of a domain nor an indicator");
        }
    }
}

}  // namespace

Status ToStatus(Issues issues) {
    if (issues.empty()) return Status::Ok();
    return IssuesToError(std::move(issues));
}

bool IsWebUrl(std::string_view url, bool allow_site_path) {
    if (url.size() > 2000) return false;
    if (allow_site_path && url.size() > 1 && url[0] == '/' && url[1] != '/' && url[1] != '\\') {
        for (char ch : url) {
            auto c = static_cast<unsigned char>(ch);
            if (c <= 0x20 || c == 0x7f || ch == '\\' || ch == '"' || ch == '<' || ch == '>') return false;
        }
        return true;
    }
    std::string lower(url.substr(0, 8));
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::size_t rest = lower.rfind("https://", 0) == 0 ? 8 : lower.rfind("http://", 0) == 0 ? 7 : 0;
    if (rest == 0 || rest >= url.size()) return false;
    char first = url[rest];
    if (first == '/' || first == '\\' || first == '@' || first == ':' || first == '?' || first == '#') return false;
    for (char ch : url) {
        auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c == 0x7f || ch == '\\' || ch == '"' || ch == '<' || ch == '>') return false;
    }
    return true;
}

namespace {
void CheckUrl(Issues& out, const std::string& field, const std::string& url, bool allow_site_path = false) {
    if (!url.empty() && !IsWebUrl(url, allow_site_path))
        Add(out, field, "url", field + " must be an http:// or https:// address (got \"" + url.substr(0, 80) + "\")");
}
}  // namespace

Issues Validate(const Municipality& v, const References& refs) {
    Issues out = CheckFields(v);
    if (!refs.RegionExists(v.region)) Add(out, "region", "unknown_region", "unknown region code \"" + v.region + "\"");
    if (v.name.empty()) Add(out, "name", "required", "name is required");
    return out;
}

Issues Validate(const Organisation& v, const References& refs) {
    Issues out = CheckFields(v);
    if (!refs.RegionExists(v.region)) {
        Add(out, "region", "unknown_region", "unknown region code \"" + v.region + "\"");
    } else if (v.municipality_id) {
        auto region = refs.MunicipalityRegion(*v.municipality_id);
        if (!region) {
            Add(out, "municipality_id", "unknown_municipality",
                "no municipality with id " + std::to_string(*v.municipality_id));
        } else if (*region != v.region) {
            Add(out, "municipality_id", "municipality_in_other_region",
                "municipality " + std::to_string(*v.municipality_id) + " belongs to region " + *region +
                    ", not to region " + v.region);
        }
    }
    if (!v.email.empty() && v.email.find('@') == std::string::npos) {
        Add(out, "email", "email", "email must contain @");
    }
    CheckUrl(out, "website", v.website);
    return out;
}

Issues Validate(const Person& v) {
    Issues out = CheckFields(v);
    if (v.last_name.empty()) Add(out, "last_name", "required", "last_name is required");
    return out;
}

Issues Validate(const Position& v, const References& refs) {
    Issues out = CheckFields(v);
    if (!refs.PersonExists(v.person_id))
        Add(out, "person_id", "unknown_person", "no person with id " + std::to_string(v.person_id));
    if (v.organisation_id && !refs.OrganisationExists(*v.organisation_id)) {
        Add(out, "organisation_id", "unknown_organisation",
            "no organisation with id " + std::to_string(*v.organisation_id));
    }
    if (v.region && !refs.RegionExists(*v.region)) {
        Add(out, "region", "unknown_region", "unknown region code \"" + *v.region + "\"");
    } else if (v.municipality_id) {
        auto region = refs.MunicipalityRegion(*v.municipality_id);
        if (!region)
            Add(out, "municipality_id", "unknown_municipality",
                "no municipality with id " + std::to_string(*v.municipality_id));
        else if (v.region && *region != *v.region)
            Add(out, "municipality_id", "municipality_in_other_region",
                "municipality " + std::to_string(*v.municipality_id) + " belongs to region " + *region);
    }
    CheckPeriod(out, "to", v.from, v.to);
    for (std::size_t i = 0; i < v.evidence_urls.size(); ++i)
        CheckUrl(out, "evidence_urls[" + std::to_string(i) + "]", v.evidence_urls[i], true);
    return out;
}

Issues Validate(const Practice& v, const References& refs) {
    Issues out = CheckFields(v);
    if (v.domains.empty()) Add(out, "domains", "required", "domains must name at least one domain");
    for (std::size_t i = 0; i < v.domains.size(); ++i) {
        if (!refs.DomainExists(v.domains[i]))
            Add(out, "domains[" + std::to_string(i) + "]", "unknown_domain", "unknown domain \"" + v.domains[i] + "\"");
    }
    CheckPlace(out, "origin", v.origin, refs);
    CheckPeriod(out, "period.to", v.period.from, v.period.to);
    CheckKpis(out, "results", v.results, refs);
    if (v.resources.budget_rub && *v.resources.budget_rub < 0)
        Add(out, "resources.budget_rub", "non_negative", "resources.budget_rub must not be negative");
    if (v.resources.staff && *v.resources.staff < 0)
        Add(out, "resources.staff", "non_negative", "resources.staff must not be negative");
    return out;
}

Issues ValidateStageHistory(const std::vector<StageEvent>& history, const std::string& field) {
    Issues out;
    if (history.empty()) {
        Add(out, field, "required", field + " must hold at least the first stage");
        return out;
    }
    for (std::size_t i = 1; i < history.size(); ++i) {
        const auto& prev = history[i - 1];
        const auto& cur = history[i];
        std::string f = field + "[" + std::to_string(i) + "]";
        if (!IsAllowedStageMove(prev.stage, cur.stage)) {
            Add(out, f + ".stage", "stage_backwards",
                "stage may only move forward (or to «прекращено»): " + std::string(Code(prev.stage)) + " → " +
                    std::string(Code(cur.stage)) + " is not allowed");
        }
        if (cur.at < prev.at) {
            Add(out, f + ".at", "dates_order", f + ".at " + cur.at + " is before the previous stage's date " + prev.at);
        }
    }
    return out;
}

Issues Validate(const Adoption& v, const References& refs) {
    Issues out = CheckFields(v);
    if (!refs.PracticeExists(v.practice_id)) {
        Add(out, "practice_id", "unknown_practice", "no practice with id " + std::to_string(v.practice_id));
    }
    CheckPlace(out, "adopter", v.adopter, refs);
    if (v.source_adoption_id) {
        auto p = refs.AdoptionPractice(*v.source_adoption_id);
        if (!p) {
            Add(out, "source_adoption_id", "unknown_adoption",
                "no adoption with id " + std::to_string(*v.source_adoption_id));
        } else if (*p != v.practice_id) {
            Add(out, "source_adoption_id", "source_other_practice",
                "source adoption " + std::to_string(*v.source_adoption_id) + " is of practice " + std::to_string(*p) +
                    ", not of practice " + std::to_string(v.practice_id));
        } else if (*v.source_adoption_id == v.meta.id) {
            Add(out, "source_adoption_id", "self_source", "an adoption cannot be its own source");
        }
    }
    auto h = ValidateStageHistory(v.stage_history);
    out.insert(out.end(), h.begin(), h.end());
    CheckKpis(out, "results", v.results, refs);
    for (std::size_t i = 0; i < v.evidence.size(); ++i)
        CheckUrl(out, "evidence[" + std::to_string(i) + "].url", v.evidence[i].url, true);
    return out;
}

Status CheckStageMove(const Adoption& current, const StageEvent& next) {
    if (current.stage_history.empty()) return Status::Ok();
    const auto& last = current.stage_history.back();
    if (!IsAllowedStageMove(last.stage, next.stage)) {
        return Error{ErrorCode::kConflict,
                     "stage may only move forward (or to «прекращено»): the adoption is at \"" +
                         std::string(Code(last.stage)) + "\", cannot move to \"" + std::string(Code(next.stage)) + "\"",
                     "stage",
                     "stage_backwards",
                     {}};
    }
    if (next.at < last.at) {
        return Error::Invalid("at", "dates_order",
                              "the new stage's date " + next.at + " is before the current stage's date " + last.at);
    }
    return Status::Ok();
}

Issues Validate(const Indicator& v, const References& refs) {
    Issues out = CheckFields(v);
    if (!refs.DomainExists(v.domain)) Add(out, "domain", "unknown_domain", "unknown domain \"" + v.domain + "\"");
    for (char c : v.code) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            Add(out, "code", "code_format", "code may hold only a-z, 0-9 and _");
            break;
        }
    }
    return out;
}

Issues Validate(const IndicatorValue& v, const References& refs) {
    Issues out = CheckFields(v);
    if (!refs.IndicatorExists(v.indicator))
        Add(out, "indicator", "unknown_indicator", "unknown indicator \"" + v.indicator + "\"");
    if (!refs.RegionExists(v.region)) Add(out, "region", "unknown_region", "unknown region code \"" + v.region + "\"");
    if (v.year < 1990 || v.year > 2100) Add(out, "year", "range", "year must be between 1990 and 2100");
    return out;
}

Issues Validate(const Article& v) { return CheckFields(v); }

Issues Validate(const AdoptionRequest& v, const References& refs) {
    Issues out = CheckFields(v);
    if (!refs.PracticeExists(v.practice_id))
        Add(out, "practice_id", "unknown_practice", "no practice with id " + std::to_string(v.practice_id));
    CheckPlace(out, "from", v.from, refs);
    if (v.to_organisation_id && !refs.OrganisationExists(*v.to_organisation_id))
        Add(out, "to_organisation_id", "unknown_organisation",
            "no organisation with id " + std::to_string(*v.to_organisation_id));
    if (!v.contact_email.empty() && v.contact_email.find('@') == std::string::npos)
        Add(out, "contact_email", "email", "contact_email must contain @");
    return out;
}

}  // namespace orientir::domain
