#include "http/router.h"

#include <algorithm>
#include <stdexcept>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "core/text.h"

namespace jiceng::http {

namespace {

// Empty segments are dropped, so "/a//b/" matches "/a/b": no route here tells them apart.
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalid:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kConflict:
      return 409;
    case StatusCode::kForbidden:
      return 403;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kLocked:
      return 423;
    case StatusCode::kOk:  // An ok Status reaching here is a bug in the caller; do not report success.
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

}  // namespace

std::string PercentDecode(std::string_view text) { return Decode(text, false); }

std::map<std::string, std::string> ParseQuery(std::string_view query) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(start, end - start);
    if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      std::string key = Decode(pair.substr(0, eq), true);
      std::string value = eq == std::string_view::npos ? "" : Decode(pair.substr(eq + 1), true);
      if (!key.empty()) out.emplace(std::move(key), std::move(value));
    }
    start = end + 1;
  }
  return out;
}

Response Json(const boost::json::value& value, int status) {
  Response response;
  response.status = status;
  response.body = boost::json::serialize(value);
  return response;
}

Response JsonError(const jiceng::Status& status) {
  boost::json::object body;
  if (status.ok()) {
    body["code"] = StatusCodeName(StatusCode::kInternal);
    body["message"] = "服务器内部错误";
  } else {
    body["code"] = status.reason().empty() ? StatusCodeName(status.code()) : status.reason();
    body["message"] = status.message();
    if (!status.field().empty()) body["field"] = status.field();
  }
  return Json(body, HttpStatusFor(status.code()));
}

void Router::Add(std::string method, std::string path, Handler h, Lane lane) {
  if (method.empty() || path.empty() || path.front() != '/' || !h) {
    throw std::invalid_argument("http::Router::Add: bad route " + method + " " + path);
  }
  Route route;
  route.method = std::move(method);
  route.handler = std::move(h);
  route.lane = lane;
  for (std::string_view part : SplitPath(path)) {
    Segment segment;
    if (part.front() == '{') {
      if (part.size() < 3 || part.back() != '}') {
        throw std::invalid_argument("http::Router::Add: bad parameter in " + path);
      }
      segment.is_param = true;
      segment.text = std::string(part.substr(1, part.size() - 2));
    } else {
      segment.text = std::string(part);
    }
    route.segments.push_back(std::move(segment));
  }
  for (const Route& other : routes_) {
    if (other.method != route.method || other.segments.size() != route.segments.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < route.segments.size() && same; ++i) {
      const Segment& a = other.segments[i];
      const Segment& b = route.segments[i];
      same = a.is_param == b.is_param && (a.is_param || a.text == b.text);
    }
    if (same) throw std::invalid_argument("http::Router::Add: duplicate route " + route.method + " " + path);
  }
  routes_.push_back(std::move(route));
}

Response Router::Dispatch(const Request& request) const { return Dispatch(Request(request)); }

const Router::Route* Router::Match(const std::string& method, const std::vector<std::string_view>& parts,
                                   std::vector<std::string_view>* allowed) const {
  const Route* best = nullptr;
  std::vector<bool> best_rank;  // true = literal; compared lexicographically so literals win leftmost.
  for (const Route& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    std::vector<bool> rank(parts.size());
    bool match = true;
    for (std::size_t i = 0; i < parts.size() && match; ++i) {
      rank[i] = !route.segments[i].is_param;
      match = route.segments[i].is_param || route.segments[i].text == parts[i];
    }
    if (!match) continue;
    if (route.method != method) {
      if (allowed && std::find(allowed->begin(), allowed->end(), route.method) == allowed->end()) {
        allowed->push_back(route.method);
      }
      continue;
    }
    if (best == nullptr || best_rank < rank) {
      best = &route;
      best_rank = std::move(rank);
    }
  }
  return best;
}

Lane Router::LaneOf(const Request& request) const {
  const Route* route = Match(request.method, SplitPath(request.path), nullptr);
  return route ? route->lane : Lane::kInline;
}

Response Router::Dispatch(Request&& request) const {
  std::vector<std::string_view> parts = SplitPath(request.path);
  std::vector<std::string_view> allowed;
  const Route* best = Match(request.method, parts, &allowed);
  if (best == nullptr) {
    if (allowed.empty() && fallback_ && request.method == "GET") return fallback_(request);
    if (allowed.empty()) return JsonError(Status::NotFound("", "未找到该地址"));
    Response response = JsonError(Status::Invalid("", "不支持该请求方法"));
    response.status = 405;
    std::string allow;
    for (std::string_view method : allowed) (allow += allow.empty() ? "" : ", ") += method;
    response.headers.emplace_back("Allow", std::move(allow));
    return response;
  }
  std::map<std::string, std::string> params;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (best->segments[i].is_param) params[best->segments[i].text] = PercentDecode(parts[i]);
  }
  request.params = std::move(params);  // parts views into request.path, so assign only after the loop.
  return best->handler(request);
}

Response Attachment(std::string body, std::string content_type, std::string_view file_name,
                    std::string_view fallback) {
  Response answer;
  answer.content_type = std::move(content_type);
  answer.body = std::move(body);
  answer.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + std::string(fallback) +
                                                         "\"; filename*=UTF-8''" + PercentEncode(file_name));
  answer.headers.emplace_back("Cache-Control", "private, no-store");
  return answer;
}

}  // namespace jiceng::http
