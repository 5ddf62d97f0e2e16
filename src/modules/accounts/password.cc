#include "modules/accounts/password.h"

#include <pwquality.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "core/pinyin.h"

namespace jiceng::accounts {
namespace {
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19u * 1024 * 1024;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// libpwquality with fixed settings (the system's /etc/security/pwquality.conf is not read, so every machine
// judges alike): minimum length 8 (the classes are our own rule), dictionary and user-name checks on. cracklib
// is not known to be thread-safe: one check at a time.
Status PwqualityCheck(const std::string& password, const std::string& login, const std::string& field) {
  static std::mutex mutex;
  static pwquality_settings_t* settings = [] {
    pwquality_settings_t* s = pwquality_default_settings();
    if (s) {
      pwquality_set_int_value(s, PWQ_SETTING_MIN_LENGTH, 8);
      pwquality_set_int_value(s, PWQ_SETTING_DICT_CHECK, 1);
      pwquality_set_int_value(s, PWQ_SETTING_USER_CHECK, 1);
    }
    return s;
  }();
  if (!settings) return Status::Internal("密码检查初始化失败（libpwquality）");
  std::lock_guard<std::mutex> lock(mutex);
  void* aux = nullptr;
  int score = pwquality_check(settings, password.c_str(), nullptr, login.c_str(), &aux);
  if (score >= 0) return Status::Ok();
  switch (score) {
    case PWQ_ERROR_CRACKLIB_CHECK:
    case PWQ_ERROR_BAD_WORDS:
      return Status::Invalid(field, "密码过于常见或由字典单词变化而来（如 Password1），容易被猜到，请换一个");
    case PWQ_ERROR_USER_CHECK:
      return Status::Invalid(field, "密码不能包含账号");
    case PWQ_ERROR_PALINDROME:
      return Status::Invalid(field, "密码不能是回文");
    case PWQ_ERROR_MAX_CONSECUTIVE:
    case PWQ_ERROR_MAX_CLASS_REPEAT:
    case PWQ_ERROR_MAX_SEQUENCE:
      return Status::Invalid(field, "密码含有过长的重复或连续字符（如 aaaa、1234），请换一个");
    case PWQ_ERROR_MIN_LENGTH:
      return Status::Invalid(field, "密码至少 8 位");
    default:
      return Status::Invalid(field, "密码太容易被猜到，请使用更长、更无规律的密码");
  }
}

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

Status CheckPasswordPolicy(const std::string& password, const std::string& login, const std::string& field,
                           const std::string& name) {
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
  const std::string folded = Lower(password);
  if (login.size() >= 3 && folded.find(Lower(login)) != std::string::npos) {
    return Status::Invalid(field, "密码不能包含账号");
  }
  if (name.size() >= 2 && password.find(name) != std::string::npos) {
    return Status::Invalid(field, "密码不能包含姓名");
  }
  if (!name.empty()) {
    const std::string pinyin = NamePinyin(name).full;
    if (pinyin.size() >= 4 && folded.find(Lower(pinyin)) != std::string::npos) {
      return Status::Invalid(field, "密码不能包含姓名的拼音");
    }
  }
  return PwqualityCheck(password, login, field);
}

std::string GeneratePassword() {
  static const char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  static const char kSymbols[] = "#@%+=";
  if (sodium_init() < 0) return "";
  std::string password;
  for (int attempt = 0; attempt < 20; ++attempt) {
    password.clear();
    for (int i = 0; i < 12; ++i) password += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
    password[0] = "ABCDEFGHJKLMNPQRSTUVWXYZ"[randombytes_uniform(24)];
    password[1] = "abcdefghijkmnpqrstuvwxyz"[randombytes_uniform(24)];
    password[2] = "23456789"[randombytes_uniform(8)];
    password += kSymbols[randombytes_uniform(sizeof kSymbols - 1)];
    if (CheckPasswordPolicy(password, "", "password").ok()) break;
  }
  return password;
}

namespace {
constexpr char kCodeAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";  // 32 symbols, no 0/O, 1/I

std::string CodeCharacters(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c == ' ' || c == '-') continue;
    out += static_cast<char>(std::toupper(c));
  }
  return out;
}
}  // namespace

std::string NewCodeHalf() {
  if (sodium_init() < 0) return "";
  std::string half;
  for (int i = 0; i < 8; ++i) {
    if (i == 4) half += '-';
    half += kCodeAlphabet[randombytes_uniform(sizeof kCodeAlphabet - 1)];
  }
  return half;
}

std::string CodeHalfHash(const FieldCipher& cipher, std::string_view half, char which) {
  return cipher.LookupHash(std::string("one-time-code:") + which + ":" + CodeCharacters(half));
}

bool SplitCode(std::string_view typed, std::string* half_a, std::string* half_b) {
  std::string chars = CodeCharacters(typed);
  if (chars.size() != 16) return false;
  for (char c : chars) {
    if (std::string_view(kCodeAlphabet).find(c) == std::string_view::npos) return false;
  }
  *half_a = chars.substr(0, 8);
  *half_b = chars.substr(8);
  return true;
}

}  // namespace jiceng::accounts
