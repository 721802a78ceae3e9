// The libxml2 gate on its own: it must reject what the schema rejects and accept what it accepts.
#include <gtest/gtest.h>

#include "lint/checks.hpp"
#include "test_support.hpp"

namespace bimi::svgps::detail {
namespace {

TEST(SchemaGate, AcceptsAValidLogo) {
  Diagnostics d;
  check_schema_gate(test::good_logo(), d);
  EXPECT_TRUE(d.empty()) << test::describe(d);
}

TEST(SchemaGate, RejectsWithTheValidatorsMessageAndLine) {
  Diagnostics d;
  check_schema_gate(test::good_logo("<rect width=\"1\" height=\"1\"/>\n<circle id=\"a\" xml:id=\"b\" r=\"1\"/>\n"), d);
  ASSERT_TRUE(d.has_rule("schema"));
  EXPECT_EQ(d.items()[0].location.line, 4);
  EXPECT_NE(d.items()[0].message.find("circle"), std::string::npos);
}

TEST(SchemaGate, ReportsAtMostFiveErrors) {
  std::string body;
  for (int i = 0; i < 20; ++i) body += "<clipPath/>\n";
  Diagnostics d;
  check_schema_gate(test::good_logo(body), d);
  EXPECT_GE(d.size(), 1u);
  EXPECT_LE(d.size(), 5u);
}

TEST(SchemaGate, XmlThatLibxml2RefusesIsMalformed) {
  Diagnostics d;
  check_schema_gate(test::good_logo("<desc>&undefined;</desc>"), d);
  EXPECT_TRUE(d.has_rule("xml-malformed"));
}

}  // namespace
}  // namespace bimi::svgps::detail
