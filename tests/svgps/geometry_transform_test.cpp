#include <gtest/gtest.h>

#include <cmath>

#include "geometry/transform.hpp"
#include "geometry_test_support.hpp"

namespace bimi::svgps::geometry {
namespace {

using testing::near;

TEST(ParseTransform, EmptyAndNoneAreIdentity) {
  EXPECT_TRUE(parse_transform("")->is_identity());
  EXPECT_TRUE(parse_transform("  \t\n")->is_identity());
  EXPECT_TRUE(parse_transform("none")->is_identity());
  EXPECT_TRUE(parse_transform(" none ")->is_identity());
}

TEST(ParseTransform, EachFunction) {
  EXPECT_EQ(*parse_transform("matrix(1 2 3 4 5 6)"), (Matrix{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(*parse_transform("translate(10)"), Matrix::translate(10, 0));
  EXPECT_EQ(*parse_transform("translate(10 20)"), Matrix::translate(10, 20));
  EXPECT_EQ(*parse_transform("scale(2)"), Matrix::scale(2, 2));
  EXPECT_EQ(*parse_transform("scale(2,3)"), Matrix::scale(2, 3));
  EXPECT_TRUE(near(*parse_transform("rotate(30)"), Matrix::rotate(30)));
  EXPECT_TRUE(near(*parse_transform("skewX(45)"), Matrix{1, 0, 1, 1, 0, 0}));
  EXPECT_TRUE(near(*parse_transform("skewY(45)"), Matrix{1, 1, 0, 1, 0, 0}));
}

TEST(ParseTransform, RightAnglesAreExact) {
  EXPECT_EQ(*parse_transform("rotate(90)"), (Matrix{0, 1, -1, 0, 0, 0}));
  EXPECT_EQ(*parse_transform("rotate(-90)"), (Matrix{0, -1, 1, 0, 0, 0}));
  EXPECT_EQ(*parse_transform("rotate(180)"), (Matrix{-1, 0, 0, -1, 0, 0}));
  EXPECT_EQ(*parse_transform("rotate(450)"), (Matrix{0, 1, -1, 0, 0, 0}));
  EXPECT_TRUE(parse_transform("rotate(360)")->is_identity());
}

TEST(ParseTransform, RotateAboutACentreKeepsTheCentreFixed) {
  auto m = parse_transform("rotate(90 10 20)");
  ASSERT_TRUE(m);
  EXPECT_TRUE(near(m->apply({10, 20}), {10, 20}));
  EXPECT_TRUE(near(m->apply({11, 20}), {10, 21}));
  auto generic = parse_transform("rotate(33, 5, -7)");
  ASSERT_TRUE(generic);
  EXPECT_TRUE(near(generic->apply({5, -7}), {5, -7}));
}

TEST(ParseTransform, ListAppliesRightmostFirst) {
  // translate(10) scale(2): a point is scaled, then translated.
  auto m = parse_transform("translate(10) scale(2)");
  ASSERT_TRUE(m);
  EXPECT_TRUE(near(m->apply({1, 1}), {12, 2}));
  auto reversed = parse_transform("scale(2) translate(10)");
  ASSERT_TRUE(reversed);
  EXPECT_TRUE(near(reversed->apply({1, 1}), {22, 2}));
}

TEST(ParseTransform, SeparatorsAndNumberForms) {
  Matrix expected = Matrix::translate(1, 2) * Matrix::scale(3, 3);
  EXPECT_EQ(*parse_transform("translate(1,2),scale(3)"), expected);
  EXPECT_EQ(*parse_transform("translate(1 2)scale(3)"), expected);
  EXPECT_EQ(*parse_transform("translate(1-2)"), Matrix::translate(1, -2));
  EXPECT_EQ(*parse_transform("  translate ( 1 , 2 ) ,\n scale( 3 )  "), expected);
  EXPECT_EQ(*parse_transform("translate(.5.5)"), Matrix::translate(0.5, 0.5));
  EXPECT_EQ(*parse_transform("translate(1e1 -1E-1)"), Matrix::translate(10, -0.1));
  EXPECT_EQ(*parse_transform("translate(+1)"), Matrix::translate(1, 0));
}

TEST(ParseTransform, SyntaxErrorsAreRejected) {
  for (const char* bad : {"translate",         "translate()",       "translate(1",
                          "translate(1,)",     "translate(,1)",     "translate(1,,2)",
                          "translate(1 2 3)",  "scale(1 2 3)",      "rotate(1 2)",
                          "rotate(1 2 3 4)",   "skewX()",           "skewX(1 2)",
                          "skewY(1,2)",        "matrix(1 2 3 4 5)", "matrix(1 2 3 4 5 6 7)",
                          "translate(1),",     ",translate(1)",     "translate(1),,scale(2)",
                          "Translate(1)",      "scaleX(2)",         "none scale(2)",
                          "translate(1) none", "translate(a)",      "translate(1px)",
                          "translate(1e999)",  "rotate(1)x"}) {
    EXPECT_FALSE(parse_transform(bad)) << bad;
  }
}

TEST(ParseTransform, NonFiniteResultIsRejected) {
  EXPECT_FALSE(parse_transform("scale(1e300) scale(1e300)"));
}

}  // namespace
}  // namespace bimi::svgps::geometry
