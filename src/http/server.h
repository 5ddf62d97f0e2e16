// Server: HTTP/1.1 on Boost.Beast; a pool of I/O threads runs one io_context, and a pool of worker threads
// calls the Router's handlers (routes on Lane::kInline are called on the I/O thread: why — a flood of slow
// requests must never keep the health check or the web UI's files waiting). The Server owns its Router, sockets
// and threads. Handlers run concurrently, so they must be thread-safe. Start, Stop and Wait may be called from
// any thread except a handler (Stop joins the pools).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "core/status.h"
#include "http/router.h"

namespace jiceng::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;  // 0 picks a free port; see Server::port().
  int threads = 0;             // I/O threads; 0 = std::thread::hardware_concurrency().
  int workers = 0;             // Threads running Lane::kWorker handlers; 0 = as many as `threads`.
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::seconds timeout{30};  // Per read or write; also how long an idle keep-alive connection lives.
};

class Server {
 public:
  Server(ServerOptions options, Router router);
  ~Server();  // Stops if still running.
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the pool. Invalid (Chinese message) if the address cannot be bound.
  // A Server starts at most once.
  jiceng::Status Start();
  // The port actually bound; meaningful after a successful Start.
  unsigned short port() const;
  // Graceful: stop accepting, close idle connections, let requests already being received or answered
  // finish (bounded by the timeout), then join the pool. Idempotent.
  void Stop();
  // Blocks until Stop has finished; returns at once if the server never started.
  void Wait();

 private:
  friend jiceng::Status RunUntilSignal(Server& server);
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Runs until SIGINT or SIGTERM arrives (then stops gracefully) or until the server stops for another
// reason. Invalid if the server is not running.
jiceng::Status RunUntilSignal(Server& server);

}  // namespace jiceng::http
