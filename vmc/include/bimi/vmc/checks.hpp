// The one table of the checks `bimi verify` makes: stable id, what it checks, and its source, in
// the shape every rule table shares (bimi/rule_table.hpp); a check yields a verdict, not a
// severity. docs/vmc-checks.md is tested against this table.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "bimi/rule_table.hpp"

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

// docs/vmc-checks.md, rendered from the table (a test keeps the file in step).
std::string checks_markdown();

}  // namespace bimi::vmc
