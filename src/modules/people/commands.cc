#include "modules/people/commands.h"

#include <chrono>
#include <map>

#include "core/pinyin.h"
#include "modules/org/repo.h"
#include "modules/people/export.h"
#include "store/audit.h"

namespace jiceng::people {

std::string Describe(const PersonRow& r, const std::string& org_code) {
  return r.name + "|" + r.gender + "|" + r.ethnicity + "|" + r.birth_date + "|" + r.education + "|" +
         r.political_status + "|" + r.joined_party_on.value_or("") + "|" + org_code;
}

PersonForm FormFromRow(const PersonRow& row, const std::string& id_number, const std::string& phone) {
  PersonForm f;
  f.name = row.name;
  f.ethnicity = row.ethnicity;
  f.id_number = id_number;
  f.phone = phone;
  f.education = row.education;
  f.political_status = row.political_status;
  f.joined_party_on = row.joined_party_on.value_or("");
  f.org_code = row.org_code;
  f.org_since = row.org_since;
  return f;
}


PersonRow MakeRow(const ValidPerson& p, const FieldCipher& cipher) {
  PersonRow row;
  PinyinKeys keys = NamePinyin(p.name);
  row.name = p.name;
  row.name_pinyin = keys.full;
  row.name_initials = keys.initials;
  row.name_tails = SyllableTails(keys);
  row.gender = GenderCode(p.id.gender);
  row.ethnicity = p.ethnicity;
  row.birth_date = p.id.birth_date.ToString();
  row.id_number_cipher = cipher.Encrypt(p.id.value);
  row.id_number_hash = cipher.LookupHash(p.id.value);
  if (!p.phone.empty()) row.phone_cipher = cipher.Encrypt(p.phone);
  row.education = EducationCode(p.education);
  row.political_status = StatusCode(p.status);
  if (p.joined_party_on) row.joined_party_on = p.joined_party_on->ToString();
  return row;
}

Result<int64_t> CheckPersonAgainstStore(store::Connection& db, PeopleRepo& repo, const FieldCipher& cipher,
                                        const ValidPerson& p, int64_t self_id) {
  auto existing = repo.IdByHash(cipher.LookupHash(p.id.value));
  if (existing && *existing != self_id) {
    return Status::Conflict("id_number", "该身份证号码已登记（人员编号 " + std::to_string(*existing) + "）");
  }
  if (p.org_code.empty()) return int64_t{0};
  org::OrgRepo orgs(db);
  auto unit = orgs.FindByCode(p.org_code, p.org_since);
  if (!unit) return Status::NotFound("org", "单位 " + p.org_code + " 在 " + p.org_since.ToString() + " 不存在");
  if (IsPartyMember(p.status) && unit->level != org::Level::kParty) {
    return Status::Invalid("org", "党员的组织关系应在党组织（党委、党总支或党支部），" + unit->name + "不是党组织");
  }
  return unit->id;
}

Status ChangeAffiliation(PeopleRepo& repo, int64_t person_id, int64_t org_id, Date since) {
  auto current = repo.AffiliationAt(person_id, since);
  if (current) {
    if (current->second >= since) {
      return Status::Conflict("org_since", "加入新组织的日期必须晚于加入原组织的日期 " + current->second.ToString());
    }
    repo.EndAffiliation(person_id, current->second, since);
  }
  if (org_id != 0) repo.InsertAffiliation(person_id, org_id, since);
  return Status::Ok();
}

Result<int64_t> PeopleCommands::CheckAgainstStore(const ValidPerson& p, int64_t self_id) {
  return CheckPersonAgainstStore(db_, repo_, cipher_, p, self_id);
}

Result<Person> PeopleCommands::Load(int64_t id) {
  PeopleQueries queries(db_, cipher_);
  return queries.Show(id, Date::Today());
}

Result<Person> PeopleCommands::Add(const PersonForm& form) {
  auto valid = ValidatePerson(form, Date::Today());
  if (!valid.ok()) return valid.status();
  store::Transaction tx(db_);
  auto org_id = CheckAgainstStore(*valid, 0);
  if (!org_id.ok()) return org_id.status();
  PersonRow row = MakeRow(*valid, cipher_);
  int64_t id = repo_.Insert(row, NowTimestamp());
  if (*org_id != 0) repo_.InsertAffiliation(id, *org_id, valid->org_since);
  store::AppendAudit(db_, actor_, {"person.add", std::to_string(id), valid->org_code, "", Describe(row, valid->org_code)});
  tx.Commit();
  return Load(id);
}

Result<Person> PeopleCommands::Update(int64_t id, const PersonForm& changes) {
  const Date today = Date::Today();
  store::Transaction tx(db_);
  auto stored = repo_.Load(id, today);
  if (!stored) return Status::NotFound("id", "没有编号为 " + std::to_string(id) + " 的人员");
  auto clear = ToPerson(*stored, cipher_, true);
  if (!clear.ok()) return clear.status();
  PersonForm merged = FormFromRow(*stored, clear->id_number, clear->phone);
  const bool org_changed = changes.org_code && *changes.org_code != stored->org_code;
  for (auto field : {&PersonForm::name, &PersonForm::gender, &PersonForm::ethnicity, &PersonForm::birth_date,
                     &PersonForm::id_number, &PersonForm::phone, &PersonForm::education, &PersonForm::political_status,
                     &PersonForm::joined_party_on, &PersonForm::org_code, &PersonForm::org_since}) {
    if (changes.*field) merged.*field = changes.*field;
  }
  if (org_changed && !changes.org_since) merged.org_since = today.ToString();
  auto valid = ValidatePerson(merged, today);
  if (!valid.ok()) return valid.status();
  auto org_id = CheckAgainstStore(*valid, id);
  if (!org_id.ok()) return org_id.status();
  PersonRow row = MakeRow(*valid, cipher_);
  row.id = id;
  repo_.Update(row, NowTimestamp());
  if (org_changed) {
    if (Status st = ChangeAffiliation(repo_, id, *org_id, valid->org_since); !st.ok()) return st;
  }
  store::AppendAudit(
      db_, actor_,
      {"person.update", std::to_string(id), valid->org_code, Describe(*stored, stored->org_code), Describe(row, valid->org_code)});
  tx.Commit();
  return Load(id);
}

Result<Post> PeopleCommands::AddPost(int64_t person_id, const PostForm& form) {
  auto valid = ValidatePost(form, Date::Today());
  if (!valid.ok()) return valid.status();
  store::Transaction tx(db_);
  if (!repo_.Load(person_id, Date::Today())) {
    return Status::NotFound("id", "没有编号为 " + std::to_string(person_id) + " 的人员");
  }
  org::OrgRepo orgs(db_);
  auto unit = orgs.FindByCode(valid->org_code, valid->start_on);
  if (!unit)
    return Status::NotFound("org", "单位 " + valid->org_code + " 在 " + valid->start_on.ToString() + " 不存在");
  int64_t post_id = repo_.InsertPost(person_id, unit->id, valid->title, valid->start_on, valid->end_on);
  store::AppendAudit(db_, actor_,
                     {"person.post.add", std::to_string(person_id), unit->code, "",
                      unit->code + "|" + std::string(PostCode(valid->title)) + "|" + valid->start_on.ToString()});
  tx.Commit();
  Post post;
  post.id = post_id;
  post.org_code = unit->code;
  post.org_name = unit->name;
  post.title = valid->title;
  post.start_on = valid->start_on;
  post.end_on = valid->end_on;
  return post;
}

Result<Person> PeopleCommands::Reveal(int64_t id) {
  store::Transaction tx(db_);
  auto stored = repo_.Load(id, Date::Today());
  if (!stored) return Status::NotFound("id", "没有编号为 " + std::to_string(id) + " 的人员");
  auto person = ToPerson(*stored, cipher_, true);
  if (!person.ok()) return person.status();
  person->posts = repo_.PostsOf(id, Date::Today());
  store::AppendAudit(db_, actor_, {"person.reveal", std::to_string(id), stored->org_code, "", "id_number,phone"});
  tx.Commit();
  return person;
}

Result<std::vector<Person>> PeopleCommands::ExportRevealed(const ListRequest& request, int limit) {
  // Read before the transaction: thousands of rows need not hold the write lock, only the audit record does.
  auto people = PeopleQueries(db_, cipher_).ReadAll(request, limit, true);
  if (!people.ok()) return people.status();
  store::Transaction tx(db_);
  const std::string filters = DescribeFilters(request);
  store::AppendAudit(db_, actor_,
                     {"person.export.reveal", std::to_string(people->size()) + " 人" + (filters.empty() ? "" : "（" + filters + "）"),
                      request.org_code, "", "id_number,phone"});
  tx.Commit();
  return people;
}

}  // namespace jiceng::people
