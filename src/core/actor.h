// Actor: who performs a command, recorded in the audit log with every write.
// A plain value.
#pragma once

#include <string>
#include <string_view>

namespace jiceng {

// The command line records "cli:<os user>"; a request made before any sign-in (a refused or throttled one) "-".
inline constexpr std::string_view kCliActorPrefix = "cli:";
inline constexpr std::string_view kAnonymousActor = "-";

struct Actor {
  std::string login;    // account name, or "cli:<os user>" on the command line
  std::string address;  // client address, or "local"
};

}  // namespace jiceng
