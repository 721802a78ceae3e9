#include "bimi/rule_table.hpp"

#include <stdexcept>

namespace bimi {

const RuleInfo* find_rule(std::span<const RuleInfo> table, std::string_view id) {
  for (const auto& rule : table) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

void report_rule(std::span<const RuleInfo> table, Diagnostics& out, std::string_view id, std::string message,
                 Location location) {
  const RuleInfo* rule = find_rule(table, id);
  if (rule == nullptr) throw std::logic_error("no rule \"" + std::string(id) + "\" in the table");
  out.add(std::string(rule->id), rule->severity, std::move(message), location);
}

std::string rules_markdown(std::span<const RuleInfo> table, std::string_view preamble) {
  std::string out(preamble);
  out += "| id | severity | what it finds | source |\n|---|---|---|---|\n";
  for (const auto& rule : table) {
    out += "| `" + std::string(rule.id) + "` | " + std::string(to_string(rule.severity)) + " | " +
           std::string(rule.summary) + " | " + std::string(rule.citation) + " |\n";
  }
  return out;
}

}  // namespace bimi
