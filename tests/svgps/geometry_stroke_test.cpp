#include <gtest/gtest.h>

#include <cmath>

#include "geometry/clip.hpp"
#include "geometry/path_data.hpp"
#include "geometry/path_ops.hpp"
#include "geometry/stroke.hpp"

namespace bimi::svgps::geometry {
namespace {

constexpr double tolerance = 0.001;

Path parse(std::string_view d) { return parse_path_data(d, 100'000).path; }

Path outline(std::string_view d, const StrokeStyle& style) {
  auto path = outline_stroke(parse(d), style, tolerance);
  EXPECT_TRUE(path.has_value());
  return path.value_or(Path{});
}

// Whether the outline, filled with nonzero, covers `p`.
bool covers(const Path& outline, Point p) {
  int winding = 0;
  for (const auto& polygon : flatten(outline, tolerance)) {
    for (std::size_t i = 0; i < polygon.size(); ++i) {
      Point a = polygon[i], b = polygon[(i + 1) % polygon.size()];
      double cross = (b.x - a.x) * (p.y - a.y) - (p.x - a.x) * (b.y - a.y);
      if (a.y <= p.y && b.y > p.y && cross > 0) ++winding;
      if (a.y > p.y && b.y <= p.y && cross < 0) --winding;
    }
  }
  return winding != 0;
}

StrokeStyle width(double w) {
  StrokeStyle style;
  style.width = w;
  return style;
}

TEST(OutlineStroke, ButtSquareAndRoundCapsOfALine) {
  StrokeStyle style = width(2);
  Path butt = outline("M0 0 L10 0", style);
  EXPECT_NEAR(filled_area(butt, tolerance), 20, 0.01);
  EXPECT_TRUE(covers(butt, {5, 0.9}));
  EXPECT_FALSE(covers(butt, {5, 1.1}));
  EXPECT_FALSE(covers(butt, {-0.1, 0}));
  style.cap = StrokeStyle::Cap::square;
  Path square = outline("M0 0 L10 0", style);
  EXPECT_NEAR(filled_area(square, tolerance), 24, 0.01);
  EXPECT_TRUE(covers(square, {-0.9, 0.9}));
  style.cap = StrokeStyle::Cap::round;
  Path round = outline("M0 0 L10 0", style);
  EXPECT_NEAR(filled_area(round, tolerance), 20 + M_PI, 0.01);
  EXPECT_TRUE(covers(round, {-0.6, 0.6}));
  EXPECT_FALSE(covers(round, {-0.75, 0.75}));
}

TEST(OutlineStroke, MiterWithinTheLimitElseBevel) {
  StrokeStyle style = width(2);
  // A right angle: the miter is sqrt(2) times the width.
  Path miter = outline("M0 0 L10 0 L10 10", style);
  EXPECT_TRUE(covers(miter, {10.9, -0.9}));
  style.miter_limit = 1.4;
  Path limited = outline("M0 0 L10 0 L10 10", style);
  EXPECT_FALSE(covers(limited, {10.6, -0.6}));
  EXPECT_TRUE(covers(limited, {10.4, -0.4}));
  style.miter_limit = 4;
  style.join = StrokeStyle::Join::bevel;
  Path bevel = outline("M0 0 L10 0 L10 10", style);
  EXPECT_FALSE(covers(bevel, {10.6, -0.6}));
  EXPECT_TRUE(covers(bevel, {10.4, -0.4}));
  // Two 10 × 2 bands sharing a unit square inside the corner, and the bevel outside it.
  EXPECT_NEAR(filled_area(bevel, tolerance), 39 + 0.5, 0.01);
  style.join = StrokeStyle::Join::round;
  Path round = outline("M0 0 L10 0 L10 10", style);
  EXPECT_NEAR(filled_area(round, tolerance), 39 + M_PI / 4, 0.01);
}

TEST(OutlineStroke, ClosedSubpathsAreJoinedAllRound) {
  StrokeStyle style = width(2);
  Path square = outline("M0 0 H10 V10 H0 Z", style);
  EXPECT_NEAR(filled_area(square, tolerance), 12 * 12 - 8 * 8, 0.01);
  EXPECT_TRUE(covers(square, {-0.9, -0.9}));  // the join where the path closes
  EXPECT_FALSE(covers(square, {5, 5}));
}

TEST(OutlineStroke, CurvesFollowTheirOffset) {
  Path ring = outline("M20 10 A10 10 0 0 1 0 10 A10 10 0 0 1 20 10 Z", width(2));
  EXPECT_NEAR(filled_area(ring, tolerance), M_PI * (11 * 11 - 9 * 9), 0.05);
  EXPECT_TRUE(covers(ring, {10, 0.9 - 1}));
  EXPECT_FALSE(covers(ring, {10, 10}));
}

TEST(OutlineStroke, DashesSplitTheLine) {
  StrokeStyle style = width(2);
  style.dashes = {2, 3};
  Path dashed = outline("M0 0 L10 0", style);
  EXPECT_NEAR(filled_area(dashed, tolerance), 2 * 2 * 2, 0.01);
  EXPECT_TRUE(covers(dashed, {1, 0}));
  EXPECT_FALSE(covers(dashed, {3, 0}));
  EXPECT_TRUE(covers(dashed, {6, 0}));
  style.dash_offset = 1;  // starts one unit into the first dash
  Path shifted = outline("M0 0 L10 0", style);
  EXPECT_TRUE(covers(shifted, {0.5, 0}));
  EXPECT_FALSE(covers(shifted, {1.5, 0}));
  EXPECT_TRUE(covers(shifted, {4.5, 0}));
}

TEST(OutlineStroke, ZeroLengthDashesAreDotsWithRoundCaps) {
  StrokeStyle style = width(2);
  style.dashes = {0, 4};
  style.cap = StrokeStyle::Cap::round;
  Path dots = outline("M0 0 L10 0", style);
  EXPECT_NEAR(filled_area(dots, tolerance), 3 * M_PI, 0.01);
  EXPECT_TRUE(covers(dots, {4, 0.9}));
  EXPECT_FALSE(covers(dots, {2, 0}));
  style.cap = StrokeStyle::Cap::butt;
  EXPECT_TRUE(outline("M0 0 L10 0", style).empty());
}

TEST(OutlineStroke, TheDashAcrossAClosedStartIsJoined) {
  StrokeStyle style = width(2);
  style.dashes = {6, 4};
  style.dash_offset = 3;  // on over [37, 40] and [0, 3] of the 40-long perimeter
  Path dashed = outline("M0 0 H10 V10 H0 Z", style);
  EXPECT_TRUE(covers(dashed, {-0.9, -0.9}));  // mitered: one dash turning the corner
  EXPECT_TRUE(covers(dashed, {2.5, 0}));
  EXPECT_FALSE(covers(dashed, {5, 0}));
}

TEST(OutlineStroke, TooManyDashesAreRefused) {
  StrokeStyle style = width(1);
  style.dashes = {0.001, 0.001};
  EXPECT_FALSE(outline_stroke(parse("M0 0 L1000 0"), style, tolerance).has_value());
}

TEST(Unite, OverlapsCountOnceWhateverTheirOrientation) {
  std::vector<std::vector<Point>> polygons = {{{0, 0}, {10, 0}, {10, 10}, {0, 10}},
                                              {{5, 5}, {5, 15}, {15, 15}, {15, 5}}};
  EXPECT_NEAR(filled_area(unite_polygons(polygons, tolerance), tolerance), 175, 1e-6);
  // An evenodd ring with a hole, and a square over the hole under nonzero.
  std::vector<FilledPath> regions = {{parse("M0 0H30V30H0Z M10 10H20V20H10Z"), FillRule::evenodd},
                                     {parse("M12 12V18H18V12Z"), FillRule::nonzero}};
  EXPECT_NEAR(filled_area(unite(regions, tolerance), tolerance), 900 - 100 + 36, 1e-6);
}

}  // namespace
}  // namespace bimi::svgps::geometry
