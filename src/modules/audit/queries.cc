#include "modules/audit/queries.h"

#include "modules/audit/permissions.h"
#include "modules/org/repo.h"

namespace jiceng::audit {

Result<AuditPage> ListAudit(store::Connection& db, const accounts::Principal& caller, const AuditRequest& r) {
  if (Status st = CanReadAudit(caller); !st.ok()) return st;
  for (const auto& [field, value] : {std::pair<const char*, const std::string&>{"from", r.from}, {"to", r.to}}) {
    if (!value.empty() && !Date::Parse(value)) {
      return Status::Invalid(field, "日期无效：" + value + "（格式 YYYY-MM-DD）");
    }
  }
  store::AuditFilter filter;
  filter.actor = r.actor;
  filter.action = r.action;
  filter.from = r.from;
  filter.to = r.to;
  org::OrgRepo orgs(db);
  const Date today = Date::Today();
  int64_t root = caller.org_id;
  if (!r.org.empty()) {
    auto unit = org::FindWithin(orgs, caller.org_id, r.org, today);
    if (!unit) return Status::NotFound("org", "未找到该单位，或不在您的管辖范围内");
    root = unit->id;
  }
  // An administrator at the top of the tree also sees records that belong to no organization.
  auto link = orgs.LinkAt(root, today);
  if (!r.org.empty() || !link || link->parent_id != 0) filter.org_ids = orgs.SubtreeIds(root, today);
  AuditPage page;
  if (r.page < 1) return Status::Invalid("page", "页码应从 1 开始");
  if (r.page_size < 1 || r.page_size > r.max_page_size) {
    return Status::Invalid("page_size", "每页条数应在 1–" + std::to_string(r.max_page_size) + " 之间");
  }
  page.page = r.page;
  page.page_size = r.page_size;
  filter.limit = page.page_size;
  filter.offset = (page.page - 1) * page.page_size;
  page.items = store::ListAudit(db, filter, &page.total);
  return page;
}

}  // namespace jiceng::audit
