#include "modules/orglife/json.h"

#include <boost/json.hpp>

#include "modules/accounts/actors.h"
#include "modules/orglife/frequency.h"

namespace jiceng::orglife {
namespace json = boost::json;
namespace {

json::object MeetingJson(const Meeting& m, const accounts::ActorNames* names) {
  auto name = [&](const std::string& a) { return a.empty() || names == nullptr ? std::string() : names->Of(a).name; };
  json::object o{{"id", m.id},
                 {"branch_code", m.branch_code},
                 {"branch_name", m.branch_name},
                 {"kind", KindCode(m.kind)},
                 {"kind_name", KindName(m.kind)},
                 {"group_id", m.group_id},
                 {"group_name", m.group_name},
                 {"theme_id", m.theme_id},
                 {"theme_title", m.theme_title},
                 {"topic", m.topic},
                 {"state", StateCode(m.state)},
                 {"state_name", StateName(m.state)},
                 {"planned_at", m.planned_at},
                 {"held_at", m.held_at},
                 {"place", m.place},
                 {"online_link", m.online_link},
                 {"presenter_id", m.presenter_id},
                 {"presenter_name", m.presenter_name},
                 {"recorder_id", m.recorder_id},
                 {"recorder_name", m.recorder_name},
                 {"invitees", m.invitees},
                 {"minutes", m.minutes},
                 {"decisions", m.decisions},
                 {"created_by_name", name(m.created_by)},
                 {"submitted_by_name", name(m.submitted_by)},
                 {"submitted_at", m.submitted_at},
                 {"reviewed_by_name", name(m.reviewed_by)},
                 {"reviewed_at", m.reviewed_at},
                 {"reviewer_org_name", m.reviewer_org_name},
                 {"review_note", m.review_note},
                 {"attachments", m.attachments}};
  if (m.vote) {
    o["vote"] = json::object{{"in_favour", m.vote->in_favour}, {"against", m.vote->against},
                             {"abstained", m.vote->abstained}};
  } else {
    o["vote"] = nullptr;
  }
  int due = 0, present = 0, leave = 0, absent = 0;
  json::array attendees;
  for (const Attendee& a : m.attendees) {
    ++due;
    if (a.presence == Presence::kPresent) ++present;
    if (a.presence == Presence::kLeave) ++leave;
    if (a.presence == Presence::kAbsent) ++absent;
    attendees.push_back({{"person_id", a.person_id},
                         {"name", a.name},
                         {"voting", a.voting},
                         {"status", a.status_code},
                         {"presence", PresenceCode(a.presence)},
                         {"presence_name", PresenceName(a.presence)},
                         {"reason", a.reason},
                         {"note", a.note}});
  }
  o["attendees"] = std::move(attendees);
  o["counts"] = json::object{{"due", due}, {"present", present}, {"leave", leave}, {"absent", absent}};
  return o;
}

std::vector<std::string> ActorsOf(const std::vector<Meeting>& ms) {
  std::vector<std::string> a;
  for (const Meeting& m : ms) {
    a.push_back(m.created_by);
    a.push_back(m.submitted_by);
    a.push_back(m.reviewed_by);
  }
  return a;
}

json::object RuleJson(const AppliedRule& r) {
  return {{"kind", KindCode(r.rule.kind)},
          {"unit", UnitCode(r.rule.unit)},
          {"unit_name", UnitName(r.rule.unit)},
          {"times", r.rule.times},
          {"source", r.source_org_id == 0 ? "default" : "org"},
          {"source_org_name", r.source_org_name},
          {"text", std::string(UnitName(r.rule.unit)) + "至少 " + std::to_string(r.rule.times) + " 次"},
          {"origin", r.source_org_id == 0 ? std::string("默认规则（《中国共产党支部工作条例（试行）》）")
                                          : r.source_org_name + "规定"},
          {"note", r.note}};
}

json::object PeriodJson(const Period& p) {
  return {{"key", p.key}, {"start", p.start.ToString()}, {"end", p.end.AddDays(-1).ToString()}};
}

}  // namespace

json::value ToJson(store::Connection& db, const MeetingPage& page) {
  accounts::ActorNames names(db, ActorsOf(page.items));
  json::array items;
  for (const Meeting& m : page.items) {
    json::object o = MeetingJson(m, &names);
    o.erase("attendees");
    o.erase("minutes");
    items.push_back(std::move(o));
  }
  return {{"items", items}, {"total", page.total}, {"page", page.page}, {"page_size", page.page_size}};
}

json::value ToJson(store::Connection& db, const MeetingDetail& d) {
  accounts::ActorNames names(db, ActorsOf({d.meeting}));
  json::object o = MeetingJson(d.meeting, &names);
  json::array files;
  for (const Attachment& a : d.attachments) files.push_back(ToJson(a));
  o["files"] = std::move(files);
  o["can_record"] = d.can_record;
  o["can_cancel"] = d.can_cancel;
  o["can_review"] = d.can_review;
  o["can_attach"] = d.can_attach;
  o["vote_allowed"] = d.vote_allowed;
  o["quorum_text"] = d.quorum_text;
  o["roll"] = json::object{{"voting_due", d.roll.voting_due},
                           {"voting_present", d.roll.voting_present},
                           {"committee_due", d.roll.committee_due},
                           {"committee_present", d.roll.committee_present}};
  if (d.meeting.vote) {
    const Vote& v = *d.meeting.vote;
    const int whole = d.meeting.kind == Kind::kCommitteeMeeting ? d.roll.committee_due : d.roll.voting_due;
    o["vote_carries"] = VoteCarries(d.meeting.kind, d.roll, v);
    o["vote_text"] = "赞成 " + std::to_string(v.in_favour) + " 票，反对 " + std::to_string(v.against) + " 票，弃权 " +
                     std::to_string(v.abstained) + " 票；" +
                     (VoteCarries(d.meeting.kind, d.roll, v) ? "赞成票超过应到有表决权人数 " : "赞成票未超过应到有表决权人数 ") +
                     std::to_string(whole) + " 人的半数，" + (VoteCarries(d.meeting.kind, d.roll, v) ? "通过" : "未通过");
  }
  o["rule"] = RuleJson(d.rule);
  return o;
}

json::value ToJson(const BranchDue& due) {
  json::array kinds;
  for (const KindDue& k : due.kinds) {
    kinds.push_back({{"kind", KindCode(k.kind)},
                     {"kind_name", KindName(k.kind)},
                     {"rule", RuleJson(k.rule)},
                     {"required", k.required},
                     {"period", PeriodJson(k.period)},
                     {"required_count", k.required_count},
                     {"held", k.held},
                     {"planned", k.planned},
                     {"behind", k.behind},
                     {"last_period", k.last_period_key}});
  }
  json::array upcoming;
  for (const Meeting& m : due.upcoming) {
    json::object o = MeetingJson(m, nullptr);
    o.erase("attendees");
    upcoming.push_back(std::move(o));
  }
  json::array themes;
  for (const Theme& t : due.themes) themes.push_back(ToJson(t));
  return {{"branch_code", due.code},
          {"branch_name", due.name},
          {"branch_side", due.branch_side},
          {"shape", json::object{{"full_members", due.shape.full_members},
                                 {"probationary", due.shape.probationary},
                                 {"committee", due.shape.committee},
                                 {"groups", due.shape.groups},
                                 {"committee_required", due.shape.committee_required()},
                                 {"has_committee", due.shape.has_committee()}}},
          {"kinds", kinds},
          {"upcoming", upcoming},
          {"themes", themes}};
}

json::value ToJson(const Compliance& c) {
  json::array rows;
  for (const ComplianceRow& r : c.rows) {
    json::array cells;
    for (const ComplianceCell& cell : r.cells) {
      cells.push_back({{"kind", KindCode(cell.kind)},
                       {"applies", cell.applies},
                       {"required", cell.required},
                       {"held", cell.held},
                       {"behind", cell.behind}});
    }
    rows.push_back({{"branch_code", r.code},
                    {"branch_name", r.name},
                    {"cells", cells},
                    {"behind", r.behind},
                    {"committee_missing", r.committee_missing}});
  }
  return {{"org_code", c.org_code}, {"org_name", c.org_name}, {"period", PeriodJson(c.period)},
          {"branches", c.branches}, {"behind", c.behind},     {"total", c.total},
          {"page", c.page},         {"page_size", c.page_size}, {"rows", rows}};
}

json::value ToJson(const std::vector<TodoItem>& todo) {
  json::array items;
  for (const TodoItem& t : todo) {
    items.push_back({{"kind", t.kind},
                     {"text", t.text},
                     {"branch_code", t.branch_code},
                     {"branch_name", t.branch_name},
                     {"meeting_id", t.meeting_id},
                     {"due_on", t.due_on}});
  }
  return {{"items", items}, {"total", items.size()}};
}

json::value ToJson(const std::vector<RuleRow>& rules) {
  json::array out;
  for (const RuleRow& r : rules) {
    out.push_back({{"kind", KindCode(r.kind)},
                   {"kind_name", KindName(r.kind)},
                   {"applied", RuleJson(r.applied)},
                   {"inherited", RuleJson(r.inherited)},
                   {"set_here", r.set_here}});
  }
  return out;
}

json::value ToJson(const AppliedRule& rule) { return RuleJson(rule); }

json::value ToJson(const Group& g) {
  json::array members;
  for (const auto& [id, name] : g.members) members.push_back({{"person_id", id}, {"name", name}});
  return {{"id", g.id}, {"name", g.name}, {"leader_id", g.leader_id}, {"leader_name", g.leader_name},
          {"members", members}};
}

json::value ToJson(const Theme& t) {
  return {{"id", t.id},
          {"issuer_org_name", t.issuer_org_name},
          {"kind", KindCode(t.kind)},
          {"kind_name", KindName(t.kind)},
          {"title", t.title},
          {"content", t.content},
          {"month", t.month},
          {"deadline", t.deadline.ToString()},
          {"branches", t.branches},
          {"reported", t.reported}};
}

json::value ToJson(const Attachment& a) {
  return {{"id", a.id}, {"file_name", a.file_name}, {"content_type", a.content_type}, {"size", a.size},
          {"uploaded_at", a.uploaded_at}};
}

json::value VocabulariesJson() {
  json::array kinds, states, presences, units;
  for (Kind k : AllKinds()) {
    kinds.push_back({{"code", KindCode(k)}, {"name", KindName(k)}, {"default", RuleJson({DefaultRule(k), 0, "", ""})}});
  }
  for (State s : {State::kPlanned, State::kSubmitted, State::kApproved, State::kReturned, State::kCancelled}) {
    states.push_back({{"code", StateCode(s)}, {"name", StateName(s)}});
  }
  for (Presence p : {Presence::kUnsigned, Presence::kPresent, Presence::kLeave, Presence::kAbsent}) {
    presences.push_back({{"code", PresenceCode(p)}, {"name", PresenceName(p)}});
  }
  for (PeriodUnit u : {PeriodUnit::kMonth, PeriodUnit::kQuarter, PeriodUnit::kYear}) {
    units.push_back({{"code", UnitCode(u)}, {"name", UnitName(u)}});
  }
  return {{"kinds", kinds}, {"states", states}, {"presences", presences}, {"units", units}};
}

}  // namespace jiceng::orglife
