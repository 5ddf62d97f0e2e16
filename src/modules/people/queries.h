// People queries: read-only, masked views of the registry. Full ID and phone
// numbers are never returned here; revealing them is a command (it is audited).
// Use one PeopleQueries per connection/thread.
#pragma once

#include <string>
#include <vector>

#include "core/crypto.h"
#include "modules/people/repo.h"

namespace jiceng::people {

// The list request as a user gives it (text), e.g. from CLI flags or a query string.
struct ListRequest {
  std::string org_code;  // subtree root; empty = all
  std::string as_of;     // empty = today
  std::string status;    // code or Chinese label
  std::string post;
  std::string education;
  std::string ethnicity;
  std::string min_age, max_age;  // age band, whole years on as_of
  std::string query;             // name, full pinyin or pinyin initials
  std::string sort = "name";     // name | birth_date | id, "-" in front for descending
  int page = 1;
  int page_size = 20;
};

inline constexpr int kMaxPageSize = 100;

struct PersonPage {
  std::vector<Person> items;
  int64_t total = 0;
  int page = 1;
  int page_size = 20;
};

// Decrypts and masks (or reveals) a stored row.
Result<Person> ToPerson(const PersonRow& row, const FieldCipher& cipher, bool reveal);

class PeopleQueries {
 public:
  PeopleQueries(store::Connection& db, const FieldCipher& cipher) : db_(db), repo_(db), cipher_(cipher) {}

  Result<Person> Show(int64_t id, Date as_of);
  Result<PersonPage> List(const ListRequest& request);
  std::vector<std::pair<std::string, int64_t>> CountByStatus();

 private:
  store::Connection& db_;
  PeopleRepo repo_;
  const FieldCipher& cipher_;
};

}  // namespace jiceng::people
