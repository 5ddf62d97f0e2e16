#include "modules/duty/forms.h"
#include "core/text.h"

#include <algorithm>

namespace jiceng::duty {
namespace {

Result<int> IntField(const char* field, const std::string& label, const std::string& text, int lo, int hi) {
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::Invalid(field, label + "应为 " + std::to_string(lo) + "–" + std::to_string(hi) + " 之间的整数");
  }
  int v = std::stoi(text);
  if (v < lo || v > hi) {
    return Status::Invalid(field, label + "应为 " + std::to_string(lo) + "–" + std::to_string(hi) + " 之间的整数");
  }
  return v;
}

Result<int64_t> IdField(const char* field, const std::string& text) {
  if (text.empty()) return int64_t{0};
  if (text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::Invalid(field, "编号无效：" + text);
  }
  return static_cast<int64_t>(std::stoll(text));
}

}  // namespace

ItemCheck CheckItem(const ItemForm& f) {
  ItemCheck check;
  Problems& problems = check.problems;
  ValidItem v;
  Item& it = v.item;
  // Each field is checked on its own; a rule that compares two fields runs only when both are good.
  auto kind = ParseKind(f.kind.empty() ? "problem" : f.kind);
  if (kind) {
    it.kind = *kind;
  } else {
    problems.Add(Status::Invalid("kind", "类型无效（可选 problem 问题、measure 措施、list_item 责任事项）"));
  }
  if (f.title.empty()) {
    problems.Add(Status::Invalid("title", "标题不能为空"));
  } else if (Utf8Length(f.title) > 200) {
    problems.Add(Status::Invalid("title", "标题不能超过 200 个字"));
  } else {
    problems.Add(CheckSingleLine("title", f.title, "标题"));
  }
  if (Utf8Length(f.content) > 5000) problems.Add(Status::Invalid("content", "内容不能超过 5000 个字"));
  if (Utf8Length(f.target) > 1000) problems.Add(Status::Invalid("target", "目标不能超过 1000 个字"));
  it.title = f.title;
  it.content = f.content;
  it.target = f.target;
  if (!f.weight.empty()) {
    auto w = IntField("weight", "权重", f.weight, 1, 100);
    if (w.ok()) {
      it.weight = *w;
    } else {
      problems.Add(w.status());
    }
  }
  if (f.deadline.empty()) {
    problems.Add(Status::Invalid("deadline", "完成时限不能为空"));
  } else if (auto deadline = Date::Parse(f.deadline)) {
    it.deadline = *deadline;
  } else {
    problems.Add(Status::Invalid("deadline", "完成时限无效：" + f.deadline + "（格式 YYYY-MM-DD）"));
  }
  if (!f.source.empty()) {
    it.source = ParseSource(f.source);
    if (!it.source)
      problems.Add(Status::Invalid("source", "来源无效（可选：调研、观摩、审计、巡察、每月一题、群众反映）"));
  } else if (kind && it.kind == ItemKind::kProblem) {
    problems.Add(Status::Invalid("source", "请选择问题来源"));
  }
  if (Utf8Length(f.area) > 60) problems.Add(Status::Invalid("area", "领域不能超过 60 个字"));
  it.area = f.area;
  if (!f.severity.empty()) {
    it.severity = ParseSeverity(f.severity);
    if (!it.severity) problems.Add(Status::Invalid("severity", "严重程度无效（可选：一般、较重、严重）"));
  }
  if (!f.month.empty()) {
    auto first = Date::Parse(f.month + "-01");
    if (f.month.size() != 7 || !first) {
      problems.Add(Status::Invalid("month", "月份无效：" + f.month + "（格式 YYYY-MM）"));
    } else {
      it.month = f.month;
    }
  } else if (it.source == Source::kMonthlyTopic) {
    problems.Add(Status::Invalid("month", "每月一题须注明月份"));
  }
  if (f.responsible_org_code.empty()) problems.Add(Status::Invalid("responsible_org_code", "请选择责任单位"));
  v.responsible_org_code = f.responsible_org_code;
  auto person = IdField("responsible_person_id", f.responsible_person_id);
  if (person.ok()) {
    v.responsible_person_id = *person;
  } else {
    problems.Add(person.status());
  }
  auto leader = IdField("leader_person_id", f.leader_person_id);
  if (leader.ok()) {
    v.leader_person_id = *leader;
  } else {
    problems.Add(leader.status());
  }
  auto parent = IdField("parent_id", f.parent_id);
  if (parent.ok()) {
    it.parent_id = *parent;
    if (kind && it.kind == ItemKind::kMeasure && it.parent_id == 0) {
      problems.Add(Status::Invalid("parent_id", "措施须属于一个问题"));
    }
    if (kind && it.kind != ItemKind::kMeasure && it.parent_id != 0) {
      problems.Add(Status::Invalid("parent_id", "只有措施可以属于问题"));
    }
  } else {
    problems.Add(parent.status());
  }
  if (problems.ok()) check.item = std::move(v);
  return check;
}

Result<ValidItem> ValidateItem(const ItemForm& form) {
  ItemCheck check = CheckItem(form);
  if (!check.item) return check.problems.first();
  return *std::move(check.item);
}

ItemForm FormOf(const Item& it) {
  ItemForm f;
  f.kind = std::string(KindCode(it.kind));
  f.title = it.title;
  f.content = it.content;
  f.target = it.target;
  f.weight = std::to_string(it.weight);
  f.deadline = it.deadline.ToString();
  f.source = it.source ? std::string(SourceCode(*it.source)) : "";
  f.area = it.area;
  f.severity = it.severity ? std::string(SeverityCode(*it.severity)) : "";
  f.month = it.month;
  f.responsible_org_code = it.responsible_org_code;
  f.responsible_person_id = it.responsible_person ? std::to_string(it.responsible_person->id) : "";
  f.leader_person_id = it.leader ? std::to_string(it.leader->id) : "";
  f.parent_id = it.parent_id ? std::to_string(it.parent_id) : "";
  return f;
}

Result<ValidAction> ValidateAction(const ActionForm& f) {
  ValidAction v;
  auto action = ParseAction(f.action);
  if (!action) return Status::Invalid("action", "操作无效：" + f.action);
  v.action = *action;
  if (Utf8Length(f.note) > 2000) return Status::Invalid("note", "说明不能超过 2000 个字");
  if (Status st = CheckMultiLine("note", f.note, "说明"); !st.ok()) return st;
  v.note = f.note;
  switch (v.action) {
    case Action::kProgress: {
      auto progress = IntField("progress", "进度", f.progress, 0, 100);
      if (!progress.ok()) return progress.status();
      v.progress = *progress;
      break;
    }
    case Action::kAccept: {
      auto score = IntField("score", "评分", f.score, 0, 100);
      if (!score.ok()) return score.status();
      v.score = *score;
      const auto& grades = Grades();
      if (!f.grade.empty() && std::find(grades.begin(), grades.end(), f.grade) == grades.end()) {
        return Status::Invalid("grade", "等次无效（可选：优秀、良好、合格、不合格）");
      }
      // The grade follows the score bands: 55 分 is 不合格, never 优秀.
      const std::string earned(GradeOf(*score));
      if (!f.grade.empty() && f.grade != earned) {
        return Status::Invalid("grade", "评分 " + std::to_string(*score) + " 分对应的等次是“" + earned + "”，不是“" +
                                            f.grade + "”（优秀 90–100，良好 80–89，合格 60–79，不合格 60 以下）");
      }
      v.grade = earned;
      v.confirm_no_evidence = f.confirm_no_evidence;
      break;
    }
    case Action::kReturn:
    case Action::kCancel:
    case Action::kReopen:
      if (f.note.empty()) {
        return Status::Invalid("note", "请填写" + std::string(ActionName(v.action)) + "的理由");
      }
      break;
    default:
      break;
  }
  return v;
}

}  // namespace jiceng::duty
