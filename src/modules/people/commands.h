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

struct ImportReport {
  int64_t added = 0;
  std::vector<Status> errors;  // one per bad row, "第 N 行：" in front; nothing is added if any
};

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
  // Adds every row of a CSV roster, or none: the report lists each bad row.
  Result<ImportReport> ImportCsv(const std::string& path);

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
