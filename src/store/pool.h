// ConnectionPool: a fixed set of connections to one database for the server's
// threads. Acquire() hands out a connection for the caller's exclusive use and
// waits if all are taken; the Lease gives it back when destroyed. Thread-safe.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/store.h"

namespace jiceng::store {

class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> db) : pool_(&pool), db_(std::move(db)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (db_) pool_->Release(std::move(db_));
    }
    Connection& operator*() { return *db_; }
    Connection* operator->() { return db_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> db_;
  };

  // Opens `size` connections to an existing database (migrating it first).
  static Result<std::unique_ptr<ConnectionPool>> Open(const std::string& path, int size);
  Lease Acquire();

 private:
  void Release(std::unique_ptr<Connection> db);

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace jiceng::store
