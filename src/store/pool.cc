#include "store/pool.h"

namespace jiceng::store {

Result<std::unique_ptr<ConnectionPool>> ConnectionPool::Open(const std::string& path, int size) {
  auto pool = std::make_unique<ConnectionPool>();
  for (int i = 0; i < size; ++i) {
    auto db = store::Open(path, {});
    if (!db.ok()) return db.status();
    if (i == 0) Migrate(**db);
    pool->idle_.push_back(std::move(*db));
  }
  return pool;
}

ConnectionPool::Lease ConnectionPool::Acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty(); });
  auto db = std::move(idle_.back());
  idle_.pop_back();
  return Lease(*this, std::move(db));
}

void ConnectionPool::Release(std::unique_ptr<Connection> db) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(db));
  }
  available_.notify_one();
}

}  // namespace jiceng::store
