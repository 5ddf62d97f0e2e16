#include "modules/people/export.h"

#include "core/ethnicity.h"
#include "core/export.h"
#include "core/id_number.h"
#include "core/sheet.h"

namespace jiceng::people {

std::string DescribeFilters(const ListRequest& r) {
  std::vector<std::string> parts;
  if (!r.as_of.empty()) parts.push_back("日期：" + r.as_of);
  if (!r.status.empty()) {
    auto s = ParseStatus(r.status);
    parts.push_back("政治面貌：" + (s ? std::string(StatusName(*s)) : r.status));
  }
  if (!r.post.empty()) {
    auto p = ParsePost(r.post);
    parts.push_back("职务：" + (p ? std::string(PostName(*p)) : r.post));
  }
  if (!r.education.empty()) {
    auto e = ParseEducation(r.education);
    parts.push_back("学历：" + (e ? std::string(EducationName(*e)) : r.education));
  }
  if (!r.ethnicity.empty()) parts.push_back("民族：" + (IsEthnicGroup(r.ethnicity) ? r.ethnicity : r.ethnicity + "族"));
  if (!r.min_age.empty() && !r.max_age.empty()) {
    parts.push_back("年龄：" + r.min_age + "–" + r.max_age + " 岁");
  } else if (!r.min_age.empty()) {
    parts.push_back("年龄：" + r.min_age + " 岁及以上");
  } else if (!r.max_age.empty()) {
    parts.push_back("年龄：" + r.max_age + " 岁及以下");
  }
  if (!r.query.empty()) parts.push_back("姓名或拼音：" + r.query);
  return JoinFilters(parts);
}

Result<std::string> PeopleXlsx(const std::vector<Person>& people, const std::string& org_name,
                               const std::string& filters, Date as_of, bool revealed) {
  sheet::Sheet s;
  s.name = "人员名册";
  s.title = org_name + "人员名册" + (revealed ? "（含完整身份证号和手机号，注意保密）" : "");
  s.meta = ExportMeta(org_name, filters);
  s.header = {"序号",   "姓名", "性别",     "民族",     "出生日期", "年龄", "身份证号",
              "手机号", "学历", "政治面貌", "入党日期", "所在组织", "职务"};
  s.widths = {6, 10, 6, 8, 12, 6, 21, 14, 12, 12, 12, 30, 24};
  s.numeric_columns = {0, 5};
  s.landscape = true;
  for (const Person& p : people) {
    std::string posts;
    for (const Post& post : p.posts) {
      if (!posts.empty()) posts += "、";
      posts += post.org_code == p.org_code ? std::string(PostName(post.title))
                                           : post.org_name + std::string(PostName(post.title));
    }
    s.rows.push_back({std::to_string(s.rows.size() + 1), p.name, std::string(GenderName(p.gender)), p.ethnicity,
                      p.birth_date.ToString(), std::to_string(p.birth_date.YearsUntil(as_of)), p.id_number, p.phone,
                      std::string(EducationName(p.education)), std::string(StatusName(p.status)),
                      p.joined_party_on ? p.joined_party_on->ToString() : "", p.org_name, posts});
  }
  return sheet::WriteXlsx({s});
}

}  // namespace jiceng::people
