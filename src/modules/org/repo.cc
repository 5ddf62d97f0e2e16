#include "modules/org/repo.h"

#include <boost/json.hpp>

#include "core/text.h"

namespace jiceng::org {
namespace {

// Columns of a unit as of date ?2; the caller adds the WHERE on ?1.
constexpr const char* kSelectUnit = R"sql(
SELECT u.id, u.code, u.level, COALESCE(un.kind, u.kind), u.created_on, u.dissolved_on, COALESCE(mu.code, ''),
  un.name,
  COALESCE(l.parent_id, 0), COALESCE(p.code, ''),
  COALESCE((SELECT n.name FROM org_name n WHERE n.unit_id = p.id AND n.valid_from <= ?2 AND ?2 < n.valid_to), '')
FROM org_unit u
JOIN org_link l ON l.unit_id = u.id AND l.valid_from <= ?2 AND ?2 < l.valid_to
LEFT JOIN org_name un ON un.unit_id = u.id AND un.valid_from <= ?2 AND ?2 < un.valid_to
LEFT JOIN org_unit p ON p.id = l.parent_id
LEFT JOIN org_unit mu ON mu.id = u.merged_into
)sql";

// The unit's name as of ?2.
constexpr const char* kNameAsOf =
    "(SELECT n.name FROM org_name n WHERE n.unit_id = u.id AND n.valid_from <= ?2 AND ?2 < n.valid_to)";

Date ParseStoredDate(const std::string& text) { return Date::Parse(text).value_or(Date()); }

}  // namespace

store::Statement& OrgRepo::Cached(std::unique_ptr<store::Statement>& slot, std::string_view sql) {
  if (!slot) slot = db_.Prepare(sql);
  slot->Reset();
  return *slot;
}

std::vector<OrgUnit> OrgRepo::ReadUnits(store::Statement& stmt) {
  std::vector<OrgUnit> units;
  while (stmt.Step()) {
    OrgUnit u;
    u.id = stmt.Int(0);
    u.code = stmt.Text(1);
    u.level = ParseLevel(stmt.Text(2)).value_or(Level::kUnit);
    u.kind = ParseKind(stmt.Text(3)).value_or(Kind::kOther);
    u.created_on = ParseStoredDate(stmt.Text(4));
    std::string dissolved = stmt.Text(5);
    if (dissolved != kEndOfTime) u.dissolved_on = ParseStoredDate(dissolved);
    u.merged_into_code = stmt.Text(6);
    u.name = stmt.Text(7);
    u.parent_id = stmt.Int(8);
    u.parent_code = stmt.Text(9);
    u.parent_name = stmt.Text(10);
    units.push_back(std::move(u));
  }
  stmt.Reset();
  return units;
}

std::optional<OrgUnit> OrgRepo::FindByCode(std::string_view code, Date as_of) {
  auto& stmt = Cached(by_code_, std::string(kSelectUnit) + " WHERE u.code = ?1");
  stmt.Bind(1, code).Bind(2, as_of.ToString());
  auto units = ReadUnits(stmt);
  if (units.empty()) return std::nullopt;
  return units.front();
}

std::optional<OrgUnit> OrgRepo::FindById(int64_t id, Date as_of) {
  auto stmt = db_.Prepare(std::string(kSelectUnit) + " WHERE u.id = ?1");
  stmt->Bind(1, id).Bind(2, as_of.ToString());
  auto units = ReadUnits(*stmt);
  if (units.empty()) return std::nullopt;
  return units.front();
}

std::map<std::string, std::string> OrgRepo::NamesByCode(const std::vector<std::string>& codes, Date as_of) {
  auto s = db_.Prepare(
      "SELECT u.code, COALESCE(" + std::string(kNameAsOf) +
      ", (SELECT n.name FROM org_name n WHERE n.unit_id = u.id AND n.valid_from <= ?2 ORDER BY n.valid_from DESC"
      " LIMIT 1), '') FROM org_unit u WHERE u.code IN (SELECT value FROM json_each(?1))");
  s->Bind(1, boost::json::serialize(boost::json::value_from(codes))).Bind(2, as_of.ToString());
  std::map<std::string, std::string> names;
  while (s->Step()) names.emplace(s->Text(0), s->Text(1));
  return names;
}

std::optional<int64_t> OrgRepo::IdOfCode(std::string_view code) {
  auto stmt = db_.Prepare("SELECT id FROM org_unit WHERE code = ?");
  stmt->Bind(1, code);
  if (!stmt->Step()) return std::nullopt;
  return stmt->Int(0);
}

std::vector<OrgUnit> OrgRepo::Children(int64_t parent_id, Date as_of) {
  auto& stmt = Cached(children_, std::string(kSelectUnit) + " WHERE l.parent_id = ?1 ORDER BY u.code");
  stmt.Bind(1, parent_id).Bind(2, as_of.ToString());
  return ReadUnits(stmt);
}

std::vector<OrgUnit> OrgRepo::Roots(Date as_of) {
  auto stmt = db_.Prepare(std::string(kSelectUnit) + " WHERE l.parent_id IS NULL ORDER BY u.code");
  stmt->Bind(2, as_of.ToString());
  return ReadUnits(*stmt);
}

std::vector<OrgUnit> OrgRepo::FindByName(std::string_view text, Date as_of, int limit) {
  auto stmt = db_.Prepare(std::string(kSelectUnit) +
                          " WHERE u.id IN (SELECT unit_id FROM org_name WHERE instr(name, ?1) > 0)"
                          " OR u.code LIKE ?4 ESCAPE '\\' ORDER BY length(u.code), u.code LIMIT ?3");
  stmt->Bind(1, text).Bind(2, as_of.ToString()).Bind(3, limit).Bind(4, EscapeLike(text) + "%");
  return ReadUnits(*stmt);
}

std::vector<OrgUnit> OrgRepo::FindByNameWithin(int64_t root_id, std::string_view text, Date as_of, int limit) {
  // `exact`: the units whose name or code is the text. Their own Party organizations (the branch of a village
  // searched by the village's name) are found whatever their names, and ranked right after their unit — issue #11:
  // 中村党支部 came after every 12-digit unit whose name started with 中村, since the order put shorter codes first.
  // The rest: names and codes that start with the text, then names that contain it, each in the tree's order
  // (codes sort a unit before what lies below it, and a unit's Party organizations "…-D01" right after it).
  const std::string exact_or_own = "(u.id IN exact OR (u.level = 'party' AND l.parent_id IN exact))";
  auto stmt = db_.Prepare(
      "WITH RECURSIVE sub(id) AS (SELECT CAST(?4 AS INTEGER) UNION ALL SELECT l.unit_id FROM org_link l JOIN sub ON l.parent_id = sub.id"
      " WHERE l.valid_from <= ?2 AND ?2 < l.valid_to),"
      " exact(id) AS (SELECT n.unit_id FROM org_name n WHERE n.name = ?1 AND n.valid_from <= ?2 AND ?2 < n.valid_to"
      " AND n.unit_id IN sub UNION SELECT o.id FROM org_unit o WHERE o.code = ?1 AND o.id IN sub)" +
      std::string(kSelectUnit) + " WHERE u.id IN sub AND (instr(un.name, ?1) > 0 OR u.code LIKE ?5 ESCAPE '\\' OR " +
      exact_or_own + ") ORDER BY CASE WHEN " + exact_or_own + " THEN 0 WHEN substr(un.name, 1, length(?1)) = ?1 OR" +
      " u.code LIKE ?5 ESCAPE '\\' THEN 1 ELSE 2 END," +
      // An exact unit's Party organizations sort under its code, after it.
      " CASE WHEN u.id NOT IN exact AND u.level = 'party' AND l.parent_id IN exact THEN p.code ELSE u.code END,"
      " u.id NOT IN exact, u.code LIMIT ?3");
  stmt->Bind(1, text).Bind(2, as_of.ToString()).Bind(3, limit).Bind(4, root_id).Bind(5, EscapeLike(text) + "%");
  return ReadUnits(*stmt);
}

std::vector<int64_t> OrgRepo::SubtreeIds(int64_t root_id, Date as_of) {
  auto stmt = db_.Prepare(R"sql(
WITH RECURSIVE sub(id) AS (
  SELECT CAST(?1 AS INTEGER)
  UNION ALL
  SELECT l.unit_id FROM org_link l JOIN sub ON l.parent_id = sub.id WHERE l.valid_from <= ?2 AND ?2 < l.valid_to)
SELECT id FROM sub)sql");
  stmt->Bind(1, root_id).Bind(2, as_of.ToString());
  std::vector<int64_t> ids;
  while (stmt->Step()) ids.push_back(stmt->Int(0));
  return ids;
}

std::string SubtreeJson(OrgRepo& repo, const TreeMemory* memory, int64_t root_id, Date as_of) {
  std::vector<int64_t> ids;
  if (!memory || memory->Day() != as_of || !memory->Subtree(root_id, ids)) ids = repo.SubtreeIds(root_id, as_of);
  return "[" + JoinIds(ids) + "]";
}

std::vector<int64_t> OrgRepo::AncestorIds(int64_t id, Date as_of) {
  std::vector<int64_t> ids;
  for (auto link = LinkAt(id, as_of); link && link->parent_id != 0; link = LinkAt(link->parent_id, as_of)) {
    ids.push_back(link->parent_id);
    if (ids.size() > 64) break;  // a cycle would be a fault of the data; never loop forever
  }
  return ids;
}

std::vector<std::pair<std::string, int64_t>> OrgRepo::ChildKindCounts(int64_t parent_id, Date as_of) {
  auto stmt = db_.Prepare(
      "SELECT COALESCE(n.kind, u.kind) AS k, COUNT(*) FROM org_link l JOIN org_unit u ON u.id = l.unit_id"
      " LEFT JOIN org_name n ON n.unit_id = u.id AND n.valid_from <= ?2 AND ?2 < n.valid_to"
      " WHERE l.parent_id = ?1 AND l.valid_from <= ?2 AND ?2 < l.valid_to GROUP BY k ORDER BY k");
  stmt->Bind(1, parent_id).Bind(2, as_of.ToString());
  std::vector<std::pair<std::string, int64_t>> counts;
  while (stmt->Step()) counts.emplace_back(stmt->Text(0), stmt->Int(1));
  return counts;
}

std::vector<LevelKindCount> OrgRepo::CountByLevelKind(Date as_of) {
  auto stmt = db_.Prepare(
      "SELECT u.level, COALESCE(n.kind, u.kind) AS k, COUNT(*) FROM org_link l JOIN org_unit u ON u.id = l.unit_id"
      " LEFT JOIN org_name n ON n.unit_id = u.id AND n.valid_from <= ?1 AND ?1 < n.valid_to"
      " WHERE l.valid_from <= ?1 AND ?1 < l.valid_to GROUP BY u.level, k ORDER BY u.level, k");
  stmt->Bind(1, as_of.ToString());
  std::vector<LevelKindCount> counts;
  while (stmt->Step()) counts.push_back({stmt->Text(0), stmt->Text(1), stmt->Int(2)});
  return counts;
}

int64_t OrgRepo::ChildCount(int64_t parent_id, Date as_of) {
  auto stmt = db_.Prepare("SELECT COUNT(*) FROM org_link WHERE parent_id = ?1 AND valid_from <= ?2 AND ?2 < valid_to");
  stmt->Bind(1, parent_id).Bind(2, as_of.ToString());
  return stmt->Step() ? stmt->Int(0) : 0;
}

int64_t OrgRepo::InsertUnit(std::string_view code, Level level, Kind kind, Date created_on) {
  auto& stmt = Cached(insert_unit_, "INSERT INTO org_unit(code, level, kind, created_on) VALUES (?, ?, ?, ?)");
  stmt.Bind(1, code).Bind(2, LevelCode(level)).Bind(3, KindCode(kind)).Bind(4, created_on.ToString());
  stmt.Run();
  return db_.LastInsertId();
}

void OrgRepo::InsertName(int64_t id, std::string_view name, Date from, Date to) {
  auto& stmt = Cached(insert_name_, "INSERT INTO org_name(unit_id, valid_from, valid_to, name) VALUES (?, ?, ?, ?)");
  stmt.Bind(1, id).Bind(2, from.ToString()).Bind(3, to.ToString()).Bind(4, name);
  stmt.Run();
}

void OrgRepo::InsertLink(int64_t id, int64_t parent_id, Date from, Date to) {
  auto& stmt =
      Cached(insert_link_, "INSERT INTO org_link(unit_id, valid_from, valid_to, parent_id) VALUES (?, ?, ?, ?)");
  stmt.Bind(1, id).Bind(2, from.ToString()).Bind(3, to.ToString());
  if (parent_id == 0) {
    stmt.BindNull(4);
  } else {
    stmt.Bind(4, parent_id);
  }
  stmt.Run();
}

void OrgRepo::InsertNameAs(int64_t id, std::string_view name, Date from, Date to, std::string_view kind,
                           std::string_view code) {
  auto stmt = db_.Prepare("INSERT INTO org_name(unit_id, valid_from, valid_to, name, kind, code) VALUES (?, ?, ?, ?, ?, ?)");
  stmt->Bind(1, id).Bind(2, from.ToString()).Bind(3, to.ToString()).Bind(4, name);
  if (kind.empty()) {
    stmt->BindNull(5);
  } else {
    stmt->Bind(5, kind);
  }
  if (code.empty()) {
    stmt->BindNull(6);
  } else {
    stmt->Bind(6, code);
  }
  stmt->Run();
}

void OrgRepo::FreezeNameKinds(int64_t id) {
  auto stmt = db_.Prepare(
      "UPDATE org_name SET kind = (SELECT kind FROM org_unit WHERE id = ?1) WHERE unit_id = ?1 AND kind IS NULL");
  stmt->Bind(1, id);
  stmt->Run();
}

void OrgRepo::SetUnitKind(int64_t id, Kind kind) {
  auto stmt = db_.Prepare("UPDATE org_unit SET kind = ? WHERE id = ?");
  stmt->Bind(1, KindCode(kind)).Bind(2, id);
  stmt->Run();
}

std::optional<Date> OrgRepo::FirstDay(int64_t id) {
  auto stmt = db_.Prepare("SELECT MIN(valid_from) FROM org_link WHERE unit_id = ?");
  stmt->Bind(1, id);
  if (!stmt->Step() || stmt->IsNull(0)) return std::nullopt;
  return Date::Parse(stmt->Text(0));
}

int64_t OrgRepo::LinksBeginningAfter(int64_t parent_id, Date on) {
  auto stmt = db_.Prepare("SELECT COUNT(*) FROM org_link WHERE parent_id = ? AND valid_from > ?");
  stmt->Bind(1, parent_id).Bind(2, on.ToString());
  return stmt->Step() ? stmt->Int(0) : 0;
}

int64_t OrgRepo::MembersAt(int64_t id, Date on) {
  auto stmt = db_.Prepare("SELECT COUNT(*) FROM person_org WHERE org_id = ?1 AND valid_from <= ?2 AND ?2 < valid_to");
  stmt->Bind(1, id).Bind(2, on.ToString());
  return stmt->Step() ? stmt->Int(0) : 0;
}

std::optional<Interval> OrgRepo::LinkAt(int64_t id, Date on) {
  auto& stmt = Cached(link_at_,
                      "SELECT valid_from, valid_to, COALESCE(parent_id, 0) FROM org_link"
                      " WHERE unit_id = ?1 AND valid_from <= ?2 AND ?2 < valid_to");
  stmt.Bind(1, id).Bind(2, on.ToString());
  std::optional<Interval> link;
  if (stmt.Step()) link = Interval{ParseStoredDate(stmt.Text(0)), ParseStoredDate(stmt.Text(1)), stmt.Int(2), ""};
  stmt.Reset();
  return link;
}

std::optional<Interval> OrgRepo::NameAt(int64_t id, Date on) {
  auto stmt = db_.Prepare(
      "SELECT valid_from, valid_to, name FROM org_name WHERE unit_id = ?1 AND valid_from <= ?2 AND ?2 < valid_to");
  stmt->Bind(1, id).Bind(2, on.ToString());
  if (!stmt->Step()) return std::nullopt;
  return Interval{ParseStoredDate(stmt->Text(0)), ParseStoredDate(stmt->Text(1)), 0, stmt->Text(2)};
}

void OrgRepo::EndLink(int64_t id, Date valid_from, Date to) {
  auto stmt = db_.Prepare("UPDATE org_link SET valid_to = ? WHERE unit_id = ? AND valid_from = ?");
  stmt->Bind(1, to.ToString()).Bind(2, id).Bind(3, valid_from.ToString());
  stmt->Run();
}

void OrgRepo::RewriteName(int64_t id, Date valid_from, std::string_view name, std::string_view kind,
                          std::string_view code, Date to) {
  auto stmt = db_.Prepare(
      "UPDATE org_name SET name = ?, kind = ?, code = ?, valid_to = ? WHERE unit_id = ? AND valid_from = ?");
  stmt->Bind(1, name).Bind(2, kind).Bind(3, code).Bind(4, to.ToString()).Bind(5, id).Bind(6, valid_from.ToString());
  stmt->Run();
}

void OrgRepo::RewriteLink(int64_t id, Date valid_from, int64_t parent_id, Date to) {
  auto stmt = db_.Prepare("UPDATE org_link SET parent_id = ?, valid_to = ? WHERE unit_id = ? AND valid_from = ?");
  stmt->Bind(1, parent_id).Bind(2, to.ToString()).Bind(3, id).Bind(4, valid_from.ToString());
  stmt->Run();
}

void OrgRepo::EndName(int64_t id, Date valid_from, Date to) {
  auto stmt = db_.Prepare("UPDATE org_name SET valid_to = ? WHERE unit_id = ? AND valid_from = ?");
  stmt->Bind(1, to.ToString()).Bind(2, id).Bind(3, valid_from.ToString());
  stmt->Run();
}

void OrgRepo::MarkMerged(int64_t id, Date on, int64_t into_id) {
  auto stmt = db_.Prepare("UPDATE org_unit SET dissolved_on = ?, merged_into = ? WHERE id = ?");
  stmt->Bind(1, on.ToString()).Bind(2, into_id).Bind(3, id);
  stmt->Run();
}

void OrgRepo::InsertEvent(int64_t id, std::string_view kind, Date on, int64_t other_id, std::string_view old_value,
                          std::string_view new_value, std::string_view reason, std::string_view actor,
                          std::string_view approved_by) {
  auto stmt = db_.Prepare(
      "INSERT INTO org_event(unit_id, kind, on_date, other_unit_id, old_value, new_value, reason, actor, approved_by)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  stmt->Bind(1, id).Bind(2, kind).Bind(3, on.ToString());
  if (other_id == 0) {
    stmt->BindNull(4);
  } else {
    stmt->Bind(4, other_id);
  }
  stmt->Bind(5, old_value).Bind(6, new_value).Bind(7, reason).Bind(8, actor).Bind(9, approved_by);
  stmt->Run();
}

std::vector<OrgEvent> OrgRepo::Events(int64_t id) {
  auto stmt = db_.Prepare(
      "SELECT e.kind, e.on_date, e.old_value, e.new_value, COALESCE(o.code, ''), e.reason, e.actor, e.approved_by"
      " FROM org_event e"
      " LEFT JOIN org_unit o ON o.id = e.other_unit_id WHERE e.unit_id = ? ORDER BY e.on_date, e.id");
  stmt->Bind(1, id);
  std::vector<OrgEvent> events;
  while (stmt->Step()) {
    events.push_back({stmt->Text(0), ParseStoredDate(stmt->Text(1)), stmt->Text(2), stmt->Text(3), stmt->Text(4),
                      stmt->Text(5), stmt->Text(6), stmt->Text(7)});
  }
  return events;
}

std::vector<Interval> OrgRepo::Links(int64_t id) {
  auto stmt = db_.Prepare(
      "SELECT valid_from, valid_to, COALESCE(parent_id, 0) FROM org_link WHERE unit_id = ? ORDER BY valid_from");
  stmt->Bind(1, id);
  std::vector<Interval> links;
  while (stmt->Step())
    links.push_back({ParseStoredDate(stmt->Text(0)), ParseStoredDate(stmt->Text(1)), stmt->Int(2), ""});
  return links;
}

std::vector<Interval> OrgRepo::Names(int64_t id) {
  auto stmt = db_.Prepare(
      "SELECT n.valid_from, n.valid_to, n.name, COALESCE(n.kind, u.kind), COALESCE(n.code, u.code) FROM org_name n"
      " JOIN org_unit u ON u.id = n.unit_id WHERE n.unit_id = ? ORDER BY n.valid_from");
  stmt->Bind(1, id);
  std::vector<Interval> names;
  while (stmt->Step()) {
    names.push_back({ParseStoredDate(stmt->Text(0)), ParseStoredDate(stmt->Text(1)), 0, stmt->Text(2),
                     stmt->Text(3), stmt->Text(4)});
  }
  return names;
}

std::string OrgRepo::NextChildCode(std::string_view parent_code, char prefix) {
  std::string stem = std::string(parent_code) + "-" + prefix;
  auto stmt = db_.Prepare("SELECT code FROM org_unit WHERE code > ?1 AND code < ?1 || ':' ");
  stmt->Bind(1, stem);
  int next = 1;
  while (stmt->Step()) {
    std::string code = stmt->Text(0);
    std::string tail = code.substr(stem.size());
    if (tail.size() >= 2 && tail.find('-') == std::string::npos) {
      next = std::max(next, std::stoi(tail) + 1);
    }
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02d", next);
  return stem + buf;
}

namespace {
constexpr const char* kSelectRequest = R"sql(
SELECT r.id, r.kind, r.unit_id, u.code, r.unit_name, r.target_code, r.target_name, r.name, r.new_kind,
  r.with_namesakes, r.on_date, r.reason, r.requested_by, r.requested_at, r.state, r.decided_by, r.decided_at,
  r.decision_note, r.outcome
FROM org_change_request r JOIN org_unit u ON u.id = r.unit_id
)sql";

std::vector<ChangeRequest> ReadRequests(store::Statement& stmt) {
  std::vector<ChangeRequest> out;
  while (stmt.Step()) {
    ChangeRequest r;
    r.id = stmt.Int(0);
    r.kind = ParseChangeKind(stmt.Text(1)).value_or(ChangeKind::kRename);
    r.unit_id = stmt.Int(2);
    r.unit_code = stmt.Text(3);
    r.unit_name = stmt.Text(4);
    r.target_code = stmt.Text(5);
    r.target_name = stmt.Text(6);
    r.name = stmt.Text(7);
    r.new_kind = stmt.Text(8);
    r.with_namesakes = stmt.Int(9) != 0;
    r.on = ParseStoredDate(stmt.Text(10));
    r.reason = stmt.Text(11);
    r.requested_by = stmt.Text(12);
    r.requested_at = stmt.Text(13);
    r.state = ParseChangeState(stmt.Text(14)).value_or(ChangeState::kPending);
    r.decided_by = stmt.Text(15);
    r.decided_at = stmt.Text(16);
    r.decision_note = stmt.Text(17);
    r.outcome = stmt.Text(18);
    out.push_back(std::move(r));
  }
  return out;
}
}  // namespace

int64_t OrgRepo::InsertChangeRequest(const ChangeRequest& r) {
  auto stmt = db_.Prepare(
      "INSERT INTO org_change_request(kind, unit_id, unit_name, target_code, target_name, name, new_kind,"
      " with_namesakes, on_date, reason, requested_by, requested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  stmt->Bind(1, ChangeKindCode(r.kind)).Bind(2, r.unit_id).Bind(3, r.unit_name).Bind(4, r.target_code);
  stmt->Bind(5, r.target_name).Bind(6, r.name).Bind(7, r.new_kind).Bind(8, r.with_namesakes ? 1 : 0);
  stmt->Bind(9, r.on.ToString()).Bind(10, r.reason).Bind(11, r.requested_by).Bind(12, r.requested_at);
  stmt->Run();
  return db_.LastInsertId();
}

std::optional<ChangeRequest> OrgRepo::FindChangeRequest(int64_t id) {
  auto stmt = db_.Prepare(std::string(kSelectRequest) + " WHERE r.id = ?");
  stmt->Bind(1, id);
  auto found = ReadRequests(*stmt);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<ChangeRequest> OrgRepo::ChangeRequests(bool pending_only, int limit) {
  auto stmt = db_.Prepare(std::string(kSelectRequest) +
                          (pending_only ? " WHERE r.state = 'pending'" : "") + " ORDER BY r.id DESC LIMIT ?");
  stmt->Bind(1, limit);
  return ReadRequests(*stmt);
}

std::optional<ChangeRequest> OrgRepo::PendingChangeOf(int64_t unit_id) {
  auto stmt = db_.Prepare(std::string(kSelectRequest) + " WHERE r.unit_id = ? AND r.state = 'pending' ORDER BY r.id");
  stmt->Bind(1, unit_id);
  auto found = ReadRequests(*stmt);
  if (found.empty()) return std::nullopt;
  return found.front();
}

void OrgRepo::DecideChangeRequest(int64_t id, ChangeState state, std::string_view by, std::string_view at,
                                  std::string_view note, std::string_view outcome) {
  auto stmt = db_.Prepare(
      "UPDATE org_change_request SET state = ?, decided_by = ?, decided_at = ?, decision_note = ?, outcome = ?"
      " WHERE id = ?");
  stmt->Bind(1, ChangeStateCode(state)).Bind(2, by).Bind(3, at).Bind(4, note).Bind(5, outcome).Bind(6, id);
  stmt->Run();
}

}  // namespace jiceng::org

namespace jiceng::org {
std::optional<OrgUnit> FindWithin(OrgRepo& repo, int64_t root_id, std::string_view code, Date as_of) {
  auto unit = repo.FindByCode(code, as_of);
  if (!unit || !WithinScope(repo, root_id, unit->id, as_of)) return std::nullopt;
  return unit;
}

namespace {
thread_local uint64_t scope_refusals = 0;
}  // namespace

uint64_t ScopeRefusalsOnThisThread() { return scope_refusals; }

bool WithinScope(OrgRepo& repo, int64_t root_id, int64_t unit_id, Date as_of) {
  if (root_id == unit_id) return repo.LinkAt(unit_id, as_of).has_value();
  for (int64_t ancestor : repo.AncestorIds(unit_id, as_of)) {
    if (ancestor == root_id) return true;
  }
  ++scope_refusals;
  return false;
}
}  // namespace jiceng::org
