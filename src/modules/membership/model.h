// The membership module's vocabulary, dues part (党费, 中组发〔2008〕3号): a member's dues basis, the monthly
// amount by the official rate bands, reductions and waivers (减免), and the record of each member and month.
// Money is integer fen everywhere; a rate times a base rounds half up to the fen. Plain values and pure
// functions; safe to use from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace jiceng::membership {

// A calendar month, as a number of months since year 0 (2026-11 → 2026 × 12 + 10), so that "six months
// before" is a subtraction.
struct Month {
  int64_t index = 0;
  static std::optional<Month> Parse(std::string_view text);  // "YYYY-MM", 1900–2999
  static Month Of(Date day) { return {int64_t{day.year()} * 12 + day.month() - 1}; }
  int year() const { return static_cast<int>(index / 12); }
  int month() const { return static_cast<int>(index % 12) + 1; }
  Date FirstDay() const { return *Date::FromYmd(year(), month(), 1); }
  Date LastDay() const { return Plus(1).FirstDay().AddDays(-1); }
  Month Plus(int64_t n) const { return {index + n}; }
  std::string ToString() const;  // "2026-11"
  friend bool operator==(Month a, Month b) { return a.index == b.index; }
  friend bool operator!=(Month a, Month b) { return a.index != b.index; }
  friend bool operator<(Month a, Month b) { return a.index < b.index; }
  friend bool operator<=(Month a, Month b) { return a.index <= b.index; }
  friend bool operator>(Month a, Month b) { return a.index > b.index; }
  friend bool operator>=(Month a, Month b) { return a.index >= b.index; }
};

// 交纳党费的类别
enum class BasisKind {
  kEmployed,   // 在职: monthly after-tax pay, the pay bands
  kRetired,    // 离退休: monthly pension, the pension bands
  kFarmer,     // 农牧民: the province's fixed amount
  kStudent,    // 学生: the province's fixed amount
  kAllowance,  // 最低生活保障/失业: the province's fixed amount
  kOther,      // 其他: a monthly income entered by the branch, the pay bands (比照在职党员)
};
std::string_view BasisKindCode(BasisKind k);
std::string_view BasisKindName(BasisKind k);
std::optional<BasisKind> ParseBasisKind(std::string_view text);  // code or Chinese name
std::vector<BasisKind> AllBasisKinds();
bool UsesBase(BasisKind k);  // the banded kinds need a monthly base; the fixed ones do not

// The fixed monthly amounts, set per province (a row of dues_setting; these are RULES.md's defaults).
struct FixedAmounts {
  int64_t farmer_fen = 20;     // 农牧民：每月 0.2–1 元，由省级党委确定
  int64_t student_fen = 20;    // 学生：每月 0.2 元
  int64_t allowance_fen = 20;  // 最低生活保障、失业：每月 0.2 元
};
inline constexpr int64_t kFarmerMinFen = 20;
inline constexpr int64_t kFarmerMaxFen = 100;

// A rate band: up to `upper_fen` (inclusive; -1 = no upper bound) the rate is `basis_points` / 10000.
struct Band {
  int64_t upper_fen;
  int64_t basis_points;
};
// 在职：3,000 元以下（含）0.5%；3,000–5,000 元（含）1%；5,000–10,000 元（含）1.5%；10,000 元以上 2%.
const std::vector<Band>& PayBands();
// 离退休：5,000 元以下（含）0.5%；5,000 元以上 1%.
const std::vector<Band>& PensionBands();
// base × rate, rounded half up to the fen (integers only).
int64_t ApplyRate(int64_t base_fen, int64_t basis_points);
// The rate of `base_fen` in `bands`.
int64_t RateOf(const std::vector<Band>& bands, int64_t base_fen);
// The monthly amount due for a kind and base, before any reduction.
int64_t MonthlyDue(BasisKind kind, int64_t base_fen, const FixedAmounts& fixed);
// "0.5%" for 50 basis points.
std::string RateText(int64_t basis_points);
// "30.00" for 3000 fen.
std::string Yuan(int64_t fen);

// 减缴 / 免缴 / 超期补缴: what the branch decided and the superior approves.
enum class ExceptionKind {
  kReduce,   // 减缴: a lower monthly amount over the period
  kWaive,    // 免缴: nothing due over the period
  kBackpay,  // 超期补缴: back-payment of more than six months, for months in the period
};
std::string_view ExceptionKindCode(ExceptionKind k);
std::string_view ExceptionKindName(ExceptionKind k);
std::optional<ExceptionKind> ParseExceptionKind(std::string_view text);

enum class ExceptionState { kPending, kApproved, kRejected };
std::string_view ExceptionStateCode(ExceptionState s);
std::string_view ExceptionStateName(ExceptionState s);
std::optional<ExceptionState> ParseExceptionState(std::string_view text);

// The state of a member's month. kUnpaid is never stored: a month without a record is 未缴.
enum class RecordState {
  kUnpaid,    // 未缴
  kPaid,      // 已缴: paid in or before its month
  kWaived,    // 免缴: an approved waiver covers the month
  kReduced,   // 减缴: paid the approved lower amount
  kBackPaid,  // 补缴: paid after its month ended
};
std::string_view RecordStateCode(RecordState s);
std::string_view RecordStateName(RecordState s);
std::optional<RecordState> ParseRecordState(std::string_view text);
std::vector<RecordState> AllRecordStates();

enum class PayMethod { kCash, kTransfer };  // 现金 / 转账（须填凭证号）
std::string_view PayMethodCode(PayMethod m);
std::string_view PayMethodName(PayMethod m);
std::optional<PayMethod> ParsePayMethod(std::string_view text);

// 补缴 normally at most this many months back; older months need an approved kBackpay.
inline constexpr int kBackpayMonths = 6;
// 连续欠缴: a warning in the secretary's 待办 at 3 months, the 自行脱党 flag at 6.
inline constexpr int kArrearsWarningMonths = 3;
inline constexpr int kArrearsFlagMonths = 6;
// A voluntary one-off payment of this much or more is forwarded to the Centre (1,000 元).
inline constexpr int64_t kForwardFen = 100000;
// A reduction or waiver covers at most this many months at once (then decided again).
inline constexpr int kMaxExceptionMonths = 12;

struct Basis {
  int64_t id = 0;
  int64_t person_id = 0;
  BasisKind kind = BasisKind::kEmployed;
  int64_t base_fen = 0;    // 0 for the fixed kinds
  Month from;              // applies from this month (a pay change applies from its month)
  bool quarterly = false;  // the branch agreed to quarterly payment (按季度交纳)
  std::string note;
  std::string recorded_by, recorded_at;
};

struct Exception {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string person_name;
  int64_t org_id = 0;  // the branch
  std::string org_code, org_name;
  ExceptionKind kind = ExceptionKind::kReduce;
  int64_t amount_fen = 0;  // kReduce: the monthly amount after reduction
  Month from, to;          // inclusive
  std::string reason;
  Date decided_on;  // the branch's decision (支部决定) date
  std::string recorded_by, recorded_at;
  ExceptionState state = ExceptionState::kPending;
  std::string approved_by, approved_at, approver_org_code, approver_org_name, decision_note;
};

struct Record {
  int64_t id = 0;
  int64_t person_id = 0;
  Month month;
  int64_t org_id = 0;
  int64_t due_fen = 0;   // 应缴
  int64_t paid_fen = 0;  // 实缴
  RecordState state = RecordState::kPaid;
  Date paid_on;
  PayMethod method = PayMethod::kCash;
  std::string reference;  // 转账凭证号
  std::string recorded_by, recorded_at;
};

struct Voluntary {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string person_name;
  int64_t org_id = 0;
  int64_t amount_fen = 0;
  Date paid_on;
  PayMethod method = PayMethod::kCash;
  std::string reference;
  bool forward = false;  // 1,000 元及以上：上缴中央
  std::string recorded_by, recorded_at;
};

// Consecutive months unpaid before `current` (the current month is not yet in arrears while it lasts): from the
// later of the first month due and the month after the last settled one, up to the month before `current`.
// `last_settled`: the latest month with a record, if any.
int64_t ArrearsMonths(Month first_due, std::optional<Month> last_settled, Month current);

}  // namespace jiceng::membership
