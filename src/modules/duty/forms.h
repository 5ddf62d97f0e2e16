// Inputs of the duty commands as text (JSON or CLI), checked into values.
// Errors name the field, in Chinese.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/problems.h"
#include "core/status.h"
#include "modules/duty/model.h"

namespace jiceng::duty {

struct ItemForm {
  std::string kind;  // list_item | problem | measure
  std::string title, content, target, weight, deadline, source, area, severity, month;
  std::string responsible_org_code;
  std::string responsible_person_id, leader_person_id, parent_id;
};

// The checked fields (org codes and person ids still to be resolved by the command).
struct ValidItem {
  Item item;
  std::string responsible_org_code;
  int64_t responsible_person_id = 0, leader_person_id = 0;
};

// Every problem of the form, at most one per field, in the form's order (an import row reports them all); `item`
// is set when there is none.
struct ItemCheck {
  std::optional<ValidItem> item;
  Problems problems;
};
ItemCheck CheckItem(const ItemForm& form);
// The same check, answering the first problem.
Result<ValidItem> ValidateItem(const ItemForm& form);
// The form that would recreate a stored item (the base of a partial update).
ItemForm FormOf(const Item& item);

struct ActionForm {
  std::string action;
  std::string note;
  std::string progress;  // 0–100, for progress reports
  std::string score;     // 0–100, when accepting
  std::string grade;     // 优秀 良好 合格 不合格, when accepting; empty: the grade the score earns
  bool confirm_no_evidence = false;  // accepting an item that has no evidence file, knowingly
};

struct ValidAction {
  Action action = Action::kProgress;
  std::string note;
  std::optional<int> progress;
  std::optional<int> score;
  std::string grade;
  bool confirm_no_evidence = false;
};

Result<ValidAction> ValidateAction(const ActionForm& form);

struct ListForm {
  std::string title, year, holder_org_code;
  std::vector<ItemForm> items;
};

}  // namespace jiceng::duty
