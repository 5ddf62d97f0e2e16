// What the dues pages and the command line send, as text, and its validation into typed values. Every refusal
// names the field and says in Chinese what is wrong. Amounts arrive as integer fen ("300001"), never as a
// floating-point number of yuan; the page converts 元 text to fen digit by digit.
#pragma once

#include <optional>
#include <string>

#include "core/status.h"
#include "modules/membership/model.h"

namespace jiceng::membership {

inline constexpr int64_t kMaxBaseFen = 100000000;  // a monthly base above 100 万元 is a typing error

struct BasisForm {
  std::string kind, base_fen, from_month, quarterly, note;
};
struct ValidBasis {
  BasisKind kind;
  int64_t base_fen;
  Month from;
  bool quarterly;
  std::string note;
};
Result<ValidBasis> ValidateBasis(const BasisForm& f);

struct PaymentForm {
  std::string person_id, from_month, to_month, amount_fen, method, reference, paid_on;
};
struct ValidPayment {
  int64_t person_id;
  Month from, to;
  int64_t amount_fen;
  PayMethod method;
  std::string reference;
  Date paid_on;
};
Result<ValidPayment> ValidatePayment(const PaymentForm& f, Date today);

struct VoluntaryForm {
  std::string person_id, amount_fen, method, reference, paid_on;
};
Result<Voluntary> ValidateVoluntary(const VoluntaryForm& f, Date today);

struct ExceptionForm {
  std::string person_id, kind, amount_fen, from_month, to_month, reason, decided_on;
};
Result<Exception> ValidateException(const ExceptionForm& f, Date today);

// Parsers shared by the forms and the query strings: an id (positive integer), fen (a non-negative integer up to
// `max`), a month "YYYY-MM", a day "YYYY-MM-DD". Each refusal names `field` with its Chinese `label`.
Result<int64_t> ParseId(const std::string& text, const char* field, const char* label);
Result<int64_t> ParseFen(const std::string& text, const char* field, const char* label, int64_t max);
Result<Month> ParseMonthField(const std::string& text, const char* field, const char* label);
Result<Date> ParseDayField(const std::string& text, const char* field, const char* label, Date today);

}  // namespace jiceng::membership
