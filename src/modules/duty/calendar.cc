#include "modules/duty/calendar.h"

#include <cstdlib>

namespace jiceng::duty {

DeadlineStatus Evaluate(Date deadline, Date today, State state, int due_soon_days) {
  DeadlineStatus s;
  s.days_left = static_cast<int>(deadline.days() - today.days());
  if (!IsOpen(state)) return s;
  if (s.days_left < 0) {
    s.overdue = true;
    s.days_overdue = -s.days_left;
  } else if (s.days_left <= due_soon_days) {
    s.due_soon = true;
  }
  return s;
}

int DueSoonDays() {
  if (const char* text = std::getenv("JICENG_DUE_SOON_DAYS")) {
    int days = std::atoi(text);
    if (days >= 1 && days <= 90) return days;
  }
  return 7;
}

}  // namespace jiceng::duty
