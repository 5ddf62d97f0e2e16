#include "modules/membership/ledger_export.h"

#include "core/export.h"
#include "core/sheet.h"

namespace jiceng::membership {

Result<LedgerFile> LedgerWorkbook(store::Connection& db, const accounts::Principal& caller, LedgerRequest q) {
  DuesQueries queries(db, caller);
  q.page = 1;
  q.page_size = kMaxLedgerPageSize;
  auto first = queries.LedgerOf(q);
  if (!first.ok()) return first.status();
  Ledger ledger = std::move(*first);
  while (static_cast<int64_t>(ledger.rows.size()) < ledger.total) {
    q.page++;
    auto more = queries.LedgerOf(q);
    if (!more.ok()) return more.status();
    for (auto& r : more->rows) ledger.rows.push_back(std::move(r));
  }
  std::vector<std::string> filters{"月份：" + ledger.month.ToString()};
  if (!q.state.empty()) filters.push_back("状态：" + std::string(RecordStateName(*ParseRecordState(q.state))));
  if (q.arrears == "3") filters.push_back("连续欠缴 3 个月及以上");
  if (q.arrears == "6") filters.push_back("连续欠缴 6 个月及以上");
  if (!q.query.empty()) filters.push_back("姓名：" + q.query);
  const auto meta = ExportMeta(ledger.org_name, JoinFilters(filters));
  sheet::Sheet s;
  s.name = "党费收缴台账";
  s.title = ledger.org_name + "党费收缴台账（" + std::to_string(ledger.month.year()) + " 年 " +
            std::to_string(ledger.month.month()) + " 月）";
  s.meta = meta;
  s.header = {"序号",       "姓名",       "类别", "月缴费基数（元）", "比例", "应缴（元）",
              "实缴（元）", "欠缴（元）", "状态", "交纳日期",         "方式", "连续欠缴月数"};
  s.widths = {6, 12, 16, 14, 8, 11, 11, 11, 8, 12, 8, 12};
  s.numeric_columns = {0, 3, 5, 6, 7, 11};
  int64_t due = 0, paid = 0, owed = 0;
  for (const LedgerRow& r : ledger.rows) {
    const MemberMonth& m = r.month;
    std::string kind = m.has_basis ? std::string(BasisKindName(m.kind)) : "未核定";
    if (m.relief) kind += "（" + std::string(ExceptionKindName(*m.relief)) + "）";
    const bool with_payment = m.record && m.record->state != RecordState::kWaived;
    s.rows.push_back(
        {std::to_string(s.rows.size() + 1), m.name, kind, m.has_basis && UsesBase(m.kind) ? Yuan(m.base_fen) : "",
         m.rate_bp ? RateText(m.rate_bp) : (m.has_basis ? "定额" : ""), Yuan(m.due_fen), Yuan(m.paid_fen),
         Yuan(m.owed_fen), std::string(RecordStateName(m.state)), with_payment ? m.record->paid_on.ToString() : "",
         with_payment ? std::string(PayMethodName(m.record->method)) : "", std::to_string(m.arrears_months)});
    due += m.due_fen;
    paid += m.paid_fen;
    owed += m.owed_fen;
  }
  s.rows.push_back({"", "合计（" + std::to_string(ledger.rows.size()) + " 人）", "", "", "", Yuan(due), Yuan(paid),
                    Yuan(owed), "", "", "", ""});
  sheet::Sheet v;
  v.name = "自愿交纳党费";
  v.title = ledger.org_name + "自愿交纳党费（" + ledger.month.ToString() + "）";
  v.meta = meta;
  v.header = {"序号", "姓名", "金额（元）", "交纳日期", "方式", "凭证号", "上缴中央"};
  v.widths = {6, 12, 12, 12, 8, 20, 10};
  v.numeric_columns = {0, 2};
  for (const Voluntary& x : ledger.voluntary) {
    v.rows.push_back({std::to_string(v.rows.size() + 1), x.person_name, Yuan(x.amount_fen), x.paid_on.ToString(),
                      std::string(PayMethodName(x.method)), x.reference, x.forward ? "是（1000 元及以上）" : "否"});
  }
  auto bytes = sheet::WriteXlsx({s, v});
  if (!bytes.ok()) return bytes.status();
  return LedgerFile{ledger.org_name + "党费收缴台账" + ledger.month.ToString() + ".xlsx", std::move(*bytes)};
}

}  // namespace jiceng::membership
