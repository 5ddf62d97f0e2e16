// Every action from every state, for each side: legal moves go where the loop says; illegal ones are refused
// with a message naming the current state; the wrong side is refused.
#include "modules/duty/lifecycle.h"

#include <gtest/gtest.h>

#include <map>

namespace jiceng::duty {
namespace {

const std::vector<State> kStates = {State::kDraft,     State::kAssigned, State::kPublished, State::kInProgress,
                                    State::kSubmitted, State::kAccepted, State::kReturned,  State::kCancelled};
const std::vector<Action> kActions = {Action::kAssign, Action::kPublish, Action::kProgress, Action::kSubmit,
                                      Action::kAccept, Action::kReturn,  Action::kCancel,   Action::kReopen};

// The whole table of legal moves.
const std::map<std::pair<State, Action>, State> kLegal = {
    {{State::kDraft, Action::kAssign}, State::kAssigned},
    {{State::kAssigned, Action::kPublish}, State::kPublished},
    {{State::kPublished, Action::kProgress}, State::kInProgress},
    {{State::kInProgress, Action::kProgress}, State::kInProgress},
    {{State::kReturned, Action::kProgress}, State::kInProgress},
    {{State::kInProgress, Action::kSubmit}, State::kSubmitted},
    {{State::kSubmitted, Action::kAccept}, State::kAccepted},
    {{State::kSubmitted, Action::kReturn}, State::kReturned},
    {{State::kAccepted, Action::kReopen}, State::kInProgress},
    {{State::kDraft, Action::kCancel}, State::kCancelled},
    {{State::kAssigned, Action::kCancel}, State::kCancelled},
    {{State::kPublished, Action::kCancel}, State::kCancelled},
    {{State::kInProgress, Action::kCancel}, State::kCancelled},
    {{State::kSubmitted, Action::kCancel}, State::kCancelled},
    {{State::kReturned, Action::kCancel}, State::kCancelled},
};

TEST(LifecycleTest, EveryStateActionAndSide) {
  for (State s : kStates) {
    for (Action a : kActions) {
      auto legal = kLegal.find({s, a});
      const bool assigning_action = a != Action::kProgress && a != Action::kSubmit;
      // The right side.
      auto right = Transition(s, a, assigning_action, !assigning_action);
      // The wrong side only.
      auto wrong = Transition(s, a, !assigning_action, assigning_action);
      const std::string where = std::string(StateCode(s)) + " + " + std::string(ActionCode(a));
      if (legal != kLegal.end()) {
        ASSERT_TRUE(right.ok()) << where;
        EXPECT_EQ(*right, legal->second) << where;
        ASSERT_FALSE(wrong.ok()) << where;
        EXPECT_EQ(wrong.status().code(), StatusCode::kForbidden) << where;
      } else {
        ASSERT_FALSE(right.ok()) << where;
        EXPECT_EQ(right.status().code(), StatusCode::kConflict) << where;
        EXPECT_NE(right.status().message().find("当前状态为“" + std::string(StateName(s)) + "”"), std::string::npos)
            << where << ": " << right.status().message();
        EXPECT_NE(right.status().message().find(std::string(ActionName(a))), std::string::npos) << where;
      }
    }
  }
}

TEST(LifecycleTest, OnlyTheAssigningSideAcceptsReturnsAndCancels) {
  EXPECT_EQ(Transition(State::kSubmitted, Action::kAccept, false, true).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(Transition(State::kSubmitted, Action::kReturn, false, true).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(Transition(State::kInProgress, Action::kCancel, false, true).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(Transition(State::kInProgress, Action::kSubmit, true, false).status().code(), StatusCode::kForbidden);
  EXPECT_NE(Transition(State::kInProgress, Action::kSubmit, true, false).status().message().find("责任单位"),
            std::string::npos);
}

TEST(LifecycleTest, AvailableActionsFollowTheSides) {
  auto both = AvailableActions(State::kSubmitted, true, true);
  EXPECT_EQ(both, (std::vector<Action>{Action::kAccept, Action::kReturn, Action::kCancel}));
  EXPECT_TRUE(AvailableActions(State::kSubmitted, false, true).empty());
  EXPECT_EQ(AvailableActions(State::kReturned, false, true), (std::vector<Action>{Action::kProgress}));
  EXPECT_EQ(AvailableActions(State::kAccepted, true, false), (std::vector<Action>{Action::kReopen}));
  EXPECT_TRUE(AvailableActions(State::kCancelled, true, true).empty());
}

}  // namespace
}  // namespace jiceng::duty
