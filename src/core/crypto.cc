#include "core/crypto.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace jiceng {
namespace {

constexpr const char* kHeader = "jiceng-key-v1";

bool InitSodium() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

std::string ToHex(const unsigned char* bytes, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

bool FromHex(const std::string& hex, unsigned char* out, size_t n) {
  size_t len = 0;
  return sodium_hex2bin(out, n, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == n;
}

}  // namespace

std::string KeyFileFor(const std::string& db_path) { return db_path + ".key"; }

Status FieldCipher::CreateKeyFile(const std::string& path, bool overwrite) {
  if (!InitSodium()) return Status::Internal("libsodium 初始化失败");
  if (overwrite) ::unlink(path.c_str());
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return Status::Conflict("key_file", "密钥文件已存在：" + path);
    return Status::Invalid("key_file", "无法创建密钥文件 " + path + "：" + std::strerror(errno));
  }
  unsigned char enc[32], mac[32];
  randombytes_buf(enc, sizeof enc);
  randombytes_buf(mac, sizeof mac);
  std::string text = std::string(kHeader) + "\n" + ToHex(enc, 32) + "\n" + ToHex(mac, 32) + "\n";
  sodium_memzero(enc, sizeof enc);
  sodium_memzero(mac, sizeof mac);
  bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  sodium_memzero(text.data(), text.size());
  if (!written) return Status::Internal("写入密钥文件失败：" + path);
  return Status::Ok();
}

Result<FieldCipher> FieldCipher::LoadKeyFile(const std::string& path) {
  if (!InitSodium()) return Status::Internal("libsodium 初始化失败");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Status::NotFound("key_file", "密钥文件不存在：" + path);
  if ((st.st_mode & 077) != 0) {
    return Status::Invalid("key_file", "密钥文件权限过宽（应为 0600）：" + path);
  }
  std::ifstream in(path);
  std::string header, enc_hex, mac_hex;
  std::getline(in, header);
  std::getline(in, enc_hex);
  std::getline(in, mac_hex);
  FieldCipher cipher;
  if (header != kHeader || !FromHex(enc_hex, cipher.encryption_key_.data(), 32) ||
      !FromHex(mac_hex, cipher.hash_key_.data(), 32)) {
    return Status::Invalid("key_file", "密钥文件格式错误：" + path);
  }
  static_assert(crypto_kdf_KEYBYTES == 32 && crypto_kdf_CONTEXTBYTES == 8);
  crypto_kdf_derive_from_key(cipher.chain_key_.data(), cipher.chain_key_.size(), 1, "jcaudit1",
                             cipher.hash_key_.data());
  return cipher;
}

std::string FieldCipher::Encrypt(std::string_view plain) const {
  constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string out(kNonce + plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(bytes, kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(bytes + kNonce, &written,
                                             reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                                             nullptr, 0, nullptr, bytes, encryption_key_.data());
  out.resize(kNonce + written);
  return out;
}

Result<std::string> FieldCipher::Decrypt(std::string_view sealed) const {
  constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
  if (sealed.size() < kNonce + kTag) return Status::Internal("密文长度错误");
  const auto* bytes = reinterpret_cast<const unsigned char*>(sealed.data());
  std::string plain(sealed.size() - kNonce - kTag, '\0');
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &written, nullptr,
                                                 bytes + kNonce, sealed.size() - kNonce, nullptr, 0, bytes,
                                                 encryption_key_.data()) != 0) {
    return Status::Internal("解密失败：密钥文件与数据库不匹配");
  }
  plain.resize(written);
  return plain;
}

std::string FieldCipher::LookupHash(std::string_view plain) const {
  std::string out(32, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                     reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), hash_key_.data(),
                     hash_key_.size());
  return out;
}

std::string FieldCipher::ChainMac(std::string_view bytes) const {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                     chain_key_.data(), chain_key_.size());
  return ToHex(out, sizeof out);
}

}  // namespace jiceng

namespace jiceng {
std::string HexDigest(std::string_view bytes) {
  InitSodium();
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
  return ToHex(out, sizeof out);
}

static_assert(sizeof(crypto_generichash_state) <= 384 && alignof(crypto_generichash_state) <= 64);

Digester::Digester() {
  InitSodium();
  crypto_generichash_init(reinterpret_cast<crypto_generichash_state*>(state_), nullptr, 0, 32);
}

void Digester::Add(std::string_view bytes) {
  crypto_generichash_update(reinterpret_cast<crypto_generichash_state*>(state_),
                            reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

std::string Digester::HexFinish() {
  unsigned char out[32];
  crypto_generichash_final(reinterpret_cast<crypto_generichash_state*>(state_), out, sizeof out);
  return ToHex(out, sizeof out);
}
}  // namespace jiceng
