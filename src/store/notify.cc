#include "store/notify.h"

namespace jiceng::store {

void NotifyOnInsert(Connection& db, const std::string& table, const std::string& channel) {
  if (IsServerDatabase(db.Target())) PostgresNotifyOnInsert(db, table, channel);
}

Result<std::unique_ptr<Listener>> Listen(const std::string& target, const std::string& channel) {
  if (IsServerDatabase(target)) return PostgresListen(target, channel);
  return std::unique_ptr<Listener>();
}

}  // namespace jiceng::store
