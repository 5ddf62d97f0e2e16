// The duty tests' shared fixture: a fresh copy of the real Qinghai tree, a county (格尔木市), one of its towns
// and two of that town's villages, each with a caller, and helpers to create and act. Test-only code.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "modules/duty/commands.h"
#include "modules/duty/queries.h"
#include "modules/org/queries.h"
#include "testing/fixture.h"

namespace jiceng::duty {

inline accounts::Principal At(store::Connection& db, const std::string& code, const std::string& login) {
  auto unit = org::OrgRepo(db).FindByCode(code, Date::Today());
  accounts::Principal p;
  p.login = login;
  p.role = accounts::Role::kOrgDepartment;
  p.org_id = unit->id;
  p.org_code = unit->code;
  p.org_name = unit->name;
  p.address = "127.0.0.1";
  return p;
}

class DutyFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = testing_support::CopyOf(testing_support::TemplateDatabase(false), "duty");
    files_ = store::StatePath(t_.path) + ".files";
    std::filesystem::remove_all(files_);
    org::OrgQueries q(*t_.db);
    town_ = (*q.Children("632801000000", Date::Today()))[10].code;  // a town of 格尔木市
    auto villages = *q.Children(town_, Date::Today());
    village_ = villages[0].code;
    other_village_ = villages[1].code;
    county_ = At(*t_.db, "632801000000", "county");
    township_ = At(*t_.db, town_, "town");
    village_cadre_ = At(*t_.db, village_, "village");
    other_county_ = At(*t_.db, "632802000000", "delingha");
  }
  void TearDown() override {
    std::filesystem::remove_all(files_);
    unsetenv("JICENG_TODAY");
  }
  DutyCommands As(const accounts::Principal& p) { return DutyCommands(*t_.db, p, files_); }
  Item Problem(const std::string& deadline = "2099-12-31") {
    ItemForm f;
    f.kind = "problem";
    f.title = "村集体经济收入低于10万元";
    f.deadline = deadline;
    f.source = "调研";
    f.area = "发展壮大村集体经济";
    f.responsible_org_code = town_;
    auto item = As(county_).Create(f);
    EXPECT_TRUE(item.ok()) << item.status().ToString();
    return *item;
  }
  Item Measure(int64_t problem, const std::string& org, int weight) {
    ItemForm f;
    f.kind = "measure";
    f.parent_id = std::to_string(problem);
    f.title = "盘活闲置资产";
    f.deadline = "2099-06-30";
    f.weight = std::to_string(weight);
    f.responsible_org_code = org;
    auto item = As(township_).Create(f);
    EXPECT_TRUE(item.ok()) << item.status().ToString();
    return *item;
  }
  // Signing off here confirms that there is no evidence file unless `confirm` is false.
  Status Do(const accounts::Principal& p, int64_t id, const std::string& action, const std::string& note = "",
            const std::string& progress = "", const std::string& score = "", const std::string& grade = "",
            bool confirm = true) {
    auto r = As(p).Act(id, {action, note, progress, score, grade, confirm});
    return r.ok() ? Status::Ok() : r.status();
  }

  testing_support::TestDb t_;
  std::string files_, town_, village_, other_village_;
  accounts::Principal county_, township_, village_cadre_, other_county_;
};

}  // namespace jiceng::duty
