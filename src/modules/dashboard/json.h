// The dashboard as JSON (doc/api.md, 工作台).
#pragma once

#include <boost/json.hpp>

#include "modules/dashboard/model.h"

namespace jiceng::dashboard {

boost::json::value ToJson(const Dashboard& d);
// {column name: value}: integers, percents as numbers, null for a percent of nothing.
boost::json::object ValuesJson(const std::vector<RollupColumn>& columns, const std::vector<double>& values);

}  // namespace jiceng::dashboard
