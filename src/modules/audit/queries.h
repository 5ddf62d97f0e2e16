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

// A record as the page shows it: who did it in words (accounts/actors.h), the action's Chinese name, the object's
// title today and what it is (for a link: "item", "list", "person", "org", "account"; empty when it is no stored
// object), the org's name. The log stores ids, codes and logins, never titles or names, so that a record never
// holds personal data twice; a page reads them in one query per kind of object, whatever its length.
struct AuditView {
  store::AuditRecord record;
  std::string actor_name;    // the account holder's name, 命令行（系统）, 未登录的访问者, else the actor as recorded
  std::string actor_kind;    // account, cli, anonymous, other (ActorKindCode)
  std::string action_name;   // empty for an action not in AuditActions()
  std::string object_kind;   // item, list, person, org, account, or empty
  std::string object_title;  // empty when the object no longer exists
  std::string org_name;
};

struct AuditPage {
  std::vector<AuditView> items;
  int64_t total = 0;
  int page = 1, page_size = 20;
};

Result<AuditPage> ListAudit(store::Connection& db, const accounts::Principal& caller, const AuditRequest& request);

}  // namespace jiceng::audit
