#include "modules/duty/lifecycle.h"

namespace jiceng::duty {

std::optional<State> Next(State from, Action action) {
  switch (action) {
    case Action::kAssign:
      if (from == State::kDraft) return State::kAssigned;
      break;
    case Action::kPublish:
      if (from == State::kAssigned) return State::kPublished;
      break;
    case Action::kProgress:
      if (from == State::kPublished || from == State::kInProgress || from == State::kReturned) {
        return State::kInProgress;
      }
      break;
    case Action::kSubmit:
      if (from == State::kInProgress) return State::kSubmitted;
      break;
    case Action::kAccept:
      if (from == State::kSubmitted) return State::kAccepted;
      break;
    case Action::kReturn:
      if (from == State::kSubmitted) return State::kReturned;
      break;
    case Action::kCancel:
      if (from != State::kAccepted && from != State::kCancelled) return State::kCancelled;
      break;
    case Action::kReopen:
      if (from == State::kAccepted) return State::kInProgress;
      break;
  }
  return std::nullopt;
}

Side SideOf(Action action) {
  return action == Action::kProgress || action == Action::kSubmit ? Side::kResponsible : Side::kAssigning;
}

Result<State> Transition(State from, Action action, bool assigning_side, bool responsible_side) {
  auto next = Next(from, action);
  if (!next) {
    return Status::Conflict("action", "当前状态为“" + std::string(StateName(from)) + "”，不能“" +
                                          std::string(ActionName(action)) + "”");
  }
  bool allowed = SideOf(action) == Side::kAssigning ? assigning_side : responsible_side;
  if (!allowed) {
    return Status::Forbidden(SideOf(action) == Side::kAssigning
                                 ? "只有交办单位可以" + std::string(ActionName(action))
                                 : "只有责任单位可以" + std::string(ActionName(action)));
  }
  return *next;
}

std::vector<Action> AvailableActions(State from, bool assigning_side, bool responsible_side) {
  std::vector<Action> actions;
  for (Action a : {Action::kAssign, Action::kPublish, Action::kProgress, Action::kSubmit, Action::kAccept,
                   Action::kReturn, Action::kCancel, Action::kReopen}) {
    if (Transition(from, a, assigning_side, responsible_side).ok()) actions.push_back(a);
  }
  return actions;
}

}  // namespace jiceng::duty
