// The people list as an .xlsx sheet (人员名册): the rows of the list page's filters and scope, ID and phone
// numbers masked unless the caller revealed them (PeopleCommands::ExportRevealed, audited with the count), with
// the org, the filters in Chinese and the export time under the title. Plain functions.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "modules/people/queries.h"

namespace jiceng::people {

// An export reads at most this many people; more is refused with a message saying how to narrow the list.
inline constexpr int kExportLimit = 10000;

// The list's filters in Chinese for the 筛选 line ("政治面貌：正式党员；年龄：18–35 岁"; empty when none).
std::string DescribeFilters(const ListRequest& request);

// `revealed`: the numbers are in clear (the title says so). `org_name` names the list's subtree.
Result<std::string> PeopleXlsx(const std::vector<Person>& people, const std::string& org_name,
                               const std::string& filters, Date as_of, bool revealed);

}  // namespace jiceng::people
