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

// A refusal of DutyCommands names its form field; the import names the ledger's column (a measure's title is
// its 措施).
Status ByColumn(const Status& st, bool measure) {
  static const std::map<std::string, std::string> kColumns = {
      {"responsible_org_code", "org"}, {"responsible_person_id", "person"}, {"leader_person_id", "leader"},
      {"parent_id", "problem"},       {"title", "problem"},                {"deadline", "deadline"},
      {"source", "source"}};
  if (measure && st.field() == "title") return Status::Invalid("measure", st.message());
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

std::map<std::string, std::string> LedgerExample(store::Connection& db, const accounts::Principal& caller) {
  const Date today = Date::Today();
  org::OrgRepo orgs(db);
  std::map<std::string, std::string> example;
  // A township (or village…) right below the caller's org before an agency or a Party organization.
  std::optional<org::OrgUnit> below;
  for (auto& child : orgs.Children(caller.org_id, today)) {
    const bool administrative = child.level < org::Level::kUnit;
    if (!below || (administrative && below->level >= org::Level::kUnit)) below = std::move(child);
  }
  if (below) {
    int same = 0;
    for (const auto& unit : orgs.FindByNameWithin(caller.org_id, below->name, today, 10)) {
      if (unit.name == below->name) ++same;
    }
    example["org"] = same == 1 ? below->name : below->code;
  }
  // The last day of the month three months on.
  int year = today.year(), month = today.month() + 3;
  if (month > 12) {
    month -= 12;
    ++year;
  }
  example["deadline"] = Date::FromYmd(year, month, DaysInMonth(year, month))->ToString();
  return example;
}

void LedgerImport::Begin() {
  problems_.clear();
  refused_.clear();
  last_problem_.reset();
  last_refused_ = 0;
}

void LedgerImport::Accepted(const std::string& title, int64_t id) {
  problems_[title] = id;
  refused_.erase(title);
  last_problem_ = id;
  last_refused_ = 0;
}

void LedgerImport::Refused(const std::string& title, int row) {
  if (!title.empty() && !problems_.count(title)) refused_.emplace(title, row);
  last_problem_.reset();
  last_refused_ = row;
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

imports::RowResult LedgerImport::Row(const imports::Values& row, bool write) {
  const std::string& problem = row.Get("problem");
  const std::string& measure = row.Get("measure");
  const bool is_measure = !measure.empty();
  Problems problems;
  if (problem.empty() && measure.empty() && !row.Failed("problem") && !row.Failed("measure")) {
    problems.Add(Status::Invalid("problem", "问题和措施至少填写一项"));
  }
  ItemForm form;
  form.deadline = row.Get("deadline");
  if (Date::Parse(form.deadline) && *Date::Parse(form.deadline) < Date::Today()) {
    problems.Add(Status::Invalid("deadline", "完成时限 " + form.deadline + " 已早于今天（" + Date::Today().ToString() +
                                                 "），请改为今天或以后的日期"));
  }
  if (!row.Get("org").empty()) {
    auto org = OrgCode(row.Get("org"));
    if (org.ok()) {
      form.responsible_org_code = *org;
    } else {
      problems.Add(org.status());
    }
  }
  auto person = PersonId(row.Get("person"), "person", "责任人");
  if (person.ok()) {
    form.responsible_person_id = *person;
  } else {
    problems.Add(person.status());
  }
  auto leader = PersonId(row.Get("leader"), "leader", "包联领导");
  if (leader.ok()) {
    form.leader_person_id = *leader;
  } else {
    problems.Add(leader.status());
  }

  // A measure's problem: found, and its id (0: checked, not written).
  bool has_parent = false;
  int64_t parent_id = 0;
  if (!is_measure) {
    form.kind = "problem";
    form.title = problem;
    form.source = row.Get("source").empty() ? default_source_ : row.Get("source");
  } else {
    form.kind = "measure";
    form.title = measure;
    // Its problem: the one of that title above it, or the one just above; refused there, it is refused here.
    int refused_at = 0;
    if (problem.empty() && !row.Failed("problem")) {
      has_parent = last_problem_.has_value();
      parent_id = last_problem_.value_or(0);
      refused_at = last_refused_;
    } else if (auto it = problems_.find(problem); it != problems_.end()) {
      has_parent = true;
      parent_id = it->second;
    } else if (auto bad = refused_.find(problem); bad != refused_.end()) {
      refused_at = bad->second;
    }
    if (refused_at != 0) {
      has_parent = false;
      problems.Add(
          Status::Invalid("problem", "所属的问题（第 " + std::to_string(refused_at) + " 行）有误，请先改正该行"));
    } else if (!has_parent && !row.Failed("problem")) {
      problems.Add(Status::Invalid("problem", problem.empty()
                                                  ? "措施应写在它所属问题的行下面"
                                                  : "措施所属的问题“" + problem + "”应写在本文件中它的上面"));
    }
  }
  // The form's own checks, each naming its column; the ones this row already answered above are left out.
  ItemForm checked = form;
  if (is_measure) checked.parent_id = "1";
  const ItemCheck item_check = CheckItem(checked);
  for (const Status& st : item_check.problems.all()) {
    const std::string column = ByColumn(st, is_measure).field();
    if (!column.empty() && (problems.Has(column) || row.Failed(column))) continue;
    problems.Add(ByColumn(st, is_measure));
  }
  if (!problems.ok() || row.any_failed) {
    if (!is_measure) Refused(problem, row.row);
    return problems.Take();
  }

  if (!write || (is_measure && parent_id == 0)) {
    // Checked as far as it goes without writing (its problem was not written either).
    if (!is_measure) Accepted(problem, 0);
    return Outcome::kAdd;
  }
  if (is_measure) form.parent_id = std::to_string(parent_id);
  auto item = DutyCommands(db_, caller_).Create(form);
  if (!item.ok()) {
    if (!is_measure) Refused(problem, row.row);
    return ByColumn(item.status(), is_measure);
  }
  if (!is_measure) {
    if (list_id_ != 0) DutyRepo(db_).AttachToList(item->id, list_id_);
    Accepted(problem, item->id);
  }
  return Outcome::kAdd;
}

}  // namespace jiceng::duty
