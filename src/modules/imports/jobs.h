// Import jobs of the web (导入任务): an uploaded file, its preview run on a
// background thread (rows done / total readable at any time), then its apply
// on another, with cancel at any point (an apply cancelled rolls back). A job
// belongs to the account that uploaded it; jobs expire 30 minutes after their
// last use and are bounded in number and size. JobStore is thread-safe; its
// destructor cancels and joins every running job.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/actor.h"
#include "modules/imports/run.h"

namespace jiceng::imports {

// Builds the job's Target on the connection of the thread that runs it.
using TargetFactory = std::function<std::unique_ptr<Target>(store::Connection&)>;

enum class JobState { kPreviewing, kReady, kApplying, kDone, kFailed, kCancelled };
const char* JobStateCode(JobState state);

struct JobLimits {
  size_t max_file_bytes = 20u << 20;
  size_t max_jobs = 32;             // in memory at once, all accounts
  size_t max_jobs_per_account = 4;  // the oldest finished one gives way
  std::chrono::seconds expiry{30 * 60};
};

struct Job {
  std::string id;
  int64_t account_id = 0;
  std::string kind, file_name, db_path;
  const Spec* spec = nullptr;
  Actor actor;
  Progress progress;
  // Guarded by mutex:
  mutable std::mutex mutex;
  JobState state = JobState::kPreviewing;
  Mode mode = Mode::kPreview;  // the apply's, once confirmed
  Report preview, result;
  Status error;  // kFailed: why
  std::chrono::steady_clock::time_point touched;
  // Set at creation, read by the threads:
  std::string bytes;
  TargetFactory make;
  std::function<void(store::Connection&)> after_write;  // the live roll-up, after an apply commits
  std::thread worker;
};

class JobStore {
 public:
  explicit JobStore(JobLimits limits = {}) : limits_(limits) {}
  ~JobStore();
  JobStore(const JobStore&) = delete;
  JobStore& operator=(const JobStore&) = delete;

  const JobLimits& limits() const { return limits_; }
  // Starts the preview of `bytes` on a new thread. Invalid when the file is too large or empty, Conflict when too
  // many jobs are open.
  Result<std::shared_ptr<Job>> Start(int64_t account_id, std::string kind, const Spec& spec, std::string file_name,
                                     std::string bytes, std::string db_path, Actor actor, TargetFactory make,
                                     std::function<void(store::Connection&)> after_write);
  // The account's job, or NotFound (another account's job does not exist for the caller).
  Result<std::shared_ptr<Job>> Find(int64_t account_id, const std::string& id);
  // Starts the apply of a previewed job. Conflict unless the job is ready; kAll with bad rows is refused.
  Status Confirm(Job& job, Mode mode);
  // Stops the job; an apply under way rolls back. Conflict when it has already finished.
  Status Cancel(Job& job);

 private:
  void Sweep();  // with mutex_ held: drops expired jobs
  void Launch(Job& job, Mode mode);

  JobLimits limits_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
};

}  // namespace jiceng::imports
