#include <gtest/gtest.h>

#include <clocale>
#include <cmath>
#include <iterator>
#include <random>

#include "geometry/format.hpp"
#include "geometry/path_data.hpp"
#include "geometry/shapes.hpp"
#include "geometry_test_support.hpp"

namespace bimi::svgps::geometry {
namespace {

using Kind = Segment::Kind;

Path parse(std::string_view d) {
  PathParse parsed = parse_path_data(d, 100'000);
  EXPECT_TRUE(parsed.complete) << d << ": " << parsed.error;
  return parsed.path;
}

std::string reformat(std::string_view d, int decimals = 3) {
  return format_path(parse(d), decimals);
}

TEST(FormatNumber, CompactForms) {
  EXPECT_EQ(format_number(0.5, 3), ".5");
  EXPECT_EQ(format_number(-0.5, 3), "-.5");
  EXPECT_EQ(format_number(-0.0, 3), "0");
  EXPECT_EQ(format_number(-0.0004, 3), "0");
  EXPECT_EQ(format_number(12.3456, 2), "12.35");
  EXPECT_EQ(format_number(12.3, 5), "12.3");
  EXPECT_EQ(format_number(100, 3), "100");
  EXPECT_EQ(format_number(1e21, 1), "1000000000000000000000");
  EXPECT_EQ(format_number(2.5, -4), "2");  // decimals clamped to 0; ties to even
  EXPECT_EQ(format_number(INFINITY, 3), "0");
  EXPECT_EQ(format_number(NAN, 3), "0");
}

TEST(FormatPath, Empty) { EXPECT_EQ(format_path(Path{}, 3), ""); }

TEST(FormatPath, SeparatorsOnlyWhereNeeded) {
  EXPECT_EQ(reformat("M1 2 L3 -4"), "M1 2 3-4");
  EXPECT_EQ(reformat("M0.5 0.5"), "M.5.5");
  EXPECT_EQ(reformat("M-0.5 -0.5"), "M-.5-.5");
  EXPECT_EQ(reformat("M1 0.5"), "M1 .5");
  EXPECT_EQ(reformat("M1.5 0.5"), "M1.5.5");
}

TEST(FormatPath, NumberForms) {
  EXPECT_EQ(reformat("M1.23456 2.5", 3), "M1.235 2.5");
  EXPECT_EQ(reformat("M1.0001 2", 3), "M1 2");
  EXPECT_EQ(reformat("M-0.0001 0", 3), "M0 0");  // no "-0"
  EXPECT_EQ(reformat("M10.5 20", 0), "M10 20");  // round half to even at 0 decimals
}

TEST(FormatPath, NoExponentsAndNoTrailingZerosInIntegers) {
  EXPECT_EQ(reformat("M100 2000", 2), "M100 2000");
  EXPECT_EQ(reformat("M1e5 1e-5", 3), "M100000 0");
}

TEST(FormatPath, RelativeWhenShorterAbsoluteOnTies) {
  EXPECT_EQ(reformat("M100 100 L101 101"), "M100 100l1 1");
  EXPECT_EQ(reformat("M1 1 L2 3"), "M1 1 2 3");  // tie: absolute, the L implied after M
  EXPECT_EQ(reformat("M100 100 L101 101 L102 102"), "M100 100l1 1 1 1");
}

TEST(FormatPath, HorizontalAndVerticalLines) {
  EXPECT_EQ(reformat("M100 100 L200 100 L200 200"), "M100 100H200V200");
  EXPECT_EQ(reformat("M100 100 H101 V102"), "M100 100h1v2");
}

TEST(FormatPath, ImplicitRepetition) {
  EXPECT_EQ(reformat("M1 1 H2 H3"), "M1 1H2 3");
  EXPECT_EQ(reformat("M0 0 C1 1 2 2 3 3 C4 5 5 5 6 7"), "M0 0C1 1 2 2 3 3 4 5 5 5 6 7");
  // After m the implied command is l; a second move keeps its letter.
  EXPECT_EQ(reformat("M1 1 M2 2"), "M1 1M2 2");
}

TEST(FormatPath, CloseAndTheImplicitStart) {
  EXPECT_EQ(reformat("M0 0 H10 V10 Z"), "M0 0H10V10Z");
  // The move the parser inserted after Z is not written back.
  EXPECT_EQ(reformat("M0 0 H10 V10 Z L5 5"), "M0 0H10V10ZL5 5");
  EXPECT_EQ(reformat("M0 0 H10 V10 Z M20 20 H30"), "M0 0H10V10ZM20 20H30");
  // Relative to the subpath start after Z.
}

TEST(FormatPath, RelativeAfterCloseStartsFromTheSubpathStart) {
  std::string d = reformat("M100 100 H110 V110 Z M101 101 H102");
  EXPECT_EQ(d, "M100 100h10v10Zm1 1h1");
}

TEST(FormatPath, SmoothCubics) {
  EXPECT_EQ(reformat("M0 0 C0 10 10 10 10 0 S20 -10 20 0"), "M0 0C0 10 10 10 10 0S20-10 20 0");
}

TEST(FormatPath, HugeJumpsAreWrittenAbsolute) {
  // The relative step would overflow a double: only the absolute form is right.
  Path path;
  path.segments = {Segment::move_to({-1.5e308, 0}), Segment::line_to({1.5e308, 1})};
  PathParse back = parse_path_data(format_path(path, 2), 10);
  ASSERT_TRUE(back.complete);
  ASSERT_EQ(back.path.segments.size(), 2u);
  EXPECT_EQ(back.path.segments[1].p[0].x, 1.5e308);
  EXPECT_EQ(back.path.segments[1].p[0].y, 1);
}

TEST(FormatPath, PathNotStartingWithAMoveGetsOne) {
  Path path;
  path.segments = {Segment::line_to({1, 2})};
  EXPECT_EQ(format_path(path, 3), "M0 0 1 2");
}

TEST(FormatPath, LocaleIndependent) {
  const char* previous = std::setlocale(LC_NUMERIC, "de_DE.UTF-8");
  EXPECT_EQ(reformat("M1.5 2.25"), "M1.5 2.25");
  if (previous) std::setlocale(LC_NUMERIC, "C");
}

// Every point of `b` within `bound` of the matching point of `a` (segments matched in order).
::testing::AssertionResult same_within(const Path& a, const Path& b, double bound) {
  if (a.segments.size() != b.segments.size()) {
    return ::testing::AssertionFailure()
           << a.segments.size() << " vs " << b.segments.size() << " segments";
  }
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    if (a.segments[i].kind != b.segments[i].kind) {
      return ::testing::AssertionFailure() << "segment " << i << " differs in kind";
    }
    int used = a.segments[i].kind == Kind::cubic ? 3 : a.segments[i].kind == Kind::close ? 0 : 1;
    for (int j = 0; j < used; ++j) {
      auto near = testing::near(b.segments[i].p[j], a.segments[i].p[j], bound);
      if (!near) return near << " (segment " << i << ", point " << j << ")";
    }
  }
  return ::testing::AssertionSuccess();
}

TEST(FormatPath, RoundTripsWithinTheLastDigit) {
  std::mt19937 random(3);
  std::uniform_real_distribution<double> coordinate(-500, 500);
  std::uniform_int_distribution<int> kind(0, 9);
  for (int decimals : {0, 1, 2, 3, 6}) {
    double bound = std::pow(10.0, -decimals);
    for (int round = 0; round < 100; ++round) {
      Path path;
      Point current{coordinate(random), coordinate(random)};
      path.segments.push_back(Segment::move_to(current));
      Point previous_c2 = current;
      bool previous_cubic = false;
      for (int i = 0; i < 30; ++i) {
        int k = kind(random);
        Point to{coordinate(random), coordinate(random)};
        if (k <= 2) {
          path.segments.push_back(Segment::line_to(to));
          previous_cubic = false;
        } else if (k == 3) {
          path.segments.push_back(Segment::line_to({to.x, current.y}));  // horizontal
          to.y = current.y;
          previous_cubic = false;
        } else if (k == 4) {
          // Smooth continuation, as S would give.
          Point c1 = previous_cubic
                         ? Point{2 * current.x - previous_c2.x, 2 * current.y - previous_c2.y}
                         : current;
          Point c2{coordinate(random), coordinate(random)};
          path.segments.push_back(Segment::cubic_to(c1, c2, to));
          previous_c2 = c2;
          previous_cubic = true;
        } else if (k <= 7) {
          Point c2{coordinate(random), coordinate(random)};
          path.segments.push_back(
              Segment::cubic_to({coordinate(random), coordinate(random)}, c2, to));
          previous_c2 = c2;
          previous_cubic = true;
        } else if (k == 8) {
          path.segments.push_back(Segment::close());
          path.segments.push_back(Segment::move_to(to));
          previous_cubic = false;
        } else {
          path.segments.push_back(Segment::line_to({to.x * 1e-3, to.y * 1e-3}));  // small steps
          to = {to.x * 1e-3, to.y * 1e-3};
          previous_cubic = false;
        }
        current = to;
      }
      std::string d = format_path(path, decimals);
      PathParse reparsed = parse_path_data(d, 100'000);
      ASSERT_TRUE(reparsed.complete) << d;
      ASSERT_TRUE(same_within(path, reparsed.path, bound)) << "decimals " << decimals << ": " << d;
      // Formatting is deterministic and idempotent on its own output.
      EXPECT_EQ(format_path(reparsed.path, decimals), d);
    }
  }
}

TEST(FormatPath, RoundTripsShapesAndArcs) {
  for (std::string_view d : {"M10 10 A20 30 15 1 0 60 40 Z", "M0 0 Q50 100 100 0 T200 0",
                             "M5 5 h10 v10 h-10 z m30 0 h10 v10 h-10 z"}) {
    Path path = parse(d);
    for (int decimals : {1, 2, 4}) {
      PathParse back = parse_path_data(format_path(path, decimals), 1000);
      ASSERT_TRUE(back.complete);
      EXPECT_TRUE(same_within(path, back.path, std::pow(10.0, -decimals))) << d;
    }
  }
  auto rect = rect_path(0.25, 0.5, 100, 50, 10.0, std::nullopt);
  PathParse back = parse_path_data(format_path(*rect, 3), 1000);
  EXPECT_TRUE(same_within(*rect, back.path, 1e-3));
}

TEST(FormatPath, WhatTheParserKeepsFromRandomInputRoundTrips) {
  std::mt19937 random(9);
  const char* pieces[] = {"M", "m", "L", "l",    "H",   "h",  "V", "v",  "C",    "c",  "S", "s",
                          "Q", "q", "T", "t",    "A",   "a",  "Z", "z",  "0",    "1",  "7", ".",
                          "-", " ", ",", "3.25", "-.5", "99", "x", "00", "1e-7", "1e3"};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  for (int round = 0; round < 3000; ++round) {
    std::string d = "M";
    int length = static_cast<int>(random() % 60);
    for (int i = 0; i < length; ++i) d += pieces[pick(random)];
    PathParse parsed = parse_path_data(d, 1000);
    std::string written = format_path(parsed.path, 4);
    PathParse back = parse_path_data(written, 1000);
    ASSERT_TRUE(back.complete) << d << " -> " << written;
    ASSERT_TRUE(same_within(parsed.path, back.path, 1e-4)) << d << " -> " << written;
  }
}

}  // namespace
}  // namespace bimi::svgps::geometry
