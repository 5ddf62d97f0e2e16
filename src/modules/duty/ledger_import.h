// The ledger import (问题整改台账导入), a Target of the import framework
// (modules/imports): the layout LedgerXlsx exports — 序号, 问题, 措施, 责任单位,
// 责任人, 包联领导, 完成时限, 进展情况, 状态 (and an optional 来源) — as draft
// problems with their measures (and into one duty list, if chosen), each created by
// DutyCommands::Create, so every rule of a hand-made item holds (scope, the
// responsible org strictly below, no deadline in the past). A row with 问题 and
// 措施 is a measure of the problem of that title above it; 措施 alone, of the
// problem just above. Use one LedgerImport per run and thread.
#pragma once

#include <map>
#include <string>

#include "modules/accounts/model.h"
#include "modules/duty/model.h"
#include "modules/imports/run.h"
#include "store/store.h"

namespace jiceng::duty {

const imports::Spec& LedgerSpec();

// The list to import into, if any: the caller's org must have issued it, and it must not be withdrawn.
Result<DutyList> ListForImport(store::Connection& db, const accounts::Principal& caller, int64_t list_id);

// The template's example row for the caller (LedgerSpec keys → cells): a problem for a unit right below the
// caller's org (by name when no other unit of the caller's subtree has it) due in three months, so that the
// template as downloaded imports without an error.
std::map<std::string, std::string> LedgerExample(store::Connection& db, const accounts::Principal& caller);

class LedgerImport : public imports::Target {
 public:
  // `list_id`: the list the problems join (0: none, the caller's own problems as 新建问题 makes them).
  // `default_source`: the 来源 of problems whose row names none (the ledger has no such column).
  LedgerImport(store::Connection& db, accounts::Principal caller, int64_t list_id, std::string default_source)
      : db_(db), caller_(std::move(caller)), list_id_(list_id), default_source_(std::move(default_source)) {}
  const imports::Spec& spec() const override { return LedgerSpec(); }
  void Begin() override;
  imports::RowResult Row(const imports::Values& row, bool write) override;
  std::string AuditOrg() const override { return caller_.org_code; }
  bool PreviewWrites() const override { return true; }  // a measure needs the problem above it

 private:
  Result<std::string> OrgCode(const std::string& text);
  Result<std::string> PersonId(const std::string& text, const char* field, const char* label);

  store::Connection& db_;
  accounts::Principal caller_;
  int64_t list_id_;
  std::string default_source_;
  // A problem row accepted (its measures follow it) or refused (so are they, naming its row).
  void Accepted(const std::string& title, int64_t id);
  void Refused(const std::string& title, int row);

  std::map<std::string, int64_t> problems_;  // title → id of the problems of this file (0: checked, not written)
  std::map<std::string, int> refused_;       // title → the row of a refused problem of this file
  std::optional<int64_t> last_problem_;      // the problem just above, accepted
  int last_refused_ = 0;                     // the row of the problem just above, refused (0: it was accepted)
};

}  // namespace jiceng::duty
