// The dashboard as JSON (doc/api.md, 工作台).
#pragma once

#include <boost/json.hpp>

#include "modules/dashboard/model.h"

namespace jiceng::dashboard {

boost::json::value ToJson(const Dashboard& d);

}  // namespace jiceng::dashboard
