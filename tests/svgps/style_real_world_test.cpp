// Style sheets and style attributes as the common editors write them, end to end through the
// style stage: stylesheet -> cascade -> typed values.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "style/cascade.hpp"
#include "style/color.hpp"
#include "style/paint.hpp"
#include "style_test_tree.hpp"

namespace bimi::svgps::style {
namespace {

using testing::TestElement;

std::string value_of(const std::vector<Declaration>& declarations, std::string_view property) {
  for (const Declaration& declaration : declarations) {
    if (declaration.property == property) return declaration.value;
  }
  return "<none>";
}

TEST(StyleRealWorld, IllustratorInternalCss) {
  StyleSheet sheet = parse_stylesheet(
      "\n\t.st0{fill:#E30613;}\n"
      "\t.st1{fill:none;stroke:#1D1D1B;stroke-width:2;stroke-miterlimit:10;}\n"
      "\t.st2{font-family:'MyriadPro-Regular';}\n"
      "\t.st3{font-size:12px;}\n");
  EXPECT_TRUE(sheet.skipped.empty());
  TestElement root("svg", {{"version", "1.1"}, {"id", "Layer_1"}});
  TestElement& path = root.add("path", {{"class", "st1"}});
  TestElement& text = root.add("text", {{"class", "st2 st3"}});
  auto path_style = cascade({&sheet}, path, "");
  EXPECT_EQ(value_of(path_style, "stroke-width"), "2");
  auto stroke = parse_paint(value_of(path_style, "stroke"));
  ASSERT_TRUE(stroke);
  EXPECT_EQ(to_hex(stroke->color), "#1d1d1b");
  auto fill = parse_paint(value_of(path_style, "fill"));
  ASSERT_TRUE(fill);
  EXPECT_EQ(fill->kind, Paint::Kind::none);
  auto text_style = cascade({&sheet}, text, "");
  EXPECT_EQ(value_of(text_style, "font-family"), "'MyriadPro-Regular'");
  EXPECT_EQ(value_of(text_style, "font-size"), "12px");
}

TEST(StyleRealWorld, IllustratorStyleElementsWithCdataAndGradients) {
  StyleSheet sheet = parse_stylesheet(
      "<![CDATA[.cls-1{fill:url(#linear-gradient);}.cls-2{isolation:isolate;}"
      ".cls-3{mix-blend-mode:multiply;}.cls-1,.cls-4{opacity:0.75;}]]>");
  EXPECT_TRUE(sheet.skipped.empty());
  ASSERT_EQ(sheet.rules.size(), 4u);
  TestElement root("svg");
  TestElement& path = root.add("path", {{"class", "cls-1 cls-3"}});
  auto style = cascade({&sheet}, path, "");
  auto fill = parse_paint(value_of(style, "fill"));
  ASSERT_TRUE(fill);
  EXPECT_EQ(fill->kind, Paint::Kind::url);
  EXPECT_EQ(fill->url_id, "linear-gradient");
  EXPECT_EQ(value_of(style, "mix-blend-mode"), "multiply");
  EXPECT_EQ(value_of(style, "opacity"), "0.75");
  EXPECT_FALSE(is_presentation_attribute("mix-blend-mode"));  // the converter must report it
}

TEST(StyleRealWorld, InkscapeStyleAttribute) {
  TestElement root("svg");
  TestElement& path = root.add("path");
  auto style =
      cascade({}, path,
              "fill:#000000;fill-opacity:1;fill-rule:nonzero;stroke:none;stroke-width:0.26458332;"
              "-inkscape-font-specification:'Sans Bold';font-variation-settings:normal;"
              "stroke-linecap:butt;stroke-linejoin:miter;stroke-opacity:1");
  EXPECT_EQ(style.size(), 10u);
  EXPECT_EQ(value_of(style, "stroke-width"), "0.26458332");
  EXPECT_EQ(value_of(style, "-inkscape-font-specification"), "'Sans Bold'");
  EXPECT_EQ(to_hex(*parse_color(value_of(style, "fill"))), "#000");
}

TEST(StyleRealWorld, AffinityRgbFunctions) {
  TestElement root("svg");
  TestElement& path = root.add("path");
  auto style = cascade({}, path,
                       "fill:rgb(235,28,36);fill-rule:nonzero;stroke:rgb(0,0,0);stroke-width:1px;");
  EXPECT_EQ(to_hex(*parse_color(value_of(style, "fill"))), "#eb1c24");
  auto root_style = cascade(
      {}, root, "fill-rule:evenodd;clip-rule:evenodd;stroke-linejoin:round;stroke-miterlimit:2;");
  EXPECT_EQ(root_style.size(), 4u);
  EXPECT_TRUE(is_inherited("fill-rule"));
  EXPECT_TRUE(is_inherited("stroke-miterlimit"));
}

TEST(StyleRealWorld, SketchAndFigmaMediaAndFontFace) {
  StyleSheet sheet = parse_stylesheet(
      "@import url('https://fonts.googleapis.com/css?family=Inter');\n"
      "@font-face { font-family: 'Inter'; src: url(data:font/woff2;base64,AAAA) }\n"
      "@media (prefers-color-scheme: dark) { .logo { fill: white } }\n"
      ".logo { fill: #1A1A1A }\n"
      ".logo:hover { fill: red }\n");
  ASSERT_EQ(sheet.rules.size(), 1u);
  ASSERT_EQ(sheet.skipped.size(), 4u);
  EXPECT_EQ(sheet.skipped[0].kind, SkippedCss::Kind::at_rule);
  EXPECT_EQ(sheet.skipped[1].kind, SkippedCss::Kind::at_rule);
  EXPECT_EQ(sheet.skipped[2].kind, SkippedCss::Kind::at_rule);
  EXPECT_EQ(sheet.skipped[3].kind, SkippedCss::Kind::unsupported_selector);
  TestElement root("svg");
  TestElement& path = root.add("path", {{"class", "logo"}});
  EXPECT_EQ(value_of(cascade({&sheet}, path, ""), "fill"), "#1A1A1A");
}

TEST(StyleRealWorld, HtmlCommentWrappedSheetWithImportantOverrides) {
  StyleSheet sheet = parse_stylesheet(
      "<!--\n"
      "  svg .brand path { fill: #0055A4 }\n"
      "  #mark { fill: #EF4135 !important }\n"
      "-->");
  TestElement root("svg");
  TestElement& group = root.add("g", {{"class", "brand"}});
  TestElement& plain = group.add("path");
  TestElement& mark = group.add("path", {{"id", "mark"}});
  EXPECT_EQ(value_of(cascade({&sheet}, plain, ""), "fill"), "#0055A4");
  EXPECT_EQ(value_of(cascade({&sheet}, mark, "fill: black"), "fill"), "#EF4135");
  EXPECT_EQ(value_of(cascade({&sheet}, mark, "fill: black !important"), "fill"), "black");
}

}  // namespace
}  // namespace bimi::svgps::style
