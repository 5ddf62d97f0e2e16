#include "cli/app.h"

#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "modules/duty/calendar.h"
#include "modules/org/repo.h"

namespace jiceng::cli {

int Fail(const Status& status) {
  std::cerr << "错误：" << status.ToString() << "\n";
  return status.code() == StatusCode::kInternal ? kExitFault : kExitRefused;
}

void PrintJson(const boost::json::value& value) { std::cout << boost::json::serialize(value) << "\n"; }

Actor CliActor() {
  const char* user = std::getenv("USER");
  return {std::string(kCliActorPrefix) + (user ? user : std::to_string(::getuid())), "local"};
}

Result<accounts::Principal> ActAsOrgDepartment(store::Connection& db, const std::string& code) {
  org::OrgRepo orgs(db);
  auto unit = orgs.FindByCode(code, Date::Today());
  if (!unit) return Status::NotFound("org", "组织代码 " + code + " 不存在（--org）");
  accounts::Principal caller;
  caller.login = CliActor().login;
  caller.address = CliActor().address;
  caller.role = accounts::Role::kOrgDepartment;
  caller.org_id = unit->id;
  caller.org_code = unit->code;
  caller.org_name = unit->name;
  return caller;
}

Result<Opened> OpenDatabase(const std::string& path) {
  auto db = store::Open(path, {});
  if (!db.ok()) return db.status();
  store::Migrate(**db);
  auto cipher = FieldCipher::LoadKeyFile(KeyFileFor((*db)->Path()));
  if (!cipher.ok()) return cipher.status();
  return Opened{std::move(*db), *cipher};
}

std::unique_ptr<RollupFeed> BuildRollupParallel(store::Connection& db, const std::string& path) {
  auto open = [&path]() -> std::unique_ptr<store::Connection> {
    auto reader = store::Open(path, {});
    if (!reader.ok()) throw store::Fault(reader.status().ToString());
    return std::move(*reader);
  };
  return BuildRollup(db, Date::Today(), duty::DueSoonDays(), open,
                     static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
}

}  // namespace jiceng::cli
