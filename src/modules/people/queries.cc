#include "modules/people/queries.h"

#include <algorithm>
#include <cctype>

#include "core/ethnicity.h"
#include "core/pinyin.h"
#include "modules/org/repo.h"

namespace jiceng::people {
namespace {

Result<int> ParseAge(const char* field, const std::string& text) {
  if (text.empty() || text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::Invalid(field, "年龄应为 0–150 之间的整数");
  }
  return std::stoi(text);
}

// The latest birth date for someone at least `years` old on `on`.
Date BornOnOrBefore(Date on, int years) {
  int y = on.year() - years, m = on.month(), d = on.day();
  if (m == 2 && d == 29 && !IsLeapYear(y)) d = 28;
  return Date::FromYmd(std::max(y, 1), m, d).value_or(Date());
}

}  // namespace

Result<Person> ToPerson(const PersonRow& row, const FieldCipher& cipher, bool reveal) {
  Person p;
  p.id = row.id;
  p.name = row.name;
  p.gender = row.gender == "female" ? Gender::kFemale : Gender::kMale;
  p.ethnicity = row.ethnicity;
  p.birth_date = Date::Parse(row.birth_date).value_or(Date());
  auto id_number = cipher.Decrypt(row.id_number_cipher);
  if (!id_number.ok()) return id_number.status();
  p.id_number = reveal ? *id_number : MaskIdNumber(*id_number);
  if (!row.phone_cipher.empty()) {
    auto phone = cipher.Decrypt(row.phone_cipher);
    if (!phone.ok()) return phone.status();
    p.phone = reveal ? *phone : MaskPhone(*phone);
  }
  p.education = ParseEducation(row.education).value_or(Education::kJuniorHigh);
  p.status = ParseStatus(row.political_status).value_or(PoliticalStatus::kMasses);
  if (row.joined_party_on) p.joined_party_on = Date::Parse(*row.joined_party_on);
  p.org_code = row.org_code;
  p.org_name = row.org_name;
  if (!row.org_since.empty()) p.org_since = Date::Parse(row.org_since);
  return p;
}

Result<Person> PeopleQueries::Show(int64_t id, Date as_of) {
  auto row = repo_.Load(id, as_of);
  if (!row) return Status::NotFound("id", "没有编号为 " + std::to_string(id) + " 的人员");
  auto person = ToPerson(*row, cipher_, false);
  if (!person.ok()) return person.status();
  person->posts = repo_.PostsOf(id, as_of);
  return person;
}

Result<PersonPage> PeopleQueries::Read(const ListRequest& r, int max_page_size, bool reveal) {
  PersonFilter f;
  if (r.as_of.empty()) {
    f.as_of = Date::Today();
  } else if (auto d = Date::Parse(r.as_of)) {
    f.as_of = *d;
  } else {
    return Status::Invalid("as_of", "日期无效：" + r.as_of + "（格式 YYYY-MM-DD）");
  }
  if (!r.org_code.empty()) {
    org::OrgRepo orgs(db_);
    auto unit = orgs.FindByCode(r.org_code, f.as_of);
    if (!unit) return Status::NotFound("org", "单位 " + r.org_code + " 在 " + f.as_of.ToString() + " 不存在");
    f.subtree_root = unit->id;
  }
  if (!r.status.empty()) {
    auto s = ParseStatus(r.status);
    if (!s) return Status::Invalid("status", "政治面貌无效：" + r.status);
    f.status = std::string(StatusCode(*s));
  }
  if (!r.post.empty()) {
    auto p = ParsePost(r.post);
    if (!p) return Status::Invalid("post", "职务无效：" + r.post);
    f.post = std::string(PostCode(*p));
  }
  if (!r.education.empty()) {
    auto e = ParseEducation(r.education);
    if (!e) return Status::Invalid("education", "学历无效：" + r.education);
    f.education = std::string(EducationCode(*e));
  }
  if (!r.ethnicity.empty()) {
    std::string name = IsEthnicGroup(r.ethnicity) ? r.ethnicity : r.ethnicity + "族";
    if (!IsEthnicGroup(name)) return Status::Invalid("ethnicity", "民族无效：" + r.ethnicity);
    f.ethnicity = name;
  }
  if (!r.min_age.empty()) {
    auto age = ParseAge("min_age", r.min_age);
    if (!age.ok()) return age.status();
    f.born_before = BornOnOrBefore(f.as_of, *age).ToString();
  }
  if (!r.max_age.empty()) {
    auto age = ParseAge("max_age", r.max_age);
    if (!age.ok()) return age.status();
    f.born_after = BornOnOrBefore(f.as_of, *age + 1).AddDays(1).ToString();
  }
  if (!r.query.empty()) {
    if (LooksLikePinyin(r.query)) {
      f.pinyin_prefix = r.query;
      std::transform(f.pinyin_prefix.begin(), f.pinyin_prefix.end(), f.pinyin_prefix.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    } else {
      f.name_like = r.query;
    }
  }
  std::string sort = r.sort;
  if (!sort.empty() && sort[0] == '-') {
    f.descending = true;
    sort = sort.substr(1);
  }
  if (sort != "name" && sort != "birth_date" && sort != "id") {
    return Status::Invalid("sort", "排序字段无效：" + sort + "（可选 name、birth_date、id）");
  }
  f.sort = sort;
  if (r.page < 1) return Status::Invalid("page", "页码应从 1 开始");
  // At most 100 a page: a page costs a decryption and a posts query per person, and a list may not keep the
  // server's workers from everyone else (issue #10).
  if (r.page_size < 1 || r.page_size > max_page_size) {
    return Status::Invalid("page_size", "每页条数应在 1–" + std::to_string(max_page_size) + " 之间");
  }
  f.limit = r.page_size;
  f.offset = (r.page - 1) * r.page_size;
  f.memory = r.memory;

  const bool subtree_only = f.subtree_root != 0 && !f.status && !f.post && !f.education && !f.ethnicity &&
                            !f.born_after && !f.born_before && f.name_like.empty() && f.pinyin_prefix.empty();
  if (subtree_only && f.as_of == Date::Today() && r.affiliated_count) f.affiliated = r.affiliated_count(f.subtree_root);
  if (f.subtree_root != 0 && (!f.name_like.empty() || !f.pinyin_prefix.empty()) && r.affiliated_count) {
    f.subtree_people = r.affiliated_count(f.subtree_root);
  }
  PersonPage page;
  page.page = r.page;
  page.page_size = r.page_size;
  for (const auto& row : repo_.List(f, &page.total)) {
    auto person = ToPerson(row, cipher_, reveal);
    if (!person.ok()) return person.status();
    person->posts = repo_.PostsOf(row.id, f.as_of);
    page.items.push_back(std::move(*person));
  }
  return page;
}

Result<std::vector<Person>> PeopleQueries::ReadAll(const ListRequest& request, int limit, bool reveal) {
  // The count first (one row read), so that a list over the limit costs no decryption.
  ListRequest probe = request;
  probe.page = 1;
  probe.page_size = 1;
  auto head = Read(probe, 1, false);
  if (!head.ok()) return head.status();
  if (head->total > limit) {
    return Status::Invalid("export", "符合条件的人员共 " + std::to_string(head->total) + " 人，超过单次导出上限 " +
                                         std::to_string(limit) + " 人；请选择下级组织或增加筛选条件后再导出");
  }
  ListRequest all = request;
  all.page = 1;
  all.page_size = static_cast<int>(std::max<int64_t>(1, head->total));
  auto page = Read(all, limit, reveal);
  if (!page.ok()) return page.status();
  return std::move(page->items);
}

std::vector<std::pair<std::string, int64_t>> PeopleQueries::CountByStatus() { return repo_.CountByStatus(); }

}  // namespace jiceng::people
