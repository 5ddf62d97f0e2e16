#include "modules/accounts/totp.h"
#include "core/text.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <cctype>
#include <cstdlib>
#include <mutex>

namespace jiceng::accounts {
namespace {

void InitOath() {
  static std::once_flag once;
  std::call_once(once, [] { oath_init(); });
}

}  // namespace

std::string NewTotpSecret() {
  std::string secret(20, '\0');
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string TotpBase32(const std::string& secret) {
  InitOath();
  char* out = nullptr;
  size_t len = 0;
  if (oath_base32_encode(secret.data(), secret.size(), &out, &len) != OATH_OK) return "";
  std::string text(out, len);
  std::free(out);
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

std::string TotpUri(const std::string& secret, const std::string& login) {
  // The issuer is what authenticator apps show next to the code.
  const std::string issuer = PercentEncode("基层工作平台");
  return "otpauth://totp/" + issuer + ":" + PercentEncode(login) + "?secret=" + TotpBase32(secret) +
         "&issuer=" + issuer + "&digits=6&period=30";
}

bool TotpValid(const std::string& secret, const std::string& code, int64_t now) {
  InitOath();
  if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos) return false;
  return oath_totp_validate(secret.data(), secret.size(), static_cast<time_t>(now), OATH_TOTP_DEFAULT_TIME_STEP_SIZE, 0,
                            1, code.c_str()) >= 0;
}

std::optional<int64_t> TotpStep(const std::string& secret, const std::string& code, int64_t now) {
  InitOath();
  if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  int position = 0;
  if (oath_totp_validate2(secret.data(), secret.size(), static_cast<time_t>(now), OATH_TOTP_DEFAULT_TIME_STEP_SIZE, 0,
                          1, &position, code.c_str()) < 0) {
    return std::nullopt;
  }
  return now / OATH_TOTP_DEFAULT_TIME_STEP_SIZE + position;
}

std::string TotpCode(const std::string& secret, int64_t now) {
  InitOath();
  char out[16] = {0};
  if (oath_totp_generate(secret.data(), secret.size(), static_cast<time_t>(now), OATH_TOTP_DEFAULT_TIME_STEP_SIZE, 0, 6,
                         out) != OATH_OK) {
    return "";
  }
  return out;
}

}  // namespace jiceng::accounts
