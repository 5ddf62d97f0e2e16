// The quorum and vote rules of branch meetings (《中国共产党支部工作条例（试行）》): a general meeting's vote needs
// more than half of the members with voting rights present and passes with more than half of all of them;
// probationary members attend but do not vote; a committee meeting needs more than half of the committee; a branch
// of 7 or more full members must have a committee. Pure; thread-safe.
#pragma once

#include <optional>

#include "core/status.h"
#include "modules/orglife/model.h"

namespace jiceng::orglife {

inline constexpr int kCommitteeRequiredFrom = 7;  // full members from which a branch must have a committee
inline constexpr int kMinCommittee = 3;           // a committee has at least three members

// More than half.
inline bool MoreThanHalf(int part, int whole) { return 2 * part > whole; }

struct Roll {
  int voting_due = 0;       // full members due (the whole branch for a general meeting)
  int voting_present = 0;   // full members present
  int committee_due = 0;    // 支委会: committee members due
  int committee_present = 0;
};
Roll RollOf(Kind kind, const std::vector<Attendee>& attendees);

// Whether a vote may be recorded at this meeting and is consistent: Invalid naming "vote" with the reason (no
// quorum: how many were present and how many were needed; more votes than voting members present).
Status CheckVote(Kind kind, const Roll& roll, const Vote& vote);
// The vote carries: more than half of all voting members (not only of those present) in favour.
bool VoteCarries(Kind kind, const Roll& roll, const Vote& vote);

inline bool CommitteeRequired(int full_members) { return full_members >= kCommitteeRequiredFrom; }

}  // namespace jiceng::orglife
