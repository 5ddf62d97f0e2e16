#include "modules/orglife/quorum.h"

#include <string>

namespace jiceng::orglife {

Roll RollOf(Kind kind, const std::vector<Attendee>& attendees) {
  Roll r;
  for (const Attendee& a : attendees) {
    const bool present = a.presence == Presence::kPresent;
    if (a.voting) {
      ++r.voting_due;
      if (present) ++r.voting_present;
    }
    if (kind == Kind::kCommitteeMeeting) {
      ++r.committee_due;
      if (present) ++r.committee_present;
    }
  }
  return r;
}

Status CheckVote(Kind kind, const Roll& roll, const Vote& vote) {
  if (vote.in_favour < 0 || vote.against < 0 || vote.abstained < 0) return Status::Invalid("vote", "表决票数不能为负数");
  if (kind != Kind::kGeneralMeeting && kind != Kind::kCommitteeMeeting) {
    return Status::Invalid("vote", "只有支部党员大会和支部委员会会议可以记录表决");
  }
  if (kind == Kind::kGeneralMeeting && !MoreThanHalf(roll.voting_present, roll.voting_due)) {
    return Status::Invalid("vote", "到会有表决权的党员 " + std::to_string(roll.voting_present) + " 人，未超过应到 " +
                                       std::to_string(roll.voting_due) +
                                       " 人的半数，不能进行表决（预备党员不计入）");
  }
  if (kind == Kind::kCommitteeMeeting && !MoreThanHalf(roll.committee_present, roll.committee_due)) {
    return Status::Invalid("vote", "到会支部委员 " + std::to_string(roll.committee_present) + " 人，未超过 " +
                                       std::to_string(roll.committee_due) + " 人的半数，不能进行表决");
  }
  const int cast = vote.in_favour + vote.against + vote.abstained;
  const int present = kind == Kind::kGeneralMeeting ? roll.voting_present : roll.committee_present;
  if (cast > present) {
    return Status::Invalid("vote", "表决票数合计 " + std::to_string(cast) + " 超过到会有表决权的 " +
                                       std::to_string(present) + " 人（预备党员没有表决权）");
  }
  if (cast == 0) return Status::Invalid("vote", "请填写表决票数");
  return Status::Ok();
}

bool VoteCarries(Kind kind, const Roll& roll, const Vote& vote) {
  return MoreThanHalf(vote.in_favour, kind == Kind::kCommitteeMeeting ? roll.committee_due : roll.voting_due);
}

}  // namespace jiceng::orglife
