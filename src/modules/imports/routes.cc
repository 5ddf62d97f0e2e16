#include "modules/imports/routes.h"

#include "core/text.h"
#include "modules/imports/files.h"
#include "modules/imports/json.h"

namespace jiceng::imports {
namespace {

using accounts::Guard;
using accounts::Principal;

http::Response XlsxFile(std::string bytes, const std::string& file_name) {
  return http::Attachment(std::move(bytes), http::kXlsxType, file_name, "import.xlsx");
}

// `?offset=&limit=` of the errors page: absent gives the default; anything but a whole number in range is refused,
// naming the parameter, rather than quietly read as something else.
Result<size_t> SizeParam(const http::Request& r, const char* key, size_t fallback, size_t min, size_t max,
                           const std::string& what) {
  std::string text = accounts::QueryValue(r, key);
  if (text.empty()) return fallback;
  const std::string range = max == SIZE_MAX ? "应为不小于 " + std::to_string(min) + " 的整数"
                                            : "应为 " + std::to_string(min) + "–" + std::to_string(max) + " 的整数";
  if (text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::Invalid(key, what + range);
  }
  const size_t value = std::stoul(text);
  if (value < min || value > max) return Status::Invalid(key, what + range);
  return value;
}

boost::json::object JobJson(const Job& job, size_t offset, size_t limit) {
  std::lock_guard lock(job.mutex);
  boost::json::object out{{"id", job.id},
                          {"kind", job.kind},
                          {"file_name", job.file_name},
                          {"state", JobStateCode(job.state)},
                          {"done", job.progress.done.load()},
                          {"total", job.progress.total.load()}};
  if (job.state != JobState::kPreviewing && !(job.state == JobState::kFailed && job.preview.header.empty())) {
    out["preview"] = ToJson(job.preview, offset, limit);
  }
  if (job.state == JobState::kDone) {
    out["mode"] = job.mode == Mode::kGoodOnly ? "good" : "all";
    out["result"] = ToJson(job.result, offset, limit);
  }
  if (job.state == JobState::kFailed) out["error"] = job.error.message();
  return out;
}

Result<std::shared_ptr<Job>> JobOf(JobStore& jobs, const http::Request& r, const Principal& p) {
  return jobs.Find(p.account_id, r.params.at("id"));
}

}  // namespace

std::shared_ptr<JobStore> SharedJobStore() {
  static std::mutex mutex;
  static std::weak_ptr<JobStore> current;
  std::lock_guard lock(mutex);
  auto store = current.lock();
  if (!store) {
    store = std::make_shared<JobStore>();
    current = store;
  }
  return store;
}

void AddKindRoutes(http::Router& router, accounts::WebContext& ctx, const Spec& spec,
                   std::function<Status(const Principal&)> can_import, MakeTarget make, MakeExample example) {
  auto jobs = SharedJobStore();
  const std::string base = "/api/v1/imports/" + spec.kind;
  router.Add("POST", base,
             Guard(ctx, [&ctx, &spec, jobs, can_import, make](const http::Request& r, const Principal& p,
                                                             store::Connection& db) {
               if (Status st = can_import(p); !st.ok()) return http::JsonError(st);
               auto name = r.headers.find("x-file-name");
               if (name == r.headers.end() || name->second.empty()) {
                 return http::JsonError(Status::Invalid("file", "缺少文件名（X-File-Name）"));
               }
               const std::string file_name = http::PercentDecode(name->second);
               if (Status st = CheckSingleLine("file", file_name, "文件名"); !st.ok()) return http::JsonError(st);
               auto factory = make(r, p, db);
               if (!factory.ok()) return http::JsonError(factory.status());
               auto job = jobs->Start(p.account_id, spec.kind, spec, file_name, r.body, db.Target(),
                                      accounts::ActorOf(p), std::move(*factory), ctx.after_write);
               if (!job.ok()) return http::JsonError(job.status());
               return http::Json(JobJson(**job, 0, 50), 202);
             }));
  router.Add("GET", base + "/template.xlsx",
             Guard(ctx, [&spec, can_import, example](const http::Request&, const Principal& p, store::Connection& db) {
               if (Status st = can_import(p); !st.ok()) return http::JsonError(st);
               auto bytes = TemplateXlsx(spec, example ? example(p, db) : std::map<std::string, std::string>{});
               if (!bytes.ok()) return http::JsonError(bytes.status());
               return XlsxFile(std::move(*bytes), spec.title + "导入模板.xlsx");
             }));
}

void AddJobRoutes(http::Router& router, accounts::WebContext& ctx) {
  auto jobs = SharedJobStore();
  router.Add("GET", "/api/v1/imports/jobs/{id}",
             Guard(ctx, [jobs](const http::Request& r, const Principal& p, store::Connection&) {
               auto job = JobOf(*jobs, r, p);
               if (!job.ok()) return http::JsonError(job.status());
               auto offset = SizeParam(r, "offset", 0, 0, SIZE_MAX, "起始行（offset）");
               if (!offset.ok()) return http::JsonError(offset.status());
               auto limit = SizeParam(r, "limit", 50, 1, 500, "每页错误条数（limit）");
               if (!limit.ok()) return http::JsonError(limit.status());
               return http::Json(JobJson(**job, *offset, *limit));
             }));
  router.Add("POST", "/api/v1/imports/jobs/{id}/confirm",
             Guard(ctx, [jobs](const http::Request& r, const Principal& p, store::Connection&) {
               auto job = JobOf(*jobs, r, p);
               if (!job.ok()) return http::JsonError(job.status());
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               auto mode = accounts::TypedField(*body, "mode", accounts::FieldType::kText);
               if (!mode.ok()) return http::JsonError(mode.status());
               if (*mode != "all" && *mode != "good") {
                 return http::JsonError(Status::Invalid("mode", "导入方式应为 all（全部导入）或 good（仅导入无误的行）"));
               }
               if (Status st = jobs->Confirm(**job, *mode == "all" ? Mode::kAll : Mode::kGoodOnly); !st.ok()) {
                 return http::JsonError(st);
               }
               return http::Json(JobJson(**job, 0, 50), 202);
             }));
  router.Add("POST", "/api/v1/imports/jobs/{id}/cancel",
             Guard(ctx, [jobs](const http::Request& r, const Principal& p, store::Connection&) {
               auto job = JobOf(*jobs, r, p);
               if (!job.ok()) return http::JsonError(job.status());
               if (Status st = jobs->Cancel(**job); !st.ok()) return http::JsonError(st);
               return http::Json(JobJson(**job, 0, 50));
             }));
  router.Add("GET", "/api/v1/imports/jobs/{id}/errors.xlsx",
             Guard(ctx, [jobs](const http::Request& r, const Principal& p, store::Connection&) {
               auto job = JobOf(*jobs, r, p);
               if (!job.ok()) return http::JsonError(job.status());
               Result<std::string> bytes = Status::Conflict("state", "预检还没有完成，请稍候");
               {
                 std::lock_guard lock((*job)->mutex);
                 const Report& report = (*job)->state == JobState::kDone ? (*job)->result : (*job)->preview;
                 if ((*job)->state != JobState::kPreviewing) bytes = ErrorsXlsx(*(*job)->spec, report);
               }
               if (!bytes.ok()) return http::JsonError(bytes.status());
               std::string stem = (*job)->file_name.substr(0, (*job)->file_name.rfind('.'));
               return XlsxFile(std::move(*bytes), stem + "-错误.xlsx");
             }));
}

}  // namespace jiceng::imports
