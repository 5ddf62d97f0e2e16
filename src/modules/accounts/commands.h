// Account commands: the only writers of accounts. Sign-in is a command too: it
// counts failures, locks the account for 15 minutes after 5 in a row, refuses
// after 100 in an hour, and writes every success and failure to the audit log.
// Use one AccountCommands per connection/thread.
#pragma once

#include <string>

#include "core/actor.h"
#include "core/crypto.h"
#include "modules/accounts/repo.h"

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

class AccountCommands {
 public:
  static constexpr int kFailuresBeforeLock = 5;
  static constexpr int64_t kLockSeconds = 15 * 60;
  static constexpr int64_t kFailuresPerHour = 100;

  AccountCommands(store::Connection& db, const FieldCipher& cipher, Actor actor)
      : db_(db), repo_(db), cipher_(cipher), actor_(std::move(actor)) {}

  // `must_change`: the user must choose a new password at first sign-in.
  Result<CreatedAccount> Create(const CreateAccountForm& form, bool must_change);
  // The account, if the password (and, when enrolled, the TOTP code) is right at `now` (unix seconds).
  Result<Account> SignIn(const std::string& login, const std::string& password, const std::string& totp, int64_t now);
  Status ChangePassword(int64_t account_id, const std::string& old_password, const std::string& new_password);
  Status Unlock(const std::string& login);
  Result<std::string> ResetPassword(const std::string& login);  // the new initial password
  // Starts (or restarts) TOTP enrolment; returns the new secret (raw bytes).
  Result<std::string> BeginTotp(int64_t account_id);
  Status ConfirmTotp(int64_t account_id, const std::string& code, int64_t now);

 private:
  Status Fail(const Account& account, int64_t now, const std::string& why);

  store::Connection& db_;
  AccountRepo repo_;
  const FieldCipher& cipher_;
  Actor actor_;
};

}  // namespace jiceng::accounts
