#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "style/color.hpp"

namespace bimi::svgps::style {
namespace {

Color rgb(int r, int g, int b, double alpha = 1.0) {
  return Color{static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(g),
               static_cast<std::uint8_t>(b), alpha};
}

// Exact channels, alpha within a rounding step.
void expect_color(std::string_view text, Color expected) {
  SCOPED_TRACE(std::string(text));
  auto color = parse_color(text);
  ASSERT_TRUE(color.has_value());
  EXPECT_EQ(color->r, expected.r);
  EXPECT_EQ(color->g, expected.g);
  EXPECT_EQ(color->b, expected.b);
  EXPECT_NEAR(color->alpha, expected.alpha, 1e-9);
}

void expect_invalid(std::string_view text) {
  EXPECT_FALSE(parse_color(text).has_value()) << "'" << text << "'";
}

TEST(StyleColor, HexForms) {
  expect_color("#f00", rgb(255, 0, 0));
  expect_color("#F0a", rgb(255, 0, 170));
  expect_color("#f008", rgb(255, 0, 0, 0x88 / 255.0));
  expect_color("#1a2B3c", rgb(0x1a, 0x2b, 0x3c));
  expect_color("#1a2b3c80", rgb(0x1a, 0x2b, 0x3c, 0x80 / 255.0));
  expect_color("#000000ff", rgb(0, 0, 0, 1.0));
  expect_color("#00000000", rgb(0, 0, 0, 0.0));
}

TEST(StyleColor, HexRejectsWrongLengthsAndDigits) {
  for (auto text : {"#", "#f", "#ff", "#fffff", "#fffffff", "#fffffffff", "#ggg", "#12345g",
                    "# fff", "#fff-", "#fffx", "fff", "##fff"}) {
    expect_invalid(text);
  }
}

TEST(StyleColor, RgbIntegersCommaSyntax) {
  expect_color("rgb(255,0,0)", rgb(255, 0, 0));
  expect_color("rgb( 1 , 2 , 3 )", rgb(1, 2, 3));
  expect_color("RGB(10,20,30)", rgb(10, 20, 30));
  expect_color("rgba(10,20,30,0.5)", rgb(10, 20, 30, 0.5));
  expect_color("rgba(10, 20, 30, 50%)", rgb(10, 20, 30, 0.5));
  expect_color("rgb(10,20,30,.25)", rgb(10, 20, 30, 0.25));  // rgb and rgba are aliases
  expect_color("rgba(10,20,30)", rgb(10, 20, 30));
}

TEST(StyleColor, RgbPercentages) {
  expect_color("rgb(100%, 0%, 50%)", rgb(255, 0, 128));
  expect_color("rgb(20%,40%,60%)", rgb(51, 102, 153));
  expect_color("rgb(100% 50% 0%)", rgb(255, 128, 0));
}

TEST(StyleColor, RgbSpaceSyntaxAndSlashAlpha) {
  expect_color("rgb(255 128 0)", rgb(255, 128, 0));
  expect_color("rgb(255 128 0 / 0.5)", rgb(255, 128, 0, 0.5));
  expect_color("rgb(255 128 0/25%)", rgb(255, 128, 0, 0.25));
  expect_color("rgba(  0   0   0  /  1 )", rgb(0, 0, 0, 1.0));
  // The modern syntax may mix numbers and percentages.
  expect_color("rgb(255 50% 0)", rgb(255, 128, 0));
}

TEST(StyleColor, RgbClampsAndRounds) {
  expect_color("rgb(300, -20, 127.6)", rgb(255, 0, 128));
  expect_color("rgb(120%, -5%, 0%)", rgb(255, 0, 0));
  expect_color("rgba(0,0,0,2)", rgb(0, 0, 0, 1.0));
  expect_color("rgba(0,0,0,-1)", rgb(0, 0, 0, 0.0));
  expect_color("rgb(1e2, 0, 0)", rgb(100, 0, 0));
}

TEST(StyleColor, RgbRejectsMalformedArguments) {
  for (auto text : {"rgb()",           "rgb(1,2)",         "rgb(1,2,3,4,5)",
                    "rgb(1 2)",        "rgb(1,2 3)",       "rgb(1 2,3)",
                    "rgb(1 2 3, 0.5)", "rgb(1,2,3 / 0.5)", "rgb(1,2,3",
                    "rgb (1,2,3)",     "rgb(10%,20,30)",   "rgb(1px,2,3)",
                    "rgb(1,,2,3)",     "rgb(a,b,c)",       "rgb(1 2 3 /)",
                    "rgb(1,2,3,)",     "rgb(1deg,2,3)",    "rgb(calc(1),2,3)",
                    "rgb(1,2,3) x",    "rgbx(1,2,3)",      "rgb(1 2 3 / 0.5 / 1)"}) {
    expect_invalid(text);
  }
}

TEST(StyleColor, Hsl) {
  expect_color("hsl(0, 100%, 50%)", rgb(255, 0, 0));
  expect_color("hsl(120, 100%, 50%)", rgb(0, 255, 0));
  expect_color("hsl(240,100%,50%)", rgb(0, 0, 255));
  expect_color("hsl(0, 0%, 100%)", rgb(255, 255, 255));
  expect_color("hsl(0, 0%, 0%)", rgb(0, 0, 0));
  expect_color("hsl(0, 0%, 50%)", rgb(128, 128, 128));
  expect_color("hsl(30, 100%, 50%)", rgb(255, 128, 0));
  expect_color("hsl(270, 50%, 40%)", rgb(102, 51, 153));  // rebeccapurple
  expect_color("hsla(120, 100%, 25%, 0.5)", rgb(0, 128, 0, 0.5));
  expect_color("HSL(120 100% 50% / 30%)", rgb(0, 255, 0, 0.3));
  expect_color("hsl(120 100 50)", rgb(0, 255, 0));  // modern syntax takes numbers
}

TEST(StyleColor, HslHueUnitsAndWrapping) {
  expect_color("hsl(120deg, 100%, 50%)", rgb(0, 255, 0));
  expect_color("hsl(120DEG 100% 50%)", rgb(0, 255, 0));
  expect_color("hsl(0.5turn, 100%, 50%)", rgb(0, 255, 255));
  expect_color("hsl(200grad, 100%, 50%)", rgb(0, 255, 255));
  expect_color("hsl(3.14159265358979rad, 100%, 50%)", rgb(0, 255, 255));
  expect_color("hsl(480, 100%, 50%)", rgb(0, 255, 0));
  expect_color("hsl(-240, 100%, 50%)", rgb(0, 255, 0));
  expect_color("hsl(1e9, 0%, 50%)", rgb(128, 128, 128));
}

TEST(StyleColor, HslRejectsMalformedArguments) {
  for (auto text :
       {"hsl(120, 100, 50)", "hsl(50%, 100%, 50%)", "hsl(120px, 100%, 50%)", "hsl(120, 100%)",
        "hsl(120 100% 50%, 1)", "hsl(120deg 100deg 50%)", "hsl(120, 100%, 50%, )"}) {
    expect_invalid(text);
  }
}

TEST(StyleColor, NamedColors) {
  EXPECT_EQ(named_color_count(), 148u);  // 147 of CSS Color 3 / SVG 1.1 plus rebeccapurple
  expect_color("red", rgb(255, 0, 0));
  expect_color("RED", rgb(255, 0, 0));
  expect_color("CornflowerBlue", rgb(100, 149, 237));
  expect_color("aliceblue", rgb(240, 248, 255));
  expect_color("yellowgreen", rgb(154, 205, 50));
  expect_color("grey", rgb(128, 128, 128));
  expect_color("gray", rgb(128, 128, 128));
  expect_color("green", rgb(0, 128, 0));
  expect_color("lightgoldenrodyellow", rgb(250, 250, 210));
  expect_color("rebeccapurple", rgb(102, 51, 153));
  expect_color("transparent", rgb(0, 0, 0, 0.0));
  expect_color("Transparent", rgb(0, 0, 0, 0.0));
}

TEST(StyleColor, UnknownNamesAndCurrentColorAreNotColors) {
  for (auto text : {"", "   ", "redd", "re d", "reds", "none", "inherit", "currentColor",
                    "currentcolor", "url(#a)", "red;", "red blue", "-red",
                    "r\xc3\xa9"
                    "d"}) {
    expect_invalid(text);
  }
}

TEST(StyleColor, SurroundingWhitespaceIsAllowed) {
  expect_color("  red\t", rgb(255, 0, 0));
  expect_color("\n#fff\r\n", rgb(255, 255, 255));
  expect_color("\f rgb(1,2,3) ", rgb(1, 2, 3));
}

TEST(StyleColor, CurrentColorKeyword) {
  EXPECT_TRUE(is_current_color("currentColor"));
  EXPECT_TRUE(is_current_color(" CURRENTCOLOR "));
  EXPECT_FALSE(is_current_color("current-color"));
  EXPECT_FALSE(is_current_color("currentColor red"));
  EXPECT_FALSE(is_current_color("red"));
}

TEST(StyleColor, ConsumeStopsAfterTheColor) {
  std::string_view text = "#abc rest";
  auto color = consume_color(text);
  ASSERT_TRUE(color);
  EXPECT_EQ(text, " rest");

  text = "rgb(1,2,3)!";
  ASSERT_TRUE(consume_color(text));
  EXPECT_EQ(text, "!");

  text = "blue)";
  ASSERT_TRUE(consume_color(text));
  EXPECT_EQ(text, ")");

  // Nothing is consumed on failure.
  text = "rgb(1,2) tail";
  EXPECT_FALSE(consume_color(text));
  EXPECT_EQ(text, "rgb(1,2) tail");
  text = "bluish";
  EXPECT_FALSE(consume_color(text));
  EXPECT_EQ(text, "bluish");
}

TEST(StyleColor, ToHexShortensOnlyWhenExact) {
  EXPECT_EQ(to_hex(rgb(255, 0, 0)), "#f00");
  EXPECT_EQ(to_hex(rgb(0x11, 0x22, 0x33)), "#123");
  EXPECT_EQ(to_hex(rgb(0x11, 0x22, 0x34)), "#112234");
  EXPECT_EQ(to_hex(rgb(0xab, 0xcd, 0xef)), "#abcdef");
  EXPECT_EQ(to_hex(rgb(0, 0, 0)), "#000");
  EXPECT_EQ(to_hex(rgb(255, 255, 255)), "#fff");
  EXPECT_EQ(to_hex(rgb(255, 0, 0), HexForm::long_form), "#ff0000");
  EXPECT_EQ(to_hex(rgb(1, 2, 3), HexForm::long_form), "#010203");
  // Alpha is not part of the hex form.
  EXPECT_EQ(to_hex(rgb(255, 0, 0, 0.5)), "#f00");
}

TEST(StyleColor, HexRoundTripsEveryChannelValue) {
  for (int v = 0; v < 256; ++v) {
    Color color = rgb(v, 255 - v, v / 2);
    EXPECT_EQ(parse_color(to_hex(color)), color);
    EXPECT_EQ(parse_color(to_hex(color, HexForm::long_form)), color);
  }
}

TEST(StyleColor, LongInputIsRejectedQuickly) {
  std::string long_name(1 << 20, 'a');
  expect_invalid(long_name);
  std::string long_args = "rgb(" + std::string(1 << 20, '0') + "255,0,0)";
  expect_color(long_args, rgb(255, 0, 0));
  expect_invalid("rgb(1e999,0,0)");  // not a finite number
  std::string unclosed = "rgb(" + std::string(1 << 20, ' ');
  expect_invalid(unclosed);
}

}  // namespace
}  // namespace bimi::svgps::style
