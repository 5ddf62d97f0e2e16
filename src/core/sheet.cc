#include "core/sheet.h"

#include <unicode/ucnv.h>

#include <charconv>
#include <cmath>
#include <memory>

#include "core/csv.h"
#include "core/sheet_internal.h"

namespace jiceng::sheet {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Extension(std::string_view file_name) {
  size_t slash = file_name.find_last_of("/\\");
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return "";
  return Lower(file_name.substr(dot));
}

bool ValidUtf8(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

// GB18030 (a superset of GBK and GB2312) to UTF-8; nullopt when the bytes are not GB18030 either.
std::optional<std::string> FromGb18030(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open("GB18030", &status), &ucnv_close);
  if (U_FAILURE(status)) return std::nullopt;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return std::nullopt;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> utf8(ucnv_open("UTF-8", &status), &ucnv_close);
  if (U_FAILURE(status)) return std::nullopt;
  // GB18030 → UTF-16 takes at most one unit per byte; a UTF-16 unit becomes at most 3 UTF-8 bytes.
  std::u16string wide(bytes.size() + 1, u'\0');
  const char* src = bytes.data();
  UChar* dst = reinterpret_cast<UChar*>(wide.data());
  ucnv_toUnicode(conv.get(), &dst, dst + wide.size(), &src, bytes.data() + bytes.size(), nullptr, true, &status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out(static_cast<size_t>(dst - reinterpret_cast<UChar*>(wide.data())) * 3 + 16, '\0');
  const UChar* wsrc = reinterpret_cast<const UChar*>(wide.data());
  const UChar* wend = dst;
  char* odst = out.data();
  ucnv_fromUnicode(utf8.get(), &odst, out.data() + out.size(), &wsrc, wend, nullptr, true, &status);
  if (U_FAILURE(status)) return std::nullopt;
  out.resize(odst - out.data());
  return out;
}

}  // namespace

std::string NumberText(double value) {
  if (!std::isfinite(value)) return value != value ? "NaN" : (value > 0 ? "Infinity" : "-Infinity");
  if (value == 0) return "0";
  // 15 significant digits, as Excel shows and keeps numbers, then the trailing zeros dropped: the shortest
  // decimal when that has 15 digits or fewer (0.25, 45352), and 0.1 + 0.2 is "0.3" as in Excel.
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific, 14);
  if (ec != std::errc()) return "0";
  std::string_view sci(buf, end - buf);
  // "-6.30102199001011e+17" → sign, digits "630102199001011", exponent 17.
  bool negative = sci.front() == '-';
  if (negative) sci.remove_prefix(1);
  size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  int exponent = 0;
  std::string_view exp_text = sci.substr(e + 1);
  if (!exp_text.empty() && exp_text.front() == '+') exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  if (exponent >= 21 || exponent < -20) {
    char shortest[64];
    auto done = std::to_chars(shortest, shortest + sizeof shortest, value);
    return std::string(shortest, done.ptr - shortest);
  }
  std::string out = negative ? "-" : "";
  int point = exponent + 1;  // digits before the decimal point
  if (point <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-point), '0');
    out += digits;
  } else if (static_cast<size_t>(point) >= digits.size()) {
    out += digits;
    out.append(point - digits.size(), '0');
  } else {
    out += digits.substr(0, point);
    out += '.';
    out += digits.substr(point);
  }
  return out;
}

Result<Format> Detect(std::string_view bytes, std::string_view file_name) {
  const std::string ext = Extension(file_name);
  if (bytes.empty()) return Status::Invalid("file", "文件是空的");
  const bool zip = bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
  const bool ole = bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  // The bytes decide; a spreadsheet saved under the other extension (.xls that is really .xlsx) still reads.
  if (zip) return Format::kXlsx;
  if (ole) return Format::kXls;
  if (ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".et") {
    return Status::Invalid(
        "file", "文件扩展名是 " + ext +
                    "，但内容不是 Excel 文件（可能是网页或文本另存的），请在 Excel 或 WPS 中另存为 .xlsx 后再上传");
  }
  if (ext.empty() || ext == ".csv" || ext == ".txt") return Format::kCsv;
  return Status::Invalid("file", "不支持的文件类型 " + ext + "，请上传 .xlsx、.xls 或 .csv 文件");
}

Status ReadRows(std::string_view bytes, Format format, const ReadLimits& limits,
                const std::function<bool(const Row&)>& on_row) {
  switch (format) {
    case Format::kXlsx:
      return internal::ReadXlsx(bytes, limits, on_row);
    case Format::kXls:
      return internal::ReadXls(bytes, limits, on_row);
    case Format::kCsv:
      return internal::ReadCsv(bytes, limits, on_row);
  }
  return Status::Internal("未知的表格格式");
}

namespace internal {

std::string ColumnName(int column) {
  std::string name;
  for (int c = column + 1; c > 0; c = (c - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
  return name;
}

Status TooManyRows(const ReadLimits& limits) {
  return Status::Invalid("file", "表格超过 " + std::to_string(limits.max_rows) + " 行（含表头），请分成几个文件导入");
}

Status TooManyColumns(const ReadLimits& limits, int row) {
  return Status::Invalid("file", "第 " + std::to_string(row) + " 行超过 " + std::to_string(limits.max_columns) +
                                     " 列，请删去多余的列后再导入");
}

Status CellTooLong(const ReadLimits& limits, int row, int column) {
  return Status::Invalid("file", "第 " + std::to_string(row) + " 行 " + ColumnName(column) + " 列的内容超过 " +
                                     std::to_string(limits.max_cell_bytes) + " 字节");
}

bool TrimRow(Row* row) {
  while (!row->cells.empty() && row->cells.back().empty()) row->cells.pop_back();
  return !row->cells.empty();
}

Status ReadCsv(std::string_view bytes, const ReadLimits& limits, const RowSink& on_row) {
  std::string text;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    if (!ValidUtf8(bytes)) return Status::Invalid("file", "文件标明是 UTF-8 编码，但含有无效的字符");
    text.assign(bytes);
  } else if (ValidUtf8(bytes)) {
    text.assign(bytes);
  } else if (auto converted = FromGb18030(bytes)) {
    text = std::move(*converted);
  } else {
    return Status::Invalid(
        "file", "无法识别 CSV 文件的编码（既不是 UTF-8，也不是 GBK/GB18030），请另存为 UTF-8 编码的 CSV 或 .xlsx");
  }
  CsvReader reader(std::move(text));
  std::vector<std::string> fields;
  Row row;
  size_t records = 0;
  while (true) {
    Result<bool> more = reader.Next(&fields);
    if (!more.ok()) return Status::Invalid("file", more.status().message());
    if (!*more) return Status::Ok();
    row.number = reader.line();
    if (++records > limits.max_rows) return TooManyRows(limits);
    row.cells.clear();
    for (size_t c = 0; c < fields.size(); ++c) {
      Cell cell;
      if (!fields[c].empty()) {
        if (c >= limits.max_columns) return TooManyColumns(limits, row.number);
        if (fields[c].size() > limits.max_cell_bytes) return CellTooLong(limits, row.number, static_cast<int>(c));
        cell.kind = Cell::Kind::kText;
        cell.text = std::move(fields[c]);
      }
      row.cells.push_back(std::move(cell));
    }
    if (!TrimRow(&row)) continue;
    if (!on_row(row)) return Status::Ok();
  }
}

}  // namespace internal
}  // namespace jiceng::sheet
