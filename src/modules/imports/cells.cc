#include "modules/imports/cells.h"

#include <cmath>
#include <cstdio>
#include <regex>

#include "core/id_number.h"
#include "core/text.h"
#include "modules/imports/header.h"

namespace jiceng::imports {
namespace {

Status Bad(const Column& column, const std::string& message) { return Status::Invalid(column.key, message); }

// The most choices a refused cell's message lists one by one.
constexpr size_t kVocabularySpelledOut = 12;

std::string Quoted(std::string_view text) { return "“" + std::string(text) + "”"; }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Excel's serial day 1 is 1900-01-01, and it counts a 1900-02-29 that never was (day 60): from day 61 on, day 0
// is 1899-12-30.
std::optional<Date> FromSerial(double serial) {
  if (!(serial >= 1 && serial < 2958466)) return std::nullopt;  // 9999-12-31
  auto days = static_cast<int64_t>(std::floor(serial));
  if (days == 60) return std::nullopt;
  if (days < 60) days += 1;
  static const Date kEpoch = *Date::FromYmd(1899, 12, 30);
  return kEpoch.AddDays(days);
}

}  // namespace

std::string Trim(std::string_view text) {
  auto space = [](std::string_view s, size_t at, size_t* len) {
    if (at < s.size() && (s[at] == ' ' || s[at] == '\t' || s[at] == '\r' || s[at] == '\n')) return *len = 1, true;
    if (s.substr(at, 3) == "\xE3\x80\x80") return *len = 3, true;  // U+3000
    if (s.substr(at, 2) == "\xC2\xA0") return *len = 2, true;      // U+00A0
    return false;
  };
  size_t begin = 0, len = 0;
  while (begin < text.size() && space(text, begin, &len)) begin += len;
  size_t end = text.size();
  while (end > begin) {
    bool cut = false;
    for (size_t n : {1, 2, 3}) {
      if (end - begin >= n && space(text, end - n, &len) && len == n) {
        end -= n;
        cut = true;
        break;
      }
    }
    if (!cut) break;
  }
  return std::string(text.substr(begin, end - begin));
}

std::string CellText(const sheet::Cell& cell) {
  switch (cell.kind) {
    case sheet::Cell::Kind::kBool:
      return cell.number != 0 ? "TRUE" : "FALSE";
    case sheet::Cell::Kind::kEmpty:
      return "";
    default:
      return Trim(cell.text);
  }
}

Result<std::string> TextCell(const sheet::Cell& cell, const Column& column) {
  std::string text = CellText(cell);
  if (Status st = CheckSingleLine(column.key, text, column.name); !st.ok()) return st;
  if (Utf8Length(text) > 200) return Bad(column, column.name + "不能超过 200 个字");
  return text;
}

Result<std::string> IntegerCell(const sheet::Cell& cell, const Column& column) {
  if (cell.kind == sheet::Cell::Kind::kNumber) {
    if (cell.number != std::floor(cell.number) || std::fabs(cell.number) > 9e15) {
      return Bad(column, column.name + "应为整数，" + Quoted(cell.text) + "不是整数");
    }
    return std::to_string(static_cast<int64_t>(cell.number));
  }
  std::string text = CellText(cell);
  std::string_view digits = text;
  if (!digits.empty() && digits[0] == '-') digits.remove_prefix(1);
  if (!AllDigits(digits) || digits.size() > 15) {
    return Bad(column, column.name + "应为整数，" + Quoted(text) + "不是整数");
  }
  return std::to_string(std::stoll(text));
}

Result<std::string> VocabularyCell(const sheet::Cell& cell, const Column& column) {
  const std::string text = CellText(cell);
  for (const std::string& choice : column.vocabulary) {
    if (choice == text) return choice;  // the common case, without normalizing anything
  }
  const std::string key = NormalizeHeader(text);
  for (const std::string& choice : column.vocabulary) {
    if (NormalizeHeader(choice) == key) return choice;
  }
  // A short list is spelled out; a long one (56 民族) would make the message a dozen lines tall in the preview.
  if (column.vocabulary.size() > kVocabularySpelledOut) {
    const std::string all = column.vocabulary_name.empty()
                                ? "可选的 " + std::to_string(column.vocabulary.size()) + " 项"
                                : column.vocabulary_name;
    const bool figure_first = !all.empty() && all[0] >= '0' && all[0] <= '9';  // a space before a figure
    return Bad(column, column.name + Quoted(text) + (figure_first ? "不在 " : "不在") + all + "中，请按模板的下拉列表选择");
  }
  std::string choices;
  for (const std::string& choice : column.vocabulary) choices += (choices.empty() ? "" : "、") + choice;
  return Bad(column, column.name + Quoted(text) + "无效，应为以下之一：" + choices);
}

Result<Date> ParseDateCell(const sheet::Cell& cell, std::string_view column_name) {
  const std::string name(column_name);
  if (cell.kind == sheet::Cell::Kind::kNumber) {
    if (!cell.date_formatted && cell.number >= 10000000 && cell.number <= 99991231 &&
        cell.number == std::floor(cell.number)) {
      // 20240301 typed as a number: read it as text below.
    } else if (auto date = FromSerial(cell.number)) {
      return *date;
    } else {
      return Status::Invalid("", name + Quoted(cell.text) + "不是有效的日期");
    }
  }
  std::string text = CellText(cell);
  // A time of day after the date ("2024-03-01 00:00:00") says nothing more.
  if (auto space = text.find(' '); space != std::string::npos && text.find(':', space) != std::string::npos) {
    text = Trim(text.substr(0, space));
  }
  static const std::regex kSeparated(R"(^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*(?:日)?$)");
  static const std::regex kCompact(R"(^(\d{4})(\d{2})(\d{2})$)");
  std::smatch m;
  if (std::regex_match(text, m, kSeparated) || std::regex_match(text, m, kCompact)) {
    auto date = Date::FromYmd(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
    if (date && date->year() >= 1900) return *date;
    return Status::Invalid("", name + Quoted(text) + "不是有效的日期（该月没有这一天）");
  }
  return Status::Invalid("", name + Quoted(text) +
                                 "不是有效的日期，请写成 2024-03-01、2024/3/1、2024年3月1日 或 20240301");
}

Result<std::string> DateCell(const sheet::Cell& cell, const Column& column) {
  auto date = ParseDateCell(cell, column.name);
  if (!date.ok()) return Status::Invalid(column.key, date.status().message());
  return date->ToString();
}

Result<std::string> IdNumberCell(const sheet::Cell& cell, const Column& column, Date today) {
  if (cell.kind == sheet::Cell::Kind::kNumber) return Bad(column, kIdDigitsLost);
  std::string text = CellText(cell);
  static const std::regex kScientific(R"(^\d(\.\d+)?[eE]\+?\d+$)");
  if (std::regex_match(text, kScientific)) return Bad(column, kIdDigitsLost);
  if (!text.empty() && text.back() == 'x') text.back() = 'X';
  if (text.size() == 18 && AllDigits(text) && text.compare(15, 3, "000") == 0 &&
      IdCheckCharacter(std::string_view(text).substr(0, 17)) != text[17]) {
    return Bad(column, kIdDigitsLost);
  }
  auto id = ParseIdNumber(text, today);
  if (!id.ok()) return Bad(column, id.status().message());
  return id->value;
}

}  // namespace jiceng::imports
