// The frequency rule engine (三会一课 按期): default rules (RULES.md 组织生活), which rule is at least as strict as
// another (a higher org may only tighten), the periods of a rule on the Asia/Shanghai calendar, and a branch's
// standing — required versus held per period, and from which day it is behind (未按期). Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/date.h"
#include "modules/orglife/model.h"

namespace jiceng::orglife {

// 支部党员大会 once a quarter, 支部委员会会议 once a month, 党小组会 once a month, 党课 once a quarter, 主题党日 once a
// month, 组织生活会 once a year (《中国共产党支部工作条例（试行）》 and common practice).
Rule DefaultRule(Kind kind);

// `a` demands at least what `b` demands in every one of b's periods: a's period divides b's and a's count over
// one of b's periods is no smaller (monthly once is stricter than quarterly once; quarterly three times is not
// stricter than monthly once, since three meetings in one month satisfy it).
bool AtLeastAsStrict(const Rule& a, const Rule& b);

// A period [start, end) of a unit: "2026-11", "2026Q4" or "2026".
struct Period {
  Date start, end;
  std::string key;
};
Period PeriodOf(Date day, PeriodUnit unit);
Period NextPeriod(const Period& p, PeriodUnit unit);
// "2026-11", "2026Q4", "2026": the period; nothing for any other text.
std::optional<Period> ParsePeriod(const std::string& key);
std::optional<PeriodUnit> UnitOfKey(const std::string& key);

// A period a branch must meet: the first whole period after it was formed (a branch formed mid-quarter owes its
// first quarterly meeting in the next quarter) and every one after.
bool Required(const Period& p, Date formed_on);

struct PeriodStanding {
  Period period;
  int required = 0;  // 0 when the branch did not exist for the whole period
  int held = 0;
  bool ended = false;   // the period is over on `today`
  bool behind = false;  // ended, and fewer held than required (未按期)
};

// Every period of `rule` that overlaps [from, today], oldest first. `held` are the days meetings were held.
std::vector<PeriodStanding> Evaluate(const Rule& rule, Date formed_on, Date from, Date today,
                                     const std::vector<Date>& held);

// Whether a branch is behind (未按期: its latest ended period was not met) on each day from `computed_on` on, given
// every meeting held up to that day: behind in the window [window_from, window_to) and from `behind_from` on.
// The current period C decides it: during C the period before it counts, from C's end C itself, and from the end
// of the next period (where nothing is held yet) the branch is behind for good — until it holds a meeting, when the
// standing is computed again.
struct BehindSpan {
  Date window_from, window_to;
  Date behind_from;
  bool On(Date day) const { return (window_from <= day && day < window_to) || behind_from <= day; }
};
BehindSpan SpanOf(const Rule& rule, Date formed_on, const std::vector<Date>& held, Date computed_on);

}  // namespace jiceng::orglife
