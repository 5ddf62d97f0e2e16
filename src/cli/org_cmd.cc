// jiceng org ...: show, children, find, add, move, rename, merge.
#include <boost/json.hpp>
#include <iostream>

#include "cli/app.h"
#include "modules/module.h"
#include "modules/org/commands.h"
#include "modules/org/json.h"
#include "modules/org/queries.h"

namespace jiceng::cli {
namespace {

struct OrgOptions {
  std::string db, code, to, name, on, as_of, kind, text, reason;
  bool json = false;
  bool keep_names = false;
};

Result<Date> AsOf(const std::string& text) {
  if (text.empty()) return Date::Today();
  auto d = Date::Parse(text);
  if (!d) return Status::Invalid("as_of", "日期无效：" + text + "（格式 YYYY-MM-DD）");
  return *d;
}

void PrintUnit(const org::OrgUnit& u) {
  std::cout << u.code << "\t" << u.name << "\t" << org::KindName(u.kind) << "\t上级：" << u.parent_name << "（"
            << u.parent_code << "）\n";
}

// Runs `body` with an opened database; maps its Status to the exit code.
template <typename Body>
void WithDb(const std::string& path, int& exit_code, Body body) {
  auto opened = OpenDatabase(path);
  if (!opened.ok()) {
    exit_code = Fail(opened.status());
    return;
  }
  Status st = body(*opened);
  if (!st.ok()) exit_code = Fail(st);
}

template <typename Run>
CLI::App* Sub(CLI::App* parent, const std::string& name, const std::string& help, std::shared_ptr<OrgOptions> o,
              int& exit_code, Run run) {
  CLI::App* cmd = parent->add_subcommand(name, help);
  cmd->add_option("--db", o->db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  cmd->add_flag("--json", o->json, "以 JSON 输出");
  cmd->callback([o, &exit_code, run] { WithDb(o->db, exit_code, [&](Opened& db) { return run(db, *o); }); });
  return cmd;
}

Status Report(const Result<org::OrgUnit>& result, bool json, const char* done) {
  if (!result.ok()) return result.status();
  if (json) {
    PrintJson(org::ToJson(*result));
  } else {
    std::cout << done << "：";
    PrintUnit(*result);
  }
  return Status::Ok();
}

}  // namespace

void AddOrgCommands(CLI::App& app, int& exit_code) {
  CLI::App* org_app = app.add_subcommand("org", "组织体系：查看和调整组织树");
  org_app->require_subcommand(1);
  auto o = std::make_shared<OrgOptions>();

  auto* show = Sub(org_app, "show", "查看单位详情、下级统计和历史沿革", o, exit_code, [](Opened& db, OrgOptions& o) {
    auto as_of = AsOf(o.as_of);
    if (!as_of.ok()) return as_of.status();
    auto detail = org::OrgQueries(*db.db).Show(o.code, *as_of);
    if (!detail.ok()) return detail.status();
    if (o.json) {
      PrintJson(org::ToJson(*detail));
      return Status::Ok();
    }
    PrintUnit(detail->unit);
    for (const auto& [kind, n] : detail->child_counts) {
      auto k = org::ParseKind(kind);
      std::cout << "  下级" << (k ? std::string(org::KindName(*k)) : kind) << "：" << n << "\n";
    }
    for (const auto& p : detail->party_orgs) std::cout << "  党组织：" << p.name << "（" << p.code << "）\n";
    for (const auto& e : detail->events) {
      std::cout << "  " << e.on.ToString() << " " << e.kind << " " << e.old_value << " → " << e.new_value << "\n";
    }
    return Status::Ok();
  });
  show->add_option("code", o->code, "单位代码")->required();
  show->add_option("--as-of", o->as_of, "查询日期（默认今天）");

  auto* children = Sub(org_app, "children", "列出下级单位", o, exit_code, [](Opened& db, OrgOptions& o) {
    auto as_of = AsOf(o.as_of);
    if (!as_of.ok()) return as_of.status();
    auto list = org::OrgQueries(*db.db).Children(o.code, *as_of);
    if (!list.ok()) return list.status();
    boost::json::array items;
    for (const auto& u : *list) {
      if (o.json) {
        items.push_back(org::ToJson(u));
      } else {
        PrintUnit(u);
      }
    }
    if (o.json) PrintJson(items);
    return Status::Ok();
  });
  children->add_option("code", o->code, "单位代码")->required();
  children->add_option("--as-of", o->as_of, "查询日期（默认今天）");

  auto* find = Sub(org_app, "find", "按名称或代码查找单位", o, exit_code, [](Opened& db, OrgOptions& o) {
    auto as_of = AsOf(o.as_of);
    if (!as_of.ok()) return as_of.status();
    boost::json::array items;
    for (const auto& u : org::OrgQueries(*db.db).Search(o.text, *as_of, 50)) {
      if (o.json) {
        items.push_back(org::ToJson(u));
      } else {
        PrintUnit(u);
      }
    }
    if (o.json) PrintJson(items);
    return Status::Ok();
  });
  find->add_option("text", o->text, "名称的一部分或代码前缀")->required();
  find->add_option("--as-of", o->as_of, "查询日期（默认今天）");

  auto* add =
      Sub(org_app, "add", "新建党组织或机关、企业、园区、新经济组织", o, exit_code, [](Opened& db, OrgOptions& o) {
        org::OrgCommands commands(*db.db, CliActor());
        return Report(commands.AddUnit({o.to, o.kind, o.name, o.on}), o.json, "已新建");
      });
  add->add_option("--parent", o->to, "上级单位代码")->required();
  add->add_option("--kind", o->kind, "类型，如 party_branch、party_committee、enterprise")->required();
  add->add_option("--name", o->name, "名称")->required();
  add->add_option("--on", o->on, "成立日期（默认今天）");

  // The code comes as the argument or as --org (jiceng org rename --org CODE ...); --date is --on's other name.
  auto* move = Sub(org_app, "move", "调整隶属关系（保留历史）", o, exit_code, [](Opened& db, OrgOptions& o) {
    org::OrgCommands commands(*db.db, CliActor(), MergeListeners());
    return Report(commands.Move({o.code, o.to, o.on, o.reason}), o.json, "已调整");
  });
  move->add_option("code,--org", o->code, "单位代码")->required();
  move->add_option("--to", o->to, "新的上级单位代码")->required();
  move->add_option("--on,--date", o->on, "生效日期")->required();
  move->add_option("--reason", o->reason, "变更原因（如批复文号）")->required();

  // From the console the change applies at once (the web's changes are requests a second account approves).
  auto* rename = Sub(org_app, "rename", "更名（保留历史名称）", o, exit_code, [](Opened& db, OrgOptions& o) {
    org::OrgCommands commands(*db.db, CliActor());
    auto report = commands.Rename({o.code, o.name, o.on, o.reason, o.kind, !o.keep_names});
    if (!report.ok()) return report.status();
    if (o.json) {
      PrintJson(org::ToJson(*report));
      return Status::Ok();
    }
    std::cout << "已更名：";
    PrintUnit(report->unit);
    for (const auto& n : report->namesakes) std::cout << "  一并更名：" << n.unit.name << " → " << n.new_name << "\n";
    return Status::Ok();
  });
  rename->add_option("code,--org", o->code, "单位代码")->required();
  rename->add_option("--name", o->name, "新名称")->required();
  rename->add_option("--on,--date", o->on, "生效日期")->required();
  rename->add_option("--reason", o->reason, "变更原因（如批复文号）")->required();
  rename->add_option("--kind", o->kind, "新类型（同一层级，如 county_city 县级市、district 市辖区）");
  rename->add_flag("--keep-names", o->keep_names, "不一并更名名称含原名的下属党组织和单位");

  auto* merge = Sub(org_app, "merge", "合并单位：下级和人员并入另一单位", o, exit_code, [](Opened& db, OrgOptions& o) {
    org::OrgCommands commands(*db.db, CliActor(), MergeListeners());
    auto report = commands.Merge({o.code, o.to, o.on, o.reason});
    if (!report.ok()) return report.status();
    if (o.json) {
      PrintJson(org::ToJson(*report));
    } else {
      std::cout << "已合并到：";
      PrintUnit(report->into);
      std::cout << "  随之调整下级单位 " << report->children_moved << " 个，人员 " << report->members_moved << " 人\n";
    }
    return Status::Ok();
  });
  merge->add_option("code,--org", o->code, "被合并的单位代码")->required();
  merge->add_option("--into", o->to, "并入的单位代码")->required();
  merge->add_option("--on,--date", o->on, "生效日期")->required();
  merge->add_option("--reason", o->reason, "变更原因（如批复文号）")->required();
}

}  // namespace jiceng::cli
