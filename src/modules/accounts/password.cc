#include "modules/accounts/password.h"

#include <sodium.h>

#include <cctype>

namespace jiceng::accounts {
namespace {
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19u * 1024 * 1024;
}  // namespace

std::string HashPassword(const std::string& password) {
  if (sodium_init() < 0) return "";
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return "";
  }
  return out;
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  if (sodium_init() < 0 || hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Status CheckPasswordPolicy(const std::string& password, const std::string& login, const std::string& field) {
  if (password.size() < 8) return Status::Invalid(field, "密码至少 8 位");
  if (password.size() > 128) return Status::Invalid(field, "密码不能超过 128 位");
  bool upper = false, lower = false, digit = false, symbol = false;
  for (unsigned char c : password) {
    if (std::isupper(c)) {
      upper = true;
    } else if (std::islower(c)) {
      lower = true;
    } else if (std::isdigit(c)) {
      digit = true;
    } else {
      symbol = true;
    }
  }
  if (upper + lower + digit + symbol < 3) {
    return Status::Invalid(field, "密码须包含大写字母、小写字母、数字、符号中的至少三类");
  }
  if (password == login) return Status::Invalid(field, "密码不能与账号相同");
  return Status::Ok();
}

std::string GeneratePassword() {
  static const char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  static const char kSymbols[] = "#@%+=";
  if (sodium_init() < 0) return "";
  std::string password;
  for (int i = 0; i < 12; ++i) password += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  password[0] = "ABCDEFGHJKLMNPQRSTUVWXYZ"[randombytes_uniform(24)];
  password[1] = "abcdefghijkmnpqrstuvwxyz"[randombytes_uniform(24)];
  password[2] = "23456789"[randombytes_uniform(8)];
  password += kSymbols[randombytes_uniform(sizeof kSymbols - 1)];
  return password;
}

}  // namespace jiceng::accounts
