// The readers on hostile input: every truncation of a small workbook, random byte flips (fixed seeds), mangled
// XML, a zip bomb, a huge shared-string table and a sheet past the row limit. Each read must end in Ok or a clear
// Invalid status, never a crash, a hang or an unbounded allocation. Also run under ASan (see the report in git log).
#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "core/sheet.h"
#include "core/sheet_test_util.h"

namespace jiceng::sheet {
namespace {

using testing::MakeXlsx;
using testing::SheetXml;
using testing::SstXml;
using testing::ZipBuilder;

// Reads to the end; the status, and how many rows came out.
Status Read(std::string_view bytes, Format format, const ReadLimits& limits = {}, size_t* rows = nullptr) {
  size_t n = 0;
  Status s = ReadRows(bytes, format, limits, [&](const Row& r) {
    ++n;
    EXPECT_GE(r.number, 1);
    EXPECT_FALSE(r.cells.empty());
    return true;
  });
  if (rows) *rows = n;
  return s;
}

void ExpectOkOrInvalid(const Status& s, const std::string& what) {
  EXPECT_TRUE(s.ok() || s.code() == StatusCode::kInvalid)
      << what << ": " << StatusCodeName(s.code()) << " " << s.message();
  if (!s.ok()) {
    EXPECT_FALSE(s.message().empty()) << what;
  }
}

std::string SmallWorkbook() {
  Sheet s;
  s.name = "人员";
  s.title = "人员信息";
  s.meta = {"单位：西宁市"};
  s.header = {"姓名", "身份证号", "年龄", "民族"};
  s.rows = {{"扎西", "630102199001011234", "36", "藏族"}, {"卓玛", "", "28.5", "藏族"}, {"Li", "x", "1e3", "汉族"}};
  s.numeric_columns = {2};
  s.validations = {{3, {"汉族", "藏族", "回族"}}};
  Result<std::string> xlsx = WriteXlsx({s});
  EXPECT_TRUE(xlsx.ok());
  return *xlsx;
}

const char* kStyles =
    R"(<styleSheet><numFmts><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>)"
    R"(<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/></cellXfs></styleSheet>)";

std::string SharedStringWorkbook() {
  return MakeXlsx(
      SheetXml(R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>)"
               R"(<row><c s="1"><v>45352</v></c><c t="inlineStr"><is><t>西宁</t></is></c><c t="b"><v>0</v></c>)"
               R"(<c s="2"><v>1.5</v></c><c t="e"><v>#DIV/0!</v></c></row>)"),
      SstXml(R"(<si><t>姓名</t></si><si><r><t>民</t></r><r><t>族</t></r></si>)"), kStyles);
}

TEST(SheetFuzzTest, EveryTruncationOfAWorkbookIsOkOrAClearError) {
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& full : {SmallWorkbook(), SharedStringWorkbook()}) {
    ASSERT_TRUE(Read(full, Format::kXlsx).ok());
    const size_t step = std::max<size_t>(1, full.size() / 4000);
    for (size_t len = 0; len < full.size(); len += step) {
      Status s = Read(std::string_view(full).substr(0, len), Format::kXlsx);
      // Cutting into the 22-byte end record may leave minizip all it needs (the data is whole); before it, never.
      if (len + 22 <= full.size()) {
        EXPECT_EQ(s.code(), StatusCode::kInvalid) << "truncated to " << len << " of " << full.size();
      } else {
        ExpectOkOrInvalid(s, "truncated to " + std::to_string(len));
      }
    }
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
}

TEST(SheetFuzzTest, RandomByteFlipsInTheZipAreOkOrAClearError) {
  std::mt19937 rng(20261202);
  const std::vector<std::string> inputs = {SmallWorkbook(), SharedStringWorkbook()};
  for (int i = 0; i < 3000; ++i) {
    std::string bytes = inputs[i % 2];
    const int flips = 1 + static_cast<int>(rng() % 8);
    for (int f = 0; f < flips; ++f) bytes[rng() % bytes.size()] = static_cast<char>(rng() & 0xFF);
    ExpectOkOrInvalid(Read(bytes, Format::kXlsx), "flip round " + std::to_string(i));
  }
}

// Flips in the compressed bytes mostly end at the CRC check; these mangle the XML itself and zip it properly.
TEST(SheetFuzzTest, MangledXmlInAValidZipIsOkOrAClearError) {
  std::mt19937 rng(11);
  const std::string sheet = SheetXml(
      R"(<row r="2"><c r="B2" t="s"><v>1</v></c><c r="D2" s="1"><v>45352</v></c><c t="inlineStr"><is><t>西宁</t></is></c></row>)"
      R"(<row><c t="str"><f>A1</f><v>x</v></c><c t="b"><v>1</v></c><c r="AA3"><v>-0.5e3</v></c></row>)");
  const std::string sst = SstXml(R"(<si><t>姓名</t></si><si><r><t>民</t></r><rPh><t>x</t></rPh></si>)");
  const std::string pieces = "<>/=\"'&;:rcvtsn0123456789AZ \xE4\xB8\xAD\xFF";
  for (int i = 0; i < 800; ++i) {
    std::string s = sheet, t = sst, y = kStyles;
    std::string& target = i % 3 == 0 ? s : i % 3 == 1 ? t : y;
    const int edits = 1 + static_cast<int>(rng() % 6);
    for (int e = 0; e < edits; ++e) {
      size_t at = rng() % target.size();
      switch (rng() % 3) {
        case 0:
          target[at] = pieces[rng() % pieces.size()];
          break;
        case 1:
          target.erase(at, 1 + rng() % 8);
          break;
        default:
          target.insert(at, 1, pieces[rng() % pieces.size()]);
          break;
      }
    }
    ExpectOkOrInvalid(Read(MakeXlsx(s, t, y), Format::kXlsx), "xml round " + std::to_string(i));
  }
}

TEST(SheetFuzzTest, RandomCsvBytesAreOkOrAClearError) {
  std::mt19937 rng(7);
  const std::string alphabet = ",\"\r\n a\xE4\xB8\xAD\xD6\xD0\xFF\x81\x30";
  for (int i = 0; i < 3000; ++i) {
    std::string bytes(rng() % 200, '\0');
    for (char& c : bytes) c = alphabet[rng() % alphabet.size()];
    ExpectOkOrInvalid(Read(bytes, Format::kCsv), "csv round " + std::to_string(i));
  }
}

// SheetJS's BIFF8 file from tests/fixtures/make_sheets.mjs (the same bytes every run).
std::string SheetJsXls() {
  std::string dir = testing::TempPath("jiceng-sheetjs");
  std::filesystem::remove(dir);
  std::filesystem::create_directories(dir);
  std::string cmd = std::string("node '") + JICENG_SOURCE_DIR + "/tests/fixtures/make_sheets.mjs' '" + dir + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << "node tests/fixtures/make_sheets.mjs failed (npm ci installs SheetJS)";
  const std::string xls = testing::Slurp(dir + "/people.xls");
  std::filesystem::remove_all(dir);
  return xls;
}

// Round i of the .xls fuzz: a few bytes flipped, and every fourth input cut short.
std::string DamageXls(const std::string& xls, int i, std::mt19937& rng) {
  std::string bytes = xls;
  const int flips = 1 + static_cast<int>(rng() % 8);
  for (int f = 0; f < flips; ++f) bytes[rng() % bytes.size()] = static_cast<char>(rng() & 0xFF);
  if (i % 4 == 0) bytes.resize(rng() % bytes.size());
  return bytes;
}

// libfreexl on damaged .xls files: SheetJS's BIFF8 file flipped and cut.
TEST(SheetFuzzTest, RandomByteFlipsInAnXlsAreOkOrAClearError) {
  const std::string xls = SheetJsXls();
  ASSERT_TRUE(Read(xls, Format::kXls).ok());
  std::mt19937 rng(5);
  for (int i = 0; i < 1000; ++i)
    ExpectOkOrInvalid(Read(DamageXls(xls, i, rng), Format::kXls), "xls round " + std::to_string(i));
}

// Round 4 above made libfreexl 1.0.6 read 83,984 bytes from a 65,768-byte heap buffer inside freexl_open (ASan:
// heap-buffer-overflow) when it ran in our process; in the child it costs the child, and the answer is an error.
TEST(SheetFuzzTest, FreexlReadingPastItsBufferIsAClearError) {
  const std::string xls = SheetJsXls();
  std::mt19937 rng(5);
  std::string bytes;
  for (int i = 0; i <= 4; ++i) bytes = DamageXls(xls, i, rng);
  Status s = Read(bytes, Format::kXls);
  EXPECT_EQ(s.code(), StatusCode::kInvalid) << s.message();
  EXPECT_NE(s.message().find(".xls 文件已损坏"), std::string::npos) << s.message();
}

// A raw deflate stream of prefix + unit × count + suffix, made chunk by chunk (never held inflated).
struct Deflated {
  std::string data;
  uint64_t size = 0;
  uint32_t crc = 0;
};

Deflated DeflateRepeated(const std::string& prefix, const std::string& unit, uint64_t count,
                         const std::string& suffix) {
  Deflated out;
  z_stream z = {};
  deflateInit2(&z, 1, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
  std::string chunk;
  const uint64_t per_chunk = std::max<uint64_t>(1, (1 << 20) / unit.size());
  for (uint64_t i = 0; i < per_chunk; ++i) chunk += unit;
  const uint32_t chunk_crc = crc32(0, reinterpret_cast<const Bytef*>(chunk.data()), chunk.size());
  std::vector<unsigned char> buf(1 << 20);
  auto feed = [&](const std::string& piece, int flush, std::optional<uint32_t> crc) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(piece.data()));
    z.avail_in = static_cast<uInt>(piece.size());
    do {
      z.next_out = buf.data();
      z.avail_out = static_cast<uInt>(buf.size());
      deflate(&z, flush);
      out.data.append(reinterpret_cast<char*>(buf.data()), buf.size() - z.avail_out);
    } while (z.avail_out == 0);
    out.crc = crc ? static_cast<uint32_t>(crc32_combine(out.crc, *crc, piece.size()))
                  : static_cast<uint32_t>(crc32(out.crc, reinterpret_cast<const Bytef*>(piece.data()), piece.size()));
    out.size += piece.size();
  };
  feed(prefix, Z_NO_FLUSH, std::nullopt);
  uint64_t left = count;
  for (; left >= per_chunk; left -= per_chunk) feed(chunk, Z_NO_FLUSH, chunk_crc);
  std::string rest;
  for (uint64_t i = 0; i < left; ++i) rest += unit;
  feed(rest, Z_NO_FLUSH, std::nullopt);
  feed(suffix, Z_FINISH, std::nullopt);
  deflateEnd(&z);
  return out;
}

// `chunks` × 64 MiB of zeros, quickly: one 64 MiB block deflated with a full flush is byte-aligned and needs no
// earlier data, so copies of it follow one another, and "\x03\x00" (an empty final block) ends the stream.
Deflated ZeroBomb(int chunks) {
  const std::string zeros(64u << 20, '\0');
  z_stream z = {};
  deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_RLE);
  std::string block(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
  z.avail_in = static_cast<uInt>(zeros.size());
  z.next_out = reinterpret_cast<Bytef*>(block.data());
  z.avail_out = static_cast<uInt>(block.size());
  deflate(&z, Z_FULL_FLUSH);
  EXPECT_EQ(z.avail_in, 0u);
  block.resize(block.size() - z.avail_out);
  deflateEnd(&z);
  const uint32_t crc = crc32(0, reinterpret_cast<const Bytef*>(zeros.data()), zeros.size());
  Deflated out;
  for (int i = 0; i < chunks; ++i) {
    out.data += block;
    out.crc = static_cast<uint32_t>(crc32_combine(out.crc, crc, zeros.size()));
    out.size += zeros.size();
  }
  out.data += std::string("\x03\x00", 2);
  return out;
}

std::string PackageWith(const std::string& part, const Deflated& d, uint64_t declared_size,
                        const std::string& sheet = SheetXml(R"(<row><c t="s"><v>0</v></c></row>)")) {
  ZipBuilder zip;
  zip.Add("_rels/.rels", testing::kRootRels).Add("xl/workbook.xml", testing::kWorkbook);
  zip.Add("xl/_rels/workbook.xml.rels", testing::kWorkbookRels);
  if (part != "xl/worksheets/sheet1.xml") zip.Add("xl/worksheets/sheet1.xml", sheet);
  zip.Raw(part, d.data, declared_size, d.crc);
  return zip.Bytes();
}

TEST(SheetFuzzTest, TheZipBombIsARealDeflateStream) {
  Deflated small = ZeroBomb(2);
  z_stream z = {};
  inflateInit2(&z, -15);
  std::string out(1 << 20, '\1');
  uint64_t total = 0;
  uint32_t crc = 0;
  z.next_in = reinterpret_cast<Bytef*>(small.data.data());
  z.avail_in = static_cast<uInt>(small.data.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    rc = inflate(&z, Z_NO_FLUSH);
    const size_t n = out.size() - z.avail_out;
    crc = static_cast<uint32_t>(crc32(crc, reinterpret_cast<const Bytef*>(out.data()), n));
    total += n;
  }
  inflateEnd(&z);
  EXPECT_EQ(rc, Z_STREAM_END);
  EXPECT_EQ(total, small.size);
  EXPECT_EQ(crc, small.crc);
}

TEST(SheetFuzzTest, AZipBombStopsAtTheLimitQuickly) {
  // 2.25 GiB of zeros behind a worksheet's name: about 2 MB deflated.
  const uint64_t zeros = (9ull << 30) / 4;
  Deflated bomb = ZeroBomb(36);
  ASSERT_EQ(bomb.size, zeros);
  ASSERT_LT(bomb.data.size(), 8u << 20);
  const std::string honest = PackageWith("xl/worksheets/sheet1.xml", bomb, bomb.size);
  auto start = std::chrono::steady_clock::now();
  Status s = Read(honest, Format::kXlsx);
  EXPECT_EQ(s.code(), StatusCode::kInvalid);
  EXPECT_NE(s.message().find("文件解压后过大（xl/worksheets/sheet1.xml 超过 1024 MB）"), std::string::npos)
      << s.message();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));

  // A header that understates the size: inflating stops where the header says, and the rest is refused.
  const std::string lying = PackageWith("xl/worksheets/sheet1.xml", bomb, 1000);
  start = std::chrono::steady_clock::now();
  s = Read(lying, Format::kXlsx);
  EXPECT_EQ(s.code(), StatusCode::kInvalid) << s.message();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));

  // The same bomb as the shared strings, under a smaller limit.
  ReadLimits limits;
  limits.max_uncompressed_bytes = 64 << 20;
  s = Read(PackageWith("xl/sharedStrings.xml", bomb, bomb.size), Format::kXlsx, limits);
  EXPECT_NE(s.message().find("xl/sharedStrings.xml 超过 64 MB"), std::string::npos) << s.message();
}

TEST(SheetFuzzTest, AHugeSharedStringTableIsRefused) {
  // ≈ 300 MB of 100-character strings, with a count that lies; the default limit is 256 MiB.
  const std::string unit = "<si><t>" + std::string(100, 'x') + "</t></si>";
  Deflated sst = DeflateRepeated(R"(<sst count="4000000000" uniqueCount="4000000000">)", unit, 2'700'000, "</sst>");
  const auto start = std::chrono::steady_clock::now();
  Status s = Read(PackageWith("xl/sharedStrings.xml", sst, sst.size), Format::kXlsx);
  EXPECT_EQ(s.code(), StatusCode::kInvalid);
  EXPECT_NE(s.message().find("共享字符串表超过 256 MB"), std::string::npos) << s.message();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
}

TEST(SheetFuzzTest, ASheetPastTheRowLimitIsRefusedAndOneAtItReads) {
  const std::string unit = "<row><c><v>1</v></c><c t=\"inlineStr\"><is><t>扎西</t></is></c></row>";
  const std::string head = R"(<worksheet><sheetData><row><c t="inlineStr"><is><t>序号</t></is></c></row>)";
  const std::string tail = "</sheetData></worksheet>";
  // The header and 1,000,001 data rows: one more than the default 1,000,001 rows.
  Deflated over = DeflateRepeated(head, unit, 1'000'001, tail);
  size_t rows = 0;
  Status s = Read(PackageWith("xl/worksheets/sheet1.xml", over, over.size), Format::kXlsx, {}, &rows);
  EXPECT_EQ(s.message(), "表格超过 1000001 行（含表头），请分成几个文件导入");
  EXPECT_EQ(rows, 1'000'001u);  // every row up to the limit reached the caller before the error
  Deflated at = DeflateRepeated(head, unit, 1'000'000, tail);
  s = Read(PackageWith("xl/worksheets/sheet1.xml", at, at.size), Format::kXlsx, {}, &rows);
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(rows, 1'000'001u);
}

TEST(SheetFuzzTest, ManyColumnsAndLongCellsAreRefused) {
  std::string wide = "<row>";
  for (int c = 0; c < 300; ++c) wide += "<c><v>1</v></c>";
  wide += "</row>";
  EXPECT_NE(Read(MakeXlsx(SheetXml(wide)), Format::kXlsx).message().find("第 1 行超过 256 列"), std::string::npos);
  Deflated cell = DeflateRepeated(R"(<worksheet><sheetData><row><c t="inlineStr"><is><t>)", "扎西", 20'000,
                                  "</t></is></c></row></sheetData></worksheet>");
  EXPECT_NE(Read(PackageWith("xl/worksheets/sheet1.xml", cell, cell.size), Format::kXlsx)
                .message()
                .find("第 1 行 A 列的内容超过 32767 字节"),
            std::string::npos);
}

}  // namespace
}  // namespace jiceng::sheet
