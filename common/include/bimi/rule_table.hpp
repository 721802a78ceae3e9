// The shape every rule table of bimi shares (logo rules, certificate checks,
// DNS and DMARC findings, message findings, aggregate report findings): a
// stable id, what the rule finds and its source; and what every table does with
// it — find a rule, report a finding with the table's severity, render the
// table as the Markdown page a test keeps in step.
#pragma once

#include <concepts>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "bimi/diagnostic.hpp"

namespace bimi {

// The row of a table whose rules have one severity each.
struct RuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view summary;
  std::string_view citation;
};

// A table's rows are RuleInfo, or a row type of the table's own with at least
// these members: the logo rules add a kind and a severity per profile, the
// certificate checks yield verdicts instead of severities.
template <class Row>
concept RuleRow = requires(const Row& row) {
  { row.id } -> std::convertible_to<std::string_view>;
  { row.summary } -> std::convertible_to<std::string_view>;
  { row.citation } -> std::convertible_to<std::string_view>;
};

// Nullptr when id is not in the table.
template <RuleRow Row>
const Row* find_row(std::span<const Row> table, std::string_view id) {
  for (const Row& row : table) {
    if (row.id == id) return &row;
  }
  return nullptr;
}

[[noreturn]] void throw_unknown_rule(std::string_view id);

// The row of id. An id missing from the table is a programming error: it throws
// std::logic_error (each table's tests cover every id).
template <RuleRow Row>
const Row& row_of(std::span<const Row> table, std::string_view id) {
  const Row* row = find_row(table, id);
  if (row == nullptr) throw_unknown_rule(id);
  return *row;
}

// A column of a table's Markdown page, between the id and what the rule finds.
template <RuleRow Row>
struct RuleColumn {
  std::string_view heading;
  std::string_view (*cell)(const Row&);
};

// `preamble` (title and prose), then `| id | <columns> | <summary_heading> |
// source |` with a row per rule.
template <RuleRow Row>
std::string rules_markdown(std::span<const Row> table, std::string_view preamble,
                           std::initializer_list<RuleColumn<Row>> columns, std::string_view summary_heading) {
  std::string out(preamble);
  std::string headings_line = "| id |";
  for (const auto& column : columns) headings_line += " " + std::string(column.heading) + " |";
  headings_line += " " + std::string(summary_heading) + " | source |\n|---|";
  for (std::size_t i = 0; i < columns.size() + 2; ++i) headings_line += "---|";
  out += headings_line + "\n";
  for (const Row& row : table) {
    out += "| `" + std::string(row.id) + "` | ";
    for (const auto& column : columns) out += std::string(column.cell(row)) + " | ";
    out += std::string(row.summary) + " | " + std::string(row.citation) + " |\n";
  }
  return out;
}

// The same for RuleInfo tables, whose page has a severity column.
const RuleInfo* find_rule(std::span<const RuleInfo> table, std::string_view id);

// Appends a finding for a rule of the table with the table's severity. An id
// missing from the table is a programming error: it throws std::logic_error
// (each table's tests cover every id).
void report_rule(std::span<const RuleInfo> table, Diagnostics& out, std::string_view id, std::string message,
                 Location location = {});

// `preamble` (title and prose), then `| id | severity | what it finds | source
// |` with a row per rule.
std::string rules_markdown(std::span<const RuleInfo> table, std::string_view preamble);

}  // namespace bimi
