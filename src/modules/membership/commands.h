// DuesCommands: the only writers of the dues tables. Each command checks the caller's role and side
// (permissions.h), runs in one transaction with its audit record, and refuses bad input with a Chinese message
// naming the field, changing nothing. Holds the caller's connection; one thread at a time.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "modules/accounts/model.h"
#include "modules/membership/forms.h"
#include "modules/membership/repo.h"
#include "modules/org/repo.h"

namespace jiceng::membership {

struct PaymentResult {
  std::vector<Record> records;
  int64_t total_fen = 0;
};

class DuesCommands {
 public:
  DuesCommands(store::Connection& db, accounts::Principal caller) : db_(db), caller_(std::move(caller)) {}

  // A member's basis from a month on (a pay change applies from its month). The branch side only.
  Result<Basis> SetBasis(int64_t person_id, const BasisForm& form);
  // Months from..to paid at once, each the full amount due (the form's amount must equal their sum): this month,
  // back-payment of up to six months before it (older months need an approved 超期补缴), and months ahead of
  // this one only to the end of this quarter for a member the branch allowed to pay quarterly.
  Result<PaymentResult> Pay(const PaymentForm& form);
  // A voluntary one-off payment (自愿多交); 1,000 元 or more is marked for forwarding to the Centre.
  Result<Voluntary> AddVoluntary(const VoluntaryForm& form);
  // The branch's decision to reduce or waive a member's dues, or to accept back-payment beyond six months:
  // pending until an org strictly above the branch approves it.
  Result<Exception> Request(const ExceptionForm& form);
  // The superior's decision; the approving account is never the recording one. Approving a waiver writes its
  // months as 免缴.
  Result<Exception> Decide(int64_t id, bool approve, const std::string& note);
  // What the branch did about a member in arrears for three months or more (谈话、教育、督促…).
  Status RecordArrearsAction(int64_t person_id, const std::string& action);
  // The province's fixed monthly amount of a kind (farmer_fen / student_fen / allowance_fen): the province's org
  // department only.
  Status SetFixedAmount(const std::string& key, const std::string& value_fen);

 private:
  struct MemberContext {
    int64_t person_id = 0;
    std::string name;
    org::OrgUnit branch;
    int64_t province_id = 0;
  };
  // The member's branch today, visible to the caller; `need_branch_side`: refused unless the caller is it.
  Result<MemberContext> Member(int64_t person_id, bool need_branch_side);
  // Recomputes the member's dues_account row (first month owed, last settled, when arrears reach 3 and 6).
  void RefreshAccount(int64_t person_id, int64_t branch_id);

  store::Connection& db_;
  accounts::Principal caller_;
};

// A member's dues_account row: owed from `first_due`, last settled month, and the first days of the months in
// which three and six months of arrears are reached (the roll-up's dated columns).
AccountRow AccountOf(int64_t person_id, int64_t branch_id, Month first_due, std::optional<Month> last_settled);

// The root of the branch's tree on `on` (the province whose fixed amounts apply).
int64_t ProvinceOf(org::OrgRepo& orgs, int64_t unit_id, Date on);

}  // namespace jiceng::membership
