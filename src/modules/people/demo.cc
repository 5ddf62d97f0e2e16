#include "modules/people/demo.h"

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "modules/people/commands.h"
#include "modules/people/repo.h"

namespace jiceng::people {
namespace {

// Demo dates are fixed, not taken from the clock, so that every run gives the same people.
const Date kReference = *Date::FromYmd(2026, 6, 30);

enum class Group { kHan, kTibetan, kHui, kTu, kSalar, kMongolian };
const char* kGroupNames[] = {"汉族", "藏族", "回族", "土族", "撒拉族", "蒙古族"};

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

// Counties whose own mix differs much from their prefecture's.
std::vector<int> CountyMix(const std::string& code) {
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

const std::vector<std::string> kHanSurnames = {"王", "李", "张", "刘", "陈", "杨", "赵", "马", "孙", "朱", "祁", "何",
                                               "胡", "郭", "吴", "林", "周", "徐", "高", "罗", "谢", "郑", "韩", "冯",
                                               "曹", "魏", "鲁", "单", "曾", "解", "宋", "石", "田", "汪", "贾", "竺"};
const std::vector<std::string> kHuiSurnames = {"马", "马", "韩", "冶", "喇", "沙", "白", "苏", "鲜", "妥", "何"};
const std::vector<std::string> kSalarSurnames = {"韩", "韩", "马", "沈", "陕"};
const std::vector<std::string> kTuSurnames = {"李", "祁", "吕", "董", "鲁", "星", "胡", "汪"};
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

std::string MakeName(Rng& rng, Group group, bool male) {
  switch (group) {
    // Tibetan and Mongolian names have no surname; most are two elements (索南江措, 巴图那生).
    case Group::kTibetan:
      return TwoElements(rng, kTibetanMale, male ? kTibetanMale : kTibetanFemale, 0.75);
    case Group::kMongolian:
      return TwoElements(rng, kMongolMale, male ? kMongolMale : kMongolFemale, 0.75);
    case Group::kHui:
      return HanStyleName(rng, kHuiSurnames, male);
    case Group::kSalar:
      return HanStyleName(rng, kSalarSurnames, male);
    case Group::kTu:
      return HanStyleName(rng, kTuSurnames, male);
    case Group::kHan:
      return HanStyleName(rng, kHanSurnames, male);
  }
  return HanStyleName(rng, kHanSurnames, male);
}

struct Branch {
  int64_t id;
  std::string code;
  int64_t host_id;  // the unit the branch belongs to (village, agency, township, ...)
  std::string host_level;
  std::string host_kind;
  std::string county;  // 6-digit county code for ID numbers
};

std::vector<Branch> PartyOrgs(store::Connection& db) {
  auto stmt = db.Prepare(
      "SELECT u.id, u.code, h.id, h.level, h.kind FROM org_unit u JOIN org_link l ON l.unit_id = u.id"
      " JOIN org_unit h ON h.id = l.parent_id WHERE u.level = 'party' AND l.valid_to = '9999-12-31' ORDER BY u.code");
  std::vector<Branch> branches;
  while (stmt->Step()) {
    std::string code = stmt->Text(1);
    std::string county = code.substr(0, 6);
    if (county.substr(4, 2) == "00") county = county.substr(0, 4) + "01";  // prefecture units: the seat county
    branches.push_back({stmt->Int(0), code, stmt->Int(2), stmt->Text(3), stmt->Text(4), county});
  }
  return branches;
}

class Population {
 public:
  Population(store::Connection& db, const FieldCipher& cipher, Rng& rng) : repo_(db), cipher_(cipher), rng_(rng) {}

  // Adds one person affiliated with `branch`; returns the person's id.
  int64_t Add(const Branch& branch, PoliticalStatus status, int min_age, int max_age, bool educated) {
    bool male = rng_.Chance(status == PoliticalStatus::kMasses ? 0.5 : 0.68);
    Group group = static_cast<Group>(rng_.Weighted(CountyMix(branch.county)));
    ValidPerson p;
    p.name = MakeName(rng_, group, male);
    int age = rng_.Uniform(min_age, max_age);
    Date birth = kReference.AddDays(-static_cast<int64_t>(age) * 365 - rng_.Uniform(0, 364));
    p.id = MakeId(branch.county, birth, male);
    p.ethnicity = kGroupNames[static_cast<int>(group)];
    static const char* kPrefixes[] = {"139", "138", "137", "136", "150", "151", "157", "180", "187", "199"};
    char phone[16];
    std::snprintf(phone, sizeof phone, "%s%08d", kPrefixes[rng_.Uniform(0, 9)], rng_.Uniform(0, 99999999));
    p.phone = phone;
    p.education = educated ? static_cast<Education>(rng_.Weighted({10, 60, 25, 5, 0, 0, 0}))
                           : static_cast<Education>(rng_.Weighted({0, 12, 15, 10, 20, 35, 8}));
    p.status = status;
    if (IsPartyMember(status)) {
      int joined_age = std::min(age - 1, rng_.Uniform(20, 40));
      Date joined = birth.AddDays(static_cast<int64_t>(joined_age) * 365 + rng_.Uniform(10, 350));
      // A probationary member joined within the last year; a full member has served the year of probation.
      if (status == PoliticalStatus::kProbationaryMember) joined = kReference.AddDays(-rng_.Uniform(30, 330));
      if (status == PoliticalStatus::kFullMember && joined > kReference.AddDays(-366)) {
        joined = kReference.AddDays(-366 - rng_.Uniform(0, 700));
      }
      if (joined < birth.AddDays(18 * 366)) joined = birth.AddDays(18 * 366 + rng_.Uniform(0, 300));
      p.joined_party_on = joined;
    }
    p.org_since = p.joined_party_on.value_or(kReference.AddDays(-rng_.Uniform(30, 2000)));
    PersonRow row = MakeRow(p, cipher_);
    int64_t id = repo_.Insert(row, kReference.ToString() + "T00:00:00+08:00");
    repo_.InsertAffiliation(id, branch.id, p.org_since);
    ++summary.persons;
    return id;
  }

  void AddPost(int64_t person_id, int64_t org_id, PostTitle title) {
    repo_.InsertPost(person_id, org_id, title, kReference.AddDays(-rng_.Uniform(30, 1500)), std::nullopt);
    ++summary.posts;
  }

  DemoPeopleSummary summary;

 private:
  IdNumber MakeId(const std::string& county, Date birth, bool male) {
    char prefix[24];
    std::snprintf(prefix, sizeof prefix, "%s%04d%02d%02d", county.c_str(), birth.year(), birth.month(), birth.day());
    int& used = sequence_[prefix];
    int seq = used * 2 + (male ? 1 : 2);  // odd sequence numbers are men's
    ++used;
    char first17[24];
    std::snprintf(first17, sizeof first17, "%s%03d", prefix, seq % 1000);
    IdNumber id;
    id.value = std::string(first17) + IdCheckCharacter(first17);
    id.birth_date = birth;
    id.gender = male ? Gender::kMale : Gender::kFemale;
    return id;
  }

  PeopleRepo repo_;
  const FieldCipher& cipher_;
  Rng& rng_;
  std::unordered_map<std::string, int> sequence_;
};

PoliticalStatus MemberStatus(Rng& rng) { return static_cast<PoliticalStatus>(rng.Weighted({85, 5, 4, 6})); }

}  // namespace

DemoPeopleSummary SeedDemoPeople(store::Connection& db, const FieldCipher& cipher, Rng& rng) {
  Population population(db, cipher, rng);
  std::unordered_map<std::string, std::vector<const Branch*>> agency_branches;  // county → branches
  const std::vector<Branch> branches = PartyOrgs(db);
  for (const Branch& b : branches) {
    if (b.host_kind == "agency") agency_branches[b.county].push_back(&b);
  }
  for (const Branch& b : branches) {
    const bool village = b.host_kind == "village";
    const bool community = b.host_kind == "community";
    if (b.host_level == "village") {
      int size = rng.Uniform(20, 60);
      std::vector<int64_t> members;
      for (int i = 0; i < size; ++i) {
        PoliticalStatus status = MemberStatus(rng);
        int64_t id = population.Add(b, status, 20, 85, false);
        if (IsPartyMember(status) && members.size() < 5) members.push_back(id);
      }
      if (members.size() < 3) continue;  // tiny branch: no committee (rare)
      population.AddPost(members[0], b.id, PostTitle::kSecretary);
      population.AddPost(members[1], b.id, PostTitle::kCommitteeMember);
      population.AddPost(members[2], b.id, PostTitle::kCommitteeMember);
      // 一肩挑: in most villages the secretary also chairs the villagers' committee.
      int64_t director = rng.Chance(0.8) ? members[0] : members[1];
      population.AddPost(director, b.host_id, PostTitle::kVillageDirector);
      population.AddPost(members[2], b.host_id, PostTitle::kVillageCommitteeMember);
      int64_t outsider = population.Add(b, PoliticalStatus::kMasses, 25, 55, false);
      population.AddPost(outsider, b.host_id, PostTitle::kVillageCommitteeMember);
      if (community) {
        int grid_workers = rng.Uniform(2, 4);
        for (int i = 0; i < grid_workers; ++i) {
          int64_t w = population.Add(b, rng.Chance(0.5) ? PoliticalStatus::kFullMember : PoliticalStatus::kMasses, 22,
                                     50, false);
          population.AddPost(w, b.host_id, PostTitle::kGridWorker);
        }
      }
      // First secretaries come from county agencies (驻村第一书记).
      auto agencies = agency_branches.find(b.county);
      if (village && agencies != agency_branches.end() && rng.Chance(0.3)) {
        const Branch& from = *agencies->second[rng.Next() % agencies->second.size()];
        int64_t first = population.Add(from, PoliticalStatus::kFullMember, 28, 50, true);
        population.AddPost(first, b.host_id, PostTitle::kFirstSecretary);
        int64_t team = population.Add(from, PoliticalStatus::kFullMember, 25, 45, true);
        population.AddPost(team, b.host_id, PostTitle::kWorkTeamMember);
      }
    } else if (b.host_level == "township") {
      int64_t secretary = population.Add(b, PoliticalStatus::kFullMember, 35, 55, true);
      population.AddPost(secretary, b.id, PostTitle::kSecretary);
      for (int i = 0; i < 2; ++i) {
        population.AddPost(population.Add(b, PoliticalStatus::kFullMember, 30, 55, true), b.id,
                           PostTitle::kDeputySecretary);
      }
      for (int i = 0; i < 4; ++i) {
        population.AddPost(population.Add(b, PoliticalStatus::kFullMember, 28, 55, true), b.id,
                           PostTitle::kCommitteeMember);
      }
    } else {
      int size = rng.Uniform(8, 30);
      for (int i = 0; i < size; ++i) {
        int64_t id = population.Add(b, MemberStatus(rng), 23, 60, true);
        if (i == 0) population.AddPost(id, b.id, PostTitle::kSecretary);
      }
    }
  }
  return population.summary;
}

}  // namespace jiceng::people
