#include "modules/orglife/model.h"

#include <array>
#include <utility>

namespace jiceng::orglife {
namespace {

template <typename E, size_t N>
std::optional<E> Find(const std::array<std::pair<const char*, const char*>, N>& table, std::string_view text) {
  for (size_t i = 0; i < N; ++i) {
    if (text == table[i].first || text == table[i].second) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr std::array<std::pair<const char*, const char*>, 6> kKinds = {{
    {"general_meeting", "支部党员大会"},
    {"committee_meeting", "支部委员会会议"},
    {"group_meeting", "党小组会"},
    {"party_lecture", "党课"},
    {"themed_party_day", "主题党日"},
    {"life_meeting", "组织生活会"},
}};
constexpr std::array<std::pair<const char*, const char*>, 3> kUnits = {{
    {"month", "每月"},
    {"quarter", "每季度"},
    {"year", "每年"},
}};
constexpr std::array<std::pair<const char*, const char*>, 5> kStates = {{
    {"planned", "待召开"},
    {"submitted", "待审核"},
    {"approved", "已通过"},
    {"returned", "已退回"},
    {"cancelled", "已取消"},
}};
constexpr std::array<std::pair<const char*, const char*>, 4> kPresences = {{
    {"unsigned", "未签到"},
    {"present", "已签到"},
    {"leave", "请假"},
    {"absent", "缺席"},
}};

}  // namespace

std::string_view KindCode(Kind k) { return kKinds[static_cast<size_t>(k)].first; }
std::string_view KindName(Kind k) { return kKinds[static_cast<size_t>(k)].second; }
std::optional<Kind> ParseKind(std::string_view text) { return Find<Kind>(kKinds, text); }
std::vector<Kind> AllKinds() {
  return {Kind::kGeneralMeeting, Kind::kCommitteeMeeting, Kind::kGroupMeeting,
          Kind::kPartyLecture,   Kind::kThemedPartyDay,   Kind::kLifeMeeting};
}
bool IsThreeMeetingsOneLecture(Kind k) {
  return k == Kind::kGeneralMeeting || k == Kind::kCommitteeMeeting || k == Kind::kGroupMeeting ||
         k == Kind::kPartyLecture;
}

std::string_view UnitCode(PeriodUnit u) { return kUnits[static_cast<size_t>(u)].first; }
std::string_view UnitName(PeriodUnit u) { return kUnits[static_cast<size_t>(u)].second; }
std::optional<PeriodUnit> ParseUnit(std::string_view text) { return Find<PeriodUnit>(kUnits, text); }
int MonthsOf(PeriodUnit u) { return u == PeriodUnit::kMonth ? 1 : u == PeriodUnit::kQuarter ? 3 : 12; }

std::string_view StateCode(State s) { return kStates[static_cast<size_t>(s)].first; }
std::string_view StateName(State s) { return kStates[static_cast<size_t>(s)].second; }
std::optional<State> ParseState(std::string_view text) { return Find<State>(kStates, text); }

std::string_view PresenceCode(Presence p) { return kPresences[static_cast<size_t>(p)].first; }
std::string_view PresenceName(Presence p) { return kPresences[static_cast<size_t>(p)].second; }
std::optional<Presence> ParsePresence(std::string_view text) { return Find<Presence>(kPresences, text); }

}  // namespace jiceng::orglife
