// The import preview's paged error list (GET /imports/jobs/{id}?offset=&limit=, issue #11 §4) against a
// brute-force twin, as lists_property_test does for every list: random rosters and ledgers on the Qinghai demo,
// each row given random bad cells (several at once, in a random column order, as .csv or .xlsx), and the errors
// the generator knows it put there — every bad cell of a row, in the columns' order, rows in file order — compared
// with every page of random size that the server's JSON (imports::ToJson, what the job route serves) gives, with
// the counts, and with the 错误原因 of the errors workbook.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "core/id_number.h"
#include "core/sheet.h"
#include "modules/duty/ledger_import.h"
#include "modules/imports/cells.h"
#include "modules/imports/files.h"
#include "modules/imports/json.h"
#include "modules/org/repo.h"
#include "modules/people/roster_import.h"
#include "testing/fixture.h"

namespace jiceng {
namespace {

using imports::Mode;
using testing_support::CopyOf;
using testing_support::TemplateDatabase;

constexpr int kFiles = 40;
constexpr int kPagesPerFile = 8;
const Actor kActor{"twin", "127.0.0.1"};
const char* kGolmud = "632801000000";
const char* kDelingha = "632802000000";

// What the generator put in a cell: the column's Chinese name and a piece of the message that must name it.
struct Expected {
  int row;
  std::string column;
  std::string part;
};

// A generated file: its bytes and the errors a correct import must find in it.
struct Case {
  std::string bytes, file_name;
  int64_t rows = 0, bad_rows = 0;
  std::vector<Expected> errors;
};

template <typename T>
const T& Pick(std::mt19937& rng, const std::vector<T>& options) {
  return options[std::uniform_int_distribution<size_t>(0, options.size() - 1)(rng)];
}
int Uniform(std::mt19937& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
bool Chance(std::mt19937& rng, double p) { return std::bernoulli_distribution(p)(rng); }

// Writes rows (the header first) as .csv or as .xlsx, at random; data rows are Excel rows 2, 3, ….
void Write(std::mt19937& rng, const std::vector<std::vector<std::string>>& rows, Case& out, const std::string& stem) {
  if (Chance(rng, 0.5)) {
    for (const auto& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) out.bytes += (i ? "," : "") + row[i];
      out.bytes += "\n";
    }
    out.file_name = stem + ".csv";
    return;
  }
  sheet::Sheet s;
  s.name = stem;
  s.header = rows[0];
  s.rows.assign(rows.begin() + 1, rows.end());
  auto bytes = sheet::WriteXlsx({s});
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  out.bytes = bytes.ok() ? *bytes : "";
  out.file_name = stem + ".xlsx";
}

// The cells of the first worksheet, as text.
std::vector<std::vector<std::string>> ReadBack(const std::string& bytes) {
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

// Every page of the report as the job route serves it, for random page sizes and pages (and a few raw offsets),
// against the expected errors; the counts; and each bad row's 错误原因 in the errors workbook.
void CompareWithTwin(std::mt19937& rng, const imports::Spec& spec, const imports::Report& report, const Case& c) {
  const auto& want = c.errors;
  EXPECT_EQ(report.counts.rows, c.rows);
  EXPECT_EQ(report.counts.failed, c.bad_rows);
  EXPECT_EQ(report.counts.added, c.rows - c.bad_rows);
  EXPECT_EQ(report.errors.size(), want.size());
  for (int p = 0; p < kPagesPerFile; ++p) {
    const size_t size = p == 0 ? 50 : static_cast<size_t>(Pick(rng, std::vector<int>{1, 2, 3, 5, 7, 10, 20, 37, 500}));
    const size_t pages = (want.size() + size - 1) / size;
    const size_t offset = p % 4 == 3 ? static_cast<size_t>(Uniform(rng, 0, static_cast<int>(want.size()) + 2))
                                     : static_cast<size_t>(Uniform(rng, 1, static_cast<int>(pages) + 1) - 1) * size;
    boost::json::object page = imports::ToJson(report, offset, size);
    EXPECT_EQ(page.at("error_total").to_number<int64_t>(), static_cast<int64_t>(want.size()));
    EXPECT_EQ(page.at("counts").at("failed").to_number<int64_t>(), c.bad_rows);
    const auto& got = page.at("errors").as_array();
    const size_t expected_size = offset >= want.size() ? 0 : std::min(size, want.size() - offset);
    ASSERT_EQ(got.size(), expected_size) << c.file_name << " offset " << offset << " size " << size;
    for (size_t i = 0; i < got.size(); ++i) {
      const Expected& e = want[offset + i];
      const auto& g = got[i].as_object();
      EXPECT_EQ(g.at("row").to_number<int64_t>(), e.row) << c.file_name << " #" << offset + i;
      EXPECT_EQ(std::string(g.at("column").as_string()), e.column) << c.file_name << " row " << e.row;
      const std::string message(g.at("message").as_string());
      EXPECT_NE(message.find(e.part), std::string::npos)
          << c.file_name << " row " << e.row << " " << e.column << ": " << message << " lacks " << e.part;
    }
  }
  // The errors workbook: one line per bad row, in order, whose 错误原因 names every bad cell of it, in order.
  auto file = imports::ErrorsXlsx(spec, report);
  ASSERT_TRUE(file.ok());
  std::vector<std::string> reasons;
  for (const auto& row : ReadBack(*file)) {
    if (!row.empty() && row.back().rfind("第 ", 0) == 0) reasons.push_back(row.back());
  }
  ASSERT_EQ(static_cast<int64_t>(reasons.size()), c.bad_rows) << c.file_name;
  size_t next = 0;
  for (const std::string& why : reasons) {
    ASSERT_LT(next, want.size());
    const int row = want[next].row;
    EXPECT_EQ(why.rfind("第 " + std::to_string(row) + " 行：", 0), 0u) << why;
    size_t at = 0;
    for (; next < want.size() && want[next].row == row; ++next) {
      at = why.find(want[next].column + "：", at);
      ASSERT_NE(at, std::string::npos) << why << " lacks " << want[next].column;
      at = why.find(want[next].part, at);
      ASSERT_NE(at, std::string::npos) << why << " lacks " << want[next].part;
    }
  }
}

class ImportErrorsMatchBruteForce : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = CopyOf(TemplateDatabase(true), "import_errors");
    org::OrgRepo orgs(*t_.db);
    const Date today = Date::Today();
    golmud_ = *orgs.FindByCode(kGolmud, today);
    // Party branches and plain units of 格尔木市's villages, each with its first day in the tree.
    for (const auto& town : orgs.Children(golmud_.id, today)) {
      if (town.level != org::Level::kTownship) continue;
      towns_.push_back(town.code);
      for (const auto& village : orgs.Children(town.id, today)) {
        if (village.level != org::Level::kVillage) continue;
        units_.push_back({village.code, *orgs.FirstDay(village.id)});
        for (const auto& branch : orgs.Children(village.id, today)) {
          if (branch.level == org::Level::kParty) branches_.push_back({branch.code, *orgs.FirstDay(branch.id)});
        }
      }
    }
    auto delingha = orgs.FindByCode(kDelingha, today);
    for (const auto& town : orgs.Children(delingha->id, today)) {
      for (const auto& village : orgs.Children(town.id, today)) {
        for (const auto& branch : orgs.Children(village.id, today)) {
          if (branch.level == org::Level::kParty) far_branches_.push_back(branch.code);
        }
      }
    }
    ASSERT_FALSE(branches_.empty());
    ASSERT_FALSE(units_.empty());
    ASSERT_FALSE(far_branches_.empty());
    ASSERT_FALSE(towns_.empty());
  }

  accounts::Principal Golmud() const {
    accounts::Principal p;
    p.login = "twin";
    p.role = accounts::Role::kOrgDepartment;
    p.org_id = golmud_.id;
    p.org_code = golmud_.code;
    p.org_name = golmud_.name;
    p.address = "127.0.0.1";
    return p;
  }

  Case Roster(int file);
  Case Ledger(int file);

  struct Unit {
    std::string code;
    Date first_day;
  };
  testing_support::TestDb t_;
  std::mt19937 rng_{20261202};
  org::OrgUnit golmud_;
  std::vector<Unit> branches_, units_;
  std::vector<std::string> far_branches_, towns_;
  std::set<std::string> ids_;  // every ID number generated, so that only the intended ones repeat
};

std::string Digits(int value, int width) {
  std::string s = std::to_string(value);
  return std::string(width - std::min<int>(width, static_cast<int>(s.size())), '0') + s;
}

// A roster of 1–40 rows in a random column order; half the rows get 1–4 bad cells, each of a kind the column can
// have and the rest of the row lets show (a rule comparing two cells only speaks when both are good).
Case ImportErrorsMatchBruteForce::Roster(int file) {
  const imports::Spec& spec = people::RosterSpec();
  const Date today = Date::Today();
  std::vector<size_t> order(spec.columns.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng_);
  std::vector<std::vector<std::string>> rows(1);
  for (size_t i : order) rows[0].push_back(spec.columns[i].name);

  std::vector<std::string> educations, ethnic = {"藏族", "汉族", "回族", "土族", "撒拉族", "蒙古族"};
  for (auto e : people::AllEducations()) educations.emplace_back(people::EducationName(e));
  std::vector<std::pair<std::string, int>> firsts;  // ID numbers that passed their cell check, with their row

  Case out;
  out.rows = Uniform(rng_, 1, 40);
  for (int r = 0; r < out.rows; ++r) {
    const int excel_row = r + 2;
    std::map<std::string, std::string> cell;  // by column key
    std::map<std::string, Expected> bad;      // by column key
    std::set<std::string> broken;
    const int nbad = Chance(rng_, 0.5) ? 0 : Uniform(rng_, 1, 4);
    std::vector<std::string> keys;
    for (const auto& c : spec.columns) keys.push_back(c.key);
    std::shuffle(keys.begin(), keys.end(), rng_);
    broken.insert(keys.begin(), keys.begin() + nbad);
    auto breaks = [&](const char* key) { return broken.count(key) > 0; };
    auto expect = [&](const std::string& key, const std::string& part) {
      for (const auto& c : spec.columns) {
        if (c.key == key) bad[key] = {excel_row, c.name, part};
      }
    };
    auto set_bad = [&](const std::string& key, std::string value, const std::string& part) {
      cell[key] = std::move(value);
      expect(key, part);
    };

    // The ID number first: the other cells follow from the one the row carries.
    std::string id;
    std::string id_kind =
        breaks("id_number") ? Pick(rng_, std::vector<std::string>{"empty", "check", "lost", "dup"}) : "";
    if (id_kind == "dup" && firsts.empty()) id_kind = "check";
    if (id_kind == "dup") {
      const auto& [first, at] = Pick(rng_, firsts);
      id = first;
      expect("id_number", "与第 " + std::to_string(at) + " 行重复");
    } else {
      do {
        const Date birth = Date::FromYmd(1950, 1, 1)->AddDays(Uniform(rng_, 0, 18600));  // to 2000-12-05
        std::string seq = Digits(Uniform(rng_, 1, 999), 3);
        if (seq.substr(1) == "00") seq[2] = '7';  // never "…000": that is the mark of digits Excel lost
        const std::string ymd = birth.ToString();
        const std::string first17 = "639901" + ymd.substr(0, 4) + ymd.substr(5, 2) + ymd.substr(8, 2) + seq;
        id = first17 + IdCheckCharacter(first17);
      } while (!ids_.insert(id).second);
    }
    const Date birth =
        *Date::FromYmd(std::stoi(id.substr(6, 4)), std::stoi(id.substr(10, 2)), std::stoi(id.substr(12, 2)));
    const bool male = (id[16] - '0') % 2 == 1;
    if (id_kind == "empty") {
      cell["id_number"] = "";
      expect("id_number", "身份证号码不能为空");
    } else if (id_kind == "check") {
      id.back() = id.back() == '1' ? '2' : '1';
      cell["id_number"] = id;
      expect("id_number", "校验码错误");
    } else if (id_kind == "lost") {
      cell["id_number"] = "6.39901E+17";
      expect("id_number", imports::kIdDigitsLost);
    } else {
      cell["id_number"] = id;
      if (id_kind.empty()) firsts.emplace_back(id, excel_row);
    }
    const bool id_good = id_kind.empty() || id_kind == "dup";  // the cell passed: rules comparing with it speak

    const bool member = Chance(rng_, 0.6);
    const bool status_broken = breaks("political_status");
    cell["political_status"] = status_broken ? "会员" : member ? "正式党员" : "群众";
    if (status_broken) expect("political_status", "政治面貌“会员”无效");

    cell["name"] = "孪生" + std::to_string(file) + "号" + std::to_string(r);
    if (breaks("name")) {
      switch (Uniform(rng_, 0, 2)) {
        case 0:
          set_bad("name", "", "姓名不能为空");
          break;
        case 1: {
          std::string long_name;
          for (int k = 0; k < 15; ++k) long_name += "扎西";
          set_bad("name", long_name + "多", "不能超过 30 个字");  // 31 characters
          break;
        }
        default:
          set_bad("name", "扎西;多杰", "不允许的字符");
          break;
      }
    }
    cell["gender"] = Chance(rng_, 0.5) ? (male ? "男" : "女") : "";
    if (breaks("gender")) {
      if (id_good && Chance(rng_, 0.5)) {
        cell["gender"] = male ? "女" : "男";
        expect("gender", "与身份证号码不符");
      } else {
        cell["gender"] = "未知";
        expect("gender", "性别“未知”无效");
      }
    }
    cell["ethnicity"] = Pick(rng_, ethnic);
    if (breaks("ethnicity")) {
      if (Chance(rng_, 0.5)) {
        cell["ethnicity"] = "";
        expect("ethnicity", "民族不能为空");
      } else {
        cell["ethnicity"] = "火星族";
        expect("ethnicity", "民族“火星族”不在 56 个民族名称中");
      }
    }
    cell["birth_date"] = Chance(rng_, 0.5) ? birth.ToString() : "";
    if (breaks("birth_date")) {
      if (id_good && Chance(rng_, 0.5)) {
        cell["birth_date"] = birth.AddDays(1).ToString();
        expect("birth_date", "出生日期与身份证号码不符");
      } else {
        cell["birth_date"] = "2024-02-30";
        expect("birth_date", "不是有效的日期");
      }
    }
    cell["phone"] = Chance(rng_, 0.5) ? "139" + Digits(Uniform(rng_, 0, 99999999), 8) : "";
    if (breaks("phone")) {
      cell["phone"] = "12345";
      expect("phone", "手机号码应为 11 位数字");
    }
    cell["education"] = Pick(rng_, educations);
    if (breaks("education")) {
      cell["education"] = "博士";
      expect("education", "学历“博士”无效");
    }

    // 入党日期: a Party member's, twenty-odd years after birth (never after today); none for the others.
    const Date joined = std::min(birth.AddDays(20 * 366 + Uniform(rng_, 0, 3000)), today.AddDays(-1));
    cell["joined_party_on"] = member ? joined.ToString() : "";
    if (breaks("joined_party_on")) {
      std::vector<std::string> kinds = {"invalid", "future"};
      if (!status_broken && member) kinds.push_back("missing");
      if (!status_broken && !member) kinds.push_back("masses");
      if (!status_broken && member && id_good) kinds.push_back("young");
      const std::string kind = Pick(rng_, kinds);
      if (kind == "invalid") set_bad("joined_party_on", "2024-13-01", "不是有效的日期");
      if (kind == "future") set_bad("joined_party_on", today.AddDays(30).ToString(), "入党日期不能晚于今天");
      if (kind == "missing") set_bad("joined_party_on", "", "党员必须填写入党日期");
      if (kind == "masses") set_bad("joined_party_on", joined.ToString(), "只有正式党员和预备党员有入党日期");
      if (kind == "young") set_bad("joined_party_on", birth.AddDays(16 * 365).ToString(), "入党时应年满 18 周岁");
    }

    // The organization: a branch for a Party member, a branch or a village for the others, joined on a day it
    // already existed (or today, left blank).
    const Unit& unit = member || Chance(rng_, 0.5) ? Pick(rng_, branches_) : Pick(rng_, units_);
    cell["org"] = unit.code;
    const Date earliest = std::max(unit.first_day, birth.AddDays(1));
    cell["org_since"] =
        Chance(rng_, 0.4) || earliest > today
            ? ""
            : earliest.AddDays(Uniform(rng_, 0, static_cast<int>(today.days() - earliest.days()))).ToString();
    if (breaks("org")) {
      std::vector<std::string> kinds = {"nowhere", "far", "blank"};
      if (!status_broken && member) kinds.push_back("not_party");
      const std::string kind = Pick(rng_, kinds);
      if (kind == "nowhere") set_bad("org", "639999999999", "不在您的管辖范围内");
      if (kind == "far") set_bad("org", Pick(rng_, far_branches_), "不在您的管辖范围内");
      if (kind == "not_party") set_bad("org", Pick(rng_, units_).code, "不是党组织");
      if (kind == "blank") {
        cell["org"] = "";
        expect("org", !status_broken && member ? "必须填写所在党组织" : "请填写所在组织代码");
      }
    }
    if (breaks("org_since")) {
      std::vector<std::string> kinds = {"invalid", "future"};
      if (id_good) kinds.push_back("before_birth");
      const std::string kind = Pick(rng_, kinds);
      if (kind == "invalid") set_bad("org_since", "2023-02-29", "不是有效的日期");
      if (kind == "future") set_bad("org_since", today.AddDays(10).ToString(), "加入组织日期不能晚于今天");
      if (kind == "before_birth") set_bad("org_since", birth.AddDays(-1).ToString(), "不能早于出生日期");
    }

    std::vector<std::string> line;
    for (size_t i : order) line.push_back(cell[spec.columns[i].key]);
    rows.push_back(std::move(line));
    // The brute-force answer: this row's bad cells in the spec's column order.
    if (!bad.empty()) ++out.bad_rows;
    for (const auto& c : spec.columns) {
      if (auto it = bad.find(c.key); it != bad.end()) out.errors.push_back(it->second);
    }
  }
  Write(rng_, rows, out, "花名册" + std::to_string(file));
  return out;
}

// A ledger of problems (1–30 rows, random column order); half the rows get 1–3 bad cells.
Case ImportErrorsMatchBruteForce::Ledger(int file) {
  const imports::Spec& spec = duty::LedgerSpec();
  const std::vector<std::string> keys_in_file = {"problem", "measure", "org", "person", "leader", "deadline", "source"};
  std::vector<std::string> order = keys_in_file;
  std::shuffle(order.begin(), order.end(), rng_);
  auto name_of = [&](const std::string& key) {
    for (const auto& c : spec.columns) {
      if (c.key == key) return c.name;
    }
    return std::string();
  };
  std::vector<std::vector<std::string>> rows(1);
  for (const auto& k : order) rows[0].push_back(name_of(k));
  Case out;
  out.rows = Uniform(rng_, 1, 30);
  for (int r = 0; r < out.rows; ++r) {
    const int excel_row = r + 2;
    std::map<std::string, std::string> cell;
    std::map<std::string, Expected> bad;
    std::vector<std::string> breakable = {"problem", "org", "person", "leader", "deadline", "source"};
    std::shuffle(breakable.begin(), breakable.end(), rng_);
    const int nbad = Chance(rng_, 0.5) ? 0 : Uniform(rng_, 1, 3);
    std::set<std::string> broken(breakable.begin(), breakable.begin() + nbad);
    auto set_bad = [&](const std::string& key, std::string value, const std::string& part) {
      cell[key] = std::move(value);
      bad[key] = {excel_row, name_of(key), part};
    };

    cell["problem"] = "孪生问题" + std::to_string(file) + "-" + std::to_string(r);
    if (broken.count("problem")) set_bad("problem", std::string(201, 'x'), "不能超过 200 个字");
    cell["org"] = Pick(rng_, towns_);
    if (broken.count("org")) {
      switch (Uniform(rng_, 0, 2)) {
        case 0:
          set_bad("org", "", "责任单位不能为空");
          break;
        case 1:
          set_bad("org", "没有这个单位", "未找到责任单位");
          break;
        default:
          set_bad("org", kDelingha, "不在您的管辖范围内");
          break;
      }
    }
    if (broken.count("person")) set_bad("person", "查无此人", "未找到责任人");
    if (broken.count("leader")) set_bad("leader", "查无此人", "未找到包联领导");
    cell["deadline"] = Date::FromYmd(2099, 1, 1)->AddDays(Uniform(rng_, 0, 360)).ToString();
    if (broken.count("deadline")) {
      switch (Uniform(rng_, 0, 2)) {
        case 0:
          set_bad("deadline", "", "完成时限不能为空");
          break;
        case 1:
          set_bad("deadline", "2099-02-30", "不是有效的日期");
          break;
        default:
          set_bad("deadline", "2000-01-01", "已早于今天");
          break;
      }
    }
    cell["source"] = Chance(rng_, 0.5) ? "巡察" : "";
    if (broken.count("source")) set_bad("source", "道听途说", "来源“道听途说”无效");

    std::vector<std::string> line;
    for (const auto& k : order) line.push_back(cell[k]);
    rows.push_back(std::move(line));
    if (!bad.empty()) ++out.bad_rows;
    for (const auto& c : spec.columns) {
      if (auto it = bad.find(c.key); it != bad.end()) out.errors.push_back(it->second);
    }
  }
  Write(rng_, rows, out, "台账" + std::to_string(file));
  return out;
}

TEST_F(ImportErrorsMatchBruteForce, RosterErrorPages) {
  org::OrgRepo orgs(*t_.db);
  const people::RosterScope scope{golmud_.id, golmud_.code, ""};
  int64_t errors = 0;
  for (int f = 0; f < kFiles; ++f) {
    const Case c = Roster(f);
    people::RosterImport target(*t_.db, *t_.cipher, scope);
    auto report = imports::Run(target, *t_.db, c.bytes, {Mode::kPreview, c.file_name, kActor, nullptr});
    ASSERT_TRUE(report.ok()) << c.file_name << ": " << report.status().ToString();
    CompareWithTwin(rng_, people::RosterSpec(), *report, c);
    if (HasFailure()) return;
    errors += static_cast<int64_t>(c.errors.size());
  }
  EXPECT_GT(errors, kFiles);  // the files were not all clean
}

TEST_F(ImportErrorsMatchBruteForce, LedgerErrorPages) {
  int64_t errors = 0;
  for (int f = 0; f < kFiles / 2; ++f) {
    const Case c = Ledger(f);
    duty::LedgerImport target(*t_.db, Golmud(), 0, "调研");
    auto report = imports::Run(target, *t_.db, c.bytes, {Mode::kPreview, c.file_name, kActor, nullptr});
    ASSERT_TRUE(report.ok()) << c.file_name << ": " << report.status().ToString();
    CompareWithTwin(rng_, duty::LedgerSpec(), *report, c);
    if (HasFailure()) return;
    errors += static_cast<int64_t>(c.errors.size());
  }
  EXPECT_GT(errors, kFiles / 2);
}

}  // namespace
}  // namespace jiceng
