// sheet_bench: the spreadsheet reader's speed and memory on a roster-sized workbook.
//   sheet_bench make FILE [ROWS]   writes ROWS (default 100,000) × 15 columns with core/sheet's WriteXlsx
//   sheet_bench read FILE          reads it back, printing rows, cells, seconds (wall), cpu_seconds, peak_rss_mb
//                                  and file_mb as one JSON line
// Two processes, so the reader's peak memory is not the writer's. bench/sheet.sh runs both.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "core/sheet.h"

namespace {

int Make(const std::string& path, int rows) {
  jiceng::sheet::Sheet s;
  s.name = "人员";
  s.title = "人员信息";
  s.meta = {"单位：青海省", "导出时间：2026-12-02"};
  s.header = {"姓名", "性别",     "民族", "身份证号", "出生日期", "政治面貌", "学历", "所在单位",
              "职务", "联系电话", "住址", "年龄",     "党龄",     "积分",     "备注"};
  s.numeric_columns = {11, 12, 13};
  const char* names[] = {"扎西", "卓玛", "才让", "王丽", "马成", "李娜"};
  const char* nations[] = {"藏族", "汉族", "回族", "土族", "撒拉族", "蒙古族"};
  s.rows.reserve(rows);
  for (int i = 0; i < rows; ++i) {
    std::string n = std::to_string(i);
    s.rows.push_back({std::string(names[i % 6]) + n, i % 2 ? "男" : "女", nations[i % 6],
                      "6301021990" + std::string(8 - std::min<size_t>(8, n.size()), '0') + n, "1990-01-01",
                      i % 3 ? "群众" : "中共党员", "大学本科", "西宁市城中区南关街社区", "居民",
                      "139" + std::string(8 - std::min<size_t>(8, n.size()), '0') + n,
                      "西宁市城中区南关街 " + n + " 号", std::to_string(20 + i % 60), std::to_string(i % 40),
                      std::to_string(i % 1000) + ".5", ""});
  }
  auto bytes = jiceng::sheet::WriteXlsx({s});
  if (!bytes.ok()) {
    std::cerr << bytes.status().message() << "\n";
    return 1;
  }
  std::ofstream(path, std::ios::binary) << *bytes;
  return 0;
}

int Read(const std::string& path) {
  const auto start = std::chrono::steady_clock::now();
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string bytes = buf.str();
  auto format = jiceng::sheet::Detect(bytes, path);
  if (!format.ok()) {
    std::cerr << format.status().message() << "\n";
    return 1;
  }
  size_t rows = 0, cells = 0;
  jiceng::Status s = jiceng::sheet::ReadRows(bytes, *format, {}, [&](const jiceng::sheet::Row& r) {
    ++rows;
    cells += r.cells.size();
    return true;
  });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!s.ok()) {
    std::cerr << s.message() << "\n";
    return 1;
  }
  rusage usage = {};
  getrusage(RUSAGE_SELF, &usage);
  // CPU time too: on a shared machine the wall time says more about the neighbours than about the reader.
  const double cpu =
      usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  std::printf(
      "{\"bench\": \"sheet_read\", \"rows\": %zu, \"cells\": %zu, \"seconds\": %.3f, \"cpu_seconds\": %.3f, "
      "\"peak_rss_mb\": %.1f, \"file_mb\": %.1f}\n",
      rows, cells, seconds, cpu, usage.ru_maxrss / 1024.0, bytes.size() / 1048576.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string command = argc > 2 ? argv[1] : "";
  if (command == "make") return Make(argv[2], argc > 3 ? std::stoi(argv[3]) : 100'000);
  if (command == "read") return Read(argv[2]);
  std::cerr << "usage: sheet_bench make FILE [ROWS] | sheet_bench read FILE\n";
  return 2;
}
