// PostgreSQL's own client programs as the backup needs them (postgresql-client: pg_dump, pg_restore), run without
// a shell. Connection::BackupTo writes the dump; these read one back.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace jiceng::store::postgres {

// Runs the program args[0] (found on PATH) with the rest as its arguments, no shell; its output and errors go to
// `output`. Internal naming the program and its last line of errors when it cannot start or does not exit 0.
Status RunTool(const std::vector<std::string>& args, std::string* output);

// Ok when `dump` is a whole archive pg_restore can read (its table of contents lists); Invalid("from") otherwise.
Status CheckDump(const std::string& dump);

// Restores the custom-format archive `dump` into the database `uri` (empty: its public schema just made, as
// store::Wipe leaves it) in one transaction: all of it or, on any error, nothing. Objects get the restoring user as
// owner, as pg_dump --no-owner wrote them.
Status RestoreDump(const std::string& dump, const std::string& uri);

}  // namespace jiceng::store::postgres
