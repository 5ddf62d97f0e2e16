// Checks a database before it is served or restored: readable and undamaged, made by jiceng with a schema this
// program knows, and opened with its own key file (a check value sealed with the key is kept in `meta`). They
// change nothing, except RecordKeyCheck. Plain functions over one Connection; thread-safe as that connection is.
#pragma once

#include "core/crypto.h"
#include "store/store.h"

namespace jiceng::store {

// The database's integrity (`full`: every index against its table; otherwise the quick structural check), that it
// has jiceng's tables, and that its schema version is one this program knows. Invalid("db") with the reason.
Status CheckDatabase(Connection& db, bool full);

// Whether `cipher` is the key of this database: Ok, Invalid("key_file") when it is another database's key, NotFound
// when the database has no check value yet (made before the check existed).
Status CheckKey(Connection& db, const FieldCipher& cipher);
// Records the check value of `cipher` (init does, and serve for a database made before the check existed).
void RecordKeyCheck(Connection& db, const FieldCipher& cipher);

}  // namespace jiceng::store
