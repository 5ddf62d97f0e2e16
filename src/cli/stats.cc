// jiceng stats: counts by level and kind, and people by political status.
#include <boost/json.hpp>
#include <iostream>

#include "cli/app.h"
#include "modules/org/json.h"
#include "modules/people/model.h"
#include "modules/people/queries.h"

namespace jiceng::cli {

void AddStatsCommand(CLI::App& app, int& exit_code) {
  struct Options {
    std::string db, as_of;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("stats", "按级别和类型统计组织，按政治面貌统计人员");
  cmd->add_option("--db", o->db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  cmd->add_option("--as-of", o->as_of, "统计日期（默认今天）");
  cmd->add_flag("--json", o->json, "以 JSON 输出");
  cmd->callback([o, &exit_code] {
    auto opened = OpenDatabase(o->db);
    if (!opened.ok()) return void(exit_code = Fail(opened.status()));
    Date as_of = Date::Today();
    if (!o->as_of.empty()) {
      auto d = Date::Parse(o->as_of);
      if (!d) return void(exit_code = Fail(Status::Invalid("as_of", "日期无效：" + o->as_of)));
      as_of = *d;
    }
    org::OrgQueries orgs(*opened->db);
    boost::json::object out = org::ToJson(orgs.Stats(as_of)).as_object();
    people::PeopleQueries people(*opened->db, opened->cipher);
    boost::json::object by_status;
    int64_t total = 0;
    for (const auto& [status, n] : people.CountByStatus()) {
      by_status[status] = n;
      total += n;
    }
    out["people"] = boost::json::object{{"total", total}, {"by_political_status", by_status}};
    if (o->json) return PrintJson(out);
    std::cout << "统计日期 " << as_of.ToString() << "\n";
    const auto& by_level = out["by_level"].as_object();
    for (int i = 0; i <= static_cast<int>(org::Level::kParty); ++i) {
      auto level = static_cast<org::Level>(i);
      auto n = by_level.find(org::LevelCode(level));
      if (n != by_level.end()) std::cout << "  " << org::LevelName(level) << "\t" << n->value().as_int64() << "\n";
    }
    std::cout << "人员 " << total << "\n";
    for (const auto& [status, n] : by_status) {
      auto parsed = people::ParseStatus(status);
      std::cout << "  " << (parsed ? std::string(people::StatusName(*parsed)) : std::string(status)) << "\t"
                << n.as_int64() << "\n";
    }
  });
}

}  // namespace jiceng::cli
