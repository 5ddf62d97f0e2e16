#include "cli/app.h"

#include <unistd.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <iostream>

namespace jiceng::cli {

int Fail(const Status& status) {
  std::cerr << "错误：" << status.ToString() << "\n";
  return status.code() == StatusCode::kInternal ? kExitFault : kExitRefused;
}

void PrintJson(const boost::json::value& value) { std::cout << boost::json::serialize(value) << "\n"; }

Actor CliActor() {
  const char* user = std::getenv("USER");
  return {std::string("cli:") + (user ? user : std::to_string(::getuid())), "local"};
}

Result<Opened> OpenDatabase(const std::string& path) {
  auto db = store::OpenSqlite(path, {});
  if (!db.ok()) return db.status();
  store::Migrate(**db);
  auto cipher = FieldCipher::LoadKeyFile(KeyFileFor(path));
  if (!cipher.ok()) return cipher.status();
  return Opened{std::move(*db), *cipher};
}

}  // namespace jiceng::cli
