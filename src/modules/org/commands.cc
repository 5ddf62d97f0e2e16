#include "modules/org/commands.h"

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

}  // namespace

void OrgCommands::Relink(int64_t id, const Interval& current, int64_t new_parent_id, Date on) {
  repo_.EndLink(id, current.from, on);
  repo_.InsertLink(id, new_parent_id, on, *Date::Parse(kEndOfTime));
}

Result<OrgUnit> OrgCommands::Move(const MoveForm& form) {
  auto on = ParseDateField("on", form.on);
  if (!on.ok()) return on.status();
  store::Transaction tx(db_);
  auto unit = repo_.FindByCode(form.code, *on);
  if (!unit) return Status::NotFound("code", "单位 " + form.code + " 在 " + on->ToString() + " 不存在");
  if (unit->parent_id == 0) return Status::Invalid("code", "根节点不能移动");
  auto parent = repo_.FindByCode(form.new_parent_code, *on);
  if (!parent) return Status::NotFound("to", "上级单位 " + form.new_parent_code + " 在 " + on->ToString() + " 不存在");
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
  repo_.InsertEvent(unit->id, "move", *on, parent->id, unit->parent_code, parent->code);
  auto after = repo_.FindByCode(form.code, *on);
  store::AppendAudit(db_, actor_, {"org.move", unit->code, unit->code, before, Describe(*after)});
  tx.Commit();
  return *after;
}

Result<OrgUnit> OrgCommands::Rename(const RenameForm& form) {
  auto on = ParseDateField("on", form.on);
  if (!on.ok()) return on.status();
  JICENG_RETURN_IF_ERROR(ValidateUnitName("name", form.name));
  store::Transaction tx(db_);
  auto unit = repo_.FindByCode(form.code, *on);
  if (!unit) return Status::NotFound("code", "单位 " + form.code + " 在 " + on->ToString() + " 不存在");
  if (unit->name == form.name) return Status::Invalid("name", "新名称与原名称相同");
  auto name = repo_.NameAt(unit->id, *on);
  JICENG_RETURN_IF_ERROR(CheckChangeable(name, *on, "名称"));
  repo_.EndName(unit->id, name->from, *on);
  repo_.InsertName(unit->id, form.name, *on, *Date::Parse(kEndOfTime));
  repo_.InsertEvent(unit->id, "rename", *on, 0, unit->name, form.name);
  auto after = repo_.FindByCode(form.code, *on);
  store::AppendAudit(db_, actor_, {"org.rename", unit->code, unit->code, Describe(*unit), Describe(*after)});
  tx.Commit();
  return *after;
}

Result<OrgUnit> OrgCommands::Merge(const MergeForm& form) {
  auto on = ParseDateField("on", form.on);
  if (!on.ok()) return on.status();
  store::Transaction tx(db_);
  auto from = repo_.FindByCode(form.code, *on);
  if (!from) return Status::NotFound("code", "单位 " + form.code + " 在 " + on->ToString() + " 不存在");
  auto into = repo_.FindByCode(form.into_code, *on);
  if (!into) return Status::NotFound("into", "单位 " + form.into_code + " 在 " + on->ToString() + " 不存在");
  if (from->id == into->id) return Status::Invalid("into", "不能与自身合并");
  if (from->level != into->level) return Status::Invalid("into", "只能合并同一级别的单位");
  if (from->parent_id == 0) return Status::Invalid("code", "根节点不能被合并");
  auto ancestors = repo_.AncestorIds(into->id, *on);
  if (std::find(ancestors.begin(), ancestors.end(), from->id) != ancestors.end()) {
    return Status::Invalid("into", "不能并入自己的下级单位");
  }
  auto link = repo_.LinkAt(from->id, *on);
  JICENG_RETURN_IF_ERROR(CheckChangeable(link, *on, "隶属关系"));
  auto children = repo_.Children(from->id, *on);
  for (const auto& child : children) {
    auto child_link = repo_.LinkAt(child.id, *on);
    JICENG_RETURN_IF_ERROR(CheckChangeable(child_link, *on, "下级单位隶属关系"));
    Relink(child.id, *child_link, into->id, *on);
    repo_.InsertEvent(child.id, "move", *on, into->id, from->code, into->code);
  }
  repo_.EndLink(from->id, link->from, *on);
  repo_.MarkMerged(from->id, *on, into->id);
  repo_.InsertEvent(from->id, "merge", *on, into->id, from->name, into->name);
  repo_.InsertEvent(into->id, "absorb", *on, from->id, from->name, into->name);
  for (const auto& listener : merge_listeners_) listener(db_, from->id, into->id, *on);
  store::AppendAudit(db_, actor_,
                     {"org.merge", from->code, from->code, Describe(*from),
                      "merged into " + into->code + " with " + std::to_string(children.size()) + " children"});
  tx.Commit();
  return *repo_.FindByCode(form.into_code, *on);
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
