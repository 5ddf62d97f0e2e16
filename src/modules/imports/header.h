// Header matching: which file column holds which declared Column. Headers are
// compared after NormalizeHeader, so "身份证号码*", "身份证号码（必填）",
// "身份证 号码" and full-width letters all match. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "modules/imports/model.h"

namespace jiceng::imports {

// Full-width ASCII and the ideographic space to half-width, every space removed, ASCII lower-cased, and a
// trailing "*" or "（必填）"/"(必填)" dropped.
std::string NormalizeHeader(std::string_view text);

struct HeaderMap {
  std::vector<int> file_column;              // per Spec column: its 0-based file column, or -1
  std::vector<std::string> unknown_headers;  // non-empty headers that match no column
};

// Maps a header row onto the spec. Every missing required column is named in one Invalid error.
Result<HeaderMap> MatchHeader(const Spec& spec, const std::vector<std::string>& header);

// How many cells of `header` name a column of the spec (to find the header under title lines).
int KnownHeaders(const Spec& spec, const std::vector<std::string>& header);

}  // namespace jiceng::imports
