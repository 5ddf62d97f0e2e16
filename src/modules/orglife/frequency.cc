#include "modules/orglife/frequency.h"

#include <algorithm>
#include <cstdio>

namespace jiceng::orglife {
namespace {

Date MonthStart(int year, int month) { return *Date::FromYmd(year, month, 1); }

// The first day of the month `months` months after year/month.
Date AddMonths(int year, int month, int months) {
  const int index = year * 12 + (month - 1) + months;
  return MonthStart(index / 12, index % 12 + 1);
}

int HeldIn(const Period& p, const std::vector<Date>& held) {
  return static_cast<int>(std::count_if(held.begin(), held.end(), [&](Date d) { return p.start <= d && d < p.end; }));
}

}  // namespace

Rule DefaultRule(Kind kind) {
  switch (kind) {
    case Kind::kGeneralMeeting: return {kind, PeriodUnit::kQuarter, 1};
    case Kind::kCommitteeMeeting: return {kind, PeriodUnit::kMonth, 1};
    case Kind::kGroupMeeting: return {kind, PeriodUnit::kMonth, 1};
    case Kind::kPartyLecture: return {kind, PeriodUnit::kQuarter, 1};
    case Kind::kThemedPartyDay: return {kind, PeriodUnit::kMonth, 1};
    case Kind::kLifeMeeting: return {kind, PeriodUnit::kYear, 1};
  }
  return {kind, PeriodUnit::kYear, 1};
}

bool AtLeastAsStrict(const Rule& a, const Rule& b) {
  const int ma = MonthsOf(a.unit), mb = MonthsOf(b.unit);
  if (ma > mb || mb % ma != 0) return false;
  return a.times * (mb / ma) >= b.times;
}

Period PeriodOf(Date day, PeriodUnit unit) {
  const int y = day.year();
  char key[16];
  switch (unit) {
    case PeriodUnit::kMonth:
      std::snprintf(key, sizeof key, "%04d-%02d", y, day.month());
      return {MonthStart(y, day.month()), AddMonths(y, day.month(), 1), key};
    case PeriodUnit::kQuarter: {
      const int q = (day.month() - 1) / 3;
      std::snprintf(key, sizeof key, "%04dQ%d", y, q + 1);
      return {MonthStart(y, q * 3 + 1), AddMonths(y, q * 3 + 1, 3), key};
    }
    case PeriodUnit::kYear:
      std::snprintf(key, sizeof key, "%04d", y);
      return {MonthStart(y, 1), MonthStart(y + 1, 1), key};
  }
  return {};
}

Period NextPeriod(const Period& p, PeriodUnit unit) { return PeriodOf(p.end, unit); }

std::optional<PeriodUnit> UnitOfKey(const std::string& key) {
  auto digits = [&](size_t from, size_t n) {
    if (key.size() < from + n) return false;
    for (size_t i = from; i < from + n; ++i) {
      if (key[i] < '0' || key[i] > '9') return false;
    }
    return true;
  };
  if (key.size() == 4 && digits(0, 4)) return PeriodUnit::kYear;
  if (key.size() == 6 && digits(0, 4) && key[4] == 'Q' && key[5] >= '1' && key[5] <= '4') return PeriodUnit::kQuarter;
  if (key.size() == 7 && digits(0, 4) && key[4] == '-' && digits(5, 2)) {
    const int m = std::stoi(key.substr(5, 2));
    if (m >= 1 && m <= 12) return PeriodUnit::kMonth;
  }
  return std::nullopt;
}

std::optional<Period> ParsePeriod(const std::string& key) {
  auto unit = UnitOfKey(key);
  if (!unit) return std::nullopt;
  const int y = std::stoi(key.substr(0, 4));
  if (y < 1900 || y > 9000) return std::nullopt;
  if (*unit == PeriodUnit::kYear) return PeriodOf(MonthStart(y, 1), *unit);
  if (*unit == PeriodUnit::kQuarter) return PeriodOf(MonthStart(y, (key[5] - '1') * 3 + 1), *unit);
  return PeriodOf(MonthStart(y, std::stoi(key.substr(5, 2))), *unit);
}

bool Required(const Period& p, Date formed_on) { return formed_on <= p.start; }

std::vector<PeriodStanding> Evaluate(const Rule& rule, Date formed_on, Date from, Date today,
                                     const std::vector<Date>& held) {
  std::vector<PeriodStanding> out;
  if (today < from) return out;
  for (Period p = PeriodOf(from, rule.unit); p.start <= today; p = NextPeriod(p, rule.unit)) {
    PeriodStanding s;
    s.period = p;
    s.required = Required(p, formed_on) ? rule.times : 0;
    s.held = HeldIn(p, held);
    s.ended = p.end <= today;
    s.behind = s.ended && s.held < s.required;
    out.push_back(std::move(s));
  }
  return out;
}

BehindSpan SpanOf(const Rule& rule, Date formed_on, const std::vector<Date>& held, Date computed_on) {
  const Period current = PeriodOf(computed_on, rule.unit);
  const Period previous = PeriodOf(current.start.AddDays(-1), rule.unit);
  const Period next = NextPeriod(current, rule.unit);
  auto unmet = [&](const Period& p) { return Required(p, formed_on) && HeldIn(p, held) < rule.times; };
  const bool during = unmet(previous), after = unmet(current);
  BehindSpan span;
  span.window_from = span.window_to = current.start;
  if (during && after) {
    span.behind_from = current.start;
  } else if (during) {
    span.window_to = current.end;
    span.behind_from = next.end;
  } else {
    span.behind_from = after ? current.end : next.end;
  }
  return span;
}

}  // namespace jiceng::orglife
