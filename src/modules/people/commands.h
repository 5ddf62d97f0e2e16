// People commands: the only writers of the registry. Each runs in one
// transaction with its audit record; a refused command changes nothing. Use
// one PeopleCommands per connection/thread.
#pragma once

#include <string>
#include <vector>

#include "core/actor.h"
#include "core/crypto.h"
#include "modules/people/forms.h"
#include "modules/people/queries.h"
#include "modules/people/repo.h"

namespace jiceng::people {

// The stored form of a checked person: pinyin keys, encrypted ID and phone, lookup hash.
PersonRow MakeRow(const ValidPerson& person, const FieldCipher& cipher);

// What the audit digests: the fields a reviewer would compare, without the clear ID number.
std::string Describe(const PersonRow& row, const std::string& org_code);
// The stored person as a complete form (the base an update's changes are merged over).
PersonForm FormFromRow(const PersonRow& row, const std::string& id_number, const std::string& phone);
// The checks that need the database: the ID number is not another person's (`self_id` is the person being
// changed, 0 for a new one), the organization exists on the joining date and a Party member's is a Party
// organization. The organization's id, 0 if none.
Result<int64_t> CheckPersonAgainstStore(store::Connection& db, PeopleRepo& repo, const FieldCipher& cipher,
                                        const ValidPerson& person, int64_t self_id);
// Ends the affiliation open on `since` and opens one with `org_id` (0: none) from that day.
Status ChangeAffiliation(PeopleRepo& repo, int64_t person_id, int64_t org_id, Date since);

class PeopleCommands {
 public:
  PeopleCommands(store::Connection& db, const FieldCipher& cipher, Actor actor)
      : db_(db), repo_(db), cipher_(cipher), actor_(std::move(actor)) {}

  Result<Person> Add(const PersonForm& form);
  // Applies the set fields of `changes` over the stored person and checks the whole again.
  Result<Person> Update(int64_t id, const PersonForm& changes);
  Result<Post> AddPost(int64_t person_id, const PostForm& form);
  // The full ID and phone numbers; recorded in the audit log.
  Result<Person> Reveal(int64_t id);
  // Every person of the list with full ID and phone numbers (at most `limit`, as PeopleQueries::Export), recorded
  // in the audit log with the count and the filters.
  Result<std::vector<Person>> ExportRevealed(const ListRequest& request, int limit);

 private:
  // Checks what needs the database and returns the organization's id (0 if none).
  Result<int64_t> CheckAgainstStore(const ValidPerson& person, int64_t self_id);
  Result<Person> Load(int64_t id);

  store::Connection& db_;
  PeopleRepo repo_;
  const FieldCipher& cipher_;
  Actor actor_;
};

}  // namespace jiceng::people
