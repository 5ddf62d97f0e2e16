// The month of one member as the ledger shows it (应缴 / 实缴 / 欠缴 / state), computed from the member's bases,
// approved exceptions and the month's record. Pure functions over loaded rows; the ledger query, the payment
// command and the tests all compute a month here, so they cannot disagree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/membership/model.h"

namespace jiceng::membership {

// The basis that applies in `m` (the latest one from `m` or before), if any. `bases` oldest first.
const Basis* BasisAt(const std::vector<Basis>& bases, Month m);
// The approved reduction or waiver covering `m`, if any (a back-payment approval is not one).
const Exception* ReliefAt(const std::vector<Exception>& approved, Month m);
// Whether an approved back-payment exception covers `m`.
bool BackpayApproved(const std::vector<Exception>& approved, Month m);

struct MemberMonth {
  int64_t person_id = 0;
  std::string name;
  std::string status;      // people's status code (full_member / probationary_member)
  bool has_basis = false;  // 未核定: no basis applies this month (nothing is due)
  BasisKind kind = BasisKind::kEmployed;
  int64_t base_fen = 0;
  int64_t rate_bp = 0;                  // the band's rate (0 for the fixed kinds)
  int64_t standard_fen = 0;             // the amount by the bands or the fixed amount, before any relief
  std::optional<ExceptionKind> relief;  // an approved 减缴 / 免缴 covering the month
  int64_t due_fen = 0;                  // 应缴
  int64_t paid_fen = 0;                 // 实缴
  int64_t owed_fen = 0;                 // 欠缴 = 应缴 − 实缴
  RecordState state = RecordState::kUnpaid;
  std::optional<Record> record;
  bool quarterly = false;
  int64_t arrears_months = 0;  // consecutive months in arrears as of the current month
};

struct MonthInputs {
  std::vector<Basis> bases;
  std::vector<Exception> approved;
  std::optional<Record> record;
};

MemberMonth ComputeMonth(int64_t person_id, const std::string& name, const std::string& status, const MonthInputs& in,
                         const FixedAmounts& fixed, Month m);

}  // namespace jiceng::membership
