// The one table of the findings about DNS records, DMARC, record discovery and HTTPS fetches: a
// stable id, a severity and the source of the rule. docs/dns-checks.md is generated from it.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "bimi/diagnostic.hpp"
#include "bimi/rule_table.hpp"

namespace bimi::records {

using bimi::RuleInfo;

std::span<const RuleInfo> rule_table();

// Nullptr when id is not in the table.
const RuleInfo* find_rule(std::string_view id);

// Appends a finding for a rule of the table with the table's severity. An id missing from the
// table is a programming error: it throws std::logic_error (a test covers every id).
void report(Diagnostics& out, std::string_view id, std::string message, Location location = {});

// docs/dns-checks.md, rendered from the table (a test keeps the file in step).
std::string rules_markdown();

}  // namespace bimi::records
