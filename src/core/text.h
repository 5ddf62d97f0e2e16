// Small text helpers shared by every layer: UTF-8 length for field limits,
// percent-encoding for URLs and headers, and Vocabulary, the code ↔ Chinese
// label tables of enum-valued fields. Pure; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jiceng {

// Characters (code points), not bytes: what a user counts in "不能超过 60 个字".
size_t Utf8Length(std::string_view text);
// RFC 3986 percent-encoding of everything but letters, digits and "-._".
std::string PercentEncode(std::string_view text);
// "1,2,3": ids for an SQL IN list (or the inside of a JSON array); "" for none.
std::string JoinIds(const std::vector<int64_t>& ids);

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
