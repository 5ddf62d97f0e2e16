#include "modules/duty/repo.h"
#include <algorithm>

#include "core/text.h"
#include "modules/org/repo.h"
#include "store/audit.h"

namespace jiceng::duty {
namespace {

// Every item column, with org and person names and the progress of a problem derived from its measures
// (weighted over the measures that count: an accepted one as done; a draft — unassigned, or a proposal not yet
// confirmed — or a cancelled one not at all; measure_count counts the same set).
constexpr const char* kSelect = R"sql(
SELECT i.id, i.kind, COALESCE(i.parent_id, 0), i.title, i.content, i.target, i.weight, i.deadline, i.source, i.area,
  i.severity, i.month, i.assigner_org_id, ao.code,
  COALESCE((SELECT n.name FROM org_name n WHERE n.unit_id = ao.id ORDER BY n.valid_from DESC LIMIT 1), ''),
  i.responsible_org_id, ro.code,
  COALESCE((SELECT n.name FROM org_name n WHERE n.unit_id = ro.id ORDER BY n.valid_from DESC LIMIT 1), ''),
  COALESCE(i.responsible_person_id, 0), COALESCE(rp.name, ''), COALESCE(i.leader_person_id, 0), COALESCE(lp.name, ''),
  i.state,
  COALESCE((SELECT SUM(m.weight * CASE WHEN m.state = 'accepted' THEN 100 ELSE m.progress END) / SUM(m.weight)
            FROM duty_item m WHERE m.parent_id = i.id AND m.kind = 'measure' AND m.state NOT IN ('cancelled', 'draft')),
           i.progress),
  i.score, i.grade,
  (SELECT COUNT(*) FROM duty_item m WHERE m.parent_id = i.id AND m.kind = 'measure'
     AND m.state NOT IN ('cancelled', 'draft')),
  COALESCE(i.proposed_by_org_id, 0), (SELECT COUNT(*) FROM duty_evidence e WHERE e.item_id = i.id)
FROM duty_item i
JOIN org_unit ao ON ao.id = i.assigner_org_id
JOIN org_unit ro ON ro.id = i.responsible_org_id
LEFT JOIN person rp ON rp.id = i.responsible_person_id
LEFT JOIN person lp ON lp.id = i.leader_person_id
)sql";

// The visible and the responsible subtree, each a JSON array of org ids (DutyRepo::Sets): from the server's memory
// of today's tree, or from one recursive query of their own. Why not a recursive query here: PostgreSQL runs
// `x IN recursive_cte` as a scan of the whole subtree per row; and not materialized, since it scans a materialized
// CTE once per row too, while the set put in place it hashes once.
constexpr const char* kSubtree = R"sql(
WITH sub(id) AS NOT MATERIALIZED (SELECT CAST(value AS INTEGER) FROM json_each(?)),
rsub(id) AS NOT MATERIALIZED (SELECT CAST(value AS INTEGER) FROM json_each(?))
)sql";

// Whether a filter can match a draft (only then does the visible subtree matter once the responsible org is known
// to lie within it).
bool AdmitsDrafts(const ItemFilter& f) {
  if (!f.overdue_before.empty() || !f.due_between_from.empty()) return false;  // open items only
  if (f.state && *f.state != "draft") return false;
  if (!f.states.empty() && std::find(f.states.begin(), f.states.end(), "draft") == f.states.end()) return false;
  return true;
}

std::string IdList(const std::vector<int64_t>& ids) {
  std::string out = JoinIds(ids);
  return out.empty() ? "NULL" : out;
}

}  // namespace

std::vector<Item> DutyRepo::Read(store::Statement& s) {
  std::vector<Item> items;
  while (s.Step()) {
    Item it;
    it.id = s.Int(0);
    it.kind = ParseKind(s.Text(1)).value_or(ItemKind::kProblem);
    it.parent_id = s.Int(2);
    it.title = s.Text(3);
    it.content = s.Text(4);
    it.target = s.Text(5);
    it.weight = static_cast<int>(s.Int(6));
    it.deadline = Date::Parse(s.Text(7)).value_or(Date());
    it.source = ParseSource(s.Text(8));
    it.area = s.Text(9);
    it.severity = ParseSeverity(s.Text(10));
    it.month = s.Text(11);
    it.assigner_org_id = s.Int(12);
    it.assigner_org_code = s.Text(13);
    it.assigner_org_name = s.Text(14);
    it.responsible_org_id = s.Int(15);
    it.responsible_org_code = s.Text(16);
    it.responsible_org_name = s.Text(17);
    if (s.Int(18) != 0) it.responsible_person = PersonRef{s.Int(18), s.Text(19)};
    if (s.Int(20) != 0) it.leader = PersonRef{s.Int(20), s.Text(21)};
    it.state = ParseState(s.Text(22)).value_or(State::kDraft);
    it.progress = static_cast<int>(s.Int(23));
    if (!s.IsNull(24)) it.score = static_cast<int>(s.Int(24));
    it.grade = s.Text(25);
    it.measure_count = static_cast<int>(s.Int(26));
    it.proposed_by_org_id = s.Int(27);
    it.evidence_count = static_cast<int>(s.Int(28));
    items.push_back(std::move(it));
  }
  return items;
}

namespace {
std::map<int64_t, std::string> TitlesIn(store::Connection& db, const char* table, const std::vector<int64_t>& ids) {
  std::string sql = "SELECT id, title FROM ";
  sql += table;
  sql += " WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))";
  auto s = db.Prepare(sql);
  std::string json = "[";  // a JSON array for json_each
  json += JoinIds(ids);
  json += "]";
  s->Bind(1, json);
  std::map<int64_t, std::string> titles;
  while (s->Step()) titles.emplace(s->Int(0), s->Text(1));
  return titles;
}
}  // namespace

std::map<int64_t, std::string> DutyRepo::TitlesOf(const std::vector<int64_t>& ids) {
  return TitlesIn(db_, "duty_item", ids);
}

std::map<int64_t, std::string> DutyRepo::ListTitlesOf(const std::vector<int64_t>& ids) {
  return TitlesIn(db_, "duty_list", ids);
}

std::optional<Item> DutyRepo::Find(int64_t id) {
  auto s = db_.Prepare(std::string(kSelect) + " WHERE i.id = ?");
  s->Bind(1, id);
  auto items = Read(*s);
  if (items.empty()) return std::nullopt;
  return items.front();
}

std::vector<Item> DutyRepo::Measures(int64_t problem_id) {
  auto s = db_.Prepare(std::string(kSelect) + " WHERE i.parent_id = ? AND i.kind = 'measure' ORDER BY i.id");
  s->Bind(1, problem_id);
  return Read(*s);
}

std::string DutyRepo::Where(const ItemFilter& f, std::vector<std::string>* args) const {
  std::string w = " WHERE 1 = 1";
  auto arg = [&](std::string v) {
    args->push_back(std::move(v));
    return std::string("?");
  };
  if (f.visible_root != 0 && f.responsible_root != 0 && f.responsible_within_visible) {
    // The rule below for a responsible org within the visible subtree (so not among visible_above, the caller's
    // ancestors): every item but a draft, and a draft assigned or proposed from the subtree.
    if (AdmitsDrafts(f)) w += " AND (i.state <> 'draft' OR i.assigner_org_id IN sub OR i.proposed_by_org_id IN sub)";
  } else if (f.visible_root != 0) {
    // The same rule as SidesOf: drafts to the assigning side; assigned items also at and above the responsible
    // org; published ones also below it.
    w += " AND (i.assigner_org_id IN sub OR i.proposed_by_org_id IN sub OR"
         " (i.state <> 'draft' AND i.responsible_org_id IN sub) OR"
         " (i.state NOT IN ('draft', 'assigned') AND i.responsible_org_id IN (" +
         IdList(f.visible_above) + ")))";
  }
  if (f.kind) w += " AND i.kind = " + arg(*f.kind);
  if (f.state) w += " AND i.state = " + arg(*f.state);
  if (!f.states.empty()) {
    w += " AND i.state IN (";
    for (size_t k = 0; k < f.states.size(); ++k) {
      if (k) w += ',';
      w += arg(f.states[k]);
    }
    w += ")";
  }
  if (f.source) w += " AND i.source = " + arg(*f.source);
  if (f.area) w += " AND i.area = " + arg(*f.area);
  if (f.month) w += " AND i.month = " + arg(*f.month);
  if (f.responsible_root != 0) w += " AND i.responsible_org_id IN rsub";
  if (f.responsible_org != 0) w += " AND i.responsible_org_id = " + std::to_string(f.responsible_org);
  if (f.assigner_org != 0) w += " AND i.assigner_org_id = " + std::to_string(f.assigner_org);
  if (!f.responsible_parent_of.empty()) {
    w += " AND i.responsible_org_id IN (SELECT unit_id FROM org_link WHERE valid_to = '9999-12-31' AND parent_id IN (" +
         IdList(f.responsible_parent_of) + "))";
  }
  if (!f.not_responsible_parent_of.empty()) {
    w += " AND i.responsible_org_id NOT IN (SELECT unit_id FROM org_link WHERE valid_to = '9999-12-31' AND"
         " parent_id IN (" + IdList(f.not_responsible_parent_of) + "))";
  }
  if (f.leader != 0) w += " AND i.leader_person_id = " + std::to_string(f.leader);
  if (f.parent_id != 0) w += " AND i.parent_id = " + std::to_string(f.parent_id);
  if (!f.query.empty()) w += " AND instr(i.title, " + arg(f.query) + ") > 0";
  const std::string open = " AND i.state IN " + OpenStatesSql();
  if (!f.overdue_before.empty()) w += open + " AND i.deadline < " + arg(f.overdue_before);
  if (!f.due_between_from.empty()) {
    // Two placeholders: push them in order (the operands of + are not sequenced).
    const std::string from = arg(f.due_between_from);
    const std::string to = arg(f.due_between_to);
    w += open + " AND i.deadline >= " + from + " AND i.deadline <= " + to;
  }
  return w;
}

std::vector<std::string> DutyRepo::Sets(const ItemFilter& f) {
  const Date today = Date::Today();
  org::OrgRepo orgs(db_);
  std::vector<std::string> sets{"[]", "[]"};
  const bool visible_needed =
      f.visible_root != 0 && !(f.responsible_root != 0 && f.responsible_within_visible && !AdmitsDrafts(f));
  if (visible_needed) sets[0] = org::SubtreeJson(orgs, memory_, f.visible_root, today);
  if (!f.responsible_in.empty()) {
    sets[1] = "[" + JoinIds(f.responsible_in) + "]";
  } else if (f.responsible_root != 0) {
    sets[1] = org::SubtreeJson(orgs, memory_, f.responsible_root, today);
  }
  return sets;
}

namespace {
// Binds the two subtree sets, then the filter's parameters.
void BindAll(store::Statement& s, const std::vector<std::string>& sets, const std::vector<std::string>& args) {
  int i = 1;
  for (const auto& set : sets) s.Bind(i++, set);
  for (const auto& a : args) s.Bind(i++, a);
}
}  // namespace

std::vector<Item> DutyRepo::List(const ItemFilter& f) {
  std::vector<std::string> args = Sets(f);
  std::string where = Where(f, &args);
  std::string order = f.sort == "id" ? "i.id" : f.sort == "updated" ? "i.updated_at" : "i.deadline";
  auto s = db_.Prepare(std::string(kSubtree) + kSelect + where + " ORDER BY " + order + (f.descending ? " DESC" : "") +
                       ", i.id LIMIT " + std::to_string(f.limit) + " OFFSET " + std::to_string(f.offset));
  BindAll(*s, {}, args);
  return Read(*s);
}

int64_t DutyRepo::Count(const ItemFilter& f) {
  std::vector<std::string> args = Sets(f);
  std::string where = Where(f, &args);
  auto s = db_.Prepare(std::string(kSubtree) + "SELECT COUNT(*) FROM duty_item i" + where);
  BindAll(*s, {}, args);
  return s->Step() ? s->Int(0) : 0;
}

std::vector<std::pair<int64_t, Date>> DutyRepo::Keys(const ItemFilter& f) {
  std::vector<std::string> args = Sets(f);
  std::string where = Where(f, &args);
  auto s = db_.Prepare(std::string(kSubtree) + "SELECT i.id, i.deadline FROM duty_item i" + where);
  BindAll(*s, {}, args);
  std::vector<std::pair<int64_t, Date>> keys;
  while (s->Step()) keys.emplace_back(s->Int(0), Date::Parse(s->Text(1)).value_or(Date()));
  return keys;
}

std::vector<Item> DutyRepo::ListByIds(const std::vector<int64_t>& ids) {
  if (ids.empty()) return {};
  auto s = db_.Prepare(std::string(kSelect) + " WHERE i.id IN (" + JoinIds(ids) + ")");
  return Read(*s);
}

namespace {
// The fields an edit may change, bound from `i` on in this order (Insert and UpdateFields name the columns in the
// same order). Returns the next placeholder's index.
int BindEditable(store::Statement& s, int i, const Item& it) {
  s.Bind(i++, it.title);
  s.Bind(i++, it.content);
  s.Bind(i++, it.target);
  s.Bind(i++, it.weight);
  s.Bind(i++, it.deadline.ToString());
  s.Bind(i++, it.source ? SourceCode(*it.source) : "");
  s.Bind(i++, it.area);
  s.Bind(i++, it.severity ? SeverityCode(*it.severity) : "");
  s.Bind(i++, it.month);
  s.Bind(i++, it.responsible_org_id);
  it.responsible_person ? s.Bind(i++, it.responsible_person->id) : s.BindNull(i++);
  it.leader ? s.Bind(i++, it.leader->id) : s.BindNull(i++);
  return i;
}
}  // namespace

int64_t DutyRepo::Insert(const Item& it, int64_t list_id, const std::string& now) {
  store::Statement& s = db_.Cached(
      "INSERT INTO duty_item(kind, parent_id, list_id, assigner_org_id, title, content, target, weight, deadline,"
      " source, area, severity, month, responsible_org_id, responsible_person_id, leader_person_id, state,"
      " progress, created_at, updated_at, proposed_by_org_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  int i = 1;
  s.Bind(i++, KindCode(it.kind));
  it.parent_id ? s.Bind(i++, it.parent_id) : s.BindNull(i++);
  list_id ? s.Bind(i++, list_id) : s.BindNull(i++);
  s.Bind(i++, it.assigner_org_id);
  i = BindEditable(s, i, it);
  s.Bind(i++, StateCode(it.state));
  s.Bind(i++, it.progress);
  s.Bind(i++, now);
  s.Bind(i++, now);
  it.proposed_by_org_id ? s.Bind(i++, it.proposed_by_org_id) : s.BindNull(i++);
  s.Run();
  return db_.LastInsertId();
}

void DutyRepo::SetCreatedAt(int64_t id, const std::string& at) {
  auto s = db_.Prepare("UPDATE duty_item SET created_at = ? WHERE id = ?");
  s->Bind(1, at).Bind(2, id);
  s->Run();
}

void DutyRepo::UpdateFields(const Item& it, const std::string& now) {
  store::Statement& s = db_.Cached(
      "UPDATE duty_item SET title = ?, content = ?, target = ?, weight = ?, deadline = ?, source = ?, area = ?,"
      " severity = ?, month = ?, responsible_org_id = ?, responsible_person_id = ?, leader_person_id = ?,"
      " updated_at = ? WHERE id = ?");
  int i = BindEditable(s, 1, it);
  s.Bind(i++, now);
  s.Bind(i++, it.id);
  s.Run();
}

void DutyRepo::SetState(int64_t id, State state, std::optional<int> progress, std::optional<int> score,
                        const std::string& grade, const std::string& now) {
  store::Statement* s = &db_.Cached(
      "UPDATE duty_item SET state = ?, progress = COALESCE(?, progress), score = ?, grade = ?, updated_at = ?"
      " WHERE id = ?");
  s->Bind(1, StateCode(state));
  progress ? s->Bind(2, *progress) : s->BindNull(2);
  score ? s->Bind(3, *score) : s->BindNull(3);
  s->Bind(4, grade).Bind(5, now).Bind(6, id);
  s->Run();
}

void DutyRepo::AddEvent(int64_t item_id, const std::string& at, const std::string& actor, std::string_view action,
                        State from, State to, const std::string& note, std::optional<int> progress) {
  store::Statement* s = &db_.Cached(
      "INSERT INTO duty_event(item_id, at, actor, action, from_state, to_state, note, progress)"
      " VALUES (?,?,?,?,?,?,?,?)");
  s->Bind(1, item_id).Bind(2, at).Bind(3, actor).Bind(4, action).Bind(5, StateCode(from));
  s->Bind(6, StateCode(to)).Bind(7, note);
  progress ? s->Bind(8, *progress) : s->BindNull(8);
  s->Run();
  store::SealWithNextAudit(db_, "duty_event", db_.LastInsertId());  // the command's audit record vouches for it
}

std::vector<Event> DutyRepo::Timeline(int64_t item_id) {
  // In time order (a step entered later may be dated earlier).
  auto s = db_.Prepare(
      "SELECT e.at, e.actor, e.action, e.from_state, e.to_state, e.note, e.progress"
      " FROM duty_event e WHERE e.item_id = ? ORDER BY e.at, e.id");
  s->Bind(1, item_id);
  std::vector<Event> events;
  while (s->Step()) {
    Event e{s->Text(0), s->Text(1), s->Text(2), s->Text(3), s->Text(4), s->Text(5), std::nullopt};
    if (!s->IsNull(6)) e.progress = static_cast<int>(s->Int(6));
    events.push_back(std::move(e));
  }
  return events;
}

int64_t DutyRepo::InsertEvidence(const Evidence& e) {
  auto s = db_.Prepare(
      "INSERT INTO duty_evidence(item_id, sha256, file_name, content_type, size, uploaded_by, uploaded_at)"
      " VALUES (?,?,?,?,?,?,?)");
  s->Bind(1, e.item_id).Bind(2, e.sha256).Bind(3, e.file_name).Bind(4, e.content_type).Bind(5, e.size);
  s->Bind(6, e.uploaded_by).Bind(7, e.uploaded_at);
  s->Run();
  return db_.LastInsertId();
}

namespace {
constexpr const char* kEvidenceColumns =
    "SELECT id, item_id, sha256, file_name, content_type, size, uploaded_by, uploaded_at FROM duty_evidence";
Evidence ReadEvidence(store::Statement& s) {
  return Evidence{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), s.Text(6), s.Text(7), s.Int(5)};
}
}  // namespace

std::optional<Evidence> DutyRepo::FindEvidence(int64_t id) {
  auto s = db_.Prepare(std::string(kEvidenceColumns) + " WHERE id = ?");
  s->Bind(1, id);
  if (!s->Step()) return std::nullopt;
  return ReadEvidence(*s);
}

std::vector<Evidence> DutyRepo::EvidenceOf(int64_t item_id) {
  auto s = db_.Prepare(std::string(kEvidenceColumns) + " WHERE item_id = ? ORDER BY id");
  s->Bind(1, item_id);
  std::vector<Evidence> out;
  while (s->Step()) out.push_back(ReadEvidence(*s));
  return out;
}

int64_t DutyRepo::InsertList(const DutyList& l, const std::string& by, const std::string& now) {
  auto s = db_.Prepare(
      "INSERT INTO duty_list(title, year, issuer_org_id, holder_org_id, created_by, created_at) VALUES (?,?,?,?,?,?)");
  s->Bind(1, l.title).Bind(2, l.year).Bind(3, l.issuer_org_id).Bind(4, l.holder_org_id).Bind(5, by).Bind(6, now);
  s->Run();
  return db_.LastInsertId();
}

namespace {
constexpr const char* kListSelect = R"sql(
SELECT d.id, d.title, d.year, d.issuer_org_id, io.code,
  COALESCE((SELECT n.name FROM org_name n WHERE n.unit_id = io.id ORDER BY n.valid_from DESC LIMIT 1), ''),
  d.holder_org_id, ho.code,
  COALESCE((SELECT n.name FROM org_name n WHERE n.unit_id = ho.id ORDER BY n.valid_from DESC LIMIT 1), ''),
  d.acknowledged_at, d.acknowledged_by, (SELECT COUNT(*) FROM duty_item i WHERE i.list_id = d.id),
  d.withdrawn_at, d.withdrawn_by, d.withdraw_reason
FROM duty_list d JOIN org_unit io ON io.id = d.issuer_org_id JOIN org_unit ho ON ho.id = d.holder_org_id
)sql";
std::vector<DutyList> ReadLists(store::Statement& s) {
  std::vector<DutyList> out;
  while (s.Step()) {
    DutyList l;
    l.id = s.Int(0);
    l.title = s.Text(1);
    l.year = static_cast<int>(s.Int(2));
    l.issuer_org_id = s.Int(3);
    l.issuer_org_code = s.Text(4);
    l.issuer_org_name = s.Text(5);
    l.holder_org_id = s.Int(6);
    l.holder_org_code = s.Text(7);
    l.holder_org_name = s.Text(8);
    l.acknowledged_at = s.Text(9);
    l.acknowledged_by = s.Text(10);
    l.item_count = static_cast<int>(s.Int(11));
    l.withdrawn_at = s.Text(12);
    l.withdrawn_by = s.Text(13);
    l.withdraw_reason = s.Text(14);
    out.push_back(std::move(l));
  }
  return out;
}
}  // namespace

std::optional<DutyList> DutyRepo::FindList(int64_t id) {
  auto s = db_.Prepare(std::string(kListSelect) + " WHERE d.id = ?");
  s->Bind(1, id);
  auto lists = ReadLists(*s);
  if (lists.empty()) return std::nullopt;
  return lists.front();
}

std::vector<DutyList> DutyRepo::Lists(int64_t root, int year) {
  const std::string today = Date::Today().ToString();
  auto s = db_.Prepare(
      "WITH RECURSIVE sub(id) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT l.unit_id FROM org_link l JOIN sub ON l.parent_id = sub.id"
      " WHERE l.valid_from <= ? AND ? < l.valid_to)" +
      std::string(kListSelect) + " WHERE (d.issuer_org_id IN sub OR d.holder_org_id IN sub)" +
      (year ? " AND d.year = " + std::to_string(year) : "") + " ORDER BY d.year DESC, d.id");
  s->Bind(1, root).Bind(2, today).Bind(3, today);
  return ReadLists(*s);
}

void DutyRepo::Acknowledge(int64_t list_id, const std::string& by, const std::string& at) {
  auto s = db_.Prepare("UPDATE duty_list SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?");
  s->Bind(1, at).Bind(2, by).Bind(3, list_id);
  s->Run();
}

void DutyRepo::AttachToList(int64_t item_id, int64_t list_id) {
  auto s = db_.Prepare("UPDATE duty_item SET list_id = ? WHERE id = ?");
  s->Bind(1, list_id).Bind(2, item_id);
  s->Run();
}

void DutyRepo::Withdraw(int64_t list_id, const std::string& by, const std::string& at, const std::string& reason) {
  auto s = db_.Prepare("UPDATE duty_list SET withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? WHERE id = ?");
  s->Bind(1, at).Bind(2, by).Bind(3, reason).Bind(4, list_id);
  s->Run();
}

std::vector<Item> DutyRepo::ListItems(int64_t list_id) {
  auto s = db_.Prepare(std::string(kSelect) + " WHERE i.list_id = ? ORDER BY i.id");
  s->Bind(1, list_id);
  return Read(*s);
}

}  // namespace jiceng::duty
