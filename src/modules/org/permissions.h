// What each role may do with the organization tree. Deny unless allowed here;
// the subtree scope is checked by org::WithinScope.
#pragma once

#include "core/status.h"
#include "modules/accounts/model.h"

namespace jiceng::org {

// Everyone but self-service members reads the tree of their own subtree.
Status CanReadTree(const accounts::Principal& p);
// Only the org department (组织部) renames, moves and merges units, and only strictly below its own unit
// (OrgCommands::LimitToSubtree): a county's department never renames its own county.
Status CanChangeTree(const accounts::Principal& p);

}  // namespace jiceng::org
