// The closed loop as a pure rule: which action moves an item from which state
// to which, and which side may take it. No database; thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "core/status.h"
#include "modules/duty/model.h"

namespace jiceng::duty {

// The state after `action`, or nothing when the action is not allowed in `from`.
std::optional<State> Next(State from, Action action);
Side SideOf(Action action);
// Checks an action for a caller on the given sides: 409 naming the current state when the state does not
// allow it, 403 when the caller is not on the side that may take it.
Result<State> Transition(State from, Action action, bool assigning_side, bool responsible_side);
// The actions a caller on the given sides may take now (for the UI's buttons).
std::vector<Action> AvailableActions(State from, bool assigning_side, bool responsible_side);

}  // namespace jiceng::duty
