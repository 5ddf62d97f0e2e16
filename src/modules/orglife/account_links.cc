#include "modules/orglife/account_links.h"

#include "core/id_number.h"
#include "modules/accounts/commands.h"
#include "modules/accounts/permissions.h"
#include "modules/accounts/repo.h"
#include "modules/org/repo.h"
#include "modules/orglife/permissions.h"
#include "modules/orglife/repo.h"
#include "modules/people/repo.h"
#include "store/audit.h"

namespace jiceng::orglife {
namespace {

constexpr const char* kNoAccount = "账号不存在，或不在您的管辖范围内";
constexpr const char* kNoPerson = "未找到该人员，或不在您的管辖范围内";

int64_t AccountOfPerson(store::Connection& db, int64_t person_id, std::string* login) {
  auto s = db.Prepare("SELECT id, login FROM account WHERE person_id = ?1");
  s->Bind(1, person_id);
  if (!s->Step()) return 0;
  *login = s->Text(1);
  return s->Int(0);
}

int64_t PersonOfAccount(store::Connection& db, int64_t account_id) {
  auto s = db.Prepare("SELECT COALESCE(person_id, 0) FROM account WHERE id = ?1");
  s->Bind(1, account_id);
  return s->Step() ? s->Int(0) : 0;
}

void SetPerson(store::Connection& db, int64_t account_id, int64_t person_id) {
  auto s = db.Prepare("UPDATE account SET person_id = ?2 WHERE id = ?1");
  s->Bind(1, account_id);
  if (person_id == 0)
    s->BindNull(2);
  else
    s->Bind(2, person_id);
  s->Run();
}

}  // namespace

Status AccountLinks::CanManage() {
  if (machine_) return Status::Ok();
  return accounts::CanEditAccounts(caller_);  // 系统管理员
}

bool AccountLinks::InScope(int64_t unit_id) {
  if (machine_) return true;
  org::OrgRepo orgs(db_);
  return org::WithinScope(orgs, caller_.org_id, unit_id, Date::Today());
}

Result<int64_t> AccountLinks::AccountInScope(const std::string& login, int64_t* account_id) {
  auto account = accounts::AccountRepo(db_).FindByLogin(login);
  if (!account || !InScope(account->org_id)) return Status::NotFound("login", kNoAccount);
  *account_id = account->id;
  return account->org_id;
}

Result<AccountLink> AccountLinks::Link(const std::string& login, const std::string& person_text,
                                       const std::string& id_number) {
  JICENG_RETURN_IF_ERROR(CanManage());
  store::Transaction tx(db_);
  int64_t account_id = 0;
  auto account_org = AccountInScope(login, &account_id);
  if (!account_org.ok()) return account_org.status();
  people::PeopleRepo people(db_);
  int64_t person = 0;
  if (!person_text.empty() && !id_number.empty()) {
    return Status::Invalid("person_id", "请只填写人员编号或身份证号中的一项");
  }
  if (!id_number.empty()) {
    auto id = ParseIdNumber(id_number, Date::Today());
    if (!id.ok()) return id.status();
    auto found = people.IdByHash(cipher_.LookupHash(id->value));
    if (!found) return Status::NotFound("id_number", kNoPerson);
    person = *found;
  } else {
    if (person_text.empty()) return Status::Invalid("person_id", "请填写要关联的人员编号或身份证号");
    if (person_text.size() > 12 || person_text.find_first_not_of("0123456789") != std::string::npos) {
      return Status::Invalid("person_id", "人员编号应为数字");
    }
    person = std::stoll(person_text);
  }
  const char* field = id_number.empty() ? "person_id" : "id_number";
  if (!machine_ && !people.WithinScope(person, caller_.org_id, Date::Today()))
    return Status::NotFound(field, kNoPerson);
  if (machine_ && people.NamesOf({person}).empty()) return Status::NotFound(field, kNoPerson);
  const int64_t current = PersonOfAccount(db_, account_id);
  std::string other_login;
  const int64_t other = AccountOfPerson(db_, person, &other_login);
  auto names = people.NamesOf({person});
  const std::string name = names.count(person) ? names[person] : "";
  if (other != 0 && other != account_id) {
    return Status::Conflict(field,
                            name + " 已关联账号 " + other_login + "：一个人只能关联一个账号，请先解除那边的关联");
  }
  if (current != 0 && current != person) {
    return Status::Conflict("login", "账号 " + login + " 已关联其他人员，请先解除关联");
  }
  if (current != person) {
    SetPerson(db_, account_id, person);
    org::OrgRepo orgs(db_);
    auto unit = orgs.FindById(*account_org, Date::Today());
    store::AppendAudit(db_, {caller_.login, caller_.address},
                       {"account.link", login, unit ? unit->code : "", "", "person:" + std::to_string(person)});
  }
  tx.Commit();
  return AccountLink{login, person, name};
}

Status AccountLinks::Unlink(const std::string& login) {
  JICENG_RETURN_IF_ERROR(CanManage());
  store::Transaction tx(db_);
  int64_t account_id = 0;
  auto account_org = AccountInScope(login, &account_id);
  if (!account_org.ok()) return account_org.status();
  const int64_t current = PersonOfAccount(db_, account_id);
  if (current == 0) return Status::Conflict("login", "账号 " + login + " 尚未关联人员");
  SetPerson(db_, account_id, 0);
  org::OrgRepo orgs(db_);
  auto unit = orgs.FindById(*account_org, Date::Today());
  store::AppendAudit(db_, {caller_.login, caller_.address},
                     {"account.unlink", login, unit ? unit->code : "", "person:" + std::to_string(current), ""});
  tx.Commit();
  return Status::Ok();
}

std::vector<AccountLink> AccountLinks::LinksOf(const std::vector<std::string>& logins) {
  std::vector<AccountLink> out;
  if (!CanManage().ok()) return out;
  auto s = db_.Prepare(
      "SELECT a.login, a.person_id, p.name, a.org_id FROM account a JOIN person p ON p.id = a.person_id"
      " WHERE a.login = ?1");
  for (const std::string& login : logins) {
    s->Bind(1, login);
    if (s->Step() && InScope(s->Int(3))) out.push_back({s->Text(0), s->Int(1), s->Text(2)});
    s->Reset();
  }
  return out;
}

Result<BatchPreview> AccountLinks::Preview(const std::string& branch_code) {
  JICENG_RETURN_IF_ERROR(CanManage());
  org::OrgRepo orgs(db_);
  auto branch = orgs.FindByCode(branch_code, Date::Today());
  if (!branch || !InScope(branch->id)) return Status::NotFound("branch_code", "未找到该党支部，或不在您的管辖范围内");
  if (branch->kind != org::Kind::kPartyBranch) return Status::Invalid("branch_code", branch->name + " 不是党支部");
  BatchPreview preview;
  preview.branch_code = branch->code;
  preview.branch_name = branch->name;
  accounts::AccountRepo accounts_repo(db_);
  for (const BranchMember& m : OrglifeRepo(db_).Members(branch->id, Date::Today())) {
    std::string login;
    if (AccountOfPerson(db_, m.person_id, &login) != 0) {
      ++preview.with_account;
      continue;
    }
    // 党员 + the person's number: unique, and says nothing about the holder.
    std::string candidate = "dy" + std::to_string(m.person_id);
    for (int n = 2; accounts_repo.FindByLogin(candidate); ++n)
      candidate = "dy" + std::to_string(m.person_id) + "_" + std::to_string(n);
    preview.candidates.push_back({m.person_id, m.name, candidate});
  }
  return preview;
}

Result<std::vector<BatchSlip>> AccountLinks::CreateForBranch(const std::string& branch_code) {
  JICENG_RETURN_IF_ERROR(CanManage());
  store::Transaction tx(db_);
  auto preview = Preview(branch_code);
  if (!preview.ok()) return preview.status();
  if (preview->candidates.empty()) return Status::Conflict("branch_code", preview->branch_name + " 的党员都已有账号");
  accounts::AccountCommands commands(db_, cipher_, {caller_.login, caller_.address});
  std::vector<BatchSlip> slips;
  for (const BatchCandidate& c : preview->candidates) {
    // An empty password: a random one passing the policy; must_change: the first sign-in sets the holder's own.
    auto created = commands.Create({c.login, c.name, preview->branch_code, "member", ""}, true);
    if (!created.ok()) return created.status().WithContext(c.name + "：");
    SetPerson(db_, created->account.id, c.person_id);
    store::AppendAudit(db_, {caller_.login, caller_.address},
                       {"account.link", c.login, preview->branch_code, "", "person:" + std::to_string(c.person_id)});
    slips.push_back({c.person_id, c.name, c.login, created->initial_password});
  }
  store::AppendAudit(db_, {caller_.login, caller_.address},
                     {"account.batch", preview->branch_code, preview->branch_code, "",
                      std::to_string(slips.size()) + " member accounts"});
  tx.Commit();
  return slips;
}

}  // namespace jiceng::orglife
