#include "modules/people/commands.h"

#include <chrono>
#include <map>

#include "core/csv.h"
#include "core/pinyin.h"
#include "modules/org/repo.h"
#include "store/audit.h"

namespace jiceng::people {
namespace {


// What the audit digests: the fields a reviewer would compare, without the clear ID number.
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

// Column names accepted in a roster's header row: Chinese or the English field names.
const std::map<std::string, std::optional<std::string> PersonForm::*>& CsvColumns() {
  static const std::map<std::string, std::optional<std::string> PersonForm::*> kColumns = {
      {"姓名", &PersonForm::name},
      {"name", &PersonForm::name},
      {"性别", &PersonForm::gender},
      {"gender", &PersonForm::gender},
      {"民族", &PersonForm::ethnicity},
      {"ethnicity", &PersonForm::ethnicity},
      {"出生日期", &PersonForm::birth_date},
      {"birth_date", &PersonForm::birth_date},
      {"身份证号码", &PersonForm::id_number},
      {"id_number", &PersonForm::id_number},
      {"手机号码", &PersonForm::phone},
      {"phone", &PersonForm::phone},
      {"学历", &PersonForm::education},
      {"education", &PersonForm::education},
      {"政治面貌", &PersonForm::political_status},
      {"political_status", &PersonForm::political_status},
      {"入党日期", &PersonForm::joined_party_on},
      {"joined_party_on", &PersonForm::joined_party_on},
      {"所在组织代码", &PersonForm::org_code},
      {"org", &PersonForm::org_code},
      {"加入组织日期", &PersonForm::org_since},
      {"org_since", &PersonForm::org_since},
  };
  return kColumns;
}

}  // namespace

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

Result<int64_t> PeopleCommands::CheckAgainstStore(const ValidPerson& p, int64_t self_id) {
  auto existing = repo_.IdByHash(cipher_.LookupHash(p.id.value));
  if (existing && *existing != self_id) {
    return Status::Conflict("id_number", "该身份证号码已登记（人员编号 " + std::to_string(*existing) + "）");
  }
  if (p.org_code.empty()) return int64_t{0};
  org::OrgRepo orgs(db_);
  auto unit = orgs.FindByCode(p.org_code, p.org_since);
  if (!unit) return Status::NotFound("org", "单位 " + p.org_code + " 在 " + p.org_since.ToString() + " 不存在");
  if (IsPartyMember(p.status) && unit->level != org::Level::kParty) {
    return Status::Invalid("org", "党员的组织关系应在党组织（党委、党总支或党支部），" + unit->name + "不是党组织");
  }
  return unit->id;
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
    auto current = repo_.AffiliationAt(id, valid->org_since);
    if (current) {
      if (current->second >= valid->org_since) {
        return Status::Conflict("org_since", "加入新组织的日期必须晚于加入原组织的日期 " + current->second.ToString());
      }
      repo_.EndAffiliation(id, current->second, valid->org_since);
    }
    if (*org_id != 0) repo_.InsertAffiliation(id, *org_id, valid->org_since);
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

Result<ImportReport> PeopleCommands::ImportCsv(const std::string& path) {
  auto reader = CsvReader::Open(path);
  if (!reader.ok()) return reader.status();
  std::vector<std::string> fields;
  auto header = reader->Next(&fields);
  if (!header.ok()) return header.status();
  if (!*header) return Status::Invalid("csv", "文件为空");
  std::vector<std::optional<std::string> PersonForm::*> columns;
  for (const std::string& name : fields) {
    auto it = CsvColumns().find(name);
    if (it == CsvColumns().end()) return Status::Invalid("csv", "第 1 行：无法识别的列名“" + name + "”");
    columns.push_back(it->second);
  }

  const Date today = Date::Today();
  ImportReport report;
  store::Transaction tx(db_);
  std::map<std::string, int> seen;  // lookup hash → line, for duplicates inside the file
  while (true) {
    auto more = reader->Next(&fields);
    if (!more.ok()) return more.status();
    if (!*more) break;
    const std::string where = "第 " + std::to_string(reader->line()) + " 行：";
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != columns.size()) {
      report.errors.push_back(Status::Invalid("csv", where + "应有 " + std::to_string(columns.size()) + " 列，实际 " +
                                                         std::to_string(fields.size()) + " 列"));
      continue;
    }
    PersonForm form;
    for (size_t i = 0; i < columns.size(); ++i) form.*columns[i] = fields[i];
    auto valid = ValidatePerson(form, today);
    if (!valid.ok()) {
      report.errors.push_back(valid.status().WithContext(where));
      continue;
    }
    std::string hash = cipher_.LookupHash(valid->id.value);
    if (auto dup = seen.find(hash); dup != seen.end()) {
      report.errors.push_back(
          Status::Conflict("id_number", where + "身份证号码与第 " + std::to_string(dup->second) + " 行重复"));
      continue;
    }
    seen[hash] = reader->line();
    auto org_id = CheckAgainstStore(*valid, 0);
    if (!org_id.ok()) {
      report.errors.push_back(org_id.status().WithContext(where));
      continue;
    }
    if (!report.errors.empty()) continue;  // keep checking, but write nothing more
    PersonRow row = MakeRow(*valid, cipher_);
    int64_t id = repo_.Insert(row, NowTimestamp());
    if (*org_id != 0) repo_.InsertAffiliation(id, *org_id, valid->org_since);
    ++report.added;
  }
  if (!report.errors.empty()) {
    report.added = 0;
    return report;  // the transaction rolls back: nothing from the file is kept
  }
  store::AppendAudit(db_, actor_, {"person.import", path, "", "", std::to_string(report.added) + " rows"});
  tx.Commit();
  return report;
}

}  // namespace jiceng::people
