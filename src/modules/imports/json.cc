#include "modules/imports/json.h"

namespace jiceng::imports {

boost::json::object ToJson(const Report& report, size_t offset, size_t limit) {
  boost::json::object counts{{"rows", report.counts.rows},       {"added", report.counts.added},
                             {"updated", report.counts.updated}, {"skipped", report.counts.skipped},
                             {"failed", report.counts.failed}};
  boost::json::array errors;
  for (size_t i = offset; i < report.errors.size() && errors.size() < limit; ++i) {
    const RowError& e = report.errors[i];
    errors.push_back({{"row", e.row}, {"column", e.column}, {"message", e.message}});
  }
  boost::json::array unknown;
  for (const auto& h : report.unknown_headers) unknown.push_back(boost::json::string(h));
  return {{"counts", std::move(counts)},
          {"errors", std::move(errors)},
          {"error_total", report.errors.size()},
          {"unknown_headers", std::move(unknown)},
          {"applied", report.applied},
          {"cancelled", report.cancelled}};
}

}  // namespace jiceng::imports
