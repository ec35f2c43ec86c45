// The search query parser (phrases, exclusions, thesaurus concepts) and the Xapian query built from it.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "common/strings.hpp"
#include "search/query.hpp"
#include "search/search.hpp"
#include "text/normalize.hpp"
#include "text/stem.hpp"

namespace {
std::unique_ptr<orientir::search::detail::Thesaurus> g_thesaurus;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    auto t = orientir::search::detail::Thesaurus::Load(ORIENTIR_SOURCE_DATA_DIR);
    if (!t.ok()) __builtin_trap();
    g_thesaurus = std::make_unique<orientir::search::detail::Thesaurus>(std::move(t).value());
    // the hunspell dictionary loads on first use: once, here, not charged to the first input's timeout
    (void)orientir::text::Lemmatizer::Default();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view q(reinterpret_cast<const char*>(data), size);
    if (!orientir::IsValidUtf8(q)) return 0;  // the API refuses other bytes before parsing
    // and longer queries (ValidateQuery: 400 «too_long»); scripts/fuzz.sh caps the input at 4 bytes a character
    if (static_cast<std::size_t>(orientir::text::CodePointLength(q)) > orientir::search::Options{}.max_query_chars)
        return 0;
    auto pq = orientir::search::detail::ParseQuery(q, *g_thesaurus);
    (void)pq.HighlightTerms();
    if (!pq.Empty()) {
        (void)orientir::search::detail::BuildQuery(pq, false).get_description();
        (void)orientir::search::detail::BuildQuery(pq, true).get_description();
    }
    (void)orientir::search::detail::StripControl(q);
    return 0;
}
