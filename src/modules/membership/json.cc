#include "modules/membership/json.h"

#include <boost/json.hpp>

namespace jiceng::membership {
namespace {

std::string S(std::string_view v) { return std::string(v); }

boost::json::object MonthJson(const MemberMonth& m) {
  return {
      {"person_id", m.person_id},
      {"name", m.name},
      {"status", m.status},
      {"has_basis", m.has_basis},
      {"kind", m.has_basis ? S(BasisKindCode(m.kind)) : ""},
      {"kind_name", m.has_basis ? S(BasisKindName(m.kind)) : "未核定"},
      {"base_fen", m.base_fen},
      {"rate", m.rate_bp ? RateText(m.rate_bp) : ""},
      {"standard_fen", m.standard_fen},
      {"relief", m.relief ? S(ExceptionKindCode(*m.relief)) : ""},
      {"relief_name", m.relief ? S(ExceptionKindName(*m.relief)) : ""},
      {"due_fen", m.due_fen},
      {"paid_fen", m.paid_fen},
      {"owed_fen", m.owed_fen},
      {"state", S(RecordStateCode(m.state))},
      {"state_name", S(RecordStateName(m.state))},
      {"paid_on", m.record && m.record->state != RecordState::kWaived ? m.record->paid_on.ToString() : ""},
      {"method", m.record && m.record->state != RecordState::kWaived ? S(PayMethodCode(m.record->method)) : ""},
      {"method_name", m.record && m.record->state != RecordState::kWaived ? S(PayMethodName(m.record->method)) : ""},
      {"reference", m.record ? m.record->reference : ""},
      {"recorded_by", m.record ? m.record->recorded_by : ""},
      {"quarterly", m.quarterly},
      {"arrears_months", m.arrears_months},
      {"arrears_warning", m.arrears_months >= kArrearsWarningMonths},
      {"arrears_flag", m.arrears_months >= kArrearsFlagMonths}};
}

}  // namespace

boost::json::value ToJson(const FixedAmounts& f) {
  return {{"farmer_fen", f.farmer_fen}, {"student_fen", f.student_fen}, {"allowance_fen", f.allowance_fen}};
}

boost::json::value ToJson(const Ledger& l) {
  boost::json::array rows;
  for (const LedgerRow& r : l.rows) {
    auto o = MonthJson(r.month);
    o["action"] = r.action;
    o["action_at"] = r.action_at;
    rows.push_back(std::move(o));
  }
  boost::json::object by_state;
  for (RecordState s : AllRecordStates()) by_state[S(RecordStateCode(s))] = l.totals.by_state[static_cast<int>(s)];
  boost::json::array voluntary;
  for (const Voluntary& v : l.voluntary) voluntary.push_back(ToJson(v));
  const LedgerTotals& t = l.totals;
  return {{"org_code", l.org_code},
          {"org_name", l.org_name},
          {"month", l.month.ToString()},
          {"current_month", l.current.ToString()},
          {"can_enter", l.can_enter},
          {"can_approve", l.can_approve},
          {"fixed", ToJson(l.fixed)},
          {"totals",
           {{"members", t.members},
            {"due_fen", t.due_fen},
            {"paid_fen", t.paid_fen},
            {"owed_fen", t.owed_fen},
            {"by_state", by_state},
            {"no_basis", t.no_basis},
            {"arrears_warning", t.arrears_warning},
            {"arrears_flag", t.arrears_flag},
            {"voluntary_fen", t.voluntary_fen}}},
          {"total", l.total},
          {"page", l.page},
          {"page_size", l.page_size},
          {"items", rows},
          {"voluntary", voluntary}};
}

boost::json::value ToJson(const Basis& b) {
  return {{"id", b.id},
          {"person_id", b.person_id},
          {"kind", S(BasisKindCode(b.kind))},
          {"kind_name", S(BasisKindName(b.kind))},
          {"base_fen", b.base_fen},
          {"from_month", b.from.ToString()},
          {"quarterly", b.quarterly},
          {"note", b.note},
          {"recorded_by", b.recorded_by},
          {"recorded_at", b.recorded_at}};
}

boost::json::value ToJson(const Record& r) {
  const bool waived = r.state == RecordState::kWaived;
  return {{"month", r.month.ToString()},
          {"due_fen", r.due_fen},
          {"paid_fen", r.paid_fen},
          {"state", S(RecordStateCode(r.state))},
          {"state_name", S(RecordStateName(r.state))},
          {"paid_on", waived ? "" : r.paid_on.ToString()},
          {"method", waived ? "" : S(PayMethodCode(r.method))},
          {"method_name", waived ? "" : S(PayMethodName(r.method))},
          {"reference", r.reference},
          {"recorded_by", r.recorded_by},
          {"recorded_at", r.recorded_at}};
}

boost::json::value ToJson(const Exception& e) {
  return {{"id", e.id},
          {"person_id", e.person_id},
          {"person_name", e.person_name},
          {"org_code", e.org_code},
          {"org_name", e.org_name},
          {"kind", S(ExceptionKindCode(e.kind))},
          {"kind_name", S(ExceptionKindName(e.kind))},
          {"amount_fen", e.amount_fen},
          {"from_month", e.from.ToString()},
          {"to_month", e.to.ToString()},
          {"reason", e.reason},
          {"decided_on", e.decided_on.ToString()},
          {"recorded_by", e.recorded_by},
          {"recorded_at", e.recorded_at},
          {"state", S(ExceptionStateCode(e.state))},
          {"state_name", S(ExceptionStateName(e.state))},
          {"approved_by", e.approved_by},
          {"approved_at", e.approved_at},
          {"decision_note", e.decision_note}};
}

boost::json::value ToJson(const Voluntary& v) {
  return {{"id", v.id},
          {"person_id", v.person_id},
          {"person_name", v.person_name},
          {"amount_fen", v.amount_fen},
          {"paid_on", v.paid_on.ToString()},
          {"method", S(PayMethodCode(v.method))},
          {"method_name", S(PayMethodName(v.method))},
          {"reference", v.reference},
          {"forward", v.forward},
          {"recorded_by", v.recorded_by}};
}

boost::json::value ToJson(const PaymentResult& r) {
  boost::json::array records;
  for (const Record& x : r.records) records.push_back(ToJson(x));
  return {{"total_fen", r.total_fen}, {"records", records}};
}

boost::json::value ToJson(const MemberDues& d) {
  boost::json::array bases, records, exceptions;
  for (const Basis& b : d.bases) bases.push_back(ToJson(b));
  for (const Record& r : d.records) records.push_back(ToJson(r));
  for (const Exception& e : d.exceptions) exceptions.push_back(ToJson(e));
  return {{"person_id", d.person_id},
          {"name", d.name},
          {"org_code", d.org_code},
          {"org_name", d.org_name},
          {"can_enter", d.can_enter},
          {"fixed", ToJson(d.fixed)},
          {"current", MonthJson(d.current)},
          {"arrears_months", d.arrears_months},
          {"bases", bases},
          {"records", records},
          {"exceptions", exceptions}};
}

boost::json::value ToJson(const PendingPage& p) {
  boost::json::array items;
  for (size_t i = 0; i < p.items.size(); ++i) {
    auto o = ToJson(p.items[i]).as_object();
    o["can_decide"] = p.can_decide[i];
    items.push_back(std::move(o));
  }
  return {{"total", p.total}, {"items", items}};
}

boost::json::value ToJson(const ArrearsTodo& t) {
  boost::json::array items;
  for (const ArrearsItem& i : t.items) {
    items.push_back({{"person_id", i.person_id},
                     {"name", i.name},
                     {"org_code", i.org_code},
                     {"org_name", i.org_name},
                     {"months", i.months},
                     {"flagged", i.flagged},
                     {"action", i.action},
                     {"action_at", i.action_at}});
  }
  return {{"warnings", t.warnings},
          {"flags", t.flags},
          {"flags_without_action", t.flags_without_action},
          {"pending_approvals", t.pending_approvals},
          {"items", items}};
}

boost::json::value VocabulariesJson() {
  boost::json::array kinds, states, methods, pay, pension, exceptions;
  for (BasisKind k : AllBasisKinds()) {
    kinds.push_back({{"code", S(BasisKindCode(k))}, {"name", S(BasisKindName(k))}, {"uses_base", UsesBase(k)}});
  }
  for (RecordState s : AllRecordStates())
    states.push_back({{"code", S(RecordStateCode(s))}, {"name", S(RecordStateName(s))}});
  for (PayMethod m : {PayMethod::kCash, PayMethod::kTransfer}) {
    methods.push_back({{"code", S(PayMethodCode(m))}, {"name", S(PayMethodName(m))}});
  }
  for (ExceptionKind k : {ExceptionKind::kReduce, ExceptionKind::kWaive, ExceptionKind::kBackpay}) {
    exceptions.push_back({{"code", S(ExceptionKindCode(k))}, {"name", S(ExceptionKindName(k))}});
  }
  for (const Band& b : PayBands()) pay.push_back({{"upper_fen", b.upper_fen}, {"rate", RateText(b.basis_points)}});
  for (const Band& b : PensionBands())
    pension.push_back({{"upper_fen", b.upper_fen}, {"rate", RateText(b.basis_points)}});
  return {{"kinds", kinds},
          {"states", states},
          {"methods", methods},
          {"exception_kinds", exceptions},
          {"pay_bands", pay},
          {"pension_bands", pension},
          {"backpay_months", kBackpayMonths},
          {"arrears_warning_months", kArrearsWarningMonths},
          {"arrears_flag_months", kArrearsFlagMonths},
          {"forward_fen", kForwardFen}};
}

}  // namespace jiceng::membership
