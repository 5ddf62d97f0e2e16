// Pinyin search keys for Chinese personal names (full toneless pinyin and initials), via ICU.
// Thread-safe: the shared ICU transliterator and per-character cache are guarded internally.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jiceng {

// Search keys of a person's name: full toneless pinyin without spaces ("zhuxiangdong")
// and the initials, one letter per Han character ("zxd"); `syllables` holds the reading of each character (a
// Latin word counts as one), so that full == concatenation of syllables and initials == their first letters.
struct PinyinKeys {
  std::string full;
  std::string initials;
  std::vector<std::string> syllables;
};
PinyinKeys NamePinyin(std::string_view utf8_name);

// The stored key that lets a search match at any syllable boundary (东周扎西 is found by zhaxi, zx, dongzhouzhaxi
// and dzzx, not by "houzh"): every tail of the full pinyin that starts at a syllable and every tail of the
// initials, each after a space: " dongzhouzhaxi zhouzhaxi zhaxi xi dzzx zzx zx x". A lower-case query q matches
// when the key contains " " + q (SQL: instr(key, ' ' || q) > 0).
std::string SyllableTails(const PinyinKeys& keys);
bool TailsMatch(std::string_view tails, std::string_view lower_query);

// True if the query is only ASCII letters (so it is matched against pinyin keys, lowercased).
bool LooksLikePinyin(std::string_view query);

}  // namespace jiceng
