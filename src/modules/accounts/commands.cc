#include "modules/accounts/commands.h"

#include <ctime>

#include "modules/accounts/password.h"
#include "modules/accounts/totp.h"
#include "modules/org/repo.h"
#include "store/audit.h"

namespace jiceng::accounts {
namespace {

const char* kBadCredentials = "账号或密码错误";

std::string ClockText(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", tm.tm_hour, tm.tm_min);
  return buf;
}

Status ValidateLogin(const std::string& login) {
  if (login.size() < 3 || login.size() > 32) return Status::Invalid("login", "账号应为 3–32 个字符");
  for (char c : login) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) return Status::Invalid("login", "账号只能包含小写字母、数字、下划线、点和连字符");
  }
  return Status::Ok();
}

}  // namespace

Result<CreatedAccount> AccountCommands::Create(const CreateAccountForm& form, bool must_change) {
  JICENG_RETURN_IF_ERROR(ValidateLogin(form.login));
  auto role = ParseRole(form.role);
  if (!role) {
    return Status::Invalid("role", "角色无效：" + form.role +
                                       "（可选 system_admin、security_admin、audit_admin、org_department、"
                                       "township_committee、village_committees、member）");
  }
  std::string password = form.password.empty() ? GeneratePassword() : form.password;
  JICENG_RETURN_IF_ERROR(CheckPasswordPolicy(password, form.login, "password"));
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

Status AccountCommands::Fail(const Account& account, int64_t now, const std::string& why) {
  int failed = account.failed_count + 1;
  int64_t locked_until = 0;
  if (failed >= kFailuresBeforeLock) {
    locked_until = now + kLockSeconds;
    failed = 0;
  }
  repo_.SetFailures(account.id, failed, locked_until);
  repo_.AddFailure(account.id, now);
  store::AppendAudit(db_, actor_, {"session.fail", account.login, account.org_code, "", why});
  if (locked_until) {
    return Status::Locked("连续 " + std::to_string(kFailuresBeforeLock) + " 次登录失败，账户已锁定，请于 " +
                          ClockText(locked_until) + " 后再试");
  }
  return Status::Unauthenticated(std::string(kBadCredentials) + "（再错 " +
                                 std::to_string(kFailuresBeforeLock - failed) + " 次将锁定 15 分钟）");
}

Result<Account> AccountCommands::SignIn(const std::string& login, const std::string& password,
                                        const std::string& totp, int64_t now) {
  store::Transaction tx(db_);
  auto account = repo_.FindByLogin(login);
  if (!account || account->disabled) {
    static const std::string dummy = HashPassword("jiceng-no-such-account");
    VerifyPassword(dummy, password);
    return Status::Unauthenticated(kBadCredentials);  // same answer and about the same time as a wrong password
  }
  if (account->locked_until > now) {
    return Status::Locked("账户已锁定，请于 " + ClockText(account->locked_until) + " 后再试");
  }
  if (repo_.FailuresSince(account->id, now - 3600) >= kFailuresPerHour) {
    return Status::Locked("一小时内登录失败次数过多，账户暂时无法登录");
  }
  if (!VerifyPassword(account->password_hash, password)) {
    Status failed = Fail(*account, now, "password");
    tx.Commit();
    return failed;
  }
  if (account->totp_enabled) {
    auto secret = cipher_.Decrypt(account->totp_secret_cipher);
    if (!secret.ok()) return secret.status();
    if (totp.empty()) return Status::Unauthenticated("请输入动态口令").WithReason("totp_required");
    if (!TotpValid(*secret, totp, now)) {
      Status failed = Fail(*account, now, "totp");
      tx.Commit();
      if (failed.code() == StatusCode::kLocked) return failed;
      return Status::Unauthenticated("动态口令错误").WithReason("totp_required");
    }
  }
  repo_.SetFailures(account->id, 0, 0);
  store::AppendAudit(db_, actor_, {"session.signin", account->login, account->org_code, "", ""});
  tx.Commit();
  return *repo_.FindById(account->id);
}

Status AccountCommands::ChangePassword(int64_t account_id, const std::string& old_password,
                                       const std::string& new_password) {
  store::Transaction tx(db_);
  auto account = repo_.FindById(account_id);
  if (!account) return Status::NotFound("login", "账号不存在");
  if (!VerifyPassword(account->password_hash, old_password)) {
    return Status::Invalid("old_password", "原密码不正确");
  }
  JICENG_RETURN_IF_ERROR(CheckPasswordPolicy(new_password, account->login, "new_password"));
  if (new_password == old_password) return Status::Invalid("new_password", "新密码不能与原密码相同");
  repo_.SetPassword(account_id, HashPassword(new_password), false);
  store::AppendAudit(db_, actor_, {"account.password", account->login, account->org_code, "", ""});
  tx.Commit();
  return Status::Ok();
}

Status AccountCommands::Unlock(const std::string& login) {
  store::Transaction tx(db_);
  auto account = repo_.FindByLogin(login);
  if (!account) return Status::NotFound("login", "账号不存在：" + login);
  repo_.SetFailures(account->id, 0, 0);
  store::AppendAudit(db_, actor_, {"account.unlock", login, account->org_code, "", ""});
  tx.Commit();
  return Status::Ok();
}

Result<std::string> AccountCommands::ResetPassword(const std::string& login) {
  store::Transaction tx(db_);
  auto account = repo_.FindByLogin(login);
  if (!account) return Status::NotFound("login", "账号不存在：" + login);
  std::string password = GeneratePassword();
  repo_.SetPassword(account->id, HashPassword(password), true);
  store::AppendAudit(db_, actor_, {"account.reset", login, account->org_code, "", ""});
  tx.Commit();
  return password;
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

Status AccountCommands::ConfirmTotp(int64_t account_id, const std::string& code, int64_t now) {
  store::Transaction tx(db_);
  auto account = repo_.FindById(account_id);
  if (!account || account->totp_secret_cipher.empty()) return Status::Invalid("code", "请先开始绑定动态口令");
  if (account->totp_enabled) return Status::Conflict("code", "已绑定动态口令");
  auto secret = cipher_.Decrypt(account->totp_secret_cipher);
  if (!secret.ok()) return secret.status();
  if (!TotpValid(*secret, code, now)) return Status::Invalid("code", "动态口令不正确，请核对手机时间后重试");
  repo_.SetTotp(account_id, account->totp_secret_cipher, true);
  store::AppendAudit(db_, actor_, {"account.totp", account->login, account->org_code, "", "enabled"});
  tx.Commit();
  return Status::Ok();
}

}  // namespace jiceng::accounts
