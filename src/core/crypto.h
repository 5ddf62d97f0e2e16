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
  // Hex keyed BLAKE2b-256 of `bytes` under the audit chain's key: a subkey derived from the look-up key (same
  // file, so every key file made so far has one), never stored. Without the key file nobody can recompute it.
  std::string ChainMac(std::string_view bytes) const;

 private:
  std::array<unsigned char, 32> encryption_key_{};
  std::array<unsigned char, 32> hash_key_{};
  std::array<unsigned char, 32> chain_key_{};
};

// The key file that belongs to a database file: "<db>.key".
std::string KeyFileFor(const std::string& db_path);

}  // namespace jiceng

namespace jiceng {
// Hex BLAKE2b-256 of `bytes` (unkeyed): digests of audited before/after states.
std::string HexDigest(std::string_view bytes);

// HexDigest of everything added, without holding it all in memory. One owner at a time.
class Digester {
 public:
  Digester();
  void Add(std::string_view bytes);
  std::string HexFinish();

 private:
  alignas(64) unsigned char state_[384];  // a crypto_generichash_state (checked in crypto.cc)
};
}  // namespace jiceng
