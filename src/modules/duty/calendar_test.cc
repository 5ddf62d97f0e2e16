// Overdue and due-soon on the calendar: month ends, leap days, the due-soon boundary, closed items.
#include "modules/duty/calendar.h"

#include <gtest/gtest.h>

namespace jiceng::duty {
namespace {

Date D(const char* text) { return *Date::Parse(text); }

TEST(CalendarTest, OverdueCountsWholeDaysAcrossMonthEnds) {
  auto s = Evaluate(D("2026-01-31"), D("2026-02-01"), State::kInProgress, 7);
  EXPECT_TRUE(s.overdue);
  EXPECT_EQ(s.days_overdue, 1);
  s = Evaluate(D("2026-01-31"), D("2026-03-01"), State::kInProgress, 7);
  EXPECT_EQ(s.days_overdue, 29);  // February 2026 has 28 days
  s = Evaluate(D("2025-12-31"), D("2026-01-01"), State::kPublished, 7);
  EXPECT_EQ(s.days_overdue, 1);
}

TEST(CalendarTest, LeapDays) {
  auto s = Evaluate(D("2028-02-28"), D("2028-03-01"), State::kInProgress, 7);
  EXPECT_EQ(s.days_overdue, 2);  // 2028-02-29 lies between
  s = Evaluate(D("2028-02-29"), D("2028-02-29"), State::kInProgress, 7);
  EXPECT_FALSE(s.overdue);
  EXPECT_TRUE(s.due_soon);
  EXPECT_EQ(s.days_left, 0);
  s = Evaluate(D("2028-03-01"), D("2028-02-22"), State::kInProgress, 7);
  EXPECT_EQ(s.days_left, 8);  // with the leap day
  EXPECT_FALSE(s.due_soon);
}

TEST(CalendarTest, DueSoonBoundary) {
  EXPECT_TRUE(Evaluate(D("2026-11-29"), D("2026-11-22"), State::kInProgress, 7).due_soon);   // 7 days left
  EXPECT_FALSE(Evaluate(D("2026-11-30"), D("2026-11-22"), State::kInProgress, 7).due_soon);  // 8 days left
  EXPECT_TRUE(Evaluate(D("2026-11-22"), D("2026-11-22"), State::kInProgress, 7).due_soon);   // due today
  EXPECT_FALSE(Evaluate(D("2026-11-22"), D("2026-11-22"), State::kInProgress, 7).overdue);
  EXPECT_TRUE(Evaluate(D("2026-11-21"), D("2026-11-22"), State::kInProgress, 7).overdue);
  EXPECT_TRUE(Evaluate(D("2026-11-25"), D("2026-11-22"), State::kSubmitted, 3).due_soon);
  EXPECT_FALSE(Evaluate(D("2026-11-26"), D("2026-11-22"), State::kSubmitted, 3).due_soon);
}

TEST(CalendarTest, ClosedItemsAreNeverOverdue) {
  for (State s : {State::kAccepted, State::kCancelled, State::kDraft}) {
    auto e = Evaluate(D("2026-01-01"), D("2026-11-22"), s, 7);
    EXPECT_FALSE(e.overdue);
    EXPECT_FALSE(e.due_soon);
  }
}

TEST(CalendarTest, DueSoonDaysIsConfigurable) {
  unsetenv("JICENG_DUE_SOON_DAYS");
  EXPECT_EQ(DueSoonDays(), 7);
  setenv("JICENG_DUE_SOON_DAYS", "14", 1);
  EXPECT_EQ(DueSoonDays(), 14);
  setenv("JICENG_DUE_SOON_DAYS", "0", 1);
  EXPECT_EQ(DueSoonDays(), 7);
  unsetenv("JICENG_DUE_SOON_DAYS");
}

}  // namespace
}  // namespace jiceng::duty
