#include "svg/numbers.hpp"

#include <gtest/gtest.h>

namespace bimi::svgps::detail {
namespace {

std::optional<double> number(std::string_view text) { return parse_number(text); }

TEST(Numbers, ParsesSvgNumberForms) {
  EXPECT_DOUBLE_EQ(*number("12"), 12);
  EXPECT_DOUBLE_EQ(*number("-1.5"), -1.5);
  EXPECT_DOUBLE_EQ(*number("+.5"), 0.5);
  EXPECT_DOUBLE_EQ(*number("1e2"), 100);
  EXPECT_DOUBLE_EQ(*number("1E-2"), 0.01);
  EXPECT_DOUBLE_EQ(*number("5."), 5);
}

TEST(Numbers, RejectsNonNumbers) {
  EXPECT_FALSE(number(""));
  EXPECT_FALSE(number("-"));
  EXPECT_FALSE(number("."));
  EXPECT_FALSE(number("abc"));
  EXPECT_FALSE(number("1e999"));  // not finite
}

TEST(Numbers, ExponentNeedsDigitsSoUnitsSurvive) {
  std::string_view text = "1em";
  EXPECT_DOUBLE_EQ(*parse_number(text), 1);
  EXPECT_EQ(text, "em");
}

TEST(Numbers, ConsumesOnlyTheNumber) {
  std::string_view text = "1.5.5";
  EXPECT_DOUBLE_EQ(*parse_number(text), 1.5);
  EXPECT_EQ(text, ".5");
}

TEST(NumberList, AcceptsSpacesAndCommas) {
  auto list = parse_number_list(" 0,0 100 , 100 ");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->size(), 4u);
  EXPECT_DOUBLE_EQ((*list)[3], 100);
  EXPECT_EQ(parse_number_list("-1-2")->size(), 2u);
}

TEST(NumberList, RejectsJunk) {
  EXPECT_FALSE(parse_number_list("0 0 a 1"));
  EXPECT_FALSE(parse_number_list("0 0 1 1;"));
}

TEST(Length, UnitsAndPixels) {
  EXPECT_DOUBLE_EQ(*parse_length("96")->to_pixels(), 96);
  EXPECT_DOUBLE_EQ(*parse_length("1in")->to_pixels(), 96);
  EXPECT_DOUBLE_EQ(*parse_length("72pt")->to_pixels(), 96);
  EXPECT_DOUBLE_EQ(*parse_length("2.54cm")->to_pixels(), 96);
  EXPECT_DOUBLE_EQ(*parse_length("25.4mm")->to_pixels(), 96);
  EXPECT_DOUBLE_EQ(*parse_length("6pc")->to_pixels(), 96);
  EXPECT_DOUBLE_EQ(*parse_length(" 10px ")->to_pixels(), 10);
}

TEST(Length, RelativeUnitsHaveNoPixels) {
  EXPECT_FALSE(parse_length("100%")->is_absolute());
  EXPECT_FALSE(parse_length("2em")->to_pixels());
  EXPECT_FALSE(parse_length("3ex")->is_absolute());
}

TEST(Length, RejectsUnknownUnits) {
  EXPECT_FALSE(parse_length("10 px"));
  EXPECT_FALSE(parse_length("10furlongs"));
  EXPECT_FALSE(parse_length(""));
}

}  // namespace
}  // namespace bimi::svgps::detail
