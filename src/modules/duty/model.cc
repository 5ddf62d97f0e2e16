#include "modules/duty/model.h"
#include "core/text.h"

#include <array>
#include <utility>

namespace jiceng::duty {
namespace {

constexpr Vocabulary<ItemKind, 3> kKinds{{{{"list_item", "责任事项"}, {"problem", "问题"}, {"measure", "措施"}}}};
constexpr Vocabulary<State, 8> kStates{{{{"draft", "草稿"},
                                         {"assigned", "已交办"},
                                         {"published", "已公开"},
                                         {"in_progress", "整改中"},
                                         {"submitted", "已提交"},
                                         {"accepted", "已销号"},
                                         {"returned", "已退回"},
                                         {"cancelled", "已撤销"}}}};
constexpr Vocabulary<Action, 8> kActions{{{{"assign", "交办"},
                                           {"publish", "公开"},
                                           {"progress", "报进展"},
                                           {"submit", "提交销号"},
                                           {"accept", "验收销号"},
                                           {"return", "退回"},
                                           {"cancel", "撤销"},
                                           {"reopen", "重新打开"}}}};
constexpr Vocabulary<Source, 6> kSources{{{{"research", "调研"},
                                           {"inspection", "观摩"},
                                           {"audit", "审计"},
                                           {"patrol", "巡察"},
                                           {"monthly_topic", "每月一题"},
                                           {"public", "群众反映"}}}};
constexpr Vocabulary<Severity, 3> kSeverities{{{{"minor", "一般"}, {"major", "较重"}, {"critical", "严重"}}}};

}  // namespace

std::string_view KindCode(ItemKind k) { return kKinds.Code(k); }
std::string_view KindName(ItemKind k) { return kKinds.Name(k); }
std::optional<ItemKind> ParseKind(std::string_view t) { return kKinds.Parse(t); }
std::string_view StateCode(State s) { return kStates.Code(s); }
std::string_view StateName(State s) { return kStates.Name(s); }
std::optional<State> ParseState(std::string_view t) { return kStates.Parse(t); }
std::string_view ActionCode(Action a) { return kActions.Code(a); }
std::string_view ActionName(Action a) { return kActions.Name(a); }
std::optional<Action> ParseAction(std::string_view t) { return kActions.Parse(t); }
std::string_view SourceCode(Source s) { return kSources.Code(s); }
std::string_view SourceName(Source s) { return kSources.Name(s); }
std::optional<Source> ParseSource(std::string_view t) { return kSources.Parse(t); }
std::string_view SeverityCode(Severity s) { return kSeverities.Code(s); }
std::string_view SeverityName(Severity s) { return kSeverities.Name(s); }
std::optional<Severity> ParseSeverity(std::string_view t) { return kSeverities.Parse(t); }

const std::vector<std::string_view>& Grades() {
  static const std::vector<std::string_view> kGrades = {"优秀", "良好", "合格", "不合格"};
  return kGrades;
}

std::string_view GradeOf(int score) {
  if (score >= 90) return "优秀";
  if (score >= 80) return "良好";
  if (score >= 60) return "合格";
  return "不合格";
}

bool IsOpen(State s) {
  return s == State::kAssigned || s == State::kPublished || s == State::kInProgress || s == State::kSubmitted ||
         s == State::kReturned;
}

const std::vector<std::string>& OpenStateCodes() {
  static const std::vector<std::string> kCodes = [] {
    std::vector<std::string> codes;
    for (State s : kStates.All()) {
      if (IsOpen(s)) codes.emplace_back(StateCode(s));
    }
    return codes;
  }();
  return kCodes;
}

const std::string& OpenStatesSql() {
  static const std::string kSql = [] {
    std::string sql = "(";
    for (const std::string& code : OpenStateCodes()) sql += (sql.size() > 1 ? ", '" : "'") + code + "'";
    return sql + ")";
  }();
  return kSql;
}

}  // namespace jiceng::duty
