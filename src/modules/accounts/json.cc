#include "modules/accounts/json.h"

#include <boost/json.hpp>
#include <ctime>

namespace jiceng::accounts {

boost::json::value ToJson(const Account& a) {
  return boost::json::object{{"login", a.login},
                             {"name", a.name},
                             {"role", std::string(RoleCode(a.role))},
                             {"role_name", std::string(RoleName(a.role))},
                             {"org_code", a.org_code},
                             {"org_name", a.org_name},
                             {"totp_enabled", a.totp_enabled},
                             {"locked", a.locked_until > static_cast<int64_t>(std::time(nullptr))},
                             {"disabled", a.disabled}};
}

boost::json::value SessionToJson(const Session& s, const Account& a) {
  return boost::json::object{{"csrf_token", s.csrf_token},
                             {"must_change_password", s.must_change_password},
                             {"must_enroll_totp", s.must_enroll_totp},
                             {"user", ToJson(a)}};
}

}  // namespace jiceng::accounts
