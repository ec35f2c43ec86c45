// Articles: HTML to text and encoding detection (PrepareText) on arbitrary bytes.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/strings.hpp"
#include "extract/input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view raw(reinterpret_cast<const char*>(data), size);
    for (auto f : {orientir::extract::InputFormat::kAuto, orientir::extract::InputFormat::kHtml}) {
        auto t = orientir::extract::PrepareText(raw, f);
        if (t.ok() && !orientir::IsValidUtf8(*t)) __builtin_trap();
    }
    if (orientir::IsValidUtf8(raw)) (void)orientir::extract::HtmlToText(raw);
    return 0;
}
