#include "http/server.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace jiceng::http {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;  // Plain `http` would be this namespace.
using Tcp = boost::asio::ip::tcp;

// After an error response the client may still be sending the rejected body. Closing with unread input makes
// the kernel send RST, which can destroy our response before the client reads it, so we read and discard
// for a short while first.
constexpr std::chrono::seconds kLingerTime{2};
// Slows the accept loop down when accepting fails persistently (e.g. out of file descriptors).
constexpr std::chrono::milliseconds kAcceptBackoff{100};

void Log(const std::string& line) {
  // One fprintf per line keeps lines from different threads whole.
  std::fprintf(stderr, "jiceng http: %s\n", line.c_str());
}

std::string ToString(beast::string_view text) { return std::string(text.data(), text.size()); }

bool IsJson(const std::string& content_type) { return content_type.find("json") != std::string::npos; }

int ThreadCount(const ServerOptions& options) {
  if (options.threads > 0) return options.threads;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

class Session;

// What sessions need from the server. Outlives every session: see the member order of Server::Impl.
struct Shared {
  Shared(ServerOptions o, Router r) : options(std::move(o)), router(std::move(r)) {}
  const ServerOptions options;
  const Router router;
  asio::thread_pool* workers = nullptr;  // Set by Start before the first connection; outlives every session.
  std::mutex mu;
  std::condition_variable drained;  // Signalled when `sessions` becomes empty.
  // Written under mu so accept cannot race Stop's snapshot of `sessions`; atomic so a response being
  // written can read it without the lock and announce the close.
  std::atomic<bool> stopping{false};
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;  // Guarded by mu.
};

// One connection. Every member function runs on the connection's strand; the session keeps itself alive by
// handing shared_from_this() to each pending operation, and dies when the last one completes.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Tcp::socket&& socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {
    beast::error_code ec;
    Tcp::endpoint peer = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_address_ = peer.address().to_string();
  }

  ~Session() {
    std::lock_guard lock(shared_.mu);
    shared_.sessions.erase(this);
    if (shared_.sessions.empty()) shared_.drained.notify_all();
  }

  asio::any_io_executor executor() { return stream_.get_executor(); }

  void Run() { asio::dispatch(executor(), beast::bind_front_handler(&Session::ReadHeader, shared_from_this())); }

  // The server is stopping. Waiting for a request that has not begun is idle, so close now; a request that
  // is partly received or being answered gets finished first, then the connection closes.
  void Shutdown() {
    stopping_ = true;
    bool idle = state_ == State::kReading && parser_ && !parser_->got_some() && buffer_.size() == 0;
    if (idle || state_ == State::kLingering) stream_.cancel();
  }

 private:
  enum class State { kNew, kReading, kHandling, kWriting, kLingering };

  void ReadHeader() {
    if (stopping_) return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(shared_.options.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    parser_->body_limit(static_cast<std::uint64_t>(shared_.options.max_body_bytes));
    state_ = State::kReading;
    stream_.expires_after(shared_.options.timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    if (ec) return OnReadError(ec);
    // curl and others hold the body back for a second unless told to go on.
    if (!parser_->is_done() && beast::iequals(parser_->get()[bhttp::field::expect], "100-continue")) {
      continue_.emplace(bhttp::status::continue_, parser_->get().version());
      state_ = State::kWriting;
      stream_.expires_after(shared_.options.timeout);
      bhttp::async_write(stream_, *continue_, beast::bind_front_handler(&Session::OnContinue, shared_from_this()));
      return;
    }
    ReadBody();
  }

  void OnContinue(beast::error_code ec, std::size_t) {
    continue_.reset();
    if (ec) return;
    ReadBody();
  }

  void ReadBody() {
    state_ = State::kReading;
    if (parser_->is_done()) return Handle();
    stream_.expires_after(shared_.options.timeout);
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, std::size_t) {
    if (ec) return OnReadError(ec);
    Handle();
  }

  void OnReadError(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream) return Close();
    if (ec == bhttp::error::body_limit) return WriteError(413, Status::Invalid("", "请求体过大"));
    if (ec == bhttp::error::header_limit) return WriteError(431, Status::Invalid("", "请求头过大"));
    bool malformed = ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
                     ec != bhttp::error::partial_message;
    if (malformed) return WriteError(400, Status::Invalid("", "请求格式错误"));
    // Timeouts, resets and cancellation by Stop: nobody is listening for an answer.
  }

  void Handle() {
    bhttp::request<bhttp::string_body> message = parser_->release();
    Request request;
    request.method = ToString(message.method_string());
    // HEAD is answered as GET without the body (RFC 9110 §9.3.2): the same status and headers, Content-Length
    // included, so that monitors and proxies probing the server get the truth.
    const bool head = message.method() == bhttp::verb::head;
    if (head) request.method = "GET";
    std::string_view target(message.target().data(), message.target().size());
    std::size_t question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) request.query = ParseQuery(target.substr(question + 1));
    for (const auto& field : message) {
      std::string name = ToString(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto [it, inserted] = request.headers.emplace(std::move(name), ToString(field.value()));
      if (!inserted) (it->second += ", ") += ToString(field.value());
    }
    request.body = std::move(message.body());
    request.remote_address = remote_address_;

    const unsigned version = message.version();
    const bool keep_alive = message.keep_alive();
    if (shared_.workers == nullptr || shared_.router.LaneOf(request) == Lane::kInline) {
      Respond(Answer(shared_, std::move(request)), version, keep_alive, head);
      return;
    }
    // On a worker; the answer is written back on this connection's strand. The session stays alive (and
    // counted by Stop) until then, and reads nothing more meanwhile.
    state_ = State::kHandling;
    // A tracked executor counts as outstanding work: the I/O threads keep running (Stop's drain included) until
    // the answer is posted back, although no operation of this connection is pending meanwhile.
    auto back = asio::prefer(executor(), asio::execution::outstanding_work.tracked);
    asio::post(*shared_.workers, [self = shared_from_this(), back, request = std::move(request), version, keep_alive,
                                  head]() mutable {
      Response response = Answer(self->shared_, std::move(request));
      asio::post(back, [self, response = std::move(response), version, keep_alive, head]() mutable {
        self->Respond(std::move(response), version, keep_alive, head);
      });
    });
  }

  // Writes the answer, after waiting on a timer if it asks to go out no sooner than a given time.
  void Respond(Response response, unsigned version, bool keep_alive, bool head) {
    if (response.not_before && *response.not_before > std::chrono::steady_clock::now()) {
      state_ = State::kHandling;
      delay_.emplace(executor());
      delay_->expires_at(*response.not_before);
      delay_->async_wait([self = shared_from_this(), response = std::move(response), version, keep_alive,
                          head](beast::error_code) mutable {
        self->delay_.reset();
        self->Write(std::move(response), version, keep_alive, /*linger=*/false, head);
      });
      return;
    }
    Write(std::move(response), version, keep_alive, /*linger=*/false, head);
  }

  // Calls the handler. The single place handler exceptions (store faults, bugs) are caught: they never reach the
  // user. Touches no session state, so it may run on any thread.
  static Response Answer(Shared& shared, Request request) {
    std::string what = request.method + " " + request.path;
    Response response;
    try {
      response = shared.router.Dispatch(std::move(request));
    } catch (const std::exception& e) {
      Log("处理 " + what + " 时出现异常：" + e.what());
      response = JsonError(Status::Internal("服务器内部错误"));
    } catch (...) {
      Log("处理 " + what + " 时出现未知异常");
      response = JsonError(Status::Internal("服务器内部错误"));
    }
    if (response.status < 100 || response.status > 599) {
      Log("处理 " + what + " 时返回了无效状态码 " + std::to_string(response.status));
      response = JsonError(Status::Internal("服务器内部错误"));
    }
    return response;
  }

  // The request was not read completely, so the connection cannot be reused.
  void WriteError(int http_status, const Status& status) {
    Response response = JsonError(status);
    response.status = http_status;
    unsigned version = parser_ && parser_->is_header_done() ? parser_->get().version() : 11;
    Write(std::move(response), version, /*keep_alive=*/false, /*linger=*/true);
  }

  void Write(Response response, unsigned version, bool keep_alive, bool linger, bool head = false) {
    response_.emplace();
    bhttp::response<bhttp::string_body>& res = *response_;
    res.version(version);
    res.result(static_cast<unsigned>(response.status));
    res.set(bhttp::field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) res.insert(name, value);
    res.set("X-Content-Type-Options", "nosniff");
    if (IsJson(response.content_type) && res.find(bhttp::field::cache_control) == res.end()) {
      res.set(bhttp::field::cache_control, "no-store");
    }
    res.body() = std::move(response.body);
    // Shutdown() cannot run while a handler holds the strand, so consult the server directly.
    res.keep_alive(keep_alive && !stopping_ && !shared_.stopping.load());
    if (head) {
      res.content_length(res.body().size());
      res.body().clear();
    } else {
      res.prepare_payload();
    }
    close_after_write_ = !res.keep_alive();
    linger_ = linger;
    state_ = State::kWriting;
    stream_.expires_after(shared_.options.timeout);
    bhttp::async_write(stream_, res, beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, std::size_t) {
    response_.reset();
    if (ec) return;
    if (close_after_write_ || stopping_) return linger_ ? Linger() : Close();
    ReadHeader();
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(Tcp::socket::shutdown_send, ec);
    // The socket closes when the last reference to the session goes.
  }

  void Linger() {
    Close();
    if (stopping_) return;
    state_ = State::kLingering;
    buffer_.clear();
    stream_.expires_after(std::min<std::chrono::seconds>(kLingerTime, shared_.options.timeout));
    Drain();
  }

  void Drain() {
    // The deadline set in Linger is absolute, so it bounds the whole drain, not each read.
    stream_.async_read_some(buffer_.prepare(16 * 1024), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (!ec) self->Drain();
    });
  }

  beast::tcp_stream stream_;
  Shared& shared_;
  std::string remote_address_;
  beast::flat_buffer buffer_;  // Kept across requests: it may already hold the next pipelined one.
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::empty_body>> continue_;
  std::optional<bhttp::response<bhttp::string_body>> response_;
  std::optional<asio::steady_timer> delay_;  // holds an answer until its not_before
  State state_ = State::kNew;
  bool stopping_ = false;
  bool close_after_write_ = false;
  bool linger_ = false;
};

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, Router router)
      : shared_(std::move(options), std::move(router)),
        ioc_(ThreadCount(shared_.options)),
        acceptor_(asio::make_strand(ioc_)),
        backoff_(acceptor_.get_executor()) {}

  ~Impl() { Stop(); }

  Status Start() {
    std::lock_guard lock(life_mu_);
    if (life_ != Life::kNew) return Status::Invalid("", "服务器已经启动过，不能再次启动");
    const ServerOptions& options = shared_.options;
    beast::error_code ec;
    asio::ip::address address = asio::ip::make_address(options.bind, ec);
    if (ec) return Status::Invalid("bind", "监听地址无效：" + options.bind);
    Tcp::endpoint endpoint(address, options.port);
    std::string where = options.bind + ":" + std::to_string(options.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (!ec) port_ = acceptor_.local_endpoint(ec).port();
    if (ec) {
      beast::error_code ignored;
      acceptor_.close(ignored);
      return Status::Invalid("port", "无法监听 " + where + "（" + ec.message() + "），端口可能已被占用");
    }
    work_.emplace(ioc_.get_executor());
    workers_.emplace(static_cast<std::size_t>(options.workers > 0 ? options.workers : ThreadCount(options)));
    shared_.workers = &*workers_;
    Accept();  // No pool thread runs yet, so touching the acceptor here needs no strand.
    int count = ThreadCount(options);
    for (int i = 0; i < count; ++i) threads_.emplace_back([this] { RunLoop(); });
    life_ = Life::kRunning;
    return Status::Ok();
  }

  unsigned short port() const { return port_.load(); }

  void Stop() {
    std::unique_lock life_lock(life_mu_);
    if (life_ == Life::kNew || life_ == Life::kStopped) return;
    if (life_ == Life::kStopping) {
      life_cv_.wait(life_lock, [this] { return life_ == Life::kStopped; });
      return;
    }
    life_ = Life::kStopping;
    life_lock.unlock();

    std::vector<std::weak_ptr<Session>> sessions;
    {
      std::lock_guard lock(shared_.mu);
      shared_.stopping = true;
      for (auto& [raw, weak] : shared_.sessions) sessions.push_back(weak);
    }
    asio::post(acceptor_.get_executor(), [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
      backoff_.cancel();
    });
    for (std::weak_ptr<Session>& weak : sessions) {
      if (std::shared_ptr<Session> session = weak.lock()) {
        asio::post(session->executor(), [session] { session->Shutdown(); });
      }
    }
    sessions.clear();
    work_.reset();  // From now on the pool threads return once the last connection is gone.

    bool drained;
    {
      std::unique_lock lock(shared_.mu);
      drained = shared_.drained.wait_for(lock, shared_.options.timeout + std::chrono::seconds(1),
                                         [this] { return shared_.sessions.empty(); });
    }
    if (!drained) {
      Log("停止时仍有连接未完成，强制关闭");
      ioc_.stop();
    }
    for (std::thread& thread : threads_) thread.join();
    threads_.clear();
    // Handlers still running (only if the drain timed out) finish; what they post to the stopped io_context
    // is destroyed with it.
    if (workers_) workers_->join();

    life_lock.lock();
    life_ = Life::kStopped;
    life_cv_.notify_all();
  }

  void Wait() {
    std::unique_lock life_lock(life_mu_);
    life_cv_.wait(life_lock, [this] { return life_ == Life::kNew || life_ == Life::kStopped; });
  }

  bool running() {
    std::lock_guard lock(life_mu_);
    return life_ == Life::kRunning;
  }

 private:
  enum class Life { kNew, kRunning, kStopping, kStopped };

  void RunLoop() {
    for (;;) {
      try {
        ioc_.run();
        return;
      } catch (const std::exception& e) {
        Log(std::string("事件循环异常：") + e.what());
      }
    }
  }

  void Accept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           [this](beast::error_code ec, Tcp::socket socket) { OnAccept(ec, std::move(socket)); });
  }

  void OnAccept(beast::error_code ec, Tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
      Log("接受连接失败：" + ec.message());
      backoff_.expires_after(kAcceptBackoff);
      backoff_.async_wait([this](beast::error_code wait_ec) {
        if (!wait_ec && acceptor_.is_open()) Accept();
      });
      return;
    }
    auto session = std::make_shared<Session>(std::move(socket), shared_);
    bool accepted;
    {
      std::lock_guard lock(shared_.mu);
      accepted = !shared_.stopping;
      if (accepted) shared_.sessions.emplace(session.get(), session);
    }
    if (!accepted) return;  // Stop already took its list of sessions; this one just closes.
    session->Run();
    Accept();
  }

  // Member order matters: destroying ioc_ destroys any handlers still queued, whose sessions then
  // unregister from shared_, so shared_ must be destroyed after ioc_.
  Shared shared_;
  asio::io_context ioc_;
  Tcp::acceptor acceptor_;
  asio::steady_timer backoff_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::vector<std::thread> threads_;
  // After ioc_, so destroyed first: a handler it still holds may own the last reference to a session, whose
  // destructor needs shared_.
  std::optional<asio::thread_pool> workers_;
  std::atomic<unsigned short> port_{0};

  std::mutex life_mu_;
  std::condition_variable life_cv_;
  Life life_ = Life::kNew;  // Guarded by life_mu_.
};

Server::Server(ServerOptions options, Router router)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router))) {}

Server::~Server() = default;

Status Server::Start() { return impl_->Start(); }
unsigned short Server::port() const { return impl_->port(); }
void Server::Stop() { impl_->Stop(); }
void Server::Wait() { impl_->Wait(); }

Status RunUntilSignal(Server& server) {
  if (!server.impl_->running()) return Status::Invalid("", "服务器尚未启动");
  asio::io_context ioc(1);
  asio::signal_set signals(ioc);
  beast::error_code ec;
  signals.add(SIGINT, ec);
  if (!ec) signals.add(SIGTERM, ec);
  if (ec) return Status::Internal("无法安装信号处理：" + ec.message());
  signals.async_wait([&server](beast::error_code wait_ec, int signal_number) {
    if (wait_ec) return;
    Log("收到信号 " + std::to_string(signal_number) + "，正在停止服务器");
    server.Stop();
  });
  // Also return when something else stops the server.
  std::thread waiter([&server, &ioc] {
    server.Wait();
    ioc.stop();
  });
  ioc.run();
  waiter.join();
  return Status::Ok();
}

}  // namespace jiceng::http
