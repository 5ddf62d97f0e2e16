// Passwords: argon2id hashes (libsodium, 19 MiB, t=2, per OWASP's minimum),
// the complexity rule, and generated initial passwords. Thread-safe.
#pragma once

#include <string>

#include "core/status.h"

namespace jiceng::accounts {

std::string HashPassword(const std::string& password);
bool VerifyPassword(const std::string& hash, const std::string& password);
// At least 8 characters with three of: upper case, lower case, digits, symbols; not the login itself.
Status CheckPasswordPolicy(const std::string& password, const std::string& login, const std::string& field);
// A random password that satisfies the policy (for new accounts and resets).
std::string GeneratePassword();

}  // namespace jiceng::accounts
