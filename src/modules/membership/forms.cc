#include "modules/membership/forms.h"

#include "core/text.h"

namespace jiceng::membership {
namespace {

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

Status CheckText(const std::string& text, const char* field, const char* label, size_t max_chars, bool required) {
  if (required && Trim(text).empty()) return Status::Invalid(field, std::string("请填写") + label);
  if (Utf8Length(text) > max_chars) {
    return Status::Invalid(field, std::string(label) + "不能超过 " + std::to_string(max_chars) + " 个字");
  }
  return Status::Ok();
}

}  // namespace

Result<int64_t> ParseId(const std::string& text, const char* field, const char* label) {
  const std::string t = Trim(text);
  if (t.empty()) return Status::Invalid(field, std::string("请选择") + label);
  if (t.size() > 12 || t.find_first_not_of("0123456789") != std::string::npos || t == "0") {
    return Status::Invalid(field, std::string(label) + "编号无效：" + t);
  }
  return static_cast<int64_t>(std::stoll(t));
}

Result<int64_t> ParseFen(const std::string& text, const char* field, const char* label, int64_t max) {
  const std::string t = Trim(text);
  if (t.empty()) return Status::Invalid(field, std::string("请填写") + label);
  if (t.size() > 12 || t.find_first_not_of("0123456789") != std::string::npos) {
    return Status::Invalid(field, std::string(label) + "应为以分计的非负整数（如 3000.01 元写作 300001）");
  }
  const int64_t v = std::stoll(t);
  if (v > max) return Status::Invalid(field, std::string(label) + "不能超过 " + Yuan(max) + " 元");
  return v;
}

Result<Month> ParseMonthField(const std::string& text, const char* field, const char* label) {
  const std::string t = Trim(text);
  if (t.empty()) return Status::Invalid(field, std::string("请选择") + label);
  auto m = Month::Parse(t);
  if (!m) return Status::Invalid(field, std::string(label) + "应为“年-月”，如 2026-11：" + t);
  return *m;
}

Result<Date> ParseDayField(const std::string& text, const char* field, const char* label, Date today) {
  const std::string t = Trim(text);
  if (t.empty()) return today;
  auto d = Date::Parse(t);
  if (!d) return Status::Invalid(field, std::string(label) + "应为“年-月-日”，如 2026-11-05：" + t);
  if (*d > today) return Status::Invalid(field, std::string(label) + "不能晚于今天（" + today.ToString() + "）");
  return *d;
}

Result<ValidBasis> ValidateBasis(const BasisForm& f) {
  auto kind = ParseBasisKind(Trim(f.kind));
  if (!kind) {
    return Status::Invalid("kind", "缴费类别无效（可选：在职、离退休、农牧民、学生、最低生活保障/失业、其他）");
  }
  int64_t base = 0;
  if (UsesBase(*kind)) {
    auto b = ParseFen(f.base_fen, "base_fen", "月缴费基数", kMaxBaseFen);
    if (!b.ok()) return b.status();
    if (*b == 0) return Status::Invalid("base_fen", "月缴费基数应大于 0（在职为税后工资，离退休为养老金）");
    base = *b;
  } else if (!Trim(f.base_fen).empty() && Trim(f.base_fen) != "0") {
    return Status::Invalid("base_fen", std::string(BasisKindName(*kind)) + "党员按固定金额交纳，不填月缴费基数");
  }
  auto from = ParseMonthField(f.from_month, "from_month", "起始月份");
  if (!from.ok()) return from.status();
  const std::string q = Trim(f.quarterly);
  if (!q.empty() && q != "0" && q != "1" && q != "true" && q != "false") {
    return Status::Invalid("quarterly", "按季度交纳应为是或否");
  }
  if (Status st = CheckText(f.note, "note", "备注", 200, false); !st.ok()) return st;
  return ValidBasis{*kind, base, *from, q == "1" || q == "true", Trim(f.note)};
}

Result<ValidPayment> ValidatePayment(const PaymentForm& f, Date today) {
  auto person = ParseId(f.person_id, "person_id", "党员");
  if (!person.ok()) return person.status();
  auto from = ParseMonthField(f.from_month, "from_month", "起始月份");
  if (!from.ok()) return from.status();
  auto to = ParseMonthField(f.to_month.empty() ? f.from_month : f.to_month, "to_month", "截止月份");
  if (!to.ok()) return to.status();
  if (*to < *from) return Status::Invalid("to_month", "截止月份不能早于起始月份");
  if (to->index - from->index >= 12) return Status::Invalid("to_month", "一次最多交纳 12 个月");
  auto amount = ParseFen(f.amount_fen, "amount_fen", "实缴金额", kMaxBaseFen);
  if (!amount.ok()) return amount.status();
  auto method = ParsePayMethod(Trim(f.method));
  if (!method) return Status::Invalid("method", "请选择交纳方式（现金或转账）");
  const std::string reference = Trim(f.reference);
  if (*method == PayMethod::kTransfer && reference.empty()) {
    return Status::Invalid("reference", "转账交纳须填写转账凭证号");
  }
  if (Status st = CheckText(reference, "reference", "转账凭证号", 64, false); !st.ok()) return st;
  auto paid_on = ParseDayField(f.paid_on, "paid_on", "交纳日期", today);
  if (!paid_on.ok()) return paid_on.status();
  return ValidPayment{*person, *from, *to, *amount, *method, reference, *paid_on};
}

Result<Voluntary> ValidateVoluntary(const VoluntaryForm& f, Date today) {
  auto person = ParseId(f.person_id, "person_id", "党员");
  if (!person.ok()) return person.status();
  auto amount = ParseFen(f.amount_fen, "amount_fen", "自愿交纳金额", 10000000000);
  if (!amount.ok()) return amount.status();
  if (*amount == 0) return Status::Invalid("amount_fen", "自愿交纳金额应大于 0");
  auto method = ParsePayMethod(Trim(f.method));
  if (!method) return Status::Invalid("method", "请选择交纳方式（现金或转账）");
  const std::string reference = Trim(f.reference);
  if (*method == PayMethod::kTransfer && reference.empty()) {
    return Status::Invalid("reference", "转账交纳须填写转账凭证号");
  }
  if (Status st = CheckText(reference, "reference", "转账凭证号", 64, false); !st.ok()) return st;
  auto paid_on = ParseDayField(f.paid_on, "paid_on", "交纳日期", today);
  if (!paid_on.ok()) return paid_on.status();
  Voluntary v;
  v.person_id = *person;
  v.amount_fen = *amount;
  v.method = *method;
  v.reference = reference;
  v.paid_on = *paid_on;
  v.forward = *amount >= kForwardFen;
  return v;
}

Result<Exception> ValidateException(const ExceptionForm& f, Date today) {
  auto person = ParseId(f.person_id, "person_id", "党员");
  if (!person.ok()) return person.status();
  auto kind = ParseExceptionKind(Trim(f.kind));
  if (!kind) return Status::Invalid("kind", "申请类型无效（可选：减缴、免缴、超期补缴）");
  Exception e;
  e.person_id = *person;
  e.kind = *kind;
  if (*kind == ExceptionKind::kReduce) {
    auto amount = ParseFen(f.amount_fen, "amount_fen", "减缴后每月金额", kMaxBaseFen);
    if (!amount.ok()) return amount.status();
    if (*amount == 0) return Status::Invalid("amount_fen", "减缴后每月金额应大于 0；不交纳请申请免缴");
    e.amount_fen = *amount;
  }
  auto from = ParseMonthField(f.from_month, "from_month", "起始月份");
  if (!from.ok()) return from.status();
  auto to = ParseMonthField(f.to_month, "to_month", "截止月份");
  if (!to.ok()) return to.status();
  if (*to < *from) return Status::Invalid("to_month", "截止月份不能早于起始月份");
  if (to->index - from->index >= kMaxExceptionMonths) {
    return Status::Invalid("to_month", "一次申请最多 " + std::to_string(kMaxExceptionMonths) + " 个月，期满后可再申请");
  }
  e.from = *from;
  e.to = *to;
  if (Status st = CheckText(f.reason, "reason", "理由", 500, true); !st.ok()) return st;
  e.reason = Trim(f.reason);
  auto decided = ParseDayField(f.decided_on, "decided_on", "支部决定日期", today);
  if (!decided.ok()) return decided.status();
  e.decided_on = *decided;
  return e;
}

}  // namespace jiceng::membership
