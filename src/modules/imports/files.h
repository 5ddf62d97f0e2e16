// The two files every import page offers: the template (the header, one
// example row, drop-downs for the vocabularies) and the errors (the bad rows
// as the user wrote them, plus 错误原因). Both .xlsx via sheet::WriteXlsx. Pure.
#pragma once

#include <map>
#include <string>

#include "core/status.h"
#include "modules/imports/model.h"

namespace jiceng::imports {

// `example`: the example row's cells by column key, over the spec's own (a caller's own organization, so that
// the row as shown imports for whoever downloads it).
Result<std::string> TemplateXlsx(const Spec& spec, const std::map<std::string, std::string>& example = {});
Result<std::string> ErrorsXlsx(const Spec& spec, const Report& report);
// "第 3 行 身份证号码：…；第 3 行 民族：…": one row's errors, for the 错误原因 cell and the command line.
std::string JoinErrors(const std::vector<RowError>& errors, int row);

}  // namespace jiceng::imports
