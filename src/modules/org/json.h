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
boost::json::value ToJson(const Namesake& namesake);  // the unit, with new_name
boost::json::value ToJson(const RenameReport& report);  // the unit, with its namesakes renamed
boost::json::value ToJson(const ChangeRequest& request);

}  // namespace jiceng::org
