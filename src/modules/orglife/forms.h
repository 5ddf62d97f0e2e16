// Inputs of the orglife commands as text (JSON or CLI), checked into values. Errors name the field, in Chinese.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "modules/orglife/model.h"

namespace jiceng::orglife {

struct PlanForm {
  std::string branch_code, kind, group_id, theme_id, topic, planned_at, place, online_link;
};

struct AttendanceForm {
  int64_t person_id = 0;
  std::string presence, reason, note;
};

struct RecordForm {
  std::string topic, held_at, place, online_link, presenter_id, recorder_id, invitees, minutes, decisions;
  std::vector<AttendanceForm> attendance;
  std::optional<Vote> vote;  // 表决: only where the quorum allows it
};

struct RuleForm {
  std::string org_code, kind, unit, times, note;
};

struct GroupForm {
  std::string branch_code, name, leader_id;
  std::vector<int64_t> members;
};

struct ThemeForm {
  std::string kind, title, content, month, deadline;
};

// "YYYY-MM-DD HH:MM" (a 'T' is accepted for the space); nothing otherwise.
std::optional<std::string> ParseMoment(const std::string& text);
Result<Kind> CheckKind(const std::string& text);
// A positive id, or 0 for "" (none).
Result<int64_t> CheckId(const std::string& text, const char* field, const char* label);
Status CheckText(const char* field, const std::string& value, const char* label, size_t max, bool required,
                 bool multiline);

}  // namespace jiceng::orglife
