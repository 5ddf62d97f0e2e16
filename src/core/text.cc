#include "core/text.h"

#include <cctype>

namespace jiceng {

size_t Utf8Length(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string PercentEncode(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

namespace {

// The code point starting at text[i] (advancing i), or -1 for invalid UTF-8 (bad lead or continuation byte,
// overlong form, surrogate, beyond U+10FFFF).
int32_t NextCodePoint(std::string_view text, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return static_cast<int32_t>(text[i++]);
  int extra = (c >= 0xC2 && c <= 0xDF) ? 1 : (c >= 0xE0 && c <= 0xEF) ? 2 : (c >= 0xF0 && c <= 0xF4) ? 3 : -1;
  if (extra < 0) return -1;
  int32_t cp = c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    if (i + k >= text.size() || (byte(i + k) & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr int32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  i += extra + 1;
  return cp;
}

Status CheckText(std::string_view field, std::string_view value, std::string_view label, bool multi_line) {
  const std::string name = label.empty() ? std::string("该项") : std::string(label);
  size_t i = 0;
  while (i < value.size()) {
    int32_t cp = NextCodePoint(value, i);
    if (cp < 0) return Status::Invalid(std::string(field), name + "含有无效的字符编码（应为 UTF-8）");
    if (cp == '\n' && multi_line) continue;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
      return Status::Invalid(std::string(field),
                             name + (multi_line ? "不能含有控制字符（只允许换行）" : "不能含有换行、制表符等控制字符"));
    }
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
      return Status::Invalid(std::string(field),
                             name + "不能含有改变文字方向的控制字符（U+202A–U+202E、U+2066–U+2069）");
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckSingleLine(std::string_view field, std::string_view value, std::string_view label) {
  return CheckText(field, value, label, false);
}

Status CheckMultiLine(std::string_view field, std::string_view value, std::string_view label) {
  return CheckText(field, value, label, true);
}

std::string EscapeLike(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace jiceng
