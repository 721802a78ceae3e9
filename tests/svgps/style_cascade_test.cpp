#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "style/cascade.hpp"
#include "style_test_tree.hpp"

namespace bimi::svgps::style {
namespace {

using testing::TestElement;

std::optional<Declaration> find(const std::vector<Declaration>& declarations,
                                std::string_view property) {
  for (const Declaration& declaration : declarations) {
    if (declaration.property == property) return declaration;
  }
  return std::nullopt;
}

class StyleCascade : public ::testing::Test {
 protected:
  void SetUp() override {
    group = &root.add("g", {{"id", "layer"}, {"class", "layer"}});
    path = &group->add("path", {{"id", "p"}, {"class", "st0 big"}});
  }

  std::string value_of(const std::vector<const StyleSheet*>& sheets, std::string_view property,
                       std::string_view style = "") {
    auto winner = find(cascade(sheets, *path, style), property);
    return winner ? winner->value : "<none>";
  }

  std::string value_of(const StyleSheet& sheet, std::string_view property,
                       std::string_view style = "") {
    return value_of(std::vector<const StyleSheet*>{&sheet}, property, style);
  }

  TestElement root{"svg"};
  TestElement* group = nullptr;
  TestElement* path = nullptr;
};

TEST_F(StyleCascade, SpecificityBeatsSourceOrder) {
  StyleSheet sheet = parse_stylesheet("#p { fill: red } .st0 { fill: blue } path { fill: green }");
  EXPECT_EQ(value_of(sheet, "fill"), "red");
  sheet = parse_stylesheet(".st0.big { fill: red } .st0 { fill: blue }");
  EXPECT_EQ(value_of(sheet, "fill"), "red");
  sheet = parse_stylesheet("g path { fill: red } path { fill: blue }");
  EXPECT_EQ(value_of(sheet, "fill"), "red");
}

TEST_F(StyleCascade, LaterWinsAtEqualSpecificity) {
  StyleSheet sheet = parse_stylesheet(".st0 { fill: red } .big { fill: blue }");
  EXPECT_EQ(value_of(sheet, "fill"), "blue");
  sheet = parse_stylesheet(".st0 { fill: red; fill: green }");
  EXPECT_EQ(value_of(sheet, "fill"), "green");
}

TEST_F(StyleCascade, LaterSheetsComeLater) {
  StyleSheet first = parse_stylesheet(".st0 { fill: red }");
  StyleSheet second = parse_stylesheet(".big { fill: blue }");
  EXPECT_EQ(value_of({&first, &second}, "fill"), "blue");
  EXPECT_EQ(value_of({&second, &first}, "fill"), "red");
  EXPECT_EQ(value_of({&first, nullptr}, "fill"), "red");  // null sheets are ignored
}

TEST_F(StyleCascade, RuleUsesItsMostSpecificMatchingSelector) {
  // "#p, path" matches through #p (1,0,0), which beats .st0.big (0,2,0) that comes later.
  StyleSheet sheet = parse_stylesheet("#p, path { fill: red } .st0.big { fill: blue }");
  EXPECT_EQ(value_of(sheet, "fill"), "red");
  // "#other, path" matches only through path (0,0,1).
  sheet = parse_stylesheet("#other, path { fill: red } .st0 { fill: blue }");
  EXPECT_EQ(value_of(sheet, "fill"), "blue");
}

TEST_F(StyleCascade, ImportantBeatsSpecificity) {
  StyleSheet sheet = parse_stylesheet("path { fill: red !important } #p { fill: blue }");
  EXPECT_EQ(value_of(sheet, "fill"), "red");
  sheet = parse_stylesheet("#p { fill: red !important } path { fill: blue !important }");
  EXPECT_EQ(value_of(sheet, "fill"), "red");
  sheet = parse_stylesheet(".st0 { fill: red !important; fill: blue }");
  EXPECT_EQ(value_of(sheet, "fill"), "red");
}

TEST_F(StyleCascade, StyleAttributeBeatsSelectors) {
  StyleSheet sheet = parse_stylesheet("#p#p { fill: red }");
  EXPECT_EQ(value_of(sheet, "fill", "fill: blue"), "blue");
  EXPECT_EQ(value_of(sheet, "fill", "fill: blue; fill: green"), "green");
}

TEST_F(StyleCascade, SheetImportantBeatsNormalStyleAttribute) {
  StyleSheet sheet = parse_stylesheet("path { fill: red !important }");
  EXPECT_EQ(value_of(sheet, "fill", "fill: blue"), "red");
}

TEST_F(StyleCascade, ImportantStyleAttributeBeatsEverything) {
  StyleSheet sheet = parse_stylesheet("#p#p { fill: red !important }");
  EXPECT_EQ(value_of(sheet, "fill", "fill: blue !important"), "blue");
  EXPECT_EQ(value_of(sheet, "fill", "fill: blue !important; fill: green"), "blue");
}

TEST_F(StyleCascade, OnlyMatchingRulesApply) {
  StyleSheet sheet = parse_stylesheet(
      ".nope { fill: red } rect { stroke: red } .layer > path { opacity: .5 } svg > path { x: 1 }");
  auto result = cascade({&sheet}, *path, "");
  ASSERT_EQ(result.size(), 1u);
  EXPECT_EQ(result[0], (Declaration{"opacity", ".5", false}));
}

TEST_F(StyleCascade, ResultIsSortedByPropertyAndKeepsImportance) {
  StyleSheet sheet = parse_stylesheet(".st0 { stroke: red; fill: blue !important; opacity: 1 }");
  auto result = cascade({&sheet}, *path, "clip-rule: evenodd");
  ASSERT_EQ(result.size(), 4u);
  EXPECT_EQ(result[0].property, "clip-rule");
  EXPECT_EQ(result[1], (Declaration{"fill", "blue", true}));
  EXPECT_EQ(result[2].property, "opacity");
  EXPECT_EQ(result[3].property, "stroke");
}

TEST_F(StyleCascade, InheritIsReturnedAsWritten) {
  StyleSheet sheet = parse_stylesheet(".st0 { fill: inherit }");
  EXPECT_EQ(value_of(sheet, "fill"), "inherit");
}

TEST_F(StyleCascade, ParsedStyleAttributeOverload) {
  StyleSheet sheet = parse_stylesheet(".st0 { fill: red }");
  std::vector<SkippedCss> skipped;
  auto style = parse_declarations("fill: blue; bad", &skipped);
  auto result = cascade({&sheet}, *path, style);
  ASSERT_EQ(result.size(), 1u);
  EXPECT_EQ(result[0].value, "blue");
  EXPECT_EQ(skipped.size(), 1u);
}

TEST_F(StyleCascade, NoSheetsNoStyle) {
  EXPECT_TRUE(cascade({}, *path, "").empty());
  EXPECT_EQ(cascade({}, *path, "FILL:Red")[0], (Declaration{"fill", "Red", false}));
}

TEST(StyleCascadeIndexed, AgreesWithThePlainCascade) {
  StyleSheet first = parse_stylesheet(
      "* { opacity: .9 } path { fill: red } .a { fill: blue } #p { stroke: green }"
      ".a.b { stroke-width: 2 } g > .b { fill: yellow !important } [d] { fill-rule: evenodd }"
      "svg .c, #q, rect:first-child { display: none } #p.a { opacity: .5 }");
  StyleSheet second = parse_stylesheet(".b { fill: black } path#p { stroke: red !important }");
  TestElement root("svg", {{"class", "c"}});
  TestElement& group = root.add("g", {{"class", "a  a b"}});
  TestElement& path = group.add("path", {{"id", "p"}, {"class", "b a a"}, {"d", "M0 0"}});
  TestElement& rect = group.add("rect", {{"id", "q"}, {"class", "c"}});
  TestElement& nested = group.add("g").add("rect", {{"class", "\tc\n"}});
  Cascade indexed({&first, nullptr, &second});
  for (const TestElement* element : {&root, &group, &path, &rect, &nested}) {
    for (std::string_view style : {"", "fill: white", "fill: white !important; font: 9px x"}) {
      EXPECT_EQ(indexed.resolve(*element, style),
                cascade({&first, nullptr, &second}, *element, style))
          << element->local_name() << " / " << style;
    }
  }
  EXPECT_FALSE(indexed.budget_exhausted());
}

TEST(StyleCascadeIndexed, BudgetBoundsTheWork) {
  std::string css;
  for (int i = 0; i < 1000; ++i) css += "svg g g g path { fill: red }";
  StyleSheet sheet = parse_stylesheet(css);
  TestElement root("svg");
  TestElement* current = &root;
  for (int i = 0; i < 50; ++i) current = &current->add("g");
  TestElement& path = current->add("path");

  Cascade generous({&sheet});
  EXPECT_EQ(generous.resolve(path, "").size(), 1u);
  EXPECT_FALSE(generous.budget_exhausted());

  Cascade tight({&sheet}, 500);
  auto result = tight.resolve(path, "stroke: blue");
  EXPECT_TRUE(tight.budget_exhausted());
  // Rules stop applying, the style attribute still does.
  ASSERT_FALSE(result.empty());
  EXPECT_EQ(tight.resolve(path, "stroke: blue"), (std::vector<Declaration>{{"stroke", "blue"}}));
}

TEST(StyleCascadeIndexed, OnlyRulesThatCanApplyAreTried) {
  std::string css;
  for (int i = 0; i < 4000; ++i) css += "#id" + std::to_string(i) + " { fill: red }";
  css += ".hit { fill: blue }";
  StyleSheet sheet = parse_stylesheet(css);
  TestElement root("svg");
  TestElement& path = root.add("path", {{"class", "hit"}});
  // A budget that the plain loop over 4001 rules would exceed.
  Cascade indexed({&sheet}, 10);
  auto result = indexed.resolve(path, "");
  EXPECT_FALSE(indexed.budget_exhausted());
  ASSERT_EQ(result.size(), 1u);
  EXPECT_EQ(result[0].value, "blue");
}

TEST(StyleProperties, PresentationAttributes) {
  for (auto name : {"fill",
                    "fill-opacity",
                    "fill-rule",
                    "stroke",
                    "stroke-width",
                    "stroke-linecap",
                    "stroke-linejoin",
                    "stroke-miterlimit",
                    "stroke-dasharray",
                    "stroke-dashoffset",
                    "stroke-opacity",
                    "opacity",
                    "color",
                    "display",
                    "visibility",
                    "stop-color",
                    "stop-opacity",
                    "font-family",
                    "font-size",
                    "font-style",
                    "font-weight",
                    "font-variant",
                    "text-anchor",
                    "clip-path",
                    "clip-rule",
                    "mask",
                    "filter",
                    "solid-color",
                    "solid-opacity",
                    "vector-effect",
                    "viewport-fill",
                    "viewport-fill-opacity",
                    "display-align",
                    "line-increment",
                    "text-align",
                    "buffered-rendering",
                    "audio-level",
                    "marker-start",
                    "letter-spacing",
                    "writing-mode",
                    "flood-color",
                    "lighting-color"}) {
    EXPECT_TRUE(is_presentation_attribute(name)) << name;
  }
  for (auto name : {"font", "marker", "transform", "x", "d", "class", "style", "Fill", "", "fil",
                    "fill-opacityx", "--fill", "background", "mix-blend-mode"}) {
    EXPECT_FALSE(is_presentation_attribute(name)) << name;
  }
}

TEST(StyleProperties, InheritedPerSvg11PropertyIndex) {
  for (auto name : {"fill",         "fill-opacity",     "fill-rule",      "stroke",
                    "stroke-width", "stroke-dasharray", "stroke-opacity", "color",
                    "visibility",   "font-family",      "font-size",      "font",
                    "text-anchor",  "clip-rule",        "marker",         "marker-end",
                    "direction",    "letter-spacing",   "display-align",  "text-align"}) {
    EXPECT_TRUE(is_inherited(name)) << name;
  }
  for (auto name :
       {"opacity",        "display",       "stop-color",        "stop-opacity",  "clip-path",
        "mask",           "filter",        "overflow",          "clip",          "flood-color",
        "solid-color",    "solid-opacity", "vector-effect",     "viewport-fill", "text-decoration",
        "baseline-shift", "unicode-bidi",  "dominant-baseline", "transform",     ""}) {
    EXPECT_FALSE(is_inherited(name)) << name;
  }
}

TEST(StyleCascadeScale, ManyRulesDeepTree) {
  TestElement root("svg");
  TestElement* current = &root;
  for (int i = 0; i < 200; ++i) current = &current->add("g", {{"class", "g" + std::to_string(i)}});
  TestElement& leaf = current->add("path", {{"class", "leaf"}});
  std::string css;
  for (int i = 0; i < 2000; ++i)
    css += "svg g .g" + std::to_string(i) + " path { opacity: 0." + std::to_string(i % 10) + " }";
  StyleSheet sheet = parse_stylesheet(css);
  ASSERT_EQ(sheet.rules.size(), 2000u);
  auto result = cascade({&sheet}, leaf, "");
  ASSERT_EQ(result.size(), 1u);
  // ".g199" is the last matching rule (g0 is the svg's child, not under another g).
  EXPECT_EQ(result[0].value, "0.9");
}

}  // namespace
}  // namespace bimi::svgps::style
