// Numbered schema migrations. A migration, once released, never changes: add a
// new one instead. doc/schema.md explains the tables.
#include <algorithm>
#include <string>
#include <vector>

#include "core/pinyin.h"
#include "store/store.h"

namespace jiceng::store {
namespace {

struct Migration {
  int version;
  const char* name;
  const char* sql;
  // A step in C++ after the SQL, in the same transaction, for what SQL cannot compute (null: none).
  void (*then)(Connection& db) = nullptr;
};

// Migration 13: the syllable-boundary pinyin key of every person, from the stored name (core/pinyin.h).
void FillNameTails(Connection& db) {
  auto read = db.Prepare("SELECT id, name FROM person");
  auto write = db.Prepare("UPDATE person SET name_tails = ?1 WHERE id = ?2");
  while (read->Step()) {
    write->Bind(1, SyllableTails(NamePinyin(read->Text(1)))).Bind(2, read->Int(0));
    write->Run();
  }
}

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "meta and audit log", R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  address TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  org_code TEXT NOT NULL,
  before_digest TEXT NOT NULL,
  after_digest TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log(actor, at);
CREATE INDEX audit_log_org ON audit_log(org_code, at);
)sql"},
      {2, "organization tree with validity dates", R"sql(
CREATE TABLE org_unit (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  level TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_on TEXT NOT NULL DEFAULT '0001-01-01',
  dissolved_on TEXT NOT NULL DEFAULT '9999-12-31',
  merged_into INTEGER REFERENCES org_unit(id)
);
CREATE TABLE org_name (
  unit_id INTEGER NOT NULL REFERENCES org_unit(id),
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (unit_id, valid_from)
) WITHOUT ROWID;
CREATE INDEX org_name_name ON org_name(name);
CREATE TABLE org_link (
  unit_id INTEGER NOT NULL REFERENCES org_unit(id),
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  parent_id INTEGER REFERENCES org_unit(id),
  PRIMARY KEY (unit_id, valid_from)
) WITHOUT ROWID;
CREATE INDEX org_link_parent ON org_link(parent_id, valid_from, valid_to, unit_id);
CREATE TABLE org_event (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES org_unit(id),
  kind TEXT NOT NULL,
  on_date TEXT NOT NULL,
  other_unit_id INTEGER REFERENCES org_unit(id),
  old_value TEXT NOT NULL DEFAULT '',
  new_value TEXT NOT NULL DEFAULT ''
);
CREATE INDEX org_event_unit ON org_event(unit_id, on_date);
)sql"},
      {3, "people registry", R"sql(
CREATE TABLE person (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_pinyin TEXT NOT NULL,
  name_initials TEXT NOT NULL,
  gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
  ethnicity TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  id_number_cipher BLOB NOT NULL,
  id_number_hash BLOB NOT NULL UNIQUE,
  phone_cipher BLOB,
  education TEXT NOT NULL,
  political_status TEXT NOT NULL,
  joined_party_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX person_pinyin ON person(name_pinyin);
CREATE INDEX person_initials ON person(name_initials);
CREATE INDEX person_name ON person(name);
CREATE TABLE person_org (
  person_id INTEGER NOT NULL REFERENCES person(id),
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  org_id INTEGER NOT NULL REFERENCES org_unit(id),
  PRIMARY KEY (person_id, valid_from)
) WITHOUT ROWID;
CREATE INDEX person_org_org ON person_org(org_id, valid_from, valid_to);
CREATE TABLE post (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  org_id INTEGER NOT NULL REFERENCES org_unit(id),
  title TEXT NOT NULL,
  start_on TEXT NOT NULL,
  end_on TEXT NOT NULL DEFAULT '9999-12-31'
);
CREATE INDEX post_person ON post(person_id);
CREATE INDEX post_org ON post(org_id, title);
)sql"},
      {4, "accounts and sign-in failures", R"sql(
CREATE TABLE account (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  org_id INTEGER NOT NULL REFERENCES org_unit(id),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  totp_secret_cipher BLOB,
  totp_enabled INTEGER NOT NULL DEFAULT 0,
  failed_count INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE sign_in_failure (
  account_id INTEGER NOT NULL REFERENCES account(id),
  at INTEGER NOT NULL
);
CREATE INDEX sign_in_failure_account ON sign_in_failure(account_id, at);
)sql"},
      {5, "duty: lists, problems, measures, their timeline and evidence", R"sql(
ALTER TABLE account ADD COLUMN person_id INTEGER REFERENCES person(id);
CREATE TABLE duty_list (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  year INTEGER NOT NULL,
  issuer_org_id INTEGER NOT NULL REFERENCES org_unit(id),
  holder_org_id INTEGER NOT NULL REFERENCES org_unit(id),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  acknowledged_at TEXT NOT NULL DEFAULT '',
  acknowledged_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE duty_item (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  parent_id INTEGER,
  list_id INTEGER REFERENCES duty_list(id),
  title TEXT NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  target TEXT NOT NULL DEFAULT '',
  weight INTEGER NOT NULL DEFAULT 1,
  deadline TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  area TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL DEFAULT '',
  month TEXT NOT NULL DEFAULT '',
  assigner_org_id INTEGER NOT NULL REFERENCES org_unit(id),
  responsible_org_id INTEGER NOT NULL REFERENCES org_unit(id),
  responsible_person_id INTEGER REFERENCES person(id),
  leader_person_id INTEGER REFERENCES person(id),
  state TEXT NOT NULL,
  progress INTEGER NOT NULL DEFAULT 0,
  score INTEGER,
  grade TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX duty_item_parent ON duty_item(parent_id);
CREATE INDEX duty_item_responsible ON duty_item(responsible_org_id, state, deadline);
CREATE INDEX duty_item_assigner ON duty_item(assigner_org_id, state);
CREATE INDEX duty_item_month ON duty_item(month);
CREATE INDEX duty_item_leader ON duty_item(leader_person_id);
CREATE TABLE duty_event (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES duty_item(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  progress INTEGER
);
CREATE INDEX duty_event_item ON duty_event(item_id, id);
CREATE TABLE duty_evidence (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES duty_item(id),
  sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);
CREATE INDEX duty_evidence_item ON duty_evidence(item_id);
)sql"},
      // Written by triggers the roll-up feed derives from the module manifests (modules/rollup_feed.cc): which
      // org each committed write touched, in commit order, whichever process wrote it.
      {6, "roll-up change log", R"sql(
CREATE TABLE rollup_change (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL,
  tree INTEGER NOT NULL DEFAULT 0,
  module TEXT NOT NULL DEFAULT ''
);
)sql"},
      // The roll-up reads members by status at start: through this index it reads the status and id only, not
      // every person row (11.6M people: 8 s instead of 30 s per status).
      {7, "people by political status", R"sql(
CREATE INDEX person_status ON person(political_status);
)sql"},
      // The audit chain becomes keyed (store/audit.cc) and vouches for the rows of tables with an audit_id column:
      // each duty timeline event names the record written with it, whose chain hash covers the event's digest.
      // Records are never changed, and none younger than 180 days is deleted — by any command or stray SQL.
      {8, "keyed audit chain that vouches for the duty timeline", R"sql(
ALTER TABLE audit_log ADD COLUMN sealed_digest TEXT NOT NULL DEFAULT '';
ALTER TABLE duty_event ADD COLUMN audit_id INTEGER;
CREATE INDEX duty_event_audit ON duty_event(audit_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计记录不可修改'); END;
CREATE TRIGGER audit_log_keep_180_days BEFORE DELETE ON audit_log
WHEN substr(old.at, 1, 10) > date('now', '+8 hours', '-180 days')
BEGIN SELECT RAISE(ABORT, '审计记录至少保存 180 天，不能删除'); END;
)sql"},
      // Two administrators for every grant and reset (双人复核): a request by one, approved by an administrator of
      // another role; the one-time code that sets the new password is split between them (keyed hashes only).
      // totp_last_step: the last TOTP step accepted, so that each code is accepted once.
      {9, "account requests and approvals, one-time codes, TOTP replay guard", R"sql(
ALTER TABLE account ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE account ADD COLUMN code_half_a BLOB;
ALTER TABLE account ADD COLUMN code_half_b BLOB;
ALTER TABLE account ADD COLUMN code_expires INTEGER NOT NULL DEFAULT 0;
ALTER TABLE account ADD COLUMN reset_requested_by TEXT NOT NULL DEFAULT '';
ALTER TABLE account ADD COLUMN reset_approved_by TEXT NOT NULL DEFAULT '';
ALTER TABLE account ADD COLUMN reset_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE account ADD COLUMN reset_notice_pending INTEGER NOT NULL DEFAULT 0;
CREATE TABLE account_request (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  login TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  org_id INTEGER NOT NULL REFERENCES org_unit(id),
  role TEXT NOT NULL DEFAULT '',
  requested_by TEXT NOT NULL,
  requester_role TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  half_a BLOB,
  state TEXT NOT NULL DEFAULT 'pending',
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX account_request_state ON account_request(state, id);
CREATE INDEX account_request_login ON account_request(login, state);
)sql"},
      // A measure the responsible side adds under an assigned problem is a proposal (proposed_by_org_id) until
      // the problem's assigning side confirms it by assigning it; a responsibility list can be withdrawn.
      {10, "duty: proposed measures, withdrawn lists", R"sql(
ALTER TABLE duty_item ADD COLUMN proposed_by_org_id INTEGER REFERENCES org_unit(id);
ALTER TABLE duty_list ADD COLUMN withdrawn_at TEXT NOT NULL DEFAULT '';
ALTER TABLE duty_list ADD COLUMN withdrawn_by TEXT NOT NULL DEFAULT '';
ALTER TABLE duty_list ADD COLUMN withdraw_reason TEXT NOT NULL DEFAULT '';
)sql"},
      // A name interval also says what the unit was and its division code then (撤县设市 changes the name, the
      // kind and the code at once; NULL: the unit's own), and every change records its reason and who made it.
      {12, "org changes: kind and code per name interval, reason and actor per event", R"sql(
ALTER TABLE org_name ADD COLUMN kind TEXT;
ALTER TABLE org_name ADD COLUMN code TEXT;
ALTER TABLE org_event ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE org_event ADD COLUMN actor TEXT NOT NULL DEFAULT '';
)sql"},
      // Pinyin search matches at any syllable boundary (东周扎西 by zhaxi or zx): name_tails holds every tail of
      // the full pinyin and of the initials that starts at a syllable (core/pinyin.h SyllableTails); the keys of
      // the people already stored are computed here. Account administration from the web: an account's phone
      // (encrypted with the field key, like a person's), and the org a change-of-org request asks for.
      {13, "people: pinyin keys at every syllable boundary; accounts: phone, change-of-org requests", R"sql(
ALTER TABLE person ADD COLUMN name_tails TEXT NOT NULL DEFAULT '';
ALTER TABLE account ADD COLUMN phone_cipher BLOB;
ALTER TABLE account_request ADD COLUMN new_org_id INTEGER REFERENCES org_unit(id);
)sql",
       FillNameTails},
      // Four eyes on the tree: a rename, move or merge made through the web is a request of one org department
      // account (org_change_request) that another approves; the change is applied then, and its history event
      // names both (org_event.approved_by).
      {15, "org: change requests approved by a second account", R"sql(
CREATE TABLE org_change_request (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES org_unit(id),
  unit_name TEXT NOT NULL,
  target_code TEXT NOT NULL DEFAULT '',
  target_name TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  new_kind TEXT NOT NULL DEFAULT '',
  with_namesakes INTEGER NOT NULL DEFAULT 0,
  on_date TEXT NOT NULL,
  reason TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending',
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at TEXT NOT NULL DEFAULT '',
  decision_note TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT ''
);
CREATE INDEX org_change_request_state ON org_change_request(state, id);
CREATE INDEX org_change_request_unit ON org_change_request(unit_id, state);
ALTER TABLE org_event ADD COLUMN approved_by TEXT NOT NULL DEFAULT '';
)sql"},
      // Several servers on one database: signed-in sessions (the id only as its BLAKE2b hash) and the sign-in
      // throttle's failures by source address live in the database, so a restart forgets neither and any server
      // answers any request (accounts/sessions.h, accounts/throttle.h).
      {16, "accounts: sessions and the address throttle in the database", R"sql(
CREATE TABLE web_session (
  id_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL,
  csrf_token TEXT NOT NULL,
  created INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  must_enroll_totp INTEGER NOT NULL DEFAULT 0,
  reset_requested_by TEXT NOT NULL DEFAULT '',
  reset_approved_by TEXT NOT NULL DEFAULT '',
  reset_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX web_session_account ON web_session(account_id);
CREATE INDEX web_session_last_seen ON web_session(last_seen);
CREATE TABLE sign_in_throttle (
  id INTEGER PRIMARY KEY,
  address TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX sign_in_throttle_address ON sign_in_throttle(address, at);
CREATE INDEX sign_in_throttle_at ON sign_in_throttle(at);
)sql"},
      // Party dues (党费, the membership module): each member's basis (kind, monthly base in fen, from which month),
      // the province's fixed amounts, reductions and waivers the branch decides and the superior approves, one
      // record per member and month that something settled (a month without one is 未缴), voluntary payments, and
      // what the branch did about long arrears. dues_account keeps per member the dates the roll-up counts by:
      // from when dues are owed and when three and six months of arrears begin (dated columns of the feed).
      {17, "membership: party dues", R"sql(
CREATE TABLE dues_setting (
  org_id INTEGER NOT NULL REFERENCES org_unit(id),
  key TEXT NOT NULL,
  value INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, key)
);
CREATE TABLE dues_basis (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  kind TEXT NOT NULL,
  base_fen INTEGER NOT NULL,
  from_month TEXT NOT NULL,
  quarterly INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (person_id, from_month)
);
CREATE TABLE dues_account (
  person_id INTEGER NOT NULL REFERENCES person(id),
  org_id INTEGER NOT NULL REFERENCES org_unit(id),
  first_due_on TEXT NOT NULL,
  last_settled TEXT NOT NULL DEFAULT '',
  arrears3_on TEXT NOT NULL,
  arrears6_on TEXT NOT NULL,
  PRIMARY KEY (person_id)
);
CREATE INDEX dues_account_org ON dues_account(org_id);
CREATE TABLE dues_exception (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  org_id INTEGER NOT NULL REFERENCES org_unit(id),
  kind TEXT NOT NULL,
  amount_fen INTEGER NOT NULL DEFAULT 0,
  from_month TEXT NOT NULL,
  to_month TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_on TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending',
  approved_by TEXT NOT NULL DEFAULT '',
  approved_at TEXT NOT NULL DEFAULT '',
  approver_org_id INTEGER REFERENCES org_unit(id),
  decision_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dues_exception_person ON dues_exception(person_id, state);
CREATE INDEX dues_exception_org ON dues_exception(org_id, state);
CREATE TABLE dues_record (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  month TEXT NOT NULL,
  month_on TEXT NOT NULL,
  month_after TEXT NOT NULL,
  org_id INTEGER NOT NULL REFERENCES org_unit(id),
  due_fen INTEGER NOT NULL,
  paid_fen INTEGER NOT NULL,
  state TEXT NOT NULL,
  paid_on TEXT NOT NULL DEFAULT '',
  method TEXT NOT NULL DEFAULT '',
  reference TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (person_id, month)
);
CREATE INDEX dues_record_org ON dues_record(org_id, month);
CREATE TABLE dues_voluntary (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  org_id INTEGER NOT NULL REFERENCES org_unit(id),
  amount_fen INTEGER NOT NULL,
  paid_on TEXT NOT NULL,
  method TEXT NOT NULL,
  reference TEXT NOT NULL DEFAULT '',
  forward INTEGER NOT NULL DEFAULT 0,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX dues_voluntary_org ON dues_voluntary(org_id, paid_on);
CREATE TABLE dues_arrears_action (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  org_id INTEGER NOT NULL REFERENCES org_unit(id),
  months INTEGER NOT NULL,
  action TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX dues_arrears_action_person ON dues_arrears_action(person_id, id);
)sql"},
      // 组织生活 (orglife): frequency rules set by an org for its subtree (absent: the defaults), Party groups,
      // themes issued down the tree, meeting records with attendance, attachments (the evidence store's files) and
      // review, and each branch's standing per kind (from which day it is behind), which feeds the roll-up.
      {18, "orglife: meetings, attendance, review, groups, themes, frequency rules and standing", R"sql(
CREATE TABLE orglife_rule (
  org_id INTEGER NOT NULL REFERENCES org_unit(id),
  kind TEXT NOT NULL,
  unit TEXT NOT NULL,
  times INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL,
  PRIMARY KEY (org_id, kind)
);
CREATE TABLE orglife_group (
  id INTEGER PRIMARY KEY,
  branch_id INTEGER NOT NULL REFERENCES org_unit(id),
  name TEXT NOT NULL,
  leader_person_id INTEGER REFERENCES person(id),
  created_at TEXT NOT NULL
);
CREATE INDEX orglife_group_branch ON orglife_group(branch_id);
CREATE TABLE orglife_group_member (
  group_id INTEGER NOT NULL REFERENCES orglife_group(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  PRIMARY KEY (group_id, person_id)
);
CREATE INDEX orglife_group_member_person ON orglife_group_member(person_id);
CREATE TABLE orglife_theme (
  id INTEGER PRIMARY KEY,
  issuer_org_id INTEGER NOT NULL REFERENCES org_unit(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  month TEXT NOT NULL,
  deadline TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX orglife_theme_issuer ON orglife_theme(issuer_org_id, month);
CREATE TABLE orglife_meeting (
  id INTEGER PRIMARY KEY,
  branch_id INTEGER NOT NULL REFERENCES org_unit(id),
  kind TEXT NOT NULL,
  group_id INTEGER REFERENCES orglife_group(id),
  theme_id INTEGER REFERENCES orglife_theme(id),
  topic TEXT NOT NULL,
  state TEXT NOT NULL,
  planned_at TEXT NOT NULL,
  held_at TEXT NOT NULL DEFAULT '',
  held_on TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL DEFAULT '',
  online_link TEXT NOT NULL DEFAULT '',
  presenter_person_id INTEGER REFERENCES person(id),
  recorder_person_id INTEGER REFERENCES person(id),
  invitees TEXT NOT NULL DEFAULT '',
  minutes TEXT NOT NULL DEFAULT '',
  decisions TEXT NOT NULL DEFAULT '',
  vote_for INTEGER,
  vote_against INTEGER,
  vote_abstain INTEGER,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  submitted_by TEXT NOT NULL DEFAULT '',
  submitted_at TEXT NOT NULL DEFAULT '',
  reviewed_by TEXT NOT NULL DEFAULT '',
  reviewed_at TEXT NOT NULL DEFAULT '',
  reviewer_org_id INTEGER REFERENCES org_unit(id),
  review_note TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);
CREATE INDEX orglife_meeting_branch ON orglife_meeting(branch_id, kind, held_on);
CREATE INDEX orglife_meeting_state ON orglife_meeting(state, branch_id);
CREATE INDEX orglife_meeting_theme ON orglife_meeting(theme_id);
CREATE TABLE orglife_attendance (
  meeting_id INTEGER NOT NULL REFERENCES orglife_meeting(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  voting INTEGER NOT NULL,
  presence TEXT NOT NULL DEFAULT 'unsigned',
  reason TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (meeting_id, person_id)
);
CREATE INDEX orglife_attendance_person ON orglife_attendance(person_id);
CREATE TABLE orglife_attachment (
  id INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES orglife_meeting(id),
  sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);
CREATE INDEX orglife_attachment_meeting ON orglife_attachment(meeting_id);
CREATE TABLE orglife_standing (
  branch_id INTEGER NOT NULL REFERENCES org_unit(id),
  kind TEXT NOT NULL,
  unit TEXT NOT NULL,
  times INTEGER NOT NULL,
  required INTEGER NOT NULL,
  window_from TEXT NOT NULL,
  window_to TEXT NOT NULL,
  behind_from TEXT NOT NULL,
  PRIMARY KEY (branch_id, kind)
);
)sql"},
      {22, "accounts: one account per person; orglife: sign-in windows, sign-ins, wrong codes", R"sql(
CREATE UNIQUE INDEX account_person_unique ON account(person_id) WHERE person_id IS NOT NULL;
CREATE TABLE orglife_signin (
  meeting_id INTEGER PRIMARY KEY REFERENCES orglife_meeting(id),
  code TEXT NOT NULL,
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  opened_at TEXT NOT NULL
);
CREATE INDEX orglife_signin_code ON orglife_signin(code, closes_at);
CREATE TABLE orglife_signin_mark (
  meeting_id INTEGER NOT NULL REFERENCES orglife_meeting(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  by_login TEXT NOT NULL,
  PRIMARY KEY (meeting_id, person_id)
);
CREATE INDEX orglife_signin_mark_person ON orglife_signin_mark(person_id);
CREATE TABLE orglife_signin_failure (
  account_id INTEGER NOT NULL REFERENCES account(id),
  at INTEGER NOT NULL
);
CREATE INDEX orglife_signin_failure_account ON orglife_signin_failure(account_id, at);
)sql"},
  };
  return kMigrations;
}

}  // namespace

int SchemaVersion(Connection& db) {
  db.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  return static_cast<int>(QueryInt(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
}

int LatestSchemaVersion() {
  int latest = 0;
  for (const Migration& m : Migrations()) latest = std::max(latest, m.version);
  return latest;
}

// Applies every migration not yet recorded, not only those above the highest: migrations are numbered by whoever
// writes them and may be merged out of order, and a database made by a build that had a higher number must still
// get a lower one merged after it.
void Migrate(Connection& db) {
  SchemaVersion(db);  // makes the table on a new database
  auto applied = db.Prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
  for (const Migration& m : Migrations()) {
    applied->Bind(1, m.version);
    const bool done = applied->Step();
    applied->Reset();
    if (done) continue;
    Transaction tx(db);
    db.Exec(m.sql);
    if (m.then != nullptr) m.then(db);
    auto record = db.Prepare("INSERT INTO schema_migrations(version, name) VALUES (?, ?)");
    record->Bind(1, m.version).Bind(2, m.name);
    record->Run();
    tx.Commit();
  }
}

}  // namespace jiceng::store
