// Spreadsheets in and out: the one reader every import uses and the one
// writer every export, template and error file uses.
//
// Reading: the first worksheet of an .xlsx (Excel, WPS; minizip + expat,
// streamed row by row), an .xls (BIFF, libfreexl) or a .csv (UTF-8, or
// GB18030/GBK as WPS saves it, detected and converted with ICU), held in
// memory as bytes. Rows reach the caller one at a time, so memory stays
// bounded by the file plus the shared-string table, whatever the row count.
// Malformed, truncated or oversized input (zip bombs, huge shared-string
// tables, too many rows or columns) is an Invalid status with a Chinese
// message; the reader never crashes on any input.
//
// Writing: a workbook of one or more sheets, each with a title line, meta
// lines (the org, the filters, the date), a header row, data rows, column
// widths, drop-down validations for vocabularies, and print setup
// (landscape, fit to width, repeated header row, page numbers in the footer).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace jiceng::sheet {

enum class Format { kXlsx, kXls, kCsv };

// Detects the format from the bytes (zip "PK\3\4" → xlsx, OLE2 compound
// file → xls, otherwise csv); the file name's extension only breaks ties and
// is checked against the bytes ("文件扩展名是 .xlsx，但内容不是 Excel 文件").
Result<Format> Detect(std::string_view bytes, std::string_view file_name);

struct Cell {
  enum class Kind { kEmpty, kText, kNumber, kBool, kError };
  Kind kind = Kind::kEmpty;
  std::string text;   // kText: the UTF-8 text; kNumber: NumberText(number) ("3", "0.25",
                      // "6.30102E+17" is never produced: 630102199001011234 → "630102199001011000");
                      // kBool: "TRUE"/"FALSE"; kError: "#N/A" and the like
  double number = 0;  // kNumber (and kBool as 0/1)
  // An Excel date format was applied to this number cell (xlsx styles / xls format), so `number`
  // is an Excel serial date. Text dates are left to the caller (see ParseDateCell in modules/imports).
  bool date_formatted = false;
  bool empty() const { return kind == Kind::kEmpty || (kind == Kind::kText && text.empty()); }
};

struct Row {
  int number = 0;           // 1-based row number as Excel shows it (csv: the record's line)
  std::vector<Cell> cells;  // column A is cells[0]; trailing empty cells may be absent
};

struct ReadLimits {
  size_t max_rows = 1'000'001;                     // header included
  size_t max_columns = 256;
  size_t max_cell_bytes = 32'767;                  // Excel's own cell limit
  size_t max_uncompressed_bytes = 1ull << 30;      // per zip entry; a zip bomb stops here
  size_t max_shared_strings_bytes = 256ull << 20;  // the whole shared-string table
};

// A number's text as the reader gives it and Excel shows it: at most 15 significant digits (Excel's precision),
// trailing zeros dropped, so the shortest decimal whenever that has 15 digits or fewer; no exponent below 1e21
// (630102199001011234 stored as a number → "630102199001011000"; 0.25 → "0.25"; 0.1 + 0.2 → "0.3").
std::string NumberText(double value);

// Streams the first worksheet's rows, in order, to `on_row`; returning false
// stops the read early (cancel) with Ok. Empty rows are skipped.
Status ReadRows(std::string_view bytes, Format format, const ReadLimits& limits,
                const std::function<bool(const Row&)>& on_row);

// ---- writing ----

struct Validation {
  int column = 0;                    // 0-based column with a drop-down list
  std::vector<std::string> choices;  // the vocabulary
};

struct Sheet {
  std::string name;                     // tab name (≤ 31 chars; made safe by the writer)
  std::string title;                    // merged title line; empty for none
  std::vector<std::string> meta;        // lines under the title: "单位：…", "筛选：…", "导出时间：…"
  std::vector<std::string> header;      // the header row (bold, frozen, repeated on every printed page)
  std::vector<double> widths;           // column widths in characters; missing ones default
  std::vector<std::vector<std::string>> rows;  // data; a cell is text unless numeric_columns says otherwise
  std::vector<int> numeric_columns;     // 0-based columns written as numbers when the text parses
  std::vector<Validation> validations;  // applied to the data rows (templates: rows 1..1000 below the header)
  bool landscape = true;
};

// The workbook's bytes (.xlsx), or Internal if libxlsxwriter fails.
Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets);

}  // namespace jiceng::sheet
