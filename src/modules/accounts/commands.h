// Account commands: the only writers of accounts. Sign-in is a command too: it counts failures, locks the
// account for 15 minutes after 5 in a row, refuses after 100 in an hour, accepts each TOTP code once, and
// writes every success and failure to the audit log. Every failed sign-in — wrong password, unknown login,
// locked account — gets the same answer (BadCredentials) after the same work (one argon2id verification).
// Use one AccountCommands per connection/thread.
#pragma once

#include <string>

#include "core/actor.h"
#include "core/crypto.h"
#include "modules/accounts/repo.h"
#include "modules/accounts/throttle.h"

namespace jiceng::accounts {

struct CreateAccountForm {
  std::string login;
  std::string name;
  std::string org_code;
  std::string role;      // code or Chinese name
  std::string password;  // empty: generate one
};

struct CreatedAccount {
  Account account;
  std::string initial_password;
};

// The one answer to every failed sign-in (401, same message, whatever the cause).
Status BadCredentials();
// The one answer to every failed use of a one-time code.
Status BadOneTimeCode();

class AccountCommands {
 public:
  static constexpr int kFailuresBeforeLock = 5;
  static constexpr int64_t kLockSeconds = 15 * 60;
  static constexpr int64_t kFailuresPerHour = 100;

  // `limiter`: bounds the failure records per address (null: no limit).
  AccountCommands(store::Connection& db, const FieldCipher& cipher, Actor actor, AuditLimiter* limiter = nullptr)
      : db_(db), repo_(db), cipher_(cipher), actor_(std::move(actor)), limiter_(limiter) {}

  // Direct creation, for the command line (bootstrap with machine access) and the demo; the web creates
  // accounts through requests and approvals (ApprovalCommands). `must_change`: change the password first.
  Result<CreatedAccount> Create(const CreateAccountForm& form, bool must_change);
  // The account, if the password (and, when enrolled, an unused TOTP code) is right at `now` (unix seconds).
  // The account returned still carries `reset_notice_pending` if this sign-in is the one to tell the user of a
  // reset; the stored flag is cleared.
  Result<Account> SignIn(const std::string& login, const std::string& password, const std::string& totp, int64_t now);
  // A wrong old password counts as a failed sign-in (and locks the account after 5).
  Status ChangePassword(int64_t account_id, const std::string& old_password, const std::string& new_password,
                        int64_t now);
  Status Unlock(const std::string& login);
  void SignOut(const std::string& login, const std::string& org_code);
  // Sets the password of an account whose creation or reset was approved, with both halves of its one-time code.
  Status SetPasswordWithCode(const std::string& login, const std::string& code, const std::string& new_password,
                             int64_t now);
  // Starts (or restarts) TOTP enrolment; returns the new secret (raw bytes).
  Result<std::string> BeginTotp(int64_t account_id);
  // Binding needs the current password (a wrong one counts as a failed sign-in) and a code from the new secret.
  Status ConfirmTotp(int64_t account_id, const std::string& password, const std::string& code, int64_t now);

 private:
  // Counts a failure of a real account (lockout bookkeeping) and audits it (limited).
  void Fail(const Account& account, int64_t now, const std::string& why);
  void AuditFailure(const std::string& login, const std::string& org_code, const std::string& why);

  store::Connection& db_;
  AccountRepo repo_;
  const FieldCipher& cipher_;
  Actor actor_;
  AuditLimiter* limiter_;
};

}  // namespace jiceng::accounts
