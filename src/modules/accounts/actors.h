// Who did something, in the words a page uses (people's names, not logins): the holder's name for an account's
// login, 命令行（系统） for the command line ("cli:<os user>"), 未登录的访问者 for a request before any sign-in ("-"),
// and anything else — a login that was never an account, 区划沿革 — as it was recorded. Every page that shows an
// actor (the audit log, an org's history, a duty timeline, account requests) names them here, in one query for
// all the actors of the page. Read-only; use on the thread that owns the connection.
#pragma once

#include <boost/json/array.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace jiceng::accounts {

enum class ActorKind {
  kAccount,    // an account's login: `name` is its holder's name
  kCli,        // the command line, run by whoever holds the database and its key
  kAnonymous,  // nobody signed in
  kOther,      // as recorded: a login that is no account, or a source such as 区划沿革
};
std::string_view ActorKindCode(ActorKind kind);  // "account", "cli", "anonymous", "other"

struct ActorName {
  std::string name;
  ActorKind kind = ActorKind::kOther;
};

class ActorNames {
 public:
  // Reads the names of all of `actors` at once (repeats and empty ones are fine).
  ActorNames(store::Connection& db, const std::vector<std::string>& actors);
  // `actor` in words; one not given to the constructor is named without the database (an account's login then
  // reads as recorded).
  ActorName Of(const std::string& actor) const;

 private:
  std::map<std::string, std::string> account_names_;  // login → holder's name
};

// For every object of `rows` with a text member `key` ("actor", "requested_by"): adds `<key>_name` and
// `<key>_kind`, reading the names in one query.
void NameActors(store::Connection& db, boost::json::array& rows, std::string_view key);

}  // namespace jiceng::accounts
