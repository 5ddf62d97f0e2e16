#include "modules/accounts/repo.h"
#include "core/text.h"

namespace jiceng::accounts {
namespace {

constexpr const char* kSelect = R"sql(
SELECT a.id, a.login, a.name, a.role, a.org_id, o.code,
  COALESCE((SELECT n.name FROM org_name n WHERE n.unit_id = o.id ORDER BY n.valid_from DESC LIMIT 1), ''),
  a.password_hash, a.must_change_password, a.totp_secret_cipher, a.totp_enabled, a.failed_count, a.locked_until,
  a.disabled
FROM account a JOIN org_unit o ON o.id = a.org_id
)sql";

}  // namespace

std::vector<Account> AccountRepo::Read(store::Statement& s) {
  std::vector<Account> accounts;
  while (s.Step()) {
    Account a;
    a.id = s.Int(0);
    a.login = s.Text(1);
    a.name = s.Text(2);
    a.role = ParseRole(s.Text(3)).value_or(Role::kMember);
    a.org_id = s.Int(4);
    a.org_code = s.Text(5);
    a.org_name = s.Text(6);
    a.password_hash = s.Text(7);
    a.must_change_password = s.Int(8) != 0;
    a.totp_secret_cipher = s.IsNull(9) ? "" : s.Blob(9);
    a.totp_enabled = s.Int(10) != 0;
    a.failed_count = static_cast<int>(s.Int(11));
    a.locked_until = s.Int(12);
    a.disabled = s.Int(13) != 0;
    accounts.push_back(std::move(a));
  }
  return accounts;
}

std::optional<Account> AccountRepo::FindByLogin(const std::string& login) {
  auto s = db_.Prepare(std::string(kSelect) + " WHERE a.login = ?");
  s->Bind(1, login);
  auto found = Read(*s);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<Account> AccountRepo::FindById(int64_t id) {
  auto s = db_.Prepare(std::string(kSelect) + " WHERE a.id = ?");
  s->Bind(1, id);
  auto found = Read(*s);
  if (found.empty()) return std::nullopt;
  return found.front();
}

int64_t AccountRepo::Insert(const Account& a, const std::string& now) {
  auto s = db_.Prepare(
      "INSERT INTO account(login, name, role, org_id, password_hash, must_change_password, created_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)");
  s->Bind(1, a.login).Bind(2, a.name).Bind(3, RoleCode(a.role)).Bind(4, a.org_id).Bind(5, a.password_hash);
  s->Bind(6, a.must_change_password ? 1 : 0).Bind(7, now);
  s->Run();
  return db_.LastInsertId();
}

void AccountRepo::SetPassword(int64_t id, const std::string& hash, bool must_change) {
  auto s = db_.Prepare(
      "UPDATE account SET password_hash = ?, must_change_password = ?, failed_count = 0, locked_until = 0"
      " WHERE id = ?");
  s->Bind(1, hash).Bind(2, must_change ? 1 : 0).Bind(3, id);
  s->Run();
}

void AccountRepo::SetFailures(int64_t id, int failed_count, int64_t locked_until) {
  auto s = db_.Prepare("UPDATE account SET failed_count = ?, locked_until = ? WHERE id = ?");
  s->Bind(1, failed_count).Bind(2, locked_until).Bind(3, id);
  s->Run();
}

void AccountRepo::AddFailure(int64_t id, int64_t at) {
  auto s = db_.Prepare("INSERT INTO sign_in_failure(account_id, at) VALUES (?, ?)");
  s->Bind(1, id).Bind(2, at);
  s->Run();
}

int64_t AccountRepo::FailuresSince(int64_t id, int64_t since) {
  auto s = db_.Prepare("SELECT COUNT(*) FROM sign_in_failure WHERE account_id = ? AND at >= ?");
  s->Bind(1, id).Bind(2, since);
  return s->Step() ? s->Int(0) : 0;
}

void AccountRepo::SetTotp(int64_t id, const std::string& secret_cipher, bool enabled) {
  auto s = db_.Prepare("UPDATE account SET totp_secret_cipher = ?, totp_enabled = ? WHERE id = ?");
  s->BindBlob(1, secret_cipher).Bind(2, enabled ? 1 : 0).Bind(3, id);
  s->Run();
}

std::vector<Account> AccountRepo::ListInOrgs(const std::vector<int64_t>& org_ids, int limit, int offset,
                                             int64_t* total) {
  std::string in = JoinIds(org_ids);
  if (in.empty()) in = "NULL";
  *total = store::QueryInt(db_, "SELECT COUNT(*) FROM account WHERE org_id IN (" + in + ")");
  auto s = db_.Prepare(std::string(kSelect) + " WHERE a.org_id IN (" + in + ") ORDER BY a.login LIMIT ? OFFSET ?");
  s->Bind(1, limit).Bind(2, offset);
  return Read(*s);
}

}  // namespace jiceng::accounts
