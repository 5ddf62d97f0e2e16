// PeopleRepo: the people module's SQL, through the store interface only.
// Sensitive columns arrive here already encrypted. Holds prepared statements
// of one Connection; use it on that connection's thread only.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/org/tree_memory.h"
#include "modules/people/model.h"
#include "store/store.h"

namespace jiceng::people {

// A person row as stored (ciphertexts, codes).
struct PersonRow {
  int64_t id = 0;
  std::string name, name_pinyin, name_initials, gender, ethnicity, birth_date;
  std::string name_tails;  // every syllable-boundary tail of the pinyin keys (core/pinyin.h SyllableTails)
  std::string id_number_cipher, id_number_hash, phone_cipher;
  std::string education, political_status;
  std::optional<std::string> joined_party_on;
  // Read back by queries: the affiliation as of the query date.
  std::string org_code, org_name, org_since;
};

struct PersonFilter {
  int64_t subtree_root = 0;  // org unit id; 0 = everyone
  Date as_of;
  std::optional<std::string> status;     // status code
  std::optional<std::string> post;       // post code held on as_of
  std::optional<std::string> education;  // education code
  std::optional<std::string> ethnicity;
  std::optional<std::string> born_after;   // birth_date >= (inclusive), from an age band
  std::optional<std::string> born_before;  // birth_date <= (inclusive)
  std::string name_like;                   // Han text: substring of the name
  std::string pinyin_prefix;               // lower-case letters: at a syllable boundary of full pinyin or initials
  // With only the subtree as filter, on today: how many are affiliated with the subtree (the roll-up's 登记人员).
  std::optional<int64_t> affiliated;
  // With a name or pinyin search: about how many people the subtree holds (the roll-up's 登记人员), to choose the
  // plan alone — never the answer. Unset: the subtree is walked first.
  std::optional<int64_t> subtree_people;
  // A server's tree of today: the subtree's units come from it on its day (else from the store).
  const org::TreeMemory* memory = nullptr;
  std::string sort = "name";               // name | birth_date | id
  bool descending = false;
  int limit = 20;
  int offset = 0;
};

class PeopleRepo {
 public:
  explicit PeopleRepo(store::Connection& db) : db_(db) {}

  int64_t Insert(const PersonRow& row, const std::string& now);
  void Update(const PersonRow& row, const std::string& now);
  std::optional<int64_t> IdByHash(const std::string& id_number_hash);
  std::optional<PersonRow> Load(int64_t id, Date as_of);
  // The names of those of `ids` that exist, in one query (the audit log's 对象).
  std::map<int64_t, std::string> NamesOf(const std::vector<int64_t>& ids);

  // The affiliation on `on`: org id and the date it began.
  std::optional<std::pair<int64_t, Date>> AffiliationAt(int64_t person_id, Date on);
  void InsertAffiliation(int64_t person_id, int64_t org_id, Date from);
  void EndAffiliation(int64_t person_id, Date from, Date to);
  // Moves every affiliation open on `on` from one organization to another (org merge).
  int64_t MoveAffiliations(int64_t from_org, int64_t into_org, Date on);

  int64_t InsertPost(int64_t person_id, int64_t org_id, PostTitle title, Date start, std::optional<Date> end);
  std::vector<Post> PostsOf(int64_t person_id, std::optional<Date> as_of);
  // The organizations a person is in on `as_of`: the affiliation and the units of the posts held.
  std::vector<int64_t> OrgIdsOf(int64_t person_id, Date as_of);
  // The person exists and belongs to, or holds a post in, the subtree of `root_id` on `as_of`.
  bool WithinScope(int64_t person_id, int64_t root_id, Date as_of);

  // One page, and (when `total` is given) the number of all matches.
  std::vector<PersonRow> List(const PersonFilter& filter, int64_t* total = nullptr);
  // List's way for a filter with `affiliated` set (the subtree alone, today).
  std::vector<PersonRow> ListWholeSubtree(const PersonFilter& filter, const std::string& order, int64_t* total);
  int64_t Count(const PersonFilter& filter);
  // Every registered person, by political status.
  std::vector<std::pair<std::string, int64_t>> CountByStatus();

  // Bulk loading (the national demo) of about `expected_persons`: drops the secondary indexes of person,
  // person_org and post, to be built once when the rows are in (one sort each instead of millions of inserts),
  // and enlarges the page cache for the ID hash index, which cannot be dropped and takes every row at a random
  // place. EndBulkLoad, in the same transaction, undoes both.
  struct BulkLoad {
    std::vector<std::string> indexes;  // CREATE INDEX statements
    int64_t cache_size = 0;            // the pragma's value before
  };
  BulkLoad BeginBulkLoad(int64_t expected_persons);
  // A roster import writing on this connection: a page cache of 64 MB, so that the person indexes (the ID hash
  // above all, which takes every row at a random place) stay in memory; the connection's previous size is given
  // back by RestoreCache.
  int64_t WidenCacheForImport();
  void RestoreCache(int64_t cache_size);
  void EndBulkLoad(const BulkLoad& load);

 private:
  bool NamesFirst(const PersonFilter& filter) const;
  std::string Where(const PersonFilter& filter) const;
  // The subtree's org ids on the filter's day as a JSON array (parameter ?2 of kSubtree).
  std::string SubtreeSet(const PersonFilter& filter) const;
  void BindFilter(store::Statement& stmt, const PersonFilter& filter) const;

  store::Connection& db_;
  std::unique_ptr<store::Statement> insert_, insert_affiliation_, insert_post_, by_hash_;
};

}  // namespace jiceng::people
