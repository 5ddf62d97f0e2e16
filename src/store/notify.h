// Wake-ups across processes for whoever follows a table that writers append to (the roll-up's change log).
// PostgreSQL: a statement trigger calls pg_notify inside the writing transaction, so the notification goes out
// exactly when the write commits (and never for one rolled back); a Listener holds a libpq connection of its
// own that LISTENs. SQLite has nothing of the kind: NotifyOnInsert does nothing and Listen answers null, and
// followers poll the table as before. A Listener belongs to one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace jiceng::store {

class Listener {
 public:
  virtual ~Listener() = default;
  // Waits up to `timeout_ms` for a notification: true when one or more arrived (all pending ones are consumed),
  // false on timeout. A lost connection is a Fault; open a new Listener then.
  virtual bool Wait(int timeout_ms) = 0;
};

// (Re)creates the trigger that notifies `channel` when a transaction that inserted into `table` commits. Idempotent;
// nothing on SQLite. `table` and `channel` are identifiers of the program's own, never input.
void NotifyOnInsert(Connection& db, const std::string& table, const std::string& channel);

// A connection of its own LISTENing on `channel` of the database `target` names; null on SQLite (nothing to wait
// for: poll). Invalid("db") when the server cannot be reached.
Result<std::unique_ptr<Listener>> Listen(const std::string& target, const std::string& channel);

// The back end's own (store/postgres).
void PostgresNotifyOnInsert(Connection& db, const std::string& table, const std::string& channel);
Result<std::unique_ptr<Listener>> PostgresListen(const std::string& uri, const std::string& channel);

}  // namespace jiceng::store
