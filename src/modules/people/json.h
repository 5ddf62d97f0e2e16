// JSON mapping of the people module's values (Boost.JSON), used by the CLI's
// --json output and the HTTP routes alike.
#pragma once

#include <boost/json/value.hpp>

#include "modules/people/queries.h"

namespace jiceng::people {

boost::json::value ToJson(const Post& post);
boost::json::value ToJson(const Person& person);
boost::json::value ToJson(const PersonPage& page);

}  // namespace jiceng::people
