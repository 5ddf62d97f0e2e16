// .xls (BIFF5/BIFF8) through libfreexl. freexl 1.0.6 opens only paths, so the bytes go to a private (0600)
// temporary file that is unlinked as soon as freexl holds it open.
#include <freexl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "core/date.h"
#include "core/sheet_internal.h"

namespace jiceng::sheet::internal {
namespace {

constexpr int64_t kSerialOfEpoch = 25569;  // 1970-01-01 as an Excel (1900 system) serial

// freexl gives dates as text: "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" or "HH:MM:SS"; back to a serial.
std::optional<double> Serial(const char* text, int type) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  double days = 0;
  if (type == FREEXL_CELL_TIME) {
    if (std::sscanf(text, "%d:%d:%d", &h, &mi, &s) != 3) return std::nullopt;
  } else {
    int n = std::sscanf(text, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s);
    if (n != 3 && n != 6) return std::nullopt;
    auto date = Date::FromYmd(y, mo, d);
    if (!date) return std::nullopt;
    days = static_cast<double>(date->days() + kSerialOfEpoch);
  }
  return days + (h * 3600 + mi * 60 + s) / 86400.0;
}

struct Handle {
  const void* xls = nullptr;
  ~Handle() {
    if (xls) freexl_close(xls);
  }
};

}  // namespace

Status ReadXls(std::string_view bytes, const ReadLimits& limits, const RowSink& on_row) {
  std::error_code ec;
  std::string path = std::filesystem::temp_directory_path(ec).string();
  if (ec) path = "/tmp";
  path += "/jiceng-xls-XXXXXX";
  int fd = ::mkstemp(path.data());
  if (fd < 0) return Status::Internal("无法创建临时文件以读取 .xls");
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  ::close(fd);
  Handle h;
  int rc = written == bytes.size() ? freexl_open(path.c_str(), &h.xls) : FREEXL_FILE_NOT_FOUND;
  ::unlink(path.c_str());
  if (rc == FREEXL_OK && !h.xls) rc = FREEXL_CRAFTED_FILE;  // freexl 1.0.6 does this on some files (an empty string cell)
  if (rc != FREEXL_OK) {
    if (rc == FREEXL_BIFF_WORKBOOK_NOT_FOUND) return Status::Invalid("file", "不是 Excel 工作簿（.xls 文件中没有工作簿）");
    if (rc == FREEXL_FILE_NOT_FOUND) return Status::Internal("无法写入临时文件以读取 .xls");
    return Status::Invalid("file", ".xls 文件已损坏或格式不受支持（错误码 " + std::to_string(rc) + "），请另存为 .xlsx 后再上传");
  }
  unsigned int info = 0;
  if (freexl_get_info(h.xls, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED) {
    return Status::Invalid("file", ".xls 文件设有密码，请先取消密码再上传");
  }
  if (freexl_get_info(h.xls, FREEXL_BIFF_SHEET_COUNT, &info) != FREEXL_OK || info == 0) {
    return Status::Invalid("file", ".xls 文件中没有工作表");
  }
  if (freexl_select_active_worksheet(h.xls, 0) != FREEXL_OK) {
    return Status::Invalid("file", ".xls 文件的第一个工作表无法读取");
  }
  unsigned int rows = 0;
  unsigned short columns = 0;
  if (freexl_worksheet_dimensions(h.xls, &rows, &columns) != FREEXL_OK) {
    return Status::Invalid("file", ".xls 文件的第一个工作表无法读取");
  }
  Row row;
  for (unsigned int r = 0; r < rows; ++r) {
    row.number = static_cast<int>(r) + 1;
    row.cells.clear();
    for (unsigned short c = 0; c < columns; ++c) {
      FreeXL_CellValue v;
      if (freexl_get_cell_value(h.xls, r, c, &v) != FREEXL_OK) {
        return Status::Invalid("file", "第 " + std::to_string(row.number) + " 行 " + ColumnName(c) + " 列无法读取");
      }
      Cell cell;
      switch (v.type) {
        case FREEXL_CELL_INT:
          cell.kind = Cell::Kind::kNumber;
          cell.number = v.value.int_value;
          break;
        case FREEXL_CELL_DOUBLE:
          cell.kind = Cell::Kind::kNumber;
          cell.number = v.value.double_value;
          break;
        case FREEXL_CELL_TEXT:
        case FREEXL_CELL_SST_TEXT:
          cell.kind = Cell::Kind::kText;
          cell.text = v.value.text_value ? v.value.text_value : "";
          break;
        case FREEXL_CELL_DATE:
        case FREEXL_CELL_DATETIME:
        case FREEXL_CELL_TIME:
          if (auto serial = v.value.text_value ? Serial(v.value.text_value, v.type) : std::nullopt) {
            cell.kind = Cell::Kind::kNumber;
            cell.number = *serial;
            cell.date_formatted = true;
          } else {
            cell.kind = Cell::Kind::kText;
            cell.text = v.value.text_value ? v.value.text_value : "";
          }
          break;
        default:
          break;
      }
      if (cell.kind == Cell::Kind::kNumber) cell.text = NumberText(cell.number);
      if (!cell.empty()) {
        if (row.number > 0 && static_cast<size_t>(row.number) > limits.max_rows) return TooManyRows(limits);
        if (c >= limits.max_columns) return TooManyColumns(limits, row.number);
        if (cell.text.size() > limits.max_cell_bytes) return CellTooLong(limits, row.number, c);
      }
      row.cells.push_back(std::move(cell));
    }
    if (!TrimRow(&row)) continue;
    if (!on_row(row)) return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace jiceng::sheet::internal
