#include "core/id_number.h"

#include <gtest/gtest.h>

namespace jiceng {
namespace {

const Date kToday = *Date::Parse("2026-11-22");

// Builds a valid number from its first 17 digits.
std::string Valid(const std::string& first17) { return first17 + IdCheckCharacter(first17); }

}  // namespace

TEST(IdNumberTest, KnownChecksum) {
  // The example of GB 11643-1999.
  EXPECT_EQ(IdCheckCharacter("11010519491231002"), 'X');
  auto id = ParseIdNumber("11010519491231002X", kToday);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(id->birth_date.ToString(), "1949-12-31");
  EXPECT_EQ(id->gender, Gender::kFemale);
  EXPECT_TRUE(ParseIdNumber("11010519491231002x", kToday).ok());
  EXPECT_EQ(ParseIdNumber("11010519491231002x", kToday)->value, "11010519491231002X");
}

TEST(IdNumberTest, ValidNumberGivesBirthDateAndGender) {
  auto id = ParseIdNumber(Valid("63280219850612001"), kToday);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->birth_date.ToString(), "1985-06-12");
  EXPECT_EQ(id->gender, Gender::kMale);
}

TEST(IdNumberTest, BadChecksumIsRefused) {
  std::string good = Valid("63280219850612001");
  std::string bad = good.substr(0, 17) + (good[17] == '1' ? '2' : '1');
  auto id = ParseIdNumber(bad, kToday);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().field(), "id_number");
  EXPECT_NE(id.status().message().find("校验码"), std::string::npos);
}

TEST(IdNumberTest, BadDateIsRefused) {
  EXPECT_FALSE(ParseIdNumber(Valid("63280219850230001"), kToday).ok());  // 30 February
  EXPECT_FALSE(ParseIdNumber(Valid("63280220300101001"), kToday).ok());  // in the future
  EXPECT_FALSE(ParseIdNumber(Valid("63280218500101001"), kToday).ok());  // before 1900
}

TEST(IdNumberTest, BadFormatIsRefused) {
  EXPECT_FALSE(ParseIdNumber("6328021985061200", kToday).ok());
  EXPECT_FALSE(ParseIdNumber("63280219850612A011", kToday).ok());
  EXPECT_FALSE(ParseIdNumber("632802198506120011Y", kToday).ok());
}

TEST(IdNumberTest, Masks) {
  EXPECT_EQ(MaskIdNumber("632802198506120011"), "632802********0011");
  EXPECT_EQ(MaskPhone("13912345678"), "139****5678");
}

}  // namespace jiceng
