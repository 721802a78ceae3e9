#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

#include "bimi/svgps/rules.hpp"

namespace bimi::svgps {
namespace {

TEST(RulesTable, IdsAreUniqueKebabCaseWithSummaryAndSource) {
  std::set<std::string_view> seen;
  for (const Rule& rule : rules()) {
    EXPECT_TRUE(seen.insert(rule.id).second) << "duplicate id " << rule.id;
    for (char c : rule.id) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '-') << rule.id;
    EXPECT_FALSE(rule.summary.empty()) << rule.id;
    EXPECT_FALSE(rule.citation.empty()) << rule.id;
  }
  EXPECT_GE(seen.size(), 50u);
}

TEST(RulesTable, SpecIsNeverStricterThanStrict) {
  for (const Rule& rule : rules()) {
    EXPECT_LE(static_cast<int>(rule.spec), static_cast<int>(rule.strict)) << rule.id;
  }
}

TEST(RulesTable, SchemaDraftAndInputRulesAreErrorsInBothProfiles) {
  for (const Rule& rule : rules()) {
    if (rule.kind == RuleKind::guidance) continue;
    if (rule.id == "reference-dangling" || rule.id == "duplicate-id") continue;  // SVG errors renderers survive
    EXPECT_EQ(rule.strict, Severity::error) << rule.id;
    EXPECT_EQ(rule.spec, Severity::error) << rule.id;
  }
}

TEST(RulesTable, GuidanceIsAtMostAWarningUnderSpec) {
  for (const Rule& rule : rules()) {
    if (rule.kind == RuleKind::guidance) {
      EXPECT_NE(rule.spec, Severity::error) << rule.id;
    }
  }
}

TEST(RulesTable, SeverityFollowsProfile) {
  EXPECT_EQ(severity_of("file-size", Profile::strict), Severity::error);
  EXPECT_EQ(severity_of("file-size", Profile::spec), Severity::warning);
  EXPECT_EQ(severity_of("square", Profile::spec), Severity::warning);
  EXPECT_EQ(severity_of("version", Profile::spec), Severity::error);
  EXPECT_EQ(severity_of("title-long", Profile::strict), Severity::warning);
}

// The common shape: an id missing from the table is a programming error, not an error finding.
TEST(RulesTable, UnknownIdIsAProgrammingError) {
  EXPECT_THROW(severity_of("no-such-rule", Profile::strict), std::logic_error);
}

TEST(RulesTable, MarkdownHasTheLogoColumns) {
  std::string page = rules_markdown();
  EXPECT_NE(page.find("| id | kind | strict | spec | what it finds | source |\n|---|---|---|---|---|---|\n"),
            std::string::npos);
  EXPECT_NE(page.find("| `file-size` | guidance | error | warning | "), std::string::npos);
}

TEST(RulesTable, FindsRulesAndProfiles) {
  ASSERT_NE(find_rule("colors"), nullptr);
  EXPECT_EQ(find_rule("no-such-rule"), nullptr);
  EXPECT_EQ(parse_profile("strict"), Profile::strict);
  EXPECT_EQ(parse_profile("spec"), Profile::spec);
  EXPECT_FALSE(parse_profile("gmail").has_value());
  EXPECT_EQ(to_string(Profile::spec), "spec");
}

}  // namespace
}  // namespace bimi::svgps
