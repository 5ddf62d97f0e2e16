#include "modules/accounts/demo.h"

#include "modules/accounts/commands.h"
#include "modules/org/repo.h"

namespace jiceng::accounts {
namespace {

// The first child of `parent_code` whose kind is one of `kinds` (by code order), or "".
std::string FirstChild(store::Connection& db, const std::string& parent_code, std::vector<std::string> kinds) {
  org::OrgRepo orgs(db);
  auto parent = orgs.FindByCode(parent_code, Date::Today());
  if (!parent) return "";
  for (const auto& child : orgs.Children(parent->id, Date::Today())) {
    for (const auto& kind : kinds) {
      if (org::KindCode(child.kind) == kind) return child.code;
    }
  }
  return "";
}

}  // namespace

int SeedDemoAccounts(store::Connection& db, const FieldCipher& cipher, const std::string& password, const Actor& actor,
                     std::vector<std::string>* notes) {
  const std::string province = "630000000000";
  if (!org::OrgRepo(db).FindByCode(province, Date::Today())) return 0;  // demo accounts are for Qinghai
  const std::string town = FirstChild(db, "632801000000", {"town", "township"});
  const std::string village = FirstChild(db, town, {"village"});
  struct Demo {
    const char* login;
    const char* name;
    std::string org;
    const char* role;
  };
  const std::vector<Demo> demos = {
      {"demo_qinghai", "青海省委组织部演示账号", province, "org_department"},
      {"demo_haixi", "海西州委组织部演示账号", "632800000000", "org_department"},
      {"demo_golmud", "格尔木市委组织部演示账号", "632801000000", "org_department"},
      {"demo_town", "乡镇党委演示账号", town, "township_committee"},
      {"demo_village", "村两委演示账号", village, "village_committees"},
      {"demo_audit", "审计管理员演示账号", province, "audit_admin"},
      {"demo_admin", "系统管理员演示账号", province, "system_admin"},
      {"demo_security", "安全管理员演示账号", province, "security_admin"},
  };
  AccountCommands commands(db, cipher, actor);
  int made = 0;
  for (const auto& d : demos) {
    auto created = commands.Create({d.login, d.name, d.org, d.role, password}, password.empty());
    if (!created.ok()) continue;
    ++made;
    if (password.empty()) notes->push_back(std::string("演示账号 ") + d.login + " 初始密码：" + created->initial_password);
  }
  return made;
}

}  // namespace jiceng::accounts
