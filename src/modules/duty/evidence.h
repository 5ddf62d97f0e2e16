// Evidence files (佐证材料): what may be uploaded (images, PDF, Office files,
// at most 10 MiB, the type checked by the content, not only the name) and the
// content-addressed store beside the database (<db>.files/ab/abcdef…: one copy
// per distinct content). Writes are atomic (temp file, fsync, rename).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace jiceng::duty {

inline constexpr size_t kMaxEvidenceBytes = 10 * 1024 * 1024;

// The content type of an acceptable file, or Invalid naming "file".
Result<std::string> CheckEvidence(const std::string& file_name, const std::string& bytes);
std::string Sha256Hex(const std::string& bytes);

class EvidenceStore {
 public:
  explicit EvidenceStore(std::string dir) : dir_(std::move(dir)) {}
  Status Put(const std::string& sha256, const std::string& bytes);
  Result<std::string> Get(const std::string& sha256) const;

 private:
  std::string PathOf(const std::string& sha256) const;
  std::string dir_;
};

// The content hashes that evidence rows name but the store at `dir` lacks (restore checks a backup with it).
std::vector<std::string> MissingEvidence(store::Connection& db, const std::string& dir);

}  // namespace jiceng::duty
