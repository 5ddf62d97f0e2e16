#include "modules/people/national_demo.h"

#include <pthread.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "core/id_number.h"
#include "core/pinyin.h"
#include "modules/people/demo_names.h"
#include "modules/people/repo.h"

namespace jiceng::people {
namespace {

// The detailed demo's reference day: demo dates never follow the clock, so every run gives the same people.
const Date kReference = kDemoReference;
constexpr int kPoolSize = 2048;                   // names per group and gender
constexpr size_t kBatchPeople = 8192;             // people handed from the making thread to the inserting one at a time
constexpr size_t kChunkPeople = size_t{1} << 18;  // people inserted in one sorted run (see Loader); two in memory
constexpr int kSequencesPerDay = 499;             // GB 11643: three digits, odd for men and even for women

// A name with its pinyin keys, computed once: ICU is the slow part of making a person.
struct PooledName {
  std::string name, full, initials, tails;
};

class NamePool {
 public:
  explicit NamePool(Rng& rng) {
    for (int g = 0; g < kGroupCount; ++g) {
      for (int male = 0; male < 2; ++male) {
        auto& pool = pools_[static_cast<size_t>(g)][static_cast<size_t>(male)];
        pool.reserve(kPoolSize);
        for (int i = 0; i < kPoolSize; ++i) {
          std::string name = MakeName(rng, static_cast<Group>(g), male == 1);
          PinyinKeys keys = NamePinyin(name);
          std::string tails = SyllableTails(keys);
          pool.push_back({std::move(name), std::move(keys.full), std::move(keys.initials), std::move(tails)});
        }
      }
    }
  }
  const PooledName& Pick(Rng& rng, Group group, bool male) const {
    const auto& pool = pools_[static_cast<size_t>(group)][male ? 1 : 0];
    return pool[rng.Next() % pool.size()];
  }

 private:
  std::array<std::array<std::vector<PooledName>, 2>, kGroupCount> pools_;
};

struct PartyOrg {
  int64_t id;
  std::string code;
  int64_t host_id;  // the unit the organization belongs to (village, township, agency, ...)
  std::string host_level, host_kind;
  std::string county;  // 6-digit code of the county whose code the members' ID numbers carry
};

// The county an organization's members are registered in: its own county, or for a prefecture's or a province's
// own organizations the first county under it.
std::string HomeCounty(const std::string& code, const std::vector<std::string>& counties) {
  std::string county = code.substr(0, 6);
  if (std::binary_search(counties.begin(), counties.end(), county)) return county;
  std::string prefix = county;
  while (prefix.size() > 2 && prefix.ends_with("00")) prefix.resize(prefix.size() - 2);
  auto it = std::lower_bound(counties.begin(), counties.end(), prefix);
  return it != counties.end() && it->starts_with(prefix) ? *it : county;
}

// Every Party organization of today's tree, county by county.
std::vector<PartyOrg> PartyOrgsByCounty(store::Connection& db) {
  std::vector<std::string> counties;
  auto county_codes = db.Prepare("SELECT DISTINCT substr(code, 1, 6) FROM org_unit WHERE level = 'county'");
  while (county_codes->Step()) counties.push_back(county_codes->Text(0));
  std::sort(counties.begin(), counties.end());
  auto stmt = db.Prepare(
      "SELECT u.id, u.code, h.id, h.level, h.kind FROM org_unit u JOIN org_link l ON l.unit_id = u.id"
      " JOIN org_unit h ON h.id = l.parent_id WHERE u.level = 'party' AND l.valid_to = '9999-12-31'");
  std::vector<PartyOrg> orgs;
  while (stmt->Step()) {
    std::string code = stmt->Text(1);
    std::string county = HomeCounty(code, counties);
    orgs.push_back({stmt->Int(0), std::move(code), stmt->Int(2), stmt->Text(3), stmt->Text(4), std::move(county)});
  }
  std::sort(orgs.begin(), orgs.end(), [](const PartyOrg& a, const PartyOrg& b) {
    return a.county != b.county ? a.county < b.county : a.code < b.code;
  });
  return orgs;
}

// People made on one thread and inserted on the other. Posts name their holder by index in `people`.
struct Batch {
  struct Member {
    PersonRow row;
    int64_t org_id;
    Date since;
  };
  struct Appointment {
    size_t person;
    int64_t org_id;
    PostTitle title;
    Date start;
  };
  std::vector<Member> people;
  std::vector<Appointment> posts;
};

// A bounded hand-off from one producer to one consumer; either side may close it.
class Handoff {
 public:
  // False when the consumer has closed it (and gave up).
  bool Push(Batch batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || queue_.size() < kCapacity; });
    if (closed_) return false;
    queue_.push_back(std::move(batch));
    changed_.notify_all();
    return true;
  }
  // Nothing once closed and drained.
  std::optional<Batch> Pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || !queue_.empty(); });
    if (queue_.empty()) return std::nullopt;
    Batch batch = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();
    return batch;
  }
  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }

 private:
  // Room for a whole chunk, so that the next one is made while the last one is inserted.
  static constexpr size_t kCapacity = kChunkPeople / kBatchPeople + 2;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> queue_;
  bool closed_ = false;
};

// Makes the people of every organization, county by county, and hands them over in batches, encrypted and
// hashed. Runs on its own thread; touches no database.
class Maker {
 public:
  Maker(const FieldCipher& cipher, Rng& rng, int members_per_branch, Handoff& out)
      : cipher_(cipher), rng_(rng), members_per_branch_(members_per_branch), out_(out), names_(rng) {
    used_.resize(size_t{90} * 366);  // days back from kReference: older than anyone made
  }

  void Run(const std::vector<PartyOrg>& orgs) {
    std::unordered_map<std::string, std::vector<int64_t>> agency_branches;  // county → branches of its agencies
    for (const PartyOrg& o : orgs) {
      if (o.host_kind == "agency") agency_branches[o.county].push_back(o.id);
    }
    static const std::vector<int64_t> kNone;
    for (size_t i = 0; i < orgs.size(); ++i) {
      const PartyOrg& o = orgs[i];
      if (i == 0 || o.county != orgs[i - 1].county) StartCounty(o.county);
      auto agencies = agency_branches.find(o.county);
      MakeOrg(o, agencies == agency_branches.end() ? kNone : agencies->second);
      if (batch_.people.size() >= kBatchPeople && !Flush()) return;
    }
    Flush();
  }

 private:
  void StartCounty(const std::string& county) {
    county_ = county;
    mix_ = NationalCountyMix(county);
    std::fill(used_.begin(), used_.end(), 0);
  }

  bool Flush() {
    if (batch_.people.empty()) return true;
    bool taken = out_.Push(std::move(batch_));
    batch_ = Batch{};
    batch_.people.reserve(kBatchPeople + 256);
    return taken;
  }

  void MakeOrg(const PartyOrg& o, const std::vector<int64_t>& agencies) {
    if (o.host_level == "village") {
      MakeVillageBranch(o, agencies);
    } else if (o.host_level == "township") {
      size_t secretary = Add(o.id, PoliticalStatus::kFullMember, 35, 55, true);
      Appoint(secretary, o.id, PostTitle::kSecretary);
      for (int i = 0; i < 2; ++i)
        Appoint(Add(o.id, PoliticalStatus::kFullMember, 30, 55, true), o.id, PostTitle::kDeputySecretary);
      for (int i = 0; i < 4; ++i)
        Appoint(Add(o.id, PoliticalStatus::kFullMember, 28, 55, true), o.id, PostTitle::kCommitteeMember);
    } else {
      static const std::vector<int> kStatuses = {85, 5, 4, 6};  // full, probationary, candidate, activist
      int size = rng_.Uniform(8, 30);
      for (int i = 0; i < size; ++i) {
        size_t person = Add(o.id, static_cast<PoliticalStatus>(rng_.Weighted(kStatuses)), 23, 60, true);
        if (i == 0) Appoint(person, o.id, PostTitle::kSecretary);
      }
    }
  }

  // K Party members and up to a tenth as many applicants; the branch committee and the villagers' committee from
  // the members (一肩挑 in most villages); grid workers in communities; a first secretary from a county agency in
  // 30% of villages.
  void MakeVillageBranch(const PartyOrg& o, const std::vector<int64_t>& agencies) {
    std::vector<size_t> members;
    for (int i = 0; i < members_per_branch_; ++i) {
      auto status = rng_.Chance(85.0 / 90) ? PoliticalStatus::kFullMember : PoliticalStatus::kProbationaryMember;
      members.push_back(Add(o.id, status, 20, 85, false));
    }
    int applicants = rng_.Uniform(0, (members_per_branch_ + 9) / 10);
    for (int i = 0; i < applicants; ++i) {
      Add(o.id, rng_.Chance(0.4) ? PoliticalStatus::kCandidate : PoliticalStatus::kActivist, 20, 45, false);
    }
    Appoint(members[0], o.id, PostTitle::kSecretary);
    if (members.size() >= 3) {
      Appoint(members[1], o.id, PostTitle::kCommitteeMember);
      Appoint(members[2], o.id, PostTitle::kCommitteeMember);
      Appoint(rng_.Chance(0.8) ? members[0] : members[1], o.host_id, PostTitle::kVillageDirector);
      Appoint(members[2], o.host_id, PostTitle::kVillageCommitteeMember);
    } else {
      Appoint(members[0], o.host_id, PostTitle::kVillageDirector);
    }
    if (o.host_kind == "community") {
      int grid_workers = rng_.Uniform(1, 3);
      for (int i = 0; i < grid_workers; ++i) {
        auto status = rng_.Chance(0.5) ? PoliticalStatus::kFullMember : PoliticalStatus::kMasses;
        Appoint(Add(o.id, status, 22, 50, false), o.host_id, PostTitle::kGridWorker);
      }
    }
    if (o.host_kind == "village" && !agencies.empty() && rng_.Chance(0.3)) {
      int64_t from = agencies[rng_.Next() % agencies.size()];
      Appoint(Add(from, PoliticalStatus::kFullMember, 28, 50, true), o.host_id, PostTitle::kFirstSecretary);
    }
  }

  void Appoint(size_t person, int64_t org_id, PostTitle title) {
    batch_.posts.push_back({person, org_id, title, kReference.AddDays(-rng_.Uniform(30, 1500))});
  }

  // Adds one person affiliated with `org_id` to the batch; returns the index there. Made as the detailed demo's
  // Population::Add makes one, but with the name from the pool and nothing formatted twice.
  size_t Add(int64_t org_id, PoliticalStatus status, int min_age, int max_age, bool educated) {
    static const std::vector<int> kEducated = {10, 60, 25, 5, 0, 0, 0};
    static const std::vector<int> kVillagers = {0, 12, 15, 10, 20, 35, 8};
    bool male = rng_.Chance(status == PoliticalStatus::kMasses ? 0.5 : 0.68);
    auto group = static_cast<Group>(rng_.Weighted(mix_));
    const PooledName& name = names_.Pick(rng_, group, male);
    int age = rng_.Uniform(min_age, max_age);
    Date birth = kReference.AddDays(-static_cast<int64_t>(age) * 365 - rng_.Uniform(0, 364));

    Batch::Member m;
    PersonRow& row = m.row;
    std::string id = MakeId(birth, male, &row.birth_date);  // may move the birth date by a day or more
    row.name = name.name;
    row.name_pinyin = name.full;
    row.name_initials = name.initials;
    row.name_tails = name.tails;
    row.gender = GenderCode(male ? Gender::kMale : Gender::kFemale);
    row.ethnicity = GroupName(group);
    row.id_number_cipher = cipher_.Encrypt(id);
    row.id_number_hash = cipher_.LookupHash(id);
    static const char* kPrefixes[] = {"139", "138", "137", "136", "150", "151", "157", "180", "187", "199"};
    std::string phone = kPrefixes[rng_.Uniform(0, 9)];
    AppendDigits(&phone, rng_.Uniform(0, 99999999), 8);
    row.phone_cipher = cipher_.Encrypt(phone);
    row.education = EducationCode(static_cast<Education>(rng_.Weighted(educated ? kEducated : kVillagers)));
    row.political_status = StatusCode(status);
    std::optional<Date> joined_party;
    if (IsPartyMember(status)) {
      const Date joined = JoinedPartyOn(rng_, birth, age, status);
      joined_party = joined;
      row.joined_party_on = joined.ToString();
    }
    m.org_id = org_id;
    m.since = joined_party.value_or(kReference.AddDays(-rng_.Uniform(30, 2000)));
    batch_.people.push_back(std::move(m));
    return batch_.people.size() - 1;
  }

  static void AppendDigits(std::string* out, int value, int width) {
    size_t end = out->size() + static_cast<size_t>(width);
    out->resize(end);
    for (int i = 1; i <= width; ++i, value /= 10)
      (*out)[end - static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
  }

  // County code, birth date, a sequence number for that county and day (odd for men), the check character. A day
  // whose numbers are used up (never at demo sizes) moves the birth date a day earlier. Sets `birth_text`.
  std::string MakeId(Date& birth, bool male, std::string* birth_text) {
    size_t back = static_cast<size_t>(kReference.days() - birth.days());
    while (back + 1 < used_.size() && used_[back] >= kSequencesPerDay) {
      birth = birth.AddDays(-1);
      ++back;
    }
    int seq = used_[back]++ * 2 + (male ? 1 : 2);
    *birth_text = birth.ToString();  // YYYY-MM-DD
    std::string id = county_;
    id.reserve(18);
    id.append(*birth_text, 0, 4).append(*birth_text, 5, 2).append(*birth_text, 8, 2);
    AppendDigits(&id, seq, 3);
    id.push_back(IdCheckCharacter(id));
    return id;
  }

  const FieldCipher& cipher_;
  Rng& rng_;
  const int members_per_branch_;
  Handoff& out_;
  NamePool names_;
  std::string county_;
  std::vector<int> mix_;
  std::vector<uint16_t> used_;  // sequence numbers given, by days before kReference, in the current county
  Batch batch_;
};

// Inserts the people in chunks sorted by political status and name. The indexes of person are built once the
// rows are in, by sorting, and SQLite's sorter, bound by cache misses on rows in random order, is several times
// faster when the rows already come in long runs of one status and one name (most people are full members, so
// the name runs stay long). Within a chunk person ids therefore follow status and name, not the branch (as in a
// real registry, where people are entered in no particular order).
class Loader {
 public:
  Loader(PeopleRepo& repo, const std::string& now, DemoPeopleSummary* summary)
      : repo_(repo), now_(now), summary_(summary) {}

  void Add(Batch batch) {
    pending_people_ += batch.people.size();
    pending_.push_back({std::move(batch), {}});
    if (pending_people_ >= kChunkPeople) Flush();
  }

  void Flush() {
    struct Ref {
      const Batch::Member* member;
      int64_t* id;
    };
    std::vector<Ref> order;
    order.reserve(pending_people_);
    for (Pending& p : pending_) {
      p.ids.resize(p.batch.people.size());
      for (size_t i = 0; i < p.batch.people.size(); ++i) order.push_back({&p.batch.people[i], &p.ids[i]});
    }
    std::stable_sort(order.begin(), order.end(), [](const Ref& a, const Ref& b) {
      const PersonRow& x = a.member->row;
      const PersonRow& y = b.member->row;
      return std::tie(x.political_status, x.name_pinyin, x.name) < std::tie(y.political_status, y.name_pinyin, y.name);
    });
    for (const Ref& r : order) *r.id = repo_.Insert(r.member->row, now_);
    for (const Ref& r : order) repo_.InsertAffiliation(*r.id, r.member->org_id, r.member->since);
    for (const Pending& p : pending_) {
      for (const Batch::Appointment& a : p.batch.posts) {
        repo_.InsertPost(p.ids[a.person], a.org_id, a.title, a.start, std::nullopt);
      }
      summary_->persons += static_cast<int64_t>(p.batch.people.size());
      summary_->posts += static_cast<int64_t>(p.batch.posts.size());
    }
    pending_.clear();
    pending_people_ = 0;
  }

 private:
  struct Pending {
    Batch batch;
    std::vector<int64_t> ids;  // of batch.people, once inserted
  };
  PeopleRepo& repo_;
  const std::string& now_;
  DemoPeopleSummary* summary_;
  std::vector<Pending> pending_;
  size_t pending_people_ = 0;
};

}  // namespace

DemoPeopleSummary SeedNationalPeople(store::Connection& db, const FieldCipher& cipher, Rng& rng,
                                     int members_per_branch) {
  DemoPeopleSummary summary;
  const std::vector<PartyOrg> orgs = PartyOrgsByCounty(db);
  PeopleRepo repo(db);
  int64_t villages = 0;
  for (const PartyOrg& o : orgs) villages += o.host_level == "village" ? 1 : 0;
  const PeopleRepo::BulkLoad load =
      repo.BeginBulkLoad(villages * (members_per_branch + 2) + static_cast<int64_t>(orgs.size() - villages) * 20);

  Handoff handoff;
  std::exception_ptr failure;
  std::thread maker_thread([&] {
    pthread_setname_np(pthread_self(), "maker");
    try {
      Maker(cipher, rng, members_per_branch, handoff).Run(orgs);
    } catch (...) {
      failure = std::current_exception();
    }
    handoff.Close();
  });
  const std::string now = kReference.ToString() + "T00:00:00+08:00";
  try {
    Loader loader(repo, now, &summary);
    while (std::optional<Batch> batch = handoff.Pop()) loader.Add(std::move(*batch));
    loader.Flush();
  } catch (...) {
    handoff.Close();
    maker_thread.join();
    throw;
  }
  maker_thread.join();
  if (failure) std::rethrow_exception(failure);
  repo.EndBulkLoad(load);
  return summary;
}

}  // namespace jiceng::people
