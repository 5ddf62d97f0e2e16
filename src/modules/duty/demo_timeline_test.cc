// Every timeline of both demos is in time order (regression: 海西's target lists were made "now" yet signed and
// acknowledged in February, and measures were created before the problem they belong to): each item's steps in
// the order they were taken, the first its creation and the item dated by it, none after today; a measure after
// its problem, a problem's sign-off after its measures'; a list made before its acknowledgement.
#include <gtest/gtest.h>

#include "store/store.h"
#include "testing/fixture.h"

namespace jiceng::duty {
namespace {

// The first rows a query gives, one line each, for a failure's message.
std::string Examples(store::Connection& db, const std::string& sql, int columns) {
  auto stmt = db.Prepare(sql + " LIMIT 5");
  std::string out;
  while (stmt->Step()) {
    out += "\n ";
    for (int i = 0; i < columns; ++i) {
      out += ' ';
      out += stmt->Text(i);
    }
  }
  return out;
}

// No row answers `sql`, whose first `columns` columns describe a wrong row.
void ExpectNone(store::Connection& db, const std::string& what, const std::string& sql, int columns) {
  const int64_t n = store::QueryInt(db, "SELECT COUNT(*) FROM (" + sql + ") found");
  EXPECT_EQ(n, 0) << what << ":" << Examples(db, sql, columns);
}

void ExpectTimelinesInOrder(store::Connection& db) {
  ASSERT_GT(store::QueryInt(db, "SELECT COUNT(*) FROM duty_event"), 500);  // a demo was made
  const std::string today = Date::Today().ToString();
  ExpectNone(db, "a step dated before the step taken before it",
             "SELECT e.item_id, p.at, p.action, e.at, e.action FROM duty_event e JOIN duty_event p ON p.item_id ="
             " e.item_id AND p.id = (SELECT MAX(id) FROM duty_event x WHERE x.item_id = e.item_id AND x.id < e.id)"
             " WHERE e.at < p.at", 5);
  ExpectNone(db, "an item whose first step is not its creation (create, or assign for a list's item)",
             "SELECT i.id, i.kind, e.action FROM duty_item i JOIN duty_event e ON e.id = (SELECT MIN(id) FROM"
             " duty_event x WHERE x.item_id = i.id) WHERE e.action <> CASE i.kind WHEN 'list_item' THEN 'assign'"
             " ELSE 'create' END", 3);
  ExpectNone(db, "an item not dated by its first step",
             "SELECT i.id, i.created_at, e.at FROM duty_item i JOIN duty_event e ON e.id = (SELECT MIN(id) FROM"
             " duty_event x WHERE x.item_id = i.id) WHERE i.created_at <> e.at", 3);
  ExpectNone(db, "a step after today", "SELECT item_id, at, action FROM duty_event WHERE substr(at, 1, 10) > '" +
                                           today + "'", 3);
  ExpectNone(db, "an item with no steps",
             "SELECT id FROM duty_item i WHERE NOT EXISTS (SELECT 1 FROM duty_event e WHERE e.item_id = i.id)", 1);
  ExpectNone(db, "a measure created before its problem",
             "SELECT m.id, m.created_at, p.id, p.created_at FROM duty_item m JOIN duty_item p ON p.id = m.parent_id"
             " WHERE m.created_at <= p.created_at", 4);
  ExpectNone(db, "a problem signed off before one of its measures",
             "SELECT p.id, pe.at, m.id, me.at FROM duty_item p JOIN duty_event pe ON pe.item_id = p.id AND"
             " pe.action = 'accept' JOIN duty_item m ON m.parent_id = p.id JOIN duty_event me ON me.item_id = m.id"
             " AND me.action = 'accept' WHERE me.at >= pe.at", 4);
  ExpectNone(db, "a list acknowledged before it was made, or after today",
             "SELECT id, created_at, acknowledged_at FROM duty_list WHERE acknowledged_at <> '' AND"
             " (acknowledged_at < created_at OR substr(acknowledged_at, 1, 10) > '" + today + "')", 3);
  ExpectNone(db, "a list's item made at another time than its list",
             "SELECT i.id, i.created_at, l.created_at FROM duty_item i JOIN duty_list l ON l.id = i.list_id WHERE"
             " i.kind = 'list_item' AND i.created_at <> l.created_at", 3);
}

TEST(DemoTimelineTest, EveryTimelineOfTheDetailedDemoIsInTimeOrder) {
  auto t = testing_support::CopyOf(testing_support::TemplateDatabase(true), "duty_timeline");
  ExpectTimelinesInOrder(*t.db);
}

TEST(DemoTimelineTest, EveryTimelineOfTheNationalDemoIsInTimeOrder) {
  auto t = testing_support::CopyOf(testing_support::NationalTemplateDatabase(), "duty_timeline_national");
  ExpectTimelinesInOrder(*t.db);
}

}  // namespace
}  // namespace jiceng::duty
