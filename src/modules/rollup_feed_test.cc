// The live feed against the store: random sequences of real writes (members moving and changing status,
// secretaries appointed and leaving, work items changing state and deadline, units added, moved and merged, some
// dated in the future) and calendar changes, each followed by Refresh; at checkpoints every node's every figure is
// compared with SQL over today's tree (VerifyRollup). Also: writes by another connection (another process) are
// caught, and a refused write changes nothing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <set>
#include <thread>

#include "modules/org/commands.h"
#include "modules/org/repo.h"
#include "modules/rollup_feed.h"
#include "testing/fixture.h"

namespace jiceng {
namespace {

using testing_support::CopyOf;
using testing_support::TemplateDatabase;

const Actor kActor{"tester", "127.0.0.1"};

std::vector<int64_t> Ids(store::Connection& db, const std::string& sql) {
  std::vector<int64_t> out;
  auto rows = db.Prepare(sql);
  while (rows->Step()) out.push_back(rows->Int(0));
  return out;
}

std::string CodeOf(store::Connection& db, int64_t id) {
  auto row = db.Prepare("SELECT code FROM org_unit WHERE id = ?1");
  row->Bind(1, id);
  return row->Step() ? row->Text(0) : "";
}

class ScopedToday {
 public:
  explicit ScopedToday(Date day) { Set(day); }
  ~ScopedToday() { ::unsetenv("JICENG_TODAY"); }
  void Set(Date day) { ::setenv("JICENG_TODAY", day.ToString().c_str(), 1); }
};

std::string Describe(const std::vector<RollupDifference>& differences) {
  std::string out;
  for (size_t i = 0; i < differences.size() && i < 5; ++i) {
    const auto& d = differences[i];
    out += " [node " + std::to_string(d.node) + " " + d.indicator + ": engine " + std::to_string(d.engine) +
           ", sql " + std::to_string(d.sql) + "]";
  }
  return out;
}

class RollupFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = CopyOf(TemplateDatabase(true), "rollup_feed");
    WatchWrites(*t_.db);
  }
  testing_support::TestDb t_;
};

TEST_F(RollupFeedTest, RandomWritesMovesMergesAndDateChangesStayExact) {
  store::Connection& db = *t_.db;
  Date today = Date::Today();
  ScopedToday calendar(today);
  auto feed = BuildRollup(db, today, 7);
  ASSERT_TRUE(VerifyRollup(db, *feed, today).empty());

  // Where the writes land: 德令哈市 (632802) and 格尔木市 (632801), small enough to hit the same orgs often.
  const std::string in_two_counties =
      " AND (u.code LIKE '632801%' OR u.code LIKE '632802%')";
  auto persons = Ids(db,
                     "SELECT po.person_id FROM person_org po JOIN org_unit u ON u.id = po.org_id WHERE po.valid_to ="
                     " '9999-12-31'" + in_two_counties + " LIMIT 400");
  auto branches = Ids(db, "SELECT u.id FROM org_unit u WHERE u.kind = 'party_branch'" + in_two_counties);
  auto items = Ids(db, "SELECT id FROM duty_item");
  ASSERT_FALSE(persons.empty());
  ASSERT_FALSE(branches.empty());
  ASSERT_FALSE(items.empty());

  std::mt19937 rng(20261122);
  auto pick = [&](const std::vector<int64_t>& v) { return v[rng() % v.size()]; };
  auto live_villages = [&] {
    return Ids(db,
               "SELECT u.id FROM org_unit u JOIN org_link l ON l.unit_id = u.id AND l.valid_to = '9999-12-31'"
               " AND l.valid_from <= '" + Date::Today().ToString() + "' WHERE u.level = 'village'" + in_two_counties);
  };
  auto live_townships = [&] {
    return Ids(db,
               "SELECT u.id FROM org_unit u JOIN org_link l ON l.unit_id = u.id AND l.valid_to = '9999-12-31'"
               " AND l.valid_from <= '" + Date::Today().ToString() + "' WHERE u.level = 'township'" + in_two_counties);
  };
  const char* statuses[] = {"full_member", "probationary_member", "candidate", "activist", "masses"};
  const char* states[] = {"assigned", "in_progress", "submitted", "returned", "accepted", "cancelled"};
  int moves = 0, merges = 0, dated = 0, day_changes = 0;

  for (int op = 0; op < 240; ++op) {
    const int kind = static_cast<int>(rng() % 10);
    if (kind <= 1) {  // a member changes status
      store::Transaction tx(db);
      auto st = db.Prepare("UPDATE person SET political_status = ?1 WHERE id = ?2");
      st->Bind(1, statuses[rng() % 5]).Bind(2, pick(persons));
      st->Run();
      tx.Commit();
    } else if (kind == 2) {  // a member transfers to another branch
      store::Transaction tx(db);
      auto st = db.Prepare("UPDATE person_org SET org_id = ?1 WHERE person_id = ?2 AND valid_to = '9999-12-31'");
      st->Bind(1, pick(branches)).Bind(2, pick(persons));
      st->Run();
      tx.Commit();
    } else if (kind == 3) {  // a branch's secretary leaves, or a new one is appointed
      store::Transaction tx(db);
      const int64_t branch = pick(branches);
      if (rng() % 2) {
        auto st = db.Prepare("UPDATE post SET end_on = ?1 WHERE org_id = ?2 AND title = 'secretary'");
        st->Bind(1, Date::Today().ToString()).Bind(2, branch);
        st->Run();
      } else {
        auto st = db.Prepare(
            "INSERT INTO post(person_id, org_id, title, start_on) VALUES (?1, ?2, 'secretary', ?3)");
        st->Bind(1, pick(persons)).Bind(2, branch).Bind(3, Date::Today().ToString());
        st->Run();
      }
      tx.Commit();
    } else if (kind == 4) {  // a work item changes state and deadline
      store::Transaction tx(db);
      const int64_t item = pick(items);
      const char* state = states[rng() % 6];
      auto st = db.Prepare("UPDATE duty_item SET state = ?1, deadline = ?2 WHERE id = ?3");
      st->Bind(1, state).Bind(2, Date::Today().AddDays(static_cast<int>(rng() % 40) - 20).ToString()).Bind(3, item);
      st->Run();
      if (std::string(state) == "accepted") {
        auto ev = db.Prepare(
            "INSERT INTO duty_event(item_id, at, actor, action, from_state, to_state) VALUES (?1, ?2, 'tester',"
            " 'accept', 'submitted', 'accepted')");
        ev->Bind(1, item).Bind(2, Date::Today().AddDays(-static_cast<int>(rng() % 45)).ToString() + "T10:00:00+08:00");
        ev->Run();
      }
      tx.Commit();
    } else if (kind == 5) {  // a new Party branch under a village
      org::OrgCommands c(db, kActor);
      auto added = c.AddUnit({CodeOf(db, pick(live_villages())), "party_branch", "新建第" + std::to_string(op) + "党支部", ""});
      ASSERT_TRUE(added.ok()) << added.status().ToString();
      branches.push_back(added->id);
    } else if (kind == 6 || kind == 7) {  // a village moves to another township, today or on a later day
      org::OrgCommands c(db, kActor);
      const bool later = rng() % 3 == 0;
      auto moved = c.Move({CodeOf(db, pick(live_villages())), CodeOf(db, pick(live_townships())),
                           Date::Today().AddDays(later ? 3 : 0).ToString(), "测试变更"});
      if (moved.ok()) {
        ++moves;
        dated += later;
      }
    } else if (kind == 8) {  // two villages merge
      auto villages = live_villages();
      const int64_t from = pick(villages), into = pick(villages);
      if (from == into) continue;
      org::OrgCommands c(db, kActor, MergeListeners());
      auto merged = c.Merge({CodeOf(db, from), CodeOf(db, into), Date::Today().ToString(), "测试变更"});
      if (merged.ok()) ++merges;
    } else {  // the calendar moves on
      calendar.Set(Date::Today().AddDays(1 + static_cast<int>(rng() % 4)));
      ++day_changes;
    }
    feed->Refresh(db);
    if (op % 40 == 39) {
      auto differences = VerifyRollup(db, *feed, Date::Today());
      ASSERT_TRUE(differences.empty()) << "after op " << op << ":" << Describe(differences);
    }
  }
  EXPECT_GT(moves, 0);
  EXPECT_GT(merges, 0);
  EXPECT_GT(dated, 0);
  EXPECT_GT(day_changes, 0);
}

TEST_F(RollupFeedTest, WritesOfAnotherConnectionAreCaughtAndRefusedWritesChangeNothing) {
  store::Connection& db = *t_.db;
  const Date today = Date::Today();
  auto feed = BuildRollup(db, today, 7);
  const int64_t province = store::QueryInt(db, "SELECT id FROM org_unit WHERE code = '630000000000'");
  const size_t members = 3;  // the "members" column (after the org module's three)
  ASSERT_EQ(feed->columns[members].name, "members");
  const double before = feed->Values(province, today)[members];

  // Another process (here: another connection) turns a candidate into a probationary member.
  auto other = store::Open(t_.path, {});
  ASSERT_TRUE(other.ok());
  {
    store::Transaction tx(**other);
    (*other)->Exec(
        "UPDATE person SET political_status = 'probationary_member' WHERE id = (SELECT MIN(id) FROM person WHERE"
        " political_status = 'candidate')");
    tx.Commit();
  }
  // A write that fails rolls back its log entries with it.
  try {
    store::Transaction tx(db);
    db.Exec("UPDATE person SET political_status = 'candidate' WHERE political_status = 'full_member' AND id < 100");
    db.Exec("INSERT INTO no_such_table VALUES (1)");
    tx.Commit();
  } catch (const store::Fault&) {
  }
  EXPECT_GT(feed->Refresh(db), 0u);
  EXPECT_EQ(feed->Values(province, today)[members], before + 1);
  EXPECT_TRUE(VerifyRollup(db, *feed, today).empty());
  EXPECT_EQ(feed->Refresh(db), 0u);  // nothing new
}

// Two servers on one database, each with its own feed: a write committed through one server's connection (and
// refreshed there, as Guard does) reaches the other's figures. On PostgreSQL the other feed's RollupFollower is
// woken by NOTIFY and refreshes by itself, so its reads (CatchUp) ask nothing of the store; on SQLite there is
// nothing to listen to and CatchUp refreshes from the change log. Not timed: the wait is bounded only so that a
// broken follower fails instead of hanging.
TEST_F(RollupFeedTest, TwoServersOnOneDatabaseConverge) {
  const Date today = Date::Today();
  auto writer_db = store::Open(t_.path, {});
  auto reader_db = store::Open(t_.path, {});
  ASSERT_TRUE(writer_db.ok() && reader_db.ok());
  auto writer = BuildRollup(**writer_db, today, 7);
  auto reader = BuildRollup(**reader_db, today, 7);
  RollupFollower follower(*reader, t_.path);
  const bool server_db = store::IsServerDatabase(t_.path);
  if (server_db) {
    for (int i = 0; i < 500 && !reader->followed; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(reader->followed) << "the follower is LISTENing";
  }
  const int64_t province = store::QueryInt(**writer_db, "SELECT id FROM org_unit WHERE code = '630000000000'");
  const size_t members = 3;
  ASSERT_EQ(reader->columns[members].name, "members");
  for (int round = 1; round <= 3; ++round) {
    const double before = reader->Values(province, today)[members];
    {
      store::Transaction tx(**writer_db);
      (*writer_db)->Exec(
          "UPDATE person SET political_status = 'probationary_member' WHERE id = (SELECT MIN(id) FROM person WHERE"
          " political_status = 'candidate')");
      tx.Commit();
    }
    writer->Refresh(**writer_db);  // the writer's own answer includes its write
    EXPECT_EQ(writer->Values(province, today)[members], before + 1);
    bool seen = false;
    for (int i = 0; i < 1000 && !seen; ++i) {  // at most 10 s
      reader->CatchUp(**reader_db);
      seen = reader->Values(province, today)[members] == before + 1;
      if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_TRUE(seen) << "round " << round;
    if (server_db) {
      EXPECT_TRUE(reader->followed);
    }
  }
  EXPECT_TRUE(VerifyRollup(**reader_db, *reader, today).empty());
}

// Changes entered to take effect on a later day (a merge on the 1st of next month, a secretary appointed from a
// later day) leave today's figures as they are, and move them on that day, with no write in between.
TEST_F(RollupFeedTest, DatedChangesCountFromTheirDayOn) {
  store::Connection& db = *t_.db;
  const Date today = Date::Today();
  ScopedToday calendar(today);
  auto feed = BuildRollup(db, today, 7);
  auto column = [&](const std::string& name) {
    for (size_t c = 0; c < feed->columns.size(); ++c) {
      if (feed->columns[c].name == name) return c;
    }
    ADD_FAILURE() << "no column " << name;
    return size_t{0};
  };
  const size_t persons = column("persons"), vacant = column("villages_without_secretary");
  auto value = [&](int64_t org, size_t c) { return feed->Values(org, Date::Today())[c]; };

  // Two branches of 格尔木市 under different villages, with their people: X merges into Y in three days.
  auto branches = Ids(db,
                      "SELECT u.id FROM org_unit u JOIN org_link l ON l.unit_id = u.id WHERE u.kind = 'party_branch'"
                      " AND u.code LIKE '632801%' AND EXISTS (SELECT 1 FROM person_org po WHERE po.org_id = u.id)"
                      " ORDER BY u.id");
  ASSERT_GE(branches.size(), 2u);
  const int64_t x = branches.front(), y = branches.back();
  const int64_t x_village = feed->engine->ParentOf(x), y_village = feed->engine->ParentOf(y);
  ASSERT_NE(x_village, y_village);
  const double nx = value(x, persons), ny = value(y, persons), vx = value(x_village, persons),
               vy = value(y_village, persons);
  ASSERT_GT(nx, 0);
  org::OrgCommands commands(db, kActor, MergeListeners());
  auto merged = commands.Merge({CodeOf(db, x), CodeOf(db, y), today.AddDays(3).ToString(), "测试变更"});
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  feed->Refresh(db);
  EXPECT_EQ(value(x, persons), nx) << "until the merge, X's people are X's";
  EXPECT_EQ(value(y, persons), ny);
  EXPECT_EQ(value(y_village, persons), vy);
  EXPECT_TRUE(VerifyRollup(db, *feed, Date::Today()).empty());
  calendar.Set(today.AddDays(3));
  feed->Refresh(db);
  EXPECT_FALSE(feed->engine->Has(x));
  EXPECT_EQ(value(y, persons), ny + nx) << "from the merge's day, Y has them";
  EXPECT_EQ(value(x_village, persons), vx - nx);
  EXPECT_EQ(value(y_village, persons), vy + nx);
  EXPECT_TRUE(VerifyRollup(db, *feed, Date::Today()).empty());

  // A village's secretary leaves today; the successor is appointed from two days later.
  const Date day = Date::Today();
  const int64_t branch = store::QueryInt(
      db, "SELECT ps.org_id FROM post ps JOIN org_link bl ON bl.unit_id = ps.org_id AND bl.valid_to = '9999-12-31'"
          " JOIN org_unit v ON v.id = bl.parent_id AND v.level = 'village' WHERE ps.title = 'secretary' AND"
          " ps.end_on = '9999-12-31' AND v.code LIKE '632802%' AND (SELECT COUNT(*) FROM post p2 JOIN org_link l2 ON"
          " l2.unit_id = p2.org_id AND l2.valid_to = '9999-12-31' WHERE l2.parent_id = v.id AND p2.title ="
          " 'secretary' AND p2.end_on = '9999-12-31') = 1 ORDER BY ps.id LIMIT 1");
  ASSERT_NE(branch, 0) << "a village of 德令哈市 with one serving secretary";
  const int64_t village = feed->engine->ParentOf(branch);
  ASSERT_EQ(value(village, vacant), 0);
  const int64_t successor = store::QueryInt(db, "SELECT MIN(person_id) FROM person_org WHERE org_id = " +
                                                    std::to_string(branch));
  {
    store::Transaction tx(db);
    auto leave = db.Prepare("UPDATE post SET end_on = ?1 WHERE org_id = ?2 AND title = 'secretary'");
    leave->Bind(1, day.ToString()).Bind(2, branch);
    leave->Run();
    auto appoint = db.Prepare("INSERT INTO post(person_id, org_id, title, start_on) VALUES (?1, ?2, 'secretary', ?3)");
    appoint->Bind(1, successor).Bind(2, branch).Bind(3, day.AddDays(2).ToString());
    appoint->Run();
    tx.Commit();
  }
  feed->Refresh(db);
  EXPECT_EQ(value(village, vacant), 1) << "no secretary until the successor starts";
  calendar.Set(day.AddDays(1));
  feed->Refresh(db);
  EXPECT_EQ(value(village, vacant), 1);
  calendar.Set(day.AddDays(2));
  feed->Refresh(db);
  EXPECT_EQ(value(village, vacant), 0) << "the successor serves from the day appointed";
  EXPECT_TRUE(VerifyRollup(db, *feed, Date::Today()).empty());
}

// The change log is trimmed once it has grown long; writes after a trim are still caught (ids go on growing).
TEST_F(RollupFeedTest, WritesAfterTheLogIsTrimmedAreCaught) {
  store::Connection& db = *t_.db;
  const Date today = Date::Today();
  auto feed = BuildRollup(db, today, 7);
  const int64_t province = store::QueryInt(db, "SELECT id FROM org_unit WHERE code = '630000000000'");
  const size_t members = 3;
  ASSERT_EQ(feed->columns[members].name, "members");
  {
    store::Transaction tx(db);  // touches many people without changing them: a long log
    db.Exec("UPDATE person SET political_status = political_status WHERE id <= 15000");
    tx.Commit();
  }
  ASSERT_GT(store::QueryInt(db, "SELECT COUNT(*) FROM rollup_change"), 20000);
  feed->Refresh(db);
  EXPECT_LT(store::QueryInt(db, "SELECT COUNT(*) FROM rollup_change"), 10) << "trimmed";
  for (int round = 0; round < 3; ++round) {
    const double before = feed->Values(province, today)[members];
    {
      store::Transaction tx(db);
      db.Exec("UPDATE person SET political_status = 'probationary_member' WHERE id = (SELECT MIN(id) FROM person"
              " WHERE political_status = 'candidate')");
      tx.Commit();
    }
    EXPECT_GT(feed->Refresh(db), 0u) << "round " << round;
    EXPECT_EQ(feed->Values(province, today)[members], before + 1) << "round " << round;
  }
  EXPECT_TRUE(VerifyRollup(db, *feed, today).empty());
}

TEST_F(RollupFeedTest, VerifyReportsEveryNodeThatDisagrees) {
  store::Connection& db = *t_.db;
  const Date today = Date::Today();
  auto feed = BuildRollup(db, today, 7);
  ASSERT_TRUE(VerifyRollup(db, *feed, today).empty());
  // One branch's count drifts in the engine: the branch and each of its ancestors disagree, nothing else.
  const int64_t branch = store::QueryInt(db, "SELECT MIN(id) FROM org_unit WHERE kind = 'party_branch'");
  feed->engine->Add(branch, 0, 1);
  size_t depth = 0;
  for (rollup::NodeId n = branch; n != rollup::kNoParent; n = feed->engine->ParentOf(n)) ++depth;
  auto differences = VerifyRollup(db, *feed, today);
  ASSERT_EQ(differences.size(), depth);
  for (const auto& d : differences) {
    EXPECT_EQ(d.indicator, feed->counters[0].name);
    EXPECT_EQ(d.engine, d.sql + 1);
  }
}

// What the feed takes on trust from the manifests, checked for every module: a counted indicator's SQL names
// `{orgs}` once (without it a refresh would read every org's rows after each write: right, and slow), a derived
// one names only counted indicators, names are unique, and a module with figures says which tables feed them
// (without that its figures would never refresh).
TEST(RollupManifestTest, EveryIndicatorIsNarrowableAndEveryModuleWithFiguresIsWatched) {
  std::set<std::string> names, counted;
  for (const ModuleManifest* m : Modules()) {
    for (const Indicator& ind : m->indicators) {
      EXPECT_TRUE(names.insert(ind.name).second) << "indicator named twice: " << ind.name;
      if (ind.kind == IndicatorKind::kCount) counted.insert(ind.name);
    }
  }
  for (const ModuleManifest* m : Modules()) {
    bool reads_tables = false;
    for (const Indicator& ind : m->indicators) {
      EXPECT_FALSE(ind.title.empty()) << ind.name;
      if (ind.kind == IndicatorKind::kPercent || ind.kind == IndicatorKind::kSum) {
        EXPECT_TRUE(ind.own_sql.empty()) << ind.name;
        EXPECT_FALSE(ind.numerator.empty()) << ind.name;
        for (const auto* list : {&ind.numerator, &ind.denominator}) {
          for (const std::string& part : *list) EXPECT_TRUE(counted.count(part)) << ind.name << " names " << part;
        }
        continue;
      }
      reads_tables = true;
      const size_t first = ind.own_sql.find("{orgs}");
      EXPECT_NE(first, std::string::npos) << ind.name;
      EXPECT_EQ(ind.own_sql.find("{orgs}", first + 1), std::string::npos) << ind.name << ": {orgs} twice";
      EXPECT_FALSE(ind.org_column.empty()) << ind.name;
      EXPECT_NE(ind.own_sql.find(ind.org_column), std::string::npos) << ind.name << " does not read " << ind.org_column;
    }
    // The org module's tables are the tree, which the feed watches itself (org_link).
    if (reads_tables && m->name != "org") {
      EXPECT_FALSE(m->rollup_sources.empty()) << m->name << " has figures but no rollup_sources";
    }
  }
  EXPECT_GE(counted.size(), 10u);  // the modules' figures are all there (org, people, duty)
}

}  // namespace
}  // namespace jiceng
