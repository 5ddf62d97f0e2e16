#include "modules/org/change_requests.h"

#include "core/text.h"
#include "store/audit.h"

namespace jiceng::org {
namespace {

// The request as the audit log keeps it.
std::string Describe(const ChangeRequest& r) {
  // Appended piece by piece: GCC 12 warns wrongly (-Wrestrict) of a literal + a temporary std::string here.
  std::string text = "#";
  text += std::to_string(r.id);
  for (const std::string& part : {std::string(ChangeKindCode(r.kind)), r.unit_code, "on=" + r.on.ToString(),
                                  "by=" + r.requested_by}) {
    text += ' ';
    text += part;
  }
  if (r.kind == ChangeKind::kRename) {
    text += " name=";
    text += r.name;
    if (!r.new_kind.empty()) text += " kind=" + r.new_kind;
    if (r.with_namesakes) text += " with_namesakes";
  } else {
    text += " target=";
    text += r.target_code;
  }
  text += " reason=";
  text += r.reason;
  return text;
}

}  // namespace

OrgCommands ChangeRequests::Commands() {
  OrgCommands commands(db_, actor_, merge_listeners_);
  commands.LimitToSubtree(scope_root_id_);
  return commands;
}

bool ChangeRequests::InScope(const ChangeRequest& r) {
  if (scope_root_id_ == 0) return true;
  // Like a change itself: the unit lies in the subtree today, or, when it no longer exists, on the request's date.
  if (repo_.LinkAt(r.unit_id, Date::Today())) return WithinScope(repo_, scope_root_id_, r.unit_id, Date::Today());
  return WithinScope(repo_, scope_root_id_, r.unit_id, r.on);
}

Result<ChangeRequest> ChangeRequests::Visible(int64_t request_id) {
  auto r = repo_.FindChangeRequest(request_id);
  if (!r || !InScope(*r)) return Status::NotFound("request", "未找到该调整申请，或不在您的管辖范围内");
  return *r;
}

template <typename Trial>
Result<ChangeRequest> ChangeRequests::Ask(ChangeRequest r, const std::string& on, Trial trial) {
  store::Transaction tx(db_);
  {
    store::Transaction attempt(db_);  // never committed: the change is only tried, so that its refusal comes now
    Status tried = trial();
    if (!tried.ok()) return tried;
  }
  r.on = *ParseEffectiveDate(on, Date::Today());  // the trial parsed it
  auto id = repo_.IdOfCode(r.unit_code);
  auto unit = repo_.FindByCode(r.unit_code, r.on);
  if (!id || !unit) return Status::NotFound("code", "没有代码为 " + r.unit_code + " 的单位");
  if (auto pending = repo_.PendingChangeOf(*id)) {
    return Status::Conflict("code", "“" + unit->name + "”已有一项待批准的调整申请（" +
                                        std::string(ChangeKindName(pending->kind)) + "，" + pending->requested_by +
                                        " 提出），请待其批准或撤回后再提出");
  }
  r.unit_id = *id;
  r.unit_name = unit->name;
  if (!r.target_code.empty()) {
    auto target = repo_.FindByCode(r.target_code, r.on);
    r.target_name = target ? target->name : "";
  }
  r.requested_by = actor_.login;
  r.requested_at = NowTimestamp();
  r.id = repo_.InsertChangeRequest(r);
  store::AppendAudit(db_, actor_, {"org.change.request", r.unit_code, r.unit_code, "", Describe(r)});
  tx.Commit();
  return *repo_.FindChangeRequest(r.id);
}

Result<ChangeRequest> ChangeRequests::RequestRename(const RenameForm& form) {
  ChangeRequest r;
  r.kind = ChangeKind::kRename;
  r.unit_code = form.code;
  r.name = form.name;
  r.new_kind = form.kind;
  r.with_namesakes = form.with_namesakes;
  r.reason = form.reason;
  return Ask(r, form.on, [&] { return Commands().Rename(form).status(); });
}

Result<ChangeRequest> ChangeRequests::RequestMove(const MoveForm& form) {
  ChangeRequest r;
  r.kind = ChangeKind::kMove;
  r.unit_code = form.code;
  r.target_code = form.new_parent_code;
  r.reason = form.reason;
  return Ask(r, form.on, [&] { return Commands().Move(form).status(); });
}

Result<ChangeRequest> ChangeRequests::RequestMerge(const MergeForm& form) {
  ChangeRequest r;
  r.kind = ChangeKind::kMerge;
  r.unit_code = form.code;
  r.target_code = form.into_code;
  r.reason = form.reason;
  return Ask(r, form.on, [&] { return Commands().Merge(form).status(); });
}

Result<ApprovedChange> ChangeRequests::Approve(int64_t request_id) {
  store::Transaction tx(db_);
  auto r = Visible(request_id);
  if (!r.ok()) return r.status();
  if (r->state != ChangeState::kPending) {
    return Status::Conflict("request", "该申请已处理（" + std::string(ChangeStateName(r->state)) + "）");
  }
  if (r->requested_by == actor_.login) {
    return Status::Forbidden("不能批准自己提出的调整申请，须由另一位组织部账号批准");
  }
  OrgCommands commands = Commands();
  commands.AsApprovalOf(r->requested_by, r->id);
  ApprovedChange answer;
  std::string outcome;
  const std::string on = r->on.ToString();
  switch (r->kind) {
    case ChangeKind::kRename: {
      RenameForm form{r->unit_code, r->name, on, r->reason, r->new_kind, r->with_namesakes};
      auto done = commands.Rename(form);
      if (!done.ok()) return done.status();
      outcome = "已更名为“" + done->unit.name + "”";
      if (!done->namesakes.empty()) outcome += "，名称中含有原名的下属组织 " + std::to_string(done->namesakes.size()) + " 个一并更名";
      answer.rename = *done;
      break;
    }
    case ChangeKind::kMove: {
      auto done = commands.Move({r->unit_code, r->target_code, on, r->reason});
      if (!done.ok()) return done.status();
      outcome = "已改隶属于“" + done->parent_name + "”";
      answer.move = *done;
      break;
    }
    case ChangeKind::kMerge: {
      auto done = commands.Merge({r->unit_code, r->target_code, on, r->reason});
      if (!done.ok()) return done.status();
      outcome = "已并入“" + done->into.name + "”，下级组织 " + std::to_string(done->children_moved) + " 个、直属人员 " +
                std::to_string(done->members_moved) + " 人随之转入";
      answer.merge = *done;
      break;
    }
  }
  repo_.DecideChangeRequest(r->id, ChangeState::kApproved, actor_.login, NowTimestamp(), "", outcome);
  store::AppendAudit(db_, actor_, {"org.change.approve", r->unit_code, r->unit_code, "", Describe(*r)});
  tx.Commit();
  answer.request = *repo_.FindChangeRequest(r->id);
  return answer;
}

Result<ChangeRequest> ChangeRequests::Reject(int64_t request_id, const std::string& note) {
  const bool blank = note.find_first_not_of(" \t\r\n") == std::string::npos;
  store::Transaction tx(db_);
  auto r = Visible(request_id);
  if (!r.ok()) return r.status();
  if (r->state != ChangeState::kPending) {
    return Status::Conflict("request", "该申请已处理（" + std::string(ChangeStateName(r->state)) + "）");
  }
  const bool own = r->requested_by == actor_.login;
  if (!own && blank) return Status::Invalid("note", "请填写驳回的理由");
  if (Utf8Length(note) > 200 || note.find_first_of("\r\n") != std::string::npos) {
    return Status::Invalid("note", "理由不能超过 200 个字，且只能写一行");
  }
  const ChangeState state = own ? ChangeState::kWithdrawn : ChangeState::kRejected;
  repo_.DecideChangeRequest(r->id, state, actor_.login, NowTimestamp(), blank ? "" : note, "");
  store::AppendAudit(db_, actor_,
                     {own ? "org.change.withdraw" : "org.change.reject", r->unit_code, r->unit_code, "",
                      Describe(*r) + (blank ? "" : " note=" + note)});
  tx.Commit();
  return *repo_.FindChangeRequest(r->id);
}

std::vector<ChangeRequest> ChangeRequests::List(bool pending_only, const std::string& unit_code) {
  std::vector<ChangeRequest> out;
  for (ChangeRequest& r : repo_.ChangeRequests(pending_only, 200)) {
    if (!unit_code.empty() && r.unit_code != unit_code) continue;
    if (!InScope(r)) continue;
    if (r.state == ChangeState::kPending && r.kind == ChangeKind::kRename && r.with_namesakes) {
      if (auto unit = repo_.FindById(r.unit_id, r.on)) r.namesakes = NamesakesOf(repo_, *unit, r.on, r.name);
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace jiceng::org
