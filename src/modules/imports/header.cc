#include "modules/imports/header.h"

#include <cstdint>

namespace jiceng::imports {
namespace {

// The code point at `i` (UTF-8), advancing `i`; invalid bytes come back one at a time as themselves.
uint32_t NextCodePoint(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (i + len > s.size()) len = 1;
  uint32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool EndsWith(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::string NormalizeHeader(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = NextCodePoint(text, i);
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
    if (cp == 0x3000 || cp == 0xFEFF || cp == 0xA0 || cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n') continue;
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    AppendUtf8(out, cp);
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view tail : {"*", "(必填)", "（必填）"}) {
      if (EndsWith(out, tail)) {
        out.resize(out.size() - tail.size());
        changed = true;
      }
    }
  }
  return out;
}

int KnownHeaders(const Spec& spec, const std::vector<std::string>& header) {
  int known = 0;
  for (const std::string& h : header) {
    const std::string n = NormalizeHeader(h);
    if (n.empty()) continue;
    for (const Column& c : spec.columns) {
      bool match = NormalizeHeader(c.name) == n;
      for (const std::string& a : c.aliases) match = match || NormalizeHeader(a) == n;
      if (match) {
        ++known;
        break;
      }
    }
  }
  return known;
}

Result<HeaderMap> MatchHeader(const Spec& spec, const std::vector<std::string>& header) {
  HeaderMap map;
  map.file_column.assign(spec.columns.size(), -1);
  for (size_t f = 0; f < header.size(); ++f) {
    const std::string n = NormalizeHeader(header[f]);
    if (n.empty()) continue;
    bool found = false;
    for (size_t c = 0; c < spec.columns.size() && !found; ++c) {
      const Column& col = spec.columns[c];
      bool match = NormalizeHeader(col.name) == n;
      for (const std::string& a : col.aliases) match = match || NormalizeHeader(a) == n;
      if (!match) continue;
      found = true;
      if (map.file_column[c] >= 0) {
        return Status::Invalid("header", "表头中“" + col.name + "”列出现了两次（第 " +
                                             std::to_string(map.file_column[c] + 1) + " 列和第 " +
                                             std::to_string(f + 1) + " 列）");
      }
      map.file_column[c] = static_cast<int>(f);
    }
    if (!found) map.unknown_headers.push_back(header[f]);
  }
  std::string missing;
  for (size_t c = 0; c < spec.columns.size(); ++c) {
    if (spec.columns[c].required && map.file_column[c] < 0) missing += (missing.empty() ? "" : "、") + spec.columns[c].name;
  }
  if (!missing.empty()) {
    return Status::Invalid("header", "表头缺少必填列：" + missing + "（请使用导入模板的表头）");
  }
  return map;
}

}  // namespace jiceng::imports
