#include "modules/people/forms.h"
#include "core/text.h"

#include "core/ethnicity.h"

namespace jiceng::people {
namespace {

Result<Date> DateField(const char* field, const std::string& label, const std::string& text) {
  auto date = Date::Parse(text);
  if (!date) return Status::Invalid(field, label + "无效：" + text + "（格式 YYYY-MM-DD）");
  return *date;
}

Status ValidatePhone(const std::string& phone) {
  if (phone.empty()) return Status::Ok();
  if (phone.size() == 11 && phone[0] == '1' && phone.find_first_not_of("0123456789") == std::string::npos) {
    return Status::Ok();
  }
  // Landlines such as 0977-8221234.
  if (phone.size() >= 7 && phone.size() <= 20 && phone[0] == '0' &&
      phone.find_first_not_of("0123456789-") == std::string::npos) {
    return Status::Ok();
  }
  return Status::Invalid("phone", "手机号码应为 11 位数字（以 1 开头），或带区号的固定电话");
}

}  // namespace

PersonCheck CheckPerson(const PersonForm& form, Date today) {
  PersonCheck check;
  Problems& problems = check.problems;
  ValidPerson p;

  // Each field is checked on its own; a rule that compares two fields runs only when both are good.
  p.name = form.name.value_or("");
  auto name = [&]() -> Status {
    if (p.name.empty()) return Status::Invalid("name", "姓名不能为空");
    if (Utf8Length(p.name) > 30) return Status::Invalid("name", "姓名不能超过 30 个字");
    JICENG_RETURN_IF_ERROR(CheckSingleLine("name", p.name, "姓名"));
    for (unsigned char c : p.name) {
      if (c == ',' || c == ';') return Status::Invalid("name", "姓名含有不允许的字符");
    }
    return Status::Ok();
  };
  problems.Add(name());

  bool id_ok = false;
  if (!form.id_number || form.id_number->empty()) {
    problems.Add(Status::Invalid("id_number", "身份证号码不能为空"));
  } else if (auto id = ParseIdNumber(*form.id_number, today); !id.ok()) {
    problems.Add(id.status());
  } else {
    p.id = *id;
    id_ok = true;
  }

  if (form.gender && !form.gender->empty()) {
    const std::string& g = *form.gender;
    std::optional<Gender> gender;
    if (g == "男" || g == "male") gender = Gender::kMale;
    if (g == "女" || g == "female") gender = Gender::kFemale;
    if (!gender) {
      problems.Add(Status::Invalid("gender", "性别应为“男”或“女”"));
    } else if (id_ok && *gender != p.id.gender) {
      problems.Add(
          Status::Invalid("gender", std::string("性别与身份证号码不符（号码显示为") + GenderName(p.id.gender) + "）"));
    }
  }
  if (form.birth_date && !form.birth_date->empty()) {
    auto birth = DateField("birth_date", "出生日期", *form.birth_date);
    if (!birth.ok()) {
      problems.Add(birth.status());
    } else if (id_ok && *birth != p.id.birth_date) {
      problems.Add(
          Status::Invalid("birth_date", "出生日期与身份证号码不符（号码显示为 " + p.id.birth_date.ToString() + "）"));
    }
  }

  p.ethnicity = form.ethnicity.value_or("");
  if (!IsEthnicGroup(p.ethnicity) && IsEthnicGroup(p.ethnicity + "族")) p.ethnicity += "族";
  if (p.ethnicity.empty()) {
    problems.Add(Status::Invalid("ethnicity", "民族不能为空"));
  } else if (!IsEthnicGroup(p.ethnicity)) {
    problems.Add(Status::Invalid("ethnicity", "民族无效：" + p.ethnicity + "（应为 56 个民族之一）"));
  }

  p.phone = form.phone.value_or("");
  problems.Add(ValidatePhone(p.phone));

  if (auto education = ParseEducation(form.education.value_or(""))) {
    p.education = *education;
  } else {
    problems.Add(
        Status::Invalid("education", "学历无效（可选：研究生、大学本科、大学专科、中专、高中、初中、小学及以下）"));
  }

  auto status = ParseStatus(form.political_status.value_or(""));
  if (status) {
    p.status = *status;
  } else {
    problems.Add(Status::Invalid("political_status",
                                 "政治面貌无效（可选：正式党员、预备党员、发展对象、入党积极分子、共青团员、群众）"));
  }

  // 入党日期: a date not after today whatever the status; required for, and only for, Party members.
  const std::string joined = form.joined_party_on.value_or("");
  std::optional<Date> joined_on;
  if (!joined.empty()) {
    auto date = DateField("joined_party_on", "入党日期", joined);
    if (!date.ok()) {
      problems.Add(date.status());
    } else if (*date > today) {
      problems.Add(Status::Invalid("joined_party_on", "入党日期不能晚于今天"));
    } else {
      joined_on = *date;
    }
  }
  if (status && IsPartyMember(p.status)) {
    if (joined.empty()) {
      problems.Add(Status::Invalid("joined_party_on", "党员必须填写入党日期"));
    } else if (joined_on && id_ok && p.id.birth_date.YearsUntil(*joined_on) < 18) {
      problems.Add(Status::Invalid("joined_party_on", "入党时应年满 18 周岁"));
    }
    p.joined_party_on = joined_on;
  } else if (status && !joined.empty()) {
    problems.Add(Status::Invalid("joined_party_on", "只有正式党员和预备党员有入党日期"));
  }

  p.org_code = form.org_code.value_or("");
  if (status && p.org_code.empty() &&
      (IsPartyMember(p.status) || p.status == PoliticalStatus::kCandidate || p.status == PoliticalStatus::kActivist)) {
    problems.Add(Status::Invalid("org", "党员、发展对象和入党积极分子必须填写所在党组织"));
  }
  const std::string since = form.org_since.value_or("");
  p.org_since = today;
  if (!since.empty()) {
    auto date = DateField("org_since", "加入组织日期", since);
    if (!date.ok()) {
      problems.Add(date.status());
    } else if (*date > today) {
      problems.Add(Status::Invalid("org_since", "加入组织日期不能晚于今天"));
    } else if (id_ok && *date < p.id.birth_date) {
      problems.Add(Status::Invalid("org_since", "加入组织日期不能早于出生日期"));
    } else {
      p.org_since = *date;
    }
  }
  if (problems.ok()) check.person = std::move(p);
  return check;
}

Result<ValidPerson> ValidatePerson(const PersonForm& form, Date today) {
  PersonCheck check = CheckPerson(form, today);
  if (!check.person) return check.problems.first();
  return *std::move(check.person);
}

Result<ValidPost> ValidatePost(const PostForm& form, Date today) {
  ValidPost post;
  if (form.org_code.empty()) return Status::Invalid("org", "任职单位不能为空");
  post.org_code = form.org_code;
  auto title = ParsePost(form.title);
  if (!title) {
    return Status::Invalid("title",
                           "职务无效（可选：书记、副书记、委员、村委会主任、村委会副主任、村委会委员、"
                           "第一书记、驻村工作队员、网格员）");
  }
  post.title = *title;
  if (form.start_on.empty()) return Status::Invalid("start_on", "任职开始日期不能为空");
  auto start = DateField("start_on", "任职开始日期", form.start_on);
  if (!start.ok()) return start.status();
  if (*start > today) return Status::Invalid("start_on", "任职开始日期不能晚于今天");
  post.start_on = *start;
  if (!form.end_on.empty()) {
    auto end = DateField("end_on", "任职结束日期", form.end_on);
    if (!end.ok()) return end.status();
    if (*end <= *start) return Status::Invalid("end_on", "任职结束日期必须晚于开始日期");
    post.end_on = *end;
  }
  return post;
}

}  // namespace jiceng::people
