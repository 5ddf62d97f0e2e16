// Field encryption for sensitive personal data (PIPL): XChaCha20-Poly1305 with a
// random nonce per value, plus a keyed BLAKE2b hash for exact look-up without
// decrypting. The keys live in a key file beside the database (mode 0600),
// never in it. A FieldCipher is immutable after construction; thread-safe.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/status.h"

namespace jiceng {

class FieldCipher {
 public:
  // Creates a new key file (refuses to overwrite one unless `overwrite`).
  static Status CreateKeyFile(const std::string& path, bool overwrite);
  static Result<FieldCipher> LoadKeyFile(const std::string& path);

  // nonce || ciphertext || tag, as bytes.
  std::string Encrypt(std::string_view plain) const;
  Result<std::string> Decrypt(std::string_view sealed) const;
  // 32-byte keyed hash of `plain`: equal inputs give equal hashes under one key file.
  std::string LookupHash(std::string_view plain) const;

 private:
  std::array<unsigned char, 32> encryption_key_{};
  std::array<unsigned char, 32> hash_key_{};
};

// The key file that belongs to a database file: "<db>.key".
std::string KeyFileFor(const std::string& db_path);

}  // namespace jiceng

namespace jiceng {
// Hex BLAKE2b-256 of `bytes` (unkeyed): digests of audited before/after states.
std::string HexDigest(std::string_view bytes);
}  // namespace jiceng
