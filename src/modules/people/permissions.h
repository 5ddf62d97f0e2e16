// What each role may do with the people registry. Deny unless allowed here; a
// person is in scope when their organization or a post they hold is inside the
// caller's subtree (org::WithinScope).
#pragma once

#include "core/status.h"
#include "modules/accounts/model.h"

namespace jiceng::people {

Status CanReadPeople(const accounts::Principal& p);   // org department, township, village committees
Status CanWritePeople(const accounts::Principal& p);  // the same
Status CanRevealPeople(const accounts::Principal& p); // org department and township committee only

}  // namespace jiceng::people
