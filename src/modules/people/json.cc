#include "modules/people/json.h"

#include <boost/json.hpp>

namespace jiceng::people {

boost::json::value ToJson(const Post& p) {
  boost::json::object o{{"id", p.id},
                        {"org_code", p.org_code},
                        {"org_name", p.org_name},
                        {"title", std::string(PostCode(p.title))},
                        {"title_name", std::string(PostName(p.title))},
                        {"start_on", p.start_on.ToString()}};
  if (p.end_on) o["end_on"] = p.end_on->ToString();
  return o;
}

boost::json::value ToJson(const Person& p) {
  boost::json::object o{{"id", p.id},
                        {"name", p.name},
                        {"gender", GenderCode(p.gender)},
                        {"gender_name", GenderName(p.gender)},
                        {"ethnicity", p.ethnicity},
                        {"birth_date", p.birth_date.ToString()},
                        {"age", p.birth_date.YearsUntil(Date::Today())},
                        {"id_number", p.id_number},
                        {"phone", p.phone},
                        {"education", std::string(EducationCode(p.education))},
                        {"education_name", std::string(EducationName(p.education))},
                        {"political_status", std::string(StatusCode(p.status))},
                        {"political_status_name", std::string(StatusName(p.status))},
                        {"org_code", p.org_code},
                        {"org_name", p.org_name}};
  if (p.joined_party_on) o["joined_party_on"] = p.joined_party_on->ToString();
  if (p.org_since) o["org_since"] = p.org_since->ToString();
  boost::json::array posts;
  for (const auto& post : p.posts) posts.push_back(ToJson(post));
  o["posts"] = posts;
  return o;
}

boost::json::value ToJson(const PersonPage& page) {
  boost::json::array items;
  for (const auto& p : page.items) items.push_back(ToJson(p));
  return boost::json::object{
      {"total", page.total}, {"page", page.page}, {"page_size", page.page_size}, {"items", items}};
}

}  // namespace jiceng::people
