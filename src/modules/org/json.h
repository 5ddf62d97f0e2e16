// JSON mapping of the org module's values (Boost.JSON), used by the CLI's
// --json output and the HTTP routes alike.
#pragma once

#include <boost/json/value.hpp>

#include "modules/org/queries.h"

namespace jiceng::org {

boost::json::value ToJson(const OrgUnit& unit);
boost::json::value ToJson(const OrgDetail& detail);
boost::json::value ToJson(const TreeStats& stats);
boost::json::value ToJson(const MergeReport& report);

}  // namespace jiceng::org
