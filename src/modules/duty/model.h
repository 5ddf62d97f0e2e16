// The duty module's vocabulary (责任与整改闭环): responsibility lists, problems
// and their measures, all items of one closed loop 明责 → 晒责 → 督责 → 评责.
// Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace jiceng::duty {

enum class ItemKind { kListItem, kProblem, kMeasure };  // 责任清单事项 / 问题 / 措施

enum class State {
  kDraft,       // 草稿
  kAssigned,    // 已交办 (明责)
  kPublished,   // 已公开 (晒责)
  kInProgress,  // 整改中 (督责)
  kSubmitted,   // 已提交
  kAccepted,    // 已销号 (评责)
  kReturned,    // 已退回
  kCancelled,   // 已撤销
};

enum class Action { kAssign, kPublish, kProgress, kSubmit, kAccept, kReturn, kCancel, kReopen };

// Who may take an action: the org that assigned the item (and those above it), or the org responsible for it
// (and those below it).
enum class Side { kAssigning, kResponsible };

enum class Source { kResearch, kInspection, kAudit, kPatrol, kMonthlyTopic, kPublic };  // 调研 观摩 审计 巡察 每月一题 群众反映
enum class Severity { kMinor, kMajor, kCritical };                                       // 一般 较重 严重

std::string_view KindCode(ItemKind k);
std::string_view KindName(ItemKind k);
std::optional<ItemKind> ParseKind(std::string_view text);
std::string_view StateCode(State s);
std::string_view StateName(State s);
std::optional<State> ParseState(std::string_view text);
std::string_view ActionCode(Action a);
std::string_view ActionName(Action a);
std::optional<Action> ParseAction(std::string_view text);
std::string_view SourceCode(Source s);
std::string_view SourceName(Source s);
std::optional<Source> ParseSource(std::string_view text);
std::string_view SeverityCode(Severity s);
std::string_view SeverityName(Severity s);
std::optional<Severity> ParseSeverity(std::string_view text);
const std::vector<std::string_view>& Grades();  // 优秀 良好 合格 不合格
// The grade a score earns (优秀 90–100, 良好 80–89, 合格 60–79, 不合格 0–59): a sign-off's grade follows its score.
std::string_view GradeOf(int score);
bool IsOpen(State s);                           // counts towards overdue and due-soon
const std::vector<std::string>& OpenStateCodes();  // the codes of the open states, in order
const std::string& OpenStatesSql();                // the same as an SQL list: ('assigned', …)

struct PersonRef {
  int64_t id = 0;
  std::string name;
};

struct Item {
  int64_t id = 0;
  ItemKind kind = ItemKind::kProblem;
  int64_t parent_id = 0;  // the problem of a measure, the list of a list item
  std::string title, content, target;
  int weight = 1;
  Date deadline;
  std::optional<Source> source;
  std::string area;
  std::optional<Severity> severity;
  std::string month;  // "YYYY-MM" for 每月一题
  int64_t assigner_org_id = 0;
  std::string assigner_org_code, assigner_org_name;
  int64_t responsible_org_id = 0;
  std::string responsible_org_code, responsible_org_name;
  std::optional<PersonRef> responsible_person;
  std::optional<PersonRef> leader;  // 包联领导: the leader who has claimed this problem
  State state = State::kDraft;
  int progress = 0;  // 0–100; for a problem with measures, derived from them (weighted)
  std::optional<int> score;
  std::string grade;
  int measure_count = 0;  // the measures that count towards the progress: neither draft nor cancelled
  // A measure the responsible side of its problem proposed (this org): a draft until the problem's assigning side
  // confirms it by assigning it. 0 for everything else.
  int64_t proposed_by_org_id = 0;
  int evidence_count = 0;
};

struct Event {
  std::string at, actor, action;
  std::string from_state, to_state, note;
  std::optional<int> progress;
  // Filled by DutyQueries (accounts/actors.h): the account holder's name ("格尔木市委组织部演示账号"), 命令行（系统）,
  // else the actor as recorded; and what the actor is (account, cli, anonymous, other).
  std::string actor_name, actor_kind;
};

struct Evidence {
  int64_t id = 0;
  int64_t item_id = 0;
  std::string sha256, file_name, content_type, uploaded_by, uploaded_at;
  int64_t size = 0;
  std::string uploaded_by_name;  // filled by DutyQueries: the uploader's name, else the login as recorded
};

// 责任清单 / 目标责任书: signed by an org with one of its subordinate orgs.
struct DutyList {
  int64_t id = 0;
  std::string title;
  int year = 0;
  int64_t issuer_org_id = 0, holder_org_id = 0;
  std::string issuer_org_code, issuer_org_name, holder_org_code, holder_org_name;
  std::string acknowledged_at, acknowledged_by;  // 签收
  std::string withdrawn_at, withdrawn_by, withdraw_reason;  // 撤回: its open items were cancelled with it
  int item_count = 0;
};

}  // namespace jiceng::duty
