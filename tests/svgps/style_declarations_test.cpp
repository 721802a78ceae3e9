#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "style/declarations.hpp"

namespace bimi::svgps::style {
namespace {

using Declarations = std::vector<Declaration>;

Declaration decl(std::string property, std::string value, bool important = false) {
  return Declaration{std::move(property), std::move(value), important};
}

TEST(StyleDeclarations, SimpleList) {
  EXPECT_EQ(parse_declarations("fill:red;stroke:#000"),
            (Declarations{decl("fill", "red"), decl("stroke", "#000")}));
  EXPECT_EQ(parse_declarations("  fill : red ;  stroke-width:2px;  "),
            (Declarations{decl("fill", "red"), decl("stroke-width", "2px")}));
  EXPECT_EQ(parse_declarations(""), Declarations{});
  EXPECT_EQ(parse_declarations(" ;;; "), Declarations{});
}

TEST(StyleDeclarations, NamesAreLoweredValuesKeepTheirCase) {
  EXPECT_EQ(parse_declarations("FILL:Red;Font-Family:Open Sans"),
            (Declarations{decl("fill", "Red"), decl("font-family", "Open Sans")}));
  // Custom properties are case-sensitive in CSS.
  EXPECT_EQ(parse_declarations("--Brand: #fff"), (Declarations{decl("--Brand", "#fff")}));
  EXPECT_EQ(parse_declarations("-webkit-x: 1"), (Declarations{decl("-webkit-x", "1")}));
}

TEST(StyleDeclarations, Important) {
  EXPECT_EQ(parse_declarations("fill:red!important"), (Declarations{decl("fill", "red", true)}));
  EXPECT_EQ(parse_declarations("fill: red ! IMPORTANT ;"),
            (Declarations{decl("fill", "red", true)}));
  EXPECT_EQ(parse_declarations("fill: red !/* why */important"),
            (Declarations{decl("fill", "red", true)}));
  EXPECT_EQ(parse_declarations("fill: red important"),
            (Declarations{decl("fill", "red important")}));
  EXPECT_EQ(parse_declarations("font-family: x-important"),
            (Declarations{decl("font-family", "x-important")}));
  // "!important" alone is a declaration without a value.
  EXPECT_EQ(parse_declarations("fill: !important; stroke: blue"),
            (Declarations{decl("stroke", "blue")}));
}

TEST(StyleDeclarations, Comments) {
  EXPECT_EQ(parse_declarations("/* a */fill/* b */:/* c */red/* d */;/* e */"),
            (Declarations{decl("fill", "red")}));
  EXPECT_EQ(parse_declarations("fill:red; /* stroke:blue; */ opacity:.5"),
            (Declarations{decl("fill", "red"), decl("opacity", ".5")}));
  EXPECT_EQ(parse_declarations("fill:red /* unterminated; stroke: blue"),
            (Declarations{decl("fill", "red")}));
}

TEST(StyleDeclarations, QuotesAndBlocksKeepTheirSemicolons) {
  EXPECT_EQ(parse_declarations("font-family:'A;B', \"C;D\";fill:red"),
            (Declarations{decl("font-family", "'A;B', \"C;D\""), decl("fill", "red")}));
  EXPECT_EQ(parse_declarations("fill:url(a;b);stroke:red"),
            (Declarations{decl("fill", "url(a;b)"), decl("stroke", "red")}));
  EXPECT_EQ(parse_declarations("font-family:'/* not a comment */'"),
            (Declarations{decl("font-family", "'/* not a comment */'")}));
}

TEST(StyleDeclarations, ErrorRecoverySkipsToTheNextSemicolon) {
  std::vector<SkippedCss> skipped;
  auto declarations = parse_declarations(
      "fill red; :blue; stroke:; *zoom:1; 2x:3; opacity:0.5; {a:b; c:d}; stroke-width:2", &skipped);
  EXPECT_EQ(declarations, (Declarations{decl("opacity", "0.5"), decl("stroke-width", "2")}));
  ASSERT_EQ(skipped.size(), 6u);
  EXPECT_EQ(skipped[0].kind, SkippedCss::Kind::invalid_declaration);
  EXPECT_EQ(skipped[0].offset, 0u);
  EXPECT_EQ(skipped[0].excerpt, "fill red");
  EXPECT_EQ(skipped[0].reason, "expected ':' after the property name");
  EXPECT_EQ(skipped[1].excerpt, ":blue");
  EXPECT_EQ(skipped[1].offset, 10u);
  EXPECT_EQ(skipped[2].reason, "the declaration has no value");
  EXPECT_EQ(skipped[3].excerpt, "*zoom:1");
  EXPECT_EQ(skipped[4].excerpt, "2x:3");
  EXPECT_EQ(skipped[5].excerpt, "{a:b; c:d}");
}

TEST(StyleDeclarations, BaseOffsetIsAdded) {
  std::vector<SkippedCss> skipped;
  parse_declarations("a:b; bad", &skipped, 100);
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].offset, 105u);
}

TEST(StyleDeclarations, CommentOnlyAndEmptyDeclarationsAreNotReported) {
  std::vector<SkippedCss> skipped;
  EXPECT_TRUE(parse_declarations(";; /* x */ ; \n", &skipped).empty());
  EXPECT_TRUE(skipped.empty());
}

TEST(StyleDeclarations, DuplicatesAreKeptInOrder) {
  // The cascade decides which one wins; the parser keeps source order.
  EXPECT_EQ(parse_declarations("fill:red;fill:blue"),
            (Declarations{decl("fill", "red"), decl("fill", "blue")}));
}

TEST(StyleDeclarations, ValuesKeepInnerWhitespace) {
  EXPECT_EQ(parse_declarations("stroke-dasharray:\n  1 ,\t2  \n"),
            (Declarations{decl("stroke-dasharray", "1 ,\t2")}));
}

TEST(StyleDeclarations, LimitOnDeclarationCount) {
  std::string text;
  for (std::size_t i = 0; i < kMaxDeclarationsPerList + 10; ++i) text += "fill:red;";
  std::vector<SkippedCss> skipped;
  auto declarations = parse_declarations(text, &skipped);
  EXPECT_EQ(declarations.size(), kMaxDeclarationsPerList);
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].kind, SkippedCss::Kind::limit_reached);
}

TEST(StyleDeclarations, HostileInputStaysLinear) {
  std::string open_blocks(1 << 20, '(');
  EXPECT_TRUE(parse_declarations("fill:" + open_blocks).size() == 1);
  std::string semicolons(1 << 20, ';');
  EXPECT_TRUE(parse_declarations(semicolons).empty());
  std::string garbage;
  for (int i = 0; i < 100000; ++i) garbage += "x;";
  std::vector<SkippedCss> skipped;
  EXPECT_TRUE(parse_declarations(garbage, &skipped).empty());
  EXPECT_EQ(skipped.size(), 100000u);
}

TEST(StyleDeclarations, ExcerptsAreBoundedAtCharacterBoundaries) {
  std::string long_value = "x " + std::string(77, 'a') + "\xc3\xa9" + std::string(50, 'b');
  std::string excerpt = excerpt_of(long_value);
  EXPECT_EQ(excerpt.size(), 79u);  // stops before the two-byte character at bytes 79-80
  EXPECT_EQ(excerpt_of("  short  "), "short");
}

}  // namespace
}  // namespace bimi::svgps::style
