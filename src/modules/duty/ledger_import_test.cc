// The ledger import: a county's exported 问题整改台账 imported into a new list gives the same problems and
// measures; rows that break a duty rule are row errors, and the preview leaves nothing behind.
#include <gtest/gtest.h>

#include "modules/duty/duty_fixture.h"
#include "modules/duty/ledger.h"
#include "modules/duty/ledger_import.h"
#include "modules/imports/files.h"
#include "store/audit.h"

namespace jiceng::duty {
namespace {

using imports::Mode;

class LedgerImportTest : public DutyFixture {
 protected:
  int64_t NewList(const std::string& title) {
    ListForm form;
    form.title = title;
    form.year = "2099";
    form.holder_org_code = town_;
    ItemForm item;
    item.title = "抓基层党建";
    item.target = "全面进步";
    item.weight = "30";
    item.deadline = "2099-12-31";
    form.items = {item};
    auto list = As(county_).CreateList(form);
    if (!list.ok()) {
      ADD_FAILURE() << list.status().ToString();
      return 0;
    }
    return list->id;
  }

  Result<imports::Report> Import(int64_t list, std::string_view bytes, Mode mode, const std::string& name) {
    LedgerImport target(*t_.db, county_, list, "调研");
    return imports::Run(target, *t_.db, bytes, {mode, name, {"county", "127.0.0.1"}, nullptr});
  }

  // The ledger exactly as the county downloads it (ItemsLedger, the items page's 导出 Excel): every problem it
  // assigned, each followed by its measures, under the title and the org/filters/date lines.
  std::string Export() {
    ListRequest request;
    request.kind = "problem";
    auto file = ItemsLedger(*t_.db, county_, request);
    if (!file.ok()) ADD_FAILURE() << file.status().ToString();
    return file.ok() ? file->bytes : "";
  }

  // "problem|org|deadline" then "  measure|org|deadline" lines, in order, of the problems in `list`.
  std::string Shape(int64_t list) {
    auto shown = DutyQueries(*t_.db, county_).ShowList(list);
    if (!shown.ok()) return "ShowList: " + shown.status().ToString();
    std::string out;
    for (const auto& v : shown->second) {
      if (v.item.kind != ItemKind::kProblem) continue;
      out += v.item.title + "|" + v.item.responsible_org_code + "|" + v.item.deadline.ToString() + "\n";
      auto detail = DutyQueries(*t_.db, county_).Show(v.item.id);
      if (!detail.ok()) return out + "Show: " + detail.status().ToString();
      for (const auto& m : detail->measures) {
        out += "  " + m.item.title + "|" + m.item.responsible_org_code + "|" + m.item.deadline.ToString() + "\n";
      }
    }
    return out;
  }
};

TEST_F(LedgerImportTest, AnExportedLedgerRoundTripsIntoANewList) {
  Item first = Problem();
  ASSERT_TRUE(Do(county_, first.id, "assign").ok());  // the town sees it once published, and adds its measures
  ASSERT_TRUE(Do(county_, first.id, "publish").ok());
  Measure(first.id, village_, 2);
  Measure(first.id, other_village_, 1);
  if (HasFailure()) return;
  ItemForm f;
  f.kind = "problem";
  f.title = "党员活动阵地不达标";
  f.deadline = "2099-09-30";
  f.source = "巡察";
  f.responsible_org_code = town_;
  ASSERT_TRUE(As(county_).Create(f).ok());
  const int64_t list = NewList("台账导入");
  const std::string ledger = Export();
  if (HasFailure()) return;

  const std::string digest = store::ContentDigest(*t_.db);
  auto preview = Import(list, ledger, Mode::kPreview, "台账.xlsx");
  ASSERT_TRUE(preview.ok()) << preview.status().ToString();
  for (const auto& e : preview->errors) ADD_FAILURE() << e.row << " " << e.column << " " << e.message;
  EXPECT_EQ(preview->counts.added, 4);
  EXPECT_EQ(store::ContentDigest(*t_.db), digest) << "the trial preview rolled back";

  auto report = Import(list, ledger, Mode::kAll, "台账.xlsx");
  ASSERT_TRUE(report.ok());
  ASSERT_TRUE(report->applied);
  EXPECT_EQ(report->counts.added, 4);
  // In the export's order (by deadline), each problem followed by its measures.
  const std::string want = "党员活动阵地不达标|" + town_ + "|2099-09-30\n村集体经济收入低于10万元|" + town_ +
                           "|2099-12-31\n  盘活闲置资产|" + village_ + "|2099-06-30\n  盘活闲置资产|" + other_village_ +
                           "|2099-06-30\n";
  EXPECT_EQ(Shape(list), want);
  auto shown = DutyQueries(*t_.db, county_).ShowList(list);
  ASSERT_TRUE(shown.ok());
  for (const auto& v : shown->second) {
    if (v.item.kind == ItemKind::kProblem) EXPECT_EQ(v.item.state, State::kDraft);
  }
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'duty.import'"), 1);
  EXPECT_TRUE(store::VerifyAuditChain(*t_.db).ok());
}

TEST_F(LedgerImportTest, RowsThatBreakADutyRuleAreRowErrorsAndNothingIsWritten) {
  const int64_t list = NewList("台账导入");
  const std::string csv = "序号,问题,措施,责任单位,责任人,包联领导,完成时限,进展情况,状态\n"
                          "1,,先有措施," + town_ + ",,,2099-01-01,,\n"
                          "2,阵地建设,,632802000000,,,2099-01-01,,\n"  // 德令哈市: outside 格尔木市
                          "3,活动开展,,632801000000,,,2099-01-01,,\n"  // the county itself: not below it
                          "4,经费保障,," + town_ + ",,,2000-01-01,,\n"   // deadline in the past
                          "5,经费保障,," + town_ + ",,,2099-02-30,,\n";  // no such day
  const std::string digest = store::ContentDigest(*t_.db);
  auto report = Import(list, csv, Mode::kAll, "bad.csv");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->applied);
  ASSERT_EQ(report->errors.size(), 5u);
  EXPECT_EQ(report->errors[0].column, "问题");
  EXPECT_EQ(report->errors[1].column, "责任单位");
  EXPECT_NE(report->errors[1].message.find("不在您的管辖范围内"), std::string::npos);
  EXPECT_EQ(report->errors[2].column, "责任单位");
  EXPECT_EQ(report->errors[3].column, "完成时限");
  EXPECT_EQ(report->errors[4].column, "完成时限");
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
}

// Issue #11: a row with three bad cells yields three errors naming three columns, in the columns' order — here a
// unit that does not exist, a person nobody is and a deadline in the past — and a measure of a refused problem
// says so, rather than joining the problem above that one.
TEST_F(LedgerImportTest, EveryBadCellOfARowIsAnError) {
  const std::string csv =
      "序号,问题,措施,责任单位,责任人,包联领导,完成时限,进展情况,状态\n"
      "1,阵地建设,," +
      town_ +
      ",,,2099-01-01,,\n"
      "2,经费保障,,没有这个单位,查无此人,,2000-01-01,,\n"
      "3,,落实经费," +
      village_ +
      ",,,2099-01-01,,\n"
      "4,活动开展,,632801000000,,,2099-01-01,,\n";
  auto report = Import(0, csv, Mode::kPreview, "bad.csv");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->counts.failed, 3);
  EXPECT_EQ(report->counts.added, 1);
  std::vector<std::pair<int, std::string>> got;
  for (const auto& e : report->errors) got.emplace_back(e.row, e.column);
  const std::vector<std::pair<int, std::string>> want = {
      {3, "责任单位"}, {3, "责任人"}, {3, "完成时限"}, {4, "问题"}, {5, "责任单位"}};
  EXPECT_EQ(got, want);
  ASSERT_EQ(report->errors.size(), want.size());
  EXPECT_NE(report->errors[3].message.find("第 3 行"), std::string::npos) << report->errors[3].message;
  EXPECT_NE(report->errors[4].message.find("下级单位"), std::string::npos) << report->errors[4].message;
}

// Without a list the problems are the caller's own, as 新建问题 makes them: on the items list, in no list.
TEST_F(LedgerImportTest, WithoutAListTheProblemsAreTheCallersOwn) {
  const std::string csv =
      "问题,措施,责任单位,完成时限\n"
      "台账直接导入,," +
      town_ +
      ",2099-03-31\n"
      "台账直接导入,直接导入措施," +
      village_ + ",2099-02-28\n";
  auto report = Import(0, csv, Mode::kAll, "台账.csv");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  for (const auto& e : report->errors) ADD_FAILURE() << e.row << " " << e.column << " " << e.message;
  ASSERT_TRUE(report->applied);
  EXPECT_EQ(report->counts.added, 2);
  EXPECT_EQ(store::QueryInt(*t_.db,
                            "SELECT COUNT(*) FROM duty_item WHERE title = '台账直接导入' AND list_id IS NULL"
                            " AND state = 'draft'"),
            1);
  ListRequest request;
  request.query = "台账直接导入";
  auto page = DutyQueries(*t_.db, county_).List(request);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 1);
}

// The template's example row, as the county downloads it, imports without an error.
TEST_F(LedgerImportTest, TheTemplateExampleImportsForTheCaller) {
  for (const auto& caller : {county_, township_}) {
    auto tpl = imports::TemplateXlsx(LedgerSpec(), LedgerExample(*t_.db, caller));
    ASSERT_TRUE(tpl.ok());
    LedgerImport target(*t_.db, caller, 0, "调研");
    auto report = imports::Run(target, *t_.db, *tpl, {Mode::kPreview, "模板.xlsx", {"county", "127.0.0.1"}, nullptr});
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    for (const auto& e : report->errors) ADD_FAILURE() << caller.org_code << " " << e.column << " " << e.message;
    EXPECT_EQ(report->counts.added, 1) << caller.org_code;
  }
}

TEST(ItemFormTest, CheckItemReportsEveryBadField) {
  ItemForm f;
  f.kind = "problem";
  f.title = "";
  f.deadline = "2099-02-30";
  f.source = "道听途说";
  f.weight = "300";
  f.responsible_org_code = "632801100000";
  std::vector<std::string> fields;
  const ItemCheck check = CheckItem(f);
  for (const Status& st : check.problems.all()) fields.push_back(st.field());
  EXPECT_EQ(fields, (std::vector<std::string>{"title", "weight", "deadline", "source"}));
  EXPECT_EQ(ValidateItem(f).status().field(), "title");  // the first of them
  f.title = "阵地建设";
  f.deadline = "2099-02-28";
  f.source = "调研";
  f.weight = "30";
  EXPECT_TRUE(CheckItem(f).problems.ok());
  EXPECT_TRUE(ValidateItem(f).ok());
}

TEST_F(LedgerImportTest, OnlyTheIssuingOrgImportsIntoAList) {
  const int64_t list = NewList("台账导入");
  EXPECT_EQ(ListForImport(*t_.db, township_, list).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ListForImport(*t_.db, other_county_, list).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(ListForImport(*t_.db, county_, list).ok());
  ASSERT_TRUE(As(county_).WithdrawList(list, "重新下达").ok());
  EXPECT_EQ(ListForImport(*t_.db, county_, list).status().code(), StatusCode::kConflict);
}

}  // namespace
}  // namespace jiceng::duty
