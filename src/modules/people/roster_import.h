// The people roster import (人员花名册导入), a Target of the import framework
// (modules/imports): one person per row, added, or updated when the ID number
// is already registered and the person is in the caller's scope. The columns
// are those of the old CSV import. Use one RosterImport per run and thread.
#pragma once

#include <map>
#include <string>

#include "core/crypto.h"
#include "modules/imports/run.h"
#include "modules/org/repo.h"
#include "modules/people/repo.h"

namespace jiceng::people {

// The roster's columns: 姓名, 性别, 民族, 出生日期, 身份证号码, 手机号码, 学历, 政治面貌, 入党日期,
// 所在组织代码, 加入组织日期 (with the English field names as aliases).
const imports::Spec& RosterSpec();

// The template's example row for a caller whose scope is `root_org_id` (RosterSpec keys → cells): a Party member
// of the caller's own Party organization (or the first one below it; 群众 of the caller's unit when there is
// none), with an ID number nobody has — so that the template as downloaded imports without an error.
std::map<std::string, std::string> RosterExample(store::Connection& db, const FieldCipher& cipher, int64_t root_org_id);

struct RosterScope {
  int64_t root_org_id = 0;        // rows' organizations and updated persons must be in this subtree; 0: anywhere
  std::string root_org_code;      // for the audit record
  std::string default_org_code;   // for rows that name no organization; may be empty
};

class RosterImport : public imports::Target {
 public:
  RosterImport(store::Connection& db, const FieldCipher& cipher, RosterScope scope)
      : db_(db), repo_(db), orgs_(db), cipher_(cipher), scope_(std::move(scope)) {}
  ~RosterImport() override;
  const imports::Spec& spec() const override { return RosterSpec(); }
  void Begin() override;
  imports::RowResult Row(const imports::Values& row, bool write) override;
  std::string AuditOrg() const override { return scope_.root_org_code; }
  bool NeedsRowSavepoints() const override { return false; }  // every check comes before the first write

 private:
  struct Unit {
    int64_t id = 0;
    bool party = false;  // a Party organization
    std::string name;
  };
  // The organization of `code` on `on`, inside the scope; remembered, as most rows name the same few.
  Result<Unit> UnitOf(const std::string& code, Date on);

  store::Connection& db_;
  PeopleRepo repo_;
  org::OrgRepo orgs_;
  const FieldCipher& cipher_;
  RosterScope scope_;
  Date today_;
  std::map<std::string, int> seen_;  // lookup hash → the row that named it first
  std::map<std::pair<std::string, int64_t>, Result<Unit>> units_;  // (code, day) → UnitOf
  std::optional<int64_t> cache_before_;  // the page cache's size before the first write widened it
};

}  // namespace jiceng::people
