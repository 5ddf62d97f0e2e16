// JSON mapping of the duty module's views (Boost.JSON), for the routes and the CLI.
#pragma once

#include <boost/json/value.hpp>

#include "modules/duty/queries.h"

namespace jiceng::duty {

boost::json::value ToJson(const ItemView& view);
boost::json::value ToJson(const ItemDetail& detail);
boost::json::value ToJson(const ItemPage& page);
boost::json::value ToJson(const Todo& todo);
boost::json::value ToJson(const OverdueReport& report);
boost::json::value ToJson(const DutyList& list);
boost::json::value ToJson(const Evidence& evidence);
boost::json::value VocabulariesJson();

}  // namespace jiceng::duty
