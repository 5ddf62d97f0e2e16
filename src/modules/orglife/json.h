// JSON mapping of the orglife views (Boost.JSON), for the routes and the CLI. Actors are named, not shown as
// logins (accounts/actors.h), so the functions that carry actors take the connection.
#pragma once

#include <boost/json/value.hpp>

#include "modules/orglife/queries.h"

namespace jiceng::orglife {

boost::json::value ToJson(store::Connection& db, const MeetingPage& page);
boost::json::value ToJson(store::Connection& db, const MeetingDetail& detail);
boost::json::value ToJson(const BranchDue& due);
boost::json::value ToJson(const Compliance& c);
boost::json::value ToJson(const std::vector<TodoItem>& todo);
boost::json::value ToJson(const std::vector<RuleRow>& rules);
boost::json::value ToJson(const AppliedRule& rule);
boost::json::value ToJson(const Group& g);
boost::json::value ToJson(const Theme& t);
boost::json::value ToJson(const Attachment& a);
boost::json::value VocabulariesJson();

}  // namespace jiceng::orglife
