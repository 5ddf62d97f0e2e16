#include "modules/people/repo.h"

#include <algorithm>

#include "core/text.h"
#include "modules/org/repo.h"

namespace jiceng::people {
namespace {

constexpr const char* kIdsIn = " IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))";

// The subtree's org ids, a JSON array bound to ?2 (PeopleRepo::SubtreeSet: from the server's memory of today's
// tree, or from one recursive query of its own — PostgreSQL runs `x IN recursive_cte` as a walk per row). Not
// materialized: PostgreSQL scans a materialized CTE once per row of a correlated EXISTS, while the set itself, put
// in place, it hashes once.
constexpr const char* kSubtree = R"sql(
WITH sub(id) AS NOT MATERIALIZED (SELECT CAST(value AS INTEGER) FROM json_each(?2))
)sql";

constexpr const char* kColumns = R"sql(
SELECT p.id, p.name, p.name_pinyin, p.name_initials, p.gender, p.ethnicity, p.birth_date, p.id_number_cipher,
  p.id_number_hash, p.phone_cipher, p.education, p.political_status, p.joined_party_on,
  COALESCE(o.code, ''),
  COALESCE((SELECT n.name FROM org_name n WHERE n.unit_id = o.id AND n.valid_from <= ?1 AND ?1 < n.valid_to), ''),
  COALESCE(po.valid_from, '')
FROM person p
LEFT JOIN person_org po ON po.person_id = p.id AND po.valid_from <= ?1 AND ?1 < po.valid_to
LEFT JOIN org_unit o ON o.id = po.org_id
)sql";

PersonRow ReadRow(const store::Statement& s) {
  PersonRow r;
  r.id = s.Int(0);
  r.name = s.Text(1);
  r.name_pinyin = s.Text(2);
  r.name_initials = s.Text(3);
  r.gender = s.Text(4);
  r.ethnicity = s.Text(5);
  r.birth_date = s.Text(6);
  r.id_number_cipher = s.Blob(7);
  r.id_number_hash = s.Blob(8);
  r.phone_cipher = s.IsNull(9) ? "" : s.Blob(9);
  r.education = s.Text(10);
  r.political_status = s.Text(11);
  if (!s.IsNull(12)) r.joined_party_on = s.Text(12);
  r.org_code = s.Text(13);
  r.org_name = s.Text(14);
  r.org_since = s.Text(15);
  return r;
}

void BindRow(store::Statement& stmt, const PersonRow& row, const std::string& now) {
  stmt.Bind(1, row.name).Bind(2, row.name_pinyin).Bind(3, row.name_initials).Bind(4, row.gender);
  stmt.Bind(5, row.ethnicity).Bind(6, row.birth_date).BindBlob(7, row.id_number_cipher);
  stmt.BindBlob(8, row.id_number_hash);
  if (row.phone_cipher.empty()) {
    stmt.BindNull(9);
  } else {
    stmt.BindBlob(9, row.phone_cipher);
  }
  stmt.Bind(10, row.education).Bind(11, row.political_status).Bind(12, row.joined_party_on).Bind(13, now);
  stmt.Bind(15, row.name_tails);
}

}  // namespace

int64_t PeopleRepo::Insert(const PersonRow& row, const std::string& now) {
  if (!insert_) {
    insert_ = db_.Prepare(
        "INSERT INTO person(name, name_pinyin, name_initials, gender, ethnicity, birth_date, id_number_cipher,"
        " id_number_hash, phone_cipher, education, political_status, joined_party_on, created_at, updated_at,"
        " name_tails) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?15)");
  }
  insert_->Reset();
  BindRow(*insert_, row, now);
  insert_->Run();
  return db_.LastInsertId();
}

void PeopleRepo::Update(const PersonRow& row, const std::string& now) {
  auto stmt = db_.Prepare(
      "UPDATE person SET name = ?1, name_pinyin = ?2, name_initials = ?3, gender = ?4, ethnicity = ?5,"
      " birth_date = ?6, id_number_cipher = ?7, id_number_hash = ?8, phone_cipher = ?9, education = ?10,"
      " political_status = ?11, joined_party_on = ?12, updated_at = ?13, name_tails = ?15 WHERE id = ?14");
  BindRow(*stmt, row, now);
  stmt->Bind(14, row.id);
  stmt->Run();
}

std::optional<int64_t> PeopleRepo::IdByHash(const std::string& id_number_hash) {
  if (!by_hash_) by_hash_ = db_.Prepare("SELECT id FROM person WHERE id_number_hash = ?");
  by_hash_->Reset();
  by_hash_->BindBlob(1, id_number_hash);
  std::optional<int64_t> id;
  if (by_hash_->Step()) id = by_hash_->Int(0);
  by_hash_->Reset();
  return id;
}

std::map<int64_t, std::string> PeopleRepo::NamesOf(const std::vector<int64_t>& ids) {
  auto s = db_.Prepare(std::string("SELECT id, name FROM person WHERE id") + kIdsIn);
  std::string json = "[";  // a JSON array for json_each
  json += JoinIds(ids);
  json += "]";
  s->Bind(1, json);
  std::map<int64_t, std::string> names;
  while (s->Step()) names.emplace(s->Int(0), s->Text(1));
  return names;
}

std::optional<PersonRow> PeopleRepo::Load(int64_t id, Date as_of) {
  auto stmt = db_.Prepare(std::string(kColumns) + " WHERE p.id = ?2");
  stmt->Bind(1, as_of.ToString()).Bind(2, id);
  if (!stmt->Step()) return std::nullopt;
  return ReadRow(*stmt);
}

std::optional<std::pair<int64_t, Date>> PeopleRepo::AffiliationAt(int64_t person_id, Date on) {
  auto stmt = db_.Prepare(
      "SELECT org_id, valid_from FROM person_org WHERE person_id = ?1 AND valid_from <= ?2 AND ?2 < valid_to");
  stmt->Bind(1, person_id).Bind(2, on.ToString());
  if (!stmt->Step()) return std::nullopt;
  return std::make_pair(stmt->Int(0), Date::Parse(stmt->Text(1)).value_or(Date()));
}

void PeopleRepo::InsertAffiliation(int64_t person_id, int64_t org_id, Date from) {
  if (!insert_affiliation_) {
    insert_affiliation_ =
        db_.Prepare("INSERT INTO person_org(person_id, valid_from, valid_to, org_id) VALUES (?, ?, '9999-12-31', ?)");
  }
  insert_affiliation_->Reset();
  insert_affiliation_->Bind(1, person_id).Bind(2, from.ToString()).Bind(3, org_id);
  insert_affiliation_->Run();
}

void PeopleRepo::EndAffiliation(int64_t person_id, Date from, Date to) {
  auto stmt = db_.Prepare("UPDATE person_org SET valid_to = ? WHERE person_id = ? AND valid_from = ?");
  stmt->Bind(1, to.ToString()).Bind(2, person_id).Bind(3, from.ToString());
  stmt->Run();
}

int64_t PeopleRepo::MoveAffiliations(int64_t from_org, int64_t into_org, Date on) {
  auto open = db_.Prepare(
      "SELECT person_id, valid_from FROM person_org WHERE org_id = ?1 AND valid_from <= ?2 AND ?2 < valid_to");
  open->Bind(1, from_org).Bind(2, on.ToString());
  std::vector<std::pair<int64_t, std::string>> moving;
  while (open->Step()) moving.emplace_back(open->Int(0), open->Text(1));
  for (const auto& [person_id, from] : moving) {
    Date start = Date::Parse(from).value_or(Date());
    if (start == on) {
      // Began the same day: re-point it rather than leave an empty interval.
      auto stmt = db_.Prepare("UPDATE person_org SET org_id = ? WHERE person_id = ? AND valid_from = ?");
      stmt->Bind(1, into_org).Bind(2, person_id).Bind(3, from);
      stmt->Run();
      continue;
    }
    EndAffiliation(person_id, start, on);
    InsertAffiliation(person_id, into_org, on);
  }
  return static_cast<int64_t>(moving.size());
}

int64_t PeopleRepo::InsertPost(int64_t person_id, int64_t org_id, PostTitle title, Date start,
                               std::optional<Date> end) {
  if (!insert_post_) {
    insert_post_ = db_.Prepare("INSERT INTO post(person_id, org_id, title, start_on, end_on) VALUES (?, ?, ?, ?, ?)");
  }
  insert_post_->Reset();
  insert_post_->Bind(1, person_id).Bind(2, org_id).Bind(3, PostCode(title)).Bind(4, start.ToString());
  insert_post_->Bind(5, end ? end->ToString() : std::string(kEndOfTime));
  insert_post_->Run();
  return db_.LastInsertId();
}

std::vector<Post> PeopleRepo::PostsOf(int64_t person_id, std::optional<Date> as_of) {
  std::string sql =
      "SELECT t.id, o.code, COALESCE((SELECT n.name FROM org_name n WHERE n.unit_id = o.id"
      " AND n.valid_from <= t.start_on ORDER BY n.valid_from DESC LIMIT 1), ''), t.title, t.start_on, t.end_on"
      " FROM post t JOIN org_unit o ON o.id = t.org_id WHERE t.person_id = ?1";
  if (as_of) sql += " AND t.start_on <= ?2 AND ?2 < t.end_on";
  sql += " ORDER BY t.start_on, t.id";
  auto stmt = db_.Prepare(sql);
  stmt->Bind(1, person_id);
  if (as_of) stmt->Bind(2, as_of->ToString());
  std::vector<Post> posts;
  while (stmt->Step()) {
    Post p;
    p.id = stmt->Int(0);
    p.org_code = stmt->Text(1);
    p.org_name = stmt->Text(2);
    p.title = ParsePost(stmt->Text(3)).value_or(PostTitle::kCommitteeMember);
    p.start_on = Date::Parse(stmt->Text(4)).value_or(Date());
    if (stmt->Text(5) != kEndOfTime) p.end_on = Date::Parse(stmt->Text(5));
    posts.push_back(std::move(p));
  }
  return posts;
}

std::vector<int64_t> PeopleRepo::OrgIdsOf(int64_t person_id, Date as_of) {
  auto stmt = db_.Prepare(
      "SELECT org_id FROM person_org WHERE person_id = ?1 AND valid_from <= ?2 AND ?2 < valid_to"
      " UNION SELECT org_id FROM post WHERE person_id = ?1 AND start_on <= ?2 AND ?2 < end_on");
  stmt->Bind(1, person_id).Bind(2, as_of.ToString());
  std::vector<int64_t> ids;
  while (stmt->Step()) ids.push_back(stmt->Int(0));
  return ids;
}

bool PeopleRepo::WithinScope(int64_t person_id, int64_t root_id, Date as_of) {
  org::OrgRepo orgs(db_);
  for (int64_t org_id : OrgIdsOf(person_id, as_of)) {
    if (org::WithinScope(orgs, root_id, org_id, as_of)) return true;
  }
  return false;
}

// A name or pinyin search over a subtree holding more than a sixth of everyone matches the names first and then
// checks each match's subtree; otherwise the subtree's people are gathered first and each checked against the name.
// Why: gathering a province's 206,900 people (and sorting them for the union with the post holders) took 850 ms of
// the province's search for 扎西 on a loaded machine; scanning every name in the name index and checking the
// 3,496 matches took 175 ms. For 海西州 (17,596 people) gathering stays cheaper: 60 ms against 125 ms, the scan of
// every name costing the same whatever the subtree (measured 2026-12-02, load average 9; bench/pages).
bool PeopleRepo::NamesFirst(const PersonFilter& f) const {
  if (f.subtree_root == 0 || !f.subtree_people || (f.name_like.empty() && f.pinyin_prefix.empty())) return false;
  const int64_t everyone = store::QueryInt(db_, "SELECT COALESCE(MAX(id), 0) FROM person");
  return *f.subtree_people * 6 > everyone;
}

std::string PeopleRepo::Where(const PersonFilter& f) const {
  const bool names_first = NamesFirst(f);
  std::string where = " WHERE 1 = 1";
  if (f.subtree_root != 0 && names_first) {
    where +=
        " AND (EXISTS (SELECT 1 FROM person_org x WHERE x.person_id = p.id AND x.valid_from <= ?1 AND ?1 < x.valid_to"
        " AND x.org_id IN (SELECT id FROM sub))"
        " OR EXISTS (SELECT 1 FROM post t WHERE t.person_id = p.id AND t.start_on <= ?1 AND ?1 < t.end_on"
        " AND t.org_id IN (SELECT id FROM sub)))";
  } else if (f.subtree_root != 0) {
    where +=
        " AND p.id IN (SELECT x.person_id FROM person_org x JOIN sub ON x.org_id = sub.id"
        " WHERE x.valid_from <= ?1 AND ?1 < x.valid_to"
        " UNION SELECT t.person_id FROM post t JOIN sub ON t.org_id = sub.id"
        " WHERE t.start_on <= ?1 AND ?1 < t.end_on)";
  }
  if (f.status) where += " AND p.political_status = ?3";
  if (f.post) {
    where +=
        " AND EXISTS (SELECT 1 FROM post t WHERE t.person_id = p.id AND t.title = ?4"
        " AND t.start_on <= ?1 AND ?1 < t.end_on)";
  }
  if (f.education) where += " AND p.education = ?5";
  if (f.ethnicity) where += " AND p.ethnicity = ?6";
  if (f.born_after) where += " AND p.birth_date >= ?7";
  if (f.born_before) where += " AND p.birth_date <= ?8";
  // Names first: the matching ids from the name index alone (a covering scan, a fraction of the table's pages).
  if (!f.name_like.empty()) {
    where += names_first ? " AND p.id IN (SELECT n.id FROM person n WHERE instr(n.name, ?9) > 0)"
                         : " AND instr(p.name, ?9) > 0";
  }
  if (!f.pinyin_prefix.empty()) {
    // At any syllable boundary of the full pinyin or the initials (core/pinyin.h SyllableTails).
    where += names_first ? " AND p.id IN (SELECT n.id FROM person n WHERE instr(n.name_tails, ' ' || ?10) > 0)"
                         : " AND instr(p.name_tails, ' ' || ?10) > 0";
  }
  return where;
}

std::string PeopleRepo::SubtreeSet(const PersonFilter& f) const {
  org::OrgRepo orgs(db_);
  return org::SubtreeJson(orgs, f.memory, f.subtree_root, f.as_of);
}

void PeopleRepo::BindFilter(store::Statement& stmt, const PersonFilter& f) const {
  stmt.Bind(1, f.as_of.ToString());
  if (f.subtree_root != 0) stmt.Bind(2, SubtreeSet(f));
  if (f.status) stmt.Bind(3, *f.status);
  if (f.post) stmt.Bind(4, *f.post);
  if (f.education) stmt.Bind(5, *f.education);
  if (f.ethnicity) stmt.Bind(6, *f.ethnicity);
  if (f.born_after) stmt.Bind(7, *f.born_after);
  if (f.born_before) stmt.Bind(8, *f.born_before);
  if (!f.name_like.empty()) stmt.Bind(9, f.name_like);
  if (!f.pinyin_prefix.empty()) stmt.Bind(10, f.pinyin_prefix);
}

std::vector<PersonRow> PeopleRepo::List(const PersonFilter& f, int64_t* total) {
  std::string order = f.sort == "birth_date" ? "p.birth_date" : f.sort == "id" ? "p.id" : "p.name_pinyin";
  order += std::string(f.descending ? " DESC" : "") + ", p.id";
  if (f.affiliated) return ListWholeSubtree(f, order, total);
  // The page's ids first, from the person table alone; only then the joins and the per-row organization name,
  // for those few rows. Sorting the whole subtree with its joined columns would cost a correlated query per person.
  // The window count gives the total in the same pass over the subtree; `page` is materialized once.
  std::string columns = kColumns;
  columns.replace(columns.find("\nFROM person p\n"), 15, ",\n  (SELECT total FROM page LIMIT 1)\nFROM person p\n");
  std::string sql = std::string(kSubtree) + ", page(id, total) AS (SELECT p.id, COUNT(*) OVER () FROM person p" +
                    Where(f) + " ORDER BY " + order + " LIMIT ?11 OFFSET ?12)" + columns +
                    " WHERE p.id IN (SELECT id FROM page) ORDER BY " + order;
  auto stmt = db_.Prepare(sql);
  BindFilter(*stmt, f);
  stmt->Bind(11, f.limit).Bind(12, f.offset);
  std::vector<PersonRow> rows;
  int64_t counted = -1;
  while (stmt->Step()) {
    rows.push_back(ReadRow(*stmt));
    counted = stmt->Int(16);
  }
  if (total) *total = counted >= 0 ? counted : Count(f);  // past the last page: count on its own
  return rows;
}

// The subtree alone, today, with the roll-up's count of those affiliated with it. The total adds the people who
// hold a post in the subtree while affiliated elsewhere (a few: posts are few). The page: walking the sort order
// and keeping the people of the subtree reads about (offset + limit) × everyone / subtree rows — little for a
// large subtree, where gathering and sorting the whole subtree costs most; a small one is gathered as usual.
std::vector<PersonRow> PeopleRepo::ListWholeSubtree(const PersonFilter& f, const std::string& order, int64_t* total) {
  auto extras = db_.Prepare(std::string(kSubtree) +
                            "SELECT COUNT(DISTINCT t.person_id) FROM post t JOIN sub ON t.org_id = sub.id"
                            " WHERE t.start_on <= ?1 AND ?1 < t.end_on AND NOT EXISTS (SELECT 1 FROM person_org x"
                            " WHERE x.person_id = t.person_id AND x.valid_from <= ?1 AND ?1 < x.valid_to"
                            " AND x.org_id IN (SELECT id FROM sub))");
  const std::string subtree = SubtreeSet(f);
  extras->Bind(1, f.as_of.ToString()).Bind(2, subtree);
  const int64_t in_subtree = *f.affiliated + (extras->Step() ? extras->Int(0) : 0);
  if (total) *total = in_subtree;
  const int64_t everyone = store::QueryInt(db_, "SELECT COALESCE(MAX(id), 0) FROM person");
  const int64_t reads = in_subtree == 0 ? everyone : (f.offset + f.limit) * everyone / in_subtree;
  // Only the name and id orders have an index to walk.
  if (in_subtree == 0 || reads > 50'000 || f.sort == "birth_date") {
    PersonFilter gathered = f;
    gathered.affiliated.reset();
    return List(gathered, nullptr);
  }
  std::string columns = kColumns;
  const std::string sql =
      std::string(kSubtree) +
      ", page(id) AS (SELECT p.id FROM person p WHERE EXISTS (SELECT 1 FROM person_org x WHERE x.person_id = p.id"
      " AND x.valid_from <= ?1 AND ?1 < x.valid_to AND x.org_id IN (SELECT id FROM sub)) OR EXISTS (SELECT 1 FROM"
      " post t WHERE t.person_id = p.id AND t.start_on <= ?1 AND ?1 < t.end_on AND t.org_id IN (SELECT id FROM sub))"
      " ORDER BY " + order + " LIMIT ?11 OFFSET ?12)" + columns + " WHERE p.id IN (SELECT id FROM page) ORDER BY " +
      order;
  auto stmt = db_.Prepare(sql);
  stmt->Bind(1, f.as_of.ToString()).Bind(2, subtree);
  stmt->Bind(11, f.limit).Bind(12, f.offset);
  std::vector<PersonRow> rows;
  while (stmt->Step()) rows.push_back(ReadRow(*stmt));
  return rows;
}

int64_t PeopleRepo::Count(const PersonFilter& f) {
  auto stmt = db_.Prepare(std::string(kSubtree) + "SELECT COUNT(*) FROM person p" + Where(f));
  BindFilter(*stmt, f);
  return stmt->Step() ? stmt->Int(0) : 0;
}

std::vector<std::pair<std::string, int64_t>> PeopleRepo::CountByStatus() {
  auto stmt = db_.Prepare(
      "SELECT p.political_status, COUNT(*) FROM person p GROUP BY p.political_status ORDER BY p.political_status");
  std::vector<std::pair<std::string, int64_t>> counts;
  while (stmt->Step()) counts.emplace_back(stmt->Text(0), stmt->Int(1));
  return counts;
}

PeopleRepo::BulkLoad PeopleRepo::BeginBulkLoad(int64_t expected_persons) {
  BulkLoad load;
  // Not the indexes behind PRIMARY KEY and UNIQUE, which cannot be dropped.
  std::vector<std::string> names;
  for (const char* table : {"person", "person_org", "post"}) {
    for (auto& index : db_.Indexes(table)) {
      names.push_back(index.name);
      load.indexes.push_back(std::move(index.sql));
    }
  }
  for (const std::string& name : names) db_.Exec("DROP INDEX \"" + name + "\"");
  load.cache_size = store::QueryInt(db_, "PRAGMA cache_size");
  // About 64 bytes per entry of the hash index, within 64 MB and 4 GB (in KiB, as a negative pragma value).
  const int64_t kib = std::clamp<int64_t>(expected_persons / 16, 64 * 1024, 4 * 1024 * 1024);
  db_.Exec("PRAGMA cache_size=" + std::to_string(-kib));
  return load;
}

int64_t PeopleRepo::WidenCacheForImport() {
  const int64_t before = store::QueryInt(db_, "PRAGMA cache_size");
  db_.Exec("PRAGMA cache_size=-65536");
  return before;
}

void PeopleRepo::RestoreCache(int64_t cache_size) { db_.Exec("PRAGMA cache_size=" + std::to_string(cache_size)); }

void PeopleRepo::EndBulkLoad(const BulkLoad& load) {
  for (const std::string& create : load.indexes) db_.Exec(create);
  db_.Exec("PRAGMA cache_size=" + std::to_string(load.cache_size));
}

}  // namespace jiceng::people
