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

// At every tolerance the converter uses, a ring's outline is two rings: no wedge is left open
// between the bands at a vertex of the flattened curve (each used to be a hairline crack).
TEST(OutlineStroke, ACurvedStrokeHasNoCracksAtAnyTolerance) {
  Path circle = parse("M97 60C97 80.43 80.43 97 60 97S23 80.43 23 60 39.57 23 60 23 97 39.57 97 60Z");
  for (double t : {0.005, 0.01, 0.02, 0.03, 0.0586, 0.1, 0.2}) {
    auto ring = outline_stroke(circle, width(6), t);
    ASSERT_TRUE(ring);
    int rings = 0;
    for (const Segment& s : ring->segments) rings += s.kind == Segment::Kind::move;
    EXPECT_EQ(rings, 2) << "tolerance " << t;
    EXPECT_NEAR(filled_area(*ring, t), M_PI * (40 * 40 - 34 * 34), 3 * t * 2 * M_PI * 40) << "tolerance " << t;
  }
}

// The curves an outline follows: a circle's quarter arcs moved by half the width are arcs of
// the inner and outer radius, as near as a cubic quarter circle is to its radius (0.027 %).
TEST(StrokeEdges, ACirclesEdgesAreItsOffsetArcs) {
  Path circle = parse("M97 60C97 80.43 80.43 97 60 97S23 80.43 23 60 39.57 23 60 23 97 39.57 97 60Z");
  Path edges = stroke_edges(circle, 6);
  std::size_t cubics = 0;
  Point from;
  for (const Segment& s : edges.segments) {
    if (s.kind == Segment::Kind::move) from = s.p[0];
    if (s.kind != Segment::Kind::cubic) continue;
    ++cubics;
    double r0 = std::hypot(from.x - 60, from.y - 60);
    EXPECT_TRUE(std::fabs(r0 - 40) < 1e-9 || std::fabs(r0 - 34) < 1e-9) << r0;
    for (double t : {0.25, 0.5, 0.75}) {
      double u = 1 - t;
      double x = u * u * u * from.x + 3 * u * u * t * s.p[0].x + 3 * u * t * t * s.p[1].x + t * t * t * s.p[2].x;
      double y = u * u * u * from.y + 3 * u * u * t * s.p[0].y + 3 * u * t * t * s.p[1].y + t * t * t * s.p[2].y;
      EXPECT_NEAR(std::hypot(x - 60, y - 60), r0, 0.0003 * r0) << t;
    }
  }
  EXPECT_EQ(cubics, 8u);  // four quarters, each on both sides
  EXPECT_TRUE(stroke_edges(parse("M0 0H10V10"), 2).empty());  // lines: nothing to restore
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
