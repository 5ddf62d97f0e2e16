// jiceng person ...: add, list, show, update, post, import.
#include <boost/json.hpp>
#include <iostream>

#include "cli/app.h"
#include "modules/people/commands.h"
#include "modules/people/json.h"
#include "modules/people/queries.h"
#include "modules/people/roster_import.h"

namespace jiceng::cli {
namespace {

struct PersonOptions {
  std::string db;
  bool json = false;
  bool reveal = false;
  int64_t id = 0;
  std::string as_of, csv;
  people::PersonForm form;
  people::ListRequest list;
  people::PostForm post;
};

// Binds the person fields as optional flags: only what is given is set.
void AddPersonFields(CLI::App* cmd, people::PersonForm& f) {
  cmd->add_option("--name", f.name, "姓名");
  cmd->add_option("--gender", f.gender, "性别（男/女，须与身份证号码一致）");
  cmd->add_option("--ethnicity", f.ethnicity, "民族，如 汉族、藏族");
  cmd->add_option("--birth-date", f.birth_date, "出生日期（须与身份证号码一致）");
  cmd->add_option("--id-number", f.id_number, "公民身份号码（18 位）");
  cmd->add_option("--phone", f.phone, "手机号码");
  cmd->add_option("--education", f.education, "学历：研究生、大学本科、大学专科、中专、高中、初中、小学及以下");
  cmd->add_option("--status", f.political_status,
                  "政治面貌：正式党员、预备党员、发展对象、入党积极分子、共青团员、群众");
  cmd->add_option("--joined", f.joined_party_on, "入党日期（党员必填）");
  cmd->add_option("--org", f.org_code, "所在党组织（或单位）代码");
  cmd->add_option("--org-since", f.org_since, "加入该组织的日期（默认今天）");
}

void PrintPerson(const people::Person& p) {
  std::cout << p.id << "\t" << p.name << "\t" << GenderName(p.gender) << "\t" << p.ethnicity << "\t"
            << p.birth_date.ToString() << "\t" << p.id_number << "\t" << people::StatusName(p.status) << "\t"
            << p.org_name;
  for (const auto& post : p.posts) std::cout << "\t" << post.org_name << people::PostName(post.title);
  std::cout << "\n";
}

template <typename Run>
CLI::App* Sub(CLI::App* parent, const std::string& name, const std::string& help, std::shared_ptr<PersonOptions> o,
              int& exit_code, Run run) {
  CLI::App* cmd = parent->add_subcommand(name, help);
  cmd->add_option("--db", o->db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  cmd->add_flag("--json", o->json, "以 JSON 输出");
  cmd->callback([o, &exit_code, run] {
    auto opened = OpenDatabase(o->db);
    if (!opened.ok()) return void(exit_code = Fail(opened.status()));
    Status st = run(*opened, *o);
    if (!st.ok()) exit_code = Fail(st);
  });
  return cmd;
}

Status ShowResult(const Result<people::Person>& person, bool json) {
  if (!person.ok()) return person.status();
  if (json) {
    PrintJson(people::ToJson(*person));
  } else {
    PrintPerson(*person);
  }
  return Status::Ok();
}

}  // namespace

void AddPersonCommands(CLI::App& app, int& exit_code) {
  CLI::App* person = app.add_subcommand("person", "人员信息库：登记、查询、修改");
  person->require_subcommand(1);
  auto o = std::make_shared<PersonOptions>();

  auto* add = Sub(person, "add", "登记人员", o, exit_code, [](Opened& db, PersonOptions& o) {
    people::PeopleCommands commands(*db.db, db.cipher, CliActor());
    return ShowResult(commands.Add(o.form), o.json);
  });
  AddPersonFields(add, o->form);

  auto* update =
      Sub(person, "update", "修改人员信息（只改给出的字段）", o, exit_code, [](Opened& db, PersonOptions& o) {
        people::PeopleCommands commands(*db.db, db.cipher, CliActor());
        return ShowResult(commands.Update(o.id, o.form), o.json);
      });
  update->add_option("id", o->id, "人员编号")->required();
  AddPersonFields(update, o->form);

  auto* show = Sub(person, "show", "查看人员（身份证号码默认脱敏）", o, exit_code, [](Opened& db, PersonOptions& o) {
    if (o.reveal) {
      people::PeopleCommands commands(*db.db, db.cipher, CliActor());
      return ShowResult(commands.Reveal(o.id), o.json);
    }
    Date as_of = o.as_of.empty() ? Date::Today() : Date::Parse(o.as_of).value_or(Date::Today());
    return ShowResult(people::PeopleQueries(*db.db, db.cipher).Show(o.id, as_of), o.json);
  });
  show->add_option("id", o->id, "人员编号")->required();
  show->add_flag("--reveal", o->reveal, "显示完整身份证号码和手机号码（记入审计日志）");
  show->add_option("--as-of", o->as_of, "查询日期（默认今天）");

  auto* list = Sub(person, "list", "查询人员", o, exit_code, [](Opened& db, PersonOptions& o) {
    auto page = people::PeopleQueries(*db.db, db.cipher).List(o.list);
    if (!page.ok()) return page.status();
    if (o.json) {
      PrintJson(people::ToJson(*page));
      return Status::Ok();
    }
    for (const auto& p : page->items) PrintPerson(p);
    std::cout << "共 " << page->total << " 人，第 " << page->page << " 页\n";
    return Status::Ok();
  });
  list->add_option("--org", o->list.org_code, "组织代码：列出该组织及其全部下级的人员");
  list->add_option("--as-of", o->list.as_of, "查询日期（默认今天）");
  list->add_option("--status", o->list.status, "政治面貌");
  list->add_option("--post", o->list.post, "职务，如 书记、第一书记、网格员");
  list->add_option("--education", o->list.education, "学历");
  list->add_option("--ethnicity", o->list.ethnicity, "民族");
  list->add_option("--min-age", o->list.min_age, "最小年龄");
  list->add_option("--max-age", o->list.max_age, "最大年龄");
  list->add_option("-q,--search", o->list.query, "姓名、全拼或拼音首字母，如 zxd");
  list->add_option("--sort", o->list.sort, "排序：name、birth_date、id，前加 - 为倒序");
  list->add_option("--page", o->list.page, "页码（从 1 开始）");
  list->add_option("--page-size", o->list.page_size, "每页条数（1–100）");

  CLI::App* post = person->add_subcommand("post", "任职");
  post->require_subcommand(1);
  auto* post_add = Sub(post, "add", "登记任职", o, exit_code, [](Opened& db, PersonOptions& o) {
    people::PeopleCommands commands(*db.db, db.cipher, CliActor());
    auto result = commands.AddPost(o.id, o.post);
    if (!result.ok()) return result.status();
    if (o.json) {
      PrintJson(people::ToJson(*result));
    } else {
      std::cout << "已登记任职：" << result->org_name << people::PostName(result->title) << "\n";
    }
    return Status::Ok();
  });
  post_add->add_option("id", o->id, "人员编号")->required();
  post_add->add_option("--org", o->post.org_code, "任职单位代码")->required();
  post_add->add_option("--title", o->post.title, "职务")->required();
  post_add->add_option("--start", o->post.start_on, "任职开始日期")->required();
  post_add->add_option("--end", o->post.end_on, "任职结束日期");

  // The old command, kept as an alias of `jiceng import people` (CSV or Excel).
  auto* import = person->add_subcommand("import", "导入人员花名册（同 jiceng import people）");
  import->add_option("--db", o->db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  import->add_option("--csv,--file", o->csv, "花名册文件（.csv、.xlsx 或 .xls，首行为列名）")->required();
  import->add_flag("--json", o->json, "以 JSON 输出");
  import->callback([o, &exit_code] {
    auto opened = OpenDatabase(o->db);
    if (!opened.ok()) return void(exit_code = Fail(opened.status()));
    people::RosterImport target(*opened->db, opened->cipher, {});
    exit_code = RunImportCommand(*opened, target, o->csv, false, o->json);
  });
}

}  // namespace jiceng::cli
