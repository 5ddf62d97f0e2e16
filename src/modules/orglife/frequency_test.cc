// The frequency rule engine against a plain reimplementation (day-by-day counting over period indexes), across
// period boundaries, a branch formed mid-period, quarter ends on a weekend and the year's turn.
#include "modules/orglife/frequency.h"

#include <gtest/gtest.h>

#include <map>

#include "core/random.h"

namespace jiceng::orglife {
namespace {

Date D(const char* text) { return *Date::Parse(text); }

// The plain twin: a period is an index (months since year 0, quarters, years).
int Index(Date d, PeriodUnit u) {
  const int months = d.year() * 12 + d.month() - 1;
  return months / MonthsOf(u);
}
Date StartOf(int index, PeriodUnit u) {
  const int months = index * MonthsOf(u);
  return *Date::FromYmd(months / 12, months % 12 + 1, 1);
}
bool PlainBehind(const Rule& r, Date formed, Date today, const std::vector<Date>& held) {
  const int last = Index(today, r.unit) - 1;  // the latest ended period
  if (StartOf(last, r.unit) < formed) return false;  // not required: the branch was not there all of it
  int n = 0;
  for (Date d : held) n += Index(d, r.unit) == last;
  return n < r.times;
}

TEST(FrequencyTest, DefaultsAreTheRulesOfTheRegulation) {
  EXPECT_EQ(DefaultRule(Kind::kGeneralMeeting).unit, PeriodUnit::kQuarter);
  EXPECT_EQ(DefaultRule(Kind::kCommitteeMeeting).unit, PeriodUnit::kMonth);
  EXPECT_EQ(DefaultRule(Kind::kGroupMeeting).unit, PeriodUnit::kMonth);
  EXPECT_EQ(DefaultRule(Kind::kPartyLecture).unit, PeriodUnit::kQuarter);
  EXPECT_EQ(DefaultRule(Kind::kThemedPartyDay).unit, PeriodUnit::kMonth);
  EXPECT_EQ(DefaultRule(Kind::kLifeMeeting).unit, PeriodUnit::kYear);
  for (Kind k : AllKinds()) EXPECT_EQ(DefaultRule(k).times, 1);
}

TEST(FrequencyTest, OnlyTighterRulesAreAtLeastAsStrict) {
  const Rule quarterly{Kind::kPartyLecture, PeriodUnit::kQuarter, 1};
  EXPECT_TRUE(AtLeastAsStrict({Kind::kPartyLecture, PeriodUnit::kMonth, 1}, quarterly));
  EXPECT_TRUE(AtLeastAsStrict({Kind::kPartyLecture, PeriodUnit::kQuarter, 2}, quarterly));
  EXPECT_TRUE(AtLeastAsStrict(quarterly, quarterly));
  EXPECT_FALSE(AtLeastAsStrict({Kind::kPartyLecture, PeriodUnit::kYear, 4}, quarterly));
  EXPECT_FALSE(AtLeastAsStrict({Kind::kPartyLecture, PeriodUnit::kQuarter, 3}, {Kind::kPartyLecture, PeriodUnit::kMonth, 1}));
  EXPECT_TRUE(AtLeastAsStrict({Kind::kPartyLecture, PeriodUnit::kMonth, 1}, {Kind::kPartyLecture, PeriodUnit::kQuarter, 3}));
  EXPECT_FALSE(AtLeastAsStrict({Kind::kPartyLecture, PeriodUnit::kMonth, 1}, {Kind::kPartyLecture, PeriodUnit::kQuarter, 4}));
}

TEST(FrequencyTest, PeriodsFollowTheCalendar) {
  EXPECT_EQ(PeriodOf(D("2026-12-31"), PeriodUnit::kQuarter).key, "2026Q4");
  EXPECT_EQ(PeriodOf(D("2026-12-31"), PeriodUnit::kQuarter).end, D("2027-01-01"));
  EXPECT_EQ(PeriodOf(D("2024-02-29"), PeriodUnit::kMonth).end, D("2024-03-01"));
  EXPECT_EQ(NextPeriod(PeriodOf(D("2026-12-05"), PeriodUnit::kMonth), PeriodUnit::kMonth).key, "2027-01");
  EXPECT_EQ(ParsePeriod("2026Q4")->start, D("2026-10-01"));
  EXPECT_EQ(ParsePeriod("2026-11")->end, D("2026-12-01"));
  EXPECT_EQ(ParsePeriod("2026")->end, D("2027-01-01"));
  EXPECT_FALSE(ParsePeriod("2026Q5"));
  EXPECT_FALSE(ParsePeriod("2026-13"));
  EXPECT_FALSE(ParsePeriod("26Q1"));
}

TEST(FrequencyTest, ABranchFormedMidQuarterOwesTheNextQuarter) {
  const Rule r = DefaultRule(Kind::kGeneralMeeting);
  const Date formed = D("2026-08-15");
  // Q3 is not owed: on 2026-10-05 the branch is not behind; with nothing held in Q4 it is from 2027-01-01.
  const BehindSpan span = SpanOf(r, formed, {}, D("2026-10-05"));
  EXPECT_FALSE(span.On(D("2026-12-31")));
  EXPECT_TRUE(span.On(D("2027-01-01")));
  auto periods = Evaluate(r, formed, D("2026-07-01"), D("2027-01-02"), {});
  ASSERT_EQ(periods.size(), 3u);
  EXPECT_EQ(periods[0].required, 0);
  EXPECT_FALSE(periods[0].behind);
  EXPECT_EQ(periods[1].required, 1);
  EXPECT_TRUE(periods[1].behind);
  EXPECT_FALSE(periods[2].ended);
}

TEST(FrequencyTest, AMeetingOnAWeekendQuarterEndCountsInThatQuarter) {
  const Rule r = DefaultRule(Kind::kPartyLecture);
  // 2024-03-31 is a Sunday: the lecture held that day meets Q1, so the branch is behind only from 2024-07-01.
  const BehindSpan met = SpanOf(r, D("2023-01-01"), {D("2024-03-31")}, D("2024-03-31"));
  EXPECT_FALSE(met.On(D("2024-04-01")));
  EXPECT_TRUE(met.On(D("2024-07-01")));
  // Held the day after, it meets Q2 instead: behind during Q2 (Q1 was missed), not in Q3.
  const BehindSpan late = SpanOf(r, D("2023-01-01"), {D("2024-04-01")}, D("2024-04-01"));
  EXPECT_TRUE(late.On(D("2024-04-01")));
  EXPECT_FALSE(late.On(D("2024-07-01")));
  EXPECT_TRUE(late.On(D("2024-10-01")));
}

TEST(FrequencyTest, EvaluateAndSpanAgreeWithThePlainTwin) {
  Rng rng(2026);
  for (int round = 0; round < 3000; ++round) {
    const PeriodUnit unit = static_cast<PeriodUnit>(rng.Uniform(0, 2));
    const Rule rule{Kind::kGeneralMeeting, unit, rng.Uniform(1, 3)};
    const Date formed = D("2024-01-01").AddDays(rng.Uniform(0, 900));
    const Date computed = formed.AddDays(rng.Uniform(0, 600));
    const Date today = computed.AddDays(rng.Uniform(0, 400));
    std::vector<Date> held;
    const int n = rng.Uniform(0, 12);
    for (int i = 0; i < n; ++i) {
      held.push_back(formed.AddDays(rng.Uniform(0, static_cast<int>(computed.days() - formed.days()))));
    }
    SCOPED_TRACE("formed " + formed.ToString() + " computed " + computed.ToString() + " today " + today.ToString() + " unit " + std::string(UnitCode(unit)) +
                 " times " + std::to_string(rule.times));
    EXPECT_EQ(SpanOf(rule, formed, held, computed).On(today), PlainBehind(rule, formed, today, held));
    // Every period from the formation to today, against counting by index.
    std::map<int, int> count;
    for (Date d : held) ++count[Index(d, unit)];
    auto periods = Evaluate(rule, formed, formed, today, held);
    ASSERT_EQ(static_cast<int>(periods.size()), Index(today, unit) - Index(formed, unit) + 1);
    for (size_t i = 0; i < periods.size(); ++i) {
      const int index = Index(formed, unit) + static_cast<int>(i);
      const PeriodStanding& s = periods[i];
      EXPECT_EQ(s.period.start, StartOf(index, unit));
      EXPECT_EQ(s.period.end, StartOf(index + 1, unit));
      EXPECT_EQ(s.held, count[index]);
      const int required = StartOf(index, unit) >= formed ? rule.times : 0;
      EXPECT_EQ(s.required, required);
      EXPECT_EQ(s.ended, StartOf(index + 1, unit) <= today);
      EXPECT_EQ(s.behind, s.ended && count[index] < required);
    }
  }
}

}  // namespace
}  // namespace jiceng::orglife
