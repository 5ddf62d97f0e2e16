// The 56 ethnic groups of China (民族), by their Chinese names, plus
// education levels and political status, the fixed vocabularies of the
// people registry. Constant data; thread-safe.
#pragma once

#include <string_view>
#include <vector>

namespace jiceng {

const std::vector<std::string_view>& EthnicGroups();  // "汉族", "藏族", ...
bool IsEthnicGroup(std::string_view name);

}  // namespace jiceng
