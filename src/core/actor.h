// Actor: who performs a command, recorded in the audit log with every write.
// A plain value.
#pragma once

#include <string>

namespace jiceng {

struct Actor {
  std::string login;    // account name, or "cli:<os user>" on the command line
  std::string address;  // client address, or "local"
};

}  // namespace jiceng
