#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "style/stylesheet.hpp"

namespace bimi::svgps::style {
namespace {

using Kind = SkippedCss::Kind;

std::vector<std::string> selector_texts(const Rule& rule) {
  std::vector<std::string> texts;
  for (const Selector& selector : rule.selectors) texts.push_back(selector.text);
  return texts;
}

std::vector<Kind> skipped_kinds(const StyleSheet& sheet) {
  std::vector<Kind> kinds;
  for (const SkippedCss& entry : sheet.skipped) kinds.push_back(entry.kind);
  return kinds;
}

TEST(StyleSheetParse, IllustratorStyle) {
  StyleSheet sheet = parse_stylesheet(
      "\n\t.st0{fill:#FFFFFF;}\n\t.st1{fill:none;stroke:#000000;stroke-width:2;stroke-miterlimit:"
      "10;}\n");
  ASSERT_EQ(sheet.rules.size(), 2u);
  EXPECT_EQ(selector_texts(sheet.rules[0]), std::vector<std::string>{".st0"});
  EXPECT_EQ(sheet.rules[0].declarations, (std::vector<Declaration>{{"fill", "#FFFFFF", false}}));
  EXPECT_EQ(sheet.rules[1].declarations.size(), 4u);
  EXPECT_EQ(sheet.rules[0].offset, 2u);
  EXPECT_TRUE(sheet.skipped.empty());
}

TEST(StyleSheetParse, SelectorGroupsAndComments) {
  StyleSheet sheet = parse_stylesheet("/* head */ .a, .b /* x */ ,path#p { fill : red } /* tail");
  ASSERT_EQ(sheet.rules.size(), 1u);
  EXPECT_EQ(selector_texts(sheet.rules[0]), (std::vector<std::string>{".a", ".b", "path#p"}));
  EXPECT_EQ(sheet.rules[0].declarations, (std::vector<Declaration>{{"fill", "red", false}}));
}

TEST(StyleSheetParse, CdataAndHtmlCommentWrappers) {
  StyleSheet sheet = parse_stylesheet("<![CDATA[\n.a{fill:red}\n]]>");
  ASSERT_EQ(sheet.rules.size(), 1u);
  EXPECT_TRUE(sheet.skipped.empty());
  sheet = parse_stylesheet("<!--\n.a{fill:red}\n-->\n<!-- .b{fill:blue} -->");
  ASSERT_EQ(sheet.rules.size(), 2u);
  EXPECT_EQ(selector_texts(sheet.rules[1]), std::vector<std::string>{".b"});
  EXPECT_TRUE(sheet.skipped.empty());
}

TEST(StyleSheetParse, AtRulesAreSkippedAndReported) {
  StyleSheet sheet = parse_stylesheet(
      "@import url('x.css');\n"
      "@charset \"utf-8\";\n"
      "@font-face { font-family: X; src: url(x.woff) }\n"
      "@media (min-width: 10px) { .a { fill: red } .b { fill: blue } }\n"
      ".c { fill: green }\n"
      "@MEDIA print { .d { fill: red } }\n"
      "@keyframes spin { from { opacity: 0 } to { opacity: 1 } }");
  ASSERT_EQ(sheet.rules.size(), 1u);
  EXPECT_EQ(selector_texts(sheet.rules[0]), std::vector<std::string>{".c"});
  ASSERT_EQ(sheet.skipped.size(), 6u);
  for (const SkippedCss& entry : sheet.skipped) EXPECT_EQ(entry.kind, Kind::at_rule);
  EXPECT_EQ(sheet.skipped[0].excerpt, "@import url('x.css')");
  EXPECT_NE(sheet.skipped[0].reason.find("@import"), std::string::npos);
  EXPECT_EQ(sheet.skipped[2].excerpt, "@font-face");
  EXPECT_NE(sheet.skipped[2].reason.find("font"), std::string::npos);
  EXPECT_EQ(sheet.skipped[3].excerpt, "@media (min-width: 10px)");
  EXPECT_NE(sheet.skipped[3].reason.find("@media"), std::string::npos);
  EXPECT_NE(sheet.skipped[4].reason.find("@media"), std::string::npos);
  EXPECT_NE(sheet.skipped[5].reason.find("@keyframes"), std::string::npos);
}

TEST(StyleSheetParse, UnterminatedAtRuleSwallowsTheRest) {
  StyleSheet sheet = parse_stylesheet("@media screen { .a { fill: red } .b { fill: blue }");
  EXPECT_TRUE(sheet.rules.empty());
  EXPECT_EQ(skipped_kinds(sheet), std::vector<Kind>{Kind::at_rule});
  sheet = parse_stylesheet("@import 'x.css'");
  EXPECT_EQ(skipped_kinds(sheet), std::vector<Kind>{Kind::at_rule});
}

TEST(StyleSheetParse, UnsupportedSelectorsAreDroppedOneByOne) {
  StyleSheet sheet = parse_stylesheet(".a, .b:hover, g + path, .c { fill: red }");
  ASSERT_EQ(sheet.rules.size(), 1u);
  EXPECT_EQ(selector_texts(sheet.rules[0]), (std::vector<std::string>{".a", ".c"}));
  ASSERT_EQ(sheet.skipped.size(), 2u);
  EXPECT_EQ(sheet.skipped[0].kind, Kind::unsupported_selector);
  EXPECT_EQ(sheet.skipped[0].excerpt, ".b:hover");
  EXPECT_EQ(sheet.skipped[0].offset, 4u);
  EXPECT_EQ(sheet.skipped[0].reason, "unsupported: :hover");
  EXPECT_EQ(sheet.skipped[1].excerpt, "g + path");
}

TEST(StyleSheetParse, RuleWithOnlyUnsupportedSelectorsIsNotKept) {
  StyleSheet sheet = parse_stylesheet("a:hover { fill: red } .b { fill: blue }");
  ASSERT_EQ(sheet.rules.size(), 1u);
  EXPECT_EQ(selector_texts(sheet.rules[0]), std::vector<std::string>{".b"});
  EXPECT_EQ(skipped_kinds(sheet), std::vector<Kind>{Kind::unsupported_selector});
}

TEST(StyleSheetParse, InvalidSelectorDropsTheWholeRule) {
  StyleSheet sheet = parse_stylesheet(".a, .b:bogus { fill: red } .c { fill: blue } .d, { x: y }");
  ASSERT_EQ(sheet.rules.size(), 1u);
  EXPECT_EQ(selector_texts(sheet.rules[0]), std::vector<std::string>{".c"});
  ASSERT_EQ(skipped_kinds(sheet),
            (std::vector<Kind>{Kind::invalid_selector, Kind::invalid_selector}));
  EXPECT_EQ(sheet.skipped[0].offset, 0u);
  EXPECT_NE(sheet.skipped[0].reason.find(":bogus"), std::string::npos);
  EXPECT_NE(sheet.skipped[0].reason.find("whole rule"), std::string::npos);
}

TEST(StyleSheetParse, ErrorRecoveryLikeCss) {
  // A stray '}' becomes part of the next prelude, which is then invalid; parsing resumes after
  // that rule's block.
  StyleSheet sheet = parse_stylesheet("} .a { fill: red } .b { fill: blue }");
  ASSERT_EQ(sheet.rules.size(), 1u);
  EXPECT_EQ(selector_texts(sheet.rules[0]), std::vector<std::string>{".b"});

  // ';' does not end a qualified rule's prelude.
  sheet = parse_stylesheet(".a; .b { fill: red } .c { fill: blue }");
  ASSERT_EQ(sheet.rules.size(), 1u);
  EXPECT_EQ(selector_texts(sheet.rules[0]), std::vector<std::string>{".c"});

  // Broken declarations inside a block are skipped; the rest of the block applies.
  sheet = parse_stylesheet(".a { fill red; stroke: blue; : x } .b { fill: green }");
  ASSERT_EQ(sheet.rules.size(), 2u);
  EXPECT_EQ(sheet.rules[0].declarations, (std::vector<Declaration>{{"stroke", "blue", false}}));
  EXPECT_EQ(skipped_kinds(sheet),
            (std::vector<Kind>{Kind::invalid_declaration, Kind::invalid_declaration}));
  EXPECT_EQ(sheet.skipped[0].offset, 5u);  // offsets are in the sheet's text

  // Braces inside strings and parentheses do not close the block.
  sheet = parse_stylesheet(".a { font-family: '}'; fill: url(#x}) } .b { fill: blue }");
  ASSERT_EQ(sheet.rules.size(), 2u);
  EXPECT_EQ(sheet.rules[0].declarations.size(), 2u);
}

TEST(StyleSheetParse, UnclosedBlockEndsAtTheEnd) {
  StyleSheet sheet = parse_stylesheet(".a { fill: red; stroke: blue");
  ASSERT_EQ(sheet.rules.size(), 1u);
  EXPECT_EQ(sheet.rules[0].declarations.size(), 2u);
  EXPECT_TRUE(sheet.skipped.empty());
}

TEST(StyleSheetParse, SelectorWithoutBlock) {
  StyleSheet sheet = parse_stylesheet(".a { fill: red } .b");
  EXPECT_EQ(sheet.rules.size(), 1u);
  ASSERT_EQ(skipped_kinds(sheet), std::vector<Kind>{Kind::invalid_rule});
  EXPECT_EQ(sheet.skipped[0].excerpt, ".b");
  EXPECT_EQ(sheet.skipped[0].offset, 17u);
}

TEST(StyleSheetParse, EmptyInputs) {
  EXPECT_TRUE(parse_stylesheet("").rules.empty());
  EXPECT_TRUE(parse_stylesheet("  /* */ <!-- --> ").skipped.empty());
  StyleSheet sheet = parse_stylesheet(".a {}");
  ASSERT_EQ(sheet.rules.size(), 1u);
  EXPECT_TRUE(sheet.rules[0].declarations.empty());
}

TEST(StyleSheetParse, LimitOnRules) {
  std::string css;
  for (std::size_t i = 0; i < kMaxRules + 5; ++i) css += ".a{fill:red}";
  StyleSheet sheet = parse_stylesheet(css);
  EXPECT_EQ(sheet.rules.size(), kMaxRules);
  ASSERT_EQ(skipped_kinds(sheet), std::vector<Kind>{Kind::limit_reached});
  EXPECT_EQ(sheet.skipped[0].offset, kMaxRules * 12);
}

TEST(StyleSheetParse, LimitOnSelectors) {
  std::string css;
  for (std::size_t i = 0; i < kMaxSelectors + 5; ++i) css += ".a,";
  css += ".z{fill:red} .b{fill:blue}";
  StyleSheet sheet = parse_stylesheet(css);
  ASSERT_EQ(sheet.rules.size(), 1u);
  EXPECT_EQ(sheet.rules[0].selectors.size(), kMaxSelectors);
  ASSERT_EQ(skipped_kinds(sheet), std::vector<Kind>{Kind::limit_reached});
}

TEST(StyleSheetParse, HostileInputStaysLinear) {
  EXPECT_EQ(parse_stylesheet(std::string(1 << 20, '{')).rules.size(), 0u);
  EXPECT_EQ(parse_stylesheet(std::string(1 << 20, '}')).rules.size(), 0u);
  EXPECT_EQ(parse_stylesheet(".a{" + std::string(1 << 20, '(')).rules.size(), 1u);
  std::string at_rules;
  for (int i = 0; i < 50000; ++i) at_rules += "@x;";
  EXPECT_EQ(parse_stylesheet(at_rules).skipped.size(), 50000u);
  std::string comments;
  for (int i = 0; i < 100000; ++i) comments += "/**/<!---->";
  EXPECT_TRUE(parse_stylesheet(comments).skipped.empty());
  std::string unclosed_cdata = "<![CDATA[" + std::string(1 << 20, '[');
  EXPECT_TRUE(parse_stylesheet(unclosed_cdata).rules.empty());
}

}  // namespace
}  // namespace bimi::svgps::style
