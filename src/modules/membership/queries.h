// DuesQueries: read-only views of dues for a caller — the branch's monthly ledger (paged and filtered, with the
// totals of the whole month), one member's dues, the reductions awaiting the caller's approval and the arrears
// in the caller's 待办. Checks role and scope like the commands. One thread at a time.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "modules/accounts/model.h"
#include "modules/membership/dues.h"
#include "modules/membership/repo.h"
#include "modules/org/model.h"

namespace jiceng::membership {

struct LedgerRequest {
  std::string org;      // the branch's code
  std::string month;    // "YYYY-MM"
  std::string state;    // a RecordState code, or "" for all
  std::string arrears;  // "3" or "6": only members in arrears that long; "" for all
  std::string query;    // part of the name
  int page = 1;
  int page_size = 20;
};
inline constexpr int kMaxLedgerPageSize = 200;

struct LedgerRow {
  MemberMonth month;
  std::string action, action_at;  // the latest arrears action recorded, if any
};

struct LedgerTotals {
  int64_t members = 0;
  int64_t due_fen = 0, paid_fen = 0, owed_fen = 0;
  int64_t by_state[5] = {0, 0, 0, 0, 0};  // indexed by RecordState
  int64_t no_basis = 0;
  int64_t arrears_warning = 0, arrears_flag = 0;  // 3+ and 6+ months
  int64_t voluntary_fen = 0;
};

struct Ledger {
  int64_t org_id = 0;
  std::string org_code, org_name;
  Month month;
  Month current;
  bool can_enter = false;    // the caller is the branch side
  bool can_approve = false;  // the caller is above the branch
  FixedAmounts fixed;
  LedgerTotals totals;  // every member of the month, whatever the filter
  int64_t total = 0;    // rows matching the filter
  int page = 1, page_size = 20;
  std::vector<LedgerRow> rows;       // this page of them
  std::vector<Voluntary> voluntary;  // voluntary payments paid in the month
};

struct MemberDues {
  int64_t person_id = 0;
  std::string name, org_code, org_name;
  bool can_enter = false;
  std::vector<Basis> bases;  // newest first
  MemberMonth current;       // this month
  std::vector<Record> records;
  std::vector<Exception> exceptions;
  int64_t arrears_months = 0;
  FixedAmounts fixed;
};

struct PendingPage {
  int64_t total = 0;
  std::vector<Exception> items;
  std::vector<bool> can_decide;  // per item: the caller is above the branch and did not record it
};

struct ArrearsItem {
  int64_t person_id = 0;
  std::string name, org_code, org_name;
  int64_t months = 0;
  bool flagged = false;  // 6 months or more: 自行脱党 risk
  std::string action, action_at;
};
struct ArrearsTodo {
  int64_t warnings = 0;  // 3–5 months
  int64_t flags = 0;     // 6 months or more
  int64_t flags_without_action = 0;
  int64_t pending_approvals = 0;   // exceptions the caller may decide
  std::vector<ArrearsItem> items;  // worst first, at most 100
};

class DuesQueries {
 public:
  DuesQueries(store::Connection& db, accounts::Principal caller) : db_(db), caller_(std::move(caller)) {}

  Result<Ledger> LedgerOf(const LedgerRequest& request);
  Result<MemberDues> Member(int64_t person_id);
  Result<PendingPage> Pending(int page, int page_size);
  Result<ArrearsTodo> Todo();
  // The caller's branches: the branch itself, or those its org hosts (a village's branch).
  std::vector<org::OrgUnit> OwnBranches();

 private:
  // The pending reductions in the caller's subtree that the caller's org approves (above the branch), in order.
  std::vector<Exception> Approvable();

  store::Connection& db_;
  accounts::Principal caller_;
};

// Whether a row passes the ledger filters (state, arrears, name part). Shared with nothing: the twin test has
// its own.
bool MatchesLedger(const LedgerRow& row, const LedgerRequest& request);

}  // namespace jiceng::membership
