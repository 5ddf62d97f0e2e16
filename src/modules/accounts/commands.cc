#include "modules/accounts/commands.h"

#include <sodium.h>

#include "modules/accounts/forms.h"
#include "modules/accounts/password.h"
#include "modules/accounts/totp.h"
#include "modules/org/repo.h"
#include "store/audit.h"

namespace jiceng::accounts {
namespace {

// Verifies against `hash`, or against a dummy hash when there is none (unknown login, locked account, a reset
// pending): every path costs one argon2id verification, so the time says nothing about the account.
bool CheckPassword(const std::string& hash, const std::string& password) {
  static const std::string dummy = HashPassword("jiceng-no-such-account");
  if (hash.empty()) {
    VerifyPassword(dummy, password);
    return false;
  }
  return VerifyPassword(hash, password);
}

bool Locked(AccountRepo& repo, const Account& account, int64_t now) {
  return account.locked_until > now || repo.FailuresSince(account.id, now - 3600) >= AccountCommands::kFailuresPerHour;
}

bool SameHash(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Result<CreatedAccount> AccountCommands::Create(const CreateAccountForm& form, bool must_change) {
  JICENG_RETURN_IF_ERROR(ValidateLogin(form.login));
  JICENG_RETURN_IF_ERROR(ValidateAccountName(form.name));
  auto role = ParseRoleField(form.role);
  if (!role.ok()) return role.status();
  std::string password = form.password.empty() ? GeneratePassword() : form.password;
  JICENG_RETURN_IF_ERROR(CheckPasswordPolicy(password, form.login, "password", form.name));
  store::Transaction tx(db_);
  org::OrgRepo orgs(db_);
  auto unit = orgs.FindByCode(form.org_code, Date::Today());
  if (!unit) return Status::NotFound("org", "单位 " + form.org_code + " 不存在");
  if (repo_.FindByLogin(form.login)) return Status::Conflict("login", "账号已被使用：" + form.login);
  Account a;
  a.login = form.login;
  a.name = form.name.empty() ? form.login : form.name;
  a.role = *role;
  a.org_id = unit->id;
  a.password_hash = HashPassword(password);
  a.must_change_password = must_change;
  if (a.password_hash.empty()) return Status::Internal("密码哈希失败（内存不足？）");
  a.id = repo_.Insert(a, Date::Today().ToString());
  store::AppendAudit(db_, actor_,
                     {"account.create", a.login, unit->code, "", a.login + "|" + std::string(RoleCode(a.role))});
  tx.Commit();
  return CreatedAccount{*repo_.FindById(a.id), password};
}

Status BadCredentials() {
  return Status::Unauthenticated(
      "账号或密码错误，或账户已暂时锁定（连续失败 5 次锁定 15 分钟）。如需帮助，请联系本单位安全管理员");
}

Status BadOneTimeCode() {
  return Status::Unauthenticated("账号或重置码错误，或重置码已过期。请核对两位管理员分别告知的两段重置码");
}

void AccountCommands::AuditFailure(const std::string& login, const std::string& org_code, const std::string& why) {
  AppendLimitedAudit(db_, limiter_, {AuditSafe(actor_.login), actor_.address},
                     {"session.fail", AuditSafe(login), org_code, "", why});
}

void AccountCommands::Fail(const Account& account, int64_t now, const std::string& why) {
  int failed = account.failed_count + 1;
  int64_t locked_until = 0;
  if (failed >= kFailuresBeforeLock) {
    locked_until = now + kLockSeconds;
    failed = 0;
  }
  repo_.SetFailures(account.id, failed, locked_until);
  repo_.AddFailure(account.id, now);
  AuditFailure(account.login, account.org_code, why);
}

Result<Account> AccountCommands::SignIn(const std::string& login, const std::string& password, const std::string& totp,
                                        int64_t now) {
  store::Transaction tx(db_);
  auto account = repo_.FindByLogin(login);
  if (!account || account->disabled) {
    CheckPassword("", password);
    AuditFailure(login, "", "unknown");
    tx.Commit();
    return BadCredentials();
  }
  if (Locked(repo_, *account, now)) {
    CheckPassword("", password);
    AuditFailure(login, account->org_code, "locked");
    tx.Commit();
    return BadCredentials();
  }
  if (!CheckPassword(account->password_hash, password)) {
    Fail(*account, now, "password");
    tx.Commit();
    return BadCredentials();
  }
  if (account->totp_enabled) {
    auto secret = cipher_.Decrypt(account->totp_secret_cipher);
    if (!secret.ok()) return secret.status();
    if (totp.empty()) return Status::Unauthenticated("请输入动态口令").WithReason("totp_required");
    auto step = TotpStep(*secret, totp, now);
    if (!step || *step <= account->totp_last_step) {
      Fail(*account, now, "totp");
      tx.Commit();
      return Status::Unauthenticated(step ? "该动态口令已使用过，请等待下一个口令" : "动态口令错误")
          .WithReason("totp_required");
    }
    repo_.SetTotpStep(account->id, *step);
  }
  repo_.SetFailures(account->id, 0, 0);
  if (account->reset_notice_pending) repo_.ClearResetNotice(account->id);
  store::AppendAudit(db_, actor_, {"session.signin", account->login, account->org_code, "", ""});
  tx.Commit();
  Account signed_in = *repo_.FindById(account->id);
  signed_in.reset_notice_pending = account->reset_notice_pending;
  return signed_in;
}

Status AccountCommands::ChangePassword(int64_t account_id, const std::string& old_password,
                                       const std::string& new_password, int64_t now) {
  store::Transaction tx(db_);
  auto account = repo_.FindById(account_id);
  if (!account) return Status::NotFound("login", "账号不存在");
  const char* kWrongOld = "原密码不正确，或账户已暂时锁定（连续错误 5 次锁定 15 分钟）";
  if (Locked(repo_, *account, now)) {
    CheckPassword("", old_password);
    return Status::Invalid("old_password", kWrongOld);
  }
  if (!CheckPassword(account->password_hash, old_password)) {
    Fail(*account, now, "old_password");
    tx.Commit();
    return Status::Invalid("old_password", kWrongOld);
  }
  JICENG_RETURN_IF_ERROR(CheckPasswordPolicy(new_password, account->login, "new_password", account->name));
  if (new_password == old_password) return Status::Invalid("new_password", "新密码不能与原密码相同");
  repo_.SetPassword(account_id, HashPassword(new_password), false);
  store::AppendAudit(db_, actor_, {"account.password", account->login, account->org_code, "", ""});
  tx.Commit();
  return Status::Ok();
}

Status AccountCommands::SetPasswordWithCode(const std::string& login, const std::string& code,
                                            const std::string& new_password, int64_t now) {
  store::Transaction tx(db_);
  auto account = repo_.FindByLogin(login);
  std::string half_a, half_b;
  const bool well_formed = SplitCode(code, &half_a, &half_b);
  if (!account || account->disabled || Locked(repo_, *account, now)) {
    CheckPassword("", new_password);
    AuditFailure(login, account ? account->org_code : "", "code");
    tx.Commit();
    return BadOneTimeCode();
  }
  // Both halves must match, the code must be live; the work is the same either way.
  CheckPassword("", new_password);
  const bool matches = well_formed && account->code_expires > now &&
                       SameHash(account->code_half_a, CodeHalfHash(cipher_, half_a, 'a')) &&
                       SameHash(account->code_half_b, CodeHalfHash(cipher_, half_b, 'b'));
  if (!matches) {
    Fail(*account, now, "code");
    tx.Commit();
    return BadOneTimeCode();
  }
  JICENG_RETURN_IF_ERROR(CheckPasswordPolicy(new_password, account->login, "new_password", account->name));
  repo_.SetPassword(account->id, HashPassword(new_password), false);
  repo_.ClearOneTimeCode(account->id);
  store::AppendAudit(db_, actor_, {"account.code_used", account->login, account->org_code, "", ""});
  tx.Commit();
  return Status::Ok();
}

void AccountCommands::SignOut(const std::string& login, const std::string& org_code) {
  store::Transaction tx(db_);
  store::AppendAudit(db_, actor_, {"session.signout", login, org_code, "", ""});
  tx.Commit();
}

Status AccountCommands::Unlock(const std::string& login) {
  store::Transaction tx(db_);
  auto account = repo_.FindByLogin(login);
  if (!account) return Status::NotFound("login", "账号不存在：" + login);
  repo_.SetFailures(account->id, 0, 0);
  // Also the hourly limit: an account refused after 100 failures in an hour stayed refused after "unlocking".
  repo_.ClearFailures(account->id);
  store::AppendAudit(db_, actor_, {"account.unlock", login, account->org_code, "", ""});
  tx.Commit();
  return Status::Ok();
}

Result<std::string> AccountCommands::BeginTotp(int64_t account_id) {
  store::Transaction tx(db_);
  auto account = repo_.FindById(account_id);
  if (!account) return Status::NotFound("login", "账号不存在");
  if (account->totp_enabled) return Status::Conflict("totp", "已绑定动态口令");
  std::string secret = NewTotpSecret();
  repo_.SetTotp(account_id, cipher_.Encrypt(secret), false);
  tx.Commit();
  return secret;
}

Status AccountCommands::ConfirmTotp(int64_t account_id, const std::string& password, const std::string& code,
                                    int64_t now) {
  store::Transaction tx(db_);
  auto account = repo_.FindById(account_id);
  if (!account || account->totp_secret_cipher.empty()) return Status::Invalid("code", "请先开始绑定动态口令");
  if (account->totp_enabled) return Status::Conflict("code", "已绑定动态口令");
  if (Locked(repo_, *account, now)) {
    CheckPassword("", password);
    return Status::Invalid("password", "密码不正确，或账户已暂时锁定");
  }
  if (!CheckPassword(account->password_hash, password)) {
    Fail(*account, now, "totp_bind");
    tx.Commit();
    return Status::Invalid("password", "密码不正确，或账户已暂时锁定");
  }
  auto secret = cipher_.Decrypt(account->totp_secret_cipher);
  if (!secret.ok()) return secret.status();
  auto step = TotpStep(*secret, code, now);
  if (!step) return Status::Invalid("code", "动态口令不正确，请核对手机时间后重试");
  repo_.SetTotp(account_id, account->totp_secret_cipher, true);
  repo_.SetTotpStep(account_id, *step);
  store::AppendAudit(db_, actor_, {"account.totp", account->login, account->org_code, "", "enabled"});
  tx.Commit();
  return Status::Ok();
}

}  // namespace jiceng::accounts
