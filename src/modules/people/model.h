// The people registry's vocabulary (人员): persons with their political status,
// their Party organization (组织关系) and the posts they hold. ID numbers and
// phone numbers are sensitive: model values carry them masked unless a command
// revealed them. Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/id_number.h"

namespace jiceng::people {

// 政治面貌
enum class PoliticalStatus { kFullMember, kProbationaryMember, kCandidate, kActivist, kLeagueMember, kMasses };
// 学历
enum class Education { kPostgraduate, kBachelor, kCollege, kTechnicalSecondary, kHighSchool, kJuniorHigh, kPrimary };
// 职务
enum class PostTitle {
  kSecretary,               // 书记
  kDeputySecretary,         // 副书记
  kCommitteeMember,         // 委员
  kVillageDirector,         // 村（居）委会主任
  kVillageDeputyDirector,   // 村（居）委会副主任
  kVillageCommitteeMember,  // 村（居）委会委员
  kFirstSecretary,          // 第一书记: a cadre sent to a village
  kWorkTeamMember,          // 驻村工作队员
  kGridWorker,              // 网格员
};

// Each vocabulary: code for storage and JSON, Chinese label for people; the
// parser takes either.
std::string_view StatusCode(PoliticalStatus s);
std::string_view StatusName(PoliticalStatus s);
std::optional<PoliticalStatus> ParseStatus(std::string_view text);
bool IsPartyMember(PoliticalStatus s);  // full or probationary
std::string_view EducationCode(Education e);
std::string_view EducationName(Education e);
std::optional<Education> ParseEducation(std::string_view text);
std::string_view PostCode(PostTitle p);
std::string_view PostName(PostTitle p);
std::optional<PostTitle> ParsePost(std::string_view text);
std::vector<PoliticalStatus> AllStatuses();
std::vector<Education> AllEducations();
std::vector<PostTitle> AllPosts();

struct Post {
  int64_t id = 0;
  std::string org_code;
  std::string org_name;
  PostTitle title = PostTitle::kCommitteeMember;
  Date start_on;
  std::optional<Date> end_on;
};

struct Person {
  int64_t id = 0;
  std::string name;
  Gender gender = Gender::kMale;
  std::string ethnicity;
  Date birth_date;
  std::string id_number;  // masked ("632802********1234") unless revealed
  std::string phone;      // masked unless revealed; may be empty
  Education education = Education::kJuniorHigh;
  PoliticalStatus status = PoliticalStatus::kMasses;
  std::optional<Date> joined_party_on;  // 入党日期
  std::string org_code;                 // the organization the person belongs to, as of the query date
  std::string org_name;
  std::optional<Date> org_since;
  std::vector<Post> posts;  // held on the query date
};

}  // namespace jiceng::people
