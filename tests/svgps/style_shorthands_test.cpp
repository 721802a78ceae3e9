#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "style/cascade.hpp"
#include "style/shorthands.hpp"
#include "style_test_tree.hpp"

namespace bimi::svgps::style {
namespace {

using testing::TestElement;

std::map<std::string, std::string> expand(std::string property, std::string value,
                                          bool important = false) {
  std::map<std::string, std::string> longhands;
  for (const Declaration& declaration :
       expand_shorthand({std::move(property), std::move(value), important})) {
    EXPECT_EQ(declaration.important, important);
    longhands[declaration.property] = declaration.value;
  }
  return longhands;
}

using Longhands = std::map<std::string, std::string>;

TEST(StyleShorthands, Recognised) {
  EXPECT_TRUE(is_shorthand("font"));
  EXPECT_TRUE(is_shorthand("marker"));
  EXPECT_FALSE(is_shorthand("font-family"));
  EXPECT_FALSE(is_shorthand("fill"));
  EXPECT_TRUE(expand("fill", "red").empty());
}

TEST(StyleShorthands, FontSizeAndFamily) {
  EXPECT_EQ(expand("font", "12px Arial"), (Longhands{{"font-style", "normal"},
                                                     {"font-variant", "normal"},
                                                     {"font-weight", "normal"},
                                                     {"font-stretch", "normal"},
                                                     {"font-size", "12px"},
                                                     {"line-height", "normal"},
                                                     {"font-family", "Arial"}}));
}

TEST(StyleShorthands, FontWithEveryPart) {
  Longhands longhands =
      expand("font", " italic small-caps bold condensed 16px/1.5 'Open Sans', sans-serif ", true);
  EXPECT_EQ(longhands["font-style"], "italic");
  EXPECT_EQ(longhands["font-variant"], "small-caps");
  EXPECT_EQ(longhands["font-weight"], "bold");
  EXPECT_EQ(longhands["font-stretch"], "condensed");
  EXPECT_EQ(longhands["font-size"], "16px");
  EXPECT_EQ(longhands["line-height"], "1.5");
  EXPECT_EQ(longhands["font-family"], "'Open Sans', sans-serif");
}

TEST(StyleShorthands, FontPrefixInAnyOrderWithNormal) {
  Longhands longhands = expand("font", "700 normal Oblique 10pt / 12pt \"My Font\"");
  EXPECT_EQ(longhands["font-weight"], "700");
  EXPECT_EQ(longhands["font-style"], "Oblique");
  EXPECT_EQ(longhands["font-variant"], "normal");
  EXPECT_EQ(longhands["font-size"], "10pt");
  EXPECT_EQ(longhands["line-height"], "12pt");
  EXPECT_EQ(longhands["font-family"], "\"My Font\"");
  EXPECT_EQ(expand("font", "large serif")["font-size"], "large");
  EXPECT_EQ(expand("font", "120% serif")["font-size"], "120%");
  EXPECT_EQ(expand("font", "0 serif")["font-size"], "0");
  EXPECT_EQ(expand("font", "normal normal normal normal 1em x")["font-family"], "x");
}

TEST(StyleShorthands, FontInherit) {
  Longhands longhands = expand("font", "inherit");
  ASSERT_EQ(longhands.size(), 7u);
  for (const auto& [property, value] : longhands) EXPECT_EQ(value, "inherit") << property;
}

TEST(StyleShorthands, InvalidFontIsIgnored) {
  for (auto value : {"", "Arial", "12px", "bold", "bold 12px", "12 Arial", "-1px Arial",
                     "bold bold 12px Arial", "italic oblique 12px Arial", "12px/ Arial", "12px/1.5",
                     "12qq Arial", "normal normal normal normal normal 12px Arial", "12px/-1 Arial",
                     "caption", "MENU", "status-bar"}) {
    EXPECT_TRUE(expand("font", value).empty()) << "'" << value << "'";
  }
}

TEST(StyleShorthands, Marker) {
  EXPECT_EQ(expand("marker", "url(#arrow)"), (Longhands{{"marker-start", "url(#arrow)"},
                                                        {"marker-mid", "url(#arrow)"},
                                                        {"marker-end", "url(#arrow)"}}));
  EXPECT_EQ(expand("marker", " none ")["marker-mid"], "none");
  EXPECT_EQ(expand("marker", "INHERIT")["marker-end"], "inherit");
  for (auto value : {"", "red", "url(#a) url(#b)", "url()", "url(#a"}) {
    EXPECT_TRUE(expand("marker", value).empty()) << "'" << value << "'";
  }
}

class StyleShorthandCascade : public ::testing::Test {
 protected:
  std::map<std::string, std::string> computed(std::string_view css, std::string_view style) {
    StyleSheet sheet = parse_stylesheet(css);
    std::map<std::string, std::string> result;
    for (const Declaration& declaration : cascade({&sheet}, text, style)) {
      result[declaration.property] = declaration.value;
    }
    return result;
  }

  TestElement root{"svg"};
  TestElement& text = root.add("text", {{"class", "t"}});
};

TEST_F(StyleShorthandCascade, LaterLonghandOverridesShorthand) {
  auto result = computed(".t { font: bold 12px Arial; font-size: 20px }", "");
  EXPECT_EQ(result["font-size"], "20px");
  EXPECT_EQ(result["font-weight"], "bold");
  EXPECT_EQ(result.count("font"), 0u);
}

TEST_F(StyleShorthandCascade, LaterShorthandResetsLonghands) {
  auto result = computed(".t { font-weight: bold; font: 12px Arial }", "");
  EXPECT_EQ(result["font-weight"], "normal");
  EXPECT_EQ(result["font-family"], "Arial");
}

TEST_F(StyleShorthandCascade, ShorthandKeepsItsPriority) {
  auto result =
      computed("text { font: 12px Arial !important } .t { font-family: Times }", "font-size: 30px");
  EXPECT_EQ(result["font-family"], "Arial");
  EXPECT_EQ(result["font-size"], "12px");
  result = computed("text { font: 12px Arial } .t { font-family: Times }", "font: 9px Mono");
  EXPECT_EQ(result["font-family"], "Mono");
  EXPECT_EQ(result["font-size"], "9px");
}

TEST_F(StyleShorthandCascade, InvalidShorthandIsIgnored) {
  auto result = computed(".t { font-size: 20px; font: bold }", "");
  EXPECT_EQ(result["font-size"], "20px");
  EXPECT_EQ(result.size(), 1u);
}

TEST_F(StyleShorthandCascade, MarkerInStyleAttribute) {
  auto result = computed("", "marker: url(#m); marker-end: none");
  EXPECT_EQ(result["marker-start"], "url(#m)");
  EXPECT_EQ(result["marker-mid"], "url(#m)");
  EXPECT_EQ(result["marker-end"], "none");
}

}  // namespace
}  // namespace bimi::svgps::style
