// Golden tests: src/extract/testdata/NAME.txt → NAME.expected.json (the ToJson document of the
// Extractor with the reference gazetteer of data/reference). Set ORIENTIR_REGENERATE_GOLDEN=1 to
// rewrite the expected files, then review the diff before committing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/extractor.hpp"
#include "extract/input.hpp"

namespace orientir::extract {

namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const Extractor& ReferenceExtractor() {
    static const Extractor* ex = [] {
        // reference files only: demo records (another module's data) must not move the expected output
        auto g = LoadReferenceGazetteer(ORIENTIR_SOURCE_DATA_DIR, /*include_demo=*/false);
        if (!g.ok()) throw std::runtime_error(g.error().message);
        return new Extractor(*g);
    }();
    return *ex;
}

}  // namespace

TEST(Golden, ExtractionMatchesExpectedFiles) {
    fs::path dir = fs::path(ORIENTIR_SOURCE_DIR) / "src" / "extract" / "testdata";
    bool regenerate = std::getenv("ORIENTIR_REGENERATE_GOLDEN") != nullptr;
    int cases = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() != ".txt") continue;
        ++cases;
        auto text = PrepareText(ReadAll(e.path()));
        ASSERT_TRUE(text.ok()) << e.path() << ": " << text.error().message;
        std::string got = ToJson(ReferenceExtractor().Extract(*text)).dump(2) + "\n";
        fs::path expected_path = e.path();
        expected_path.replace_extension(".expected.json");
        if (regenerate) {
            std::ofstream(expected_path, std::ios::binary) << got;
            continue;
        }
        ASSERT_TRUE(fs::exists(expected_path)) << expected_path << " missing; run with ORIENTIR_REGENERATE_GOLDEN=1";
        EXPECT_EQ(got, ReadAll(expected_path)) << "golden mismatch for " << e.path().filename();
    }
    EXPECT_GT(cases, 0);
}

}  // namespace orientir::extract
