#include <gtest/gtest.h>

#include <cmath>

#include "geometry/clip.hpp"
#include "geometry/curve_restore.hpp"
#include "geometry/path_ops.hpp"
#include "geometry_region_support.hpp"
#include "geometry_test_support.hpp"

namespace bimi::svgps::geometry {
namespace {

using testing::cubic_point;
using testing::distance_to_edges;
using testing::expect_same_region;
using testing::parse;

constexpr double tolerance = 0.01;

std::size_t cubics_in(const Path& path) {
  std::size_t count = 0;
  for (const Segment& s : path.segments) count += s.kind == Segment::Kind::cubic;
  return count;
}

// Every point drawn by `result` (its curves sampled) lies on the outline of one operand.
void expect_on_outlines(const Path& result, const Path& subject, const Path& clip, double margin) {
  auto subject_outline = flatten(subject, 1e-4);
  auto clip_outline = flatten(clip, 1e-4);
  Point current, start;
  for (const Segment& s : result.segments) {
    if (s.kind == Segment::Kind::move) current = start = s.p[0];
    if (s.kind == Segment::Kind::line) current = s.p[0];
    if (s.kind == Segment::Kind::close) current = start;
    if (s.kind != Segment::Kind::cubic) continue;
    for (int i = 0; i <= 16; ++i) {
      Point p = cubic_point(current, s, i / 16.0);
      double d = std::fmin(distance_to_edges(subject_outline, p), distance_to_edges(clip_outline, p));
      ASSERT_LE(d, margin) << p.x << "," << p.y;
    }
    current = s.p[2];
  }
}

// The operation as the converter runs it: Clipper's polygons, curves put back from both operands.
Path cut(const Path& subject, FillRule subject_rule, const Path& clip, FillRule clip_rule) {
  Path polygons = intersect(subject, subject_rule, clip, clip_rule, tolerance);
  Path restored = restore_curves(polygons, {&subject, &clip}, tolerance);
  expect_same_region(restored, FillRule::nonzero, subject, subject_rule, clip, clip_rule, 4 * tolerance);
  expect_on_outlines(restored, subject, clip, 2 * tolerance);
  EXPECT_LE(restored.segments.size(), polygons.segments.size());
  return restored;
}

// Centre (50, 50), radius 50.
const char* circle = "M100 50A50 50 0 1 1 0 50A50 50 0 1 1 100 50Z";

TEST(RestoreCurves, ACircleCutByARectangleGetsItsArcsBack) {
  Path restored = cut(parse(circle), FillRule::nonzero, parse("M20 -10H200V200H20Z"), FillRule::nonzero);
  // The circle's cubics right of the cut, the cut itself a line.
  EXPECT_GE(cubics_in(restored), 3u);
  EXPECT_LE(restored.segments.size(), 8u);
}

TEST(RestoreCurves, ASquareCutByACircleGetsTheCirclesArc) {
  Path restored = cut(parse("M0 0H70V70H0Z"), FillRule::nonzero, parse(circle), FillRule::nonzero);
  EXPECT_GE(cubics_in(restored), 1u);
  EXPECT_LE(restored.segments.size(), 10u);
}

TEST(RestoreCurves, ARingCutByACircleKeepsBothOutlinesCurved) {
  Path ring = parse(std::string(circle) + "M80 50A30 30 0 1 0 20 50A30 30 0 1 0 80 50Z");
  Path clip = parse("M130 50A45 45 0 1 1 40 50A45 45 0 1 1 130 50Z");
  for (FillRule rule : {FillRule::evenodd, FillRule::nonzero}) {
    Path restored = cut(ring, rule, clip, FillRule::nonzero);
    EXPECT_GE(cubics_in(restored), 4u);
  }
}

TEST(RestoreCurves, NearlyTangentCutsStayFaithful) {
  // A clip circle that grazes the subject circle, and one that all but coincides with it.
  cut(parse(circle), FillRule::nonzero, parse("M199.9 50A50 50 0 1 1 99.9 50A50 50 0 1 1 199.9 50Z"),
      FillRule::nonzero);
  Path same = cut(parse(circle), FillRule::nonzero,
                  parse("M100.001 50A50.001 50.001 0 1 1 -.001 50A50.001 "
                        "50.001 0 1 1 100.001 50Z"),
                  FillRule::nonzero);
  EXPECT_GE(cubics_in(same), 2u);
}

TEST(RestoreCurves, DegenerateCurvesAreHarmless) {
  // A cubic of zero length, a straight cubic, and a cubic looping on itself.
  Path subject = parse("M10 10C10 10 10 10 10 10C30 10 50 10 90 10C120 60 -20 60 90 90L10 90Z");
  Path polygons = intersect(subject, FillRule::nonzero, parse(circle), FillRule::nonzero, tolerance);
  Path restored = restore_curves(polygons, {&subject}, tolerance);
  expect_same_region(restored, FillRule::nonzero, subject, FillRule::nonzero, parse(circle), FillRule::nonzero,
                     4 * tolerance);
  EXPECT_TRUE(restore_curves(Path{}, {&subject}, tolerance).empty());
}

TEST(RestoreCurves, LinesStayLines) {
  Path subject = parse("M0 0H70L30 90Z");
  Path clip = parse("M10 -5L90 40L10 85Z");
  Path polygons = intersect(subject, FillRule::nonzero, clip, FillRule::nonzero, tolerance);
  Path restored = restore_curves(polygons, {&subject, &clip}, tolerance);
  EXPECT_EQ(cubics_in(restored), 0u);
  EXPECT_EQ(restored.segments.size(), polygons.segments.size());
}

TEST(RestoreCurves, WithoutMatchingCurvesNothingChanges) {
  Path subject = parse(circle);
  Path polygons = intersect(subject, FillRule::nonzero, parse("M20 -10H200V200H20Z"), FillRule::nonzero, tolerance);
  Path elsewhere = parse("M300 300C310 300 320 310 320 320");
  Path restored = restore_curves(polygons, {&elsewhere}, tolerance);
  ASSERT_EQ(restored.segments.size(), polygons.segments.size());
  for (std::size_t i = 0; i < restored.segments.size(); ++i) {
    EXPECT_EQ(restored.segments[i].kind, polygons.segments[i].kind);
    EXPECT_EQ(restored.segments[i].p[0], polygons.segments[i].p[0]);
  }
}

TEST(RestoreCurves, TooManyCandidatesKeepThePolygons) {
  // 2,000 cubics through one small square and a ring of 4,000 vertices in it: 8,000,000 candidate
  // tests, past the bound, so the polygons come back as they were.
  Path crowd;
  for (int i = 0; i < 2000; ++i) {
    crowd.segments.push_back(Segment::move_to({0, i * 0.0005}));
    crowd.segments.push_back(Segment::cubic_to({0.3, 1}, {0.6, -1}, {1, i * 0.0005}));
  }
  Path ring;
  for (int i = 0; i < 4000; ++i) {
    double a = 2 * M_PI * i / 4000;
    Point p{0.5 + 0.4 * std::cos(a), 0.5 + 0.4 * std::sin(a)};
    ring.segments.push_back(i == 0 ? Segment::move_to(p) : Segment::line_to(p));
  }
  ring.segments.push_back(Segment::close());
  Path restored = restore_curves(ring, {&crowd}, 1.0);
  ASSERT_EQ(restored.segments.size(), ring.segments.size());
  for (std::size_t i = 0; i < ring.segments.size(); ++i) EXPECT_EQ(restored.segments[i].p[0], ring.segments[i].p[0]);
}

}  // namespace
}  // namespace bimi::svgps::geometry
