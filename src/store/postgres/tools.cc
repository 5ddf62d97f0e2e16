// pg_dump and pg_restore, run as child processes with their output captured (tools.h).
#include "store/postgres/tools.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

extern char** environ;

namespace jiceng::store::postgres {

Status RunTool(const std::vector<std::string>& args, std::string* output) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return Status::Internal("无法运行 " + args[0]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    return Status::Internal("找不到 " + args[0] + "：请安装 postgresql-client");
  }
  std::string text;
  char buffer[4096];
  for (;;) {
    ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (text.size() < (1 << 20)) text.append(buffer, static_cast<size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (output) *output = text;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    const size_t line = text.rfind('\n');
    const std::string last = line == std::string::npos ? text : text.substr(line + 1);
    return Status::Internal(args[0] + " 退出码 " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                            (last.empty() ? "" : "：" + last));
  }
  return Status::Ok();
}

Status CheckDump(const std::string& dump) {
  std::string listing;
  if (Status listed = RunTool({"pg_restore", "--list", "--file=/dev/null", dump}, &listing); !listed.ok()) {
    return Status::Invalid("from", "备份中的 PostgreSQL 转储文件无法读取（" + listed.message() + "）");
  }
  return Status::Ok();
}

Status RestoreDump(const std::string& dump, const std::string& uri) {
  std::string output;
  Status ran = RunTool({"pg_restore", "--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges",
                        "--dbname=" + uri, dump},
                       &output);
  if (!ran.ok()) return Status::Invalid("from", "pg_restore 恢复失败，数据库未改动（" + ran.message() + "）");
  return Status::Ok();
}

}  // namespace jiceng::store::postgres
