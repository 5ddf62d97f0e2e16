#include "modules/accounts/json.h"

#include <boost/json.hpp>
#include <cstdio>
#include <ctime>

#include "modules/accounts/actors.h"
#include "modules/accounts/permissions.h"

namespace jiceng::accounts {

boost::json::value ToJson(const Account& a) {
  return boost::json::object{{"login", a.login},
                             {"name", a.name},
                             {"role", std::string(RoleCode(a.role))},
                             {"role_name", std::string(RoleName(a.role))},
                             {"org_code", a.org_code},
                             {"org_name", a.org_name},
                             {"totp_enabled", a.totp_enabled},
                             {"locked", a.locked_until > static_cast<int64_t>(std::time(nullptr)) || a.throttled},
                             {"disabled", a.disabled},
                             // approved, but the holder has not yet set a password with the one-time code
                             {"awaiting_code", !a.code_half_a.empty()}};
}

std::string BeijingTime(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min);
  return buf;
}

boost::json::value SessionToJson(store::Connection& db, const Session& s, const Account& a) {
  boost::json::object out{{"csrf_token", s.csrf_token},
                          {"must_change_password", s.must_change_password},
                          {"must_enroll_totp", s.must_enroll_totp},
                          {"user", ToJson(a)}};
  if (s.reset_at) {
    // Who asked and who approved, by name as every page names actors (actors.h), the logins kept beside them.
    const ActorNames names(db, {s.reset_requested_by, s.reset_approved_by});
    const ActorName requester = names.Of(s.reset_requested_by), approver = names.Of(s.reset_approved_by);
    out["password_reset"] = boost::json::object{{"requested_by", s.reset_requested_by},
                                                {"requested_by_name", requester.name},
                                                {"requested_by_kind", ActorKindCode(requester.kind)},
                                                {"approved_by", s.reset_approved_by},
                                                {"approved_by_name", approver.name},
                                                {"approved_by_kind", ActorKindCode(approver.kind)},
                                                {"at", BeijingTime(s.reset_at)}};
  }
  return out;
}

boost::json::value ToJson(const AccountRequest& r, const Principal& caller, int64_t now) {
  return boost::json::object{{"id", r.id},
                             {"kind", std::string(RequestKindCode(r.kind))},
                             {"kind_name", std::string(RequestKindName(r.kind))},
                             {"login", r.login},
                             {"name", r.name},
                             {"org_code", r.org_code},
                             {"org_name", r.org_name},
                             {"role", std::string(RoleCode(r.role))},
                             {"role_name", std::string(RoleName(r.role))},
                             {"requested_by", r.requested_by},
                             {"requester_role_name", std::string(RoleName(r.requester_role))},
                             {"requested_at", BeijingTime(r.requested_at)},
                             {"new_org_code", r.new_org_code},
                             {"new_org_name", r.new_org_name},
                             {"state", std::string(RequestStateCode(r.state))},
                             {"state_name", std::string(RequestStateName(r.state))},
                             {"decided_by", r.decided_by},
                             {"decided_at", r.decided_at ? BeijingTime(r.decided_at) : ""},
                             {"can_approve", CanApprove(caller, r, now).ok()},
                             {"can_withdraw", r.state == RequestState::kPending && r.requested_by == caller.login}};
}

}  // namespace jiceng::accounts
