#include "core/export.h"

#include <gtest/gtest.h>

#include "core/csv.h"
#include "core/date.h"

namespace jiceng {

TEST(ExportTest, MetaNamesTheOrgTheFiltersAndTheTime) {
  auto meta = ExportMeta("格尔木市", JoinFilters({"状态：整改中", "", "逾期：是"}));
  ASSERT_EQ(meta.size(), 3u);
  EXPECT_EQ(meta[0], "单位：格尔木市");
  EXPECT_EQ(meta[1], "筛选：状态：整改中；逾期：是");
  ASSERT_EQ(meta[2].size(), std::string("导出时间：").size() + 19);  // YYYY-MM-DD HH:MM:SS
  EXPECT_EQ(meta[2].substr(0, std::string("导出时间：").size()), "导出时间：");
  const std::string time = meta[2].substr(std::string("导出时间：").size());
  EXPECT_EQ(ExportDateTime(time), time);  // already in the one export format
  EXPECT_EQ(ExportMeta("海西州", "")[1], "筛选：无（全部）");
}

TEST(ExportTest, CsvTextReadsBackAndGuardsFormulas) {
  std::string text = CsvText({{"时间", "对象"}, {"2026-12-01", "a,\"b\"\nc"}, {"=SUM(A1)", "-1"}});
  ASSERT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(text.find("\r\n"), std::string::npos);
  CsvReader reader(text);
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"时间", "对象"}));
  ASSERT_TRUE(*reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"2026-12-01", "a,\"b\"\nc"}));
  ASSERT_TRUE(*reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"'=SUM(A1)", "'-1"}));
  EXPECT_FALSE(*reader.Next(&f));
}

}  // namespace jiceng
