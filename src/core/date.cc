#include "core/date.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace jiceng {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int* year, int* month, int* day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp + (mp < 10 ? 3 : -9);
  *year = static_cast<int>(y + (m <= 2));
  *month = static_cast<int>(m);
  *day = static_cast<int>(d);
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

std::optional<Date> Date::FromYmd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12) return std::nullopt;
  if (day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  return Date(DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

std::optional<Date> Date::Parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lengths[p]; ++i) {
      char c = text[static_cast<size_t>(starts[p] + i)];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  return FromYmd(parts[0], parts[1], parts[2]);
}

Date Date::Today() {
  if (const char* fixed = std::getenv("JICENG_TODAY")) {
    if (auto d = Parse(fixed)) return *d;
  }
  using namespace std::chrono;
  const int64_t secs = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
  const int64_t shanghai = secs + 8 * 3600;
  return Date(shanghai >= 0 ? shanghai / 86400 : (shanghai - 86399) / 86400);
}

std::string NowTimestamp() {
  using namespace std::chrono;
  const int64_t secs = duration_cast<seconds>(system_clock::now().time_since_epoch()).count() + 8 * 3600;
  const int64_t day = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  const int64_t rest = secs - day * 86400;
  char buf[48];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d+08:00", static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return Date::FromDays(day).ToString() + buf;
}

std::string ExportDateTime(std::string_view t) {
  // YYYY-MM-DD, then T or a space, HH:MM, optionally :SS and a fraction, then Z, ±HH:MM or nothing.
  auto digits = [&](size_t at, size_t n, int* out) {
    if (at + n > t.size()) return false;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      v = v * 10 + (t[i] - '0');
    }
    *out = v;
    return true;
  };
  int hour = 0, minute = 0, second = 0;
  auto date = Date::Parse(t.substr(0, 10));
  if (!date || t.size() < 16 || (t[10] != 'T' && t[10] != ' ') || !digits(11, 2, &hour) || t[13] != ':' ||
      !digits(14, 2, &minute) || hour > 23 || minute > 59) {
    return std::string(t);
  }
  size_t at = 16;
  if (at < t.size() && t[at] == ':') {
    if (!digits(at + 1, 2, &second) || second > 59) return std::string(t);
    at += 3;
    if (at < t.size() && t[at] == '.') {
      ++at;
      while (at < t.size() && t[at] >= '0' && t[at] <= '9') ++at;
    }
  }
  int offset_minutes = 8 * 60;  // no zone: Shanghai time
  if (at < t.size()) {
    int oh = 0, om = 0;
    if (t[at] == 'Z' && at + 1 == t.size()) {
      offset_minutes = 0;
    } else if ((t[at] == '+' || t[at] == '-') && at + 6 == t.size() && digits(at + 1, 2, &oh) && t[at + 3] == ':' &&
               digits(at + 4, 2, &om) && oh <= 14 && om <= 59) {
      offset_minutes = (t[at] == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
      return std::string(t);
    }
  }
  const int64_t shanghai = date->days() * 86400 + hour * 3600 + minute * 60 + second + (8 * 60 - offset_minutes) * 60;
  const int64_t day = shanghai >= 0 ? shanghai / 86400 : (shanghai - 86399) / 86400;
  const int64_t rest = shanghai - day * 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return Date::FromDays(day).ToString() + buf;
}

int Date::year() const {
  int y, m, d;
  CivilFromDays(days_, &y, &m, &d);
  return y;
}
int Date::month() const {
  int y, m, d;
  CivilFromDays(days_, &y, &m, &d);
  return m;
}
int Date::day() const {
  int y, m, d;
  CivilFromDays(days_, &y, &m, &d);
  return d;
}

std::string Date::ToString() const {
  int y, m, d;
  CivilFromDays(days_, &y, &m, &d);
  if (y < 0 || y > 9999) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
  }
  // By hand rather than snprintf: bulk loads format tens of millions of dates.
  std::string out = "0000-00-00";
  for (int i = 3; i >= 0; --i, y /= 10) out[static_cast<size_t>(i)] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + d / 10);
  out[9] = static_cast<char>('0' + d % 10);
  return out;
}

int Date::YearsUntil(Date on) const {
  int y1, m1, d1, y2, m2, d2;
  CivilFromDays(days_, &y1, &m1, &d1);
  CivilFromDays(on.days_, &y2, &m2, &d2);
  int years = y2 - y1;
  if (m2 < m1 || (m2 == m1 && d2 < d1)) --years;
  return years;
}

}  // namespace jiceng
