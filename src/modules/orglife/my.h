// 我的: what a Party member reads of their own organization life — the meetings they are due at, upcoming (with the
// sign-in window) and past (with their attendance). The person is the caller's linked person (account.person_id):
// nothing here takes a person as a parameter, so a member sees only their own records. Read-only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "modules/accounts/model.h"
#include "modules/orglife/model.h"
#include "store/store.h"

namespace jiceng::orglife {

// One meeting as the member sees it: the meeting, their own line of its attendance and the sign-in window.
struct MyMeeting {
  Meeting meeting;  // attendees left out: a member sees only their own line
  Attendee me;
  std::string opens_at, closes_at;
  bool window_open = false;  // now is in the window and the meeting is still planned
  bool can_leave = false;    // planned and not yet started
  std::string signed_at;     // when they signed in on the phone, if they did
};

struct MyPerson {
  int64_t person_id = 0;
  std::string name, branch_code, branch_name;
};

inline constexpr int kMyMeetingsPerPage = 20;

class MyQueries {
 public:
  MyQueries(store::Connection& db, const accounts::Principal& caller) : db_(db), caller_(caller) {}

  // The linked person and their branch today; Forbidden when the account has no person.
  Result<MyPerson> Me();
  // Upcoming: planned and the window not yet over (soonest first); past: the rest (latest first).
  Result<std::vector<MyMeeting>> Meetings(bool upcoming, int page, const std::string& now, int64_t* total);
  // One meeting the caller's person is due at; NotFound otherwise (as for a meeting that does not exist).
  Result<MyMeeting> One(int64_t id, const std::string& now);

 private:
  MyMeeting Of(const orglife::Meeting& m, int64_t person, const std::string& now);
  store::Connection& db_;
  accounts::Principal caller_;
};

}  // namespace jiceng::orglife
