// The Party member's side of orglife: accounts linked to persons (scope, one account per person), a branch's
// accounts made at once (one-time passwords, forced change), meeting sign-in (the window, codes unique among open
// windows and refused once closed, wrong codes throttled, members not due refused), leave before the start only,
// corrections with a note, and 我的 showing only the caller's own meetings (against a brute-force twin).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/id_number.h"
#include "core/random.h"
#include "modules/accounts/commands.h"
#include "modules/org/queries.h"
#include "modules/orglife/account_links.h"
#include "modules/orglife/commands.h"
#include "modules/orglife/my.h"
#include "modules/orglife/signin.h"
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

int64_t AuditCount(store::Connection& db, const std::string& action) {
  auto s = db.Prepare("SELECT COUNT(*) FROM audit_log WHERE action = ?1");
  s->Bind(1, action);
  s->Step();
  return s->Int(0);
}

class MemberFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = testing_support::CopyOf(testing_support::TemplateDatabase(false), "member");
    org::OrgQueries q(*t_.db);
    town_ = (*q.Children("632801000000", Date::Today()))[10].code;
    auto villages = *q.Children(town_, Date::Today());
    village_ = villages[0].code;
    store::Transaction tx(*t_.db);
    branch_ = MakeBranch(village_, 5, 1, 3);
    other_village_ = villages[1].code;
    other_branch_ = MakeBranch(other_village_, 3, 0, 0);
    far_village_ = (*q.Children((*q.Children("632802000000", Date::Today()))[0].code, Date::Today()))[0].code;
    far_branch_ = MakeBranch(far_village_, 3, 0, 0);
    tx.Commit();
    village_cadre_ = At(*t_.db, village_, "village", accounts::Role::kVillageCommittees);
    admin_ = At(*t_.db, town_, "admin_town", accounts::Role::kSystemAdmin);
  }

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
      auto link = t_.db->Prepare(
          "INSERT INTO person_org(person_id, valid_from, valid_to, org_id) VALUES (?1, '2020-01-01', '9999-12-31', "
          "?2)");
      link->Bind(1, person).Bind(2, id);
      link->Run();
      if (i < committee) {
        auto post =
            t_.db->Prepare("INSERT INTO post(person_id, org_id, title, start_on) VALUES (?1, ?2, ?3, '2020-01-01')");
        post->Bind(1, person).Bind(2, id).Bind(3, i == 0 ? "secretary" : "committee_member");
        post->Run();
      }
    }
    return code;
  }

  // A 党员 account for `person`, linked (through the command line's path), as the principal the routes would see.
  accounts::Principal MemberOf(int64_t person, const std::string& branch) {
    const std::string login = "member_" + std::to_string(person);
    auto created = accounts::AccountCommands(*t_.db, *t_.cipher, {"cli:test", "local"})
                       .Create({login, "党员账号", branch, "member", "Xq7!mzTr94kw"}, false);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    accounts::Principal cli;
    cli.login = "cli:test";
    auto linked = AccountLinks(*t_.db, *t_.cipher, cli, true).Link(login, std::to_string(person), "");
    EXPECT_TRUE(linked.ok()) << linked.status().ToString();
    accounts::Principal p = At(*t_.db, branch, login, accounts::Role::kMember);
    p.account_id = created->account.id;
    return p;
  }

  Meeting Plan(const std::string& branch, const std::string& when, const std::string& kind = "general_meeting") {
    accounts::Principal side = village_cadre_;
    if (branch == far_branch_) side = At(*t_.db, far_village_, "village3", accounts::Role::kVillageCommittees);
    if (branch == other_branch_) side = At(*t_.db, other_village_, "village2", accounts::Role::kVillageCommittees);
    auto m = OrglifeCommands(*t_.db, side).Plan({branch, kind, "", "", "学习贯彻党章", when, "村党群服务中心", ""});
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    return *m;
  }

  Presence PresenceOf(int64_t meeting, int64_t person) {
    auto m = OrglifeRepo(*t_.db).Find(meeting);
    for (const Attendee& a : m->attendees) {
      if (a.person_id == person) return a.presence;
    }
    return Presence::kUnsigned;
  }

  testing_support::TestDb t_;
  std::string town_, village_, other_village_, far_village_, branch_, other_branch_, far_branch_;
  std::map<std::string, std::vector<int64_t>> people_;
  int made_ = 0;
  accounts::Principal village_cadre_, admin_;
};

TEST(SigninWindowTest, OpensHalfAnHourBeforeAndClosesThreeHoursAfter) {
  const SigninWindow w = WindowOf("2026-12-01 00:10");
  EXPECT_EQ(w.opens_at, "2026-11-30 23:40");
  EXPECT_EQ(w.closes_at, "2026-12-01 03:10");
  EXPECT_EQ(AddMinutes("2026-12-31 22:30", 180), "2027-01-01 01:30");
  EXPECT_EQ(AddMinutes("bad", 10), "");
}

TEST_F(MemberFixture, LinkAndUnlinkAreScopedOnePersonOneAccountAndAudited) {
  auto made = accounts::AccountCommands(*t_.db, *t_.cipher, {"cli:test", "local"})
                  .Create({"clerk1", "党员甲", branch_, "member", "Xq7!mzTr94kw"}, false);
  ASSERT_TRUE(made.ok());
  accounts::AccountCommands(*t_.db, *t_.cipher, {"cli:test", "local"})
      .Create({"clerk2", "党员乙", branch_, "member", "Xq7!mzTr94kw"}, false);
  AccountLinks links(*t_.db, *t_.cipher, admin_);
  const int64_t person = people_[branch_][3];
  auto linked = links.Link("clerk1", std::to_string(person), "");
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  EXPECT_EQ(linked->person_id, person);
  EXPECT_EQ(LinkedPerson(*t_.db, made->account.id), person);
  EXPECT_EQ(AuditCount(*t_.db, "account.link"), 1);
  // One person, one account: the second is refused naming the field.
  auto twice = links.Link("clerk2", std::to_string(person), "");
  EXPECT_EQ(twice.status().code(), StatusCode::kConflict);
  EXPECT_EQ(twice.status().field(), "person_id");
  EXPECT_NE(twice.status().message().find("clerk1"), std::string::npos);
  // A person outside the administrator's subtree looks like none.
  auto far = links.Link("clerk2", std::to_string(people_[far_branch_][0]), "");
  EXPECT_EQ(far.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(far.status().field(), "person_id");
  EXPECT_EQ(links.Link("clerk2", "abc", "").status().field(), "person_id");
  EXPECT_EQ(links.Link("nobody", std::to_string(person), "").status().code(), StatusCode::kNotFound);
  // By ID number (its keyed hash, as the registry keeps it).
  std::string id = "63280119800101123";
  id += IdCheckCharacter(id);
  auto set = t_.db->Prepare("UPDATE person SET id_number_hash = ?1 WHERE id = ?2");
  set->BindBlob(1, t_.cipher->LookupHash(id)).Bind(2, people_[branch_][4]);
  set->Run();
  auto by_id = links.Link("clerk2", "", id);
  ASSERT_TRUE(by_id.ok()) << by_id.status().ToString();
  EXPECT_EQ(by_id->person_id, people_[branch_][4]);
  EXPECT_EQ(links.Link("clerk2", "", "632801198001011230").status().field(), "id_number");  // wrong check digit
  // Only a system administrator links.
  EXPECT_EQ(AccountLinks(*t_.db, *t_.cipher, village_cadre_).Link("clerk1", "1", "").status().code(),
            StatusCode::kForbidden);
  ASSERT_TRUE(links.Unlink("clerk1").ok());
  EXPECT_EQ(LinkedPerson(*t_.db, made->account.id), 0);
  EXPECT_EQ(links.Unlink("clerk1").code(), StatusCode::kConflict);
  EXPECT_EQ(AuditCount(*t_.db, "account.unlink"), 1);
  EXPECT_TRUE(links.Link("clerk1", std::to_string(person), "").ok());  // free again
}

TEST_F(MemberFixture, ABranchGetsAccountsWithOneTimePasswordsThatMustBeChanged) {
  AccountLinks links(*t_.db, *t_.cipher, admin_);
  MemberOf(people_[branch_][0], branch_);  // already has one
  auto preview = links.Preview(branch_);
  ASSERT_TRUE(preview.ok()) << preview.status().ToString();
  EXPECT_EQ(preview->candidates.size(), 5u);
  EXPECT_EQ(preview->with_account, 1);
  auto slips = links.CreateForBranch(branch_);
  ASSERT_TRUE(slips.ok()) << slips.status().ToString();
  ASSERT_EQ(slips->size(), 5u);
  std::set<std::string> passwords;
  for (const BatchSlip& s : *slips) {
    passwords.insert(s.password);
    auto account = accounts::AccountRepo(*t_.db).FindByLogin(s.login);
    ASSERT_TRUE(account);
    EXPECT_EQ(account->role, accounts::Role::kMember);
    EXPECT_TRUE(account->must_change_password);
    EXPECT_EQ(account->password_hash.find(s.password), std::string::npos);  // never in clear
    EXPECT_EQ(LinkedPerson(*t_.db, account->id), s.person_id);
  }
  EXPECT_EQ(passwords.size(), 5u);
  auto signed_in = accounts::AccountCommands(*t_.db, *t_.cipher, {"test", "127.0.0.1"})
                       .SignIn(slips->front().login, slips->front().password, "", 1'800'000'000);
  ASSERT_TRUE(signed_in.ok()) << signed_in.status().ToString();
  EXPECT_TRUE(signed_in->must_change_password);
  EXPECT_EQ(links.CreateForBranch(branch_).status().code(), StatusCode::kConflict);  // nobody left
  EXPECT_EQ(links.Preview(far_branch_).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(links.Preview(village_).status().field(), "branch_code");  // not a branch
  EXPECT_EQ(AuditCount(*t_.db, "account.batch"), 1);
}

TEST_F(MemberFixture, TheSignInWindowOpensAndClosesWithTheTimeNamed) {
  Meeting m = Plan(branch_, "2026-12-10 15:00");
  SigninCommands side(*t_.db, village_cadre_);
  auto early = side.Open(m.id, "2026-12-10 14:29");
  EXPECT_EQ(early.status().code(), StatusCode::kInvalid);
  EXPECT_NE(early.status().message().find("14:30"), std::string::npos) << early.status().message();
  auto late = side.Open(m.id, "2026-12-10 18:00");
  EXPECT_NE(late.status().message().find("18:00"), std::string::npos) << late.status().message();
  auto open = side.Open(m.id, "2026-12-10 14:30");
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  ASSERT_EQ(open->code.size(), 6u);
  EXPECT_EQ(side.Open(m.id, "2026-12-10 15:10")->code, open->code);  // the same code while open
  EXPECT_EQ(AuditCount(*t_.db, "orglife.signin.open"), 1);

  const int64_t person = people_[branch_][3];
  accounts::Principal member = MemberOf(person, branch_);
  SigninCommands mine(*t_.db, member);
  auto signed_in = mine.SignIn(open->code, 0, "2026-12-10 15:05", 1'800'000'000);
  ASSERT_TRUE(signed_in.ok()) << signed_in.status().ToString();
  EXPECT_EQ(PresenceOf(m.id, person), Presence::kPresent);
  EXPECT_EQ(side.Screen(m.id, "2026-12-10 15:06")->signed_at.at(person), "2026-12-10 15:05");
  // After the window: refused, naming when it closed.
  auto after = SigninCommands(*t_.db, MemberOf(people_[branch_][4], branch_))
                   .SignIn(open->code, m.id, "2026-12-10 18:00", 1'800'000'100);
  EXPECT_EQ(after.status().field(), "code");
  EXPECT_NE(after.status().message().find("18:00"), std::string::npos) << after.status().message();
  // The late one stays unsigned: the recorder sets it in the record form.
  EXPECT_EQ(PresenceOf(m.id, people_[branch_][4]), Presence::kUnsigned);
}

TEST_F(MemberFixture, CodesAreUniqueAmongOpenWindowsAndNameTheirMeeting) {
  Meeting a = Plan(branch_, "2026-12-10 15:00");
  Meeting b = Plan(branch_, "2026-12-10 15:30", "party_lecture");
  SigninCommands side(*t_.db, village_cadre_);
  auto open_a = side.Open(a.id, "2026-12-10 14:50");
  auto open_b = side.Open(b.id, "2026-12-10 15:00");
  ASSERT_TRUE(open_a.ok() && open_b.ok());
  EXPECT_NE(open_a->code, open_b->code);
  const int64_t person = people_[branch_][3];
  SigninCommands mine(*t_.db, MemberOf(person, branch_));
  // A's code on B's link is a wrong code.
  EXPECT_EQ(mine.SignIn(open_a->code, b.id, "2026-12-10 15:10", 1'800'000'000).status().field(), "code");
  EXPECT_EQ(PresenceOf(b.id, person), Presence::kUnsigned);
  ASSERT_TRUE(mine.SignIn(open_b->code, 0, "2026-12-10 15:10", 1'800'000'001).ok());
  EXPECT_EQ(PresenceOf(b.id, person), Presence::kPresent);
  EXPECT_EQ(PresenceOf(a.id, person), Presence::kUnsigned);
  // Many windows open at once: every code different.
  std::set<std::string> codes{open_a->code, open_b->code};
  for (int i = 0; i < 30; ++i) {
    Meeting m = Plan(branch_, "2026-12-10 16:00", "party_lecture");
    codes.insert(side.Open(m.id, "2026-12-10 15:45")->code);
  }
  EXPECT_EQ(codes.size(), 32u);
}

TEST_F(MemberFixture, WrongCodesAreThrottledPerAccount) {
  Meeting m = Plan(branch_, "2026-12-10 15:00");
  auto open = SigninCommands(*t_.db, village_cadre_).Open(m.id, "2026-12-10 15:00");
  ASSERT_TRUE(open.ok());
  const std::string wrong = open->code == "000000" ? "000001" : "000000";
  SigninCommands mine(*t_.db, MemberOf(people_[branch_][3], branch_));
  const int64_t t0 = 1'800'000'000;
  for (int i = 0; i < kWrongCodesAllowed; ++i) {
    EXPECT_EQ(mine.SignIn(wrong, 0, "2026-12-10 15:01", t0 + i).status().code(), StatusCode::kInvalid);
  }
  auto refused = mine.SignIn(open->code, 0, "2026-12-10 15:02", t0 + 10);  // even the right one, for now
  EXPECT_EQ(refused.status().reason(), "throttled");
  EXPECT_GT(mine.RetryAfter(t0 + 10), 0);
  EXPECT_EQ(AuditCount(*t_.db, "orglife.signin.fail"), kWrongCodesAllowed);
  // Another member is not held back by it.
  EXPECT_TRUE(SigninCommands(*t_.db, MemberOf(people_[branch_][4], branch_))
                  .SignIn(open->code, 0, "2026-12-10 15:02", t0 + 10)
                  .ok());
  EXPECT_TRUE(mine.SignIn(open->code, 0, "2026-12-10 15:12", t0 + kWrongCodeSeconds + 1).ok());
}

TEST_F(MemberFixture, AMemberNotDueIsRefusedAndAnAccountWithoutPersonToo) {
  Meeting committee = Plan(branch_, "2026-12-10 15:00", "committee_meeting");  // the three committee members
  auto open = SigninCommands(*t_.db, village_cadre_).Open(committee.id, "2026-12-10 15:00");
  ASSERT_TRUE(open.ok());
  auto not_due =
      SigninCommands(*t_.db, MemberOf(people_[branch_][4], branch_)).SignIn(open->code, 0, "2026-12-10 15:01", 1);
  EXPECT_EQ(not_due.status().code(), StatusCode::kForbidden);
  auto stranger = SigninCommands(*t_.db, MemberOf(people_[other_branch_][0], other_branch_))
                      .SignIn(open->code, 0, "2026-12-10 15:01", 2);
  EXPECT_EQ(stranger.status().code(), StatusCode::kForbidden);
  EXPECT_EQ(SigninCommands(*t_.db, village_cadre_).SignIn(open->code, 0, "2026-12-10 15:01", 3).status().code(),
            StatusCode::kForbidden);  // no person linked
  EXPECT_TRUE(
      SigninCommands(*t_.db, MemberOf(people_[branch_][1], branch_)).SignIn(open->code, 0, "2026-12-10 15:01", 4).ok());
}

TEST_F(MemberFixture, LeaveOnlyBeforeTheStartWithAReason) {
  Meeting m = Plan(branch_, "2026-12-10 15:00");
  const int64_t person = people_[branch_][3];
  SigninCommands mine(*t_.db, MemberOf(person, branch_));
  EXPECT_EQ(mine.RequestLeave(m.id, "", "2026-12-09 10:00").status().field(), "reason");
  auto late = mine.RequestLeave(m.id, "外出务工", "2026-12-10 15:00");
  EXPECT_EQ(late.status().code(), StatusCode::kInvalid);
  EXPECT_NE(late.status().message().find("15:00"), std::string::npos);
  EXPECT_EQ(PresenceOf(m.id, person), Presence::kUnsigned);
  ASSERT_TRUE(mine.RequestLeave(m.id, "外出务工", "2026-12-09 10:00").ok());
  EXPECT_EQ(PresenceOf(m.id, person), Presence::kLeave);
  auto far = Plan(far_branch_, "2026-12-10 15:00");
  EXPECT_EQ(mine.RequestLeave(far.id, "外出务工", "2026-12-09 10:00").status().code(), StatusCode::kNotFound);
}

TEST_F(MemberFixture, TheRecorderCorrectsWithANoteAndTheRecordFormStartsFromTheSignIns) {
  Meeting m = Plan(branch_, "2026-12-10 15:00");
  SigninCommands side(*t_.db, village_cadre_);
  const int64_t person = people_[branch_][2];
  EXPECT_EQ(side.Correct(m.id, person, "present", "", "", "2026-12-10 15:00").status().field(), "note");
  EXPECT_EQ(side.Correct(m.id, person, "maybe", "", "x", "2026-12-10 15:00").status().field(), "presence");
  ASSERT_TRUE(side.Correct(m.id, person, "present", "", "手机没电，现场确认到会", "2026-12-10 15:00").ok());
  EXPECT_EQ(PresenceOf(m.id, person), Presence::kPresent);
  EXPECT_EQ(AuditCount(*t_.db, "orglife.attendance.correct"), 1);
  auto far_side = At(*t_.db, "632802000000", "delingha", accounts::Role::kOrgDepartment);
  EXPECT_EQ(
      SigninCommands(*t_.db, far_side).Correct(m.id, person, "absent", "", "x", "2026-12-10 15:00").status().code(),
      StatusCode::kNotFound);
}

TEST_F(MemberFixture, AMemberSeesOnlyTheirOwnMeetings) {
  const int64_t person = people_[branch_][3];
  accounts::Principal me = MemberOf(person, branch_);
  Meeting own = Plan(branch_, "2026-12-10 15:00");
  Meeting committee = Plan(branch_, "2026-12-11 15:00", "committee_meeting");  // not due
  Meeting other = Plan(other_branch_, "2026-12-10 15:00");
  MyQueries q(*t_.db, me);
  int64_t total = 0;
  auto upcoming = q.Meetings(true, 1, "2026-12-01 08:00", &total);
  ASSERT_TRUE(upcoming.ok());
  ASSERT_EQ(total, 1);
  EXPECT_EQ(upcoming->front().meeting.id, own.id);
  EXPECT_TRUE(upcoming->front().meeting.attendees.empty());  // never the others' lines
  EXPECT_EQ(q.One(committee.id, "2026-12-01 08:00").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(q.One(other.id, "2026-12-01 08:00").status().code(), StatusCode::kNotFound);
  // Past once the window closed.
  auto past = q.Meetings(false, 1, "2026-12-10 18:00", &total);
  EXPECT_EQ(total, 1);
  EXPECT_EQ(MyQueries(*t_.db, village_cadre_).Me().status().code(), StatusCode::kForbidden);
}

// The member's meeting list against a plain filter over every attendance row: random meetings, people, moments and
// pages.
TEST_F(MemberFixture, TheMemberListMatchesItsBruteForceTwin) {
  Rng rng(1213);
  const std::vector<std::string> kinds = {"general_meeting", "party_lecture", "committee_meeting", "themed_party_day"};
  std::vector<Meeting> all;
  for (int i = 0; i < 40; ++i) {
    char when[32];
    std::snprintf(when, sizeof when, "2026-12-%02d %02d:%02d", rng.Uniform(1, 28), rng.Uniform(7, 20),
                  rng.Uniform(0, 1) * 30);
    all.push_back(Plan(rng.Chance(0.8) ? branch_ : other_branch_, when, kinds[rng.Uniform(0, 3)]));
    if (rng.Chance(0.2)) {
      OrglifeCommands(*t_.db, village_cadre_).Cancel(all.back().id, "改期");
    }
  }
  std::vector<accounts::Principal> members;
  for (int64_t person : people_[branch_]) members.push_back(MemberOf(person, branch_));
  for (int64_t person : people_[other_branch_]) members.push_back(MemberOf(person, other_branch_));
  for (int c = 0; c < 300; ++c) {
    const accounts::Principal& p = members[rng.Uniform(0, static_cast<int>(members.size()) - 1)];
    const int64_t person = LinkedPerson(*t_.db, p.account_id);
    char now[32];
    std::snprintf(now, sizeof now, "2026-12-%02d %02d:%02d", rng.Uniform(1, 30), rng.Uniform(0, 23),
                  rng.Uniform(0, 59));
    const bool upcoming = rng.Chance(0.5);
    const int page = rng.Uniform(1, 3);
    std::vector<std::pair<std::string, int64_t>> expected;  // (sort key, id)
    for (const Meeting& m0 : all) {
      auto m = OrglifeRepo(*t_.db).Find(m0.id);
      if (std::none_of(m->attendees.begin(), m->attendees.end(),
                       [&](const Attendee& a) { return a.person_id == person; }))
        continue;
      const bool is_upcoming = m->state == State::kPlanned && std::string(now) < WindowOf(m->planned_at).closes_at;
      if (is_upcoming != upcoming) continue;
      expected.emplace_back(m->planned_at, m->id);
    }
    std::sort(expected.begin(), expected.end());
    if (!upcoming) std::reverse(expected.begin(), expected.end());
    int64_t total = 0;
    auto got = MyQueries(*t_.db, p).Meetings(upcoming, page, now, &total);
    ASSERT_TRUE(got.ok());
    ASSERT_EQ(total, static_cast<int64_t>(expected.size())) << now;
    std::vector<int64_t> want, have;
    for (size_t i = (page - 1) * kMyMeetingsPerPage; i < expected.size() && want.size() < kMyMeetingsPerPage; ++i) {
      want.push_back(expected[i].second);
    }
    for (const MyMeeting& m : *got) have.push_back(m.meeting.id);
    ASSERT_EQ(have, want) << "case " << c << " now " << now << (upcoming ? " upcoming" : " past");
  }
}

}  // namespace
}  // namespace jiceng::orglife
