// Problems: every problem a validator finds in one form, at most one per field
// (the first found), in the order found — so that a form checked field by
// field reports all its bad fields at once (an import row shows every bad cell,
// not only the first). Problems whose field is empty concern the whole form and
// are all kept. A plain value; not thread-safe.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace jiceng {

class Problems {
 public:
  // Adds `status` unless it is ok or its field already has a problem; true when added.
  bool Add(Status status) {
    if (status.ok() || (!status.field().empty() && Has(status.field()))) return false;
    all_.push_back(std::move(status));
    return true;
  }
  bool Has(const std::string& field) const {
    return std::any_of(all_.begin(), all_.end(), [&field](const Status& s) { return s.field() == field; });
  }
  bool ok() const { return all_.empty(); }
  // The first problem found (Ok when there is none): what a caller that stops at one problem answers.
  Status first() const { return all_.empty() ? Status::Ok() : all_.front(); }
  const std::vector<Status>& all() const { return all_; }
  std::vector<Status> Take() { return std::move(all_); }

 private:
  std::vector<Status> all_;
};

}  // namespace jiceng
