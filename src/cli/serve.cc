// jiceng serve: the HTTP server. Until the web platform lands it answers
// health and a JSON summary of the database.
#include <boost/json.hpp>
#include <iostream>

#include "cli/app.h"
#include "http/router.h"
#include "http/server.h"
#include "modules/org/json.h"
#include "modules/people/queries.h"

namespace jiceng::cli {
namespace {

struct ServeOptions {
  std::string db;
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;
  int threads = 0;
};

// Opens a connection per request: SQLite connections are cheap, and a
// connection is never shared between the pool's threads.
http::Response Summary(const std::string& path) {
  auto opened = OpenDatabase(path);
  if (!opened.ok()) return http::JsonError(opened.status());
  boost::json::object out = org::ToJson(org::OrgQueries(*opened->db).Stats(Date::Today())).as_object();
  boost::json::object by_status;
  int64_t total = 0;
  for (const auto& [status, n] : people::PeopleQueries(*opened->db, opened->cipher).CountByStatus()) {
    by_status[status] = n;
    total += n;
  }
  out["people"] = boost::json::object{{"total", total}, {"by_political_status", by_status}};
  out["service"] = "jiceng";
  return http::Json(out);
}

int RunServe(const ServeOptions& o) {
  {
    auto check = OpenDatabase(o.db);
    if (!check.ok()) return Fail(check.status());
  }
  http::Router router;
  router.Add("GET", "/api/v1/health", [](const http::Request&) {
    return http::Json(boost::json::object{{"status", "ok"}, {"service", "jiceng"}});
  });
  const std::string db = o.db;
  router.Add("GET", "/api/v1/summary", [db](const http::Request&) { return Summary(db); });
  router.Add("GET", "/", [db](const http::Request&) { return Summary(db); });
  http::ServerOptions options;
  options.bind = o.bind;
  options.port = o.port;
  options.threads = o.threads;
  http::Server server(options, std::move(router));
  Status started = server.Start();
  if (!started.ok()) return Fail(started);
  std::cout << "jiceng 已启动：http://" << o.bind << ":" << server.port() << "/（Ctrl+C 停止）" << std::endl;
  Status stopped = http::RunUntilSignal(server);
  if (!stopped.ok()) return Fail(stopped);
  std::cout << "jiceng 已停止" << std::endl;
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "启动 HTTP 服务");
  cmd->add_option("--db", o->db, "数据库文件")->required();
  cmd->add_option("--bind", o->bind, "监听地址（默认 127.0.0.1）");
  cmd->add_option("--port", o->port, "端口（默认 8080）");
  cmd->add_option("--threads", o->threads, "线程数（默认等于 CPU 核数）");
  cmd->callback([o, &exit_code] { exit_code = RunServe(*o); });
}

}  // namespace jiceng::cli
