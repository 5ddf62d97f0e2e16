// jiceng dues ledger: a Party branch's monthly dues ledger (党费收缴台账) on the command line.
#include <iostream>

#include "cli/app.h"
#include "modules/membership/json.h"
#include "modules/membership/queries.h"

namespace jiceng::cli {

void AddDuesCommands(CLI::App& app, int& exit_code) {
  struct Options {
    std::string db, org, month;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* dues = app.add_subcommand("dues", "党费：按党支部的月度收缴台账");
  dues->require_subcommand(1);
  CLI::App* ledger = dues->add_subcommand("ledger", "党支部某月的党费收缴台账：每名党员的应缴、实缴、欠缴和合计");
  ledger->add_option("--db", o->db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  ledger->add_option("--org", o->org, "党支部代码")->required();
  ledger->add_option("--month", o->month, "月份，如 2026-11")->required();
  ledger->add_flag("--json", o->json, "以 JSON 输出");
  ledger->callback([o, &exit_code] {
    if (!membership::Month::Parse(o->month)) {
      return void(exit_code = Fail(Status::Invalid("month", "月份应为“年-月”，如 2026-11：" + o->month)));
    }
    auto opened = OpenDatabase(o->db);
    if (!opened.ok()) return void(exit_code = Fail(opened.status()));
    // The command line reads as the org department of the branch asked about.
    auto acting = ActAsOrgDepartment(*opened->db, o->org);
    if (!acting.ok()) return void(exit_code = Fail(acting.status()));
    const accounts::Principal& caller = *acting;
    membership::DuesQueries queries(*opened->db, caller);
    membership::LedgerRequest q;
    q.org = o->org;
    q.month = o->month;
    q.page_size = membership::kMaxLedgerPageSize;
    auto result = queries.LedgerOf(q);
    if (!result.ok()) return void(exit_code = Fail(result.status()));
    while (static_cast<int64_t>(result->rows.size()) < result->total) {
      q.page++;
      auto more = queries.LedgerOf(q);
      if (!more.ok()) return void(exit_code = Fail(more.status()));
      for (auto& r : more->rows) result->rows.push_back(std::move(r));
    }
    result->page_size = static_cast<int>(result->rows.size());
    if (o->json) return PrintJson(membership::ToJson(*result));
    using membership::Yuan;
    std::cout << result->org_name << "党费收缴台账（" << result->month.ToString() << "）\n";
    std::cout << "序号\t姓名\t类别\t应缴\t实缴\t欠缴\t状态\t连续欠缴月数\n";
    int n = 0;
    for (const auto& r : result->rows) {
      const auto& m = r.month;
      std::cout << ++n << "\t" << m.name << "\t" << (m.has_basis ? membership::BasisKindName(m.kind) : "未核定") << "\t"
                << Yuan(m.due_fen) << "\t" << Yuan(m.paid_fen) << "\t" << Yuan(m.owed_fen) << "\t"
                << membership::RecordStateName(m.state) << "\t" << m.arrears_months << "\n";
    }
    const auto& t = result->totals;
    std::cout << "合计（" << t.members << " 人）\t\t\t" << Yuan(t.due_fen) << "\t" << Yuan(t.paid_fen) << "\t"
              << Yuan(t.owed_fen) << "\n";
  });
}

}  // namespace jiceng::cli
