// The import report as JSON, for the CLI's --json and the job routes. Errors
// come a page at a time (`offset`, `limit`), so a file with 100,000 bad rows
// answers quickly. Pure.
#pragma once

#include <boost/json.hpp>
#include <cstddef>

#include "modules/imports/model.h"

namespace jiceng::imports {

boost::json::object ToJson(const Report& report, size_t offset = 0, size_t limit = SIZE_MAX);

}  // namespace jiceng::imports
