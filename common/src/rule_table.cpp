#include "bimi/rule_table.hpp"

#include <stdexcept>

namespace bimi {

void throw_unknown_rule(std::string_view id) {
  throw std::logic_error("no rule \"" + std::string(id) + "\" in the table");
}

const RuleInfo* find_rule(std::span<const RuleInfo> table, std::string_view id) { return find_row(table, id); }

void report_rule(std::span<const RuleInfo> table, Diagnostics& out, std::string_view id, std::string message,
                 Location location) {
  const RuleInfo& rule = row_of(table, id);
  out.add(std::string(rule.id), rule.severity, std::move(message), location);
}

std::string rules_markdown(std::span<const RuleInfo> table, std::string_view preamble) {
  return rules_markdown<RuleInfo>(
      table, preamble, {{"severity", [](const RuleInfo& rule) { return to_string(rule.severity); }}}, "what it finds");
}

}  // namespace bimi
