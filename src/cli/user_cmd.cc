// jiceng user add: creates an account (the first administrator, or any account from the command line).
#include <iostream>

#include "cli/app.h"
#include "modules/accounts/commands.h"
#include "modules/accounts/json.h"

namespace jiceng::cli {

void AddUserCommands(CLI::App& app, int& exit_code) {
  struct Options {
    std::string db;
    accounts::CreateAccountForm form;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* user = app.add_subcommand("user", "账号管理");
  user->require_subcommand(1);
  CLI::App* add = user->add_subcommand("add", "新建账号（初始密码只显示一次，首次登录须修改）");
  add->add_option("--db", o->db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  add->add_option("--login", o->form.login, "账号（小写字母、数字、下划线）")->required();
  add->add_option("--org", o->form.org_code, "所属单位代码：账号只能看到该单位及其下级")->required();
  add->add_option("--role", o->form.role,
                  "角色：system_admin、security_admin、audit_admin、org_department、township_committee、"
                  "village_committees、member")
      ->required();
  add->add_option("--name", o->form.name, "姓名或说明");
  add->add_flag("--json", o->json, "以 JSON 输出");
  add->callback([o, &exit_code] {
    auto opened = OpenDatabase(o->db);
    if (!opened.ok()) return void(exit_code = Fail(opened.status()));
    auto created = accounts::AccountCommands(*opened->db, opened->cipher, CliActor()).Create(o->form, true);
    if (!created.ok()) return void(exit_code = Fail(created.status()));
    if (o->json) {
      return PrintJson(boost::json::object{{"user", accounts::ToJson(created->account)},
                                           {"initial_password", created->initial_password}});
    }
    std::cout << "已新建账号 " << created->account.login << "（" << accounts::RoleName(created->account.role) << "，"
              << created->account.org_name << "）\n初始密码：" << created->initial_password
              << "（只显示这一次，首次登录须修改）\n";
  });
}

}  // namespace jiceng::cli
