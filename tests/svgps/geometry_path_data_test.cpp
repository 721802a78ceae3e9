#include <gtest/gtest.h>

#include <cmath>
#include <iterator>
#include <random>
#include <string>

#include "geometry/path_data.hpp"
#include "geometry_test_support.hpp"

namespace bimi::svgps::geometry {
namespace {

using testing::cubic_point;
using testing::near;
using Kind = Segment::Kind;

constexpr std::size_t unlimited = 1'000'000;

Path parse(std::string_view d) {
  PathParse parsed = parse_path_data(d, unlimited);
  EXPECT_TRUE(parsed.complete) << d << ": " << parsed.error << " at " << parsed.error_offset;
  return parsed.path;
}

std::string kinds(const Path& path) {
  std::string out;
  for (const Segment& s : path.segments) {
    out += s.kind == Kind::move    ? 'M'
           : s.kind == Kind::line  ? 'L'
           : s.kind == Kind::cubic ? 'C'
                                   : 'Z';
  }
  return out;
}

// The end point of each segment, with a close returning to the subpath's start.
std::vector<Point> end_points(const Path& path) {
  std::vector<Point> out;
  Point start;
  for (const Segment& s : path.segments) {
    if (s.kind == Kind::move) start = s.p[0];
    if (s.kind == Kind::close) {
      out.push_back(start);
    } else {
      out.push_back(s.kind == Kind::cubic ? s.p[2] : s.p[0]);
    }
  }
  return out;
}

TEST(PathData, EmptyIsCompleteAndEmpty) {
  PathParse parsed = parse_path_data("  ", unlimited);
  EXPECT_TRUE(parsed.complete);
  EXPECT_TRUE(parsed.path.empty());
}

TEST(PathData, AbsoluteAndRelativeLines) {
  Path path = parse("M10 10 L20 10 l0 10 H5 h5 V0 v5 Z");
  EXPECT_EQ(kinds(path), "MLLLLLLZ");
  std::vector<Point> expected{{10, 10}, {20, 10}, {20, 20}, {5, 20},
                              {10, 20}, {10, 0},  {10, 5},  {10, 10}};
  EXPECT_EQ(end_points(path), expected);
}

TEST(PathData, ImplicitRepeats) {
  // Extra pairs after M are L, after m are l.
  Path path = parse("M0 0 10 0 10 10 m5 5 1 1 2 2");
  EXPECT_EQ(kinds(path), "MLLMLL");
  std::vector<Point> expected{{0, 0}, {10, 0}, {10, 10}, {15, 15}, {16, 16}, {18, 18}};
  EXPECT_EQ(end_points(path), expected);
  EXPECT_EQ(kinds(parse("M0 0 C1 1 2 2 3 3 4 4 5 5 6 6")), "MCC");
  EXPECT_EQ(kinds(parse("M0 0 h1 2 3")), "MLLL");
}

TEST(PathData, FirstRelativeMoveIsAbsolute) {
  EXPECT_EQ(end_points(parse("m5 6")), (std::vector<Point>{{5, 6}}));
}

TEST(PathData, CompactNumberForms) {
  EXPECT_EQ(end_points(parse("M1.5.5")), (std::vector<Point>{{1.5, 0.5}}));
  EXPECT_EQ(end_points(parse("M1-2-3-4")), (std::vector<Point>{{1, -2}, {-3, -4}}));
  EXPECT_EQ(end_points(parse("M1e1-1E-1")), (std::vector<Point>{{10, -0.1}}));
  EXPECT_EQ(end_points(parse("M.5-.5L-.5.5")), (std::vector<Point>{{0.5, -0.5}, {-0.5, 0.5}}));
  EXPECT_EQ(end_points(parse("M1,2,3,4")), (std::vector<Point>{{1, 2}, {3, 4}}));
  EXPECT_EQ(end_points(parse("M 1 , 2 L\n3\t4")), (std::vector<Point>{{1, 2}, {3, 4}}));
  EXPECT_EQ(end_points(parse("M5.,5.")), (std::vector<Point>{{5, 5}}));
  EXPECT_EQ(end_points(parse("M+1+2")), (std::vector<Point>{{1, 2}}));
}

TEST(PathData, ArcFlagsWithoutSeparators) {
  Path compact = parse("M0 0a1 1 0 00 1 1");
  Path spaced = parse("M0 0 a 1 1 0 0 0 1 1");
  ASSERT_EQ(compact.segments.size(), spaced.segments.size());
  EXPECT_EQ(end_points(compact).back(), (Point{1, 1}));
  Path packed = parse("M0 0a1 1 0 111 1");  // large=1 sweep=1 x=1 y=1
  EXPECT_EQ(end_points(packed).back(), (Point{1, 1}));
  Path commas = parse("M0 0a1,1,0,1,1,1,1");
  EXPECT_EQ(end_points(commas).back(), (Point{1, 1}));
}

TEST(PathData, CloseReturnsToSubpathStartAndLaterCommandsStartThere) {
  Path path = parse("M10 10 L20 10 L20 20 Z l5 5");
  EXPECT_EQ(kinds(path), "MLLZML");
  EXPECT_EQ(path.segments[4].p[0], (Point{10, 10}));
  EXPECT_EQ(path.segments[5].p[0], (Point{15, 15}));
  // Relative moves after Z are relative to the subpath start.
  Path moved = parse("M10 10 L20 10 z m1 1");
  EXPECT_EQ(moved.segments.back().p[0], (Point{11, 11}));
  // Repeated Z adds nothing.
  EXPECT_EQ(kinds(parse("M0 0 L1 1 Z Z z")), "MLZ");
}

TEST(PathData, SmoothCubicReflectsOnlyAfterACubic) {
  Path path = parse("M0 0 C10 0 20 10 20 20 S30 40 40 40");
  ASSERT_EQ(kinds(path), "MCC");
  EXPECT_EQ(path.segments[2].p[0], (Point{20, 30}));  // reflection of (20,10) about (20,20)
  EXPECT_EQ(path.segments[2].p[1], (Point{30, 40}));
  Path after_line = parse("M0 0 L10 10 S20 20 30 10");
  EXPECT_EQ(after_line.segments[2].p[0], (Point{10, 10}));
  Path after_quad = parse("M0 0 Q5 5 10 0 S20 20 30 10");
  EXPECT_EQ(after_quad.segments[2].p[0], (Point{10, 0}));
  Path chained = parse("M0 0 s10 10 20 0 s10 -10 20 0");
  EXPECT_EQ(chained.segments[1].p[0], (Point{0, 0}));
  EXPECT_EQ(chained.segments[2].p[0], (Point{30, -10}));  // reflects the first s's (10,10)
  EXPECT_EQ(chained.segments[2].p[2], (Point{40, 0}));
}

TEST(PathData, QuadraticsBecomeExactCubics) {
  Path path = parse("M0 0 Q30 60 60 0");
  ASSERT_EQ(kinds(path), "MC");
  const Segment& c = path.segments[1];
  EXPECT_TRUE(near(c.p[0], {20, 40}));
  EXPECT_TRUE(near(c.p[1], {40, 40}));
  EXPECT_EQ(c.p[2], (Point{60, 0}));
  for (double t : {0.1, 0.25, 0.5, 0.8}) {
    double u = 1 - t;
    Point quadratic{2 * u * t * 30 + t * t * 60, 2 * u * t * 60};
    EXPECT_TRUE(near(cubic_point({0, 0}, c, t), quadratic));
  }
}

TEST(PathData, SmoothQuadraticReflection) {
  // T after Q reflects the control point; T after T keeps reflecting; T after L uses the point.
  Path path = parse("M0 0 Q10 10 20 0 T40 0 T60 0");
  ASSERT_EQ(kinds(path), "MCCC");
  // Second quad control: (30,-10), third: (50,10); cubic c1 = p0 + 2/3 (q - p0).
  EXPECT_TRUE(near(path.segments[2].p[0], {20 + 2.0 / 3 * 10, -2.0 / 3 * 10}));
  EXPECT_TRUE(near(path.segments[3].p[0], {40 + 2.0 / 3 * 10, 2.0 / 3 * 10}));
  Path after_line = parse("M0 0 L10 0 T20 0");
  EXPECT_TRUE(near(after_line.segments[2].p[0], {10, 0}));
  Path after_cubic = parse("M0 0 C0 10 10 10 10 0 t10 0");
  EXPECT_TRUE(near(after_cubic.segments[2].p[0], {10, 0}));
}

TEST(PathData, ArcSemicircleHasTwoQuarterCubicsOnTheCircle) {
  Path path = parse("M0 0 A10 10 0 0 1 20 0");
  ASSERT_EQ(kinds(path), "MCC");
  Point from{0, 0};
  for (std::size_t i = 1; i < path.segments.size(); ++i) {
    const Segment& c = path.segments[i];
    for (double t = 0; t <= 1; t += 0.125) {
      Point p = cubic_point(from, c, t);
      double radius = std::hypot(p.x - 10, p.y);
      EXPECT_NEAR(radius, 10, 10 * 3e-4);
    }
    from = c.p[2];
  }
  // sweep=1 goes through positive angles: with y down that is via (10,-10), the top.
  EXPECT_TRUE(near(path.segments[1].p[2], {10, -10}));
  Path other = parse("M0 0 A10 10 0 0 0 20 0");
  EXPECT_TRUE(near(other.segments[1].p[2], {10, 10}));
}

TEST(PathData, ArcRadiiTooSmallAreScaledUp) {
  // Radius 1 cannot span 20 units: it scales to 10, a semicircle.
  Path path = parse("M0 0 A1 1 0 0 1 20 0");
  ASSERT_EQ(kinds(path), "MCC");
  EXPECT_TRUE(near(path.segments[1].p[2], {10, -10}, 1e-9));
  EXPECT_EQ(path.segments[2].p[2], (Point{20, 0}));
}

TEST(PathData, ArcDegenerateCases) {
  EXPECT_EQ(kinds(parse("M5 5 A10 10 0 0 1 5 5")), "M");  // same end points: omitted
  Path zero = parse("M0 0 A0 10 0 0 1 20 0");
  EXPECT_EQ(kinds(zero), "ML");
  EXPECT_EQ(zero.segments[1].p[0], (Point{20, 0}));
  EXPECT_EQ(kinds(parse("M0 0 a10 0 0 0 1 20 0")), "ML");
  // Negative radii use their absolute values.
  Path negative = parse("M0 0 A-10 -10 0 0 1 20 0");
  Path positive = parse("M0 0 A10 10 0 0 1 20 0");
  ASSERT_EQ(negative.segments.size(), positive.segments.size());
  EXPECT_TRUE(near(negative.segments[1].p[2], positive.segments[1].p[2]));
}

TEST(PathData, LargeArcUsesAtMostNinetyDegreesPerCubic) {
  // Three quarters of a circle of radius 10 centred at (10, 0)... from (0,0) to (10,10).
  Path path = parse("M0 0 A10 10 0 1 1 10 10");
  ASSERT_EQ(kinds(path), "MCCC");
  Point from{0, 0};
  for (std::size_t i = 1; i < path.segments.size(); ++i) {
    for (double t = 0; t <= 1; t += 0.1) {
      Point p = cubic_point(from, path.segments[i], t);
      EXPECT_NEAR(std::hypot(p.x - 10, p.y), 10, 3e-3);
    }
    from = path.segments[i].p[2];
  }
  EXPECT_EQ(from, (Point{10, 10}));
  EXPECT_EQ(kinds(parse("M0 0 A10 10 0 0 1 10 10")), "MC");  // the short way is one quarter
}

TEST(PathData, RotatedEllipticalArc) {
  // An ellipse rx=20 ry=10 rotated 90°: its long axis is vertical.
  Path path = parse("M0 0 A20 10 90 0 1 0 40");
  Point from{0, 0};
  double max_x = 0;
  for (std::size_t i = 1; i < path.segments.size(); ++i) {
    for (double t = 0; t <= 1; t += 0.05) {
      Point p = cubic_point(from, path.segments[i], t);
      // Centre (0,20), semi-axes 10 along x and 20 along y.
      double q = (p.x * p.x) / 100 + ((p.y - 20) * (p.y - 20)) / 400;
      EXPECT_NEAR(q, 1, 2e-3);
      max_x = std::fmax(max_x, std::fabs(p.x));
    }
    from = path.segments[i].p[2];
  }
  EXPECT_NEAR(max_x, 10, 1e-2);
}

TEST(PathData, ArcsWithExtremeRadiiStayFinite) {
  auto all_finite = [](const Path& path) {
    for (const Segment& s : path.segments) {
      for (const Point& p : s.p) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) return false;
      }
    }
    return true;
  };
  // A huge radius: the short arc is its chord.
  Path huge = parse("M0 0 A1e300 1e300 0 0 1 10 0");
  EXPECT_EQ(kinds(huge), "ML");
  EXPECT_EQ(end_points(huge).back(), (Point{10, 0}));
  // Large, but still well inside the precision of a double: a true (very flat) arc.
  Path flat = parse("M0 0 A1e6 1e6 0 0 1 10 0");
  EXPECT_EQ(kinds(flat), "MC");
  EXPECT_NEAR(flat.segments[1].p[0].y, -10.0 / 3 * 5 / 1e6, 1e-9);
  EXPECT_TRUE(all_finite(parse("M0 0 A1e300 1e300 0 1 1 10 0")));
  // A tiny radius scales up to a semicircle.
  Path tiny = parse("M0 0 A1e-300 1e-300 0 0 1 10 0");
  ASSERT_EQ(kinds(tiny), "MCC");
  EXPECT_TRUE(near(tiny.segments[1].p[2], {5, -5}, 1e-9));
  // Wildly different radii.
  Path skewed = parse("M0 0 A1e200 1e-200 30 1 0 10 5");
  EXPECT_TRUE(all_finite(skewed));
  EXPECT_EQ(end_points(skewed).back(), (Point{10, 5}));
}

TEST(PathData, OverflowingCoordinatesStopTheParse) {
  PathParse parsed = parse_path_data("M1e308 0 L0 0 M1e308 0 l1e308 0", unlimited);
  EXPECT_FALSE(parsed.complete);
  EXPECT_EQ(kinds(parsed.path), "MLM");
  EXPECT_EQ(parsed.error_offset, 23u);
  EXPECT_FALSE(
      parse_path_data("M0 0 C1e308 0 1e308 0 1e308 0 s1e308 0 1e308 0", unlimited).complete);
}

TEST(PathData, SyntaxErrorKeepsEverythingBefore) {
  PathParse parsed = parse_path_data("M10 10 L20 20 30", unlimited);
  EXPECT_FALSE(parsed.complete);
  EXPECT_EQ(kinds(parsed.path), "ML");
  EXPECT_EQ(parsed.error_offset, 16u);
  EXPECT_FALSE(parsed.error.empty());

  parsed = parse_path_data("M10 10 L20 20 X 5", unlimited);
  EXPECT_FALSE(parsed.complete);
  EXPECT_EQ(kinds(parsed.path), "ML");
  EXPECT_EQ(parsed.error_offset, 14u);
}

TEST(PathData, MustBeginWithMove) {
  PathParse parsed = parse_path_data("L10 10", unlimited);
  EXPECT_FALSE(parsed.complete);
  EXPECT_TRUE(parsed.path.empty());
  EXPECT_EQ(parsed.error_offset, 0u);
  parsed = parse_path_data("  10 10", unlimited);
  EXPECT_FALSE(parsed.complete);
  EXPECT_EQ(parsed.error_offset, 2u);
}

TEST(PathData, MalformedInputs) {
  struct Case {
    const char* d;
    const char* kept;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"M1 2,", "M"},                // trailing comma
           {"M1 2,L3 4", "M"},            // comma before a command
           {"M1 2 L3,,4", "M"},           // double comma
           {"M,1 2", ""},                 // comma before the first argument
           {"M1 2 Z 3 4", "MZ"},          // Z takes no arguments
           {"M0 0 a1 1 0 2 0 1 1", "M"},  // flag must be 0 or 1
           {"M0 0 a1 1 0 0", "M"},        // truncated arc
           {"M0 0 L1e", "M"},             // "1" then a stray "e"
           {"M0 0 L1e999 0", "M"},        // overflowing number
           {"M0 0 L--1 0", "M"},
           {"M0 0 L1 1 #", "ML"},
           {"M 1", ""},
       }) {
    PathParse parsed = parse_path_data(c.d, unlimited);
    EXPECT_FALSE(parsed.complete) << c.d;
    EXPECT_EQ(kinds(parsed.path), c.kept) << c.d;
  }
}

TEST(PathData, SegmentLimitStopsTheParse) {
  std::string d = "M0 0";
  for (int i = 0; i < 1000; ++i) d += " L1 1";
  PathParse parsed = parse_path_data(d, 100);
  EXPECT_FALSE(parsed.complete);
  EXPECT_EQ(parsed.path.segments.size(), 100u);
  EXPECT_NE(parsed.error.find("100"), std::string::npos);
  // An arc that would need more room than is left is not split.
  PathParse arc = parse_path_data("M0 0 A10 10 0 0 1 20 0", 2);
  EXPECT_FALSE(arc.complete);
  EXPECT_EQ(kinds(arc.path), "M");
  EXPECT_TRUE(parse_path_data("M0 0 A10 10 0 0 1 20 0", 3).complete);
  EXPECT_FALSE(parse_path_data("M0 0", 0).complete);
}

TEST(PathData, RandomInputNeverBreaksTheInvariants) {
  // Fragments of valid and invalid path data glued at random: the parse stays within its limit,
  // starts with a move, reports an offset inside the input and yields only finite points.
  std::mt19937 random(5);
  const char* pieces[] = {"M",  "m",     "L",   "l",   "H", "h",  "V",   "v", "C", "c",
                          "S",  "s",     "Q",   "q",   "T", "t",  "A",   "a", "Z", "z",
                          "0",  "1",     "7",   ".",   "-", "+",  "e",   "E", " ", ",",
                          "\t", "1e308", "-.5", "9.9", "x", "00", "1e-7"};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  for (int round = 0; round < 3000; ++round) {
    std::string d = round % 2 ? "M" : "";
    int length = static_cast<int>(random() % 60);
    for (int i = 0; i < length; ++i) d += pieces[pick(random)];
    PathParse parsed = parse_path_data(d, 64);
    ASSERT_LE(parsed.path.segments.size(), 64u) << d;
    if (!parsed.complete) {
      ASSERT_LE(parsed.error_offset, d.size()) << d;
    }
    if (!parsed.path.empty()) {
      ASSERT_EQ(parsed.path.segments[0].kind, Kind::move) << d;
    }
    for (const Segment& s : parsed.path.segments) {
      for (const Point& p : s.p) ASSERT_TRUE(std::isfinite(p.x) && std::isfinite(p.y)) << d;
    }
  }
}

}  // namespace
}  // namespace bimi::svgps::geometry

namespace bimi::svgps::geometry {
namespace {

// docs/limits.md: path segments per path. The path is drawn up to the limit and reported.
TEST(PathDataLimit, StopsAtTheSegmentLimit) {
  PathParse parsed = parse_path_data("M0 0 L1 1 L2 2 L3 3 L4 4 L5 5", 3);
  EXPECT_FALSE(parsed.complete);
  EXPECT_EQ(parsed.path.segments.size(), 3u);
  EXPECT_FALSE(parsed.error.empty());
  PathParse within = parse_path_data("M0 0 L1 1 L2 2", 3);
  EXPECT_TRUE(within.complete);
}

// librsvg's outlines: its quadratic formula, and arcs omitted only when their ends are equal (an
// arc ending 1/1000 of a unit from its start is nearly a whole circle). The pixels these give are
// compared with librsvg's own in SceneDrawing.EqualsLibrsvgOnEveryPlainFixture.
TEST(PathDataLibrsvgForm, QuadraticsAndArcsAsLibrsvgComputesThem) {
  auto librsvg = [](std::string_view d) {
    PathParse parsed = parse_path_data(d, unlimited, CurveForm::librsvg);
    EXPECT_TRUE(parsed.complete) << d;
    return parsed.path;
  };
  Path quadratic = librsvg("M0.1 0.7Q0.3 0.9 0.7 0.1");
  ASSERT_EQ(kinds(quadratic), "MC");
  EXPECT_EQ(quadratic.segments[1].p[0].x, (0.1 + 2.0 * 0.3) / 3.0);
  EXPECT_EQ(quadratic.segments[1].p[1].y, (0.1 + 2.0 * 0.9) / 3.0);
  EXPECT_EQ(kinds(librsvg("M6 12a6 6 0 1 0 0 0z")), "MZ");
  Path almost = librsvg("M6 12a6 6 0 1 0 .001 0z");
  EXPECT_EQ(kinds(almost), "MCCCCZ");
  // The converter's own form drops nothing either, but places the last end exactly.
  EXPECT_EQ(parse("M6 12a6 6 0 1 0 .001 0z").segments[4].p[2].x, 6.001);
  EXPECT_NE(almost.segments[4].p[2].x, 6.001);
  EXPECT_NEAR(almost.segments[4].p[2].x, 6.001, 1e-9);
  EXPECT_EQ(kinds(librsvg("M0 0a0 5 0 0 1 10 0")), "ML");
}

}  // namespace
}  // namespace bimi::svgps::geometry
