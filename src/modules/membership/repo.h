// DuesRepo: the dues tables' SQL (migration 17), through the store interface only. Holds a connection; use it
// on that connection's thread only. Months are stored as 'YYYY-MM' text, days as 'YYYY-MM-DD'.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/membership/model.h"
#include "store/store.h"

namespace jiceng::membership {

// A Party member of a branch on a day (正式 or 预备党员, affiliated with the branch then).
struct MemberRow {
  int64_t person_id = 0;
  std::string name;
  std::string status;  // people's status code
};

struct AccountRow {
  int64_t person_id = 0;
  int64_t org_id = 0;
  Date first_due_on;
  std::optional<Month> last_settled;
  Date arrears3_on, arrears6_on;
};

class DuesRepo {
 public:
  explicit DuesRepo(store::Connection& db) : db_(db) {}

  // The province's fixed amounts (RULES.md's defaults for keys not set).
  FixedAmounts Fixed(int64_t province_id);
  void SetFixed(int64_t province_id, const std::string& key, int64_t value, const std::string& by,
                const std::string& at);

  std::vector<MemberRow> MembersOf(int64_t branch_id, Date on);
  // Ids of the orgs the person belongs to on `on`.
  std::optional<int64_t> BranchOf(int64_t person_id, Date on);
  std::optional<std::string> PersonName(int64_t person_id);

  // Bases, oldest first; a second basis from the same month replaces the first.
  std::vector<Basis> Bases(int64_t person_id);
  std::map<int64_t, std::vector<Basis>> BasesOf(const std::vector<int64_t>& person_ids);
  void UpsertBasis(const Basis& b);

  std::optional<AccountRow> Account(int64_t person_id);
  void UpsertAccount(const AccountRow& a);
  std::map<int64_t, AccountRow> AccountsOf(const std::vector<int64_t>& person_ids);
  // Accounts of members of `org_ids` in arrears of three months or more on `today`.
  std::vector<AccountRow> InArrears(const std::vector<int64_t>& org_ids, Date today);

  int64_t InsertException(const Exception& e);
  std::optional<Exception> FindException(int64_t id);
  void DecideException(int64_t id, ExceptionState state, const std::string& by, const std::string& at,
                       int64_t approver_org_id, const std::string& note);
  // A person's exceptions (any state), newest first.
  std::vector<Exception> ExceptionsOf(int64_t person_id);
  std::map<int64_t, std::vector<Exception>> ApprovedOf(const std::vector<int64_t>& person_ids);
  // Pending exceptions of branches among `org_ids`, oldest first.
  std::vector<Exception> Pending(const std::vector<int64_t>& org_ids);

  std::optional<Record> FindRecord(int64_t person_id, Month m);
  std::map<int64_t, Record> RecordsOf(const std::vector<int64_t>& person_ids, Month m);
  std::vector<Record> RecordsOfPerson(int64_t person_id);
  void InsertRecord(const Record& r);
  std::optional<Month> LastSettled(int64_t person_id);

  int64_t InsertVoluntary(const Voluntary& v);
  // Voluntary payments of the branch paid in month `m`.
  std::vector<Voluntary> VoluntaryOf(int64_t org_id, Month m);

  int64_t InsertArrearsAction(int64_t person_id, int64_t org_id, int64_t months, const std::string& action,
                              const std::string& by, const std::string& at);
  // The latest action recorded for each person (text and when), if any.
  std::map<int64_t, std::pair<std::string, std::string>> LatestActions(const std::vector<int64_t>& person_ids);

 private:
  store::Connection& db_;
};

// "(1,2,3)" for an IN list of ids (never empty: "(0)").
std::string IdList(const std::vector<int64_t>& ids);

}  // namespace jiceng::membership
