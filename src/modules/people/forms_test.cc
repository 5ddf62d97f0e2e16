// Validation of person and post forms: every error names its field.
#include "modules/people/forms.h"

#include <gtest/gtest.h>

namespace jiceng::people {
namespace {

const Date kToday = *Date::Parse("2026-11-22");

std::string ValidId(const std::string& first17) { return first17 + IdCheckCharacter(first17); }

PersonForm Member() {
  PersonForm f;
  f.name = "竺向东";
  f.id_number = ValidId("63280219850612001");  // male, born 1985-06-12
  f.ethnicity = "汉族";
  f.education = "大学本科";
  f.political_status = "正式党员";
  f.joined_party_on = "2008-07-01";
  f.org_code = "632802100200-D01";
  f.phone = "13912345678";
  return f;
}

std::string FieldOf(const PersonForm& f) { return ValidatePerson(f, kToday).status().field(); }

TEST(PersonFormTest, ValidMember) {
  auto p = ValidatePerson(Member(), kToday);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->id.birth_date.ToString(), "1985-06-12");
  EXPECT_EQ(p->status, PoliticalStatus::kFullMember);
}

// Regression: a name accepted U+202E (right-to-left override) and other invisible direction controls.
TEST(PersonFormTest, NameRefusesBidiAndControlCharacters) {
  for (const char* name : {"竺\u202E向东", "竺\u2066向东", "竺\t向东"}) {
    PersonForm f = Member();
    f.name = name;
    EXPECT_EQ(FieldOf(f), "name") << name;
  }
}

TEST(PersonFormTest, EthnicNamesWithoutSurnameAreNormal) {
  auto f = Member();
  f.name = "索南江措";
  f.ethnicity = "藏";  // the short form is accepted
  auto p = ValidatePerson(f, kToday);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->ethnicity, "藏族");
}

TEST(PersonFormTest, EachBadFieldIsNamed) {
  auto f = Member();
  f.name = "";
  EXPECT_EQ(FieldOf(f), "name");
  f = Member();
  f.id_number = "632802198506120010";
  if (ValidatePerson(f, kToday).ok()) f.id_number = "632802198506120019";
  EXPECT_EQ(FieldOf(f), "id_number");
  f = Member();
  f.gender = "女";
  EXPECT_EQ(FieldOf(f), "gender");
  f = Member();
  f.birth_date = "1985-06-13";
  EXPECT_EQ(FieldOf(f), "birth_date");
  f = Member();
  f.ethnicity = "火星族";
  EXPECT_EQ(FieldOf(f), "ethnicity");
  f = Member();
  f.phone = "12345";
  EXPECT_EQ(FieldOf(f), "phone");
  f = Member();
  f.education = "博士后";
  EXPECT_EQ(FieldOf(f), "education");
  f = Member();
  f.political_status = "会员";
  EXPECT_EQ(FieldOf(f), "political_status");
  f = Member();
  f.joined_party_on = "2027-01-01";  // in the future
  EXPECT_EQ(FieldOf(f), "joined_party_on");
  EXPECT_NE(ValidatePerson(f, kToday).status().message().find("晚于今天"), std::string::npos);
  f = Member();
  f.joined_party_on = "2000-01-01";  // aged 14
  EXPECT_EQ(FieldOf(f), "joined_party_on");
  f = Member();
  f.joined_party_on = "";
  EXPECT_EQ(FieldOf(f), "joined_party_on");
  f = Member();
  f.political_status = "群众";  // masses have no joining date
  EXPECT_EQ(FieldOf(f), "joined_party_on");
  f = Member();
  f.org_code = "";
  EXPECT_EQ(FieldOf(f), "org");
  f = Member();
  f.org_since = "2030-01-01";
  EXPECT_EQ(FieldOf(f), "org_since");
}

std::vector<std::string> FieldsOf(const PersonForm& f) {
  std::vector<std::string> fields;
  const PersonCheck check = CheckPerson(f, kToday);
  for (const Status& st : check.problems.all()) fields.push_back(st.field());
  return fields;
}

// An import row shows every bad cell at once (issue #11): CheckPerson reports each bad field, in the form's order,
// and ValidatePerson answers the first of them.
TEST(PersonFormTest, CheckPersonReportsEveryBadField) {
  PersonForm f = Member();
  f.gender = "女";  // the ID number says 男
  f.phone = "12345";
  f.joined_party_on = "2000-01-01";  // aged 14
  f.org_since = "2030-01-01";
  EXPECT_EQ(FieldsOf(f), (std::vector<std::string>{"gender", "phone", "joined_party_on", "org_since"}));
  EXPECT_EQ(FieldOf(f), "gender");
  EXPECT_FALSE(CheckPerson(f, kToday).person);

  // One problem per field, and rules comparing two fields only when both are good: a bad ID number is not also
  // "gender does not match it".
  f = Member();
  f.name = "";
  std::string id = ValidId("63280219850612001");
  id.back() = id.back() == '1' ? '2' : '1';  // a wrong check character
  f.id_number = id;
  f.gender = "女";
  f.birth_date = "1985-06-13";
  f.political_status = "会员";
  f.education = "博士后";
  EXPECT_EQ(FieldsOf(f), (std::vector<std::string>{"name", "id_number", "education", "political_status"}));

  EXPECT_TRUE(FieldsOf(Member()).empty());
  EXPECT_TRUE(CheckPerson(Member(), kToday).person);
}

TEST(PostFormTest, EndBeforeStartIsRefused) {
  auto post = ValidatePost({"632802100200-D01", "书记", "2024-01-01", "2023-12-31"}, kToday);
  ASSERT_FALSE(post.ok());
  EXPECT_EQ(post.status().field(), "end_on");
  EXPECT_EQ(ValidatePost({"x", "国王", "2024-01-01", ""}, kToday).status().field(), "title");
  EXPECT_EQ(ValidatePost({"x", "书记", "", ""}, kToday).status().field(), "start_on");
  EXPECT_EQ(ValidatePost({"x", "书记", "2027-01-01", ""}, kToday).status().field(), "start_on");
  auto ok = ValidatePost({"x", "first_secretary", "2024-01-01", ""}, kToday);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->title, PostTitle::kFirstSecretary);
}

}  // namespace
}  // namespace jiceng::people
