#include "common/progress.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace orientir {
namespace {

TEST(Progress, FormatsPercentBarRateAndEta) {
    auto s = Progress::Format("reindex", 250, 1000, "", 5.0, true, false);
    EXPECT_EQ(s, "reindex  25% [######..................] 250/1000  50/s  ETA 0:15");
}

TEST(Progress, FormatsBytesAndFinalLine) {
    auto s = Progress::Format("backup", 3u << 20, 3u << 20, "B", 2.0, false, true);
    EXPECT_EQ(s, "backup 100% 3.0 MB/3.0 MB  1.5 MB/s  done in 0:02");
}

TEST(Progress, UnknownTotalShowsCountAndRateOnly) {
    auto s = Progress::Format("import", 12345, 0, "", 10.0, true, false);
    EXPECT_EQ(s, "import 12.3k  1234/s");
}

TEST(Progress, PlainModeWritesPeriodicLinesAndAFinalOne) {
    setenv("ORIENTIR_PROGRESS", "plain", 1);
    setenv("ORIENTIR_PROGRESS_INTERVAL_MS", "0", 1);
    char* buf = nullptr;
    std::size_t len = 0;
    std::FILE* f = open_memstream(&buf, &len);
    {
        Progress p("restore", 3, "", f);
        EXPECT_EQ(p.mode(), Progress::Mode::kPlain);
        p.Add();
        p.Add();
        p.Add();
        p.Finish();
    }
    std::fclose(f);
    std::string out(buf, len);
    std::free(buf);
    unsetenv("ORIENTIR_PROGRESS");
    unsetenv("ORIENTIR_PROGRESS_INTERVAL_MS");
    EXPECT_NE(out.find("restore  33% 1/3"), std::string::npos) << out;
    EXPECT_NE(out.find("restore 100% 3/3"), std::string::npos) << out;
    EXPECT_NE(out.find("done in"), std::string::npos) << out;
    EXPECT_EQ(out.find('\r'), std::string::npos) << "no carriage returns off a terminal";
}

TEST(Progress, OffModeIsSilent) {
    setenv("ORIENTIR_PROGRESS", "off", 1);
    char* buf = nullptr;
    std::size_t len = 0;
    std::FILE* f = open_memstream(&buf, &len);
    {
        Progress p("x", 10, "", f);
        p.Add(10);
    }
    std::fclose(f);
    EXPECT_EQ(len, 0u);
    std::free(buf);
    unsetenv("ORIENTIR_PROGRESS");
}

}  // namespace
}  // namespace orientir
