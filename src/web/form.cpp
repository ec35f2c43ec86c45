#include "web/form.hpp"

#include <regex>

#include "common/strings.hpp"
#include "http/csrf.hpp"

namespace orientir::web {

std::string Form::IdOf(const std::string& name) {
    std::string id = "f-";
    for (char c : name) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
    return id;
}

std::string Form::Get(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? std::string() : it->second;
}

std::vector<std::string> Form::GetAll(const std::string& name) const {
    std::vector<std::string> out;
    auto [a, b] = values_.equal_range(name);
    for (auto it = a; it != b; ++it) out.push_back(it->second);
    return out;
}

std::string Form::Open(const std::string& action, const std::string& cls) const {
    return "<form class=\"" + cls + "\" method=\"post\" action=\"" + E(action) + "\" novalidate>" +
           http::CsrfField(ctx_.req);
}

std::string Form::ErrorSummary() const {
    if (errors_.empty()) return "";
    std::string out = "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"error-summary" +
                      (scope_.empty() ? "" : "-" + E(scope_)) + "\"><h2>" + ctx_.T("form.fix_errors") + "</h2><ul>";
    for (const auto& [field, msg] : errors_) {
        if (field == "_form") {
            out += "<li>" + msg + "</li>";
        } else if (msg.rfind("<strong>", 0) == 0) {
            // a message that names its field itself («<strong>Канал</strong>: …», the review page) gets no second label
            out += "<li><a href=\"#" + FieldId(field) + "\">" + msg + "</a></li>";
        } else {
            // The field's label is filled in by Page() once the form's fields have been rendered.
            out += "<li><a href=\"#" + FieldId(field) + "\">" + kLabelMark + FieldId(field) + "-->" + msg + "</a></li>";
        }
    }
    return out + "</ul></div>";
}

std::string Form::Hidden(const std::string& name) const {
    return "<input type=\"hidden\" name=\"" + E(name) + "\" value=\"" + E(Get(name)) + "\">";
}

std::string Form::LabelText(const std::string& name, const std::string& key, const FieldOpts& o) const {
    std::string t = o.label.empty() ? ctx_.T(key) : o.label;
    ctx_.field_labels[FieldId(name)] = t;
    if (o.required) t += " <span class=\"req\" aria-hidden=\"true\">*</span>";
    return t;
}

std::string Form::ErrorOf(const std::string& name) const {
    auto it = errors_.find(name);
    return it == errors_.end() ? std::string() : it->second;
}

namespace {
std::string Describe(const std::string& id, bool hint, bool err) {
    std::string d;
    if (hint) d += id + "-hint";
    if (err) d += std::string(d.empty() ? "" : " ") + id + "-err";
    return d.empty() ? "" : " aria-describedby=\"" + d + "\"";
}
}  // namespace

std::string Form::Input(const std::string& name, const std::string& label_key, const FieldOpts& o) const {
    std::string id = FieldId(name), err = ErrorOf(name);
    std::string out = "<div class=\"field" + std::string(err.empty() ? "" : " has-error") + "\"><label for=\"" + id +
                      "\">" + LabelText(name, label_key, o) + "</label>";
    if (!o.hint.empty()) out += "<p class=\"hint\" id=\"" + id + "-hint\">" + o.hint + "</p>";
    if (!err.empty()) out += "<p class=\"error\" id=\"" + id + "-err\">" + err + "</p>";
    std::string attrs = " id=\"" + id + "\" name=\"" + E(name) + "\"" + Describe(id, !o.hint.empty(), !err.empty()) +
                        (err.empty() ? "" : " aria-invalid=\"true\"") + (o.required ? " required" : "") +
                        (o.autocomplete.empty() ? "" : " autocomplete=\"" + o.autocomplete + "\"") +
                        (o.extra.empty() ? "" : " " + o.extra);
    if (o.type == "textarea") {
        out += "<textarea" + attrs + " rows=\"" + std::to_string(o.rows) + "\">" + E(Get(name)) + "</textarea>";
    } else {
        std::string type = o.type == "number" ? "text\" inputmode=\"decimal" : o.type;
        out += "<input type=\"" + type + "\"" + attrs + " value=\"" + E(Get(name)) + "\">";
    }
    return out + "</div>";
}

std::string Form::Select(const std::string& name, const std::string& label_key, const Options& options,
                         const FieldOpts& o, const std::string& empty_label) const {
    std::string id = FieldId(name), err = ErrorOf(name), cur = Get(name);
    std::string out = "<div class=\"field" + std::string(err.empty() ? "" : " has-error") + "\"><label for=\"" + id +
                      "\">" + LabelText(name, label_key, o) + "</label>";
    if (!o.hint.empty()) out += "<p class=\"hint\" id=\"" + id + "-hint\">" + o.hint + "</p>";
    if (!err.empty()) out += "<p class=\"error\" id=\"" + id + "-err\">" + err + "</p>";
    out += "<select id=\"" + id + "\" name=\"" + E(name) + "\"" + Describe(id, !o.hint.empty(), !err.empty()) +
           (err.empty() ? "" : " aria-invalid=\"true\"") + (o.required ? " required" : "") +
           (o.extra.empty() ? "" : " " + o.extra) + ">";
    if (!empty_label.empty()) out += "<option value=\"\">" + empty_label + "</option>";
    for (const auto& [v, l] : options)
        out += "<option value=\"" + E(v) + "\"" + (v == cur ? " selected" : "") + ">" + l + "</option>";
    return out + "</select></div>";
}

std::string Form::Checkboxes(const std::string& name, const std::string& legend_key, const Options& options,
                             const FieldOpts& o) const {
    std::string id = FieldId(name), err = ErrorOf(name);
    auto chosen = GetAll(name);
    std::string out = "<fieldset class=\"field checks" + std::string(err.empty() ? "" : " has-error") + "\" id=\"" +
                      id + "\"" + Describe(id, !o.hint.empty(), !err.empty()) + "><legend>" +
                      LabelText(name, legend_key, o) + "</legend>";
    if (!o.hint.empty()) out += "<p class=\"hint\" id=\"" + id + "-hint\">" + o.hint + "</p>";
    if (!err.empty()) out += "<p class=\"error\" id=\"" + id + "-err\">" + err + "</p>";
    int i = 0;
    for (const auto& [v, l] : options) {
        std::string cid = id + "-" + std::to_string(i++);
        bool on = std::find(chosen.begin(), chosen.end(), v) != chosen.end();
        out += "<div class=\"check\"><input type=\"checkbox\" id=\"" + cid + "\" name=\"" + E(name) + "\" value=\"" +
               E(v) + "\"" + (on ? " checked" : "") + "><label for=\"" + cid + "\">" + l + "</label></div>";
    }
    return out + "</fieldset>";
}

std::string Form::Submit(const std::string& label_key, const std::string& name, const std::string& cls) const {
    return "<button type=\"submit\" class=\"" + cls + "\"" +
           (name.empty() ? "" : " name=\"" + name + "\" value=\"1\"") + ">" + ctx_.T(label_key) + "</button>";
}

std::string Field(const Values& v, const std::string& name) {
    auto it = v.find(name);
    return it == v.end() ? std::string() : std::string(Trim(it->second));
}

std::optional<double> NumberField(const Ctx& ctx, const Values& v, const std::string& name, Errors& errors) {
    std::string s = Field(v, name);
    if (s.empty()) return std::nullopt;
    auto d = ParseDouble(s);
    if (!d) errors[name] = ctx.T("err.number");
    return d;
}

std::optional<std::int64_t> IdField(const Ctx& ctx, const Values& v, const std::string& name, Errors& errors) {
    std::string s = Field(v, name);
    if (s.empty()) return std::nullopt;
    auto d = ParseInt(s);
    if (!d || *d <= 0) {
        errors[name] = ctx.T("err.choose");
        return std::nullopt;
    }
    return d;
}

std::optional<std::string> DateField(const Ctx& ctx, const Values& v, const std::string& name, Errors& errors) {
    std::string s = Field(v, name);
    if (s.empty()) return std::nullopt;
    // Accept the Russian way of writing dates too (01.09.2018).
    static const std::regex kRu(R"((\d{1,2})\.(\d{1,2})\.(\d{4}))");
    std::smatch m;
    if (std::regex_match(s, m, kRu)) {
        auto pad = [](const std::string& x) { return x.size() == 1 ? "0" + x : x; };
        s = m[3].str() + "-" + pad(m[2].str()) + "-" + pad(m[1].str());
    }
    static const std::regex kIso(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
    if (!std::regex_match(s, kIso)) {
        errors[name] = ctx.T("err.date");
        return std::nullopt;
    }
    return s;
}

void Require(const Ctx& ctx, const Values& v, const std::string& name, Errors& errors) {
    if (Field(v, name).empty() && !errors.count(name)) errors[name] = ctx.T("err.required");
}

void AddAppErrors(const Ctx& ctx, const Error& e, Errors& errors,
                  const std::function<std::string(const std::string&)>& map) {
    std::vector<FieldIssue> issues = e.issues;
    if (issues.empty()) issues.push_back({e.field, e.rule, e.message});
    for (const auto& i : issues) {
        std::string f = i.field.empty() ? "" : map(i.field);
        if (f.empty()) f = "_form";
        std::string msg = ErrorText(ctx, i.rule, i.message);
        if (f == "_form" && errors.count(f))
            errors[f] += "<br>" + msg;
        else if (!errors.count(f))
            errors[f] = msg;
    }
}

}  // namespace orientir::web
