// The SQL every module writes is SQLite's dialect with a few rules (doc/schema.md, "SQL that runs on both");
// this is where the PostgreSQL back end turns it into PostgreSQL's, so the difference lives in one place and
// module SQL is never written twice. Pure functions: tested in dialect_test.cc without a server.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jiceng::store::postgres {

// One statement of SQLite SQL as PostgreSQL runs it:
//  - parameters `?N` and `?` become `$N`;
//  - types: INTEGER → BIGINT (SQLite's integers are 64-bit), `INTEGER PRIMARY KEY` → an identity column, BLOB →
//    BYTEA, REAL → DOUBLE PRECISION; `WITHOUT ROWID` and AUTOINCREMENT are dropped;
//  - `INSERT OR IGNORE` → `INSERT … ON CONFLICT DO NOTHING`;
//  - functions: instr → strpos, IFNULL → COALESCE, and julianday, date, json_each → the jiceng_* functions the
//    back end defines (postgres_store.cc, kCompatFunctions);
//  - `BEGIN` (a read snapshot) → `BEGIN ISOLATION LEVEL REPEATABLE READ`; PRAGMA (SQLite tuning) → "" (nothing).
//  - `CREATE TRIGGER … BEGIN … END` → a PL/pgSQL function and a row trigger calling it (TriggerToPostgres).
// SQLite constructs with no faithful translation (INSERT OR REPLACE, GLOB, rowid) throw std::invalid_argument
// naming the construct, so a module's SQL that would behave differently fails its first test on PostgreSQL.
std::string ToPostgres(std::string_view sql);

// How many parameters the translated statement has (the highest $N).
int ParameterCount(std::string_view postgres_sql);
// Which of $1 … $ParameterCount the statement uses ([0] is $1): SQLite lets a statement skip a number, PostgreSQL
// then cannot infer the skipped one's type, so the back end declares those as text.
std::vector<bool> ParametersUsed(std::string_view postgres_sql);

// Splits a script into statements at semicolons outside literals, comments and trigger bodies.
std::vector<std::string> SplitStatements(std::string_view script);

// For `DROP TRIGGER [IF EXISTS] name`: the trigger's name (PostgreSQL needs its table too, which the back end looks
// up); empty for any other statement.
std::string DroppedTrigger(std::string_view sql);

// For an INSERT without RETURNING: the table it inserts into (the back end appends `RETURNING <identity column>`
// so that LastInsertId works as SQLite's); empty otherwise.
std::string InsertTable(std::string_view postgres_sql);

}  // namespace jiceng::store::postgres
