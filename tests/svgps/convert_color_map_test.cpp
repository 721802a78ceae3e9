// The colour functions of filter primitives, against the formulas of Filter Effects 1 (§9.6, §9.7)
// and the sRGB transfer functions; the drawings they make are compared with librsvg in
// convert_test.cpp (ExactFilter).
#include <gtest/gtest.h>

#include "convert/color_map.hpp"

namespace bimi::svgps::convert {
namespace {

ColorStep srgb_transfer(Transfer t, int channel) {
  ColorStep step;
  step.kind = ColorStep::Kind::transfer;
  step.linear_rgb = false;
  step.transfer[channel] = std::move(t);
  return step;
}

TEST(ColorMap, TablesInterpolateAndDiscreteTablesStep) {
  Transfer table{Transfer::Kind::table, {0, 1, 0}};
  EXPECT_NEAR(table.apply(0.25), 0.5, 1e-12);
  EXPECT_NEAR(table.apply(0.75), 0.5, 1e-12);
  EXPECT_NEAR(table.apply(1.0), 0.0, 1e-12);
  Transfer discrete{Transfer::Kind::discrete, {0.2, 0.6}};
  EXPECT_DOUBLE_EQ(discrete.apply(0.49), 0.2);
  EXPECT_DOUBLE_EQ(discrete.apply(0.5), 0.6);
  EXPECT_DOUBLE_EQ(discrete.apply(1.0), 0.6);
  Transfer empty{Transfer::Kind::table, {}};
  EXPECT_DOUBLE_EQ(empty.apply(0.3), 0.3);  // an empty table is the identity
  Transfer gamma;
  gamma.kind = Transfer::Kind::gamma;
  gamma.amplitude = 2;
  gamma.exponent = 2;
  gamma.offset = 0.1;
  EXPECT_NEAR(gamma.apply(0.5), 0.6, 1e-12);
}

TEST(ColorMap, LinearRgbIsConvertedBothWays) {
  ColorStep identity;  // the identity matrix in linearRGB: only rounding could change a colour
  Rgba c = identity.apply({0.8, 0.5, 0.1, 0.7});
  EXPECT_NEAR(c.r, 0.8, 1e-9);
  EXPECT_NEAR(c.g, 0.5, 1e-9);
  EXPECT_NEAR(c.b, 0.1, 1e-9);
  EXPECT_NEAR(c.a, 0.7, 1e-12);
  ColorStep half;  // halving red in linear light is not halving its sRGB value
  half.matrix[0] = 0.5;
  EXPECT_NEAR(half.apply({1, 0, 0, 1}).r, 0.7354, 1e-4);
  half.linear_rgb = false;
  EXPECT_NEAR(half.apply({1, 0, 0, 1}).r, 0.5, 1e-12);
}

TEST(ColorMap, MatricesOfTheNamedTypes) {
  ColorStep grey;
  grey.linear_rgb = false;
  grey.matrix = saturate_matrix(0);
  Rgba g = grey.apply({1, 0, 0, 1});
  EXPECT_NEAR(g.r, 0.213, 1e-12);
  EXPECT_NEAR(g.g, 0.213, 1e-12);
  EXPECT_NEAR(g.b, 0.213, 1e-12);
  ColorStep turn = grey;
  turn.matrix = hue_rotate_matrix(0);
  Rgba same = turn.apply({0.2, 0.4, 0.6, 1});
  EXPECT_NEAR(same.r, 0.2, 1e-12);
  EXPECT_NEAR(same.g, 0.4, 1e-12);
  EXPECT_NEAR(same.b, 0.6, 1e-12);
  ColorStep luminance = grey;
  luminance.matrix = luminance_to_alpha_matrix();
  Rgba l = luminance.apply({1, 1, 1, 0.5});
  EXPECT_NEAR(l.a, 1.0, 1e-12);
  EXPECT_EQ(l.r, 0);
}

TEST(ColorMap, AlphaScaleIsKnownOnlyWhenTheColourCannotChangeIt) {
  ColorMap map;
  ColorStep quarter;
  quarter.matrix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.25, 0};
  map.steps.push_back(quarter);
  Transfer linear;
  linear.kind = Transfer::Kind::linear;
  linear.slope = 0.5;
  map.steps.push_back(srgb_transfer(linear, 3));
  ASSERT_TRUE(map.alpha_scale());
  EXPECT_DOUBLE_EQ(*map.alpha_scale(), 0.125);
  ColorStep hard;  // Figma's "hardAlpha": 127 × alpha, clamped
  hard.matrix[18] = 127;
  EXPECT_FALSE(hard.alpha_scale());
  ColorStep lum;
  lum.matrix = luminance_to_alpha_matrix();
  EXPECT_FALSE(lum.alpha_scale());
  ColorStep overlay;
  overlay.kind = ColorStep::Kind::overlay;
  overlay.overlay = {0.1, 0.2, 0.3, 0.6};
  EXPECT_DOUBLE_EQ(*overlay.alpha_scale(), 0.6);
  Rgba o = overlay.apply({1, 1, 1, 0.5});
  EXPECT_DOUBLE_EQ(o.r, 0.1);
  EXPECT_DOUBLE_EQ(o.a, 0.3);
}

TEST(ColorMap, AffineOnlyInSrgb) {
  ColorStep matrix;
  EXPECT_FALSE(matrix.affine());
  matrix.linear_rgb = false;
  EXPECT_TRUE(matrix.affine());
  EXPECT_FALSE(srgb_transfer(Transfer{Transfer::Kind::discrete, {0, 1}}, 0).affine());
}

}  // namespace
}  // namespace bimi::svgps::convert
