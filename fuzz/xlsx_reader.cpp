// The .xlsx reader (src/io/xlsx_reader.*): an uploaded workbook is untrusted input. Two modes, chosen by
// the first byte: even — the bytes are the file itself (zip structure, bombs, truncation); odd — the rest
// is "SHEET XML \0 SHARED STRINGS XML", packed into a well-formed workbook so the XML paths (cells, types,
// dates, formulas, shared strings) are reached rather than stopped at the zip's checksums.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "io/test_xlsx.hpp"
#include "io/xlsx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static const std::string path = orientir::io::testing::TempPath("fuzz-" + std::to_string(getpid()) + ".xlsx");
    std::string in(reinterpret_cast<const char*>(data), size);
    if (data[0] % 2 == 0) {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        if (!f) return 0;
        std::fwrite(in.data(), 1, in.size(), f);
        std::fclose(f);
    } else {
        std::string rest = in.substr(1);
        auto zero = rest.find('\0');
        std::string sheet = rest.substr(0, zero);
        std::string sst = zero == std::string::npos ? "" : rest.substr(zero + 1);
        orientir::io::testing::WriteZip(path, orientir::io::testing::Workbook("Лист1", sheet, sst));
    }
    orientir::io::XlsxLimits limits;
    limits.max_part_bytes = 8u << 20;
    limits.max_total_bytes = 16u << 20;
    limits.max_rows = 5000;
    auto reader = orientir::io::XlsxReader::Open(path, limits);
    if (!reader.ok()) return 0;
    for (std::size_t i = 0; i < (*reader)->sheets().size(); ++i) {
        std::size_t last = 0;
        (void)(*reader)->ReadSheet(i, [&](std::size_t row, const std::vector<orientir::io::Cell>& cells) {
            if (row <= last) __builtin_trap();  // rows come in order, each once
            last = row;
            if (cells.size() > limits.max_columns) __builtin_trap();
            return orientir::Status::Ok();
        });
    }
    return 0;
}
