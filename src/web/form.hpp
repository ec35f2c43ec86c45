#pragma once
// HTML forms that keep what the user typed: a Form renders fields from submitted (or stored) values
// with the error message of each field next to it, an error summary at the top linking to the
// fields, labels on every control and the CSRF token. Validation happens on the server (the form
// is `novalidate`), so the same messages reach browsers, scripts and tests.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/result.hpp"
#include "web/context.hpp"

namespace orientir::web {

using Values = std::multimap<std::string, std::string>;
using Errors = std::map<std::string, std::string>;  // field name → escaped message; "_form" for the whole form

struct FieldOpts {
    bool required = false;
    std::string type = "text";  // text, email, tel, date, number, url, textarea
    std::string hint;           // escaped hint under the label
    int rows = 4;               // textarea rows
    std::string autocomplete;
    std::string label;  // escaped label (overrides the catalogue key)
    std::string extra;  // extra attributes (trusted)
};

using Options = std::vector<std::pair<std::string, std::string>>;  // value → escaped label

class Form {
public:
    Form(Ctx& ctx, Values values, Errors errors) : ctx_(ctx), values_(std::move(values)), errors_(std::move(errors)) {}

    std::string Get(const std::string& name) const;
    std::vector<std::string> GetAll(const std::string& name) const;
    const Errors& errors() const { return errors_; }

    std::string Open(const std::string& action, const std::string& cls = "form") const;
    std::string Close() const { return "</form>"; }
    std::string ErrorSummary() const;
    std::string Hidden(const std::string& name) const;
    std::string Input(const std::string& name, const std::string& label_key, const FieldOpts& o = {}) const;
    std::string Select(const std::string& name, const std::string& label_key, const Options& options,
                       const FieldOpts& o = {}, const std::string& empty_label = "") const;
    std::string Checkboxes(const std::string& name, const std::string& legend_key, const Options& options,
                           const FieldOpts& o = {}) const;
    std::string Submit(const std::string& label_key, const std::string& name = "",
                       const std::string& cls = "button") const;

    static std::string IdOf(const std::string& name);
    // Several forms of one kind on a page (one per fact on /review): ids become "f-<scope>-<name>" and the
    // summary's "error-summary-<scope>", so every id on the page stays unique.
    Form& Scope(std::string scope) {
        scope_ = std::move(scope);
        return *this;
    }
    std::string FieldId(const std::string& name) const {
        return scope_.empty() ? IdOf(name) : IdOf(scope_ + "-" + name);
    }

private:
    std::string LabelText(const std::string& name, const std::string& key, const FieldOpts& o) const;
    std::string ErrorOf(const std::string& name) const;

    Ctx& ctx_;
    Values values_;
    Errors errors_;
    std::string scope_;
};

// Field helpers for parsing submitted values (trimmed; messages in the page language).
std::string Field(const Values& v, const std::string& name);
std::optional<double> NumberField(const Ctx& ctx, const Values& v, const std::string& name, Errors& errors);
std::optional<std::int64_t> IdField(const Ctx& ctx, const Values& v, const std::string& name, Errors& errors);
std::optional<std::string> DateField(const Ctx& ctx, const Values& v, const std::string& name, Errors& errors);
void Require(const Ctx& ctx, const Values& v, const std::string& name, Errors& errors);

// Adds the App's validation issues to `errors`; `map` turns an App field path ("origin.region",
// "domains[0]") into a form field name, or "" when the form has no such field (→ "_form").
void AddAppErrors(const Ctx& ctx, const Error& e, Errors& errors,
                  const std::function<std::string(const std::string&)>& map);

}  // namespace orientir::web
