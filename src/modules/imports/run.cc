#include "modules/imports/run.h"

#include <algorithm>

#include "modules/imports/cells.h"
#include "modules/imports/header.h"
#include "store/audit.h"

namespace jiceng::imports {
namespace {

// The header is the first of the first rows that names at least two columns (ledgers have a title above it).
constexpr int kHeaderSearchRows = 10;

std::vector<std::string> Texts(const sheet::Row& row) {
  std::vector<std::string> out;
  out.reserve(row.cells.size());
  for (const auto& c : row.cells) out.push_back(CellText(c));
  return out;
}

bool Blank(const sheet::Row& row) {
  for (const auto& c : row.cells) {
    if (!CellText(c).empty()) return false;
  }
  return true;
}

// The position of the column `key` in the spec; the end for the whole row (or a field that is no column).
size_t ColumnIndex(const Spec& spec, const std::string& key) {
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    if (spec.columns[i].key == key) return i;
  }
  return spec.columns.size();
}

// One problem of a row, before it is written out: by_column's index, or the end for the whole row.
struct Found {
  size_t column;
  std::string message;
};

}  // namespace

const std::string& Values::Get(const std::string& key) const {
  static const std::string kEmpty;
  for (size_t i = 0; i < spec->columns.size(); ++i) {
    if (spec->columns[i].key == key) return by_column[i] ? *by_column[i] : kEmpty;
  }
  return kEmpty;
}

bool Values::Has(const std::string& key) const {
  for (size_t i = 0; i < spec->columns.size(); ++i) {
    if (spec->columns[i].key == key) return by_column[i].has_value();
  }
  return false;
}

bool Values::Failed(const std::string& key) const {
  for (size_t i = 0; i < spec->columns.size(); ++i) {
    if (spec->columns[i].key == key) return failed[i];
  }
  return false;
}

Result<Report> Run(Target& target, store::Connection& db, std::string_view bytes, const RunOptions& options) {
  const Spec& spec = target.spec();
  auto format = sheet::Detect(bytes, options.file_name);
  if (!format.ok()) return format.status();
  const sheet::ReadLimits limits;

  // First read: the header row, and the number of data rows for the progress bar.
  int header_row = 0;
  std::vector<std::string> header, first;
  int64_t after_header = 0;
  Status read = sheet::ReadRows(bytes, *format, limits, [&](const sheet::Row& row) {
    if (header_row == 0) {
      std::vector<std::string> texts = Texts(row);
      if (first.empty()) first = texts;
      if (KnownHeaders(spec, texts) >= std::min<int>(2, static_cast<int>(spec.columns.size()))) {
        header_row = row.number;
        header = std::move(texts);
      } else if (row.number >= kHeaderSearchRows) {
        return false;
      }
      return true;
    }
    ++after_header;
    return options.progress != nullptr;  // without a progress bar the count is not needed
  });
  if (!read.ok()) return read;
  if (header_row == 0) {
    if (first.empty()) return Status::Invalid("file", "文件中没有数据");
    header = first;  // names the missing columns below
  }
  auto map = MatchHeader(spec, header);
  if (!map.ok()) return map.status();
  if (options.progress) {
    options.progress->total = after_header;
    options.progress->done = 0;
  }

  Report report;
  report.header = header;
  report.unknown_headers = map->unknown_headers;
  const bool writes = options.mode != Mode::kPreview;
  const bool trial = !writes && target.PreviewWrites();  // written, then rolled back
  std::optional<store::Transaction> tx;
  if (writes || trial) tx.emplace(db);
  target.Begin();

  Values values;
  values.spec = &spec;
  values.by_column.resize(spec.columns.size());
  values.failed.resize(spec.columns.size());
  std::vector<Found> found;
  read = sheet::ReadRows(bytes, *format, limits, [&](const sheet::Row& row) {
    if (row.number <= header_row) return true;
    if (options.progress) {
      if (options.progress->cancel) {
        report.cancelled = true;
        return false;
      }
      ++options.progress->done;
    }
    ++report.counts.rows;
    if (Blank(row)) {
      ++report.counts.skipped;
      return true;
    }
    values.row = row.number;
    values.any_failed = false;
    found.clear();
    for (size_t c = 0; c < spec.columns.size(); ++c) {
      const Column& col = spec.columns[c];
      const int f = map->file_column[c];
      values.failed[c] = false;
      if (f < 0) {
        values.by_column[c].reset();
        continue;
      }
      static const sheet::Cell kEmpty;
      const sheet::Cell& cell = static_cast<size_t>(f) < row.cells.size() ? row.cells[f] : kEmpty;
      if (CellText(cell).empty()) {
        values.by_column[c] = "";
        if (col.required && !col.blank_ok) {
          found.push_back({c, col.name + "不能为空"});
          values.failed[c] = values.any_failed = true;
        }
        continue;
      }
      Result<std::string> value = col.check            ? col.check(cell, col)
                                  : !col.vocabulary.empty() ? VocabularyCell(cell, col)
                                                            : TextCell(cell, col);
      if (!value.ok()) {
        found.push_back({c, value.status().message()});
        values.by_column[c] = "";
        values.failed[c] = values.any_failed = true;
      } else {
        values.by_column[c] = std::move(*value);
      }
    }
    // The Target sees every row, so that its checks of the other cells are reported with the bad cells; it writes
    // only a row whose cells all passed. After a bad row an all-or-nothing run rolls back anyway: it goes on
    // checking, writing only where the later rows' checks need the earlier rows (PreviewWrites), so those checks
    // stay exact.
    const bool write =
        !values.any_failed &&
        (trial || (writes && (options.mode == Mode::kGoodOnly || report.counts.failed == 0 || target.PreviewWrites())));
    std::optional<store::Transaction> row_tx;
    if (write && target.NeedsRowSavepoints()) row_tx.emplace(db);
    RowResult outcome = target.Row(values, write);
    if (outcome.ok() && row_tx) row_tx->Commit();
    // A cell that failed its check was given to the Target as empty: what it says of that cell adds nothing.
    for (const Status& refusal : outcome.refusals()) {
      const size_t c = ColumnIndex(spec, refusal.field());
      if (c < spec.columns.size() && values.failed[c]) continue;
      found.push_back({c, refusal.message()});
    }
    if (found.empty()) {
      if (outcome.outcome() == Outcome::kAdd) {
        ++report.counts.added;
      } else if (outcome.outcome() == Outcome::kUpdate) {
        ++report.counts.updated;
      } else {
        ++report.counts.skipped;
      }
      return true;
    }
    // In the order of the columns (the template's), then what concerns the whole row.
    std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.column < b.column; });
    ++report.counts.failed;
    report.bad_rows.emplace_back(row.number, Texts(row));
    for (Found& e : found) {
      report.errors.push_back(
          {row.number, e.column < spec.columns.size() ? spec.columns[e.column].name : "", std::move(e.message)});
    }
    return true;
  });
  if (!read.ok()) return read;
  if (!writes || report.cancelled) return report;  // a trial preview rolls back here
  if (options.mode == Mode::kAll && report.counts.failed > 0) return report;  // rolls back
  store::AppendAudit(db, options.actor,
                     {spec.audit_action, options.file_name, target.AuditOrg(), "",
                      "added=" + std::to_string(report.counts.added) + " updated=" +
                          std::to_string(report.counts.updated) + " skipped=" + std::to_string(report.counts.skipped) +
                          " failed=" + std::to_string(report.counts.failed)});
  tx->Commit();
  report.applied = true;
  return report;
}

}  // namespace jiceng::imports
