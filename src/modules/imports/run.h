// Running an import: reads the file (core/sheet.h), finds and matches the
// header, checks every cell by its Column, hands each row to the module's
// Target, and either only reports (preview) or writes in ONE transaction with
// one audit record — all rows or none, or only the good rows. A Target is used
// by one thread; Progress may be read and cancelled from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.h"
#include "core/status.h"
#include "modules/imports/model.h"
#include "store/store.h"

namespace jiceng::imports {

// A Target's answer for one row: what it did, or every reason it refuses the row (each Status's field names the
// column key it is about, or is empty for the whole row). Made from an Outcome, one Status or several.
class RowResult {
 public:
  RowResult(Outcome outcome) : outcome_(outcome) {}                            // NOLINT: implicit by design
  RowResult(Status refusal) : refusals_{std::move(refusal)} {}                 // NOLINT: implicit by design
  RowResult(std::vector<Status> refusals) : refusals_(std::move(refusals)) {}  // NOLINT: implicit by design
  bool ok() const { return refusals_.empty(); }
  Outcome outcome() const { return outcome_; }
  const std::vector<Status>& refusals() const { return refusals_; }

 private:
  Outcome outcome_ = Outcome::kSkip;
  std::vector<Status> refusals_;
};

// A module's import (people roster, duty ledger): its columns, and the check and write of one row.
class Target {
 public:
  virtual ~Target() = default;
  virtual const Spec& spec() const = 0;
  // Before the first row of a run: forget what earlier runs saw (duplicates inside the file).
  virtual void Begin() = 0;
  // Checks the row against the store and what earlier rows of the file did, reporting every problem it finds (a
  // clerk corrects a row once, not once per problem); writes it when `write` (inside the run's transaction, no
  // audit record of its own). Nothing is written for a refused row. A row some of whose cells failed their checks
  // (row.any_failed) comes with `write` false: check the other cells; nothing of it exists for later rows to
  // build on (a measure's problem).
  virtual RowResult Row(const Values& row, bool write) = 0;
  // The audit record's organization (the import's scope), may be empty.
  virtual std::string AuditOrg() const { return ""; }
  // True when rows depend on rows written before them (a measure on the problem above it): the preview then
  // writes every row inside a transaction it rolls back, so it sees exactly what the apply will.
  virtual bool PreviewWrites() const { return false; }
  // False when Row checks everything before its first write, so a refused row has written nothing and the
  // per-row savepoint can be left out (a 100,000-row roster spends a tenth of its time on them otherwise).
  virtual bool NeedsRowSavepoints() const { return true; }
};

enum class Mode {
  kPreview,   // check every row, write nothing
  kAll,       // write every row, or nothing when any row is bad
  kGoodOnly,  // write the good rows, skip the bad ones
};

// Read by another thread while a run goes on; `cancel` stops it with nothing changed.
struct Progress {
  std::atomic<int64_t> done{0};
  std::atomic<int64_t> total{0};  // data rows, known after a first quick read
  std::atomic<bool> cancel{false};
};

struct RunOptions {
  Mode mode = Mode::kPreview;
  std::string file_name;  // for the format's tie-break and the audit record
  Actor actor;
  Progress* progress = nullptr;
};

// The report; a file that cannot be read or whose header lacks a required column is an Invalid Status. A run
// that writes commits only when it keeps something (kAll: no row was bad); a cancelled run changes nothing. Each
// row is written under its own savepoint (unless its Target needs none), so a row refused halfway leaves nothing
// of itself behind.
Result<Report> Run(Target& target, store::Connection& db, std::string_view bytes, const RunOptions& options);

}  // namespace jiceng::imports
