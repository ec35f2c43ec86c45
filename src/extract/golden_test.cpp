// Golden tests: src/extract/testdata/NAME.txt → NAME.expected.json (the ToJson document of the
// Extractor with the reference gazetteer of data/reference). Set ORIENTIR_REGENERATE_GOLDEN=1 to
// rewrite the expected files, then review the diff before committing.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/extractor.hpp"
#include "extract/golden.hpp"
#include "extract/input.hpp"
#include "extract/test_reference.hpp"

namespace orientir::extract {

namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

using testing::ReferenceExtractor;

// Session 10 added two blind batches as they were written (fresh23, fresh24: adoption 0.21 and 0.00 at first
// sight, organisation-heavy, posts with their bodies resolved), which took the whole set from 0.92 / 0.93 to
// 0.861 / 0.876; session 11 added fresh25 and fresh26 (0.45 and 0.46 at first sight; 364 documents: 0.837 /
// 0.864); session 12 added fresh27 and fresh28 (0.29 and 0.46 at first sight; 396 documents: 0.770 / 0.845 at the
// session start, 0.791 / 0.845 after its changes); session 13 added fresh29–fresh34 (0.30, 0.38, 0.36, 0.33 at first
// sight with the session-start binary; fresh33 / fresh34, written last, 0.45 / 0.40 with its end binary; 492
// documents: 0.713 / 0.806 at the end); session 14 added fresh35 and fresh36 (0.26 and 0.49 at first sight; 523
// documents: 0.690 / 0.794 with the session-start binary, 0.709 / 0.804 after its changes), then fresh37 and
// fresh38, written blind while it worked and scored once at its end (0.49 and 0.51; 555 documents: 0.699 / 0.810),
// and fresh39 and fresh40, written blind later still (0.30 and 0.29 at first sight with the session's binary, the
// same as with its start binary; 587 documents: 0.677 / 0.798); session 15 added fresh41 and fresh42 (0.40 and
// 0.41 at first sight with the session-start binary; 619 documents: 0.657 / 0.792 with it), worked on them, and
// added fresh43 and fresh44, written blind while it worked and never read (0.47 and 0.38 with the start binary,
// 0.53 and 0.51 with the end one; 651 documents: 0.642 / 0.790 at the start, 0.678 / 0.795 at the end); session 16
// added fresh45 and fresh46 (0.62 and 0.41 with the start binary, then worked on), and fresh47 and fresh48, written
// blind while it worked (0.52 and 0.52 with the start binary, 0.44 and 0.52 with the binary of the moment it first
// scored them, 0.51 and 0.52 at the end; 715 documents: 0.666 / 0.786 at the start, 0.678 / 0.787 at the end);
// session 17 added fresh49 and fresh50 (0.64 and 0.52 with the start binary, then worked on: 0.68 and 0.55) and
// fresh51 and fresh52, written blind while it worked and never read (0.42 and 0.52 with both binaries; their
// positions 0.72 and 0.69 pull the set's below 0.78; 779 documents: 0.663 / 0.780 at the start, 0.674 / 0.780 at
// the end); session 19 added fresh57–fresh62 (six blind batches, positions 0.67–0.79; 939 documents: 0.674 /
// 0.775 at the end); session 20 added fresh63–fresh66 (1,003 documents: 0.676 / 0.780); session 21 added
// fresh67–fresh71 (adoption 0.55, 0.59, 0.36, 0.47, 0.65 at first sight with its start binary; 1,083 documents:
// 0.671 / 0.777 at the end); session 22 added fresh72–fresh74 (adoption 0.62, 0.56, 0.38 at first sight with its
// start binary; 1,131 documents: 0.672 / 0.792 at the end, with a scorer that reads a body's town written any way
// as one); session 23 added fresh75–fresh77 (adoption 0.39, 0.51, 0.60 at first sight with its start binary, fresh75
// never read: 0.32 at the end; 1,179 documents: 0.666 / 0.786 at the start, 0.669 / 0.797 at the end); session 24
// added fresh78–fresh80 (adoption 0.60, 0.75, 0.55 with its start binary, fresh80 never read until its end score:
// 0.55 / 0.81 at the end; 1,227 documents: 0.668 / 0.794 at the start, 0.679 / 0.798 at the end); session 25 added
// fresh81–fresh83 (adoption 0.42, 0.56, 0.73 with its start binary; fresh82 never read until its end score: 0.56 /
// 0.75 at the end; 1,271 documents: 0.675 / 0.794 at the start, 0.683 / 0.797 at the end); session 26 added
// fresh84–fresh86 (adoption 0.39, 0.77, 0.63 with its start binary; fresh86 never read until its end score: 0.63 /
// 0.74 at the end; 1,319 documents: 0.683 / 0.794 at the start, 0.696 / 0.801 at the end). The floors follow the set,
// so a change that loses facts still fails.
constexpr double kMinAdoptionF1 = 0.69;
constexpr double kMinPositionF1 = 0.79;

}  // namespace

TEST(Golden, ExtractionMatchesExpectedFiles) {
    fs::path dir = fs::path(ORIENTIR_SOURCE_DIR) / "src" / "extract" / "testdata";
    bool regenerate = std::getenv("ORIENTIR_REGENERATE_GOLDEN") != nullptr;
    int cases = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() != ".txt") continue;
        fs::path snapshot = e.path();
        snapshot.replace_extension(".expected.json");
        if (!fs::exists(snapshot) && fs::exists(e.path().parent_path() / (e.path().stem().string() + ".facts")))
            continue;  // scored by ExpectedFactsAreFound instead
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

// The regional-news golden set: articles written for this project (NAME.txt) with the facts a careful
// reader sees (NAME.facts, see golden.hpp). The thresholds are the figures reached when the set was
// written, so a change that loses facts fails; the misses are printed for reading.
TEST(Golden, ExpectedFactsAreFound) {
    fs::path dir = fs::path(ORIENTIR_SOURCE_DIR) / "src" / "extract" / "testdata";
    GoldenScore s = ScoreGoldenDir(ReferenceExtractor(), dir.string());
    for (const auto& e : s.errors) std::printf("  %s\n", e.c_str());
    std::printf(
        "golden: %ld documents; adoption F1 %.3f (tp %ld fp %ld fn %ld), practice %ld/%ld, stage %ld/%ld; "
        "position F1 %.3f (tp %ld fp %ld fn %ld), period %ld/%ld; normal %ld/%ld\n",
        s.documents, s.AdoptionF1(), s.adoption_tp, s.adoption_fp, s.adoption_fn, s.practice_ok, s.adoption_tp,
        s.stage_ok, s.adoption_tp, s.PositionF1(), s.position_tp, s.position_fp, s.position_fn, s.period_ok,
        s.position_tp, s.normal_ok, s.normal_total);
    EXPECT_GE(s.documents, 40);
    EXPECT_GE(s.AdoptionF1(), kMinAdoptionF1);
    EXPECT_GE(s.PositionF1(), kMinPositionF1);
    EXPECT_GE(s.normal_ok * 10, s.normal_total * 9);
}

// The scorer: a district named with «муниципальный» is the district the expectation names without it; another
// district is not.
TEST(Golden, ADistrictMatchesWithOrWithoutMunicipal) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract("Тосненский район перенял у Всеволожского муниципального района социальное такси.");
    GoldenScore right, wrong;
    ScoreGolden(ex.gazetteer(), r, "adoption: Тосненский район <- Всеволожский район | социальное такси | implemented",
                "right", right);
    ScoreGolden(ex.gazetteer(), r, "adoption: Тосненский район <- Гатчинский район | социальное такси | implemented",
                "wrong", wrong);
    EXPECT_EQ(right.adoption_tp, 1);
    EXPECT_EQ(wrong.adoption_tp, 0);
}

// The scorer: a region named without the second part of its official name is that region; a body is the same body
// whichever way its town is written («г. Бийска», «города Бийска»), and so is a post of it.
TEST(Golden, ShortOfficialNamesAndTownsWrittenAnyWayMatch) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Кемеровская область переняла у Томской области голосового помощника. Рубцовская центральная районная больница "
        "переняла выездные бригады у Центральной городской больницы г. Бийска. Главный врач Центральной городской "
        "больницы г. Бийска Иван Петрович Сидоров рассказал об этом.");
    GoldenScore s;
    ScoreGolden(ex.gazetteer(), r,
                "adoption: Кемеровская область <- Томская область | голосовой помощник | implemented\n"
                "adoption: Рубцовская центральная районная больница <- Центральная городская больница города Бийска | "
                "выездные бригады | implemented\n"
                "position: Иван Петрович Сидоров | главный врач Центральной городской больницы Бийска | current",
                "short", s);
    EXPECT_EQ(s.adoption_tp, 2);
    EXPECT_EQ(s.position_tp, 1);
    GoldenScore other;
    ScoreGolden(ex.gazetteer(), r,
                "adoption: Кемеровская область <- Новосибирская область | голосовой помощник | implemented\n"
                "position: Иван Петрович Сидоров | главный врач Центральной районной больницы Бийска | current",
                "other", other);
    EXPECT_EQ(other.adoption_tp, 0);
    EXPECT_EQ(other.position_tp, 0);
}

}  // namespace orientir::extract
