// .xlsx: minizip reads the zip from memory (custom file functions over the caller's bytes), expat parses each
// part as it inflates, so a worksheet is never held whole. The first worksheet is found the way Excel finds it:
// _rels/.rels → the workbook → its first <sheet> → the workbook's relationships → the part.
#include <expat.h>
#include <minizip/unzip.h>

#include <charconv>
#include <cstring>
#include <map>
#include <memory>

#include "core/sheet_internal.h"

namespace jiceng::sheet::internal {
namespace {

// ---- the zip, in memory ----

struct MemoryFile {
  std::string_view bytes;
  uint64_t pos = 0;
};

voidpf ZCALLBACK MemOpen(voidpf opaque, const void*, int mode) {
  if (mode & ZLIB_FILEFUNC_MODE_CREATE) return nullptr;
  auto* f = static_cast<MemoryFile*>(opaque);
  f->pos = 0;
  return f;
}
uLong ZCALLBACK MemRead(voidpf, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  uint64_t left = f->pos < f->bytes.size() ? f->bytes.size() - f->pos : 0;
  uLong n = static_cast<uLong>(std::min<uint64_t>(size, left));
  std::memcpy(buf, f->bytes.data() + f->pos, n);
  f->pos += n;
  return n;
}
uLong ZCALLBACK MemWrite(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T ZCALLBACK MemTell(voidpf, voidpf stream) { return static_cast<MemoryFile*>(stream)->pos; }
long ZCALLBACK MemSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  uint64_t base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? f->pos : f->bytes.size();
  uint64_t target = base + offset;
  if (target > f->bytes.size() || target < base) return -1;
  f->pos = target;
  return 0;
}
int ZCALLBACK MemClose(voidpf, voidpf) { return 0; }
int ZCALLBACK MemError(voidpf, voidpf) { return 0; }

Status Broken() {
  return Status::Invalid("file", "文件不是有效的 .xlsx（压缩包已损坏或不完整），请在 Excel 或 WPS 中重新保存后上传");
}

class Zip {
 public:
  explicit Zip(std::string_view bytes) : file_{bytes} {
    zlib_filefunc64_def def = {};
    def.zopen64_file = MemOpen;
    def.zread_file = MemRead;
    def.zwrite_file = MemWrite;
    def.ztell64_file = MemTell;
    def.zseek64_file = MemSeek;
    def.zclose_file = MemClose;
    def.zerror_file = MemError;
    def.opaque = &file_;
    zip_ = unzOpen2_64("memory", &def);
  }
  ~Zip() {
    if (zip_) unzClose(zip_);
  }
  bool ok() const { return zip_ != nullptr; }
  bool Has(const std::string& name) { return unzLocateFile(zip_, name.c_str(), 2) == UNZ_OK; }

  // Inflates `name` in chunks into `sink` (which returns false to stop early); past `limit` bytes it stops.
  Status Read(const std::string& name, size_t limit, const std::function<Status(const char*, size_t, bool*)>& sink) {
    if (unzLocateFile(zip_, name.c_str(), 2) != UNZ_OK) {
      return Status::Invalid("file", "文件不是有效的 .xlsx（缺少 " + name + "）");
    }
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) return Broken();
    if (info.flag & 1) return Status::Invalid("file", "文件中的内容已加密，请先取消密码再上传");
    if (info.uncompressed_size > limit) return TooBig(name, limit);
    if (unzOpenCurrentFile(zip_) != UNZ_OK) return Broken();
    std::unique_ptr<char[]> buf(new char[1 << 16]);
    uint64_t total = 0;
    Status status;
    bool stop = false;
    while (!stop) {
      int n = unzReadCurrentFile(zip_, buf.get(), 1 << 16);
      if (n < 0) {
        status = Broken();
        break;
      }
      total += static_cast<uint64_t>(n);
      // The header's size can lie; count what really comes out.
      if (total > limit) {
        status = TooBig(name, limit);
        break;
      }
      status = sink(buf.get(), static_cast<size_t>(n), &stop);
      if (!status.ok() || n == 0) break;
    }
    int close = unzCloseCurrentFile(zip_);
    if (status.ok() && !stop && close != UNZ_OK) return Broken();  // a CRC mismatch is caught here
    return status;
  }

 private:
  static Status TooBig(const std::string& name, size_t limit) {
    return Status::Invalid("file", "文件解压后过大（" + name + " 超过 " + std::to_string(limit >> 20) +
                                       " MB），可能已损坏或不是正常的表格");
  }
  MemoryFile file_;
  unzFile zip_ = nullptr;
};

// ---- XML ----

std::string_view Local(const char* name) {
  std::string_view s(name);
  size_t colon = s.rfind(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

// An attribute's whole number, or -1 when it is not one (atoi's overflow is undefined).
int ToInt(const char* text) {
  int v = -1;
  auto [end, ec] = std::from_chars(text, text + std::strlen(text), v);
  return ec == std::errc() && *end == '\0' ? v : -1;
}

const char* Attr(const char** attrs, std::string_view name) {
  for (int i = 0; attrs[i]; i += 2) {
    if (Local(attrs[i]) == name) return attrs[i + 1];
  }
  return nullptr;
}

// One part parsed as it inflates; subclasses see local element names (prefixes dropped).
class XmlPart {
 public:
  XmlPart() : parser_(XML_ParserCreate("UTF-8")) {
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(
        parser_, [](void* u, const char* n, const char** a) { static_cast<XmlPart*>(u)->Start(Local(n), a); },
        [](void* u, const char* n) { static_cast<XmlPart*>(u)->End(Local(n)); });
    XML_SetCharacterDataHandler(parser_,
                                [](void* u, const char* s, int len) { static_cast<XmlPart*>(u)->Text(s, len); });
    // Office parts never declare a DTD; refusing one rules out entity expansion of every kind.
    XML_SetStartDoctypeDeclHandler(parser_, [](void* u, const char*, const char*, const char*, int) {
      static_cast<XmlPart*>(u)->Fail(Status::Invalid("file", "文件不是有效的 .xlsx（含有不允许的 DTD 声明）"));
    });
  }
  virtual ~XmlPart() { XML_ParserFree(parser_); }
  XmlPart(const XmlPart&) = delete;
  XmlPart& operator=(const XmlPart&) = delete;

  Status Parse(Zip& zip, const std::string& name, size_t limit) {
    return zip.Read(name, limit, [&](const char* data, size_t n, bool* stop) -> Status {
      if (XML_Parse(parser_, data, static_cast<int>(n), n == 0) == XML_STATUS_ERROR) {
        if (!error_.ok()) return error_;
        if (stopped_) {
          *stop = true;
          return Status::Ok();
        }
        return Status::Invalid("file", "文件不是有效的 .xlsx（" + name + " 第 " +
                                           std::to_string(XML_GetCurrentLineNumber(parser_)) + " 行 XML 有误：" +
                                           XML_ErrorString(XML_GetErrorCode(parser_)) + "）");
      }
      return Status::Ok();
    });
  }

 protected:
  virtual void Start(std::string_view name, const char** attrs) = 0;
  virtual void End(std::string_view name) {}
  virtual void Text(const char* s, int len) {}
  void Fail(Status status) {
    if (error_.ok()) error_ = std::move(status);
    XML_StopParser(parser_, XML_FALSE);
  }
  void Stop() {
    stopped_ = true;
    XML_StopParser(parser_, XML_FALSE);
  }
  bool failed() const { return !error_.ok() || stopped_; }

 private:
  XML_Parser parser_;
  Status error_;
  bool stopped_ = false;
};

// ---- the package: which part is the first sheet, the shared strings, the styles ----

// Relationships, number formats and cell formats kept at most (Excel allows 64,000 cell formats); the rest are
// ignored, so a crafted styles part cannot grow them without bound.
constexpr size_t kMaxEntries = 65536;

// "worksheets/sheet1.xml" against "xl/workbook.xml" → "xl/worksheets/sheet1.xml"; "/xl/x.xml" → "xl/x.xml".
std::string Resolve(const std::string& source, std::string target) {
  if (!target.empty() && target.front() == '/') return target.substr(1);
  std::string dir = source.substr(0, source.rfind('/') == std::string::npos ? 0 : source.rfind('/') + 1);
  while (target.compare(0, 3, "../") == 0) {
    target.erase(0, 3);
    if (!dir.empty()) dir.pop_back();
    dir = dir.substr(0, dir.rfind('/') == std::string::npos ? 0 : dir.rfind('/') + 1);
  }
  if (target.compare(0, 2, "./") == 0) target.erase(0, 2);
  return dir + target;
}

std::string RelsOf(const std::string& part) {
  size_t slash = part.rfind('/');
  std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? part : part.substr(slash + 1);
  return dir + "_rels/" + base + ".rels";
}

struct Relationship {
  std::string type, target;
};

class RelsPart : public XmlPart {
 public:
  std::map<std::string, Relationship> by_id;
  std::vector<Relationship> all;

 protected:
  void Start(std::string_view name, const char** attrs) override {
    if (name != "Relationship") return;
    const char* id = Attr(attrs, "Id");
    const char* type = Attr(attrs, "Type");
    const char* target = Attr(attrs, "Target");
    const char* mode = Attr(attrs, "TargetMode");
    if (!target || (mode && std::string_view(mode) == "External")) return;
    if (all.size() >= kMaxEntries) return;
    Relationship r{type ? type : "", target};
    all.push_back(r);
    if (id) by_id.emplace(id, r);
  }
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

class WorkbookPart : public XmlPart {
 public:
  std::string first_sheet_rid;
  bool date1904 = false;

 protected:
  void Start(std::string_view name, const char** attrs) override {
    if (name == "workbookPr") {
      const char* v = Attr(attrs, "date1904");
      date1904 = v && (std::string_view(v) == "1" || std::string_view(v) == "true");
    } else if (name == "sheet" && first_sheet_rid.empty()) {
      const char* id = Attr(attrs, "id");
      if (id) first_sheet_rid = id;
    }
  }
};

// A number format that shows a date or time: y, m or d (or h, s with them) outside quotes, brackets and escapes.
bool IsDateFormat(std::string_view code) {
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"') {
      size_t end = code.find('"', i + 1);
      if (end == std::string_view::npos) return false;
      i = end;
    } else if (c == '[') {
      size_t end = code.find(']', i + 1);
      if (end == std::string_view::npos) return false;
      i = end;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == 'y' || c == 'Y' || c == 'm' || c == 'M' || c == 'd' || c == 'D') {
      return true;
    }
  }
  return false;
}

bool IsBuiltinDate(int id) {
  // 14–22 and 45–47 everywhere; 27–36 and 50–58 are the CJK locales' dates (yyyy"年"m"月"d"日" and the like).
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

class StylesPart : public XmlPart {
 public:
  std::vector<bool> date_xf;  // by cellXfs index, the `s` of a cell

  void Finish() {
    for (int id : xf_formats_) {
      auto custom = formats_.find(id);
      date_xf.push_back(custom != formats_.end() ? IsDateFormat(custom->second) : IsBuiltinDate(id));
    }
  }

 protected:
  void Start(std::string_view name, const char** attrs) override {
    if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "numFmt") {
      const char* id = Attr(attrs, "numFmtId");
      const char* code = Attr(attrs, "formatCode");
      if (id && code && formats_.size() < kMaxEntries) formats_[ToInt(id)] = code;
    } else if (name == "xf" && in_cell_xfs_) {
      const char* id = Attr(attrs, "numFmtId");
      if (xf_formats_.size() < kMaxEntries) xf_formats_.push_back(id ? ToInt(id) : 0);
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

 private:
  bool in_cell_xfs_ = false;
  std::map<int, std::string> formats_;
  std::vector<int> xf_formats_;
};

// The shared strings, one buffer and the end offsets (8 bytes per string, not a std::string each).
class SharedStringsPart : public XmlPart {
 public:
  explicit SharedStringsPart(const ReadLimits& limits) : limits_(limits) {}
  std::string data;
  std::vector<size_t> ends;
  size_t size() const { return ends.size(); }
  std::string_view at(size_t i) const {
    size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(data).substr(begin, ends[i] - begin);
  }

 protected:
  void Start(std::string_view name, const char** attrs) override {
    if (name == "si") {
      in_si_ = true;
    } else if (name == "rPh") {
      ++in_phonetic_;
    } else if (name == "t" && in_si_ && in_phonetic_ == 0) {
      collecting_ = true;
    }
  }
  void End(std::string_view name) override {
    if (name == "t") {
      collecting_ = false;
    } else if (name == "rPh") {
      --in_phonetic_;
    } else if (name == "si") {
      in_si_ = false;
      ends.push_back(data.size());
      Account(sizeof(size_t));
    }
  }
  void Text(const char* s, int len) override {
    if (!collecting_ || failed()) return;
    data.append(s, len);
    Account(len);
  }

 private:
  void Account(size_t n) {
    bytes_ += n;
    if (bytes_ > limits_.max_shared_strings_bytes) {
      Fail(Status::Invalid("file", "表格的共享字符串表超过 " + std::to_string(limits_.max_shared_strings_bytes >> 20) +
                                       " MB，可能已损坏，请删去无用的内容后再导入"));
    }
  }
  const ReadLimits& limits_;
  size_t bytes_ = 0;
  bool in_si_ = false, collecting_ = false;
  int in_phonetic_ = 0;
};

// ---- the worksheet ----

// "C5" → column 2 (and row 5 when asked); false when it is not a cell reference.
bool ParseRef(std::string_view ref, int* column, int* row) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && i < 4; ++i) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + (c - 'A' + 1);
  }
  if (i == 0 || i > 3) return false;
  int r = 0;
  auto [end, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), r);
  if (ec != std::errc() || end != ref.data() + ref.size() || r < 1) return false;
  *column = col - 1;
  *row = r;
  return true;
}

class SheetPart : public XmlPart {
 public:
  SheetPart(const ReadLimits& limits, const SharedStringsPart& sst, const StylesPart& styles, bool date1904,
            const RowSink& on_row)
      : limits_(limits), sst_(sst), styles_(styles), date1904_(date1904), on_row_(on_row) {}

 protected:
  void Start(std::string_view name, const char** attrs) override {
    if (failed()) return;
    if (name == "row") {
      const char* r = Attr(attrs, "r");
      int number = row_.number + 1;
      if (r) {
        auto [end, ec] = std::from_chars(r, r + std::strlen(r), number);
        if (ec != std::errc() || *end != '\0' || number < 1) return Fail(Bad("行号 " + std::string(r)));
      }
      row_.number = number;
      row_.cells.clear();
      column_ = -1;
    } else if (name == "c") {
      const char* r = Attr(attrs, "r");
      int column = column_ + 1, row = 0;
      if (r && !ParseRef(r, &column, &row)) return Fail(Bad("单元格位置 " + std::string(r)));
      column_ = column;
      const char* t = Attr(attrs, "t");
      type_ = t ? t : "n";
      const char* s = Attr(attrs, "s");
      style_ = s ? ToInt(s) : 0;
      text_.clear();
      in_cell_ = true;
    } else if (!in_cell_) {
      return;
    } else if (name == "v") {
      collecting_ = true;
    } else if (name == "is") {
      in_inline_ = true;
    } else if (name == "rPh") {
      ++in_phonetic_;
    } else if (name == "t" && in_inline_ && in_phonetic_ == 0) {
      collecting_ = true;
    }
  }

  void End(std::string_view name) override {
    if (failed()) return;
    if (name == "v" || name == "t") {
      collecting_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "rPh") {
      --in_phonetic_;
    } else if (name == "c") {
      in_cell_ = false;
      EndCell();
    } else if (name == "row") {
      if (!TrimRow(&row_)) return;
      if (!on_row_(row_)) Stop();
    }
  }

  void Text(const char* s, int len) override {
    if (!collecting_ || failed()) return;
    text_.append(s, len);
    if (text_.size() > limits_.max_cell_bytes) Fail(CellTooLong(limits_, row_.number, column_));
  }

 private:
  Status Bad(const std::string& what) {
    return Status::Invalid("file",
                           "文件不是有效的 .xlsx（第 " + std::to_string(row_.number) + " 行的" + what + " 无效）");
  }

  void EndCell() {
    Cell cell;
    if (type_ == "s") {
      if (text_.empty()) return;
      size_t index = 0;
      auto [end, ec] = std::from_chars(text_.data(), text_.data() + text_.size(), index);
      if (ec != std::errc() || end != text_.data() + text_.size() || index >= sst_.size()) {
        return Fail(Bad(ColumnName(column_) + " 列的共享字符串序号 " + text_));
      }
      cell.kind = Cell::Kind::kText;
      cell.text = sst_.at(index);
    } else if (type_ == "inlineStr" || type_ == "str" || type_ == "d") {
      cell.kind = Cell::Kind::kText;
      cell.text = std::move(text_);
    } else if (type_ == "b") {
      if (text_.empty()) return;
      cell.kind = Cell::Kind::kBool;
      cell.number = text_ == "1" || text_ == "true" ? 1 : 0;
      cell.text = cell.number ? "TRUE" : "FALSE";
    } else if (type_ == "e") {
      cell.kind = Cell::Kind::kError;
      cell.text = std::move(text_);
    } else {
      if (text_.empty()) return;
      double v = 0;
      auto [end, ec] = std::from_chars(text_.data(), text_.data() + text_.size(), v);
      if (ec != std::errc() || end != text_.data() + text_.size()) {
        return Fail(Bad(ColumnName(column_) + " 列的数值 " + text_.substr(0, 40)));
      }
      cell.kind = Cell::Kind::kNumber;
      cell.date_formatted =
          style_ >= 0 && static_cast<size_t>(style_) < styles_.date_xf.size() && styles_.date_xf[style_];
      if (cell.date_formatted && date1904_) v += 1462;  // to the 1900 date system every caller expects
      cell.number = v;
      cell.text = NumberText(v);
    }
    if (cell.empty()) return;
    if (static_cast<size_t>(row_.number) > limits_.max_rows) return Fail(TooManyRows(limits_));
    if (column_ < 0 || static_cast<size_t>(column_) >= limits_.max_columns) {
      return Fail(TooManyColumns(limits_, row_.number));
    }
    if (cell.text.size() > limits_.max_cell_bytes) return Fail(CellTooLong(limits_, row_.number, column_));
    if (row_.cells.size() <= static_cast<size_t>(column_)) row_.cells.resize(column_ + 1);
    row_.cells[column_] = std::move(cell);
  }

  const ReadLimits& limits_;
  const SharedStringsPart& sst_;
  const StylesPart& styles_;
  bool date1904_;
  const RowSink& on_row_;
  Row row_;
  int column_ = -1, style_ = 0, in_phonetic_ = 0;
  std::string type_, text_;
  bool in_cell_ = false, in_inline_ = false, collecting_ = false;
};

constexpr size_t kSmallPart = 16 << 20;  // rels, workbook, styles: never this big in a real file

}  // namespace

Status ReadXlsx(std::string_view bytes, const ReadLimits& limits, const RowSink& on_row) {
  Zip zip(bytes);
  if (!zip.ok()) return Broken();
  const size_t small = std::min(kSmallPart, limits.max_uncompressed_bytes);

  std::string workbook = "xl/workbook.xml";
  if (zip.Has("_rels/.rels")) {
    RelsPart root;
    JICENG_RETURN_IF_ERROR(root.Parse(zip, "_rels/.rels", small));
    for (const auto& r : root.all) {
      if (EndsWith(r.type, "/officeDocument")) {
        workbook = Resolve("", r.target);
        break;
      }
    }
  }
  if (!zip.Has(workbook)) {
    return Status::Invalid("file", "文件不是 Excel 工作簿（压缩包中没有 " + workbook + "），请确认上传的是 .xlsx 文件");
  }
  WorkbookPart book;
  JICENG_RETURN_IF_ERROR(book.Parse(zip, workbook, small));
  RelsPart rels;
  if (zip.Has(RelsOf(workbook))) JICENG_RETURN_IF_ERROR(rels.Parse(zip, RelsOf(workbook), small));

  std::string sheet, shared, styles;
  if (auto it = rels.by_id.find(book.first_sheet_rid); it != rels.by_id.end())
    sheet = Resolve(workbook, it->second.target);
  for (const auto& r : rels.all) {
    if (EndsWith(r.type, "/sharedStrings")) shared = Resolve(workbook, r.target);
    if (EndsWith(r.type, "/styles")) styles = Resolve(workbook, r.target);
  }
  if (sheet.empty()) sheet = Resolve(workbook, "worksheets/sheet1.xml");
  if (shared.empty() && zip.Has(Resolve(workbook, "sharedStrings.xml")))
    shared = Resolve(workbook, "sharedStrings.xml");
  if (styles.empty() && zip.Has(Resolve(workbook, "styles.xml"))) styles = Resolve(workbook, "styles.xml");
  if (!zip.Has(sheet)) return Status::Invalid("file", "文件不是有效的 .xlsx（找不到第一个工作表 " + sheet + "）");

  StylesPart style_part;
  if (!styles.empty() && zip.Has(styles)) JICENG_RETURN_IF_ERROR(style_part.Parse(zip, styles, small));
  style_part.Finish();
  SharedStringsPart sst(limits);
  if (!shared.empty() && zip.Has(shared)) {
    JICENG_RETURN_IF_ERROR(sst.Parse(zip, shared, limits.max_uncompressed_bytes));
  }
  SheetPart part(limits, sst, style_part, book.date1904, on_row);
  return part.Parse(zip, sheet, limits.max_uncompressed_bytes);
}

}  // namespace jiceng::sheet::internal
