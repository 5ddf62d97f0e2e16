#include "modules/accounts/queries.h"

#include <ctime>

#include "modules/accounts/commands.h"
#include "modules/accounts/permissions.h"
#include "modules/accounts/repo.h"
#include "modules/org/repo.h"

namespace jiceng::accounts {
namespace {

void MarkThrottled(AccountRepo& repo, Account& a) {
  const auto now = static_cast<int64_t>(std::time(nullptr));
  a.throttled = repo.FailuresSince(a.id, now - 3600) >= AccountCommands::kFailuresPerHour;
}

}  // namespace

Result<AccountPage> ListAccounts(store::Connection& db, const Principal& caller, int page) {
  if (Status st = CanListAccounts(caller); !st.ok()) return st;
  AccountPage out;
  out.page = std::max(1, page);
  org::OrgRepo orgs(db);
  AccountRepo repo(db);
  out.items = repo.ListInOrgs(orgs.SubtreeIds(caller.org_id, Date::Today()), kAccountsPerPage,
                              (out.page - 1) * kAccountsPerPage, &out.total);
  for (Account& a : out.items) MarkThrottled(repo, a);
  return out;
}

Result<Account> FindAccountInScope(store::Connection& db, const Principal& caller, const std::string& login) {
  auto account = AccountRepo(db).FindByLogin(login);
  org::OrgRepo orgs(db);
  if (!account || !org::WithinScope(orgs, caller.org_id, account->org_id, Date::Today())) {
    return Status::NotFound("login", "未找到该账号");
  }
  AccountRepo repo(db);
  MarkThrottled(repo, *account);
  return *account;
}

}  // namespace jiceng::accounts
