// Deadlines on the calendar (Asia/Shanghai dates): overdue and due-soon are
// computed at the moment of the query, never stored, so the calendar moves
// without any write or batch job. Pure; thread-safe.
#pragma once

#include "core/date.h"
#include "modules/duty/model.h"

namespace jiceng::duty {

struct DeadlineStatus {
  bool overdue = false;
  int days_overdue = 0;  // whole days past the deadline (1 on the day after it)
  bool due_soon = false;
  int days_left = 0;     // 0 on the deadline itself
};

// Due soon: the deadline is today or within `due_soon_days` days. Closed items (accepted, cancelled) and
// drafts are neither.
DeadlineStatus Evaluate(Date deadline, Date today, State state, int due_soon_days);
// The due-soon window in days: JICENG_DUE_SOON_DAYS if set (1–90), otherwise 7.
int DueSoonDays();

}  // namespace jiceng::duty
