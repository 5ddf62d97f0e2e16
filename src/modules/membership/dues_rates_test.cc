// The rate bands exact to the fen at every boundary, against a plain reimplementation in 元 text arithmetic;
// months and arrears across a year end.
#include <gtest/gtest.h>

#include <random>

#include "modules/membership/model.h"

namespace jiceng::membership {
namespace {

// The rule as RULES.md words it, computed another way: the base's 元 and 分 apart, the band chosen by comparing
// 元 and 分, the product in thousandths of a fen (percent × 100 × fen), rounded half up by its last digits.
int64_t PlainDue(const std::string& kind, int64_t base_fen) {
  const int64_t yuan = base_fen / 100, fen = base_fen % 100;
  auto over = [&](int64_t limit_yuan) { return yuan > limit_yuan || (yuan == limit_yuan && fen > 0); };
  int64_t per_10000 = 0;  // the rate in ten-thousandths
  if (kind == "employed") {
    per_10000 = over(10000) ? 200 : over(5000) ? 150 : over(3000) ? 100 : 50;
  } else {
    per_10000 = over(5000) ? 100 : 50;
  }
  const int64_t product = base_fen * per_10000;  // in 1/10000 fen
  const int64_t whole = product / 10000, rest = product % 10000;
  return rest >= 5000 ? whole + 1 : whole;
}

TEST(DuesRates, NamedBoundaries) {
  const FixedAmounts fixed;
  // 3,000.00 元 is 0.5%, 3,000.01 元 is 1%.
  EXPECT_EQ(MonthlyDue(BasisKind::kEmployed, 300000, fixed), 1500);
  EXPECT_EQ(MonthlyDue(BasisKind::kEmployed, 300001, fixed), 3000);
  EXPECT_EQ(MonthlyDue(BasisKind::kEmployed, 500000, fixed), 5000);
  EXPECT_EQ(MonthlyDue(BasisKind::kEmployed, 500001, fixed), 7500);
  EXPECT_EQ(MonthlyDue(BasisKind::kEmployed, 1000000, fixed), 15000);
  EXPECT_EQ(MonthlyDue(BasisKind::kEmployed, 1000001, fixed), 20000);
  EXPECT_EQ(MonthlyDue(BasisKind::kRetired, 500000, fixed), 2500);
  EXPECT_EQ(MonthlyDue(BasisKind::kRetired, 500001, fixed), 5000);
  // Half up to the fen: 0.005 元 rounds to 0.01 元, 0.00499 元 to 0.
  EXPECT_EQ(ApplyRate(100, 50), 1);         // 1.00 元 × 0.5% = 0.005 元
  EXPECT_EQ(ApplyRate(99, 50), 0);          // 0.99 元 × 0.5% = 0.00495 元
  EXPECT_EQ(ApplyRate(333333, 150), 5000);  // 3,333.33 × 1.5% = 49.99995 → 50.00
  EXPECT_EQ(ApplyRate(250033, 100), 2500);  // 2,500.33 × 1% = 25.0033 → 25.00
  // The fixed kinds take the province's amounts.
  FixedAmounts qinghai{50, 20, 20};
  EXPECT_EQ(MonthlyDue(BasisKind::kFarmer, 0, qinghai), 50);
  EXPECT_EQ(MonthlyDue(BasisKind::kStudent, 0, qinghai), 20);
  EXPECT_EQ(MonthlyDue(BasisKind::kAllowance, 0, qinghai), 20);
  EXPECT_EQ(MonthlyDue(BasisKind::kFarmer, 0, FixedAmounts{}), 20);
  EXPECT_EQ(RateText(50), "0.5%");
  EXPECT_EQ(RateText(150), "1.5%");
  EXPECT_EQ(RateText(200), "2%");
  EXPECT_EQ(Yuan(300001), "3000.01");
  EXPECT_EQ(Yuan(5), "0.05");
}

// Every base within three fen of a boundary, a dense sweep of the low bases, and random ones up to 30,000 元.
TEST(DuesRates, MatchesAPlainReimplementationEverywhere) {
  const FixedAmounts fixed;
  std::vector<int64_t> bases;
  for (int64_t edge : {0LL, 300000LL, 500000LL, 1000000LL}) {
    for (int64_t d = -3; d <= 3; ++d) {
      if (edge + d >= 0) bases.push_back(edge + d);
    }
  }
  for (int64_t b = 0; b <= 20000; ++b) bases.push_back(b);
  std::mt19937_64 gen(2008);
  std::uniform_int_distribution<int64_t> any(0, 3000000);
  for (int i = 0; i < 200000; ++i) bases.push_back(any(gen));
  for (int64_t b : bases) {
    ASSERT_EQ(MonthlyDue(BasisKind::kEmployed, b, fixed), PlainDue("employed", b)) << "在职 base " << b;
    ASSERT_EQ(MonthlyDue(BasisKind::kOther, b, fixed), PlainDue("employed", b)) << "其他 base " << b;
    ASSERT_EQ(MonthlyDue(BasisKind::kRetired, b, fixed), PlainDue("retired", b)) << "离退休 base " << b;
  }
}

TEST(DuesRates, MonthsAndArrearsAcrossAYearEnd) {
  auto m = [](const char* text) { return *Month::Parse(text); };
  EXPECT_EQ(m("2026-12").Plus(1).ToString(), "2027-01");
  EXPECT_EQ(m("2027-01").Plus(-6).ToString(), "2026-07");
  EXPECT_EQ(m("2026-02").LastDay().ToString(), "2026-02-28");
  EXPECT_EQ(m("2028-02").LastDay().ToString(), "2028-02-29");
  EXPECT_FALSE(Month::Parse("2026-13"));
  EXPECT_FALSE(Month::Parse("2026-1"));
  EXPECT_FALSE(Month::Parse("2026/11"));
  EXPECT_FALSE(Month::Parse("0000-01"));
  EXPECT_EQ(Month::Of(*Date::Parse("2027-01-31")).ToString(), "2027-01");
  // Owed from 2026-09, paid through 2026-10: in January 2027 November and December are in arrears (2); from
  // February three months (the warning), from May six (the flag).
  EXPECT_EQ(ArrearsMonths(m("2026-09"), m("2026-10"), m("2027-01")), 2);
  EXPECT_EQ(ArrearsMonths(m("2026-09"), m("2026-10"), m("2027-02")), 3);
  EXPECT_EQ(ArrearsMonths(m("2026-09"), m("2026-10"), m("2027-05")), 6);
  // Never paid: counted from the first month owed; paid ahead: none.
  EXPECT_EQ(ArrearsMonths(m("2026-07"), std::nullopt, m("2027-01")), 6);
  EXPECT_EQ(ArrearsMonths(m("2026-07"), m("2027-03"), m("2027-01")), 0);
  EXPECT_EQ(ArrearsMonths(m("2027-03"), std::nullopt, m("2027-01")), 0);
}

}  // namespace
}  // namespace jiceng::membership
