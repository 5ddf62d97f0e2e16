#include "modules/people/roster_import.h"

#include <cstdio>

#include "core/ethnicity.h"
#include "core/id_number.h"
#include "modules/imports/cells.h"
#include "modules/people/commands.h"
#include "modules/people/queries.h"

namespace jiceng::people {
namespace {

using imports::Column;
using imports::Outcome;

std::vector<std::string> Labels(const std::vector<std::string_view>& names) {
  return {names.begin(), names.end()};
}

imports::Spec MakeSpec() {
  std::vector<std::string> statuses, educations, ethnic;
  for (auto s : AllStatuses()) statuses.emplace_back(StatusName(s));
  for (auto e : AllEducations()) educations.emplace_back(EducationName(e));
  ethnic = Labels(EthnicGroups());
  auto id_check = [](const sheet::Cell& cell, const Column& column) {
    return imports::IdNumberCell(cell, column, Date::Today());
  };
  imports::Spec spec;
  spec.kind = "people";
  spec.title = "人员花名册";
  spec.audit_action = "person.import";
  spec.columns = {
      {"name", "姓名", {"name"}, true, nullptr, {}, "扎西", 10},
      {"gender", "性别", {"gender"}, false, nullptr, {"男", "女"}, "男", 6},
      {"ethnicity", "民族", {"ethnicity"}, true, nullptr, ethnic, "藏族", 8, false, "56 个民族名称"},
      {"birth_date", "出生日期", {"birth_date", "出生年月"}, false, imports::DateCell, {}, "1985-07-01", 12},
      {"id_number", "身份证号码", {"id_number", "身份证号", "公民身份号码"}, true, id_check, {},
       "632802198507010014", 22},
      {"phone", "手机号码", {"phone", "联系电话", "手机号"}, false, nullptr, {}, "13800000000", 14},
      {"education", "学历", {"education"}, true, nullptr, educations, "高中", 12},
      {"political_status", "政治面貌", {"political_status"}, true, nullptr, statuses, "正式党员", 12},
      {"joined_party_on", "入党日期", {"joined_party_on", "入党时间"}, false, imports::DateCell, {}, "2010-07-01", 12},
      {"org", "所在组织代码", {"org", "org_code", "组织代码"}, false, nullptr, {}, "632802001204", 16},
      {"org_since", "加入组织日期", {"org_since"}, false, imports::DateCell, {}, "2010-07-01", 12},
  };
  return spec;
}

// The form of the row's filled cells; the others stay unset (an update keeps what is stored).
PersonForm FormOf(const imports::Values& row) {
  PersonForm f;
  auto set = [&row](std::optional<std::string>& field, const char* key) {
    if (!row.Get(key).empty()) field = row.Get(key);
  };
  set(f.name, "name");
  set(f.gender, "gender");
  set(f.ethnicity, "ethnicity");
  set(f.birth_date, "birth_date");
  set(f.id_number, "id_number");
  set(f.phone, "phone");
  set(f.education, "education");
  set(f.political_status, "political_status");
  set(f.joined_party_on, "joined_party_on");
  set(f.org_code, "org");
  set(f.org_since, "org_since");
  return f;
}

}  // namespace

const imports::Spec& RosterSpec() {
  static const imports::Spec kSpec = MakeSpec();
  return kSpec;
}

std::map<std::string, std::string> RosterExample(store::Connection& db, const FieldCipher& cipher,
                                                 int64_t root_org_id) {
  const Date today = Date::Today();
  org::OrgRepo orgs(db);
  std::map<std::string, std::string> example;
  auto root = orgs.FindById(root_org_id, today);
  if (!root) return example;
  // The caller's Party organization: its own unit, else the nearest below it (breadth first, a bounded search).
  std::optional<org::OrgUnit> party;
  std::vector<org::OrgUnit> todo{*root};
  for (size_t i = 0; i < todo.size() && i < 2000 && !party; ++i) {
    if (todo[i].level == org::Level::kParty) {
      party = todo[i];
    } else {
      for (auto& child : orgs.Children(todo[i].id, today)) todo.push_back(std::move(child));
    }
  }
  // An ID number of a man born 1985-07-01 that nobody has (the 17th digit odd: a man).
  PeopleRepo people(db);
  for (int seq = 1; seq < 1000; seq += 2) {
    char first17[18];
    std::snprintf(first17, sizeof first17, "63280219850701%03d", seq);
    const std::string id = std::string(first17) + IdCheckCharacter(first17);
    if (!people.IdByHash(cipher.LookupHash(id))) {
      example["id_number"] = id;
      break;
    }
  }
  if (party) {
    // A member since 2010-07-01, or since the organization began if it began later.
    Date since = *Date::FromYmd(2010, 7, 1);
    if (auto first = orgs.FirstDay(party->id); first && *first > since) since = *first;
    example["org"] = party->code;
    example["org_since"] = since.ToString();
  } else {
    example["political_status"] = "群众";
    example["joined_party_on"] = "";
    example["org"] = root->code;
    example["org_since"] = "";
  }
  return example;
}

void RosterImport::Begin() {
  seen_.clear();
  units_.clear();
  today_ = Date::Today();
}

Result<RosterImport::Unit> RosterImport::UnitOf(const std::string& code, Date on) {
  auto key = std::make_pair(code, on.days());
  if (auto it = units_.find(key); it != units_.end()) return it->second;
  std::optional<org::OrgUnit> unit = scope_.root_org_id != 0 ? org::FindWithin(orgs_, scope_.root_org_id, code, on)
                                                             : orgs_.FindByCode(code, on);
  // The messages name the column (所在组织代码) and say 组织: the code may be a Party organization's as well.
  Result<Unit> found =
      Status::NotFound("org", "所在组织代码“" + code + "”：该组织在 " + on.ToString() + " 不存在（尚未设立或已撤销）");
  if (unit) {
    found = Unit{unit->id, unit->level == org::Level::kParty, unit->name};
  } else if (scope_.root_org_id != 0) {
    found = Status::NotFound("org", "所在组织代码“" + code + "”：没有该组织，或不在您的管辖范围内");
  }
  if (units_.size() < 10000) units_.emplace(key, found);
  return found;
}

RosterImport::~RosterImport() {
  try {
    if (cache_before_) repo_.RestoreCache(*cache_before_);
  } catch (...) {  // the connection is going away with its fault
  }
}

imports::RowResult RosterImport::Row(const imports::Values& row, bool write) {
  if (write && !cache_before_) cache_before_ = repo_.WidenCacheForImport();
  PersonForm form = FormOf(row);
  if (!form.org_code && !scope_.default_org_code.empty() && !row.Failed("org")) {
    form.org_code = scope_.default_org_code;
  }
  Problems problems;
  // The ID number (when its cell is good) finds a duplicate in the file, or the person to update.
  int64_t existing = 0;  // the registered person of the row's ID number
  if (form.id_number) {
    const std::string hash = cipher_.LookupHash(*form.id_number);
    if (auto dup = seen_.find(hash); dup != seen_.end()) {
      problems.Add(Status::Conflict("id_number", "身份证号码与第 " + std::to_string(dup->second) + " 行重复"));
    } else {
      seen_[hash] = row.row;
      existing = repo_.IdByHash(hash).value_or(0);
    }
  }
  if (existing != 0 && scope_.root_org_id != 0 && !repo_.WithinScope(existing, scope_.root_org_id, today_)) {
    problems.Add(Status::Conflict("id_number", "该身份证号码的人员已登记在您管辖范围以外的单位，不能在此更新"));
    existing = 0;  // the row's own cells are still checked
  }
  std::optional<PersonRow> stored;
  std::string stored_phone;
  PersonForm merged = form;
  if (existing != 0) {
    stored = repo_.Load(existing, today_);
    if (!stored) return Status::NotFound("id_number", "该身份证号码的人员记录无法读取");
    auto clear = ToPerson(*stored, cipher_, true);
    if (!clear.ok()) return clear.status();
    stored_phone = clear->phone;
    merged = FormFromRow(*stored, clear->id_number, clear->phone);
    for (auto field : {&PersonForm::name, &PersonForm::gender, &PersonForm::ethnicity, &PersonForm::birth_date,
                       &PersonForm::phone, &PersonForm::education, &PersonForm::political_status,
                       &PersonForm::joined_party_on, &PersonForm::org_code, &PersonForm::org_since}) {
      if (form.*field) merged.*field = form.*field;
    }
    // A move to another organization starts today unless the row says when.
    if (form.org_code && *form.org_code != stored->org_code && !form.org_since) merged.org_since = today_.ToString();
    if (form.org_code && *form.org_code == stored->org_code) merged.org_since = stored->org_since;
  }
  PersonCheck check = CheckPerson(merged, today_);
  for (const Status& problem : check.problems.all()) problems.Add(problem);

  // The organization: inside the scope, existing on the day the person joined it, a Party organization for a
  // Party member; on today when 加入组织日期 is bad.
  const std::string org_code = merged.org_code.value_or("");
  int64_t org_id = 0;
  if (!problems.Has("org") && !row.Failed("org")) {
    if (org_code.empty() && scope_.root_org_id != 0) {
      problems.Add(Status::Invalid("org", "请填写所在组织代码（您只能导入本单位及下级单位的人员）"));
    } else if (!org_code.empty()) {
      const Date on = problems.Has("org_since") || row.Failed("org_since")
                          ? today_
                          : Date::Parse(merged.org_since.value_or("")).value_or(today_);
      const auto status = ParseStatus(merged.political_status.value_or(""));
      auto unit = UnitOf(org_code, on);
      if (!unit.ok()) {
        problems.Add(unit.status());
      } else if (status && IsPartyMember(*status) && !unit->party) {
        problems.Add(
            Status::Invalid("org", "党员的组织关系应在党组织（党委、党总支或党支部），" + unit->name + "不是党组织"));
      } else {
        org_id = unit->id;
      }
    }
  }
  if (!problems.ok() || row.any_failed) return problems.Take();
  const ValidPerson& valid = *check.person;

  if (existing == 0) {
    if (write) {
      PersonRow next = MakeRow(valid, cipher_);
      int64_t id = repo_.Insert(next, NowTimestamp());
      if (org_id != 0) repo_.InsertAffiliation(id, org_id, valid.org_since);
    }
    return Outcome::kAdd;
  }
  const int64_t person_id = existing;
  PersonRow next = MakeRow(valid, cipher_);
  const bool org_changed = valid.org_code != stored->org_code;
  if (!org_changed && Describe(next, valid.org_code) == Describe(*stored, stored->org_code) &&
      stored_phone == valid.phone) {
    return Outcome::kSkip;  // unchanged
  }
  if (org_changed) {  // refused before anything of the row is written
    auto current = repo_.AffiliationAt(person_id, valid.org_since);
    if (current && current->second >= valid.org_since) {
      return Status::Conflict("org_since", "加入新组织的日期必须晚于加入原组织的日期 " + current->second.ToString());
    }
  }
  if (write) {
    next.id = person_id;
    repo_.Update(next, NowTimestamp());
    if (org_changed) {
      if (Status st = ChangeAffiliation(repo_, person_id, org_id, valid.org_since); !st.ok()) return st;
    }
  }
  return Outcome::kUpdate;
}

}  // namespace jiceng::people
