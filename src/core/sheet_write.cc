// WriteXlsx: libxlsxwriter (constant-memory mode, so a 100,000-row error file does not sit in memory) writes a
// private temporary file that is read back and removed.
#include <unistd.h>
#include <xlsxwriter.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "core/sheet.h"
#include "core/sheet_internal.h"

namespace jiceng::sheet {
namespace {

constexpr int kTemplateRows = 1000;       // drop-downs reach this far below the header even on an empty template
constexpr size_t kInlineListLimit = 255;  // Excel's limit on an inline "a,b,c" validation list
constexpr const char* kListsSheet = "下拉选项";

std::string TempDir() {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  return ec ? std::string("/tmp") : dir.string();
}

// Excel forbids []:*?/\ in tab names and allows 31 characters; names must differ.
std::string SafeName(const std::string& name, std::set<std::string>* used) {
  std::string clean;
  for (char c : name) {
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) clean.push_back(c);
  }
  while (!clean.empty() && clean.front() == '\'') clean.erase(clean.begin());
  while (!clean.empty() && clean.back() == '\'') clean.pop_back();
  auto cut = [](const std::string& s, size_t chars) {
    size_t i = 0, n = 0;
    while (i < s.size() && n < chars) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      i += c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
      ++n;
    }
    return s.substr(0, std::min(i, s.size()));
  };
  if (clean.empty()) clean = "Sheet";
  std::string base = cut(clean, 31);
  std::string candidate = base;
  for (int k = 2; used->count(candidate) || candidate == kListsSheet; ++k) {
    std::string suffix = std::to_string(k);  // built in steps: GCC 12 warns falsely on "(" + ... (-Wrestrict)
    suffix.insert(suffix.begin(), '(');
    suffix.push_back(')');
    candidate = cut(clean, 31 - suffix.size()) + suffix;
  }
  used->insert(candidate);
  return candidate;
}

std::optional<double> ParseNumber(const std::string& text) {
  if (text.empty()) return std::nullopt;
  double v = 0;
  const char* begin = text.data();
  if (*begin == '+') ++begin;
  auto [end, ec] = std::from_chars(begin, text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Display width of a header in Excel's character units (a CJK character takes two).
double TextWidth(const std::string& s) {
  double w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    w += len >= 3 ? 2 : 1;
    i += len;
  }
  return w;
}

class Writer {
 public:
  Writer() {
    char name[PATH_MAX];
    std::string pattern = TempDir() + "/jiceng-xlsx-XXXXXX";
    pattern.copy(name, pattern.size());
    name[pattern.size()] = '\0';
    int fd = ::mkstemp(name);  // 0600
    if (fd < 0) return;
    ::close(fd);
    path_ = name;
    tmpdir_ = TempDir();
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = tmpdir_.data();
    book_ = workbook_new_opt(path_.c_str(), &options);
    if (!book_) return;
    title_ = workbook_add_format(book_);
    format_set_bold(title_);
    format_set_font_size(title_, 14);
    format_set_align(title_, LXW_ALIGN_CENTER);
    format_set_align(title_, LXW_ALIGN_VERTICAL_CENTER);
    meta_ = workbook_add_format(book_);
    format_set_align(meta_, LXW_ALIGN_LEFT);
    header_ = workbook_add_format(book_);
    format_set_bold(header_);
    format_set_border(header_, LXW_BORDER_THIN);
    format_set_bg_color(header_, 0xF2F2F2);
    format_set_align(header_, LXW_ALIGN_CENTER);
    format_set_align(header_, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(header_);
    cell_ = workbook_add_format(book_);
    format_set_border(cell_, LXW_BORDER_THIN);
    format_set_align(cell_, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(cell_);
    number_ = workbook_add_format(book_);
    format_set_border(number_, LXW_BORDER_THIN);
    format_set_align(number_, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(number_, "General");
  }
  ~Writer() {
    if (book_) workbook_close(book_);  // only on an error path; the file is removed either way
    if (!path_.empty()) ::unlink(path_.c_str());
  }

  Status Add(const Sheet& sheet, std::set<std::string>* used) {
    if (!book_) return Status::Internal("生成 Excel 文件失败：无法创建临时文件");
    const std::string name = SafeName(sheet.name, used);
    lxw_worksheet* ws = workbook_add_worksheet(book_, name.c_str());
    if (!ws) return Status::Internal("生成 Excel 文件失败：无法添加工作表 " + name);
    const int columns = static_cast<int>(std::max<size_t>(1, sheet.header.size()));
    for (int c = 0; c < columns; ++c) {
      double width =
          c < static_cast<int>(sheet.widths.size()) && sheet.widths[c] > 0
              ? sheet.widths[c]
              : std::max(10.0, (c < static_cast<int>(sheet.header.size()) ? TextWidth(sheet.header[c]) : 0) + 2);
      worksheet_set_column(ws, c, c, width, nullptr);
    }
    lxw_row_t row = 0;
    auto line = [&](const std::string& text, lxw_format* format) -> lxw_error {
      lxw_error err = columns > 1 ? worksheet_merge_range(ws, row, 0, row, columns - 1, text.c_str(), format)
                                  : worksheet_write_string(ws, row, 0, text.c_str(), format);
      ++row;
      return err;
    };
    if (!sheet.title.empty()) {
      if (line(sheet.title, title_) != LXW_NO_ERROR) return Failed(name, row);
      worksheet_set_row(ws, row - 1, 24, nullptr);
    }
    for (const std::string& m : sheet.meta) {
      if (line(m, meta_) != LXW_NO_ERROR) return Failed(name, row);
    }
    const lxw_row_t header_row = row;
    for (size_t c = 0; c < sheet.header.size(); ++c) {
      if (worksheet_write_string(ws, row, c, sheet.header[c].c_str(), header_) != LXW_NO_ERROR) {
        return Failed(name, row + 1);
      }
    }
    ++row;
    worksheet_freeze_panes(ws, row, 0);
    std::vector<bool> numeric;
    for (int c : sheet.numeric_columns) {
      if (c >= 0) {
        if (numeric.size() <= static_cast<size_t>(c)) numeric.resize(c + 1);
        numeric[c] = true;
      }
    }
    for (const auto& values : sheet.rows) {
      for (size_t c = 0; c < values.size(); ++c) {
        const std::string& v = values[c];
        lxw_error err = LXW_NO_ERROR;
        std::optional<double> number = c < numeric.size() && numeric[c] ? ParseNumber(v) : std::nullopt;
        if (number) {
          err = worksheet_write_number(ws, row, c, *number, number_);
        } else if (v.empty()) {
          err = worksheet_write_blank(ws, row, c, cell_);
        } else {
          err = worksheet_write_string(ws, row, c, v.c_str(), cell_);
        }
        if (err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
          return Status::Internal("生成 Excel 文件失败：工作表 " + name + " 第 " + std::to_string(row + 1) + " 行 " +
                                  internal::ColumnName(static_cast<int>(c)) +
                                  " 列超过 Excel 单元格 32767 个字符的上限");
        }
        if (err != LXW_NO_ERROR) return Failed(name, row + 1);
      }
      ++row;
    }
    const lxw_row_t last = header_row + std::max<lxw_row_t>(kTemplateRows, static_cast<lxw_row_t>(sheet.rows.size()));
    for (const Validation& v : sheet.validations)
      JICENG_RETURN_IF_ERROR(AddValidation(ws, name, v, header_row + 1, last));
    if (sheet.landscape) {
      worksheet_set_landscape(ws);
    } else {
      worksheet_set_portrait(ws);
    }
    worksheet_set_paper(ws, 9);  // A4
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, header_row, header_row);
    worksheet_set_footer(ws, "&C第 &P 页 / 共 &N 页");
    return Status::Ok();
  }

  Result<std::string> Close() {
    if (!book_) return Status::Internal("生成 Excel 文件失败：无法创建临时文件");
    // The vocabularies too long for an inline list, on a hidden sheet after the others.
    if (!lists_.empty()) {
      lxw_worksheet* ws = workbook_add_worksheet(book_, kListsSheet);
      if (!ws) return Status::Internal("生成 Excel 文件失败：无法添加下拉选项表");
      size_t height = 0;
      for (const auto& l : lists_) height = std::max(height, l.size());
      for (size_t r = 0; r < height; ++r) {
        for (size_t c = 0; c < lists_.size(); ++c) {
          if (r < lists_[c].size()) worksheet_write_string(ws, r, c, lists_[c][r].c_str(), nullptr);
        }
      }
      worksheet_hide(ws);
    }
    lxw_error err = workbook_close(book_);
    book_ = nullptr;
    if (err != LXW_NO_ERROR) return Status::Internal(std::string("生成 Excel 文件失败：") + lxw_strerror(err));
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    if (!in.good() && !in.eof()) return Status::Internal("生成 Excel 文件失败：无法读回临时文件");
    return out.str();
  }

 private:
  Status Failed(const std::string& name, lxw_row_t row) {
    return Status::Internal("生成 Excel 文件失败：工作表 " + name + " 第 " + std::to_string(row) + " 行");
  }

  Status AddValidation(lxw_worksheet* ws, const std::string& name, const Validation& v, lxw_row_t first,
                       lxw_row_t last) {
    if (v.column < 0 || v.choices.empty()) return Status::Ok();
    size_t inline_length = 0;
    bool inline_ok = true;
    for (const std::string& c : v.choices) {
      inline_length += c.size() + 1;
      if (c.find(',') != std::string::npos || c.find('"') != std::string::npos) inline_ok = false;
    }
    if (inline_length - 1 > kInlineListLimit) inline_ok = false;
    lxw_data_validation dv = {};
    dv.validate = inline_ok ? LXW_VALIDATION_TYPE_LIST : LXW_VALIDATION_TYPE_LIST_FORMULA;
    dv.show_error = LXW_VALIDATION_ON;
    dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    dv.error_title = const_cast<char*>("输入值无效");
    dv.error_message = const_cast<char*>("请从下拉列表中选择");
    std::vector<char*> list;
    std::string formula;
    if (inline_ok) {
      for (const std::string& c : v.choices) list.push_back(const_cast<char*>(c.c_str()));
      list.push_back(nullptr);
      dv.value_list = list.data();
    } else {
      lists_.push_back(v.choices);
      const std::string column = internal::ColumnName(static_cast<int>(lists_.size() - 1));
      formula =
          std::string("='") + kListsSheet + "'!$" + column + "$1:$" + column + "$" + std::to_string(v.choices.size());
      dv.value_formula = formula.data();
    }
    if (worksheet_data_validation_range(ws, first, v.column, last, v.column, &dv) != LXW_NO_ERROR) {
      return Status::Internal("生成 Excel 文件失败：工作表 " + name + " 的下拉选项无效");
    }
    return Status::Ok();
  }

  std::string path_, tmpdir_;
  lxw_workbook* book_ = nullptr;
  lxw_format *title_ = nullptr, *meta_ = nullptr, *header_ = nullptr, *cell_ = nullptr, *number_ = nullptr;
  std::vector<std::vector<std::string>> lists_;
};

}  // namespace

Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets) {
  Writer writer;
  std::set<std::string> used;
  if (sheets.empty()) {
    JICENG_RETURN_IF_ERROR(writer.Add(Sheet{.name = "Sheet1"}, &used));
  }
  for (const Sheet& s : sheets) JICENG_RETURN_IF_ERROR(writer.Add(s, &used));
  return writer.Close();
}

}  // namespace jiceng::sheet
