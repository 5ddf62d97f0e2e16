// The audit log as a file for the audit administrator (.xlsx or .csv): the records of the audit page's filters
// and scope, newest first, with the org, the filters in Chinese and the export time above the header.
#pragma once

#include <string>
#include <vector>

#include "modules/audit/queries.h"

namespace jiceng::audit {

// An export reads at most this many records; more is refused with a message saying how to narrow it.
inline constexpr int kExportLimit = 50000;

struct AuditExport {
  std::string org_name;           // the subtree the records belong to
  std::vector<std::string> meta;  // 单位, 筛选, 导出时间
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// Checks the caller as ListAudit does (the audit administrator only, within their subtree).
Result<AuditExport> ExportAudit(store::Connection& db, const accounts::Principal& caller, const AuditRequest& request);

Result<std::string> AuditXlsx(const AuditExport& e);
// The meta lines first (one field each), an empty line, then the header and the records.
std::string AuditCsv(const AuditExport& e);

}  // namespace jiceng::audit
