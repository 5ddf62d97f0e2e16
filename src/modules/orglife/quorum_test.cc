// Quorum and vote rules: more than half of the voting members present, probationary members present but not
// voting, votes carried by more than half of all voting members, the committee rule at 7 full members.
#include "modules/orglife/quorum.h"

#include <gtest/gtest.h>

namespace jiceng::orglife {
namespace {

std::vector<Attendee> Branch(int full_present, int full_absent, int probationary_present) {
  std::vector<Attendee> out;
  int64_t id = 1;
  for (int i = 0; i < full_present; ++i) out.push_back({id++, "", true, "full_member", Presence::kPresent, "", ""});
  for (int i = 0; i < full_absent; ++i) out.push_back({id++, "", true, "full_member", Presence::kLeave, "病", ""});
  for (int i = 0; i < probationary_present; ++i) {
    out.push_back({id++, "", false, "probationary_member", Presence::kPresent, "", ""});
  }
  return out;
}

TEST(QuorumTest, ProbationaryMembersDoNotMakeTheQuorum) {
  // 8 full members, 4 of them present, and 3 probationary members present: 7 people in the room, no quorum.
  const Roll roll = RollOf(Kind::kGeneralMeeting, Branch(4, 4, 3));
  EXPECT_EQ(roll.voting_due, 8);
  EXPECT_EQ(roll.voting_present, 4);
  Status s = CheckVote(Kind::kGeneralMeeting, roll, {4, 0, 0});
  ASSERT_EQ(s.code(), StatusCode::kInvalid);
  EXPECT_EQ(s.field(), "vote");
  EXPECT_NE(s.message().find("未超过应到 8 人的半数"), std::string::npos) << s.message();
  EXPECT_TRUE(CheckVote(Kind::kGeneralMeeting, RollOf(Kind::kGeneralMeeting, Branch(5, 3, 3)), {5, 0, 0}).ok());
}

TEST(QuorumTest, VotesCannotExceedTheVotingMembersPresent) {
  const Roll roll = RollOf(Kind::kGeneralMeeting, Branch(5, 2, 2));
  Status s = CheckVote(Kind::kGeneralMeeting, roll, {6, 0, 0});  // a probationary member's "vote"
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("预备党员没有表决权"), std::string::npos);
  EXPECT_FALSE(CheckVote(Kind::kGeneralMeeting, roll, {0, 0, 0}).ok());
  EXPECT_FALSE(CheckVote(Kind::kGeneralMeeting, roll, {-1, 0, 0}).ok());
  EXPECT_FALSE(CheckVote(Kind::kPartyLecture, roll, {5, 0, 0}).ok());
}

TEST(QuorumTest, AVoteCarriesWithMoreThanHalfOfAllVotingMembers) {
  const Roll roll = RollOf(Kind::kGeneralMeeting, Branch(5, 3, 0));  // 8 voting members, 5 present
  EXPECT_TRUE(VoteCarries(Kind::kGeneralMeeting, roll, {5, 0, 0}));
  EXPECT_FALSE(VoteCarries(Kind::kGeneralMeeting, roll, {4, 1, 0}));  // 4 of 8 is not more than half
}

TEST(QuorumTest, CommitteeMeetingsNeedMoreThanHalfOfTheCommittee) {
  auto committee = Branch(2, 3, 0);
  Status s = CheckVote(Kind::kCommitteeMeeting, RollOf(Kind::kCommitteeMeeting, committee), {2, 0, 0});
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(CheckVote(Kind::kCommitteeMeeting, RollOf(Kind::kCommitteeMeeting, Branch(3, 2, 0)), {3, 0, 0}).ok());
}

TEST(QuorumTest, SevenFullMembersNeedACommittee) {
  EXPECT_FALSE(CommitteeRequired(6));
  EXPECT_TRUE(CommitteeRequired(7));
  EXPECT_TRUE(MoreThanHalf(4, 7));
  EXPECT_FALSE(MoreThanHalf(3, 6));
}

}  // namespace
}  // namespace jiceng::orglife
