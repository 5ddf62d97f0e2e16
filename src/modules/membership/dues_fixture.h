// The dues tests' shared fixture: a fresh copy of the real Qinghai tree with three Party branches — two under
// villages of one town of 格尔木市, one in 德令哈市 — their members, and callers at the village, the town, the
// county, the other county and the province. The calendar is fixed (JICENG_TODAY). Test-only code.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "core/id_number.h"
#include "modules/membership/commands.h"
#include "modules/membership/queries.h"
#include "modules/org/commands.h"
#include "modules/org/queries.h"
#include "modules/people/commands.h"
#include "testing/fixture.h"

namespace jiceng::membership {

inline accounts::Principal Caller(store::Connection& db, const std::string& code, const std::string& login,
                                  accounts::Role role) {
  auto unit = org::OrgRepo(db).FindByCode(code, Date::Today());
  accounts::Principal p;
  p.login = login;
  p.role = role;
  p.org_id = unit->id;
  p.org_code = unit->code;
  p.org_name = unit->name;
  p.address = "127.0.0.1";
  return p;
}

class DuesFixture : public ::testing::Test {
 protected:
  void SetToday(const std::string& day) { ::setenv("JICENG_TODAY", day.c_str(), 1); }
  void SetUp() override {
    SetToday("2026-11-15");
    t_ = testing_support::CopyOf(testing_support::TemplateDatabase(false), "dues");
    org::OrgQueries q(*t_.db);
    town_ = (*q.Children("632801000000", Date::Today()))[10].code;
    auto villages = *q.Children(town_, Date::Today());
    village_ = villages[0].code;
    other_village_ = villages[1].code;
    org::OrgCommands orgs(*t_.db, {"test", "local"});
    branch_a_ = orgs.AddUnit({village_, "party_branch", "测试一村党支部", "2000-01-01"})->code;
    branch_b_ = orgs.AddUnit({other_village_, "party_branch", "测试二村党支部", "2000-01-01"})->code;
    branch_c_ = orgs.AddUnit({"632802001204", "party_branch", "德令哈测试党支部", "2000-01-01"})->code;
    using accounts::Role;
    village_cadre_ = Caller(*t_.db, village_, "village", Role::kVillageCommittees);
    other_village_cadre_ = Caller(*t_.db, other_village_, "village2", Role::kVillageCommittees);
    township_ = Caller(*t_.db, town_, "town", Role::kTownshipCommittee);
    county_ = Caller(*t_.db, "632801000000", "county", Role::kOrgDepartment);
    other_county_ = Caller(*t_.db, "632802000000", "delingha", Role::kOrgDepartment);
    province_ = Caller(*t_.db, "630000000000", "province", Role::kOrgDepartment);
  }
  void TearDown() override { ::unsetenv("JICENG_TODAY"); }

  // A member of `branch` (正式党员 unless `status` says otherwise); returns the person's id.
  int64_t AddMember(const std::string& branch, const std::string& name, const std::string& status = "正式党员") {
    char first17[32];
    std::snprintf(first17, sizeof first17, "%.6s1980%02d%02d%03d", branch.substr(0, 6).c_str(), 1 + seq_ / 28 % 12,
                  1 + seq_ % 28, (seq_ % 1000 + 1000) % 1000);
    ++seq_;
    people::PersonForm f;
    f.name = name;
    f.id_number = std::string(first17) + IdCheckCharacter(first17);
    f.ethnicity = "汉族";
    f.education = "高中";
    f.political_status = status;
    if (status == "正式党员" || status == "预备党员") f.joined_party_on = "2010-07-01";
    f.org_code = branch;
    f.org_since = "2010-07-01";
    auto p = people::PeopleCommands(*t_.db, *t_.cipher, {"test", "local"}).Add(f);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? p->id : 0;
  }
  DuesCommands As(const accounts::Principal& p) { return DuesCommands(*t_.db, p); }
  Status SetBasis(int64_t person, const std::string& kind, int64_t base_fen, const std::string& from,
                  bool quarterly = false) {
    auto b = As(village_cadre_for(person))
                 .SetBasis(person, {kind, base_fen ? std::to_string(base_fen) : "", from, quarterly ? "1" : "0", ""});
    return b.ok() ? Status::Ok() : b.status();
  }
  Status Pay(int64_t person, const std::string& from, const std::string& to, int64_t amount,
             const std::string& method = "cash", const std::string& reference = "", const std::string& on = "") {
    auto r = As(village_cadre_for(person))
                 .Pay({std::to_string(person), from, to, std::to_string(amount), method, reference, on});
    return r.ok() ? Status::Ok() : r.status();
  }
  // The cadre of the village that hosts the person's branch.
  const accounts::Principal& village_cadre_for(int64_t person) {
    auto branch = DuesRepo(*t_.db).BranchOf(person, Date::Today());
    auto unit = org::OrgRepo(*t_.db).FindById(*branch, Date::Today());
    return unit->code == branch_b_ ? other_village_cadre_ : village_cadre_;
  }
  Result<Ledger> LedgerOf(const accounts::Principal& p, const std::string& branch, const std::string& month) {
    LedgerRequest q;
    q.org = branch;
    q.month = month;
    q.page_size = kMaxLedgerPageSize;
    return DuesQueries(*t_.db, p).LedgerOf(q);
  }
  MemberMonth RowOf(const Ledger& l, int64_t person) {
    for (const auto& r : l.rows) {
      if (r.month.person_id == person) return r.month;
    }
    ADD_FAILURE() << "no row for person " << person;
    return {};
  }

  testing_support::TestDb t_;
  std::string town_, village_, other_village_, branch_a_, branch_b_, branch_c_;
  accounts::Principal village_cadre_, other_village_cadre_, township_, county_, other_county_, province_;
  int seq_ = 1;
};

}  // namespace jiceng::membership
