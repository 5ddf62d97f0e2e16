// Router: maps (method, path pattern) to handlers; also the JSON response helpers.
// Request and Response are plain values. Register every route before the server starts: Add is not
// thread-safe, while Dispatch is const and may run on many threads at once.
#pragma once

#include <functional>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include "core/status.h"

namespace jiceng::http {

struct Request {
  std::string method;                          // As sent, e.g. "GET"; methods are case-sensitive.
  std::string path;                            // Still percent-encoded, so an encoded '/' cannot split a segment.
  std::map<std::string, std::string> query;    // Decoded; the first of repeated keys wins.
  std::map<std::string, std::string> headers;  // Lower-case names; repeated fields joined with ", ".
  std::map<std::string, std::string> params;   // From {name} segments of the matched route, decoded.
  std::string body;
  std::string remote_address;  // Peer IP, without port.
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Written no sooner than this (a failed sign-in's answer is held so its time says nothing): the server waits on
  // a timer, so no worker thread is held meanwhile.
  std::optional<std::chrono::steady_clock::time_point> not_before;
};

using Handler = std::function<Response(const Request&)>;

// Where a route's handler runs. kWorker (the default): on the server's worker threads, which may wait for the
// database. kInline: on the connection's I/O thread — only for handlers that never wait (the health check, the
// web UI's files), so that they answer at once however busy the workers are.
enum class Lane { kWorker, kInline };

class Router {
 public:
  // `path` is like "/api/v1/orgs/{code}"; a {name} segment matches any one non-empty segment. When several
  // routes match, literal segments beat parameters, leftmost first. Throws std::invalid_argument for a
  // malformed pattern or a duplicate route: those are programming errors found at startup.
  void Add(std::string method, std::string path, Handler h, Lane lane = Lane::kWorker);
  // The lane of the route that would answer `request`: the matched route's; kInline for the fallback and for
  // the 404/405 answers, which wait for nothing.
  Lane LaneOf(const Request& request) const;
  // Unknown path: 404; path known under other methods only: 405 with an Allow header. Exceptions from the
  // handler propagate: the server catches them in one place.
  Response Dispatch(const Request& request) const;
  // Same, without copying the body; the server uses this one.
  Response Dispatch(Request&& request) const;
  // Answers GET requests that match no route (the web UI's files); without it they get 404.
  void SetFallback(Handler h) { fallback_ = std::move(h); }

 private:
  struct Segment {
    std::string text;  // Literal text, or the parameter name.
    bool is_param = false;
  };
  struct Route {
    std::string method;
    std::vector<Segment> segments;
    Handler handler;
    Lane lane = Lane::kWorker;
  };
  // The best route for `method` on the path split into `parts`; the other methods the path knows go to
  // `allowed` (if given).
  const Route* Match(const std::string& method, const std::vector<std::string_view>& parts,
                     std::vector<std::string_view>* allowed) const;
  std::vector<Route> routes_;
  Handler fallback_;
};

// THE one place that turns an error value into an HTTP status (invalid 400, not_found 404, conflict 409,
// forbidden 403, internal 500). Body: {"code":"invalid","message":"...","field":"..."}, field omitted
// when empty. Protocol-level errors (405, 413, 431) reuse it and then only refine `status`.
Response JsonError(const jiceng::Status& status);
Response Json(const boost::json::value& value, int status = 200);

inline constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// A file to save (Content-Disposition: attachment): `file_name` in UTF-8 (RFC 5987 filename*), `fallback` the
// ASCII name for clients without it; never cached. THE one way a route answers with a download.
Response Attachment(std::string body, std::string content_type, std::string_view file_name,
                    std::string_view fallback);

// application/x-www-form-urlencoded decoding: '+' is a space, bad %-escapes are kept as written.
std::map<std::string, std::string> ParseQuery(std::string_view query);
// Percent-decoding only ('+' stays '+'), as used for path segments.
std::string PercentDecode(std::string_view text);

}  // namespace jiceng::http
