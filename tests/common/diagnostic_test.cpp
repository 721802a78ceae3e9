#include "bimi/diagnostic.hpp"

#include <gtest/gtest.h>

namespace bimi {
namespace {

TEST(Diagnostics, CountsBySeverityAndFindsRules) {
  Diagnostics d;
  d.add("a", Severity::error, "x", {3, 1});
  d.add("b", Severity::warning, "y", {1, 5});
  EXPECT_EQ(d.count(Severity::error), 1u);
  EXPECT_EQ(d.count(Severity::warning), 1u);
  EXPECT_TRUE(d.has_errors());
  EXPECT_TRUE(d.has_rule("b"));
  EXPECT_FALSE(d.has_rule("c"));
}

TEST(Diagnostics, SortsByLocationThenRule) {
  Diagnostics d;
  d.add("z", Severity::error, "", {2, 1});
  d.add("b", Severity::error, "", {1, 9});
  d.add("a", Severity::error, "", {1, 9});
  d.add("w", Severity::error, "", {0, 0});
  d.sort_by_location();
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d.items()[0].rule, "w");
  EXPECT_EQ(d.items()[1].rule, "a");
  EXPECT_EQ(d.items()[2].rule, "b");
  EXPECT_EQ(d.items()[3].rule, "z");
}

TEST(Severity, Names) {
  EXPECT_EQ(to_string(Severity::error), "error");
  EXPECT_EQ(to_string(Severity::warning), "warning");
  EXPECT_EQ(to_string(Severity::note), "note");
}

}  // namespace
}  // namespace bimi
