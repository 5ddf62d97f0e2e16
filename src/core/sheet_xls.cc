// .xls (BIFF5/BIFF8) through libfreexl, in a child process. freexl 1.0.6 opens only paths, so the bytes go to a
// private (0600) temporary file, unlinked as soon as freexl holds it open. Why a child: on damaged files
// freexl 1.0.6 reads past its heap buffers (found by sheet_fuzz_test under ASan), so it runs where a crash or a
// hang costs only that process; the rows come back over a pipe, and a child that dies is a Chinese Invalid error.
#include <fcntl.h>
#include <freexl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
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

// The read itself, in the child: the rows of the file at `path` to `on_row`.
Status ReadXlsFile(const std::string& path, const ReadLimits& limits, const RowSink& on_row) {
  Handle h;
  int rc = freexl_open(path.c_str(), &h.xls);
  ::unlink(path.c_str());
  if (rc == FREEXL_OK && !h.xls)
    rc = FREEXL_CRAFTED_FILE;  // freexl 1.0.6 does this on some files (an empty string cell)
  if (rc != FREEXL_OK) {
    if (rc == FREEXL_BIFF_WORKBOOK_NOT_FOUND)
      return Status::Invalid("file", "不是 Excel 工作簿（.xls 文件中没有工作簿）");
    if (rc == FREEXL_FILE_NOT_FOUND) return Status::Internal("无法读取 .xls 的临时文件");
    return Status::Invalid(
        "file", ".xls 文件已损坏或格式不受支持（错误码 " + std::to_string(rc) + "），请另存为 .xlsx 后再上传");
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

namespace {

// The pipe's records: 'R' row cells… for each row, then 'E' code message for the end.
void Put(std::string* out, const void* p, size_t n) { out->append(static_cast<const char*>(p), n); }
void PutU32(std::string* out, uint32_t v) { Put(out, &v, sizeof v); }

bool WriteAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

std::string EncodeRow(const Row& row) {
  std::string out = "R";
  PutU32(&out, static_cast<uint32_t>(row.number));
  PutU32(&out, static_cast<uint32_t>(row.cells.size()));
  for (const Cell& c : row.cells) {
    out.push_back(static_cast<char>(c.kind));
    out.push_back(c.date_formatted ? 1 : 0);
    Put(&out, &c.number, sizeof c.number);
    PutU32(&out, static_cast<uint32_t>(c.text.size()));
    out += c.text;
  }
  return out;
}

[[noreturn]] void Child(int fd, const std::string& path, const ReadLimits& limits) {
  ::alarm(120);  // a freexl that loops is ended by SIGALRM
  std::string batch;
  Status s = ReadXlsFile(path, limits, [&](const Row& row) {
    batch += EncodeRow(row);
    if (batch.size() >= (1 << 16)) {
      if (!WriteAll(fd, batch)) ::_exit(3);
      batch.clear();
    }
    return true;
  });
  batch += "E";
  batch.push_back(static_cast<char>(s.code()));
  PutU32(&batch, static_cast<uint32_t>(s.message().size()));
  batch += s.message();
  ::_exit(WriteAll(fd, batch) ? 0 : 3);
}

// Reads exactly n bytes from the child, waiting at most 120 s for each chunk.
class ChildReader {
 public:
  explicit ChildReader(int fd) : fd_(fd) {}
  bool Read(void* out, size_t n) {
    char* dst = static_cast<char*>(out);
    while (n > 0) {
      if (pos_ == buf_.size()) {
        pollfd p = {fd_, POLLIN, 0};
        if (::poll(&p, 1, 120'000) <= 0) return false;
        buf_.resize(1 << 16);
        ssize_t got = ::read(fd_, buf_.data(), buf_.size());
        if (got < 0 && errno == EINTR) {
          buf_.clear();
          pos_ = 0;
          continue;
        }
        if (got <= 0) return false;
        buf_.resize(static_cast<size_t>(got));
        pos_ = 0;
      }
      size_t take = std::min(n, buf_.size() - pos_);
      std::memcpy(dst, buf_.data() + pos_, take);
      pos_ += take;
      dst += take;
      n -= take;
    }
    return true;
  }
  bool U32(uint32_t* v) { return Read(v, sizeof *v); }
  bool Text(std::string* s, size_t limit) {
    uint32_t n = 0;
    if (!U32(&n) || n > limit) return false;
    s->resize(n);
    return Read(s->data(), n);
  }

 private:
  int fd_;
  std::string buf_;
  size_t pos_ = 0;
};

Status Damaged() {
  return Status::Invalid("file", ".xls 文件已损坏，无法读取，请在 Excel 或 WPS 中打开后另存为 .xlsx 再上传");
}

}  // namespace

Status ReadXls(std::string_view bytes, const ReadLimits& limits, const RowSink& on_row) {
  std::error_code ec;
  std::string path = std::filesystem::temp_directory_path(ec).string();
  if (ec) path = "/tmp";
  path += "/jiceng-xls-XXXXXX";
  int fd = ::mkstemp(path.data());  // 0600
  if (fd < 0) return Status::Internal("无法创建临时文件以读取 .xls");
  const bool written = WriteAll(fd, std::string(bytes));
  ::close(fd);
  if (!written) {
    ::unlink(path.c_str());
    return Status::Internal("无法写入临时文件以读取 .xls");
  }
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    ::unlink(path.c_str());
    return Status::Internal("无法读取 .xls（无法创建管道）");
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    ::unlink(path.c_str());
    return Status::Internal("无法读取 .xls（无法创建子进程）");
  }
  if (pid == 0) {
    ::close(pipe_fds[0]);
    Child(pipe_fds[1], path, limits);
  }
  ::close(pipe_fds[1]);
  ChildReader in(pipe_fds[0]);
  Status result = Damaged();
  bool cancelled = false;
  Row row;
  while (true) {
    char tag = 0;
    if (!in.Read(&tag, 1)) break;
    if (tag == 'E') {
      char code = 0;
      std::string message;
      if (!in.Read(&code, 1) || !in.Text(&message, 1 << 20)) break;
      const auto status_code = static_cast<StatusCode>(code);
      result = status_code == StatusCode::kOk        ? Status::Ok()
               : status_code == StatusCode::kInvalid ? Status::Invalid("file", message)
                                                     : Status::Internal(message);
      break;
    }
    uint32_t number = 0, count = 0;
    if (tag != 'R' || !in.U32(&number) || !in.U32(&count) || count > limits.max_columns) break;
    row.number = static_cast<int>(number);
    row.cells.assign(count, Cell{});
    bool ok = true;
    for (Cell& c : row.cells) {
      char kind = 0, date = 0;
      ok = in.Read(&kind, 1) && in.Read(&date, 1) && in.Read(&c.number, sizeof c.number) &&
           in.Text(&c.text, limits.max_cell_bytes);
      if (!ok) break;
      c.kind = static_cast<Cell::Kind>(kind);
      c.date_formatted = date != 0;
    }
    if (!ok) break;
    if (!on_row(row)) {
      cancelled = true;
      break;
    }
  }
  ::close(pipe_fds[0]);
  if (cancelled || !result.ok()) ::kill(pid, SIGKILL);
  int wstatus = 0;
  while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  ::unlink(path.c_str());  // the child unlinks it once open; this covers a child that died first
  if (cancelled) return Status::Ok();
  if (result.ok() && !(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0)) return Damaged();
  return result;
}

}  // namespace jiceng::sheet::internal
