#include "modules/duty/queries.h"

#include <algorithm>

#include "modules/accounts/actors.h"
#include "modules/duty/evidence.h"
#include "modules/duty/permissions.h"
#include "modules/org/repo.h"

namespace jiceng::duty {
namespace {

// Before any deadline (0001-01-01 is day -719162).
constexpr int32_t kEarliestDay = -1'000'000;

// Who took each step and uploaded each file, in words (accounts/actors.h: the holder's name, 命令行（系统） for an
// import from the command line), in one query for the item.
void NameActors(store::Connection& db, ItemDetail& d) {
  std::vector<std::string> actors;
  for (const Event& e : d.timeline) actors.push_back(e.actor);
  for (const Evidence& e : d.evidence) actors.push_back(e.uploaded_by);
  const accounts::ActorNames names(db, actors);
  for (Event& e : d.timeline) {
    const accounts::ActorName n = names.Of(e.actor);
    e.actor_name = n.name;
    e.actor_kind = std::string(accounts::ActorKindCode(n.kind));
  }
  for (Evidence& e : d.evidence) e.uploaded_by_name = names.Of(e.uploaded_by).name;
}

}  // namespace

ItemView DutyQueries::View(const Item& item, Date today) {
  org::OrgRepo& orgs = orgs_;
  Sides sides = SidesOf(orgs, caller_, item);
  return {item, Evaluate(item.deadline, today, item.state, DueSoonDays()),
          AvailableActions(item.state, sides.assigning, sides.responsible)};
}

ItemFilter DutyQueries::Visibility() {
  ItemFilter f;
  f.visible_root = caller_.org_id;
  org::OrgRepo& orgs = orgs_;
  f.visible_above = orgs.AncestorIds(caller_.org_id, Date::Today());
  return f;
}

Result<ItemFilter> DutyQueries::Filter(const ListRequest& r) {
  ItemFilter f = Visibility();
  const Date today = Date::Today();
  if (!r.kind.empty()) {
    auto k = ParseKind(r.kind);
    if (!k) return Status::Invalid("kind", "类型无效：" + r.kind);
    f.kind = std::string(KindCode(*k));
  }
  if (!r.state.empty()) {
    auto s = ParseState(r.state);
    if (!s) return Status::Invalid("state", "状态无效：" + r.state);
    f.state = std::string(StateCode(*s));
  }
  if (!r.source.empty()) {
    auto s = ParseSource(r.source);
    if (!s) return Status::Invalid("source", "来源无效：" + r.source);
    f.source = std::string(SourceCode(*s));
  }
  if (!r.area.empty()) f.area = r.area;
  if (!r.month.empty()) {
    if (r.month.size() != 7 || !Date::Parse(r.month + "-01")) return Status::Invalid("month", "月份无效：" + r.month);
    f.month = r.month;
  }
  if (r.due == "overdue") {
    f.overdue_before = today.ToString();
  } else if (r.due == "due_soon") {
    f.due_between_from = today.ToString();
    f.due_between_to = today.AddDays(DueSoonDays()).ToString();
  } else if (!r.due.empty()) {
    return Status::Invalid("due", "应为 overdue（逾期）或 due_soon（临期）");
  }
  if (!r.org.empty()) {
    org::OrgRepo& orgs = orgs_;
    auto unit = org::FindWithin(orgs, caller_.org_id, r.org, today);
    if (!unit) {
      return Status::NotFound("org", "未找到该单位，或不在您的管辖范围内");
    }
    f.responsible_root = unit->id;
    f.responsible_within_visible = true;  // FindWithin: inside the caller's subtree
  } else if (r.own_subtree && !f.visible_above.empty()) {
    // With nothing above the caller, everything it sees is its subtree's already: no second subtree to walk.
    f.responsible_root = caller_.org_id;
    f.responsible_within_visible = true;  // the caller's own subtree
  }
  if (!r.leader.empty()) {
    if (r.leader.find_first_not_of("0123456789") != std::string::npos || r.leader.size() > 12) {
      return Status::Invalid("leader", "包联领导编号无效");
    }
    f.leader = std::stoll(r.leader);
  }
  f.query = r.query;
  std::string sort = r.sort;
  if (!sort.empty() && sort[0] == '-') {
    f.descending = true;
    sort = sort.substr(1);
  }
  if (sort != "deadline" && sort != "id" && sort != "updated") {
    return Status::Invalid("sort", "排序字段无效（可选 deadline、id、updated）");
  }
  f.sort = sort;
  if (r.page < 1) return Status::Invalid("page", "页码应从 1 开始");
  if (r.page_size < 1 || r.page_size > r.max_page_size) {
    return Status::Invalid("page_size", "每页条数应在 1–" + std::to_string(r.max_page_size) + " 之间");
  }
  f.limit = r.page_size;
  f.offset = (r.page - 1) * r.page_size;
  return f;
}

Result<ItemPage> DutyQueries::List(const ListRequest& r) {
  if (Status st = CanUseDuty(caller_); !st.ok()) return st;
  auto f = Filter(r);
  if (!f.ok()) return f.status();
  ItemPage page;
  page.page = r.page;
  page.page_size = r.page_size;
  const Date today = Date::Today();
  // Overdue or due soon below one org, in deadline order, nothing else asked: from memory.
  const bool by_deadlines = f->responsible_root != 0 && f->sort == "deadline" && !f->descending && !f->kind &&
                            !f->state && f->states.empty() && !f->source && !f->area && !f->month && f->leader == 0 &&
                            f->query.empty() && (!f->overdue_before.empty() || !f->due_between_from.empty());
  std::optional<int64_t> counted;
  if (by_deadlines && !f->overdue_before.empty()) {
    counted = NarrowByDeadlines(*f, kEarliestDay, static_cast<int32_t>(today.days()) - 1);
  } else if (by_deadlines) {
    counted = NarrowByDeadlines(*f, static_cast<int32_t>(Date::Parse(f->due_between_from)->days()),
                                static_cast<int32_t>(Date::Parse(f->due_between_to)->days()));
  }
  page.total = counted ? *counted : repo_.Count(*f);
  if (counted && f->responsible_in.empty()) return page;  // none
  for (const auto& item : repo_.List(*f)) page.items.push_back(View(item, today));
  return page;
}

std::optional<int64_t> DutyQueries::NarrowByDeadlines(ItemFilter& f, int32_t from, int32_t to) {
  if (!memory_ || memory_->Day() != Date::Today()) return std::nullopt;
  org::TreeMemory::DayUnits units;
  // The roll-up's day set "duty" (module.cc): one entry per open item, at its responsible org, dated by its deadline.
  if (!memory_->UnitsWithDays(f.responsible_root, "duty", from, to, f.offset + f.limit, units)) return std::nullopt;
  f.responsible_in = std::move(units.units);
  // Open items only, so every one below an org within the caller's subtree is visible (Where): no visible set.
  f.responsible_within_visible = true;
  return units.count;
}

Result<ItemDetail> DutyQueries::Show(int64_t id) {
  if (Status st = CanUseDuty(caller_); !st.ok()) return st;
  auto item = repo_.Find(id);
  org::OrgRepo& orgs = orgs_;
  bool visible = item && SidesOf(orgs, caller_, *item).visible;
  if (item && !visible && item->kind == ItemKind::kMeasure && item->state != State::kDraft) {
    // Whoever sees a problem sees all of its measures beyond drafts (read-only): the problem's progress is
    // weighed over them, so the page shows what the figure counts.
    auto problem = repo_.Find(item->parent_id);
    visible = problem && SidesOf(orgs, caller_, *problem).visible;
  }
  if (!visible) return Status::NotFound("id", "未找到该事项，或不在您的管辖范围内");
  const Date today = Date::Today();
  ItemDetail d;
  d.view = View(*item, today);
  for (const auto& m : repo_.Measures(id)) {
    if (m.state != State::kDraft || SidesOf(orgs, caller_, m).visible) d.measures.push_back(View(m, today));
  }
  d.timeline = repo_.Timeline(id);
  d.evidence = repo_.EvidenceOf(id);
  NameActors(db_, d);
  return d;
}

const std::vector<std::string>& TodoCountNames() {
  static const std::vector<std::string> kNames = {"to_assign", "to_do", "to_accept", "overdue", "escalated"};
  return kNames;
}

// Every count is exact and the page is a slice of all the items (issue #11: each count's items were read with a
// LIMIT of 200, so the total, taken from them, stopped there): the ids and deadlines of every count's items are
// read without a limit, and only the page's items in full.
Result<Todo> DutyQueries::Inbox(const TodoRequest& r) {
  if (Status st = CanUseDuty(caller_); !st.ok()) return st;
  const auto& names = TodoCountNames();
  if (!r.show.empty() && std::find(names.begin(), names.end(), r.show) == names.end()) {
    return Status::Invalid(
        "show",
        "应为 to_assign（待交办）、to_do（待办理）、to_accept（待验收）、overdue（逾期）或 escalated（上级督办）");
  }
  if (r.page < 1) return Status::Invalid("page", "页码应从 1 开始");
  if (r.page_size < 1 || r.page_size > 100) return Status::Invalid("page_size", "每页条数应在 1–100 之间");
  const Date today = Date::Today();
  struct Key {
    Date deadline;
    std::vector<std::string> counted_in;
  };
  std::map<int64_t, Key> keys;
  auto collect = [&](const std::string& name, const ItemFilter& f) {
    for (const auto& [id, deadline] : repo_.Keys(f)) {
      Key& key = keys[id];
      key.deadline = deadline;
      if (std::find(key.counted_in.begin(), key.counted_in.end(), name) == key.counted_in.end()) {
        key.counted_in.push_back(name);
      }
    }
  };
  ItemFilter base = Visibility();
  ItemFilter to_assign = base;
  to_assign.assigner_org = caller_.org_id;
  to_assign.states = {"draft", "assigned"};
  collect("to_assign", to_assign);
  ItemFilter to_do = base;
  to_do.responsible_org = caller_.org_id;
  to_do.states = {"published", "in_progress", "returned"};
  collect("to_do", to_do);
  ItemFilter to_accept = base;
  to_accept.assigner_org = caller_.org_id;
  to_accept.states = {"submitted"};
  collect("to_accept", to_accept);
  ItemFilter overdue = base;
  overdue.responsible_org = caller_.org_id;
  overdue.overdue_before = today.ToString();
  collect("overdue", overdue);
  // Escalation: overdue items of the orgs directly below, and of problems whose leader in charge is me.
  ItemFilter escalated = base;
  escalated.responsible_parent_of = {caller_.org_id};
  escalated.overdue_before = today.ToString();
  collect("escalated", escalated);
  auto person = db_.Prepare("SELECT COALESCE(person_id, 0) FROM account WHERE id = ?");
  person->Bind(1, caller_.account_id);
  if (person->Step() && person->Int(0) != 0) {
    ItemFilter led = base;
    led.visible_root = 0;  // a leader in charge sees what they claimed, wherever it is
    led.leader = person->Int(0);
    led.not_responsible_parent_of = {caller_.org_id};  // those are counted above already
    led.overdue_before = today.ToString();
    collect("escalated", led);
  }

  Todo todo;
  todo.page = r.page;
  todo.page_size = r.page_size;
  for (const auto& name : names) todo.counts[name] = 0;
  std::vector<std::pair<Date, int64_t>> order;  // the page's set, by deadline, then id
  for (const auto& [id, key] : keys) {
    for (const auto& name : key.counted_in) ++todo.counts[name];
    if (r.show.empty() || std::find(key.counted_in.begin(), key.counted_in.end(), r.show) != key.counted_in.end()) {
      order.emplace_back(key.deadline, id);
    }
  }
  todo.total = static_cast<int64_t>(keys.size());
  todo.shown_total = static_cast<int64_t>(order.size());
  std::sort(order.begin(), order.end());
  const size_t from = std::min(order.size(), static_cast<size_t>(r.page - 1) * static_cast<size_t>(r.page_size));
  const size_t to = std::min(order.size(), from + static_cast<size_t>(r.page_size));
  std::vector<int64_t> ids;
  for (size_t k = from; k < to; ++k) ids.push_back(order[k].second);
  std::map<int64_t, Item> page;
  for (Item& item : repo_.ListByIds(ids)) page.emplace(item.id, std::move(item));
  for (int64_t id : ids) {
    auto it = page.find(id);
    if (it == page.end()) continue;
    todo.items.push_back(View(it->second, today));
    todo.counted_in[id] = keys[id].counted_in;
  }
  return todo;
}

Result<std::vector<ItemDetail>> DutyQueries::Board(const std::string& month) {
  if (Status st = CanUseDuty(caller_); !st.ok()) return st;
  if (month.size() != 7 || !Date::Parse(month + "-01")) return Status::Invalid("month", "月份无效：" + month);
  ItemFilter f = Visibility();
  f.month = month;
  f.kind = "problem";
  f.limit = 100;
  std::vector<ItemDetail> board;
  for (const auto& item : repo_.List(f)) {
    auto detail = Show(item.id);
    if (detail.ok()) board.push_back(std::move(*detail));
  }
  return board;
}

Result<OverdueReport> DutyQueries::Report(const std::string& org_code, const std::string& as_of_text) {
  if (Status st = CanUseDuty(caller_); !st.ok()) return st;
  Date as_of = Date::Today();
  if (!as_of_text.empty()) {
    auto d = Date::Parse(as_of_text);
    if (!d) return Status::Invalid("as_of", "日期无效：" + as_of_text + "（格式 YYYY-MM-DD）");
    as_of = *d;
  }
  org::OrgRepo& orgs = orgs_;
  auto unit = org::FindWithin(orgs, caller_.org_id, org_code.empty() ? caller_.org_code : org_code, Date::Today());
  if (!unit) {
    return Status::NotFound("org", "未找到该单位，或不在您的管辖范围内");
  }
  OverdueReport report;
  report.as_of = as_of;
  report.org_code = unit->code;
  report.org_name = unit->name;
  // No visibility filter: an open item is seen at and above its responsible org, and the unit lies within the
  // caller's scope (FindWithin), so every item below it is visible; the filter would only cost a second subtree.
  ItemFilter f;
  f.responsible_root = unit->id;
  f.states = OpenStateCodes();
  f.due_between_from = "0001-01-01";
  f.due_between_to = as_of.AddDays(DueSoonDays()).ToString();
  f.limit = 100000;
  std::map<std::string, ReportUnit> units;
  for (const auto& item : repo_.List(f)) {
    ItemView view{item, Evaluate(item.deadline, as_of, item.state, DueSoonDays()), {}};
    if (!view.deadline.overdue && !view.deadline.due_soon) continue;
    ReportUnit& u = units[item.responsible_org_code];
    u.org_code = item.responsible_org_code;
    u.org_name = item.responsible_org_name;
    (view.deadline.overdue ? u.overdue : u.due_soon) += 1;
    u.items.push_back(std::move(view));
  }
  for (auto& [code, u] : units) {
    std::sort(u.items.begin(), u.items.end(), [](const ItemView& a, const ItemView& b) {
      if (a.deadline.days_overdue != b.deadline.days_overdue) return a.deadline.days_overdue > b.deadline.days_overdue;
      return a.deadline.days_left < b.deadline.days_left;
    });
    report.units.push_back(std::move(u));
  }
  for (const auto& u : report.units) report.problem_titles.merge(ProblemTitles(u.items));
  // Most overdue items first; among equals, the longest overdue first (each unit's items are sorted worst first).
  std::sort(report.units.begin(), report.units.end(), [](const ReportUnit& a, const ReportUnit& b) {
    if (a.overdue != b.overdue) return a.overdue > b.overdue;
    const int64_t worst_a = a.items.front().deadline.days_overdue, worst_b = b.items.front().deadline.days_overdue;
    if (worst_a != worst_b) return worst_a > worst_b;
    return a.org_code < b.org_code;
  });
  return report;
}

std::map<int64_t, std::string> DutyQueries::ProblemTitles(const std::vector<ItemView>& items) {
  std::map<int64_t, std::string> titles;
  for (const auto& v : items) {
    if (v.item.kind != ItemKind::kMeasure || v.item.parent_id == 0 || titles.count(v.item.parent_id)) continue;
    if (auto problem = repo_.Find(v.item.parent_id)) titles[problem->id] = problem->title;
  }
  return titles;
}

Result<std::vector<ItemView>> DutyQueries::Worst(const std::string& org_code, int limit) {
  if (Status st = CanUseDuty(caller_); !st.ok()) return st;
  const Date today = Date::Today();
  auto unit = org::FindWithin(orgs_, caller_.org_id, org_code.empty() ? caller_.org_code : org_code, today);
  if (!unit) return Status::NotFound("org", "未找到该单位，或不在您的管辖范围内");
  // No visibility filter: an open item is seen at and above its responsible org, and the unit lies within the
  // caller's scope (FindWithin), so every item below it is visible; the filter would only cost a second subtree.
  ItemFilter f;
  f.responsible_root = unit->id;
  f.states = OpenStateCodes();
  f.due_between_from = "0001-01-01";
  f.due_between_to = today.AddDays(DueSoonDays()).ToString();
  f.sort = "deadline";
  f.limit = limit;
  std::vector<ItemView> items;
  if (auto counted = NarrowByDeadlines(f, kEarliestDay, static_cast<int32_t>(today.AddDays(DueSoonDays()).days()));
      counted && f.responsible_in.empty()) {
    return items;  // none
  }
  for (const auto& item : repo_.List(f)) {
    items.push_back({item, Evaluate(item.deadline, today, item.state, DueSoonDays()), {}});
  }
  return items;
}

Result<std::vector<DutyList>> DutyQueries::Lists(int year) {
  if (Status st = CanUseDuty(caller_); !st.ok()) return st;
  return repo_.Lists(caller_.org_id, year);
}

Result<std::pair<Evidence, std::string>> DutyQueries::EvidenceFile(int64_t evidence_id, const std::string& files_dir) {
  auto evidence = repo_.FindEvidence(evidence_id);
  // Downloads follow the item's visibility.
  if (!evidence || !Show(evidence->item_id).ok()) {
    return Status::NotFound("id", "未找到该文件，或不在您的管辖范围内");
  }
  auto bytes = EvidenceStore(files_dir).Get(evidence->sha256);
  if (!bytes.ok()) return bytes.status();
  return std::make_pair(*evidence, std::move(*bytes));
}

Result<std::pair<DutyList, std::vector<ItemView>>> DutyQueries::ShowList(int64_t id) {
  if (Status st = CanUseDuty(caller_); !st.ok()) return st;
  auto list = repo_.FindList(id);
  org::OrgRepo& orgs = orgs_;
  const Date today = Date::Today();
  if (!list || !ListVisible(orgs, caller_, *list)) {
    return Status::NotFound("id", "未找到该责任清单，或不在您的管辖范围内");
  }
  std::vector<ItemView> items;
  for (const auto& item : repo_.ListItems(id)) items.push_back(View(item, today));
  return std::make_pair(*list, items);
}

}  // namespace jiceng::duty
