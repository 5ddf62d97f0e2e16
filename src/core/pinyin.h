// Pinyin search keys for Chinese personal names (full toneless pinyin and initials), via ICU.
// Thread-safe: the shared ICU transliterator and per-character cache are guarded internally.
#pragma once

#include <string>
#include <string_view>

namespace jiceng {

// Search keys of a person's name: full toneless pinyin without spaces ("zhuxiangdong")
// and the initials, one letter per Han character ("zxd").
struct PinyinKeys {
  std::string full;
  std::string initials;
};
PinyinKeys NamePinyin(std::string_view utf8_name);

// True if the query is only ASCII letters (so it is matched against pinyin keys, lowercased).
bool LooksLikePinyin(std::string_view query);

}  // namespace jiceng
