// The CSS transform property's syntax: units on lengths and angles, commas between arguments.
#include <gtest/gtest.h>

#include "geometry/css_transform.hpp"
#include "geometry/transform.hpp"
#include "geometry_test_support.hpp"

namespace bimi::svgps::geometry {
namespace {

using testing::near;

TEST(ParseCssTransform, EachFunction) {
  EXPECT_TRUE(parse_css_transform("none")->is_identity());
  EXPECT_EQ(*parse_css_transform("matrix(1, 2, 3, 4, 5, 6)"), (Matrix{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(*parse_css_transform("translate(10px, 20px)"), Matrix::translate(10, 20));
  EXPECT_EQ(*parse_css_transform("translate(10px)"), Matrix::translate(10, 0));
  EXPECT_EQ(*parse_css_transform("translateX(5px)"), Matrix::translate(5, 0));
  EXPECT_EQ(*parse_css_transform("translateY(0)"), Matrix::translate(0, 0));
  EXPECT_EQ(*parse_css_transform("scale(2)"), Matrix::scale(2, 2));
  EXPECT_EQ(*parse_css_transform("scale(2, 3)"), Matrix::scale(2, 3));
  EXPECT_EQ(*parse_css_transform("scaleY(3)"), Matrix::scale(1, 3));
  EXPECT_TRUE(near(*parse_css_transform("rotate(30deg)"), Matrix::rotate(30)));
  EXPECT_TRUE(near(*parse_css_transform("rotate(0.25turn)"), Matrix::rotate(90)));
  EXPECT_TRUE(near(*parse_css_transform("rotate(100grad)"), Matrix::rotate(90)));
  EXPECT_TRUE(near(*parse_css_transform("skewX(45deg)"), Matrix{1, 0, 1, 1, 0, 0}));
  EXPECT_TRUE(near(*parse_css_transform("skew(45deg, 45deg)"), Matrix{1, 1, 1, 1, 0, 0}));
  EXPECT_TRUE(near(*parse_css_transform("translate(1in, 72pt)"), Matrix::translate(96, 96)));
}

TEST(ParseCssTransform, ListAppliesRightmostFirst) {
  EXPECT_TRUE(near(*parse_css_transform("translate(30px, 30px) rotate(90deg)"),
                   Matrix::translate(30, 30) * exact_rotation(90)));
  EXPECT_TRUE(near(*parse_css_transform("TRANSLATE(30PX,30PX)SCALE(.5)"), Matrix{0.5, 0, 0, 0.5, 30, 30}));
}

TEST(ParseCssTransform, InvalidDeclarationsAreNothing) {
  for (const char* bad : {"", "translate(10%, 0)", "translate(1em)", "rotate(30px)", "scale(2px)", "translate(1px 2px",
                          "frobnicate(1)", "translate(1px,)", "matrix(1, 2, 3)", "none translate(1px)",
                          "scale(1e400)"}) {
    EXPECT_FALSE(parse_css_transform(bad)) << bad;
  }
}

}  // namespace
}  // namespace bimi::svgps::geometry
