// Orglife commands and queries on a copy of the real Qinghai tree with branches made here: planning, recording
// with attendance and quorum, four eyes on review, rules tightened from above, the standing the roll-up reads,
// and the meeting list against its brute-force twin (random filter × page × scope).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/random.h"
#include "modules/org/queries.h"
#include "modules/orglife/commands.h"
#include "modules/orglife/queries.h"
#include "modules/rollup_feed.h"
#include "testing/fixture.h"

namespace jiceng::orglife {
namespace {

accounts::Principal At(store::Connection& db, const std::string& code, const std::string& login, accounts::Role role) {
  auto unit = org::OrgRepo(db).FindByCode(code, Date::Today());
  accounts::Principal p;
  p.login = login;
  p.name = login;
  p.role = role;
  p.org_id = unit->id;
  p.org_code = unit->code;
  p.org_name = unit->name;
  p.address = "127.0.0.1";
  return p;
}

class OrglifeFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = testing_support::CopyOf(testing_support::TemplateDatabase(false), "orglife");
    files_ = store::StatePath(t_.path) + ".files";
    org::OrgQueries q(*t_.db);
    town_ = (*q.Children("632801000000", Date::Today()))[10].code;
    auto villages = *q.Children(town_, Date::Today());
    village_ = villages[0].code;
    other_village_ = villages[1].code;
    store::Transaction tx(*t_.db);
    branch_ = MakeBranch(village_, 6, 2, 3);
    small_branch_ = MakeBranch(other_village_, 4, 0, 0);
    far_branch_ = MakeBranch((*q.Children(*FirstTown("632802000000"), Date::Today()))[0].code, 3, 1, 0);
    tx.Commit();
    county_ = At(*t_.db, "632801000000", "county", accounts::Role::kOrgDepartment);
    township_ = At(*t_.db, town_, "town", accounts::Role::kTownshipCommittee);
    village_cadre_ = At(*t_.db, village_, "village", accounts::Role::kVillageCommittees);
    other_county_ = At(*t_.db, "632802000000", "delingha", accounts::Role::kOrgDepartment);
    province_ = At(*t_.db, "630000000000", "province", accounts::Role::kOrgDepartment);
  }
  void TearDown() override { std::filesystem::remove_all(files_); }

  std::optional<std::string> FirstTown(const std::string& county) {
    return (*org::OrgQueries(*t_.db).Children(county, Date::Today()))[0].code;
  }
  // A branch under `host` with full and probationary members; the first `committee` full members hold posts.
  std::string MakeBranch(const std::string& host, int full, int probationary, int committee) {
    org::OrgRepo orgs(*t_.db);
    auto parent = orgs.FindByCode(host, Date::Today());
    const std::string code = host + "-P" + std::to_string(++made_);
    const Date from = *Date::Parse("2020-01-01");
    const int64_t id = orgs.InsertUnit(code, org::Level::kParty, org::Kind::kPartyBranch, from);
    orgs.InsertName(id, "测试党支部" + std::to_string(made_), from, *Date::Parse(kEndOfTime));
    orgs.InsertLink(id, parent->id, from, *Date::Parse(kEndOfTime));
    auto insert = t_.db->Prepare(
        "INSERT INTO person(name, name_pinyin, name_initials, gender, ethnicity, birth_date, id_number_cipher,"
        " id_number_hash, education, political_status, created_at, updated_at) VALUES (?1, ?2, ?2, 'male', '藏族',"
        " '1980-01-01', ?3, ?3, 'junior_high', ?4, '2020-01-01', '2020-01-01')");
    for (int i = 0; i < full + probationary; ++i) {
      const std::string name = "党员" + std::to_string(made_) + "-" + std::to_string(i);
      const std::string key = "k" + std::to_string(made_) + "_" + std::to_string(i);
      insert->Bind(1, name).Bind(2, key).BindBlob(3, key).Bind(4, i < full ? "full_member" : "probationary_member");
      insert->Run();
      const int64_t person = t_.db->LastInsertId();
      people_[code].push_back(person);
      auto link = t_.db->Prepare("INSERT INTO person_org(person_id, valid_from, valid_to, org_id) VALUES (?1, '2020-01-01', '9999-12-31', ?2)");
      link->Bind(1, person).Bind(2, id);
      link->Run();
      if (i < committee) {
        auto post = t_.db->Prepare("INSERT INTO post(person_id, org_id, title, start_on) VALUES (?1, ?2, ?3, '2020-01-01')");
        post->Bind(1, person).Bind(2, id).Bind(3, i == 0 ? "secretary" : "committee_member");
        post->Run();
      }
    }
    return code;
  }
  OrglifeCommands As(const accounts::Principal& p) { return OrglifeCommands(*t_.db, p, files_); }
  Meeting Plan(const std::string& branch, const std::string& kind, const std::string& when = "2026-01-10 09:00") {
    PlanForm f{branch, kind, "", "", "学习贯彻党章", when, "村党群服务中心", ""};
    auto m = As(village_cadre_).Plan(f);
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    return *m;
  }
  RecordForm Everyone(const Meeting& m, Presence presence = Presence::kPresent) {
    RecordForm f;
    f.held_at = Date::Today().ToString() + " 00:00";
    f.place = "村党群服务中心";
    f.presenter_id = std::to_string(m.attendees.front().person_id);
    f.recorder_id = std::to_string(m.attendees.back().person_id);
    f.minutes = "会议学习了党章。";
    for (const Attendee& a : m.attendees) f.attendance.push_back({a.person_id, std::string(PresenceCode(presence)), presence == Presence::kLeave ? "外出务工" : "", ""});
    return f;
  }

  testing_support::TestDb t_;
  std::string files_, town_, village_, other_village_, branch_, small_branch_, far_branch_;
  std::map<std::string, std::vector<int64_t>> people_;
  int made_ = 0;
  accounts::Principal county_, township_, village_cadre_, other_county_, province_;
};

TEST_F(OrglifeFixture, AGeneralMeetingIsPlannedRecordedAndApprovedFromAbove) {
  Meeting m = Plan(branch_, "general_meeting");
  EXPECT_EQ(m.state, State::kPlanned);
  ASSERT_EQ(m.attendees.size(), 8u);  // everyone, probationary members too
  EXPECT_EQ(std::count_if(m.attendees.begin(), m.attendees.end(), [](const Attendee& a) { return a.voting; }), 6);
  RecordForm f = Everyone(m);
  f.vote = Vote{6, 0, 0};
  auto recorded = As(village_cadre_).Record(m.id, f);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->state, State::kSubmitted);
  auto approved = As(township_).Review(m.id, true, "");
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->state, State::kApproved);
  auto standing = OrglifeRepo(*t_.db).FindStanding(org::OrgRepo(*t_.db).FindByCode(branch_, Date::Today())->id,
                                                   Kind::kGeneralMeeting);
  ASSERT_TRUE(standing);
  // Held this quarter: whatever the last quarter was, the branch is not behind once this quarter is the latest ended.
  EXPECT_FALSE(standing->span.On(PeriodOf(Date::Today(), PeriodUnit::kQuarter).end));
}

TEST_F(OrglifeFixture, AVoteWithoutQuorumIsRefusedAndNothingChanges) {
  Meeting m = Plan(branch_, "general_meeting");
  RecordForm f = Everyone(m, Presence::kLeave);
  // 3 of 6 full members present and both probationary members: not more than half.
  for (size_t i = 0; i < 3; ++i) f.attendance[i].presence = "present";
  f.attendance[6].presence = f.attendance[7].presence = "present";
  f.vote = Vote{3, 0, 0};
  auto r = As(village_cadre_).Record(m.id, f);
  ASSERT_EQ(r.status().code(), StatusCode::kInvalid);
  EXPECT_EQ(r.status().field(), "vote");
  EXPECT_EQ(OrglifeRepo(*t_.db).Find(m.id)->state, State::kPlanned);
  f.vote.reset();  // the meeting itself may be recorded, without a vote
  EXPECT_TRUE(As(village_cadre_).Record(m.id, f).ok());
}

TEST_F(OrglifeFixture, RecordingNamesTheFieldThatIsWrong) {
  Meeting m = Plan(branch_, "party_lecture");
  RecordForm f = Everyone(m);
  f.attendance.pop_back();
  EXPECT_EQ(As(village_cadre_).Record(m.id, f).status().field(), "attendance");
  f = Everyone(m, Presence::kLeave);
  f.attendance[0].reason = "";
  EXPECT_EQ(As(village_cadre_).Record(m.id, f).status().field(), "attendance");
  f = Everyone(m);
  f.minutes = "";
  EXPECT_EQ(As(village_cadre_).Record(m.id, f).status().field(), "minutes");
  f = Everyone(m);
  f.held_at = "2099-01-01 09:00";
  EXPECT_EQ(As(village_cadre_).Record(m.id, f).status().field(), "held_at");
  f = Everyone(m);
  f.place = "";
  EXPECT_EQ(As(village_cadre_).Record(m.id, f).status().field(), "place");
  EXPECT_EQ(OrglifeRepo(*t_.db).Find(m.id)->state, State::kPlanned);
}

TEST_F(OrglifeFixture, CommitteeMeetingsNeedACommitteeAndAreDueToItOnly) {
  Meeting m = Plan(branch_, "committee_meeting");
  EXPECT_EQ(m.attendees.size(), 3u);
  auto refused = As(At(*t_.db, other_village_, "v2", accounts::Role::kVillageCommittees))
                     .Plan({small_branch_, "committee_meeting", "", "", "研究工作", "2026-01-10 09:00", "会议室", ""});
  EXPECT_EQ(refused.status().field(), "kind");
}

TEST_F(OrglifeFixture, FourEyesOnReview) {
  Meeting m = Plan(branch_, "general_meeting");
  ASSERT_TRUE(As(village_cadre_).Record(m.id, Everyone(m)).ok());
  // The branch's own village cannot review it; nor can the county from another subtree see it.
  EXPECT_EQ(As(village_cadre_).Review(m.id, true, "").status().code(), StatusCode::kForbidden);
  EXPECT_EQ(As(other_county_).Review(m.id, true, "").status().code(), StatusCode::kNotFound);
  // Whoever submitted the record does not review it, even from a township account.
  accounts::Principal same = township_;
  same.login = village_cadre_.login;
  EXPECT_EQ(As(same).Review(m.id, true, "").status().code(), StatusCode::kForbidden);
  // Nor does the recorder, through an account linked to that person.
  const int64_t recorder = OrglifeRepo(*t_.db).Find(m.id)->recorder_id;
  auto acc = t_.db->Prepare(
      "INSERT INTO account(login, name, role, org_id, password_hash, created_at, person_id) VALUES ('rec', '记录人',"
      " 'township_committee', ?1, 'x', '2026-01-01', ?2)");
  acc->Bind(1, township_.org_id).Bind(2, recorder);
  acc->Run();
  accounts::Principal rec = township_;
  rec.login = "rec";
  rec.account_id = t_.db->LastInsertId();
  EXPECT_EQ(As(rec).Review(m.id, true, "").status().code(), StatusCode::kForbidden);
  // A return needs a reason; then the branch corrects and submits again.
  EXPECT_EQ(As(township_).Review(m.id, false, "").status().field(), "note");
  ASSERT_TRUE(As(township_).Review(m.id, false, "请补充发言要点").ok());
  EXPECT_EQ(As(township_).Review(m.id, true, "").status().code(), StatusCode::kConflict);
  ASSERT_TRUE(As(village_cadre_).Record(m.id, Everyone(m)).ok());
  EXPECT_TRUE(As(county_).Review(m.id, true, "").ok());
}

TEST_F(OrglifeFixture, AHigherOrgTightensRulesAndTheSourceIsShown) {
  RuleForm tighter{"632801000000", "party_lecture", "month", "1", "市委组织部要求每月一次党课"};
  auto set = As(county_).SetRule(tighter);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  auto rules = OrglifeQueries(*t_.db, township_).Rules("");
  ASSERT_TRUE(rules.ok());
  const RuleRow& lecture = (*rules)[static_cast<size_t>(Kind::kPartyLecture)];
  EXPECT_EQ(lecture.applied.rule.unit, PeriodUnit::kMonth);
  EXPECT_EQ(lecture.applied.source_org_id, county_.org_id);
  // Below, a looser rule is refused; the village committees set none.
  auto looser = As(township_).SetRule({town_, "party_lecture", "quarter", "1", ""});
  EXPECT_EQ(looser.status().field(), "times");
  EXPECT_EQ(As(village_cadre_).SetRule({village_, "party_lecture", "month", "2", ""}).status().code(),
            StatusCode::kForbidden);
  // The standing of the branches below follows the new rule.
  auto standing = OrglifeRepo(*t_.db).FindStanding(org::OrgRepo(*t_.db).FindByCode(branch_, Date::Today())->id,
                                                   Kind::kPartyLecture);
  ASSERT_TRUE(standing);
  EXPECT_EQ(standing->rule.unit, PeriodUnit::kMonth);
  EXPECT_TRUE(As(county_).ClearRule("632801000000", "party_lecture").ok());
  EXPECT_EQ(OrglifeQueries(*t_.db, township_).Rules("")->at(3).applied.source_org_id, 0);
}

TEST_F(OrglifeFixture, TheRollupCountsBranchesBehindAndAgreesWithSql) {
  WatchWrites(*t_.db);
  auto feed = BuildRollup(*t_.db, Date::Today(), 7);
  const int64_t county_node = county_.org_id;
  const auto before = feed->Figure(county_node, "orglife_branches_behind", Date::Today());
  ASSERT_TRUE(before);
  EXPECT_EQ(*before, 2);  // the two branches of 格尔木市 have recorded nothing
  EXPECT_TRUE(VerifyRollup(*t_.db, *feed, Date::Today()).empty());
  // Planning and recording writes standing rows; the figure follows at once.
  Meeting m = Plan(branch_, "general_meeting");
  ASSERT_TRUE(As(village_cadre_).Record(m.id, Everyone(m)).ok());
  feed->Refresh(*t_.db);
  EXPECT_TRUE(VerifyRollup(*t_.db, *feed, Date::Today()).empty());
}

TEST_F(OrglifeFixture, TheMeetingListMatchesAPlainFilterOverAllRows) {
  Rng rng(18);
  store::Transaction tx(*t_.db);
  OrglifeRepo repo(*t_.db);
  org::OrgRepo orgs(*t_.db);
  const std::vector<std::string> branches = {branch_, small_branch_, far_branch_};
  const std::vector<std::string> topics = {"学习党章", "研究集体经济", "主题党日志愿服务", "党课：两路精神"};
  for (int i = 0; i < 150; ++i) {
    Meeting m;
    m.branch_id = orgs.FindByCode(branches[static_cast<size_t>(rng.Uniform(0, 2))], Date::Today())->id;
    m.kind = static_cast<Kind>(rng.Uniform(0, 5));
    m.topic = topics[static_cast<size_t>(rng.Uniform(0, 3))];
    m.state = static_cast<State>(rng.Uniform(0, 4));
    const Date day = *Date::Parse("2026-01-01");
    m.planned_at = day.AddDays(rng.Uniform(0, 300)).ToString() + " 09:00";
    if (m.state != State::kPlanned && rng.Chance(0.7)) m.held_at = day.AddDays(rng.Uniform(0, 300)).ToString() + " 15:00";
    m.created_by = "t";
    repo.Insert(m, "2026-01-01T00:00:00+08:00");
  }
  tx.Commit();
  std::vector<Meeting> all;
  auto ids = t_.db->Prepare("SELECT id FROM orglife_meeting");
  while (ids->Step()) all.push_back(*repo.Find(ids->Int(0)));
  const std::vector<accounts::Principal> scopes = {province_, county_, township_, village_cadre_, other_county_};
  const std::vector<std::string> months = {"", "2026-03", "2026-07", "2026-10"};
  // Which branch each scope holds, by the one scope rule (asked once per scope and branch).
  std::map<std::pair<int64_t, int64_t>, bool> within;
  for (const accounts::Principal& p : scopes) {
    for (const std::string& b : branches) {
      const int64_t id = orgs.FindByCode(b, Date::Today())->id;
      within[{p.org_id, id}] = org::WithinScope(orgs, p.org_id, id, Date::Today());
    }
  }
  for (int round = 0; round < 300; ++round) {
    const accounts::Principal& p = scopes[static_cast<size_t>(rng.Uniform(0, 4))];
    ListRequest q;
    if (rng.Chance(0.5)) q.kind = std::string(KindCode(static_cast<Kind>(rng.Uniform(0, 5))));
    if (rng.Chance(0.5)) q.state = std::string(StateCode(static_cast<State>(rng.Uniform(0, 4))));
    q.month = months[static_cast<size_t>(rng.Uniform(0, 3))];
    if (rng.Chance(0.3)) q.query = rng.Chance(0.5) ? "党" : "集体";
    q.page = rng.Uniform(1, 4);
    q.page_size = rng.Uniform(1, 25);
    auto page = OrglifeQueries(*t_.db, p).List(q);
    ASSERT_TRUE(page.ok());
    std::vector<const Meeting*> want;
    for (const Meeting& m : all) {
      if (!within.at({p.org_id, m.branch_id})) continue;
      if (!q.kind.empty() && KindCode(m.kind) != q.kind) continue;
      if (!q.state.empty() && StateCode(m.state) != q.state) continue;
      const std::string day = (m.held_at.empty() ? m.planned_at : m.held_at).substr(0, 10);
      if (!q.month.empty() && day.substr(0, 7) != q.month) continue;
      if (!q.query.empty() && m.topic.find(q.query) == std::string::npos) continue;
      want.push_back(&m);
    }
    std::sort(want.begin(), want.end(), [](const Meeting* a, const Meeting* b) {
      const std::string da = (a->held_at.empty() ? a->planned_at : a->held_at).substr(0, 10);
      const std::string db = (b->held_at.empty() ? b->planned_at : b->held_at).substr(0, 10);
      return da != db ? da > db : a->id > b->id;
    });
    ASSERT_EQ(page->total, static_cast<int64_t>(want.size()));
    const size_t from = static_cast<size_t>((q.page - 1) * q.page_size);
    std::vector<int64_t> expected, got;
    for (size_t i = from; i < want.size() && i < from + static_cast<size_t>(q.page_size); ++i) expected.push_back(want[i]->id);
    for (const Meeting& m : page->items) got.push_back(m.id);
    ASSERT_EQ(got, expected) << "round " << round;
  }
}

TEST_F(OrglifeFixture, TheSecretarySeesWhatIsDue) {
  auto todo = OrglifeQueries(*t_.db, village_cadre_).Todo();
  ASSERT_TRUE(todo.ok());
  // Nothing recorded: behind on the kinds of the last ended period.
  EXPECT_TRUE(std::any_of(todo->begin(), todo->end(), [](const TodoItem& t) { return t.kind == "behind"; }));
  auto compliance = OrglifeQueries(*t_.db, county_).ComplianceOf("", "", false, 1, 20);
  ASSERT_TRUE(compliance.ok());
  EXPECT_EQ(compliance->branches, 2);
  EXPECT_EQ(OrglifeQueries(*t_.db, county_).ComplianceOf("", "2026Q5", false, 1, 20).status().field(), "period");
}

}  // namespace
}  // namespace jiceng::orglife
