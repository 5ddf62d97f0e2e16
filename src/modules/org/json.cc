#include "modules/org/json.h"

#include <boost/json.hpp>

namespace jiceng::org {

boost::json::value ToJson(const OrgUnit& u) {
  boost::json::object o;
  o["code"] = u.code;
  o["name"] = u.name;
  o["level"] = std::string(LevelCode(u.level));
  o["kind"] = std::string(KindCode(u.kind));
  o["kind_name"] = std::string(KindName(u.kind));
  o["parent_code"] = u.parent_code;
  o["parent_name"] = u.parent_name;
  if (u.created_on.ToString() != kBeginningOfTime) o["created_on"] = u.created_on.ToString();
  if (u.dissolved_on) o["dissolved_on"] = u.dissolved_on->ToString();
  if (!u.merged_into_code.empty()) o["merged_into"] = u.merged_into_code;
  return o;
}

namespace {
std::string DateOrEmpty(Date d, const char* sentinel) { return d.ToString() == sentinel ? "" : d.ToString(); }
}  // namespace

boost::json::value ToJson(const OrgDetail& d) {
  boost::json::object o = ToJson(d.unit).as_object();
  boost::json::object counts;
  for (const auto& [kind, n] : d.child_counts) counts[kind] = n;
  o["children_by_kind"] = counts;
  boost::json::array party;
  for (const auto& p : d.party_orgs) party.push_back(ToJson(p));
  o["party_orgs"] = party;
  boost::json::array names;
  for (const auto& n : d.names) {
    boost::json::object name{
        {"name", n.name}, {"from", DateOrEmpty(n.from, kBeginningOfTime)}, {"to", DateOrEmpty(n.to, kEndOfTime)}};
    if (n.from > d.as_of) name["later"] = true;  // begins after the date asked
    if (auto kind = ParseKind(n.kind)) name["kind_name"] = std::string(KindName(*kind));
    if (!n.code.empty()) name["code"] = n.code;  // the division code then
    names.push_back(std::move(name));
  }
  o["names"] = names;
  boost::json::array links;
  for (const auto& l : d.links) {
    auto parent = d.parent_codes.find(l.parent_id);
    boost::json::object link{{"parent_code", parent == d.parent_codes.end() ? "" : parent->second},
                             {"from", DateOrEmpty(l.from, kBeginningOfTime)},
                             {"to", DateOrEmpty(l.to, kEndOfTime)}};
    if (l.from > d.as_of) link["later"] = true;
    links.push_back(std::move(link));
  }
  o["parents"] = links;
  auto events = [](const std::vector<OrgEvent>& list) {
    boost::json::array out;
    for (const auto& e : list) {
      out.push_back({{"kind", e.kind},
                     {"on", e.on.ToString()},
                     {"old", e.old_value},
                     {"new", e.new_value},
                     {"other_code", e.other_code},
                     {"reason", e.reason},
                     {"actor", e.actor},
                     {"approved_by", e.approved_by}});
    }
    return out;
  };
  o["history"] = events(d.events);              // effective on or before as_of
  o["later_history"] = events(d.later_events);  // effective after it
  return o;
}

boost::json::value ToJson(const Namesake& n) {
  boost::json::object o = ToJson(n.unit).as_object();
  o["new_name"] = n.new_name;
  return o;
}

boost::json::value ToJson(const RenameReport& r) {
  boost::json::object o = ToJson(r.unit).as_object();
  boost::json::array namesakes;
  for (const auto& n : r.namesakes) namesakes.push_back(ToJson(n));
  o["namesakes"] = namesakes;
  return o;
}

boost::json::value ToJson(const ChangeRequest& r) {
  boost::json::object o{{"id", r.id},
                        {"kind", std::string(ChangeKindCode(r.kind))},
                        {"kind_name", std::string(ChangeKindName(r.kind))},
                        {"unit_code", r.unit_code},
                        {"unit_name", r.unit_name},
                        {"on", r.on.ToString()},
                        {"reason", r.reason},
                        {"requested_by", r.requested_by},
                        {"requested_at", r.requested_at},
                        {"state", std::string(ChangeStateCode(r.state))},
                        {"state_name", std::string(ChangeStateName(r.state))}};
  if (r.kind == ChangeKind::kRename) {
    o["name"] = r.name;
    if (auto kind = ParseKind(r.new_kind)) {
      o["new_kind"] = r.new_kind;
      o["new_kind_name"] = std::string(KindName(*kind));
    }
    o["with_namesakes"] = r.with_namesakes;
    if (!r.namesakes.empty()) {
      boost::json::array namesakes;
      for (const auto& n : r.namesakes) namesakes.push_back(ToJson(n));
      o["namesakes"] = namesakes;
    }
  } else {
    o["target_code"] = r.target_code;
    o["target_name"] = r.target_name;
  }
  if (r.state != ChangeState::kPending) {
    o["decided_by"] = r.decided_by;
    o["decided_at"] = r.decided_at;
    o["decision_note"] = r.decision_note;
    o["outcome"] = r.outcome;
  }
  return o;
}

boost::json::value ToJson(const MergeReport& r) {
  return boost::json::object{
      {"into", ToJson(r.into)}, {"children_moved", r.children_moved}, {"members_moved", r.members_moved}};
}

boost::json::value ToJson(const TreeStats& s) {
  boost::json::object by_level, by_kind;
  for (const auto& [k, n] : s.by_level) by_level[k] = n;
  for (const auto& [k, n] : s.by_kind) by_kind[k] = n;
  return boost::json::object{{"as_of", s.as_of.ToString()}, {"by_level", by_level}, {"by_kind", by_kind}};
}

}  // namespace jiceng::org
