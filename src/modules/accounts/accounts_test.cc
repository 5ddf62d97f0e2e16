// Accounts without a server: password rules and hashing, TOTP, session timeouts, the sign-in lockout and
// throttles with a clock the test moves, and the requests and approvals of 双人复核.
#include <gtest/gtest.h>

#include <ctime>
#include <map>

#include "modules/accounts/admin.h"
#include "modules/accounts/approvals.h"
#include "modules/accounts/commands.h"
#include "modules/accounts/password.h"
#include "modules/accounts/permissions.h"
#include "modules/accounts/queries.h"
#include "modules/accounts/sessions.h"
#include "modules/accounts/throttle.h"
#include "modules/accounts/totp.h"
#include "store/audit.h"
#include "testing/fixture.h"

namespace jiceng::accounts {
namespace {

TEST(PasswordTest, PolicyNamesTheField) {
  EXPECT_FALSE(CheckPasswordPolicy("Ab1#", "x", "new_password").ok());
  EXPECT_EQ(CheckPasswordPolicy("abcdefgh", "x", "new_password").field(), "new_password");
  EXPECT_FALSE(CheckPasswordPolicy("abcdefg1", "x", "p").ok());  // two classes
  EXPECT_TRUE(CheckPasswordPolicy("Qinghai#2026new", "x", "p").ok());
  EXPECT_TRUE(CheckPasswordPolicy("Tp9@qLz4#wXe", "x", "p").ok());
  EXPECT_FALSE(CheckPasswordPolicy("Demo_user1", "Demo_user1", "p").ok());
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(CheckPasswordPolicy(GeneratePassword(), "x", "p").ok());
}

// Regression: "Password1" and "short1A!" passed the class rule; cracklib's dictionary refuses them.
TEST(PasswordTest, RefusesCommonAndPersonalPasswords) {
  for (const char* common : {"Password1", "short1A!", "Whatever#1"}) {
    Status st = CheckPasswordPolicy(common, "cadre", "new_password");
    EXPECT_EQ(st.code(), StatusCode::kInvalid) << common;
    EXPECT_EQ(st.field(), "new_password");
    EXPECT_NE(st.message().find("常见"), std::string::npos) << st.message();
  }
  EXPECT_EQ(CheckPasswordPolicy("Xq7#demo_golmud", "demo_golmud", "p").message(), "密码不能包含账号");
  EXPECT_EQ(CheckPasswordPolicy("Xq7#DEMO_GOLMUD", "demo_golmud", "p").message(), "密码不能包含账号");
  EXPECT_EQ(CheckPasswordPolicy("Xq7#王建国2026", "wjg", "p", "王建国").message(), "密码不能包含姓名");
  EXPECT_EQ(CheckPasswordPolicy("Wangjianguo#26", "wjg", "p", "王建国").message(), "密码不能包含姓名的拼音");
  EXPECT_TRUE(CheckPasswordPolicy("Demo#2026pass", "demo_golmud", "p", "格尔木市委组织部演示账号").ok());
}

TEST(PasswordTest, OneTimeCodeHalves) {
  std::string a = NewCodeHalf(), b = NewCodeHalf();
  EXPECT_EQ(a.size(), 9u);  // ABCD-EFGH
  std::string got_a, got_b;
  ASSERT_TRUE(SplitCode(a + " " + b, &got_a, &got_b));
  EXPECT_EQ(got_a + got_b, (a + b).erase(4, 1).erase(12, 1));
  EXPECT_FALSE(SplitCode(a, &got_a, &got_b));
  EXPECT_FALSE(SplitCode("0000-0000-0000-0000", &got_a, &got_b));  // 0 is not in the alphabet
}

TEST(PasswordTest, Argon2idRoundTrip) {
  std::string hash = HashPassword("Good#pass2026");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_NE(hash.find("m=19456,t=2"), std::string::npos);  // 19 MiB, two passes
  EXPECT_TRUE(VerifyPassword(hash, "Good#pass2026"));
  EXPECT_FALSE(VerifyPassword(hash, "Good#pass2027"));
  EXPECT_NE(hash, HashPassword("Good#pass2026"));  // salted
}

TEST(TotpTest, Rfc6238Vector) {
  // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 → its last six digits.
  const std::string secret = "12345678901234567890";
  EXPECT_EQ(TotpCode(secret, 59), "287082");
  EXPECT_TRUE(TotpValid(secret, "287082", 59));
  EXPECT_TRUE(TotpValid(secret, TotpCode(secret, 1111111109), 1111111109 + 30));  // one step of drift
  EXPECT_FALSE(TotpValid(secret, TotpCode(secret, 1111111109), 1111111109 + 120));
  EXPECT_FALSE(TotpValid(secret, "12345", 59));
  EXPECT_EQ(TotpBase32(secret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

// Sessions and the address throttle live in the database: each test has a database of its own (the bare tree), and
// a second connection to it stands for a second server process (or the same server after a restart).
class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override { t_ = testing_support::CopyOf(testing_support::TemplateDatabase(false), "sessions"); }
  std::unique_ptr<store::Connection> Another() {
    auto db = store::Open(t_.path, {});
    if (!db.ok()) throw store::Fault(db.status().ToString());
    return std::move(*db);
  }
  testing_support::TestDb t_;
};

TEST_F(SessionTest, IdleAndAbsoluteTimeouts) {
  int64_t now = 1'000'000;
  SessionStore sessions([&now] { return now; });
  store::Connection& db = *t_.db;
  Session s = sessions.Create(db, 7, false, false);
  EXPECT_EQ(s.id.size(), 32u);  // 128 bits, hex
  EXPECT_NE(s.id, sessions.Create(db, 7, false, false).id);
  now += SessionStore::kIdleSeconds - 1;
  EXPECT_TRUE(sessions.Find(db, s.id));  // touched: idle time starts again
  now += SessionStore::kIdleSeconds - 1;
  EXPECT_TRUE(sessions.Find(db, s.id));
  now += SessionStore::kIdleSeconds + 1;
  EXPECT_FALSE(sessions.Find(db, s.id));

  Session busy = sessions.Create(db, 8, false, false);
  for (int i = 0; i < 12 * 2; ++i) {
    now += 29 * 60;
    ASSERT_TRUE(sessions.Find(db, busy.id)) << i;
    if (now - busy.created > SessionStore::kAbsoluteSeconds - 29 * 60) break;
  }
  now += 29 * 60;
  EXPECT_FALSE(sessions.Find(db, busy.id));  // 12 hours in all, however busy
  Session other = sessions.Create(db, 9, false, false);
  sessions.RemoveAccount(db, 9);
  EXPECT_FALSE(sessions.Find(db, other.id));
}

// Regression: changing the password left the account's other sessions signed in.
TEST_F(SessionTest, RemoveAccountExceptKeepsOnlyThatSession) {
  SessionStore sessions;
  store::Connection& db = *t_.db;
  Session keep = sessions.Create(db, 5, false, false);
  Session phone = sessions.Create(db, 5, false, false);
  Session someone = sessions.Create(db, 6, false, false);
  sessions.RemoveAccountExcept(db, 5, keep.id);
  EXPECT_TRUE(sessions.Find(db, keep.id));
  EXPECT_FALSE(sessions.Find(db, phone.id));
  EXPECT_TRUE(sessions.Find(db, someone.id));
}

// The database holds the id's hash only: whoever reads the table cannot present the cookie.
TEST_F(SessionTest, TheDatabaseHoldsOnlyTheIdsHash) {
  SessionStore sessions;
  Session s = sessions.Create(*t_.db, 5, true, false);
  auto rows = t_.db->Prepare("SELECT id_hash FROM web_session");
  ASSERT_TRUE(rows->Step());
  EXPECT_EQ(rows->Text(0), SessionStore::HashId(s.id));
  EXPECT_EQ(rows->Text(0).size(), 64u);
  EXPECT_EQ(rows->Text(0).find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_FALSE(rows->Step());
  rows.reset();
  auto clear = t_.db->Prepare("SELECT COUNT(*) FROM web_session WHERE id_hash = ?1 OR csrf_token = ?1");
  clear->Bind(1, s.id);
  ASSERT_TRUE(clear->Step());
  EXPECT_EQ(clear->Int(0), 0) << "the id itself is nowhere";
  clear.reset();
  EXPECT_FALSE(sessions.Find(*t_.db, SessionStore::HashId(s.id)));  // the hash is not a key
}

// A restart (a new store over a new connection) and a second server both find the session, with its CSRF token and
// pending gates; sign-out and the end of an account's sessions on one are seen by the other at its next request.
TEST_F(SessionTest, AnotherServerOrARestartSeesTheSameSessions) {
  int64_t now = 1'000'000;
  SessionStore first([&now] { return now; }), second([&now] { return now; });
  auto other = Another();
  Session s = first.Create(*t_.db, 5, true, false);
  s.reset_requested_by = "demo_security";
  s.reset_at = 42;
  first.Update(*t_.db, s);
  auto seen = second.Find(*other, s.id);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->csrf_token, s.csrf_token);
  EXPECT_EQ(seen->account_id, 5);
  EXPECT_TRUE(seen->must_change_password);
  EXPECT_EQ(seen->reset_requested_by, "demo_security");
  EXPECT_EQ(seen->reset_at, 42);
  seen->must_change_password = false;
  second.Update(*other, *seen);
  EXPECT_FALSE(first.Find(*t_.db, s.id)->must_change_password);

  second.Remove(*other, s.id);  // sign-out on the second server
  EXPECT_FALSE(first.Find(*t_.db, s.id));

  Session a = first.Create(*t_.db, 6, false, false), b = second.Create(*other, 6, false, false);
  first.RemoveAccount(*t_.db, 6);  // a reset approved on the first server
  EXPECT_FALSE(second.Find(*other, a.id));
  EXPECT_FALSE(second.Find(*other, b.id));
}

// Idle time counts from the last request on any server: activity on one keeps the session alive on the other, and
// expiry is the same on both. The last activity is written at most once a minute.
TEST_F(SessionTest, IdleTimeCountsAcrossServersAndIsWrittenAtMostOnceAMinute) {
  int64_t now = 1'000'000;
  SessionStore first([&now] { return now; }), second([&now] { return now; });
  auto other = Another();
  Session s = first.Create(*t_.db, 5, false, false);
  auto last_seen = [&] {
    return store::QueryInt(*t_.db, "SELECT last_seen FROM web_session WHERE id_hash = '" + SessionStore::HashId(s.id) + "'");
  };
  now += SessionStore::kTouchSeconds - 1;
  ASSERT_TRUE(second.Find(*other, s.id));
  EXPECT_EQ(last_seen(), 1'000'000) << "not written within the minute";
  now += 1;
  ASSERT_TRUE(second.Find(*other, s.id));
  EXPECT_EQ(last_seen(), now);
  for (int i = 0; i < 3; ++i) {  // busy on the second server for 75 minutes
    now += 25 * 60;
    ASSERT_TRUE(second.Find(*other, s.id)) << i;
  }
  EXPECT_TRUE(first.Find(*t_.db, s.id)) << "alive on the first server too";
  now += SessionStore::kIdleSeconds + 1;
  EXPECT_FALSE(first.Find(*t_.db, s.id));
  EXPECT_FALSE(second.Find(*other, s.id));
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM web_session"), 0) << "an expired session is deleted";
}

class ThrottleTest : public SessionTest {};

// Regression: 300 failures over 60 logins from one address were not slowed.
TEST_F(ThrottleTest, OneAddressIsRefusedAfterThirtyFailures) {
  int64_t now = 1'000'000;
  SignInThrottle throttle([&now] { return now; });
  store::Connection& db = *t_.db;
  for (int i = 0; i < SignInThrottle::kPerAddress; ++i) {
    EXPECT_EQ(throttle.RetryAfter(db, "10.0.0.1"), 0) << i;
    throttle.RecordFailure(db, "10.0.0.1");
    now += 1;
  }
  EXPECT_EQ(throttle.RetryAfter(db, "10.0.0.1"), SignInThrottle::kAddressWindow - SignInThrottle::kPerAddress);
  EXPECT_EQ(throttle.RetryAfter(db, "10.0.0.2"), 0);  // another address is not held back
  now += SignInThrottle::kAddressWindow - SignInThrottle::kPerAddress - 1;
  EXPECT_EQ(throttle.RetryAfter(db, "10.0.0.1"), 1);
  now += 1;
  EXPECT_EQ(throttle.RetryAfter(db, "10.0.0.1"), 0);
  throttle.RecordFailure(db, "10.0.0.1");
  EXPECT_GT(throttle.RetryAfter(db, "10.0.0.1"), 0) << "29 of the 30 are still in the window";
}

TEST_F(ThrottleTest, AllAddressesTogetherAreLimited) {
  int64_t now = 1'000'000;
  SignInThrottle throttle([&now] { return now; });
  store::Connection& db = *t_.db;
  {
    store::Transaction tx(db);  // one commit for the thousand (each is a savepoint then)
    for (int i = 0; i < SignInThrottle::kOverall; ++i)
      throttle.RecordFailure(db, "10.1." + std::to_string(i / 200) + "." + std::to_string(i % 200));
    tx.Commit();
  }
  EXPECT_GT(throttle.RetryAfter(db, "192.168.9.9"), 0);
  now += SignInThrottle::kOverallWindow + 1;
  EXPECT_EQ(throttle.RetryAfter(db, "192.168.9.9"), 0);
  now += SignInThrottle::kAddressWindow;
  throttle.RecordFailure(db, "10.9.9.9");
  EXPECT_EQ(store::QueryInt(db, "SELECT COUNT(*) FROM sign_in_throttle"), 1) << "failures past every window are forgotten";
}

// The throttle holds across servers and restarts: failures counted by one server (or before a restart) refuse the
// address on another, per address and overall.
TEST_F(ThrottleTest, TheThrottleHoldsAcrossServersAndRestarts) {
  int64_t now = 1'000'000;
  SignInThrottle first([&now] { return now; }), second([&now] { return now; });
  auto other = Another();
  for (int i = 0; i < SignInThrottle::kPerAddress; ++i) {
    if (i % 2) {
      first.RecordFailure(*t_.db, "10.0.0.1");
    } else {
      second.RecordFailure(*other, "10.0.0.1");
    }
  }
  SignInThrottle restarted([&now] { return now; });
  EXPECT_GT(restarted.RetryAfter(*other, "10.0.0.1"), 0);
  EXPECT_GT(first.RetryAfter(*t_.db, "10.0.0.1"), 0);
  EXPECT_EQ(first.RetryAfter(*t_.db, "10.0.0.2"), 0);
  {
    store::Transaction tx(*t_.db);
    for (int i = SignInThrottle::kPerAddress; i < SignInThrottle::kOverall; ++i) {
      first.RecordFailure(*t_.db, "10.2." + std::to_string(i / 200) + "." + std::to_string(i % 200));
    }
    tx.Commit();
  }
  EXPECT_GT(restarted.RetryAfter(*other, "10.0.0.2"), 0) << "the overall limit, counted on both";
}

TEST_F(ThrottleTest, AuditLimiterKeepsACountOfWhatItLeavesOut) {
  int64_t now = 60 * 1000;
  AuditLimiter limiter([&now] { return now; });
  for (int i = 0; i < AuditLimiter::kPerAddressPerMinute; ++i) EXPECT_TRUE(limiter.Admit("10.0.0.1").record);
  for (int i = 0; i < 7; ++i) EXPECT_FALSE(limiter.Admit("10.0.0.1").record);
  EXPECT_TRUE(limiter.Admit("10.0.0.2").record);
  now += 60;
  auto next = limiter.Admit("10.0.0.1");
  EXPECT_TRUE(next.record);
  EXPECT_EQ(next.left_out, 7);
  EXPECT_EQ(limiter.Admit("10.0.0.1").left_out, 0);
}

class SignInTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = testing_support::CopyOf(testing_support::TemplateDatabase(false), "accounts");
    AccountCommands commands(*t_.db, *t_.cipher, {"test", "local"});
    ASSERT_TRUE(commands.Create({"cadre", "干部", "632801000000", "组织部", "Good#pass2026"}, false).ok());
  }
  AccountCommands Commands() { return AccountCommands(*t_.db, *t_.cipher, {"cadre", "127.0.0.1"}); }
  testing_support::TestDb t_;
};

TEST_F(SignInTest, FiveFailuresLockFifteenMinutes) {
  int64_t now = 2'000'000'000;
  for (int i = 0; i < 5; ++i) {
    Status st = Commands().SignIn("cadre", "bad", "", now).status();
    EXPECT_EQ(st.code(), StatusCode::kUnauthenticated);
    EXPECT_EQ(st.message(), BadCredentials().message());  // never the attempts left
  }
  EXPECT_EQ(Commands().SignIn("cadre", "Good#pass2026", "", now + 60).status().message(), BadCredentials().message());
  EXPECT_EQ(Commands().SignIn("cadre", "Good#pass2026", "", now + 14 * 60).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_TRUE(Commands().SignIn("cadre", "Good#pass2026", "", now + 15 * 60 + 1).ok());
  // Five wrong passwords and two attempts while locked.
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'session.fail'"), 7);
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'session.signin'"), 1);
  EXPECT_EQ(store::VerifyAuditChain(*t_.db).first_bad_id, 0);
}

TEST_F(SignInTest, AtMostHundredFailuresAnHour) {
  int64_t now = 2'000'000'000;
  auto account = AccountRepo(*t_.db).FindByLogin("cadre");
  for (int i = 0; i < 100; ++i) AccountRepo(*t_.db).AddFailure(account->id, now - 10);
  auto refused = Commands().SignIn("cadre", "Good#pass2026", "", now);
  EXPECT_EQ(refused.status().message(), BadCredentials().message());
  EXPECT_TRUE(Commands().SignIn("cadre", "Good#pass2026", "", now + 3600).ok());
}

// Regression (issue #11): unlocking cleared the 5-in-a-row lock but not the hourly limit, so an account refused
// after 100 failures in an hour stayed refused after the security administrator "unlocked" it.
TEST_F(SignInTest, UnlockClearsTheHourlyLimit) {
  const auto now = static_cast<int64_t>(std::time(nullptr));
  auto account = AccountRepo(*t_.db).FindByLogin("cadre");
  for (int i = 0; i < 100; ++i) AccountRepo(*t_.db).AddFailure(account->id, now - 10);
  EXPECT_FALSE(Commands().SignIn("cadre", "Good#pass2026", "", now).ok());
  Principal security{0, "sec", "sec", Role::kSecurityAdmin, account->org_id, "632801000000", "", ""};
  EXPECT_TRUE(FindAccountInScope(*t_.db, security, "cadre")->throttled);  // the list shows it locked
  ASSERT_TRUE(Commands().Unlock("cadre").ok());
  EXPECT_FALSE(FindAccountInScope(*t_.db, security, "cadre")->throttled);
  EXPECT_TRUE(Commands().SignIn("cadre", "Good#pass2026", "", now + 1).ok());
}

TEST_F(SignInTest, BadAccountsAreRefusedAndChangeNothing) {
  const std::string digest = store::ContentDigest(*t_.db);
  AccountCommands c = Commands();
  EXPECT_EQ(c.Create({"Bad Login", "", "632801000000", "组织部", ""}, true).status().field(), "login");
  EXPECT_EQ(c.Create({"someone", "", "632801000000", "国王", ""}, true).status().field(), "role");
  EXPECT_EQ(c.Create({"someone", "", "639999999999", "组织部", ""}, true).status().field(), "org");
  EXPECT_EQ(c.Create({"cadre", "", "632801000000", "组织部", ""}, true).status().code(), StatusCode::kConflict);
  EXPECT_EQ(c.Create({"someone", "", "632801000000", "组织部", "weak"}, true).status().field(), "password");
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
}

TEST_F(SignInTest, TotpIsRequiredOnceEnrolled) {
  auto account = AccountRepo(*t_.db).FindByLogin("cadre");
  auto secret = Commands().BeginTotp(account->id);
  ASSERT_TRUE(secret.ok());
  int64_t now = 2'000'000'000;
  EXPECT_FALSE(
      Commands()
          .ConfirmTotp(account->id, "Good#pass2026", "000000" == TotpCode(*secret, now) ? "111111" : "000000", now)
          .ok());
  ASSERT_TRUE(Commands().ConfirmTotp(account->id, "Good#pass2026", TotpCode(*secret, now), now).ok());
  auto missing = Commands().SignIn("cadre", "Good#pass2026", "", now);
  EXPECT_EQ(missing.status().reason(), "totp_required");
  EXPECT_TRUE(Commands().SignIn("cadre", "Good#pass2026", TotpCode(*secret, now + 30), now + 30).ok());
}

// Regression: an unknown login answered "账号或密码错误", a real one "…（再错 4 次将锁定 15 分钟）", a locked one 423.
TEST_F(SignInTest, UnknownLockedAndWrongPasswordGetTheSameAnswer) {
  int64_t now = 2'000'000'000;
  Status wrong = Commands().SignIn("cadre", "Wrong#pass1", "", now).status();
  Status unknown = Commands().SignIn("nobody_here", "Wrong#pass1", "", now).status();
  for (int i = 0; i < 4; ++i) Commands().SignIn("cadre", "Wrong#pass1", "", now);
  Status locked = Commands().SignIn("cadre", "Good#pass2026", "", now).status();
  for (const Status& st : {wrong, unknown, locked}) {
    EXPECT_EQ(st.code(), StatusCode::kUnauthenticated);
    EXPECT_EQ(st.message(), wrong.message());
    EXPECT_EQ(st.reason(), "");
  }
  // Unknown logins and locked accounts are audited too.
  EXPECT_EQ(store::QueryInt(*t_.db,
                            "SELECT COUNT(*) FROM audit_log WHERE action = 'session.fail'"
                            " AND object = 'nobody_here'"),
            1);
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'session.fail'"), 7);
}

// Regression: 100 wrong old passwords in a row were allowed.
TEST_F(SignInTest, WrongOldPasswordsLockTheAccount) {
  int64_t now = 2'000'000'000;
  auto account = AccountRepo(*t_.db).FindByLogin("cadre");
  for (int i = 0; i < AccountCommands::kFailuresBeforeLock; ++i) {
    EXPECT_EQ(Commands().ChangePassword(account->id, "Wrong#old1", "Qinghai#2026new", now).field(), "old_password");
  }
  EXPECT_EQ(Commands().ChangePassword(account->id, "Good#pass2026", "Qinghai#2026new", now).field(), "old_password");
  EXPECT_FALSE(Commands().SignIn("cadre", "Good#pass2026", "", now).ok());
}

// Regression: the same TOTP code was accepted twice; binding needed no password.
TEST_F(SignInTest, EachTotpCodeIsAcceptedOnceAndBindingNeedsThePassword) {
  auto account = AccountRepo(*t_.db).FindByLogin("cadre");
  auto secret = Commands().BeginTotp(account->id);
  int64_t now = 2'000'000'000;
  EXPECT_EQ(Commands().ConfirmTotp(account->id, "Wrong#pass1", TotpCode(*secret, now), now).field(), "password");
  ASSERT_TRUE(Commands().ConfirmTotp(account->id, "Good#pass2026", TotpCode(*secret, now), now).ok());
  // The enrolment code itself cannot sign in: its step is used.
  EXPECT_FALSE(Commands().SignIn("cadre", "Good#pass2026", TotpCode(*secret, now), now + 1).ok());
  const std::string next = TotpCode(*secret, now + 30);
  EXPECT_TRUE(Commands().SignIn("cadre", "Good#pass2026", next, now + 30).ok());
  auto replay = Commands().SignIn("cadre", "Good#pass2026", next, now + 31);
  EXPECT_FALSE(replay.ok());
  EXPECT_EQ(replay.status().reason(), "totp_required");
  // An older code still inside the drift window is refused as well.
  EXPECT_FALSE(Commands().SignIn("cadre", "Good#pass2026", TotpCode(*secret, now), now + 31).ok());
  EXPECT_TRUE(Commands().SignIn("cadre", "Good#pass2026", TotpCode(*secret, now + 60), now + 60).ok());
}

Principal Admin(const std::string& login, Role role) {
  return {0, login, login, role, 0, "630000000000", "青海省", "127.0.0.1"};
}

TEST(ApprovalRuleTest, OnlyAnotherRoleAndAnotherPersonApprove) {
  AccountRequest r;
  r.kind = RequestKind::kReset;
  r.login = "demo_golmud";
  r.requested_by = "demo_security";
  r.requester_role = Role::kSecurityAdmin;
  r.requested_at = 1000;
  EXPECT_EQ(CanApprove(Admin("demo_security", Role::kSecurityAdmin), r, 1000).code(), StatusCode::kForbidden);
  EXPECT_EQ(CanApprove(Admin("security2", Role::kSecurityAdmin), r, 1000).code(), StatusCode::kForbidden);
  EXPECT_EQ(CanApprove(Admin("demo_golmud", Role::kOrgDepartment), r, 1000).code(), StatusCode::kForbidden);
  EXPECT_TRUE(CanApprove(Admin("demo_admin", Role::kSystemAdmin), r, 1000).ok());
  EXPECT_TRUE(CanApprove(Admin("demo_audit", Role::kAuditAdmin), r, 1000).ok());
  r.login = "demo_admin";  // nobody approves a request about their own account
  EXPECT_EQ(CanApprove(Admin("demo_admin", Role::kSystemAdmin), r, 1000).code(), StatusCode::kForbidden);
  r.login = "demo_golmud";
  EXPECT_EQ(CanApprove(Admin("demo_admin", Role::kSystemAdmin), r, 1000 + kRequestLifetime + 1).code(),
            StatusCode::kConflict);
  r.state = RequestState::kApproved;
  EXPECT_EQ(CanApprove(Admin("demo_admin", Role::kSystemAdmin), r, 1000).code(), StatusCode::kConflict);
  EXPECT_EQ(CanRequest(Admin("demo_admin", Role::kSystemAdmin), RequestKind::kReset).code(), StatusCode::kForbidden);
  EXPECT_EQ(CanRequest(Admin("demo_security", Role::kSecurityAdmin), RequestKind::kCreate).code(),
            StatusCode::kForbidden);
}

class ApprovalTest : public SignInTest {
 protected:
  void SetUp() override {
    SignInTest::SetUp();
    AccountCommands commands(*t_.db, *t_.cipher, {"test", "local"});
    for (auto [login, role] : {std::pair{"sys", "system_admin"}, {"sec", "security_admin"}}) {
      auto made = commands.Create({login, login, "630000000000", role, "Good#pass2026"}, false);
      ASSERT_TRUE(made.ok()) << made.status().ToString();
      principals_[login] = {made->account.id,     login,          login,    made->account.role,
                            made->account.org_id, "630000000000", "青海省", "127.0.0.1"};
    }
  }
  std::map<std::string, Principal> principals_;
};

// Regression: the security administrator reset a password, was handed it and signed in as the user.
TEST_F(ApprovalTest, ResetNeedsASecondAdministratorAndNeitherHoldsTheWholeCode) {
  int64_t now = 2'000'000'000;
  ApprovalCommands by_sec(*t_.db, *t_.cipher, principals_["sec"]);
  auto asked = by_sec.RequestReset("cadre", now);
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  EXPECT_EQ(asked->code_half.size(), 9u);
  // Nothing has changed yet: the old password still works.
  EXPECT_TRUE(Commands().SignIn("cadre", "Good#pass2026", "", now).ok());
  EXPECT_EQ(by_sec.Approve(asked->request.id, now).status().code(), StatusCode::kForbidden);
  auto approved = ApprovalCommands(*t_.db, *t_.cipher, principals_["sys"]).Approve(asked->request.id, now + 10);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_FALSE(Commands().SignIn("cadre", "Good#pass2026", "", now + 20).ok());  // the old password is gone
  // One half with a guess for the other is refused, whichever half it is.
  EXPECT_FALSE(
      Commands().SetPasswordWithCode("cadre", asked->code_half + "-AAAA-AAAA", "Qinghai#2026new", now + 30).ok());
  EXPECT_FALSE(
      Commands().SetPasswordWithCode("cadre", "AAAA-AAAA-" + approved->code_half, "Qinghai#2026new", now + 30).ok());
  EXPECT_FALSE(  // halves swapped
      Commands()
          .SetPasswordWithCode("cadre", approved->code_half + asked->code_half, "Qinghai#2026new", now + 30)
          .ok());
  const std::string code = asked->code_half + " " + approved->code_half;
  EXPECT_EQ(Commands().SetPasswordWithCode("cadre", code, "Password1", now + 40).field(), "new_password");
  ASSERT_TRUE(Commands().SetPasswordWithCode("cadre", code, "Qinghai#2026new", now + 40).ok());
  EXPECT_FALSE(Commands().SetPasswordWithCode("cadre", code, "Qinghai#2027new", now + 50).ok());  // used up
  auto signed_in = Commands().SignIn("cadre", "Qinghai#2026new", "", now + 60);
  ASSERT_TRUE(signed_in.ok());
  EXPECT_TRUE(signed_in->reset_notice_pending);
  EXPECT_EQ(signed_in->reset_requested_by, "sec");
  EXPECT_EQ(signed_in->reset_approved_by, "sys");
  EXPECT_FALSE(Commands().SignIn("cadre", "Qinghai#2026new", "", now + 70)->reset_notice_pending);  // told once
  EXPECT_EQ(store::QueryInt(*t_.db,
                            "SELECT COUNT(*) FROM audit_log WHERE action IN ('account.request',"
                            " 'account.approve', 'account.reset', 'account.code_used')"),
            4);
}

// Regression: the system administrator created an audit administrator and signed in with it.
TEST_F(ApprovalTest, AnAdministratorRoleIsGrantedOnlyWithASecondRole) {
  int64_t now = 2'000'000'000;
  ApprovalCommands by_sys(*t_.db, *t_.cipher, principals_["sys"]);
  auto asked = by_sys.RequestCreate({"auditor2", "审计员", "630000000000", "audit_admin", ""}, now);
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  EXPECT_FALSE(AccountRepo(*t_.db).FindByLogin("auditor2"));  // not yet an account
  EXPECT_EQ(by_sys.Approve(asked->request.id, now).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(by_sys.RequestCreate({"auditor2", "审计员", "630000000000", "audit_admin", ""}, now).status().code(),
            StatusCode::kConflict);  // one pending request per login
  auto approved = ApprovalCommands(*t_.db, *t_.cipher, principals_["sec"]).Approve(asked->request.id, now);
  ASSERT_TRUE(approved.ok());
  auto made = AccountRepo(*t_.db).FindByLogin("auditor2");
  ASSERT_TRUE(made);
  EXPECT_EQ(made->role, Role::kAuditAdmin);
  EXPECT_TRUE(made->password_hash.empty());  // no password until the holder sets one with both halves
  // A role change of an existing account goes the same way; nobody asks for their own.
  EXPECT_EQ(by_sys.RequestRoleChange("sys", "security_admin", now).status().code(), StatusCode::kForbidden);
  auto role = by_sys.RequestRoleChange("cadre", "system_admin", now);
  ASSERT_TRUE(role.ok());
  EXPECT_EQ(AccountRepo(*t_.db).FindByLogin("cadre")->role, Role::kOrgDepartment);
  auto withdrawn = by_sys.Reject(role->request.id, now);
  ASSERT_TRUE(withdrawn.ok());
  EXPECT_EQ(withdrawn->request.state, RequestState::kWithdrawn);
  EXPECT_EQ(ApprovalCommands(*t_.db, *t_.cipher, principals_["sec"]).Approve(role->request.id, now).status().code(),
            StatusCode::kConflict);
  EXPECT_EQ(AccountRepo(*t_.db).FindByLogin("cadre")->role, Role::kOrgDepartment);
}

// 账号管理's row actions (issue #11): what only corrects or takes away is direct and audited; what grants goes
// through a request another role approves; nobody acts on their own account.
TEST_F(ApprovalTest, EditingNameAndPhoneIsDirectAuditedAndMasked) {
  AdminCommands by_sys(*t_.db, *t_.cipher, principals_["sys"]);
  const std::string digest = store::ContentDigest(*t_.db);
  EXPECT_EQ(by_sys.Edit("cadre", {std::nullopt, std::string("12345")}).status().field(), "phone");
  EXPECT_EQ(by_sys.Edit("cadre", {std::string(""), std::nullopt}).status().field(), "name");
  EXPECT_EQ(by_sys.Edit("cadre", {std::string("干部\n二"), std::nullopt}).status().field(), "name");
  EXPECT_EQ(
      AdminCommands(*t_.db, *t_.cipher, principals_["sec"]).Edit("cadre", {std::string("某"), {}}).status().code(),
      StatusCode::kForbidden);
  EXPECT_EQ(by_sys.Edit("sys", {std::string("自己"), {}}).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(by_sys.Edit("nobody", {std::string("某"), {}}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
  auto edited = by_sys.Edit("cadre", {std::string("干部新名"), std::string("13909771234")});
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->name, "干部新名");
  EXPECT_EQ(*t_.cipher->Decrypt(edited->phone_cipher), "13909771234");
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'account.edit'"), 1);
  EXPECT_EQ(by_sys.Edit("cadre", {std::string("干部新名"), {}})->name, "干部新名");  // no change, no record
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'account.edit'"), 1);
  EXPECT_EQ(by_sys.Edit("cadre", {std::nullopt, std::string("")})->phone_cipher, "");  // removed
}

TEST_F(ApprovalTest, DisablingIsDirectEnablingNeedsASecondAdministrator) {
  const int64_t now = 2'000'000'000;
  AdminCommands by_sys(*t_.db, *t_.cipher, principals_["sys"]);
  EXPECT_EQ(by_sys.Disable("sys", now).status().code(), StatusCode::kForbidden);
  auto disabled = by_sys.Disable("cadre", now);
  ASSERT_TRUE(disabled.ok()) << disabled.status().ToString();
  EXPECT_TRUE(disabled->account.disabled);
  EXPECT_FALSE(disabled->request);  // an ordinary account: at once, no request
  EXPECT_EQ(by_sys.Disable("cadre", now).status().code(), StatusCode::kConflict);
  EXPECT_FALSE(Commands().SignIn("cadre", "Good#pass2026", "", now).ok());
  ApprovalCommands requests(*t_.db, *t_.cipher, principals_["sys"]);
  EXPECT_EQ(ApprovalCommands(*t_.db, *t_.cipher, principals_["sec"]).RequestEnable("cadre", now).status().code(),
            StatusCode::kForbidden);  // the system administrator asks
  auto asked = requests.RequestEnable("cadre", now);
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  EXPECT_TRUE(AccountRepo(*t_.db).FindByLogin("cadre")->disabled);  // not before approval
  EXPECT_EQ(requests.Approve(asked->request.id, now).status().code(), StatusCode::kForbidden);
  auto approved = ApprovalCommands(*t_.db, *t_.cipher, principals_["sec"]).Approve(asked->request.id, now);
  ASSERT_TRUE(approved.ok());
  // Regression: every approval but a role change handed the approver half of a code that set nothing.
  EXPECT_TRUE(approved->code_half.empty());
  EXPECT_FALSE(AccountRepo(*t_.db).FindByLogin("cadre")->disabled);
  EXPECT_TRUE(Commands().SignIn("cadre", "Good#pass2026", "", now).ok());
  EXPECT_EQ(requests.RequestEnable("cadre", now).status().field(), "login");  // not disabled
  EXPECT_EQ(store::QueryInt(*t_.db,
                            "SELECT COUNT(*) FROM audit_log WHERE action IN ('account.disable',"
                            " 'account.enable')"),
            2);
}

// Regression (四眼原则): one system administrator disabled the security administrator directly — alone, one
// administrator could shut the others out. An administrator's account is disabled only when an administrator of
// another role approves; the request changes nothing until then.
TEST_F(ApprovalTest, DisablingAnAdministratorIsARequestAnotherRoleApproves) {
  const int64_t now = 2'000'000'000;
  AccountCommands commands(*t_.db, *t_.cipher, {"test", "local"});
  auto auditor = commands.Create({"aud", "审计员", "630000000000", "audit_admin", "Good#pass2026"}, false);
  ASSERT_TRUE(auditor.ok());
  const Principal aud{auditor->account.id, "aud", "aud", Role::kAuditAdmin, auditor->account.org_id,
                      "630000000000", "青海省", "127.0.0.1"};
  const std::string digest = store::ContentDigest(*t_.db);
  EXPECT_EQ(AdminCommands(*t_.db, *t_.cipher, aud).Disable("sec", now).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);

  AdminCommands by_sys(*t_.db, *t_.cipher, principals_["sys"]);
  auto asked = by_sys.Disable("sec", now);
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  ASSERT_TRUE(asked->request);
  EXPECT_EQ(asked->request->request.kind, RequestKind::kDisable);
  EXPECT_TRUE(asked->request->code_half.empty());
  EXPECT_FALSE(asked->account.disabled);
  EXPECT_FALSE(AccountRepo(*t_.db).FindByLogin("sec")->disabled);  // not before approval
  EXPECT_EQ(by_sys.Disable("sec", now).status().code(), StatusCode::kConflict);  // one pending request per account
  // Only for administrators: an ordinary account is disabled directly, never by request.
  EXPECT_EQ(ApprovalCommands(*t_.db, *t_.cipher, principals_["sys"]).RequestDisable("cadre", now).status().field(),
            "login");
  // Neither the requester, nor the account concerned, approves.
  EXPECT_EQ(ApprovalCommands(*t_.db, *t_.cipher, principals_["sys"]).Approve(asked->request->request.id, now)
                .status()
                .code(),
            StatusCode::kForbidden);
  EXPECT_EQ(ApprovalCommands(*t_.db, *t_.cipher, principals_["sec"]).Approve(asked->request->request.id, now)
                .status()
                .code(),
            StatusCode::kForbidden);
  auto approved = ApprovalCommands(*t_.db, *t_.cipher, aud).Approve(asked->request->request.id, now);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->account_id, principals_["sec"].account_id);  // the caller ends its sessions
  EXPECT_TRUE(approved->code_half.empty());
  EXPECT_TRUE(AccountRepo(*t_.db).FindByLogin("sec")->disabled);
  EXPECT_EQ(store::QueryInt(*t_.db,
                            "SELECT COUNT(*) FROM audit_log WHERE action = 'account.disable' AND object = 'sec'"
                            " AND actor = 'aud'"),
            1);
}

TEST_F(ApprovalTest, AChangeOfOrgIsARequestWithinBothScopes) {
  const int64_t now = 2'000'000'000;
  ApprovalCommands by_sys(*t_.db, *t_.cipher, principals_["sys"]);
  EXPECT_EQ(by_sys.RequestOrgChange("cadre", "632801000000", now).status().field(), "org_code");  // already there
  EXPECT_EQ(by_sys.RequestOrgChange("cadre", "639999999999", now).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(by_sys.RequestOrgChange("cadre", "", now).status().field(), "org_code");
  EXPECT_EQ(by_sys.RequestOrgChange("sys", "632801000000", now).status().code(), StatusCode::kForbidden);
  auto asked = by_sys.RequestOrgChange("cadre", "632802000000", now);
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  EXPECT_EQ(asked->request.new_org_code, "632802000000");
  EXPECT_EQ(AccountRepo(*t_.db).FindByLogin("cadre")->org_code, "632801000000");
  // An approver whose subtree does not hold the new org cannot grant it.
  Principal golmud_sec = principals_["sec"];
  golmud_sec.org_id = AccountRepo(*t_.db).FindByLogin("cadre")->org_id;
  golmud_sec.login = "sec_golmud";
  EXPECT_EQ(ApprovalCommands(*t_.db, *t_.cipher, golmud_sec).Approve(asked->request.id, now).status().code(),
            StatusCode::kForbidden);
  ASSERT_TRUE(ApprovalCommands(*t_.db, *t_.cipher, principals_["sec"]).Approve(asked->request.id, now).ok());
  EXPECT_EQ(AccountRepo(*t_.db).FindByLogin("cadre")->org_code, "632802000000");
  EXPECT_EQ(store::QueryInt(*t_.db,
                            "SELECT COUNT(*) FROM audit_log WHERE action = 'account.org'"
                            " AND object = 'cadre' AND org_code = '632802000000'"),
            1);
}

TEST_F(ApprovalTest, ATotpResetIsARequestOfTheSecurityAdministrator) {
  const int64_t now = 2'000'000'000;
  ApprovalCommands by_sec(*t_.db, *t_.cipher, principals_["sec"]);
  EXPECT_EQ(by_sec.RequestTotpReset("cadre", now).status().field(), "login");  // not bound
  auto cadre = AccountRepo(*t_.db).FindByLogin("cadre");
  AccountRepo(*t_.db).SetTotp(cadre->id, t_.cipher->Encrypt("12345678901234567890"), true);
  EXPECT_EQ(ApprovalCommands(*t_.db, *t_.cipher, principals_["sys"]).RequestTotpReset("cadre", now).status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(by_sec.RequestTotpReset("sec", now).status().code(), StatusCode::kForbidden);
  auto asked = by_sec.RequestTotpReset("cadre", now);
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  EXPECT_TRUE(asked->code_half.empty());
  EXPECT_TRUE(AccountRepo(*t_.db).FindByLogin("cadre")->totp_enabled);
  auto approved = ApprovalCommands(*t_.db, *t_.cipher, principals_["sys"]).Approve(asked->request.id, now);
  ASSERT_TRUE(approved.ok());
  EXPECT_TRUE(approved->code_half.empty());  // nothing to set with a code
  EXPECT_FALSE(AccountRepo(*t_.db).FindByLogin("cadre")->totp_enabled);
  EXPECT_TRUE(Commands().SignIn("cadre", "Good#pass2026", "", now).ok());  // the password alone, then bind again
}

}  // namespace
}  // namespace jiceng::accounts
