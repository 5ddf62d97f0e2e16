#include "modules/people/demo.h"

#include <string>
#include <unordered_map>
#include <vector>

#include "modules/org/demo.h"
#include "modules/people/commands.h"
#include "modules/people/demo_names.h"
#include "modules/people/national_demo.h"
#include "modules/people/repo.h"

namespace jiceng::people {
namespace {

// Demo dates are fixed, not taken from the clock, so that every run gives the same people.
const Date kReference = kDemoReference;

struct Branch {
  int64_t id;
  std::string code;
  int64_t host_id;  // the unit the branch belongs to (village, agency, township, ...)
  std::string host_level;
  std::string host_kind;
  std::string county;  // 6-digit county code for ID numbers
};

std::vector<Branch> PartyOrgs(store::Connection& db) {
  auto stmt = db.Prepare(
      "SELECT u.id, u.code, h.id, h.level, h.kind FROM org_unit u JOIN org_link l ON l.unit_id = u.id"
      " JOIN org_unit h ON h.id = l.parent_id WHERE u.level = 'party' AND l.valid_to = '9999-12-31' ORDER BY u.code");
  std::vector<Branch> branches;
  while (stmt->Step()) {
    std::string code = stmt->Text(1);
    std::string county = code.substr(0, 6);
    if (county.substr(4, 2) == "00") county = county.substr(0, 4) + "01";  // prefecture units: the seat county
    branches.push_back({stmt->Int(0), code, stmt->Int(2), stmt->Text(3), stmt->Text(4), county});
  }
  return branches;
}

class Population {
 public:
  Population(store::Connection& db, const FieldCipher& cipher, Rng& rng) : repo_(db), cipher_(cipher), rng_(rng) {}

  // Adds one person affiliated with `branch`; returns the person's id.
  int64_t Add(const Branch& branch, PoliticalStatus status, int min_age, int max_age, bool educated) {
    bool male = rng_.Chance(status == PoliticalStatus::kMasses ? 0.5 : 0.68);
    Group group = static_cast<Group>(rng_.Weighted(QinghaiCountyMix(branch.county)));
    ValidPerson p;
    p.name = MakeName(rng_, group, male);
    int age = rng_.Uniform(min_age, max_age);
    Date birth = kReference.AddDays(-static_cast<int64_t>(age) * 365 - rng_.Uniform(0, 364));
    p.id = MakeId(branch.county, birth, male);
    p.ethnicity = GroupName(group);
    static const char* kPrefixes[] = {"139", "138", "137", "136", "150", "151", "157", "180", "187", "199"};
    char phone[16];
    std::snprintf(phone, sizeof phone, "%s%08d", kPrefixes[rng_.Uniform(0, 9)], rng_.Uniform(0, 99999999));
    p.phone = phone;
    p.education = educated ? static_cast<Education>(rng_.Weighted({10, 60, 25, 5, 0, 0, 0}))
                           : static_cast<Education>(rng_.Weighted({0, 12, 15, 10, 20, 35, 8}));
    p.status = status;
    if (IsPartyMember(status)) {
      p.joined_party_on = JoinedPartyOn(rng_, birth, age, status);
    }
    p.org_since = p.joined_party_on.value_or(kReference.AddDays(-rng_.Uniform(30, 2000)));
    PersonRow row = MakeRow(p, cipher_);
    int64_t id = repo_.Insert(row, kReference.ToString() + "T00:00:00+08:00");
    repo_.InsertAffiliation(id, branch.id, p.org_since);
    ++summary.persons;
    return id;
  }

  void AddPost(int64_t person_id, int64_t org_id, PostTitle title) {
    repo_.InsertPost(person_id, org_id, title, kReference.AddDays(-rng_.Uniform(30, 1500)), std::nullopt);
    ++summary.posts;
  }

  DemoPeopleSummary summary;

 private:
  IdNumber MakeId(const std::string& county, Date birth, bool male) {
    char prefix[24];
    std::snprintf(prefix, sizeof prefix, "%s%04d%02d%02d", county.c_str(), birth.year(), birth.month(), birth.day());
    int& used = sequence_[prefix];
    int seq = used * 2 + (male ? 1 : 2);  // odd sequence numbers are men's
    ++used;
    char first17[24];
    std::snprintf(first17, sizeof first17, "%s%03d", prefix, seq % 1000);
    IdNumber id;
    id.value = std::string(first17) + IdCheckCharacter(first17);
    id.birth_date = birth;
    id.gender = male ? Gender::kMale : Gender::kFemale;
    return id;
  }

  PeopleRepo repo_;
  const FieldCipher& cipher_;
  Rng& rng_;
  std::unordered_map<std::string, int> sequence_;
};

PoliticalStatus MemberStatus(Rng& rng) { return static_cast<PoliticalStatus>(rng.Weighted({85, 5, 4, 6})); }

}  // namespace

DemoPeopleSummary SeedDemoPeople(store::Connection& db, const FieldCipher& cipher, Rng& rng,
                                 int members_per_branch) {
  if (members_per_branch > 0) {
    return SeedNationalPeople(db, cipher, rng, members_per_branch);
  }
  Population population(db, cipher, rng);
  std::unordered_map<std::string, std::vector<const Branch*>> agency_branches;  // county → branches
  const std::vector<Branch> branches = PartyOrgs(db);
  for (const Branch& b : branches) {
    if (b.host_kind == "agency") agency_branches[b.county].push_back(&b);
  }
  for (const Branch& b : branches) {
    const bool village = b.host_kind == "village";
    const bool community = b.host_kind == "community";
    if (b.host_level == "village") {
      int size = rng.Uniform(20, 60);
      std::vector<int64_t> members;
      for (int i = 0; i < size; ++i) {
        PoliticalStatus status = MemberStatus(rng);
        int64_t id = population.Add(b, status, 20, 85, false);
        if (IsPartyMember(status) && members.size() < 5) members.push_back(id);
      }
      if (members.size() < 3) continue;  // tiny branch: no committee (rare)
      population.AddPost(members[0], b.id, PostTitle::kSecretary);
      population.AddPost(members[1], b.id, PostTitle::kCommitteeMember);
      population.AddPost(members[2], b.id, PostTitle::kCommitteeMember);
      // 一肩挑: in most villages the secretary also chairs the villagers' committee.
      int64_t director = rng.Chance(0.8) ? members[0] : members[1];
      population.AddPost(director, b.host_id, PostTitle::kVillageDirector);
      population.AddPost(members[2], b.host_id, PostTitle::kVillageCommitteeMember);
      int64_t outsider = population.Add(b, PoliticalStatus::kMasses, 25, 55, false);
      population.AddPost(outsider, b.host_id, PostTitle::kVillageCommitteeMember);
      if (community) {
        int grid_workers = rng.Uniform(2, 4);
        for (int i = 0; i < grid_workers; ++i) {
          int64_t w = population.Add(b, rng.Chance(0.5) ? PoliticalStatus::kFullMember : PoliticalStatus::kMasses, 22,
                                     50, false);
          population.AddPost(w, b.host_id, PostTitle::kGridWorker);
        }
      }
      // First secretaries come from county agencies (驻村第一书记).
      auto agencies = agency_branches.find(b.county);
      if (village && agencies != agency_branches.end() && rng.Chance(0.3)) {
        const Branch& from = *agencies->second[rng.Next() % agencies->second.size()];
        int64_t first = population.Add(from, PoliticalStatus::kFullMember, 28, 50, true);
        population.AddPost(first, b.host_id, PostTitle::kFirstSecretary);
        int64_t team = population.Add(from, PoliticalStatus::kFullMember, 25, 45, true);
        population.AddPost(team, b.host_id, PostTitle::kWorkTeamMember);
      }
    } else if (b.host_level == "township") {
      int64_t secretary = population.Add(b, PoliticalStatus::kFullMember, 35, 55, true);
      population.AddPost(secretary, b.id, PostTitle::kSecretary);
      for (int i = 0; i < 2; ++i) {
        population.AddPost(population.Add(b, PoliticalStatus::kFullMember, 30, 55, true), b.id,
                           PostTitle::kDeputySecretary);
      }
      for (int i = 0; i < 4; ++i) {
        population.AddPost(population.Add(b, PoliticalStatus::kFullMember, 28, 55, true), b.id,
                           PostTitle::kCommitteeMember);
      }
    } else {
      int size = rng.Uniform(8, 30);
      for (int i = 0; i < size; ++i) {
        int64_t id = population.Add(b, MemberStatus(rng), 23, 60, true);
        if (i == 0) population.AddPost(id, b.id, PostTitle::kSecretary);
      }
    }
  }
  return population.summary;
}

}  // namespace jiceng::people
