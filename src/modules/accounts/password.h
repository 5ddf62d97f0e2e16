// Passwords: argon2id hashes (libsodium, 19 MiB, t=2, per OWASP's minimum),
// the strength rule (our classes plus libpwquality with the cracklib
// dictionary), and generated initial passwords. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/crypto.h"
#include "core/status.h"

namespace jiceng::accounts {

std::string HashPassword(const std::string& password);
// False for an empty hash: an account whose password was reset has none until its one-time code sets one.
bool VerifyPassword(const std::string& hash, const std::string& password);
// At least 8 characters with three of: upper case, lower case, digits, symbols; not common or guessable
// (libpwquality: the cracklib dictionary, palindromes, sequences, …); not containing the login, nor the
// person's name or its pinyin. Messages in Chinese on `field`.
Status CheckPasswordPolicy(const std::string& password, const std::string& login, const std::string& field,
                           const std::string& name = "");
// A random password that satisfies the policy (demo accounts without a fixed password).
std::string GeneratePassword();

// One-time codes (双人复核): a code is two halves of 8 characters (40 random bits each), shown as "ABCD-EFGH";
// the requesting administrator sees one, the approving one the other, the database keeps only keyed hashes.
std::string NewCodeHalf();
// The keyed hash of a half (`which`: 'a' for the requester's, 'b' for the approver's); case, spaces and
// hyphens do not matter.
std::string CodeHalfHash(const FieldCipher& cipher, std::string_view half, char which);
// Splits what the user typed (both halves, any separators) into the two halves; false if malformed.
bool SplitCode(std::string_view typed, std::string* half_a, std::string* half_b);

}  // namespace jiceng::accounts
