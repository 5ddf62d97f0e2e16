// Date: a calendar date (no time of day), as used everywhere in jiceng.
// Dates are Asia/Shanghai calendar dates; stored and exchanged as "YYYY-MM-DD".
// A plain value type; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jiceng {

class Date {
 public:
  Date() = default;
  static std::optional<Date> FromYmd(int year, int month, int day);
  // Parses exactly "YYYY-MM-DD"; nullopt for anything else or an impossible day.
  static std::optional<Date> Parse(std::string_view text);
  static Date FromDays(int64_t days_since_epoch) { return Date(days_since_epoch); }
  // Today's date in Asia/Shanghai (UTC+8 all year; no daylight saving since 1991).
  // JICENG_TODAY=YYYY-MM-DD overrides it, so tests can move the calendar.
  static Date Today();

  int year() const;
  int month() const;
  int day() const;
  int64_t days() const { return days_; }
  Date AddDays(int64_t n) const { return Date(days_ + n); }
  std::string ToString() const;
  // Whole years from this date (a birth date) to `on`.
  int YearsUntil(Date on) const;

  friend bool operator==(Date a, Date b) { return a.days_ == b.days_; }
  friend bool operator!=(Date a, Date b) { return a.days_ != b.days_; }
  friend bool operator<(Date a, Date b) { return a.days_ < b.days_; }
  friend bool operator<=(Date a, Date b) { return a.days_ <= b.days_; }
  friend bool operator>(Date a, Date b) { return a.days_ > b.days_; }
  friend bool operator>=(Date a, Date b) { return a.days_ >= b.days_; }

 private:
  explicit Date(int64_t days) : days_(days) {}
  int64_t days_ = 0;  // days since 1970-01-01
};

// The current moment in Asia/Shanghai as "YYYY-MM-DDTHH:MM:SS+08:00", for records of who did what when.
std::string NowTimestamp();

// A moment as every export writes it: "YYYY-MM-DD HH:MM:SS" in Asia/Shanghai (2026-12-01 08:00:00), which Excel
// and WPS read as a date-time and sort. `timestamp` is ISO 8601 as jiceng stores moments — with a zone
// ("2026-12-01T08:00:00.123+08:00", "2026-12-01T00:00:00Z", converted) or without one (Shanghai time already),
// seconds optional. Anything else is returned as it is. The web writes the same moment with formatDateTime
// ("2026年12月1日 08:00", web/src/common/format.js).
std::string ExportDateTime(std::string_view timestamp);

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

// Validity intervals are [from, to); these stand for "since always" and "until further notice".
inline constexpr const char* kBeginningOfTime = "0001-01-01";
inline constexpr const char* kEndOfTime = "9999-12-31";

}  // namespace jiceng
