// The import framework's vocabulary (导入): a module declares the columns of
// its spreadsheet (Column), and implements Target to check and write one row;
// the framework reads the file, matches the header, checks each cell, runs the
// rows and reports (Report) every row's errors and the counts. Plain values.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/sheet.h"
#include "core/status.h"

namespace jiceng::imports {

struct Column;
// A cell's check: its value in canonical text ("2024-03-01", an 18-character ID number, a vocabulary's label),
// or Invalid with a Chinese message that names the column. Never called for an empty cell.
using CellCheck = std::function<Result<std::string>(const sheet::Cell&, const Column&)>;

struct Column {
  std::string key;                   // the field ("id_number"); a Target's Status field names it
  std::string name;                  // the Chinese header ("身份证号码"), in templates and messages
  std::vector<std::string> aliases;  // other accepted headers ("身份证号", "id_number")
  bool required = false;             // the header must be there and every row must fill the cell
  CellCheck check;                   // empty: Text (trimmed, one line)
  std::vector<std::string> vocabulary;  // the choices: the template's drop-down; a cell must be one of them
  std::string example;               // the template's example row
  double width = 14;                 // the template's column width in characters
  bool blank_ok = false;             // with `required`: the header must be there, but cells may be empty
  // A long vocabulary in a message, instead of every choice ("56 个民族名称"; empty: "可选的 N 项").
  std::string vocabulary_name;
};

struct Spec {
  std::string kind;          // "people": the URL /api/v1/imports/<kind>
  std::string title;         // "人员花名册": the template's sheet
  std::string audit_action;  // "person.import": the one audit record of an applied import
  std::vector<Column> columns;
};

// 新增 / 更新 / 跳过 (blank or unchanged rows).
enum class Outcome { kAdd, kUpdate, kSkip };

// One data row after the cell checks: by_column[i] is Spec::columns[i]'s value, nothing when the file has no such
// column, "" when the cell is empty or failed its check (failed[i]: the check refused it, and said why).
struct Values {
  int row = 0;  // as Excel shows it
  const Spec* spec = nullptr;
  std::vector<std::optional<std::string>> by_column;
  std::vector<bool> failed;
  bool any_failed = false;  // some cell of the row failed its check: the row is refused whatever the Target says
  // The value of `key` (empty when absent, blank or failed); Has: the file has the column.
  const std::string& Get(const std::string& key) const;
  bool Has(const std::string& key) const;
  bool Failed(const std::string& key) const;
};

struct RowError {
  int row = 0;          // as Excel shows it
  std::string column;   // the column's Chinese name; empty for the whole row
  std::string message;  // Chinese
};

struct Counts {
  int64_t rows = 0;  // data rows read (blank ones included)
  int64_t added = 0, updated = 0, skipped = 0, failed = 0;
};

struct Report {
  Counts counts;
  std::vector<RowError> errors;              // in row order; a file-level error is row 0
  std::vector<std::string> unknown_headers;  // headers that match no column (ignored)
  std::vector<std::string> header;           // the file's header row as written
  // The cells of every row with an error, as text, in the file's column order (the errors download).
  std::vector<std::pair<int, std::vector<std::string>>> bad_rows;
  bool applied = false;    // the transaction committed
  bool cancelled = false;  // stopped by the user; nothing changed
};

}  // namespace jiceng::imports
