#include "modules/membership/model.h"

#include <algorithm>
#include <cstdio>

namespace jiceng::membership {
namespace {

template <typename E>
struct Term {
  E value;
  std::string_view code;
  std::string_view name;
};

const std::vector<Term<BasisKind>> kBasisKinds = {
    {BasisKind::kEmployed, "employed", "在职"},
    {BasisKind::kRetired, "retired", "离退休"},
    {BasisKind::kFarmer, "farmer", "农牧民"},
    {BasisKind::kStudent, "student", "学生"},
    {BasisKind::kAllowance, "allowance", "最低生活保障/失业"},
    {BasisKind::kOther, "other", "其他"},
};
const std::vector<Term<ExceptionKind>> kExceptionKinds = {
    {ExceptionKind::kReduce, "reduce", "减缴"},
    {ExceptionKind::kWaive, "waive", "免缴"},
    {ExceptionKind::kBackpay, "backpay", "超期补缴"},
};
const std::vector<Term<ExceptionState>> kExceptionStates = {
    {ExceptionState::kPending, "pending", "待审批"},
    {ExceptionState::kApproved, "approved", "已批准"},
    {ExceptionState::kRejected, "rejected", "未批准"},
};
const std::vector<Term<RecordState>> kRecordStates = {
    {RecordState::kUnpaid, "unpaid", "未缴"},     {RecordState::kPaid, "paid", "已缴"},
    {RecordState::kWaived, "waived", "免缴"},     {RecordState::kReduced, "reduced", "减缴"},
    {RecordState::kBackPaid, "backpaid", "补缴"},
};
const std::vector<Term<PayMethod>> kPayMethods = {
    {PayMethod::kCash, "cash", "现金"},
    {PayMethod::kTransfer, "transfer", "转账"},
};

template <typename E>
std::string_view CodeOf(const std::vector<Term<E>>& terms, E v) {
  for (const auto& t : terms) {
    if (t.value == v) return t.code;
  }
  return "";
}
template <typename E>
std::string_view NameOf(const std::vector<Term<E>>& terms, E v) {
  for (const auto& t : terms) {
    if (t.value == v) return t.name;
  }
  return "";
}
template <typename E>
std::optional<E> Parse(const std::vector<Term<E>>& terms, std::string_view text) {
  for (const auto& t : terms) {
    if (t.code == text || t.name == text) return t.value;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Month> Month::Parse(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int year = std::stoi(std::string(text.substr(0, 4)));
  const int month = std::stoi(std::string(text.substr(5, 2)));
  if (year < 1900 || year > 2999 || month < 1 || month > 12) return std::nullopt;
  return Month{int64_t{year} * 12 + month - 1};
}

std::string Month::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year(), month());
  return buf;
}

std::string_view BasisKindCode(BasisKind k) { return CodeOf(kBasisKinds, k); }
std::string_view BasisKindName(BasisKind k) { return NameOf(kBasisKinds, k); }
std::optional<BasisKind> ParseBasisKind(std::string_view t) { return Parse(kBasisKinds, t); }
std::vector<BasisKind> AllBasisKinds() {
  std::vector<BasisKind> all;
  for (const auto& t : kBasisKinds) all.push_back(t.value);
  return all;
}
bool UsesBase(BasisKind k) { return k == BasisKind::kEmployed || k == BasisKind::kRetired || k == BasisKind::kOther; }

std::string_view ExceptionKindCode(ExceptionKind k) { return CodeOf(kExceptionKinds, k); }
std::string_view ExceptionKindName(ExceptionKind k) { return NameOf(kExceptionKinds, k); }
std::optional<ExceptionKind> ParseExceptionKind(std::string_view t) { return Parse(kExceptionKinds, t); }
std::string_view ExceptionStateCode(ExceptionState s) { return CodeOf(kExceptionStates, s); }
std::string_view ExceptionStateName(ExceptionState s) { return NameOf(kExceptionStates, s); }
std::optional<ExceptionState> ParseExceptionState(std::string_view t) { return Parse(kExceptionStates, t); }
std::string_view RecordStateCode(RecordState s) { return CodeOf(kRecordStates, s); }
std::string_view RecordStateName(RecordState s) { return NameOf(kRecordStates, s); }
std::optional<RecordState> ParseRecordState(std::string_view t) { return Parse(kRecordStates, t); }
std::vector<RecordState> AllRecordStates() {
  std::vector<RecordState> all;
  for (const auto& t : kRecordStates) all.push_back(t.value);
  return all;
}
std::string_view PayMethodCode(PayMethod m) { return CodeOf(kPayMethods, m); }
std::string_view PayMethodName(PayMethod m) { return NameOf(kPayMethods, m); }
std::optional<PayMethod> ParsePayMethod(std::string_view t) { return Parse(kPayMethods, t); }

const std::vector<Band>& PayBands() {
  static const std::vector<Band> kBands = {{300000, 50}, {500000, 100}, {1000000, 150}, {-1, 200}};
  return kBands;
}

const std::vector<Band>& PensionBands() {
  static const std::vector<Band> kBands = {{500000, 50}, {-1, 100}};
  return kBands;
}

// Half up: every operand is non-negative, so adding half the divisor before the integer division rounds
// 0.005 元 up to the next fen.
int64_t ApplyRate(int64_t base_fen, int64_t basis_points) { return (base_fen * basis_points + 5000) / 10000; }

int64_t RateOf(const std::vector<Band>& bands, int64_t base_fen) {
  for (const Band& b : bands) {
    if (b.upper_fen < 0 || base_fen <= b.upper_fen) return b.basis_points;
  }
  return bands.back().basis_points;
}

int64_t MonthlyDue(BasisKind kind, int64_t base_fen, const FixedAmounts& fixed) {
  switch (kind) {
    case BasisKind::kEmployed:
    case BasisKind::kOther:
      return ApplyRate(base_fen, RateOf(PayBands(), base_fen));
    case BasisKind::kRetired:
      return ApplyRate(base_fen, RateOf(PensionBands(), base_fen));
    case BasisKind::kFarmer:
      return fixed.farmer_fen;
    case BasisKind::kStudent:
      return fixed.student_fen;
    case BasisKind::kAllowance:
      return fixed.allowance_fen;
  }
  return 0;
}

std::string RateText(int64_t bp) {
  std::string text = std::to_string(bp / 100);
  if (bp % 100 != 0) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", static_cast<int>(bp % 100));
    std::string frac = buf;
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    text += "." + frac;
  }
  return text + "%";
}

std::string Yuan(int64_t fen) {
  const bool negative = fen < 0;
  const int64_t a = negative ? -fen : fen;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", negative ? "-" : "", static_cast<long long>(a / 100),
                static_cast<long long>(a % 100));
  return buf;
}

int64_t ArrearsMonths(Month first_due, std::optional<Month> last_settled, Month current) {
  Month from = first_due;
  if (last_settled && last_settled->Plus(1) > from) from = last_settled->Plus(1);
  return std::max<int64_t>(0, current.index - from.index);
}

}  // namespace jiceng::membership
