// TOTP second factor (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) through
// Debian's liboath. Secrets are 20 random bytes, shown to the user in base32.
// Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace jiceng::accounts {

std::string NewTotpSecret();                                 // raw bytes
std::string TotpBase32(const std::string& secret);           // for authenticator apps
std::string TotpUri(const std::string& secret, const std::string& login);  // otpauth://totp/...
// True if `code` is valid at `now` (unix seconds), allowing one step of clock drift either way.
bool TotpValid(const std::string& secret, const std::string& code, int64_t now);
// The time step (now / 30, ± one of drift) whose code `code` is, or nothing. Accepting each code once: a caller
// accepts it only if the step is later than the last step it accepted.
std::optional<int64_t> TotpStep(const std::string& secret, const std::string& code, int64_t now);
// The code for `now` (tests and the demo use it).
std::string TotpCode(const std::string& secret, int64_t now);

}  // namespace jiceng::accounts
