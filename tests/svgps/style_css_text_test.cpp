#include <gtest/gtest.h>

#include <string>

#include "style/css_text.hpp"

namespace bimi::svgps::style {
namespace {

TEST(StyleCssText, TrimAndCase) {
  EXPECT_EQ(trim(" \t\n\r\fa b\f "), "a b");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(to_lower_ascii("FiLL-Rule\xc3\x89"), "fill-rule\xc3\x89");
  EXPECT_TRUE(iequals("StRoKe", "stroke"));
  EXPECT_FALSE(iequals("stroke", "stroke-width"));
  EXPECT_TRUE(is_inherit(" INHERIT "));
  EXPECT_FALSE(is_inherit("inherits"));
  std::string_view text = "URL(#a)";
  EXPECT_TRUE(consume_prefix_ignoring_case(text, "url("));
  EXPECT_EQ(text, "#a)");
  EXPECT_FALSE(consume_prefix_ignoring_case(text, "url("));
  EXPECT_EQ(text, "#a)");
}

TEST(StyleCssText, SkipsCommentsAndStrings) {
  EXPECT_EQ(skip_comment("/* a */b", 0), 7u);
  EXPECT_EQ(skip_comment("/* open", 0), 7u);
  EXPECT_EQ(skip_comment("/*/ x */", 0), 8u);
  EXPECT_EQ(skip_string("'a\\'b'c", 0), 6u);
  EXPECT_EQ(skip_string("\"a'b\"c", 0), 5u);
  EXPECT_EQ(skip_string("'unterminated", 0), 13u);
  EXPECT_EQ(skip_string("'bad\nnext", 0), 4u);  // a newline ends a bad string
}

TEST(StyleCssText, ScanUntilRespectsNesting) {
  std::string_view text = "a(b;c)[;]{;}';'\";\"/*;*/\\;d;e";
  EXPECT_EQ(scan_until(text, 0, ";"), text.find("d;") + 1);
  EXPECT_EQ(scan_until("abc", 0, ";"), 3u);
  EXPECT_EQ(scan_until("x(;", 0, ";"), 3u);  // an open block runs to the end
  // A stray closer is an ordinary character; a block closes only with its own bracket.
  EXPECT_EQ(scan_until(") ;", 0, ";"), 2u);
  EXPECT_EQ(scan_until("(]; ) ;", 0, ";"), 6u);
  EXPECT_EQ(scan_until("a { b } c } d", 0, "}"), 10u);
}

TEST(StyleCssText, ScanUntilIsLinearOnDeepNesting) {
  std::string deep(1 << 20, '(');
  deep += ";";
  EXPECT_EQ(scan_until(deep, 0, ";"), deep.size());
  std::string many(1 << 20, ')');
  EXPECT_EQ(scan_until(many + ";", 0, ";"), many.size());
}

TEST(StyleCssText, ReplaceCommentsKeepsStrings) {
  EXPECT_EQ(replace_comments("a/**/b"), "a b");
  EXPECT_EQ(replace_comments("fill:/* x */red"), "fill: red");
  EXPECT_EQ(replace_comments("'/* kept */' x"), "'/* kept */' x");
  EXPECT_EQ(replace_comments("a /* open"), "a  ");
  EXPECT_EQ(replace_comments("\\/* not a comment"), "\\/* not a comment");
}

}  // namespace
}  // namespace bimi::svgps::style
