#include "common/clock.hpp"

#include <gtest/gtest.h>

namespace orientir {

TEST(Clock, FormatsTimestampsAndDates) {
    EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(FormatTimestamp(1795651200000LL), "2026-11-26T00:00:00Z");
    EXPECT_EQ(FormatDate(1795651200000LL + 3600 * 1000), "2026-11-26");
}

TEST(Clock, DaysFromDateRoundTrips) {
    EXPECT_EQ(DaysFromDate("1970-01-02"), 1);
    EXPECT_EQ(DaysFromDate("2024-03-01") - DaysFromDate("2024-02-28"), 2);
    FakeClock c(0);
    c.Advance(86400 * 1000);
    EXPECT_EQ(c.Today(), "1970-01-02");
}

}  // namespace orientir
