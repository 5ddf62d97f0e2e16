#include "modules/audit/queries.h"

#include <map>
#include <set>

#include "modules/accounts/actors.h"
#include "modules/audit/actions.h"
#include "modules/audit/permissions.h"
#include "modules/duty/repo.h"
#include "modules/org/repo.h"
#include "modules/people/repo.h"

namespace jiceng::audit {
namespace {

bool StartsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

enum class ObjectKind {
  kNone,
  kItem,
  kList,
  kPerson,
  kOrg,
  kAccount,
  kProvince,  // db.init: a province's 2-digit division code ("63"), named but not linked (its unit has a 12-digit one)
};

// What an action's object is. Imports and the people export name a file or a count, not a stored object.
ObjectKind KindOf(const std::string& action) {
  if (action == "duty.import" || action == "person.import" || StartsWith(action, "person.export.")) {
    return ObjectKind::kNone;
  }
  if (StartsWith(action, "duty.list.")) return ObjectKind::kList;
  if (StartsWith(action, "duty.")) return ObjectKind::kItem;
  if (StartsWith(action, "person.")) return ObjectKind::kPerson;
  if (StartsWith(action, "org.")) return ObjectKind::kOrg;
  if (StartsWith(action, "account.") || StartsWith(action, "session.")) return ObjectKind::kAccount;
  if (action == "db.init") return ObjectKind::kProvince;
  return ObjectKind::kNone;
}

// The unit code of a province's division code: "63" → "630000000000"; empty for anything else.
std::string ProvinceUnit(const std::string& object) {
  if (object.size() != 2 || object.find_first_not_of("0123456789") != std::string::npos) return "";
  return object + "0000000000";
}

std::optional<int64_t> IdOf(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(text);
}

// Names every record of the page: one query per kind of object (items, lists, people, orgs with the records' own
// orgs, accounts with the actors), through each module's repo.
void Describe(store::Connection& db, std::vector<AuditView>& views) {
  std::set<int64_t> items, lists, people;  // each once, however many records name it
  std::set<std::string> codes, logins;
  for (const AuditView& v : views) {
    const store::AuditRecord& r = v.record;
    logins.insert(r.actor);
    if (!r.org_code.empty()) codes.insert(r.org_code);
    if (r.object.empty()) continue;
    const auto id = IdOf(r.object);
    switch (KindOf(r.action)) {
      case ObjectKind::kItem:
        if (id) items.insert(*id);
        break;
      case ObjectKind::kList:
        if (id) lists.insert(*id);
        break;
      case ObjectKind::kPerson:
        if (id) people.insert(*id);
        break;
      case ObjectKind::kOrg:
        codes.insert(r.object);
        break;
      case ObjectKind::kAccount:
        logins.insert(r.object);
        break;
      case ObjectKind::kProvince:
        if (!ProvinceUnit(r.object).empty()) codes.insert(ProvinceUnit(r.object));
        break;
      case ObjectKind::kNone:
        break;
    }
  }
  auto list = [](const auto& set) { return std::vector(set.begin(), set.end()); };
  duty::DutyRepo duty(db);
  const auto item_titles = items.empty() ? std::map<int64_t, std::string>() : duty.TitlesOf(list(items));
  const auto list_titles = lists.empty() ? std::map<int64_t, std::string>() : duty.ListTitlesOf(list(lists));
  const auto person_names =
      people.empty() ? std::map<int64_t, std::string>() : people::PeopleRepo(db).NamesOf(list(people));
  const auto org_names =
      codes.empty() ? std::map<std::string, std::string>() : org::OrgRepo(db).NamesByCode(list(codes), Date::Today());
  const accounts::ActorNames names(db, list(logins));

  auto found = [](const auto& map, const auto& key) -> std::string {
    auto it = map.find(key);
    return it == map.end() ? "" : it->second;
  };
  for (AuditView& v : views) {
    const store::AuditRecord& r = v.record;
    const accounts::ActorName actor = names.Of(r.actor);
    v.actor_name = actor.name;
    v.actor_kind = std::string(accounts::ActorKindCode(actor.kind));
    v.action_name = std::string(AuditActionName(r.action));
    if (!r.org_code.empty()) v.org_name = found(org_names, r.org_code);
    if (r.object.empty()) continue;
    const auto id = IdOf(r.object);
    switch (KindOf(r.action)) {
      case ObjectKind::kItem:
        if (id) v.object_title = found(item_titles, *id);
        if (!v.object_title.empty()) v.object_kind = "item";
        break;
      case ObjectKind::kList:
        if (id) v.object_title = found(list_titles, *id);
        if (!v.object_title.empty()) v.object_kind = "list";
        break;
      case ObjectKind::kPerson:
        if (id) v.object_title = found(person_names, *id);
        if (!v.object_title.empty()) v.object_kind = "person";
        break;
      case ObjectKind::kOrg:
        v.object_title = found(org_names, r.object);
        if (!v.object_title.empty()) v.object_kind = "org";
        break;
      case ObjectKind::kAccount: {
        const accounts::ActorName account = names.Of(r.object);
        if (account.kind == accounts::ActorKind::kAccount) {
          v.object_title = account.name;
          v.object_kind = "account";
        }
        break;
      }
      case ObjectKind::kProvince:
        if (!ProvinceUnit(r.object).empty()) v.object_title = found(org_names, ProvinceUnit(r.object));
        break;
      case ObjectKind::kNone:
        break;
    }
  }
}

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
  for (auto& record : store::ListAudit(db, filter, &page.total)) {
    AuditView view;
    view.record = std::move(record);
    page.items.push_back(std::move(view));
  }
  Describe(db, page.items);
  return page;
}

}  // namespace jiceng::audit
