#include "core/export.h"

#include "core/date.h"

namespace jiceng {

std::vector<std::string> ExportMeta(std::string_view org_name, std::string_view filters) {
  return {"单位：" + std::string(org_name),
          "筛选：" + (filters.empty() ? std::string("无（全部）") : std::string(filters)),
          "导出时间：" + ExportDateTime(NowTimestamp())};
}

std::string JoinFilters(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += "；";
    out += part;
  }
  return out;
}

std::string CsvText(const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      std::string text = row[i];
      if (!text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos) text = "'" + text;
      if (text.find_first_of(",\"\r\n") == std::string::npos) {
        out += text;
        continue;
      }
      out += '"';
      for (char c : text) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace jiceng
