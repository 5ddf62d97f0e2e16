// What one administrator does to an account directly, without a second one: correct its holder's name and
// phone (system administrators) and disable an ordinary account (system or security administrators). These only
// correct or take away; whatever grants (enabling, a role, an org) goes through ApprovalCommands, and so does
// disabling an administrator's account (one administrator must not shut out another alone). Each is audited;
// nobody acts on their own account. Use one per connection/thread.
#pragma once

#include <optional>
#include <string>

#include "core/crypto.h"
#include "modules/accounts/approvals.h"
#include "modules/accounts/model.h"
#include "store/store.h"

namespace jiceng::accounts {

// Fields left empty (nullopt) are kept; an empty phone removes it.
struct AccountEdit {
  std::optional<std::string> name;
  std::optional<std::string> phone;
};

struct DisableAnswer {
  Account account;                       // as it is now: disabled, or not yet (a request was made)
  std::optional<RequestAnswer> request;  // an administrator's account: the request made instead
};

// The holder's phone in clear; empty when none (or when it cannot be read with this key).
std::string PhoneOf(const Account& account, const FieldCipher& cipher);

class AdminCommands {
 public:
  AdminCommands(store::Connection& db, const FieldCipher& cipher, const Principal& caller)
      : db_(db), cipher_(cipher), caller_(caller) {}

  Result<Account> Edit(const std::string& login, const AccountEdit& edit);
  // 停用: an ordinary account at once (the caller ends its sessions); an administrator's account becomes a
  // request another role approves (ApprovalCommands::RequestDisable), and is unchanged until then.
  Result<DisableAnswer> Disable(const std::string& login, int64_t now);

 private:
  store::Connection& db_;
  const FieldCipher& cipher_;
  const Principal& caller_;
};

}  // namespace jiceng::accounts
