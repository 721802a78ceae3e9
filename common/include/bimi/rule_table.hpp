// The shape every rule table of bimi shares (DNS and DMARC findings, message findings, aggregate
// report findings): a stable id, a severity, what the rule finds and its source; and what every
// table does with it — find a rule, report a finding with the table's severity, render the table
// as the Markdown page a test keeps in step.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "bimi/diagnostic.hpp"

namespace bimi {

struct RuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view summary;
  std::string_view citation;
};

// Nullptr when id is not in the table.
const RuleInfo* find_rule(std::span<const RuleInfo> table, std::string_view id);

// Appends a finding for a rule of the table with the table's severity. An id missing from the
// table is a programming error: it throws std::logic_error (each table's tests cover every id).
void report_rule(std::span<const RuleInfo> table, Diagnostics& out, std::string_view id, std::string message,
                 Location location = {});

// `preamble` (title and prose), then `| id | severity | what it finds | source |` with a row per rule.
std::string rules_markdown(std::span<const RuleInfo> table, std::string_view preamble);

}  // namespace bimi
