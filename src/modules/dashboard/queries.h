// Dashboard queries: figures from the live roll-up (never from a batch), names and the breadcrumb from the tree,
// the worst items from duty's 逾期未整改 report. Use one DashboardQueries per connection/thread.
#pragma once

#include "modules/accounts/model.h"
#include "modules/dashboard/model.h"
#include "store/store.h"

namespace jiceng::dashboard {

inline constexpr size_t kWorstShown = 20;

class DashboardQueries {
 public:
  DashboardQueries(store::Connection& db, const accounts::Principal& caller, const RollupFeed& feed)
      : db_(db), caller_(caller), feed_(feed) {}
  // The node of `org_code` (the caller's own node if empty), inside the caller's subtree.
  Result<Dashboard> Show(const std::string& org_code);

 private:
  store::Connection& db_;
  const accounts::Principal& caller_;
  const RollupFeed& feed_;
};

}  // namespace jiceng::dashboard
