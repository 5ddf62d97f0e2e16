#include "modules/accounts/approvals.h"

#include "modules/accounts/forms.h"
#include "modules/accounts/password.h"
#include "modules/accounts/permissions.h"
#include "modules/org/repo.h"
#include "store/audit.h"

namespace jiceng::accounts {
namespace {

Actor ActorOf(const Principal& p) { return {p.login, p.address}; }

std::string Describe(const AccountRequest& r) {
  std::string text =
      std::string(RequestKindCode(r.kind)) + "|" + r.login + "|" + std::string(RoleCode(r.role)) + "|" + r.requested_by;
  if (r.kind == RequestKind::kOrg) text += "|" + r.new_org_code;
  return text;
}

}  // namespace

Result<Account> ApprovalCommands::TargetInScope(const std::string& login) {
  auto account = AccountRepo(db_).FindByLogin(login);
  org::OrgRepo orgs(db_);
  if (!account || !org::WithinScope(orgs, caller_.org_id, account->org_id, Date::Today())) {
    return Status::NotFound("login", "未找到该账号");
  }
  return *account;
}

Result<RequestAnswer> ApprovalCommands::Insert(AccountRequest r) {
  AccountRepo repo(db_);
  if (repo.HasPendingRequest(r.login)) {
    return Status::Conflict("login", "账号 " + r.login + " 已有一项待批准的申请，请先处理该申请");
  }
  RequestAnswer answer;
  if (IssuesCode(r.kind)) {
    answer.code_half = NewCodeHalf();
    r.half_a = CodeHalfHash(cipher_, answer.code_half, 'a');
  }
  r.requested_by = caller_.login;
  r.requester_role = caller_.role;
  r.id = repo.InsertRequest(r);
  store::AppendAudit(db_, ActorOf(caller_), {"account.request", r.login, r.org_code, "", Describe(r)});
  answer.request = *repo.FindRequest(r.id);
  answer.request.half_a.clear();
  return answer;
}

Result<RequestAnswer> ApprovalCommands::Submit(const std::string& login, RequestKind kind, int64_t now,
                                               const Check& check) {
  JICENG_RETURN_IF_ERROR(CanRequest(caller_, kind));
  store::Transaction tx(db_);
  auto target = TargetInScope(login);
  if (!target.ok()) return target.status();
  if (target->login == caller_.login) {
    return Status::Forbidden("不能为自己的账号提出申请（" + std::string(RequestKindName(kind)) +
                             "），请由另一位管理员申请");
  }
  AccountRequest r;
  r.kind = kind;
  r.login = target->login;
  r.name = target->name;
  r.org_id = target->org_id;
  r.org_code = target->org_code;
  r.role = target->role;
  r.requested_at = now;
  if (check) JICENG_RETURN_IF_ERROR(check(*target, r));
  auto answer = Insert(std::move(r));
  if (answer.ok()) tx.Commit();
  return answer;
}

Result<RequestAnswer> ApprovalCommands::RequestCreate(const CreateAccountForm& form, int64_t now) {
  JICENG_RETURN_IF_ERROR(CanRequest(caller_, RequestKind::kCreate));
  JICENG_RETURN_IF_ERROR(ValidateLogin(form.login));
  if (form.name.empty()) return Status::Invalid("name", "请填写姓名");
  JICENG_RETURN_IF_ERROR(ValidateAccountName(form.name));
  auto role = ParseRoleField(form.role);
  if (!role.ok()) return role.status();
  store::Transaction tx(db_);
  org::OrgRepo orgs(db_);
  auto unit = org::FindWithin(orgs, caller_.org_id, form.org_code, Date::Today());
  if (!unit) return Status::NotFound("org", "未找到该单位，或不在您的管辖范围内");
  if (AccountRepo(db_).FindByLogin(form.login)) return Status::Conflict("login", "账号已被使用：" + form.login);
  AccountRequest r;
  r.kind = RequestKind::kCreate;
  r.login = form.login;
  r.name = form.name;
  r.org_id = unit->id;
  r.org_code = unit->code;
  r.role = *role;
  r.requested_at = now;
  auto answer = Insert(r);
  if (answer.ok()) tx.Commit();
  return answer;
}

Result<RequestAnswer> ApprovalCommands::RequestRoleChange(const std::string& login, const std::string& role_text,
                                                          int64_t now) {
  return Submit(login, RequestKind::kRole, now, [&](const Account& target, AccountRequest& r) -> Status {
    auto role = ParseRoleField(role_text);
    if (!role.ok()) return role.status();
    if (target.role == *role) return Status::Invalid("role", "该账号已是" + std::string(RoleName(*role)));
    r.role = *role;
    return Status::Ok();
  });
}

Result<RequestAnswer> ApprovalCommands::RequestReset(const std::string& login, int64_t now) {
  return Submit(login, RequestKind::kReset, now);
}

Result<RequestAnswer> ApprovalCommands::RequestOrgChange(const std::string& login, const std::string& org_code,
                                                         int64_t now) {
  return Submit(login, RequestKind::kOrg, now, [&](const Account& target, AccountRequest& r) -> Status {
    if (org_code.empty()) return Status::Invalid("org_code", "请选择新的所属组织");
    org::OrgRepo orgs(db_);
    auto unit = org::FindWithin(orgs, caller_.org_id, org_code, Date::Today());
    if (!unit) return Status::NotFound("org_code", "未找到该单位，或不在您的管辖范围内");
    if (unit->id == target.org_id) return Status::Invalid("org_code", "该账号已属于" + unit->name);
    r.new_org_id = unit->id;
    r.new_org_code = unit->code;
    return Status::Ok();
  });
}

Result<RequestAnswer> ApprovalCommands::RequestEnable(const std::string& login, int64_t now) {
  return Submit(login, RequestKind::kEnable, now, [](const Account& target, AccountRequest&) {
    return target.disabled ? Status::Ok() : Status::Invalid("login", "该账号未停用");
  });
}

Result<RequestAnswer> ApprovalCommands::RequestTotpReset(const std::string& login, int64_t now) {
  return Submit(login, RequestKind::kTotp, now, [](const Account& target, AccountRequest&) {
    return target.totp_enabled ? Status::Ok() : Status::Invalid("login", "该账号未绑定动态口令");
  });
}

Result<RequestAnswer> ApprovalCommands::RequestDisable(const std::string& login, int64_t now) {
  return Submit(login, RequestKind::kDisable, now, [](const Account& target, AccountRequest&) {
    if (target.disabled) return Status::Conflict("login", "账号 " + target.login + " 已停用");
    if (!IsAdminRole(target.role)) return Status::Invalid("login", "普通账号由管理员直接停用，无须申请");
    return Status::Ok();
  });
}

Result<AccountRequest> ApprovalCommands::Pending(int64_t request_id) {
  auto r = AccountRepo(db_).FindRequest(request_id);
  org::OrgRepo orgs(db_);
  if (!r || !org::WithinScope(orgs, caller_.org_id, r->org_id, Date::Today())) {
    return Status::NotFound("request", "未找到该申请");
  }
  return *r;
}

Result<RequestAnswer> ApprovalCommands::Approve(int64_t request_id, int64_t now) {
  store::Transaction tx(db_);
  auto r = Pending(request_id);
  if (!r.ok()) return r.status();
  JICENG_RETURN_IF_ERROR(CanApprove(caller_, *r, now));
  AccountRepo repo(db_);
  RequestAnswer answer;
  const std::string half_b = IssuesCode(r->kind) ? NewCodeHalf() : "";
  const std::string half_b_hash = half_b.empty() ? "" : CodeHalfHash(cipher_, half_b, 'b');
  std::optional<Account> target;  // the account concerned, for every kind but a new one
  if (r->kind != RequestKind::kCreate) {
    target = repo.FindByLogin(r->login);
    if (!target) return Status::NotFound("login", "账号不存在：" + r->login);
    answer.account_id = target->id;
  }
  auto audit = [&](const char* action, const std::string& org_code, const std::string& before,
                   const std::string& after) {
    store::AppendAudit(db_, ActorOf(caller_), {action, r->login, org_code, before, after});
  };
  switch (r->kind) {
    case RequestKind::kCreate: {
      if (repo.FindByLogin(r->login)) return Status::Conflict("login", "账号已被使用：" + r->login);
      Account a;
      a.login = r->login;
      a.name = r->name;
      a.role = r->role;
      a.org_id = r->org_id;
      a.must_change_password = true;
      answer.account_id = repo.Insert(a, Date::Today().ToString());
      repo.SetOneTimeCode(answer.account_id, r->half_a, half_b_hash, now + kCodeLifetime);
      audit("account.create", r->org_code, "", a.login + "|" + std::string(RoleCode(a.role)));
      break;
    }
    case RequestKind::kRole:
      repo.SetRole(target->id, r->role);
      audit("account.role", r->org_code, std::string(RoleCode(target->role)), std::string(RoleCode(r->role)));
      break;
    case RequestKind::kReset:
      repo.SetOneTimeCode(target->id, r->half_a, half_b_hash, now + kCodeLifetime);
      repo.SetResetNotice(target->id, r->requested_by, caller_.login, now);
      audit("account.reset", r->org_code, "", "");
      break;
    case RequestKind::kOrg: {
      // The approver must see the new org too: nobody grants a scope outside their own.
      org::OrgRepo orgs(db_);
      if (!org::WithinScope(orgs, caller_.org_id, r->new_org_id, Date::Today())) {
        return Status::Forbidden("新的所属组织不在您的管辖范围内，须由管辖该组织的管理员批准");
      }
      repo.SetOrg(target->id, r->new_org_id);
      audit("account.org", r->new_org_code, target->org_code, r->new_org_code);
      break;
    }
    case RequestKind::kEnable:
      repo.SetDisabled(target->id, false);
      audit("account.enable", r->org_code, "", "");
      break;
    case RequestKind::kTotp:
      repo.ClearTotp(target->id);
      audit("account.totp_reset", r->org_code, "", "");
      break;
    case RequestKind::kDisable:
      if (target->disabled) return Status::Conflict("login", "账号 " + target->login + " 已停用");
      repo.SetDisabled(target->id, true);
      audit("account.disable", r->org_code, "", "");
      break;
  }
  repo.DecideRequest(r->id, RequestState::kApproved, caller_.login, now);
  audit("account.approve", r->org_code, "", Describe(*r));
  tx.Commit();
  answer.request = *repo.FindRequest(r->id);
  answer.code_half = half_b;
  return answer;
}

Result<RequestAnswer> ApprovalCommands::Reject(int64_t request_id, int64_t now) {
  store::Transaction tx(db_);
  auto r = Pending(request_id);
  if (!r.ok()) return r.status();
  RequestState state = RequestState::kWithdrawn;
  if (r->requested_by != caller_.login) {
    JICENG_RETURN_IF_ERROR(CanApprove(caller_, *r, now));
    state = RequestState::kRejected;
  } else if (r->state != RequestState::kPending) {
    return Status::Conflict("request", "该申请已处理");
  }
  AccountRepo repo(db_);
  repo.DecideRequest(r->id, state, caller_.login, now);
  store::AppendAudit(db_, ActorOf(caller_),
                     {state == RequestState::kRejected ? "account.reject" : "account.withdraw", r->login, r->org_code,
                      "", Describe(*r)});
  tx.Commit();
  RequestAnswer answer;
  answer.request = *repo.FindRequest(r->id);
  return answer;
}

Result<std::vector<AccountRequest>> ListRequests(store::Connection& db, const Principal& caller, bool pending_only) {
  JICENG_RETURN_IF_ERROR(CanListAccounts(caller));
  org::OrgRepo orgs(db);
  auto items = AccountRepo(db).ListRequests(orgs.SubtreeIds(caller.org_id, Date::Today()), pending_only, 100);
  for (auto& r : items) r.half_a.clear();
  return items;
}

}  // namespace jiceng::accounts
