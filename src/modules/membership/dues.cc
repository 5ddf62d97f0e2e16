#include "modules/membership/dues.h"

namespace jiceng::membership {

const Basis* BasisAt(const std::vector<Basis>& bases, Month m) {
  const Basis* at = nullptr;
  for (const Basis& b : bases) {
    if (b.from <= m && (at == nullptr || at->from < b.from)) at = &b;
  }
  return at;
}

const Exception* ReliefAt(const std::vector<Exception>& approved, Month m) {
  for (const Exception& e : approved) {
    if (e.state == ExceptionState::kApproved && e.kind != ExceptionKind::kBackpay && e.from <= m && m <= e.to) {
      return &e;
    }
  }
  return nullptr;
}

bool BackpayApproved(const std::vector<Exception>& approved, Month m) {
  for (const Exception& e : approved) {
    if (e.state == ExceptionState::kApproved && e.kind == ExceptionKind::kBackpay && e.from <= m && m <= e.to) {
      return true;
    }
  }
  return false;
}

MemberMonth ComputeMonth(int64_t person_id, const std::string& name, const std::string& status, const MonthInputs& in,
                         const FixedAmounts& fixed, Month m) {
  MemberMonth row;
  row.person_id = person_id;
  row.name = name;
  row.status = status;
  row.record = in.record;
  if (const Basis* b = BasisAt(in.bases, m)) {
    row.has_basis = true;
    row.kind = b->kind;
    row.base_fen = b->base_fen;
    row.quarterly = b->quarterly;
    if (b->kind == BasisKind::kEmployed || b->kind == BasisKind::kOther) row.rate_bp = RateOf(PayBands(), b->base_fen);
    if (b->kind == BasisKind::kRetired) row.rate_bp = RateOf(PensionBands(), b->base_fen);
    row.standard_fen = MonthlyDue(b->kind, b->base_fen, fixed);
    row.due_fen = row.standard_fen;
    if (const Exception* e = ReliefAt(in.approved, m)) {
      row.relief = e->kind;
      row.due_fen = e->kind == ExceptionKind::kWaive ? 0 : e->amount_fen;
    }
  }
  if (in.record) {
    // What was due when it was settled stays what the month owed (a later basis cannot change a settled month).
    row.due_fen = in.record->due_fen;
    row.paid_fen = in.record->paid_fen;
    row.state = in.record->state;
  }
  row.owed_fen = row.due_fen > row.paid_fen ? row.due_fen - row.paid_fen : 0;
  return row;
}

}  // namespace jiceng::membership
