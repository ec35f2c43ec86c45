// Streams every row of the first sheet of an .xlsx with io::XlsxReader (no store): the reader's own
// speed, for comparison with openpyxl's read-only mode on the same file (bench/xlsx/run.sh).

#include <chrono>
#include <iostream>

#include "io/xlsx_reader.hpp"

int main(int argc, char** argv) {
    using namespace orientir;
    if (argc < 2) {
        std::cerr << "usage: xlsx_read_bench FILE.xlsx\n";
        return 2;
    }
    auto t0 = std::chrono::steady_clock::now();
    auto r = io::XlsxReader::Open(argv[1]);
    if (!r.ok()) {
        std::cerr << r.error().message << "\n";
        return 1;
    }
    std::size_t rows = 0, cells = 0;
    auto st = (*r)->ReadSheet(0, [&](std::size_t, const std::vector<io::Cell>& row) {
        ++rows;
        for (const auto& c : row) cells += c.type != io::Cell::kEmpty;
        return Status::Ok();
    });
    if (!st.ok()) {
        std::cerr << st.error().message << "\n";
        return 1;
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "orientir reader: " << rows << " rows, " << cells << " cells, " << s << " s, "
              << static_cast<long>(static_cast<double>(rows) / s) << " rows/s\n";
    return 0;
}
