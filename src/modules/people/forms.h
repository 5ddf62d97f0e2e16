// Inputs of the people commands as text (from the CLI, CSV rows or JSON), and
// their validation into typed values. Validation that needs no database lives
// here; the commands check what needs one (organization exists, duplicates).
// Every error names its field, in Chinese.
#pragma once

#include <optional>
#include <string>

#include "core/id_number.h"
#include "core/problems.h"
#include "core/status.h"
#include "modules/people/model.h"

namespace jiceng::people {

// Fields of a person; for an update, unset fields stay as they are.
struct PersonForm {
  std::optional<std::string> name;
  std::optional<std::string> gender;      // 男/女 or male/female; must agree with the ID number
  std::optional<std::string> ethnicity;   // one of the 56 groups ("藏族"; "藏" is accepted)
  std::optional<std::string> birth_date;  // must agree with the ID number
  std::optional<std::string> id_number;
  std::optional<std::string> phone;
  std::optional<std::string> education;
  std::optional<std::string> political_status;
  std::optional<std::string> joined_party_on;  // 入党日期: required for Party members
  std::optional<std::string> org_code;         // the organization the person belongs to
  std::optional<std::string> org_since;        // date of joining that organization (default today)
};

// A complete, checked person (before the database checks).
struct ValidPerson {
  std::string name;
  IdNumber id;
  std::string ethnicity;
  std::string phone;
  Education education = Education::kJuniorHigh;
  PoliticalStatus status = PoliticalStatus::kMasses;
  std::optional<Date> joined_party_on;
  std::string org_code;
  Date org_since;
};

// Every problem of a complete form (add, or an update merged over the stored person), at most one per field, in
// the form's order: an import row reports them all. `person` is set when there is none.
struct PersonCheck {
  std::optional<ValidPerson> person;
  Problems problems;
};
PersonCheck CheckPerson(const PersonForm& form, Date today);
// The same check, answering the first problem.
Result<ValidPerson> ValidatePerson(const PersonForm& form, Date today);

struct PostForm {
  std::string org_code;
  std::string title;
  std::string start_on;
  std::string end_on;  // empty: still held
};

struct ValidPost {
  std::string org_code;
  PostTitle title = PostTitle::kCommitteeMember;
  Date start_on;
  std::optional<Date> end_on;
};

Result<ValidPost> ValidatePost(const PostForm& form, Date today);

}  // namespace jiceng::people
