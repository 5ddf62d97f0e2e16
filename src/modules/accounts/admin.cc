#include "modules/accounts/admin.h"

#include "core/id_number.h"
#include "modules/accounts/forms.h"
#include "modules/accounts/permissions.h"
#include "modules/accounts/queries.h"
#include "modules/accounts/repo.h"
#include "store/audit.h"

namespace jiceng::accounts {
namespace {

Actor ActorOf(const Principal& p) { return {p.login, p.address}; }

}  // namespace

std::string PhoneOf(const Account& account, const FieldCipher& cipher) {
  if (account.phone_cipher.empty()) return "";
  auto phone = cipher.Decrypt(account.phone_cipher);
  return phone.ok() ? *phone : "";
}

Result<Account> AdminCommands::Edit(const std::string& login, const AccountEdit& edit) {
  JICENG_RETURN_IF_ERROR(CanEditAccounts(caller_));
  if (edit.name) {
    if (edit.name->empty()) return Status::Invalid("name", "请填写姓名");
    JICENG_RETURN_IF_ERROR(ValidateAccountName(*edit.name));
  }
  if (edit.phone) JICENG_RETURN_IF_ERROR(ValidateAccountPhone(*edit.phone));
  store::Transaction tx(db_);
  auto target = FindAccountInScope(db_, caller_, login);
  if (!target.ok()) return target.status();
  JICENG_RETURN_IF_ERROR(NotOwnAccount(caller_, *target, "修改"));
  const std::string old_phone = PhoneOf(*target, cipher_);
  const std::string name = edit.name.value_or(target->name);
  const std::string phone = edit.phone.value_or(old_phone);
  if (name == target->name && phone == old_phone) return *target;  // nothing changed, nothing recorded
  AccountRepo repo(db_);
  repo.SetProfile(target->id, name, phone.empty() ? "" : cipher_.Encrypt(phone));
  // Digested by the log, and masked before that: a digest of an 11-digit number could be searched for.
  store::AppendAudit(db_, ActorOf(caller_),
                     {"account.edit", target->login, target->org_code,
                      target->name + "|" + (old_phone.empty() ? "" : MaskPhone(old_phone)),
                      name + "|" + (phone.empty() ? "" : MaskPhone(phone))});
  tx.Commit();
  return *repo.FindById(target->id);
}

Result<DisableAnswer> AdminCommands::Disable(const std::string& login, int64_t now) {
  JICENG_RETURN_IF_ERROR(CanDisableAccounts(caller_));
  store::Transaction tx(db_);
  auto target = FindAccountInScope(db_, caller_, login);
  if (!target.ok()) return target.status();
  JICENG_RETURN_IF_ERROR(NotOwnAccount(caller_, *target, "停用"));
  if (target->disabled) return Status::Conflict("login", "账号 " + target->login + " 已停用");
  if (IsAdminRole(target->role)) {
    auto request = ApprovalCommands(db_, cipher_, caller_).RequestDisable(login, now);
    if (!request.ok()) return request.status();
    tx.Commit();
    return DisableAnswer{*target, std::move(*request)};
  }
  AccountRepo repo(db_);
  repo.SetDisabled(target->id, true);
  store::AppendAudit(db_, ActorOf(caller_), {"account.disable", target->login, target->org_code, "", ""});
  tx.Commit();
  return DisableAnswer{*repo.FindById(target->id), std::nullopt};
}

}  // namespace jiceng::accounts
