// DemoDriver: drives a demo item from draft to a plausible state for its deadline, recording each step as the
// loop would (events and state), for the detailed and the national demo alike. Holds references to the
// caller's repo and generator; use on the connection's thread.
#pragma once

#include <string>

#include "core/date.h"
#include "core/random.h"
#include "modules/duty/repo.h"

namespace jiceng::duty {

// A demo work item before it is inserted: what differs between the demos' items.
struct DemoItem {
  ItemKind kind = ItemKind::kProblem;
  int64_t parent = 0;
  std::string title, area, month;
  Source source = Source::kResearch;
  int64_t assigner_org = 0, responsible_org = 0, responsible_person = 0, leader = 0;
  Date deadline;
};

class DemoDriver {
 public:
  DemoDriver(DutyRepo& repo, Rng& rng, Date today) : repo_(repo), rng_(rng), today_(today) {}

  // Inserts the item as a draft, its severity (and a measure's weight) drawn from the generator; its "create"
  // event comes with its first step (Drive).
  int64_t Insert(const DemoItem& spec, const std::string& now);

  // Created, assigned and published some weeks before the deadline, then: signed off (half of those past their
  // deadline, some after one return), submitted, returned, or still in progress (overdue once the deadline has
  // passed). Unless `may_finish` (a problem whose measures are not all signed off), it stays in progress. Each
  // step is later than the one before. Returns the state it left the item in.
  State Drive(int64_t id, Date deadline, const std::string& assigner, const std::string& responsible,
              bool may_finish = true);

 private:
  DutyRepo& repo_;
  Rng& rng_;
  Date today_;
};

}  // namespace jiceng::duty
