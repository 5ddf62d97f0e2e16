// The import framework's pure parts: header matching and every cell check.
#include <gtest/gtest.h>

#include "core/ethnicity.h"
#include "core/id_number.h"
#include "modules/imports/cells.h"
#include "modules/imports/files.h"
#include "modules/imports/header.h"
#include "modules/imports/json.h"

namespace jiceng::imports {
namespace {

sheet::Cell Text(std::string text) {
  sheet::Cell c;
  c.kind = sheet::Cell::Kind::kText;
  c.text = std::move(text);
  return c;
}

sheet::Cell Number(double n, std::string text, bool date_formatted = false) {
  sheet::Cell c;
  c.kind = sheet::Cell::Kind::kNumber;
  c.number = n;
  c.text = std::move(text);
  c.date_formatted = date_formatted;
  return c;
}

Spec TwoColumns() {
  Spec spec;
  spec.kind = "test";
  spec.columns = {{"id_number", "身份证号码", {"id_number", "身份证号"}, true},
                  {"name", "姓名", {"name"}, true},
                  {"phone", "手机号码", {"phone"}, false}};
  return spec;
}

Column Col(std::string key, std::string name) { return {std::move(key), std::move(name)}; }

TEST(HeaderTest, NormalizeIgnoresSpacesWidthCaseAndRequiredMarks) {
  EXPECT_EQ(NormalizeHeader(" 身份证 号码 "), "身份证号码");
  EXPECT_EQ(NormalizeHeader("身份证号码*"), "身份证号码");
  EXPECT_EQ(NormalizeHeader("身份证号码＊"), "身份证号码");
  EXPECT_EQ(NormalizeHeader("身份证号码（必填）"), "身份证号码");
  EXPECT_EQ(NormalizeHeader("身份证号码(必填) *"), "身份证号码");
  EXPECT_EQ(NormalizeHeader("ＩＤ＿Ｎｕｍｂｅｒ"), "id_number");
  EXPECT_EQ(NormalizeHeader("\xEF\xBB\xBF姓名\xE3\x80\x80"), "姓名");  // BOM, ideographic space
}

TEST(HeaderTest, MatchesAliasesAndReportsUnknownHeaders) {
  auto map = MatchHeader(TwoColumns(), {"姓 名*", "血型", "ID_NUMBER", ""});
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  EXPECT_EQ(map->file_column, (std::vector<int>{2, 0, -1}));
  EXPECT_EQ(map->unknown_headers, (std::vector<std::string>{"血型"}));
}

TEST(HeaderTest, MissingRequiredColumnsAreOneError) {
  auto map = MatchHeader(TwoColumns(), {"手机号码", "备注"});
  ASSERT_FALSE(map.ok());
  EXPECT_EQ(map.status().field(), "header");
  EXPECT_NE(map.status().message().find("身份证号码、姓名"), std::string::npos) << map.status().message();
}

TEST(HeaderTest, ADuplicatedColumnIsRefused) {
  auto map = MatchHeader(TwoColumns(), {"姓名", "身份证号", "name"});
  ASSERT_FALSE(map.ok());
  EXPECT_NE(map.status().message().find("出现了两次"), std::string::npos);
}

TEST(CellTest, TextIsTrimmedAndOneLine) {
  Column c = Col("name", "姓名");
  EXPECT_EQ(*TextCell(Text("  扎西\xE3\x80\x80 "), c), "扎西");
  auto bad = TextCell(Text("扎\n西"), c);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "name");
  EXPECT_NE(bad.status().message().find("姓名"), std::string::npos) << bad.status().message();
  EXPECT_FALSE(TextCell(Text(std::string(201, 'a')), c).ok());
  EXPECT_EQ(*TextCell(Number(3, "3"), c), "3");
}

TEST(CellTest, Integers) {
  Column c = Col("n", "人数");
  EXPECT_EQ(*IntegerCell(Number(12, "12"), c), "12");
  EXPECT_EQ(*IntegerCell(Text(" 007 "), c), "7");
  EXPECT_EQ(*IntegerCell(Text("-3"), c), "-3");
  EXPECT_FALSE(IntegerCell(Number(1.5, "1.5"), c).ok());
  auto bad = IntegerCell(Text("十二"), c);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("人数应为整数"), std::string::npos);
}

TEST(CellTest, VocabularyAcceptsItsChoicesOnly) {
  Column c = Col("education", "学历");
  c.vocabulary = {"大学本科", "高中"};
  EXPECT_EQ(*VocabularyCell(Text(" 高 中 "), c), "高中");
  auto bad = VocabularyCell(Text("本科"), c);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("学历“本科”无效，应为以下之一：大学本科、高中"), std::string::npos)
      << bad.status().message();
}

// Issue #11: the roster's 民族 listed all 56 groups, one preview row a dozen lines tall. A long vocabulary is named
// briefly (the column still named), a short one still spelled out (above). The roster's own 民族 message: API test
// tests/api/imports.test.mjs.
TEST(CellTest, ALongVocabularyIsNamedNotListed) {
  Column ethnicity = Col("ethnicity", "民族");
  for (auto group : EthnicGroups()) ethnicity.vocabulary.emplace_back(group);
  ethnicity.vocabulary_name = "56 个民族名称";
  EXPECT_EQ(*VocabularyCell(Text("藏族"), ethnicity), "藏族");
  auto bad = VocabularyCell(Text("火星族"), ethnicity);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "ethnicity");
  EXPECT_EQ(bad.status().message(), "民族“火星族”不在 56 个民族名称中，请按模板的下拉列表选择");
  Column many = Col("area", "领域");
  for (int i = 0; i < 20; ++i) many.vocabulary.push_back("领域" + std::to_string(i));
  auto other = VocabularyCell(Text("别的"), many);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().message(), "领域“别的”不在可选的 20 项中，请按模板的下拉列表选择");
}

TEST(CellTest, DatesInEveryForm) {
  const Date want = *Date::FromYmd(2024, 3, 1);
  for (const char* text : {"2024-03-01", "2024-3-1", "2024/3/1", "2024/03/01", "2024.3.1", "2024年3月1日",
                           "2024 年 3 月 1 日", "20240301", "2024-03-01 00:00:00", " 2024/3/1 "}) {
    auto d = ParseDateCell(Text(text), "完成时限");
    ASSERT_TRUE(d.ok()) << text << ": " << d.status().message();
    EXPECT_EQ(*d, want) << text;
  }
  // Excel serial numbers, with or without a date format; 20240301 typed as a number.
  EXPECT_EQ(*ParseDateCell(Number(45352, "45352", true), "完成时限"), want);
  EXPECT_EQ(*ParseDateCell(Number(45352, "45352"), "完成时限"), want);
  EXPECT_EQ(*ParseDateCell(Number(45352.75, "45352.75", true), "完成时限"), want);  // a time of day
  EXPECT_EQ(*ParseDateCell(Number(20240301, "20240301"), "完成时限"), want);
  EXPECT_EQ(ParseDateCell(Number(1, "1", true), "d")->ToString(), "1900-01-01");
  EXPECT_EQ(ParseDateCell(Number(59, "59", true), "d")->ToString(), "1900-02-28");
  EXPECT_EQ(ParseDateCell(Number(61, "61", true), "d")->ToString(), "1900-03-01");
  EXPECT_FALSE(ParseDateCell(Number(60, "60", true), "d").ok());  // Excel's 1900-02-29 never was
}

TEST(CellTest, ImpossibleDatesNameTheColumn) {
  for (const char* text : {"2024-02-30", "2023/2/29", "2024年13月1日", "20240230", "明天", "2024-03", "3/1/2024"}) {
    auto d = ParseDateCell(Text(text), "完成时限");
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_EQ(d.status().message().rfind("完成时限“", 0), 0u) << d.status().message();
  }
  Column c = Col("deadline", "完成时限");
  auto bad = DateCell(Text("2024-02-30"), c);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "deadline");
  EXPECT_EQ(*DateCell(Text("2024年2月29日"), c), "2024-02-29");
}

TEST(CellTest, IdNumbers) {
  const Date today = *Date::FromYmd(2026, 1, 1);
  Column c = Col("id_number", "身份证号码");
  const std::string first17 = "63280219850701001";
  const std::string good = first17 + IdCheckCharacter(first17);
  EXPECT_EQ(*IdNumberCell(Text(" " + good + " "), c, today), good);
  std::string with_x = "11010519491231002";
  with_x += IdCheckCharacter(with_x);
  if (with_x.back() == 'X') {
    with_x.back() = 'x';
    EXPECT_EQ(IdNumberCell(Text(with_x), c, today)->back(), 'X');
  }
  std::string bad = good;
  bad.back() = bad.back() == '1' ? '2' : '1';
  auto wrong = IdNumberCell(Text(bad), c, today);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().field(), "id_number");
  EXPECT_EQ(wrong.status().message().find("末几位已丢失"), std::string::npos);
}

TEST(CellTest, IdNumbersStoredAsNumbersLoseDigits) {
  const Date today = *Date::FromYmd(2026, 1, 1);
  Column c = Col("id_number", "身份证号码");
  // A number cell (Excel keeps 15 digits), its scientific text, and the 18 digits ending in 000 it leaves.
  for (const sheet::Cell& cell :
       {Number(630102199001011234.0, "630102199001011000"), Text("6.30102E+17"), Text("6.30102199001011e17"),
        Text("630102199001011000")}) {
    auto id = IdNumberCell(cell, c, today);
    ASSERT_FALSE(id.ok()) << cell.text;
    EXPECT_EQ(id.status().message(), kIdDigitsLost) << cell.text;
  }
  // 18 digits ending in 000 whose check character is right are a real number.
  ASSERT_EQ(IdCheckCharacter("63010219900101200"), '0');
  EXPECT_EQ(*IdNumberCell(Text("630102199001012000"), c, today), "630102199001012000");
}

TEST(FilesTest, ErrorsNameRowAndColumn) {
  std::vector<RowError> errors = {{3, "身份证号码", "校验码错误"}, {3, "", "与第 2 行重复"}, {4, "民族", "无效"}};
  EXPECT_EQ(JoinErrors(errors, 3), "身份证号码：校验码错误；与第 2 行重复");
  EXPECT_EQ(JoinErrors(errors, 5), "");
}

// The errors list pages (GET /imports/jobs/{id}?offset=&limit=): every page is exactly that slice of all errors.
TEST(JsonTest, ErrorPagesAreSlicesOfAllErrors) {
  Report report;
  for (int i = 0; i < 37; ++i) report.errors.push_back({i + 2, "列" + std::to_string(i % 3), "错" + std::to_string(i)});
  for (size_t offset = 0; offset <= 40; ++offset) {
    for (size_t limit : {size_t{0}, size_t{1}, size_t{7}, size_t{50}}) {
      auto json = ToJson(report, offset, limit);
      const auto& page = json.at("errors").as_array();
      const size_t want = offset >= report.errors.size() ? 0 : std::min(limit, report.errors.size() - offset);
      ASSERT_EQ(page.size(), want) << offset << " " << limit;
      for (size_t k = 0; k < page.size(); ++k) {
        EXPECT_EQ(page[k].at("row").as_int64(), report.errors[offset + k].row);
        EXPECT_EQ(page[k].at("message").as_string(), report.errors[offset + k].message);
      }
      EXPECT_EQ(json.at("error_total").to_number<int64_t>(), 37);
    }
  }
}

}  // namespace
}  // namespace jiceng::imports
