// The import templates as each demo account downloads them (issue #11 §2): the example row names the caller's own
// Party organization (roster) or a unit right below the caller (ledger), so that a clerk who keeps only the
// example row imports it without an error — at the province, the prefecture, the county, the town and the village.
#include <gtest/gtest.h>

#include <algorithm>

#include "modules/duty/ledger_import.h"
#include "modules/imports/files.h"
#include "modules/org/repo.h"
#include "modules/people/roster_import.h"
#include "testing/fixture.h"

namespace jiceng {
namespace {

using imports::Mode;

const Actor kActor{"template", "127.0.0.1"};

// The units of the demo accounts (README): 青海省, 海西州, 格尔木市, its first town, the first village of that town.
std::vector<org::OrgUnit> DemoCallers(store::Connection& db) {
  org::OrgRepo orgs(db);
  const Date today = Date::Today();
  std::vector<org::OrgUnit> out;
  for (const char* code : {"630000000000", "632800000000", "632801000000", "632801100200"}) {
    auto unit = orgs.FindByCode(code, today);
    EXPECT_TRUE(unit) << code;
    if (unit) out.push_back(*unit);
  }
  for (const auto& child : orgs.Children(out[2].id, today)) {
    if (child.level == org::Level::kTownship) {
      out.push_back(child);
      break;
    }
  }
  return out;
}

accounts::Principal As(const org::OrgUnit& unit) {
  accounts::Principal p;
  p.login = "template";
  p.role = accounts::Role::kOrgDepartment;
  p.org_id = unit.id;
  p.org_code = unit.code;
  p.org_name = unit.name;
  p.address = "127.0.0.1";
  return p;
}

void ExpectClean(const Result<imports::Report>& report, const std::string& who) {
  ASSERT_TRUE(report.ok()) << who << ": " << report.status().ToString();
  for (const auto& e : report->errors)
    ADD_FAILURE() << who << " 第 " << e.row << " 行 " << e.column << "：" << e.message;
  EXPECT_EQ(report->counts.added, 1) << who;
}

TEST(ImportTemplates, TheExampleRowImportsForEveryDemoCaller) {
  auto t = testing_support::CopyOf(testing_support::TemplateDatabase(true), "templates");
  for (const org::OrgUnit& unit : DemoCallers(*t.db)) {
    auto example = people::RosterExample(*t.db, *t.cipher, unit.id);
    auto roster = imports::TemplateXlsx(people::RosterSpec(), example);
    ASSERT_TRUE(roster.ok());
    people::RosterImport people_target(*t.db, *t.cipher, {unit.id, unit.code, ""});
    ExpectClean(
        imports::Run(people_target, *t.db, *roster, {Mode::kPreview, "人员花名册导入模板.xlsx", kActor, nullptr}),
        unit.name + " 花名册 " + example["org"]);
    // A Party member, in a Party organization of the caller's subtree (the demo has one in every unit above).
    EXPECT_EQ(example.count("political_status"), 0u) << unit.name;

    auto ledger = imports::TemplateXlsx(duty::LedgerSpec(), duty::LedgerExample(*t.db, As(unit)));
    ASSERT_TRUE(ledger.ok());
    duty::LedgerImport duty_target(*t.db, As(unit), 0, "调研");
    ExpectClean(
        imports::Run(duty_target, *t.db, *ledger, {Mode::kPreview, "问题整改台账导入模板.xlsx", kActor, nullptr}),
        unit.name + " 台账");
  }
}

// The spec's own example is what every caller got before: its organization (632802001204, in 德令哈市) is outside
// 格尔木市, and on the demo its ID number is somebody's in 德令哈 too.
TEST(ImportTemplates, TheFixedExampleWasOutsideTheCountysScope) {
  auto t = testing_support::CopyOf(testing_support::TemplateDatabase(true), "templates_fixed");
  auto golmud = *org::OrgRepo(*t.db).FindByCode("632801000000", Date::Today());
  auto roster = imports::TemplateXlsx(people::RosterSpec());
  people::RosterImport target(*t.db, *t.cipher, {golmud.id, golmud.code, ""});
  auto report = imports::Run(target, *t.db, *roster, {Mode::kPreview, "模板.xlsx", kActor, nullptr});
  ASSERT_TRUE(report.ok());
  std::vector<std::string> columns;
  for (const auto& e : report->errors) columns.push_back(e.column);
  EXPECT_NE(std::find(columns.begin(), columns.end(), "所在组织代码"), columns.end());
}

}  // namespace
}  // namespace jiceng
