#include "web/i18n.hpp"

#include <fstream>
#include <mutex>
#include <sstream>

#include "common/json.hpp"

namespace orientir::web {

Result<Messages> Messages::Load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error::NotFound("cannot open the message catalogue " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return Parse(ss.str());
}

Result<Messages> Messages::Parse(const std::string& text) {
    Json j = Json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return Error::Invalid("messages", "json", "the message catalogue is not a JSON object");
    Messages m;
    for (const char* lang : {"ru", "en"}) {
        if (!j.contains(lang) || !j[lang].is_object()) {
            return Error::Invalid(lang, "required",
                                  std::string("the message catalogue lacks the \"") + lang + "\" object");
        }
        auto& dst = std::string(lang) == "ru" ? m.ru_ : m.en_;
        for (auto it = j[lang].begin(); it != j[lang].end(); ++it) {
            if (!it.value().is_string())
                return Error::Invalid(it.key(), "type", "message " + it.key() + " is not a string");
            dst[it.key()] = it.value().get<std::string>();
        }
    }
    return m;
}

const std::string& Messages::Get(Lang lang, std::string_view key) const {
    const auto& m = lang == Lang::kEn ? en_ : ru_;
    auto it = m.find(key);
    if (it != m.end()) return it->second;
    static std::mutex mu;
    std::lock_guard lock(mu);
    auto [mit, _] = missing_.emplace(std::string(key), "\u27e6" + std::string(key) + "\u27e7");
    return mit->second;
}

std::vector<std::string> Messages::Mismatches() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : ru_)
        if (!en_.count(k)) out.push_back("en lacks " + k);
    for (const auto& [k, v] : en_)
        if (!ru_.count(k)) out.push_back("ru lacks " + k);
    return out;
}

}  // namespace orientir::web
