#include "modules/accounts/repo.h"

#include <boost/json.hpp>

#include "core/text.h"

namespace jiceng::accounts {
namespace {

constexpr const char* kSelect = R"sql(
SELECT a.id, a.login, a.name, a.role, a.org_id, o.code,
  COALESCE((SELECT n.name FROM org_name n WHERE n.unit_id = o.id ORDER BY n.valid_from DESC LIMIT 1), ''),
  a.password_hash, a.must_change_password, a.totp_secret_cipher, a.totp_enabled, a.failed_count, a.locked_until,
  a.disabled, a.totp_last_step, a.code_half_a, a.code_half_b, a.code_expires, a.reset_requested_by,
  a.reset_approved_by, a.reset_at, a.reset_notice_pending, a.phone_cipher
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
    a.totp_last_step = s.Int(14);
    a.code_half_a = s.IsNull(15) ? "" : s.Blob(15);
    a.code_half_b = s.IsNull(16) ? "" : s.Blob(16);
    a.code_expires = s.Int(17);
    a.reset_requested_by = s.Text(18);
    a.reset_approved_by = s.Text(19);
    a.reset_at = s.Int(20);
    a.reset_notice_pending = s.Int(21) != 0;
    a.phone_cipher = s.IsNull(22) ? "" : s.Blob(22);
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

std::map<std::string, std::string> AccountRepo::NamesByLogin(const std::vector<std::string>& logins) {
  auto s = db_.Prepare("SELECT login, name FROM account WHERE login IN (SELECT value FROM json_each(?1))");
  s->Bind(1, boost::json::serialize(boost::json::value_from(logins)));
  std::map<std::string, std::string> names;
  while (s->Step()) names.emplace(s->Text(0), s->Text(1));
  return names;
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

void AccountRepo::ClearFailures(int64_t id) {
  auto s = db_.Prepare("DELETE FROM sign_in_failure WHERE account_id = ?");
  s->Bind(1, id);
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

void AccountRepo::SetTotpStep(int64_t id, int64_t step) {
  auto s = db_.Prepare("UPDATE account SET totp_last_step = ? WHERE id = ?");
  s->Bind(1, step).Bind(2, id);
  s->Run();
}

void AccountRepo::SetRole(int64_t id, Role role) {
  auto s = db_.Prepare("UPDATE account SET role = ? WHERE id = ?");
  s->Bind(1, RoleCode(role)).Bind(2, id);
  s->Run();
}

void AccountRepo::SetOneTimeCode(int64_t id, const std::string& half_a, const std::string& half_b, int64_t expires) {
  auto s = db_.Prepare(
      "UPDATE account SET password_hash = '', must_change_password = 1, failed_count = 0, locked_until = 0,"
      " code_half_a = ?, code_half_b = ?, code_expires = ? WHERE id = ?");
  s->BindBlob(1, half_a).BindBlob(2, half_b).Bind(3, expires).Bind(4, id);
  s->Run();
}

void AccountRepo::ClearOneTimeCode(int64_t id) {
  auto s = db_.Prepare("UPDATE account SET code_half_a = NULL, code_half_b = NULL, code_expires = 0 WHERE id = ?");
  s->Bind(1, id);
  s->Run();
}

void AccountRepo::SetResetNotice(int64_t id, const std::string& requested_by, const std::string& approved_by,
                                 int64_t at) {
  auto s = db_.Prepare(
      "UPDATE account SET reset_requested_by = ?, reset_approved_by = ?, reset_at = ?, reset_notice_pending = 1"
      " WHERE id = ?");
  s->Bind(1, requested_by).Bind(2, approved_by).Bind(3, at).Bind(4, id);
  s->Run();
}

void AccountRepo::ClearResetNotice(int64_t id) {
  auto s = db_.Prepare("UPDATE account SET reset_notice_pending = 0 WHERE id = ?");
  s->Bind(1, id);
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

namespace {

constexpr const char* kSelectRequest = R"sql(
SELECT r.id, r.kind, r.login, r.name, r.org_id, o.code,
  COALESCE((SELECT n.name FROM org_name n WHERE n.unit_id = o.id ORDER BY n.valid_from DESC LIMIT 1), ''),
  r.role, r.requested_by, r.requester_role, r.requested_at, r.half_a, r.state, r.decided_by, r.decided_at,
  COALESCE(r.new_org_id, 0), COALESCE(no.code, ''),
  COALESCE((SELECT n.name FROM org_name n WHERE n.unit_id = no.id ORDER BY n.valid_from DESC LIMIT 1), '')
FROM account_request r JOIN org_unit o ON o.id = r.org_id LEFT JOIN org_unit no ON no.id = r.new_org_id
)sql";

std::vector<AccountRequest> ReadRequests(store::Statement& s) {
  std::vector<AccountRequest> out;
  while (s.Step()) {
    AccountRequest r;
    r.id = s.Int(0);
    r.kind = ParseRequestKind(s.Text(1)).value_or(RequestKind::kReset);
    r.login = s.Text(2);
    r.name = s.Text(3);
    r.org_id = s.Int(4);
    r.org_code = s.Text(5);
    r.org_name = s.Text(6);
    r.role = ParseRole(s.Text(7)).value_or(Role::kMember);
    r.requested_by = s.Text(8);
    r.requester_role = ParseRole(s.Text(9)).value_or(Role::kMember);
    r.requested_at = s.Int(10);
    r.half_a = s.IsNull(11) ? "" : s.Blob(11);
    r.state = ParseRequestState(s.Text(12)).value_or(RequestState::kPending);
    r.decided_by = s.Text(13);
    r.decided_at = s.Int(14);
    r.new_org_id = s.Int(15);
    r.new_org_code = s.Text(16);
    r.new_org_name = s.Text(17);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

void AccountRepo::SetProfile(int64_t id, const std::string& name, const std::string& phone_cipher) {
  auto s = db_.Prepare("UPDATE account SET name = ?, phone_cipher = ? WHERE id = ?");
  s->Bind(1, name);
  if (phone_cipher.empty()) {
    s->BindNull(2);
  } else {
    s->BindBlob(2, phone_cipher);
  }
  s->Bind(3, id);
  s->Run();
}

void AccountRepo::SetDisabled(int64_t id, bool disabled) {
  auto s = db_.Prepare("UPDATE account SET disabled = ? WHERE id = ?");
  s->Bind(1, disabled ? 1 : 0).Bind(2, id);
  s->Run();
}

void AccountRepo::SetOrg(int64_t id, int64_t org_id) {
  auto s = db_.Prepare("UPDATE account SET org_id = ? WHERE id = ?");
  s->Bind(1, org_id).Bind(2, id);
  s->Run();
}

void AccountRepo::ClearTotp(int64_t id) {
  auto s =
      db_.Prepare("UPDATE account SET totp_secret_cipher = NULL, totp_enabled = 0, totp_last_step = 0 WHERE id = ?");
  s->Bind(1, id);
  s->Run();
}

int64_t AccountRepo::InsertRequest(const AccountRequest& r) {
  auto s = db_.Prepare(
      "INSERT INTO account_request(kind, login, name, org_id, role, requested_by, requester_role, requested_at,"
      " half_a, state, new_org_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)");
  s->Bind(1, RequestKindCode(r.kind)).Bind(2, r.login).Bind(3, r.name).Bind(4, r.org_id).Bind(5, RoleCode(r.role));
  s->Bind(6, r.requested_by).Bind(7, RoleCode(r.requester_role)).Bind(8, r.requested_at).BindBlob(9, r.half_a);
  if (r.new_org_id) {
    s->Bind(10, r.new_org_id);
  } else {
    s->BindNull(10);
  }
  s->Run();
  return db_.LastInsertId();
}

std::optional<AccountRequest> AccountRepo::FindRequest(int64_t id) {
  auto s = db_.Prepare(std::string(kSelectRequest) + " WHERE r.id = ?");
  s->Bind(1, id);
  auto found = ReadRequests(*s);
  if (found.empty()) return std::nullopt;
  return found.front();
}

bool AccountRepo::HasPendingRequest(const std::string& login) {
  auto s = db_.Prepare("SELECT 1 FROM account_request WHERE login = ? AND state = 'pending' LIMIT 1");
  s->Bind(1, login);
  return s->Step();
}

void AccountRepo::DecideRequest(int64_t id, RequestState state, const std::string& by, int64_t at) {
  auto s =
      db_.Prepare("UPDATE account_request SET state = ?, decided_by = ?, decided_at = ?, half_a = NULL WHERE id = ?");
  s->Bind(1, RequestStateCode(state)).Bind(2, by).Bind(3, at).Bind(4, id);
  s->Run();
}

std::vector<AccountRequest> AccountRepo::ListRequests(const std::vector<int64_t>& org_ids, bool pending_only,
                                                      int limit) {
  std::string in = JoinIds(org_ids);
  if (in.empty()) in = "NULL";
  auto s = db_.Prepare(std::string(kSelectRequest) + " WHERE r.org_id IN (" + in + ")" +
                       (pending_only ? " AND r.state = 'pending'" : "") + " ORDER BY r.id DESC LIMIT ?");
  s->Bind(1, limit);
  return ReadRequests(*s);
}

}  // namespace jiceng::accounts
