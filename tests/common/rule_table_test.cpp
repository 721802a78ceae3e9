// The shape every rule table shares: find, the row of an id (an unknown one is
// a programming error), report with the table's severity, and the Markdown page
// with the table's own columns.
#include "bimi/rule_table.hpp"

#include <gtest/gtest.h>

#include <array>
#include <stdexcept>

namespace bimi {
namespace {

constexpr std::array<RuleInfo, 2> table{{
    {"first-rule", Severity::error, "finds the first thing", "RFC 1 §1"},
    {"second-rule", Severity::note, "finds the second thing", "RFC 2 §2"},
}};

// A row of a table's own: a column more, no severity.
struct Check {
  std::string_view id;
  std::string_view stage;
  std::string_view summary;
  std::string_view citation;
};
constexpr std::array<Check, 1> checks{{{"only-check", "late", "checks the only thing", "RFC 3"}}};

TEST(RuleTable, FindsRowsAndRefusesUnknownIds) {
  EXPECT_EQ(find_rule(table, "second-rule"), &table[1]);
  EXPECT_EQ(find_rule(table, "no-such-rule"), nullptr);
  EXPECT_EQ(find_row<Check>(checks, "only-check"), &checks[0]);
  EXPECT_EQ(&row_of<Check>(checks, "only-check"), &checks[0]);
  EXPECT_THROW(row_of<Check>(checks, "no-such-check"), std::logic_error);
}

TEST(RuleTable, ReportsWithTheTablesSeverity) {
  Diagnostics out;
  report_rule(table, out, "second-rule", "seen", {3, 4});
  ASSERT_EQ(out.items().size(), 1u);
  EXPECT_EQ(out.items()[0].rule, "second-rule");
  EXPECT_EQ(out.items()[0].severity, Severity::note);
  EXPECT_THROW(report_rule(table, out, "no-such-rule", "seen"), std::logic_error);
}

TEST(RuleTable, RendersMarkdownWithTheTablesColumns) {
  EXPECT_EQ(rules_markdown(table, "# Rules\n\n"),
            "# Rules\n\n| id | severity | what it finds | source "
            "|\n|---|---|---|---|\n"
            "| `first-rule` | error | finds the first thing | RFC 1 §1 |\n"
            "| `second-rule` | note | finds the second thing | RFC 2 §2 |\n");
  EXPECT_EQ(rules_markdown<Check>(checks, "", {{"stage", [](const Check& c) { return c.stage; }}}, "what it checks"),
            "| id | stage | what it checks | source |\n|---|---|---|---|\n"
            "| `only-check` | late | checks the only thing | RFC 3 |\n");
  EXPECT_EQ(rules_markdown<Check>(checks, "", {}, "what it checks"),
            "| id | what it checks | source |\n|---|---|---|\n| `only-check` | "
            "checks the only thing | RFC 3 |\n");
}

}  // namespace
}  // namespace bimi
