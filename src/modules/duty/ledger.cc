#include "modules/duty/ledger.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace jiceng::duty {
namespace {

// libxlsxwriter writes files; a private temporary file is read back and removed.
class Workbook {
 public:
  Workbook() {
    char name[] = "/tmp/jiceng-xlsx-XXXXXX";
    int fd = ::mkstemp(name);
    if (fd >= 0) ::close(fd);
    path_ = name;
    book_ = workbook_new(path_.c_str());
    header_ = workbook_add_format(book_);
    format_set_bold(header_);
    format_set_border(header_, LXW_BORDER_THIN);
    format_set_bg_color(header_, 0xF2F2F2);
    format_set_align(header_, LXW_ALIGN_CENTER);
    cell_ = workbook_add_format(book_);
    format_set_border(cell_, LXW_BORDER_THIN);
    format_set_text_wrap(cell_);
    format_set_align(cell_, LXW_ALIGN_VERTICAL_TOP);
    red_ = workbook_add_format(book_);
    format_set_border(red_, LXW_BORDER_THIN);
    format_set_font_color(red_, LXW_COLOR_RED);
    format_set_text_wrap(red_);
    title_ = workbook_add_format(book_);
    format_set_bold(title_);
    format_set_font_size(title_, 14);
  }
  ~Workbook() { ::unlink(path_.c_str()); }

  lxw_worksheet* Sheet(const char* name) { return workbook_add_worksheet(book_, name); }
  Result<std::string> Close() {
    if (!book_ || workbook_close(book_) != LXW_NO_ERROR) return Status::Internal("生成 Excel 文件失败");
    book_ = nullptr;
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }
  lxw_format *header_, *cell_, *red_, *title_;

 private:
  std::string path_;
  lxw_workbook* book_;
};

const char* kColumns[] = {"序号", "问题", "措施", "责任单位", "责任人", "包联领导", "完成时限", "进展情况", "状态"};
const double kWidths[] = {6, 36, 36, 20, 10, 10, 12, 24, 10};

std::string Progress(const ItemView& v) {
  std::string text = std::to_string(v.item.progress) + "%";
  if (v.deadline.overdue) text += "，逾期 " + std::to_string(v.deadline.days_overdue) + " 天";
  if (v.deadline.due_soon) text += "，剩 " + std::to_string(v.deadline.days_left) + " 天";
  return text;
}

void Header(Workbook& wb, lxw_worksheet* ws, const std::string& title) {
  worksheet_write_string(ws, 0, 0, title.c_str(), wb.title_);
  for (int c = 0; c < 9; ++c) {
    worksheet_set_column(ws, c, c, kWidths[c], nullptr);
    worksheet_write_string(ws, 1, c, kColumns[c], wb.header_);
  }
  worksheet_freeze_panes(ws, 2, 0);
}

void Row(Workbook& wb, lxw_worksheet* ws, int row, int number, const std::string& problem, const std::string& measure,
         const ItemView& v) {
  lxw_format* f = v.deadline.overdue ? wb.red_ : wb.cell_;
  worksheet_write_number(ws, row, 0, number, wb.cell_);
  worksheet_write_string(ws, row, 1, problem.c_str(), f);
  worksheet_write_string(ws, row, 2, measure.c_str(), f);
  worksheet_write_string(ws, row, 3, v.item.responsible_org_name.c_str(), f);
  worksheet_write_string(ws, row, 4, v.item.responsible_person ? v.item.responsible_person->name.c_str() : "", f);
  worksheet_write_string(ws, row, 5, v.item.leader ? v.item.leader->name.c_str() : "", f);
  worksheet_write_string(ws, row, 6, v.item.deadline.ToString().c_str(), f);
  worksheet_write_string(ws, row, 7, Progress(v).c_str(), f);
  worksheet_write_string(ws, row, 8, std::string(StateName(v.item.state)).c_str(), f);
}

}  // namespace

Result<std::string> LedgerXlsx(const std::string& title, const std::vector<ItemView>& items,
                               const std::vector<std::vector<ItemView>>& measures) {
  Workbook wb;
  lxw_worksheet* ws = wb.Sheet("问题清单");
  Header(wb, ws, title);
  int row = 2, number = 1;
  for (size_t i = 0; i < items.size(); ++i) {
    const ItemView& v = items[i];
    const bool measure = v.item.kind == ItemKind::kMeasure;
    Row(wb, ws, row++, number++, measure ? "" : v.item.title, measure ? v.item.title : "", v);
    if (i < measures.size()) {
      for (const ItemView& m : measures[i]) Row(wb, ws, row++, number++, v.item.title, m.item.title, m);
    }
  }
  return wb.Close();
}

Result<std::string> ReportXlsx(const OverdueReport& report) {
  Workbook wb;
  lxw_worksheet* ws = wb.Sheet("逾期未整改");
  Header(wb, ws, report.org_name + "逾期未整改情况（截至 " + report.as_of.ToString() + "）");
  int row = 2, number = 1;
  for (const auto& unit : report.units) {
    for (const auto& v : unit.items) {
      const bool measure = v.item.kind == ItemKind::kMeasure;
      Row(wb, ws, row++, number++, measure ? "" : v.item.title, measure ? v.item.title : "", v);
    }
  }
  return wb.Close();
}

}  // namespace jiceng::duty
