#include "modules/audit/queries.h"

#include <map>

#include "modules/audit/actions.h"
#include "modules/audit/permissions.h"
#include "modules/org/repo.h"

namespace jiceng::audit {
namespace {

bool StartsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// What a record's object is and its title today. Read-only look-ups of the few tables an audit object can be
// (the audit log stores ids, codes and logins, never titles, so that a record never holds personal data twice).
class ObjectTitles {
 public:
  explicit ObjectTitles(store::Connection& db) : db_(db), orgs_(db) {}

  void Describe(AuditView& v) {
    const std::string& action = v.record.action;
    const std::string& object = v.record.object;
    if (!object.empty()) {
      if (StartsWith(action, "duty.list.")) {
        Titled(v, "list", "SELECT title FROM duty_list WHERE id = ?1");
      } else if (StartsWith(action, "duty.")) {
        Titled(v, "item", "SELECT title FROM duty_item WHERE id = ?1");
      } else if (StartsWith(action, "person.") && action != "person.import") {
        Titled(v, "person", "SELECT name FROM person WHERE id = ?1");
      } else if (StartsWith(action, "org.")) {
        v.object_kind = "org";
        v.object_title = OrgName(object);
      } else if (StartsWith(action, "account.") || StartsWith(action, "session.")) {
        Titled(v, "account", "SELECT name FROM account WHERE login = ?1");
      }
    }
    if (!v.record.org_code.empty()) v.org_name = OrgName(v.record.org_code);
  }

 private:
  void Titled(AuditView& v, const char* kind, const char* sql) {
    const std::string key = std::string(kind) + "|" + v.record.object;
    auto it = titles_.find(key);
    if (it == titles_.end()) {
      auto stmt = db_.Prepare(sql);
      stmt->Bind(1, v.record.object);
      it = titles_.emplace(key, stmt->Step() ? stmt->Text(0) : "").first;
    }
    v.object_title = it->second;
    if (!v.object_title.empty()) v.object_kind = kind;
  }

  std::string OrgName(const std::string& code) {
    auto it = org_names_.find(code);
    if (it == org_names_.end()) {
      auto unit = orgs_.FindByCode(code, Date::Today());
      it = org_names_.emplace(code, unit ? unit->name : "").first;
    }
    return it->second;
  }

  store::Connection& db_;
  org::OrgRepo orgs_;
  std::map<std::string, std::string> titles_, org_names_;
};

}  // namespace

Result<AuditPage> ListAudit(store::Connection& db, const accounts::Principal& caller, const AuditRequest& r) {
  if (Status st = CanReadAudit(caller); !st.ok()) return st;
  for (const auto& [field, value] : {std::pair<const char*, const std::string&>{"from", r.from}, {"to", r.to}}) {
    if (!value.empty() && !Date::Parse(value)) {
      return Status::Invalid(field, "日期无效：" + value + "（格式 YYYY-MM-DD）");
    }
  }
  store::AuditFilter filter;
  filter.actor = r.actor;
  filter.action = r.action;
  filter.from = r.from;
  filter.to = r.to;
  org::OrgRepo orgs(db);
  const Date today = Date::Today();
  int64_t root = caller.org_id;
  if (!r.org.empty()) {
    auto unit = org::FindWithin(orgs, caller.org_id, r.org, today);
    if (!unit) return Status::NotFound("org", "未找到该单位，或不在您的管辖范围内");
    root = unit->id;
  }
  // An administrator at the top of the tree also sees records that belong to no organization.
  auto link = orgs.LinkAt(root, today);
  if (!r.org.empty() || !link || link->parent_id != 0) filter.org_ids = orgs.SubtreeIds(root, today);
  AuditPage page;
  if (r.page < 1) return Status::Invalid("page", "页码应从 1 开始");
  if (r.page_size < 1 || r.page_size > r.max_page_size) {
    return Status::Invalid("page_size", "每页条数应在 1–" + std::to_string(r.max_page_size) + " 之间");
  }
  page.page = r.page;
  page.page_size = r.page_size;
  filter.limit = page.page_size;
  filter.offset = (page.page - 1) * page.page_size;
  ObjectTitles titles(db);
  for (auto& record : store::ListAudit(db, filter, &page.total)) {
    AuditView view;
    view.record = std::move(record);
    view.action_name = std::string(AuditActionName(view.record.action));
    titles.Describe(view);
    page.items.push_back(std::move(view));
  }
  return page;
}

}  // namespace jiceng::audit
