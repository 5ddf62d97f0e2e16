// The shared cell checks of every import: text, integers, dates, vocabularies
// and ID numbers, each taking a spreadsheet cell and its Column and giving the
// value in canonical text or an Invalid Status whose message names the column
// ("完成时限“2024-02-30”不是有效的日期"). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/sheet.h"
#include "core/status.h"
#include "modules/imports/model.h"

namespace jiceng::imports {

// The cell as text, trimmed: a text cell's text, a number's shortest decimal form, TRUE/FALSE.
std::string CellText(const sheet::Cell& cell);
std::string Trim(std::string_view text);

// Trimmed, one line (core/text.h CheckSingleLine), at most 200 characters.
Result<std::string> TextCell(const sheet::Cell& cell, const Column& column);
// A whole number, written as its decimal digits.
Result<std::string> IntegerCell(const sheet::Cell& cell, const Column& column);
// One of column.vocabulary (spaces and full-width letters ignored), written as the vocabulary spells it.
Result<std::string> VocabularyCell(const sheet::Cell& cell, const Column& column);
// A date as "YYYY-MM-DD": an Excel serial number (date-formatted or not), or text 2024-03-01, 2024/3/1,
// 2024.3.1, 2024年3月1日, 20240301 (a time of day after it is ignored). Impossible dates are refused.
Result<Date> ParseDateCell(const sheet::Cell& cell, std::string_view column_name);
Result<std::string> DateCell(const sheet::Cell& cell, const Column& column);
// An 18-character ID number (GB 11643, core/id_number.h), a final x upper-cased. A number cell, text in
// scientific notation ("6.30102E+17"), or 18 digits ending in 000 that fail the check character are the marks
// of a column Excel stored as numbers: the message says the last digits are lost.
Result<std::string> IdNumberCell(const sheet::Cell& cell, const Column& column, Date today);
inline constexpr const char* kIdDigitsLost =
    "身份证号被 Excel 存成了数字，末几位已丢失，请把该列设为文本后重新填写";

}  // namespace jiceng::imports
