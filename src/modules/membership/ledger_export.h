// The branch's monthly dues ledger (党费收缴台账) as an .xlsx workbook in the layout branches keep on paper —
// 序号, 姓名, 类别, 月缴费基数, 比例, 应缴, 实缴, 欠缴, 状态, 交纳日期, 方式, 连续欠缴月数 — with a 合计 row, and the
// month's voluntary payments on a second sheet; written by the one spreadsheet writer (core/sheet.h), with the
// org, the filters and the export time under the title (core/export.h). Print setup comes with it.
#pragma once

#include <string>

#include "core/status.h"
#include "modules/membership/queries.h"

namespace jiceng::membership {

struct LedgerFile {
  std::string file_name;  // "<branch>党费收缴台账2026-11.xlsx"
  std::string bytes;
};
// Every member of the month (the request's filters apply; its page does not).
Result<LedgerFile> LedgerWorkbook(store::Connection& db, const accounts::Principal& caller, LedgerRequest request);

}  // namespace jiceng::membership
