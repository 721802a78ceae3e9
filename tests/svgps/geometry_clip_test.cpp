#include <gtest/gtest.h>

#include <cmath>

#include "geometry/clip.hpp"
#include "geometry/path_data.hpp"
#include "geometry/path_ops.hpp"
#include "geometry/shapes.hpp"
#include "geometry/transform.hpp"
#include "geometry_region_support.hpp"
#include "geometry_test_support.hpp"

namespace bimi::svgps::geometry {
namespace {

using Kind = Segment::Kind;

using testing::area;
using testing::distance_to_edges;
using testing::expect_same_region;
using testing::filled;
using testing::only_lines;
using testing::parse;
using testing::winding;

TEST(AxisAlignedRectangle, Recognised) {
  Box box;
  EXPECT_TRUE(is_axis_aligned_rectangle(*rect_path(1, 2, 3, 4, std::nullopt, std::nullopt), box));
  EXPECT_EQ(box.x0, 1);
  EXPECT_EQ(box.y0, 2);
  EXPECT_EQ(box.x1, 4);
  EXPECT_EQ(box.y1, 6);
  EXPECT_TRUE(is_axis_aligned_rectangle(parse("M0 0 H10 V10 H0 V0 Z"), box));
  EXPECT_TRUE(is_axis_aligned_rectangle(parse("M0 0 V10 H10 V0"), box));  // unclosed, other way
  EXPECT_TRUE(is_axis_aligned_rectangle(parse("M0 0 H10 H10 V10 H0 Z"), box));  // repeated point
  auto turned =
      transformed(*rect_path(0, 0, 10, 20, std::nullopt, std::nullopt), exact_rotation(90));
  EXPECT_TRUE(is_axis_aligned_rectangle(turned, box));
  EXPECT_EQ(box.x0, -20);
  EXPECT_EQ(box.y1, 10);
}

TEST(AxisAlignedRectangle, Rejected) {
  Box box{0, 0, 1, 1};
  for (std::string_view d : {"M0 0 L10 0 L10 10 L0 20 Z", "M0 0 L10 10 L0 20 L-10 10 Z",
                             "M0 0 H10 V10 H0 Z M20 20 H30 V30 H20 Z", "M0 0 H10 V10 H5 H0 Z",
                             "M0 0 H10 V0 H0 Z", "M0 0 H10 V10 H0 Z L5 5", "M0 0 H10 V10 Z",
                             "M0 0 H10 V10 H0 Z M5 5", "M0 0 H10 C10 5 10 5 10 10 H0 Z"}) {
    EXPECT_FALSE(is_axis_aligned_rectangle(parse(d), box)) << d;
  }
  EXPECT_FALSE(is_axis_aligned_rectangle(*rect_path(0, 0, 10, 10, 2.0, 2.0), box));
  EXPECT_FALSE(is_axis_aligned_rectangle(Path{}, box));
  EXPECT_EQ(box.x1, 1);  // untouched on failure
}

TEST(IntersectBox, PolygonIsClippedExactlyOnTheEdges) {
  Path triangle = parse("M-10 0 L20 0 L5 30 Z");
  Path clipped = intersect_box(triangle, Box{0, 0, 10, 10}, 0.01);
  EXPECT_TRUE(only_lines(clipped));
  for (const Segment& s : clipped.segments) {
    if (s.kind == Kind::close) continue;
    EXPECT_GE(s.p[0].x, 0);
    EXPECT_LE(s.p[0].x, 10);
    EXPECT_GE(s.p[0].y, 0);
    EXPECT_LE(s.p[0].y, 10);
  }
  // At height y the triangle spans x in [-10 + y/2, 20 - y/2], which holds [0, 10] for y <= 10.
  EXPECT_NEAR(area(clipped), 100, 1e-9);
  // A diamond that cuts off a 2.5 x 2.5 triangle at each corner of the box.
  Path diamond = parse("M5 -2.5 L12.5 5 L5 12.5 L-2.5 5 Z");
  EXPECT_NEAR(area(intersect_box(diamond, Box{0, 0, 10, 10}, 0.01)), 100 - 4 * 3.125, 1e-9);
}

TEST(IntersectBox, CurvesInsideAreKeptOutsideDropped) {
  Path inner = *circle_path(5, 5, 2);
  Path outer = *circle_path(50, 50, 2);
  Path both = inner;
  both.segments.insert(both.segments.end(), outer.segments.begin(), outer.segments.end());
  Path clipped = intersect_box(both, Box{0, 0, 10, 10}, 0.01);
  ASSERT_EQ(clipped.segments.size(), inner.segments.size());
  for (std::size_t i = 0; i < inner.segments.size(); ++i) {
    EXPECT_EQ(clipped.segments[i].kind, inner.segments[i].kind);
    EXPECT_EQ(clipped.segments[i].p[2], inner.segments[i].p[2]);
  }
  EXPECT_TRUE(intersect_box(outer, Box{0, 0, 10, 10}, 0.01).empty());
  // Touching the box along an edge encloses nothing.
  EXPECT_TRUE(intersect_box(parse("M10 0 H20 V10 H10 Z"), Box{0, 0, 10, 10}, 0.01).empty());
}

TEST(IntersectBox, CurvesAcrossTheEdgeAreFlattenedWithinTolerance) {
  Path circle = *circle_path(0, 0, 10);
  Path clipped = intersect_box(circle, Box{0, 0, 100, 100}, 0.001);
  EXPECT_TRUE(only_lines(clipped));
  // A quarter of the (kappa) circle.
  EXPECT_NEAR(area(clipped), M_PI * 100 / 4, 0.05);
  // A circle covering the box leaves the whole box.
  EXPECT_NEAR(area(intersect_box(*circle_path(5, 5, 100), Box{0, 0, 10, 10}, 0.01)), 100, 1e-9);
}

TEST(IntersectBox, KeepsTheSubjectsFillRule) {
  // A square ring drawn as two same-direction squares: evenodd has a hole, nonzero does not.
  Path ring = parse("M0 0 H30 V30 H0 Z M10 10 H20 V20 H10 Z");
  Path crossing = parse("M0 0 L30 0 L0 30 L30 30 Z M12 -5 L40 25 L12 25 Z");  // self-crossing
  for (const Path* subject : {&ring, &crossing}) {
    for (FillRule rule : {FillRule::nonzero, FillRule::evenodd}) {
      Box box{5, 5, 25, 15};
      Path box_path = *rect_path(5, 5, 20, 10, std::nullopt, std::nullopt);
      Path clipped = intersect_box(*subject, box, 0.01);
      expect_same_region(clipped, rule, *subject, rule, box_path, FillRule::nonzero, 1e-6);
    }
  }
}

TEST(Intersect, TwoCirclesMakeALens) {
  Path a = *circle_path(0, 0, 10);
  Path b = *circle_path(10, 0, 10);
  for (double tolerance : {0.1, 0.01}) {
    Path lens = intersect(a, FillRule::nonzero, b, FillRule::nonzero, tolerance);
    EXPECT_TRUE(only_lines(lens));
    // Exact lens area for r = d = 10: 2 r² acos(d / 2r) - (d / 2) sqrt(4 r² - d²).
    double exact = 2 * 100 * std::acos(0.5) - 5 * std::sqrt(300);
    EXPECT_NEAR(area(lens), exact, 30 * tolerance);
    expect_same_region(lens, FillRule::nonzero, a, FillRule::nonzero, b, FillRule::nonzero,
                       tolerance);
    // Every vertex within tolerance of both circles' closed discs.
    for (const Segment& s : lens.segments) {
      if (s.kind == Kind::close) continue;
      EXPECT_LE(std::hypot(s.p[0].x, s.p[0].y), 10 + tolerance);
      EXPECT_LE(std::hypot(s.p[0].x - 10, s.p[0].y), 10 + tolerance);
    }
  }
}

TEST(Intersect, HonoursBothFillRules) {
  // A pentagram: its centre is filled under nonzero, a hole under evenodd.
  Path star = parse("M50 0 L79 90 L2 35 L98 35 L21 90 Z");
  Path disc = *circle_path(50, 45, 30);
  Path rings = parse("M0 0 H100 V100 H0 Z M40 40 H60 V60 H40 Z");
  for (FillRule star_rule : {FillRule::nonzero, FillRule::evenodd}) {
    for (FillRule rings_rule : {FillRule::nonzero, FillRule::evenodd}) {
      Path result = intersect(star, star_rule, rings, rings_rule, 0.01);
      expect_same_region(result, FillRule::nonzero, star, star_rule, rings, rings_rule, 0.02);
      expect_same_region(result, FillRule::evenodd, star, star_rule, rings, rings_rule, 0.02);
    }
    Path result = intersect(star, star_rule, disc, FillRule::evenodd, 0.01);
    expect_same_region(result, FillRule::nonzero, star, star_rule, disc, FillRule::evenodd, 0.02);
  }
}

TEST(Intersect, RectangleFastPathIsExactAndKeepsCurves) {
  Path circle = *circle_path(50, 50, 10);
  Path box = *rect_path(0, 0, 100, 100, std::nullopt, std::nullopt);
  Path kept = intersect(circle, FillRule::nonzero, box, FillRule::evenodd, 0.01);
  EXPECT_EQ(kept.segments.size(), circle.segments.size());
  EXPECT_FALSE(only_lines(kept));
  // Operands the other way round.
  Path swapped = intersect(box, FillRule::evenodd, circle, FillRule::nonzero, 0.01);
  EXPECT_EQ(swapped.segments.size(), circle.segments.size());
  // An evenodd subject with a rectangle clip goes through Clipper and stays correct.
  Path ring = parse("M0 0 H30 V30 H0 Z M10 10 H20 V20 H10 Z");
  Path window = *rect_path(5, 5, 20, 10, std::nullopt, std::nullopt);
  Path result = intersect(ring, FillRule::evenodd, window, FillRule::nonzero, 0.01);
  expect_same_region(result, FillRule::nonzero, ring, FillRule::evenodd, window, FillRule::nonzero,
                     0.02);
}

TEST(Intersect, EmptyAndDisjointOperands) {
  Path a = *circle_path(0, 0, 10);
  EXPECT_TRUE(intersect(a, FillRule::nonzero, Path{}, FillRule::nonzero, 0.1).empty());
  EXPECT_TRUE(intersect(Path{}, FillRule::nonzero, a, FillRule::nonzero, 0.1).empty());
  EXPECT_TRUE(
      intersect(a, FillRule::nonzero, *circle_path(100, 0, 10), FillRule::nonzero, 0.1).empty());
  // Overlapping boxes of bounds but no shared area.
  Path left = parse("M0 0 L10 0 L0 10 Z");
  Path right = parse("M10 10 L10 1 L1 10 Z");
  EXPECT_NEAR(area(intersect(left, FillRule::nonzero, right, FillRule::nonzero, 0.01)), 0, 1e-3);
  Path broken;
  broken.segments = {Segment::move_to({0, 0}), Segment::line_to({INFINITY, 0}),
                     Segment::line_to({0, 5})};
  EXPECT_TRUE(intersect(broken, FillRule::nonzero, a, FillRule::nonzero, 0.1).empty());
}

TEST(Intersect, FarFromTheOriginKeepsPrecision) {
  Path a = transformed(*circle_path(0, 0, 10), Matrix::translate(1e7, -1e7));
  Path b = transformed(*circle_path(10, 0, 10), Matrix::translate(1e7, -1e7));
  Path lens = intersect(a, FillRule::nonzero, b, FillRule::nonzero, 0.01);
  double exact = 2 * 100 * std::acos(0.5) - 5 * std::sqrt(300);
  EXPECT_NEAR(area(lens), exact, 0.3);
}

}  // namespace
}  // namespace bimi::svgps::geometry
