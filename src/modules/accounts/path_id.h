// The numeric id in a route's path (/…/{id}): anything but 1–12 digits is "not found", as an id outside the
// caller's scope is, so a page cannot tell a malformed id from one it may not see.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "http/router.h"

namespace jiceng::accounts {

// `what` names the thing in the message: 未找到该<what>，或不在您的管辖范围内 (field "id").
inline Result<int64_t> PathId(const http::Request& r, const char* param, std::string_view what) {
  const std::string& text = r.params.at(param);
  if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::NotFound("id", "未找到该" + std::string(what) + "，或不在您的管辖范围内");
  }
  return static_cast<int64_t>(std::stoll(text));
}

}  // namespace jiceng::accounts
