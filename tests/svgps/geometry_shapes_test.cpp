#include <gtest/gtest.h>

#include <cmath>

#include "geometry/path_data.hpp"
#include "geometry/shapes.hpp"
#include "geometry_test_support.hpp"

namespace bimi::svgps::geometry {
namespace {

using testing::cubic_point;
using testing::near;
using Kind = Segment::Kind;

TEST(RectPath, SquareCornersRunClockwiseFromTopLeft) {
  auto path = rect_path(10, 20, 30, 40, std::nullopt, std::nullopt);
  ASSERT_TRUE(path);
  ASSERT_EQ(path->segments.size(), 5u);
  EXPECT_EQ(path->segments[0].kind, Kind::move);
  EXPECT_EQ(path->segments[0].p[0], (Point{10, 20}));
  EXPECT_EQ(path->segments[1].p[0], (Point{40, 20}));
  EXPECT_EQ(path->segments[2].p[0], (Point{40, 60}));
  EXPECT_EQ(path->segments[3].p[0], (Point{10, 60}));
  EXPECT_EQ(path->segments[4].kind, Kind::close);
}

TEST(RectPath, RoundedCornersStartAfterTheFirstCorner) {
  auto path = rect_path(0, 0, 100, 50, 10.0, 5.0);
  ASSERT_TRUE(path);
  // M L C L C L C L C Z
  ASSERT_EQ(path->segments.size(), 10u);
  EXPECT_EQ(path->segments[0].p[0], (Point{10, 0}));
  EXPECT_EQ(path->segments[1].p[0], (Point{90, 0}));
  EXPECT_EQ(path->segments[2].kind, Kind::cubic);
  EXPECT_EQ(path->segments[2].p[2], (Point{100, 5}));
  EXPECT_TRUE(near(path->segments[2].p[0], {90 + 10 * kappa, 0}));
  EXPECT_TRUE(near(path->segments[2].p[1], {100, 5 - 5 * kappa}));
  EXPECT_EQ(path->segments[3].p[0], (Point{100, 45}));
  EXPECT_EQ(path->segments[4].p[2], (Point{90, 50}));
  EXPECT_EQ(path->segments[5].p[0], (Point{10, 50}));
  EXPECT_EQ(path->segments[6].p[2], (Point{0, 45}));
  EXPECT_EQ(path->segments[7].p[0], (Point{0, 5}));
  EXPECT_EQ(path->segments[8].p[2], (Point{10, 0}));
  EXPECT_EQ(path->segments[9].kind, Kind::close);
}

TEST(RectPath, CornersMatchThePathDataArcs) {
  // The SVG-defined equivalent path, with its arcs converted by the path-data parser.
  auto rect = rect_path(0, 0, 100, 50, 10.0, 5.0);
  PathParse reference = parse_path_data(
      "M10 0 H90 A10 5 0 0 1 100 5 V45 A10 5 0 0 1 90 50 H10 A10 5 0 0 1 0 45 V5 A10 5 0 0 1 10 0 "
      "Z",
      100);
  ASSERT_TRUE(reference.complete);
  ASSERT_EQ(rect->segments.size(), reference.path.segments.size());
  for (std::size_t i = 0; i < rect->segments.size(); ++i) {
    EXPECT_EQ(rect->segments[i].kind, reference.path.segments[i].kind) << i;
    for (int j = 0; j < 3; ++j) {
      EXPECT_TRUE(near(rect->segments[i].p[j], reference.path.segments[i].p[j])) << i;
    }
  }
}

TEST(RectPath, RadiusRules) {
  // Only rx given: ry = rx.
  auto only_rx = rect_path(0, 0, 100, 100, 10.0, std::nullopt);
  EXPECT_EQ(only_rx->segments[2].p[2], (Point{100, 10}));
  // Only ry given: rx = ry.
  auto only_ry = rect_path(0, 0, 100, 100, std::nullopt, 20.0);
  EXPECT_EQ(only_ry->segments[0].p[0], (Point{20, 0}));
  EXPECT_EQ(only_ry->segments[2].p[2], (Point{100, 20}));
  // Clamped to half the width / height, each on its own: rx 100 → 25, ry copied 100 → 50.
  auto clamped = rect_path(0, 0, 50, 100, 100.0, std::nullopt);
  EXPECT_EQ(clamped->segments[0].p[0], (Point{25, 0}));
  // The top edge is zero-length and left out: the first corner follows the move.
  EXPECT_EQ(clamped->segments[1].kind, Kind::cubic);
  EXPECT_EQ(clamped->segments[1].p[2], (Point{50, 50}));
  // A zero radius on either axis means square corners.
  EXPECT_EQ(rect_path(0, 0, 10, 10, 0.0, 5.0)->segments.size(), 5u);
  // Fully rounded: an ellipse of four cubics.
  auto pill = rect_path(0, 0, 10, 10, 5.0, 5.0);
  EXPECT_EQ(pill->segments.size(), 6u);
}

TEST(RectPath, ErrorsAndDisabledRendering) {
  EXPECT_FALSE(rect_path(0, 0, -1, 10, std::nullopt, std::nullopt));
  EXPECT_FALSE(rect_path(0, 0, 10, -1, std::nullopt, std::nullopt));
  EXPECT_FALSE(rect_path(0, 0, 10, 10, -1.0, std::nullopt));
  EXPECT_FALSE(rect_path(0, 0, 10, 10, std::nullopt, -1.0));
  EXPECT_TRUE(rect_path(0, 0, 0, 10, std::nullopt, std::nullopt)->empty());
  EXPECT_TRUE(rect_path(0, 0, 10, 0, std::nullopt, std::nullopt)->empty());
}

TEST(CirclePath, StartsAtTheRightAndTurnsTowardsPositiveY) {
  auto path = circle_path(50, 50, 10);
  ASSERT_TRUE(path);
  ASSERT_EQ(path->segments.size(), 6u);
  EXPECT_EQ(path->segments[0].p[0], (Point{60, 50}));
  EXPECT_EQ(path->segments[1].p[2], (Point{50, 60}));
  EXPECT_EQ(path->segments[2].p[2], (Point{40, 50}));
  EXPECT_EQ(path->segments[3].p[2], (Point{50, 40}));
  EXPECT_EQ(path->segments[4].p[2], (Point{60, 50}));
  EXPECT_EQ(path->segments[5].kind, Kind::close);
  EXPECT_TRUE(near(path->segments[1].p[0], {60, 50 + 10 * kappa}));
  EXPECT_TRUE(near(path->segments[1].p[1], {50 + 10 * kappa, 60}));
  // Within the known 0.027% radial error of the kappa approximation.
  Point from = path->segments[0].p[0];
  for (std::size_t i = 1; i <= 4; ++i) {
    for (double t = 0; t <= 1; t += 0.05) {
      Point p = cubic_point(from, path->segments[i], t);
      EXPECT_NEAR(std::hypot(p.x - 50, p.y - 50), 10, 10 * 2.8e-4);
    }
    from = path->segments[i].p[2];
  }
}

TEST(CirclePath, Kappa) { EXPECT_NEAR(kappa, 4.0 / 3.0 * (std::sqrt(2.0) - 1), 1e-16); }

TEST(EllipsePath, AxesAndErrors) {
  auto path = ellipse_path(0, 0, 20, 10);
  ASSERT_TRUE(path);
  EXPECT_EQ(path->segments[0].p[0], (Point{20, 0}));
  EXPECT_EQ(path->segments[1].p[2], (Point{0, 10}));
  EXPECT_EQ(path->segments[2].p[2], (Point{-20, 0}));
  EXPECT_EQ(path->segments[3].p[2], (Point{0, -10}));
  EXPECT_FALSE(ellipse_path(0, 0, -1, 10));
  EXPECT_FALSE(circle_path(0, 0, -1));
  EXPECT_TRUE(ellipse_path(0, 0, 0, 10)->empty());
  EXPECT_TRUE(circle_path(0, 0, 0)->empty());
}

TEST(LinePath, MoveAndLineEvenWhenZeroLength) {
  Path path = line_path(1, 2, 3, 4);
  ASSERT_EQ(path.segments.size(), 2u);
  EXPECT_EQ(path.segments[0].p[0], (Point{1, 2}));
  EXPECT_EQ(path.segments[1].p[0], (Point{3, 4}));
  EXPECT_EQ(line_path(1, 1, 1, 1).segments.size(), 2u);
}

TEST(Points, ParsesPairsWithAnySeparators) {
  PointsParse parsed = parse_points(" 0,0 10 , 10\n20-5 .5.5 ", 100);
  EXPECT_TRUE(parsed.complete);
  EXPECT_EQ(parsed.points, (std::vector<Point>{{0, 0}, {10, 10}, {20, -5}, {0.5, 0.5}}));
  EXPECT_TRUE(parse_points("", 100).points.empty());
  EXPECT_TRUE(parse_points("", 100).complete);
}

TEST(Points, OddCountDropsTheLastCoordinate) {
  PointsParse parsed = parse_points("0 0 10 10 20", 100);
  EXPECT_FALSE(parsed.complete);
  EXPECT_EQ(parsed.points, (std::vector<Point>{{0, 0}, {10, 10}}));
  EXPECT_EQ(parsed.error_offset, 10u);
}

TEST(Points, ErrorsKeepWhatCameBefore) {
  PointsParse parsed = parse_points("0 0 10 10 20 x 30 30", 100);
  EXPECT_FALSE(parsed.complete);
  EXPECT_EQ(parsed.points.size(), 2u);
  EXPECT_EQ(parsed.error_offset, 13u);
  EXPECT_FALSE(parse_points("0 0,", 100).complete);
  EXPECT_EQ(parse_points("0 0,", 100).points.size(), 1u);
  EXPECT_FALSE(parse_points("0 0,,1 1", 100).complete);
  EXPECT_FALSE(parse_points(",0 0", 100).complete);
}

TEST(Points, LimitBoundsTheOutput) {
  PointsParse parsed = parse_points("0 0 1 1 2 2 3 3", 2);
  EXPECT_FALSE(parsed.complete);
  EXPECT_EQ(parsed.points.size(), 2u);
  EXPECT_EQ(parsed.error_offset, 8u);
}

TEST(PolyPaths, PolylineIsOpenPolygonIsClosed) {
  std::vector<Point> points{{0, 0}, {10, 0}, {10, 10}};
  Path polyline = polyline_path(points);
  ASSERT_EQ(polyline.segments.size(), 3u);
  EXPECT_EQ(polyline.segments[0].kind, Kind::move);
  EXPECT_EQ(polyline.segments[2].kind, Kind::line);
  Path polygon = polygon_path(points);
  ASSERT_EQ(polygon.segments.size(), 4u);
  EXPECT_EQ(polygon.segments[3].kind, Kind::close);
  EXPECT_TRUE(polyline_path({}).empty());
  EXPECT_TRUE(polygon_path({}).empty());
}

}  // namespace
}  // namespace bimi::svgps::geometry
