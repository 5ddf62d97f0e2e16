// Demo organizations on the imported real tree, deterministic from a seed:
// a Party committee in every township, a branch in every village and
// community, agencies and an enterprise with branches in every county, an
// industrial park and a delivery riders' branch in every prefecture. Those
// named after their region follow its names through the loaded division
// history (中共海东地区委员会 until 2013-02-08, then 中共海东市委员会), renamed on
// the same days with the same reason. Runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <string>

#include "core/random.h"
#include "store/store.h"

namespace jiceng::org {

struct DemoOrgSummary {
  int64_t party_orgs = 0;
  int64_t units = 0;
};

// The detailed provincial demo, or when `national` the same shape on a national tree: no prefecture-level
// organizations under 市辖区 and 省直辖县级行政区划, enterprises outside Qinghai in other industries.
DemoOrgSummary SeedDemoOrgs(store::Connection& db, Rng& rng, bool national);

// "海西蒙古族藏族自治州" → "海西州"; other names unchanged.
std::string ShortPrefectureName(const std::string& name);

}  // namespace jiceng::org
