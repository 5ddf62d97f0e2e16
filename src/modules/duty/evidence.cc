#include "modules/duty/evidence.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

namespace jiceng::duty {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string Extension(const std::string& name) {
  auto dot = name.find_last_of('.');
  return dot == std::string::npos ? "" : Lower(name.substr(dot + 1));
}

bool StartsWith(const std::string& bytes, std::string_view magic) {
  return bytes.size() >= magic.size() && bytes.compare(0, magic.size(), magic) == 0;
}

}  // namespace

Result<std::string> CheckEvidence(const std::string& file_name, const std::string& bytes) {
  if (file_name.empty() || file_name.size() > 255 || file_name.find('/') != std::string::npos ||
      file_name.find('\0') != std::string::npos) {
    return Status::Invalid("file", "文件名无效");
  }
  if (bytes.empty()) return Status::Invalid("file", "文件为空");
  if (bytes.size() > kMaxEvidenceBytes) return Status::Invalid("file", "文件不能超过 10 MB");
  const std::string ext = Extension(file_name);
  struct Kind {
    std::string_view ext;
    std::string_view magic;
    const char* type;
  };
  static const std::array<Kind, 11> kKinds = {{
      {"jpg", "\xFF\xD8\xFF", "image/jpeg"},
      {"jpeg", "\xFF\xD8\xFF", "image/jpeg"},
      {"png", "\x89PNG\r\n\x1A\n", "image/png"},
      {"pdf", "%PDF-", "application/pdf"},
      {"doc", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "application/msword"},
      {"xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "application/vnd.ms-excel"},
      {"ppt", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "application/vnd.ms-powerpoint"},
      {"docx", "PK\x03\x04", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"xlsx", "PK\x03\x04", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"pptx", "PK\x03\x04", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
      {"jfif", "\xFF\xD8\xFF", "image/jpeg"},
  }};
  for (const auto& k : kKinds) {
    if (ext != k.ext) continue;
    if (!StartsWith(bytes, k.magic)) return Status::Invalid("file", "文件内容与扩展名 ." + ext + " 不符");
    return std::string(k.type);
  }
  return Status::Invalid("file", "只能上传图片（JPG、PNG）、PDF 或 Office 文件（Word、Excel、PPT）");
}

std::string Sha256Hex(const std::string& bytes) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string EvidenceStore::PathOf(const std::string& sha256) const {
  return dir_ + "/" + sha256.substr(0, 2) + "/" + sha256;
}

Status EvidenceStore::Put(const std::string& sha256, const std::string& bytes) {
  const std::string path = PathOf(sha256);
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) return Status::Ok();  // the same content is already there
  ::mkdir(dir_.c_str(), 0700);
  ::mkdir((dir_ + "/" + sha256.substr(0, 2)).c_str(), 0700);
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return Status::Internal("无法保存文件");
  bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Status::Internal("无法保存文件");
  }
  return Status::Ok();
}

Result<std::string> EvidenceStore::Get(const std::string& sha256) const {
  std::ifstream in(PathOf(sha256), std::ios::binary);
  if (!in) return Status::NotFound("file", "文件不存在");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> MissingEvidence(store::Connection& db, const std::string& dir) {
  std::vector<std::string> missing;
  auto rows = db.Prepare("SELECT DISTINCT sha256 FROM duty_evidence ORDER BY sha256");
  while (rows->Step()) {
    const std::string sha256 = rows->Text(0);
    struct stat st {};
    if (sha256.size() < 2 || ::stat((dir + "/" + sha256.substr(0, 2) + "/" + sha256).c_str(), &st) != 0) {
      missing.push_back(sha256);
    }
  }
  return missing;
}

}  // namespace jiceng::duty
