// People queries: read-only, masked views of the registry. Full ID and phone
// numbers are never returned here; revealing them is a command (it is audited).
// Use one PeopleQueries per connection/thread.
#pragma once

#include <functional>
#include <optional>
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
  // How many people are affiliated today with the subtree of an org, as the live roll-up knows it (登记人员), if
  // the caller has it: a list with no filter but the subtree then counts only the post holders from outside, and
  // reads its page in name order without gathering the whole subtree first.
  std::function<std::optional<int64_t>(int64_t org_id)> affiliated_count;
  // A server's tree of today (refreshed by the caller): the subtree's units come from memory for today's list.
  const org::TreeMemory* memory = nullptr;
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
  Result<PersonPage> List(const ListRequest& request) { return Read(request, kMaxPageSize, false); }
  // Every person of the list (its filters and scope, no paging), masked; Invalid when there are more than
  // `limit` (the message says how many and how to narrow the list).
  Result<std::vector<Person>> Export(const ListRequest& request, int limit) { return ReadAll(request, limit, false); }
  std::vector<std::pair<std::string, int64_t>> CountByStatus();

 private:
  friend class PeopleCommands;  // ExportRevealed reads in clear, and audits it
  Result<PersonPage> Read(const ListRequest& request, int max_page_size, bool reveal);
  Result<std::vector<Person>> ReadAll(const ListRequest& request, int limit, bool reveal);

  store::Connection& db_;
  PeopleRepo repo_;
  const FieldCipher& cipher_;
};

}  // namespace jiceng::people
