#pragma once
// The message catalogue: every string of the interface, in Russian (the default) and English,
// loaded from <assets>/web/messages.json ({"ru": {key: text}, "en": {...}}). Catalogue texts are
// trusted HTML-safe text written by us; user text never goes through here.
//
// Thread safety: immutable after Load; safe for concurrent reads.

#include <map>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace orientir::web {

enum class Lang { kRu, kEn };

class Messages {
public:
    static Result<Messages> Load(const std::string& path);
    static Result<Messages> Parse(const std::string& json_text);
    // The text for key, or "⟦key⟧" when missing (visible in tests and screenshots, never silent).
    const std::string& Get(Lang lang, std::string_view key) const;
    // Keys present in one language but not the other (empty when the catalogue is complete).
    std::vector<std::string> Mismatches() const;

private:
    std::map<std::string, std::string, std::less<>> ru_, en_;
    mutable std::map<std::string, std::string, std::less<>> missing_;
};

}  // namespace orientir::web
