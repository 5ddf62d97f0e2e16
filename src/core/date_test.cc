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

TEST(DateTest, TodayCanBeFixedForTests) {
  setenv("JICENG_TODAY", "2025-12-31", 1);
  EXPECT_EQ(Date::Today().ToString(), "2025-12-31");
  unsetenv("JICENG_TODAY");
  EXPECT_GT(Date::Today().year(), 2020);
}

}  // namespace jiceng
