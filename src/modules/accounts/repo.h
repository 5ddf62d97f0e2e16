// AccountRepo: the accounts module's SQL, through the store interface only.
// Use it on the thread that owns the connection.
#pragma once

#include <map>
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
  // The holders' names of those of `logins` that are accounts, in one query.
  std::map<std::string, std::string> NamesByLogin(const std::vector<std::string>& logins);
  int64_t Insert(const Account& account, const std::string& now);
  void SetPassword(int64_t id, const std::string& hash, bool must_change);
  void SetFailures(int64_t id, int failed_count, int64_t locked_until);
  void AddFailure(int64_t id, int64_t at);
  int64_t FailuresSince(int64_t id, int64_t since);
  void ClearFailures(int64_t id);  // unlocking: the hourly limit starts again (each failure was audited)
  void SetTotp(int64_t id, const std::string& secret_cipher, bool enabled);
  void SetTotpStep(int64_t id, int64_t step);
  void SetRole(int64_t id, Role role);
  void SetProfile(int64_t id, const std::string& name, const std::string& phone_cipher);  // empty cipher: no phone
  void SetDisabled(int64_t id, bool disabled);
  void SetOrg(int64_t id, int64_t org_id);
  // Unbinds TOTP: an administrator binds a new secret at the next sign-in.
  void ClearTotp(int64_t id);
  // Makes the password unusable until the one-time code (both halves) sets a new one.
  void SetOneTimeCode(int64_t id, const std::string& half_a, const std::string& half_b, int64_t expires);
  void ClearOneTimeCode(int64_t id);
  void SetResetNotice(int64_t id, const std::string& requested_by, const std::string& approved_by, int64_t at);
  void ClearResetNotice(int64_t id);

  int64_t InsertRequest(const AccountRequest& request);
  std::optional<AccountRequest> FindRequest(int64_t id);
  bool HasPendingRequest(const std::string& login);
  void DecideRequest(int64_t id, RequestState state, const std::string& by, int64_t at);
  // Requests about accounts bound to any of the given org ids, newest first.
  std::vector<AccountRequest> ListRequests(const std::vector<int64_t>& org_ids, bool pending_only, int limit);

  // Accounts bound to any of the given org ids (a subtree), by login.
  std::vector<Account> ListInOrgs(const std::vector<int64_t>& org_ids, int limit, int offset, int64_t* total);

 private:
  std::vector<Account> Read(store::Statement& stmt);
  store::Connection& db_;
};

}  // namespace jiceng::accounts
