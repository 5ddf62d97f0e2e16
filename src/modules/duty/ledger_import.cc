#include "modules/duty/ledger_import.h"

#include "modules/duty/commands.h"
#include "modules/duty/forms.h"
#include "modules/duty/repo.h"
#include "modules/imports/cells.h"
#include "modules/org/repo.h"
#include "modules/people/repo.h"

namespace jiceng::duty {
namespace {

using imports::Column;
using imports::Outcome;

imports::Spec MakeSpec() {
  std::vector<std::string> sources;
  for (Source s : {Source::kResearch, Source::kInspection, Source::kAudit, Source::kPatrol, Source::kMonthlyTopic,
                   Source::kPublic}) {
    sources.emplace_back(SourceName(s));
  }
  auto ignored = [](const sheet::Cell&, const Column&) -> Result<std::string> { return std::string(); };
  imports::Spec spec;
  spec.kind = "duty";
  spec.title = "问题整改台账";
  spec.audit_action = "duty.import";
  Column problem{"problem", "问题", {"problem", "问题名称", "存在问题"}, true, nullptr, {}, "村集体经济收入低于10万元", 36};
  problem.blank_ok = true;  // a measure's row may leave it to the problem above
  spec.columns = {
      {"number", "序号", {"no"}, false, ignored, {}, "1", 6},
      problem,
      {"measure", "措施", {"measure", "整改措施"}, false, nullptr, {}, "", 36},
      {"org", "责任单位", {"responsible_org", "org"}, true, nullptr, {}, "郭勒木德镇", 20},
      {"person", "责任人", {"responsible_person"}, false, nullptr, {}, "", 10},
      {"leader", "包联领导", {"leader"}, false, nullptr, {}, "", 10},
      {"deadline", "完成时限", {"deadline", "整改时限"}, true, imports::DateCell, {}, "2099-12-31", 12},
      {"progress", "进展情况", {"progress"}, false, ignored, {}, "", 24},
      {"state", "状态", {"state"}, false, ignored, {}, "", 10},
      {"source", "来源", {"source", "问题来源"}, false, nullptr, sources, "调研", 10},
  };
  return spec;
}

// A refusal of DutyCommands names its form field; the import names the ledger's column.
Status ByColumn(const Status& st) {
  static const std::map<std::string, std::string> kColumns = {
      {"responsible_org_code", "org"}, {"responsible_person_id", "person"}, {"leader_person_id", "leader"},
      {"parent_id", "problem"},       {"title", "problem"},                {"deadline", "deadline"},
      {"source", "source"}};
  auto it = kColumns.find(st.field());
  return Status::Invalid(it == kColumns.end() ? "" : it->second, st.message());
}

}  // namespace

const imports::Spec& LedgerSpec() {
  static const imports::Spec kSpec = MakeSpec();
  return kSpec;
}

Result<DutyList> ListForImport(store::Connection& db, const accounts::Principal& caller, int64_t list_id) {
  auto list = DutyRepo(db).FindList(list_id);
  org::OrgRepo orgs(db);
  if (!list || !org::WithinScope(orgs, caller.org_id, list->issuer_org_id, Date::Today())) {
    return Status::NotFound("list", "未找到该责任清单，或不在您的管辖范围内");
  }
  if (list->issuer_org_id != caller.org_id) {
    return Status::Forbidden("只有签发该责任清单的单位可以向其中导入问题");
  }
  if (!list->withdrawn_at.empty()) return Status::Conflict("list", "该责任清单已撤回，不能再导入问题");
  return *list;
}

void LedgerImport::Begin() {
  problems_.clear();
  last_problem_.reset();
}

// By code, or by exact name, inside the caller's subtree.
Result<std::string> LedgerImport::OrgCode(const std::string& text) {
  org::OrgRepo orgs(db_);
  const Date today = Date::Today();
  if (auto unit = org::FindWithin(orgs, caller_.org_id, text, today)) return unit->code;
  std::vector<org::OrgUnit> same;
  for (auto& unit : orgs.FindByNameWithin(caller_.org_id, text, today, 1000)) {
    if (unit.name == text) same.push_back(unit);
  }
  if (same.empty()) return Status::NotFound("org", "未找到责任单位“" + text + "”，或不在您的管辖范围内");
  if (same.size() > 1) {
    return Status::Invalid("org", "有 " + std::to_string(same.size()) + " 个名为“" + text + "”的单位，请改填单位代码");
  }
  return same[0].code;
}

// A person of the caller's subtree, by exact name.
Result<std::string> LedgerImport::PersonId(const std::string& text, const char* field, const char* label) {
  if (text.empty()) return std::string();
  people::PersonFilter filter;
  filter.subtree_root = caller_.org_id;
  filter.as_of = Date::Today();
  filter.name_like = text;
  filter.limit = 200;
  std::vector<int64_t> ids;
  for (const auto& p : people::PeopleRepo(db_).List(filter)) {
    if (p.name == text) ids.push_back(p.id);
  }
  if (ids.empty()) return Status::NotFound(field, std::string("未找到") + label + "“" + text + "”，或不在您的管辖范围内");
  if (ids.size() > 1) {
    return Status::Invalid(field, std::string("有 ") + std::to_string(ids.size()) + " 位名为“" + text + "”的人员，" +
                                      label + "请在导入后逐项选择");
  }
  return std::to_string(ids[0]);
}

Result<Outcome> LedgerImport::Row(const imports::Values& row, bool write) {
  const std::string& problem = row.Get("problem");
  const std::string& measure = row.Get("measure");
  if (problem.empty() && measure.empty()) return Status::Invalid("problem", "问题和措施至少填写一项");
  ItemForm form;
  form.deadline = row.Get("deadline");
  if (Date::Parse(form.deadline) && *Date::Parse(form.deadline) < Date::Today()) {
    return Status::Invalid("deadline", "完成时限 " + form.deadline + " 已早于今天（" + Date::Today().ToString() +
                                           "），请改为今天或以后的日期");
  }
  auto org = OrgCode(row.Get("org"));
  if (!org.ok()) return org.status();
  form.responsible_org_code = *org;
  auto person = PersonId(row.Get("person"), "person", "责任人");
  if (!person.ok()) return person.status();
  form.responsible_person_id = *person;
  auto leader = PersonId(row.Get("leader"), "leader", "包联领导");
  if (!leader.ok()) return leader.status();
  form.leader_person_id = *leader;

  std::optional<int64_t> parent;
  if (measure.empty()) {
    form.kind = "problem";
    form.title = problem;
    form.source = row.Get("source").empty() ? default_source_ : row.Get("source");
  } else {
    form.kind = "measure";
    form.title = measure;
    if (problem.empty()) {
      parent = last_problem_;
    } else if (auto it = problems_.find(problem); it != problems_.end()) {
      parent = it->second;
    }
    if (!parent) {
      return Status::Invalid("problem", problem.empty() ? "措施应写在它所属问题的行下面"
                                                        : "措施所属的问题“" + problem + "”应写在本文件中它的上面");
    }
  }
  if (!write || (parent && *parent == 0)) {
    // Checked as far as it goes without writing (its problem was not written either).
    ItemForm checked = form;
    if (parent) checked.parent_id = "1";
    auto valid = ValidateItem(checked);
    if (!valid.ok()) return ByColumn(valid.status());
    if (!parent) {
      problems_[problem] = 0;
      last_problem_ = 0;
    }
    return Outcome::kAdd;
  }
  if (parent) form.parent_id = std::to_string(*parent);
  auto item = DutyCommands(db_, caller_).Create(form);
  if (!item.ok()) return ByColumn(item.status());
  if (!parent) {
    DutyRepo(db_).AttachToList(item->id, list_id_);
    problems_[problem] = item->id;
    last_problem_ = item->id;
  }
  return Outcome::kAdd;
}

}  // namespace jiceng::duty
