#include "core/crypto.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

namespace jiceng {
namespace {

std::string TempPath(const char* name) { return (testing::TempDir() + name + std::to_string(::getpid())); }

}  // namespace

TEST(CryptoTest, KeyFileIsPrivateAndNeverOverwritten) {
  std::string path = TempPath("key_private");
  ::unlink(path.c_str());
  ASSERT_TRUE(FieldCipher::CreateKeyFile(path, false).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_EQ(FieldCipher::CreateKeyFile(path, false).code(), StatusCode::kConflict);
  ::chmod(path.c_str(), 0644);
  EXPECT_FALSE(FieldCipher::LoadKeyFile(path).ok());
  ::unlink(path.c_str());
}

TEST(CryptoTest, RoundTripAndLookupHash) {
  std::string path = TempPath("key_roundtrip");
  ::unlink(path.c_str());
  ASSERT_TRUE(FieldCipher::CreateKeyFile(path, false).ok());
  auto cipher = FieldCipher::LoadKeyFile(path);
  ASSERT_TRUE(cipher.ok());
  std::string sealed = cipher->Encrypt("632802198506120011");
  EXPECT_EQ(sealed.find("632802198506120011"), std::string::npos);
  EXPECT_NE(sealed, cipher->Encrypt("632802198506120011"));  // a fresh nonce every time
  auto plain = cipher->Decrypt(sealed);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, "632802198506120011");
  EXPECT_EQ(cipher->LookupHash("a"), cipher->LookupHash("a"));
  EXPECT_NE(cipher->LookupHash("a"), cipher->LookupHash("b"));
  sealed[sealed.size() - 1] ^= 1;
  EXPECT_FALSE(cipher->Decrypt(sealed).ok());

  std::string other_path = TempPath("key_other");
  ::unlink(other_path.c_str());
  ASSERT_TRUE(FieldCipher::CreateKeyFile(other_path, false).ok());
  auto other = FieldCipher::LoadKeyFile(other_path);
  EXPECT_FALSE(other->Decrypt(cipher->Encrypt("x")).ok());
  EXPECT_NE(other->LookupHash("a"), cipher->LookupHash("a"));
  ::unlink(path.c_str());
  ::unlink(other_path.c_str());
}

}  // namespace jiceng
