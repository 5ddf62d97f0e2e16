// A file path for one test process: under the test temp dir, unique to the process, and removed — with SQLite's
// -wal, -shm and -journal files and the key and anchor files beside it — when the process ends, so test runs leave nothing behind.
// Test-only code.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

namespace jiceng::testing_support {

struct TempPaths {
  std::vector<std::string> paths;
  ~TempPaths() {
    for (const auto& p : paths) {
      for (const char* s : {"", "-wal", "-shm", "-journal", ".key", ".anchor"}) {
        std::error_code ignored;
        std::filesystem::remove(p + s, ignored);
      }
    }
  }
};

// "<temp dir>/<name><pid><suffix>", removed at exit.
inline std::string TempPath(const std::string& name, const std::string& suffix = ".db") {
  static TempPaths made;
  std::string path = ::testing::TempDir() + name + std::to_string(::getpid()) + suffix;
  made.paths.push_back(path);
  return path;
}

}  // namespace jiceng::testing_support
