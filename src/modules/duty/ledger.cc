#include "modules/duty/ledger.h"

#include <set>

#include "core/export.h"
#include "core/sheet.h"
#include "modules/org/repo.h"

namespace jiceng::duty {
namespace {

const std::vector<std::string> kColumns = {"序号",     "问题",     "措施",     "责任单位", "责任人",
                                           "包联领导", "完成时限", "进展情况", "状态"};
const std::vector<double> kWidths = {6, 36, 36, 20, 10, 10, 12, 24, 10};

std::string Progress(const ItemView& v) {
  std::string text = std::to_string(v.item.progress) + "%";
  if (v.deadline.overdue) text += "，逾期 " + std::to_string(v.deadline.days_overdue) + " 天";
  if (v.deadline.due_soon) text += "，剩 " + std::to_string(v.deadline.days_left) + " 天";
  return text;
}

sheet::Sheet LedgerSheet(std::string name, std::string title, std::vector<std::string> meta) {
  sheet::Sheet s;
  s.name = std::move(name);
  s.title = std::move(title);
  s.meta = std::move(meta);
  s.header = kColumns;
  s.widths = kWidths;
  s.numeric_columns = {0};
  s.landscape = true;
  return s;
}

void AddRow(sheet::Sheet& s, const std::string& problem, const std::string& measure, const ItemView& v) {
  s.rows.push_back({std::to_string(s.rows.size() + 1), problem, measure, v.item.responsible_org_name,
                    v.item.responsible_person ? v.item.responsible_person->name : "",
                    v.item.leader ? v.item.leader->name : "", v.item.deadline.ToString(), Progress(v),
                    std::string(StateName(v.item.state))});
}

// A problem's row names it in 问题; a measure's names its problem there and itself in 措施.
void AddItem(sheet::Sheet& s, const ItemView& v, const std::map<int64_t, std::string>& problem_titles) {
  if (v.item.kind != ItemKind::kMeasure) {
    AddRow(s, v.item.title, "", v);
    return;
  }
  auto problem = problem_titles.find(v.item.parent_id);
  AddRow(s, problem == problem_titles.end() ? "" : problem->second, v.item.title, v);
}

}  // namespace

std::string DescribeFilters(const ListRequest& r, const std::string& org_name, const std::string& leader_name) {
  std::vector<std::string> parts;
  if (!r.kind.empty()) {
    auto k = ParseKind(r.kind);
    parts.push_back("类型：" + (k ? std::string(KindName(*k)) : r.kind));
  } else {
    parts.push_back("类型：问题和措施");
  }
  if (!r.state.empty()) {
    auto s = ParseState(r.state);
    parts.push_back("状态：" + (s ? std::string(StateName(*s)) : r.state));
  }
  if (!r.source.empty()) {
    auto s = ParseSource(r.source);
    parts.push_back("来源：" + (s ? std::string(SourceName(*s)) : r.source));
  }
  if (!r.area.empty()) parts.push_back("领域：" + r.area);
  if (!r.month.empty()) parts.push_back("月份：" + r.month);
  if (r.due == "overdue") parts.push_back("期限：已逾期");
  if (r.due == "due_soon") parts.push_back("期限：临期（" + std::to_string(DueSoonDays()) + " 天内到期）");
  if (!r.org.empty()) parts.push_back("责任单位：" + (org_name.empty() ? r.org : org_name) + "及下级");
  if (!r.leader.empty()) parts.push_back("包联领导：" + (leader_name.empty() ? "编号 " + r.leader : leader_name));
  if (!r.query.empty()) parts.push_back("关键词：" + r.query);
  return JoinFilters(parts);
}

Result<std::string> LedgerXlsx(const std::string& title, const std::vector<std::string>& meta,
                               const std::vector<ItemView>& items, const std::vector<std::vector<ItemView>>& measures,
                               const std::map<int64_t, std::string>& problem_titles) {
  sheet::Sheet s = LedgerSheet("问题清单", title, meta);
  for (size_t i = 0; i < items.size(); ++i) {
    const ItemView& v = items[i];
    AddItem(s, v, problem_titles);
    if (i < measures.size()) {
      for (const ItemView& m : measures[i]) AddRow(s, v.item.title, m.item.title, m);
    }
  }
  return sheet::WriteXlsx({s});
}

Result<std::string> ReportXlsx(const OverdueReport& report) {
  const std::string as_of = report.as_of.ToString();
  const std::string soon = std::to_string(DueSoonDays()) + " 天内到期";
  auto meta = ExportMeta(report.org_name, JoinFilters({"截至日期：" + as_of, "临期：" + soon + "、尚未逾期"}));
  sheet::Sheet overdue = LedgerSheet("逾期未整改", report.org_name + "逾期未整改情况（截至 " + as_of + "）", meta);
  sheet::Sheet due_soon =
      LedgerSheet("临期未整改", report.org_name + "临期未整改情况（" + soon + "，截至 " + as_of + "）", meta);
  for (const auto& unit : report.units) {
    for (const auto& v : unit.items) {
      if (v.deadline.overdue) {
        AddItem(overdue, v, report.problem_titles);
      } else if (v.deadline.due_soon) {
        AddItem(due_soon, v, report.problem_titles);
      }
    }
  }
  return sheet::WriteXlsx({overdue, due_soon});
}

Result<LedgerFile> ItemsLedger(store::Connection& db, const accounts::Principal& caller, ListRequest q) {
  q.page = 1;
  q.page_size = q.max_page_size = kLedgerExportLimit;
  DutyQueries queries(db, caller);
  auto page = queries.List(q);
  if (!page.ok()) return page.status();
  if (page->total > kLedgerExportLimit) {
    return Status::Invalid("export", "符合条件的事项共 " + std::to_string(page->total) + " 项，超过单次导出上限 " +
                                         std::to_string(kLedgerExportLimit) +
                                         " 项；请按责任单位、状态或月份缩小范围后再导出");
  }
  std::set<int64_t> problems;
  for (const auto& v : page->items) {
    if (v.item.kind == ItemKind::kProblem) problems.insert(v.item.id);
  }
  std::vector<ItemView> top;
  std::vector<std::vector<ItemView>> top_measures;
  std::string leader_name;
  for (const auto& v : page->items) {
    if (!q.leader.empty() && v.item.leader && std::to_string(v.item.leader->id) == q.leader) {
      leader_name = v.item.leader->name;
    }
    // A problem's row is followed by its measures (the ledger layout, also when the list shows problems only, so
    // the file imports back as it was); a measure whose problem the filters left out keeps its own row.
    if (v.item.kind == ItemKind::kMeasure && problems.count(v.item.parent_id)) continue;
    auto detail = v.item.kind == ItemKind::kProblem ? queries.Show(v.item.id) : Result<ItemDetail>(ItemDetail{});
    top.push_back(v);
    top_measures.push_back(detail.ok() ? detail->measures : std::vector<ItemView>{});
  }
  std::string org_name = caller.org_name;
  if (!q.org.empty()) {
    org::OrgRepo orgs(db);
    if (auto unit = org::FindWithin(orgs, caller.org_id, q.org, Date::Today())) org_name = unit->name;
  }
  const std::string filters = DescribeFilters(q, q.org.empty() ? "" : org_name, leader_name);
  auto bytes = LedgerXlsx(org_name + "问题整改台账", ExportMeta(org_name, filters), top, top_measures,
                          queries.ProblemTitles(top));
  if (!bytes.ok()) return bytes.status();
  return LedgerFile{org_name + "问题整改台账.xlsx", std::move(*bytes)};
}

}  // namespace jiceng::duty
