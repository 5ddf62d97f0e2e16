// Names, ethnic mixes and Party-joining dates for demo people, shared by the detailed provincial
// demo (demo.cc) and the national-scale one (national_demo.cc). Every draw
// comes from the caller's generator, so the same seed gives the same names.
// Constant data; thread-safe apart from the generator passed in.
#pragma once

#include <string>
#include <vector>

#include "core/date.h"
#include "core/random.h"
#include "modules/people/model.h"

namespace jiceng::people {

// The first six are Qinghai's groups (the detailed demo's weights index them); the rest appear in the national
// demo's mixes.
enum class Group { kHan, kTibetan, kHui, kTu, kSalar, kMongolian, kZhuang, kManchu, kUyghur, kMiao, kYi, kTujia };
inline constexpr int kGroupCount = 12;

const char* GroupName(Group group);  // "汉族", ...

// Weights over the groups (in enum order) for a Qinghai county, after the census shares; `code` starts with the
// 6-digit county code.
std::vector<int> QinghaiCountyMix(const std::string& code);
// Weights for a county anywhere in China: Qinghai's own mixes there, a mix for the province elsewhere.
std::vector<int> NationalCountyMix(const std::string& code);

// A plausible personal name for the group: Han-style with the group's usual surnames, or Tibetan, Mongolian and
// Uyghur names without a surname.
std::string MakeName(Rng& rng, Group group, bool male);

// The day the demo's people are as of (their ages, how long they have been members).
inline const Date kDemoReference = *Date::FromYmd(2026, 6, 30);

// When a member born on `birth` (aged `age` on kDemoReference) joined the Party: at 20–40, never before 18; a
// probationary member within the last year, a full member more than a year ago.
Date JoinedPartyOn(Rng& rng, Date birth, int age, PoliticalStatus status);

}  // namespace jiceng::people
