// Account input as text → checked values: the login, the holder's name and the role, shared by the command
// line's direct creation and the web's creation requests. Pure; thread-safe.
#pragma once

#include <string>

#include "core/status.h"
#include "modules/accounts/model.h"

namespace jiceng::accounts {

Status ValidateLogin(const std::string& login);        // 3–32 of a-z 0-9 _ . -
Status ValidateAccountName(const std::string& name);   // single line, at most 60 characters
// An account holder's phone: empty, a mobile number (11 digits from 1) or a landline (0…, digits and -).
Status ValidateAccountPhone(const std::string& phone);
Result<Role> ParseRoleField(const std::string& text);  // code or Chinese name, else a message listing them

}  // namespace jiceng::accounts
