// Status and Result<T>: expected errors as values (LevelDB style).
// A Status is ok or carries a code, the offending field (may be empty) and a
// message in Chinese for the user. Plain values; safe to copy across threads.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace jiceng {

// kUnauthenticated: not signed in or bad credentials; kLocked: the account is locked for a while.
enum class StatusCode { kOk, kInvalid, kNotFound, kConflict, kForbidden, kUnauthenticated, kLocked, kInternal };

class Status {
 public:
  Status() = default;
  static Status Ok() { return {}; }
  static Status Invalid(std::string field, std::string message) {
    return {StatusCode::kInvalid, std::move(field), std::move(message)};
  }
  static Status NotFound(std::string field, std::string message) {
    return {StatusCode::kNotFound, std::move(field), std::move(message)};
  }
  static Status Conflict(std::string field, std::string message) {
    return {StatusCode::kConflict, std::move(field), std::move(message)};
  }
  static Status Forbidden(std::string message) { return {StatusCode::kForbidden, "", std::move(message)}; }
  static Status Internal(std::string message) { return {StatusCode::kInternal, "", std::move(message)}; }
  static Status Unauthenticated(std::string message) {
    return {StatusCode::kUnauthenticated, "", std::move(message)};
  }
  static Status Locked(std::string message) { return {StatusCode::kLocked, "", std::move(message)}; }
  // A finer machine-readable reason than the code ("totp_required", "csrf"), shown as the JSON "code".
  Status WithReason(std::string reason) const {
    Status s = *this;
    s.reason_ = std::move(reason);
    return s;
  }
  const std::string& reason() const { return reason_; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& field() const { return field_; }
  const std::string& message() const { return message_; }
  // "字段 id_number：校验码错误" style text for the command line.
  std::string ToString() const;
  // Same code and message, with "第 N 行" (or another context) put in front.
  Status WithContext(const std::string& context) const { return {code_, field_, context + message_}; }

 private:
  Status(StatusCode code, std::string field, std::string message)
      : code_(code), field_(std::move(field)), message_(std::move(message)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string field_;
  std::string message_;
  std::string reason_;
};

const char* StatusCodeName(StatusCode code);

// Either a value or a non-ok Status.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design
  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace jiceng

#define JICENG_RETURN_IF_ERROR(expr) \
  do {                               \
    ::jiceng::Status _st = (expr);   \
    if (!_st.ok()) return _st;       \
  } while (0)
