// Requests and approvals of account changes (双人复核, GB/T 22239 三权分立): a system administrator asks for a
// new account, a role change, a change of org or enabling an account, a security administrator for a password
// or TOTP reset, either for disabling an administrator's account; an administrator of another role approves (or
// rejects) it; the requester may withdraw it. No password ever passes through an
// administrator: a new or reset account gets a one-time code in two halves — the requester sees one when
// asking, the approver the other when approving — and the holder sets a password with both
// (AccountCommands::SetPasswordWithCode). So neither administrator alone can sign in as the account, and
// neither can hold a role without a second one agreeing. Every step is audited. Use one per connection/thread.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/crypto.h"
#include "modules/accounts/commands.h"
#include "modules/accounts/model.h"
#include "store/store.h"

namespace jiceng::accounts {

struct RequestAnswer {
  AccountRequest request;
  std::string code_half;   // this administrator's half of the one-time code, shown once; empty if none
  int64_t account_id = 0;  // approved: the account concerned (to end its sessions)
};

class ApprovalCommands {
 public:
  static constexpr int64_t kCodeLifetime = 72 * 3600;  // a one-time code is good for 3 days after approval

  ApprovalCommands(store::Connection& db, const FieldCipher& cipher, const Principal& caller)
      : db_(db), cipher_(cipher), caller_(caller) {}

  Result<RequestAnswer> RequestCreate(const CreateAccountForm& form, int64_t now);
  Result<RequestAnswer> RequestRoleChange(const std::string& login, const std::string& role, int64_t now);
  Result<RequestAnswer> RequestReset(const std::string& login, int64_t now);
  // A change of the org the account is bound to; `org_code` must lie in the requester's subtree (and, at
  // approval, in the approver's).
  Result<RequestAnswer> RequestOrgChange(const std::string& login, const std::string& org_code, int64_t now);
  Result<RequestAnswer> RequestEnable(const std::string& login, int64_t now);
  // Unbinds the account's TOTP (a lost phone); the holder binds a new one at the next sign-in.
  Result<RequestAnswer> RequestTotpReset(const std::string& login, int64_t now);
  // Disabling an administrator's account — why: alone, one administrator could shut out the others (the only
  // audit administrator, say). An ordinary account is disabled directly (AdminCommands::Disable).
  Result<RequestAnswer> RequestDisable(const std::string& login, int64_t now);
  // Approving issues the approver's half of the one-time code for the kinds that issue one (IssuesCode).
  Result<RequestAnswer> Approve(int64_t request_id, int64_t now);
  // The requester withdraws; an administrator who could approve rejects.
  Result<RequestAnswer> Reject(int64_t request_id, int64_t now);

 private:
  // What one kind of request needs of the account it is about, and what it adds to the request (the role or the
  // org asked for); an error refuses the request.
  using Check = std::function<Status(const Account& target, AccountRequest& request)>;

  Result<AccountRequest> Pending(int64_t request_id);
  Result<Account> TargetInScope(const std::string& login);
  // What every request about an existing account shares, in one transaction: the caller may ask for `kind`, the
  // account is in scope and not the caller's own, `check` holds, then Insert. Each request kind states only what
  // differs, in `check`.
  Result<RequestAnswer> Submit(const std::string& login, RequestKind kind, int64_t now, const Check& check = nullptr);
  // One pending request per account; the requester's half of the code when the kind issues one; audited.
  Result<RequestAnswer> Insert(AccountRequest request);

  store::Connection& db_;
  const FieldCipher& cipher_;
  const Principal& caller_;
};

// Requests about accounts in the caller's subtree, newest first (pending only, or the last 100 of any state).
Result<std::vector<AccountRequest>> ListRequests(store::Connection& db, const Principal& caller, bool pending_only);

}  // namespace jiceng::accounts
