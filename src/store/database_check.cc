#include "store/database_check.h"

#include <sodium.h>

#include <algorithm>
#include <string>

namespace jiceng::store {
namespace {

constexpr std::string_view kKeyCheckMeta = "key_check";
constexpr std::string_view kCanary = "jiceng key check";

std::string Hex(std::string_view bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  hex.pop_back();
  return hex;
}

std::string Unhex(const std::string& hex) {
  std::string bytes(hex.size() / 2, '\0');
  size_t length = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(), hex.size(), nullptr,
                     &length, nullptr) != 0) {
    return {};
  }
  bytes.resize(length);
  return bytes;
}

bool HasTable(Connection& db, const char* name) {
  const std::vector<std::string> tables = db.Tables();
  return std::find(tables.begin(), tables.end(), name) != tables.end();
}

}  // namespace

Status CheckDatabase(Connection& db, bool full) {
  JICENG_RETURN_IF_ERROR(db.CheckIntegrity(full));
  try {
    if (!HasTable(db, "schema_migrations") || !HasTable(db, "meta") || !HasTable(db, "audit_log")) {
      return Status::Invalid("db", "这不是 jiceng 的数据库（缺少 jiceng 的数据表）");
    }
    const int version = static_cast<int>(QueryInt(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    if (version > LatestSchemaVersion()) {
      return Status::Invalid("db", "数据库的结构版本 " + std::to_string(version) + " 比本程序认识的 " +
                                       std::to_string(LatestSchemaVersion()) + " 新：请用新版本的 jiceng 打开");
    }
  } catch (const Fault& e) {
    return Status::Invalid("db", std::string("数据库文件已损坏（") + e.what() + "）");
  }
  return Status::Ok();
}

Status CheckKey(Connection& db, const FieldCipher& cipher) {
  auto stmt = db.Prepare("SELECT value FROM meta WHERE key = ?");
  stmt->Bind(1, kKeyCheckMeta);
  if (!stmt->Step()) return Status::NotFound("key_file", "数据库里没有密钥校验值");
  // "<keyed hash of the canary>.<the canary sealed with the encryption key>": both keys of the file are checked.
  const std::string value = stmt->Text(0);
  const size_t dot = value.find('.');
  const Status foreign = Status::Invalid(
      "key_file", "密钥文件与这个数据库不匹配（是另一个数据库的密钥）：用它读不出加密的身份证号和电话，拒绝使用");
  if (dot == std::string::npos || value.substr(0, dot) != Hex(cipher.LookupHash(kCanary))) return foreign;
  auto opened = cipher.Decrypt(Unhex(value.substr(dot + 1)));
  if (!opened.ok() || *opened != kCanary) return foreign;
  return Status::Ok();
}

void RecordKeyCheck(Connection& db, const FieldCipher& cipher) {
  auto stmt = db.Prepare("INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  stmt->Bind(1, kKeyCheckMeta).Bind(2, Hex(cipher.LookupHash(kCanary)) + "." + Hex(cipher.Encrypt(kCanary)));
  stmt->Run();
}

}  // namespace jiceng::store
