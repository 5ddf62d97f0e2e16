// Orglife commands: the only writers of meetings, attendance, attachments, review, groups, themes and rules. Each
// runs in one transaction with its audit record and refreshes the branch's standing (standing.h). Use one
// OrglifeCommands per connection/thread.
#pragma once

#include <string>

#include "modules/accounts/model.h"
#include "modules/orglife/forms.h"
#include "modules/orglife/repo.h"

namespace jiceng::orglife {

class OrglifeCommands {
 public:
  OrglifeCommands(store::Connection& db, const accounts::Principal& caller, std::string files_dir = "")
      : db_(db), repo_(db), caller_(caller), files_dir_(std::move(files_dir)) {}

  // A branch plans a meeting (待召开); those due are taken from the branch as it is today.
  Result<Meeting> Plan(const PlanForm& form);
  // Records a planned or returned meeting as held and submits it for review (待审核).
  Result<Meeting> Record(int64_t id, const RecordForm& form);
  // Cancels a planned meeting, with a reason.
  Result<Meeting> Cancel(int64_t id, const std::string& reason);
  // The higher committee approves (`approve`) or returns it with a reason.
  Result<Meeting> Review(int64_t id, bool approve, const std::string& note);
  Result<Attachment> AddAttachment(int64_t id, const std::string& file_name, const std::string& bytes);

  // A higher org tightens the rule of a kind for its subtree; Clear goes back to what applies from above.
  Result<AppliedRule> SetRule(const RuleForm& form);
  Status ClearRule(const std::string& org_code, const std::string& kind);

  Result<Group> SaveGroup(int64_t id, const GroupForm& form);  // id 0: a new group
  Status DeleteGroup(int64_t id);

  Result<Theme> IssueTheme(const ThemeForm& form);

 private:
  Result<Meeting> BranchMeeting(int64_t id);  // the meeting if the caller is its branch side
  Result<std::vector<int64_t>> CheckGroupMembers(int64_t branch_id, int64_t group_id,
                                                 const std::vector<int64_t>& members);
  void Audit(const std::string& action, const std::string& object, const std::string& org_code,
             const std::string& before, const std::string& after);

  store::Connection& db_;
  OrglifeRepo repo_;
  accounts::Principal caller_;
  std::string files_dir_;
};

// What the audit record digests of a meeting.
std::string Describe(const Meeting& m);

}  // namespace jiceng::orglife
