#include "modules/duty/json.h"

#include <boost/json.hpp>

namespace jiceng::duty {
namespace {

boost::json::value Person(const std::optional<PersonRef>& p) {
  if (!p) return nullptr;
  return boost::json::object{{"id", p->id}, {"name", p->name}};
}

}  // namespace

boost::json::value ToJson(const ItemView& v) {
  const Item& it = v.item;
  boost::json::array actions;
  for (Action a : v.actions) actions.push_back(boost::json::string(ActionCode(a)));
  boost::json::object o{{"id", it.id},
                        {"kind", std::string(KindCode(it.kind))},
                        {"kind_name", std::string(KindName(it.kind))},
                        {"title", it.title},
                        {"content", it.content},
                        {"target", it.target},
                        {"weight", it.weight},
                        {"deadline", it.deadline.ToString()},
                        {"source", it.source ? std::string(SourceCode(*it.source)) : ""},
                        {"source_name", it.source ? std::string(SourceName(*it.source)) : ""},
                        {"area", it.area},
                        {"severity", it.severity ? std::string(SeverityCode(*it.severity)) : ""},
                        {"severity_name", it.severity ? std::string(SeverityName(*it.severity)) : ""},
                        {"month", it.month},
                        {"assigner_org_code", it.assigner_org_code},
                        {"assigner_org_name", it.assigner_org_name},
                        {"responsible_org_code", it.responsible_org_code},
                        {"responsible_org_name", it.responsible_org_name},
                        {"responsible_person", Person(it.responsible_person)},
                        {"leader", Person(it.leader)},
                        {"state", std::string(StateCode(it.state))},
                        {"state_name", std::string(StateName(it.state))},
                        {"progress", it.progress},
                        {"grade", it.grade},
                        {"overdue", v.deadline.overdue},
                        {"days_overdue", v.deadline.days_overdue},
                        {"due_soon", v.deadline.due_soon},
                        {"days_left", v.deadline.days_left},
                        {"measure_count", it.measure_count},
                        {"proposed", it.proposed_by_org_id != 0},
                        {"evidence_count", it.evidence_count},
                        {"actions", actions}};
  if (it.parent_id) o["parent_id"] = it.parent_id;
  if (it.score) o["score"] = *it.score;
  return o;
}

boost::json::value ToJson(const Evidence& e) {
  return boost::json::object{{"id", e.id},
                             {"file_name", e.file_name},
                             {"content_type", e.content_type},
                             {"size", e.size},
                             {"uploaded_by", e.uploaded_by},
                             {"uploaded_by_name", e.uploaded_by_name.empty() ? e.uploaded_by : e.uploaded_by_name},
                             {"uploaded_at", e.uploaded_at},
                             {"url", "/api/v1/duty/evidence/" + std::to_string(e.id)}};
}

boost::json::value ToJson(const ItemDetail& d) {
  boost::json::object o = ToJson(d.view).as_object();
  boost::json::array measures, timeline, evidence;
  for (const auto& m : d.measures) measures.push_back(ToJson(m));
  for (const auto& e : d.timeline) {
    boost::json::object event{{"at", e.at},         {"actor", e.actor},     {"actor_name", e.actor_name},
                              {"actor_kind", e.actor_kind},
                              {"action", e.action},
                              {"from_state", e.from_state}, {"to_state", e.to_state}, {"note", e.note}};
    if (auto a = ParseAction(e.action)) event["action_name"] = std::string(ActionName(*a));
    if (e.action == "create") event["action_name"] = "创建";
    if (e.action == "edit") event["action_name"] = "修改";
    if (e.action == "evidence") event["action_name"] = "上传材料";
    if (e.action == "follow") event["action_name"] = "随措施进入整改";
    if (auto s = ParseState(e.from_state)) event["from_state_name"] = std::string(StateName(*s));
    if (auto s = ParseState(e.to_state)) event["to_state_name"] = std::string(StateName(*s));
    if (e.progress) event["progress"] = *e.progress;
    timeline.push_back(event);
  }
  for (const auto& e : d.evidence) evidence.push_back(ToJson(e));
  o["measures"] = measures;
  o["timeline"] = timeline;
  o["evidence"] = evidence;
  return o;
}

boost::json::value ToJson(const ItemPage& page) {
  boost::json::array items;
  for (const auto& v : page.items) items.push_back(ToJson(v));
  return boost::json::object{{"total", page.total}, {"page", page.page}, {"page_size", page.page_size}, {"items", items}};
}

boost::json::value ToJson(const Todo& todo) {
  boost::json::object counts;
  for (const auto& [k, n] : todo.counts) counts[k] = n;
  boost::json::array items;
  for (const auto& v : todo.items) {
    boost::json::object o = ToJson(v).as_object();
    boost::json::array in;
    if (auto it = todo.counted_in.find(v.item.id); it != todo.counted_in.end()) {
      for (const auto& name : it->second) in.push_back(boost::json::string(name));
    }
    o["counted_in"] = std::move(in);
    items.push_back(std::move(o));
  }
  return boost::json::object{{"counts", counts},  {"total", todo.total},         {"shown_total", todo.shown_total},
                             {"page", todo.page}, {"page_size", todo.page_size}, {"items", items}};
}

boost::json::value ToJson(const OverdueReport& r) {
  boost::json::array units;
  for (const auto& u : r.units) {
    boost::json::array items;
    for (const auto& v : u.items) {
      boost::json::object o{{"id", v.item.id},
                            {"kind_name", std::string(KindName(v.item.kind))},
                            {"title", v.item.title},
                            {"deadline", v.item.deadline.ToString()},
                            {"days_overdue", v.deadline.days_overdue},
                            {"days_left", v.deadline.days_left},
                            {"overdue", v.deadline.overdue},
                            {"state_name", std::string(StateName(v.item.state))},
                            {"progress", v.item.progress},
                            {"responsible_person", v.item.responsible_person ? v.item.responsible_person->name : ""},
                            {"leader", v.item.leader ? v.item.leader->name : ""}};
      items.push_back(o);
    }
    units.push_back({{"org_code", u.org_code},
                     {"org_name", u.org_name},
                     {"overdue", u.overdue},
                     {"due_soon", u.due_soon},
                     {"items", items}});
  }
  return boost::json::object{
      {"as_of", r.as_of.ToString()}, {"org_code", r.org_code}, {"org_name", r.org_name}, {"units", units}};
}

boost::json::value ToJson(const DutyList& l) {
  boost::json::object o{{"id", l.id},
                        {"title", l.title},
                        {"year", l.year},
                        {"issuer_org_code", l.issuer_org_code},
                        {"issuer_org_name", l.issuer_org_name},
                        {"holder_org_code", l.holder_org_code},
                        {"holder_org_name", l.holder_org_name},
                        {"item_count", l.item_count}};
  if (!l.acknowledged_at.empty()) {
    o["acknowledged_at"] = l.acknowledged_at;
    o["acknowledged_by"] = l.acknowledged_by;
  }
  if (!l.withdrawn_at.empty()) {
    o["withdrawn_at"] = l.withdrawn_at;
    o["withdrawn_by"] = l.withdrawn_by;
    o["withdraw_reason"] = l.withdraw_reason;
  }
  return o;
}

boost::json::value VocabulariesJson() {
  boost::json::array sources, severities, states, grades, actions, areas;
  for (int i = 0; i <= static_cast<int>(Source::kPublic); ++i) {
    auto s = static_cast<Source>(i);
    sources.push_back({{"code", SourceCode(s)}, {"name", SourceName(s)}});
  }
  for (int i = 0; i <= static_cast<int>(Severity::kCritical); ++i) {
    auto s = static_cast<Severity>(i);
    severities.push_back({{"code", SeverityCode(s)}, {"name", SeverityName(s)}});
  }
  for (int i = 0; i <= static_cast<int>(State::kCancelled); ++i) {
    auto s = static_cast<State>(i);
    states.push_back({{"code", StateCode(s)}, {"name", StateName(s)}});
  }
  for (int i = 0; i <= static_cast<int>(Action::kReopen); ++i) {
    auto a = static_cast<Action>(i);
    actions.push_back({{"code", ActionCode(a)}, {"name", ActionName(a)}});
  }
  for (auto g : Grades()) grades.push_back(boost::json::string(g));
  for (const char* a : {"发展壮大村集体经济", "提升党建引领基层治理水平", "社区网格化管理", "基层党组织标准化建设",
                        "乡村振兴产业发展", "人居环境整治", "干部队伍建设", "民生服务保障", "矛盾纠纷排查化解"}) {
    areas.push_back(boost::json::string(a));
  }
  return boost::json::object{{"sources", sources}, {"severities", severities}, {"states", states},
                             {"actions", actions}, {"grades", grades},         {"areas", areas},
                             {"due_soon_days", DueSoonDays()}};
}

}  // namespace jiceng::duty
