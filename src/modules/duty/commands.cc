#include "modules/duty/commands.h"

#include <map>
#include <set>

#include "core/text.h"

#include "modules/duty/evidence.h"
#include "modules/duty/lifecycle.h"
#include "modules/duty/permissions.h"
#include "modules/people/repo.h"
#include "store/audit.h"

namespace jiceng::duty {
namespace {

Status ItemNotFound() { return Status::NotFound("id", "未找到该事项，或不在您的管辖范围内"); }


std::string Describe(const Item& it) {
  return std::string(KindCode(it.kind)) + "|" + it.title + "|" + it.deadline.ToString() + "|" +
         it.responsible_org_code + "|" + std::string(StateCode(it.state)) + "|" + std::to_string(it.progress);
}

}  // namespace

Result<Item> DutyCommands::Visible(int64_t id) {
  auto item = repo_.Find(id);
  if (!item) return ItemNotFound();
  org::OrgRepo orgs(db_);
  if (!SidesOf(orgs, caller_, *item).visible) return ItemNotFound();
  return *item;
}

// Resolves codes and ids of a checked form into `base`, checking scope.
Result<Item> DutyCommands::Resolve(const ValidItem& valid, Item base) {
  org::OrgRepo orgs(db_);
  const Date today = Date::Today();
  auto unit = org::FindWithin(orgs, caller_.org_id, valid.responsible_org_code, today);
  if (!unit) {
    return Status::NotFound("responsible_org_code", "未找到该责任单位，或不在您的管辖范围内");
  }
  // Nobody evaluates their own work: the responsible org lies strictly below the assigning org — except the org
  // that proposes a measure for itself, whose proposal the problem's assigning side evaluates.
  if (unit->id == base.assigner_org_id || (unit->id == caller_.org_id && base.proposed_by_org_id == 0)) {
    return Status::Invalid("responsible_org_code", "责任单位须是交办单位的下级单位，不能给本单位交办事项");
  }
  const Item& v = valid.item;
  base.kind = v.kind;
  base.title = v.title;
  base.content = v.content;
  base.target = v.target;
  base.weight = v.weight;
  base.deadline = v.deadline;
  base.source = v.source;
  base.area = v.area;
  base.severity = v.severity;
  base.month = v.month;
  base.responsible_org_id = unit->id;
  base.responsible_org_code = unit->code;
  base.responsible_person.reset();
  base.leader.reset();
  if (valid.responsible_person_id) {
    if (!people::PeopleRepo(db_).WithinScope(valid.responsible_person_id, caller_.org_id, Date::Today())) {
      return Status::NotFound("responsible_person_id", "未找到该责任人，或不在您的管辖范围内");
    }
    base.responsible_person = PersonRef{valid.responsible_person_id, ""};
  }
  if (valid.leader_person_id) {
    if (!people::PeopleRepo(db_).WithinScope(valid.leader_person_id, caller_.org_id, Date::Today())) {
      return Status::NotFound("leader_person_id", "未找到该包联领导，或不在您的管辖范围内");
    }
    base.leader = PersonRef{valid.leader_person_id, ""};
  }
  return base;
}

Result<Item> DutyCommands::Create(const ItemForm& form) {
  if (Status st = CanUseDuty(caller_); !st.ok()) return st;
  auto valid = ValidateItem(form);
  if (!valid.ok()) return valid.status();
  store::Transaction tx(db_);
  Item base;
  base.assigner_org_id = caller_.org_id;
  base.state = State::kDraft;
  if (valid->item.parent_id) {
    auto parent = Visible(valid->item.parent_id);
    if (!parent.ok()) return Status::NotFound("parent_id", "未找到该问题，或不在您的管辖范围内");
    if (parent->kind != ItemKind::kProblem) return Status::Invalid("parent_id", "措施只能属于问题");
    if (parent->state == State::kAccepted || parent->state == State::kCancelled) {
      return Status::Conflict("parent_id", "问题已" + std::string(StateName(parent->state)) + "，不能再添加措施");
    }
    base.parent_id = parent->id;
    // The problem's responsible org adding a measure for itself proposes it: the problem's assigning side
    // confirms (assigns), accepts and scores it, never the proposer.
    if (parent->responsible_org_id == caller_.org_id && valid->responsible_org_code == caller_.org_code) {
      base.assigner_org_id = parent->assigner_org_id;
      base.proposed_by_org_id = caller_.org_id;
    }
  }
  if (valid->item.deadline < Date::Today()) return Status::Invalid("deadline", "完成时限不能早于今天");
  auto item = Resolve(*valid, base);
  if (!item.ok()) return item.status();
  item->parent_id = base.parent_id;
  const std::string now = NowTimestamp();
  int64_t id = repo_.Insert(*item, 0, now);
  repo_.AddEvent(id, now, caller_.login, "create", State::kDraft, State::kDraft, "", std::nullopt);
  auto saved = repo_.Find(id);
  store::AppendAudit(db_, {caller_.login, caller_.address},
                     {"duty.create", std::to_string(id), saved->responsible_org_code, "", Describe(*saved)});
  tx.Commit();
  return *saved;
}

Result<Item> DutyCommands::Update(int64_t id, const ItemForm& form) {
  if (Status st = CanUseDuty(caller_); !st.ok()) return st;
  auto valid = ValidateItem(form);
  if (!valid.ok()) return valid.status();
  store::Transaction tx(db_);
  auto current = Visible(id);
  if (!current.ok()) return current.status();
  org::OrgRepo orgs(db_);
  if (!SidesOf(orgs, caller_, *current).assigning) return Status::Forbidden("只有交办单位可以修改事项");
  if (current->state != State::kDraft && current->state != State::kAssigned) {
    return Status::Conflict("state", "当前状态为“" + std::string(StateName(current->state)) + "”，不能再修改内容");
  }
  if (valid->item.kind != current->kind) return Status::Invalid("kind", "不能改变事项类型");
  // The same rule as creating: a deadline may not be moved into the past (an unchanged one may have passed).
  if (valid->item.deadline != current->deadline && valid->item.deadline < Date::Today()) {
    return Status::Invalid("deadline", "完成时限不能早于今天");
  }
  auto item = Resolve(*valid, *current);
  if (!item.ok()) return item.status();
  item->parent_id = current->parent_id;
  const std::string now = NowTimestamp();
  repo_.UpdateFields(*item, now);
  repo_.AddEvent(id, now, caller_.login, "edit", current->state, current->state, "", std::nullopt);
  auto saved = repo_.Find(id);
  store::AppendAudit(db_, {caller_.login, caller_.address},
                     {"duty.update", std::to_string(id), saved->responsible_org_code, Describe(*current),
                      Describe(*saved)});
  tx.Commit();
  return *saved;
}

Result<Item> DutyCommands::ActLocked(int64_t id, const ValidAction& action) {
  auto current = Visible(id);
  if (!current.ok()) return current.status();
  org::OrgRepo orgs(db_);
  Sides sides = SidesOf(orgs, caller_, *current);
  auto next = Transition(current->state, action.action, sides.assigning, sides.responsible);
  if (!next.ok()) return next.status();
  const bool no_evidence = action.action == Action::kAccept && EvidenceCount(*current) == 0;
  if (no_evidence && !action.confirm_no_evidence) {
    return Status::Conflict("confirm_no_evidence", "该事项还没有上传任何佐证材料，确认无佐证材料也予以销号吗？");
  }
  if (action.action == Action::kSubmit && current->kind == ItemKind::kProblem) {
    // A problem is done when its measures are: each is signed off (or cancelled) first.
    int open = 0;
    for (const auto& m : repo_.Measures(id)) open += m.state != State::kAccepted && m.state != State::kCancelled;
    if (open > 0) {
      return Status::Conflict("action", "还有 " + std::to_string(open) + " 项整改措施未销号，问题暂不能提交销号");
    }
  }
  const std::string now = NowTimestamp();
  std::optional<int> score = action.action == Action::kAccept ? action.score : current->score;
  std::string grade = action.action == Action::kAccept ? action.grade : current->grade;
  if (action.action == Action::kReopen) {
    score.reset();
    grade.clear();
  }
  repo_.SetState(id, *next, action.progress, score, grade, now);
  // A sign-off's step says its verdict, and that it was made knowingly without evidence.
  std::string note = action.note;
  if (action.action == Action::kAccept) {
    note += std::string(note.empty() ? "" : "（") + "评分 " + std::to_string(*score) + " 分，" + grade +
            (no_evidence ? "；无佐证材料，经确认销号" : "") + (action.note.empty() ? "" : "）");
  }
  repo_.AddEvent(id, now, caller_.login, ActionCode(action.action), current->state, *next, note, action.progress);
  auto saved = repo_.Find(id);
  store::AppendAudit(db_, {caller_.login, caller_.address},
                     {"duty." + std::string(ActionCode(action.action)), std::to_string(id),
                      saved->responsible_org_code, Describe(*current), Describe(*saved)});
  if (saved->kind == ItemKind::kProblem && (action.action == Action::kAssign || action.action == Action::kPublish)) {
    // Assigning or publishing a problem takes its measures with it (those the caller may assign or publish).
    for (const Item& m : repo_.Measures(id)) {
      Sides ms = SidesOf(orgs, caller_, m);
      if (!ms.assigning || !Transition(m.state, action.action, ms.assigning, ms.responsible).ok()) continue;
      if (action.action == Action::kPublish && m.state == State::kDraft) continue;
      auto done = ActLocked(m.id, {action.action, "随问题一并" + std::string(ActionName(action.action)), std::nullopt,
                                   std::nullopt, "", false});
      if (!done.ok()) return done.status();
    }
  }
  if (saved->kind == ItemKind::kMeasure && saved->parent_id) FollowMeasures(saved->parent_id, now);
  return *repo_.Find(id);
}

int DutyCommands::EvidenceCount(const Item& item) {
  int n = item.evidence_count;
  if (item.kind == ItemKind::kProblem) {
    for (const Item& m : repo_.Measures(item.id)) n += m.evidence_count;
  }
  return n;
}

// A problem's state follows its measures: once one of them is being worked on (整改中, 已提交 or 已销号), the
// published or returned problem is 整改中 too, so its responsible org can submit it when the measures are done
// without reporting a progress of its own first.
void DutyCommands::FollowMeasures(int64_t problem_id, const std::string& now) {
  auto problem = repo_.Find(problem_id);
  if (!problem || (problem->state != State::kPublished && problem->state != State::kReturned)) return;
  bool started = false;
  for (const Item& m : repo_.Measures(problem_id)) {
    started |= m.state == State::kInProgress || m.state == State::kSubmitted || m.state == State::kAccepted;
  }
  if (!started) return;
  repo_.SetState(problem_id, State::kInProgress, std::nullopt, problem->score, problem->grade, now);
  repo_.AddEvent(problem_id, now, caller_.login, "follow", problem->state, State::kInProgress, "整改措施已开始办理",
                 std::nullopt);
  auto saved = repo_.Find(problem_id);
  store::AppendAudit(db_, {caller_.login, caller_.address},
                     {"duty.follow", std::to_string(problem_id), saved->responsible_org_code, Describe(*problem),
                      Describe(*saved)});
}

Result<Item> DutyCommands::Act(int64_t id, const ActionForm& form) {
  if (Status st = CanUseDuty(caller_); !st.ok()) return st;
  auto action = ValidateAction(form);
  if (!action.ok()) return action.status();
  store::Transaction tx(db_);
  auto item = ActLocked(id, *action);
  if (!item.ok()) return item.status();
  tx.Commit();
  return item;
}

BulkResult DutyCommands::Bulk(const std::vector<int64_t>& ids, const std::string& action) {
  BulkResult result;
  std::set<int64_t> moved;  // measures assigned or published with their problem earlier in this batch
  for (int64_t id : ids) {
    if (moved.count(id)) {
      result.done.push_back(id);
      continue;
    }
    std::map<int64_t, State> before;
    for (const Item& m : repo_.Measures(id)) before[m.id] = m.state;
    auto item = Act(id, {action, "", "", "", ""});
    if (item.ok()) {
      result.done.push_back(id);
      for (const Item& m : repo_.Measures(id)) {
        if (before[m.id] != m.state) moved.insert(m.id);
      }
    } else {
      result.failed.emplace_back(id, item.status().message());
    }
  }
  return result;
}

Result<Evidence> DutyCommands::AddEvidence(int64_t item_id, const std::string& file_name, const std::string& bytes) {
  if (Status st = CanUseDuty(caller_); !st.ok()) return st;
  auto type = CheckEvidence(file_name, bytes);
  if (!type.ok()) return type.status();
  store::Transaction tx(db_);
  auto item = Visible(item_id);
  if (!item.ok()) return item.status();
  org::OrgRepo orgs(db_);
  Sides sides = SidesOf(orgs, caller_, *item);
  if (!sides.assigning && !sides.responsible) return Status::Forbidden("只有交办单位和责任单位可以上传佐证材料");
  if (item->state == State::kCancelled || item->state == State::kAccepted) {
    return Status::Conflict("state", "事项已" + std::string(StateName(item->state)) + "，不能再上传材料");
  }
  Evidence e;
  e.item_id = item_id;
  e.sha256 = Sha256Hex(bytes);
  e.file_name = file_name;
  e.content_type = *type;
  e.size = static_cast<int64_t>(bytes.size());
  e.uploaded_by = caller_.login;
  e.uploaded_at = NowTimestamp();
  // The file first: a row never points at a missing file; a file without a row is harmless and reused.
  JICENG_RETURN_IF_ERROR(EvidenceStore(files_dir_).Put(e.sha256, bytes));
  e.id = repo_.InsertEvidence(e);
  repo_.AddEvent(item_id, e.uploaded_at, caller_.login, "evidence", item->state, item->state, file_name, std::nullopt);
  store::AppendAudit(db_, {caller_.login, caller_.address},
                     {"duty.evidence", std::to_string(item_id), item->responsible_org_code, "", e.sha256});
  tx.Commit();
  return e;
}

Result<DutyList> DutyCommands::CreateList(const ListForm& form) {
  if (Status st = CanUseDuty(caller_); !st.ok()) return st;
  if (form.title.empty()) return Status::Invalid("title", "责任清单标题不能为空");
  if (form.year.size() != 4 || form.year.find_first_not_of("0123456789") != std::string::npos) {
    return Status::Invalid("year", "年度应为四位数字");
  }
  if (form.items.empty()) return Status::Invalid("items", "责任清单至少要有一项");
  std::vector<ValidItem> items;
  for (size_t i = 0; i < form.items.size(); ++i) {
    ItemForm f = form.items[i];
    f.kind = "list_item";
    f.responsible_org_code = form.holder_org_code;
    auto valid = ValidateItem(f);
    if (!valid.ok()) return valid.status().WithContext("第 " + std::to_string(i + 1) + " 项：");
    if (valid->item.deadline < Date::Today()) {
      return Status::Invalid("deadline", "完成时限不能早于今天").WithContext("第 " + std::to_string(i + 1) + " 项：");
    }
    items.push_back(*valid);
  }
  store::Transaction tx(db_);
  org::OrgRepo orgs(db_);
  auto holder = org::FindWithin(orgs, caller_.org_id, form.holder_org_code, Date::Today());
  if (!holder || holder->id == caller_.org_id) {
    return Status::NotFound("holder_org_code", "责任清单只能与本单位的下级单位签订");
  }
  DutyList list;
  list.title = form.title;
  list.year = std::stoi(form.year);
  list.issuer_org_id = caller_.org_id;
  list.holder_org_id = holder->id;
  const std::string now = NowTimestamp();
  list.id = repo_.InsertList(list, caller_.login, now);
  for (const auto& valid : items) {
    Item base;
    base.assigner_org_id = caller_.org_id;
    base.state = State::kAssigned;  // signing the list is 明责
    auto item = Resolve(valid, base);
    if (!item.ok()) return item.status();
    int64_t id = repo_.Insert(*item, list.id, now);
    repo_.AddEvent(id, now, caller_.login, "assign", State::kDraft, State::kAssigned, form.title, std::nullopt);
  }
  store::AppendAudit(db_, {caller_.login, caller_.address},
                     {"duty.list.create", std::to_string(list.id), holder->code, "", form.title});
  tx.Commit();
  return *repo_.FindList(list.id);
}

Result<DutyList> DutyCommands::Acknowledge(int64_t list_id) {
  if (Status st = CanUseDuty(caller_); !st.ok()) return st;
  store::Transaction tx(db_);
  auto list = repo_.FindList(list_id);
  org::OrgRepo orgs(db_);
  if (!list || !ListVisible(orgs, caller_, *list)) {
    return Status::NotFound("id", "未找到该责任清单，或不在您的管辖范围内");
  }
  if (list->holder_org_id != caller_.org_id) return Status::Forbidden("只有签订清单的下级单位可以签收");
  if (!list->withdrawn_at.empty()) return Status::Conflict("id", "该责任清单已于 " + list->withdrawn_at + " 撤回");
  if (!list->acknowledged_at.empty()) return Status::Conflict("id", "该责任清单已于 " + list->acknowledged_at + " 签收");
  repo_.Acknowledge(list_id, caller_.login, NowTimestamp());
  store::AppendAudit(db_, {caller_.login, caller_.address},
                     {"duty.list.acknowledge", std::to_string(list_id), list->holder_org_code, "", ""});
  tx.Commit();
  return *repo_.FindList(list_id);
}

Result<DutyList> DutyCommands::WithdrawList(int64_t list_id, const std::string& reason) {
  if (Status st = CanUseDuty(caller_); !st.ok()) return st;
  if (reason.empty()) return Status::Invalid("reason", "请填写撤回的理由");
  if (Utf8Length(reason) > 2000) return Status::Invalid("reason", "撤回理由不能超过 2000 个字");
  store::Transaction tx(db_);
  auto list = repo_.FindList(list_id);
  org::OrgRepo orgs(db_);
  if (!list || !ListVisible(orgs, caller_, *list)) {
    return Status::NotFound("id", "未找到该责任清单，或不在您的管辖范围内");
  }
  if (!org::WithinScope(orgs, caller_.org_id, list->issuer_org_id, Date::Today()) ||
      caller_.org_id == list->holder_org_id) {
    return Status::Forbidden("只有签发清单的单位可以撤回");
  }
  if (!list->withdrawn_at.empty()) return Status::Conflict("id", "该责任清单已于 " + list->withdrawn_at + " 撤回");
  const auto items = repo_.ListItems(list_id);
  for (const Item& it : items) {
    if (it.state == State::kAccepted) {
      return Status::Conflict("id", "清单中的事项“" + it.title + "”已销号，清单不能再撤回");
    }
  }
  const std::string now = NowTimestamp();
  // Its open items are cancelled with it, each with its own step in the timeline.
  for (const Item& it : items) {
    if (it.state == State::kCancelled) continue;
    repo_.SetState(it.id, State::kCancelled, std::nullopt, std::nullopt, "", now);
    repo_.AddEvent(it.id, now, caller_.login, "cancel", it.state, State::kCancelled, "清单撤回：" + reason,
                   std::nullopt);
    store::AppendAudit(db_, {caller_.login, caller_.address},
                       {"duty.cancel", std::to_string(it.id), it.responsible_org_code, "", "清单撤回"});
  }
  repo_.Withdraw(list_id, caller_.login, now, reason);
  store::AppendAudit(db_, {caller_.login, caller_.address},
                     {"duty.list.withdraw", std::to_string(list_id), list->holder_org_code, "", reason});
  tx.Commit();
  return *repo_.FindList(list_id);
}

}  // namespace jiceng::duty
