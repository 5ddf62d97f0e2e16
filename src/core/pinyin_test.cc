#include "core/pinyin.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace jiceng {
namespace {

TEST(NamePinyinTest, PlainName) {
  PinyinKeys keys = NamePinyin("竺向东");
  EXPECT_EQ(keys.full, "zhuxiangdong");
  EXPECT_EQ(keys.initials, "zxd");
}

TEST(NamePinyinTest, PolyphonicSurnames) {
  EXPECT_EQ(NamePinyin("单雄信").full, "shanxiongxin");
  EXPECT_EQ(NamePinyin("单雄信").initials, "sxx");
  EXPECT_EQ(NamePinyin("曾国藩").full, "zengguofan");
  EXPECT_EQ(NamePinyin("解缙").full.substr(0, 3), "xie");
  EXPECT_EQ(NamePinyin("仇英").full.substr(0, 3), "qiu");
  EXPECT_EQ(NamePinyin("区永").full.substr(0, 2), "ou");
  EXPECT_EQ(NamePinyin("朴正").full.substr(0, 4), "piao");
  EXPECT_EQ(NamePinyin("查良镛").full, "zhaliangyong");
  EXPECT_EQ(NamePinyin("查良镛").initials, "zly");
}

TEST(NamePinyinTest, SurnameReadingOnlyAtStart) {
  // 单 inside a given name keeps its ordinary reading.
  EXPECT_EQ(NamePinyin("李单").full, "lidan");
}

TEST(NamePinyinTest, CompoundSurnames) {
  PinyinKeys keys = NamePinyin("尉迟恭");
  EXPECT_EQ(keys.full, "yuchigong");
  EXPECT_EQ(keys.initials, "ycg");
  EXPECT_EQ(NamePinyin("万俟卨").initials.substr(0, 2), "mq");
  EXPECT_EQ(NamePinyin("单于").full, "chanyu");
}

TEST(NamePinyinTest, TibetanAndMongolianNames) {
  PinyinKeys tibetan = NamePinyin("索南江措");
  EXPECT_EQ(tibetan.full, "suonanjiangcuo");
  EXPECT_EQ(tibetan.initials, "snjc");
  PinyinKeys mongolian = NamePinyin("巴图那生");
  EXPECT_EQ(mongolian.full, "batunasheng");
  EXPECT_EQ(mongolian.initials, "btns");
  EXPECT_EQ(NamePinyin("扎西").full, "zhaxi");
  EXPECT_EQ(NamePinyin("才让卓玛").full, "cairangzhuoma");
}

TEST(NamePinyinTest, MiddleDotAndSpacesDropped) {
  PinyinKeys keys = NamePinyin("阿依古丽·买买提");
  EXPECT_EQ(keys.full, "ayigulimaimaiti");
  EXPECT_EQ(keys.initials, "ayglmmt");
  EXPECT_EQ(NamePinyin(" 王 芳 ").full, "wangfang");
}

TEST(NamePinyinTest, GivenNameOverrides) {
  EXPECT_EQ(NamePinyin("王长江").full, "wangchangjiang");
  EXPECT_EQ(NamePinyin("长孙无忌").full, "zhangsunwuji");
}

TEST(NamePinyinTest, AsciiKeptLowercased) {
  PinyinKeys keys = NamePinyin("Tom Smith2");
  EXPECT_EQ(keys.full, "tomsmith2");
  EXPECT_EQ(keys.initials, "ts");
  EXPECT_EQ(NamePinyin("张Ａ").full, "zhanga");  // Fullwidth letters from Chinese IMEs.
}

TEST(NamePinyinTest, EmptyAndInvalid) {
  PinyinKeys empty = NamePinyin("");
  EXPECT_EQ(empty.full, "");
  EXPECT_EQ(empty.initials, "");
  EXPECT_EQ(NamePinyin("\xff李").full, "li");
}

TEST(NamePinyinTest, ConcurrentCallsAgree) {
  std::vector<std::thread> threads;
  std::vector<std::string> results(8);
  for (size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&results, t] {
      for (int i = 0; i < 200; ++i) results[t] = NamePinyin("欧阳修竺向东索南江措").full;
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& result : results) EXPECT_EQ(result, "ouyangxiuzhuxiangdongsuonanjiangcuo");
}

TEST(LooksLikePinyinTest, OnlyAsciiLetters) {
  EXPECT_TRUE(LooksLikePinyin("zxd"));
  EXPECT_TRUE(LooksLikePinyin("ZhuXiangDong"));
  EXPECT_FALSE(LooksLikePinyin("竺"));
  EXPECT_FALSE(LooksLikePinyin("zx1"));
  EXPECT_FALSE(LooksLikePinyin("zhu xd"));
  EXPECT_FALSE(LooksLikePinyin(""));
}

}  // namespace
// Issue #11: 扎西 found 27 people but zhaxi 20, because pinyin matched only at the start of the name.
TEST(SyllableTailsTest, MatchesAtEverySyllableBoundary) {
  const PinyinKeys keys = NamePinyin("东周扎西");
  EXPECT_EQ(keys.syllables, (std::vector<std::string>{"dong", "zhou", "zha", "xi"}));
  const std::string tails = SyllableTails(keys);
  EXPECT_EQ(tails, " dongzhouzhaxi zhouzhaxi zhaxi xi dzzx zzx zx x");
  for (const char* hit : {"zhaxi", "zx", "dongzhouzhaxi", "dzzx", "zhax", "zhouzha", "xi", "d"}) {
    EXPECT_TRUE(TailsMatch(tails, hit)) << hit;
  }
  for (const char* miss : {"houzh", "ongzhou", "axi", "zhaxid", "dzx", "xdz"}) {
    EXPECT_FALSE(TailsMatch(tails, miss)) << miss;
  }
}

TEST(SyllableTailsTest, LatinWordsAndSurnamesAreSyllables) {
  const PinyinKeys tom = NamePinyin("Tom Smith");
  EXPECT_EQ(tom.syllables, (std::vector<std::string>{"tom", "smith"}));
  EXPECT_TRUE(TailsMatch(SyllableTails(tom), "smith"));
  EXPECT_FALSE(TailsMatch(SyllableTails(tom), "mith"));
  const PinyinKeys yuchi = NamePinyin("尉迟恭");
  EXPECT_EQ(yuchi.syllables, (std::vector<std::string>{"yu", "chi", "gong"}));
  EXPECT_TRUE(TailsMatch(SyllableTails(yuchi), "chigong"));
  EXPECT_TRUE(TailsMatch(SyllableTails(yuchi), "cg"));
  EXPECT_EQ(SyllableTails(NamePinyin("")), "");
}

}  // namespace jiceng
