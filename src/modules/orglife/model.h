// The organization-life vocabulary (组织生活): meeting kinds with their required frequencies, meeting records with
// attendance and review, Party groups (党小组) within a branch, themes a higher org issues to the branches below.
// Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace jiceng::orglife {

// 三会一课 (the first four), 主题党日 and 组织生活会.
enum class Kind { kGeneralMeeting, kCommitteeMeeting, kGroupMeeting, kPartyLecture, kThemedPartyDay, kLifeMeeting };
std::string_view KindCode(Kind k);  // "general_meeting", ...
std::string_view KindName(Kind k);  // "支部党员大会", ...
std::optional<Kind> ParseKind(std::string_view text);  // code or Chinese name
std::vector<Kind> AllKinds();
bool IsThreeMeetingsOneLecture(Kind k);  // 三会一课: the compliance figure's kinds

// The period a frequency rule counts in.
enum class PeriodUnit { kMonth, kQuarter, kYear };
std::string_view UnitCode(PeriodUnit u);  // "month", "quarter", "year"
std::string_view UnitName(PeriodUnit u);  // "每月", "每季度", "每年"
std::optional<PeriodUnit> ParseUnit(std::string_view text);
int MonthsOf(PeriodUnit u);

// 待召开 (planned) → 待审核 (submitted: held and recorded) → 已通过 (approved) / 已退回 (returned, edited and
// submitted again); a planned meeting may be cancelled (已取消).
enum class State { kPlanned, kSubmitted, kApproved, kReturned, kCancelled };
std::string_view StateCode(State s);
std::string_view StateName(State s);
std::optional<State> ParseState(std::string_view text);

// 未签到 / 已签到 (present) / 请假 / 缺席.
enum class Presence { kUnsigned, kPresent, kLeave, kAbsent };
std::string_view PresenceCode(Presence p);
std::string_view PresenceName(Presence p);
std::optional<Presence> ParsePresence(std::string_view text);

struct Attendee {
  int64_t person_id = 0;
  std::string name;
  bool voting = false;  // a full member; probationary members attend but do not vote
  std::string status_code;  // people::StatusCode: full_member, probationary_member, …
  Presence presence = Presence::kUnsigned;
  std::string reason;  // 请假 reason
  std::string note;    // a correction's note
};

struct Vote {
  int in_favour = 0, against = 0, abstained = 0;
};

struct Meeting {
  int64_t id = 0;
  int64_t branch_id = 0;
  std::string branch_code, branch_name;
  Kind kind = Kind::kGeneralMeeting;
  int64_t group_id = 0;  // 党小组会: the group
  std::string group_name;
  int64_t theme_id = 0;  // a theme issued from above that this meeting carries out
  std::string theme_title;
  std::string topic;       // 议题
  std::string planned_at;  // "YYYY-MM-DD HH:MM"
  std::string held_at;     // "" until held
  std::string place, online_link;
  int64_t presenter_id = 0, recorder_id = 0;
  std::string presenter_name, recorder_name;
  std::string invitees;  // 列席: names, one line each
  std::string minutes, decisions;
  std::optional<Vote> vote;
  State state = State::kPlanned;
  std::string created_by, submitted_by, submitted_at, reviewed_by, reviewed_at, review_note;
  int64_t reviewer_org_id = 0;
  std::string reviewer_org_name;
  std::vector<Attendee> attendees;  // those due, in name order
  int attachments = 0;
};

// A frequency rule: at least `times` meetings of `kind` in every `unit`.
struct Rule {
  Kind kind = Kind::kGeneralMeeting;
  PeriodUnit unit = PeriodUnit::kQuarter;
  int times = 1;
};

// The rule that applies at an org, and where it comes from: the default (RULES.md) or an org that set it.
struct AppliedRule {
  Rule rule;
  int64_t source_org_id = 0;  // 0: the default
  std::string source_org_name;
  std::string note;
};

struct Group {
  int64_t id = 0;
  int64_t branch_id = 0;
  std::string name;
  int64_t leader_id = 0;
  std::string leader_name;
  std::vector<std::pair<int64_t, std::string>> members;  // (person id, name)
};

struct Theme {
  int64_t id = 0;
  int64_t issuer_org_id = 0;
  std::string issuer_org_name;
  Kind kind = Kind::kThemedPartyDay;
  std::string title, content;
  std::string month;  // "YYYY-MM"
  Date deadline;      // report by this day
  std::string created_by;
  int branches = 0, reported = 0;  // read by queries: branches below the issuer, those that reported
};

struct Attachment {
  int64_t id = 0;
  int64_t meeting_id = 0;
  std::string sha256, file_name, content_type;
  int64_t size = 0;
  std::string uploaded_by, uploaded_at;
};

}  // namespace jiceng::orglife
