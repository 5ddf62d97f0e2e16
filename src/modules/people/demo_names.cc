#include "modules/people/demo_names.h"

#include <algorithm>
#include <map>

namespace jiceng::people {
namespace {

const char* kGroupNames[kGroupCount] = {"汉族", "藏族", "回族",     "土族", "撒拉族", "蒙古族",
                                        "壮族", "满族", "维吾尔族", "苗族", "彝族",   "土家族"};

// Ethnic weights (Han, Tibetan, Hui, Tu, Salar, Mongolian) by prefecture, after the census shares.
std::vector<int> PrefectureMix(const std::string& code) {
  static const std::map<std::string, std::vector<int>> kMix = {
      {"6301", {72, 6, 15, 5, 1, 1}}, {"6302", {50, 10, 20, 12, 8, 0}}, {"6322", {35, 25, 30, 5, 0, 5}},
      {"6323", {10, 70, 8, 5, 0, 7}}, {"6325", {25, 60, 12, 3, 0, 0}},  {"6326", {8, 90, 2, 0, 0, 0}},
      {"6327", {4, 95, 1, 0, 0, 0}},  {"6328", {60, 12, 12, 4, 0, 12}},
  };
  auto it = kMix.find(code.substr(0, 4));
  return it != kMix.end() ? it->second : std::vector<int>{90, 3, 4, 1, 1, 1};
}

// Weights over all groups by province, rounded from the census shares of the groups named here (smaller groups
// are left to 汉族).
std::vector<int> ProvinceMix(const std::string& code) {
  //                                                        汉  藏  回 土 撒 蒙  壮 满 维  苗  彝 土家
  static const std::map<std::string, std::vector<int>> kMix = {
      {"11", {95, 0, 2, 0, 0, 1, 0, 2, 0, 0, 0, 0}},  {"12", {97, 0, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0}},
      {"13", {96, 0, 1, 0, 0, 0, 0, 3, 0, 0, 0, 0}},  {"15", {79, 0, 1, 0, 0, 17, 0, 3, 0, 0, 0, 0}},
      {"21", {84, 0, 1, 0, 0, 2, 0, 13, 0, 0, 0, 0}}, {"22", {95, 0, 0, 0, 0, 1, 0, 4, 0, 0, 0, 0}},
      {"23", {96, 0, 0, 0, 0, 1, 0, 3, 0, 0, 0, 0}},  {"41", {98, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
      {"42", {95, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5}},  {"43", {89, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 8}},
      {"45", {62, 0, 0, 0, 0, 0, 36, 0, 0, 2, 0, 0}}, {"50", {93, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 5}},
      {"51", {94, 2, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0}},  {"52", {64, 0, 1, 0, 0, 0, 0, 0, 0, 18, 5, 12}},
      {"53", {66, 2, 2, 0, 0, 0, 4, 0, 0, 4, 22, 0}}, {"54", {9, 90, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
      {"62", {90, 2, 6, 1, 0, 0, 0, 0, 0, 0, 0, 1}},  {"64", {64, 0, 36, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
      {"65", {42, 0, 5, 0, 0, 1, 0, 0, 52, 0, 0, 0}},
  };
  auto it = kMix.find(code.substr(0, 2));
  return it != kMix.end() ? it->second : std::vector<int>{99, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
}

const std::vector<std::string> kHanSurnames = {"王", "李", "张", "刘", "陈", "杨", "赵", "马", "孙", "朱", "祁", "何",
                                               "胡", "郭", "吴", "林", "周", "徐", "高", "罗", "谢", "郑", "韩", "冯",
                                               "曹", "魏", "鲁", "单", "曾", "解", "宋", "石", "田", "汪", "贾", "竺"};
const std::vector<std::string> kHuiSurnames = {"马", "马", "韩", "冶", "喇", "沙", "白", "苏", "鲜", "妥", "何"};
const std::vector<std::string> kSalarSurnames = {"韩", "韩", "马", "沈", "陕"};
const std::vector<std::string> kTuSurnames = {"李", "祁", "吕", "董", "鲁", "星", "胡", "汪"};
const std::vector<std::string> kZhuangSurnames = {"韦", "黄", "覃", "蓝", "莫", "陆", "农", "梁", "李", "潘"};
const std::vector<std::string> kManchuSurnames = {"关", "佟", "那", "赵", "富", "金", "傅", "索", "汪", "白"};
const std::vector<std::string> kMiaoSurnames = {"龙", "吴", "杨", "石", "麻", "王", "张", "熊", "侯", "欧"};
const std::vector<std::string> kYiSurnames = {"阿", "吉", "沙", "马", "李", "罗", "普", "毕", "海", "曲"};
const std::vector<std::string> kTujiaSurnames = {"向", "田", "彭", "覃", "冉", "谭", "向", "王", "黄", "李"};
const std::vector<std::string> kMaleGiven = {"建", "国", "军", "伟", "强", "明", "志", "海", "平", "东", "文", "斌",
                                             "杰", "涛", "鹏", "春", "福", "德", "成", "林", "华", "刚", "忠", "宏",
                                             "向", "永", "生", "玉", "清", "长", "发", "义", "学", "占", "有", "进"};
const std::vector<std::string> kFemaleGiven = {"秀", "英", "华", "玲", "芳", "梅", "兰", "霞", "燕", "红", "丽",
                                               "娟", "艳", "琴", "云", "萍", "雪", "晶", "慧", "婷", "花", "莲"};
const std::vector<std::string> kTibetanMale = {"扎西", "才让", "多杰", "索南", "尼玛", "旦正", "仁青", "桑吉",
                                               "公保", "更登", "江措", "昂秀", "周加", "完玛", "华旦", "加羊",
                                               "万玛", "东周", "洛桑", "次仁", "格桑", "群培", "贡保", "南加"};
const std::vector<std::string> kTibetanFemale = {"卓玛", "拉毛", "措毛", "才措", "德吉", "央金",
                                                 "拉姆", "吉毛", "卓嘎", "完德", "央宗", "梅朵"};
const std::vector<std::string> kMongolMale = {"巴图", "那生",   "额尔德尼", "乌力吉", "宝力道", "朝鲁",
                                              "苏和", "满都拉", "阿拉坦",   "达来",   "格日勒", "巴雅尔"};
const std::vector<std::string> kMongolFemale = {"其木格", "斯琴", "图雅", "敖登", "萨仁", "塔娜", "乌兰", "高娃"};
const std::vector<std::string> kUyghurMale = {"买买提", "艾力", "阿不都",   "吐尔逊", "热合曼", "艾买江",
                                              "努尔",   "亚森", "伊力哈木", "阿里木", "玉素甫", "肉孜"};
const std::vector<std::string> kUyghurFemale = {"古丽",   "阿依古丽", "热依拉",   "帕提古丽", "米娜瓦尔",
                                                "再努尔", "布维",     "阿孜古丽", "努尔尼沙"};

std::string HanStyleName(Rng& rng, const std::vector<std::string>& surnames, bool male) {
  const auto& given = male ? kMaleGiven : kFemaleGiven;
  std::string name = rng.Pick(surnames) + rng.Pick(given);
  if (rng.Chance(0.7)) name += rng.Pick(given);
  return name;
}

// Two different elements, or one alone.
std::string TwoElements(Rng& rng, const std::vector<std::string>& first, const std::vector<std::string>& second,
                        double pair_share) {
  std::string b = rng.Pick(second);
  if (!rng.Chance(pair_share)) return b;
  std::string a = rng.Pick(first);
  while (a == b) a = rng.Pick(first);
  return a + b;
}

}  // namespace

const char* GroupName(Group group) { return kGroupNames[static_cast<int>(group)]; }

std::vector<int> QinghaiCountyMix(const std::string& code) {
  static const std::map<std::string, std::vector<int>> kMix = {
      {"630222", {45, 2, 25, 28, 0, 0}},   // 民和回族土族自治县
      {"630223", {60, 5, 5, 30, 0, 0}},    // 互助土族自治县
      {"630224", {25, 20, 55, 0, 0, 0}},   // 化隆回族自治县
      {"630225", {10, 25, 10, 0, 55, 0}},  // 循化撒拉族自治县
      {"632221", {35, 15, 45, 5, 0, 0}},   // 门源回族自治县
      {"632324", {2, 10, 2, 0, 0, 86}},    // 河南蒙古族自治县
  };
  auto it = kMix.find(code.substr(0, 6));
  return it != kMix.end() ? it->second : PrefectureMix(code);
}

std::vector<int> NationalCountyMix(const std::string& code) {
  if (code.compare(0, 2, "63") != 0) return ProvinceMix(code);
  std::vector<int> mix = QinghaiCountyMix(code);
  mix.resize(kGroupCount, 0);
  return mix;
}

std::string MakeName(Rng& rng, Group group, bool male) {
  switch (group) {
    // Tibetan and Mongolian names have no surname; most are two elements (索南江措, 巴图那生).
    case Group::kTibetan:
      return TwoElements(rng, kTibetanMale, male ? kTibetanMale : kTibetanFemale, 0.75);
    case Group::kMongolian:
      return TwoElements(rng, kMongolMale, male ? kMongolMale : kMongolFemale, 0.75);
    // Uyghur names: one's own name, then the father's (买买提·艾力).
    case Group::kUyghur:
      return rng.Pick(male ? kUyghurMale : kUyghurFemale) + "·" + rng.Pick(kUyghurMale);
    case Group::kHui:
      return HanStyleName(rng, kHuiSurnames, male);
    case Group::kSalar:
      return HanStyleName(rng, kSalarSurnames, male);
    case Group::kTu:
      return HanStyleName(rng, kTuSurnames, male);
    case Group::kZhuang:
      return HanStyleName(rng, kZhuangSurnames, male);
    case Group::kManchu:
      return HanStyleName(rng, kManchuSurnames, male);
    case Group::kMiao:
      return HanStyleName(rng, kMiaoSurnames, male);
    case Group::kYi:
      return HanStyleName(rng, kYiSurnames, male);
    case Group::kTujia:
      return HanStyleName(rng, kTujiaSurnames, male);
    case Group::kHan:
      return HanStyleName(rng, kHanSurnames, male);
  }
  return HanStyleName(rng, kHanSurnames, male);
}

Date JoinedPartyOn(Rng& rng, Date birth, int age, PoliticalStatus status) {
  int joined_age = std::min(age - 1, rng.Uniform(20, 40));
  Date joined = birth.AddDays(static_cast<int64_t>(joined_age) * 365 + rng.Uniform(10, 350));
  if (status == PoliticalStatus::kProbationaryMember) joined = kDemoReference.AddDays(-rng.Uniform(30, 330));
  if (status == PoliticalStatus::kFullMember && joined > kDemoReference.AddDays(-366)) {
    joined = kDemoReference.AddDays(-366 - rng.Uniform(0, 700));
  }
  if (joined < birth.AddDays(int64_t{18} * 366)) joined = birth.AddDays(int64_t{18} * 366 + rng.Uniform(0, 300));
  return joined;
}

}  // namespace jiceng::people
