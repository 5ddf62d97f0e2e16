// Test databases on either back end: a file under the test temp dir, or — when JICENG_TEST_PG names a PostgreSQL
// server (`make test`'s second pass, scripts/test-postgres.sh) — a database of its own there. Depends on the store
// alone, so the store's own tests use it too. Test-only code.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <functional>
#include <filesystem>
#include <string>

#include "core/crypto.h"
#include "store/audit.h"
#include "store/store.h"

namespace jiceng::testing_support {

// The PostgreSQL server the tests run against, when JICENG_TEST_PG names one (the maintenance database's URI,
// as scripts/pg-cluster.sh prints it; `make test` runs the C++ suite once on SQLite and once so). Null: SQLite.
// A test database there is `<server>/<name>`; its key and anchor files go to the test temp dir.
inline const char* TestServer() {
  static const char* server = [] {
    const char* s = std::getenv("JICENG_TEST_PG");
    if (s && *s) ::setenv("JICENG_STATE_DIR", ::testing::TempDir().c_str(), 0);
    return s && *s ? s : nullptr;
  }();
  return server;
}

// A database name PostgreSQL keeps as written: lower case, letters, digits and _, at most 63 bytes (a longer name
// keeps its head and gets a hash of the whole).
inline std::string DatabaseName(const std::string& name) {
  std::string out;
  for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
  if (out.size() > 60) out = out.substr(0, 44) + "_" + std::to_string(std::hash<std::string>{}(out) % 1000000000000ULL);
  return out;
}

// The URI of database `name` on the test server.
inline std::string ServerDatabase(const std::string& name) {
  std::string base = TestServer();
  return base.substr(0, base.rfind('/') + 1) + name;
}

// Runs maintenance SQL (CREATE/DROP DATABASE) on the test server's `postgres` database.
inline void ServerExec(const std::string& sql) {
  auto admin = store::Open(TestServer(), {});
  if (!admin.ok()) throw store::Fault(admin.status().ToString());
  (*admin)->Exec(sql);
}

inline void RemoveSideFiles(const std::string& target) {
  const std::string path = store::StatePath(target);
  std::error_code ignored;
  for (const char* s : {"", "-wal", "-shm", ".anchor"}) {
    if (!store::IsServerDatabase(target) || *s == '.') std::filesystem::remove(path + s, ignored);
  }
  std::filesystem::remove(KeyFileFor(path), ignored);
}

// A new empty database for a test: a file path under the temp dir, or a database made on the test server.
inline std::string NewDatabase(const std::string& name) {
  if (!TestServer()) return ::testing::TempDir() + name + ".db";
  const std::string db = DatabaseName("jt_" + name);
  ServerExec("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
  ServerExec("CREATE DATABASE " + db + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
  return ServerDatabase(db);
}

inline void DropDatabase(const std::string& target) {
  RemoveSideFiles(target);
  if (!store::IsServerDatabase(target)) return;
  try {
    ServerExec("DROP DATABASE IF EXISTS " + target.substr(target.rfind('/') + 1) + " WITH (FORCE)");
  } catch (const store::Fault&) {  // the server went first (end of the run)
  }
}

}  // namespace jiceng::testing_support
