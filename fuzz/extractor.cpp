// The news extractor (mentions and facts) on arbitrary text, after PrepareText as the API does.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "extract/extractor.hpp"
#include "extract/gazetteer.hpp"
#include "extract/input.hpp"
#include "text/stem.hpp"

namespace {
std::unique_ptr<orientir::extract::Extractor> g_extractor;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    auto g = orientir::extract::LoadReferenceGazetteer(ORIENTIR_SOURCE_DATA_DIR);
    if (!g.ok()) __builtin_trap();
    g_extractor = std::make_unique<orientir::extract::Extractor>(g.value());
    // the hunspell dictionary loads on first use: once, here, not charged to the first input's timeout
    (void)orientir::text::Lemmatizer::Default();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto text = orientir::extract::PrepareText(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!text.ok()) return 0;
    auto r = g_extractor->Extract(*text);
    for (const auto& m : r.mentions)
        if (m.end < m.start || m.start < 0 || static_cast<std::size_t>(m.end) > text->size()) __builtin_trap();
    return 0;
}
