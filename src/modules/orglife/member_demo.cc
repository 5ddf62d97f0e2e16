#include "modules/orglife/member_demo.h"

#include "modules/accounts/commands.h"
#include "modules/org/repo.h"
#include "modules/orglife/repo.h"
#include "store/audit.h"

namespace jiceng::orglife {

int SeedDemoMember(store::Connection& db, const FieldCipher& cipher, const std::string& password, Date today,
                   const Actor& actor, std::vector<std::string>* notes) {
  // The branch whose host is the demo village account's village.
  auto village = db.Prepare("SELECT org_id FROM account WHERE login = 'demo_village'");
  if (!village->Step()) return 0;
  const int64_t village_id = village->Int(0);
  org::OrgRepo orgs(db);
  int64_t branch_id = 0;
  std::string branch_code;
  for (const auto& child : orgs.Children(village_id, today)) {
    if (child.kind == org::Kind::kPartyBranch) {
      branch_id = child.id;
      branch_code = child.code;
      break;
    }
  }
  if (branch_id == 0) return 0;
  OrglifeRepo repo(db);
  const auto members = repo.Members(branch_id, today);
  // A full member without a committee post: the member whose pages the demo shows.
  const BranchMember* chosen = nullptr;
  for (const BranchMember& m : members) {
    if (m.status == "full_member" && !m.committee) {
      chosen = &m;
      break;
    }
  }
  if (chosen == nullptr && !members.empty()) chosen = &members.back();
  if (chosen == nullptr) return 0;
  accounts::AccountCommands commands(db, cipher, actor);
  auto created = commands.Create({"demo_member", chosen->name, branch_code, "member", password}, password.empty());
  if (!created.ok()) return 0;
  auto link = db.Prepare("UPDATE account SET person_id = ?1 WHERE id = ?2");
  link->Bind(1, chosen->person_id).Bind(2, created->account.id);
  link->Run();
  store::AppendAudit(db, actor,
                     {"account.link", "demo_member", branch_code, "", "person:" + std::to_string(chosen->person_id)});
  if (password.empty()) notes->push_back("演示账号 demo_member（党员）初始密码：" + created->initial_password);
  return 1;
}

}  // namespace jiceng::orglife
