// Who may read the dashboard: the cadre roles, each for their own subtree. The three administrator roles see no
// business figures (三权分立); a Party member's self-service has no dashboard.
#pragma once

#include "core/status.h"
#include "modules/accounts/model.h"

namespace jiceng::dashboard {

Status CanReadDashboard(const accounts::Principal& p);

}  // namespace jiceng::dashboard
