#include "core/sheet.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <cstdlib>
#include <filesystem>

#include "core/sheet_test_util.h"

namespace jiceng::sheet {
namespace {

using testing::MakeXlsx;
using testing::Part;
using testing::SheetXml;
using testing::SstXml;

std::vector<Row> ReadAll(const std::string& bytes, Format format, const ReadLimits& limits = {},
                         Status* status = nullptr) {
  std::vector<Row> rows;
  Status s = ReadRows(bytes, format, limits, [&](const Row& r) {
    rows.push_back(r);
    return true;
  });
  if (status) {
    *status = s;
  } else {
    EXPECT_TRUE(s.ok()) << s.message();
  }
  return rows;
}

std::vector<std::vector<std::string>> Texts(const std::vector<Row>& rows) {
  std::vector<std::vector<std::string>> out;
  for (const Row& r : rows) {
    out.emplace_back();
    for (const Cell& c : r.cells) out.back().push_back(c.text);
  }
  return out;
}

Status ReadError(const std::string& bytes, Format format, const ReadLimits& limits = {}) {
  Status s;
  ReadAll(bytes, format, limits, &s);
  return s;
}

TEST(SheetNumberTextTest, ShortestDecimalWithoutExponent) {
  EXPECT_EQ(NumberText(3), "3");
  EXPECT_EQ(NumberText(0.25), "0.25");
  EXPECT_EQ(NumberText(-3), "-3");
  EXPECT_EQ(NumberText(0.1 + 0.2), "0.3");  // Excel's 15 digits, not 0.30000000000000004
  EXPECT_EQ(NumberText(1.0 / 3), "0.333333333333333");
  EXPECT_EQ(NumberText(630102199001011200.0), "630102199001011000");  // as SheetJS stores it
  EXPECT_EQ(NumberText(45352), "45352");
  EXPECT_EQ(NumberText(630102199001011234.0), "630102199001011000");
  EXPECT_EQ(NumberText(1e20), "100000000000000000000");
  EXPECT_EQ(NumberText(0.0000001), "0.0000001");
  EXPECT_EQ(NumberText(123456.789), "123456.789");
  EXPECT_EQ(NumberText(0), "0");
}

TEST(SheetDetectTest, BytesDecideAndTheExtensionIsChecked) {
  EXPECT_EQ(*Detect(std::string("PK\x03\x04rest", 8), "a.xlsx"), Format::kXlsx);
  EXPECT_EQ(*Detect(std::string("PK\x03\x04rest", 8), "a.xls"), Format::kXlsx);  // renamed: still read
  EXPECT_EQ(*Detect(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1..", 10), "a.xls"), Format::kXls);
  EXPECT_EQ(*Detect("姓名,年龄\n", "人员.csv"), Format::kCsv);
  EXPECT_EQ(*Detect("姓名,年龄\n", ""), Format::kCsv);
  Result<Format> html = Detect("<html><table>", "导出.xls");
  ASSERT_FALSE(html.ok());
  EXPECT_NE(html.status().message().find("文件扩展名是 .xls，但内容不是 Excel 文件"), std::string::npos);
  EXPECT_NE(Detect("x", "a.XLSX").status().message().find(".xlsx"), std::string::npos);
  EXPECT_NE(Detect("x", "a.pdf").status().message().find("不支持的文件类型 .pdf"), std::string::npos);
  EXPECT_EQ(Detect("", "a.csv").status().message(), "文件是空的");
}

std::string ToGb18030(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status));
  out.resize(n);
  return out;
}

const char* kCsv =
    "姓名,身份证号,民族,备注\r\n扎西,630102199001011234,藏族,\"西宁市城中区，\"\"南关街\"\"\"\r\n\r\n卓玛,,藏族,\r\n";

TEST(SheetCsvTest, Utf8WithAndWithoutBom) {
  std::vector<Row> plain = ReadAll(kCsv, Format::kCsv);
  std::vector<Row> bom = ReadAll(std::string("\xEF\xBB\xBF") + kCsv, Format::kCsv);
  ASSERT_EQ(plain.size(), 3u);  // the empty line is skipped
  EXPECT_EQ(Texts(plain), Texts(bom));
  EXPECT_EQ(plain[0].cells[0].text, "姓名");
  EXPECT_EQ(plain[1].cells[3].text, "西宁市城中区，\"南关街\"");
  EXPECT_EQ(plain[1].cells[1].kind, Cell::Kind::kText);
  EXPECT_EQ(plain[2].number, 4);
  EXPECT_EQ(plain[2].cells.size(), 3u);  // the trailing empty cell is dropped
}

TEST(SheetCsvTest, GbkAsWpsSavesItReadsTheSameAsUtf8) {
  std::string gbk = ToGb18030(kCsv);
  ASSERT_NE(gbk, kCsv);
  EXPECT_EQ(Texts(ReadAll(gbk, Format::kCsv)), Texts(ReadAll(kCsv, Format::kCsv)));
  // A rare character outside GBK (GB18030's four-byte range) converts too.
  std::string rare = "名称\n𠀀\n";
  EXPECT_EQ(Texts(ReadAll(ToGb18030(rare), Format::kCsv)), Texts(ReadAll(rare, Format::kCsv)));
}

TEST(SheetCsvTest, BytesThatAreNeitherUtf8NorGb18030AreRefused) {
  Status s = ReadError(std::string("a,b\n\x81\x20,c\n"), Format::kCsv);
  EXPECT_EQ(s.code(), StatusCode::kInvalid);
  EXPECT_NE(s.message().find("无法识别 CSV 文件的编码"), std::string::npos) << s.message();
  s = ReadError(std::string("\xEF\xBB\xBF\xFF\xFE"), Format::kCsv);
  EXPECT_NE(s.message().find("UTF-8"), std::string::npos) << s.message();
  EXPECT_NE(ReadError("a,\"b\n", Format::kCsv).message().find("引号未闭合"), std::string::npos);
}

TEST(SheetCsvTest, LimitsAreEnforced) {
  ReadLimits limits;
  limits.max_rows = 2;
  limits.max_columns = 3;
  limits.max_cell_bytes = 5;
  EXPECT_EQ(ReadError("a\nb\nc\n", Format::kCsv, limits).message(), "表格超过 2 行（含表头），请分成几个文件导入");
  EXPECT_NE(ReadError("a,b,c,d\n", Format::kCsv, limits).message().find("第 1 行超过 3 列"), std::string::npos);
  EXPECT_NE(ReadError("a,,,\n", Format::kCsv, limits).code(), StatusCode::kInvalid);  // empty cells past it: fine
  EXPECT_NE(ReadError("a,123456\n", Format::kCsv, limits).message().find("第 1 行 B 列的内容超过 5 字节"),
            std::string::npos);
}

TEST(SheetCsvTest, ReturningFalseStopsTheReadWithOk) {
  int seen = 0;
  Status s = ReadRows("a\nb\nc\n", Format::kCsv, {}, [&](const Row&) { return ++seen < 2; });
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(seen, 2);
}

Sheet PeopleSheet() {
  Sheet s;
  s.name = "人员[导入]/模板";
  s.title = "人员信息导入模板";
  s.meta = {"单位：西宁市城中区", "导出时间：2026-12-02"};
  s.header = {"姓名", "身份证号", "年龄", "民族", "所在单位"};
  s.widths = {10, 22, 6};
  s.rows = {{"扎西", "630102199001011234", "36", "藏族", "南关街社区"},
            {"卓玛", "", "28.5", "藏族", ""},
            {"王丽", "63010219900101123X", "不详", "汉族", "1e3"}};
  s.numeric_columns = {2};
  s.validations = {{3, {"汉族", "藏族", "回族", "土族", "撒拉族", "蒙古族"}}};
  return s;
}

TEST(SheetWriteTest, RoundTripKeepsTextNumbersAndLayout) {
  Result<std::string> xlsx = WriteXlsx({PeopleSheet()});
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().message();
  ASSERT_EQ(*Detect(*xlsx, "模板.xlsx"), Format::kXlsx);
  std::vector<Row> rows = ReadAll(*xlsx, Format::kXlsx);
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[0].number, 1);
  EXPECT_EQ(rows[0].cells[0].text, "人员信息导入模板");
  EXPECT_EQ(rows[1].cells[0].text, "单位：西宁市城中区");
  EXPECT_EQ(rows[2].cells[0].text, "导出时间：2026-12-02");
  EXPECT_EQ(Texts({rows[3]})[0], PeopleSheet().header);
  EXPECT_EQ(rows[4].number, 5);
  EXPECT_EQ(rows[4].cells[1].kind, Cell::Kind::kText);  // the ID number stays text: all 18 digits
  EXPECT_EQ(rows[4].cells[1].text, "630102199001011234");
  EXPECT_EQ(rows[4].cells[2].kind, Cell::Kind::kNumber);
  EXPECT_EQ(rows[4].cells[2].number, 36);
  EXPECT_EQ(rows[5].cells[2].text, "28.5");
  EXPECT_TRUE(rows[5].cells[1].empty());
  EXPECT_EQ(rows[5].cells.size(), 4u);
  EXPECT_EQ(rows[5].cells[3].text, "藏族");
  const std::vector<Row>& all = rows;
  EXPECT_EQ(all.back().cells[2].kind, Cell::Kind::kText);  // "不详" in a numeric column stays text
  EXPECT_EQ(all.back().cells[4].text, "1e3");              // not a numeric column: text as given

  const std::string sheet = Part(*xlsx, "xl/worksheets/sheet1.xml");
  const std::string workbook = Part(*xlsx, "xl/workbook.xml");
  EXPECT_NE(sheet.find(R"(<mergeCell ref="A1:E1"/>)"), std::string::npos) << sheet.substr(0, 2000);
  EXPECT_NE(sheet.find(R"(ySplit="4")"), std::string::npos);  // frozen under the header
  EXPECT_NE(sheet.find(R"(type="list")"), std::string::npos);
  EXPECT_NE(sheet.find("<formula1>\"汉族,藏族,回族,土族,撒拉族,蒙古族\"</formula1>"), std::string::npos);
  EXPECT_NE(sheet.find(R"(sqref="D5:D1004")"), std::string::npos);
  EXPECT_NE(sheet.find(R"(orientation="landscape")"), std::string::npos);
  EXPECT_NE(sheet.find(R"(fitToHeight="0")"), std::string::npos);
  EXPECT_NE(sheet.find("<oddFooter>&amp;C第 &amp;P 页 / 共 &amp;N 页</oddFooter>"), std::string::npos);
  EXPECT_NE(sheet.find(R"(width="22.7)"), std::string::npos);  // the width asked for (plus Excel's padding)
  EXPECT_NE(workbook.find("_xlnm.Print_Titles"), std::string::npos);
  EXPECT_NE(workbook.find("$4:$4"), std::string::npos);  // the header row repeats on every page
  EXPECT_NE(workbook.find("name=\"人员导入模板\""), std::string::npos) << workbook;  // []/ removed
}

TEST(SheetWriteTest, LongVocabulariesGoToAHiddenSheet) {
  Sheet s = PeopleSheet();
  std::vector<std::string> orgs;
  for (int i = 0; i < 60; ++i) orgs.push_back("城中区第" + std::to_string(i) + "社区");
  s.validations.push_back({4, orgs});
  Result<std::string> xlsx = WriteXlsx({s, Sheet{.name = "说明", .header = {"说明"}}});
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().message();
  const std::string sheet = Part(*xlsx, "xl/worksheets/sheet1.xml");
  const std::string workbook = Part(*xlsx, "xl/workbook.xml");
  EXPECT_NE(sheet.find("<formula1>'下拉选项'!$A$1:$A$60</formula1>"), std::string::npos) << sheet;
  EXPECT_NE(workbook.find(R"(name="下拉选项" sheetId="3" state="hidden")"), std::string::npos) << workbook;
  // The reader still reads the first sheet, not the lists.
  EXPECT_EQ(ReadAll(*xlsx, Format::kXlsx)[0].cells[0].text, "人员信息导入模板");
  const std::string lists = Part(*xlsx, "xl/worksheets/sheet3.xml");
  EXPECT_NE(lists.find("城中区第59社区"), std::string::npos);
}

TEST(SheetWriteTest, NoTitleOrMetaPutsTheHeaderFirst) {
  Result<std::string> xlsx = WriteXlsx({Sheet{.name = "a", .header = {"x", "y"}, .rows = {{"1", "2"}}}});
  ASSERT_TRUE(xlsx.ok());
  std::vector<Row> rows = ReadAll(*xlsx, Format::kXlsx);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].cells[0].text, "x");
  EXPECT_NE(Part(*xlsx, "xl/worksheets/sheet1.xml").find(R"(ySplit="1")"), std::string::npos);
  EXPECT_FALSE(WriteXlsx({Sheet{.rows = {{std::string(40000, 'a')}}}}).ok());
}

const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<numFmts count="3"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>)"
    R"(<numFmt numFmtId="177" formatCode="&quot;day&quot;0.00"/><numFmt numFmtId="178" formatCode="[Red]0.0_);\d0"/></numFmts>)"
    R"(<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>)"
    R"(<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="178"/><xf numFmtId="49"/></cellXfs></styleSheet>)";

TEST(SheetXlsxTest, WpsStyleCellsGapsAndRowsWithoutNumbers) {
  std::string rows =
      R"(<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="C1" t="inlineStr"><is><r><t>入党</t></r><r><t>日期</t></r></is></c></row>)"
      R"(<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" s="1"><v>45352</v></c><c r="D3" s="2"><v>45352.5</v></c>)"
      R"(<c r="E3" s="3"><v>7</v></c><c r="F3" s="4"><v>8</v></c><c r="G3" t="b"><v>1</v></c><c r="H3" t="e"><v>#N/A</v></c>)"
      R"(<c r="I3" t="str"><f>A3&amp;"x"</f><v>扎西x</v></c><c r="J3"><v>630102199001011200</v></c><c r="K3" s="9"><v>5</v></c></row>)"
      R"(<row><c><v>1</v></c><c><v>2</v></c><c r="E4"><v>5</v></c><c s="1"/><c r="Z4" s="1"/></row>)"
      R"(<row r="9" spans="1:3"><c r="C9" t="s"><v>2</v></c></row><row r="10"><c r="A10" s="1"/></row>)";
  std::string sst =
      SstXml(R"(<si><t>扎西</t></si><si><r><rPr><b/></rPr><t>西宁</t></r><r><t xml:space="preserve"> 城中</t></r>)"
             R"(<rPh sb="0" eb="1"><t>せいねい</t></rPh></si><si><t/></si>)");
  std::string xlsx = MakeXlsx(SheetXml(rows), sst, kStyles);
  std::vector<Row> got = ReadAll(xlsx, Format::kXlsx);
  ASSERT_EQ(got.size(), 3u);  // row 9 holds only "" and row 10 only a styled blank: both skipped
  EXPECT_EQ(got[0].number, 1);
  ASSERT_EQ(got[0].cells.size(), 3u);
  EXPECT_EQ(got[0].cells[0].text, "姓名");
  EXPECT_TRUE(got[0].cells[1].empty());
  EXPECT_EQ(got[0].cells[2].text, "入党日期");
  const Row& r3 = got[1];
  EXPECT_EQ(r3.number, 3);
  EXPECT_EQ(r3.cells[0].text, "扎西");
  EXPECT_EQ(r3.cells[1].text, "西宁 城中");  // runs joined, phonetic guide left out
  EXPECT_TRUE(r3.cells[2].date_formatted);   // built-in 14
  EXPECT_EQ(r3.cells[2].number, 45352);
  EXPECT_TRUE(r3.cells[3].date_formatted);  // yyyy"年"m"月"d"日"
  EXPECT_EQ(r3.cells[3].text, "45352.5");
  EXPECT_FALSE(r3.cells[4].date_formatted);  // "day" is quoted
  EXPECT_FALSE(r3.cells[5].date_formatted);  // [Red] bracketed, \d escaped
  EXPECT_EQ(r3.cells[6].kind, Cell::Kind::kBool);
  EXPECT_EQ(r3.cells[6].number, 1);
  EXPECT_EQ(r3.cells[7].kind, Cell::Kind::kError);
  EXPECT_EQ(r3.cells[7].text, "#N/A");
  EXPECT_EQ(r3.cells[8].text, "扎西x");
  EXPECT_EQ(r3.cells[9].text, "630102199001011000");  // the digits Excel lost, for the import to notice
  EXPECT_FALSE(r3.cells[10].date_formatted);          // a style index past cellXfs
  const Row& r4 = got[2];
  EXPECT_EQ(r4.number, 4);
  ASSERT_EQ(r4.cells.size(), 5u);  // styled blanks (and Z4) are not cells
  EXPECT_EQ(r4.cells[0].text, "1");
  EXPECT_EQ(r4.cells[1].text, "2");
  EXPECT_EQ(r4.cells[4].text, "5");
}

TEST(SheetXlsxTest, TheFirstSheetComesFromTheWorkbookNotAFixedName) {
  testing::ZipBuilder zip;
  zip.Add("_rels/.rels", testing::kRootRels);
  zip.Add(
      "xl/workbook.xml",
      R"(<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/>)"
      R"(<sheets><sheet name="汇总" sheetId="2" r:id="rId7"/><sheet name="旧" sheetId="1" r:id="rId1"/></sheets></workbook>)");
  zip.Add("xl/_rels/workbook.xml.rels",
          R"(<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>)"
          R"(<Relationship Id="rId7" Type="x/worksheet" Target="/xl/worksheets/summary.xml"/>)"
          R"(<Relationship Id="rId3" Type="x/styles" Target="styles.xml"/></Relationships>)");
  zip.Add("xl/worksheets/sheet1.xml", SheetXml(R"(<row><c t="inlineStr"><is><t>旧表</t></is></c></row>)"));
  zip.Add("xl/worksheets/summary.xml", SheetXml(R"(<x:row xmlns:x="m"><x:c s="1"><x:v>43890</x:v></x:c></x:row>)"));
  zip.Add("xl/styles.xml", kStyles);
  std::vector<Row> got = ReadAll(zip.Bytes(), Format::kXlsx);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(got[0].cells[0].date_formatted);
  EXPECT_EQ(got[0].cells[0].number, 43890 + 1462);  // the 1904 date system, moved to 1900
}

TEST(SheetXlsxTest, MalformedPackagesAreClearErrors) {
  EXPECT_NE(ReadError(std::string("PK\x03\x04garbage", 11), Format::kXlsx).message().find("压缩包已损坏"),
            std::string::npos);
  testing::ZipBuilder docx;
  docx.Add("word/document.xml", "<w/>");
  EXPECT_NE(ReadError(docx.Bytes(), Format::kXlsx).message().find("不是 Excel 工作簿"), std::string::npos);
  Status s = ReadError(MakeXlsx(SheetXml("<row><c><v>1</v></c>")), Format::kXlsx);
  EXPECT_NE(s.message().find("XML 有误"), std::string::npos) << s.message();
  s = ReadError(MakeXlsx(SheetXml(R"(<row><c t="s"><v>3</v></c></row>)"), SstXml("<si><t>a</t></si>")), Format::kXlsx);
  EXPECT_NE(s.message().find("共享字符串序号 3"), std::string::npos) << s.message();
  s = ReadError(MakeXlsx(SheetXml(R"(<row><c r="1A"><v>1</v></c></row>)")), Format::kXlsx);
  EXPECT_NE(s.message().find("单元格位置 1A 无效"), std::string::npos) << s.message();
  s = ReadError(MakeXlsx(SheetXml(R"(<row><c><v>abc</v></c></row>)")), Format::kXlsx);
  EXPECT_NE(s.message().find("数值 abc"), std::string::npos) << s.message();
  std::string laughs =
      R"(<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>)"
      R"(<worksheet><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>)";
  s = ReadError(MakeXlsx(laughs), Format::kXlsx);
  EXPECT_NE(s.message().find("DTD"), std::string::npos) << s.message();
}

TEST(SheetXlsxTest, LimitsAreEnforced) {
  ReadLimits limits;
  limits.max_rows = 3;
  limits.max_columns = 4;
  limits.max_cell_bytes = 10;
  limits.max_shared_strings_bytes = 100;
  auto read = [&](const std::string& rows, const std::string& sst = "") {
    return ReadError(MakeXlsx(SheetXml(rows), sst.empty() ? "" : SstXml(sst)), Format::kXlsx, limits);
  };
  EXPECT_TRUE(read(R"(<row r="3"><c><v>1</v></c></row><row r="4"><c r="A4" s="1"/></row>)").ok());
  EXPECT_EQ(read(R"(<row r="4"><c><v>1</v></c></row>)").message(), "表格超过 3 行（含表头），请分成几个文件导入");
  EXPECT_NE(read(R"(<row><c r="E1"><v>1</v></c></row>)").message().find("第 1 行超过 4 列"), std::string::npos);
  EXPECT_TRUE(read(R"(<row><c r="XFD1" s="2"/></row>)").ok());  // a styled blank far right is not a column
  EXPECT_NE(
      read(R"(<row><c t="inlineStr"><is><t>12345678901</t></is></c></row>)").message().find("A 列的内容超过 10 字节"),
      std::string::npos);
  std::string big_sst;
  for (int i = 0; i < 20; ++i) big_sst += "<si><t>0123456789</t></si>";
  EXPECT_NE(read(R"(<row><c t="s"><v>0</v></c></row>)", big_sst).message().find("共享字符串表超过"), std::string::npos);
  EXPECT_NE(read(R"(<row><c t="s"><v>0</v></c></row>)", "<si><t>12345678901</t></si>").message().find("超过 10 字节"),
            std::string::npos);
}

// ---- files made by SheetJS, as other programs write them ----

class SheetJsFilesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::TempPath("jiceng-sheetjs"));
    std::filesystem::remove(*dir_);
    std::filesystem::create_directories(*dir_);
    std::string cmd = std::string("node '") + JICENG_SOURCE_DIR + "/tests/fixtures/make_sheets.mjs' '" + *dir_ + "'";
    status_ = std::system(cmd.c_str());
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  std::string File(const std::string& name) {
    EXPECT_EQ(status_, 0) << "node tests/fixtures/make_sheets.mjs failed (npm ci installs SheetJS)";
    return testing::Slurp(*dir_ + "/" + name);
  }
  void ExpectPeople(const std::vector<Row>& rows, bool shared) {
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(Texts({rows[0]})[0], (std::vector<std::string>{"姓名", "身份证号", "年龄", "入党日期", "备注"}));
    EXPECT_EQ(rows[1].cells[0].text, "扎西");
    EXPECT_EQ(rows[1].cells[1].kind, Cell::Kind::kText);
    EXPECT_EQ(rows[1].cells[1].text, "630102199001011234");
    EXPECT_EQ(rows[1].cells[2].kind, Cell::Kind::kNumber);
    EXPECT_EQ(rows[1].cells[2].number, 36);
    EXPECT_TRUE(rows[1].cells[3].date_formatted);
    EXPECT_EQ(rows[1].cells[3].number, 45352);  // 2024-03-01
    EXPECT_EQ(rows[1].cells[4].text, "西宁市城中区");
    EXPECT_EQ(rows[2].cells[1].kind, Cell::Kind::kNumber);
    EXPECT_EQ(rows[2].cells[1].text, "630102199001011000");
    EXPECT_EQ(rows[2].cells[2].text, "28.5");
    EXPECT_TRUE(rows[2].cells[3].date_formatted);
    EXPECT_EQ(rows[2].cells[3].number, 36526);  // 2000-01-01
    EXPECT_EQ(rows[2].cells.size(), 4u);
    EXPECT_EQ(rows[3].cells[0].text, "Wang Li");
    EXPECT_TRUE(rows[3].cells[1].empty());
    EXPECT_EQ(rows[3].cells[2].text, "-3");
    EXPECT_TRUE(rows[3].cells[3].date_formatted);
    EXPECT_EQ(rows[3].cells[4].text, "a,\"b\"");
    EXPECT_FALSE(rows[1].cells[2].date_formatted);
  }
  static std::string* dir_;
  static int status_;
};
std::string* SheetJsFilesTest::dir_ = nullptr;
int SheetJsFilesTest::status_ = -1;

TEST_F(SheetJsFilesTest, XlsWithTextNumbersAndDates) {
  std::string xls = File("people.xls");
  ASSERT_EQ(*Detect(xls, "people.xls"), Format::kXls);
  ExpectPeople(ReadAll(xls, Format::kXls), false);
}

TEST_F(SheetJsFilesTest, XlsxWithSharedStrings) {
  std::string xlsx = File("people_sst.xlsx");
  ASSERT_NE(Part(xlsx, "xl/sharedStrings.xml").find("扎西"), std::string::npos);
  ExpectPeople(ReadAll(xlsx, Format::kXlsx), true);
}

TEST_F(SheetJsFilesTest, XlsxWithStringCells) {
  std::string xlsx = File("people_str.xlsx");
  ASSERT_NE(Part(xlsx, "xl/worksheets/sheet1.xml").find(R"(t="str")"), std::string::npos);
  ExpectPeople(ReadAll(xlsx, Format::kXlsx), false);
}

TEST_F(SheetJsFilesTest, XlsThatFreexlOpensWithoutAHandleIsAClearError) {
  Status s = ReadError(File("empty_string.xls"), Format::kXls);
  EXPECT_EQ(s.code(), StatusCode::kInvalid);
  EXPECT_NE(s.message().find("请另存为 .xlsx"), std::string::npos) << s.message();
}

TEST(SheetXlsTest, BrokenXlsIsAClearError) {
  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  ole += std::string(600, '\0');
  Status s = ReadError(ole, Format::kXls);
  EXPECT_EQ(s.code(), StatusCode::kInvalid);
  EXPECT_NE(s.message().find(".xls"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace jiceng::sheet
