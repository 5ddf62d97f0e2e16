// What every export shares (people, audit, duty ledgers and reports): the meta lines each sheet carries under
// its title — the org, the filters in Chinese, the export date-time — and CSV text as Excel/WPS open it.
// Plain functions, no state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jiceng {

// {"单位：<org>", "筛选：<filters>" ("无（全部）" when empty), "导出时间：YYYY-MM-DD HH:MM:SS"} (Asia/Shanghai, core/date.h
// ExportDateTime: the one way every export writes a moment).
std::vector<std::string> ExportMeta(std::string_view org_name, std::string_view filters);

// Joins "名称：值" parts with "；" (the filters' line).
std::string JoinFilters(const std::vector<std::string>& parts);

// RFC 4180 text with a UTF-8 byte-order mark (without it Excel reads the Chinese as GBK) and CRLF line ends;
// fields quoted when needed and text that would start a formula (= + - @) guarded with an apostrophe.
std::string CsvText(const std::vector<std::vector<std::string>>& rows);

}  // namespace jiceng
