#include "modules/audit/export.h"

#include "core/date.h"
#include "core/export.h"
#include "core/sheet.h"
#include "modules/accounts/actors.h"
#include "modules/audit/actions.h"
#include "modules/org/repo.h"

namespace jiceng::audit {

Result<AuditExport> ExportAudit(store::Connection& db, const accounts::Principal& caller, const AuditRequest& r) {
  // The count first (one record read), so that a log over the limit is refused before it is read.
  AuditRequest probe = r;
  probe.page = 1;
  probe.page_size = 1;
  auto head = ListAudit(db, caller, probe);
  if (!head.ok()) return head.status();
  if (head->total > kExportLimit) {
    return Status::Invalid("export", "符合条件的记录共 " + std::to_string(head->total) + " 条，超过单次导出上限 " +
                                         std::to_string(kExportLimit) + " 条；请缩短日期范围或增加筛选条件后再导出");
  }
  AuditRequest all = r;
  all.page = 1;
  all.page_size = static_cast<int>(std::max<int64_t>(1, head->total));
  all.max_page_size = kExportLimit;
  auto page = ListAudit(db, caller, all);
  if (!page.ok()) return page.status();

  AuditExport e;
  if (r.org.empty()) {
    e.org_name = caller.org_name;
  } else {
    auto unit = org::OrgRepo(db).FindByCode(r.org, Date::Today());
    e.org_name = unit ? unit->name : r.org;
  }
  std::vector<std::string> filters;
  if (!r.org.empty()) filters.push_back("单位：" + e.org_name + "及下级");
  if (!r.actor.empty()) {
    const accounts::ActorName actor = accounts::ActorNames(db, {r.actor}).Of(r.actor);
    filters.push_back("操作人：" + (actor.name == r.actor ? r.actor : actor.name + "（" + r.actor + "）"));
  }
  if (!r.action.empty()) {
    const std::string_view name = AuditActionName(r.action);
    filters.push_back("操作：" + std::string(name.empty() ? std::string_view(r.action) : name));
  }
  if (!r.from.empty() || !r.to.empty()) {
    filters.push_back("日期：" + (r.from.empty() ? std::string("最早") : r.from) + " 至 " +
                      (r.to.empty() ? std::string("今天") : r.to));
  }
  e.meta = ExportMeta(e.org_name, JoinFilters(filters));
  // The page's words, each beside what the log stores: who (the holder's name, the login), the action's Chinese
  // name (its code), the object's title where it still exists (its id), the org's name (its code); the time as
  // every export writes it.
  e.header = {"编号", "时间", "操作人", "操作人账号", "地址", "操作", "操作代码", "对象", "对象名称", "单位", "单位代码"};
  for (const auto& view : page->items) {
    const store::AuditRecord& rec = view.record;
    e.rows.push_back({std::to_string(rec.id), ExportDateTime(rec.at), view.actor_name, rec.actor, rec.address,
                      view.action_name.empty() ? rec.action : view.action_name, rec.action, rec.object,
                      view.object_title, rec.org_code.empty() ? "" : (view.org_name.empty() ? rec.org_code : view.org_name),
                      rec.org_code});
  }
  return e;
}

Result<std::string> AuditXlsx(const AuditExport& e) {
  sheet::Sheet s;
  s.name = "审计日志";
  s.title = e.org_name + "审计日志";
  s.meta = e.meta;
  s.header = e.header;
  s.widths = {8, 20, 22, 16, 16, 22, 20, 16, 26, 20, 14};
  s.rows = e.rows;
  s.numeric_columns = {0};
  s.landscape = true;
  return sheet::WriteXlsx({s});
}

std::string AuditCsv(const AuditExport& e) {
  std::vector<std::vector<std::string>> lines;
  lines.push_back({e.org_name + "审计日志"});
  for (const auto& m : e.meta) lines.push_back({m});
  lines.push_back({});
  lines.push_back(e.header);
  lines.insert(lines.end(), e.rows.begin(), e.rows.end());
  return CsvText(lines);
}

}  // namespace jiceng::audit
