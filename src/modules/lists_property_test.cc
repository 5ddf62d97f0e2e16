// Every list against a brute-force twin (issue #10 §2): hundreds of random filter × page size × page × scope
// combinations on the Qinghai demo, each answer compared with a plain C++ filter and sort over all rows read
// without any WHERE clause. Debian's SQLite 3.40.1 once returned wrong rows for an indexed range query (the
// overdue list); only a comparison like this catches that kind of fault. Lists: duty items, the 待办 counts, the
// 逾期未整改 report, the dashboard's worst list, people, the audit log, and the org tree's children as of a date.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "core/pinyin.h"
#include "modules/audit/queries.h"
#include "modules/duty/calendar.h"
#include "modules/duty/permissions.h"
#include "modules/duty/queries.h"
#include "modules/org/commands.h"
#include "modules/org/repo.h"
#include "modules/people/model.h"
#include "modules/people/queries.h"
#include "modules/rollup_feed.h"
#include "store/audit.h"
#include "testing/fixture.h"

namespace jiceng {
namespace {

using testing_support::CopyOf;
using testing_support::TemplateDatabase;

constexpr int kCombinations = 300;

// Today's tree as plain maps, read with one query: parent of each unit, children, codes.
struct Tree {
  std::map<int64_t, int64_t> parent;
  std::map<int64_t, std::vector<int64_t>> children;
  std::map<int64_t, std::string> code;
  std::map<std::string, int64_t> id_of;

  explicit Tree(store::Connection& db, Date on = Date::Today()) {
    auto rows = db.Prepare(
        "SELECT u.id, u.code, COALESCE(l.parent_id, 0) FROM org_unit u JOIN org_link l ON l.unit_id = u.id"
        " WHERE l.valid_from <= ?1 AND ?1 < l.valid_to");
    rows->Bind(1, on.ToString());
    while (rows->Step()) {
      parent[rows->Int(0)] = rows->Int(2);
      children[rows->Int(2)].push_back(rows->Int(0));
      code[rows->Int(0)] = rows->Text(1);
      id_of[rows->Text(1)] = rows->Int(0);
    }
  }
  bool Within(int64_t root, int64_t unit) const {  // unit in root's subtree (root included)
    for (int guard = 0; unit != 0 && guard < 64; ++guard) {
      if (unit == root) return parent.count(unit) > 0;
      auto it = parent.find(unit);
      if (it == parent.end()) return false;
      unit = it->second;
    }
    return false;
  }
  std::set<int64_t> Subtree(int64_t root) const {
    std::set<int64_t> out;
    std::vector<int64_t> todo{root};
    while (!todo.empty()) {
      int64_t u = todo.back();
      todo.pop_back();
      if (!out.insert(u).second) continue;
      if (auto it = children.find(u); it != children.end()) todo.insert(todo.end(), it->second.begin(), it->second.end());
    }
    return out;
  }
};

template <typename T>
T Pick(std::mt19937& rng, const std::vector<T>& options) {
  return options[std::uniform_int_distribution<size_t>(0, options.size() - 1)(rng)];
}

accounts::Principal Caller(const Tree& tree, int64_t org_id, accounts::Role role) {
  accounts::Principal p;
  p.login = "lister";
  p.role = role;
  p.org_id = org_id;
  p.org_code = tree.code.at(org_id);
  p.address = "127.0.0.1";
  return p;
}

// Callers at every level: the province, prefectures, counties, towns and villages that hold items or people.
std::vector<int64_t> Scopes(const Tree& tree, const std::vector<int64_t>& touched, std::mt19937& rng) {
  std::set<int64_t> scopes;
  for (int64_t u : touched) {
    for (int64_t a = u; a != 0 && tree.parent.count(a); a = tree.parent.at(a)) scopes.insert(a);
  }
  std::vector<int64_t> out(scopes.begin(), scopes.end());
  std::shuffle(out.begin(), out.end(), rng);
  return out;
}

class ListsMatchBruteForce : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = CopyOf(TemplateDatabase(true), "lists");
    t_.db->UpdateStatistics();  // as `serve` does at start: the planner's statistics choose the plans served
  }
  testing_support::TestDb t_;
  std::mt19937 rng_{20261201};
};

// The ids on page `page` (from 1) of `size` rows of the expected rows, in their order.
template <typename Row, typename IdOf>
std::vector<int64_t> PageOf(const std::vector<Row>& rows, int page, int size, IdOf id_of) {
  std::vector<int64_t> ids;
  for (size_t i = static_cast<size_t>(page - 1) * size; i < rows.size() && i < static_cast<size_t>(page) * size; ++i) {
    ids.push_back(id_of(rows[i]));
  }
  return ids;
}

std::string Ids(const std::vector<int64_t>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size() && i < 12; ++i) out += std::to_string(ids[i]) + " ";
  return out + (ids.size() > 12 ? "…" : "");
}

// Duty items, 我的待办, the overdue report and the worst list on one database.
void CheckDutyLists(store::Connection& db, std::mt19937& rng_) {
  db.UpdateStatistics();  // as `serve` does at start: the planner's statistics choose the plans served
  const Tree tree(db);
  const Date today = Date::Today();
  // Every item, read one by one by its primary key: no filter, no plan to go wrong.
  std::vector<duty::Item> items;
  std::map<int64_t, std::string> updated;
  {
    auto rows = db.Prepare("SELECT id, updated_at FROM duty_item");
    while (rows->Step()) updated[rows->Int(0)] = rows->Text(1);
    duty::DutyRepo repo(db);
    for (const auto& [id, at] : updated) items.push_back(*repo.Find(id));
  }
  ASSERT_GT(items.size(), 100u) << "the demo has duty items";
  std::vector<int64_t> touched;
  std::set<std::string> months, areas, titles_pieces;
  std::vector<int64_t> leaders{0};
  for (const auto& it : items) {
    touched.push_back(it.responsible_org_id);
    touched.push_back(it.assigner_org_id);
    if (!it.month.empty()) months.insert(it.month);
    if (!it.area.empty()) areas.insert(it.area);
    if (it.leader) leaders.push_back(it.leader->id);
  }
  const std::vector<int64_t> scopes = Scopes(tree, touched, rng_);
  std::vector<std::string> month_options{""}, area_options{""};
  month_options.insert(month_options.end(), months.begin(), months.end());
  area_options.insert(area_options.end(), areas.begin(), areas.end());
  org::OrgRepo orgs(db);
  const std::string due_soon_to = today.AddDays(duty::DueSoonDays()).ToString();
  // The server's memory of today's tree (the live roll-up): every other list is asked with it, so that both ways
  // to a subtree (memory, and the store's recursive query) and the deadline lists' way through the roll-up's
  // deadlines are compared with the brute force.
  const auto feed = BuildRollup(db, today, duty::DueSoonDays());
  const FeedMemory memory(*feed);
  auto memory_for = [&](int n) -> const org::TreeMemory* { return n % 2 == 0 ? &memory : nullptr; };

  int compared = 0, nonempty = 0, by_deadlines = 0;
  for (int n = 0; n < kCombinations; ++n) {
    // Half the callers from the orgs that hold items (and so see them), half from anywhere above them.
    const int64_t scope = n % 2 ? scopes[n % scopes.size()] : Pick(rng_, touched);
    const auto caller = Caller(tree, scope, accounts::Role::kOrgDepartment);
    duty::ListRequest r;
    // Each filter now and then, so that combinations of two or three still find rows.
    auto sometimes = [&](int one_in) { return rng_() % one_in == 0; };
    if (sometimes(3)) r.kind = Pick<std::string>(rng_, {"problem", "measure", "list_item"});
    if (sometimes(4)) {
      r.state = Pick<std::string>(rng_, {"draft", "assigned", "published", "in_progress", "submitted", "accepted",
                                         "returned", "cancelled"});
    }
    if (sometimes(5)) r.source = Pick<std::string>(rng_, {"research", "inspection", "audit", "patrol", "monthly_topic"});
    if (sometimes(2)) r.due = Pick<std::string>(rng_, {"overdue", "overdue", "due_soon"});
    if (sometimes(8)) r.month = Pick(rng_, month_options);
    if (sometimes(8)) r.area = Pick(rng_, area_options);
    if (sometimes(8)) r.leader = std::to_string(Pick(rng_, leaders));
    if (r.leader == "0") r.leader.clear();
    if (rng_() % 5 == 0) {  // a piece of some item's title
      const std::string& title = items[rng_() % items.size()].title;
      r.query = title.substr(0, std::min<size_t>(title.size(), 3 * (1 + rng_() % 3)));  // whole UTF-8 characters
    }
    // The org filter: a unit within the caller's subtree (or, now and then, outside it: refused).
    const auto in_scope = tree.Subtree(scope);
    if (rng_() % 3 == 0) {
      std::vector<int64_t> candidates(in_scope.begin(), in_scope.end());
      r.org = tree.code.at(Pick(rng_, candidates));
    }
    bool outside = false;
    if (rng_() % 25 == 0) {
      r.org = tree.code.at(Pick(rng_, touched));
      outside = !in_scope.count(tree.id_of.at(r.org));
    }
    r.own_subtree = sometimes(2);  // 本级及下级 (the page's default) or all it may read
    r.sort = Pick<std::string>(rng_, {"deadline", "-deadline", "id", "-id", "updated", "-updated"});
    r.page_size = Pick<int>(rng_, {1, 3, 7, 20, 50, 100});
    if (n % 4 == 0) {  // the 逾期 / 临期 page of a unit: overdue or due soon below it, by deadline, nothing else
      const std::string org = r.org.empty() || outside ? caller.org_code : r.org;
      r = duty::ListRequest{};
      r.org = org;
      outside = false;
      r.due = Pick<std::string>(rng_, {"overdue", "overdue", "due_soon"});
      r.page_size = Pick<int>(rng_, {1, 3, 7, 20, 50, 100});
      ++by_deadlines;
    }

    // The brute force: visible by the rule (SidesOf), then each filter as its words say.
    std::vector<const duty::Item*> expected;
    for (const auto& it : items) {
      if (!duty::SidesOf(orgs, caller, it).visible) continue;
      if (!r.kind.empty() && duty::KindCode(it.kind) != r.kind) continue;
      if (!r.state.empty() && duty::StateCode(it.state) != r.state) continue;
      if (!r.source.empty() && (!it.source || duty::SourceCode(*it.source) != r.source)) continue;
      if (!r.area.empty() && it.area != r.area) continue;
      if (!r.month.empty() && it.month != r.month) continue;
      if (!r.leader.empty() && (!it.leader || std::to_string(it.leader->id) != r.leader)) continue;
      if (!r.query.empty() && it.title.find(r.query) == std::string::npos) continue;
      if (!r.org.empty() && !tree.Within(tree.id_of.at(r.org), it.responsible_org_id)) continue;
      if (r.org.empty() && r.own_subtree && !tree.Within(scope, it.responsible_org_id)) continue;
      const std::string deadline = it.deadline.ToString();
      if (r.due == "overdue" && !(duty::IsOpen(it.state) && deadline < today.ToString())) continue;
      if (r.due == "due_soon" &&
          !(duty::IsOpen(it.state) && deadline >= today.ToString() && deadline <= due_soon_to)) {
        continue;
      }
      expected.push_back(&it);
    }
    const bool descending = r.sort[0] == '-';
    const std::string key = descending ? r.sort.substr(1) : r.sort;
    auto key_of = [&](const duty::Item* it) {
      return key == "id" ? std::string() : key == "updated" ? updated.at(it->id) : it->deadline.ToString();
    };
    std::stable_sort(expected.begin(), expected.end(), [&](const duty::Item* a, const duty::Item* b) {
      const std::string ka = key_of(a), kb = key_of(b);
      if (ka != kb) return descending ? ka > kb : ka < kb;
      return key == "id" && descending ? a->id > b->id : a->id < b->id;
    });
    // Mostly a page that exists, now and then the one after the last.
    const int pages = std::max<int>(1, static_cast<int>((expected.size() + r.page_size - 1) / r.page_size));
    r.page = 1 + static_cast<int>(rng_() % pages) + (rng_() % 10 == 0 ? pages : 0);

    auto answer = duty::DutyQueries(db, caller, memory_for(n)).List(r);
    if (outside) {
      EXPECT_EQ(answer.status().code(), StatusCode::kNotFound) << r.org;
      continue;
    }
    ASSERT_TRUE(answer.ok()) << answer.status().ToString();
    std::vector<int64_t> got;
    const std::vector<int64_t> want = PageOf(expected, r.page, r.page_size, [](const auto* row) { return row->id; });
    for (const auto& v : answer->items) got.push_back(v.item.id);
    const std::string what = std::string(memory_for(n) ? "memory " : "store ") + "scope " + caller.org_code +
                             " kind=" + r.kind + " state=" + r.state + " source=" + r.source + " due=" + r.due +
                             " org=" + r.org + (r.own_subtree ? " own" : "") + " month=" + r.month + " leader=" +
                             r.leader + " q=" + r.query + " sort=" + r.sort + " page=" + std::to_string(r.page) +
                             " size=" + std::to_string(r.page_size);
    EXPECT_EQ(answer->total, static_cast<int64_t>(expected.size())) << what;
    EXPECT_EQ(got, want) << what << "\n got  " << Ids(got) << "\n want " << Ids(want);
    ++compared;
    nonempty += !want.empty();
  }
  EXPECT_GT(compared, kCombinations / 2);
  EXPECT_GT(nonempty, kCombinations / 8) << "the combinations find rows, not only empty pages";
  EXPECT_EQ(by_deadlines, kCombinations / 4);

  // 我的待办: each count as its definition says, for every scope that holds items.
  for (size_t n = 0; n < scopes.size() && n < 60; ++n) {
    const auto caller = Caller(tree, scopes[n], accounts::Role::kOrgDepartment);
    auto todo = duty::DutyQueries(db, caller, memory_for(static_cast<int>(n))).Inbox();
    ASSERT_TRUE(todo.ok());
    std::map<std::string, int64_t> want;
    int64_t want_total = 0;  // 待办: the items of any count, each once
    for (const auto& it : items) {
      if (!duty::SidesOf(orgs, caller, it).visible) continue;
      const std::string s(duty::StateCode(it.state));
      const bool overdue = duty::IsOpen(it.state) && it.deadline < today;
      const std::map<std::string, bool> in = {
          {"to_assign", it.assigner_org_id == caller.org_id && (s == "draft" || s == "assigned")},
          {"to_do",
           it.responsible_org_id == caller.org_id && (s == "published" || s == "in_progress" || s == "returned")},
          {"to_accept", it.assigner_org_id == caller.org_id && s == "submitted"},
          {"overdue", it.responsible_org_id == caller.org_id && overdue},
          {"escalated", overdue && tree.parent.count(it.responsible_org_id) &&
                            tree.parent.at(it.responsible_org_id) == caller.org_id},
      };
      bool any = false;
      for (const auto& [name, counted] : in) {
        want[name] += counted;
        any = any || counted;
      }
      want_total += any;
    }
    for (const auto& [name, count] : want) {
      EXPECT_EQ(todo->counts[name], count) << name << " for " << caller.org_code;
    }
    EXPECT_EQ(todo->total, want_total) << "待办 for " << caller.org_code;
  }

  // The 逾期未整改 report and the dashboard's worst list, for units at every level and several dates.
  for (size_t n = 0; n < scopes.size() && n < 80; ++n) {
    const int64_t unit = scopes[n];
    const auto caller = Caller(tree, unit, accounts::Role::kOrgDepartment);
    const Date as_of = today.AddDays(Pick<int>(rng_, {0, 0, -30, 5, 40}));
    auto report =
        duty::DutyQueries(db, caller, memory_for(static_cast<int>(n))).Report(caller.org_code, as_of.ToString());
    ASSERT_TRUE(report.ok());
    std::map<std::string, std::pair<int, int>> want;  // unit code → overdue, due soon
    std::map<std::string, std::set<int64_t>> want_items;
    for (const auto& it : items) {
      if (!tree.Within(unit, it.responsible_org_id) || !duty::IsOpen(it.state)) continue;
      auto d = duty::Evaluate(it.deadline, as_of, it.state, duty::DueSoonDays());
      if (!d.overdue && !d.due_soon) continue;
      auto& counts = want[tree.code.at(it.responsible_org_id)];
      (d.overdue ? counts.first : counts.second) += 1;
      want_items[tree.code.at(it.responsible_org_id)].insert(it.id);
    }
    std::map<std::string, std::pair<int, int>> got;
    std::map<std::string, std::set<int64_t>> got_items;
    for (size_t u = 0; u < report->units.size(); ++u) {
      const auto& ru = report->units[u];
      got[ru.org_code] = {ru.overdue, ru.due_soon};
      for (const auto& v : ru.items) got_items[ru.org_code].insert(v.item.id);
      if (u > 0) {
        EXPECT_GE(report->units[u - 1].overdue, ru.overdue) << "most overdue first";
      }
    }
    EXPECT_EQ(got, want) << caller.org_code << " as of " << as_of.ToString();
    EXPECT_EQ(got_items, want_items) << caller.org_code;

    const int limit = Pick<int>(rng_, {1, 5, 10, 50});
    auto worst = duty::DutyQueries(db, caller, memory_for(static_cast<int>(n))).Worst(caller.org_code, limit);
    ASSERT_TRUE(worst.ok());
    std::vector<const duty::Item*> w;
    for (const auto& it : items) {
      if (!tree.Within(unit, it.responsible_org_id) || !duty::IsOpen(it.state)) continue;
      if (it.deadline.ToString() > due_soon_to) continue;
      w.push_back(&it);
    }
    std::sort(w.begin(), w.end(), [](const duty::Item* a, const duty::Item* b) {
      return a->deadline != b->deadline ? a->deadline < b->deadline : a->id < b->id;
    });
    std::vector<int64_t> want_ids, got_ids;
    for (size_t i = 0; i < w.size() && i < static_cast<size_t>(limit); ++i) want_ids.push_back(w[i]->id);
    for (const auto& v : *worst) got_ids.push_back(v.item.id);
    EXPECT_EQ(got_ids, want_ids) << "worst list of " << caller.org_code << " limit " << limit
                                 << (memory_for(static_cast<int>(n)) ? " (memory)" : " (store)");
  }
}

TEST_F(ListsMatchBruteForce, DutyItemsTodoReportAndWorstList) { CheckDutyLists(*t_.db, rng_); }

// The same on Qinghai with the national-scale demo: a problem in every township, measures for its villages, a
// target list for every county — about ten times the items.
TEST_F(ListsMatchBruteForce, DutyListsOnTheNationalScaleDemo) {
  auto national = CopyOf(testing_support::NationalTemplateDatabase(), "lists_national");
  CheckDutyLists(*national.db, rng_);
}

TEST_F(ListsMatchBruteForce, People) {
  auto& db = *t_.db;
  const Date today = Date::Today();
  struct Row {
    int64_t id;
    std::string name, pinyin, initials, status, education, ethnicity, birth;
    std::vector<std::string> syllables;  // from the name, not from the stored keys
  };
  struct Span {
    int64_t person, org;
    std::string from, to, title;
  };
  std::vector<Row> people;
  std::vector<Span> memberships, posts;
  {
    auto rows = db.Prepare(
        "SELECT id, name, name_pinyin, name_initials, political_status, education, ethnicity, birth_date FROM person");
    while (rows->Step()) {
      people.push_back({rows->Int(0), rows->Text(1), rows->Text(2), rows->Text(3), rows->Text(4), rows->Text(5),
                        rows->Text(6), rows->Text(7), NamePinyin(rows->Text(1)).syllables});
    }
    auto m = db.Prepare("SELECT person_id, org_id, valid_from, valid_to FROM person_org");
    while (m->Step()) memberships.push_back({m->Int(0), m->Int(1), m->Text(2), m->Text(3), ""});
    auto p = db.Prepare("SELECT person_id, org_id, start_on, end_on, title FROM post");
    while (p->Step()) posts.push_back({p->Int(0), p->Int(1), p->Text(2), p->Text(3), p->Text(4)});
  }
  ASSERT_GT(people.size(), 1000u);
  std::vector<int64_t> touched;
  std::set<std::string> statuses, educations, ethnicities, titles;
  for (const auto& s : memberships) touched.push_back(s.org);
  for (const auto& p : people) {
    statuses.insert(p.status);
    educations.insert(p.education);
    ethnicities.insert(p.ethnicity);
  }
  for (const auto& s : posts) titles.insert(s.title);
  auto options = [](const std::set<std::string>& s) {
    std::vector<std::string> v{"", "", ""};
    for (const auto& x : s) {
      if (!x.empty()) v.push_back(x);
    }
    return v;
  };
  const auto status_options = options(statuses), education_options = options(educations),
             ethnicity_options = options(ethnicities), title_options = options(titles);

  // The live roll-up, as the server keeps it: a list with the subtree alone takes its count of those affiliated.
  auto feed = BuildRollup(db, today, 7);
  const FeedMemory memory(*feed);  // and its tree: every other list takes today's subtree from memory
  int compared = 0, nonempty = 0, whole = 0, names_first = 0, subtree_first = 0, from_memory = 0;
  const int64_t everyone = store::QueryInt(db, "SELECT COALESCE(MAX(id), 0) FROM person");
  for (int n = 0; n < kCombinations; ++n) {
    const bool past = n % 3 != 0 && rng_() % 6 == 0;
    const Date as_of = past ? today.AddDays(-400 - static_cast<int>(rng_() % 2000)) : today;
    const Tree tree(db, as_of);
    const std::string on = as_of.ToString();
    std::vector<int64_t> scopes;
    for (int64_t u : touched) {
      if (tree.parent.count(u)) scopes.push_back(u);
    }
    if (scopes.empty()) continue;
    int64_t root = Pick(rng_, scopes);
    for (int up = static_cast<int>(rng_() % 5); up > 0 && tree.parent.at(root) != 0; --up) root = tree.parent.at(root);
    people::ListRequest r;
    // As the server asks: with the roll-up's count, which also picks the plan of a name search (names first over a
    // large subtree, the subtree first over a small one); both plans are compared here.
    r.affiliated_count = [&](int64_t org_id) { return feed->Figure(org_id, "persons", today); };
    r.org_code = rng_() % 10 == 0 ? "" : tree.code.at(root);
    r.as_of = as_of == today ? "" : on;
    r.status = Pick(rng_, status_options);
    r.education = Pick(rng_, education_options);
    if (rng_() % 3 == 0) r.ethnicity = Pick(rng_, ethnicity_options);
    if (rng_() % 4 == 0) r.post = Pick(rng_, title_options);
    if (rng_() % 4 == 0) r.min_age = std::to_string(18 + rng_() % 40);
    if (rng_() % 4 == 0) r.max_age = std::to_string(25 + rng_() % 60);
    if (rng_() % 3 == 0) {
      const Row& who = people[rng_() % people.size()];
      const int kind = static_cast<int>(rng_() % 5);
      const size_t from = who.syllables.empty() ? 0 : rng_() % who.syllables.size();
      std::string tail;  // the full pinyin from a syllable inside the name on
      for (size_t k = from; k < who.syllables.size(); ++k) tail += who.syllables[k];
      if (kind == 0) r.query = who.name.substr(0, 3);  // the first Han character
      if (kind == 1) r.query = who.pinyin.substr(0, 1 + rng_() % 5);
      if (kind == 2) r.query = who.initials.substr(0, 1 + rng_() % 3);
      if (kind == 3) r.query = tail.substr(0, 1 + rng_() % 6);
      if (kind == 4) r.query = who.initials.substr(std::min(from, who.initials.size()), 1 + rng_() % 3);
    }
    r.sort = Pick<std::string>(rng_, {"name", "-name", "birth_date", "-birth_date", "id", "-id"});
    r.page_size = Pick<int>(rng_, {1, 5, 20, 50, 100});
    if (n % 3 == 0) {  // the subtree alone, with the roll-up's count (the server's fast path)
      const std::string org = r.org_code.empty() ? "630000000000" : r.org_code;
      r = people::ListRequest{};
      r.org_code = org;
      root = tree.id_of.at(org);
      r.sort = Pick<std::string>(rng_, {"name", "-name", "id", "-id", "birth_date"});
      r.page_size = Pick<int>(rng_, {1, 5, 20, 50, 100});
      r.affiliated_count = [&](int64_t org_id) { return feed->Figure(org_id, "persons", today); };
      ++whole;
    }
    if (!r.query.empty() && !r.org_code.empty()) {  // which plan the search takes (PeopleRepo::NamesFirst)
      const auto held = feed->Figure(root, "persons", today);
      ++(held && *held * 6 > everyone ? names_first : subtree_first);
    }

    const std::set<int64_t> subtree = r.org_code.empty() ? std::set<int64_t>{} : tree.Subtree(root);
    std::set<int64_t> in_subtree, holding;
    auto current = [&](const Span& s) { return s.from <= on && on < s.to; };
    for (const auto& s : memberships) {
      if (current(s) && subtree.count(s.org)) in_subtree.insert(s.person);
    }
    for (const auto& s : posts) {
      if (!current(s)) continue;
      if (subtree.count(s.org)) in_subtree.insert(s.person);
      if (s.title == r.post) holding.insert(s.person);
    }
    const bool pinyin = !r.query.empty() && LooksLikePinyin(r.query);
    std::string lower = r.query;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    std::vector<const Row*> expected;
    for (const auto& p : people) {
      if (!r.org_code.empty() && !in_subtree.count(p.id)) continue;
      if (!r.status.empty() && p.status != r.status) continue;
      if (!r.education.empty() && p.education != r.education) continue;
      if (!r.ethnicity.empty() && p.ethnicity != r.ethnicity) continue;
      if (!r.post.empty() && !holding.count(p.id)) continue;
      if (!r.min_age.empty() || !r.max_age.empty()) {
        auto birth = Date::Parse(p.birth);
        if (!birth) continue;
        const int age = birth->YearsUntil(as_of);
        if (!r.min_age.empty() && age < std::stoi(r.min_age)) continue;
        if (!r.max_age.empty() && age > std::stoi(r.max_age)) continue;
      }
      if (!r.query.empty()) {
        // Pinyin: the full pinyin from some syllable on, or the initials from some syllable on, starts with it.
        bool hit = false;
        if (pinyin) {
          for (size_t k = 0; k < p.syllables.size() && !hit; ++k) {
            std::string full_tail, initials_tail;
            for (size_t j = k; j < p.syllables.size(); ++j) {
              full_tail += p.syllables[j];
              initials_tail += p.syllables[j].substr(0, 1);
            }
            hit = full_tail.starts_with(lower) || initials_tail.starts_with(lower);
          }
        } else {
          hit = p.name.find(r.query) != std::string::npos;
        }
        if (!hit) continue;
      }
      expected.push_back(&p);
    }
    const bool descending = r.sort[0] == '-';
    const std::string key = descending ? r.sort.substr(1) : r.sort;
    std::stable_sort(expected.begin(), expected.end(), [&](const Row* a, const Row* b) {
      const std::string ka = key == "name" ? a->pinyin : key == "birth_date" ? a->birth : "";
      const std::string kb = key == "name" ? b->pinyin : key == "birth_date" ? b->birth : "";
      if (ka != kb) return descending ? ka > kb : ka < kb;
      return key == "id" && descending ? a->id > b->id : a->id < b->id;
    });
    const int pages = std::max<int>(1, static_cast<int>((expected.size() + r.page_size - 1) / r.page_size));
    r.page = 1 + static_cast<int>(rng_() % pages) + (rng_() % 10 == 0 ? pages : 0);
    if (n % 2 == 0) {
      r.memory = &memory;
      from_memory += as_of == today && !r.org_code.empty();
    }
    auto answer = people::PeopleQueries(db, *t_.cipher).List(r);
    ASSERT_TRUE(answer.ok()) << answer.status().ToString();
    std::vector<int64_t> got;
    const std::vector<int64_t> want = PageOf(expected, r.page, r.page_size, [](const auto* row) { return row->id; });
    for (const auto& p : answer->items) got.push_back(p.id);
    const std::string what = std::string(r.memory ? "memory " : "store ") + "org=" + r.org_code +
                             " as_of=" + r.as_of + " status=" + r.status + " edu=" +
                             r.education + " eth=" + r.ethnicity + " post=" + r.post + " age=" + r.min_age + "–" +
                             r.max_age + " q=" + r.query + " sort=" + r.sort + " page=" + std::to_string(r.page) +
                             " size=" + std::to_string(r.page_size);
    EXPECT_EQ(answer->total, static_cast<int64_t>(expected.size())) << what;
    EXPECT_EQ(got, want) << what << "\n got  " << Ids(got) << "\n want " << Ids(want);
    ++compared;
    nonempty += !want.empty();
  }
  EXPECT_GT(compared, kCombinations * 9 / 10);
  EXPECT_GT(nonempty, kCombinations / 4);
  EXPECT_EQ(whole, kCombinations / 3);
  EXPECT_GT(from_memory, kCombinations / 4);
  EXPECT_GT(names_first, 0);
  EXPECT_GT(subtree_first, 0);
}

TEST_F(ListsMatchBruteForce, AuditLog) {
  auto& db = *t_.db;
  const Tree tree(db);
  std::vector<int64_t> all, units;
  for (const auto& [id, code] : tree.code) all.push_back(id);
  for (int i = 0; i < 30; ++i) units.push_back(Pick(rng_, all));  // the records' organizations
  // More records than the demo wrote: random actors, actions and organizations (some with none).
  const std::vector<std::string> actors{"demo_golmud", "demo_town", "demo_village", "li_county", "cli"};
  const std::vector<std::string> actions{"duty.create", "duty.accept", "person.update", "session.sign_in",
                                         "person.reveal"};
  {
    store::Transaction tx(db);
    for (int i = 0; i < 1500; ++i) {
      const std::string org = rng_() % 10 == 0 ? "" : tree.code.at(Pick(rng_, units));
      store::AppendAudit(db, {Pick(rng_, actors), "127.0.0.1"}, {Pick(rng_, actions), std::to_string(i), org, "", ""});
    }
    tx.Commit();
  }
  struct Rec {
    int64_t id;
    std::string at, actor, action, org_code;
  };
  std::vector<Rec> records;
  auto rows = db.Prepare("SELECT id, at, actor, action, org_code FROM audit_log");
  while (rows->Step()) records.push_back({rows->Int(0), rows->Text(1), rows->Text(2), rows->Text(3), rows->Text(4)});
  std::sort(records.begin(), records.end(), [](const Rec& a, const Rec& b) { return a.id > b.id; });
  const std::string today = Date::Today().ToString(), yesterday = Date::Today().AddDays(-1).ToString(),
                    tomorrow = Date::Today().AddDays(1).ToString();
  const int64_t province = tree.id_of.at("630000000000");
  std::vector<int64_t> scopes = Scopes(tree, units, rng_);
  scopes.insert(scopes.begin(), province);

  int compared = 0, nonempty = 0;
  for (int n = 0; n < kCombinations; ++n) {
    const auto caller = Caller(tree, scopes[n % scopes.size()], accounts::Role::kAuditAdmin);
    audit::AuditRequest r;
    if (rng_() % 3 == 0) r.actor = Pick(rng_, actors);
    if (rng_() % 3 == 0) r.action = Pick(rng_, actions);
    if (rng_() % 3 == 0) {
      auto below = tree.Subtree(caller.org_id);
      std::vector<int64_t> v(below.begin(), below.end());
      r.org = tree.code.at(Pick(rng_, v));
    }
    r.from = Pick<std::string>(rng_, {"", "", yesterday, today, tomorrow});
    r.to = Pick<std::string>(rng_, {"", "", yesterday, today, tomorrow});
    r.page_size = Pick<int>(rng_, {1, 10, 20, 50, 100});
    const int64_t root = r.org.empty() ? caller.org_id : tree.id_of.at(r.org);
    const bool everything = r.org.empty() && tree.parent.at(root) == 0;
    std::set<std::string> codes;
    for (int64_t u : tree.Subtree(root)) codes.insert(tree.code.at(u));
    std::vector<int64_t> expected;
    for (const auto& rec : records) {
      if (!everything && !codes.count(rec.org_code)) continue;
      if (!r.actor.empty() && rec.actor != r.actor) continue;
      if (!r.action.empty() && rec.action != r.action) continue;
      const std::string day = rec.at.substr(0, 10);
      if (!r.from.empty() && day < r.from) continue;
      if (!r.to.empty() && day > r.to) continue;
      expected.push_back(rec.id);
    }
    const int pages = std::max<int>(1, static_cast<int>((expected.size() + r.page_size - 1) / r.page_size));
    r.page = 1 + static_cast<int>(rng_() % pages) + (rng_() % 10 == 0 ? pages : 0);
    auto answer = audit::ListAudit(db, caller, r);
    ASSERT_TRUE(answer.ok()) << answer.status().ToString();
    std::vector<int64_t> got;
    const std::vector<int64_t> want = PageOf(expected, r.page, r.page_size, [](int64_t id) { return id; });
    for (const auto& view : answer->items) got.push_back(view.record.id);
    const std::string what = "scope " + caller.org_code + " actor=" + r.actor + " action=" + r.action +
                             " org=" + r.org + " from=" + r.from + " to=" + r.to + " page=" +
                             std::to_string(r.page) + " size=" + std::to_string(r.page_size);
    EXPECT_EQ(answer->total, static_cast<int64_t>(expected.size())) << what;
    EXPECT_EQ(got, want) << what;
    ++compared;
    nonempty += !want.empty();
  }
  EXPECT_EQ(compared, kCombinations);
  EXPECT_GT(nonempty, kCombinations / 3);
}

// The tree as of a date (GET /orgs/{code}/children?as_of=) after renames, moves and merges dated in the past and
// the loaded division history: every unit's children with their names and kinds of that day, against every
// org_link and org_name row read without a WHERE clause.
TEST_F(ListsMatchBruteForce, OrgChildrenAsOfADate) {
  auto& db = *t_.db;
  const Tree today_tree(db);
  std::vector<int64_t> parents;
  for (const auto& [parent, kids] : today_tree.children) {
    if (parent != 0 && kids.size() >= 2) parents.push_back(parent);
  }
  // Changes dated in the past, so that many dates see a different tree.
  org::OrgCommands commands(db, Actor{"tester", "local"});
  for (int i = 0; i < 60; ++i) {
    int64_t parent = Pick(rng_, parents);
    const auto& kids = today_tree.children.at(parent);
    const std::string a = today_tree.code.at(Pick(rng_, kids)), b = today_tree.code.at(Pick(rng_, kids));
    const std::string on = Date::Parse("2015-01-01")->AddDays(std::uniform_int_distribution<int>(0, 3650)(rng_)).ToString();
    switch (i % 3) {
      case 0:
        (void)commands.Rename({a, "改名" + std::to_string(i), on, "测试"});
        break;
      case 1:
        (void)commands.Merge({a, b, on, "测试"});
        break;
      default:
        (void)commands.Move({a, today_tree.code.at(Pick(rng_, parents)), on, "测试"});
    }
  }
  struct Span {
    std::string from, to;
    int64_t parent = 0;
    std::string name, kind;
  };
  std::map<int64_t, std::vector<Span>> links, names;
  std::map<int64_t, std::string> own_kind, code;
  for (auto rows = db.Prepare("SELECT unit_id, valid_from, valid_to, COALESCE(parent_id, 0) FROM org_link");
       rows->Step();) {
    links[rows->Int(0)].push_back({rows->Text(1), rows->Text(2), rows->Int(3), "", ""});
  }
  for (auto rows = db.Prepare("SELECT unit_id, valid_from, valid_to, name, COALESCE(kind, '') FROM org_name");
       rows->Step();) {
    names[rows->Int(0)].push_back({rows->Text(1), rows->Text(2), 0, rows->Text(3), rows->Text(4)});
  }
  for (auto rows = db.Prepare("SELECT id, code, kind FROM org_unit"); rows->Step();) {
    code[rows->Int(0)] = rows->Text(1);
    own_kind[rows->Int(0)] = rows->Text(2);
  }
  std::vector<int64_t> all_parents;
  for (const auto& [id, spans] : links) {
    for (const auto& s : spans) {
      if (s.parent != 0) all_parents.push_back(s.parent);
    }
  }
  org::OrgRepo repo(db);
  for (int i = 0; i < kCombinations; ++i) {
    const int64_t parent = Pick(rng_, all_parents);
    const Date on = Date::Parse("2009-01-01")->AddDays(std::uniform_int_distribution<int>(0, 6500)(rng_));
    const std::string day = on.ToString();
    std::vector<std::string> want;
    for (const auto& [id, spans] : links) {
      for (const auto& s : spans) {
        if (s.parent != parent || !(s.from <= day && day < s.to)) continue;
        std::string name, kind = own_kind[id];
        for (const auto& n : names[id]) {
          if (n.from <= day && day < n.to) {
            name = n.name;
            if (!n.kind.empty()) kind = n.kind;
          }
        }
        want.push_back(code[id] + " " + name + " " + kind);
      }
    }
    std::sort(want.begin(), want.end());
    std::vector<std::string> got;
    for (const auto& u : repo.Children(parent, on)) {
      got.push_back(u.code + " " + u.name + " " + std::string(org::KindCode(u.kind)));
    }
    EXPECT_EQ(got, want) << "children of " << code[parent] << " as of " << day;
  }
}

}  // namespace
}  // namespace jiceng
