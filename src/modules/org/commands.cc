#include "modules/org/commands.h"

#include <deque>

#include "modules/org/demo.h"
#include "store/audit.h"

namespace jiceng::org {
namespace {

// The administrative level a unit's parent must have, if it is an administrative unit.
std::optional<Level> RequiredParentLevel(Level level) {
  switch (level) {
    case Level::kPrefecture:
      return Level::kProvince;
    case Level::kCounty:
      return Level::kPrefecture;
    case Level::kTownship:
      return Level::kCounty;
    case Level::kVillage:
      return Level::kTownship;
    default:
      return std::nullopt;
  }
}

std::string Describe(const OrgUnit& u) { return u.code + " " + u.name + " parent=" + u.parent_code; }

// The open interval on `on` must start before it and have no later change scheduled.
Status CheckChangeable(const std::optional<Interval>& current, Date on, const char* what) {
  if (!current) return Status::NotFound("code", std::string("该单位在 ") + on.ToString() + " 不存在");
  if (current->from >= on) {
    return Status::Conflict(
        "on", std::string("该单位的") + what + "自 " + current->from.ToString() + " 起生效，变更日期必须晚于此日期");
  }
  if (current->to.ToString() != kEndOfTime) {
    return Status::Conflict(
        "on", std::string("该单位的") + what + "在 " + current->to.ToString() + " 已有变更，不能在此之前再次变更");
  }
  return Status::Ok();
}

// `text` with every `from` replaced by `to`.
std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

bool IsAdministrative(Level level) { return level <= Level::kVillage; }

}  // namespace

std::vector<Namesake> NamesakesOf(OrgRepo& repo, const OrgUnit& region, Date on, const std::string& new_name) {
  const std::string short_old = ShortPrefectureName(region.name);
  const std::string short_new = ShortPrefectureName(new_name);
  std::vector<Namesake> found;
  std::deque<int64_t> open = {region.id};
  while (!open.empty()) {
    const int64_t id = open.front();
    open.pop_front();
    for (OrgUnit& child : repo.Children(id, on)) {
      if (IsAdministrative(child.level)) continue;  // a region below has its own names
      open.push_back(child.id);
      std::string renamed;
      if (child.name.find(region.name) != std::string::npos) {
        renamed = ReplaceAll(child.name, region.name, new_name);
      } else if (short_old != region.name && child.name.find(short_old) != std::string::npos) {
        renamed = ReplaceAll(child.name, short_old, short_new);
      }
      if (!renamed.empty() && renamed != child.name) found.push_back({std::move(child), std::move(renamed)});
    }
  }
  return found;
}

std::string OrgCommands::RequestNote() const {
  if (request_id_ == 0) return "";
  return " request=#" + std::to_string(request_id_) + " requested_by=" + requester_;
}

void OrgCommands::Relink(int64_t id, const Interval& current, int64_t new_parent_id, Date on) {
  repo_.EndLink(id, current.from, on);
  repo_.InsertLink(id, new_parent_id, on, *Date::Parse(kEndOfTime));
}

Result<OrgUnit> OrgCommands::Changeable(const std::string& code, Date on, const char* field, bool may_be_root) {
  const Status not_in_scope = Status::NotFound(field, "未找到单位 " + code + "，或不在您的管辖范围内");
  auto id = repo_.IdOfCode(code);
  if (!id) return scope_root_id_ != 0 ? not_in_scope : Status::NotFound(field, "没有代码为 " + code + " 的单位");
  auto unit = repo_.FindByCode(code, on);
  if (scope_root_id_ != 0) {
    // Inside the subtree on the date of the change and, when it exists today, today too: a county corrects the
    // history of its own units only, never what belonged elsewhere then or belongs elsewhere now.
    const Date today = Date::Today();
    const bool exists_today = repo_.LinkAt(*id, today).has_value();
    if (exists_today && !WithinScope(repo_, scope_root_id_, *id, today)) return not_in_scope;
    if (!exists_today && (!unit || !WithinScope(repo_, scope_root_id_, *id, on))) return not_in_scope;
    if (*id == scope_root_id_ && !may_be_root) return Status::Forbidden("不能调整本级组织，只能调整下级组织");
  }
  if (!unit) {
    auto first = repo_.FirstDay(*id);
    if (first && on < *first) {
      return Status::Invalid("on", "生效日期 " + on.ToString() + " 早于单位 " + code + " 的设立日期 " +
                                       first->ToString());
    }
    return Status::Invalid("on", "单位 " + code + " 在生效日期 " + on.ToString() + " 已不存在（已撤销或并入其他单位）");
  }
  if (scope_root_id_ != 0 && !WithinScope(repo_, scope_root_id_, unit->id, on)) return not_in_scope;
  return *unit;
}

Result<OrgUnit> OrgCommands::Move(const MoveForm& form) {
  auto on = ParseEffectiveDate(form.on, Date::Today());
  if (!on.ok()) return on.status();
  if (form.new_parent_code.empty()) return Status::Invalid("to", "请选择新的上级单位");
  JICENG_RETURN_IF_ERROR(ValidateReason(form.reason));
  store::Transaction tx(db_);
  auto unit = Changeable(form.code, *on, "code", false);
  if (!unit.ok()) return unit.status();
  if (unit->parent_id == 0) return Status::Invalid("code", "根节点不能移动");
  auto parent = Changeable(form.new_parent_code, *on, "to", true);
  if (!parent.ok()) return parent.status();
  if (parent->id == unit->parent_id) return Status::Invalid("to", "该单位已隶属于 " + parent->name);
  if (auto required = RequiredParentLevel(unit->level); required && parent->level != *required) {
    return Status::Invalid(
        "to", std::string(LevelName(unit->level)) + "单位只能隶属于" + std::string(LevelName(*required)) + "单位");
  }
  if (parent->level == Level::kParty && !IsPartyKind(unit->kind)) {
    return Status::Invalid("to", "只有党组织可以隶属于党组织");
  }
  auto ancestors = repo_.AncestorIds(parent->id, *on);
  if (parent->id == unit->id || std::find(ancestors.begin(), ancestors.end(), unit->id) != ancestors.end()) {
    return Status::Invalid("to", "不能把单位移到它自己或它的下级之下");
  }
  auto link = repo_.LinkAt(unit->id, *on);
  JICENG_RETURN_IF_ERROR(CheckChangeable(link, *on, "隶属关系"));
  std::string before = Describe(*unit);
  Relink(unit->id, *link, parent->id, *on);
  repo_.InsertEvent(unit->id, "move", *on, parent->id, unit->parent_code, parent->code, form.reason, EventActor(),
                    ApprovedBy());
  auto after = repo_.FindByCode(form.code, *on);
  store::AppendAudit(db_, actor_,
                     {"org.move", unit->code, unit->code, before,
                      Describe(*after) + " on=" + on->ToString() + " reason=" + form.reason + RequestNote()});
  tx.Commit();
  return *after;
}

Result<RenameReport> OrgCommands::Rename(const RenameForm& form) {
  auto on = ParseEffectiveDate(form.on, Date::Today());
  if (!on.ok()) return on.status();
  JICENG_RETURN_IF_ERROR(ValidateUnitName("name", form.name));
  JICENG_RETURN_IF_ERROR(ValidateReason(form.reason));
  std::optional<Kind> new_kind;
  if (!form.kind.empty()) {
    new_kind = ParseKind(form.kind);
    if (!new_kind) return Status::Invalid("kind", "类型无效：" + form.kind);
  }
  store::Transaction tx(db_);
  auto unit = Changeable(form.code, *on, "code", false);
  if (!unit.ok()) return unit.status();
  // Only administrative units change kind with a name (撤县设市); a Party organization's or agency's kind is
  // what the roll-up counts, and stays as it was made.
  if (new_kind && unit->level >= Level::kUnit && *new_kind != unit->kind) {
    return Status::Invalid("kind", "只有行政区划单位可以随更名改变类型");
  }
  if (new_kind && LevelOfKind(*new_kind) != unit->level) {
    return Status::Invalid("kind", "新类型必须与原类型同属" + std::string(LevelName(unit->level)) + "（如县改为县级市）");
  }
  const bool kind_changes = new_kind && *new_kind != unit->kind;
  if (unit->name == form.name && !kind_changes) return Status::Invalid("name", "新名称与原名称相同");
  auto name = repo_.NameAt(unit->id, *on);
  JICENG_RETURN_IF_ERROR(CheckChangeable(name, *on, "名称"));
  RenameReport report;
  if (form.with_namesakes && unit->name != form.name) report.namesakes = NamesakesOf(repo_, *unit, *on, form.name);
  // Each namesake takes its new name on the same date: refused as a whole when one cannot (a later change of
  // its name already recorded, a name too long), so that the user can rename without them instead.
  for (const Namesake& n : report.namesakes) {
    auto current = repo_.NameAt(n.unit.id, *on);
    Status st = CheckChangeable(current, *on, "名称");
    if (!st.ok()) {
      return Status::Conflict("with_namesakes", "名称中含有原名的下属组织“" + n.unit.name + "”不能一并更名：" +
                                                    st.message() + "。可取消“同时更名”后再提交");
    }
    if (Status valid = ValidateUnitName("with_namesakes", n.new_name); !valid.ok()) {
      return Status::Invalid("with_namesakes", "“" + n.unit.name + "”一并更名后的名称无效：" + valid.message());
    }
  }
  repo_.EndName(unit->id, name->from, *on);
  if (kind_changes) {
    // Earlier names keep the kind they had; the unit's own kind becomes the new one.
    repo_.FreezeNameKinds(unit->id);
    repo_.SetUnitKind(unit->id, *new_kind);
  }
  repo_.InsertName(unit->id, form.name, *on, *Date::Parse(kEndOfTime));
  repo_.InsertEvent(unit->id, "rename", *on, 0, unit->name, form.name, form.reason, EventActor(), ApprovedBy());
  std::string also;
  for (const Namesake& n : report.namesakes) {
    auto current = repo_.NameAt(n.unit.id, *on);
    repo_.EndName(n.unit.id, current->from, *on);
    repo_.InsertName(n.unit.id, n.new_name, *on, *Date::Parse(kEndOfTime));
    repo_.InsertEvent(n.unit.id, "rename", *on, 0, n.unit.name, n.new_name, form.reason, EventActor(), ApprovedBy());
    also += (also.empty() ? "" : ", ") + n.unit.code + " " + n.unit.name + " -> " + n.new_name;
  }
  auto after = repo_.FindByCode(form.code, *on);
  store::AppendAudit(db_, actor_,
                     {"org.rename", unit->code, unit->code, Describe(*unit) + " kind=" + std::string(KindCode(unit->kind)),
                      Describe(*after) + " kind=" + std::string(KindCode(after->kind)) + " on=" + on->ToString() +
                          " reason=" + form.reason + (also.empty() ? "" : " with=[" + also + "]") + RequestNote()});
  tx.Commit();
  report.unit = *after;
  return report;
}

Result<MergeReport> OrgCommands::Merge(const MergeForm& form) {
  auto on = ParseEffectiveDate(form.on, Date::Today());
  if (!on.ok()) return on.status();
  if (form.into_code.empty()) return Status::Invalid("into", "请选择并入的单位");
  JICENG_RETURN_IF_ERROR(ValidateReason(form.reason));
  store::Transaction tx(db_);
  auto from = Changeable(form.code, *on, "code", false);
  if (!from.ok()) return from.status();
  auto into = Changeable(form.into_code, *on, "into", false);
  if (!into.ok()) return into.status();
  if (from->id == into->id) return Status::Invalid("into", "不能与自身合并");
  if (from->level != into->level) return Status::Invalid("into", "只能合并同一级别的单位");
  if (from->parent_id == 0) return Status::Invalid("code", "根节点不能被合并");
  auto ancestors = repo_.AncestorIds(into->id, *on);
  if (std::find(ancestors.begin(), ancestors.end(), from->id) != ancestors.end()) {
    return Status::Invalid("into", "不能并入自己的下级单位");
  }
  auto link = repo_.LinkAt(from->id, *on);
  JICENG_RETURN_IF_ERROR(CheckChangeable(link, *on, "隶属关系"));
  // A child that joined after the date would stay under a unit that no longer exists.
  if (repo_.LinksBeginningAfter(from->id, *on) > 0) {
    return Status::Conflict("on", "该单位在 " + on->ToString() + " 之后还有下级单位调入或新建，合并日期不能早于这些变化");
  }
  MergeReport report;
  report.members_moved = repo_.MembersAt(from->id, *on);
  auto children = repo_.Children(from->id, *on);
  for (const auto& child : children) {
    auto child_link = repo_.LinkAt(child.id, *on);
    JICENG_RETURN_IF_ERROR(CheckChangeable(child_link, *on, "下级单位隶属关系"));
    Relink(child.id, *child_link, into->id, *on);
    repo_.InsertEvent(child.id, "move", *on, into->id, from->code, into->code, form.reason, EventActor(),
                      ApprovedBy());
  }
  report.children_moved = static_cast<int64_t>(children.size());
  repo_.EndLink(from->id, link->from, *on);
  repo_.MarkMerged(from->id, *on, into->id);
  repo_.InsertEvent(from->id, "merge", *on, into->id, from->name, into->name, form.reason, EventActor(),
                    ApprovedBy());
  repo_.InsertEvent(into->id, "absorb", *on, from->id, from->name, into->name, form.reason, EventActor(),
                    ApprovedBy());
  for (const auto& listener : merge_listeners_) listener(db_, from->id, into->id, *on);
  store::AppendAudit(db_, actor_,
                     {"org.merge", from->code, from->code, Describe(*from),
                      "merged into " + into->code + " on=" + on->ToString() + " with " +
                          std::to_string(report.children_moved) + " children, " +
                          std::to_string(report.members_moved) + " members; reason=" + form.reason + RequestNote()});
  report.into = *repo_.FindByCode(form.into_code, *on);
  tx.Commit();
  return report;
}

Result<OrgUnit> OrgCommands::AddUnit(const AddUnitForm& form) {
  auto kind = ParseKindField(form.kind);
  if (!kind.ok()) return kind.status();
  JICENG_RETURN_IF_ERROR(ValidateUnitName("name", form.name));
  auto on = ParseDateField("on", form.on, Date::Today());
  if (!on.ok()) return on.status();
  store::Transaction tx(db_);
  auto parent = repo_.FindByCode(form.parent_code, *on);
  if (!parent) return Status::NotFound("parent", "上级单位 " + form.parent_code + " 在 " + on->ToString() + " 不存在");
  if (parent->level == Level::kParty && !IsPartyKind(*kind)) {
    return Status::Invalid("kind", "党组织之下只能设立党组织");
  }
  for (const auto& sibling : repo_.Children(parent->id, *on)) {
    if (sibling.name == form.name) return Status::Conflict("name", parent->name + "下已有同名单位：" + form.name);
  }
  std::string code = repo_.NextChildCode(parent->code, IsPartyKind(*kind) ? 'D' : 'U');
  int64_t id = repo_.InsertUnit(code, LevelOfKind(*kind), *kind, *on);
  repo_.InsertName(id, form.name, *on, *Date::Parse(kEndOfTime));
  repo_.InsertLink(id, parent->id, *on, *Date::Parse(kEndOfTime));
  repo_.InsertEvent(id, "create", *on, parent->id, "", form.name);
  auto unit = repo_.FindByCode(code, *on);
  store::AppendAudit(db_, actor_, {"org.add", code, code, "", Describe(*unit)});
  tx.Commit();
  return *unit;
}

}  // namespace jiceng::org
