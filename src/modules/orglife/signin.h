// Meeting sign-in on the phone (签到): the window a meeting can be signed in, its short code, members signing in
// with it or asking for leave before the start, and the branch side's corrections with a note. Sign-ins and leave
// write the meeting's attendance while it is planned, so the record form opens with them; the recorder still
// submits the record (commands.h Record). The member is always the caller's linked person (account.person_id),
// never a parameter. Times are Asia/Shanghai minutes, "YYYY-MM-DD HH:MM", passed in by the caller (tests move
// them). Use one SigninCommands per connection/thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/accounts/model.h"
#include "modules/orglife/model.h"
#include "store/store.h"

namespace jiceng::orglife {

// The window: from 30 minutes before the planned start to 3 hours after it (doc/orglife.md 签到).
inline constexpr int kSigninOpensBefore = 30;
inline constexpr int kSigninClosesAfter = 180;
// Wrong codes: at most 5 per account in 10 minutes, then 429 until the oldest of them is 10 minutes old.
inline constexpr int kWrongCodesAllowed = 5;
inline constexpr int64_t kWrongCodeSeconds = 600;

struct SigninWindow {
  std::string opens_at, closes_at;  // "YYYY-MM-DD HH:MM"
};
SigninWindow WindowOf(const std::string& planned_at);
// `moment` ("YYYY-MM-DD HH:MM") moved by `minutes`; "" if it does not parse.
std::string AddMinutes(const std::string& moment, int minutes);
// The current minute in Asia/Shanghai.
std::string CurrentMinute();

// What the sign-in screen shows: the code, the window and who has signed in or asked for leave.
struct SigninScreen {
  Meeting meeting;
  std::string code, opens_at, closes_at;
  std::map<int64_t, std::string> signed_at;  // person id → the minute they signed in
};

// One member's sign-in or leave request, as kept beside the attendance (which the record rewrites).
struct SigninMark {
  int64_t meeting_id = 0, person_id = 0;
  std::string kind;  // "signin" | "leave" | "correct"
  std::string at, reason, by_login;
};

// The person linked to an account, or 0.
int64_t LinkedPerson(store::Connection& db, int64_t account_id);

class SigninCommands {
 public:
  SigninCommands(store::Connection& db, const accounts::Principal& caller) : db_(db), caller_(caller) {}

  // The branch side opens the meeting's sign-in (or shows it again): only in the window of a planned meeting.
  // The code is 6 random digits, unique among the windows open now.
  Result<SigninScreen> Open(int64_t meeting_id, const std::string& now);
  // The sign-in screen if it has been opened (the branch side), else NotFound.
  Result<SigninScreen> Screen(int64_t meeting_id, const std::string& now);
  // The caller's person signs in with `code`; `meeting_id` (from the QR's link, 0 if typed) narrows it to one
  // meeting. A wrong code counts against the account (kWrongCodesAllowed).
  Result<Meeting> SignIn(const std::string& code, int64_t meeting_id, const std::string& now, int64_t now_unix);
  // Seconds until the account may try a code again (0: now).
  int64_t RetryAfter(int64_t now_unix);
  // The caller's person asks for leave with a reason, before the planned start.
  Result<Meeting> RequestLeave(int64_t meeting_id, const std::string& reason, const std::string& now);
  // The branch side corrects one attendee of a planned meeting (已签到 / 请假 / 缺席 / 未签到) with a note.
  Result<Meeting> Correct(int64_t meeting_id, int64_t person_id, const std::string& presence, const std::string& reason,
                          const std::string& note, const std::string& now);

  std::vector<SigninMark> Marks(int64_t meeting_id);

 private:
  Result<Meeting> DueMeeting(int64_t meeting_id, int64_t person);  // a meeting the person is due at
  void Mark(const SigninMark& mark);
  void SetPresence(int64_t meeting_id, int64_t person_id, Presence presence, const std::string& reason,
                   const std::string& note);
  void Audit(const std::string& action, const std::string& object, const std::string& org_code,
             const std::string& before, const std::string& after);

  store::Connection& db_;
  accounts::Principal caller_;
};

}  // namespace jiceng::orglife
