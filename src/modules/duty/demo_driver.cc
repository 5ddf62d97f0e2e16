#include "modules/duty/demo_driver.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "modules/duty/lifecycle.h"

namespace jiceng::duty {

int64_t DemoDriver::Insert(const DemoItem& spec, const std::string& now) {
  Item it;
  it.kind = spec.kind;
  it.parent_id = spec.parent;
  it.title = spec.title;
  it.content = spec.kind == ItemKind::kProblem ? "调研中发现：" + spec.title + "。请责任单位制定整改措施，按期整改销号。" : "";
  it.deadline = spec.deadline;
  it.source = spec.source;
  it.area = spec.area;
  it.severity = static_cast<Severity>(rng_.Weighted({60, 30, 10}));
  it.month = spec.month;
  it.assigner_org_id = spec.assigner_org;
  it.responsible_org_id = spec.responsible_org;
  if (spec.responsible_person) it.responsible_person = PersonRef{spec.responsible_person, ""};
  if (spec.leader) it.leader = PersonRef{spec.leader, ""};
  it.weight = spec.kind == ItemKind::kMeasure ? rng_.Uniform(1, 3) : 1;
  it.state = State::kDraft;
  return repo_.Insert(it, 0, now);
}

namespace {

Date DayOf(const std::string& timestamp) { return *Date::Parse(timestamp.substr(0, 10)); }
int MinuteOf(const std::string& timestamp) {
  return std::stoi(timestamp.substr(11, 2)) * 60 + std::stoi(timestamp.substr(14, 2));
}

}  // namespace

void MeasuresDone::Add(const Driven& measure) {
  all_accepted = all_accepted && measure.state == State::kAccepted;
  if (first_created_at.empty() || measure.created_at < first_created_at) first_created_at = measure.created_at;
  if (measure.accepted_at > last_accepted_at) last_accepted_at = measure.accepted_at;
}

Date DemoDriver::ListSigningDay() const {
  return std::min(*Date::FromYmd(today_.year(), 2, 20), today_.AddDays(-2));
}

Driven DemoDriver::Drive(int64_t id, Date deadline, const std::string& assigner, const std::string& responsible,
                         const MeasuresDone* measures) {
  const bool may_finish = measures == nullptr || measures->all_accepted;
  Date start = deadline.AddDays(-rng_.Uniform(45, 120));
  if (start >= today_) start = today_.AddDays(-rng_.Uniform(1, 10));  // published by today at the latest
  // A problem is found before it is split into measures (regression: measures were created before their problem).
  if (measures && !measures->first_created_at.empty()) {
    start = std::min(start, DayOf(measures->first_created_at).AddDays(-1));
  }
  State state = State::kDraft;
  // The item's row takes the last step's state, score, grade and time and the last progress reported: written
  // once at the end, as if after each step.
  std::optional<int> last_progress, last_score;
  std::string last_grade, last_at;
  Date last_day;
  int minute = 0;  // of the day of the last step: a step on the same day comes some minutes later
  auto stamp = [&](Date on) {
    if (on < last_day) on = last_day;
    minute = on == last_day ? std::min(minute + static_cast<int>(rng_.Uniform(4, 40)), 23 * 60 + 59)
                            : (rng_.Chance(0.5) ? 9 * 60 + 30 : 15 * 60 + 10) + static_cast<int>(rng_.Uniform(0, 9));
    last_day = on;
    char at[40];
    std::snprintf(at, sizeof at, "%sT%02d:%02d:00+08:00", on.ToString().c_str(), minute / 60, minute % 60);
    return std::string(at);
  };
  auto step = [&](Action a, const std::string& who, Date on, const std::string& note, std::optional<int> progress,
                  std::optional<int> score = std::nullopt, const std::string& grade = "") {
    State next = *Next(state, a);
    std::string at = stamp(on);
    repo_.AddEvent(id, at, who, ActionCode(a), state, next, note, progress);
    state = next;
    if (progress) last_progress = progress;
    last_score = score;
    last_grade = grade;
    last_at = at;
  };
  Driven driven;
  driven.created_at = stamp(start);
  repo_.AddEvent(id, driven.created_at, assigner, "create", State::kDraft, State::kDraft, "", std::nullopt);
  repo_.SetCreatedAt(id, driven.created_at);
  step(Action::kAssign, assigner, start, "", std::nullopt);
  step(Action::kPublish, assigner, start.AddDays(1), "", std::nullopt);
  const bool past = deadline < today_;
  int roll = rng_.Uniform(1, 100);
  Date mid = start.AddDays(std::max<int64_t>(2, (std::min(deadline, today_).days() - start.days()) / 2));
  if (mid > today_) mid = today_;
  step(Action::kProgress, responsible, mid, "已制定整改方案，正在推进", rng_.Uniform(20, 60));
  if (!may_finish) roll = 100;
  if (past ? roll <= 50 : roll <= 15) {  // done and signed off
    Date done = std::min(deadline, today_).AddDays(-rng_.Uniform(0, 3));
    if (done < mid) done = mid;
    if (measures && !measures->last_accepted_at.empty()) {
      // After the last measure's sign-off: on its day, some minutes after it.
      const Date last = DayOf(measures->last_accepted_at);
      if (done <= last) {
        done = last;
        if (last_day < last || (last_day == last && minute < MinuteOf(measures->last_accepted_at))) {
          last_day = last;
          minute = MinuteOf(measures->last_accepted_at);
        }
      }
    }
    step(Action::kProgress, responsible, done, "整改完成，佐证材料已上传", 100);
    if (rng_.Chance(0.2)) {  // returned once before sign-off
      step(Action::kSubmit, responsible, done, "申请销号", std::nullopt);
      step(Action::kReturn, assigner, done, "佐证材料不全，请补充会议记录和照片", std::nullopt);
      step(Action::kProgress, responsible, done, "已补充材料", 100);
    }
    step(Action::kSubmit, responsible, done, "申请销号", std::nullopt);
    int score = rng_.Uniform(75, 98);
    step(Action::kAccept, assigner, done, "验收合格，同意销号", std::nullopt, score, std::string(GradeOf(score)));
    driven.accepted_at = last_at;
  } else if (past ? roll <= 62 : roll <= 25) {  // submitted, awaiting acceptance
    step(Action::kProgress, responsible, today_.AddDays(-rng_.Uniform(0, 5)), "整改基本完成", 100);
    step(Action::kSubmit, responsible, today_.AddDays(-rng_.Uniform(0, 2)), "申请销号", std::nullopt);
  } else if (past ? roll <= 72 : roll <= 30) {  // returned and not yet reworked
    step(Action::kProgress, responsible, mid, "整改完成", 100);
    step(Action::kSubmit, responsible, mid, "申请销号", std::nullopt);
    step(Action::kReturn, assigner, std::min(mid.AddDays(1), today_), "整改不到位，群众仍有反映，请继续整改",
         std::nullopt);
  }
  // Otherwise still in progress: overdue if the deadline has passed.
  repo_.SetState(id, state, last_progress, last_score, last_grade, last_at);
  driven.state = state;
  return driven;
}

}  // namespace jiceng::duty
