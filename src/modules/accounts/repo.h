// AccountRepo: the accounts module's SQL, through the store interface only.
// Use it on the thread that owns the connection.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/accounts/model.h"
#include "store/store.h"

namespace jiceng::accounts {

class AccountRepo {
 public:
  explicit AccountRepo(store::Connection& db) : db_(db) {}

  std::optional<Account> FindByLogin(const std::string& login);
  std::optional<Account> FindById(int64_t id);
  int64_t Insert(const Account& account, const std::string& now);
  void SetPassword(int64_t id, const std::string& hash, bool must_change);
  void SetFailures(int64_t id, int failed_count, int64_t locked_until);
  void AddFailure(int64_t id, int64_t at);
  int64_t FailuresSince(int64_t id, int64_t since);
  void SetTotp(int64_t id, const std::string& secret_cipher, bool enabled);
  // Accounts bound to any of the given org ids (a subtree), by login.
  std::vector<Account> ListInOrgs(const std::vector<int64_t>& org_ids, int limit, int offset, int64_t* total);

 private:
  std::vector<Account> Read(store::Statement& stmt);
  store::Connection& db_;
};

}  // namespace jiceng::accounts
