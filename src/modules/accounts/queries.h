// Account queries: what administrators read — the accounts of their subtree,
// and one account found by login if it lies inside it (404 otherwise).
#pragma once

#include <string>
#include <vector>

#include "modules/accounts/model.h"
#include "store/store.h"

namespace jiceng::accounts {

struct AccountPage {
  std::vector<Account> items;
  int64_t total = 0;
  int page = 1;
};

inline constexpr int kAccountsPerPage = 50;

Result<AccountPage> ListAccounts(store::Connection& db, const Principal& caller, int page);
Result<Account> FindAccountInScope(store::Connection& db, const Principal& caller, const std::string& login);

}  // namespace jiceng::accounts
