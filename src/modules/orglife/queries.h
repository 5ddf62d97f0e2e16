// Orglife queries (read-only): the meeting list and a meeting, what a branch owes per kind this period (the
// calendar of what is due), the compliance of the branches below an org for a period, the review queue, the
// secretary's reminders (待办), the rules in force and where they come from, groups and themes. Use one
// OrglifeQueries per connection/thread.
#pragma once

#include <string>
#include <vector>

#include "modules/accounts/model.h"
#include "modules/orglife/frequency.h"
#include "modules/orglife/permissions.h"
#include "modules/orglife/quorum.h"
#include "modules/orglife/repo.h"
#include "modules/orglife/standing.h"

namespace jiceng::orglife {

inline constexpr int kMaxPageSize = 100;

struct ListRequest {
  std::string org;  // a code in the caller's subtree; empty: the caller's own
  std::string kind, state, month, query;
  int page = 1, page_size = 20;
};

struct MeetingPage {
  std::vector<Meeting> items;
  int64_t total = 0;
  int page = 1, page_size = 20;
};

struct MeetingDetail {
  Meeting meeting;
  Sides sides;
  Roll roll;
  std::vector<Attachment> attachments;
  bool can_record = false, can_cancel = false, can_review = false, can_attach = false;
  // Whether a vote may be recorded with the attendance as stored, and if not why (the quorum rule).
  bool vote_allowed = false;
  std::string quorum_text;
  AppliedRule rule;
};

struct KindDue {
  Kind kind = Kind::kGeneralMeeting;
  AppliedRule rule;
  bool required = true;  // 支委会 only with a committee, 党小组会 only with groups
  Period period;         // the current period of the rule
  int required_count = 0, held = 0, planned = 0;
  bool behind = false;   // the latest ended period was not met (未按期)
  std::string last_period_key;  // that period
};

struct BranchDue {
  int64_t branch_id = 0;
  std::string code, name;
  BranchShape shape;
  std::vector<KindDue> kinds;
  std::vector<Meeting> upcoming;  // planned meetings, soonest first
  std::vector<Theme> themes;      // themes from above for this and last month
  bool branch_side = false;
};

struct ComplianceCell {
  Kind kind = Kind::kGeneralMeeting;
  bool applies = true;
  int required = 0, held = 0;
  bool behind = false;  // a period of the kind inside the asked one ended unmet
};
struct ComplianceRow {
  int64_t branch_id = 0;
  std::string code, name;
  std::vector<ComplianceCell> cells;
  bool behind = false;             // any 三会一课 kind behind
  bool committee_missing = false;  // 7 or more full members and no committee
};
struct Compliance {
  std::string org_code, org_name;
  Period period;
  std::vector<ComplianceRow> rows;  // the page
  int64_t branches = 0, behind = 0, total = 0;  // all branches; behind; the rows the filter keeps
  int page = 1, page_size = 20;
};

struct TodoItem {
  std::string kind;  // due | returned | review | committee | theme
  std::string text;
  std::string branch_code, branch_name;
  int64_t meeting_id = 0;
  std::string due_on;
};

struct RuleRow {
  Kind kind = Kind::kGeneralMeeting;
  AppliedRule applied;    // in force at the org
  AppliedRule inherited;  // what the org gets from above
  bool set_here = false;
};

class OrglifeQueries {
 public:
  OrglifeQueries(store::Connection& db, const accounts::Principal& caller) : db_(db), repo_(db), caller_(caller) {}

  Result<MeetingPage> List(const ListRequest& request);
  Result<MeetingDetail> Show(int64_t id);
  Result<std::pair<Attachment, std::string>> AttachmentFile(int64_t id, const std::string& files_dir);
  // The branches of the caller's side (its own branch or those its unit hosts), or below `org`.
  Result<std::vector<std::pair<int64_t, std::string>>> BranchesOf(const std::string& org);
  Result<BranchDue> Due(const std::string& branch_code);
  // `period`: "2026Q4", "2026-11" or "2026"; empty: this quarter. `only_behind`: rows behind only.
  Result<Compliance> ComplianceOf(const std::string& org_code, const std::string& period, bool only_behind, int page,
                                  int page_size);
  Result<MeetingPage> ReviewQueue(int page, int page_size);
  Result<std::vector<TodoItem>> Todo();
  Result<std::vector<RuleRow>> Rules(const std::string& org_code);
  Result<std::vector<Group>> Groups(const std::string& branch_code);
  Result<std::vector<BranchMember>> Members(const std::string& branch_code);
  Result<std::vector<Theme>> Themes();

 private:
  Result<org::OrgUnit> Scope(const std::string& code);
  ComplianceRow RowOf(int64_t branch_id, const std::string& name, const Period& period, Date today);

  store::Connection& db_;
  OrglifeRepo repo_;
  const accounts::Principal& caller_;
};

// The compliance of a branch in `period` by kind, from its rules and held days (what ComplianceOf and the CLI
// report print).
ComplianceCell CellOf(const Rule& rule, bool applies, Date formed_on, const Period& period, Date today,
                      const std::vector<Date>& held);

}  // namespace jiceng::orglife
