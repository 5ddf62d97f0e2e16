#include "modules/accounts/queries.h"

#include "modules/accounts/permissions.h"
#include "modules/accounts/repo.h"
#include "modules/org/repo.h"

namespace jiceng::accounts {

Result<AccountPage> ListAccounts(store::Connection& db, const Principal& caller, int page) {
  if (Status st = CanListAccounts(caller); !st.ok()) return st;
  AccountPage out;
  out.page = std::max(1, page);
  org::OrgRepo orgs(db);
  out.items = AccountRepo(db).ListInOrgs(orgs.SubtreeIds(caller.org_id, Date::Today()), kAccountsPerPage,
                                         (out.page - 1) * kAccountsPerPage, &out.total);
  return out;
}

Result<Account> FindAccountInScope(store::Connection& db, const Principal& caller, const std::string& login) {
  auto account = AccountRepo(db).FindByLogin(login);
  org::OrgRepo orgs(db);
  if (!account || !org::WithinScope(orgs, caller.org_id, account->org_id, Date::Today())) {
    return Status::NotFound("login", "未找到该账号");
  }
  return *account;
}

}  // namespace jiceng::accounts
