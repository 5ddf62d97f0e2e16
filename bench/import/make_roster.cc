// Writes a roster workbook for the import benchmark (make bench-import): N persons in the columns of the roster
// import, valid ID numbers, all in one organization, through sheet::WriteXlsx like every export.
// Usage: make_roster ROWS OUT.xlsx ORG_CODE
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/id_number.h"
#include "core/sheet.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: make_roster ROWS OUT.xlsx ORG_CODE\n");
    return 2;
  }
  using namespace jiceng;
  const long rows = std::atol(argv[1]);
  const char* kSurnames[] = {"王", "李", "张", "马", "韩", "赵", "刘", "陈", "杨", "才"};
  const char* kGiven[] = {"扎西", "卓玛", "永红", "建国", "海燕", "文博", "德吉", "秀兰", "明", "丽", "成林", "措"};
  const char* kEthnic[] = {"藏族", "汉族", "回族", "土族", "蒙古族", "撒拉族"};
  const char* kEducation[] = {"初中", "高中", "大学专科", "大学本科", "小学及以下", "中专"};
  sheet::Sheet s;
  s.name = "花名册";
  s.header = {"姓名", "民族", "身份证号码", "手机号码", "学历", "政治面貌", "所在组织代码", "加入组织日期"};
  s.rows.reserve(rows);
  const Date first = *Date::FromYmd(1950, 1, 1);
  for (long i = 0; i < rows; ++i) {
    const Date birth = first.AddDays(i % 20000);
    char seq[4];
    std::snprintf(seq, sizeof seq, "%03ld", (i / 20000) * 2 % 1000);
    std::string digits = "639901" + birth.ToString().substr(0, 4) + birth.ToString().substr(5, 2) +
                         birth.ToString().substr(8, 2) + seq;
    digits += IdCheckCharacter(digits);
    char phone[12];
    std::snprintf(phone, sizeof phone, "139%08ld", i);
    s.rows.push_back({std::string(kSurnames[i % 10]) + kGiven[(i / 10) % 12], kEthnic[i % 6], digits, phone,
                      kEducation[i % 6], "群众", argv[3], "2020-01-01"});
  }
  auto bytes = sheet::WriteXlsx({s});
  if (!bytes.ok()) {
    std::fprintf(stderr, "%s\n", bytes.status().message().c_str());
    return 1;
  }
  std::ofstream(argv[2], std::ios::binary) << *bytes;
  return 0;
}
