// Audit queries: the log as an audit administrator may read it — records of the
// organizations in their subtree (and, at the top of the tree, records that
// belong to no organization), filtered, newest first.
#pragma once

#include <string>
#include <vector>

#include "modules/accounts/model.h"
#include "store/audit.h"

namespace jiceng::audit {

struct AuditRequest {
  std::string actor, action, org, from, to;  // dates YYYY-MM-DD, inclusive
  int page = 1, page_size = 20;
  int max_page_size = 100;  // what the page may ask; the export reads more at once
};

struct AuditPage {
  std::vector<store::AuditRecord> items;
  int64_t total = 0;
  int page = 1, page_size = 20;
};

Result<AuditPage> ListAudit(store::Connection& db, const accounts::Principal& caller, const AuditRequest& request);

}  // namespace jiceng::audit
