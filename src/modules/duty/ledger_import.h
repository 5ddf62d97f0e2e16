// The ledger import (问题整改台账导入), a Target of the import framework
// (modules/imports): the layout LedgerXlsx exports — 序号, 问题, 措施, 责任单位,
// 责任人, 包联领导, 完成时限, 进展情况, 状态 (and an optional 来源) — into one
// duty list as draft problems with their measures, each created by
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

// The list to import into: the caller's org must have issued it, and it must not be withdrawn.
Result<DutyList> ListForImport(store::Connection& db, const accounts::Principal& caller, int64_t list_id);

class LedgerImport : public imports::Target {
 public:
  // `default_source`: the 来源 of problems whose row names none (the ledger has no such column).
  LedgerImport(store::Connection& db, accounts::Principal caller, int64_t list_id, std::string default_source)
      : db_(db), caller_(std::move(caller)), list_id_(list_id), default_source_(std::move(default_source)) {}
  const imports::Spec& spec() const override { return LedgerSpec(); }
  void Begin() override;
  Result<imports::Outcome> Row(const imports::Values& row, bool write) override;
  std::string AuditOrg() const override { return caller_.org_code; }
  bool PreviewWrites() const override { return true; }  // a measure needs the problem above it

 private:
  Result<std::string> OrgCode(const std::string& text);
  Result<std::string> PersonId(const std::string& text, const char* field, const char* label);

  store::Connection& db_;
  accounts::Principal caller_;
  int64_t list_id_;
  std::string default_source_;
  std::map<std::string, int64_t> problems_;  // title → id of the problems of this file (0: checked, not written)
  std::optional<int64_t> last_problem_;
};

}  // namespace jiceng::duty
