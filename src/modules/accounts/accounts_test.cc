// Accounts without a server: password rules and hashing, TOTP, session timeouts,
// and the sign-in lockout with a clock the test moves.
#include <gtest/gtest.h>

#include "modules/accounts/commands.h"
#include "modules/accounts/password.h"
#include "modules/accounts/sessions.h"
#include "modules/accounts/totp.h"
#include "store/audit.h"
#include "testing/fixture.h"

namespace jiceng::accounts {
namespace {

TEST(PasswordTest, PolicyNamesTheField) {
  EXPECT_FALSE(CheckPasswordPolicy("Ab1#", "x", "new_password").ok());
  EXPECT_EQ(CheckPasswordPolicy("abcdefgh", "x", "new_password").field(), "new_password");
  EXPECT_FALSE(CheckPasswordPolicy("abcdefg1", "x", "p").ok());  // two classes
  EXPECT_TRUE(CheckPasswordPolicy("abcdefG1", "x", "p").ok());
  EXPECT_TRUE(CheckPasswordPolicy("abcdef#1", "x", "p").ok());
  EXPECT_FALSE(CheckPasswordPolicy("Demo_user1", "Demo_user1", "p").ok());
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(CheckPasswordPolicy(GeneratePassword(), "x", "p").ok());
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

TEST(SessionTest, IdleAndAbsoluteTimeouts) {
  int64_t now = 1'000'000;
  SessionStore sessions([&now] { return now; });
  Session s = sessions.Create(7, false, false);
  EXPECT_EQ(s.id.size(), 32u);  // 128 bits, hex
  EXPECT_NE(s.id, sessions.Create(7, false, false).id);
  now += SessionStore::kIdleSeconds - 1;
  EXPECT_TRUE(sessions.Find(s.id));  // touched: idle time starts again
  now += SessionStore::kIdleSeconds - 1;
  EXPECT_TRUE(sessions.Find(s.id));
  now += SessionStore::kIdleSeconds + 1;
  EXPECT_FALSE(sessions.Find(s.id));

  Session busy = sessions.Create(8, false, false);
  for (int i = 0; i < 12 * 2; ++i) {
    now += 29 * 60;
    ASSERT_TRUE(sessions.Find(busy.id)) << i;
    if (now - busy.created > SessionStore::kAbsoluteSeconds - 29 * 60) break;
  }
  now += 29 * 60;
  EXPECT_FALSE(sessions.Find(busy.id));  // 12 hours in all, however busy
  Session other = sessions.Create(9, false, false);
  sessions.RemoveAccount(9);
  EXPECT_FALSE(sessions.Find(other.id));
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
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(Commands().SignIn("cadre", "bad", "", now).status().code(), StatusCode::kUnauthenticated);
  }
  EXPECT_EQ(Commands().SignIn("cadre", "bad", "", now).status().code(), StatusCode::kLocked);
  EXPECT_EQ(Commands().SignIn("cadre", "Good#pass2026", "", now + 60).status().code(), StatusCode::kLocked);
  EXPECT_EQ(Commands().SignIn("cadre", "Good#pass2026", "", now + 14 * 60).status().code(), StatusCode::kLocked);
  EXPECT_TRUE(Commands().SignIn("cadre", "Good#pass2026", "", now + 15 * 60 + 1).ok());
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'session.fail'"), 5);
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'session.signin'"), 1);
  EXPECT_EQ(store::VerifyAuditChain(*t_.db).first_bad_id, 0);
}

TEST_F(SignInTest, AtMostHundredFailuresAnHour) {
  int64_t now = 2'000'000'000;
  auto account = AccountRepo(*t_.db).FindByLogin("cadre");
  for (int i = 0; i < 100; ++i) AccountRepo(*t_.db).AddFailure(account->id, now - 10);
  auto refused = Commands().SignIn("cadre", "Good#pass2026", "", now);
  EXPECT_EQ(refused.status().code(), StatusCode::kLocked);
  EXPECT_TRUE(Commands().SignIn("cadre", "Good#pass2026", "", now + 3600).ok());
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
  EXPECT_FALSE(Commands().ConfirmTotp(account->id, "000000" == TotpCode(*secret, now) ? "111111" : "000000", now).ok());
  ASSERT_TRUE(Commands().ConfirmTotp(account->id, TotpCode(*secret, now), now).ok());
  auto missing = Commands().SignIn("cadre", "Good#pass2026", "", now);
  EXPECT_EQ(missing.status().reason(), "totp_required");
  EXPECT_TRUE(Commands().SignIn("cadre", "Good#pass2026", TotpCode(*secret, now + 30), now + 30).ok());
}

}  // namespace
}  // namespace jiceng::accounts
