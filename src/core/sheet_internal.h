// The pieces the sheet readers share (sheet.cc, sheet_xlsx.cc, sheet_xls.cc); not for use outside core/sheet*.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/sheet.h"

namespace jiceng::sheet::internal {

using RowSink = std::function<bool(const Row&)>;

Status ReadCsv(std::string_view bytes, const ReadLimits& limits, const RowSink& on_row);
Status ReadXlsx(std::string_view bytes, const ReadLimits& limits, const RowSink& on_row);
Status ReadXls(std::string_view bytes, const ReadLimits& limits, const RowSink& on_row);

// Excel's column letters for a 0-based column: 0 → "A", 27 → "AB".
std::string ColumnName(int column);

// Shared checks, so every format words its limit errors the same way.
Status TooManyRows(const ReadLimits& limits);
Status TooManyColumns(const ReadLimits& limits, int row);
Status CellTooLong(const ReadLimits& limits, int row, int column);

// Drops trailing empty cells; true when the row holds anything (empty rows are skipped).
bool TrimRow(Row* row);

}  // namespace jiceng::sheet::internal
