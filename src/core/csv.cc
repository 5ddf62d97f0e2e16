#include "core/csv.h"

#include <fstream>
#include <sstream>

namespace jiceng {

Result<CsvReader> CsvReader::Open(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("csv", "无法读取文件：" + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return CsvReader(buffer.str());
}

CsvReader::CsvReader(std::string content) : content_(std::move(content)) {
  if (content_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
}

Result<bool> CsvReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  if (pos_ >= content_.size()) return false;
  record_line_ = line_;
  std::string field;
  const size_t n = content_.size();
  while (true) {
    if (pos_ < n && content_[pos_] == '"') {
      ++pos_;
      while (true) {
        if (pos_ >= n) {
          return Status::Invalid("csv", "第 " + std::to_string(record_line_) + " 行：引号未闭合");
        }
        char c = content_[pos_++];
        if (c == '"') {
          if (pos_ < n && content_[pos_] == '"') {
            field.push_back('"');
            ++pos_;
          } else {
            break;
          }
        } else {
          if (c == '\n') ++line_;
          field.push_back(c);
        }
      }
      if (pos_ < n && content_[pos_] != ',' && content_[pos_] != '\n' && content_[pos_] != '\r') {
        return Status::Invalid("csv", "第 " + std::to_string(record_line_) + " 行：引号后出现多余字符");
      }
    } else {
      size_t end = content_.find_first_of(",\r\n\"", pos_);
      if (end == std::string::npos) end = n;
      if (end < n && content_[end] == '"') {
        return Status::Invalid("csv", "第 " + std::to_string(record_line_) + " 行：未加引号的字段中出现引号");
      }
      field.append(content_, pos_, end - pos_);
      pos_ = end;
    }
    fields->push_back(std::move(field));
    field.clear();
    if (pos_ >= n) return true;
    char c = content_[pos_++];
    if (c == ',') continue;
    if (c == '\r' && pos_ < n && content_[pos_] == '\n') ++pos_;
    ++line_;
    return true;
  }
}

}  // namespace jiceng
