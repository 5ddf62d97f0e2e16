// DemoDriver: drives a demo item from draft to a plausible state for its deadline, recording each step as the
// loop would (events and state), for the detailed and the national demo alike. Holds references to the
// caller's repo and generator; use on the connection's thread.
#pragma once

#include <string>

#include "core/date.h"
#include "core/random.h"
#include "modules/duty/repo.h"

namespace jiceng::duty {

class DemoDriver {
 public:
  DemoDriver(DutyRepo& repo, Rng& rng, Date today) : repo_(repo), rng_(rng), today_(today) {}

  // Assigned and published some weeks before the deadline, then: signed off (half of those past their deadline,
  // some after one return), submitted, returned, or still in progress (overdue once the deadline has passed).
  void Drive(int64_t id, Date deadline, const std::string& assigner, const std::string& responsible);

 private:
  DutyRepo& repo_;
  Rng& rng_;
  Date today_;
};

}  // namespace jiceng::duty
