#include "core/pinyin.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace jiceng {
namespace {

struct SurnameReading {
  std::u32string_view han;
  std::string_view syllables;  // One per character, space-separated, so initials stay one letter per character.
};

// ICU reads these by their most frequent word sense, but as the leading surname of a name they are read differently.
// Compound surnames come first so that 单于 wins over 单 and 尉迟 is not read as 尉 + 迟.
constexpr SurnameReading kSurnames[] = {
    {U"尉迟", "yu chi"}, {U"万俟", "mo qi"}, {U"长孙", "zhang sun"}, {U"单于", "chan yu"}, {U"澹台", "tan tai"},
    {U"单", "shan"},     {U"曾", "zeng"},    {U"解", "xie"},         {U"仇", "qiu"},       {U"区", "ou"},
    {U"朴", "piao"},     {U"查", "zha"},     {U"盖", "ge"},          {U"乐", "yue"},       {U"覃", "qin"},
    {U"缪", "miao"},     {U"繁", "po"},      {U"种", "chong"},       {U"员", "yun"},       {U"召", "shao"},
    {U"翟", "zhai"},     {U"秘", "bi"},      {U"句", "gou"},         {U"隗", "wei"},       {U"宓", "mi"},
    {U"折", "she"},      {U"祭", "zhai"},    {U"那", "na"},          {U"薄", "bo"},
};

// Anywhere in a name ICU picks a reading that is rare in names (长 "zhang" for 长江/长青, 卜 the 萝卜 "bo",
// 晟 and 珩 old readings); these are the standard readings in 通用规范汉字表 and what people type.
// ICU already reads the Tibetan/Mongolian transcription characters (扎 zha, 卓 zhuo, 措 cuo, 让 rang, 那 na) right.
const std::unordered_map<char32_t, std::string_view>& NameOverrides() {
  static const auto* overrides = new std::unordered_map<char32_t, std::string_view>{
      {U'长', "chang"}, {U'卜', "bu"}, {U'晟', "sheng"}, {U'珩', "heng"}};
  return *overrides;
}

// The ICU transliterator is not thread-safe and slow (~5 µs per character, ~3 s for 200k names), while a name set uses
// a few thousand distinct characters; so readings are computed once per code point and shared.
class ReadingCache {
 public:
  ReadingCache() {
    UErrorCode status = U_ZERO_ERROR;
    transliterator_.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    // Without ICU transliteration data Han characters get no reading; names still match by ASCII content.
    if (U_FAILURE(status)) transliterator_.reset();
  }

  std::string Reading(char32_t c) {
    {
      std::shared_lock lock(mutex_);
      auto it = readings_.find(c);
      if (it != readings_.end()) return it->second;
    }
    std::unique_lock lock(mutex_);
    auto it = readings_.find(c);
    if (it != readings_.end()) return it->second;
    std::string reading = Transliterate(c);
    readings_.emplace(c, reading);
    return reading;
  }

 private:
  // Requires mutex_ held exclusively: Transliterator::transliterate mutates internal state.
  std::string Transliterate(char32_t c) {
    if (transliterator_ == nullptr) return {};
    icu::UnicodeString text(static_cast<UChar32>(c));
    transliterator_->transliterate(text);
    std::string utf8;
    text.toUTF8String(utf8);
    std::string reading;
    for (char ch : utf8) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      // Anything left non-ASCII means ICU had no reading (e.g. 々); better no key than a garbage one.
      if (ch >= 'a' && ch <= 'z') reading.push_back(ch);
    }
    return reading;
  }

  std::shared_mutex mutex_;
  std::unique_ptr<icu::Transliterator> transliterator_;
  std::unordered_map<char32_t, std::string> readings_;
};

ReadingCache& Cache() {
  static auto* cache = new ReadingCache();
  return *cache;
}

bool IsHan(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN && U_SUCCESS(status);
}

// Fullwidth ASCII (ＡＢＣ１２３) comes from Chinese input methods; treat it as the ASCII it looks like.
char32_t FoldFullwidth(char32_t c) { return (c >= 0xFF01 && c <= 0xFF5E) ? c - 0xFEE0 : c; }

char AsciiAlnumLower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return static_cast<char>(c);
  return 0;
}

std::u32string DecodeUtf8(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c >= 0) out.push_back(FoldFullwidth(static_cast<char32_t>(c)));  // Invalid bytes are dropped.
  }
  return out;
}

void AppendReading(std::string_view reading, PinyinKeys* keys) {
  if (reading.empty()) return;
  keys->full.append(reading);
  keys->initials.push_back(reading.front());
  keys->syllables.emplace_back(reading);
}

}  // namespace

PinyinKeys NamePinyin(std::string_view utf8_name) {
  const std::u32string name = DecodeUtf8(utf8_name);
  PinyinKeys keys;
  keys.full.reserve(name.size() * 4);
  keys.initials.reserve(name.size());

  size_t i = 0;
  while (i < name.size() && u_isUWhiteSpace(static_cast<UChar32>(name[i]))) ++i;
  const std::u32string_view rest = std::u32string_view(name).substr(i);
  for (const SurnameReading& surname : kSurnames) {
    if (rest.starts_with(surname.han)) {
      std::string_view syllables = surname.syllables;
      while (!syllables.empty()) {
        const size_t space = syllables.find(' ');
        AppendReading(syllables.substr(0, space), &keys);
        syllables.remove_prefix(space == std::string_view::npos ? syllables.size() : space + 1);
      }
      i += surname.han.size();
      break;
    }
  }

  bool in_ascii_word = false;
  for (; i < name.size(); ++i) {
    const char32_t c = name[i];
    if (char ascii = AsciiAlnumLower(c)) {
      keys.full.push_back(ascii);
      // A Latin word counts as one "character" for initials, as in "Tom Smith" → "ts".
      if (!in_ascii_word) {
        keys.initials.push_back(ascii);
        keys.syllables.emplace_back();
      }
      keys.syllables.back().push_back(ascii);
      in_ascii_word = true;
      continue;
    }
    in_ascii_word = false;
    if (!IsHan(c)) continue;  // The · of minority names, spaces and other punctuation carry no reading.
    auto fixed = NameOverrides().find(c);
    if (fixed != NameOverrides().end()) {
      AppendReading(fixed->second, &keys);
    } else {
      AppendReading(Cache().Reading(c), &keys);
    }
  }
  return keys;
}

std::string SyllableTails(const PinyinKeys& keys) {
  std::string tails;
  size_t start = 0;
  for (const std::string& syllable : keys.syllables) {
    tails.push_back(' ');
    tails.append(keys.full, start, std::string::npos);
    start += syllable.size();
  }
  for (size_t i = 0; i < keys.initials.size(); ++i) {
    tails.push_back(' ');
    tails.append(keys.initials, i, std::string::npos);
  }
  return tails;
}

bool TailsMatch(std::string_view tails, std::string_view lower_query) {
  if (lower_query.empty()) return true;
  std::string needle = " ";
  needle.append(lower_query);
  return tails.find(needle) != std::string_view::npos;
}

bool LooksLikePinyin(std::string_view query) {
  if (query.empty()) return false;
  for (char c : query) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

}  // namespace jiceng
