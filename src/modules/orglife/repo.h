// OrglifeRepo: the orglife module's SQL, through the store interface only. Use it on the thread that owns the
// connection.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/orglife/frequency.h"
#include "modules/orglife/model.h"
#include "store/store.h"

namespace jiceng::orglife {

// What the meeting list selects: meetings of the branches in the subtree of `root` on today's tree.
struct MeetingFilter {
  int64_t root = 0;
  std::optional<std::string> kind, state;
  std::string month;  // "YYYY-MM" of the meeting's day (held, else planned)
  std::string query;  // substring of the topic
  int limit = 20, offset = 0;
};

// A member of a branch on a day: full or probationary (person_org), with whether they hold a committee post.
struct BranchMember {
  int64_t person_id = 0;
  std::string name;
  std::string status;  // people::StatusCode
  bool committee = false;
};

struct Standing {
  int64_t branch_id = 0;
  Kind kind = Kind::kGeneralMeeting;
  Rule rule;
  bool required = true;
  BehindSpan span;  // when the branch is behind (frequency.h)
};

class OrglifeRepo {
 public:
  explicit OrglifeRepo(store::Connection& db) : db_(db) {}

  // Branch side.
  std::vector<BranchMember> Members(int64_t branch_id, Date on);
  // Party branches (党支部) in the subtree of `root` on `on`: (id, name), by code.
  std::vector<std::pair<int64_t, std::string>> Branches(int64_t root, Date on);

  // Rules set by orgs (absent: the default).
  std::optional<AppliedRule> RuleAt(int64_t org_id, Kind kind);
  void SetRule(int64_t org_id, const Rule& rule, const std::string& note, const std::string& by,
               const std::string& at);
  void DeleteRule(int64_t org_id, Kind kind);

  // Groups.
  int64_t InsertGroup(int64_t branch_id, const std::string& name, int64_t leader, const std::string& at);
  void SetGroupMembers(int64_t group_id, const std::vector<int64_t>& people);
  std::vector<Group> Groups(int64_t branch_id);
  std::optional<Group> FindGroup(int64_t id);
  void DeleteGroup(int64_t id);
  int64_t MeetingsOfGroup(int64_t group_id);

  // Themes.
  int64_t InsertTheme(const Theme& t, const std::string& at);
  std::optional<Theme> FindTheme(int64_t id);
  // Themes issued by any of `issuers`, newest month first.
  std::vector<Theme> ThemesBy(const std::vector<int64_t>& issuers, int limit);
  // Branches below `issuer` that recorded a meeting for the theme (submitted or approved).
  int64_t ThemeReports(int64_t theme_id);

  // Meetings.
  int64_t Insert(const Meeting& m, const std::string& now);
  void Update(const Meeting& m, const std::string& now);  // every field but the review
  void SetReview(int64_t id, State state, const std::string& by, const std::string& at, int64_t org_id,
                 const std::string& note);
  std::optional<Meeting> Find(int64_t id);  // with attendees
  std::vector<Meeting> List(const MeetingFilter& f);
  int64_t Count(const MeetingFilter& f);
  void SetAttendees(int64_t meeting_id, const std::vector<Attendee>& attendees);
  // Days meetings of `kind` were held at `branch` that count (submitted or approved).
  std::vector<Date> HeldDays(int64_t branch_id, Kind kind);
  // Submitted meetings of branches in the subtree of `root` (the review queue), oldest first.
  std::vector<Meeting> Submitted(int64_t root, int limit, int offset);
  int64_t CountSubmitted(int64_t root);

  int64_t InsertAttachment(const Attachment& a);
  std::vector<Attachment> Attachments(int64_t meeting_id);
  std::optional<Attachment> FindAttachment(int64_t id);

  std::optional<Standing> FindStanding(int64_t branch_id, Kind kind);
  void PutStanding(const Standing& s);

 private:
  std::string Where(const MeetingFilter& f, std::vector<std::string>* args) const;
  std::vector<Meeting> Read(store::Statement& s);

  store::Connection& db_;
};

}  // namespace jiceng::orglife
