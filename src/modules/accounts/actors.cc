#include "modules/accounts/actors.h"

#include <boost/json.hpp>

#include "core/actor.h"
#include "modules/accounts/repo.h"

namespace jiceng::accounts {

std::string_view ActorKindCode(ActorKind kind) {
  switch (kind) {
    case ActorKind::kAccount:
      return "account";
    case ActorKind::kCli:
      return "cli";
    case ActorKind::kAnonymous:
      return "anonymous";
    case ActorKind::kOther:
      break;
  }
  return "other";
}

ActorNames::ActorNames(store::Connection& db, const std::vector<std::string>& actors) {
  std::vector<std::string> logins;
  for (const std::string& a : actors) {
    if (!a.empty() && a != kAnonymousActor && a.rfind(kCliActorPrefix, 0) != 0) logins.push_back(a);
  }
  if (!logins.empty()) account_names_ = AccountRepo(db).NamesByLogin(logins);
}

ActorName ActorNames::Of(const std::string& actor) const {
  if (actor.rfind(kCliActorPrefix, 0) == 0) return {"命令行（系统）", ActorKind::kCli};
  if (actor == kAnonymousActor) return {"未登录的访问者", ActorKind::kAnonymous};
  auto it = account_names_.find(actor);
  if (it != account_names_.end()) return {it->second.empty() ? actor : it->second, ActorKind::kAccount};
  return {actor, ActorKind::kOther};
}

void NameActors(store::Connection& db, boost::json::array& rows, std::string_view key) {
  auto text_of = [&](const boost::json::value& row) -> std::string {
    const auto* o = row.if_object();
    const auto* v = o ? o->if_contains(key) : nullptr;
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  std::vector<std::string> actors;
  for (const auto& row : rows) actors.push_back(text_of(row));
  const ActorNames names(db, actors);
  const std::string name_key = std::string(key) + "_name", kind_key = std::string(key) + "_kind";
  for (auto& row : rows) {
    if (!row.is_object() || !row.as_object().contains(key)) continue;
    const ActorName n = names.Of(text_of(row));
    row.as_object()[name_key] = n.name;
    row.as_object()[kind_key] = ActorKindCode(n.kind);
  }
}

}  // namespace jiceng::accounts
