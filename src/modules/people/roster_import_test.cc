// The roster import through the framework (modules/imports) against a real SQLite file with the real Qinghai
// tree: all or nothing, good rows only, update by ID number, scope, cancel, the audit record, and xlsx files.
#include <gtest/gtest.h>

#include "core/sheet.h"
#include "modules/imports/cells.h"
#include "modules/imports/files.h"
#include "modules/org/commands.h"
#include "modules/org/queries.h"
#include "modules/people/commands.h"
#include "modules/people/queries.h"
#include "modules/people/roster_import.h"
#include "store/audit.h"
#include "testing/fixture.h"

namespace jiceng::people {
namespace {

using imports::Mode;
using testing_support::CopyOf;
using testing_support::TemplateDatabase;

const Actor kActor{"tester", "127.0.0.1"};
const char* kHeader = "姓名,民族,身份证号码,学历,政治面貌,入党日期,所在组织代码,加入组织日期\n";

std::string ValidId(const std::string& first17) { return first17 + IdCheckCharacter(first17); }
std::string BadId(const std::string& first17) {
  std::string id = ValidId(first17);
  id.back() = id.back() == '1' ? '2' : '1';
  return id;
}

class RosterImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = CopyOf(TemplateDatabase(false), "roster");
    org::OrgCommands orgs(*t_.db, kActor);
    auto townships = *org::OrgQueries(*t_.db).Children("632802000000", Date::Today());
    township_ = townships[0].code;
    other_township_ = townships[1].code;
    auto villages = *org::OrgQueries(*t_.db).Children(township_, Date::Today());
    auto far = *org::OrgQueries(*t_.db).Children(other_township_, Date::Today());
    branch_ = orgs.AddUnit({villages[0].code, "party_branch", villages[0].name + "党支部", "2000-01-01"})->code;
    far_branch_ = orgs.AddUnit({far[0].code, "party_branch", far[0].name + "党支部", "2000-01-01"})->code;
  }

  RosterScope ScopeOf(const std::string& code) {
    org::OrgRepo orgs(*t_.db);
    auto unit = orgs.FindByCode(code, Date::Today());
    return {unit->id, unit->code, ""};
  }

  Result<imports::Report> Import(const std::string& csv, Mode mode, RosterScope scope = {},
                                 imports::Progress* progress = nullptr) {
    RosterImport target(*t_.db, *t_.cipher, scope);
    return imports::Run(target, *t_.db, csv, {mode, "roster.csv", kActor, progress});
  }

  std::string Row(const std::string& name, const std::string& id, const std::string& org,
                  const std::string& education = "高中") {
    return name + ",藏族," + id + "," + education + ",正式党员,2005-07-01," + org + ",2005-07-01\n";
  }

  int64_t Persons() { return store::QueryInt(*t_.db, "SELECT COUNT(*) FROM person"); }
  int64_t Imports() { return store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'person.import'"); }

  testing_support::TestDb t_;
  std::string township_, other_township_, branch_, far_branch_;
};

TEST_F(RosterImportTest, PreviewChecksEveryRowAndWritesNothing) {
  const std::string digest = store::ContentDigest(*t_.db);
  std::string csv = std::string(kHeader) + Row("扎西", ValidId("63280219800101001"), branch_) +
                    Row("拉毛", BadId("63280219800101002"), branch_) + " , ,,,,,,\n" +  // blank but for spaces
                    "多杰,火星族," + ValidId("63280219800101003") + ",博士,群众,,,\n" +
                    Row("卓玛", ValidId("63280219800101001"), branch_);
  auto report = Import(csv, Mode::kPreview);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->counts.rows, 5);
  EXPECT_EQ(report->counts.added, 1);
  EXPECT_EQ(report->counts.skipped, 1);  // the blank row (the reader drops rows with no text at all)
  EXPECT_EQ(report->counts.failed, 3);
  ASSERT_EQ(report->errors.size(), 4u);
  EXPECT_EQ(report->errors[0].row, 3);  // as Excel numbers rows: the header is row 1
  EXPECT_EQ(report->errors[0].column, "身份证号码");
  EXPECT_EQ(report->errors[1].row, 5);
  EXPECT_EQ(report->errors[1].column, "民族");
  EXPECT_EQ(report->errors[2].column, "学历");  // every bad cell of a row, not only the first
  EXPECT_EQ(report->errors[3].row, 6);
  EXPECT_NE(report->errors[3].message.find("与第 2 行重复"), std::string::npos) << report->errors[3].message;
  EXPECT_FALSE(report->applied);
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
}

TEST_F(RosterImportTest, ABadRowKeepsTheWholeFileOut) {
  const std::string digest = store::ContentDigest(*t_.db);
  std::string csv = std::string(kHeader) + Row("扎西", ValidId("63280219800101001"), branch_) +
                    Row("才让", ValidId("63280219800101011"), branch_) +
                    Row("拉毛", BadId("63280219800101002"), branch_);
  auto report = Import(csv, Mode::kAll);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->applied);
  EXPECT_EQ(report->counts.failed, 1);
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);  // the two good rows written first were rolled back
  EXPECT_EQ(Imports(), 0);
}

TEST_F(RosterImportTest, GoodRowsOnlyWritesTheGoodOnesWithOneAuditRecord) {
  const int64_t before = Persons();
  std::string csv = std::string(kHeader) + Row("扎西", ValidId("63280219800101001"), branch_) +
                    Row("拉毛", BadId("63280219800101002"), branch_) +
                    Row("才让", ValidId("63280219800101011"), branch_);
  auto report = Import(csv, Mode::kGoodOnly);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->applied);
  EXPECT_EQ(report->counts.added, 2);
  EXPECT_EQ(report->counts.failed, 1);
  EXPECT_EQ(Persons(), before + 2);
  EXPECT_EQ(Imports(), 1);
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'person.import' AND object = 'roster.csv'"), 1);
  EXPECT_TRUE(store::VerifyAuditChain(*t_.db).ok());
}

TEST_F(RosterImportTest, AnExistingIdNumberUpdatesThePersonAndAnUnchangedRowIsSkipped) {
  std::string first = std::string(kHeader) + Row("扎西", ValidId("63280219800101001"), branch_) +
                      Row("才让", ValidId("63280219800101011"), branch_);
  ASSERT_TRUE(Import(first, Mode::kAll)->applied);
  const int64_t before = Persons();
  std::string again = std::string(kHeader) + Row("扎西", ValidId("63280219800101001"), branch_, "大学本科") +
                      Row("才让", ValidId("63280219800101011"), branch_);
  auto preview = Import(again, Mode::kPreview);
  EXPECT_EQ(preview->counts.updated, 1);
  EXPECT_EQ(preview->counts.skipped, 1);
  auto report = Import(again, Mode::kAll);
  ASSERT_TRUE(report->applied);
  EXPECT_EQ(Persons(), before);
  auto id = PeopleRepo(*t_.db).IdByHash(t_.cipher->LookupHash(ValidId("63280219800101001")));
  ASSERT_TRUE(id);
  EXPECT_EQ(PeopleQueries(*t_.db, *t_.cipher).Show(*id, Date::Today())->education, Education::kBachelor);
}

TEST_F(RosterImportTest, RowsOutsideTheScopeAreRowErrors) {
  // Someone registered far away cannot be updated, and nobody can be added there, from this township.
  ASSERT_TRUE(Import(std::string(kHeader) + Row("多杰", ValidId("63280219800101021"), far_branch_), Mode::kAll)
                  ->applied);
  const std::string digest = store::ContentDigest(*t_.db);
  std::string csv = std::string(kHeader) + Row("扎西", ValidId("63280219800101001"), branch_) +
                    Row("卓玛", ValidId("63280219800101031"), far_branch_) +
                    Row("多杰", ValidId("63280219800101021"), branch_, "大学本科");
  auto report = Import(csv, Mode::kAll, ScopeOf(township_));
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->applied);
  ASSERT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(report->errors[0].row, 3);
  EXPECT_EQ(report->errors[0].column, "所在组织代码");
  EXPECT_NE(report->errors[0].message.find("不在您的管辖范围内"), std::string::npos);
  EXPECT_EQ(report->errors[1].row, 4);
  EXPECT_EQ(report->errors[1].column, "身份证号码");
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
  // Good rows only: the in-scope row alone.
  report = Import(csv, Mode::kGoodOnly, ScopeOf(township_));
  EXPECT_EQ(report->counts.added, 1);
  EXPECT_EQ(report->counts.failed, 2);
}

TEST_F(RosterImportTest, AScopedImportNeedsAnOrganizationOrItsDefault) {
  std::string csv = std::string(kHeader) + "卓玛,藏族," + ValidId("63280219820101002") + ",高中,群众,,,\n";
  auto report = Import(csv, Mode::kPreview, ScopeOf(township_));
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].column, "所在组织代码");
  RosterScope scope = ScopeOf(township_);
  scope.default_org_code = branch_;
  EXPECT_EQ(Import(csv, Mode::kPreview, scope)->counts.added, 1);
}

// The cells of the first worksheet's rows, as text (to read back the errors workbook).
std::vector<std::vector<std::string>> SheetRows(const std::string& bytes) {
  std::vector<std::vector<std::string>> rows;
  Status st = sheet::ReadRows(bytes, sheet::Format::kXlsx, {}, [&](const sheet::Row& row) {
    std::vector<std::string> cells;
    for (const auto& c : row.cells) cells.push_back(imports::CellText(c));
    rows.push_back(std::move(cells));
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return rows;
}

// Issue #11: a row with three bad cells yields three errors, one per column in the columns' order — a cell check
// (学历), the person's own rules (性别 against the ID number) and the database's (an organization outside the
// scope) — and the errors workbook gives all three in the row's 错误原因.
TEST_F(RosterImportTest, EveryBadCellOfARowIsAnError) {
  const std::string csv = std::string("姓名,性别,民族,身份证号码,学历,政治面貌,入党日期,所在组织代码\n") +
                          "扎西,女,藏族," + ValidId("63280219800101001") + ",博士,正式党员,2005-07-01," + far_branch_ +
                          "\n" + "卓玛,女,藏族," + ValidId("63280219800101022") + ",高中,群众,," + branch_ + "\n";
  auto report = Import(csv, Mode::kPreview, ScopeOf(township_));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->counts.failed, 1);  // a row is bad once, however many of its cells are
  EXPECT_EQ(report->counts.added, 1);
  ASSERT_EQ(report->errors.size(), 3u);
  std::vector<std::string> columns;
  for (const auto& e : report->errors) {
    EXPECT_EQ(e.row, 2);
    columns.push_back(e.column);
  }
  EXPECT_EQ(columns, (std::vector<std::string>{"性别", "学历", "所在组织代码"}));
  EXPECT_NE(report->errors[0].message.find("与身份证号码不符"), std::string::npos) << report->errors[0].message;
  EXPECT_NE(report->errors[1].message.find("博士"), std::string::npos) << report->errors[1].message;
  EXPECT_NE(report->errors[2].message.find("不在您的管辖范围内"), std::string::npos) << report->errors[2].message;

  auto errors = imports::ErrorsXlsx(RosterSpec(), *report);
  ASSERT_TRUE(errors.ok());
  const auto rows = SheetRows(*errors);
  const std::string why = imports::JoinErrors(report->errors, 2);
  bool found = false;
  for (const auto& row : rows) {
    if (row.empty() || row[0] != "扎西") continue;
    found = true;
    EXPECT_EQ(row.back(), "第 2 行：" + why);
    for (const char* column : {"性别：", "学历：", "所在组织代码："}) {
      EXPECT_NE(row.back().find(column), std::string::npos) << row.back();
    }
  }
  EXPECT_TRUE(found);
}

// A bad cell does not hide a duplicate: the ID number of a row refused for its 学历 is still the first of its kind.
TEST_F(RosterImportTest, ARefusedRowStillCountsForDuplicates) {
  std::string csv = std::string(kHeader) + Row("扎西", ValidId("63280219800101001"), branch_, "博士") +
                    Row("卓玛", ValidId("63280219800101001"), branch_);
  auto report = Import(csv, Mode::kPreview);
  ASSERT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(report->errors[0].column, "学历");
  EXPECT_EQ(report->errors[1].row, 3);
  EXPECT_NE(report->errors[1].message.find("与第 2 行重复"), std::string::npos) << report->errors[1].message;
}

// The template's example row for a caller imports as it stands: a Party member of the nearest Party organization
// in the caller's subtree (the branch of the township's first village here), with an ID number nobody has; with
// no Party organization in the subtree, a 群众 of the caller's own unit.
TEST_F(RosterImportTest, TheTemplateExampleImportsForTheCaller) {
  RosterScope scope = ScopeOf(township_);
  auto example = RosterExample(*t_.db, *t_.cipher, scope.root_org_id);
  EXPECT_EQ(example["org"], branch_);
  EXPECT_EQ(example.count("political_status"), 0u);  // the spec's own: 正式党员
  auto tpl = imports::TemplateXlsx(RosterSpec(), example);
  ASSERT_TRUE(tpl.ok());
  RosterImport target(*t_.db, *t_.cipher, scope);
  auto report = imports::Run(target, *t_.db, *tpl, {Mode::kAll, "人员花名册导入模板.xlsx", kActor, nullptr});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  for (const auto& e : report->errors) ADD_FAILURE() << e.row << " " << e.column << " " << e.message;
  EXPECT_EQ(report->counts.added, 1);
  EXPECT_TRUE(report->applied);
  // Once that person is registered, the next template names another ID number.
  EXPECT_NE(RosterExample(*t_.db, *t_.cipher, scope.root_org_id)["id_number"], example["id_number"]);

  // A township with no Party organization below it (the fixture made branches under the first two only).
  auto townships = *org::OrgQueries(*t_.db).Children("632802000000", Date::Today());
  RosterScope plain = ScopeOf(townships[2].code);
  auto masses = RosterExample(*t_.db, *t_.cipher, plain.root_org_id);
  EXPECT_EQ(masses["org"], townships[2].code);
  EXPECT_EQ(masses["political_status"], "群众");
  RosterImport again(*t_.db, *t_.cipher, plain);
  tpl = imports::TemplateXlsx(RosterSpec(), masses);
  report = imports::Run(again, *t_.db, *tpl, {Mode::kPreview, "人员花名册导入模板.xlsx", kActor, nullptr});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  for (const auto& e : report->errors) ADD_FAILURE() << e.row << " " << e.column << " " << e.message;
  EXPECT_EQ(report->counts.added, 1);
}

// A Target that cancels the run after its second row, as the web's cancel button does mid-apply.
class CancelAfterTwo : public imports::Target {
 public:
  CancelAfterTwo(imports::Target& inner, imports::Progress& progress) : inner_(inner), progress_(progress) {}
  const imports::Spec& spec() const override { return inner_.spec(); }
  void Begin() override { inner_.Begin(); }
  imports::RowResult Row(const imports::Values& row, bool write) override {
    if (++rows_ == 2) progress_.cancel = true;
    return inner_.Row(row, write);
  }

 private:
  imports::Target& inner_;
  imports::Progress& progress_;
  int rows_ = 0;
};

TEST_F(RosterImportTest, CancelDuringTheApplyChangesNothing) {
  const std::string digest = store::ContentDigest(*t_.db);
  std::string csv = std::string(kHeader) + Row("扎西", ValidId("63280219800101001"), branch_) +
                    Row("才让", ValidId("63280219800101011"), branch_) +
                    Row("卓玛", ValidId("63280219800101031"), branch_);
  RosterImport roster(*t_.db, *t_.cipher, {});
  imports::Progress progress;
  CancelAfterTwo target(roster, progress);
  auto report = imports::Run(target, *t_.db, csv, {Mode::kAll, "roster.csv", kActor, &progress});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->cancelled);
  EXPECT_FALSE(report->applied);
  EXPECT_EQ(progress.total, 3);
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
}

TEST_F(RosterImportTest, HeaderProblemsAreOneClearError) {
  auto report = Import("姓名,血型\n扎西,O\n", Mode::kPreview);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().field(), "header");
  EXPECT_NE(report.status().message().find("民族、身份证号码、学历、政治面貌"), std::string::npos)
      << report.status().message();
  auto unknown = Import(std::string("血型,") + kHeader + "O," + Row("扎西", ValidId("63280219800101001"), branch_),
                        Mode::kPreview);
  ASSERT_TRUE(unknown.ok()) << unknown.status().ToString();
  EXPECT_EQ(unknown->unknown_headers, (std::vector<std::string>{"血型"}));
  EXPECT_EQ(unknown->counts.added, 1);
}

TEST_F(RosterImportTest, IdNumbersExcelStoredAsNumbersAreNamed) {
  std::string csv = std::string(kHeader) + Row("扎西", "6.30102E+17", branch_);
  auto report = Import(csv, Mode::kPreview);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].message, imports::kIdDigitsLost);
}

TEST_F(RosterImportTest, TheTemplateAndTheErrorsFileAreWorkbooks) {
  auto tpl = imports::TemplateXlsx(RosterSpec());
  ASSERT_TRUE(tpl.ok()) << tpl.status().ToString();
  EXPECT_EQ(tpl->substr(0, 2), "PK");
  std::string csv = std::string(kHeader) + Row("拉毛", BadId("63280219800101002"), branch_);
  auto report = Import(csv, Mode::kPreview);
  auto errors = imports::ErrorsXlsx(RosterSpec(), *report);
  ASSERT_TRUE(errors.ok());
  EXPECT_EQ(errors->substr(0, 2), "PK");
}

}  // namespace
}  // namespace jiceng::people
