#include "modules/people/model.h"
#include "core/text.h"

#include <array>

namespace jiceng::people {
namespace {

constexpr Vocabulary<PoliticalStatus, 6> kStatuses{{{
    {"full_member", "正式党员"},
    {"probationary_member", "预备党员"},
    {"candidate", "发展对象"},
    {"activist", "入党积极分子"},
    {"league_member", "共青团员"},
    {"masses", "群众"},
}}};

constexpr Vocabulary<Education, 7> kEducations{{{
    {"postgraduate", "研究生"},
    {"bachelor", "大学本科"},
    {"college", "大学专科"},
    {"technical_secondary", "中专"},
    {"high_school", "高中"},
    {"junior_high", "初中"},
    {"primary", "小学及以下"},
}}};

constexpr Vocabulary<PostTitle, 9> kPosts{{{
    {"secretary", "书记"},
    {"deputy_secretary", "副书记"},
    {"committee_member", "委员"},
    {"village_director", "村委会主任"},
    {"village_deputy_director", "村委会副主任"},
    {"village_committee_member", "村委会委员"},
    {"first_secretary", "第一书记"},
    {"work_team_member", "驻村工作队员"},
    {"grid_worker", "网格员"},
}}};

}  // namespace

std::string_view StatusCode(PoliticalStatus s) { return kStatuses.Code(s); }
std::string_view StatusName(PoliticalStatus s) { return kStatuses.Name(s); }
std::optional<PoliticalStatus> ParseStatus(std::string_view text) {
  if (text == "中共党员" || text == "党员") return PoliticalStatus::kFullMember;
  return kStatuses.Parse(text);
}
bool IsPartyMember(PoliticalStatus s) {
  return s == PoliticalStatus::kFullMember || s == PoliticalStatus::kProbationaryMember;
}
std::string_view EducationCode(Education e) { return kEducations.Code(e); }
std::string_view EducationName(Education e) { return kEducations.Name(e); }
std::optional<Education> ParseEducation(std::string_view text) { return kEducations.Parse(text); }
std::string_view PostCode(PostTitle p) { return kPosts.Code(p); }
std::string_view PostName(PostTitle p) { return kPosts.Name(p); }
std::optional<PostTitle> ParsePost(std::string_view text) { return kPosts.Parse(text); }
std::vector<PoliticalStatus> AllStatuses() { return kStatuses.All(); }
std::vector<Education> AllEducations() { return kEducations.All(); }
std::vector<PostTitle> AllPosts() { return kPosts.All(); }

}  // namespace jiceng::people
