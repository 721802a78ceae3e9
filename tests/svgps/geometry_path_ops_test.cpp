#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "geometry/path_data.hpp"
#include "geometry/path_ops.hpp"
#include "geometry/shapes.hpp"
#include "geometry_test_support.hpp"
#include "test_support.hpp"

namespace bimi::svgps::geometry {
namespace {

using testing::cubic_point;
using testing::near;
using Kind = Segment::Kind;

Path parse(std::string_view d) {
  PathParse parsed = parse_path_data(d, 10'000);
  EXPECT_TRUE(parsed.complete) << d;
  return parsed.path;
}

TEST(Transformed, MapsEveryPointAndKeepsKinds) {
  Path path = parse("M0 0 L10 0 C10 5 5 10 0 10 Z");
  Path moved = transformed(path, Matrix::translate(1, 2) * Matrix::scale(2, 3));
  ASSERT_EQ(moved.segments.size(), path.segments.size());
  EXPECT_EQ(moved.segments[0].p[0], (Point{1, 2}));
  EXPECT_EQ(moved.segments[1].p[0], (Point{21, 2}));
  EXPECT_EQ(moved.segments[2].kind, Kind::cubic);
  EXPECT_EQ(moved.segments[2].p[0], (Point{21, 17}));
  EXPECT_EQ(moved.segments[2].p[1], (Point{11, 32}));
  EXPECT_EQ(moved.segments[2].p[2], (Point{1, 32}));
  EXPECT_EQ(moved.segments[3].kind, Kind::close);
  EXPECT_EQ(moved.segments[3].p[0], (Point{}));  // unused points stay untouched
}

TEST(Bounds, EmptyPathsAndLoneMoves) {
  EXPECT_TRUE(bounds(Path{}).empty());
  EXPECT_TRUE(bounds(parse("M5 5")).empty());
  Box box = bounds(parse("M100 100 M0 0 L10 20 M-50 -50"));
  EXPECT_EQ(box.x0, 0);
  EXPECT_EQ(box.y0, 0);
  EXPECT_EQ(box.x1, 10);
  EXPECT_EQ(box.y1, 20);
}

TEST(Bounds, CircleIsExactNotItsControlPolygon) {
  auto circle = circle_path(50, 50, 10);
  Box box = bounds(*circle);
  EXPECT_NEAR(box.x0, 40, 1e-12);
  EXPECT_NEAR(box.x1, 60, 1e-12);
  EXPECT_NEAR(box.y0, 40, 1e-12);
  EXPECT_NEAR(box.y1, 60, 1e-12);
}

TEST(Bounds, CubicExtremaInsideTheParameterRange) {
  // Control points at y = 100 but the curve only reaches y = 75.
  Box box = bounds(parse("M0 0 C0 100 100 100 100 0"));
  EXPECT_NEAR(box.y1, 75, 1e-12);
  EXPECT_EQ(box.y0, 0);
  EXPECT_EQ(box.x0, 0);
  EXPECT_EQ(box.x1, 100);
  // An S-shaped curve with two x extrema.
  Box s = bounds(parse("M0 0 C100 0 -100 10 0 10"));
  double lo = 0, hi = 0;
  for (int i = 0; i <= 100000; ++i) {
    Point p = cubic_point({0, 0}, Segment::cubic_to({100, 0}, {-100, 10}, {0, 10}), i / 100000.0);
    lo = std::fmin(lo, p.x);
    hi = std::fmax(hi, p.x);
  }
  EXPECT_NEAR(s.x0, lo, 1e-6);
  EXPECT_NEAR(s.x1, hi, 1e-6);
  EXPECT_LE(s.x0, lo);
  EXPECT_GE(s.x1, hi);
}

TEST(Bounds, RandomCubicsMatchDenseSampling) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> coordinate(-100, 100);
  for (int round = 0; round < 200; ++round) {
    Point p0{coordinate(random), coordinate(random)};
    Segment cubic = Segment::cubic_to({coordinate(random), coordinate(random)},
                                      {coordinate(random), coordinate(random)},
                                      {coordinate(random), coordinate(random)});
    Path path;
    path.segments = {Segment::move_to(p0), cubic};
    Box box = bounds(path);
    Box sampled;
    for (int i = 0; i <= 2000; ++i) sampled.add(cubic_point(p0, cubic, i / 2000.0));
    EXPECT_LE(box.x0, sampled.x0 + 1e-9);
    EXPECT_GE(box.x1, sampled.x1 - 1e-9);
    EXPECT_NEAR(box.x0, sampled.x0, 0.05);
    EXPECT_NEAR(box.x1, sampled.x1, 0.05);
    EXPECT_NEAR(box.y0, sampled.y0, 0.05);
    EXPECT_NEAR(box.y1, sampled.y1, 0.05);
  }
}

TEST(Bounds, DegenerateCubics) {
  // A straight cubic (zero quadratic coefficient) and a point-like one.
  Box line = bounds(parse("M0 0 C10 10 20 20 30 30"));
  EXPECT_EQ(line.x1, 30);
  Box dot = bounds(parse("M5 5 C5 5 5 5 5 5"));
  EXPECT_FALSE(dot.empty());
  EXPECT_EQ(dot.x0, 5);
  EXPECT_EQ(dot.x1, 5);
  Box closed_dot = bounds(parse("M3 4 Z"));
  EXPECT_EQ(closed_dot.x0, 3);
}

// The largest distance from sampled points of each cubic to the polyline that replaced it.

double distance_to_polyline(Point p, const std::vector<Point>& line) {
  double best = INFINITY;
  for (std::size_t i = 1; i < line.size(); ++i) {
    best = std::fmin(best, distance_to_segment(p, line[i - 1], line[i]));
  }
  return best;
}

TEST(Flatten, CurveStaysWithinTolerance) {
  std::mt19937 random(11);
  std::uniform_real_distribution<double> coordinate(-200, 200);
  for (double tolerance : {1.0, 0.1, 0.01}) {
    for (int round = 0; round < 50; ++round) {
      Point p0{coordinate(random), coordinate(random)};
      Segment cubic = Segment::cubic_to({coordinate(random), coordinate(random)},
                                        {coordinate(random), coordinate(random)},
                                        {coordinate(random), coordinate(random)});
      Path path;
      path.segments = {Segment::move_to(p0), cubic};
      Flattened flat = flatten_path(path, tolerance, 1'000'000);
      ASSERT_TRUE(flat.complete);
      ASSERT_EQ(flat.polylines.size(), 1u);
      const auto& points = flat.polylines[0].points;
      EXPECT_EQ(points.front(), p0);
      EXPECT_EQ(points.back(), cubic.p[2]);
      for (int i = 0; i <= 400; ++i) {
        Point p = cubic_point(p0, cubic, i / 400.0);
        ASSERT_LE(distance_to_polyline(p, points), tolerance) << "tolerance " << tolerance;
      }
    }
  }
}

TEST(Flatten, CoarserToleranceMeansFewerPoints) {
  auto circle = circle_path(0, 0, 100);
  std::size_t coarse = flatten(*circle, 1.0)[0].size();
  std::size_t fine = flatten(*circle, 0.01)[0].size();
  EXPECT_LT(coarse, fine);
  EXPECT_LT(coarse, 60u);
  // Every vertex lies on the circle (within the kappa approximation's error).
  auto polygons = flatten(*circle, 0.5);
  ASSERT_EQ(polygons.size(), 1u);
  for (Point p : polygons[0]) EXPECT_NEAR(std::hypot(p.x, p.y), 100, 0.03);
}

TEST(Flatten, AdaptiveSubdivisionBeatsEvenSpacing) {
  // Long and nearly straight, with a tight hook at the end.
  Path hook = parse("M0 0 C1000 0 1000 0 1000 10");
  Flattened flat = flatten_path(hook, 0.01, 100000);
  ASSERT_EQ(flat.polylines.size(), 1u);
  const auto& points = flat.polylines[0].points;
  // Wang's bound for the whole curve asks for ceil(sqrt(0.75 * 1000.05 / 0.01)) = 274 even pieces.
  EXPECT_LT(points.size(), 240u);
  for (int i = 0; i <= 4000; ++i) {
    Point p = cubic_point({0, 0}, hook.segments[1], i / 4000.0);
    ASSERT_LE(distance_to_polyline(p, points), 0.01);
  }
}

TEST(Flatten, SubpathsClosedFlagsAndLoneMoves) {
  Flattened flat = flatten_path(parse("M0 0 L10 0 L10 10 Z M20 20 M30 30 L40 40"), 0.1, 1000);
  ASSERT_EQ(flat.polylines.size(), 2u);
  EXPECT_TRUE(flat.polylines[0].closed);
  EXPECT_EQ(flat.polylines[0].points.size(), 3u);
  EXPECT_FALSE(flat.polylines[1].closed);
  EXPECT_EQ(flat.polylines[1].points, (std::vector<Point>{{30, 30}, {40, 40}}));
  // A subpath drawn after Z without a move starts at the closed subpath's start.
  Flattened again = flatten_path(parse("M0 0 L10 0 Z L0 10"), 0.1, 1000);
  ASSERT_EQ(again.polylines.size(), 2u);
  EXPECT_EQ(again.polylines[1].points.front(), (Point{0, 0}));
}

TEST(Flatten, PointBudgetStopsEarly) {
  auto circle = circle_path(0, 0, 1000);
  Flattened flat = flatten_path(*circle, 0.001, 50);
  EXPECT_FALSE(flat.complete);
  std::size_t total = 0;
  for (const auto& line : flat.polylines) total += line.points.size();
  EXPECT_LE(total, 50u);
  // Absurd tolerances do not loop for ever.
  EXPECT_FALSE(flatten_path(*circle, 1e-300, 1000).complete);
  Flattened zero = flatten_path(parse("M0 0 L1 1"), 0, 1000);
  EXPECT_TRUE(zero.complete);
  EXPECT_EQ(zero.polylines.size(), 1u);
}

TEST(Flatten, NonFiniteCoordinatesStop) {
  Path path;
  path.segments = {Segment::move_to({0, 0}), Segment::cubic_to({INFINITY, 0}, {1, 1}, {2, 2})};
  EXPECT_FALSE(flatten_path(path, 0.1, 1000).complete);
}

}  // namespace
}  // namespace bimi::svgps::geometry

namespace bimi::svgps::geometry {
namespace {

// fixtures/fuzz/parsers: a path hundreds of thousands of units long, flattened at 0.1, stops at
// the point budget instead of running on.
TEST(FlattenBound, FuzzedLongPathStopsAtTheBudget) {
  std::string bytes = bimi::test::read_bytes(bimi::test::fixtures() / "fuzz" / "parsers" / "long-path-flattened-to-the-bound.bin");
  ASSERT_FALSE(bytes.empty());
  PathParse parsed = parse_path_data(std::string_view(bytes).substr(1), 100'000);
  Flattened flat = flatten_path(parsed.path, 0.1, 50'000);
  std::size_t points = 0;
  for (const auto& line : flat.polylines) points += line.points.size();
  EXPECT_FALSE(flat.complete);
  EXPECT_LE(points, 50'000u);
}

// fixtures/fuzz/parsers: a curve whose control points overflow Wang's bound (infinite second
// differences) once ran the halving stack out of memory; it now ends in a chord.
TEST(FlattenBound, OverflowingCurveEndsInAChord) {
  std::string bytes = bimi::test::read_bytes(bimi::test::fixtures() / "fuzz" / "parsers" / "overflowing-curve-flattened.bin");
  ASSERT_FALSE(bytes.empty());
  PathParse parsed = parse_path_data(std::string_view(bytes).substr(1), 100'000);
  Flattened flat = flatten_path(parsed.path, 0.1, 100'000);
  std::size_t points = 0;
  for (const auto& line : flat.polylines) points += line.points.size();
  EXPECT_LE(points, 100'000u);
  Path huge;
  huge.segments = {Segment::move_to({0, 0}), Segment::cubic_to({1e308, -1e308}, {-1e308, 1e308}, {1, 1})};
  Flattened one = flatten_path(huge, 0.1, 1'000);
  std::size_t huge_points = 0;
  for (const auto& line : one.polylines) huge_points += line.points.size();
  EXPECT_LE(huge_points, 1'000u);
}

}  // namespace
}  // namespace bimi::svgps::geometry
