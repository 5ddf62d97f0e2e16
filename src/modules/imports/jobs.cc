#include "modules/imports/jobs.h"

#include <sodium.h>

#include <vector>

namespace jiceng::imports {
namespace {

std::string NewJobId() {
  unsigned char raw[16];
  randombytes_buf(raw, sizeof raw);
  static const char* kHex = "0123456789abcdef";
  std::string id;
  for (unsigned char b : raw) {
    id += kHex[b >> 4];
    id += kHex[b & 15];
  }
  return id;
}

bool Finished(JobState s) { return s == JobState::kDone || s == JobState::kFailed || s == JobState::kCancelled; }

void Stop(Job& job) {
  job.progress.cancel = true;
  if (job.worker.joinable()) job.worker.join();
}

}  // namespace

const char* JobStateCode(JobState state) {
  switch (state) {
    case JobState::kPreviewing: return "previewing";
    case JobState::kReady: return "ready";
    case JobState::kApplying: return "applying";
    case JobState::kDone: return "done";
    case JobState::kFailed: return "failed";
    case JobState::kCancelled: return "cancelled";
  }
  return "failed";
}

JobStore::~JobStore() {
  std::lock_guard lock(mutex_);
  for (auto& [id, job] : jobs_) Stop(*job);
}

void JobStore::Sweep() {
  const auto now = std::chrono::steady_clock::now();
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    bool expired;
    {
      std::lock_guard lock(it->second->mutex);
      expired = now - it->second->touched > limits_.expiry;
    }
    if (expired) {
      Stop(*it->second);
      it = jobs_.erase(it);
    } else {
      ++it;
    }
  }
}

// Runs one phase on the job's own connection (not one of the server's pooled ones, which stay free for requests).
void JobStore::Launch(Job& job, Mode mode) {
  if (job.worker.joinable()) job.worker.join();  // the preview's thread has finished
  job.worker = std::thread([&job, mode] {
    Status failed;
    Result<Report> report = Status::Internal("");
    try {
      auto db = store::Open(job.db_path, {});
      if (!db.ok()) {
        failed = db.status();
      } else {
        std::unique_ptr<Target> target = job.make(**db);
        RunOptions options{mode, job.file_name, job.actor, &job.progress};
        report = Run(*target, **db, job.bytes, options);
        if (report.ok() && report->applied && job.after_write) job.after_write(**db);
      }
    } catch (const std::exception& e) {
      failed = Status::Internal(std::string("导入时发生内部错误：") + e.what());
    }
    if (failed.ok() && !report.ok()) failed = report.status();
    std::lock_guard lock(job.mutex);
    job.touched = std::chrono::steady_clock::now();
    if (!failed.ok()) {
      job.state = JobState::kFailed;
      job.error = failed;
    } else if (report->cancelled) {
      job.state = JobState::kCancelled;
    } else if (mode == Mode::kPreview) {
      job.preview = std::move(*report);
      job.state = JobState::kReady;
    } else {
      job.result = std::move(*report);
      job.state = JobState::kDone;
    }
  });
}

Result<std::shared_ptr<Job>> JobStore::Start(int64_t account_id, std::string kind, const Spec& spec,
                                             std::string file_name, std::string bytes, std::string db_path,
                                             Actor actor, TargetFactory make,
                                             std::function<void(store::Connection&)> after_write) {
  if (bytes.empty()) return Status::Invalid("file", "上传的文件是空的");
  if (bytes.size() > limits_.max_file_bytes) {
    return Status::Invalid("file", "文件太大（" + std::to_string(bytes.size() >> 20) + " MB），导入文件不能超过 " +
                                       std::to_string(limits_.max_file_bytes >> 20) + " MB，请分成几个文件导入");
  }
  std::lock_guard lock(mutex_);
  Sweep();
  // The account's oldest finished job gives way to a new one; running ones do not.
  std::vector<std::string> mine;
  for (auto& [id, job] : jobs_) {
    if (job->account_id == account_id) mine.push_back(id);
  }
  if (mine.size() >= limits_.max_jobs_per_account) {
    std::string oldest;
    std::chrono::steady_clock::time_point when = std::chrono::steady_clock::time_point::max();
    for (const std::string& id : mine) {
      Job& job = *jobs_[id];
      std::lock_guard job_lock(job.mutex);
      if ((Finished(job.state) || job.state == JobState::kReady) && job.touched < when) {
        when = job.touched;
        oldest = id;
      }
    }
    if (oldest.empty()) return Status::Conflict("file", "您已有导入正在进行，请等它完成或取消后再上传");
    Stop(*jobs_[oldest]);
    jobs_.erase(oldest);
  }
  if (jobs_.size() >= limits_.max_jobs) return Status::Conflict("file", "服务器上的导入任务太多，请稍后再试");
  auto job = std::make_shared<Job>();
  job->id = NewJobId();
  job->account_id = account_id;
  job->kind = std::move(kind);
  job->spec = &spec;
  job->file_name = std::move(file_name);
  job->bytes = std::move(bytes);
  job->db_path = std::move(db_path);
  job->actor = std::move(actor);
  job->make = std::move(make);
  job->after_write = std::move(after_write);
  job->touched = std::chrono::steady_clock::now();
  jobs_[job->id] = job;
  Launch(*job, Mode::kPreview);
  return job;
}

Result<std::shared_ptr<Job>> JobStore::Find(int64_t account_id, const std::string& id) {
  std::lock_guard lock(mutex_);
  Sweep();
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->account_id != account_id) {
    return Status::NotFound("id", "没有这个导入任务（任务在 30 分钟不用后失效，请重新上传）");
  }
  std::lock_guard job_lock(it->second->mutex);
  it->second->touched = std::chrono::steady_clock::now();
  return it->second;
}

Status JobStore::Confirm(Job& job, Mode mode) {
  std::lock_guard lock(mutex_);  // one confirm at a time, and the worker is not swept meanwhile
  {
    std::lock_guard job_lock(job.mutex);
    if (job.state != JobState::kReady) {
      return Status::Conflict("state", job.state == JobState::kPreviewing ? "预检还没有完成，请稍候"
                                                                        : "该导入任务已经确认或已结束");
    }
    if (mode == Mode::kAll && job.preview.counts.failed > 0) {
      return Status::Conflict("mode", "有 " + std::to_string(job.preview.counts.failed) +
                                          " 行有误：请改正后重新上传，或选择“仅导入无误的行”");
    }
    if (job.preview.counts.added + job.preview.counts.updated == 0) {
      return Status::Conflict("mode", "没有可以导入的行");
    }
    job.state = JobState::kApplying;
    job.mode = mode;
    job.progress.done = 0;
    job.progress.cancel = false;  // a cancel that came too late for the preview is not one of the apply
  }
  Launch(job, mode);
  return Status::Ok();
}

Status JobStore::Cancel(Job& job) {
  std::lock_guard job_lock(job.mutex);
  if (Finished(job.state)) return Status::Conflict("state", "该导入任务已经结束，无法取消");
  job.progress.cancel = true;
  if (job.state == JobState::kReady) job.state = JobState::kCancelled;  // nothing runs
  return Status::Ok();
}

}  // namespace jiceng::imports
