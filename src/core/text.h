// Small text helpers shared by every layer: UTF-8 length for field limits,
// percent-encoding for URLs and headers, the one check of what characters user
// text may hold, LIKE escaping, and Vocabulary, the code ↔ Chinese label tables
// of enum-valued fields. Pure; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace jiceng {

// Characters (code points), not bytes: what a user counts in "不能超过 60 个字".
size_t Utf8Length(std::string_view text);
// RFC 3986 percent-encoding of everything but letters, digits and "-._".
std::string PercentEncode(std::string_view text);
// "1,2,3": ids for an SQL IN list (or the inside of a JSON array); "" for none.
std::string JoinIds(const std::vector<int64_t>& ids);

// The one rule for the characters of user text. Single-line fields (titles, names, duty titles) refuse invalid
// UTF-8, every control character (C0 including NUL, CR, LF and tab; DEL; C1), the line and paragraph separators
// U+2028/U+2029 and the bidi embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069 — why: a NUL cuts
// an exported cell short, and a bidi override makes a title read differently from what it holds. Multi-line
// fields (notes, content) allow "\n" and nothing else of those. `label` names the field in the Chinese message
// ("标题"); the Status carries `field`.
Status CheckSingleLine(std::string_view field, std::string_view value, std::string_view label = "");
Status CheckMultiLine(std::string_view field, std::string_view value, std::string_view label = "");
// `text` for use in `LIKE ? ESCAPE '\'`: %, _ and \ match themselves.
std::string EscapeLike(std::string_view text);

// A fixed list of (code, Chinese label) for an enum whose values are 0..N-1 in order.
template <typename E, size_t N>
struct Vocabulary {
  std::array<std::pair<const char*, const char*>, N> entries;
  constexpr std::string_view Code(E e) const { return entries[static_cast<size_t>(e)].first; }
  constexpr std::string_view Name(E e) const { return entries[static_cast<size_t>(e)].second; }
  // Accepts either the code or the Chinese label.
  std::optional<E> Parse(std::string_view text) const {
    for (size_t i = 0; i < N; ++i) {
      if (text == entries[i].first || text == entries[i].second) return static_cast<E>(i);
    }
    return std::nullopt;
  }
  std::vector<E> All() const {
    std::vector<E> all;
    for (size_t i = 0; i < N; ++i) all.push_back(static_cast<E>(i));
    return all;
  }
};

}  // namespace jiceng
