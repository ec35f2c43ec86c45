// The import readers: encoding detection (UTF-8 / Windows-1251 / KOI8-R) and the CSV parser.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/strings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view raw(reinterpret_cast<const char*>(data), size);
    orientir::DecodeError de;
    auto text = orientir::DecodeCyrillicText(raw, de);
    if (text && !orientir::IsValidUtf8(*text)) __builtin_trap();  // decoding must give UTF-8
    (void)orientir::ToUtf8(raw);
    orientir::CsvTable t;
    orientir::CsvError ce;
    if (orientir::ParseCsv(text ? *text : std::string(raw), t, ce)) {
        if (t.rows.size() != t.row_lines.size()) __builtin_trap();
    }
    for (char d : {',', ';', '\t'}) (void)orientir::ParseCsv(raw, t, ce, d);
    return 0;
}
