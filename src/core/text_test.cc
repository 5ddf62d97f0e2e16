#include "core/text.h"

#include <gtest/gtest.h>

namespace jiceng {
namespace {

using namespace std::string_literals;

TEST(TextCheck, SingleLineRefusesControlAndBidiCharacters) {
  EXPECT_TRUE(CheckSingleLine("title", "格尔木市 2026 年度责任清单（第一批）").ok());
  for (const std::string bad :
       {"a\0b"s, "a\nb"s, "a\rb"s, "a\tb"s, "a\x7f"s, "a\u0085b"s, "a\u2028b"s, "a\u202Eb"s, "a\u202Ab"s, "a\u2066b"s,
        "a\u2069b"s, "\xff"s, "a\xe4\xb8"s, "\xc0\xaf"s, "\xed\xa0\x80"s}) {
    Status st = CheckSingleLine("title", bad, "标题");
    EXPECT_EQ(st.code(), StatusCode::kInvalid) << bad;
    EXPECT_EQ(st.field(), "title");
    EXPECT_EQ(st.message().rfind("标题", 0), 0u) << st.message();
  }
}

TEST(TextCheck, MultiLineAllowsOnlyNewlines) {
  EXPECT_TRUE(CheckMultiLine("note", "第一行\n第二行\n").ok());
  EXPECT_FALSE(CheckMultiLine("note", "第一行\r\n第二行").ok());
  EXPECT_FALSE(CheckMultiLine("note", "a\0b"s).ok());
  EXPECT_FALSE(CheckMultiLine("note", "abc\u202Edef").ok());
  EXPECT_EQ(CheckMultiLine("note", "a\tb", "说明").field(), "note");
}

TEST(TextCheck, EscapeLikeMakesWildcardsLiteral) {
  EXPECT_EQ(EscapeLike("63_8%"), "63\\_8\\%");
  EXPECT_EQ(EscapeLike("a\\b"), "a\\\\b");
  EXPECT_EQ(EscapeLike("632801"), "632801");
}

}  // namespace
}  // namespace jiceng
