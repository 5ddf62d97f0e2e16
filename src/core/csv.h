// CsvReader: RFC 4180 records (quoted fields, "" for a quote, CRLF or LF, a
// UTF-8 byte-order mark skipped) from a file held in memory. Malformed input
// is an Invalid status naming the line. One reader per thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace jiceng {

class CsvReader {
 public:
  static Result<CsvReader> Open(const std::string& path);
  explicit CsvReader(std::string content);

  // Reads the next record into `fields`; false at the end of the input.
  Result<bool> Next(std::vector<std::string>* fields);
  // 1-based line where the last record read starts.
  int line() const { return record_line_; }

 private:
  std::string content_;
  size_t pos_ = 0;
  int line_ = 1;
  int record_line_ = 0;
};

}  // namespace jiceng
