#include "cli/config.hpp"

#include <toml++/toml.h>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

namespace orientir::cli {

namespace {

std::string Norm(std::string k) {
    for (char& c : k)
        if (c == '_') c = '-';
    return k;
}

// The key an option answers to: its first long name, or a positional's name.
std::vector<std::string> OptionKeys(const CLI::Option* o) {
    std::vector<std::string> keys;
    for (const auto& l : o->get_lnames()) keys.push_back(l);
    if (keys.empty() && o->get_positional()) keys.push_back(o->get_name(true, false));
    return keys;
}

CLI::Option* FindOption(CLI::App& app, const std::string& key) {
    for (CLI::Option* o : app.get_options()) {
        for (const auto& k : OptionKeys(o))
            if (Norm(k) == Norm(key)) return o;
    }
    return nullptr;
}

CLI::App* FindSub(CLI::App& app, const std::string& name) {
    for (CLI::App* s : app.get_subcommands([](CLI::App*) { return true; }))
        if (s->get_name() == name) return s;
    return nullptr;
}

std::vector<CLI::App*> AllSubs(CLI::App& app) {
    return app.get_subcommands([](CLI::App*) { return true; });
}

bool AnyDescendantHas(CLI::App& app, const std::string& key) {
    if (FindOption(app, key)) return true;
    for (CLI::App* s : AllSubs(app))
        if (AnyDescendantHas(*s, key)) return true;
    return false;
}

// A TOML value as the strings CLI11 would have received on the command line.
bool ToStrings(const toml::node& n, std::vector<std::string>& out, std::string& err) {
    if (auto s = n.as_string()) {
        out.push_back(s->get());
    } else if (auto i = n.as_integer()) {
        out.push_back(std::to_string(i->get()));
    } else if (auto f = n.as_floating_point()) {
        std::ostringstream os;
        os << f->get();
        out.push_back(os.str());
    } else if (auto b = n.as_boolean()) {
        out.emplace_back(b->get() ? "true" : "false");
    } else if (auto a = n.as_array()) {
        for (const auto& e : *a) {
            if (e.is_array() || e.is_table()) {
                err = "arrays may hold only strings, numbers or booleans";
                return false;
            }
            if (!ToStrings(e, out, err)) return false;
        }
    } else {
        err = "dates and times are not option values";
        return false;
    }
    return true;
}

struct Setting {
    std::string key;  // dotted, for messages
    const toml::node* node;
};
using Settings = std::map<std::string, Setting>;  // normalised option key → value

std::string Where(const toml::node& n) {
    const auto& src = n.source();
    if (src.begin.line == 0) return "";
    return " (line " + std::to_string(src.begin.line) + ")";
}

// Sets an option from a setting; returns "" or the problem.
std::string Assign(CLI::Option* o, const Setting& s) {
    std::vector<std::string> vals;
    std::string err;
    if (!ToStrings(*s.node, vals, err)) return "key '" + s.key + "'" + Where(*s.node) + ": " + err;
    if (vals.size() > 1 && o->get_items_expected_max() < static_cast<int>(vals.size()))
        return "key '" + s.key + "'" + Where(*s.node) + ": takes one value, not a list";
    try {
        o->clear();
        o->add_result(vals);
        o->run_callback();
    } catch (const CLI::Error& e) {
        return "key '" + s.key + "'" + Where(*s.node) + ": " + e.what();
    }
    return "";
}

// Applies `settings` to the options of `leaf` that were not given on the command line.
void ApplyTo(CLI::App& leaf, const Settings& settings, std::vector<std::string>& errors) {
    for (const auto& [key, s] : settings) {
        CLI::Option* o = FindOption(leaf, key);
        if (!o || o->count() > 0) continue;
        auto e = Assign(o, s);
        if (!e.empty()) errors.push_back(e);
    }
}

// Walks one table: values become settings for `app` and below; tables named after a subcommand
// recurse. `visit(app, settings)` is called for every command reached (check) or only along the
// parsed chain (apply).
void Walk(CLI::App& app, const toml::table& t, const std::string& prefix, Settings settings, bool only_parsed,
          std::vector<std::string>& errors, const std::function<void(CLI::App&, const Settings&)>& visit) {
    std::vector<std::pair<CLI::App*, const toml::table*>> subs;
    for (const auto& [k, v] : t) {
        std::string key(k.str());
        std::string dotted = prefix.empty() ? key : prefix;
        if (!prefix.empty()) (dotted += '.') += key;
        if (const toml::table* sub = v.as_table()) {
            CLI::App* s = FindSub(app, key);
            if (!s) {
                errors.push_back("table [" + dotted + "]" + Where(v) + ": no such command");
                continue;
            }
            subs.emplace_back(s, sub);
            continue;
        }
        if (!AnyDescendantHas(app, key)) {
            errors.push_back("key '" + dotted + "'" + Where(v) + ": no command" +
                             (prefix.empty() ? "" : " '" + prefix + "'") + " has an option --" + Norm(key));
            continue;
        }
        settings[Norm(key)] = Setting{dotted, &v};
    }
    visit(app, settings);
    for (auto [s, sub] : subs) {
        if (only_parsed && !s->parsed()) continue;
        Walk(*s, *sub, prefix.empty() ? s->get_name() : prefix + "." + s->get_name(), settings, only_parsed, errors,
             visit);
    }
    // Commands the file has no table for still receive the top-level keys.
    for (CLI::App* s : AllSubs(app)) {
        bool has_table = false;
        for (auto [x, sub] : subs) has_table |= x == s;
        if (has_table || (only_parsed && !s->parsed())) continue;
        static const toml::table kEmpty;
        Walk(*s, kEmpty, prefix.empty() ? s->get_name() : prefix + "." + s->get_name(), settings, only_parsed, errors,
             visit);
    }
}

toml::table Parse(const std::string& path, std::vector<std::string>& errors) {
    try {
        return toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        const auto& b = e.source().begin;
        errors.push_back(path + ":" + std::to_string(b.line) + ":" + std::to_string(b.column) + ": " +
                         std::string(e.description()));
    }
    return {};
}

}  // namespace

std::string ConfigPath(const std::string& flag) {
    if (!flag.empty()) return flag;
    if (const char* env = std::getenv("ORIENTIR_CONFIG")) return env;  // set but empty: no file at all
    std::error_code ec;
    if (std::filesystem::exists("/etc/orientir/orientir.toml", ec)) return "/etc/orientir/orientir.toml";
    return "";
}

std::vector<std::string> ApplyConfig(CLI::App& root, const std::string& path) {
    std::vector<std::string> errors;
    if (path.empty()) return errors;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return {"configuration file " + path + " does not exist"};
    toml::table t = Parse(path, errors);
    if (!errors.empty()) return errors;
    // Problems in tables of other commands do not stop this one: `config check` reports them.
    std::vector<std::string> ignored;
    Walk(root, t, "", {}, true, ignored, [&](CLI::App& app, const Settings& s) {
        if (app.parsed() && app.get_subcommands().empty()) ApplyTo(app, s, errors);
    });
    // Unknown keys do not stop a command (an older binary may meet a newer file); they are reported.
    for (const auto& e : ignored) std::cerr << "orientir: " << path << ": warning: " << e << "\n";
    return errors;
}

ConfigReport CheckConfig(CLI::App& root, const std::string& path) {
    ConfigReport r;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        r.errors.push_back("configuration file " + path + " does not exist");
        return r;
    }
    toml::table t = Parse(path, r.errors);
    if (!r.errors.empty()) return r;
    // Every command receives what applies to it, so a value that does not convert is found
    // whichever command it is meant for.
    Walk(root, t, "", {}, false, r.errors, [&](CLI::App& app, const Settings& s) {
        if (!AllSubs(app).empty()) return;
        for (const auto& [key, st] : s) {
            CLI::Option* o = FindOption(app, key);
            if (!o) continue;
            auto e = Assign(o, st);
            if (!e.empty() && std::find(r.errors.begin(), r.errors.end(), e) == r.errors.end()) r.errors.push_back(e);
        }
    });
    // Secrets belong in the environment.
    auto check_db = [&](const toml::node* n, const std::string& key) {
        if (!n || !n->is_string()) return;
        const std::string& url = n->as_string()->get();
        auto scheme = url.find("://");
        auto at = url.find('@');
        if (scheme != std::string::npos && at != std::string::npos) {
            std::string userinfo = url.substr(scheme + 3, at - scheme - 3);
            if (userinfo.find(':') != std::string::npos)
                r.warnings.push_back("key '" + key +
                                     "': the URL holds a password; keep it out of the file "
                                     "(ORIENTIR_DB_PASSWORD or PGPASSWORD in the environment, or ~/.pgpass)");
        }
    };
    check_db(t.get("db"), "db");
    t.for_each([&](const toml::key& k, const toml::node& n) {
        if (auto sub = n.as_table()) check_db(sub->get("db"), std::string(k.str()) + ".db");
    });
    return r;
}

void ApplySecretEnvironment() {
    const char* pw = std::getenv("ORIENTIR_DB_PASSWORD");
    if (pw && *pw && !std::getenv("PGPASSWORD")) setenv("PGPASSWORD", pw, 1);
}

std::string ConfigValue(const std::string& path, const std::string& command, const std::string& key) {
    std::vector<std::string> errors;
    toml::table t = Parse(path, errors);
    std::string out;
    auto take = [&](const toml::node* n) {
        std::vector<std::string> v;
        std::string err;
        if (n && ToStrings(*n, v, err) && !v.empty()) out = v.back();
    };
    for (const auto& k : {key, Norm(key)}) take(t.get(k));
    if (auto sub = t.get_as<toml::table>(command)) {
        for (const auto& k : {key, Norm(key)}) take(sub->get(k));
    }
    return out;
}

}  // namespace orientir::cli
