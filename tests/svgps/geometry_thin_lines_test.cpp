// Thinning runs of line segments: fewer vertices, none of the dropped ones further than the
// tolerance from the outline that replaces it, curves and the ends of every run kept exactly.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "geometry/path_ops.hpp"
#include "geometry/thin_lines.hpp"
#include "geometry_test_support.hpp"

namespace bimi::svgps::geometry {
namespace {

using testing::near;

std::size_t count(const Path& path, Segment::Kind kind) {
  return static_cast<std::size_t>(std::count_if(path.segments.begin(), path.segments.end(),
                                                [&](const Segment& s) { return s.kind == kind; }));
}

// The vertices of a path of one subpath of lines, its start first.
std::vector<Point> vertices(const Path& path) {
  std::vector<Point> out;
  for (const Segment& s : path.segments) {
    if (s.kind == Segment::Kind::move || s.kind == Segment::Kind::line) out.push_back(s.p[0]);
  }
  return out;
}

// A square 100 units across whose edges are drawn as steps of a hundredth of a unit off the line
// (an auto-traced outline), 100 vertices per edge.
Path stepped_square() {
  Path path;
  path.segments.push_back(Segment::move_to({0, 0}));
  const Point corners[] = {{0, 0}, {100, 0}, {100, 100}, {0, 100}, {0, 0}};
  for (int edge = 0; edge < 4; ++edge) {
    const Point a = corners[edge], b = corners[edge + 1];
    for (int i = 1; i <= 100; ++i) {
      const double t = i / 100.0, wobble = i % 2 == 0 || i == 100 ? 0 : 0.01;
      path.segments.push_back(Segment::line_to({a.x + t * (b.x - a.x) + wobble, a.y + t * (b.y - a.y) + wobble}));
    }
  }
  path.segments.push_back(Segment::close());
  return path;
}

TEST(ThinLines, StepsWithinTheToleranceBecomeOneLinePerEdge) {
  const Path thinned = thinned_lines(stepped_square(), 0.05);
  // 64 vertices at most per line: each edge of 100 takes two.
  EXPECT_EQ(count(thinned, Segment::Kind::line), 8u);
  EXPECT_EQ(count(thinned, Segment::Kind::close), 1u);
  const std::vector<Point> kept = vertices(thinned);
  EXPECT_TRUE(near(kept.front(), {0, 0}));
  EXPECT_TRUE(near(kept.back(), {0, 0}));
  for (const Point corner : {Point{100, 0}, Point{100, 100}, Point{0, 100}}) {
    EXPECT_NE(std::find(kept.begin(), kept.end(), corner), kept.end()) << corner.x << "," << corner.y;
  }
}

TEST(ThinLines, StepsLargerThanTheToleranceAreKept) {
  const Path original = stepped_square();
  const Path thinned = thinned_lines(original, 0.001);
  EXPECT_EQ(thinned.segments.size(), original.segments.size());
}

// Every vertex left out lies within the tolerance of the thinned outline: checked on a run that
// wanders at random by up to twice the tolerance.
TEST(ThinLines, EveryDroppedVertexStaysWithinTheTolerance) {
  std::uint32_t state = 7;
  auto jitter = [&] {
    state = state * 1664525u + 1013904223u;
    return ((state >> 8) % 2001) / 1000.0 - 1.0;  // -1..1
  };
  Path path;
  path.segments.push_back(Segment::move_to({0, 0}));
  for (int i = 1; i <= 2000; ++i) path.segments.push_back(Segment::line_to({i * 0.05, 0.2 * jitter()}));
  const double tolerance = 0.1;
  const Path thinned = thinned_lines(path, tolerance);
  EXPECT_LT(thinned.segments.size(), path.segments.size());
  const std::vector<Point> kept = vertices(thinned);
  for (const Point& p : vertices(path)) {
    double nearest = INFINITY;
    for (std::size_t k = 0; k + 1 < kept.size(); ++k) nearest = std::min(nearest, distance_to_segment(p, kept[k], kept[k + 1]));
    EXPECT_LE(nearest, tolerance + 1e-12) << p.x << "," << p.y;
  }
  EXPECT_TRUE(near(kept.back(), vertices(path).back()));
}

TEST(ThinLines, CurvesMovesAndClosesAreKeptAsTheyAre) {
  Path path;
  path.segments.push_back(Segment::move_to({0, 0}));
  path.segments.push_back(Segment::line_to({1, 0}));
  path.segments.push_back(Segment::line_to({2, 0}));
  path.segments.push_back(Segment::cubic_to({3, 1}, {4, 1}, {5, 0}));
  path.segments.push_back(Segment::line_to({6, 0}));
  path.segments.push_back(Segment::line_to({7, 0}));
  path.segments.push_back(Segment::close());
  path.segments.push_back(Segment::move_to({10, 10}));
  path.segments.push_back(Segment::line_to({11, 10}));
  const Path thinned = thinned_lines(path, 0.01);
  ASSERT_EQ(thinned.segments.size(), 7u);
  EXPECT_EQ(thinned.segments[1].kind, Segment::Kind::line);
  EXPECT_TRUE(near(thinned.segments[1].p[0], {2, 0}));  // the run ends where the curve starts
  EXPECT_EQ(thinned.segments[2].kind, Segment::Kind::cubic);
  EXPECT_TRUE(near(thinned.segments[2].p[0], {3, 1}));
  EXPECT_TRUE(near(thinned.segments[3].p[0], {7, 0}));
  EXPECT_EQ(thinned.segments[4].kind, Segment::Kind::close);
  EXPECT_TRUE(near(thinned.segments[5].p[0], {10, 10}));
  EXPECT_TRUE(near(thinned.segments[6].p[0], {11, 10}));
}

// A cubic whose control points lie within the tolerance of its chord (a rounded dash end a
// fraction of a unit across) is a line of the run; one that bulges further stays a cubic.
TEST(ThinLines, ACubicFlatWithinTheToleranceJoinsTheRun) {
  Path path;
  path.segments.push_back(Segment::move_to({0, 0}));
  path.segments.push_back(Segment::line_to({1, 0}));
  path.segments.push_back(Segment::cubic_to({1.3, 0.02}, {1.6, -0.02}, {2, 0}));
  path.segments.push_back(Segment::line_to({3, 0}));
  path.segments.push_back(Segment::cubic_to({3.3, 1}, {3.6, 1}, {4, 0}));
  const Path thinned = thinned_lines(path, 0.05);
  ASSERT_EQ(thinned.segments.size(), 3u);
  EXPECT_EQ(thinned.segments[1].kind, Segment::Kind::line);
  EXPECT_TRUE(near(thinned.segments[1].p[0], {3, 0}));
  EXPECT_EQ(thinned.segments[2].kind, Segment::Kind::cubic);
  EXPECT_TRUE(near(thinned.segments[2].p[2], {4, 0}));
  // Under a finer tolerance the flat cubic is a curve again, and the lines around it stay.
  EXPECT_EQ(thinned_lines(path, 0.01).segments.size(), path.segments.size());
}

TEST(ThinLines, NoToleranceLeavesThePathAlone) {
  const Path original = stepped_square();
  EXPECT_EQ(thinned_lines(original, 0).segments.size(), original.segments.size());
  EXPECT_EQ(thinned_lines(original, NAN).segments.size(), original.segments.size());
}

}  // namespace
}  // namespace bimi::svgps::geometry
