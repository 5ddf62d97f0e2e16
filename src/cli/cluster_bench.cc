// jiceng bench cluster: two `jiceng serve` processes on one database, as behind a reverse proxy. It signs in on the
// first, uses that session on the second (sessions are in the database), then N times changes a Party member's
// political status through the first (正式党员 ↔ 预备党员, so the data ends as it began) and reads the member's
// branch on the second's dashboard until the figure shows the write: the lag from the writer's answer to the other
// server's figure (an upper bound: the time until the answer of the first read that showed it arrived, so when the
// first read already shows it the lag is at most one read). Last, a sign-out on the second must end the session on
// the first. Bounded: each write waits at
// most --wait-ms for the other server, and the whole run stops after N writes. Prints JSON.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli/app.h"
#include "store/store.h"

extern char** environ;

namespace jiceng::cli {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Quantile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

// One `jiceng serve` child: started on `port` (0: any free one), its stdout read for the address it listens on.
class ServerProcess {
 public:
  ~ServerProcess() { Stop(); }

  Status Start(const std::string& executable, const std::string& db, int port) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) return Status::Internal("无法创建管道");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    std::vector<std::string> args = {executable, "serve",     "--db",   db,
                                     "--bind",   "127.0.0.1", "--port", std::to_string(port)};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int spawned = posix_spawn(&pid_, executable.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (spawned != 0) {
      ::close(out[0]);
      pid_ = 0;
      return Status::Internal("无法启动 jiceng serve：" + executable);
    }
    // The address line comes after the roll-up is built (seconds at a province's scale); then keep reading, so
    // that the child never blocks on a full pipe.
    std::string seen;
    char buffer[4096];
    for (;;) {
      const ssize_t n = ::read(out[0], buffer, sizeof buffer);
      if (n <= 0) {
        ::close(out[0]);
        return Status::Internal("jiceng serve 未能启动：" + seen);
      }
      seen.append(buffer, static_cast<size_t>(n));
      const size_t at = seen.find("http://127.0.0.1:");
      if (at != std::string::npos && seen.find('/', at + 17) != std::string::npos) {
        port_ = std::atoi(seen.c_str() + at + 17);
        break;
      }
    }
    drain_ = std::thread([fd = out[0]] {
      char sink[4096];
      while (::read(fd, sink, sizeof sink) > 0) {
      }
      ::close(fd);
    });
    return Status::Ok();
  }

  // SIGTERM and wait: the exit code (0 for a clean stop).
  int Stop() {
    int code = -1;
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
      code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      pid_ = 0;
    }
    if (drain_.joinable()) drain_.join();
    return code;
  }
  int port() const { return port_; }

 private:
  pid_t pid_ = 0;
  int port_ = 0;
  std::thread drain_;
};

struct Answer {
  int status = 0;
  std::string body, set_cookie;
};

// A keep-alive HTTP/1.1 client of one server, with the session cookie and CSRF token it is given.
class Client {
 public:
  explicit Client(int port) : port_(port), socket_(io_) {}
  std::string cookie, csrf;

  Answer Send(bhttp::verb verb, const std::string& target, const std::string& body = "") {
    for (int attempt = 0;; ++attempt) {
      try {
        if (!socket_.is_open()) {
          tcp::resolver resolver(io_);
          boost::asio::connect(socket_, resolver.resolve("127.0.0.1", std::to_string(port_)));
        }
        bhttp::request<bhttp::string_body> request(verb, target, 11);
        request.set(bhttp::field::host, "127.0.0.1");
        request.set(bhttp::field::content_type, "application/json");
        if (!cookie.empty()) request.set(bhttp::field::cookie, cookie);
        if (!csrf.empty() && verb != bhttp::verb::get) request.set("X-CSRF-Token", csrf);
        request.body() = body;
        request.prepare_payload();
        bhttp::write(socket_, request);
        beast::flat_buffer buffer;
        bhttp::response<bhttp::string_body> response;
        bhttp::read(socket_, buffer, response);
        Answer a{static_cast<int>(response.result_int()), response.body(), ""};
        if (auto c = response.find(bhttp::field::set_cookie); c != response.end())
          a.set_cookie = std::string(c->value());
        if (!response.keep_alive()) socket_.close();
        return a;
      } catch (const std::exception&) {
        socket_ = tcp::socket(io_);  // the server closed an idle connection: once more on a new one
        if (attempt > 0) throw;
      }
    }
  }

 private:
  int port_;
  boost::asio::io_context io_;
  tcp::socket socket_;
};

std::optional<boost::json::object> JsonObject(const Answer& a) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(a.body, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return v.as_object();
}

std::string SelfExecutable(const std::string& fallback) {
  char path[4096];
  const ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) return fallback;
  path[n] = '\0';
  return path;
}

struct ClusterOptions {
  std::string db;
  int requests = 200;
  int port = 0;
  int wait_ms = 5000;
  std::string login = "demo_golmud";
  std::string password = "Demo#2026pass";
  bool json = false;
};

int RunClusterBenchOrThrow(const ClusterOptions& o, const std::string& executable) {
  if (o.requests < 1 || o.requests > 100000) return Fail(Status::Invalid("requests", "写入次数应在 1 到 100000 之间"));
  const auto started = Clock::now();
  ServerProcess a, b;
  if (Status st = a.Start(executable, o.db, o.port); !st.ok()) return Fail(st);
  if (Status st = b.Start(executable, o.db, o.port == 0 ? 0 : o.port + 1); !st.ok()) return Fail(st);
  const double start_seconds = Ms(Clock::now() - started) / 1000;
  Client writer(a.port()), reader(b.port());

  // Signed in on the first server; the same session answers on the second.
  boost::json::object credentials{{"login", o.login}, {"password", o.password}};
  Answer signed_in = writer.Send(bhttp::verb::post, "/api/v1/session", boost::json::serialize(credentials));
  auto session = JsonObject(signed_in);
  if (signed_in.status != 200 || !session) {
    return Fail(Status::Invalid("login", "无法以 " + o.login + " 登录第一台服务（" + std::to_string(signed_in.status) +
                                             "）：用 --login 与 --password 指定演示库中的组织部账号"));
  }
  writer.cookie = reader.cookie = signed_in.set_cookie.substr(0, signed_in.set_cookie.find(';'));
  writer.csrf = reader.csrf = std::string(session->at("csrf_token").as_string());
  if (session->at("must_change_password").as_bool()) {
    return Fail(Status::Invalid("login", o.login + " 须先修改密码：请换一个账号或先登录网页修改"));
  }
  const bool session_shared = reader.Send(bhttp::verb::get, "/api/v1/session").status == 200;
  if (!session_shared) return Fail(Status::Internal("第一台服务的会话在第二台上无效"));

  // A full member of the account's subtree, and its branch: the figure read is the branch's 正式党员.
  Answer listed =
      reader.Send(bhttp::verb::get, "/api/v1/people?status=%E6%AD%A3%E5%BC%8F%E5%85%9A%E5%91%98&page_size=1");
  auto people = JsonObject(listed);
  if (listed.status != 200 || !people || people->at("items").as_array().empty()) {
    return Fail(Status::NotFound("people", "账号范围内没有正式党员，无法测试"));
  }
  const auto& person = people->at("items").as_array()[0].as_object();
  const int64_t person_id = person.at("id").as_int64();
  const std::string org = std::string(person.at("org_code").as_string());
  auto members_full = [&](Client& c) -> int64_t {
    Answer d = c.Send(bhttp::verb::get, "/api/v1/dashboard?org=" + org);
    auto j = JsonObject(d);
    if (d.status != 200 || !j) throw std::runtime_error("dashboard: " + std::to_string(d.status) + " " + d.body);
    return j->at("totals").as_object().at("members_full").to_number<int64_t>();
  };
  const int64_t full_before = members_full(reader);

  std::vector<double> lag_ms, write_ms, reads, read_ms;
  int missed = 0, first_read = 0;
  bool probationary = false;
  auto set_status = [&](bool to_probationary) {
    boost::json::object change{{"political_status", to_probationary ? "预备党员" : "正式党员"}};
    return writer.Send(bhttp::verb::patch, "/api/v1/people/" + std::to_string(person_id),
                       boost::json::serialize(change));
  };
  for (int i = 0; i < o.requests; ++i) {
    probationary = !probationary;
    const int64_t expected = full_before - (probationary ? 1 : 0);
    const auto sent = Clock::now();
    Answer written = set_status(probationary);
    const auto acknowledged = Clock::now();
    if (written.status != 200) {
      return Fail(Status::Internal("写入被拒绝（" + std::to_string(written.status) + "）：" + written.body));
    }
    write_ms.push_back(Ms(acknowledged - sent));
    int n = 0;
    bool seen = false;
    while (!seen && Clock::now() - acknowledged < std::chrono::milliseconds(o.wait_ms)) {
      ++n;
      const auto asked = Clock::now();
      seen = members_full(reader) == expected;
      read_ms.push_back(Ms(Clock::now() - asked));
    }
    if (seen && n == 1) ++first_read;
    const auto shown = Clock::now();
    if (!seen) {
      ++missed;
      continue;
    }
    lag_ms.push_back(Ms(shown - acknowledged));
    reads.push_back(n);
  }
  if (probationary) set_status(false);  // the member as found
  const bool restored = members_full(reader) == full_before;

  // Sign-out on the second server ends the session on the first.
  const int signed_out = reader.Send(bhttp::verb::delete_, "/api/v1/session").status;
  const bool sign_out_shared = signed_out == 204 && writer.Send(bhttp::verb::get, "/api/v1/session").status == 401;
  const int exit_a = a.Stop(), exit_b = b.Stop();

  double reads_total = 0;
  for (double r : reads) reads_total += r;
  boost::json::object out{
      {"back_end", store::IsServerDatabase(o.db) ? "postgresql" : "sqlite"},
      {"servers", 2},
      {"requests", o.requests},
      {"lag_ms",
       boost::json::object{
           {"p50", Quantile(lag_ms, 0.5)}, {"p99", Quantile(lag_ms, 0.99)}, {"max", Quantile(lag_ms, 1.0)}}},
      {"write_ms", boost::json::object{{"p50", Quantile(write_ms, 0.5)}, {"p99", Quantile(write_ms, 0.99)}}},
      {"read_ms", boost::json::object{{"p50", Quantile(read_ms, 0.5)}, {"p99", Quantile(read_ms, 0.99)}}},
      {"shown_by_the_first_read", first_read},
      {"reads_per_write",
       boost::json::object{{"mean", reads.empty() ? 0.0 : reads_total / static_cast<double>(reads.size())},
                           {"max", Quantile(reads, 1.0)}}},
      {"not_seen_within_wait", missed},
      {"wait_ms", o.wait_ms},
      {"session_shared", session_shared},
      {"sign_out_shared", sign_out_shared},
      {"data_restored", restored},
      {"server_exit_codes", boost::json::array{exit_a, exit_b}},
      {"start_seconds", start_seconds},
      {"wall_seconds", Ms(Clock::now() - started) / 1000},
      {"figure", "正式党员 of " + org + " on the second server's GET /api/v1/dashboard"},
  };
  PrintJson(out);
  return missed == 0 && sign_out_shared && restored && exit_a == 0 && exit_b == 0 ? kExitOk : kExitFault;
}

int RunClusterBench(const ClusterOptions& o, const std::string& executable) {
  try {
    return RunClusterBenchOrThrow(o, executable);
  } catch (const std::exception& e) {  // a server that stopped answering, an answer not as expected
    return Fail(Status::Internal(std::string("集群测试中断：") + e.what()));
  }
}

}  // namespace

void AddClusterBench(CLI::App& bench, int& exit_code, const std::string& executable) {
  auto o = std::make_shared<ClusterOptions>();
  CLI::App* cmd = bench.add_subcommand(
      "cluster", "两台 jiceng serve 连同一数据库：经第一台写入，在第二台读到为止，输出延迟（JSON）");
  cmd->add_option("--db", o->db, "数据库：SQLite 文件路径或 postgresql:// 连接串（演示库）")->required();
  cmd->add_option("--requests", o->requests, "写入次数（默认 200；正式党员与预备党员来回改，最后改回）");
  cmd->add_option("--port", o->port, "第一台服务的端口，第二台用下一个（默认 0：任选空闲端口）");
  cmd->add_option("--wait-ms", o->wait_ms, "每次写入后最多等第二台多少毫秒（默认 5000）");
  cmd->add_option("--login", o->login, "组织部演示账号（默认 demo_golmud）");
  cmd->add_option("--password", o->password, "其密码（默认 Demo#2026pass，即 init --demo-password 常用的那个）");
  cmd->add_flag("--json", o->json, "以 JSON 输出（结果总是 JSON）");
  cmd->callback([o, &exit_code, executable] { exit_code = RunClusterBench(*o, SelfExecutable(executable)); });
}

}  // namespace jiceng::cli
