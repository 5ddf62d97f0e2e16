#include "modules/imports/files.h"

#include "core/sheet.h"

namespace jiceng::imports {

std::string JoinErrors(const std::vector<RowError>& errors, int row) {
  std::string out;
  for (const RowError& e : errors) {
    if (e.row != row) continue;
    if (!out.empty()) out += "；";
    out += e.column.empty() ? e.message : e.column + "：" + e.message;
  }
  return out;
}

Result<std::string> TemplateXlsx(const Spec& spec, const std::map<std::string, std::string>& example_cells) {
  sheet::Sheet s;
  s.name = spec.title;
  std::vector<std::string> example;
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    const Column& c = spec.columns[i];
    s.header.push_back(c.required ? c.name + "*" : c.name);
    s.widths.push_back(c.width);
    auto own = example_cells.find(c.key);
    example.push_back(own != example_cells.end() ? own->second : c.example);
    if (!c.vocabulary.empty()) s.validations.push_back({static_cast<int>(i), c.vocabulary});
  }
  s.rows.push_back(std::move(example));
  s.landscape = true;
  return sheet::WriteXlsx({s});
}

Result<std::string> ErrorsXlsx(const Spec& spec, const Report& report) {
  sheet::Sheet s;
  s.name = "错误";
  s.title = spec.title + "导入错误";
  s.meta.push_back("共 " + std::to_string(report.counts.failed) + " 行有误；改正后可直接导入本文件");
  s.header = report.header;
  while (!s.header.empty() && s.header.back().empty()) s.header.pop_back();
  const size_t width = s.header.size();
  s.header.push_back("错误原因");
  for (size_t i = 0; i < width; ++i) s.widths.push_back(14);
  s.widths.push_back(60);
  // Rows with no line of their own (the file's errors) come first.
  std::string file_errors = JoinErrors(report.errors, 0);
  if (!file_errors.empty()) {
    std::vector<std::string> row(width);
    row.push_back(file_errors);
    s.rows.push_back(std::move(row));
  }
  size_t next = 0;  // errors are in row order, as are the bad rows
  for (const auto& [number, cells] : report.bad_rows) {
    std::vector<std::string> row = cells;
    row.resize(width);
    std::string why;
    while (next < report.errors.size() && report.errors[next].row < number) ++next;
    for (; next < report.errors.size() && report.errors[next].row == number; ++next) {
      const RowError& e = report.errors[next];
      why += (why.empty() ? "" : "；") + (e.column.empty() ? e.message : e.column + "：" + e.message);
    }
    row.push_back("第 " + std::to_string(number) + " 行：" + why);
    s.rows.push_back(std::move(row));
  }
  return sheet::WriteXlsx({s});
}

}  // namespace jiceng::imports
