// The ledger export (台账): any filtered item list, or the overdue report, as
// an .xlsx workbook in the layout county offices use — 序号, 问题, 措施,
// 责任单位, 责任人, 包联领导, 完成时限, 进展情况, 状态 — written with
// libxlsxwriter. Returns the file's bytes.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "modules/duty/queries.h"

namespace jiceng::duty {

// Problems are followed by their measures; a measure's row names its problem in 问题.
Result<std::string> LedgerXlsx(const std::string& title, const std::vector<ItemView>& items,
                               const std::vector<std::vector<ItemView>>& measures);
Result<std::string> ReportXlsx(const OverdueReport& report);

}  // namespace jiceng::duty
