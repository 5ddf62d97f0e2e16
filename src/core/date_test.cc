#include "core/date.h"

#include <gtest/gtest.h>

namespace jiceng {

TEST(DateTest, ParsesAndFormats) {
  auto d = Date::Parse("2024-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->ToString(), "2024-02-29");
  EXPECT_EQ(d->AddDays(1).ToString(), "2024-03-01");
  EXPECT_EQ(Date::Parse("1970-01-01")->days(), 0);
}

TEST(DateTest, RefusesImpossibleDates) {
  EXPECT_FALSE(Date::Parse("2023-02-29"));
  EXPECT_FALSE(Date::Parse("2023-13-01"));
  EXPECT_FALSE(Date::Parse("2023-1-01"));
  EXPECT_FALSE(Date::Parse("20230101"));
  EXPECT_FALSE(Date::Parse(""));
  EXPECT_TRUE(Date::Parse("1900-02-28"));
  EXPECT_FALSE(Date::Parse("1900-02-29"));
  EXPECT_TRUE(Date::Parse("2000-02-29"));
}

TEST(DateTest, YearsUntilCountsWholeYears) {
  Date birth = *Date::Parse("2000-02-29");
  EXPECT_EQ(birth.YearsUntil(*Date::Parse("2018-02-28")), 17);
  EXPECT_EQ(birth.YearsUntil(*Date::Parse("2018-03-01")), 18);
}

// Regression: the audit export wrote 2026-12-01T08:00:00.000+08:00 where every other export and the page write a
// plain date and time.
TEST(DateTest, ExportDateTimeIsShanghaiTimeWithoutZoneOrFraction) {
  EXPECT_EQ(ExportDateTime("2026-12-01T08:00:00.123+08:00"), "2026-12-01 08:00:00");
  EXPECT_EQ(ExportDateTime("2026-12-01T08:00:00+08:00"), "2026-12-01 08:00:00");
  EXPECT_EQ(ExportDateTime("2026-11-30T16:00:00Z"), "2026-12-01 00:00:00");  // the next day in Shanghai
  EXPECT_EQ(ExportDateTime("2026-12-31T23:30:05-01:00"), "2027-01-01 08:30:05");
  EXPECT_EQ(ExportDateTime("2026-12-01 08:00"), "2026-12-01 08:00:00");  // no zone: Shanghai already
  EXPECT_EQ(ExportDateTime("2026-12-01T08:00:00"), "2026-12-01 08:00:00");
  for (const char* kept : {"", "2026-12-01", "2026-13-01T08:00:00Z", "2026-12-01T24:00:00Z", "2026-12-01T08:00:00+8",
                           "2026-12-01T08:00:00Zx", "昨天"}) {
    EXPECT_EQ(ExportDateTime(kept), kept);
  }
}

TEST(DateTest, TodayCanBeFixedForTests) {
  setenv("JICENG_TODAY", "2025-12-31", 1);
  EXPECT_EQ(Date::Today().ToString(), "2025-12-31");
  unsetenv("JICENG_TODAY");
  EXPECT_GT(Date::Today().year(), 2020);
}

}  // namespace jiceng
