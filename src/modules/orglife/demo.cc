#include "modules/orglife/demo.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "modules/org/repo.h"
#include "modules/orglife/frequency.h"
#include "modules/orglife/repo.h"
#include "modules/orglife/standing.h"

namespace jiceng::orglife {
namespace {

const std::vector<std::string> kCommitteeTopics = {
    "研究本月党员发展和教育管理工作", "研究村集体经济项目推进事宜", "研究本月主题党日活动安排",
    "研究党员积分评定和困难党员帮扶", "研究基层治理网格化管理工作", "研究防止返贫动态监测户帮扶措施"};
const std::vector<std::string> kGeneralTopics = {
    "传达学习上级会议精神，通报支部季度工作", "讨论村级重大事项“四议两公开”", "通报党费收缴和使用情况",
    "讨论确定入党积极分子人选", "听取支部委员会季度工作报告"};
const std::vector<std::string> kGroupTopics = {"学习党章党规，交流学习心得", "走访联系户情况交流",
                                               "学习乡村振兴政策，讨论产业发展", "开展批评与自我批评"};
const std::vector<std::string> kLectureTopics = {"铸牢中华民族共同体意识专题党课", "弘扬“两路”精神专题党课",
                                                 "推进生态保护和高质量发展专题党课", "基层党组织标准化规范化建设专题党课"};
const std::vector<std::string> kThemedTopics = {"重温入党誓词，开展志愿服务", "环境卫生整治志愿服务",
                                                "走访慰问困难群众和老党员", "学习身边先进典型"};
const std::vector<std::string> kLeaveReasons = {"外出务工", "生病住院", "在外地学习培训", "家中有事", "放牧转场"};

std::string At(Date d, int hour) {
  char buf[8];
  std::snprintf(buf, sizeof buf, " %02d:00", hour);
  return d.ToString() + buf;
}

struct Plan {
  Kind kind;
  Date day;
  int64_t group_id = 0;
  std::string topic;
  int64_t theme_id = 0;
};

}  // namespace

DemoOrglifeSummary SeedDemoOrglife(store::Connection& db, Rng& rng, Date today, const Actor& actor) {
  DemoOrglifeSummary made;
  org::OrgRepo orgs(db);
  OrglifeRepo repo(db);
  auto haixi = orgs.FindByCode("632800000000", today);
  if (!haixi) return made;
  const std::string now = NowTimestamp();
  const Period quarter = PeriodOf(today, PeriodUnit::kQuarter);
  const Date start = PeriodOf(quarter.start.AddDays(-1), PeriodUnit::kQuarter).start;

  // A rule of 格尔木市: 主题党日 on a fixed day every month (as strict as the default, with the city's wording).
  if (auto golmud = orgs.FindByCode("632801000000", today)) {
    repo.SetRule(golmud->id, {Kind::kThemedPartyDay, PeriodUnit::kMonth, 1}, "每月 15 日前后固定开展主题党日",
                 "demo_golmud", now);
  }
  // The prefecture's themes for 主题党日: last month's (reported by most) and this month's (due by the 25th).
  Theme last;
  last.issuer_org_id = haixi->id;
  last.kind = Kind::kThemedPartyDay;
  last.title = "铸牢中华民族共同体意识，促进民族团结进步";
  last.content = "各党支部结合实际开展主题党日，组织党员学习民族团结进步政策，开展一次走访慰问，月底前报送活动记录。";
  const Date last_month = PeriodOf(PeriodOf(today, PeriodUnit::kMonth).start.AddDays(-1), PeriodUnit::kMonth).start;
  last.month = PeriodOf(last_month, PeriodUnit::kMonth).key;
  last.deadline = PeriodOf(last_month, PeriodUnit::kMonth).end.AddDays(-1);
  last.created_by = "demo_haixi";
  const int64_t last_theme = repo.InsertTheme(last, now);
  Theme current = last;
  current.title = "冬春季节安全生产和防灾减灾";
  current.content = "各党支部组织党员开展冬春安全隐患排查，帮助独居老人和困难群众做好取暖防寒，25 日前报送活动记录。";
  current.month = PeriodOf(today, PeriodUnit::kMonth).key;
  current.deadline = PeriodOf(today, PeriodUnit::kMonth).start.AddDays(24);
  const int64_t current_theme = repo.InsertTheme(current, now);

  const std::string demo_village_parent = [&] {
    // The demo village account's village (accounts/demo.cc: the first village of the first town of 格尔木市).
    auto s = db.Prepare("SELECT org_id FROM account WHERE login = 'demo_village'");
    return s->Step() ? std::to_string(s->Int(0)) : std::string();
  }();

  for (const auto& [branch_id, branch_name] : repo.Branches(haixi->id, today)) {
    auto members = repo.Members(branch_id, today);
    if (members.size() < 3) continue;
    auto unit = orgs.FindById(branch_id, today);
    const bool village = unit && orgs.FindById(unit->parent_id, today) &&
                         orgs.FindById(unit->parent_id, today)->level == org::Level::kVillage;
    const bool demo_branch = unit && std::to_string(unit->parent_id) == demo_village_parent;
    const std::string recorder_login = demo_branch ? "demo_village" : actor.login;
    const std::string reviewer_login =
        unit && unit->code.rfind("632801", 0) == 0 ? std::string("demo_town") : std::string("demo_haixi");
    int64_t reviewer_org = 0;
    if (unit) {
      if (auto host = orgs.FindById(unit->parent_id, today)) reviewer_org = host->parent_id;
    }
    ++made.branches;
    // Party groups in branches of ten or more.
    std::vector<std::pair<int64_t, std::vector<int64_t>>> groups;
    if (members.size() >= 10) {
      for (int g = 0; g < 2; ++g) {
        std::vector<int64_t> ids;
        for (size_t i = static_cast<size_t>(g); i < members.size(); i += 2) ids.push_back(members[i].person_id);
        const int64_t gid = repo.InsertGroup(branch_id, g == 0 ? "第一党小组" : "第二党小组", ids.front(), now);
        repo.SetGroupMembers(gid, ids);
        groups.emplace_back(gid, ids);
        ++made.groups;
      }
    }
    std::vector<BranchMember> committee;
    for (const BranchMember& m : members) {
      if (m.committee) committee.push_back(m);
    }
    const BranchMember& secretary = committee.empty() ? members.front() : committee.front();
    const BranchMember& recorder = committee.size() > 1 ? committee[1] : members[1];
    // 80% keep every meeting, 15% lapse now and then, 5% stopped two months ago.
    const int profile = rng.Uniform(0, 99);
    const double skip = profile < 80 ? 0.02 : profile < 95 ? 0.3 : 0.0;
    const Date stopped = profile >= 95 ? PeriodOf(today, PeriodUnit::kMonth).start.AddDays(-45) : Date::FromDays(1 << 30);
    const int fixed_day = 10 + rng.Uniform(0, 3) * 3;  // the branch's 主题党日: the 10th, 13th, 16th or 19th

    std::vector<Plan> plans;
    for (Period month = PeriodOf(start, PeriodUnit::kMonth); month.start <= today.AddDays(20);
         month = NextPeriod(month, PeriodUnit::kMonth)) {
      const Date m0 = month.start;
      if (committee.size() >= 3) plans.push_back({Kind::kCommitteeMeeting, m0.AddDays(rng.Uniform(2, 7)), 0, rng.Pick(kCommitteeTopics)});
      const int64_t theme = month.key == last.month ? last_theme : month.key == current.month ? current_theme : 0;
      plans.push_back({Kind::kThemedPartyDay, m0.AddDays(fixed_day - 1), 0,
                       theme == last_theme ? last.title : theme == current_theme ? current.title : rng.Pick(kThemedTopics),
                       theme});
      for (const auto& g : groups) plans.push_back({Kind::kGroupMeeting, m0.AddDays(rng.Uniform(17, 24)), g.first, rng.Pick(kGroupTopics)});
      if ((m0.month() - 1) % 3 == 1) {  // the middle month of a quarter
        plans.push_back({Kind::kGeneralMeeting, m0.AddDays(rng.Uniform(20, 26)), 0, rng.Pick(kGeneralTopics)});
        plans.push_back({Kind::kPartyLecture, m0.AddDays(rng.Uniform(20, 26)), 0, rng.Pick(kLectureTopics)});
      }
      if (m0.month() == 11 && rng.Chance(0.6)) {
        plans.push_back({Kind::kLifeMeeting, m0.AddDays(rng.Uniform(24, 28)), 0, "年度组织生活会，开展批评和自我批评"});
      }
    }
    for (const Plan& p : plans) {
      const bool held = p.day < today;
      if (held && (rng.Chance(skip) || p.day >= stopped)) continue;
      if (!held && p.day > today.AddDays(20)) continue;
      Meeting m;
      m.branch_id = branch_id;
      m.kind = p.kind;
      m.group_id = p.group_id;
      m.theme_id = p.theme_id;
      m.topic = p.topic;
      m.planned_at = At(p.day, p.kind == Kind::kThemedPartyDay ? 9 : 15);
      m.place = village ? "村党群服务中心会议室" : "机关会议室";
      if (rng.Chance(0.08)) {
        m.place = "";
        m.online_link = "https://meeting.tencent.com/dm/qh" + std::to_string(branch_id) + std::to_string(p.day.days());
      }
      m.created_by = recorder_login;
      // Those due, and how they attended.
      std::vector<Attendee> due;
      for (const BranchMember& b : members) {
        bool is_due = true;
        if (p.kind == Kind::kCommitteeMeeting) is_due = b.committee;
        if (p.kind == Kind::kGroupMeeting) {
          const auto& ids = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == p.group_id; })->second;
          is_due = std::find(ids.begin(), ids.end(), b.person_id) != ids.end();
        }
        if (!is_due) continue;
        Attendee a;
        a.person_id = b.person_id;
        a.voting = b.status == "full_member";
        if (held) {
          const int r = rng.Uniform(0, 99);
          a.presence = r < 87 ? Presence::kPresent : r < 96 ? Presence::kLeave : Presence::kAbsent;
          if (b.person_id == secretary.person_id || b.person_id == recorder.person_id) a.presence = Presence::kPresent;
          if (a.presence == Presence::kLeave) a.reason = rng.Pick(kLeaveReasons);
        }
        due.push_back(a);
      }
      if (held) {
        m.held_at = m.planned_at;
        m.presenter_id = secretary.person_id;
        m.recorder_id = recorder.person_id;
        m.minutes = "会议由" + secretary.name + "主持。" + p.topic + "。与会党员逐一发言，结合工作实际交流了体会和打算。";
        if (p.kind == Kind::kGeneralMeeting) {
          int voting = 0, present = 0;
          for (const Attendee& a : due) {
            voting += a.voting;
            present += a.voting && a.presence == Presence::kPresent;
          }
          if (2 * present > voting && rng.Chance(0.5)) {
            m.decisions = "会议表决通过了" + p.topic.substr(0, p.topic.find("，")) + "的有关事项。";
            const int against = present > 3 && rng.Chance(0.2) ? 1 : 0;
            m.vote = Vote{present - against, against, 0};
          } else {
            m.decisions = "会议形成一致意见，由支部委员会抓好落实。";
          }
        } else if (p.kind == Kind::kCommitteeMeeting) {
          m.decisions = "明确了责任分工和完成时限。";
        }
        const bool recent = p.day >= today.AddDays(-20);
        m.state = recent ? State::kSubmitted : State::kApproved;
        m.submitted_by = recorder_login;
        m.submitted_at = At(p.day.AddDays(1), 10);
      } else {
        m.state = State::kPlanned;
      }
      const int64_t id = repo.Insert(m, now);
      repo.SetAttendees(id, due);
      if (m.state == State::kApproved || (m.state == State::kSubmitted && rng.Chance(0.06))) {
        const bool returned = m.state == State::kSubmitted;
        repo.SetReview(id, returned ? State::kReturned : State::kApproved, reviewer_login, At(p.day.AddDays(3), 11),
                       reviewer_org,
                       returned ? "会议记录过于简略，请补充与会党员发言要点和会议决定" : "");
      }
      ++made.meetings;
    }
    RefreshStanding(db, branch_id);
  }
  return made;
}

}  // namespace jiceng::orglife
