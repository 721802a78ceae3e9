// The one table of the checks `bimi verify` makes: stable id, what it checks, and its source.
// docs/vmc-checks.md is tested against this table.
#pragma once

#include <span>
#include <string_view>

namespace bimi::vmc {

struct CheckInfo {
  std::string_view id;
  std::string_view summary;
  std::string_view citation;
};

// In the order verify runs and reports them.
std::span<const CheckInfo> check_table();

// Nullptr when id is not a check.
const CheckInfo* find_check(std::string_view id);

}  // namespace bimi::vmc
