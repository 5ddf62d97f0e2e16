// The ledger export (台账): any filtered item list, or the overdue report, as
// an .xlsx workbook in the layout county offices use — 序号, 问题, 措施,
// 责任单位, 责任人, 包联领导, 完成时限, 进展情况, 状态 — written by the one
// spreadsheet writer (core/sheet.h). Every sheet carries the org, the filters
// and the export time under its title (core/export.h). Returns the file's bytes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "modules/duty/queries.h"

namespace jiceng::duty {

// A list's filters in Chinese for the 筛选 line ("类型：问题；状态：整改中；…"; empty when none). `org_name` and
// `leader_name` name the org and leader filters when the caller knows them.
std::string DescribeFilters(const ListRequest& request, const std::string& org_name, const std::string& leader_name);

// Problems are followed by their measures; a measure's row names its problem in 问题 (`problem_titles` gives
// the titles of the problems of measures listed on their own, by problem id).
Result<std::string> LedgerXlsx(const std::string& title, const std::vector<std::string>& meta,
                               const std::vector<ItemView>& items, const std::vector<std::vector<ItemView>>& measures,
                               const std::map<int64_t, std::string>& problem_titles);
// Two sheets, as the report page counts them: 逾期未整改 (overdue) and 临期未整改 (due within the due-soon days,
// not yet overdue); a measure's row names its problem in 问题.
Result<std::string> ReportXlsx(const OverdueReport& report);

// The items export reads at most this many items at once; more is refused with a clear message.
inline constexpr int kLedgerExportLimit = 1000;

struct LedgerFile {
  std::string file_name;  // "<org>问题整改台账.xlsx"
  std::string bytes;
};
// The caller's filtered item list (the list page's filters and scope) as a ledger: problems with their measures
// under them, a measure whose problem the filters left out on its own row with its problem named.
Result<LedgerFile> ItemsLedger(store::Connection& db, const accounts::Principal& caller, ListRequest request);

}  // namespace jiceng::duty
