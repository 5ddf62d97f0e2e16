// jiceng account link|unlink|batch: an account's link to its person in the registry, and 党员 accounts for every
// member of a branch at once (one-time passwords printed once, changed at the first sign-in). Machine access, like
// `user add`: anywhere in the tree; audited as cli:<os user>.
#include <iostream>

#include "cli/app.h"
#include "modules/orglife/account_links.h"

namespace jiceng::cli {
namespace {

accounts::Principal CliPrincipal() {
  accounts::Principal p;
  const Actor actor = CliActor();
  p.login = actor.login;
  p.address = actor.address;
  return p;
}

}  // namespace

void AddAccountCommands(CLI::App& app, int& exit_code) {
  struct Options {
    std::string db, login, person, id_number, branch;
    bool json = false, yes = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* account = app.add_subcommand("account", "党员账号：关联人员、批量开通");
  account->require_subcommand(1);

  CLI::App* link = account->add_subcommand("link", "把账号关联到人员信息中的一个人（一人只能关联一个账号）");
  link->add_option("--db", o->db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  link->add_option("--login", o->login, "账号")->required();
  auto* by_id = link->add_option("--person", o->person, "人员编号");
  auto* by_number = link->add_option("--id-number", o->id_number, "身份证号");
  by_id->excludes(by_number);
  link->add_flag("--json", o->json, "以 JSON 输出");
  link->callback([o, &exit_code] {
    auto opened = OpenDatabase(o->db);
    if (!opened.ok()) return void(exit_code = Fail(opened.status()));
    const accounts::Principal p = CliPrincipal();
    auto linked = orglife::AccountLinks(*opened->db, opened->cipher, p, true).Link(o->login, o->person, o->id_number);
    if (!linked.ok()) return void(exit_code = Fail(linked.status()));
    if (o->json) {
      return PrintJson(boost::json::object{
          {"login", linked->login}, {"person_id", linked->person_id}, {"person_name", linked->person_name}});
    }
    std::cout << "账号 " << linked->login << " 已关联 " << linked->person_name << "（人员编号 " << linked->person_id
              << "）\n";
  });

  CLI::App* unlink = account->add_subcommand("unlink", "解除账号与人员的关联");
  unlink->add_option("--db", o->db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  unlink->add_option("--login", o->login, "账号")->required();
  unlink->callback([o, &exit_code] {
    auto opened = OpenDatabase(o->db);
    if (!opened.ok()) return void(exit_code = Fail(opened.status()));
    const accounts::Principal p = CliPrincipal();
    Status st = orglife::AccountLinks(*opened->db, opened->cipher, p, true).Unlink(o->login);
    if (!st.ok()) return void(exit_code = Fail(st));
    std::cout << "账号 " << o->login << " 已解除与人员的关联\n";
  });

  CLI::App* batch =
      account->add_subcommand("batch", "为一个党支部尚无账号的党员批量开通党员账号（一次性密码只显示这一次）");
  batch->add_option("--db", o->db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  batch->add_option("--branch", o->branch, "党支部代码")->required();
  batch->add_flag("--yes", o->yes, "确认开通（不加时只列出将开通的账号）");
  batch->add_flag("--json", o->json, "以 JSON 输出");
  batch->callback([o, &exit_code] {
    auto opened = OpenDatabase(o->db);
    if (!opened.ok()) return void(exit_code = Fail(opened.status()));
    const accounts::Principal p = CliPrincipal();
    orglife::AccountLinks links(*opened->db, opened->cipher, p, true);
    if (!o->yes) {
      auto preview = links.Preview(o->branch);
      if (!preview.ok()) return void(exit_code = Fail(preview.status()));
      std::cout << preview->branch_name << "：将为 " << preview->candidates.size() << " 名党员开通账号（已有账号 "
                << preview->with_account << " 名）。加 --yes 确认。\n";
      for (const auto& c : preview->candidates) std::cout << "  " << c.login << "\t" << c.name << "\n";
      return;
    }
    auto slips = links.CreateForBranch(o->branch);
    if (!slips.ok()) return void(exit_code = Fail(slips.status()));
    if (o->json) {
      boost::json::array out;
      for (const auto& s : *slips) {
        out.push_back({{"person_id", s.person_id}, {"name", s.name}, {"login", s.login}, {"password", s.password}});
      }
      return PrintJson(boost::json::object{{"slips", out}});
    }
    std::cout << "已开通 " << slips->size() << " 个党员账号（一次性密码只显示这一次，首次登录须修改）：\n";
    for (const auto& s : *slips) std::cout << "  " << s.name << "\t" << s.login << "\t" << s.password << "\n";
  });
}

}  // namespace jiceng::cli
