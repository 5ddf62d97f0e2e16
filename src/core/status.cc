#include "core/status.h"

namespace jiceng {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalid:
      return "invalid";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kConflict:
      return "conflict";
    case StatusCode::kForbidden:
      return "forbidden";
    case StatusCode::kUnauthenticated:
      return "unauthorized";
    case StatusCode::kLocked:
      return "locked";
    case StatusCode::kInternal:
      return "internal";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  if (field_.empty()) return message_;
  return "字段 " + field_ + "：" + message_;
}

}  // namespace jiceng
