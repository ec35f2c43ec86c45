#pragma once
// Helpers of the create/edit forms shared by forms.cpp, forms_adoption.cpp and forms_records.cpp.
// Internal to the web module.

#include <optional>
#include <string>
#include <vector>

#include "web/form.hpp"
#include "web/handlers.hpp"

namespace orientir::web::detail {

// Values from stored fields (empty values are left out).
void Put(Values& v, const std::string& k, const std::string& val);
void Put(Values& v, const std::string& k, const std::optional<std::string>& val);
void Put(Values& v, const std::string& k, const std::optional<double>& val);
void Put(Values& v, const std::string& k, const std::optional<std::int64_t>& val);
// The version an edit form was rendered from.
std::optional<std::int64_t> Version(const Values& v);
// A "_refresh" submit: re-render the dependent lists without saving.
bool IsRefresh(const Values& v);
// Field paths of the App ("domains[1]") onto form field names ("domains").
std::string MapField(const std::string& f);
// KPI rows (results) of a practice or an adoption: values, parsing, the fieldset.
void KpiValues(Values& v, const std::string& prefix, const std::vector<domain::Kpi>& ks);
std::vector<domain::Kpi> ParseKpis(const Ctx& ctx, const Values& v, const std::string& prefix, std::size_t rows,
                                   const std::vector<domain::Kpi>& old, Errors& errors);
std::string KpiFieldset(const Ctx& ctx, const Form& f, const std::string& prefix, std::size_t rows);
std::string RefreshButton(const Ctx& ctx);
http::Response NeedSignIn(Ctx& ctx);
// The App's refusal as form errors (a refusal by role says what the role allows).
Errors AppErrors(const Ctx& ctx, const Error& e);

}  // namespace orientir::web::detail
