// jiceng orglife report: per branch of an org's subtree, the meetings required and held by kind in a period and
// whether the branch is behind (未按期), as the 按期情况 page shows them.
#include <iostream>

#include "cli/app.h"
#include "modules/orglife/json.h"
#include "modules/orglife/queries.h"

namespace jiceng::cli {

void AddOrglifeCommands(CLI::App& app, int& exit_code) {
  struct Options {
    std::string db, org, period;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* orglife = app.add_subcommand("orglife", "组织生活");
  orglife->require_subcommand(1);
  CLI::App* report = orglife->add_subcommand("report", "三会一课按期情况：各党支部应开、已开次数和是否未按期");
  report->add_option("--db", o->db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  report->add_option("--org", o->org, "单位代码（报告其下全部党支部）")->required();
  report->add_option("--period", o->period, "统计周期：2026Q4、2026-11 或 2026（默认本季度）");
  report->add_flag("--json", o->json, "以 JSON 输出");
  report->callback([o, &exit_code] {
    auto opened = OpenDatabase(o->db);
    if (!opened.ok()) return void(exit_code = Fail(opened.status()));
    // The command line acts as the org department of the unit asked about.
    auto acting = ActAsOrgDepartment(*opened->db, o->org);
    if (!acting.ok()) return void(exit_code = Fail(acting.status()));
    const accounts::Principal& caller = *acting;
    orglife::OrglifeQueries queries(*opened->db, caller);
    auto first = queries.ComplianceOf(o->org, o->period, false, 1, orglife::kMaxPageSize);
    if (!first.ok()) return void(exit_code = Fail(first.status()));
    orglife::Compliance all = *first;
    for (int page = 2; static_cast<int64_t>(all.rows.size()) < all.total; ++page) {
      auto next = queries.ComplianceOf(o->org, o->period, false, page, orglife::kMaxPageSize);
      if (!next.ok()) return void(exit_code = Fail(next.status()));
      for (auto& row : next->rows) all.rows.push_back(std::move(row));
    }
    all.page = 1;
    all.page_size = static_cast<int>(all.rows.size());
    if (o->json) return PrintJson(orglife::ToJson(all));
    std::cout << all.org_name << " " << all.period.key << "：党支部 " << all.branches << " 个，未按期 " << all.behind
              << " 个\n";
    for (const auto& row : all.rows) {
      std::cout << row.name << (row.behind ? "\t未按期" : "\t按期");
      for (const auto& c : row.cells) {
        std::cout << "\t" << orglife::KindName(c.kind) << " "
                  << (c.applies ? std::to_string(c.held) + "/" + std::to_string(c.required) : std::string("—"));
      }
      std::cout << "\n";
    }
  });
}

}  // namespace jiceng::cli
