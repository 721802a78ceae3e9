// docs/dns-checks.md is the rule table rendered; ids are unique and every rule is cited.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "bimi/records/rules.hpp"

namespace bimi::records {
namespace {

TEST(RulesDoc, MatchesTheTable) {
  std::ifstream in(std::string(BIMI_SOURCE_DIR) + "/docs/dns-checks.md", std::ios::binary);
  std::stringstream docs;
  docs << in.rdbuf();
  if (docs.str() != rules_markdown()) {
    std::ofstream out("dns-checks.md.expected", std::ios::binary);
    out << rules_markdown();
  }
  EXPECT_EQ(docs.str(), rules_markdown())
      << "docs/dns-checks.md is stale: copy dns-checks.md.expected from the test's working directory";
}

TEST(RulesDoc, IdsAreUniqueAndCited) {
  std::set<std::string_view> ids;
  for (const auto& rule : rule_table()) {
    EXPECT_TRUE(ids.insert(rule.id).second) << rule.id;
    EXPECT_FALSE(rule.summary.empty());
    EXPECT_FALSE(rule.citation.empty());
    EXPECT_EQ(find_rule(rule.id), &rule);
  }
  EXPECT_EQ(find_rule("no-such-rule"), nullptr);
}

TEST(RulesDoc, ReportingAnUnknownIdIsAProgrammingError) {
  Diagnostics out;
  EXPECT_THROW(report(out, "no-such-rule", "x"), std::logic_error);
  report(out, "dmarc-pct", "x", {0, 3});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out.items()[0].severity, Severity::error);
  EXPECT_EQ(out.items()[0].location.column, 3);
}

}  // namespace
}  // namespace bimi::records
