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

// What Drive left: the item's state, and when it was created and (if it was) signed off.
struct Driven {
  State state = State::kDraft;
  std::string created_at;
  std::string accepted_at;  // empty unless signed off
};

// A problem's bounds from its measures: it is found (created) before the first of them, and signed off only after
// the last of them is (its measures must all be).
struct MeasuresDone {
  bool all_accepted = true;
  std::string first_created_at;  // empty: no measures
  std::string last_accepted_at;
  void Add(const Driven& measure);
};

class DemoDriver {
 public:
  DemoDriver(DutyRepo& repo, Rng& rng, Date today) : repo_(repo), rng_(rng), today_(today) {}

  // Inserts the item as a draft, its severity (and a measure's weight) drawn from the generator; its "create"
  // event and its creation time come with its first step (Drive).
  int64_t Insert(const DemoItem& spec, const std::string& now);

  // Created, assigned and published some weeks before the deadline, then: signed off (half of those past their
  // deadline, some after one return), submitted, returned, or still in progress (overdue once the deadline has
  // passed). Every step is later than the one before and none after today; the item's created_at is its first
  // step's time. A problem passes its measures (`measures`): it is created the day before the first of them, and
  // signed off only when they all are, after the last. Returns what it did.
  Driven Drive(int64_t id, Date deadline, const std::string& assigner, const std::string& responsible,
               const MeasuresDone* measures = nullptr);

  // The day this year's target lists are signed (20 February; two days before today early in the year, so that
  // the acknowledgement the day after is never in the future).
  Date ListSigningDay() const;

 private:
  DutyRepo& repo_;
  Rng& rng_;
  Date today_;
};

}  // namespace jiceng::duty
