#include "http/server.h"

#include <map>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "http/router.h"

namespace jiceng::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using Tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::chrono::seconds kClientDeadline{5};

// A blocking client for tests. Each call runs a private io_context until the operation completes; the
// stream's deadline bounds every call, so a broken server fails a test instead of hanging it.
class Client {
 public:
  explicit Client(unsigned short port) : stream_(ioc_) {
    stream_.expires_after(kClientDeadline);
    stream_.async_connect(Tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                          [this](beast::error_code ec) { error_ = ec; });
    Run();
  }

  beast::error_code error() const { return error_; }

  beast::error_code Write(bhttp::request<bhttp::string_body>& request) {
    stream_.expires_after(kClientDeadline);
    bhttp::async_write(stream_, request, [this](beast::error_code ec, std::size_t) { error_ = ec; });
    Run();
    return error_;
  }

  beast::error_code WriteHeader(bhttp::request_serializer<bhttp::string_body>& serializer) {
    stream_.expires_after(kClientDeadline);
    bhttp::async_write_header(stream_, serializer, [this](beast::error_code ec, std::size_t) { error_ = ec; });
    Run();
    return error_;
  }

  beast::error_code WriteRest(bhttp::request_serializer<bhttp::string_body>& serializer) {
    stream_.expires_after(kClientDeadline);
    bhttp::async_write(stream_, serializer, [this](beast::error_code ec, std::size_t) { error_ = ec; });
    Run();
    return error_;
  }

  bhttp::response<bhttp::string_body> Read() {
    bhttp::response<bhttp::string_body> response;
    stream_.expires_after(kClientDeadline);
    bhttp::async_read(stream_, buffer_, response, [this](beast::error_code ec, std::size_t) { error_ = ec; });
    Run();
    return response;
  }

  // An answer to HEAD: its header says how long the body would be, and no body follows.
  bhttp::response<bhttp::string_body> ReadHead() {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.skip(true);
    stream_.expires_after(kClientDeadline);
    bhttp::async_read(stream_, buffer_, parser, [this](beast::error_code ec, std::size_t) { error_ = ec; });
    Run();
    return parser.release();
  }

  bhttp::response<bhttp::string_body> Send(bhttp::request<bhttp::string_body> request) {
    if (Write(request)) return {};
    return Read();
  }

  // True when the server has closed its side: the next read ends cleanly or is reset, without data.
  bool PeerClosed() {
    char byte;
    std::size_t got = 0;
    stream_.expires_after(kClientDeadline);
    stream_.async_read_some(asio::buffer(&byte, 1), [&](beast::error_code ec, std::size_t n) {
      error_ = ec;
      got = n;
    });
    Run();
    return got == 0 && error_ && error_ != beast::error::timeout;
  }

 private:
  void Run() {
    error_ = {};
    ioc_.restart();
    ioc_.run();
  }

  asio::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  beast::error_code error_;
};

bhttp::request<bhttp::string_body> MakeRequest(bhttp::verb verb, const std::string& target, std::string body = "") {
  bhttp::request<bhttp::string_body> request{verb, target, 11};
  request.set(bhttp::field::host, "127.0.0.1");
  request.keep_alive(true);
  if (!body.empty()) request.set(bhttp::field::content_type, "application/json");
  request.body() = std::move(body);
  request.prepare_payload();
  return request;
}

json::object BodyOf(const bhttp::response<bhttp::string_body>& response) {
  return json::parse(response.body()).as_object();
}

std::string Str(const json::value& value) { return std::string(value.as_string().c_str()); }

Router MakeRouter() {
  Router router;
  router.Add("GET", "/api/v1/health", [](const Request&) { return Json(json::object{{"status", "ok"}}); });
  router.Add("GET", "/api/v1/orgs/{code}", [](const Request& r) {
    return Json(json::object{{"code", r.params.at("code")}});
  });
  router.Add("GET", "/api/v1/orgs/new", [](const Request&) { return Json(json::object{{"literal", true}}); });
  router.Add("GET", "/api/v1/orgs/{code}/people/{id}", [](const Request& r) {
    return Json(json::object{{"code", r.params.at("code")}, {"id", r.params.at("id")}});
  });
  router.Add("GET", "/api/v1/query", [](const Request& r) {
    json::object query;
    for (const auto& [key, value] : r.query) query[key] = value;
    return Json(query);
  });
  router.Add("POST", "/api/v1/echo", [](const Request& r) {
    auto header = r.headers.find("x-test");
    return Json(json::object{{"method", r.method},
                             {"body", r.body},
                             {"remote", r.remote_address},
                             {"x_test", header == r.headers.end() ? "" : header->second}},
                201);
  });
  router.Add("GET", "/api/v1/missing",
             [](const Request&) { return JsonError(Status::NotFound("code", "未找到该组织")); });
  router.Add("GET", "/api/v1/boom", [](const Request&) -> Response { throw std::runtime_error("boom"); });
  router.Add("GET", "/api/v1/slow", [](const Request&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return Json(json::object{{"slow", true}});
  });
  return router;
}

class ServerTest : public ::testing::Test {
 protected:
  void StartServer(ServerOptions options = {}) {
    options.bind = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    server_ = std::make_unique<Server>(options, MakeRouter());
    Status status = server_->Start();
    ASSERT_TRUE(status.ok()) << status.ToString();
    ASSERT_NE(server_->port(), 0);
  }

  std::unique_ptr<Server> server_;
};

TEST(RouterTest, JsonErrorMapsEveryCode) {
  EXPECT_EQ(JsonError(Status::Invalid("name", "x")).status, 400);
  EXPECT_EQ(JsonError(Status::NotFound("", "x")).status, 404);
  EXPECT_EQ(JsonError(Status::Conflict("", "x")).status, 409);
  EXPECT_EQ(JsonError(Status::Forbidden("x")).status, 403);
  EXPECT_EQ(JsonError(Status::Internal("x")).status, 500);
  EXPECT_EQ(JsonError(Status::Ok()).status, 500);

  json::object with_field = json::parse(JsonError(Status::Invalid("name", "姓名不能为空")).body).as_object();
  EXPECT_EQ(Str(with_field.at("code")), "invalid");
  EXPECT_EQ(Str(with_field.at("message")), "姓名不能为空");
  EXPECT_EQ(Str(with_field.at("field")), "name");
  json::object without_field = json::parse(JsonError(Status::Forbidden("无权操作")).body).as_object();
  EXPECT_EQ(Str(without_field.at("code")), "forbidden");
  EXPECT_FALSE(without_field.contains("field"));
}

TEST(RouterTest, ParseQueryDecodes) {
  auto query = ParseQuery("q=%E7%AB%BA&x=a+b&empty=&flag&bad=%zz%4&q=second&=nokey");
  EXPECT_EQ(query.at("q"), "\xE7\xAB\xBA");  // "竺"; the first of a repeated key wins.
  EXPECT_EQ(query.at("x"), "a b");
  EXPECT_EQ(query.at("empty"), "");
  EXPECT_EQ(query.at("flag"), "");
  EXPECT_EQ(query.at("bad"), "%zz%4");
  EXPECT_EQ(query.size(), 5u);
  EXPECT_EQ(PercentDecode("a+b%2Fc"), "a+b/c");
}

TEST(RouterTest, RejectsMalformedAndDuplicateRoutes) {
  Router router;
  router.Add("GET", "/a/{id}", [](const Request&) { return Response{}; });
  EXPECT_THROW(router.Add("GET", "/a/{other}", [](const Request&) { return Response{}; }), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "no-slash", [](const Request&) { return Response{}; }), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "/a/{id", [](const Request&) { return Response{}; }), std::invalid_argument);
  EXPECT_NO_THROW(router.Add("PUT", "/a/{id}", [](const Request&) { return Response{}; }));
}

TEST_F(ServerTest, HealthReturnsJson) {
  StartServer();
  Client client(server_->port());
  ASSERT_FALSE(client.error()) << client.error().message();
  auto response = client.Send(MakeRequest(bhttp::verb::get, "/api/v1/health"));
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response[bhttp::field::content_type], "application/json; charset=utf-8");
  EXPECT_EQ(response["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(response[bhttp::field::cache_control], "no-store");
  EXPECT_EQ(Str(BodyOf(response).at("status")), "ok");
}

TEST_F(ServerTest, HeadIsGetWithoutTheBody) {
  StartServer();
  Client client(server_->port());
  auto get = client.Send(MakeRequest(bhttp::verb::get, "/api/v1/health"));
  ASSERT_EQ(get.result_int(), 200);
  auto head_request = MakeRequest(bhttp::verb::head, "/api/v1/health");
  ASSERT_FALSE(client.Write(head_request));
  auto head = client.ReadHead();
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(head.result_int(), 200);
  EXPECT_EQ(head[bhttp::field::content_length], std::to_string(get.body().size()));
  EXPECT_EQ(head[bhttp::field::content_type], "application/json; charset=utf-8");
  EXPECT_TRUE(head.body().empty());
  auto unknown = MakeRequest(bhttp::verb::head, "/api/v1/nothing");
  ASSERT_FALSE(client.Write(unknown));
  EXPECT_EQ(client.ReadHead().result_int(), 404);
  // No stray body bytes on the connection: the next answer on it reads cleanly.
  auto again = client.Send(MakeRequest(bhttp::verb::get, "/api/v1/health"));
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(Str(BodyOf(again).at("status")), "ok");
}

TEST_F(ServerTest, PathParametersAreExtracted) {
  StartServer();
  Client client(server_->port());
  auto response = client.Send(MakeRequest(bhttp::verb::get, "/api/v1/orgs/4401%20X"));
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(Str(BodyOf(response).at("code")), "4401 X");

  response = client.Send(MakeRequest(bhttp::verb::get, "/api/v1/orgs/new"));
  EXPECT_TRUE(BodyOf(response).at("literal").as_bool());  // A literal segment beats {code}.

  response = client.Send(MakeRequest(bhttp::verb::get, "/api/v1/orgs/44/people/7"));
  EXPECT_EQ(Str(BodyOf(response).at("code")), "44");
  EXPECT_EQ(Str(BodyOf(response).at("id")), "7");
}

TEST_F(ServerTest, QueryStringIsDecoded) {
  StartServer();
  Client client(server_->port());
  auto response = client.Send(MakeRequest(bhttp::verb::get, "/api/v1/query?q=%E7%AB%BA&x=a+b"));
  ASSERT_EQ(response.result_int(), 200);
  json::object body = BodyOf(response);
  EXPECT_EQ(Str(body.at("q")), "\xE7\xAB\xBA");  // "竺"
  EXPECT_EQ(Str(body.at("x")), "a b");
}

TEST_F(ServerTest, UnknownPathIsJson404) {
  StartServer();
  Client client(server_->port());
  auto response = client.Send(MakeRequest(bhttp::verb::get, "/api/v1/nothing"));
  EXPECT_EQ(response.result_int(), 404);
  json::object body = BodyOf(response);
  EXPECT_EQ(Str(body.at("code")), "not_found");
  EXPECT_EQ(Str(body.at("message")), "未找到该地址");
  EXPECT_FALSE(body.contains("field"));
  EXPECT_EQ(response[bhttp::field::cache_control], "no-store");

  response = client.Send(MakeRequest(bhttp::verb::get, "/api/v1/missing"));  // A handler's own error.
  EXPECT_EQ(response.result_int(), 404);
  EXPECT_EQ(Str(BodyOf(response).at("field")), "code");
}

TEST_F(ServerTest, WrongMethodIs405) {
  StartServer();
  Client client(server_->port());
  auto response = client.Send(MakeRequest(bhttp::verb::post, "/api/v1/health", "{}"));
  EXPECT_EQ(response.result_int(), 405);
  EXPECT_EQ(response[bhttp::field::allow], "GET");
  json::object body = BodyOf(response);
  EXPECT_EQ(Str(body.at("code")), "invalid");
  EXPECT_EQ(Str(body.at("message")), "不支持该请求方法");
}

TEST_F(ServerTest, EchoSeesBodyHeadersAndPeer) {
  StartServer();
  Client client(server_->port());
  auto request = MakeRequest(bhttp::verb::post, "/api/v1/echo", R"({"name":"张三"})");
  request.set("X-Test", "yes");
  auto response = client.Send(request);
  EXPECT_EQ(response.result_int(), 201);
  json::object body = BodyOf(response);
  EXPECT_EQ(Str(body.at("method")), "POST");
  EXPECT_EQ(Str(body.at("body")), R"({"name":"张三"})");
  EXPECT_EQ(Str(body.at("x_test")), "yes");
  EXPECT_EQ(Str(body.at("remote")), "127.0.0.1");
}

TEST_F(ServerTest, BodyOverLimitIs413ThenClose) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  StartServer(options);
  {
    Client client(server_->port());
    auto response = client.Send(MakeRequest(bhttp::verb::post, "/api/v1/echo", std::string(1024, 'a')));
    EXPECT_EQ(response.result_int(), 201);  // At the limit is fine.
  }
  Client client(server_->port());
  auto response = client.Send(MakeRequest(bhttp::verb::post, "/api/v1/echo", std::string(64 * 1024, 'a')));
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(response.result_int(), 413);
  EXPECT_FALSE(response.keep_alive());
  json::object body = BodyOf(response);
  EXPECT_EQ(Str(body.at("code")), "invalid");
  EXPECT_EQ(Str(body.at("message")), "请求体过大");
  EXPECT_TRUE(client.PeerClosed());
}

TEST_F(ServerTest, ChunkedBodyOverLimitIs413) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  StartServer(options);
  Client client(server_->port());
  auto request = MakeRequest(bhttp::verb::post, "/api/v1/echo");
  request.body() = std::string(8 * 1024, 'a');
  request.chunked(true);
  auto response = client.Send(request);
  EXPECT_EQ(response.result_int(), 413);
  EXPECT_TRUE(client.PeerClosed());
}

TEST_F(ServerTest, HeaderOverLimitIs431ThenClose) {
  ServerOptions options;
  options.max_header_bytes = 1024;
  StartServer(options);
  Client client(server_->port());
  auto request = MakeRequest(bhttp::verb::get, "/api/v1/health");
  request.set("X-Big", std::string(4096, 'b'));
  auto response = client.Send(request);
  EXPECT_EQ(response.result_int(), 431);
  EXPECT_EQ(Str(BodyOf(response).at("message")), "请求头过大");
  EXPECT_TRUE(client.PeerClosed());
}

TEST_F(ServerTest, ExpectContinueGetsInterimResponse) {
  StartServer();
  Client client(server_->port());
  auto request = MakeRequest(bhttp::verb::post, "/api/v1/echo", std::string(2000, 'c'));
  request.set(bhttp::field::expect, "100-continue");
  bhttp::request_serializer<bhttp::string_body> serializer(request);
  ASSERT_FALSE(client.WriteHeader(serializer));
  auto interim = client.Read();
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(interim.result_int(), 100);
  ASSERT_FALSE(client.WriteRest(serializer));
  auto response = client.Read();
  EXPECT_EQ(response.result_int(), 201);
  EXPECT_EQ(Str(BodyOf(response).at("body")).size(), 2000u);
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  StartServer();
  Client client(server_->port());
  auto first = client.Send(MakeRequest(bhttp::verb::get, "/api/v1/health"));
  ASSERT_FALSE(client.error());
  EXPECT_EQ(first.result_int(), 200);
  EXPECT_TRUE(first.keep_alive());
  auto second = client.Send(MakeRequest(bhttp::verb::get, "/api/v1/orgs/12"));
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(second.result_int(), 200);
  EXPECT_EQ(Str(BodyOf(second).at("code")), "12");
}

TEST_F(ServerTest, HandlerExceptionIs500AndServerKeepsServing) {
  StartServer();
  Client client(server_->port());
  auto response = client.Send(MakeRequest(bhttp::verb::get, "/api/v1/boom"));
  EXPECT_EQ(response.result_int(), 500);
  json::object body = BodyOf(response);
  EXPECT_EQ(Str(body.at("code")), "internal");
  EXPECT_EQ(Str(body.at("message")), "服务器内部错误");
  EXPECT_EQ(response.body().find("boom"), std::string::npos);  // Details stay in the log.

  auto again = client.Send(MakeRequest(bhttp::verb::get, "/api/v1/health"));  // Same connection.
  EXPECT_EQ(again.result_int(), 200);
  Client other(server_->port());
  EXPECT_EQ(other.Send(MakeRequest(bhttp::verb::get, "/api/v1/health")).result_int(), 200);
}

TEST_F(ServerTest, StopIsPromptWithIdleKeepAliveConnection) {
  StartServer();  // Default 30 s timeout: Stop must not wait for it.
  Client client(server_->port());
  ASSERT_EQ(client.Send(MakeRequest(bhttp::verb::get, "/api/v1/health")).result_int(), 200);
  Clock::time_point start = Clock::now();
  server_->Stop();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
  EXPECT_TRUE(client.PeerClosed());
  server_->Stop();  // Idempotent.
  server_->Wait();  // Returns at once once stopped.
  Client late(server_->port());
  EXPECT_TRUE(late.error());
}

TEST_F(ServerTest, StopLetsInFlightRequestFinish) {
  StartServer();
  Client client(server_->port());
  auto request = MakeRequest(bhttp::verb::get, "/api/v1/slow");
  ASSERT_FALSE(client.Write(request));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // The handler is now sleeping.
  std::thread stopper([this] { server_->Stop(); });
  auto response = client.Read();
  stopper.join();
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_FALSE(response.keep_alive());
}

// A free loopback port with `threads` I/O threads and `workers` worker threads.
ServerOptions OnLoopback(int threads, int workers) {
  ServerOptions options;
  options.bind = "127.0.0.1";
  options.port = 0;
  options.threads = threads;
  options.workers = workers;
  return options;
}

// Regression (issue #10 §2): sixteen slow list requests of one province account kept /health waiting 10–22 s,
// because every handler ran on the few I/O threads. Worker handlers are now held on a gate that opens only
// after the inline route has answered: the answer cannot have waited for them.
TEST(ServerLanesTest, InlineRoutesAnswerWhileEveryWorkerIsBusy) {
  std::mutex mu;
  std::condition_variable cv;
  bool open = false;
  std::atomic<int> started{0}, finished{0};
  Router router;
  router.Add("GET", "/api/v1/health", [](const Request&) { return Json(json::object{{"status", "ok"}}); },
             Lane::kInline);
  router.Add("GET", "/api/v1/list", [&](const Request&) {
    ++started;
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return open; });
    ++finished;
    return Json(json::object{{"items", json::array{}}});
  });
  Server server(OnLoopback(2, 2), std::move(router));
  ASSERT_TRUE(server.Start().ok());
  std::vector<std::unique_ptr<Client>> lists;
  for (int i = 0; i < 6; ++i) {  // more than the workers: they are all busy and more wait in the queue
    lists.push_back(std::make_unique<Client>(server.port()));
    auto request = MakeRequest(bhttp::verb::get, "/api/v1/list");
    ASSERT_FALSE(lists.back()->Write(request));
  }
  for (int i = 0; i < 500 && started.load() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(started.load(), 2) << "both workers hold a request";
  Client health(server.port());
  auto request = MakeRequest(bhttp::verb::get, "/api/v1/health");
  ASSERT_FALSE(health.Write(request));
  auto answer = health.Read();
  ASSERT_FALSE(health.error()) << health.error().message();
  EXPECT_EQ(answer.result_int(), 200);
  EXPECT_EQ(finished.load(), 0) << "the health check was answered while every worker was busy";
  {
    std::lock_guard lock(mu);
    open = true;
  }
  cv.notify_all();
  for (auto& client : lists) {
    auto response = client->Read();
    ASSERT_FALSE(client->error()) << client->error().message();
    EXPECT_EQ(response.result_int(), 200);
  }
  EXPECT_EQ(finished.load(), 6);
  server.Stop();
}

// A failed sign-in's answer is held for a fixed time (so that its time says nothing); holding it must not hold a
// worker: with the only worker's answer held for two seconds, another worker route is answered meanwhile.
TEST(ServerLanesTest, HeldAnswersDoNotHoldAWorker) {
  const auto hold = std::chrono::seconds(2);
  std::chrono::steady_clock::time_point held_until;
  Router router;
  router.Add("GET", "/api/v1/held", [&](const Request&) {
    Response response = Json(json::object{{"held", true}});
    held_until = std::chrono::steady_clock::now() + hold;
    response.not_before = held_until;
    return response;
  });
  router.Add("GET", "/api/v1/quick", [](const Request&) { return Json(json::object{{"quick", true}}); });
  Server server(OnLoopback(1, 1), std::move(router));
  ASSERT_TRUE(server.Start().ok());
  Client held(server.port());
  auto first = MakeRequest(bhttp::verb::get, "/api/v1/held");
  ASSERT_FALSE(held.Write(first));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the handler has returned; its answer waits
  Client quick(server.port());
  auto second = MakeRequest(bhttp::verb::get, "/api/v1/quick");
  ASSERT_FALSE(quick.Write(second));
  auto quick_answer = quick.Read();
  const auto quick_at = std::chrono::steady_clock::now();
  ASSERT_FALSE(quick.error()) << quick.error().message();
  EXPECT_EQ(quick_answer.result_int(), 200);
  EXPECT_LT(quick_at, held_until) << "the other request was answered while the first answer was held";
  auto held_answer = held.Read();
  ASSERT_FALSE(held.error()) << held.error().message();
  EXPECT_EQ(held_answer.result_int(), 200);
  EXPECT_GE(std::chrono::steady_clock::now(), held_until) << "the held answer went out no sooner than asked";
  server.Stop();
}

TEST_F(ServerTest, StartFailsWhenPortIsTaken) {
  StartServer();
  ServerOptions options;
  options.bind = "127.0.0.1";
  options.port = server_->port();
  options.threads = 1;
  Server second(options, MakeRouter());
  Status status = second.Start();
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInvalid);
  EXPECT_NE(status.message().find("无法监听"), std::string::npos) << status.message();
  second.Wait();  // Never started: returns at once.

  options.bind = "not-an-address";
  Server third(options, MakeRouter());
  EXPECT_EQ(third.Start().field(), "bind");
}

TEST_F(ServerTest, RunUntilSignalStopsOnSigterm) {
  struct sigaction initial {};
  sigaction(SIGTERM, nullptr, &initial);
  if (initial.sa_handler != SIG_DFL) GTEST_SKIP() << "SIGTERM is not at its default disposition";
  StartServer();
  std::atomic<bool> sent{false};
  // Signal only once RunUntilSignal has installed its handler; a SIGTERM before that would end the test binary.
  std::thread killer([this, &sent] {
    Clock::time_point deadline = Clock::now() + std::chrono::seconds(5);
    while (Clock::now() < deadline) {
      struct sigaction current {};
      sigaction(SIGTERM, nullptr, &current);
      if (current.sa_handler != SIG_DFL) {
        sent = true;
        kill(getpid(), SIGTERM);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    server_->Stop();  // Keeps the test bounded if the handler never appears.
  });
  Status status = RunUntilSignal(*server_);
  killer.join();
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_TRUE(sent);
  Client late(server_->port());
  EXPECT_TRUE(late.error());
}

TEST_F(ServerTest, RunUntilSignalReturnsWhenStoppedElsewhere) {
  StartServer();
  std::thread stopper([this] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server_->Stop();
  });
  EXPECT_TRUE(RunUntilSignal(*server_).ok());
  stopper.join();
  EXPECT_FALSE(RunUntilSignal(*server_).ok());  // No longer running.
}

}  // namespace
}  // namespace jiceng::http

// Every download (ledgers, exports, templates, evidence) is one Attachment: the UTF-8 name percent-encoded in
// filename*, an ASCII fallback, never cached.
TEST(AttachmentTest, NamesTheFileInUtf8WithAnAsciiFallbackAndIsNotCached) {
  auto answer = jiceng::http::Attachment("bytes", jiceng::http::kXlsxType, "格尔木市 台账.xlsx", "ledger.xlsx");
  EXPECT_EQ(answer.body, "bytes");
  EXPECT_EQ(answer.content_type, jiceng::http::kXlsxType);
  std::map<std::string, std::string> headers(answer.headers.begin(), answer.headers.end());
  EXPECT_EQ(headers["Content-Disposition"],
            "attachment; filename=\"ledger.xlsx\"; filename*=UTF-8''"
            "%E6%A0%BC%E5%B0%94%E6%9C%A8%E5%B8%82%20%E5%8F%B0%E8%B4%A6.xlsx");
  EXPECT_EQ(headers["Cache-Control"], "private, no-store");
}
