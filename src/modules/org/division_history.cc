#include "modules/org/division_history.h"

#include <array>

#include "modules/org/repo.h"

namespace jiceng::org {
namespace {

// A unit that kept its identity and changed its name, kind and code on a date: before it, the old ones.
struct RenameRow {
  const char* code;      // today's 12-digit code, as ImportDivisions gives it
  const char* old_name;  // the name before `on`
  const char* old_kind;  // KindCode before `on`
  const char* old_code;  // the 6-digit division code before `on` (a public code list gives each; see the doc)
  const char* on;        // the effective date
  const char* reason;    // the approval, as the history shows it
};

// Sources (doc/org-history.md has the full list):
//   [海东] 人民网青海频道专题“海东设市” http://qh.people.com.cn/GB/182782/352717/ : 2013-02-08 国务院批复同意
//          撤销海东地区，设立地级海东市; 求真百科“乐都区” (pediainside.com): 国函〔2013〕23号 of 2013-02-08 撤销
//          海东地区和乐都县，设立地级海东市，市政府驻新设立的乐都区.
//   [平安] 维基百科“平安区” (kfd.me mirror): 2015-03-02 国务院批准撤销平安县设立海东市平安区 (code 630203).
//   [玉树] 995866.com “玉树来自四川省的那个城市”: 2013-07-03 国务院批准设立县级玉树市; 9aivip.com “玉树县”:
//          2013年7月 撤销玉树县，设立县级玉树市.
//   [同仁] 澎湃新闻 (kxwhcb.com mirror) “区划调整近期密集官宣五例”: 青海省政府 2020-06-29 公告，民政部批复同意撤销
//          同仁县，设立县级同仁市; 维基百科“同仁市” (wiki.x.io): 2020年6月 国务院批准，7月1日挂牌.
//   [湟中] 中新网 2020-07-22 (cn.apdnews.com): 湟中县举行撤县设区大会，正式更名为湟中区 (国务院批复).
//   [茫崖] 人民网 2018-12-27 (chrbiz.cn): 民政部批复撤销茫崖行政委员会和冷湖行政委员会，设立茫崖市，当日揭牌;
//          维基百科“冷湖行政委员会” (kfd.me): 冷湖行委仅辖冷湖镇，2018年与茫崖行委合并为县级茫崖市;
//          freelanceaholic.com “茫崖行委概况”: 代码 632826.
//   Old codes 632100 海东地区, 632121 平安县, 632123 乐都县, 630122 湟中县, 632321 同仁县, 632721 玉树县: public
//   code tables in GitHub repositories (weather and licence-plate city lists; found through the code index).
constexpr std::array<RenameRow, 7> kRenames = {{
    {"630200000000", "海东地区", "area", "632100", "2013-02-08", "国函〔2013〕23号：撤销海东地区，设立地级海东市"},  // [海东]
    {"630202000000", "乐都县", "county", "632123", "2013-02-08", "国函〔2013〕23号：撤销乐都县，设立海东市乐都区"},  // [海东]
    {"632701000000", "玉树县", "county", "632721", "2013-07-03", "国务院批复：撤销玉树县，设立县级玉树市"},  // [玉树]
    {"630203000000", "平安县", "county", "632121", "2015-03-02", "国务院批复：撤销平安县，设立海东市平安区"},  // [平安]
    {"632803000000", "茫崖行政委员会", "administrative_committee", "632826", "2018-12-27",
     "民政部批复：撤销茫崖行政委员会和冷湖行政委员会，设立县级茫崖市"},  // [茫崖]
    {"632301000000", "同仁县", "county", "632321", "2020-06-29", "民政部批复：撤销同仁县，设立县级同仁市"},  // [同仁]
    {"630106000000", "湟中县", "county", "630122", "2020-07-22", "国务院批复：撤销湟中县，设立西宁市湟中区"},  // [湟中]
}};

// A unit that ended on a date, absorbed by another; today's data no longer has it, so it is added here with its
// children of then (which today's data lists under the survivor).
struct MergedRow {
  const char* code;         // a marked code: no source gave its division code (doc/org-history.md)
  const char* name;
  const char* kind;
  const char* parent_code;  // its parent then
  const char* into_code;    // the survivor
  std::array<const char*, 1> children;  // today's codes of its children then
  const char* on;
  const char* reason;
};

constexpr std::array<MergedRow, 1> kMerged = {{
    {"632800000000-H01", "冷湖行政委员会", "administrative_committee", "632800000000", "632803000000",
     {"632803102000"}, "2018-12-27", "民政部批复：撤销茫崖行政委员会和冷湖行政委员会，设立县级茫崖市"},  // [茫崖]
}};

Status Missing(const char* code) {
  return Status::Invalid("divisions", std::string("区划沿革所列单位在行政区划数据中不存在：") + code);
}

std::string Pad12(const char* code) {
  std::string padded = code;
  padded.resize(12, '0');
  return padded;
}

}  // namespace

Result<DivisionHistorySummary> ApplyQinghaiHistory(store::Connection& db) {
  OrgRepo repo(db);
  const Date beginning = *Date::Parse(kBeginningOfTime);
  const Date end = *Date::Parse(kEndOfTime);
  DivisionHistorySummary summary;
  for (const RenameRow& row : kRenames) {
    auto id = repo.IdOfCode(row.code);
    if (!id) return Missing(row.code);
    const Date on = *Date::Parse(row.on);
    auto today_name = repo.NameAt(*id, on);
    if (!today_name || today_name->from != beginning || today_name->to != end) return Missing(row.code);
    // The imported interval becomes the old name up to the date; today's name holds from it.
    repo.RewriteName(*id, beginning, row.old_name, row.old_kind, Pad12(row.old_code), on);
    repo.InsertName(*id, today_name->name, on, end);
    repo.InsertEvent(*id, "rename", on, 0, row.old_name, today_name->name, row.reason, kDivisionHistoryActor);
    ++summary.renames;
  }
  for (const MergedRow& row : kMerged) {
    auto parent = repo.IdOfCode(row.parent_code);
    auto into = repo.IdOfCode(row.into_code);
    if (!parent) return Missing(row.parent_code);
    if (!into) return Missing(row.into_code);
    const Date on = *Date::Parse(row.on);
    auto kind = ParseKind(row.kind);
    int64_t id = repo.InsertUnit(row.code, LevelOfKind(*kind), *kind, beginning);
    // Its name ends with it, so nothing seeded on today's tree (the demo's units) lands under it.
    repo.InsertName(id, row.name, beginning, on);
    repo.InsertLink(id, *parent, beginning, on);
    repo.MarkMerged(id, on, *into);
    std::string into_name = repo.NameAt(*into, on)->name;
    for (const char* child_code : row.children) {
      auto child = repo.IdOfCode(child_code);
      if (!child) return Missing(child_code);
      auto link = repo.LinkAt(*child, on);
      if (!link || link->from != beginning || link->parent_id != *into) return Missing(child_code);
      repo.RewriteLink(*child, beginning, id, on);
      repo.InsertLink(*child, *into, on, end);
      repo.InsertEvent(*child, "move", on, *into, row.code, row.into_code, row.reason, kDivisionHistoryActor);
    }
    repo.InsertEvent(id, "merge", on, *into, row.name, into_name, row.reason, kDivisionHistoryActor);
    repo.InsertEvent(*into, "absorb", on, id, row.name, into_name, row.reason, kDivisionHistoryActor);
    ++summary.merges;
  }
  return summary;
}

}  // namespace jiceng::org
