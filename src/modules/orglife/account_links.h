// Accounts of Party members (党员账号): linking an account to its person in the registry (account.person_id) and
// unlinking it, and making 党员 accounts for every member of a branch at once, each with a random one-time
// password that must be changed at the first sign-in (shown once, as slips to hand out; only its argon2id hash is
// kept). A system administrator does these within their subtree — the account and the person both inside it —;
// the command line (machine access, like `user add`) anywhere. One person has at most one account. Every change is
// audited. Use one AccountLinks per connection/thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/crypto.h"
#include "modules/accounts/model.h"
#include "store/store.h"

namespace jiceng::orglife {

struct AccountLink {
  std::string login;
  int64_t person_id = 0;
  std::string person_name;
};

// A member of the branch without an account, as the batch would make it.
struct BatchCandidate {
  int64_t person_id = 0;
  std::string name, login;
};

struct BatchSlip {
  int64_t person_id = 0;
  std::string name, login, password;  // the password only in this answer, never stored in clear
};

struct BatchPreview {
  std::string branch_code, branch_name;
  std::vector<BatchCandidate> candidates;  // members without an account
  int with_account = 0;                    // members who already have one
};

class AccountLinks {
 public:
  // `machine`: the command line, which acts anywhere (the caller is then only the audit's actor).
  AccountLinks(store::Connection& db, const FieldCipher& cipher, const accounts::Principal& caller,
               bool machine = false)
      : db_(db), cipher_(cipher), caller_(caller), machine_(machine) {}

  // Links `login` to the person with `person_id` (a number) or `id_number` (one of the two, field named).
  Result<AccountLink> Link(const std::string& login, const std::string& person_id, const std::string& id_number);
  Status Unlink(const std::string& login);
  // The links of those of `logins` that lie in the caller's subtree.
  std::vector<AccountLink> LinksOf(const std::vector<std::string>& logins);

  Result<BatchPreview> Preview(const std::string& branch_code);
  // Makes the preview's accounts in one transaction (all or none): role 党员, bound to the branch, linked.
  Result<std::vector<BatchSlip>> CreateForBranch(const std::string& branch_code);

 private:
  Status CanManage();
  Result<int64_t> AccountInScope(const std::string& login, int64_t* account_id);  // the account's org id
  bool InScope(int64_t unit_id);

  store::Connection& db_;
  const FieldCipher& cipher_;
  const accounts::Principal& caller_;
  bool machine_;
};

}  // namespace jiceng::orglife
