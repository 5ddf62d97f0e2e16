// The audit log's vocabulary: every action the server writes ("module.verb") with its Chinese name. One list: the
// page's names and its 操作 filter both come from it (GET /api/v1/audit/actions). A new action written anywhere
// must be added here (tests/api/audit_view.test.mjs checks every action a demo database holds, AuditActionsTest
// the imports and the revealing export). Constant; thread-safe.
#pragma once

#include <string_view>
#include <vector>

namespace jiceng::audit {

struct ActionName {
  std::string_view code;   // "duty.publish"
  std::string_view name;   // "公开问题"
  std::string_view group;  // "清单管理": the filter's option group
};

const std::vector<ActionName>& AuditActions();
// The Chinese name of `code`; empty when the code is not in the list.
std::string_view AuditActionName(std::string_view code);

}  // namespace jiceng::audit
