// What each role may do with the organization tree. Deny unless allowed here;
// the subtree scope is checked by org::WithinScope.
#pragma once

#include "core/status.h"
#include "modules/accounts/model.h"

namespace jiceng::org {

// Everyone but self-service members reads the tree of their own subtree.
Status CanReadTree(const accounts::Principal& p);

}  // namespace jiceng::org
