#include "core/csv.h"

#include <gtest/gtest.h>

namespace jiceng {

TEST(CsvTest, QuotedFieldsAndLineEndings) {
  CsvReader reader(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z");
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(*reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"x, y", "say \"hi\""}));
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(*reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"multi\nline", "z"}));
  EXPECT_FALSE(*reader.Next(&f));
}

TEST(CsvTest, MalformedInputNamesTheLine) {
  CsvReader unterminated("a\n\"open,b\n");
  std::vector<std::string> f;
  ASSERT_TRUE(unterminated.Next(&f).ok());
  auto r = unterminated.Next(&f);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("第 2 行"), std::string::npos);
  CsvReader stray("a\"b,c\n");
  EXPECT_FALSE(stray.Next(&f).ok());
}

}  // namespace jiceng
